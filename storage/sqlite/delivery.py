"""The delivery queue's tables in SQLite (``delivery_jobs``, ``delivery_attempts``).

Every method is one short transaction on the database's one connection; ``BEGIN
IMMEDIATE`` keeps a cron job (``vorzimmer report --send``) and the app apart. The rules
(when to retry, when to give up) are :class:`reports.delivery_jobs.RetryPolicy`'s.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from typing import Any

from appenv import logs
from appenv.times import from_db, from_db_or_none, to_db
from reports.delivery_jobs import (
    ClaimedJob,
    DeliveryAttempt,
    DeliveryJob,
    DeliveryQueueError,
    DeliveryRequest,
    JobState,
    RetryPolicy,
    new_message_id,
)
from storage.changes import DELIVERIES
from storage.sqlite.tables import SqliteTables

log = logs.get("reports")

JOBS = "delivery_jobs"
ATTEMPTS = "delivery_attempts"
_JOB_COLUMNS = (
    "id, idem_key, kind, client_code, day, call_id, recipients, subject, attachment_name, "
    "encrypted, message_id, state, attempts, created_at, next_attempt_at, sent_at, "
    "last_reply, last_error"
)


def _job(row: tuple[Any, ...]) -> DeliveryJob:
    (id_, key, kind, code, day, call_id, rcpts, subject, name, enc, msgid, state, attempts,
     created, next_at, sent_at, reply, error) = row  # fmt: skip
    return DeliveryJob(
        id=id_, idempotency_key=key, kind=kind, client_code=code,
        day=dt.date.fromisoformat(day), call_id=call_id or "",
        recipients=tuple(json.loads(rcpts)), subject=subject, attachment_name=name,
        encrypted=bool(enc), message_id=msgid, state=state, attempts=attempts,
        created_at=from_db(created), next_attempt_at=from_db_or_none(next_at),
        sent_at=from_db_or_none(sent_at), last_reply=reply or "", last_error=error or "",
    )  # fmt: skip


def _log_attempt(
    conn: sqlite3.Connection, job_id: int, at: str, transport: str, outcome: str,
    code: int | None, reply: str, message_id: str,
) -> None:  # fmt: skip
    conn.execute(
        f"INSERT INTO {ATTEMPTS} (job_id, at, transport, outcome, code, reply, message_id) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (job_id, at, transport, outcome, code, reply, message_id),
    )


class SqliteDeliveryStore(SqliteTables):
    """Implements :class:`storage.interfaces.DeliveryStore`."""

    def job(self, job_id: int) -> DeliveryJob | None:
        row = self._one(f"SELECT {_JOB_COLUMNS} FROM {JOBS} WHERE id = ?", (job_id,))
        return None if row is None else _job(row)

    def find(self, key: str) -> DeliveryJob | None:
        row = self._one(f"SELECT {_JOB_COLUMNS} FROM {JOBS} WHERE idem_key = ?", (key,))
        return None if row is None else _job(row)

    def jobs(
        self,
        *,
        client_code: str | None = None,
        state: JobState | None = None,
        day: dt.date | None = None,
        limit: int = 1000,
    ) -> list[DeliveryJob]:
        where: list[str] = []
        params: list[Any] = []
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
        return [_job(r) for r in self._all(sql, (*params, limit))]

    def attempts(self, job_id: int) -> list[DeliveryAttempt]:
        rows = self._all(
            f"SELECT id, job_id, at, transport, outcome, code, reply, message_id "
            f"FROM {ATTEMPTS} WHERE job_id = ? ORDER BY id",
            (job_id,),
        )
        return [
            DeliveryAttempt(
                id=r[0],
                job_id=r[1],
                at=from_db(r[2]),
                transport=r[3] or "",
                outcome=r[4],
                code=r[5],
                reply=r[6] or "",
                message_id=r[7] or "",
            )
            for r in rows
        ]

    def attachment(self, job_id: int) -> bytes | None:
        row = self._one(f"SELECT attachment FROM {JOBS} WHERE id = ?", (job_id,))
        return None if row is None else bytes(row[0])

    def next_due_at(self) -> dt.datetime | None:
        row = self._one(
            f"SELECT MIN(COALESCE(CASE WHEN state = 'sending' THEN lease_until END, "
            f"next_attempt_at)) FROM {JOBS} WHERE state IN ('pending', 'sending')"
        )
        return from_db_or_none(row[0]) if row else None

    def insert_job(
        self, request: DeliveryRequest, message_id: str, now: dt.datetime
    ) -> tuple[int, bool]:
        """Queue ``request``: (its job id, True), or (the id it has already, False)."""
        when = to_db(now)
        with self._tx(DELIVERIES) as conn:
            row = conn.execute(
                f"SELECT id FROM {JOBS} WHERE idem_key = ?", (request.idempotency_key,)
            ).fetchone()
            if row is not None:
                return int(row[0]), False
            cursor = conn.execute(
                f"INSERT INTO {JOBS} (idem_key, kind, client_code, day, call_id, recipients, "
                "subject, body, attachment_name, attachment, encrypted, message_id, state, "
                "attempts, created_at, next_attempt_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)",
                (
                    request.idempotency_key, request.kind, request.client_code,
                    request.day.isoformat(), request.call_id,
                    json.dumps(list(request.recipients)), request.subject, request.body,
                    request.attachment_name, request.attachment, int(request.encrypted),
                    message_id, when, when,
                ),
            )  # fmt: skip
            job_id = int(cursor.lastrowid or 0)
            self._c.changed(DELIVERIES, job_id)
        return job_id, True

    def requeue(
        self, job_id: int, now: dt.datetime, recipients: tuple[str, ...] | None, note: str
    ) -> str:
        """Make a failed or sent job due at once; returns the state it had."""
        when = to_db(now)
        with self._tx(DELIVERIES, job_id) as conn:
            row = conn.execute(
                f"SELECT state, message_id FROM {JOBS} WHERE id = ?", (job_id,)
            ).fetchone()
            if row is None:
                raise DeliveryQueueError(f"there is no delivery job {job_id}")
            state, message_id = row
            if state == "sending":
                raise DeliveryQueueError(f"job {job_id} is being sent right now; try again later")
            if state == "sent":  # a second copy on purpose: a new Message-ID
                message_id = new_message_id()
            updates: dict[str, Any] = {
                "state": "pending", "attempts": 0, "next_attempt_at": when, "lease_until": None,
                "message_id": message_id, "last_error": "",
            }  # fmt: skip
            if recipients is not None:
                updates["recipients"] = json.dumps(list(recipients))
            assignments = ", ".join(f"{k} = ?" for k in updates)
            conn.execute(
                f"UPDATE {JOBS} SET {assignments} WHERE id = ?", (*updates.values(), job_id)
            )
            _log_attempt(conn, job_id, when, "operator", "resend", None, f"{note} (was {state})",
                         message_id)  # fmt: skip
        return str(state)

    def claim(self, now: dt.datetime, policy: RetryPolicy, exclude: set[int]) -> ClaimedJob | None:
        """Take the next due job (or one whose worker died) and lease it to this worker."""
        when = to_db(now)
        with self._tx(DELIVERIES) as conn:
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
                (to_db(now + policy.lease), job_id),
            )
            self._c.changed(DELIVERIES, job_id)
            data = conn.execute(
                f"SELECT message_id, recipients, subject, body, attachment_name, attachment, "
                f"client_code, kind, day, call_id FROM {JOBS} WHERE id = ?",
                (job_id,),
            ).fetchone()
        msgid, rcpts, subject, body, name, attachment, code, kind, day, call_id = data
        return ClaimedJob(
            job_id=job_id, message_id=msgid, recipients=tuple(json.loads(rcpts)),
            subject=subject or "", body=body or "", attachment_name=name or "report.pdf",
            attachment=bytes(attachment), client_code=code, kind=kind, day=day,
            call_id=call_id or "",
        )  # fmt: skip

    def mark_sent(
        self, job_id: int, message_id: str, code: int | None, reply_line: str, reply_text: str,
        transport: str,
    ) -> None:  # fmt: skip
        when = to_db(dt.datetime.now(dt.UTC))
        with self._tx(DELIVERIES, job_id) as conn:
            conn.execute(
                f"UPDATE {JOBS} SET state = 'sent', sent_at = ?, lease_until = NULL, "
                "next_attempt_at = NULL, attempts = attempts + 1, last_code = ?, "
                "last_reply = ?, last_error = '' WHERE id = ?",
                (when, code, reply_line, job_id),
            )
            _log_attempt(conn, job_id, when, transport, "sent", code, reply_text, message_id)

    def mark_failed_attempt(
        self,
        job_id: int,
        message_id: str,
        *,
        permanent: bool,
        uncertain: bool,
        code: int | None,
        reply_line: str,
        reply_text: str,
        message: str,
        transport: str,
        now: dt.datetime,
        policy: RetryPolicy,
    ) -> JobState:
        when = to_db(dt.datetime.now(dt.UTC))
        with self._tx(DELIVERIES, job_id) as conn:
            (attempts,) = conn.execute(
                f"SELECT attempts FROM {JOBS} WHERE id = ?", (job_id,)
            ).fetchone()
            attempts += 1
            give_up = permanent or attempts >= policy.max_attempts
            state: JobState = "failed" if give_up else "pending"
            if not permanent and give_up:
                message = f"Gave up after {attempts} attempts. Last error: {message}"
            next_at = None if give_up else to_db(now + policy.delay(attempts))
            conn.execute(
                f"UPDATE {JOBS} SET state = ?, attempts = ?, next_attempt_at = ?, "
                "lease_until = NULL, last_code = ?, last_reply = ?, last_error = ? WHERE id = ?",
                (state, attempts, next_at, code, reply_line, message, job_id),
            )
            outcome = "failed" if give_up else ("uncertain" if uncertain else "retry")
            _log_attempt(conn, job_id, when, transport, outcome, code, reply_text, message_id)
        return state

    def release(self, job_id: int) -> None:
        with self._tx(DELIVERIES, job_id) as conn:
            conn.execute(
                f"UPDATE {JOBS} SET state = 'pending', lease_until = NULL "
                "WHERE id = ? AND state = 'sending'",
                (job_id,),
            )
