"""``vorzimmer calendar check|add|list|type|sync|export|pending``, ``slots``, ``book`` and
``appointment list|move|cancel``.

Exit codes: ``0`` done (``book`` and ``appointment move|cancel`` print the event's UID);
``2`` an error (one ``error: …`` line on stderr, no traceback — a move or cancellation
while the server is unreachable is one: nothing was changed); ``3`` (``book``,
``appointment move``) the slot is taken — ``taken`` and the next free slots are printed;
``4`` (``book``) the server is unreachable — the booking is kept *pending* (its id is
printed) and written when the server answers again (any later ``slots``/``book`` for
that calendar, or ``calendar sync``); ``calendar pending`` lists what still waits and the
conflicts not yet acknowledged.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import Any

from appenv import logs
from appenv.errors import UserError
from appenv.paths import AppPaths
from calendar_sync.zones import DEFAULT_ZONE, zone_of

log = logs.get("calendar")

EXIT_OK, EXIT_ERROR, EXIT_TAKEN, EXIT_PENDING = 0, 2, 3, 4
COMMANDS = frozenset({"calendar", "slots", "book", "appointment"})
_READING = frozenset({"check", "list", "export", "pending"})


def add_commands(commands: Any) -> None:
    """Add the calendar commands to the launcher's sub-parsers (``main.build_parser``)."""
    cal = commands.add_parser("calendar", help="check, add and list calendars")
    sub = cal.add_subparsers(dest="calendar_command", required=True)
    check = sub.add_parser("check", help="is a time free in an .ics file or calendar URL?")
    check.add_argument("source", metavar="SOURCE", help=".ics file or http(s) URL")
    check.add_argument("--start", required=True, metavar="ISO", help="e.g. 2027-01-11T09:30")
    check.add_argument("--minutes", required=True, type=int)
    check.add_argument("--timezone", default=DEFAULT_ZONE, metavar="TZ")
    add = sub.add_parser("add", help="add a client's or staff member's calendar")
    add.add_argument("--client", required=True, metavar="CODE")
    add.add_argument("--staff", metavar="NAME")
    add.add_argument("url", metavar="URL", help="CalDAV calendar, ICS feed, .ics file, or 'local'")
    add.add_argument("--user", metavar="USER", help="password from stdin or prompted")
    add.add_argument("--tentative-free", action="store_true", help="TENTATIVE counts as free")
    lst = sub.add_parser("list", help="a client's calendars and appointment types")
    lst.add_argument("--client", required=True, metavar="CODE")
    kind = sub.add_parser("type", help="add or change an appointment type")
    kind.add_argument("--client", required=True, metavar="CODE")
    kind.add_argument("name")
    kind.add_argument("--minutes", required=True, type=int)
    for flag in ("--before", "--after", "--notice"):
        kind.add_argument(flag, type=int, default=0, metavar="MIN")
    kind.add_argument("--horizon", type=int, default=90, metavar="DAYS")
    kind.add_argument("--step", type=int, default=15, metavar="MIN")
    kind.add_argument("--max-per-day", type=int, metavar="N")
    kind.add_argument("--staff", action="append", default=[], metavar="NAME")
    sync = sub.add_parser("sync", help="sync a client's calendars, write pending bookings")
    sync.add_argument("--client", required=True, metavar="CODE")
    export = sub.add_parser("export", help="write the local calendar as one .ics file")
    export.add_argument("--client", required=True, metavar="CODE")
    export.add_argument("--staff", metavar="NAME")
    export.add_argument("file", metavar="FILE.ics")
    waiting = sub.add_parser("pending", help="bookings still pending, and conflicts")
    waiting.add_argument("--client", required=True, metavar="CODE")
    waiting.add_argument("--acknowledge", type=int, metavar="ID", help="a conflict seen")

    for name in ("slots", "book"):
        cmd = commands.add_parser(name, help="free slots" if name == "slots" else "book a slot")
        cmd.add_argument("--client", required=True, metavar="CODE")
        cmd.add_argument("--staff", metavar="NAME")
        size = cmd.add_mutually_exclusive_group(required=True)
        size.add_argument("--type", metavar="NAME", dest="type_name")
        size.add_argument("--minutes", type=int)
    slots = commands.choices["slots"]
    slots.add_argument("--from", dest="since", required=True, metavar="DATE")
    slots.add_argument("--count", type=int, default=10)
    book = commands.choices["book"]
    book.add_argument("--start", required=True, metavar="ISO")
    book.add_argument("--caller", required=True, metavar="NAME")
    book.add_argument("--phone", metavar="NUMBER", default="")
    book.add_argument(
        "--confirm-to", metavar="EMAIL", help="e-mail the caller (and the client) a confirmation"
    )

    app = commands.add_parser("appointment", help="list, move or cancel appointments")
    app_sub = app.add_subparsers(dest="appointment_command", required=True)
    listing = app_sub.add_parser("list", help="a client's appointments still to come")
    listing.add_argument("--client", required=True, metavar="CODE")
    listing.add_argument("--phone", metavar="NUMBER", help="only this caller's (any spelling)")
    listing.add_argument("--caller", metavar="NAME", help="only this caller's")
    move = app_sub.add_parser("move", help="move an appointment (same UID)")
    move.add_argument("--client", required=True, metavar="CODE")
    move.add_argument("uid", metavar="UID")
    move.add_argument("--start", required=True, metavar="ISO")
    cancel = app_sub.add_parser("cancel", help="cancel an appointment (same UID)")
    cancel.add_argument("--client", required=True, metavar="CODE")
    cancel.add_argument("uid", metavar="UID")


def takes_lock(args: argparse.Namespace) -> bool:
    """Reading commands share the folder; bookings are race-safe on their own."""
    return args.command == "calendar" and args.calendar_command not in _READING | {"sync"}


def run(paths: AppPaths, args: argparse.Namespace) -> int:
    logs.quiet_stderr()  # log lines to the log file; stderr: the command's own messages
    try:
        if args.command == "calendar" and args.calendar_command == "check":
            return check(paths, args.source, args.start, args.minutes, args.timezone)
        from calendar_sync import cli_booking

        return cli_booking.run(paths, args)
    except UserError as exc:
        log.info("calendar command failed: %s (%s)", exc, exc.detail)
        return fail(str(exc))


def fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return EXIT_ERROR


def parse_moment(text: str, zone_name: str) -> dt.datetime:
    """ISO date-time; without an offset it is wall time in ``zone_name``."""
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError as exc:
        raise UserError(f"{text!r} is not a date and time like 2027-01-11T09:30.") from exc
    if value.tzinfo is None:
        value = value.replace(tzinfo=zone_of(zone_name))
    return value.astimezone(dt.UTC)


def check(paths: AppPaths, source: str, start_text: str, minutes: int, zone_name: str) -> int:
    from calendar_sync.busy import BusyPolicy
    from calendar_sync.sources import busy_index

    zone = zone_of(zone_name)
    if minutes <= 0:
        return fail("--minutes must be a positive number")
    start = parse_moment(start_text, zone_name)
    end = start + dt.timedelta(minutes=minutes)
    user, password = _credentials_for(paths, source)
    index = busy_index(source, start, end, BusyPolicy(zone=zone_name), user=user, password=password)
    blocking = index.between(start, end)
    if not blocking:
        print("free")
        return EXIT_OK
    print("busy")
    for busy in blocking:
        print(f"  {busy.describe(zone)}")
    return EXIT_OK


def _credentials_for(paths: AppPaths, source: str) -> tuple[str | None, str | None]:
    """A URL added with ``calendar add`` is checked with its stored user and password."""
    from calendar_sync.client_calendars import secret_for
    from storage import open_app_database

    try:
        with open_app_database(paths) as db:
            known = db.calendars.sources()
    except UserError:
        return None, None
    for registered in known:
        if registered.url.rstrip("/") == source.rstrip("/") and registered.user:
            return registered.user, secret_for(registered)
    return None, None
