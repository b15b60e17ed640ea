"""Unsaved notes, kept as they are typed so that a crash or ``kill -9`` loses nothing.

One small JSON file per open note in the drafts folder, written atomically (temporary
file, ``fsync``, ``rename``, ``fsync`` of the folder): after a crash each file holds
either the previous or the new state, never half of one. Files rather than database rows
because a draft must survive what the database may not offer at that moment: a write
lock held by the report job, a lost connection to a shared PostgreSQL server.

A draft whose content was saved already (the app died between saving the note and
removing the draft) is recognised by its key and dropped by
:func:`notes.recovery.recover_drafts`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import uuid
from dataclasses import dataclass
from pathlib import Path

from appenv import logs
from appenv.files import atomic_write, remove_durably
from appenv.times import from_db, to_db
from notes.model import Note, note_from_dict, note_to_dict

log = logs.get("notes")

_PREFIX = "note-draft-"


def new_key() -> str:
    return uuid.uuid4().hex


@dataclass(frozen=True, kw_only=True)
class Draft:
    """The state of one note form. ``note.id`` is set when a saved note is being edited;
    ``note.revision`` is then the revision the edit started from."""

    key: str
    note: Note
    saved_at: dt.datetime

    def __post_init__(self) -> None:
        if not self.key.isalnum():
            raise ValueError(f"draft key must be alphanumeric, got {self.key!r}")


class DraftBox:
    """The drafts folder of one seat (``AppPaths.drafts``)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, key: str) -> Path:
        return self.folder / f"{_PREFIX}{key}.json"

    def save(self, draft: Draft) -> None:
        """Write durably: when this returns, the draft survives a crash or power loss."""
        self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        data = {
            "key": draft.key,
            "saved_at": to_db(draft.saved_at),
            "note": note_to_dict(draft.note),
        }
        payload = json.dumps(data, ensure_ascii=False, indent=1)
        atomic_write(self._path(draft.key), payload)

    def discard(self, key: str) -> None:
        remove_durably(self._path(key))

    def load(self, key: str) -> Draft | None:
        path = self._path(key)
        return self._read(path) if path.exists() else None

    def _read(self, path: Path) -> Draft | None:
        try:
            data = json.loads(path.read_text("utf-8"))
            return Draft(
                key=data["key"],
                note=note_from_dict(data["note"]),
                saved_at=from_db(data["saved_at"]),
            )
        except (OSError, ValueError, KeyError, TypeError) as exc:
            # keep the bytes for a human; never delete what might be someone's message
            aside = path.with_suffix(".unreadable")
            log.warning("draft %s is unreadable (%s); kept as %s", path.name, exc, aside.name)
            with contextlib.suppress(OSError):
                path.replace(aside)
            return None

    def all(self) -> list[Draft]:
        """Every readable draft, oldest first."""
        if not self.folder.is_dir():
            return []
        drafts = [self._read(p) for p in sorted(self.folder.glob(f"{_PREFIX}*.json"))]
        found = [d for d in drafts if d is not None]
        found.sort(key=lambda d: d.saved_at)
        return found
