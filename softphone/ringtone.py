"""The ring an incoming call makes: a soft two-tone chime, looped on a chosen device.

The ringer may use another device than the headset (desk speakers), so it has its own
output stream. The pattern is generated with numpy once; the PortAudio callback only
copies slices of it. Without a usable device the ringer runs in null mode and says why,
like the audio bridge.
"""

from __future__ import annotations

import threading
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from appenv import logs
from softphone.audio_devices import Device, portaudio, stream_closed, stream_opened

log = logs.get("softphone")

RingerMode = Literal["audio", "null", "stopped"]

#: "ding" and "dong": E5 and C♯5, a major third apart, soft rather than shrill.
DING_HZ = 659.25
DONG_HZ = 554.37


def _chime(freq: float, seconds: float, rate: int) -> npt.NDArray[np.float64]:
    """One bell-like note: fundamental plus two quiet partials, quick attack, slow decay."""
    t = np.arange(int(seconds * rate)) / rate
    tone = (
        np.sin(2 * np.pi * freq * t)
        + 0.35 * np.sin(2 * np.pi * 2 * freq * t)
        + 0.12 * np.sin(2 * np.pi * 3 * freq * t)
    ) / 1.47
    attack = np.minimum(1.0, t / 0.012)
    decay = np.exp(-t / (seconds / 3.0))
    release = np.minimum(1.0, (seconds - t) / 0.03)  # no click at the end
    result: npt.NDArray[np.float64] = tone * attack * decay * release
    return result


def ring_pattern(sample_rate: int = 48000, volume: float = 0.3) -> bytes:
    """One cycle (3.6 s): ding-dong, ding-dong, pause — mono s16 little-endian."""
    if not 0.0 <= volume <= 1.0:
        raise ValueError(f"volume must be between 0 and 1, got {volume}")
    rate = sample_rate
    parts = [
        _chime(DING_HZ, 0.35, rate),
        _chime(DONG_HZ, 0.55, rate),
        np.zeros(int(0.2 * rate)),
        _chime(DING_HZ, 0.35, rate),
        _chime(DONG_HZ, 0.55, rate),
        np.zeros(int(1.6 * rate)),
    ]
    signal = np.concatenate(parts) * volume * 32767.0
    return signal.astype("<i2").tobytes()


class Ringer:
    """Loops :func:`ring_pattern` on ``device`` while started; never blocks the caller."""

    def __init__(self, device: Device, sample_rate: int = 48000, volume: float = 0.3) -> None:
        self.device = device
        self.sample_rate = sample_rate
        self._pattern = ring_pattern(sample_rate, volume)
        self._position = 0
        self._stream: Any = None
        self._lock = threading.Lock()
        self._mode: RingerMode = "stopped"
        self._reason: str | None = "not started"

    @property
    def mode(self) -> RingerMode:
        return self._mode

    @property
    def reason(self) -> str | None:
        return self._reason

    @property
    def ringing(self) -> bool:
        return self._mode == "audio"

    def start(self) -> None:
        """Start ringing from the top of the pattern; a second call changes nothing."""
        with self._lock:
            if self._mode != "stopped":
                return
            self._position = 0
            sd, error = portaudio()
            if sd is None:
                self._enter_null(error or "PortAudio is not available")
                return
            try:
                stream = sd.RawOutputStream(
                    device=self.device,
                    samplerate=self.sample_rate,
                    channels=1,
                    dtype="int16",
                    latency="high",  # nothing waits for a ring tone; spare the CPU
                    callback=self._on_output,
                )
            except Exception as exc:  # PortAudioError, ValueError (no such device), ...
                self._enter_null(f"cannot open ring device: {exc}")
                return
            stream_opened()
            self._stream = stream
            try:
                stream.start()
            except Exception as exc:
                self._close()
                self._enter_null(f"cannot start ring device: {exc}")
                return
            self._mode = "audio"
            self._reason = None

    def _enter_null(self, reason: str) -> None:
        self._mode = "null"
        self._reason = reason
        log.warning("ringer in null mode: %s", reason)

    def stop(self) -> None:
        """Stop at once; safe to call twice and before start."""
        with self._lock:
            self._close()
            self._mode = "stopped"
            self._reason = "stopped"

    def _close(self) -> None:
        stream, self._stream = self._stream, None
        if stream is None:
            return
        try:
            stream.abort(ignore_errors=True)
            stream.close(ignore_errors=True)
        except Exception as exc:  # PortAudio may already be terminated at exit
            log.debug("closing ring stream failed: %s", exc)
        finally:
            stream_closed()

    def _on_output(self, outdata: Any, frames: int, _time: Any, status: Any) -> None:
        pattern, size = self._pattern, len(outdata)
        start = self._position
        end = start + size
        if end <= len(pattern):
            outdata[:] = pattern[start:end]
        else:  # wrap around to the start of the pattern
            end -= len(pattern)
            outdata[:] = pattern[start:] + pattern[:end]
        self._position = end
