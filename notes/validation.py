"""Whether a note may be saved, and if not, why (the form words the reason)."""

from __future__ import annotations

import enum

from clients import phone_numbers as pn
from notes.model import Note


class Problem(enum.Enum):
    NO_CLIENT = "no_client"
    NO_CONTENT = "no_content"
    BAD_CALLBACK_NUMBER = "bad_callback_number"


def problem_of(note: Note) -> Problem | None:
    """The first thing that keeps ``note`` from being saved, or None."""
    if note.client_id is None:
        return Problem.NO_CLIENT
    if not note.has_content:
        return Problem.NO_CONTENT
    # an unverified number (no valid reading, e.g. a local one) is called back as received
    if note.callback_number and pn.parse(note.callback_number) is None:
        return Problem.BAD_CALLBACK_NUMBER
    return None
