"""Moves 20 ms PCM frames between pjsua2's media clock and the sound card.

The pjsua2 wheel has no sound-device layer: the engine's ``AudioMediaPort`` hands every
frame it receives to :meth:`AudioBridge.write_speaker_frame` and asks
:meth:`AudioBridge.read_mic_frame` for every frame it sends. Both run on pj's media clock
thread; the sound card runs on PortAudio's threads with its own clock. Two small queues
decouple the clocks: they stay short (``buffer_ms``) so the bridge adds little latency,
drop the oldest frame when they overflow and fill gaps with silence.

Separate input and output streams are used on purpose: one duplex stream burned a whole
core in PortAudio's ALSA thread on the reference machine.

When no audio device can be used (PortAudio missing, no device, opening fails) the
bridge runs in *null mode*: reads return silence, writes are dropped, and ``reason`` says
why so the UI can show it. Nothing here imports pjsua2 or Qt.
"""

from __future__ import annotations

import collections
import threading
import time
from dataclasses import dataclass
from types import ModuleType
from typing import Any, Literal

from appenv import logs
from softphone.audio_devices import (
    Device,
    portaudio,
    stream_closed,
    stream_opened,
)
from softphone.resampler import Resampler

log = logs.get("softphone")

Mode = Literal["audio", "null", "stopped"]

#: A gap of up to this many empty output callbacks between two frames counts as underruns;
#: a longer one means the far end was silent on purpose (no call, pj not sending), and
#: the gap after the last frame is not counted until audio resumes.
_IDLE_AFTER_EMPTY = 10
#: Weight of the newest sample in the queue-fill averages behind the latency estimate.
_EMA_WEIGHT = 0.05

__all__ = ["AudioBridge", "AudioStats"]


#: Device rates tried, in order, when a device refuses pj's rate; integer multiples only.
FALLBACK_RATES = (48000, 32000)


@dataclass(frozen=True)
class AudioStats:
    """Counters since :meth:`AudioBridge.start`; latencies are estimates in milliseconds."""

    mode: Mode
    frames_in: int  # frames the microphone delivered
    frames_out: int  # frames the speaker played (real audio, not gap filler)
    mic_underruns: int  # read_mic_frame found no frame and returned silence
    mic_overflows: int  # the microphone queue was full: the oldest frame was dropped
    speaker_underruns: int  # the output callback found no frame while a call was talking
    speaker_overflows: int  # write_speaker_frame found the queue full: oldest dropped
    device_xruns: int  # PortAudio reported over-/underflow inside the device or driver
    mic_latency_ms: float  # queue fill + PortAudio input latency
    speaker_latency_ms: float  # queue fill + PortAudio output latency
    input_rate: int = 0  # rate the devices run at (0 in null mode); when it differs
    output_rate: int = 0  # from the bridge's rate, the bridge resamples

    @property
    def overflows(self) -> int:
        return self.mic_overflows + self.speaker_overflows

    @property
    def added_latency_ms(self) -> float:
        """Round trip the bridge adds on top of the network: both directions."""
        return self.mic_latency_ms + self.speaker_latency_ms


class AudioBridge:
    """Two PortAudio streams and two short frame queues between them and pj's clock."""

    def __init__(
        self,
        input_device: Device,
        output_device: Device,
        sample_rate: int = 16000,
        frame_ms: int = 20,
        buffer_ms: int = 40,
        device_rate: int | None = None,
    ) -> None:
        """``device_rate``: run both devices at this rate (a multiple of ``sample_rate``)
        and resample; by default pj's rate is used, or a fallback rate if refused."""
        if device_rate is not None and (device_rate <= 0 or device_rate % sample_rate):
            raise ValueError(f"device_rate {device_rate} is not a multiple of {sample_rate}")
        if sample_rate <= 0 or frame_ms <= 0:
            raise ValueError("sample_rate and frame_ms must be positive")
        if sample_rate * frame_ms % 1000:
            raise ValueError(f"{frame_ms} ms at {sample_rate} Hz is not a whole number of samples")
        if buffer_ms < frame_ms:
            raise ValueError(f"buffer_ms ({buffer_ms}) must hold at least one frame ({frame_ms})")
        self.input_device = input_device
        self.output_device = output_device
        self.sample_rate = sample_rate
        self.frame_ms = frame_ms
        self.buffer_ms = buffer_ms
        self.device_rate = device_rate
        self.frame_samples = sample_rate * frame_ms // 1000
        self.frame_bytes = self.frame_samples * 2  # mono, signed 16 bit
        self._capacity = max(1, buffer_ms // frame_ms)
        self._stale_after = 3 * frame_ms / 1000.0
        self._last_read = 0.0
        self._silence = bytes(self.frame_bytes)
        self._out_silence = self._silence
        # Plain deques: append/popleft are atomic under the GIL, so the PortAudio threads
        # and pj's clock thread share them without a lock. Each queue has one producer,
        # which alone drops the oldest frame when full: every frame is played, read or
        # counted as dropped.
        self._mic: collections.deque[bytes] = collections.deque()
        self._speaker: collections.deque[bytes] = collections.deque()
        self._mic_carry = b""
        self._streams: list[Any] = []
        self._state_lock = threading.Lock()
        self._stopping = False
        self._mode: Mode = "stopped"
        self._reason: str | None = "not started"
        self._reset_counters()

    def _reset_counters(self) -> None:
        # Each counter has one writer thread, so no lock is needed to keep them exact.
        self._frames_in = 0
        self._frames_out = 0
        self._mic_underruns = 0
        self._mic_overflows = 0
        self._speaker_underruns = 0
        self._speaker_overflows = 0
        self._xruns = 0
        self._empty_run = _IDLE_AFTER_EMPTY + 1  # idle until the first speaker frame arrives
        self._last_read = 0.0
        self._mic_fill = 0.0
        self._speaker_fill = 0.0
        self._in_latency = 0.0
        self._out_latency = 0.0
        self._input_rate = 0
        self._output_rate = 0
        self._in_resampler: Resampler | None = None
        self._out_resampler: Resampler | None = None

    # -- state ---------------------------------------------------------------------------

    @property
    def mode(self) -> Mode:
        """``audio`` while both streams run, ``null`` without a usable device."""
        return self._mode

    @property
    def reason(self) -> str | None:
        """Why the bridge is in null mode (or stopped); ``None`` while audio flows."""
        return self._reason

    def start(self) -> None:
        """Open both streams; on any failure fall back to null mode and say why."""
        with self._state_lock:
            if self._mode != "stopped":
                return
            self._reset_counters()
            self._mic.clear()
            self._speaker.clear()
            self._mic_carry = b""
            self._stopping = False
            sd, error = portaudio()
            if sd is None:
                self._enter_null(error or "PortAudio is not available")
                return
            try:
                self._open(sd)
            except Exception as exc:  # PortAudioError, ValueError (no such device), ...
                self._close_streams()
                self._enter_null(f"cannot open audio device: {exc}")
                return
            self._mode = "audio"
            self._reason = None
            log.info(
                "audio bridge running: in=%r out=%r %d Hz, %d ms frames, %d ms buffer",
                self.input_device,
                self.output_device,
                self.sample_rate,
                self.frame_ms,
                self.buffer_ms,
            )

    def _open(self, sd: ModuleType) -> None:
        in_rate = self._pick_rate(sd, self.input_device, sd.check_input_settings)
        out_rate = self._pick_rate(sd, self.output_device, sd.check_output_settings)
        inp = sd.RawInputStream(
            device=self.input_device, callback=self._on_input, **self._settings(in_rate)
        )
        self._streams.append(inp)
        stream_opened()
        out = sd.RawOutputStream(
            device=self.output_device, callback=self._on_output, **self._settings(out_rate)
        )
        self._streams.append(out)
        stream_opened()
        self._input_rate, self._output_rate = in_rate, out_rate
        ratio_in, ratio_out = in_rate // self.sample_rate, out_rate // self.sample_rate
        self._in_resampler = Resampler(ratio_in) if ratio_in > 1 else None
        self._out_resampler = Resampler(ratio_out) if ratio_out > 1 else None
        self._out_silence = bytes(self.frame_bytes * ratio_out)
        self._in_latency = float(inp.latency) * 1000.0
        self._out_latency = float(out.latency) * 1000.0
        out.start()
        inp.start()

    def _settings(self, rate: int) -> dict[str, Any]:
        return {
            "samplerate": rate,
            "blocksize": self.frame_samples * rate // self.sample_rate,
            "channels": 1,
            "dtype": "int16",
            "latency": "low",
            "finished_callback": self._on_finished,
        }

    def _pick_rate(self, sd: ModuleType, device: Device, check: Any) -> int:
        """pj's rate if the device takes it, else the first fallback rate it takes."""
        if self.device_rate is not None:
            return self.device_rate
        fallbacks = [r for r in FALLBACK_RATES if r % self.sample_rate == 0]
        candidates = [self.sample_rate, *(r for r in fallbacks if r != self.sample_rate)]
        first_error: Exception | None = None
        for rate in candidates:
            try:
                check(device=device, samplerate=rate, channels=1, dtype="int16")
                return rate
            except ValueError:  # no such device: no rate will help
                raise
            except Exception as exc:  # PortAudioError: invalid sample rate, ...
                first_error = first_error or exc
        raise first_error or RuntimeError("no usable sample rate")

    def _enter_null(self, reason: str) -> None:
        self._mode = "null"
        self._reason = reason
        log.warning("audio bridge in null mode: %s", reason)

    def stop(self) -> None:
        """Close both streams; safe to call twice, before start, and at interpreter exit."""
        with self._state_lock:
            self._stopping = True
            self._close_streams()
            self._mode = "stopped"
            self._reason = "stopped"
            self._speaker.clear()
            self._mic.clear()

    def _close_streams(self) -> None:
        streams, self._streams = self._streams, []
        for stream in streams:
            try:
                stream.abort(ignore_errors=True)
                stream.close(ignore_errors=True)
            except Exception as exc:  # PortAudio may already be terminated at exit
                log.debug("closing audio stream failed: %s", exc)
            finally:
                stream_closed()

    def __enter__(self) -> AudioBridge:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    # -- pj's media clock thread -----------------------------------------------------------

    def read_mic_frame(self) -> bytes:
        """The oldest microphone frame, or silence when none is there (an underrun).

        After a pause in reading (no call, first read) frames that piled up are stale:
        only the newest is kept, so a call starts with the shortest possible delay.
        """
        mic = self._mic
        now = time.monotonic()
        if now - self._last_read > self._stale_after:
            while len(mic) > 1:
                mic.popleft()
        self._last_read = now
        self._mic_fill += _EMA_WEIGHT * (len(mic) - self._mic_fill)
        try:
            return mic.popleft()
        except IndexError:
            if self._mode == "audio":
                self._mic_underruns += 1
            return self._silence

    def write_speaker_frame(self, data: bytes) -> None:
        """Queue one frame for the speaker; a full queue drops its oldest frame."""
        if len(data) != self.frame_bytes:
            raise ValueError(
                f"speaker frame must be {self.frame_bytes} bytes "
                f"({self.frame_ms} ms at {self.sample_rate} Hz, mono s16), got {len(data)}"
            )
        if self._mode != "audio":
            return
        speaker = self._speaker
        if len(speaker) >= self._capacity:
            try:
                speaker.popleft()  # drop the oldest; counted only if really dropped
                self._speaker_overflows += 1
            except IndexError:  # the output callback took it meanwhile
                pass
        speaker.append(bytes(data))

    # -- PortAudio threads: keep these short, no locks, no logging ------------------------

    def _on_input(self, indata: Any, frames: int, _time: Any, status: Any) -> None:
        if status:
            self._xruns += 1
        data = bytes(indata)
        if self._in_resampler is not None:
            data = self._in_resampler.down(data)
        if len(data) != self.frame_bytes:  # only if a host API ignores the block size
            data = self._mic_carry + data
            whole = len(data) - len(data) % self.frame_bytes
            self._mic_carry = data[whole:]
            for offset in range(0, whole, self.frame_bytes):
                self._push_mic(data[offset : offset + self.frame_bytes])
            return
        self._push_mic(data)

    def _push_mic(self, frame: bytes) -> None:
        mic = self._mic
        if len(mic) >= self._capacity:
            try:
                mic.popleft()
                if time.monotonic() - self._last_read < self._stale_after:
                    self._mic_overflows += 1  # only while someone reads: idle piling is normal
            except IndexError:  # read_mic_frame took it meanwhile
                pass
        mic.append(frame)
        self._frames_in += 1

    def _on_output(self, outdata: Any, frames: int, _time: Any, status: Any) -> None:
        if status:
            self._xruns += 1
        speaker = self._speaker
        self._speaker_fill += _EMA_WEIGHT * (len(speaker) - self._speaker_fill)
        try:
            frame = speaker.popleft()
        except IndexError:
            outdata[:] = (
                self._out_silence
                if len(outdata) == len(self._out_silence)
                else (bytes(len(outdata)))
            )
            self._empty_run += 1
            return
        if self._empty_run <= _IDLE_AFTER_EMPTY:  # a short gap inside the audio: underruns
            self._speaker_underruns += self._empty_run
        if self._out_resampler is not None:
            frame = self._out_resampler.up(frame)
        if len(outdata) == len(frame):
            outdata[:] = frame
        else:  # only if a host API ignores the block size; fit, do not fail
            outdata[:] = frame[: len(outdata)].ljust(len(outdata), b"\0")
        self._empty_run = 0
        self._frames_out += 1

    def _on_finished(self) -> None:
        if not self._stopping and self._mode == "audio":
            self._mode = "null"
            self._reason = "the audio device stopped unexpectedly"

    # -- reporting -----------------------------------------------------------------------

    def stats(self) -> AudioStats:
        return AudioStats(
            mode=self._mode,
            frames_in=self._frames_in,
            frames_out=self._frames_out,
            mic_underruns=self._mic_underruns,
            mic_overflows=self._mic_overflows,
            speaker_underruns=self._speaker_underruns,
            speaker_overflows=self._speaker_overflows,
            device_xruns=self._xruns,
            mic_latency_ms=round(self._mic_fill * self.frame_ms + self._in_latency, 1),
            speaker_latency_ms=round(self._speaker_fill * self.frame_ms + self._out_latency, 1),
            input_rate=self._input_rate if self._mode == "audio" else 0,
            output_rate=self._output_rate if self._mode == "audio" else 0,
        )
