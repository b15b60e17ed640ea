"""``vorzimmer stats``: the supervisor's figures on the command line, as a table or CSV.

    vorzimmer stats --from DATE --to DATE [--client CODE] [--by client|operator|day|week|month]
                    [--csv] [--output FILE] [--sl-seconds N] [--short-abandon-seconds N]
                    [--without-short-abandons] [--timezone TZ]
    vorzimmer stats --live

``--from``/``--to`` are whole days (both included) in the office's time zone; ``--by``
takes several dimensions joined by commas (``client,month``: per client and month, the
usual billing export). It only reads, so it runs beside the window. Exit codes: 0 done,
1 the database cannot be used, 2 bad arguments or an unknown client (one ``error:``
line on stderr, no traceback).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import zoneinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any

from appenv import logs
from appenv.errors import UserError
from appenv.files import atomic_write
from appenv.paths import AppPaths
from office.stats import DEFAULT_SHORT_ABANDON_SECONDS, DEFAULT_SL_SECONDS, OFFICE_ZONE, Dimension
from office.stats_query import FiguresQuery

if TYPE_CHECKING:
    from storage.interfaces import Database

log = logs.get("office")

EXIT_OK, EXIT_UNUSABLE, EXIT_BAD_INPUT = 0, 1, 2


class BadArgument(UserError):
    pass


def add_command(commands: Any) -> None:
    """Add ``stats`` to the launcher's sub-parsers (``main.build_parser``)."""
    stats = commands.add_parser("stats", help="the supervisor's figures (table or CSV)")
    stats.add_argument("--from", dest="since", metavar="DATE", help="first day, YYYY-MM-DD")
    stats.add_argument("--to", dest="until", metavar="DATE", help="last day (included)")
    stats.add_argument("--client", metavar="CODE", help="only this client's calls")
    stats.add_argument(
        "--by", default="client", metavar="DIMS", help="client|operator|day|week|month[,…]"
    )
    stats.add_argument("--csv", action="store_true", help="CSV instead of a table")
    stats.add_argument("--output", type=Path, metavar="FILE", help="write to FILE (UTF-8)")
    stats.add_argument(
        "--sl-seconds",
        metavar="N",
        help=f"one service-level threshold T for every client (default: each client's own, "
        f"{DEFAULT_SL_SECONDS:g} s unless set in the client's settings)",
    )
    stats.add_argument(
        "--short-abandon-seconds",
        metavar="N",
        help=f"an abandon after less than N s is short (default {DEFAULT_SHORT_ABANDON_SECONDS:g})",
    )
    stats.add_argument(
        "--without-short-abandons",
        action="store_true",
        help="short abandons are not offered calls (they are still shown apart)",
    )
    stats.add_argument("--timezone", default=OFFICE_ZONE, metavar="TZ", help="the office's zone")
    stats.add_argument("--live", action="store_true", help="calls waiting and seats by state now")


def _date(text: str | None, option: str) -> dt.date:
    if not text:
        raise BadArgument(f"{option} DATE is needed (YYYY-MM-DD)")
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise BadArgument(f"{option} {text!r} is not a date like 2026-03-31") from None


def _seconds(text: str | None, option: str, default: float | None) -> float | None:
    if text is None:
        return default
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 <= value < 86400:
        raise BadArgument(f"{option} {text!r} is not a number of seconds (0 or more)")
    return value


def _dimensions(text: str) -> tuple[Dimension, ...]:
    names = [part.strip() for part in text.split(",") if part.strip()]
    try:
        found = tuple(Dimension(name) for name in names)
    except ValueError:
        choices = "|".join(str(d) for d in Dimension)
        raise BadArgument(f"--by {text!r}: use {choices}, several joined by commas") from None
    if not found or len(set(found)) != len(found):
        raise BadArgument(f"--by {text!r}: name each dimension once")
    return found


def _query(args: argparse.Namespace) -> FiguresQuery:
    try:
        zoneinfo.ZoneInfo(args.timezone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise BadArgument(f"--timezone {args.timezone!r} is not a known time zone") from None
    sl_seconds = _seconds(args.sl_seconds, "--sl-seconds", None)
    short = _seconds(
        args.short_abandon_seconds, "--short-abandon-seconds", DEFAULT_SHORT_ABANDON_SECONDS
    )
    assert short is not None
    if args.live:
        first = last = dt.date.today()
        by: tuple[Dimension, ...] = (Dimension.CLIENT,)
    else:
        first, last = _date(args.since, "--from"), _date(args.until, "--to")
        if last < first:
            raise BadArgument(f"--to {last} is before --from {first}")
        by = _dimensions(args.by)
    return FiguresQuery(
        first=first,
        last=last,
        by=by,
        client_code=args.client,
        sl_seconds=sl_seconds,
        short_abandon_seconds=short,
        count_short_abandons=not args.without_short_abandons,
        timezone=args.timezone,
    )


def run(paths: AppPaths, args: argparse.Namespace) -> int:
    from storage import StoreUnavailable, open_app_database

    logs.quiet_stderr()
    try:
        query = _query(args)
    except BadArgument as exc:
        return _fail(str(exc), EXIT_BAD_INPUT)
    try:
        db = open_app_database(paths)
    except StoreUnavailable as exc:
        log.error("stats: database not opened: %s (%s)", type(exc).__name__, exc.detail)
        return _fail(str(exc), EXIT_UNUSABLE)
    try:
        text = _live_text(db) if args.live else _figures_text(db, query, csv=args.csv)
    except StoreUnavailable as exc:  # the office database went away while reading
        log.error("stats: database lost: %s (%s)", type(exc).__name__, exc.detail)
        return _fail(str(exc), EXIT_UNUSABLE)
    except UserError as exc:
        log.debug("stats refused: %s %s", exc, exc.detail)
        return _fail(str(exc), EXIT_BAD_INPUT)
    finally:
        db.close()
    if args.output is not None:
        try:
            atomic_write(args.output, text)
        except OSError as exc:
            return _fail(f"cannot write {args.output}: {exc.strerror or exc}", EXIT_UNUSABLE)
    else:
        sys.stdout.write(text)
    return EXIT_OK


def _figures_text(db: Database, query: FiguresQuery, *, csv: bool) -> str:
    from office.stats_output import to_table
    from office.stats_query import read_figures

    report = read_figures(db, query)
    if csv:
        return report.csv()
    title = f"Figures {query.first} – {query.last}"
    if query.client_code:
        title += f", client {query.client_code}"
    table = to_table(report.rows, report.total, query.by, report.options, report.log_present)
    return f"{title}\n\n{table}"


def _live_text(db: Database) -> str:
    from office.stats_reader import read_live

    live = read_live(db)
    longest = "" if live.longest_wait_s is None else f", longest {live.longest_wait_s:.0f} s"
    lines = [f"Calls waiting: {live.waiting}{longest}"]
    lines += [f"  {code}: {count}" for code, count in live.waiting_by_client]
    if live.seats_by_state is None:
        lines.append("Seats by state: – (this database has no seat-state log)")
    else:
        states = ", ".join(f"{state} {count}" for state, count in live.seats_by_state)
        lines.append(f"Seats by state: {states or 'no seats yet'}")
    return "\n".join(lines) + "\n"


def _fail(message: str, code: int) -> int:
    print(f"error: {message}", file=sys.stderr)
    return code
