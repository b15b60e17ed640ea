"""The SQLite store against a real database file in a temporary home."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3

import pytest

from appenv.paths import AppPaths
from clients.errors import DuplicateCode, InvalidNumber, NotFound, NumberTaken
from clients.model import (
    Availability,
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
from storage.sqlite.fts import fts_query
from tests.clients.conftest import berlin


def add(store: ClientStore, code: str, *numbers: str) -> Client:
    client = store.add_client(Client(code=code, name=f"Firma {code}"))
    assert client.id is not None
    for n in numbers:
        store.add_number(client.id, n)
    return client


def test_sqlite_store_implements_the_interface(store: ClientStore) -> None:
    assert isinstance(store, ClientStore)


@pytest.mark.sqlite_only
def test_database_is_a_wal_file_in_the_home(store: ClientStore, app_paths: AppPaths) -> None:
    assert app_paths.database.exists()
    mode = sqlite3.connect(app_paths.database).execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"


def test_client_crud_and_persistence(app_paths: AppPaths) -> None:
    with open_database(app_paths.database).clients as store:
        c = store.add_client(
            Client(
                code="ROTH",
                name="Kanzlei Dr. Roth",
                colour="#112233",
                language="en",
                state="BB",
                report_recipients=("a@b.de",),
                encrypt_reports=True,
            )
        )
        assert c.id is not None
        with pytest.raises(DuplicateCode):
            store.add_client(Client(code="ROTH", name="other"))
        store.update_client(dataclasses.replace(c, name="Kanzlei Roth & Partner"))
    with open_database(app_paths.database).clients as store:
        again = store.get_client_by_code("ROTH")
        assert again == dataclasses.replace(c, name="Kanzlei Roth & Partner")
        assert store.get_client(c.id) == again
        assert store.list_clients() == [again]
        store.delete_client(c.id)
        assert store.get_client(c.id) is None
        with pytest.raises(NotFound):
            store.delete_client(c.id)


def test_invalid_client_values_are_refused() -> None:
    for kwargs in [
        dict(code="two words"),
        dict(colour="red"),
        dict(language="fr"),
        dict(state="XX"),
        dict(timezone="Mars/Olympus"),
        dict(report_time="25:00"),
    ]:
        with pytest.raises(ValueError):
            Client(**{"code": "C", "name": "N", **kwargs})  # type: ignore[arg-type]


def test_a_number_belongs_to_one_client_only(store: ClientStore) -> None:
    roth = add(store, "ROTH", "030 5550101")
    other = add(store, "OTHER")
    assert other.id is not None
    with pytest.raises(NumberTaken) as info:
        store.add_number(other.id, "+49 (0)30 555 01 01")
    assert info.value.number == "+49305550101"
    assert "ROTH" in str(info.value)
    with pytest.raises(NumberTaken):
        store.add_number(roth.id or 0, "tel:+49-30-5550101")
    with pytest.raises(InvalidNumber):
        store.add_number(other.id, "not a number")
    assert [n.number for n in store.list_numbers(roth.id or 0)] == ["+49305550101"]
    assert store.list_numbers(other.id) == []
    assert store.remove_number("030 5550101") is True
    assert store.add_number(other.id, "030 5550101").client_id == other.id


def test_find_client_first_matching_candidate_wins(store: ClientStore) -> None:
    a = add(store, "A", "+49 30 555 010 01")
    b = add(store, "B", "+49 30 555 010 02", "21")
    assert store.find_client_by_numbers(["sip:03055501001@host;user=phone"]) == a
    # Diversion original target first, then To: the first known one wins
    assert (
        store.find_client_by_numbers(["089 999", None, "garbage", "030 55501002", "030 55501001"])
        == b
    )
    assert store.find_client_by_numbers(["sip:21@pbx"]) == b
    assert store.find_client_by_numbers(["+4930999"]) is None
    assert store.find_client_by_numbers([]) is None


def test_scripts_hours_closures_staff_faq(store: ClientStore) -> None:
    c = add(store, "C")
    cid = c.id or 0
    s1 = store.set_script(Script(client_id=cid, variant=Variant.HOLIDAY, greeting="old"))
    s2 = store.set_script(
        Script(client_id=cid, variant=Variant.HOLIDAY, greeting="new", instructions="i")
    )
    assert s1.id == s2.id
    assert store.list_scripts(cid) == [s2]
    hours = BusinessHours.weekly(
        {0: [("08:00", "12:00"), ("13:00", "17:00")], 4: [("08:00", "24:00")]}
    )
    store.set_business_hours(cid, hours)
    assert store.get_business_hours(cid) == hours
    closure = store.add_closure(
        ClosurePeriod(
            client_id=cid, start=dt.date(2024, 8, 1), end=dt.date(2024, 8, 14), reason="Urlaub"
        )
    )
    assert store.list_closures(cid) == [closure]
    staff = store.add_staff(
        Staff(
            client_id=cid,
            name="Dr. Roth",
            transfer_target="sip:r@x",
            availability=Availability.ABSENT_UNTIL,
            absent_until=berlin(2024, 3, 1, 15, 0),
            always_put_through=("0171 5550142", "+491715550142"),
        )
    )
    assert staff.always_put_through == ("+491715550142",)
    assert store.list_staff(cid) == [
        dataclasses.replace(staff, absent_until=berlin(2024, 3, 1, 15, 0).astimezone(dt.UTC))
    ]
    moved = store.update_staff(
        dataclasses.replace(staff, availability=Availability.PRESENT, absent_until=None)
    )
    assert store.list_staff(cid) == [moved]
    faq = store.add_faq(FaqEntry(client_id=cid, question="Q?", answer="A."))
    profile = store.get_profile(cid)
    assert profile is not None
    assert (profile.scripts, profile.hours, profile.closures, profile.staff, profile.faq) == (
        (s2,),
        hours,
        (closure,),
        (moved,),
        (faq,),
    )
    store.delete_client(cid)
    for table in ("scripts", "business_hours", "closures", "staff", "faq", "client_numbers"):
        assert store._one(f"SELECT count(*) FROM {table}")[0] == 0, table  # type: ignore[attr-defined]


def test_callers_per_client_then_shared(store: ClientStore) -> None:
    a, b = add(store, "A"), add(store, "B")
    own = store.add_caller(Caller(client_id=a.id, name="Thomas Krause", numbers=("0171 5550142",)))
    shared = store.add_caller(
        Caller(client_id=None, name="Post", numbers=("0171 5550142", "0228 5550001"))
    )
    other = store.add_caller(Caller(client_id=b.id, name="Eva B", numbers=("0228 5550001",)))
    assert store.find_caller(a.id, "+49 171 5550142") == own
    assert store.find_caller(b.id, "+49 171 5550142") == shared
    assert store.find_caller(b.id, "0228 5550001") == other
    assert store.find_caller(a.id, "0228 5550001") == shared
    assert store.find_caller(None, "0171 5550142") == shared
    assert store.find_caller(a.id, "0999 1") is None
    assert store.find_caller(a.id, None) is None
    with pytest.raises(NumberTaken):
        store.add_caller(Caller(client_id=a.id, name="Dup", numbers=("+491715550142",)))
    updated = store.update_caller(dataclasses.replace(own, numbers=("0171 5550142", "030 1234")))
    assert store.get_caller(own.id or 0) == updated
    assert store.find_caller(a.id, "0301234") == updated
    store.delete_caller(own.id or 0)
    assert store.find_caller(a.id, "0171 5550142") == shared


def test_search_callers_full_text_scoped_to_client(store: ClientStore) -> None:
    a, b = add(store, "A"), add(store, "B")
    krause = store.add_caller(
        Caller(
            client_id=a.id,
            name="Thomas Krause",
            company="Logistik AG",
            numbers=("030 4455 1200",),
            notes="Aktenzeichen 114/23",
        )
    )
    store.add_caller(Caller(client_id=b.id, name="Thomas Krause-Other", numbers=("040 5550001",)))
    mueller = store.add_caller(
        Caller(client_id=None, name="Jürgen Müller", numbers=("089 5550001",))
    )
    assert store.search_callers(a.id, "krau") == [krause]
    assert store.search_callers(a.id, "thomas logistik") == [krause]
    assert store.search_callers(a.id, "aktenzeichen") == [krause]
    assert store.search_callers(a.id, "muller") == [mueller]  # diacritics folded
    assert store.search_callers(a.id, "030 4455") == [krause]
    assert store.search_callers(a.id, "+49 30 4455") == [krause]
    assert store.search_callers(a.id, '"; DROP TABLE callers; --') == []
    assert store.search_callers(a.id, "") == []
    assert {c.name for c in store.search_callers(b.id, "thomas")} == {"Thomas Krause-Other"}
    updated = store.update_caller(dataclasses.replace(krause, name="Tom Kraus"))
    assert store.search_callers(a.id, "thomas") == []
    assert store.search_callers(a.id, "tom") == [updated]


def test_fts_query_quotes_everything() -> None:
    assert fts_query('a"b OR Ü*') == '"a"* "b"* "or"* "u"*'  # folded as the index
    assert fts_query("0049 30 12") == '"493012"*'
    assert fts_query("  ") is None


def test_bulk_add_callers_is_all_or_nothing(store: ClientStore) -> None:
    a = add(store, "A")
    n = store.add_callers(
        Caller(client_id=a.id, name=f"C{i}", numbers=(f"030 555{i:04d}",)) for i in range(300)
    )
    assert n == 300
    assert store.find_caller(a.id, "0305550299") is not None
    with pytest.raises(NumberTaken):
        store.add_callers(
            [
                Caller(client_id=a.id, name="new", numbers=("040 5550001",)),
                Caller(client_id=a.id, name="dup", numbers=("030 5550007",)),
            ]
        )
    assert store.find_caller(a.id, "040 5550001") is None
    assert len(store.list_callers(a.id)) == 300
    assert store.search_callers(a.id, "C299")[0].numbers == ("+49305550299",)


def test_call_log(store: ClientStore) -> None:
    a, b = add(store, "A"), add(store, "B")
    t0 = berlin(2024, 3, 31, 1, 30)  # just before the spring DST switch
    first = store.record_call(
        CallRecord(
            client_id=a.id,
            caller_number="0171 5550142",
            dialled_number="sip:+4930555@x",
            started_at=t0,
            sip_call_id="abc@host",
        )
    )
    rec = store.update_call(
        first,
        answered_at=t0 + dt.timedelta(seconds=5),
        ended_at=t0 + dt.timedelta(minutes=2),
        duration_s=115.0,
        outcome=Outcome.ANSWERED,
    )
    assert rec.caller_number == "+491715550142" and rec.dialled_number == "+4930555"
    assert rec.outcome is Outcome.ANSWERED and rec.duration_s == 115.0
    assert rec.started_at == t0 and rec.started_at.tzinfo == dt.UTC
    second = store.record_call(
        CallRecord(
            client_id=a.id, caller_number="+491715550142", started_at=t0 + dt.timedelta(hours=1)
        )
    )
    store.record_call(
        CallRecord(
            client_id=b.id,
            caller_number="+491715550142",
            started_at=t0 + dt.timedelta(hours=2),
            outcome=Outcome.MISSED,
        )
    )
    store.record_call(
        CallRecord(client_id=None, caller_number="anonymous", started_at=t0 + dt.timedelta(hours=3))
    )
    assert [c.id for c in store.calls_for_caller(a.id, "0171 5550142", 10)] == [second, first]
    assert [c.id for c in store.calls_for_caller(a.id, "0171 5550142", 1)] == [second]
    assert len(store.recent_calls(10)) == 4
    assert [c.client_id for c in store.recent_calls(10, client_id=b.id)] == [b.id]
    day = store.calls_between(a.id, berlin(2024, 3, 31), berlin(2024, 4, 1))
    assert [c.id for c in day] == [first, second]
    assert store.calls_between(a.id, berlin(2024, 4, 1), berlin(2024, 4, 2)) == []
    assert len(store.calls_between(None, berlin(2024, 3, 31), berlin(2024, 4, 1))) == 4
    unchanged = store.update_call(second)
    assert unchanged == store.get_call(second)
    with pytest.raises(NotFound):
        store.update_call(9999, outcome=Outcome.FAILED)
    with pytest.raises(ValueError):
        store.calls_between(a.id, dt.datetime(2024, 1, 1), dt.datetime(2024, 1, 2))
    store.delete_client(a.id or 0)
    kept = store.get_call(first)
    assert kept is not None and kept.client_id is None  # history survives the client


@pytest.mark.sqlite_only  # reads SQLite query plans
@pytest.mark.parametrize(
    ("sql", "index"),
    [
        ("SELECT client_id FROM client_numbers WHERE number = '+49301'", "sqlite_autoindex"),
        (
            "SELECT caller_id FROM caller_numbers WHERE scope = 1 AND number = '+49301'",
            "sqlite_autoindex",
        ),
        (
            "SELECT * FROM calls WHERE client_id = 1 AND caller_number = '+49' "
            "ORDER BY started_at DESC LIMIT 5",
            "calls_client_caller",
        ),
        (
            "SELECT * FROM calls WHERE client_id = 1 AND started_at >= 'a' AND started_at < 'b'",
            "calls_client_started",
        ),
        ("SELECT * FROM clients WHERE code = 'X'", "sqlite_autoindex"),
        ("SELECT * FROM staff WHERE client_id = 1 ORDER BY position, id", "staff_client"),
    ],
)
def test_lookups_use_indexes(store: ClientStore, sql: str, index: str) -> None:
    plan = " ".join(str(r[3]) for r in store._all("EXPLAIN QUERY PLAN " + sql))  # type: ignore[attr-defined]
    assert "USING" in plan and index in plan, plan
    assert "SCAN" not in plan.replace("SCAN CONSTANT", ""), plan
