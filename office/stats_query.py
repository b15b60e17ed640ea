"""One request for the supervisor's figures, answered from a database: what ``vorzimmer
stats`` and the window's supervisor view both run, so their tables and CSV files agree.

Each call is judged by its own client's service-level threshold (``clients.service_level_s``,
set in the admin window, default 20 s) unless the request names one threshold for all
(``--sl-seconds``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from office.stats import (
    DEFAULT_SHORT_ABANDON_SECONDS,
    DEFAULT_SL_SECONDS,
    OFFICE_ZONE,
    Dimension,
    Figures,
    StatsOptions,
    compute_figures,
)
from office.stats_output import to_csv
from office.stats_reader import period_bounds, read_stats_input
from storage.interfaces import Database


@dataclass(frozen=True, kw_only=True)
class FiguresQuery:
    """Which days (both included, in ``timezone``), grouped how, of which client."""

    first: dt.date
    last: dt.date
    by: tuple[Dimension, ...] = (Dimension.CLIENT,)
    client_code: str | None = None
    sl_seconds: float | None = None  # one threshold for every call; None: each client's own
    short_abandon_seconds: float = DEFAULT_SHORT_ABANDON_SECONDS
    count_short_abandons: bool = True
    timezone: str = OFFICE_ZONE


@dataclass(frozen=True)
class FiguresReport:
    """The figures of one :class:`FiguresQuery`, with what they were computed under."""

    query: FiguresQuery
    rows: list[Figures]
    total: Figures
    options: StatsOptions
    log_present: bool  # a seat-state log exists: wrap-up and break times can be given

    def csv(self) -> str:
        """The billing CSV (:func:`office.stats_output.to_csv`)."""
        return to_csv(self.rows, self.query.by, self.query.first, self.query.last)


def client_thresholds(db: Database) -> dict[str, float]:
    """Each client's service-level threshold in seconds, by client code."""
    return {c.code: float(c.service_level_s) for c in db.clients.list_clients()}


def stats_options(db: Database, query: FiguresQuery) -> StatsOptions:
    """The options of ``query``: its one threshold, else every client's own."""
    return StatsOptions(
        sl_seconds=DEFAULT_SL_SECONDS if query.sl_seconds is None else query.sl_seconds,
        sl_by_client={} if query.sl_seconds is not None else client_thresholds(db),
        short_abandon_seconds=query.short_abandon_seconds,
        count_short_abandons=query.count_short_abandons,
        timezone=query.timezone,
    )


def read_figures(db: Database, query: FiguresQuery) -> FiguresReport:
    """Read and compute; raises :class:`office.stats_reader.UnknownClient`."""
    start, end = period_bounds(query.first, query.last, query.timezone)
    data = read_stats_input(db, start, end, query.client_code)
    options = stats_options(db, query)
    rows, total = compute_figures(data, query.by, options)
    return FiguresReport(query, rows, total, options, data.intervals is not None)
