"""Why a database cannot be opened, said so that the operator knows what to do.

Each is a :class:`~appenv.errors.UserError`: the window shows the message calmly, the
command line prints it as one line; ``detail`` (the path, SQLite's own words) goes to the
log. Errors of single requests (a number taken twice, …) stay in :mod:`clients.errors`.
"""

from __future__ import annotations

from pathlib import Path

from appenv.errors import UserError


class StoreUnavailable(UserError):
    """The database cannot be used at all; nothing was changed in it."""

    def __init__(self, message: str, path: Path | None, *, detail: str = "") -> None:
        super().__init__(message, detail=detail or str(path))
        self.path = path


class StoreLocked(StoreUnavailable):
    def __init__(self, path: Path | None, detail: str = "") -> None:
        super().__init__(
            f"The database {path} is locked by another program (another Vorzimmer or a "
            "report job). Wait a moment and try again; if it stays locked, close the other "
            "Vorzimmer or restart the computer.",
            path,
            detail=detail,
        )


class SchemaTooNew(StoreUnavailable):
    def __init__(self, path: Path | None, found: int, known: int) -> None:
        super().__init__(
            f"The database {path} was written by a newer Vorzimmer (schema {found}, this "
            f"version knows {known}). Please update Vorzimmer; the database was left unchanged.",
            path,
            detail=f"user_version {found} > {known}",
        )
        self.found = found
        self.known = known


class DiskFull(StoreUnavailable):
    def __init__(self, path: Path | None, detail: str = "") -> None:
        super().__init__(
            f"The disk holding {path} is full. Free some space (or ask your administrator), "
            "then start Vorzimmer again; nothing was lost.",
            path,
            detail=detail,
        )


class StoreReadOnly(StoreUnavailable):
    def __init__(self, path: Path | None, detail: str = "") -> None:
        super().__init__(
            f"Vorzimmer may not write to {path} or its folder. Give your user write "
            "permission there (or choose another data folder with --home).",
            path,
            detail=detail,
        )


class NotADatabase(StoreUnavailable):
    def __init__(self, path: Path | None, detail: str = "") -> None:
        super().__init__(
            f"{path} is not a Vorzimmer database (the file is damaged or something else). "
            "Move it aside and restore the latest backup (the .bak files next to it).",
            path,
            detail=detail,
        )
