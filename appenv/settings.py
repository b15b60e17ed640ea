"""Every user setting and environment switch, declared once: key, type, default, title.

Values live in ``settings.json`` in the home folder; unknown keys are kept (a newer
version's settings survive a downgrade), values of the wrong type fall back to the
default with a warning. Window geometry is not a setting and lives in QSettings.
Passwords are never settings: they go to :mod:`appenv.secrets`.

Titles are English source text marked with :func:`QT_TRANSLATE_NOOP` (context
``"Settings"``) so that lupdate puts them into the catalogue; the UI translates them when it
shows them (``QCoreApplication.translate("Settings", setting.title)``). The settings dialogs
are built from these declarations (``ui/settings_form.py``). Who must react to a change
subscribes with :meth:`Settings.subscribe` and is told which keys changed.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from appenv import logs
from appenv.files import atomic_write

log = logs.get("app")


# named like Qt's marker because lupdate recognises a call by this name only
def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks *text* for lupdate under *context*; returns it untranslated (no Qt needed here)."""
    return text


class Section(StrEnum):
    """Which box of which dialog a setting appears in (value: its English title)."""

    OPERATOR = QT_TRANSLATE_NOOP("Settings", "Operator")
    ACCOUNT = QT_TRANSLATE_NOOP("Settings", "SIP account")
    AUDIO = QT_TRANSLATE_NOOP("Settings", "Audio")
    MAIL = QT_TRANSLATE_NOOP("Settings", "Mail server for reports")
    OFFICE = QT_TRANSLATE_NOOP("Settings", "Office database")
    HIDDEN = ""  # not shown in a dialog (set by an administrator or a test)


class Widget(StrEnum):
    """How a dialog edits a value when the type alone does not say it."""

    AUTO = "auto"  # str → line, int → spin box, bool → check box, choices → combo box
    INPUT_DEVICE = "input-device"  # combo box filled with the audio devices found
    OUTPUT_DEVICE = "output-device"


@dataclass(frozen=True)
class Choice:
    value: Any
    title: str  # English source in the Settings context; ``literal`` titles stay as they are
    literal: bool = False  # e.g. a language's own name ("Deutsch")


@dataclass(frozen=True)
class Setting:
    key: str
    type: type
    default: Any
    title: str
    section: Section = Section.HIDDEN
    choices: tuple[Choice, ...] = ()
    placeholder: str = ""
    hint: str = ""  # shown under the editor: what the value means, when to change it
    minimum: int = 0
    maximum: int = 0
    widget: Widget = Widget.AUTO

    def accepts(self, value: Any) -> bool:
        """Right type (a bool is no int here) and, when choices are declared, one of them."""
        if isinstance(value, bool) != (self.type is bool) or not isinstance(value, self.type):
            return False
        if self.choices and value not in {c.value for c in self.choices}:
            return False
        if isinstance(value, int) and self.maximum:
            return self.minimum <= value <= self.maximum
        return True


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "operator.name",
        str,
        "Frau Weber",
        QT_TRANSLATE_NOOP("Settings", "Name in greetings"),
        Section.OPERATOR,
    ),
    Setting(
        "ui.language",
        str,
        "de",
        QT_TRANSLATE_NOOP("Settings", "Language"),
        Section.OPERATOR,
        choices=(Choice("de", "Deutsch", literal=True), Choice("en", "English", literal=True)),
    ),
    Setting(
        "sip.registrar",
        str,
        "",
        QT_TRANSLATE_NOOP("Settings", "Registrar"),
        Section.ACCOUNT,
        placeholder=QT_TRANSLATE_NOOP("Settings", "e.g. sip.example.com:5060 — empty: local mode"),
    ),
    Setting("sip.username", str, "", QT_TRANSLATE_NOOP("Settings", "User name"), Section.ACCOUNT),
    Setting(
        "sip.transport",
        str,
        "udp",
        QT_TRANSLATE_NOOP("Settings", "Transport"),
        Section.ACCOUNT,
        choices=(Choice("udp", "UDP", literal=True), Choice("tcp", "TCP", literal=True)),
    ),
    Setting(
        "sip.local_port",
        int,
        5070,
        QT_TRANSLATE_NOOP("Settings", "Local SIP port"),
        Section.ACCOUNT,
        minimum=1024,
        maximum=65535,
    ),
    Setting(
        "sip.bind_address",
        str,
        "0.0.0.0",
        QT_TRANSLATE_NOOP("Settings", "Local SIP address"),
        Section.ACCOUNT,
        hint=QT_TRANSLATE_NOOP(
            "Settings",
            "0.0.0.0 listens on all network interfaces: needed in local mode, where desk "
            "phones call this seat directly. With a SIP account, enter this computer's "
            "address towards the provider so nothing else can reach the phone.",
        ),
    ),
    Setting(
        "audio.input",
        str,
        "",
        QT_TRANSLATE_NOOP("Settings", "Microphone"),
        Section.AUDIO,
        widget=Widget.INPUT_DEVICE,
    ),
    Setting(
        "audio.output",
        str,
        "",
        QT_TRANSLATE_NOOP("Settings", "Speaker / headset"),
        Section.AUDIO,
        widget=Widget.OUTPUT_DEVICE,
    ),
    Setting(
        "audio.ringer",
        str,
        "",
        QT_TRANSLATE_NOOP("Settings", "Ringing device"),
        Section.AUDIO,
        widget=Widget.OUTPUT_DEVICE,
    ),
    Setting(
        "smtp.host",
        str,
        "",
        QT_TRANSLATE_NOOP("Settings", "Server"),
        Section.MAIL,
        placeholder=QT_TRANSLATE_NOOP("Settings", "e.g. mail.example.com — empty: outbox folder"),
    ),
    Setting(
        "smtp.port",
        int,
        587,
        QT_TRANSLATE_NOOP("Settings", "Port"),
        Section.MAIL,
        minimum=1,
        maximum=65535,
    ),
    Setting(
        "smtp.security",
        str,
        "starttls",
        QT_TRANSLATE_NOOP("Settings", "Security"),
        Section.MAIL,
        choices=(
            Choice("starttls", QT_TRANSLATE_NOOP("Settings", "STARTTLS")),
            Choice("ssl", QT_TRANSLATE_NOOP("Settings", "SSL/TLS")),
            Choice("none", QT_TRANSLATE_NOOP("Settings", "None (unencrypted)")),
        ),
    ),
    Setting("smtp.username", str, "", QT_TRANSLATE_NOOP("Settings", "User name"), Section.MAIL),
    Setting(
        "smtp.from_addr",
        str,
        "",
        QT_TRANSLATE_NOOP("Settings", "Sender address"),
        Section.MAIL,
        placeholder=QT_TRANSLATE_NOOP("Settings", "e.g. telefonservice@example.com"),
    ),
    Setting(
        "smtp.cafile",
        str,
        "",
        QT_TRANSLATE_NOOP("Settings", "Trusted certificate"),
        Section.MAIL,
        placeholder=QT_TRANSLATE_NOOP("Settings", "optional: PEM file of a self-signed server"),
    ),
    Setting(
        "reports.send_automatically",
        bool,
        True,
        QT_TRANSLATE_NOOP("Settings", "Send daily reports automatically at each report time"),
        Section.MAIL,
    ),
    DATABASE_URL := Setting(
        "database.url",
        str,
        "",
        QT_TRANSLATE_NOOP("Settings", "Office database"),
        Section.OFFICE,  # or ``--database``; empty: this seat's own file
        placeholder="postgresql://seat@office-server/vorzimmer",
        hint=QT_TRANSLATE_NOOP(
            "Settings",
            "Without the password (that goes to the system keyring). A seat's own data "
            "moves there with 'vorzimmer migrate --to ADDRESS'.",
        ),
    ),
    SEAT_ID := Setting(
        "seat.id",
        str,
        "",
        QT_TRANSLATE_NOOP("Settings", "Seat"),
        Section.HIDDEN,  # made on first use (office/seat_identity.py): this seat's stable id
    ),
)
_BY_KEY = {s.key: s for s in SETTINGS}

# Who must react when these change (the engine gets them as start arguments).
ENGINE_KEYS = frozenset(
    {"audio.input", "audio.output", "audio.ringer", "sip.local_port", "sip.bind_address"}
)
ACCOUNT_KEYS = frozenset({"sip.registrar", "sip.username", "sip.transport"})


def declared(key: str) -> Setting:
    """The declaration of *key*; a misspelt key is a KeyError at once, not a silent default."""
    return _BY_KEY[key]


def in_section(section: Section) -> tuple[Setting, ...]:
    return tuple(s for s in SETTINGS if s.section == section)


# ---- environment switches (for tests, benchmarks and portable installs) ---------------------


@dataclass(frozen=True)
class EnvSwitch:
    name: str
    description: str  # for the README and --help; not shown in the UI

    def value(self) -> str:
        return os.environ.get(self.name, "")

    def is_on(self) -> bool:
        return self.value() not in ("", "0", "false", "no")


HOME_SWITCH = EnvSwitch(
    "VORZIMMER_HOME", "data folder (database, logs, outbox, settings); --home wins over it"
)
NULL_AUDIO = EnvSwitch(
    "VORZIMMER_NULL_AUDIO", "run the phone engine without sound devices (tests, servers)"
)
STARTUP_PROBE = EnvSwitch(
    "VORZIMMER_STARTUP_PROBE", "print start-up timestamps on stderr (benchmarks/bench_startup.py)"
)
ENV_SWITCHES: tuple[EnvSwitch, ...] = (HOME_SWITCH, NULL_AUDIO, STARTUP_PROBE)


# ---- the values -----------------------------------------------------------------------------

Listener = Callable[[frozenset[str]], None]


class Settings:
    """The operator's settings file; :meth:`update` saves and tells listeners what changed."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._values: dict[str, Any] = {}
        self._listeners: list[Listener] = []
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
        if not setting.accepts(value):
            log.warning("setting %s has a value it does not accept %r; using default", key, value)
            return setting.default
        return value

    def set(self, key: str, value: Any) -> bool:
        """Change one value in memory; True when it differs from before. Nobody is told yet."""
        setting = _BY_KEY[key]
        if not setting.accepts(value):
            raise TypeError(f"{key} does not accept {value!r} ({setting.type.__name__})")
        changed: bool = self.get(key) != value
        self._values[key] = value
        return changed

    def update(self, values: Mapping[str, Any]) -> frozenset[str]:
        """Set, save and announce: listeners get the keys whose value really changed."""
        changed = frozenset(key for key, value in values.items() if self.set(key, value))
        self.save()
        if changed:
            self.announce(changed)
        return changed

    def subscribe(self, listener: Listener) -> None:
        """*listener(keys)* runs after every :meth:`update` that changed something."""
        self._listeners.append(listener)

    def announce(self, keys: Iterable[str]) -> None:
        changed = frozenset(keys)
        for listener in list(self._listeners):
            listener(changed)

    def save(self) -> None:
        """Write atomically: a crash or a full disk never leaves a half-written file."""
        atomic_write(self.path, json.dumps(self._values, indent=2, sort_keys=True))
