"""Engine errors in words a secretary understands: what is wrong, what to do.

The engine's own text ("cannot ring: cannot open ring device: Error querying device -1") is
for the log only. The sentence is chosen by ``EngineError.kind`` (``softphone`` ErrorKind,
a StrEnum, so its values compare equal to the strings below); an error without a kind —
an older engine — reads as a failed command.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QCoreApplication

from appenv import logs

log = logs.get("ui")


class EngineErrorLike(Protocol):
    """What this module needs of ``softphone.events.EngineError``."""

    @property
    def message(self) -> str: ...

    @property
    def command(self) -> str: ...


def _sentences() -> dict[str, str]:
    return {
        "ring_device": QCoreApplication.translate(
            "EngineMessages",
            "The ringing device cannot be used, so calls ring on the screen only. "
            "Choose another ringing device in Settings.",
        ),
        "audio_device": QCoreApplication.translate(
            "EngineMessages",
            "The headset or microphone cannot be used. Check that it is plugged in and "
            "chosen in Settings; until then calls have no sound.",
        ),
        "sip_transport": QCoreApplication.translate(
            "EngineMessages",
            "The phone cannot receive calls: its network port is in use or its address is "
            "wrong. Close other phone programs or choose another port in Settings.",
        ),
        "call": QCoreApplication.translate(
            "EngineMessages",
            "The phone could not do that with this call just now. Please try again in a moment.",
        ),
        "command": QCoreApplication.translate(
            "EngineMessages",
            "The phone did not carry out the last action. Please try again; if it happens "
            "again, tell your administrator.",
        ),
    }


def describe(error: EngineErrorLike) -> str:
    """The operator's sentence for *error*; the engine's text goes to the log."""
    kind = str(getattr(error, "kind", "") or "command")
    log.info("engine error (%s) on %r: %s", kind, error.command, error.message)
    sentences = _sentences()
    return sentences.get(kind, sentences["command"])
