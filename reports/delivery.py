"""Getting a report to the client: by SMTP, or into the outbox folder when none is set up.

A transport hands one mail over and tells the caller the moment the server has accepted
it (``on_accepted``), *before* it says goodbye: the queue records success there, so a
connection that drops after the server's 250 can never cause a second copy. Failures are
sorted into transient (retry later) and permanent (operator must act), each carrying the
server's answer.
"""

from __future__ import annotations

import datetime as dt
import email.policy
import re
import smtplib
import ssl
from collections.abc import Callable
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from typing import Literal, Protocol

from appenv import logs
from appenv import secrets as app_secrets
from appenv.errors import UserError
from appenv.files import atomic_write

log = logs.get("reports")

Security = Literal["starttls", "ssl", "none"]
OUTBOX_SENDER = "vorzimmer@localhost"  # the From of outbox mail (no SMTP set up)


@dataclass(frozen=True)
class SmtpSettings:
    """How to reach the mail server; the password is in the keyring under ``smtp:<account>``."""

    host: str
    port: int = 587
    security: Security = "starttls"
    username: str = ""
    from_addr: str = ""
    timeout: float = 30.0
    account: str = ""  # keyring name; defaults to the user name
    cafile: str | None = None  # extra trusted CA / self-signed server certificate (PEM)

    def __post_init__(self) -> None:
        if not self.host.strip():
            raise ValueError("SMTP host must not be empty")
        if not 0 < self.port < 65536:
            raise ValueError(f"SMTP port {self.port} is out of range")
        if self.security not in ("starttls", "ssl", "none"):
            raise ValueError(f"SMTP security must be starttls, ssl or none, not {self.security!r}")
        if "@" not in self.from_addr:
            raise ValueError(f"SMTP sender address {self.from_addr!r} is not an e-mail address")

    @property
    def secret_key(self) -> str:
        return f"smtp:{self.account or self.username}"


@dataclass(frozen=True)
class OutgoingMail:
    """One delivery as the queue hands it to a transport."""

    message_id: str
    recipients: tuple[str, ...]
    subject: str
    body: str
    attachment_name: str
    attachment: bytes
    file_stem: str  # safe file name base for the outbox
    client_code: str = ""
    attachment_type: str = "application/pdf"  # MIME type, parameters included


_METHOD = re.compile(rb"^METHOD:([A-Za-z-]+)\r?$", re.MULTILINE)


def attachment_type(name: str, data: bytes) -> str:
    """The MIME type of a queued attachment: a report PDF, or an iTIP ``.ics`` with the
    ``method`` parameter calendar apps need to treat it as an invitation (RFC 6047)."""
    if not name.lower().endswith(".ics"):
        return "application/pdf"
    found = _METHOD.search(data)
    method = found.group(1).decode("ascii").upper() if found else "PUBLISH"
    return f"text/calendar; method={method}; charset=utf-8"


def _content_type_parts(content_type: str) -> tuple[str, str, dict[str, str]]:
    """``"text/calendar; method=REQUEST"`` → ``("text", "calendar", {"method": "REQUEST"})``."""
    kind, *params = (part.strip() for part in content_type.split(";"))
    maintype, subtype = kind.split("/", 1)
    values = dict(p.split("=", 1) for p in params if "=" in p)
    return maintype, subtype, values


@dataclass(frozen=True)
class ServerReply:
    """The server's answer (code + text) or what we observed instead (code None)."""

    code: int | None
    text: str

    def __str__(self) -> str:
        return f"{self.code} {self.text}" if self.code is not None else self.text


class DeliveryError(UserError):
    """A delivery attempt failed; ``permanent`` failures are not retried automatically."""

    def __init__(
        self, message: str, reply: ServerReply, *, permanent: bool, uncertain: bool = False,
        server_unreachable: bool = False,
    ) -> None:  # fmt: skip
        super().__init__(message)
        self.reply = reply
        self.permanent = permanent
        self.uncertain = uncertain  # the server may have accepted the mail
        self.server_unreachable = server_unreachable  # no point trying other mails now


AcceptedCallback = Callable[[ServerReply], None]


class Transport(Protocol):
    description: str

    def send(self, mail: OutgoingMail, on_accepted: AcceptedCallback) -> ServerReply:
        """Hand ``mail`` over; call ``on_accepted`` the moment it is accepted; raise
        :class:`DeliveryError` otherwise."""
        ...


def build_message(
    mail: OutgoingMail, from_addr: str, now_header: str | None = None
) -> EmailMessage:
    message = EmailMessage(policy=email.policy.SMTP)
    message["From"] = from_addr
    if mail.recipients:
        message["To"] = ", ".join(mail.recipients)
    message["Subject"] = mail.subject
    message["Date"] = now_header or format_datetime(_now_local())
    message["Message-ID"] = mail.message_id
    if mail.client_code:
        message["X-Vorzimmer-Client"] = mail.client_code
    message.set_content(mail.body)
    maintype, subtype, params = _content_type_parts(mail.attachment_type)
    message.add_attachment(
        mail.attachment, maintype=maintype, subtype=subtype, filename=mail.attachment_name,
        params=params,
    )  # fmt: skip
    return message


def _now_local() -> dt.datetime:
    return dt.datetime.now().astimezone()


# -- outbox -----------------------------------------------------------------------------


class OutboxTransport:
    """Writes ``<stem>.eml`` and the attachment (``<stem>.pdf``, ``<stem>.ics``) into a
    folder (no SMTP configured)."""

    def __init__(self, folder: Path, from_addr: str = OUTBOX_SENDER) -> None:
        self.folder = folder
        self.from_addr = from_addr
        self.description = f"outbox {folder}"

    def send(self, mail: OutgoingMail, on_accepted: AcceptedCallback) -> ServerReply:
        stem = re.sub(r"[^A-Za-z0-9._-]+", "_", mail.file_stem)
        try:
            self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            eml = build_message(mail, self.from_addr).as_bytes()
            suffix = Path(mail.attachment_name).suffix.lower() or ".pdf"
            atomic_write(self.folder / f"{stem}{suffix}", mail.attachment)
            atomic_write(self.folder / f"{stem}.eml", eml)
        except OSError as exc:
            raise DeliveryError(
                f"Could not write to the outbox folder {self.folder}: {exc}",
                ServerReply(None, str(exc)),
                permanent=False,
                server_unreachable=True,
            ) from exc
        reply = ServerReply(None, f"written to {self.folder / stem}.eml")
        on_accepted(reply)
        return reply


# -- SMTP -------------------------------------------------------------------------------


def _payload(message: EmailMessage) -> bytes:
    """The DATA payload: CRLF lines, leading dots doubled, terminated by ``.``."""
    data = message.as_bytes(policy=email.policy.SMTP)
    data = re.sub(rb"(?m)^\.", b"..", data)
    if not data.endswith(b"\r\n"):
        data += b"\r\n"
    return data + b".\r\n"


def _text(resp: bytes | str) -> str:
    return (resp.decode("utf-8", "replace") if isinstance(resp, bytes) else resp).strip()


def _classify(code: int, text: str, what: str, host: str) -> DeliveryError:
    reply = ServerReply(code, text)
    if 400 <= code < 500:
        return DeliveryError(
            f"The mail server {host} is temporarily refusing {what} ({reply}); will retry.",
            reply,
            permanent=False,
        )
    return DeliveryError(
        f"The mail server {host} rejected {what} ({reply}).", reply, permanent=True
    )


class SmtpTransport:
    """Delivers over SMTP with STARTTLS, SSL or plain, with AUTH when a user is set."""

    def __init__(
        self,
        settings: SmtpSettings,
        password_lookup: Callable[[str], str | None] = app_secrets.get_secret,
    ) -> None:
        self.settings = settings
        self._password_lookup = password_lookup
        self.description = f"smtp {settings.host}:{settings.port} ({settings.security})"

    def _password(self) -> str | None:
        s = self.settings
        if not s.username:
            return None
        try:
            password = self._password_lookup(s.secret_key)
        except app_secrets.SecretStoreUnavailable as exc:
            raise DeliveryError(
                str(exc), ServerReply(None, "keyring unavailable"), permanent=False,
                server_unreachable=True,
            ) from exc  # fmt: skip
        if not password:
            raise DeliveryError(
                f"No SMTP password stored in the keyring under {s.secret_key!r}. "
                "Enter it in the mail settings, then resend.",
                ServerReply(None, "no password in keyring"),
                permanent=True,
                server_unreachable=True,
            )
        return password

    def _connect(self) -> smtplib.SMTP:
        s = self.settings
        context = ssl.create_default_context(cafile=s.cafile)
        smtp: smtplib.SMTP
        if s.security == "ssl":
            smtp = smtplib.SMTP_SSL(s.host, s.port, timeout=s.timeout, context=context)
        else:
            smtp = smtplib.SMTP(s.host, s.port, timeout=s.timeout)
        try:
            smtp.ehlo()
            if s.security == "starttls":
                smtp.starttls(context=context)
                smtp.ehlo()
        except BaseException:
            smtp.close()
            raise
        return smtp

    def send(self, mail: OutgoingMail, on_accepted: AcceptedCallback) -> ServerReply:
        s = self.settings
        password = self._password()
        payload = _payload(build_message(mail, s.from_addr))
        phase = "connect"
        smtp: smtplib.SMTP | None = None
        try:
            smtp = self._connect()
            phase = "login"
            if s.username:
                assert password is not None
                smtp.login(s.username, password)
            phase = "envelope"
            code, resp = smtp.mail(s.from_addr)
            if code != 250:
                raise _classify(code, _text(resp), "the sender address", s.host)
            accepted: list[str] = []
            refused: list[ServerReply] = []
            for rcpt in mail.recipients:
                code, resp = smtp.rcpt(rcpt)
                if code in (250, 251):
                    accepted.append(rcpt)
                else:
                    refused.append(ServerReply(code, f"{rcpt}: {_text(resp)}"))
            if not accepted:
                if not refused:
                    raise DeliveryError(
                        "The report has no recipients.", ServerReply(None, "no recipients"),
                        permanent=True,
                    )  # fmt: skip
                worst = max(refused, key=lambda r: r.code or 0)
                raise _classify(worst.code or 550, worst.text, "every recipient", s.host)
            code, resp = smtp.docmd("DATA")
            if code != 354:
                raise _classify(code, _text(resp), "the message (DATA)", s.host)
            phase = "data_sent"
            smtp.send(payload)
            code, resp = smtp.getreply()
            if code != 250:
                phase = "envelope"
                raise _classify(code, _text(resp), "the message", s.host)
            text = _text(resp)
            if refused:
                text += " | refused: " + "; ".join(str(r) for r in refused)
            reply = ServerReply(code, text)
            phase = "accepted"
            on_accepted(reply)  # record success before anything else can fail
        except DeliveryError:
            raise
        except smtplib.SMTPAuthenticationError as exc:
            reply = ServerReply(exc.smtp_code, _text(exc.smtp_error))
            raise DeliveryError(
                f"The mail server {s.host} rejected the user name or password for "
                f"{s.username!r} ({reply}). Check the SMTP password (keyring key "
                f"{s.secret_key!r}), then resend.",
                reply,
                permanent=not 400 <= exc.smtp_code < 500,
                server_unreachable=True,
            ) from exc
        except smtplib.SMTPNotSupportedError as exc:
            raise DeliveryError(
                f"The mail server {s.host} does not offer "
                f"{'STARTTLS' if phase == 'connect' else 'AUTH'} on port {s.port} "
                f"({str(exc).rstrip('.')}). "
                "Check the security setting.",
                ServerReply(None, str(exc)),
                permanent=True,
                server_unreachable=True,
            ) from exc
        except smtplib.SMTPResponseException as exc:
            err = _classify(exc.smtp_code, _text(exc.smtp_error), f"the {phase} step", s.host)
            err.server_unreachable = phase in ("connect", "login")
            raise err from exc
        except ssl.SSLCertVerificationError as exc:
            raise DeliveryError(
                f"The certificate of the mail server {s.host} is not trusted: "
                f"{exc.verify_message}. Check the host name or install its certificate.",
                ServerReply(None, f"TLS: {exc.verify_message}"),
                permanent=True,
                server_unreachable=True,
            ) from exc
        except (smtplib.SMTPException, OSError) as exc:
            uncertain = phase == "data_sent"
            detail = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
            if uncertain:
                message = (
                    f"The connection to {s.host} broke after the message was sent and before "
                    f"the server confirmed it ({detail}); it will be retried with the same "
                    "Message-ID."
                )
            else:
                message = (
                    f"The mail server {s.host}:{s.port} is not reachable ({detail}); will retry."
                )
            raise DeliveryError(
                message,
                ServerReply(None, detail),
                permanent=False,
                uncertain=uncertain,
                server_unreachable=not uncertain,
            ) from exc
        finally:
            if smtp is not None:
                _quit_quietly(smtp)
        return reply


def _quit_quietly(smtp: smtplib.SMTP) -> None:
    """QUIT after acceptance may fail (dropped connection); the mail is delivered anyway."""
    try:
        smtp.quit()
    except (smtplib.SMTPException, OSError):
        smtp.close()
