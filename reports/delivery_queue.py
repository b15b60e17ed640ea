"""The delivery queue: every report mail, its state and every attempt, in SQLite.

States: ``pending`` (due at ``next_attempt_at``) → ``sending`` (claimed by one worker,
with a lease) → ``sent`` | ``failed`` (permanent; the operator can resend). A job is
enqueued once per idempotency key (``daily_report:<client>:<day>``,
``call_note:<client>:<call id>``); the rendered attachment is kept with it, so nothing is
lost when delivery fails. Success is committed the moment the server accepts the mail
(before QUIT), and the Message-ID stays the same across retries, so a recipient never
gets two different copies. Blocking I/O: call it off the GUI thread.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import sqlite_utils

from appenv import logs
from reports.delivery import DeliveryError, OutgoingMail, ServerReply, Transport

log = logs.get("reports")

JobState = Literal["pending", "sending", "sent", "failed"]
JobKind = Literal["daily_report", "call_note"]
JOBS = "delivery_jobs"
ATTEMPTS = "delivery_attempts"
MESSAGE_ID_DOMAIN = "vorzimmer.invalid"


@dataclass(frozen=True)
class RetryPolicy:
    """Exponential backoff: base, base·factor, … capped at max_delay; give up after max_attempts."""

    base_delay: dt.timedelta = dt.timedelta(seconds=60)
    factor: float = 2.0
    max_delay: dt.timedelta = dt.timedelta(hours=1)
    max_attempts: int = 20
    lease: dt.timedelta = dt.timedelta(minutes=10)  # a crashed worker's claim expires

    def delay(self, attempt: int) -> dt.timedelta:
        seconds = self.base_delay.total_seconds() * self.factor ** max(0, attempt - 1)
        return min(self.max_delay, dt.timedelta(seconds=seconds))


@dataclass(frozen=True)
class DeliveryRequest:
    """A rendered report ready to be queued."""

    kind: JobKind
    client_code: str
    day: dt.date
    recipients: tuple[str, ...]
    subject: str
    body: str
    attachment_name: str
    attachment: bytes
    encrypted: bool = False
    call_id: str = ""

    @property
    def idempotency_key(self) -> str:
        return idempotency_key(self.kind, self.client_code, self.day, self.call_id)


def idempotency_key(kind: JobKind, client_code: str, day: dt.date, call_id: str = "") -> str:
    if kind == "call_note":
        if not call_id:
            raise ValueError("a call-note delivery needs the call id")
        return f"call_note:{client_code}:{call_id}"
    return f"daily_report:{client_code}:{day.isoformat()}"


@dataclass(frozen=True)
class DeliveryJob:
    """A queued delivery as the UI lists it (without the attachment bytes)."""

    id: int
    idempotency_key: str
    kind: JobKind
    client_code: str
    day: dt.date
    call_id: str
    recipients: tuple[str, ...]
    subject: str
    attachment_name: str
    encrypted: bool
    message_id: str
    state: JobState
    attempts: int
    created_at: dt.datetime
    next_attempt_at: dt.datetime | None
    sent_at: dt.datetime | None
    last_reply: str
    last_error: str


@dataclass(frozen=True)
class DeliveryAttempt:
    id: int
    job_id: int
    at: dt.datetime
    transport: str
    outcome: Literal["sent", "retry", "failed", "uncertain", "resend"]
    code: int | None
    reply: str
    message_id: str


@dataclass(frozen=True)
class EnqueueResult:
    job: DeliveryJob
    created: bool  # False: the same report was queued before; nothing changed


class DeliveryQueueError(RuntimeError):
    """Bad use of the queue (unknown job, naive time, …): a clear message, nothing lost."""


def new_message_id() -> str:
    """Random and short enough that no mail header gets folded."""
    return f"<{uuid.uuid4().hex}@{MESSAGE_ID_DOMAIN}>"


def _utc(moment: dt.datetime) -> str:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise DeliveryQueueError("times given to the delivery queue must be timezone-aware")
    return moment.astimezone(dt.UTC).isoformat(timespec="microseconds")


def _parse(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


_JOB_COLUMNS = (
    "id, idem_key, kind, client_code, day, call_id, recipients, subject, attachment_name, "
    "encrypted, message_id, state, attempts, created_at, next_attempt_at, sent_at, "
    "last_reply, last_error"
)


def _job(row: sqlite3.Row | tuple[Any, ...]) -> DeliveryJob:
    (id_, key, kind, code, day, call_id, rcpts, subject, name, enc, msgid, state, attempts,
     created, next_at, sent_at, reply, error) = row  # fmt: skip
    created_at = _parse(created)
    assert created_at is not None
    return DeliveryJob(
        id=id_, idempotency_key=key, kind=kind, client_code=code,
        day=dt.date.fromisoformat(day), call_id=call_id or "",
        recipients=tuple(json.loads(rcpts)), subject=subject, attachment_name=name,
        encrypted=bool(enc), message_id=msgid, state=state, attempts=attempts,
        created_at=created_at, next_attempt_at=_parse(next_at), sent_at=_parse(sent_at),
        last_reply=reply or "", last_error=error or "",
    )  # fmt: skip


class DeliveryQueue:
    """The persisted queue in the app database (tables ``delivery_*``)."""

    def __init__(self, database: Path, policy: RetryPolicy | None = None) -> None:
        self.database = database
        self.policy = policy or RetryPolicy()
        self._ensure_schema()

    # -- plumbing ----------------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        self.database.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.database, timeout=30, isolation_level=None)
        conn.execute("PRAGMA busy_timeout = 30000")
        conn.execute("PRAGMA foreign_keys = ON")
        return conn

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE: one writer at a time, also across processes (UI and cron)."""
        conn = self._connect()
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
        finally:
            conn.close()

    def _ensure_schema(self) -> None:
        conn = self._connect()
        try:
            db = sqlite_utils.Database(conn)
            db[JOBS].create(  # type: ignore[union-attr]
                {
                    "id": int, "idem_key": str, "kind": str, "client_code": str, "day": str,
                    "call_id": str, "recipients": str, "subject": str, "body": str,
                    "attachment_name": str, "attachment": bytes, "encrypted": int,
                    "message_id": str, "state": str, "attempts": int, "created_at": str,
                    "next_attempt_at": str, "lease_until": str, "sent_at": str,
                    "last_code": int, "last_reply": str, "last_error": str,
                },
                pk="id",
                not_null={"idem_key", "kind", "client_code", "day", "state", "message_id"},
                defaults={"attempts": 0, "state": "pending", "encrypted": 0},
                if_not_exists=True,
            )  # fmt: skip
            db[ATTEMPTS].create(  # type: ignore[union-attr]
                {
                    "id": int, "job_id": int, "at": str, "transport": str, "outcome": str,
                    "code": int, "reply": str, "message_id": str,
                },
                pk="id",
                foreign_keys=[("job_id", JOBS, "id")],
                not_null={"job_id", "at", "outcome"},
                if_not_exists=True,
            )  # fmt: skip
            db[JOBS].create_index(["idem_key"], unique=True, if_not_exists=True)  # type: ignore[union-attr]
            db[JOBS].create_index(["state", "next_attempt_at"], if_not_exists=True)  # type: ignore[union-attr]
            db[JOBS].create_index(["client_code", "day"], if_not_exists=True)  # type: ignore[union-attr]
            db[ATTEMPTS].create_index(["job_id"], if_not_exists=True)  # type: ignore[union-attr]
        finally:
            conn.close()

    # -- reading -----------------------------------------------------------------------

    def job(self, job_id: int) -> DeliveryJob:
        conn = self._connect()
        try:
            row = conn.execute(
                f"SELECT {_JOB_COLUMNS} FROM {JOBS} WHERE id = ?", (job_id,)
            ).fetchone()
        finally:
            conn.close()
        if row is None:
            raise DeliveryQueueError(f"there is no delivery job {job_id}")
        return _job(row)

    def find(self, key: str) -> DeliveryJob | None:
        conn = self._connect()
        try:
            row = conn.execute(
                f"SELECT {_JOB_COLUMNS} FROM {JOBS} WHERE idem_key = ?", (key,)
            ).fetchone()
        finally:
            conn.close()
        return None if row is None else _job(row)

    def jobs(
        self,
        *,
        client_code: str | None = None,
        state: JobState | None = None,
        day: dt.date | None = None,
        limit: int = 1000,
    ) -> list[DeliveryJob]:
        """Newest first, for the delivery overview."""
        where, params = [], []
        for column, value in (("client_code", client_code), ("state", state)):
            if value is not None:
                where.append(f"{column} = ?")
                params.append(value)
        if day is not None:
            where.append("day = ?")
            params.append(day.isoformat())
        sql = f"SELECT {_JOB_COLUMNS} FROM {JOBS}"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY id DESC LIMIT ?"
        conn = self._connect()
        try:
            rows = conn.execute(sql, (*params, limit)).fetchall()
        finally:
            conn.close()
        return [_job(r) for r in rows]

    def attempts(self, job_id: int) -> list[DeliveryAttempt]:
        conn = self._connect()
        try:
            rows = conn.execute(
                f"SELECT id, job_id, at, transport, outcome, code, reply, message_id "
                f"FROM {ATTEMPTS} WHERE job_id = ? ORDER BY id",
                (job_id,),
            ).fetchall()
        finally:
            conn.close()
        return [
            DeliveryAttempt(
                id=r[0],
                job_id=r[1],
                at=dt.datetime.fromisoformat(r[2]),
                transport=r[3] or "",
                outcome=r[4],
                code=r[5],
                reply=r[6] or "",
                message_id=r[7] or "",
            )
            for r in rows
        ]

    def attachment(self, job_id: int) -> bytes:
        """The PDF exactly as it is (or was) sent."""
        conn = self._connect()
        try:
            row = conn.execute(f"SELECT attachment FROM {JOBS} WHERE id = ?", (job_id,)).fetchone()
        finally:
            conn.close()
        if row is None:
            raise DeliveryQueueError(f"there is no delivery job {job_id}")
        return bytes(row[0])

    def next_due_at(self) -> dt.datetime | None:
        """When the worker should run next (for a UI timer), or None if nothing waits."""
        conn = self._connect()
        try:
            row = conn.execute(
                f"SELECT MIN(COALESCE(CASE WHEN state = 'sending' THEN lease_until END, "
                f"next_attempt_at)) FROM {JOBS} WHERE state IN ('pending', 'sending')"
            ).fetchone()
        finally:
            conn.close()
        return _parse(row[0]) if row else None

    # -- writing -----------------------------------------------------------------------

    def enqueue(self, request: DeliveryRequest, now: dt.datetime | None = None) -> EnqueueResult:
        """Queue ``request`` unless the same report (same idempotency key) is queued already."""
        if not request.recipients:
            raise DeliveryQueueError(
                f"client {request.client_code} has no report recipients; add an e-mail "
                "address in the client's settings"
            )
        when = _utc(now or _now())
        key = request.idempotency_key
        with self._transaction() as conn:
            row = conn.execute(f"SELECT id FROM {JOBS} WHERE idem_key = ?", (key,)).fetchone()
            if row is not None:
                job_id, created = int(row[0]), False
            else:
                message_id = new_message_id()
                cursor = conn.execute(
                    f"INSERT INTO {JOBS} (idem_key, kind, client_code, day, call_id, recipients, "
                    "subject, body, attachment_name, attachment, encrypted, message_id, state, "
                    "attempts, created_at, next_attempt_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)",
                    (
                        key, request.kind, request.client_code, request.day.isoformat(),
                        request.call_id, json.dumps(list(request.recipients)), request.subject,
                        request.body, request.attachment_name, request.attachment,
                        int(request.encrypted), message_id, when, when,
                    ),
                )  # fmt: skip
                job_id, created = int(cursor.lastrowid or 0), True
        if created:
            log.info("queued %s (job %d)", key, job_id)
        return EnqueueResult(self.job(job_id), created)

    def resend(
        self,
        job_id: int,
        now: dt.datetime | None = None,
        *,
        recipients: tuple[str, ...] | None = None,
        operator: str = "",
    ) -> DeliveryJob:
        """Queue a job again (failed, or sent and asked for once more): due at once.

        A job that was sent gets a new Message-ID, since the client gets a second copy on
        purpose; a failed one keeps its ID.
        """
        when = _utc(now or _now())
        with self._transaction() as conn:
            row = conn.execute(
                f"SELECT state, message_id FROM {JOBS} WHERE id = ?", (job_id,)
            ).fetchone()
            if row is None:
                raise DeliveryQueueError(f"there is no delivery job {job_id}")
            state, message_id = row
            if state == "sending":
                raise DeliveryQueueError(f"job {job_id} is being sent right now; try again later")
            if state == "sent":
                message_id = new_message_id()
            updates = {
                "state": "pending", "attempts": 0, "next_attempt_at": when, "lease_until": None,
                "message_id": message_id, "last_error": "",
            }  # fmt: skip
            if recipients is not None:
                if not recipients:
                    raise DeliveryQueueError("a resend needs at least one recipient")
                updates["recipients"] = json.dumps(list(recipients))
            assignments = ", ".join(f"{k} = ?" for k in updates)
            conn.execute(
                f"UPDATE {JOBS} SET {assignments} WHERE id = ?", (*updates.values(), job_id)
            )
            self._log_attempt(
                conn, job_id, when, "operator", "resend", None,
                f"resend requested{f' by {operator}' if operator else ''} (was {state})",
                message_id,
            )  # fmt: skip
        log.info("job %d queued again by the operator (was %s)", job_id, state)
        return self.job(job_id)

    @staticmethod
    def _log_attempt(
        conn: sqlite3.Connection, job_id: int, at: str, transport: str, outcome: str,
        code: int | None, reply: str, message_id: str,
    ) -> None:  # fmt: skip
        conn.execute(
            f"INSERT INTO {ATTEMPTS} (job_id, at, transport, outcome, code, reply, message_id) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (job_id, at, transport, outcome, code, reply, message_id),
        )

    def _claim(self, now: dt.datetime, exclude: set[int]) -> tuple[int, OutgoingMail] | None:
        """Take the next due job (or one whose worker died) and lease it to this worker."""
        when = _utc(now)
        with self._transaction() as conn:
            rows = conn.execute(
                f"SELECT id, state FROM {JOBS} WHERE (state = 'pending' AND next_attempt_at <= ?) "
                "OR (state = 'sending' AND lease_until <= ?) ORDER BY next_attempt_at, id",
                (when, when),
            ).fetchall()
            row = next((r for r in rows if r[0] not in exclude), None)
            if row is None:
                return None
            job_id, state = row
            if state == "sending":
                log.warning(
                    "job %d was left in 'sending' by a worker that stopped; sending it again "
                    "with the same Message-ID",
                    job_id,
                )
            conn.execute(
                f"UPDATE {JOBS} SET state = 'sending', lease_until = ? WHERE id = ?",
                (_utc(now + self.policy.lease), job_id),
            )
            data = conn.execute(
                f"SELECT message_id, recipients, subject, body, attachment_name, attachment, "
                f"client_code, kind, day, call_id FROM {JOBS} WHERE id = ?",
                (job_id,),
            ).fetchone()
        msgid, rcpts, subject, body, name, attachment, code, kind, day, call_id = data
        stem = f"{day}_{code}_{kind}" + (f"_{call_id}" if call_id else "") + f"_{job_id:06d}"
        mail = OutgoingMail(
            message_id=msgid, recipients=tuple(json.loads(rcpts)), subject=subject or "",
            body=body or "", attachment_name=name or "report.pdf", attachment=bytes(attachment),
            file_stem=stem, client_code=code,
        )  # fmt: skip
        return job_id, mail

    def _mark_sent(
        self, job_id: int, mail: OutgoingMail, reply: ServerReply, transport: str
    ) -> None:
        when = _utc(_now())
        with self._transaction() as conn:
            conn.execute(
                f"UPDATE {JOBS} SET state = 'sent', sent_at = ?, lease_until = NULL, "
                "next_attempt_at = NULL, attempts = attempts + 1, last_code = ?, "
                "last_reply = ?, last_error = '' WHERE id = ?",
                (when, reply.code, str(reply), job_id),
            )
            self._log_attempt(
                conn, job_id, when, transport, "sent", reply.code, reply.text, mail.message_id
            )

    def _mark_failed_attempt(
        self, job_id: int, mail: OutgoingMail, error: DeliveryError, transport: str,
        now: dt.datetime,
    ) -> JobState:  # fmt: skip
        when = _utc(_now())
        with self._transaction() as conn:
            (attempts,) = conn.execute(
                f"SELECT attempts FROM {JOBS} WHERE id = ?", (job_id,)
            ).fetchone()
            attempts += 1
            give_up = error.permanent or attempts >= self.policy.max_attempts
            state: JobState = "failed" if give_up else "pending"
            message = str(error)
            if not error.permanent and give_up:
                message = f"Gave up after {attempts} attempts. Last error: {message}"
            next_at = None if give_up else _utc(now + self.policy.delay(attempts))
            conn.execute(
                f"UPDATE {JOBS} SET state = ?, attempts = ?, next_attempt_at = ?, "
                "lease_until = NULL, last_code = ?, last_reply = ?, last_error = ? WHERE id = ?",
                (state, attempts, next_at, error.reply.code, str(error.reply), message, job_id),
            )
            outcome = "failed" if give_up else ("uncertain" if error.uncertain else "retry")
            self._log_attempt(
                conn, job_id, when, transport, outcome, error.reply.code, error.reply.text,
                mail.message_id,
            )  # fmt: skip
        return state

    # -- the worker --------------------------------------------------------------------

    def process_due(
        self, transport: Transport, now: dt.datetime | None = None, *, limit: int | None = None
    ) -> list[DeliveryJob]:
        """Send every job that is due at ``now``; return the jobs attempted, as they are now.

        Stops early when the server is unreachable or refuses the account (the other jobs
        stay pending for the next run; no attempt is charged to them).
        """
        moment = now or _now()
        _utc(moment)
        done: list[int] = []
        while limit is None or len(done) < limit:
            claimed = self._claim(moment, set(done))
            if claimed is None:
                break
            job_id, mail = claimed
            done.append(job_id)
            if not self._deliver(transport, job_id, mail, moment):
                break
        return [self.job(i) for i in done]

    def _deliver(
        self, transport: Transport, job_id: int, mail: OutgoingMail, now: dt.datetime
    ) -> bool:
        """One attempt for a claimed job; False when the other jobs should wait."""
        accepted: list[ServerReply] = []

        def on_accepted(reply: ServerReply) -> None:
            self._mark_sent(job_id, mail, reply, transport.description)
            accepted.append(reply)

        try:
            transport.send(mail, on_accepted)
        except DeliveryError as error:
            if accepted:  # failed after the server took it: delivered, nothing to undo
                return True
            state = self._mark_failed_attempt(job_id, mail, error, transport.description, now)
            level = log.error if state == "failed" else log.warning
            level("delivery of job %d (%s) failed: %s", job_id, mail.file_stem, error)
            return not error.server_unreachable
        except Exception:
            if not accepted:
                self._release(job_id)
            log.exception("unexpected error while delivering job %d", job_id)
            raise
        if not accepted:  # a transport that did not call back still delivered it
            self._mark_sent(job_id, mail, ServerReply(None, "accepted"), transport.description)
        log.info("delivered job %d (%s) via %s", job_id, mail.file_stem, transport.description)
        return True

    def _release(self, job_id: int) -> None:
        with self._transaction() as conn:
            conn.execute(
                f"UPDATE {JOBS} SET state = 'pending', lease_until = NULL "
                "WHERE id = ? AND state = 'sending'",
                (job_id,),
            )
