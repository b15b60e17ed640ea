"""The supervisor's figures per client, operator, day, ISO week or calendar month.

Plain data in — :class:`StatsCall`, one :class:`CallNote` per call, bookings per call,
seat-state intervals (:mod:`office.seat_intervals`) — plain :class:`Figures` out, so every
figure is testable without a database; :mod:`office.stats_reader` builds the inputs from
the store. Only incoming calls are offered calls; outgoing ones (call-backs) are not
counted. Days, weeks (ISO 8601) and months are cut in the office's time zone
(Europe/Berlin unless told otherwise), by the moment a call started ringing.

How an incoming call counts, by its outcome (:class:`softphone.states.Outcome`):

* ``answered``, ``transferred`` — **answered**; its wait is answered_at − started_at.
* ``missed`` — **abandoned**: the caller hung up before an answer. Abandoned calls are
  missed calls; their wait is ended_at − started_at.
* ``busy``, ``failed``, ``rejected`` — **missed**, not abandoned: nobody served the caller,
  but the caller did not give up (turned away, set-up failed, declined).
* ``interrupted`` — the app or engine died during the call: **answered** if it had been
  answered before (the caller was served, then cut off), else **missed**.
* ``answered_elsewhere`` — a colleague's seat answered this call: **never counted**
  (neither offered nor missed); the colleague's row counts it. Rows that share one call
  key (one office call logged by several seats) count once: the answered leg if any.
* no outcome yet — the call is still up: counted as answered once answered; a call still
  ringing is not in the period's figures (it is *waiting*, see :mod:`office.live_figures`).

Definitions (T = the client's service-level threshold, default 20 s; "within" = ≤ T):

* offered = answered + missed; short abandons (abandoned after < 5 s by default) count as
  offered unless ``count_short_abandons`` is off; they are always counted apart.
* ASA (average speed of answer) = mean wait of the answered calls.
* **SL** (the main service level, Asterisk's) = answered within T ÷ answered.
* **SL2** = (answered within T + abandoned within T) ÷ (answered + abandoned).
* abandon rate = abandoned ÷ offered.
* talk = ended_at − answered_at of answered calls that have ended; *started minutes* sums
  each call's talk rounded up to whole minutes (per-minute billing).
* wrap-up = the seat's time in ``wrap_up`` after an answered call, per answered call (a
  call without wrap-up counts 0 s); ``None`` when there is no seat-state log.
* break = seconds in ``break`` per operator/period; ``None`` when grouped by client.
* messages = counted calls with a note that holds a message; bookings = appointments
  booked during counted calls.
"""

from __future__ import annotations

import bisect
import datetime as dt
import enum
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from appenv.times import to_utc
from office.seat_intervals import BREAK, WRAP_UP, StateInterval

OFFICE_ZONE = "Europe/Berlin"
DEFAULT_SL_SECONDS = 20.0
DEFAULT_SHORT_ABANDON_SECONDS = 5.0
NONE_LABEL = "–"  # a call without a client or operator, a figure that cannot be given
ANSWERED_ELSEWHERE = "answered_elsewhere"

#: A wrap-up belongs to the operator's call that ended at most this long before it began
#: (or this little after: the two clocks are different seats' clocks).
WRAP_UP_GAP = dt.timedelta(seconds=120)
WRAP_UP_SLACK = dt.timedelta(seconds=5)


class Dimension(enum.StrEnum):
    """What the figures are grouped by (several at once: e.g. client and month)."""

    CLIENT = "client"
    OPERATOR = "operator"
    DAY = "day"
    WEEK = "week"
    MONTH = "month"


class Served(enum.Enum):
    ANSWERED = "answered"
    ABANDONED = "abandoned"  # missed: the caller hung up
    MISSED = "missed"  # missed otherwise (busy, failed, rejected, interrupted)
    RINGING = "ringing"  # still up, not answered: live only
    NOT_COUNTED = "not_counted"  # outgoing, or answered at a colleague's seat


@dataclass(frozen=True, kw_only=True)
class StatsCall:
    """One call as the figures need it (``outcome`` an Outcome's value). Times must be
    timezone-aware and are kept in UTC, so that a wait across a DST change is right."""

    key: str
    client_code: str | None
    started_at: dt.datetime
    answered_at: dt.datetime | None = None
    ended_at: dt.datetime | None = None
    outcome: str | None = None  # an Outcome value; None while the call is up
    operator: str = ""
    incoming: bool = True

    def __post_init__(self) -> None:
        for name in ("started_at", "answered_at", "ended_at"):
            value = getattr(self, name)
            if value is not None:
                object.__setattr__(self, name, to_utc(value))


@dataclass(frozen=True)
class CallNote:
    """The note taken for a call: who wrote it, whether it holds a message."""

    call_key: str
    operator: str = ""
    message: bool = True


@dataclass(frozen=True, kw_only=True)
class StatsOptions:
    sl_seconds: float = DEFAULT_SL_SECONDS
    sl_by_client: Mapping[str, float] = field(default_factory=dict)  # code -> T seconds
    short_abandon_seconds: float = DEFAULT_SHORT_ABANDON_SECONDS
    count_short_abandons: bool = True
    timezone: str = OFFICE_ZONE

    def threshold(self, client_code: str | None) -> float:
        if client_code is not None and client_code in self.sl_by_client:
            return self.sl_by_client[client_code]
        return self.sl_seconds


@dataclass(frozen=True)
class StatsInput:
    calls: Sequence[StatsCall]
    notes: Mapping[str, CallNote] = field(default_factory=dict)  # by call key
    bookings: Mapping[str, int] = field(default_factory=dict)  # by call key
    intervals: Sequence[StateInterval] | None = None  # None: no seat-state log


@dataclass(frozen=True)
class Figures:
    """One row of figures. Seconds as floats; shares 0–1; ``None``: cannot be given."""

    group: tuple[str, ...]
    offered: int = 0
    answered: int = 0
    missed: int = 0
    abandoned: int = 0
    short_abandons: int = 0
    abandon_rate: float | None = None
    asa_s: float | None = None
    answer_wait_max_s: float | None = None
    missed_wait_mean_s: float | None = None
    missed_wait_max_s: float | None = None
    sl_threshold_s: float | None = None  # None when the group's calls had different T
    sl: float | None = None
    sl2: float | None = None
    talk_s: float = 0.0
    talk_mean_s: float | None = None
    started_minutes: int = 0
    wrap_up_mean_s: float | None = None
    break_s: float | None = None
    messages: int = 0
    bookings: int = 0


def served(call: StatsCall) -> Served:
    """How ``call`` counts (see the module docstring for the mapping)."""
    if not call.incoming or call.outcome == ANSWERED_ELSEWHERE:
        return Served.NOT_COUNTED
    if call.outcome is None:
        return Served.ANSWERED if call.answered_at is not None else Served.RINGING
    if call.outcome in ("answered", "transferred"):
        return Served.ANSWERED
    if call.outcome == "interrupted" and call.answered_at is not None:
        return Served.ANSWERED
    if call.outcome == "missed":
        return Served.ABANDONED
    return Served.MISSED


def wait_seconds(call: StatsCall) -> float | None:
    """How long the caller waited: until the answer, else until the call ended."""
    until = call.answered_at if call.answered_at is not None else call.ended_at
    return None if until is None else max(0.0, (until - call.started_at).total_seconds())


def talk_seconds(call: StatsCall) -> float | None:
    if call.answered_at is None or call.ended_at is None:
        return None
    return max(0.0, (call.ended_at - call.answered_at).total_seconds())


def distinct_calls(calls: Iterable[StatsCall]) -> list[StatsCall]:
    """Each office call once: rows sharing a call key (legs at several seats) become the
    answered leg (the first answer), else the leg that ended last; calls answered at a
    colleague's seat are dropped. Rows without a key are kept as they are."""
    chosen: dict[str, StatsCall] = {}
    order: list[str | StatsCall] = []
    for call in calls:
        if call.outcome == ANSWERED_ELSEWHERE:
            continue
        if not call.key:
            order.append(call)
            continue
        seen = chosen.get(call.key)
        if seen is None:
            chosen[call.key] = call
            order.append(call.key)
        elif _better_leg(call, seen):
            chosen[call.key] = call
    return [chosen[item] if isinstance(item, str) else item for item in order]


def _better_leg(call: StatsCall, than: StatsCall) -> bool:
    if (call.answered_at is None) != (than.answered_at is None):
        return call.answered_at is not None
    if call.answered_at is not None and than.answered_at is not None:
        return call.answered_at < than.answered_at
    return (call.ended_at or call.started_at) > (than.ended_at or than.started_at)


def period_label(moment: dt.datetime, dimension: Dimension, zone: dt.tzinfo) -> str:
    """The day (``2026-03-29``), ISO week (``2026-W13``) or month (``2026-03``), locally."""
    local = moment.astimezone(zone).date()
    if dimension is Dimension.DAY:
        return local.isoformat()
    if dimension is Dimension.WEEK:
        year, week, _ = local.isocalendar()
        return f"{year}-W{week:02d}"
    return f"{local.year}-{local.month:02d}"


def operator_of(call: StatsCall, note: CallNote | None) -> str:
    """The call's operator; until calls record it, the operator who wrote its note."""
    return call.operator or (note.operator if note is not None else "")


def wrap_ups_by_call(
    calls: Sequence[StatsCall], operators: Mapping[str, str], intervals: Iterable[StateInterval]
) -> dict[str, float]:
    """Seconds of wrap-up per call key: each wrap-up interval goes to its operator's
    answered call that ended last before it began (within :data:`WRAP_UP_GAP`); a wrap-up
    logged again without a break in between (a new reason) stays with the same call."""
    ended: dict[str, list[tuple[dt.datetime, str]]] = defaultdict(list)
    for call in calls:
        who = operators.get(call.key, "")
        if who and call.ended_at is not None and call.answered_at is not None:
            ended[who].append((call.ended_at, call.key))
    for items in ended.values():
        items.sort()
    result: dict[str, float] = defaultdict(float)
    running: dict[str, tuple[dt.datetime, str]] = {}  # seat -> (end, call) of its wrap-up
    for interval in sorted(intervals, key=lambda i: i.start):
        before = ended.get(interval.operator) if interval.state == WRAP_UP else None
        if not before:
            continue
        key = None
        if interval.seat in running and running[interval.seat][0] == interval.start:
            key = running[interval.seat][1]  # the same wrap-up, logged again (a new reason)
        else:
            index = bisect.bisect_right(before, (interval.start + WRAP_UP_SLACK, "\uffff")) - 1
            if index >= 0 and interval.start - before[index][0] <= WRAP_UP_GAP:
                key = before[index][1]
        if key is not None:
            result[key] += interval.seconds
            running[interval.seat] = (interval.end, key)
    return dict(result)


class _Tally:
    """The sums behind one :class:`Figures` row."""

    def __init__(self) -> None:
        self.answer_waits: list[float] = []
        self.answered = self.abandoned = self.missed = self.short = 0
        self.missed_waits: list[float] = []
        self.sl_hits = self.sl2_hits = self.abandon_known = 0
        self.thresholds: set[float] = set()
        self.talks: list[float] = []
        self.started_minutes = 0
        self.wrap_total = 0.0
        self.messages = self.bookings = 0

    def add(self, kind: Served, facts: _CallFacts) -> None:
        wait, threshold = facts.wait_s, facts.threshold
        self.thresholds.add(threshold)
        if kind is Served.ANSWERED:
            self.answered += 1
            if wait is not None:
                self.answer_waits.append(wait)
                self.sl_hits += wait <= threshold
            if facts.talk_s is not None:
                self.talks.append(facts.talk_s)
                self.started_minutes += math.ceil(facts.talk_s / 60)
                self.wrap_total += facts.wrap_up_s
        else:
            self.missed += 1
            if wait is not None:
                self.missed_waits.append(wait)
            if kind is Served.ABANDONED:
                self.abandoned += 1
                if wait is not None:
                    self.abandon_known += 1
                    self.sl2_hits += wait <= threshold
        self.messages += facts.message
        self.bookings += facts.bookings

    def merge(self, other: _Tally) -> None:
        """Add ``other``'s sums to these (the total row from the groups' rows)."""
        for name, value in vars(other).items():
            mine = getattr(self, name)
            if isinstance(value, set):
                mine |= value
            elif isinstance(value, list):
                mine.extend(value)
            else:
                setattr(self, name, mine + value)

    def figures(self, group: tuple[str, ...], wrap_known: bool, breaks: float | None) -> Figures:
        offered = self.answered + self.missed
        known = len(self.answer_waits)
        sl2_base = known + self.abandon_known
        return Figures(
            group=group,
            offered=offered,
            answered=self.answered,
            missed=self.missed,
            abandoned=self.abandoned,
            short_abandons=self.short,
            abandon_rate=self.abandoned / offered if offered else None,
            asa_s=_mean(self.answer_waits),
            answer_wait_max_s=max(self.answer_waits, default=None),
            missed_wait_mean_s=_mean(self.missed_waits),
            missed_wait_max_s=max(self.missed_waits, default=None),
            sl_threshold_s=next(iter(self.thresholds)) if len(self.thresholds) == 1 else None,
            sl=self.sl_hits / known if known else None,
            sl2=(self.sl_hits + self.sl2_hits) / sl2_base if sl2_base else None,
            talk_s=sum(self.talks),
            talk_mean_s=_mean(self.talks),
            started_minutes=self.started_minutes,
            wrap_up_mean_s=(
                self.wrap_total / len(self.talks) if wrap_known and self.talks else None
            ),
            break_s=breaks,
            messages=self.messages,
            bookings=self.bookings,
        )


@dataclass(frozen=True)
class _CallFacts:
    wait_s: float | None
    talk_s: float | None
    threshold: float
    wrap_up_s: float
    message: bool
    bookings: int


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def compute_figures(
    data: StatsInput,
    by: Sequence[Dimension] = (Dimension.CLIENT,),
    options: StatsOptions | None = None,
) -> tuple[list[Figures], Figures]:
    """The figures per group (sorted by the group's labels) and for all calls together."""
    options = options or StatsOptions()
    zone = ZoneInfo(options.timezone)
    calls = distinct_calls(data.calls)
    operators = {c.key: operator_of(c, data.notes.get(c.key)) for c in calls}
    wraps = {} if data.intervals is None else wrap_ups_by_call(calls, operators, data.intervals)
    tallies: dict[tuple[str, ...], _Tally] = defaultdict(_Tally)
    for call in calls:
        kind = served(call)
        if kind in (Served.RINGING, Served.NOT_COUNTED):
            continue
        tally = tallies[_group_of(call, operators.get(call.key, ""), by, zone)]
        wait = wait_seconds(call)
        if kind is Served.ABANDONED and (wait or 0.0) < options.short_abandon_seconds:
            tally.short += 1
            if not options.count_short_abandons:
                continue
        note = data.notes.get(call.key)
        facts = _CallFacts(
            wait_s=wait,
            talk_s=talk_seconds(call),
            threshold=options.threshold(call.client_code),
            wrap_up_s=wraps.get(call.key, 0.0),
            message=note is not None and note.message,
            bookings=data.bookings.get(call.key, 0),
        )
        tally.add(kind, facts)
    total = _Tally()
    for tally in tallies.values():
        total.merge(tally)
    breaks = _breaks(data.intervals, by, zone)
    wrap_known = data.intervals is not None
    rows = [
        tallies[group].figures(group, wrap_known, None if breaks is None else breaks.get(group, 0))
        for group in sorted(tallies)
    ]
    all_breaks = None if breaks is None else sum(breaks.values())
    return rows, total.figures((), wrap_known, all_breaks)


def _group_of(
    call: StatsCall, operator: str, by: Sequence[Dimension], zone: ZoneInfo
) -> tuple[str, ...]:
    labels: list[str] = []
    for dimension in by:
        if dimension is Dimension.CLIENT:
            labels.append(call.client_code or NONE_LABEL)
        elif dimension is Dimension.OPERATOR:
            labels.append(operator or NONE_LABEL)
        else:
            labels.append(period_label(call.started_at, dimension, zone))
    return tuple(labels)


def _breaks(
    intervals: Sequence[StateInterval] | None, by: Sequence[Dimension], zone: ZoneInfo
) -> dict[tuple[str, ...], float] | None:
    """Break seconds per operator/period group; ``None`` without a log or by client (a
    break belongs to no client). An interval counts in the period it began in."""
    if intervals is None or Dimension.CLIENT in by:
        return None
    result: dict[tuple[str, ...], float] = defaultdict(float)
    for interval in intervals:
        if interval.state != BREAK:
            continue
        labels = tuple(
            interval.operator or NONE_LABEL
            if dimension is Dimension.OPERATOR
            else period_label(interval.start, dimension, zone)
            for dimension in by
        )
        result[labels] += interval.seconds
    return dict(result)
