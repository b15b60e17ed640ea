"""Every earlier schema version migrates to the latest without losing data."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from storage import open_database
from storage.errors import SchemaTooNew
from storage.sqlite import migrations
from storage.sqlite.migrations import LATEST

# Data a database of each version could hold, written with that version's SQL.
SEED: dict[int, list[str]] = {
    1: [
        "INSERT INTO clients (id, code, name, colour, language, state, timezone) "
        "VALUES (7, 'ROTH', 'Kanzlei Dr. Roth', '#8b1e3f', 'de', 'BB', 'Europe/Berlin')",
        "INSERT INTO client_numbers (client_id, number, label) VALUES (7, '+493055501001', 'DID')",
        "INSERT INTO scripts (client_id, variant, language, greeting, instructions) "
        "VALUES (7, 'business_hours', 'de', '{client}, {greeting}', 'Keine Auskunft')",
        "INSERT INTO business_hours (client_id, weekday, opens, closes) "
        "VALUES (7, 0, '08:00', '12:00')",
        "INSERT INTO closures (client_id, start_date, end_date, reason) "
        "VALUES (7, '2024-08-01', '2024-08-14', 'Urlaub')",
    ],
    2: [
        "INSERT INTO staff (client_id, name, role, availability) "
        "VALUES (7, 'Dr. Roth', 'Anwältin', 'meeting')",
        "INSERT INTO callers (id, client_id, name, company, numbers_text) "
        "VALUES (3, 7, 'Thomas Krause', 'Krause GmbH', '491715550142 01715550142')",
        "INSERT INTO caller_numbers (caller_id, scope, number) VALUES (3, 7, '+491715550142')",
        "INSERT INTO callers_fts (rowid, name, company, notes, numbers_text) "
        "SELECT id, name, company, notes, numbers_text FROM callers",
    ],
    3: [
        "INSERT INTO calls (client_id, caller_number, started_at, outcome) "
        "VALUES (7, '+491715550142', '2024-03-31T00:30:00.000000+00:00', 'answered')",
    ],
    4: [
        "INSERT INTO faq (client_id, question, answer) VALUES (7, 'Parken?', 'Tiefgarage')",
    ],
    5: [
        "INSERT INTO notes (client_id, call_id, subject, noted_at, created_at, updated_at) "
        "VALUES (7, 1, 'Akte', '2024-03-31T00:30:00+00:00', '2024-03-31T00:30:00+00:00', "
        "'2024-03-31T00:30:00+00:00')",
        "INSERT INTO notes_fts (rowid, scope, caller_name, caller_company, numbers_text, subject, "
        "message, for_whom) SELECT id, scope, caller_name, caller_company, numbers_text, subject, "
        "message, for_whom FROM notes_fts_source",
    ],
    6: [
        "INSERT INTO delivery_jobs (idem_key, kind, client_code, day, recipients, message_id, "
        "state, created_at, next_attempt_at) VALUES ('daily_report:ROTH:2024-03-31', "
        "'daily_report', 'ROTH', '2024-03-31', '[\"kanzlei@roth.test\"]', '<m@x>', 'sent', "
        "'2024-03-31T16:00:00+00:00', NULL)",
    ],
    7: [
        "INSERT INTO calls (client_id, caller_number, started_at, call_key, caller_uri, "
        "number_verified) VALUES (7, '4915209876543x', '2024-03-31T09:00:00.000000+00:00', "
        "'k-7', 'sip:4915209876543x@192.0.2.1', 0)",
    ],
    8: [
        "INSERT INTO calendar_sources (source_key, client_id, url, kind) "
        "VALUES ('k-8', 7, 'https://dav.example/roth/', 'caldav')",
    ],
    9: [
        "INSERT INTO appointments (client_id, call_key, uid, starts_at, ends_at, state, "
        "created_at, updated_at, phone_key, caller_key) VALUES (7, 'k-7', 'u-9@vorzimmer', "
        "'2024-04-02T07:00:00.000000+00:00', '2024-04-02T07:30:00.000000+00:00', 'booked', "
        "'2024-03-31T09:00:00+00:00', '2024-03-31T09:00:00+00:00', '+491715550142', "
        "'thomas krause')",
    ],
    10: [
        "INSERT INTO calls (client_id, caller_number, started_at, call_key, seat, operator, "
        "outcome) VALUES (7, '+491715550142', '2024-04-02T09:00:00.000000+00:00', 'k-10', "
        "'bob', 'Bob Berger', 'answered')",
    ],
    11: [
        "INSERT INTO operators (login, display_name, password_hash, role, created_at) "
        "VALUES ('weber', 'Frau Weber', '$argon2id$v=19$x', 'admin', '2024-03-31T08:00:00+00:00')",
        "INSERT INTO seat_states (seat, seat_name, operator, state, reason, since) "
        "VALUES ('s-11', 'empfang (Frau Weber)', 'Frau Weber', 'break', 'Lunch', "
        "'2024-03-31T11:00:00.000000+00:00')",
        "INSERT INTO seat_state_log (at, seat, operator, state, reason) "
        "VALUES ('2024-03-31T11:00:00.000000+00:00', 's-11', 'Frau Weber', 'break', 'Lunch')",
    ],
    12: [
        "UPDATE seat_states SET sip_user = 'weber', ringing_key = 'k-12' WHERE seat = 's-11'",
        "INSERT INTO pickups (call_key, seat, to_user, operator, requested_at) "
        "VALUES ('k-12', 's-11', 'bob', 'Bob Berger', '2024-03-31T11:00:05.000000+00:00')",
    ],
    13: ["UPDATE clients SET service_level_s = 45 WHERE id = 7"],
}


def make_database(path: Path, version: int) -> None:
    conn = sqlite3.connect(path)
    migrations.migrate(conn, path, target=version)
    for v in range(1, version + 1):
        for statement in SEED[v]:
            conn.execute(statement)
    conn.commit()
    conn.close()


def test_seed_covers_every_migration() -> None:
    assert sorted(SEED) == list(range(1, LATEST + 1))


@pytest.mark.parametrize("version", range(1, LATEST + 1))
def test_migrates_from_every_earlier_version(tmp_path: Path, version: int) -> None:
    path = tmp_path / "old.sqlite3"
    make_database(path, version)
    with open_database(path).clients as store:
        assert store._c.schema_version == LATEST  # type: ignore[attr-defined]
        client = store.get_client_by_code("ROTH")
        assert client is not None and client.state == "BB" and client.report_time == "18:00"
        assert store.find_client_by_numbers(["030 55501001"]) == client
        scripts = store.list_scripts(7)
        assert [s.instructions for s in scripts] == ["Keine Auskunft"]
        assert len(store.get_business_hours(7).intervals) == 1
        assert store.list_closures(7)[0].reason == "Urlaub"
        if version >= 2:
            assert [s.name for s in store.list_staff(7)] == ["Dr. Roth"]
            caller = store.find_caller(7, "0171 5550142")
            assert caller is not None and caller.salutation == ""
            assert store.search_callers(7, "krause") == [caller]  # FTS kept in step
        if version >= 3:
            calls = store.calls_for_caller(7, "+491715550142")
            [call] = [c for c in calls if c.call_key != "k-10"]
            assert call.outcome == "answered"
            assert call.number_verified
            if version < 7:  # rows from before migration 7 got a key
                assert call.call_key == "legacy-1"
        if version >= 4:
            assert [f.answer for f in store.list_faq(7)] == ["Tiefgarage"]
        assert store._one("SELECT wrap_up_s FROM clients WHERE id = 7")[0] == 0  # type: ignore[attr-defined]
        assert client.service_level_s == (45 if version >= 13 else 20)  # the default before 13
        if version >= 7:
            unverified = store.call_by_key("k-7")
            assert unverified is not None and not unverified.number_verified
            assert unverified.caller_uri == "sip:4915209876543x@192.0.2.1"
            assert unverified.seat == "" and unverified.operator == ""  # before migration 10
        if version >= 10:
            office = store.call_by_key("k-10")
            assert office is not None and (office.seat, office.operator) == ("bob", "Bob Berger")
    if version < LATEST:
        backup = path.with_name(f"old.sqlite3.v{version}.bak")
        assert backup.exists()
        assert sqlite3.connect(backup).execute("PRAGMA user_version").fetchone()[0] == version


def test_failed_migration_leaves_the_database_untouched(tmp_path: Path) -> None:
    path = tmp_path / "v3.sqlite3"
    make_database(path, 3)
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE faq (x)")  # makes migration 4 fail half-way
    conn.commit()
    conn.close()
    with pytest.raises(sqlite3.OperationalError):
        open_database(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 3
    columns = [r[1] for r in conn.execute("PRAGMA table_info(clients)")]
    assert "report_time" not in columns  # the ALTERs before the failure were rolled back
    assert conn.execute("SELECT count(*) FROM calls").fetchone()[0] == 1


def test_newer_schema_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE keep (x)")
    conn.execute(f"PRAGMA user_version = {LATEST + 1}")
    conn.commit()
    conn.close()
    with pytest.raises(SchemaTooNew, match="update Vorzimmer"):
        open_database(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST + 1
    assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master")] == ["keep"]


def test_fresh_database_has_no_backup(tmp_path: Path) -> None:
    with open_database(tmp_path / "new.sqlite3").clients as store:
        assert store._c.schema_version == LATEST  # type: ignore[attr-defined]
    assert not list(tmp_path.glob("*.bak"))


def test_accounts_and_seat_states_survive_a_migration(tmp_path: Path) -> None:
    path = tmp_path / "v11.sqlite3"
    make_database(path, 11)
    with open_database(path) as db:
        [weber] = db.operators.list_operators()
        assert (weber.login, weber.role, weber.active) == ("weber", "admin", True)
        state = db.seats.seat_state("s-11")
        assert state is not None and (state.state, state.reason) == ("break", "Lunch")
        assert (state.sip_user, state.ringing_key) == ("", None)  # migration 12's defaults
        assert [e.reason for e in db.seats.seat_log("s-11")] == ["Lunch"]
        assert db.seats.pending_pickups("s-11") == []
