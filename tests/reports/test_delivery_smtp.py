"""Delivery over a real SMTP server (aiosmtpd, STARTTLS + AUTH) with a real keyring."""

from __future__ import annotations

import datetime as dt
import re
from email.message import EmailMessage

import pytest

from appenv import secrets
from appenv.paths import AppPaths
from reports.cli import build_and_queue
from reports.delivery import SmtpSettings, SmtpTransport
from reports.model import ReportCall
from tests.fixtures.smtp import SmtpSink
from tests.reports.helpers import DAY, MemorySource, call, client, open_queue, pdftotext, pypdf_text

pytestmark = pytest.mark.integration
T0 = dt.datetime(2024, 5, 7, 18, 0, tzinfo=dt.UTC)
MARKER = re.compile(r"\b([A-Z]+call\d+)\b")


def settings(sink: SmtpSink, **kw: object) -> SmtpSettings:
    values: dict[str, object] = {
        "host": sink.host,
        "port": sink.port,
        "security": "starttls",
        "username": sink.user,
        "from_addr": "telefonservice@vorzimmer.test",
        "timeout": 5.0,
        "cafile": str(sink.tls.cert),
    }
    values.update(kw)
    return SmtpSettings(**values)  # type: ignore[arg-type]


@pytest.fixture
def transport(smtp_server: SmtpSink, secret_service: str) -> SmtpTransport:
    secrets.set_secret(f"smtp:{smtp_server.user}", smtp_server.password)
    return SmtpTransport(settings(smtp_server))


def three_clients() -> MemorySource:
    calls: list[ReportCall] = []
    for code, count in (("ALPHA", 3), ("BETA", 2), ("GAMMA", 4)):
        calls += [call(code, n, 8 + n) for n in range(count)]
        # same client, another day: must not appear
        calls.append(call(code, 99, 9, day=DAY + dt.timedelta(days=1)))
    return MemorySource([client("ALPHA"), client("BETA"), client("GAMMA")], calls)


def pdf_of(message: EmailMessage) -> bytes:
    parts = [p for p in message.iter_attachments() if p.get_content_type() == "application/pdf"]
    assert len(parts) == 1
    data = parts[0].get_content()
    assert isinstance(data, bytes)
    return data


def test_a_day_for_three_clients_gives_three_mails_each_with_only_its_calls(
    app_paths: AppPaths, smtp_server: SmtpSink, transport: SmtpTransport
) -> None:
    source = three_clients()
    lines: list[str] = []
    rc = build_and_queue(source, app_paths, DAY, None, True, transport=transport, out=lines.append)
    assert rc == 0, lines

    messages = smtp_server.messages()
    assert len(messages) == 3
    queue = open_queue(app_paths.database)
    for message in messages:
        code = message["X-Vorzimmer-Client"]
        assert message["To"] == f"{code.lower()}@clients.test"
        assert message["From"] == "telefonservice@vorzimmer.test"
        assert code in message["Subject"] and "07.05.2024" in message["Subject"]
        expected = {f"{code}call{n}" for n in range(len(source.calls_for(code, DAY)))}
        pdf = pdf_of(message)
        for text in (pypdf_text(pdf), pdftotext(pdf)):
            assert set(MARKER.findall(text)) == expected
        (job,) = queue.jobs(client_code=code)
        assert job.state == "sent" and job.message_id == message["Message-ID"]
        (attempt,) = queue.attempts(job.id)
        assert attempt.outcome == "sent" and attempt.code == 250 and attempt.reply

    # Running the command again never sends a report twice.
    rc = build_and_queue(source, app_paths, DAY, None, True, transport=transport, out=lines.append)
    assert rc == 0
    assert len(smtp_server.messages()) == 3
    assert any("already queued" in line for line in lines)


@pytest.mark.expect_warnings
def test_server_down_during_the_run_delivers_exactly_once_after_it_returns(
    app_paths: AppPaths, smtp_server: SmtpSink, transport: SmtpTransport
) -> None:
    smtp_server.stop()
    queue = open_queue(app_paths.database)
    rc = build_and_queue(
        three_clients(), app_paths, DAY, None, True, transport=transport, queue=queue, now=T0,
        out=lambda _line: None,
    )  # fmt: skip
    assert rc == 75  # EX_TEMPFAIL: waiting for a retry
    jobs = queue.jobs()
    assert len(jobs) == 3 and all(j.state == "pending" for j in jobs)
    tried = [j for j in jobs if j.attempts]
    assert len(tried) == 1  # the run stopped at the first unreachable-server error
    (attempt,) = queue.attempts(tried[0].id)
    assert attempt.outcome == "retry" and "refused" in attempt.reply.lower()
    assert tried[0].next_attempt_at == T0 + queue.policy.delay(1)

    # Still down: each run tries one mail and stops; the backoff grows per mail.
    for minutes in (5, 6, 7):
        queue.process_due(transport, T0 + dt.timedelta(minutes=minutes))
    assert sum(j.attempts for j in queue.jobs()) == 4
    assert [a.outcome for a in queue.attempts(tried[0].id)] == ["retry", "retry"]
    expected_next = T0 + dt.timedelta(minutes=7) + queue.policy.delay(2)
    assert queue.job(tried[0].id).next_attempt_at == expected_next
    assert queue.policy.delay(2) == 2 * queue.policy.delay(1)

    smtp_server.start()
    later = T0 + dt.timedelta(hours=2)
    done = queue.process_due(transport, later)
    assert {j.state for j in done} == {"sent"} and len(done) == 3
    assert queue.process_due(transport, later + dt.timedelta(hours=5)) == []

    messages = smtp_server.messages()
    assert len(messages) == 3
    assert sorted(m["Message-ID"] for m in messages) == sorted(j.message_id for j in queue.jobs())
    assert queue.next_due_at() is None


def test_connection_dropped_after_the_server_accepted_counts_as_delivered(
    app_paths: AppPaths, smtp_server: SmtpSink, transport: SmtpTransport
) -> None:
    smtp_server.drop_on_quit = True
    source = MemorySource([client("ALPHA")], [call("ALPHA", 1, 9)])
    queue = open_queue(app_paths.database)
    rc = build_and_queue(source, app_paths, DAY, "ALPHA", True, transport=transport, queue=queue,
                         out=lambda _l: None)  # fmt: skip
    assert rc == 0
    (job,) = queue.jobs()
    assert job.state == "sent"
    queue.process_due(transport, dt.datetime.now(dt.UTC) + dt.timedelta(days=1))
    assert len(smtp_server.messages()) == 1


@pytest.mark.expect_warnings
def test_connection_lost_before_the_servers_answer_is_retried_with_the_same_message_id(
    app_paths: AppPaths, smtp_server: SmtpSink, transport: SmtpTransport
) -> None:
    """The one window SMTP cannot close: we resend, and the Message-ID lets mail
    programs recognise the copy."""
    smtp_server.drop_before_reply = True
    source = MemorySource([client("ALPHA")], [call("ALPHA", 1, 9)])
    queue = open_queue(app_paths.database)
    build_and_queue(source, app_paths, DAY, "ALPHA", True, transport=transport, queue=queue,
                    now=T0, out=lambda _l: None)  # fmt: skip
    (job,) = queue.jobs()
    assert job.state == "pending"
    assert [a.outcome for a in queue.attempts(job.id)] == ["uncertain"]
    smtp_server.drop_before_reply = False
    queue.process_due(transport, T0 + dt.timedelta(hours=1))
    assert queue.job(job.id).state == "sent"
    ids = {m["Message-ID"] for m in smtp_server.messages()}
    assert ids == {job.message_id}


@pytest.mark.expect_warnings
def test_wrong_password_fails_clearly_keeps_the_report_and_can_be_resent(
    app_paths: AppPaths, smtp_server: SmtpSink, secret_service: str
) -> None:
    secrets.set_secret(f"smtp:{smtp_server.user}", "not-the-password")
    transport = SmtpTransport(settings(smtp_server))
    source = MemorySource([client("ALPHA")], [call("ALPHA", 1, 9)])
    queue = open_queue(app_paths.database)
    lines: list[str] = []
    rc = build_and_queue(source, app_paths, DAY, None, True, transport=transport, queue=queue,
                         now=T0, out=lines.append)  # fmt: skip
    assert rc == 1
    (job,) = queue.jobs()
    assert job.state == "failed"
    assert "535" in job.last_reply
    assert "user name or password" in job.last_error
    assert f"smtp:{smtp_server.user}" in job.last_error
    assert any("failed" in line and "535" in line for line in lines)
    assert "Anrufer ALPHAcall1" in pypdf_text(queue.attachment(job.id))  # report kept
    assert smtp_server.messages() == []

    # A permanent failure is not retried by itself ...
    failures = smtp_server.auth_failures
    assert failures >= 1
    assert queue.process_due(transport, T0 + dt.timedelta(days=1)) == []
    assert smtp_server.auth_failures == failures
    # ... but after fixing the password the operator resends it.
    secrets.set_secret(f"smtp:{smtp_server.user}", smtp_server.password)
    queue.resend(job.id, T0 + dt.timedelta(hours=1), operator="Frau Weber")
    (done,) = queue.process_due(transport, T0 + dt.timedelta(hours=1))
    assert done.state == "sent" and done.message_id == job.message_id
    assert [a.outcome for a in queue.attempts(job.id)] == ["failed", "resend", "sent"]
    assert len(smtp_server.messages()) == 1


@pytest.mark.expect_warnings
def test_temporary_and_permanent_server_refusals(
    app_paths: AppPaths, smtp_server: SmtpSink, transport: SmtpTransport
) -> None:
    source = MemorySource([client("ALPHA")], [call("ALPHA", 1, 9)])
    queue = open_queue(app_paths.database)
    smtp_server.reject_data = "451 4.3.0 Mailbox busy, try later"
    build_and_queue(source, app_paths, DAY, None, True, transport=transport, queue=queue,
                    now=T0, out=lambda _l: None)  # fmt: skip
    (job,) = queue.jobs()
    assert job.state == "pending" and job.last_reply.startswith("451")
    smtp_server.reject_data = "554 5.7.1 Message refused"
    (job,) = queue.process_due(transport, T0 + dt.timedelta(hours=1))
    assert job.state == "failed" and job.last_reply.startswith("554")
    assert [a.code for a in queue.attempts(job.id)] == [451, 554]


@pytest.mark.expect_warnings
def test_untrusted_certificate_and_missing_password_are_clear_errors(
    app_paths: AppPaths, smtp_server: SmtpSink, secret_service: str
) -> None:
    source = MemorySource([client("ALPHA"), client("BETA")], [call("ALPHA", 1, 9)])
    queue = open_queue(app_paths.database)
    secrets.set_secret(f"smtp:{smtp_server.user}", smtp_server.password)
    untrusted = SmtpTransport(settings(smtp_server, cafile=None))
    build_and_queue(source, app_paths, DAY, "ALPHA", True, transport=untrusted, queue=queue,
                    now=T0, out=lambda _l: None)  # fmt: skip
    (job,) = queue.jobs()
    assert job.state == "failed" and "not trusted" in job.last_error

    nopw = SmtpTransport(settings(smtp_server, account="nobody"))
    secrets.delete_secret("smtp:nobody")
    build_and_queue(source, app_paths, DAY, "BETA", True, transport=nopw, queue=queue,
                    now=T0, out=lambda _l: None)  # fmt: skip
    (job,) = queue.jobs(client_code="BETA")
    assert job.state == "failed" and "smtp:nobody" in job.last_error
    assert smtp_server.messages() == []


def test_encrypted_client_receives_an_aes256_pdf(
    app_paths: AppPaths, smtp_server: SmtpSink, transport: SmtpTransport
) -> None:
    secrets.set_secret("pdf:MED", "Praxis-Kennwort-2024")
    source = MemorySource([client("MED", encrypt=True)], [call("MED", 1, 9)])
    rc = build_and_queue(source, app_paths, DAY, None, True, transport=transport,
                         out=lambda _l: None)  # fmt: skip
    assert rc == 0
    (message,) = smtp_server.messages()
    assert "Kennwort" in message.get_body().get_content()  # type: ignore[union-attr]
    pdf = pdf_of(message)
    assert b"MEDcall1" not in pdf
    assert "Anrufer MEDcall1" in pdftotext(pdf, "Praxis-Kennwort-2024")
    assert "Anrufer MEDcall1" in pypdf_text(pdf, "Praxis-Kennwort-2024")


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_implicit_tls_smtps(
    app_paths: AppPaths, smtps_server: SmtpSink, secret_service: str
) -> None:
    secrets.set_secret(f"smtp:{smtps_server.user}", smtps_server.password)
    transport = SmtpTransport(settings(smtps_server, security="ssl"))
    source = MemorySource([client("ALPHA")], [call("ALPHA", 1, 9)])
    rc = build_and_queue(source, app_paths, DAY, None, True, transport=transport,
                         out=lambda _l: None)  # fmt: skip
    assert rc == 0
    (message,) = smtps_server.messages()
    assert {"ALPHAcall1"} == set(MARKER.findall(pdftotext(pdf_of(message))))
