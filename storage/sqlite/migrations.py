"""The one list of numbered schema migrations, for every table of the SQLite database.

The schema version is SQLite's ``PRAGMA user_version``. Migration *n* turns a version
*n-1* database into version *n*; each runs in its own transaction together with the
version bump, so a failed migration leaves the database untouched at the old version.
Before an existing database is migrated, a copy is written next to it
(``<name>.v<old>.bak``). Rules for new migrations: append, never edit an old one; only
add tables, columns (with defaults) and indexes, or copy data forward — never drop data.

``callers_fts`` rows are inserted by the store itself (one ``INSERT … SELECT`` per bulk
batch: a per-row ``AFTER INSERT`` trigger made bulk inserts 3.5× slower); updates and
deletes — including cascades from a deleted client — are kept in step by triggers.

Migration 5 adds ``notes`` (``call_id`` → ``calls.id``, ``client_id``, ``caller_id``,
the note's fields, timestamps), ``note_changes`` (the audit trail) and ``notes_fts``,
kept in step the same way as ``callers_fts``: the store inserts, triggers follow updates
and deletes (also the ``SET NULL`` of a deleted client, staff member or call).

The SQL stays deliberately plain (no SQLite-only tricks beyond FTS5 and ``user_version``)
so that the PostgreSQL store of a later issue can mirror it.

Migration 6 brings the delivery queue's tables (created ad hoc by earlier versions, with
``IF NOT EXISTS`` so that such databases keep their rows) under this list. Migration 7
gives every logged call its unique ``call_key`` (older rows get ``legacy-<id>``), the
caller's URI and whether its number is a verified number. Migration 8 adds the calendar
tables (see :mod:`storage.sqlite.calendar_store`), 9 the appointments journal
(:mod:`calendar_sync.journal`). Migration 10 adds ``calls.seat`` and ``calls.operator``:
the seat that won a call's answer claim and its operator's name (the seats of an office
log one row per call, see :mod:`clients.call_journal`). Migration 11 adds operator
accounts (``operators``: argon2 hashes, never passwords), the seats' current states
(``seat_states``, one row per seat) with every change in ``seat_state_log`` (the
supervisor's wrap-up and break times), and ``clients.wrap_up_s`` (see :mod:`office`).
Migration 12 adds ``seat_states.sip_user`` and ``seat_states.ringing_key`` and the
``pickups`` requests (see :mod:`office.pickup`).
Migration 13 adds ``clients.service_level_s``: the client's service-level threshold T in
seconds (default 20), by which the supervisor's figures judge each of its calls.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from appenv import logs
from storage.errors import SchemaTooNew

log = logs.get("storage")

_CALLER_FTS_COLUMNS = "name, company, notes, numbers_text"
_NOTE_FTS_FIELDS = (
    "caller_name",
    "caller_company",
    "numbers_text",
    "subject",
    "message",
    "for_whom",
)
_NOTE_FTS_COLUMNS_NO_SCOPE = ", ".join(_NOTE_FTS_FIELDS)
_NOTE_FTS_OLD = ", ".join(f"old.{name}" for name in _NOTE_FTS_FIELDS)
_NOTE_FTS_NEW = ", ".join(f"new.{name}" for name in _NOTE_FTS_FIELDS)

MIGRATIONS: tuple[tuple[str, ...], ...] = (
    # 1: clients, the numbers that identify them, scripts, opening hours, closures
    (
        """CREATE TABLE clients (
            id INTEGER PRIMARY KEY,
            code TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            colour TEXT NOT NULL DEFAULT '#3465a4',
            language TEXT NOT NULL DEFAULT 'de',
            state TEXT NOT NULL DEFAULT 'BE',
            timezone TEXT NOT NULL DEFAULT 'Europe/Berlin'
        )""",
        """CREATE TABLE client_numbers (
            id INTEGER PRIMARY KEY,
            client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
            number TEXT NOT NULL UNIQUE,
            label TEXT NOT NULL DEFAULT ''
        )""",
        "CREATE INDEX client_numbers_client ON client_numbers(client_id)",
        """CREATE TABLE scripts (
            id INTEGER PRIMARY KEY,
            client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
            variant TEXT NOT NULL,
            language TEXT NOT NULL DEFAULT 'de',
            greeting TEXT NOT NULL,
            instructions TEXT NOT NULL DEFAULT '',
            UNIQUE (client_id, variant, language)
        )""",
        """CREATE TABLE business_hours (
            id INTEGER PRIMARY KEY,
            client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
            weekday INTEGER NOT NULL,
            opens TEXT NOT NULL,
            closes TEXT NOT NULL
        )""",
        "CREATE INDEX business_hours_client ON business_hours(client_id)",
        """CREATE TABLE closures (
            id INTEGER PRIMARY KEY,
            client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
            start_date TEXT NOT NULL,
            end_date TEXT NOT NULL,
            reason TEXT NOT NULL DEFAULT ''
        )""",
        "CREATE INDEX closures_client ON closures(client_id, end_date)",
    ),
    # 2: staff and callers (per client or shared, scope 0), full-text search over callers
    (
        """CREATE TABLE staff (
            id INTEGER PRIMARY KEY,
            client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            role TEXT NOT NULL DEFAULT '',
            transfer_target TEXT NOT NULL DEFAULT '',
            availability TEXT NOT NULL DEFAULT 'present',
            absent_until TEXT,
            note TEXT NOT NULL DEFAULT '',
            always_put_through TEXT NOT NULL DEFAULT '[]',
            position INTEGER NOT NULL DEFAULT 0
        )""",
        "CREATE INDEX staff_client ON staff(client_id, position)",
        """CREATE TABLE callers (
            id INTEGER PRIMARY KEY,
            client_id INTEGER REFERENCES clients(id) ON DELETE CASCADE,
            name TEXT NOT NULL DEFAULT '',
            company TEXT NOT NULL DEFAULT '',
            notes TEXT NOT NULL DEFAULT '',
            vip INTEGER NOT NULL DEFAULT 0,
            blocked INTEGER NOT NULL DEFAULT 0,
            numbers_text TEXT NOT NULL DEFAULT ''
        )""",
        "CREATE INDEX callers_client ON callers(client_id)",
        """CREATE TABLE caller_numbers (
            id INTEGER PRIMARY KEY,
            caller_id INTEGER NOT NULL REFERENCES callers(id) ON DELETE CASCADE,
            scope INTEGER NOT NULL,
            number TEXT NOT NULL,
            UNIQUE (scope, number)
        )""",
        "CREATE INDEX caller_numbers_caller ON caller_numbers(caller_id)",
        f"""CREATE VIRTUAL TABLE callers_fts USING fts5(
            {_CALLER_FTS_COLUMNS}, content='callers', content_rowid='id',
            tokenize='unicode61 remove_diacritics 2'
        )""",
        f"""CREATE TRIGGER callers_fts_delete AFTER DELETE ON callers BEGIN
            INSERT INTO callers_fts(callers_fts, rowid, {_CALLER_FTS_COLUMNS})
            VALUES ('delete', old.id, old.name, old.company, old.notes, old.numbers_text);
        END""",
        f"""CREATE TRIGGER callers_fts_update AFTER UPDATE ON callers BEGIN
            INSERT INTO callers_fts(callers_fts, rowid, {_CALLER_FTS_COLUMNS})
            VALUES ('delete', old.id, old.name, old.company, old.notes, old.numbers_text);
            INSERT INTO callers_fts(rowid, {_CALLER_FTS_COLUMNS})
            VALUES (new.id, new.name, new.company, new.notes, new.numbers_text);
        END""",
    ),
    # 3: the call log (kept when a client is deleted: client_id becomes NULL)
    (
        """CREATE TABLE calls (
            id INTEGER PRIMARY KEY,
            client_id INTEGER REFERENCES clients(id) ON DELETE SET NULL,
            caller_number TEXT,
            caller_name TEXT NOT NULL DEFAULT '',
            dialled_number TEXT,
            direction TEXT NOT NULL DEFAULT 'in',
            started_at TEXT NOT NULL,
            answered_at TEXT,
            ended_at TEXT,
            duration_s REAL,
            outcome TEXT,
            sip_call_id TEXT NOT NULL DEFAULT ''
        )""",
        "CREATE INDEX calls_started ON calls(started_at)",
        "CREATE INDEX calls_client_started ON calls(client_id, started_at)",
        "CREATE INDEX calls_client_caller ON calls(client_id, caller_number, started_at)",
        "CREATE INDEX calls_sip_call_id ON calls(sip_call_id)",
    ),
    # 4: report settings per client, how to address a caller, FAQ
    (
        "ALTER TABLE clients ADD COLUMN report_recipients TEXT NOT NULL DEFAULT '[]'",
        "ALTER TABLE clients ADD COLUMN report_time TEXT NOT NULL DEFAULT '18:00'",
        "ALTER TABLE clients ADD COLUMN encrypt_reports INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE callers ADD COLUMN salutation TEXT NOT NULL DEFAULT ''",
        """CREATE TABLE faq (
            id INTEGER PRIMARY KEY,
            client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
            question TEXT NOT NULL,
            answer TEXT NOT NULL,
            position INTEGER NOT NULL DEFAULT 0
        )""",
        "CREATE INDEX faq_client ON faq(client_id, position)",
    ),
    # 5: call notes (one per call at most, or none for walk-ins and e-mails), their audit
    # trail, and a full-text index whose ``scope`` column ("c<client id>", "c0" = no client)
    # lets one FTS5 MATCH do the per-client filtering (see storage/sqlite/note_search.py)
    (
        """CREATE TABLE notes (
            id INTEGER PRIMARY KEY,
            client_id INTEGER REFERENCES clients(id) ON DELETE SET NULL,
            call_id INTEGER UNIQUE REFERENCES calls(id) ON DELETE SET NULL,
            caller_id INTEGER REFERENCES callers(id) ON DELETE SET NULL,
            caller_number TEXT NOT NULL DEFAULT '',
            caller_name TEXT NOT NULL DEFAULT '',
            caller_company TEXT NOT NULL DEFAULT '',
            callback_number TEXT NOT NULL DEFAULT '',
            subject TEXT NOT NULL DEFAULT '',
            message TEXT NOT NULL DEFAULT '',
            urgency TEXT NOT NULL DEFAULT 'normal',
            for_staff_id INTEGER REFERENCES staff(id) ON DELETE SET NULL,
            for_whom TEXT NOT NULL DEFAULT '',
            action TEXT NOT NULL DEFAULT 'none',
            wrong_number INTEGER NOT NULL DEFAULT 0,
            channel TEXT NOT NULL DEFAULT 'call',
            appointment TEXT NOT NULL DEFAULT '',
            operator TEXT NOT NULL DEFAULT '',
            noted_at TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            updated_by TEXT NOT NULL DEFAULT '',
            revision INTEGER NOT NULL DEFAULT 1,
            draft_key TEXT UNIQUE,
            numbers_text TEXT NOT NULL DEFAULT ''
        )""",
        "CREATE INDEX notes_client_noted ON notes(client_id, noted_at)",
        "CREATE INDEX notes_caller ON notes(caller_id)",
        """CREATE TABLE note_changes (
            id INTEGER PRIMARY KEY,
            note_id INTEGER NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
            revision INTEGER NOT NULL,
            changed_at TEXT NOT NULL,
            changed_by TEXT NOT NULL,
            field TEXT NOT NULL,
            old_value TEXT,
            new_value TEXT
        )""",
        "CREATE INDEX note_changes_note ON note_changes(note_id, revision)",
        # the words of all notes (folded like the FTS tokenizer): a typed prefix becomes an
        # OR of whole words, which FTS5 reads lazily — a bare prefix query reads the whole
        # doclist of every matching word (13 ms instead of < 1 ms at a million notes)
        "CREATE TABLE note_terms (term TEXT PRIMARY KEY)",
        f"""CREATE VIEW notes_fts_source AS SELECT id, 'c' || coalesce(client_id, 0) AS scope,
            {_NOTE_FTS_COLUMNS_NO_SCOPE} FROM notes""",
        f"""CREATE VIRTUAL TABLE notes_fts USING fts5(
            scope, {_NOTE_FTS_COLUMNS_NO_SCOPE}, content='notes_fts_source', content_rowid='id',
            tokenize='unicode61 remove_diacritics 2'
        )""",
        f"""CREATE TRIGGER notes_fts_delete AFTER DELETE ON notes BEGIN
            INSERT INTO notes_fts(notes_fts, rowid, scope, {_NOTE_FTS_COLUMNS_NO_SCOPE})
            VALUES ('delete', old.id, 'c' || coalesce(old.client_id, 0), {_NOTE_FTS_OLD});
        END""",
        f"""CREATE TRIGGER notes_fts_update AFTER UPDATE ON notes BEGIN
            INSERT INTO notes_fts(notes_fts, rowid, scope, {_NOTE_FTS_COLUMNS_NO_SCOPE})
            VALUES ('delete', old.id, 'c' || coalesce(old.client_id, 0), {_NOTE_FTS_OLD});
            INSERT INTO notes_fts(rowid, scope, {_NOTE_FTS_COLUMNS_NO_SCOPE})
            VALUES (new.id, 'c' || coalesce(new.client_id, 0), {_NOTE_FTS_NEW});
        END""",
    ),
    # 6: the delivery queue: every report mail, its state and every attempt
    (
        """CREATE TABLE IF NOT EXISTS delivery_jobs (
            id INTEGER PRIMARY KEY,
            idem_key TEXT NOT NULL,
            kind TEXT NOT NULL,
            client_code TEXT NOT NULL,
            day TEXT NOT NULL,
            call_id TEXT,
            recipients TEXT,
            subject TEXT,
            body TEXT,
            attachment_name TEXT,
            attachment BLOB,
            encrypted INTEGER DEFAULT 0,
            message_id TEXT NOT NULL,
            state TEXT NOT NULL DEFAULT 'pending',
            attempts INTEGER DEFAULT 0,
            created_at TEXT,
            next_attempt_at TEXT,
            lease_until TEXT,
            sent_at TEXT,
            last_code INTEGER,
            last_reply TEXT,
            last_error TEXT
        )""",
        """CREATE TABLE IF NOT EXISTS delivery_attempts (
            id INTEGER PRIMARY KEY,
            job_id INTEGER NOT NULL REFERENCES delivery_jobs(id),
            at TEXT NOT NULL,
            transport TEXT,
            outcome TEXT NOT NULL,
            code INTEGER,
            reply TEXT,
            message_id TEXT
        )""",
        # the names sqlite-utils gave these indexes in databases of earlier versions
        "CREATE UNIQUE INDEX IF NOT EXISTS idx_delivery_jobs_idem_key ON delivery_jobs(idem_key)",
        "CREATE INDEX IF NOT EXISTS idx_delivery_jobs_state_next_attempt_at "
        "ON delivery_jobs(state, next_attempt_at)",
        "CREATE INDEX IF NOT EXISTS idx_delivery_jobs_client_code_day "
        "ON delivery_jobs(client_code, day)",
        "CREATE INDEX IF NOT EXISTS idx_delivery_attempts_job_id ON delivery_attempts(job_id)",
    ),
    # 7: the call log from the first ring: a unique key per call, the caller's URI, whether
    # the number was verified; open calls (outcome NULL) found fast at start-up
    (
        "ALTER TABLE calls ADD COLUMN call_key TEXT",
        "UPDATE calls SET call_key = 'legacy-' || id WHERE call_key IS NULL",
        "CREATE UNIQUE INDEX calls_call_key ON calls(call_key)",
        "ALTER TABLE calls ADD COLUMN caller_uri TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE calls ADD COLUMN number_verified INTEGER NOT NULL DEFAULT 1",
        "CREATE INDEX calls_open ON calls(id) WHERE outcome IS NULL",
    ),
    # 8: calendars — sources per client/staff, appointment types, the CalDAV sync caches
    # (ETag per item, sync-token per calendar) and bookings kept while a server was down
    (
        """CREATE TABLE calendar_sources (
            id INTEGER PRIMARY KEY,
            source_key TEXT NOT NULL UNIQUE,
            client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
            staff TEXT NOT NULL DEFAULT '',
            url TEXT NOT NULL,
            kind TEXT NOT NULL,
            user_name TEXT NOT NULL DEFAULT '',
            tentative_busy INTEGER NOT NULL DEFAULT 1
        )""",
        "CREATE INDEX calendar_sources_client ON calendar_sources(client_id)",
        """CREATE TABLE appointment_types (
            id INTEGER PRIMARY KEY,
            client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            minutes INTEGER NOT NULL,
            before_min INTEGER NOT NULL DEFAULT 0,
            after_min INTEGER NOT NULL DEFAULT 0,
            notice_min INTEGER NOT NULL DEFAULT 0,
            horizon_days INTEGER NOT NULL DEFAULT 90,
            step_min INTEGER NOT NULL DEFAULT 15,
            max_per_day INTEGER,
            staff TEXT NOT NULL DEFAULT '[]',
            UNIQUE (client_id, name)
        )""",
        """CREATE TABLE calendar_sync_state (
            url TEXT PRIMARY KEY,
            sync_token TEXT,
            synced_at TEXT
        )""",
        """CREATE TABLE calendar_items (
            url TEXT NOT NULL,
            href TEXT NOT NULL,
            etag TEXT NOT NULL,
            data TEXT NOT NULL,
            PRIMARY KEY (url, href)
        )""",
        """CREATE TABLE pending_bookings (
            id TEXT PRIMARY KEY,
            client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
            url TEXT NOT NULL,
            staff TEXT NOT NULL DEFAULT '',
            kind TEXT NOT NULL,
            starts_at TEXT NOT NULL,
            ends_at TEXT NOT NULL,
            summary TEXT NOT NULL,
            caller TEXT NOT NULL DEFAULT '',
            phone TEXT NOT NULL DEFAULT '',
            state TEXT NOT NULL,
            message TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL
        )""",
    ),
    # 9: the appointments journal — every booking, move and cancellation a seat made, with
    # the call it was made in (see calendar_sync.journal)
    (
        """CREATE TABLE appointments (
            id INTEGER PRIMARY KEY,
            client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
            call_key TEXT,
            uid TEXT NOT NULL DEFAULT '',
            url TEXT NOT NULL DEFAULT '',
            href TEXT NOT NULL DEFAULT '',
            staff TEXT NOT NULL DEFAULT '',
            kind TEXT NOT NULL DEFAULT '',
            starts_at TEXT NOT NULL,
            ends_at TEXT NOT NULL,
            caller TEXT NOT NULL DEFAULT '',
            phone TEXT NOT NULL DEFAULT '',
            email TEXT NOT NULL DEFAULT '',
            state TEXT NOT NULL,
            previous_start TEXT,
            message TEXT NOT NULL DEFAULT '',
            operator TEXT NOT NULL DEFAULT '',
            seat TEXT NOT NULL DEFAULT '',
            acknowledged INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            phone_key TEXT NOT NULL DEFAULT '',
            caller_key TEXT NOT NULL DEFAULT ''
        )""",
        "CREATE INDEX appointments_client_end ON appointments(client_id, ends_at)",
        "CREATE INDEX appointments_phone ON appointments(client_id, phone_key)",
        "CREATE INDEX appointments_caller ON appointments(client_id, caller_key)",
        "CREATE INDEX appointments_call ON appointments(call_key)",
        "CREATE INDEX appointments_uid ON appointments(uid)",
        "CREATE INDEX appointments_state ON appointments(state, acknowledged)",
    ),
    # 10: the office's calls: which seat answered (its answer claim) and who answered
    (
        "ALTER TABLE calls ADD COLUMN seat TEXT",
        "ALTER TABLE calls ADD COLUMN operator TEXT",
        "CREATE INDEX calls_open_seat ON calls(seat) WHERE outcome IS NULL",
    ),
    # 11: operator accounts (argon2 hashes), seat states and their log, wrap-up per client
    (
        """CREATE TABLE operators (
            id INTEGER PRIMARY KEY,
            login TEXT NOT NULL UNIQUE,
            display_name TEXT NOT NULL,
            password_hash TEXT NOT NULL,
            role TEXT NOT NULL DEFAULT 'operator',
            active INTEGER NOT NULL DEFAULT 1,
            created_at TEXT NOT NULL
        )""",
        """CREATE TABLE seat_states (
            seat TEXT PRIMARY KEY,
            seat_name TEXT NOT NULL DEFAULT '',
            operator TEXT NOT NULL DEFAULT '',
            state TEXT NOT NULL,
            reason TEXT NOT NULL DEFAULT '',
            since TEXT NOT NULL,
            until TEXT,
            call_key TEXT
        )""",
        """CREATE TABLE seat_state_log (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            seat TEXT NOT NULL,
            operator TEXT NOT NULL DEFAULT '',
            state TEXT NOT NULL,
            reason TEXT NOT NULL DEFAULT ''
        )""",
        "CREATE INDEX seat_state_log_seat_at ON seat_state_log(seat, at)",
        "CREATE INDEX seat_state_log_at ON seat_state_log(at)",
        "ALTER TABLE clients ADD COLUMN wrap_up_s INTEGER NOT NULL DEFAULT 0",
    ),
    # 12: pickups — each seat's SIP user and the call ringing there alone; a colleague's
    # request for such a call (one per call and ringing seat: the first to ask gets it)
    (
        "ALTER TABLE seat_states ADD COLUMN sip_user TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE seat_states ADD COLUMN ringing_key TEXT",
        """CREATE TABLE pickups (
            id INTEGER PRIMARY KEY,
            call_key TEXT NOT NULL,
            seat TEXT NOT NULL,
            to_user TEXT NOT NULL,
            operator TEXT NOT NULL DEFAULT '',
            requested_at TEXT NOT NULL,
            result TEXT NOT NULL DEFAULT '',
            done_at TEXT
        )""",
        "CREATE UNIQUE INDEX pickups_call_seat ON pickups(call_key, seat)",
        "CREATE INDEX pickups_pending ON pickups(seat) WHERE result = ''",
    ),
    # 13: each client's service-level threshold (the supervisor's SL and SL2)
    ("ALTER TABLE clients ADD COLUMN service_level_s INTEGER NOT NULL DEFAULT 20",),
)

LATEST = len(MIGRATIONS)


def current_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, path: Path | None, target: int = LATEST) -> int:
    """Bring the database up to ``target``; returns the version it had before.

    ``conn`` must not be inside a transaction. ``path`` (``None`` for in-memory databases)
    is where the pre-migration backup goes.
    """
    version = current_version(conn)
    if version > LATEST:
        raise SchemaTooNew(path, version, LATEST)
    if version >= target:
        return version
    if version > 0 and path is not None:
        backup = path.with_name(f"{path.name}.v{version}.bak")
        with sqlite3.connect(backup) as dest:
            conn.backup(dest)
        dest.close()
        log.info("backed up %s (schema %d) to %s before migrating", path, version, backup)
    for number in range(version + 1, target + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in MIGRATIONS[number - 1]:
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number}")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        log.info("database schema migrated to version %d", number)
    return version
