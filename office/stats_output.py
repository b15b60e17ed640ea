"""The figures as a plain table for the terminal and as CSV for billing.

CSV: comma-separated, one header row, UTF-8, ISO dates, seconds and minutes as plain
numbers (one decimal), shares as percentages (one decimal); an empty cell is a figure
that cannot be given (no answered call, no seat-state log). One row per group, no total
row, so a spreadsheet's sum over a column is the period's total.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from office.stats import NONE_LABEL, Dimension, Figures, StatsOptions


@dataclass(frozen=True)
class Column:
    csv_name: str
    title: str  # the table's header
    value: Callable[[Figures], float | int | None]
    kind: str  # "count", "seconds", "minutes", "share"


COLUMNS: tuple[Column, ...] = (
    Column("offered", "Offered", lambda f: f.offered, "count"),
    Column("answered", "Answered", lambda f: f.answered, "count"),
    Column("missed", "Missed", lambda f: f.missed, "count"),
    Column("abandoned", "Abandoned", lambda f: f.abandoned, "count"),
    Column("short_abandons", "Short ab.", lambda f: f.short_abandons, "count"),
    Column("abandon_rate_percent", "Ab. rate", lambda f: f.abandon_rate, "share"),
    Column("asa_s", "ASA", lambda f: f.asa_s, "seconds"),
    Column("answer_wait_max_s", "Max ans.", lambda f: f.answer_wait_max_s, "seconds"),
    Column("missed_wait_mean_s", "Missed wait", lambda f: f.missed_wait_mean_s, "seconds"),
    Column("missed_wait_max_s", "Max missed", lambda f: f.missed_wait_max_s, "seconds"),
    Column("sl_threshold_s", "T", lambda f: f.sl_threshold_s, "seconds"),
    Column("sl_percent", "SL", lambda f: f.sl, "share"),
    Column("sl2_percent", "SL2", lambda f: f.sl2, "share"),
    Column("talk_s", "Talk", lambda f: f.talk_s, "seconds"),
    Column("talk_mean_s", "Talk avg", lambda f: f.talk_mean_s, "seconds"),
    Column("talk_minutes", "Talk min", lambda f: f.talk_s / 60, "minutes"),
    Column("started_minutes", "Started min", lambda f: f.started_minutes, "count"),
    Column("wrap_up_mean_s", "Wrap-up avg", lambda f: f.wrap_up_mean_s, "seconds"),
    Column("break_s", "Break", lambda f: f.break_s, "seconds"),
    Column("messages", "Messages", lambda f: f.messages, "count"),
    Column("bookings", "Bookings", lambda f: f.bookings, "count"),
)


def _csv_cell(value: float | int | None, kind: str) -> str:
    if value is None:
        return ""
    if kind == "count":
        return str(int(value))
    if kind == "share":
        return f"{value * 100:.1f}"
    return f"{value:.1f}"


def table_cell(value: float | int | None, kind: str) -> str:
    """A figure as the table shows it: counts, "12.5 %", "1:05" (m:ss) or "1:02:03"."""
    if value is None:
        return NONE_LABEL
    if kind == "count":
        return str(int(value))
    if kind == "share":
        return f"{value * 100:.1f} %"
    if kind == "minutes":
        return f"{value:.1f}"
    seconds = round(float(value))
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


def to_csv(rows: Sequence[Figures], by: Sequence[Dimension], first: dt.date, last: dt.date) -> str:
    """The CSV text (``\\r\\n`` line ends, as the csv module writes them)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["from", "to", *(str(d) for d in by), *(c.csv_name for c in COLUMNS)])
    for row in rows:
        cells = [_csv_cell(c.value(row), c.kind) for c in COLUMNS]
        writer.writerow([first.isoformat(), last.isoformat(), *row.group, *cells])
    return out.getvalue()


def definitions(options: StatsOptions, log_present: bool) -> list[str]:
    """What the figures mean, printed under the table."""
    threshold = f"{options.sl_seconds:g} s"
    if options.sl_by_client:
        threshold = f"each client's own (column T; {threshold} for a call without a client)"
    short = f"abandoned after less than {options.short_abandon_seconds:g} s"
    counted = (
        "counted as offered (and as abandoned)"
        if options.count_short_abandons
        else "not counted as offered (shown apart in 'Short ab.')"
    )
    lines = [
        f"SL = answered within T / answered; SL2 = (answered within T + abandoned within T)"
        f" / (answered + abandoned); T = {threshold}.",
        f"ASA = mean wait until a live answer. Short abandons ({short}): {counted}.",
        "Missed = abandoned (caller hung up) + busy, failed, rejected, interrupted before an"
        " answer; calls answered at a colleague's seat count once.",
    ]
    if not log_present:
        lines.append(f"Wrap-up and break: {NONE_LABEL} (this database has no seat-state log).")
    return lines


def to_table(
    rows: Sequence[Figures],
    total: Figures,
    by: Sequence[Dimension],
    options: StatsOptions,
    log_present: bool,
) -> str:
    """An aligned plain-text table with a total row, and the definitions beneath."""
    header = [str(d).capitalize() for d in by] + [c.title for c in COLUMNS]
    body = [[*r.group, *(table_cell(c.value(r), c.kind) for c in COLUMNS)] for r in rows]
    if len(rows) != 1:
        pad = ["Total", *([""] * (len(by) - 1))]
        body.append([*pad, *(table_cell(c.value(total), c.kind) for c in COLUMNS)])
    widths = [max(len(line[i]) for line in [header, *body]) for i in range(len(header))]
    labels = len(by)

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            cell.ljust(widths[i]) if i < labels else cell.rjust(widths[i])
            for i, cell in enumerate(cells)
        ).rstrip()

    text = [line(header), line(["-" * w for w in widths])]
    text += [line(cells) for cells in body]
    if not rows:
        text.append("(no calls in this period)")
    return "\n".join([*text, "", *definitions(options, log_present)]) + "\n"
