"""From the numbers of an incoming call to everything a screen-pop shows.

:func:`resolve` is the one call the UI makes per incoming call. The client is found from
``candidates`` — the dialled number and the forwarding chain, most specific first
(History-Info/Diversion original target, then To, then the Request-URI); the first
candidate that is a known number wins. Everything in the resulting :class:`Pop` belongs
to that client (or is shared): nothing of another client can leak into a pop.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

from clients import phone_numbers as pn
from clients import scripts
from clients.model import Caller, CallRecord, Client, FaqEntry, Language, Script, Staff, Variant
from storage.interfaces import ClientStore


@dataclass(frozen=True)
class Pop:
    """What the screen-pop shows for one call. ``client is None``: unknown client."""

    client: Client | None
    # the caller's lookup key; an unverified number as received (see caller_phone)
    caller_number: str | None
    local_time: dt.datetime  # now, in the client's time zone (Europe/Berlin if unknown)
    greeting: str
    variant: Variant | None = None
    variant_reason: str = ""
    instructions: str = ""
    script: Script | None = None
    staff: tuple[Staff, ...] = ()
    put_through: tuple[Staff, ...] = ()  # staff who always take calls from this caller
    caller: Caller | None = None
    last_calls: tuple[CallRecord, ...] = ()  # this client's calls with this caller, newest first
    faq: tuple[FaqEntry, ...] = ()
    # how the calling number was read: ``None`` withheld; ``.verified`` False: show it
    # marked as unverified (it was not used to find the caller)
    caller_phone: pn.PhoneNumber | None = None
    # the client data could not be read (the office database is down): the pop shows the
    # numbers and a neutral greeting, and says so
    data_unavailable: bool = False

    @property
    def known_client(self) -> bool:
        return self.client is not None


def resolve(
    store: ClientStore,
    candidates: Sequence[str | None],
    caller_number: str | None,
    now: dt.datetime,
    *,
    operator: str = "",
    history: int = 5,
    fallback_language: Language = "de",
) -> Pop:
    """Resolve client, caller, greeting variant and history for a call arriving at ``now``."""
    phone = pn.parse(caller_number)
    caller_key = phone.key if phone is not None and phone.verified else None
    shown = phone.key if phone is not None else None
    client = store.find_client_by_numbers(candidates)
    profile = store.get_profile(client.id) if client is not None and client.id else None
    if client is None or profile is None:
        caller = store.find_caller(None, caller_key) if caller_key else None
        return _without_client(phone, caller, now, operator, fallback_language)

    choice = scripts.choose_variant(client, profile.hours, profile.closures, now)
    script = scripts.pick_script(profile.scripts, choice.variant, client.language)
    caller = store.find_caller(client.id, caller_key) if caller_key else None
    values = scripts.greeting_values(
        operator=operator,
        client_name=client.name,
        local=choice.local_time,
        language=client.language,
        caller_name=caller.address if caller else None,
        choice=choice,
    )
    template = script.greeting if script else scripts.DEFAULT_GREETINGS[client.language]
    instructions = scripts.render(script.instructions, values) if script else ""
    last_calls = store.calls_for_caller(client.id, caller_key, history) if caller_key else []
    put_through = tuple(
        s for s in profile.staff if caller_key is not None and caller_key in s.always_put_through
    )
    return Pop(
        client=client,
        caller_number=shown,
        local_time=choice.local_time,
        greeting=scripts.render(template, values),
        variant=choice.variant,
        variant_reason=choice.reason,
        instructions=instructions,
        script=script,
        staff=profile.staff,
        put_through=put_through,
        caller=caller,
        last_calls=tuple(last_calls),
        faq=profile.faq,
        caller_phone=phone,
    )


def unavailable(
    caller_number: str | None, now: dt.datetime, *, operator: str = "", language: Language = "de"
) -> Pop:
    """The pop when the client data cannot be read: the caller's number as received and a
    neutral greeting, so the call can still be taken (and noted) while the database is down."""
    return replace(
        _without_client(pn.parse(caller_number), None, now, operator, language),
        data_unavailable=True,
    )


def _without_client(
    phone: pn.PhoneNumber | None,
    caller: Caller | None,
    now: dt.datetime,
    operator: str,
    language: Language,
) -> Pop:
    local = scripts.local_time(now, "Europe/Berlin")
    values = scripts.greeting_values(
        operator=operator,
        client_name=None,
        local=local,
        language=language,
        caller_name=caller.address if caller else None,
    )
    return Pop(
        client=None,
        caller_number=phone.key if phone is not None else None,
        local_time=local,
        greeting=scripts.render(scripts.UNKNOWN_CLIENT_GREETINGS[language], values),
        caller=caller,
        caller_phone=phone,
    )
