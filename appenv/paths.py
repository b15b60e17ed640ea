"""Where Vorzimmer keeps its files.

One home folder holds everything (database, logs, outbox, settings) so that a test, a
second instance or a portable install can point the whole app elsewhere with
``--home DIR`` or ``VORZIMMER_HOME``. The folder and everything in it is the operator's
alone (0700 / 0600, see appenv.permissions).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from appenv.permissions import make_private_dir
from appenv.settings import HOME_SWITCH

HOME_ENV = HOME_SWITCH.name  # declared with the other environment switches


@dataclass(frozen=True)
class AppPaths:
    home: Path

    @property
    def database(self) -> Path:
        return self.home / "vorzimmer.sqlite3"

    @property
    def settings_file(self) -> Path:
        return self.home / "settings.json"

    @property
    def logs(self) -> Path:
        return self.home / "logs"

    @property
    def outbox(self) -> Path:
        return self.home / "outbox"

    @property
    def calendars(self) -> Path:
        return self.home / "calendars"

    @property
    def drafts(self) -> Path:
        return self.home / "drafts"

    @property
    def reports(self) -> Path:
        return self.home / "reports"

    @property
    def instance_lock(self) -> Path:
        """Held (``flock``) by the process that owns this folder: see appenv.instance_lock."""
        return self.home / "vorzimmer.lock"

    def ensure(self) -> AppPaths:
        """Create the folders owner-only (0700), whatever the umask."""
        folders = (self.home, self.logs, self.outbox, self.calendars, self.drafts, self.reports)
        for folder in folders:
            make_private_dir(folder)
        return self


def resolve_home(explicit: str | os.PathLike[str] | None = None) -> AppPaths:
    """``--home`` wins over ``VORZIMMER_HOME``, which wins over the platform's data dir."""
    if explicit:
        home = Path(explicit)
    elif os.environ.get(HOME_ENV):
        home = Path(os.environ[HOME_ENV])
    else:
        home = Path(platformdirs.user_data_dir("vorzimmer", "Vorzimmer"))
    return AppPaths(home.expanduser().resolve())
