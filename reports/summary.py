"""The figures at the top of a daily report, computed once from the calls."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from reports.model import AppointmentChange, Outcome, ReportCall


@dataclass(frozen=True)
class ReportSummary:
    calls: int
    messages: int
    appointments_booked: int
    appointments_cancelled: int
    urgent: int
    outside_business_hours: int
    by_outcome: tuple[tuple[Outcome, int], ...]
    appointments_moved: int = 0
    appointments_pending: int = 0
    appointments_conflict: int = 0  # pending bookings that could not be written

    @property
    def appointment_counts(self) -> dict[AppointmentChange, int]:
        return {
            AppointmentChange.BOOKED: self.appointments_booked,
            AppointmentChange.MOVED: self.appointments_moved,
            AppointmentChange.CANCELLED: self.appointments_cancelled,
            AppointmentChange.PENDING: self.appointments_pending,
            AppointmentChange.CONFLICT: self.appointments_conflict,
        }

    @property
    def appointments(self) -> int:
        return sum(self.appointment_counts.values())


def summarize(calls: Sequence[ReportCall]) -> ReportSummary:
    outcomes = Counter(call.outcome for call in calls)
    changes = Counter(a.change for call in calls for a in call.appointments)
    return ReportSummary(
        calls=len(calls),
        messages=sum(1 for call in calls if call.has_message),
        appointments_booked=changes[AppointmentChange.BOOKED],
        appointments_cancelled=changes[AppointmentChange.CANCELLED],
        urgent=sum(1 for call in calls if call.urgent),
        outside_business_hours=sum(1 for call in calls if call.outside_business_hours),
        by_outcome=tuple((o, outcomes[o]) for o in Outcome if outcomes[o]),
        appointments_moved=changes[AppointmentChange.MOVED],
        appointments_pending=changes[AppointmentChange.PENDING],
        appointments_conflict=changes[AppointmentChange.CONFLICT],
    )
