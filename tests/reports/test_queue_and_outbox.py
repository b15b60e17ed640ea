"""The SQLite delivery queue with the outbox transport (no SMTP configured)."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import sqlite3

import pytest

from appenv.paths import AppPaths
from reports.cli import build_and_queue, reports_folder, run_report
from reports.delivery import DeliveryError, OutboxTransport, OutgoingMail, ServerReply
from reports.delivery_jobs import DeliveryQueueError, DeliveryRequest, RetryPolicy
from reports.prepare import call_note_request, daily_report_request
from storage.sqlite.migrations import LATEST
from tests.reports.helpers import DAY, MemorySource, call, client, open_queue, pypdf_text

T0 = dt.datetime(2024, 5, 7, 18, 0, tzinfo=dt.UTC)


def request(code: str = "A", day: dt.date = DAY) -> DeliveryRequest:
    return daily_report_request(client(code), day, [call(code, 1, 9)], generated_at=T0)


class DownTransport:
    """A transport whose server is always unreachable (counts its attempts)."""

    description = "down"

    def __init__(self) -> None:
        self.calls = 0

    def send(self, mail: OutgoingMail, on_accepted: object) -> ServerReply:
        self.calls += 1
        raise DeliveryError(
            "down", ServerReply(None, "Connection refused"), permanent=False,
            server_unreachable=True,
        )  # fmt: skip


def test_enqueue_is_idempotent_and_survives_a_restart(app_paths: AppPaths) -> None:
    queue = open_queue(app_paths.database)
    first = queue.enqueue(request(), T0)
    again = open_queue(app_paths.database).enqueue(request(), T0 + dt.timedelta(hours=1))
    assert first.created and not again.created
    assert again.job.id == first.job.id and again.job.message_id == first.job.message_id
    assert len(queue.jobs()) == 1
    other_day = queue.enqueue(request(day=DAY + dt.timedelta(days=1)), T0)
    assert other_day.created
    note = queue.enqueue(call_note_request(client("A"), call("A", 5, 10, urgent=True)), T0)
    assert note.created and note.job.kind == "call_note"
    assert "DRINGEND" in note.job.subject
    assert [j.kind for j in queue.jobs(client_code="A", day=DAY)] == ["call_note", "daily_report"]


# The delivery tables exactly as the ad-hoc schema code of earlier versions created them
# (sqlite-utils), in a database that never had the client tables (user_version 0).
AD_HOC_DELIVERY_SCHEMA = """
CREATE TABLE "delivery_jobs" ("id" INTEGER PRIMARY KEY, "idem_key" TEXT NOT NULL,
   "kind" TEXT NOT NULL, "client_code" TEXT NOT NULL, "day" TEXT NOT NULL, "call_id" TEXT,
   "recipients" TEXT, "subject" TEXT, "body" TEXT, "attachment_name" TEXT, "attachment" BLOB,
   "encrypted" INTEGER DEFAULT 0, "message_id" TEXT NOT NULL,
   "state" TEXT NOT NULL DEFAULT 'pending', "attempts" INTEGER DEFAULT 0, "created_at" TEXT,
   "next_attempt_at" TEXT, "lease_until" TEXT, "sent_at" TEXT, "last_code" INTEGER,
   "last_reply" TEXT, "last_error" TEXT);
CREATE TABLE "delivery_attempts" ("id" INTEGER PRIMARY KEY,
   "job_id" INTEGER NOT NULL REFERENCES "delivery_jobs"("id"), "at" TEXT NOT NULL,
   "transport" TEXT, "outcome" TEXT NOT NULL, "code" INTEGER, "reply" TEXT, "message_id" TEXT);
CREATE UNIQUE INDEX "idx_delivery_jobs_idem_key" ON "delivery_jobs" ("idem_key");
CREATE INDEX "idx_delivery_jobs_state_next_attempt_at" ON "delivery_jobs" ("state",
   "next_attempt_at");
CREATE INDEX "idx_delivery_jobs_client_code_day" ON "delivery_jobs" ("client_code", "day");
CREATE INDEX "idx_delivery_attempts_job_id" ON "delivery_attempts" ("job_id");
INSERT INTO delivery_jobs (idem_key, kind, client_code, day, recipients, subject, body,
   attachment_name, attachment, message_id, state, attempts, created_at, next_attempt_at)
   VALUES ('daily_report:A:2024-05-07', 'daily_report', 'A', '2024-05-07', '["a@x.test"]',
   'Tagesbericht', 'Guten Tag', 'a.pdf', x'255044462d', '<old@vorzimmer.invalid>', 'pending',
   2, '2024-05-07T16:00:00.000000+00:00', '2024-05-07T16:05:00.000000+00:00');
"""


def test_delivery_tables_of_earlier_versions_are_migrated_with_their_jobs(
    app_paths: AppPaths,
) -> None:
    app_paths.home.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(app_paths.database) as conn:
        conn.executescript(AD_HOC_DELIVERY_SCHEMA)
    queue = open_queue(app_paths.database)
    (job,) = queue.jobs()
    assert (job.idempotency_key, job.state, job.attempts) == ("daily_report:A:2024-05-07",
                                                              "pending", 2)  # fmt: skip
    assert queue.attachment(job.id) == b"%PDF-"
    again = queue.enqueue(request(), T0)  # same key: the old job, not a second one
    assert not again.created and again.job.id == job.id
    with sqlite3.connect(app_paths.database) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"delivery_jobs", "delivery_attempts", "clients", "calls", "notes"} <= tables


def test_outbox_gets_one_eml_and_the_pdf_per_delivery(app_paths: AppPaths) -> None:
    queue = open_queue(app_paths.database)
    job = queue.enqueue(request(), T0).job
    (done,) = queue.process_due(OutboxTransport(app_paths.outbox), T0)
    assert done.state == "sent" and "written to" in done.last_reply
    emls = list(app_paths.outbox.glob("*.eml"))
    pdfs = list(app_paths.outbox.glob("*.pdf"))
    assert len(emls) == 1 and len(pdfs) == 1 and emls[0].stem == pdfs[0].stem
    message = email.message_from_bytes(emls[0].read_bytes(), policy=email.policy.default)
    assert message["Message-ID"] == job.message_id
    assert message["To"] == "a@clients.test"
    (attachment,) = list(message.iter_attachments())
    assert attachment.get_content() == pdfs[0].read_bytes() == queue.attachment(job.id)
    assert "Anrufer Acall1" in pypdf_text(pdfs[0].read_bytes())
    assert queue.process_due(OutboxTransport(app_paths.outbox), T0 + dt.timedelta(days=1)) == []


@pytest.mark.expect_warnings
def test_backoff_then_give_up_after_max_attempts(app_paths: AppPaths) -> None:
    policy = RetryPolicy(base_delay=dt.timedelta(seconds=10), max_attempts=4)
    queue = open_queue(app_paths.database, policy)
    job = queue.enqueue(request(), T0).job
    down = DownTransport()
    now = T0
    gaps = []
    for _ in range(4):
        (job,) = queue.process_due(down, now)
        if job.next_attempt_at is not None:
            gaps.append(job.next_attempt_at - now)
            assert queue.process_due(down, job.next_attempt_at - dt.timedelta(seconds=1)) == []
            now = job.next_attempt_at
    assert gaps == [dt.timedelta(seconds=s) for s in (10, 20, 40)]
    assert job.state == "failed" and job.attempts == 4 and "Gave up after 4" in job.last_error
    assert down.calls == 4
    assert [a.outcome for a in queue.attempts(job.id)] == ["retry"] * 3 + ["failed"]


def test_resend_of_a_sent_report_gets_a_new_message_id(app_paths: AppPaths) -> None:
    queue = open_queue(app_paths.database)
    job = queue.enqueue(request(), T0).job
    outbox = OutboxTransport(app_paths.outbox)
    queue.process_due(outbox, T0)
    again = queue.resend(job.id, T0, recipients=("neu@clients.test",))
    assert again.state == "pending" and again.message_id != job.message_id
    assert again.recipients == ("neu@clients.test",)
    (sent,) = queue.process_due(outbox, T0)
    assert sent.state == "sent"
    assert len(list(app_paths.outbox.glob("*.eml"))) == 1  # same job, same file, rewritten
    with pytest.raises(DeliveryQueueError):
        queue.resend(999, T0)


@pytest.mark.expect_warnings
def test_a_job_left_sending_by_a_dead_worker_is_taken_again_after_its_lease(
    app_paths: AppPaths,
) -> None:
    queue = open_queue(app_paths.database)
    job = queue.enqueue(request(), T0).job
    claimed = queue._claim(T0, set())  # a worker takes it ... and dies
    assert claimed is not None and queue.job(job.id).state == "sending"
    outbox = OutboxTransport(app_paths.outbox)
    assert queue.process_due(outbox, T0 + dt.timedelta(minutes=1)) == []
    assert queue.next_due_at() == T0 + queue.policy.lease
    (done,) = queue.process_due(outbox, T0 + queue.policy.lease)
    assert done.state == "sent" and done.message_id == job.message_id


def test_bad_input_gets_a_clear_error(app_paths: AppPaths) -> None:
    queue = open_queue(app_paths.database)
    with pytest.raises(DeliveryQueueError, match="timezone-aware"):
        queue.enqueue(request(), dt.datetime(2024, 5, 7, 18, 0))
    no_rcpt = daily_report_request(client("Z", recipients=()), DAY, [], generated_at=T0)
    with pytest.raises(DeliveryQueueError, match="no report recipients"):
        queue.enqueue(no_rcpt, T0)
    assert queue.jobs() == []


def test_cli_without_send_writes_pdfs_for_every_client(app_paths: AppPaths) -> None:
    source = MemorySource(
        [client("A"), client("B"), client("Q", send_empty_report=False)],
        [call("A", 1, 9), call("B", 1, 10)],
    )
    lines: list[str] = []
    assert build_and_queue(source, app_paths, DAY, None, False, out=lines.append) == 0
    files = sorted(p.name for p in reports_folder(app_paths, DAY).iterdir())
    assert files == ["Tagesbericht_A_2024-05-07.pdf", "Tagesbericht_B_2024-05-07.pdf"]
    assert any("Q" in line and "no empty report" in line for line in lines)
    assert not app_paths.database.exists() or open_queue(app_paths.database).jobs() == []


def test_cli_send_goes_to_the_outbox_and_unknown_client_is_exit_2(app_paths: AppPaths) -> None:
    source = MemorySource([client("A"), client("B")], [call("A", 1, 9)])
    assert build_and_queue(source, app_paths, DAY, "NOPE", True, out=lambda _l: None) == 2
    assert build_and_queue(source, app_paths, DAY, None, True, out=lambda _l: None) == 0
    assert len(list(app_paths.outbox.glob("*.eml"))) == 2  # B gets its "no calls" report
    # the real command on an empty database: nothing to report, and it says so
    assert run_report(app_paths, DAY, None, False) == 0


@pytest.mark.expect_warnings
def test_encrypted_client_without_password_fails_alone(
    app_paths: AppPaths, secret_service: str
) -> None:
    from appenv import secrets

    secrets.delete_secret("pdf:SECRET")
    source = MemorySource(
        [client("SECRET", encrypt=True), client("OPEN")],
        [call("SECRET", 1, 9), call("OPEN", 1, 9)],
    )
    lines: list[str] = []
    assert build_and_queue(source, app_paths, DAY, None, True, out=lines.append) == 1
    assert any("SECRET" in line and "pdf:SECRET" in line for line in lines)
    (job,) = open_queue(app_paths.database).jobs()
    assert job.client_code == "OPEN" and job.state == "sent"
    # never an unencrypted copy of the secret client's report
    assert not any("SECRET" in p.name for p in app_paths.outbox.iterdir())
