"""After a crash: which drafts still hold unsaved work (to reopen each in a form)."""

from __future__ import annotations

from notes.drafts import Draft
from storage.interfaces import NotesStore


def recover_drafts(notes: NotesStore) -> list[Draft]:
    """Drafts still holding unsaved work, to open each in a form at start; drafts already
    saved to the store (the app died before removing them) are removed."""
    box = notes.drafts
    if box is None:
        return []
    pending: list[Draft] = []
    for draft in box.all():
        stored = (
            notes.get_note(draft.note.id)
            if draft.note.id is not None
            else notes.note_by_draft(draft.key)
        )
        if stored is not None and stored.content() == draft.note.content():
            box.discard(draft.key)
            continue
        pending.append(draft)
    return pending
