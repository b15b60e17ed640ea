"""Confirmation e-mails for a booked, moved or cancelled appointment, with an iTIP .ics.

:func:`queue_confirmation` is the one entry point (the booking panel, the ``book``
command): it puts one mail per audience into the delivery queue — the caller's copy to
the address the caller gave, the client's copy to the client's report recipients — so an
unreachable mail server only delays them (retries, restarts) and nothing is sent twice.
The attachment is :func:`calendar_sync.events.itip` of the stored event: same UID, the
event's SEQUENCE (a move or a cancellation raised it), ``METHOD:REQUEST`` or
``METHOD:CANCEL``, no Vorzimmer properties; organizer is the sender address.

A client whose reports must be encrypted gets no copy (it would carry the caller's data in
clear); the caller's copy is the caller's own appointment and goes out either way.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from zoneinfo import ZoneInfo

import icalendar

from appenv import logs
from appenv.errors import UserError
from appenv.times import utc_now
from calendar_sync.busy import TYPE_PROP
from calendar_sync.errors import BrokenCalendar
from calendar_sync.events import itip
from calendar_sync.ics import parse_calendar
from clients.email_addresses import normal_email_address
from clients.model import ClientProfile
from reports.confirmation_wording import (
    CHANGES,
    AppointmentFacts,
    Audience,
    Change,
    attachment_name,
    body,
    calendar_summary,
    one_line,
    subject,
)
from reports.delivery_jobs import DeliveryJob, DeliveryRequest
from reports.delivery_queue import DeliveryQueue
from storage.interfaces import Database

__all__ = ["CHANGES", "Change", "confirmation_requests", "directions", "queue_confirmation"]

log = logs.get("reports")

# FAQ questions whose answer tells a caller where to go (the profile has no address field)
_DIRECTIONS_WORDS = ("adresse", "anschrift", "anfahrt", "wegbeschreibung", "address",
                     "directions")  # fmt: skip
# how calendar_sync.events writes the caller into DESCRIPTION
_CALLER_PREFIX, _PHONE_PREFIX = "Anrufer: ", "Telefon: "


def directions(profile: ClientProfile) -> str:
    """The client's address or directions, from the first FAQ entry asking for them."""
    for entry in sorted(profile.faq, key=lambda e: e.position):
        if any(word in entry.question.lower() for word in _DIRECTIONS_WORDS):
            return one_line(entry.answer)
    return ""


def _event(event_ics: bytes) -> icalendar.Component:
    events = parse_calendar(event_ics, "the appointment").walk("VEVENT")
    if len(events) != 1:
        raise BrokenCalendar("The appointment's calendar data holds no single event.")
    event: icalendar.Component = events[0]
    if not str(event.get("UID", "")).strip() or event.get("DTSTART") is None:
        raise BrokenCalendar("The appointment's calendar data has no UID or no start.")
    return event


def _moment(value: dt.date | dt.datetime, zone: ZoneInfo) -> dt.datetime:
    if not isinstance(value, dt.datetime):  # a whole day
        return dt.datetime.combine(value, dt.time(0), tzinfo=zone)
    if value.tzinfo is None:  # floating: wall time of the client
        return value.replace(tzinfo=zone)
    return value.astimezone(zone)


def _times(event: icalendar.Component, zone: ZoneInfo) -> tuple[dt.datetime, dt.datetime]:
    start = _moment(event.decoded("DTSTART"), zone)
    if event.get("DTEND") is not None:
        return start, _moment(event.decoded("DTEND"), zone)
    if event.get("DURATION") is not None:
        return start, start + event.decoded("DURATION")
    return start, start


def _described(event: icalendar.Component, prefix: str) -> str:
    """A line Vorzimmer wrote into the event's description (the caller, the phone)."""
    for line in str(event.get("DESCRIPTION", "")).splitlines():
        if line.startswith(prefix):
            return line.removeprefix(prefix).strip()
    return ""


def _cleaned(ics: bytes, for_caller: AppointmentFacts | None = None) -> bytes:
    """The iTIP message with every X-VORZIMMER property gone. The caller's copy is named
    after the client (not the caller), carries the client's address and none of the
    operator's description (it may hold internal remarks)."""
    calendar = icalendar.Calendar.from_ical(ics)
    for component in calendar.walk():
        for name in [k for k in component if k.upper().startswith("X-VORZIMMER")]:
            del component[name]
        if component.name == "VEVENT" and for_caller is not None:
            component.pop("SUMMARY", None)
            component.add("summary", calendar_summary(for_caller))
            component.pop("DESCRIPTION", None)
            if for_caller.location and component.get("LOCATION") is None:
                component.add("location", for_caller.location)
    return bytes(calendar.to_ical())


def _short_hash(address: str) -> str:
    """Keeps the caller's address out of the queue key (it is logged)."""
    return hashlib.sha256(address.lower().encode()).hexdigest()[:12]


def confirmation_requests(
    profile: ClientProfile,
    *,
    change: Change,
    event_ics: bytes,
    caller_email: str | None,
    organizer: str,
    staff: str = "",
    caller_name: str = "",
    caller_phone: str = "",
    previous_start: dt.datetime | None = None,
    to_client: bool = True,
) -> list[DeliveryRequest]:
    """The queue requests for one change of one appointment (caller's copy first).

    Raises :class:`~clients.email_addresses.InvalidEmailAddress` for a malformed caller
    address, :class:`UserError` for an unusable sender address and :class:`BrokenCalendar`
    for unusable event data, before anything is built; ``ValueError`` for a misuse (an
    unknown change, a move or cancellation whose SEQUENCE was not raised).
    """
    if change not in CHANGES:
        raise ValueError(f"unknown appointment change {change!r}")
    caller = normal_email_address(caller_email) if caller_email and caller_email.strip() else ""
    sender = organizer.strip()
    if "@" not in sender or any(ch.isspace() for ch in sender):
        raise UserError(
            f"The sender address {organizer!r} is not an e-mail address; set it in the mail "
            "settings."
        )
    client = profile.client
    zone = ZoneInfo(client.timezone)
    event = _event(event_ics)
    uid, sequence = str(event["UID"]), int(event.get("SEQUENCE", 0))
    if change != "booked" and sequence < 1:
        raise ValueError(f"a {change} appointment must carry a raised SEQUENCE (UID {uid})")
    start, end = _times(event, zone)
    facts = AppointmentFacts(
        client_name=client.name, language=client.language, start=start, end=end,
        staff=staff, appointment_type=str(event.get(TYPE_PROP, "")),
        location=one_line(str(event.get("LOCATION", ""))) or directions(profile),
        caller_name=caller_name or _described(event, _CALLER_PREFIX),
        caller_phone=caller_phone or _described(event, _PHONE_PREFIX),
        caller_email=caller,
        previous_start=None if previous_start is None else previous_start.astimezone(zone),
    )  # fmt: skip
    cancel = change == "cancelled"
    method = "CANCEL" if cancel else "REQUEST"
    audiences: list[tuple[Audience, tuple[str, ...]]] = []
    if caller:
        audiences.append(("caller", (caller,)))
    if to_client and client.report_recipients:
        if client.encrypt_reports:
            log.info("%s receives encrypted reports: no confirmation copy in clear", client.code)
        else:
            audiences.append(("client", tuple(client.report_recipients)))
    requests: list[DeliveryRequest] = []
    for audience, recipients in audiences:
        attendees: Sequence[str] = (caller,) if caller else recipients
        ics = itip(event_ics, organizer=sender, attendees=attendees, cancel=cancel)
        ics = _cleaned(ics, facts if audience == "caller" else None)
        who = f"caller-{_short_hash(caller)}" if audience == "caller" else "client"
        requests.append(
            DeliveryRequest(
                kind="confirmation",
                client_code=client.code,
                day=start.date(),
                recipients=recipients,
                subject=subject(change, audience, facts),
                body=body(change, audience, facts),
                attachment_name=attachment_name(client.language),
                attachment=ics,
                reference=f"{uid}:{sequence}:{method}:{who}",
            )
        )
    return requests


def queue_confirmation(
    db: Database,
    *,
    client_id: int,
    change: Change,
    event_ics: bytes,
    caller_email: str | None,
    organizer: str,
    staff: str = "",
    caller_name: str = "",
    caller_phone: str = "",
    previous_start: dt.datetime | None = None,
    to_client: bool = True,
    now: dt.datetime | None = None,
) -> list[DeliveryJob]:
    """Queue the confirmation of one change: its delivery jobs, the caller's copy first
    (empty: nobody to tell — no caller address, and the client has no report recipients
    or wants encryption). ``job.recipients`` are the addresses, ``job.state`` its fate.

    Queued once per change and audience: calling it again for the same event, SEQUENCE and
    change queues nothing new (and returns the jobs queued before). Blocking (database):
    call it off the GUI thread; delivery is the queue's (:meth:`DeliveryQueue.process_due`:
    the report scheduler's ``run_now``, or the ``book`` command right after booking).
    """
    stored = db.clients.get_client(client_id)
    profile = None if stored is None else db.clients.get_profile(client_id)
    if profile is None:
        raise UserError(f"There is no client with the id {client_id}.")
    requests = confirmation_requests(
        profile, change=change, event_ics=event_ics, caller_email=caller_email,
        organizer=organizer, staff=staff, caller_name=caller_name, caller_phone=caller_phone,
        previous_start=previous_start, to_client=to_client,
    )  # fmt: skip
    queue = DeliveryQueue(db.deliveries)
    moment = now or utc_now()
    return [queue.enqueue(request, moment).job for request in requests]
