"""The demo dataset: four realistic clients, their staff, callers and some call history.

The data lives in ``resources/demo/demo.json`` with dates relative to the moment of
loading, so the demo always shows current absences, an upcoming vacation and recent calls.
"""

from __future__ import annotations

import datetime as dt
import importlib.resources
import json
from typing import Any

from appenv import logs
from clients.hours_text import parse_hours
from clients.model import (
    Availability,
    Caller,
    CallRecord,
    Client,
    ClosurePeriod,
    Direction,
    FaqEntry,
    Outcome,
    Script,
    Staff,
    Variant,
)
from storage.interfaces import ClientStore

log = logs.get("clients")

DEMO_FILE = "demo.json"

# (hours ago, outcome, duration in seconds) for the n-th caller of a client
_HISTORY: tuple[tuple[tuple[float, Outcome, float], ...], ...] = (
    (
        (3.5, Outcome.ANSWERED, 184.0),
        (27.0, Outcome.TRANSFERRED, 95.0),
        (170.0, Outcome.ANSWERED, 240.0),
    ),
    ((5.0, Outcome.MISSED, 0.0), (52.0, Outcome.ANSWERED, 130.0)),
    ((76.0, Outcome.ANSWERED, 62.0),),
)


def demo_data() -> dict[str, Any]:
    text = importlib.resources.files("resources").joinpath("demo", DEMO_FILE).read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def load_demo(store: ClientStore, now: dt.datetime | None = None) -> int:
    """Load the demo into ``store``; returns the number of clients added.

    Idempotent: when any demo client code exists already, nothing is changed and 0 is
    returned. Everything is written in one transaction.
    """
    now = now or dt.datetime.now(dt.UTC)
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    data = demo_data()
    if any(store.get_client_by_code(c["code"]) for c in data["clients"]):
        return 0
    with store.transaction():
        for entry in data["clients"]:
            _load_client(store, entry, now)
        for shared in data.get("shared_callers", []):
            store.add_caller(_caller(shared, None))
    log.info("demo dataset loaded (%d clients)", len(data["clients"]))
    return len(data["clients"])


def _caller(entry: dict[str, Any], client_id: int | None) -> Caller:
    return Caller(
        client_id=client_id,
        name=entry["name"],
        company=entry.get("company", ""),
        salutation=entry.get("salutation", ""),
        numbers=tuple(entry["numbers"]),
        notes=entry.get("notes", ""),
        vip=entry.get("vip", False),
        blocked=entry.get("blocked", False),
    )


def _load_client(store: ClientStore, entry: dict[str, Any], now: dt.datetime) -> None:
    client = store.add_client(
        Client(
            code=entry["code"],
            name=entry["name"],
            colour=entry["colour"],
            language=entry["language"],
            state=entry["state"],
            report_recipients=tuple(entry.get("report_recipients", ())),
            encrypt_reports=entry.get("encrypt_reports", False),
        )
    )
    assert client.id is not None
    cid = client.id
    for number, label in entry["numbers"]:
        store.add_number(cid, number, label)
    store.set_business_hours(cid, parse_hours(entry["hours"]))
    for variant, (greeting, instructions) in entry["scripts"].items():
        store.set_script(
            Script(
                client_id=cid,
                variant=Variant(variant),
                language=client.language,
                greeting=greeting,
                instructions=instructions,
            )
        )
    today = now.date()
    for closure in entry.get("closures", []):
        start = today + dt.timedelta(days=closure["start_in_days"])
        store.add_closure(
            ClosurePeriod(
                client_id=cid,
                start=start,
                end=start + dt.timedelta(days=closure["days"] - 1),
                reason=closure.get("reason", ""),
            )
        )
    for position, person in enumerate(entry.get("staff", [])):
        absent = person.get("absent_in_hours")
        store.add_staff(
            Staff(
                client_id=cid,
                name=person["name"],
                role=person.get("role", ""),
                transfer_target=person.get("transfer_target", ""),
                availability=Availability(person.get("availability", "present")),
                absent_until=now + dt.timedelta(hours=absent) if absent else None,
                note=person.get("note", ""),
                always_put_through=tuple(person.get("always_put_through", ())),
                position=position,
            )
        )
    for position, (question, answer) in enumerate(entry.get("faq", [])):
        store.add_faq(FaqEntry(client_id=cid, question=question, answer=answer, position=position))
    dialled = entry["numbers"][0][0]
    for index, person in enumerate(entry.get("callers", [])):
        caller = store.add_caller(_caller(person, cid))
        for hours_ago, outcome, duration in _HISTORY[index % len(_HISTORY)]:
            started = now - dt.timedelta(hours=hours_ago)
            answered = outcome in (Outcome.ANSWERED, Outcome.TRANSFERRED)
            store.record_call(
                CallRecord(
                    client_id=cid,
                    caller_number=caller.numbers[0],
                    caller_name=caller.name,
                    dialled_number=dialled,
                    direction=Direction.IN,
                    started_at=started,
                    answered_at=started + dt.timedelta(seconds=6) if answered else None,
                    ended_at=started + dt.timedelta(seconds=6 + duration),
                    duration_s=duration,
                    outcome=outcome,
                    sip_call_id=f"demo-{cid}-{index}-{hours_ago:g}@vorzimmer.invalid",
                )
            )
