"""The delivery queue: every report mail (and appointment confirmation), its state and
every attempt, in the database.

States: ``pending`` (due at ``next_attempt_at``) → ``sending`` (claimed by one worker,
with a lease) → ``sent`` | ``failed`` (permanent; the operator can resend). A job is
enqueued once per idempotency key (``daily_report:<client>:<day>``,
``call_note:<client>:<call id>``, ``confirmation:<client>:<uid>:<sequence>:…``); the
rendered attachment is kept with it, so nothing is lost when delivery fails. Success is
committed the moment the server accepts the mail (before QUIT), and the Message-ID stays
the same across retries, so a recipient never gets two different copies. The rows live
behind :class:`storage.interfaces.DeliveryStore` (one migration list with every other
table). Blocking I/O: call it off the GUI thread.
"""

from __future__ import annotations

import datetime as dt

from appenv import logs
from appenv.times import to_utc, utc_now
from reports.delivery import (
    DeliveryError,
    OutgoingMail,
    ServerReply,
    Transport,
    attachment_type,
)
from reports.delivery_jobs import (
    ClaimedJob,
    DeliveryAttempt,
    DeliveryJob,
    DeliveryQueueError,
    DeliveryRequest,
    EnqueueResult,
    JobState,
    RetryPolicy,
    new_message_id,
)
from storage.interfaces import DeliveryStore

__all__ = ["DeliveryQueue"]

log = logs.get("reports")


def _utc(moment: dt.datetime) -> dt.datetime:
    try:
        return to_utc(moment)
    except ValueError:
        raise DeliveryQueueError(
            "times given to the delivery queue must be timezone-aware"
        ) from None


def _mail(claimed: ClaimedJob) -> OutgoingMail:
    c = claimed
    stem = f"{c.day}_{c.client_code}_{c.kind}" + (f"_{c.call_id}" if c.call_id else "")
    return OutgoingMail(
        message_id=c.message_id, recipients=c.recipients, subject=c.subject, body=c.body,
        attachment_name=c.attachment_name, attachment=c.attachment,
        file_stem=f"{stem}_{c.job_id:06d}", client_code=c.client_code,
        attachment_type=attachment_type(c.attachment_name, c.attachment),
    )  # fmt: skip


class DeliveryQueue:
    """The queue's rules over the database's :class:`DeliveryStore`."""

    def __init__(self, store: DeliveryStore, policy: RetryPolicy | None = None) -> None:
        self.store = store
        self.policy = policy or RetryPolicy()

    # -- reading -----------------------------------------------------------------------

    def job(self, job_id: int) -> DeliveryJob:
        found = self.store.job(job_id)
        if found is None:
            raise DeliveryQueueError(f"there is no delivery job {job_id}")
        return found

    def find(self, key: str) -> DeliveryJob | None:
        return self.store.find(key)

    def jobs(
        self,
        *,
        client_code: str | None = None,
        state: JobState | None = None,
        day: dt.date | None = None,
        limit: int = 1000,
    ) -> list[DeliveryJob]:
        """Newest first, for the delivery overview."""
        return self.store.jobs(client_code=client_code, state=state, day=day, limit=limit)

    def attempts(self, job_id: int) -> list[DeliveryAttempt]:
        return self.store.attempts(job_id)

    def attachment(self, job_id: int) -> bytes:
        """The PDF exactly as it is (or was) sent."""
        data = self.store.attachment(job_id)
        if data is None:
            raise DeliveryQueueError(f"there is no delivery job {job_id}")
        return data

    def next_due_at(self) -> dt.datetime | None:
        """When the worker should run next (for a UI timer), or None if nothing waits."""
        return self.store.next_due_at()

    # -- writing -----------------------------------------------------------------------

    def enqueue(self, request: DeliveryRequest, now: dt.datetime | None = None) -> EnqueueResult:
        """Queue ``request`` unless the same report (same idempotency key) is queued already."""
        if not request.recipients:
            raise DeliveryQueueError(
                f"client {request.client_code} has no report recipients; add an e-mail "
                "address in the client's settings"
            )
        when = _utc(now or utc_now())
        job_id, created = self.store.insert_job(request, new_message_id(), when)
        if created:
            log.info("queued %s (job %d)", request.idempotency_key, job_id)
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
        when = _utc(now or utc_now())
        if recipients is not None and not recipients:
            raise DeliveryQueueError("a resend needs at least one recipient")
        note = f"resend requested{f' by {operator}' if operator else ''}"
        state = self.store.requeue(job_id, when, recipients, note)
        log.info("job %d queued again by the operator (was %s)", job_id, state)
        return self.job(job_id)

    def _claim(self, now: dt.datetime, exclude: set[int]) -> tuple[int, OutgoingMail] | None:
        claimed = self.store.claim(now, self.policy, exclude)
        return None if claimed is None else (claimed.job_id, _mail(claimed))

    def _mark_sent(
        self, job_id: int, mail: OutgoingMail, reply: ServerReply, transport: str
    ) -> None:
        self.store.mark_sent(job_id, mail.message_id, reply.code, str(reply), reply.text, transport)

    def _mark_failed_attempt(
        self, job_id: int, mail: OutgoingMail, error: DeliveryError, transport: str,
        now: dt.datetime,
    ) -> JobState:  # fmt: skip
        return self.store.mark_failed_attempt(
            job_id, mail.message_id, permanent=error.permanent, uncertain=error.uncertain,
            code=error.reply.code, reply_line=str(error.reply), reply_text=error.reply.text,
            message=str(error), transport=transport, now=now, policy=self.policy,
        )  # fmt: skip

    # -- the worker --------------------------------------------------------------------

    def process_due(
        self, transport: Transport, now: dt.datetime | None = None, *, limit: int | None = None
    ) -> list[DeliveryJob]:
        """Send every job that is due at ``now``; return the jobs attempted, as they are now.

        Stops early when the server is unreachable or refuses the account (the other jobs
        stay pending for the next run; no attempt is charged to them).
        """
        moment = now or utc_now()
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
        self.store.release(job_id)
