"""The sound devices PortAudio sees, and the one sounddevice import behind them.

Kept apart from the bridge so the settings dialog can list devices without the bridge,
and so a device rescan knows whether a stream (bridge or ringer) is open.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from types import ModuleType

Device = str | int | None

_lock = threading.Lock()
_sd_module: ModuleType | None = None
_sd_error: str | None = None
_open_streams = 0


def portaudio() -> tuple[ModuleType | None, str | None]:
    """sounddevice, imported once, or why it cannot be: PortAudio missing is an answer."""
    global _sd_module, _sd_error
    with _lock:
        if _sd_module is None and _sd_error is None:
            try:
                import sounddevice

                _sd_module = sounddevice
            except (OSError, ImportError) as exc:  # libportaudio2 missing -> OSError
                _sd_error = f"PortAudio is not available: {exc}"
        return _sd_module, _sd_error


def stream_opened() -> None:
    """Book-keeping so that a device rescan never pulls PortAudio from under a stream."""
    global _open_streams
    with _lock:
        _open_streams += 1


def stream_closed() -> None:
    global _open_streams
    with _lock:
        _open_streams = max(0, _open_streams - 1)


@dataclass(frozen=True)
class AudioDevice:
    """One PortAudio device as the settings dialog shows it."""

    index: int
    name: str
    hostapi: str
    max_input_channels: int
    max_output_channels: int
    default_samplerate: float
    is_default_input: bool
    is_default_output: bool

    @property
    def is_default(self) -> bool:
        return self.is_default_input or self.is_default_output


@dataclass(frozen=True)
class DeviceList:
    """The devices found, and why the list is empty when it is."""

    devices: tuple[AudioDevice, ...]
    reason: str | None = None


def list_devices(rescan: bool = False) -> list[AudioDevice]:
    """All devices PortAudio sees; never raises (see :func:`scan_devices` for the reason)."""
    return list(scan_devices(rescan).devices)


def scan_devices(rescan: bool = False) -> DeviceList:
    """Enumerate devices; ``rescan`` re-initialises PortAudio to see newly plugged ones.

    PortAudio enumerates devices once, when it is initialised (at the first import of
    sounddevice), so a headset plugged in later, or ``PULSE_SERVER`` set later, stays
    invisible until a rescan. A rescan is refused while a stream is open.
    """
    sd, error = portaudio()
    if sd is None:
        return DeviceList((), error)
    try:
        if rescan:
            with _lock:
                if _open_streams:
                    return DeviceList(_devices(sd), "rescan refused: an audio stream is open")
                sd._terminate()
                sd._initialize()
        devices = _devices(sd)
    except Exception as exc:  # PortAudio errors surface as several exception types
        return DeviceList((), f"listing audio devices failed: {exc}")
    return DeviceList(devices, None if devices else "no audio devices found")


def _devices(sd: ModuleType) -> tuple[AudioDevice, ...]:
    default_in, default_out = _default_indices(sd)
    result = []
    for info in sd.query_devices():
        index = int(info["index"])
        result.append(
            AudioDevice(
                index=index,
                name=str(info["name"]),
                hostapi=str(sd.query_hostapis(info["hostapi"])["name"]),
                max_input_channels=int(info["max_input_channels"]),
                max_output_channels=int(info["max_output_channels"]),
                default_samplerate=float(info["default_samplerate"]),
                is_default_input=index == default_in,
                is_default_output=index == default_out,
            )
        )
    return tuple(result)


def _default_indices(sd: ModuleType) -> tuple[int, int]:
    def one(kind: str) -> int:
        try:
            return int(sd.query_devices(kind=kind)["index"])
        except Exception:  # no default device of that kind
            return -1

    return one("input"), one("output")
