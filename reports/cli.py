"""``vorzimmer report --date D [--client CODE] [--send]`` and ``vorzimmer deliver`` for
cron and systemd timers.

Without ``--send`` the PDFs are written to ``<home>/reports/<date>/`` for review. With
``--send`` each report is queued once (running the command twice never sends twice) and
every due delivery is attempted. Exit codes: 0 done, 1 something failed (see output and
log), 2 unknown client, 75 (EX_TEMPFAIL) some mail is waiting for a retry.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path

from appenv import logs
from appenv.files import atomic_write
from appenv.paths import AppPaths
from appenv.secrets import SecretStoreUnavailable
from reports.delivery import Transport
from reports.delivery_jobs import DeliveryJob, DeliveryQueueError, idempotency_key
from reports.delivery_queue import DeliveryQueue
from reports.errors import EncryptionPasswordMissing, ForeignCallError
from reports.model import ReportClient, ReportSource
from reports.prepare import daily_report_request, wants_report
from reports.transports import default_transport
from storage import StoreUnavailable, open_app_database

__all__ = ["build_and_queue", "run_deliver", "run_report"]

log = logs.get("reports")

EXIT_OK, EXIT_FAILED, EXIT_UNKNOWN_CLIENT, EXIT_TEMPFAIL = 0, 1, 2, 75


def reports_folder(paths: AppPaths, day: dt.date) -> Path:
    return paths.home / "reports" / day.isoformat()


def run_report(paths: AppPaths, day: dt.date, client_code: str | None, send: bool) -> int:
    """The command: the app database's clients, calls and notes; its delivery queue."""
    from reports.clients_source import StoreReportSource

    try:
        db = open_app_database(paths)
    except StoreUnavailable as exc:
        log.error("report for %s not built: %s (%s)", day, type(exc).__name__, exc.detail)
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    try:
        queue = DeliveryQueue(db.deliveries) if send else None
        return build_and_queue(StoreReportSource(db), paths, day, client_code, send, queue=queue)
    finally:
        db.close()


def build_and_queue(
    source: ReportSource,
    paths: AppPaths,
    day: dt.date,
    client_code: str | None,
    send: bool,
    *,
    transport: Transport | None = None,
    queue: DeliveryQueue | None = None,
    now: dt.datetime | None = None,
    out: Callable[[str], None] = print,
) -> int:
    """Build ``day``'s report for one client (or every client); queue and deliver if ``send``."""
    if client_code is not None:
        found = source.client(client_code)
        if found is None:
            out(f"error: there is no client with code {client_code!r}")
            return EXIT_UNKNOWN_CLIENT
        clients: list[ReportClient] = [found]
    else:
        clients = source.clients()
        if not clients:
            out("no clients: nothing to report")
            return EXIT_OK
    if send and queue is None:
        with contextlib.closing(open_app_database(paths)) as db:
            return build_and_queue(
                source, paths, day, client_code, send, transport=transport,
                queue=DeliveryQueue(db.deliveries), now=now, out=out,
            )  # fmt: skip
    rc = EXIT_OK
    job_ids: list[int] = []
    for client in clients:
        label = f"{client.code} ({client.name})"
        try:
            if send and queue is not None:
                existing = queue.find(idempotency_key("daily_report", client.code, day))
                if existing is not None:
                    out(f"{label}: already queued as job {existing.id} ({existing.state})")
                    job_ids.append(existing.id)
                    continue
            calls = source.calls_for(client.code, day)
            if not wants_report(client, calls):
                out(f"{label}: no calls, and no empty report wanted")
                continue
            request = daily_report_request(client, day, calls, generated_at=now)
            if queue is None:
                folder = reports_folder(paths, day)
                folder.mkdir(mode=0o700, parents=True, exist_ok=True)
                target = folder / request.attachment_name
                atomic_write(target, request.attachment)
                out(f"{label}: {len(calls)} calls -> {target}")
                continue
            result = queue.enqueue(request, now)
            job_ids.append(result.job.id)
            out(f"{label}: {len(calls)} calls, queued as job {result.job.id}")
        except (
            EncryptionPasswordMissing,
            SecretStoreUnavailable,
            ForeignCallError,
            DeliveryQueueError,
            OSError,
        ) as exc:
            log.error("report for %s on %s not built: %s", client.code, day, exc)
            out(f"{label}: error: {exc}")
            rc = EXIT_FAILED
    if queue is None:
        return rc
    queue.process_due(transport or default_transport(paths), now)
    return _told([queue.job(job_id) for job_id in job_ids], rc, out)


def _told(jobs: list[DeliveryJob], rc: int, out: Callable[[str], None]) -> int:
    """One line per job; ``rc`` raised to failed / waiting for a retry as the jobs are."""
    for job in jobs:
        detail = job.last_error or job.last_reply
        out(
            f"job {job.id} {job.kind} {job.client_code} {job.day}: {job.state}"
            + (f" – {detail}" if detail else "")
        )
        if job.state == "failed":
            rc = EXIT_FAILED
        elif job.state in ("pending", "sending") and rc == EXIT_OK:
            rc = EXIT_TEMPFAIL
    return rc


def run_deliver(
    paths: AppPaths,
    *,
    transport: Transport | None = None,
    now: dt.datetime | None = None,
    out: Callable[[str], None] = print,
) -> int:
    """``vorzimmer deliver``: send every queued mail that is due (reports, confirmations),
    e.g. from cron while no window is open. Exit codes as for ``report --send``."""
    try:
        db = open_app_database(paths)
    except StoreUnavailable as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    try:
        queue = DeliveryQueue(db.deliveries)
        jobs = queue.process_due(transport or default_transport(paths), now)
        if not jobs:
            out("nothing due")
        rc = _told(jobs, EXIT_OK, out)
        waiting = queue.next_due_at()
        if waiting is not None:
            out(f"next attempt due at {waiting.isoformat(timespec='seconds')}")
        return rc
    finally:
        db.close()
