"""Every user setting, declared once: key, type, default and a translatable title.

Values live in ``settings.json`` in the home folder; unknown keys are kept (a newer
version's settings survive a downgrade), values of the wrong type fall back to the
default with a warning. Window geometry is not a setting and lives in QSettings.
Passwords are never settings: they go to :mod:`appenv.secrets`.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from appenv import logs

log = logs.get("app")


def translatable(text: str) -> str:
    """Marks a string for translation where it is declared; the UI translates it when shown."""
    return text


@dataclass(frozen=True)
class Setting:
    key: str
    type: type
    default: Any
    title: str


SETTINGS: tuple[Setting, ...] = (
    Setting("operator.name", str, "Frau Weber", translatable("Operator name (used in greetings)")),
    Setting("ui.language", str, "de", translatable("Language of the user interface")),
    Setting("sip.local_port", int, 5070, translatable("Local SIP port (local mode)")),
    Setting("sip.bind_address", str, "0.0.0.0", translatable("Local SIP address")),
    Setting("sip.registrar", str, "", translatable("SIP registrar (host[:port])")),
    Setting("sip.username", str, "", translatable("SIP user name")),
    Setting("sip.transport", str, "udp", translatable("SIP transport (udp, tcp)")),
    Setting("audio.input", str, "", translatable("Microphone")),
    Setting("audio.output", str, "", translatable("Speaker / headset")),
    Setting("audio.ringer", str, "", translatable("Ringing device")),
    Setting("smtp.host", str, "", translatable("Mail server (empty: reports go to the outbox)")),
    Setting("smtp.port", int, 587, translatable("Mail server port")),
    Setting("smtp.security", str, "starttls", translatable("Mail security (starttls, ssl, none)")),
    Setting("smtp.username", str, "", translatable("Mail user name")),
    Setting("smtp.from_addr", str, "", translatable("Sender address of reports")),
    Setting("smtp.cafile", str, "", translatable("Extra trusted mail server certificate (PEM)")),
    Setting(
        "reports.send_automatically", bool, True, translatable("Send daily reports automatically")
    ),
)
_BY_KEY = {s.key: s for s in SETTINGS}


class Settings:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._values: dict[str, Any] = {}
        if path.exists():
            try:
                loaded = json.loads(path.read_text(encoding="utf-8"))
                if isinstance(loaded, dict):
                    self._values = loaded
            except (OSError, ValueError) as exc:
                log.warning("settings file %s unreadable (%s); using defaults", path, exc)

    def get(self, key: str) -> Any:
        setting = _BY_KEY[key]
        value = self._values.get(key, setting.default)
        if not isinstance(value, setting.type):
            log.warning("setting %s has wrong type %r; using default", key, value)
            return setting.default
        return value

    def set(self, key: str, value: Any) -> None:
        setting = _BY_KEY[key]
        if not isinstance(value, setting.type):
            raise TypeError(f"{key} expects {setting.type.__name__}, got {value!r}")
        self._values[key] = value

    def save(self) -> None:
        """Write atomically: a crash or a full disk never leaves a half-written file."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".settings-")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(self._values, fh, indent=2, sort_keys=True)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
