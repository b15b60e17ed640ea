"""The call journal's steps, written once on top of ``update_call`` for every backend."""

from __future__ import annotations

import datetime as dt

from clients.model import CallRecord, Outcome
from storage.interfaces import UNSET, Unset


class CallSteps:
    """``set_call_client``, ``mark_answered`` and ``finish_call`` of a :class:`CallLog`."""

    def update_call(
        self,
        call_id: int,
        *,
        client_id: int | Unset | None = UNSET,
        caller_name: str | Unset = UNSET,
        answered_at: dt.datetime | Unset | None = UNSET,
        ended_at: dt.datetime | Unset | None = UNSET,
        duration_s: float | Unset | None = UNSET,
        outcome: Outcome | Unset | None = UNSET,
        for_seat: str | None = None,
    ) -> CallRecord:
        raise NotImplementedError

    def set_call_client(self, call_id: int, client_id: int | None) -> None:
        self.update_call(call_id, client_id=client_id)

    def mark_answered(self, call_id: int, answered_at: dt.datetime) -> None:
        self.update_call(call_id, answered_at=answered_at)

    def finish_call(
        self,
        call_id: int,
        *,
        ended_at: dt.datetime,
        outcome: Outcome,
        duration_s: float,
        answered_at: dt.datetime | None = None,
        for_seat: str | None = None,
    ) -> CallRecord:
        """Complete an open call; ``answered_at`` given here wins over an earlier mark.

        ``for_seat``: an office call is completed once — by the seat that holds it, or by
        the first seat that closes it while nobody does (missed); see ``update_call``.
        """
        return self.update_call(
            call_id,
            ended_at=ended_at,
            outcome=outcome,
            duration_s=duration_s,
            answered_at=UNSET if answered_at is None else answered_at,
            for_seat=for_seat,
        )
