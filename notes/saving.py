"""Finalising a note from its draft: once, even across a crash between save and cleanup."""

from __future__ import annotations

from dataclasses import replace

from notes.model import Note
from storage.interfaces import NotesStore


def finalise(notes: NotesStore, note: Note, draft_key: str, operator: str) -> Note:
    """Store ``note`` (new, or a change of a saved one) and drop its draft; returns it stored.

    A new note whose draft was saved before (the app died before the draft was removed,
    and the operator edited on) becomes a change of that note, not a second note.
    """
    if note.id is None:
        earlier = notes.note_by_draft(draft_key)
        if earlier is not None:
            stored = notes.update_note(
                replace(
                    note,
                    id=earlier.id,
                    revision=earlier.revision,
                    operator=earlier.operator,
                    draft_key=earlier.draft_key,
                ),
                operator,
            )
        else:
            stored = notes.add_note(replace(note, draft_key=draft_key))
    else:
        stored = notes.update_note(note, operator)
    if notes.drafts is not None:
        notes.drafts.discard(draft_key)
    return stored
