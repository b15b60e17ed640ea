"""The phone's state in the status bar: registration, audio device, engine."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel, QStatusBar

from softphone import events as ev
from softphone.states import AudioMode, RegStatus

_COLOURS = {
    RegStatus.REGISTERED: "#2e7d32",
    RegStatus.FAILED: "#c62828",
    RegStatus.UNREACHABLE: "#c62828",
}


class PhoneStatus(QObject):
    """Three permanent labels in the window's status bar; the adapter's signals feed them."""

    def __init__(self, bar: QStatusBar) -> None:
        super().__init__(bar)
        self.registration = QLabel(self.tr("Local mode"))
        self.registration.setObjectName("registration")
        self.audio = QLabel()
        self.audio.setObjectName("audio")
        self.engine = QLabel(self.tr("Starting phone…"))
        self.engine.setObjectName("engine")
        for label in (self.registration, self.audio, self.engine):
            bar.addPermanentWidget(label)

    def on_registration(self, state: ev.RegistrationState) -> None:
        texts = {
            RegStatus.REGISTERING: self.tr("Registering {0}…"),
            RegStatus.REGISTERED: self.tr("● Registered as {0}"),
            RegStatus.FAILED: self.tr("✖ Registration of {0} failed"),
            RegStatus.UNREACHABLE: self.tr("✖ Registrar unreachable ({0})"),
            RegStatus.UNREGISTERED: self.tr("Local mode"),
        }
        text = texts.get(state.state, str(state.state)).format(state.account)
        if state.state == RegStatus.FAILED and state.code:
            text += f" — {state.code} {state.reason}"
        self.registration.setText(text)
        colour = _COLOURS.get(state.state, "palette(text)")
        self.registration.setStyleSheet(f"color:{colour}")

    def on_audio(self, status: ev.AudioStatus | ev.EngineReady) -> None:
        mode = status.audio_mode if isinstance(status, ev.EngineReady) else status.mode
        reason = status.audio_reason if isinstance(status, ev.EngineReady) else status.reason
        if mode == AudioMode.NULL:
            self.audio.setText(self.tr("No audio device"))
            self.audio.setToolTip(reason)
        else:
            self.audio.setText(self.tr("Audio ready"))
            self.audio.setToolTip("")

    def on_engine_state(self, state: str, detail: str) -> None:
        texts = {
            "running": self.tr("Phone ready: {0}"),
            "restarting": self.tr("Phone restarting ({0})…"),
            "stopped": self.tr("Phone stopped"),
        }
        self.engine.setText(texts.get(state, state).format(detail))
