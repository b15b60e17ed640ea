"""Which greeting applies now, and the greeting text with its variables filled in.

Pure functions: no store, no clock — the caller passes an aware ``now``. Everything is
decided in the client's own time zone (``zoneinfo``), so DST changes and midnight fall
where the client's phone rings. Order of checks: a closure period (vacation) wins over a
public holiday (the ``holidays`` package, the client's German state), which wins over
the weekly business hours; anything else is after hours.

Templates use ``{operator}``, ``{client}``, ``{greeting}``, ``{caller_name}``,
``{holiday}`` and ``{reopens}``. A variable without a value (an unknown caller) is
dropped together with the punctuation that only made sense around it; an unknown
variable or a stray brace stays in the text literally; ``{{`` and ``}}`` give braces.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import zoneinfo
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import holidays

from clients.model import BusinessHours, Client, ClosurePeriod, Language, Script, Variant

# Time-of-day greeting. Before MORNING_FROM it is still "evening" (a call at 01:30 is
# answered "Guten Abend", not "Guten Morgen").
MORNING_FROM = dt.time(4, 0)
DAY_FROM = dt.time(11, 0)
EVENING_FROM = dt.time(18, 0)

_TIME_GREETINGS: dict[str, tuple[str, str, str]] = {
    "de": ("Guten Morgen", "Guten Tag", "Guten Abend"),
    "en": ("Good morning", "Good afternoon", "Good evening"),
}

DEFAULT_GREETINGS: dict[str, str] = {
    "de": "{client}, {greeting}, {caller_name}, Sie sprechen mit {operator}. "
    "Was kann ich für Sie tun?",
    "en": "{client}, {greeting}, {caller_name}, this is {operator} speaking. How may I help you?",
}
UNKNOWN_CLIENT_GREETINGS: dict[str, str] = {
    "de": "{greeting}, Sie sprechen mit {operator}. Was kann ich für Sie tun?",
    "en": "{greeting}, this is {operator} speaking. How may I help you?",
}

_FALLBACKS: dict[Variant, tuple[Variant, ...]] = {
    Variant.VACATION: (Variant.VACATION, Variant.AFTER_HOURS, Variant.BUSINESS_HOURS),
    Variant.HOLIDAY: (Variant.HOLIDAY, Variant.AFTER_HOURS, Variant.BUSINESS_HOURS),
    Variant.AFTER_HOURS: (Variant.AFTER_HOURS, Variant.BUSINESS_HOURS),
    Variant.BUSINESS_HOURS: (Variant.BUSINESS_HOURS,),
}

_REASONS = {
    "de": {"break": "Pause", "closed": "geschlossen", "open": "geöffnet", "vacation": "Urlaub"},
    "en": {"break": "break", "closed": "closed", "open": "open", "vacation": "vacation"},
}


@dataclass(frozen=True)
class VariantChoice:
    variant: Variant
    reason: str  # short, in the client's language: holiday name, closure reason, "Pause", …
    local_time: dt.datetime  # ``now`` in the client's time zone
    holiday: str | None = None
    closure: ClosurePeriod | None = None


def local_time(now: dt.datetime, timezone: str) -> dt.datetime:
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    return now.astimezone(zoneinfo.ZoneInfo(timezone))


@functools.lru_cache(maxsize=256)
def _holidays(state: str, year: int, language: str) -> Mapping[dt.date, str]:
    lang = "de" if language == "de" else "en_US"
    return dict(holidays.country_holidays("DE", subdiv=state, years=year, language=lang))


def holiday_name(state: str, day: dt.date, language: Language = "de") -> str | None:
    """The public holiday on ``day`` in the German ``state``, or ``None``."""
    return _holidays(state, day.year, language).get(day)


def choose_variant(
    client: Client,
    hours: BusinessHours,
    closures: Iterable[ClosurePeriod],
    now: dt.datetime,
) -> VariantChoice:
    local = local_time(now, client.timezone)
    today = local.date()
    words = _REASONS[client.language]
    for closure in closures:
        if closure.client_id == client.id and closure.covers(today):
            return VariantChoice(
                Variant.VACATION, closure.reason or words["vacation"], local, closure=closure
            )
    holiday = holiday_name(client.state, today, client.language)
    if holiday is not None:
        return VariantChoice(Variant.HOLIDAY, holiday, local, holiday=holiday)
    moment = local.time().replace(tzinfo=None)
    weekday = local.weekday()
    if hours.is_open(weekday, moment):
        return VariantChoice(Variant.BUSINESS_HOURS, words["open"], local)
    todays = hours.on(weekday)
    in_break = bool(todays) and todays[0].opens <= moment < todays[-1].closes
    return VariantChoice(Variant.AFTER_HOURS, words["break" if in_break else "closed"], local)


def time_of_day_greeting(local: dt.datetime | dt.time, language: Language = "de") -> str:
    moment = local.time() if isinstance(local, dt.datetime) else local
    morning, day, evening = _TIME_GREETINGS.get(language, _TIME_GREETINGS["de"])
    if MORNING_FROM <= moment < DAY_FROM:
        return morning
    if DAY_FROM <= moment < EVENING_FROM:
        return day
    return evening


def pick_script(scripts: Iterable[Script], variant: Variant, language: Language) -> Script | None:
    """The script for ``variant`` in ``language``; falls back to a related variant
    (holiday/vacation → after hours → business hours) and then to another language."""
    available = list(scripts)
    for candidate in _FALLBACKS[variant]:
        for lang_ok in (lambda s: s.language == language, lambda s: True):
            for script in available:
                if script.variant == candidate and lang_ok(script):
                    return script
    return None


_TOKEN = re.compile(r"\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_]*)\}")
_GAP = "\x00"


def render(template: str, values: Mapping[str, str | None]) -> str:
    """Fill ``{name}`` variables; empty ones vanish gracefully, unknown ones stay literal."""

    def substitute(match: re.Match[str]) -> str:
        token = match.group(0)
        if token == "{{":
            return "{"
        if token == "}}":
            return "}"
        name = match.group(1)
        if name not in values:
            return token
        value = values[name]
        if not value:
            return _GAP
        before = match.string[: match.start()].rstrip(" \t")
        if name == "greeting" and before and before[-1] not in ".!?:\n":
            value = value[0].lower() + value[1:]  # "Kanzlei Roth, guten Tag"
        return value.replace(_GAP, "")

    text = _TOKEN.sub(substitute, template.replace(_GAP, ""))
    if _GAP not in text:
        return text
    text = re.sub(rf"[ \t]*{_GAP}[ \t]*", _GAP, text)
    text = re.sub(rf"{_GAP}+", _GAP, text)
    text = re.sub(rf"\(\s*{_GAP}\s*\)", _GAP, text)
    # "{x}, guten Tag" → "Guten Tag" (at the start of a line: drop and capitalise)
    text = re.sub(rf"(?m)^{_GAP}[,;:]?[ \t]*(.?)", lambda m: m.group(1).upper(), text)
    text = re.sub(rf"(?m)[,;]?{_GAP}$", "", text)  # "Guten Tag, {x}" → "Guten Tag"
    text = re.sub(rf"[,;]?{_GAP}(?=[,.!?;:])", "", text)  # "Tag, {x}, hier" → "Tag, hier"
    text = text.replace(_GAP, " ")
    return re.sub(r"[ \t]{2,}", " ", text)


def greeting_values(
    *,
    operator: str | None,
    client_name: str | None,
    local: dt.datetime,
    language: Language,
    caller_name: str | None = None,
    choice: VariantChoice | None = None,
) -> dict[str, str | None]:
    reopens = None
    if choice is not None and choice.closure is not None:
        after = choice.closure.end + dt.timedelta(days=1)
        reopens = after.strftime("%d.%m.%Y") if language == "de" else after.isoformat()
    return {
        "operator": operator or None,
        "client": client_name or None,
        "greeting": time_of_day_greeting(local, language),
        "caller_name": caller_name or None,
        "holiday": choice.holiday if choice else None,
        "reopens": reopens,
    }
