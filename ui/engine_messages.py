"""Engine errors in words a secretary understands: what is wrong, what to do.

The engine's own text ("cannot ring: cannot open ring device: Error querying device -1") is
for the log only. The sentence is chosen by ``EngineError.kind``.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from appenv import logs
from softphone.events import EngineError, ErrorKind

log = logs.get("ui")


def _sentences() -> dict[ErrorKind, str]:
    return {
        ErrorKind.RING_DEVICE: QCoreApplication.translate(
            "EngineMessages",
            "The ringing device cannot be used, so calls ring on the screen only. "
            "Choose another ringing device in Settings.",
        ),
        ErrorKind.AUDIO_DEVICE: QCoreApplication.translate(
            "EngineMessages",
            "The headset or microphone cannot be used. Check that it is plugged in and "
            "chosen in Settings; until then calls have no sound.",
        ),
        ErrorKind.SIP_TRANSPORT: QCoreApplication.translate(
            "EngineMessages",
            "The phone cannot receive calls: its network port is in use or its address is "
            "wrong. Close other phone programs or choose another port in Settings.",
        ),
        ErrorKind.CALL: QCoreApplication.translate(
            "EngineMessages",
            "The phone could not do that with this call just now. Please try again in a moment.",
        ),
        ErrorKind.COMMAND: QCoreApplication.translate(
            "EngineMessages",
            "The phone did not carry out the last action. Please try again; if it happens "
            "again, tell your administrator.",
        ),
    }


def describe(error: EngineError) -> str:
    """The operator's sentence for *error*; the engine's text goes to the log."""
    log.info("engine error (%s) on %r: %s", error.kind, error.command, error.message)
    return _sentences()[error.kind]
