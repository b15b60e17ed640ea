"""``vorzimmer report --date D [--client CODE] [--send]`` for cron and systemd timers.

Without ``--send`` the PDFs are written to ``<home>/reports/<date>/`` for review. With
``--send`` each report is queued once (running the command twice never sends twice) and
every due delivery is attempted. Exit codes: 0 done, 1 something failed (see output and
log), 2 unknown client, 75 (EX_TEMPFAIL) some mail is waiting for a retry.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from appenv import logs
from appenv.paths import AppPaths
from appenv.secrets import SecretStoreUnavailable
from appenv.settings import Settings
from reports.delivery import (
    AcceptedCallback,
    DeliveryError,
    OutboxTransport,
    OutgoingMail,
    ServerReply,
    SmtpSettings,
    SmtpTransport,
    Transport,
    write_atomic,
)
from reports.delivery_queue import DeliveryQueue, DeliveryQueueError, idempotency_key
from reports.errors import EncryptionPasswordMissing, ForeignCallError
from reports.model import ReportClient, ReportSource
from reports.prepare import daily_report_request, wants_report

log = logs.get("reports")

EXIT_OK, EXIT_FAILED, EXIT_UNKNOWN_CLIENT, EXIT_TEMPFAIL = 0, 1, 2, 75


def reports_folder(paths: AppPaths, day: dt.date) -> Path:
    return paths.home / "reports" / day.isoformat()


def _default_source(paths: AppPaths) -> ReportSource:
    """The app database's clients, calls and notes (the process exit closes it)."""
    from clients.store import SqliteClientStore
    from reports.clients_source import StoreReportSource

    return StoreReportSource(SqliteClientStore(paths.database))


def smtp_settings_from(settings: Settings) -> SmtpSettings | None:
    """The mail server from the user settings, or None when no host is set (outbox).

    Raises ``ValueError`` with a readable message when the settings are incomplete.
    """
    host = settings.get("smtp.host").strip()
    if not host:
        return None
    return SmtpSettings(
        host=host,
        port=settings.get("smtp.port"),
        security=settings.get("smtp.security"),
        username=settings.get("smtp.username").strip(),
        from_addr=settings.get("smtp.from_addr").strip(),
        cafile=settings.get("smtp.cafile").strip() or None,
    )


class MisconfiguredTransport:
    """Stands in for SMTP when its settings are unusable: every mail stays queued."""

    def __init__(self, problem: str) -> None:
        self.problem = problem
        self.description = "smtp (not configured correctly)"

    def send(self, mail: OutgoingMail, on_accepted: AcceptedCallback) -> ServerReply:
        raise DeliveryError(
            f"The mail settings are incomplete: {self.problem}. Fix them in the mail settings; "
            "the report stays queued.",
            ServerReply(None, f"settings: {self.problem}"),
            permanent=False,
            server_unreachable=True,
        )


def transport_for(settings: Settings, paths: AppPaths) -> Transport:
    """SMTP when ``smtp.host`` is set, else the outbox folder."""
    try:
        smtp = smtp_settings_from(settings)
    except ValueError as exc:
        return MisconfiguredTransport(str(exc))
    if smtp is None:
        return OutboxTransport(paths.outbox)
    return SmtpTransport(smtp)


def _default_transport(paths: AppPaths) -> Transport:
    """SMTP when ``smtp.host`` is set in the home's settings.json, else the outbox folder."""
    return transport_for(Settings(paths.settings_file), paths)


def run_report(paths: AppPaths, day: dt.date, client_code: str | None, send: bool) -> int:
    source = _default_source(paths)
    return build_and_queue(source, paths, day, client_code, send)


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
    queue = (queue or DeliveryQueue(paths.database)) if send else None
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
                folder.mkdir(parents=True, exist_ok=True)
                target = folder / request.attachment_name
                write_atomic(target, request.attachment)
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
    queue.process_due(transport or _default_transport(paths), now)
    for job_id in job_ids:
        job = queue.job(job_id)
        detail = job.last_error or job.last_reply
        out(
            f"job {job.id} {job.client_code} {job.day}: {job.state}"
            + (f" – {detail}" if detail else "")
        )
        if job.state == "failed":
            rc = EXIT_FAILED
        elif job.state in ("pending", "sending") and rc == EXIT_OK:
            rc = EXIT_TEMPFAIL
    return rc
