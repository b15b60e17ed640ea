"""``book … --confirm-to EMAIL``: the confirmation e-mail right after a booking.

The address is checked before anything is booked (a typo books nothing). Once booked, the
confirmation is queued (:func:`reports.confirmation.queue_confirmation`) and delivery is
tried at once; a mail server that does not answer only delays it — the queue keeps it
and the window (or ``vorzimmer deliver``) sends it later. The booking's UID stays the
only line on stdout; what became of the mail goes to stderr.
"""

from __future__ import annotations

import sys

from appenv.errors import UserError
from appenv.paths import AppPaths
from appenv.settings import Settings
from appenv.times import utc_now
from calendar_sync import desk
from calendar_sync.cli import EXIT_ERROR, EXIT_OK
from calendar_sync.journal import AppointmentRecord
from clients.email_addresses import normal_email_address
from clients.model import ClientProfile
from storage.interfaces import CalendarStore


def checked_address(text: str | None) -> str | None:
    """The ``--confirm-to`` address in its normal form, None when not given."""
    return None if text is None else normal_email_address(text)


def confirm_booking(
    paths: AppPaths,
    profile: ClientProfile,
    store: CalendarStore,
    made: AppointmentRecord,
    address: str,
    *,
    caller: str,
    phone: str,
) -> int:
    """Queue and try to send the booking's confirmation; EXIT_ERROR if it was not queued."""
    from reports.confirmation import queue_confirmation
    from reports.delivery_queue import DeliveryQueue
    from reports.transports import sender_address, transport_for
    from storage import open_app_database

    assert profile.client.id is not None
    settings = Settings(paths.settings_file)
    try:
        data = desk.event_data(store, profile.client.code, made)
        db = open_app_database(paths)
        try:
            now = utc_now()
            queued = queue_confirmation(
                db, client_id=profile.client.id, change="booked", event_ics=data,
                caller_email=address, organizer=sender_address(settings), staff=made.staff,
                caller_name=caller, caller_phone=phone, now=now,
            )  # fmt: skip
            queue = DeliveryQueue(db.deliveries)
            queue.process_due(transport_for(settings, paths), now)
            jobs = [queue.job(job.id) for job in queued]
        finally:
            db.close()
    except UserError as exc:
        print(f"error: the confirmation was not queued: {exc}", file=sys.stderr)
        return EXIT_ERROR
    for job in jobs:
        to = ", ".join(job.recipients)
        if job.state == "sent":
            print(f"confirmation sent to {to}", file=sys.stderr)
        elif job.state == "failed":
            print(f"error: the confirmation to {to} failed: {job.last_error}", file=sys.stderr)
        else:
            why = f" ({job.last_error})" if job.last_error else ""
            print(f"note: confirmation to {to} queued, not sent yet{why}; it goes out when "
                  "the mail server answers (the window, or 'vorzimmer deliver').",
                  file=sys.stderr)  # fmt: skip
    return EXIT_ERROR if any(job.state == "failed" for job in jobs) else EXIT_OK
