"""resolve(): from call numbers to a screen-pop, on the demo data and on random data."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clients import phone_numbers as pn
from clients.demo import load_demo
from clients.lookup import Pop, resolve
from clients.model import (
    BusinessHours,
    Caller,
    CallRecord,
    Client,
    ClosurePeriod,
    FaqEntry,
    Outcome,
    Script,
    Staff,
    Variant,
)
from storage import open_database
from storage.interfaces import ClientStore
from tests.clients.conftest import berlin

NOW = berlin(2024, 11, 5, 10, 30)  # Tuesday


def test_known_client_and_caller_from_diversion_chain(store: ClientStore) -> None:
    load_demo(store, NOW - dt.timedelta(days=1))
    pop = resolve(
        store,
        ["sip:+4930555010 01@sbc;user=phone", "sip:+4930555010 02@sbc"],
        "tel:+49-171-5550142",
        NOW,
        operator="Frau Weber",
    )
    assert pop.client is not None and pop.client.code == "ROTH"
    assert pop.variant is Variant.BUSINESS_HOURS
    assert pop.greeting == (
        "Kanzlei Dr. Roth, guten Morgen, Herr Krause, mein Name ist "
        "Frau Weber. Was kann ich für Sie tun?"
    )
    assert pop.instructions.startswith("Keine Rechtsauskunft")
    assert pop.caller is not None and pop.caller.vip
    assert [s.name for s in pop.put_through] == ["Dr. Katharina Roth"]
    assert [s.availability for s in pop.staff] == ["meeting", "present", "absent_until"]
    assert len(pop.last_calls) == 3
    assert all(c.client_id == pop.client.id for c in pop.last_calls)
    assert pop.last_calls[0].started_at > pop.last_calls[-1].started_at
    assert pop.faq and pop.local_time.utcoffset() == dt.timedelta(hours=1)


@pytest.mark.parametrize(
    "sent",
    ["4915255503377", "sip:4915255503377@sbc.carrier.example;user=phone", "004915255503377"],
)
def test_known_caller_sent_international_without_plus(store: ClientStore, sent: str) -> None:
    """Regression (issue 7.1): read as a national number, the caller was "not known"."""
    load_demo(store, NOW)
    pop = resolve(store, ["+49 30 555 010 01"], sent, NOW, operator="Frau Weber")
    assert pop.caller is not None and pop.caller.name == "Petra Lehmann"
    assert pop.caller_number == "+4915255503377"
    assert pop.caller_phone == pn.PhoneNumber("+4915255503377", pn.Kind.E164)
    assert all(c.caller_number == "+4915255503377" for c in pop.last_calls)


@pytest.mark.parametrize(("sent", "shown"), [("1234567", "1234567"), ("030 1", "030 1")])
def test_unverified_caller_number_is_shown_but_never_looked_up(
    store: ClientStore, sent: str, shown: str
) -> None:
    load_demo(store, NOW)
    pop = resolve(store, ["+49 30 555 010 01"], sent, NOW, operator="Frau Weber")
    assert pop.caller is None and pop.last_calls == () and pop.put_through == ()
    assert pop.caller_number == shown
    assert pop.caller_phone is not None and not pop.caller_phone.verified


@pytest.mark.parametrize("sent", [None, "anonymous", "sip:anonymous@anonymous.invalid"])
def test_withheld_caller_has_no_number(store: ClientStore, sent: str | None) -> None:
    load_demo(store, NOW)
    pop = resolve(store, ["+49 30 555 010 01"], sent, NOW, operator="Frau Weber")
    assert pop.caller is None and pop.caller_number is None and pop.caller_phone is None


def test_unknown_caller_greeting_drops_the_name(store: ClientStore) -> None:
    load_demo(store, NOW)
    pop = resolve(store, ["040 3344 5500"], "0170 0000000", NOW, operator="Herr Sommer")
    assert pop.client is not None and pop.client.code == "YILMAZ"
    assert pop.caller is None and pop.last_calls == ()
    assert pop.greeting == "Praxis Dr. Yilmaz, guten Morgen, Sie sprechen mit Herr Sommer."


def test_unknown_client_pop(store: ClientStore) -> None:
    load_demo(store, NOW)
    pop = resolve(
        store, ["+49 89 111", None, "garbage"], "0228 5550 0001", NOW, operator="Frau Weber"
    )
    assert pop.client is None and not pop.known_client
    assert pop.variant is None and pop.staff == () and pop.last_calls == ()
    assert pop.caller is not None and pop.caller.client_id is None  # shared caller only
    assert "Frau Weber" in pop.greeting


def test_variants_on_holiday_vacation_and_english(store: ClientStore) -> None:
    load_demo(store, berlin(2024, 10, 1, 9, 0))  # Roth vacation: 10.11.–19.11.2024
    shop = resolve(store, ["+4930 55501004"], None, berlin(2024, 10, 31, 19, 0), operator="Anna")
    assert shop.variant is Variant.HOLIDAY  # Reformationstag in Hamburg
    assert shop.greeting.startswith(
        "Nordlicht Shop, good evening. Our team is off today for Reformation Day."
    )
    roth = resolve(store, ["+493055501001"], None, berlin(2024, 11, 12, 10, 0), operator="A")
    assert roth.variant is Variant.VACATION
    assert "ab dem 20.11.2024 wieder" in roth.greeting
    schulze = resolve(store, ["089 4455 6600"], None, berlin(2024, 10, 31, 10, 0), operator="A")
    assert schulze.variant is Variant.BUSINESS_HOURS  # no Reformationstag in Bavaria
    night = resolve(store, ["089 4455 6600"], None, berlin(2024, 11, 1, 0, 5), operator="A")
    assert night.variant is Variant.HOLIDAY and night.variant_reason == "Allerheiligen"


def test_blocked_caller_is_flagged(store: ClientStore) -> None:
    load_demo(store, NOW)
    pop = resolve(store, ["030 8891 2200"], "030 6677 8899", NOW)
    assert pop.caller is not None and pop.caller.blocked


def test_client_without_scripts_gets_the_default_greeting(store: ClientStore) -> None:
    c = store.add_client(Client(code="X", name="Firma X"))
    store.add_number(c.id or 0, "21")
    pop = resolve(store, ["21"], None, NOW, operator="Frau Weber")
    assert pop.variant is Variant.AFTER_HOURS and pop.script is None
    assert (
        pop.greeting
        == "Firma X, guten Morgen, Sie sprechen mit Frau Weber. Was kann ich für Sie tun?"
    )


# -- property: a pop never shows another client's data ------------------------------------

NUMBERS = [f"+4930555{i:04d}" for i in range(12)]


@st.composite
def worlds(draw: st.DrawFn) -> list[dict[str, object]]:
    count = draw(st.integers(min_value=1, max_value=4))
    pool = list(NUMBERS)
    clients = []
    for i in range(count):
        own = draw(st.lists(st.sampled_from(pool), max_size=2, unique=True))
        for n in own:
            pool.remove(n)
        clients.append(
            {
                "numbers": own,
                "callers": draw(st.lists(st.sampled_from(NUMBERS), max_size=4, unique=True)),
                "staff": draw(st.integers(0, 2)),
                "scripts": draw(st.lists(st.sampled_from(list(Variant)), unique=True)),
                "calls": draw(st.lists(st.sampled_from(NUMBERS), max_size=4)),
                "closed": draw(st.booleans()),
                "index": i,
            }
        )
    return clients


def owned_by(pop: Pop, client_id: int | None) -> None:
    """Every piece of the pop belongs to the pop's client (or is shared)."""
    for s in pop.staff + pop.put_through:
        assert s.client_id == client_id
    for f in pop.faq:
        assert f.client_id == client_id
    for c in pop.last_calls:
        assert c.client_id == client_id and c.caller_number == pop.caller_number
    if pop.caller is not None:
        assert pop.caller.client_id in (client_id, None)
    if pop.script is not None:
        assert pop.script.client_id == client_id


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    world=worlds(),
    shared=st.lists(st.sampled_from(NUMBERS), max_size=3, unique=True),
    candidates=st.lists(st.sampled_from([*NUMBERS, "+4940000", "garbage", None]), max_size=3),
    caller=st.one_of(st.none(), st.sampled_from(NUMBERS)),
    minutes=st.integers(0, 7 * 24 * 60),
)
def test_a_pop_never_contains_another_clients_data(world, shared, candidates, caller, minutes):
    store = open_database(":memory:").clients
    try:
        ids = []
        for spec in world:
            i = spec["index"]
            c = store.add_client(Client(code=f"C{i}", name=f"Mandant{i}x"))
            cid = c.id or 0
            ids.append(cid)
            for n in spec["numbers"]:
                store.add_number(cid, n)
            for variant in spec["scripts"]:
                store.set_script(
                    Script(
                        client_id=cid,
                        variant=variant,
                        greeting=f"{{greeting}} M{i}x {variant} {{caller_name}}",
                        instructions=f"I{i}x",
                    )
                )
            store.set_business_hours(cid, BusinessHours.weekly({0: [("09:00", "17:00")]}))
            if spec["closed"]:
                store.add_closure(
                    ClosurePeriod(
                        client_id=cid, start=dt.date(2024, 11, 6), end=dt.date(2024, 11, 7)
                    )
                )
            for k in range(spec["staff"]):
                store.add_staff(
                    Staff(
                        client_id=cid, name=f"S{i}x{k}", always_put_through=tuple(spec["callers"])
                    )
                )
            store.add_faq(FaqEntry(client_id=cid, question=f"Q{i}x", answer=f"A{i}x"))
            for j, n in enumerate(spec["callers"]):
                store.add_caller(Caller(client_id=cid, name=f"P{i}x{j}", numbers=(n,)))
            for n in spec["calls"]:
                store.record_call(
                    CallRecord(
                        client_id=cid, caller_number=n, started_at=NOW, outcome=Outcome.ANSWERED
                    )
                )
        for j, n in enumerate(shared):
            store.add_caller(Caller(client_id=None, name=f"Shared{j}", numbers=(n,)))

        now = NOW + dt.timedelta(minutes=minutes)
        pop = resolve(store, candidates, caller, now, operator="Op")
        expected = store.find_client_by_numbers(candidates)
        assert pop.client == expected
        owner = pop.client.id if pop.client else None
        owned_by(pop, owner)
        text = f"{pop.greeting} {pop.instructions}"
        for i, cid in enumerate(ids):
            if cid != owner:
                for marker in (f"Mandant{i}x", f"M{i}x", f"I{i}x", f"P{i}x"):
                    assert marker not in text
        if pop.caller is not None and pop.caller.client_id is not None:
            assert f"P{ids.index(owner or -1)}x" in pop.caller.name
    finally:
        store.close()
