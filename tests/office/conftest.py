"""The office on loopback: the shipped kamailio configuration and seats (engine processes)
registered with it; sipp callers dial the office through kamailio."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from clients.call_journal import CallJournal
from clients.model import CallRecord
from softphone import commands as cmds
from softphone import events as ev
from softphone.call_board import UNAVAILABLE_CODE, BoardCall, CallBoard, FinishedCall
from softphone.states import CallState
from tests.fixtures.sip import Phone, Registrar, SippRun, make_registrar, run_sipp, start_phone
from ui.phone import STEP_BACK_CODE

SIPP = Path(__file__).resolve().parent / "sipp"
SEATS = {"alice": "alicepw", "bob": "bobpw", "carol": "carolpw"}
CLIENT_NUMBER = "+49301234567"  # Kanzlei Dr. Roth (demo data), forwarded by the carrier


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


class Seat:
    """One seat as its window runs it, without the window: its engine's events folded into
    a call board (UI keys from :class:`ui.phone.CallKeys`) and routed to its call journal
    (a call turned away with 480 as :meth:`ui.main_window.MainWindow.on_turned_away` does),
    and *Answer* claimed first (what :meth:`ui.phone.PhoneAdapter.answer` does)."""

    def __init__(self, name: str, phone: Phone, journal: CallJournal) -> None:
        from ui.phone import CallKeys

        self.name = name
        self.phone = phone
        self.journal = journal
        self.board = CallBoard()
        self.keys = CallKeys()
        self.finished: list[tuple[FinishedCall, CallRecord]] = []
        self.taken: dict[str, str] = {}  # call key -> who has it (lost the claim)
        self._seen = 0

    def pump(self) -> None:
        """Fold in what the engine reported since the last pump."""
        events = self.phone.log.events
        while self._seen < len(events):
            event = self.keys.to_ui(events[self._seen])
            self._seen += 1
            changed, finished = self.board.apply(event)
            if changed is not None and changed.state != CallState.DISCONNECTED:
                self.journal.started(changed)
                self.journal.answered(changed)
            if finished is None:
                continue
            if isinstance(event, ev.CallRefused) and event.code == UNAVAILABLE_CODE:
                self.journal.turned_away(finished)  # as MainWindow.on_turned_away
                continue
            self.finished.append((finished, self.journal.finished(finished)))

    def wait_ringing(self, timeout: float = 10.0) -> BoardCall:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.pump()
            ringing = [c for c in self.board.ringing() if c.state == CallState.EARLY]
            if ringing:
                return ringing[0]
            time.sleep(0.005)
        raise AssertionError(f"{self.name} did not ring")

    def wait_finished(self, key: str, timeout: float = 10.0) -> tuple[FinishedCall, CallRecord]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.pump()
            for done in self.finished:
                if done[0].key == key:
                    return done
            time.sleep(0.01)
        raise AssertionError(f"{self.name}: call {key} did not end")

    def press_answer(self, key: str) -> str | None:
        """Claim, then answer, or step back as the adapter does; returns who has the call."""
        holder = self.journal.claim_answer(key, time.time())
        engine_id = self.keys.engine_id(key)
        assert engine_id is not None
        if holder is None:
            self.phone.send(cmds.Answer(call=engine_id))
        else:
            self.board.mark_taken(key, holder)
            self.taken[key] = holder
            self.phone.send(cmds.Reject(call=engine_id, code=STEP_BACK_CODE))
        return holder
