"""Report and confirmation deliveries as plain data: what is queued, each attempt, the retry policy.

Shared by the queue's rules (:mod:`reports.delivery_queue`) and the stores that persist
it (:mod:`storage`); nothing here touches a database or the network.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Literal

JobState = Literal["pending", "sending", "sent", "failed"]
JobKind = Literal["daily_report", "call_note", "confirmation"]
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
    """A rendered report (or appointment confirmation) ready to be queued."""

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
    reference: str = ""  # a confirmation: which change of which event, for whom

    @property
    def idempotency_key(self) -> str:
        return idempotency_key(
            self.kind, self.client_code, self.day, self.call_id, reference=self.reference
        )


def idempotency_key(
    kind: JobKind, client_code: str, day: dt.date, call_id: str = "", *, reference: str = ""
) -> str:
    if kind == "confirmation":
        if not reference:
            raise ValueError("a confirmation delivery needs its reference")
        return f"confirmation:{client_code}:{reference}"
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


@dataclass(frozen=True)
class ClaimedJob:
    """A job leased to one worker, with what it takes to send it."""

    job_id: int
    message_id: str
    recipients: tuple[str, ...]
    subject: str
    body: str
    attachment_name: str
    attachment: bytes
    client_code: str
    kind: str
    day: str
    call_id: str
