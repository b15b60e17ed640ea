"""Call notes as plain data: what the secretary records for a call, and its audit trail.

A note belongs to one client and to at most one call (a walk-in or an e-mail has none);
a call has at most one note, so a report never has to choose between two. Saving a
changed note writes one :class:`NoteChange` per changed field (who, when, old, new):
nothing the client was told can change without a trace. Search is always scoped to one
client — a :class:`NoteQuery` cannot even be expressed without one. The stores live
behind :class:`storage.interfaces.NotesStore`; unsaved drafts in :mod:`notes.drafts`.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import asdict, dataclass, fields
from typing import Any

from appenv.times import from_db, to_db_or_none
from clients.errors import StoreError


class Urgency(enum.StrEnum):
    URGENT = "urgent"
    NORMAL = "normal"
    LOW = "low"


class Action(enum.StrEnum):
    """What the caller asks the client to do."""

    CALL_BACK = "call_back"
    SEND_INFO = "send_info"
    NONE = "none"


class Channel(enum.StrEnum):
    """How the message reached the secretary."""

    CALL = "call"
    WALK_IN = "walk_in"
    EMAIL = "email"
    OTHER = "other"


@dataclass(frozen=True, kw_only=True)
class Note:
    """One note. Datetimes are timezone-aware (UTC when read back); ``id`` ``None`` = unsaved.

    ``noted_at`` is when the conversation took place (the call's start; for a note
    without a call, when it was written): reports and date searches use it.
    """

    id: int | None = None
    client_id: int | None
    call_id: int | None = None
    caller_id: int | None = None
    caller_number: str = ""  # the call's number (normalised key) or ""
    caller_name: str = ""
    caller_company: str = ""
    callback_number: str = ""
    subject: str = ""
    message: str = ""
    urgency: Urgency = Urgency.NORMAL
    for_staff_id: int | None = None
    for_whom: str = ""  # the staff member's name at the time of writing
    action: Action = Action.NONE
    wrong_number: bool = False
    channel: Channel = Channel.CALL
    appointment: str = ""  # filled by booking
    operator: str = ""  # who wrote it first
    noted_at: dt.datetime
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None
    updated_by: str = ""
    revision: int = 0  # 1 when first saved, +1 per saved change
    draft_key: str | None = None  # the draft it was finalised from (makes saving idempotent)

    def __post_init__(self) -> None:
        for name in ("noted_at", "created_at", "updated_at"):
            value = getattr(self, name)
            if value is not None and value.tzinfo is None:
                raise ValueError(f"{name} must be timezone-aware")
        object.__setattr__(self, "urgency", Urgency(self.urgency))
        object.__setattr__(self, "action", Action(self.action))
        object.__setattr__(self, "channel", Channel(self.channel))

    @property
    def has_content(self) -> bool:
        return bool(
            self.subject.strip()
            or self.message.strip()
            or self.appointment.strip()
            or self.wrong_number
        )

    def content(self) -> dict[str, Any]:
        """The fields an operator can change (compared for the audit trail)."""
        return {name: getattr(self, name) for name in CONTENT_FIELDS}


# Fields whose changes are recorded; id, operator, created_at and draft_key never change.
CONTENT_FIELDS: tuple[str, ...] = (
    "client_id",
    "call_id",
    "caller_id",
    "caller_number",
    "caller_name",
    "caller_company",
    "callback_number",
    "subject",
    "message",
    "urgency",
    "for_staff_id",
    "for_whom",
    "action",
    "wrong_number",
    "channel",
    "appointment",
    "noted_at",
)


@dataclass(frozen=True)
class NoteChange:
    """One changed field of one saved revision."""

    note_id: int
    revision: int
    changed_at: dt.datetime
    changed_by: str
    field: str
    old: str | None
    new: str | None


@dataclass(frozen=True, kw_only=True)
class NoteQuery:
    """A search within one client (``client_id`` ``None``: notes not assigned to a client).

    ``text`` matches every text field, ``caller`` only the caller's name, company and
    numbers; both are word prefixes, all words required. ``since``/``until`` bound
    ``noted_at`` (``until`` exclusive). Results: newest first, at most ``limit``.
    """

    client_id: int | None
    text: str = ""
    caller: str = ""
    caller_id: int | None = None
    since: dt.datetime | None = None
    until: dt.datetime | None = None
    limit: int = 100


class NoteExists(StoreError):
    """A call has one note; open that one instead of writing a second."""

    def __init__(self, call_id: int, note_id: int) -> None:
        super().__init__(f"Call {call_id} already has a note (note {note_id}).")
        self.call_id = call_id
        self.note_id = note_id


class NoteConflict(StoreError):
    """Someone saved the note since it was opened; the edit is kept as a draft."""

    def __init__(self, note_id: int, expected: int, found: int) -> None:
        super().__init__(
            f"Note {note_id} was changed by someone else meanwhile (revision {found}, "
            f"this edit started from {expected}). Reopen it and apply your change again."
        )
        self.note_id = note_id


def note_to_dict(note: Note) -> dict[str, Any]:
    """JSON-ready form (drafts)."""
    data = asdict(note)
    for name in ("noted_at", "created_at", "updated_at"):
        data[name] = to_db_or_none(data[name])
    for name in ("urgency", "action", "channel"):
        data[name] = str(data[name])
    return data


def note_from_dict(data: dict[str, Any]) -> Note:
    known = {f.name for f in fields(Note)}
    values = {k: v for k, v in data.items() if k in known}
    for name in ("noted_at", "created_at", "updated_at"):
        if values.get(name) is not None:
            values[name] = from_db(values[name])
    return Note(**values)
