"""When reports go out: which daily reports are due, queueing them once, delivering.

The plain part of the report scheduler: :mod:`ui.report_scheduler` only arms timers and
runs :func:`run_once` / :func:`queue_note` off the GUI thread. The queue in the database
does the bookkeeping (idempotency, backoff, exactly-once); other seats or a cron job
(``vorzimmer report --send``) may work on the same queue: leases keep them apart.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from appenv.secrets import SecretStoreUnavailable
from notes.model import Note
from reports.clients_source import StoreReportSource
from reports.delivery import Transport
from reports.delivery_jobs import DeliveryJob, DeliveryQueueError, RetryPolicy, idempotency_key
from reports.delivery_queue import DeliveryQueue
from reports.errors import EncryptionPasswordMissing, ForeignCallError
from reports.model import ReportCall, ReportClient
from reports.prepare import call_note_request, daily_report_request, report_due_at, wants_report
from storage.interfaces import Database

# Problems of the environment or of a client's data: shown to the operator, retried later.
REPORT_PROBLEMS = (
    EncryptionPasswordMissing,
    SecretStoreUnavailable,
    ForeignCallError,
    DeliveryQueueError,
    OSError,
)


# A report missed while the app was closed still goes out if the app starts within this
# time after the report was due (an evening report, the app opened next morning). Longer
# outages: ``vorzimmer report --send`` from cron covers them.
CATCH_UP = dt.timedelta(hours=18)


@dataclass(frozen=True)
class Problem:
    """A report that could not be built or queued, and why (shown once per key)."""

    key: str
    message: str


@dataclass(frozen=True)
class SchedulerRun:
    """What one run did; ``wake_at`` is when the next run is needed (None: nothing known)."""

    queued: tuple[DeliveryJob, ...] = ()
    attempted: tuple[DeliveryJob, ...] = ()
    problems: tuple[Problem, ...] = ()
    wake_at: dt.datetime | None = None

    @property
    def changed(self) -> bool:
        return bool(self.queued or self.attempted)


@dataclass
class _Plan:
    """Daily reports due in ``(now - catch_up, now]``, and the next one after ``now``."""

    due: list[tuple[ReportClient, dt.date]] = field(default_factory=list)
    next_at: dt.datetime | None = None


def plan_daily_reports(
    clients: list[ReportClient], now: dt.datetime, catch_up: dt.timedelta
) -> _Plan:
    """Which daily reports are due. Yesterday's counts too, so that a report missed while
    the app was closed goes out when it starts again (within ``catch_up``)."""
    plan = _Plan()
    for client in clients:
        today = now.astimezone(ZoneInfo(client.timezone)).date()
        for day in (today - dt.timedelta(days=1), today, today + dt.timedelta(days=1)):
            due = report_due_at(client, day)
            if now - catch_up < due <= now:
                plan.due.append((client, day))
            elif due > now and (plan.next_at is None or due < plan.next_at):
                plan.next_at = due
    return plan


def _earliest(*moments: dt.datetime | None) -> dt.datetime | None:
    present = [m for m in moments if m is not None]
    return min(present) if present else None


def run_once(
    db: Database,
    transport: Transport,
    now: dt.datetime,
    *,
    build_daily: bool = True,
    deliver: bool = True,
    catch_up: dt.timedelta = CATCH_UP,
    policy: RetryPolicy | None = None,
) -> SchedulerRun:
    """Queue the daily reports that are due (once each), then deliver what is due.

    Blocking (SQLite, PDF rendering, SMTP): call it off the GUI thread.
    """
    queue = DeliveryQueue(db.deliveries, policy)
    queued: list[DeliveryJob] = []
    problems: list[Problem] = []
    next_report: dt.datetime | None = None
    if build_daily:
        source = StoreReportSource(db)
        plan = plan_daily_reports(source.clients(), now, catch_up)
        next_report = plan.next_at
        for client, day in plan.due:
            key = idempotency_key("daily_report", client.code, day)
            if queue.find(key) is not None:
                continue
            try:
                calls = source.calls_for(client.code, day)
                if not wants_report(client, calls):
                    continue
                request = daily_report_request(client, day, calls, generated_at=now)
                result = queue.enqueue(request, now)
            except REPORT_PROBLEMS as exc:
                problems.append(Problem(key, f"{client.code} ({client.name}), {day}: {exc}"))
                continue
            if result.created:
                queued.append(result.job)
    attempted: list[DeliveryJob] = []
    due = queue.next_due_at()
    if deliver and due is not None and due <= now:
        attempted = queue.process_due(transport, now)
    return SchedulerRun(
        queued=tuple(queued),
        attempted=tuple(attempted),
        problems=tuple(problems),
        wake_at=_earliest(queue.next_due_at(), next_report),
    )


def find_note_call(
    source: StoreReportSource, client: ReportClient, note: Note
) -> ReportCall | None:
    """The note as the report shows it: its call (with the note), or the loose note."""
    if note.call_id is not None:
        record = source.calls.get_call(note.call_id)
        if record is None:
            return None
        started, wanted = record.started_at, str(note.call_id)
    else:
        started, wanted = note.noted_at, f"note-{note.id}"
    day = started.astimezone(ZoneInfo(client.timezone)).date()
    return next((c for c in source.calls_for(client.code, day) if c.call_id == wanted), None)


def queue_note(
    db: Database,
    transport: Transport,
    note: Note,
    now: dt.datetime,
    *,
    policy: RetryPolicy | None = None,
) -> SchedulerRun:
    """Render the note's call-note PDF, queue it (once per call) and deliver it now."""
    if note.id is None or note.client_id is None:
        raise ValueError("only a saved note of a client can be sent")
    queue = DeliveryQueue(db.deliveries, policy)
    stored = db.clients.get_client(note.client_id)
    if stored is None:
        raise ValueError(f"the note's client {note.client_id} does not exist")
    source = StoreReportSource(db)
    client = source.client(stored.code)
    assert client is not None
    call = find_note_call(source, client, note)
    if call is None:
        raise ValueError(f"note {note.id} was not found for client {client.code}")
    try:
        request = call_note_request(client, call, generated_at=now)
        result = queue.enqueue(request, now)
    except REPORT_PROBLEMS as exc:
        key = f"call_note:{client.code}:{call.call_id}"
        return SchedulerRun(problems=(Problem(key, f"{client.code}, note {note.id}: {exc}"),))
    attempted = queue.process_due(transport, now)
    return SchedulerRun(
        queued=(result.job,) if result.created else (),
        attempted=tuple(attempted),
        wake_at=queue.next_due_at(),
    )
