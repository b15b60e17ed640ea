"""The office on loopback: the shipped kamailio configuration and seats (engine processes)
registered with it; sipp callers dial the office through kamailio."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from softphone import commands as cmds
from softphone import events as ev
from tests.fixtures.sip import Phone, Registrar, SippRun, make_registrar, run_sipp, start_phone

SIPP = Path(__file__).resolve().parent / "sipp"
SEATS = {"alice": "alicepw", "bob": "bobpw", "carol": "carolpw"}
CLIENT_NUMBER = "+4930123456"  # the client's number the carrier forwarded (Diversion)


def registered(phone: Phone, registrar: Registrar, user: str) -> None:
    phone.send(cmds.Register(registrar=registrar.address, username=user, password=SEATS[user]))
    phone.wait(
        lambda e: isinstance(e, ev.RegistrationState) and e.state == "registered",
        15,
        f"{user} registered",
    )


@dataclass
class Office:
    registrar: Registrar
    tmp_path: Path
    seats: dict[str, Phone] = field(default_factory=dict)

    def call(self, scenario: str = "uac_office.xml", **keys: str) -> SippRun:
        """A caller dialling the office (``sip:office@…``) through kamailio."""
        keys = {"CLIENT": CLIENT_NUMBER, "TALK_MS": "1500", "RING_MS": "800", **keys}
        target = keys.pop("TARGET", "office")
        return run_sipp(
            self.tmp_path, str(SIPP / scenario), self.registrar.address, target, keys=keys
        )


@pytest.fixture
def office_factory(tmp_path: Path) -> Iterator[Callable[..., Office]]:
    """``make("alice", "bob")``: kamailio and those seats, each registered as its user."""
    made: list[Office] = []

    def make(*users: str) -> Office:
        registrar = make_registrar(tmp_path)
        registrar.start()
        office = Office(registrar, tmp_path)
        made.append(office)
        for user in users:
            office.seats[user] = start_phone(user=user)
        for user, phone in office.seats.items():
            registered(phone, registrar, user)
        return office

    yield make
    for office in made:
        for phone in office.seats.values():
            phone.process.stop()
        office.registrar.stop()
