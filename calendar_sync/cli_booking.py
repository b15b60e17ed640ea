"""The calendar commands that need the seat's calendar store and the client data.

``calendar add|list|type|sync|pending``, ``slots``, ``book`` and ``appointment
list|move|cancel``; exit codes in :mod:`calendar_sync.cli`. Bookings, moves and
cancellations go through :mod:`calendar_sync.desk` (as the pop's panel does), so they are
in the appointments journal too (without a call). Every function works on plain data and
raises :class:`~appenv.errors.UserError` for what the operator can fix.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import sys
from pathlib import Path

from appenv.errors import UserError
from appenv.paths import AppPaths
from appenv.times import utc_now
from calendar_sync import cli_confirm, client_calendars, desk, pending
from calendar_sync.cli import EXIT_OK, EXIT_PENDING, EXIT_TAKEN, fail, parse_moment
from calendar_sync.errors import AuthRefused, SlotTaken, SourceRefused
from calendar_sync.hours import WorkingHours
from calendar_sync.journal import AppointmentRecord, AppointmentState
from calendar_sync.local_calendar import LocalCalendar, export_ics
from calendar_sync.registry import CalendarSource, type_named
from calendar_sync.slots import AppointmentType, Slot, find_slots
from calendar_sync.sources import is_url, normal_url
from clients.model import Client, ClientProfile
from storage.interfaces import CalendarStore


def run(paths: AppPaths, args: argparse.Namespace) -> int:
    from storage import open_app_database

    db = open_app_database(paths)
    try:
        return _dispatch(paths, db.calendars, args)
    finally:
        db.close()


def _dispatch(paths: AppPaths, store: CalendarStore, args: argparse.Namespace) -> int:
    if args.command == "calendar":
        sub = args.calendar_command
        if sub == "add":
            return add(paths, store, args)
        if sub == "type":
            return add_type(paths, store, args)
        if sub == "sync":
            return sync_client(paths, store, args.client)
        if sub == "export":
            return export(paths, store, args)
        if sub == "pending":
            return list_pending(paths, store, args)
        return list_client(paths, store, args.client)
    if args.command == "slots":
        return slots(paths, store, args)
    if args.command == "appointment":
        if args.appointment_command == "move":
            return move(paths, store, args)
        if args.appointment_command == "cancel":
            return cancel(paths, store, args)
        return list_upcoming(paths, store, args)
    return book(paths, store, args)


def _profile(paths: AppPaths, code: str) -> ClientProfile:
    from storage import open_app_database

    db = open_app_database(paths)
    try:
        client = db.clients.get_client_by_code(code)
        if client is None:
            known = ", ".join(c.code for c in db.clients.list_clients()[:20]) or "none yet"
            raise UserError(f"There is no client with the code {code!r} (known: {known}).")
        assert client.id is not None
        profile = db.clients.get_profile(client.id)
        assert profile is not None
        return profile
    finally:
        db.close()


def _client(paths: AppPaths, code: str) -> Client:
    return _profile(paths, code).client


def _password(user: str) -> str:
    if sys.stdin.isatty():
        return getpass.getpass(f"Password for {user}: ")
    line = sys.stdin.readline().rstrip("\r\n")
    if not line:
        raise UserError("No password on standard input (one line expected).")
    return line


def add(paths: AppPaths, store: CalendarStore, args: argparse.Namespace) -> int:
    from appenv.secrets import set_secret
    from calendar_sync.caldav_source import CalDavCalendar
    from calendar_sync.sources import fetch_feed, read_file

    client = _client(paths, args.client)
    staff = args.staff or ""
    if staff and staff not in {s.name for s in _profile(paths, client.code).staff}:
        print(f"note: {staff} is not (yet) a staff member of {client.code}", file=sys.stderr)
    user = args.user or ""
    password = _password(user) if user else None
    if args.url == "local":
        folder = paths.calendars / "local" / client.code / (_slug(staff) or "_client")
        source = CalendarSource(client.code, str(LocalCalendar(folder).folder), "local", staff)
    elif not is_url(args.url):
        path = Path(args.url).expanduser().resolve()
        read_file(path)  # refuse a broken file now, not at the first booking
        source = CalendarSource(client.code, str(path), "file", staff)
    else:
        url = normal_url(args.url)
        remote = CalDavCalendar(url, user or None, password)
        try:
            caldav = remote.is_calendar()
        except AuthRefused:
            raise
        except SourceRefused:
            caldav = False
        if caldav:
            source = CalendarSource(
                client.code, remote.url, "caldav", staff, user, not args.tentative_free
            )
        else:
            fetch_feed(url)
            source = CalendarSource(client.code, url, "feed", staff, user, not args.tentative_free)
    if password is not None:
        set_secret(source.secret_key, password)
    store.add_source(source)
    print(f"{source.kind} {source.url} {source.staff or '(whole client)'}")
    return EXIT_OK


def _slug(name: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in name).strip("-").lower()


def export(paths: AppPaths, store: CalendarStore, args: argparse.Namespace) -> int:
    client = _client(paths, args.client)
    staff = args.staff or ""
    for source in store.sources(client.code):
        if source.kind == "local" and source.staff == staff:
            count = export_ics(LocalCalendar(Path(source.url)), Path(args.file))
            print(f"{count} events written to {args.file}")
            return EXIT_OK
    return fail(f"{client.code} has no local calendar for {staff or 'the whole client'}")


def add_type(paths: AppPaths, store: CalendarStore, args: argparse.Namespace) -> int:
    client = _client(paths, args.client)
    try:
        kind = AppointmentType(
            args.name, args.minutes, args.before, args.after, args.notice, args.horizon,
            args.step, args.max_per_day, tuple(args.staff),
        )  # fmt: skip
    except ValueError as exc:
        return fail(str(exc))
    store.put_type(client.code, kind)
    print(f"{kind.name}: {kind.minutes} min")
    return EXIT_OK


def list_client(paths: AppPaths, store: CalendarStore, code: str) -> int:
    client = _client(paths, code)
    for source in store.sources(client.code):
        who = source.staff or "(whole client)"
        user = f" user {source.user}" if source.user else ""
        print(f"{source.kind}\t{who}\t{source.url}{user}")
    for kind in store.types(client.code):
        staff = ", ".join(kind.staff) or "everyone"
        print(f"type\t{kind.name}\t{kind.minutes} min, buffers {kind.before}/{kind.after}, "
              f"step {kind.step}, {staff}")  # fmt: skip
    for entry in store.pending():
        if entry.client == client.code and entry.state != pending.BOOKED:
            print(f"{entry.state}\t{entry.staff or '-'}\t{entry.start.isoformat()}\t{entry.id}"
                  f"\t{entry.message}")  # fmt: skip
    return EXIT_OK


def _hours(profile: ClientProfile, since: dt.datetime, days: int) -> WorkingHours:
    years = range(since.year, (since + dt.timedelta(days=days + 1)).year + 1)
    return client_calendars.working_hours(profile, years)


def _kind(store: CalendarStore, code: str, args: argparse.Namespace) -> AppointmentType:
    if args.type_name:
        return type_named(store, code, args.type_name)
    if args.minutes <= 0:
        raise UserError("--minutes must be a positive number.")
    return AppointmentType.plain(args.minutes)


def _sources(store: CalendarStore, code: str) -> list[CalendarSource]:
    sources = store.sources(code)
    if not sources:
        raise UserError(f"{code} has no calendar yet; add one with 'vorzimmer calendar add'.")
    return sources


def flush_pending(
    paths: AppPaths, store: CalendarStore, sources: list[CalendarSource], hours: WorkingHours
) -> list[pending.PendingBooking]:
    changed = desk.flush_pending(store, sources, hours, _seat(paths))
    for entry in changed:
        if entry.state == pending.CONFLICT:
            print(f"conflict: pending booking {entry.id}: {entry.message}", file=sys.stderr)
        else:
            print(f"written: pending booking {entry.id} as {entry.message}", file=sys.stderr)
    return changed


def sync_client(paths: AppPaths, store: CalendarStore, code: str) -> int:
    profile = _profile(paths, code)
    sources = _sources(store, profile.client.code)
    hours = _hours(profile, utc_now(), 366)
    flush_pending(paths, store, sources, hours)
    _, freshness = client_calendars.staff_calendars(store, sources, hours, None)
    for line in freshness.notes(hours_zone(hours)):
        print(f"note: {line}", file=sys.stderr)
    return EXIT_OK


def hours_zone(hours: WorkingHours) -> dt.tzinfo:
    from calendar_sync.zones import zone_of

    return zone_of(hours.zone)


def _print_slots(
    paths: AppPaths,
    store: CalendarStore,
    profile: ClientProfile,
    args: argparse.Namespace,
    since: dt.datetime,
    count: int,
) -> None:
    code = profile.client.code
    kind = _kind(store, code, args)
    sources = _sources(store, code)
    hours = _hours(profile, since, kind.horizon_days)
    flush_pending(paths, store, sources, hours)
    staff, freshness = client_calendars.staff_calendars(store, sources, hours, args.staff)
    for line in freshness.notes(hours_zone(hours)):
        print(f"note: {line}", file=sys.stderr)
    zone = hours_zone(hours)
    for slot in find_slots(staff, kind, since, utc_now(), count):
        print(_slot_line(slot, zone))


def _slot_line(slot: Slot, zone: dt.tzinfo) -> str:
    return f"{slot.start.astimezone(zone).isoformat(timespec='minutes')} {slot.staff or '-'}"


def slots(paths: AppPaths, store: CalendarStore, args: argparse.Namespace) -> int:
    profile = _profile(paths, args.client)
    text = args.since if "T" in args.since else f"{args.since}T00:00"
    since = parse_moment(text, profile.client.timezone)
    _print_slots(paths, store, profile, args, since, args.count)
    return EXIT_OK


def _seat(paths: AppPaths) -> str:
    import socket

    return f"{socket.gethostname()}:{paths.home.name}"


def book(paths: AppPaths, store: CalendarStore, args: argparse.Namespace) -> int:
    confirm_to = cli_confirm.checked_address(args.confirm_to)  # a typo books nothing
    profile = _profile(paths, args.client)
    code, zone_name = profile.client.code, profile.client.timezone
    kind = _kind(store, code, args)
    start = parse_moment(args.start, zone_name)
    sources = _sources(store, code)
    names = client_calendars.staff_of(sources, args.staff)
    if len(names) > 1:
        raise UserError(f"Say who with --staff ({', '.join(names)}).")
    hours = _hours(profile, start, kind.horizon_days)
    flush_pending(paths, store, sources, hours)
    slot = Slot(start, start + kind.duration, names[0])
    try:
        made = desk.book(
            store, profile, kind, slot, args.caller, args.phone, _seat(paths),
            email=confirm_to or "", alternatives=False,
        )  # fmt: skip
    except desk.OfflineTaken as exc:
        print("taken")
        print(f"  {exc.blocking} (calendar copy; the server is unreachable)", file=sys.stderr)
        return EXIT_TAKEN
    except SlotTaken as exc:
        print("taken")
        print(f"  {exc.blocking}", file=sys.stderr)
        _print_slots(paths, store, profile, args, start, 5)
        return EXIT_TAKEN
    if made.pending:
        print(f"pending {made.uid}")
        print("note: The calendar server is unreachable. The booking is kept and written when "
              "it answers.", file=sys.stderr)  # fmt: skip
        if confirm_to:
            print("note: no confirmation sent: the booking is not in the calendar yet.",
                  file=sys.stderr)  # fmt: skip
        return EXIT_PENDING
    print(made.uid)
    if confirm_to and made.record is not None:
        return cli_confirm.confirm_booking(
            paths, profile, store, made.record, confirm_to, caller=args.caller, phone=args.phone
        )
    return EXIT_OK


def _line(record: AppointmentRecord, zone: dt.tzinfo) -> str:
    """One journal row, tab-separated: state, id, start (client's zone), staff, type,
    caller, UID, message."""
    start = record.starts_at.astimezone(zone).isoformat(timespec="minutes")
    return "\t".join(
        [str(record.state), str(record.id), start, record.staff or "-", record.kind or "-",
         record.caller or "-", record.uid, record.message]
    ).rstrip("\t")  # fmt: skip


def list_upcoming(paths: AppPaths, store: CalendarStore, args: argparse.Namespace) -> int:
    profile = _profile(paths, args.client)
    zone = zone_of_client(profile)
    found = desk.upcoming(
        store, profile.client.code, phone=args.phone, caller=args.caller, now=utc_now()
    )
    for record in found:
        print(_line(record, zone))
    return EXIT_OK


def list_pending(paths: AppPaths, store: CalendarStore, args: argparse.Namespace) -> int:
    """What still waits for a server, and the conflicts an operator has not yet seen."""
    profile = _profile(paths, args.client)
    code = profile.client.code
    if args.acknowledge is not None:
        record = store.get_appointment(args.acknowledge)
        if record is None or record.client != code:
            raise UserError(f"{code} has no conflict {args.acknowledge}.")
        desk.acknowledge(store, args.acknowledge)
    zone = zone_of_client(profile)
    waiting = store.appointments(code, states=[AppointmentState.PENDING])
    for record in [*waiting, *desk.conflicts(store, code)]:
        print(_line(record, zone))
    return EXIT_OK


def zone_of_client(profile: ClientProfile) -> dt.tzinfo:
    from calendar_sync.zones import zone_of

    return zone_of(profile.client.timezone)


def move(paths: AppPaths, store: CalendarStore, args: argparse.Namespace) -> int:
    profile = _profile(paths, args.client)
    record = desk.find(store, profile.client.code, args.uid)
    kind = desk.kind_of(store, record)
    start = parse_moment(args.start, profile.client.timezone)
    slot = Slot(start, start + kind.duration, record.staff)
    try:
        moved = desk.move(store, profile, record, slot, _seat(paths))
    except SlotTaken as exc:
        print("taken")
        print(f"  {exc.blocking}", file=sys.stderr)
        zone = zone_of_client(profile)
        for free in [s for s in exc.alternatives if isinstance(s, Slot)][:5]:
            print(
                f"{free.start.astimezone(zone).isoformat(timespec='minutes')} {free.staff or '-'}"
            )
        return EXIT_TAKEN
    print(moved.uid)
    return EXIT_OK


def cancel(paths: AppPaths, store: CalendarStore, args: argparse.Namespace) -> int:
    profile = _profile(paths, args.client)
    record = desk.find(store, profile.client.code, args.uid)
    print(desk.cancel(store, profile, record, _seat(paths)).uid)
    return EXIT_OK
