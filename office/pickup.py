"""Picking up a call that rings at a colleague's seat, asked for through the office database.

Which calls: only a call ringing at one seat alone — a call for that seat's own SIP user
(a colleague dialled it, a call was transferred there). An office call rings every seat
already: any seat answers it, no pickup is needed (:func:`rings_here_alone`).

How: the ringing seat publishes its call (``SeatStatus.ringing_key``, written with its
row). A colleague asks for it with a :class:`~office.model.PickupRequest` (one per call
and ringing seat: the first to ask gets it, a second is told who has it). The ringing seat
hears of the request through the database's change announcements (NOTIFY ``pickups``),
answers the ringing INVITE with ``302`` and the picking seat's user as Contact, and
kamailio sends the caller on to that seat (``failure_route[PICKUP]``). The INVITE keeps its
Call-ID, From tag and CSeq: both seats log the same call-log row; the ringing seat's leg
ends as answered elsewhere (never missed), the picking seat answers and completes it.

Plain domain code: blocking store calls, run by the UI off the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from appenv import logs
from appenv.errors import UserError
from appenv.times import utc_now
from office.model import ColleagueSeat, PickupRequest, PickupResult
from softphone.call_board import BoardCall
from softphone.sip_addresses import uri_user
from storage.interfaces import SeatStore

log = logs.get("office")


class PickupRefused(UserError):
    """The call cannot be picked up: nothing rings there alone (``holder`` empty), this
    seat has no SIP account, or a colleague asked first (``holder``: who)."""

    def __init__(self, message: str, holder: str = "", *, no_account: bool = False) -> None:
        super().__init__(message)
        self.holder = holder
        self.no_account = no_account


def rings_here_alone(call: BoardCall, sip_user: str) -> bool:
    """Whether ``call`` rings at this seat only: an incoming call, still ringing, for this
    seat's own user (``To``). An office call is for the office or a client's number."""
    if not sip_user or not call.ringing or call.info is None or call.taken_by is not None:
        return False
    return uri_user(call.info.to_uri) == sip_user


def ringing_alone(calls: Iterable[BoardCall], sip_user: str) -> str | None:
    """The key of the oldest call ringing here alone (the one colleagues may pick up)."""
    alone = [c for c in calls if rings_here_alone(c, sip_user)]
    return min(alone, key=lambda c: c.started_at).key if alone else None


class PickupDesk:
    """This seat's side of pickups: ask a colleague's seat for its call, and read and
    settle the requests colleagues made for calls ringing here."""

    def __init__(
        self,
        seats: SeatStore,
        seat: str,
        sip_user: str,
        operator: Callable[[], str],
    ) -> None:
        self.seats = seats
        self.seat = seat
        self.sip_user = sip_user
        self.operator = operator

    def ask(self, colleague: ColleagueSeat) -> PickupRequest:
        """Ask for the call ringing at ``colleague``'s seat (blocking: a database write).

        Raises :class:`PickupRefused` when nothing rings there alone any more or another
        seat asked first."""
        key = colleague.status.ringing_key
        if key is None or colleague.status.seat == self.seat:
            raise PickupRefused("No call is ringing at that seat for you to pick up.")
        if not self.sip_user:
            raise PickupRefused(
                "This seat has no account at the office's SIP server: set it in Settings.",
                no_account=True,
            )
        wanted = PickupRequest(key, colleague.status.seat, self.sip_user, self.operator(),
                               utc_now())  # fmt: skip
        holder = self.seats.request_pickup(wanted)
        if holder.to_user != self.sip_user:
            who = holder.operator or holder.to_user
            raise PickupRefused(f"{who} is picking up this call.", who)
        log.info("asked seat %s for call %s", colleague.status.seat, key)
        return holder

    def requests(self) -> list[PickupRequest]:
        """Colleagues' requests for calls ringing here, not settled yet (blocking)."""
        return [r for r in self.seats.pending_pickups(self.seat) if r.to_user != self.sip_user]

    def settle(self, request: PickupRequest, redirected: bool) -> None:
        """The call was sent on (``redirected``) or no longer rang here (blocking)."""
        assert request.id is not None
        result = PickupResult.REDIRECTED if redirected else PickupResult.GONE
        self.seats.finish_pickup(request.id, result, utc_now())
        log.info("pickup of call %s by %s: %s", request.call_key, request.to_user, result)
