"""Which way report mail goes out: SMTP from the settings, else the outbox folder."""

from __future__ import annotations

from appenv.paths import AppPaths
from appenv.settings import Settings
from reports.delivery import (
    OUTBOX_SENDER,
    AcceptedCallback,
    DeliveryError,
    OutboxTransport,
    OutgoingMail,
    ServerReply,
    SmtpSettings,
    SmtpTransport,
    Transport,
)


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


def sender_address(settings: Settings) -> str:
    """The address mail goes out from: the organizer of a confirmation's calendar event."""
    return settings.get("smtp.from_addr").strip() or OUTBOX_SENDER


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


def default_transport(paths: AppPaths) -> Transport:
    """SMTP when ``smtp.host`` is set in the home's settings.json, else the outbox folder."""
    return transport_for(Settings(paths.settings_file), paths)
