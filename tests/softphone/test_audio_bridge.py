"""The audio bridge and the ringer against a real PulseAudio daemon (null sinks).

The test thread plays pj's media clock: every 20 ms it writes one speaker frame and
reads one microphone frame, as the engine's ``AudioMediaPort`` callbacks will.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import pytest

from softphone.audio_bridge import AudioBridge, AudioStats
from softphone.audio_devices import list_devices, scan_devices
from softphone.resampler import Resampler
from softphone.ringtone import DING_HZ, DONG_HZ, Ringer, ring_pattern
from tests.conftest import require_tool
from tests.fixtures.pulse import MIC_SINK, PulseServer, make_speech, read_wav

pytestmark = pytest.mark.integration

FRAME = 640  # 20 ms, 16 kHz, mono s16
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def speech(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """About 4 s of German speech, 16 kHz mono s16."""
    require_tool("espeak-ng")
    require_tool("sox")
    folder = tmp_path_factory.mktemp("speech")
    wav = make_speech(
        folder / "speech.wav",
        "Guten Tag, Sie sind verbunden mit dem Büro Doktor Müller. Was kann ich für Sie tun?",
    )
    data, rate = read_wav(wav)
    assert rate == 16000
    return data


@pytest.fixture
def bridge(pulse_audio: PulseServer, request: pytest.FixtureRequest) -> Iterator[AudioBridge]:
    """A running bridge on the ALSA ``pulse`` device; parametrise with a device rate."""
    device_rate = getattr(request, "param", None)
    b = AudioBridge("pulse", "pulse", device_rate=device_rate)
    b.start()
    assert b.mode == "audio", b.reason
    stats = b.stats()
    assert (stats.input_rate, stats.output_rate) == (device_rate or 16000,) * 2
    yield b
    b.stop()


RATES = pytest.mark.parametrize(
    "bridge", [None, 48000], indirect=True, ids=["16kHz", "48kHz-resampled"]
)


def frames_of(data: bytes) -> list[bytes]:
    return [data[i : i + FRAME].ljust(FRAME, b"\0") for i in range(0, len(data), FRAME)]


def run_clock(ticks: int, tick: Callable[[int], None], period: float = 0.02) -> None:
    """Call ``tick(i)`` every ``period`` seconds on absolute deadlines, like pj's clock."""
    deadline = time.perf_counter()
    for i in range(ticks):
        tick(i)
        deadline += period
        delay = deadline - time.perf_counter()
        if delay > 0:
            time.sleep(delay)


def aligned_correlation(reference: bytes, recording: bytes) -> tuple[float, int]:
    """Normalised correlation of ``reference`` with the best-matching stretch of
    ``recording``, and the offset (samples) of that stretch."""
    x = np.frombuffer(reference, "<i2").astype(np.float64)
    y = np.frombuffer(recording, "<i2").astype(np.float64)
    if len(y) < len(x):
        y = np.pad(y, (0, len(x) - len(y)))
    n = 1 << int(np.ceil(np.log2(len(x) + len(y))))
    cross = np.fft.irfft(np.fft.rfft(y, n) * np.conj(np.fft.rfft(x, n)), n)
    lag = int(np.argmax(cross[: len(y) - len(x) + 1]))
    seg = y[lag : lag + len(x)]
    denominator = float(np.sqrt(np.dot(seg, seg) * np.dot(x, x))) or 1.0
    return float(np.dot(seg, x)) / denominator, lag


def mode_of(thing: AudioBridge | Ringer) -> str:
    """The current mode (a call, so that mypy does not keep an earlier narrowing)."""
    return thing.mode


def chunked_correlation(reference: bytes, recording: bytes, chunk_ms: int = 500) -> float:
    """Align the whole, then re-align each ``chunk_ms`` piece within ±60 ms and average
    the chunk correlations weighted by their energy.

    A single 20 ms gap (one underrun: pj's clock and the device's clock met in phase)
    shifts the rest of the recording and would ruin a one-piece correlation, although
    the speech is intact; the glitch counters are asserted separately."""
    _, lag = aligned_correlation(reference, recording)
    x = np.frombuffer(reference, "<i2").astype(np.float64)
    y = np.frombuffer(recording, "<i2").astype(np.float64)
    size, slack = 16 * chunk_ms, 16 * 60
    total = weight = 0.0
    for start in range(0, len(x) - size + 1, size):
        piece = x[start : start + size]
        energy = float(np.dot(piece, piece))
        if energy < size * 100.0**2:  # too quiet to mean anything
            continue
        lo = max(0, lag + start - slack)
        window = y[lo : lag + start + size + slack]
        if len(window) < size:
            continue
        score, _ = aligned_correlation(
            piece.astype("<i2").tobytes(), window.astype("<i2").tobytes()
        )
        total += score * energy
        weight += energy
    return total / weight if weight else 0.0


def wait_for(condition: Callable[[], bool], timeout: float = 3.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.01)
    return condition()


# -- speech through the bridge ------------------------------------------------------------


@RATES
def test_speech_written_as_frames_arrives_on_the_speaker_sink(
    bridge: AudioBridge, pulse_audio: PulseServer, speech: bytes, tmp_path: Path
) -> None:
    frames = frames_of(speech) + [bytes(FRAME)] * 15  # 0.3 s tail to flush the queues
    with pulse_audio.record(tmp_path / "callout.wav") as recording:
        time.sleep(0.2)
        run_clock(len(frames), lambda i: bridge.write_speaker_frame(frames[i]))
        time.sleep(0.2)
    recorded = recording.stop()

    correlation = chunked_correlation(speech, recorded)
    stats = bridge.stats()
    assert correlation >= 0.9, (correlation, stats)
    assert stats.speaker_underruns <= 3, stats
    assert (tmp_path / "callout.wav").stat().st_size > len(speech)
    assert stats.frames_out + stats.speaker_overflows == len(frames), stats  # none lost unseen
    assert stats.speaker_overflows <= 2, stats


@RATES
def test_speech_played_into_the_microphone_is_read_as_frames(
    bridge: AudioBridge, pulse_audio: PulseServer, speech: bytes, tmp_path: Path
) -> None:
    wav = tmp_path / "speech.wav"
    from tests.fixtures.pulse import write_wav

    write_wav(wav, speech, 16000)
    collected: list[bytes] = []
    seconds = len(speech) / 32000 + 1.0
    player = pulse_audio.play(wav, sink=MIC_SINK, wait=False)
    try:
        run_clock(int(seconds * 50), lambda i: collected.append(bridge.read_mic_frame()))
    finally:
        player.wait(timeout=10)
    assert player.returncode == 0
    assert all(len(frame) == FRAME for frame in collected)

    correlation = chunked_correlation(speech, b"".join(collected))
    _, lag = aligned_correlation(speech, b"".join(collected))
    stats = bridge.stats()
    assert correlation >= 0.9, (correlation, stats)
    assert lag / 16 < 500, f"speech started {lag / 16:.0f} ms late"
    assert stats.mic_underruns <= 3, stats


# -- counters ------------------------------------------------------------------------------


def test_speaker_overflow_drops_oldest_and_underruns_are_counted(bridge: AudioBridge) -> None:
    marked = [bytes([i]) * FRAME for i in range(1, 6)]
    for frame in marked:  # five frames at once into a 40 ms (two-frame) queue
        bridge.write_speaker_frame(frame)
    assert bridge.stats().speaker_overflows == 3
    assert wait_for(lambda: bridge.stats().frames_out == 2)
    time.sleep(0.4)  # nothing written: the output callback finds the queue empty
    stats = bridge.stats()
    assert stats.frames_out == 2
    assert stats.speaker_underruns == 0, stats  # a gap counts only once audio resumes

    run_clock(3, lambda i: bridge.write_speaker_frame(bytes(FRAME)), period=0.06)
    assert wait_for(lambda: bridge.stats().frames_out == 5)
    # the gap before the first of them was long (no call), those between them were short
    assert 3 <= bridge.stats().speaker_underruns <= 5, bridge.stats()


def test_reading_faster_than_the_microphone_counts_underruns(bridge: AudioBridge) -> None:
    frames: list[bytes] = []
    run_clock(100, lambda i: frames.append(bridge.read_mic_frame()), period=0.01)
    stats = bridge.stats()
    assert len(frames) == 100 and all(len(f) == FRAME for f in frames)
    # 1 s of reads at 100/s against a 50/s microphone: about half find nothing
    assert 35 <= stats.mic_underruns <= 65, stats
    assert stats.frames_in >= 45, stats
    assert stats.mic_overflows == 0


def test_latency_estimate_is_plausible(bridge: AudioBridge) -> None:
    def tick(_: int) -> None:
        bridge.write_speaker_frame(bytes(FRAME))
        bridge.read_mic_frame()

    run_clock(50, tick)
    stats = bridge.stats()
    assert 0 < stats.speaker_latency_ms <= 40 + 40 + 1  # PortAudio latency + full queue
    assert 0 < stats.mic_latency_ms <= 40 + 40 + 1
    assert stats.added_latency_ms == pytest.approx(stats.mic_latency_ms + stats.speaker_latency_ms)


# -- modes and life cycle ----------------------------------------------------------------


@pytest.mark.expect_warnings
def test_null_mode_when_the_device_cannot_be_opened(pulse_audio: PulseServer) -> None:
    bridge = AudioBridge("no such headset", "no such headset")
    bridge.start()
    try:
        assert bridge.mode == "null"
        assert bridge.reason is not None and "no such headset" in bridge.reason
        assert bridge.read_mic_frame() == bytes(FRAME)
        bridge.write_speaker_frame(b"\x01" * FRAME)  # dropped, no error
        stats = bridge.stats()
        assert stats.mode == "null"
        assert (stats.frames_in, stats.frames_out, stats.mic_underruns) == (0, 0, 0)
    finally:
        bridge.stop()
    assert mode_of(bridge) == "stopped"


def test_null_mode_and_empty_device_list_without_portaudio() -> None:
    """A process where sounddevice cannot be imported (as when libportaudio2 is missing)."""
    script = """
import json, sys
sys.modules["sounddevice"] = None  # import now fails like a missing PortAudio
from softphone.audio_bridge import AudioBridge
from softphone.audio_devices import list_devices, scan_devices
from softphone.ringtone import Ringer
b = AudioBridge(None, None); b.start()
r = Ringer(None); r.start()
print(json.dumps({"devices": list_devices(), "reason": scan_devices().reason,
                  "mode": b.mode, "why": b.reason, "read": len(b.read_mic_frame()),
                  "ringer": r.mode}))
b.stop(); r.stop()
"""
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=30
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["devices"] == []
    assert "PortAudio is not available" in result["reason"]
    assert result["mode"] == "null" and "PortAudio" in result["why"]
    assert result["read"] == FRAME
    assert result["ringer"] == "null"


def test_stop_is_idempotent_and_start_restarts(pulse_audio: PulseServer) -> None:
    bridge = AudioBridge("pulse", "pulse")
    bridge.stop()  # before start
    with bridge:
        assert bridge.mode == "audio"
        bridge.start()  # second start changes nothing
        assert bridge.mode == "audio"
        assert wait_for(lambda: bridge.stats().frames_in > 2)
    bridge.stop()
    assert mode_of(bridge) == "stopped"
    frames_before = bridge.stats().frames_in
    time.sleep(0.1)
    assert bridge.stats().frames_in == frames_before  # streams really closed
    bridge.start()
    try:
        assert bridge.mode == "audio"
        assert wait_for(lambda: 0 < bridge.stats().frames_in < frames_before)  # counters reset
    finally:
        bridge.stop()


def test_bad_frames_and_parameters_are_refused_clearly(bridge: AudioBridge) -> None:
    with pytest.raises(ValueError, match="640 bytes"):
        bridge.write_speaker_frame(bytes(320))
    with pytest.raises(ValueError, match="whole number"):
        AudioBridge(None, None, sample_rate=11025, frame_ms=20)
    with pytest.raises(ValueError, match="at least one frame"):
        AudioBridge(None, None, buffer_ms=10)
    assert bridge.stats().speaker_overflows == 0


def test_resampler_round_trip_keeps_speech_band_and_rejects_images() -> None:
    t = np.arange(16000) / 16000
    sweep = 200 * t + 1400 * t**2  # 200 Hz rising to 3 kHz: no two lags look alike
    tone = (8000 * np.sin(2 * np.pi * sweep)).astype("<i2").tobytes()
    up, down = Resampler(3), Resampler(3)
    high = b"".join(up.up(tone[i : i + FRAME]) for i in range(0, len(tone), FRAME))
    assert len(high) == 3 * len(tone)
    h = np.frombuffer(high, "<i2").astype(np.float64)
    spectrum = np.abs(np.fft.rfft(h)) ** 2
    freqs = np.fft.rfftfreq(len(h), 1 / 48000)
    assert spectrum[(freqs > 150) & (freqs < 3100)].sum() / spectrum.sum() > 0.99
    assert spectrum[freqs > 8000].sum() / spectrum.sum() < 1e-4  # no images above 8 kHz
    low = b"".join(down.down(high[i : i + 3 * FRAME]) for i in range(0, len(high), 3 * FRAME))
    assert len(low) == len(tone)
    correlation, lag = aligned_correlation(tone[: len(tone) // 2], low)
    assert correlation > 0.999, correlation
    assert lag < 100  # the filters delay by 3 ms
    with pytest.raises(ValueError, match="multiple"):
        AudioBridge(None, None, device_rate=44100)


def test_stats_is_a_frozen_snapshot(bridge: AudioBridge) -> None:
    stats = bridge.stats()
    assert isinstance(stats, AudioStats)
    with pytest.raises(AttributeError):
        stats.frames_in = 1  # type: ignore[misc]


# -- devices -------------------------------------------------------------------------------


def test_list_devices_sees_the_pulse_device(pulse_audio: PulseServer) -> None:
    devices = list_devices()
    by_name = {d.name: d for d in devices}
    assert "pulse" in by_name, devices
    pulse = by_name["pulse"]
    assert pulse.max_input_channels > 0 and pulse.max_output_channels > 0
    assert sum(d.is_default_input for d in devices) == 1
    assert sum(d.is_default_output for d in devices) == 1
    assert scan_devices().reason is None


def test_rescan_is_refused_while_a_stream_is_open(bridge: AudioBridge) -> None:
    result = scan_devices(rescan=True)
    assert result.reason is not None and "refused" in result.reason
    assert any(d.name == "pulse" for d in result.devices)
    assert wait_for(lambda: bridge.stats().frames_in > 2)  # the bridge kept running


# -- ringer --------------------------------------------------------------------------------


def test_ring_pattern_is_two_tones_then_a_pause() -> None:
    samples = np.frombuffer(ring_pattern(16000, volume=0.3), "<i2").astype(np.float64)
    assert len(samples) == int(3.6 * 16000)
    assert np.abs(samples).max() <= 0.3 * 32767 + 1
    assert np.abs(samples[-int(1.5 * 16000) :]).max() == 0  # the pause is silent
    with pytest.raises(ValueError, match="volume"):
        ring_pattern(volume=2.0)


def test_ringer_rings_on_the_chosen_device(pulse_audio: PulseServer, tmp_path: Path) -> None:
    ringer = Ringer("pulse")
    with pulse_audio.record(tmp_path / "ring.wav") as recording:
        started = time.perf_counter()
        ringer.start()
        assert time.perf_counter() - started < 0.5  # does not block the caller
        assert ringer.ringing, ringer.reason
        time.sleep(4.0)
        ringer.stop()
        time.sleep(0.3)
    ringer.stop()  # idempotent
    assert mode_of(ringer) == "stopped"
    samples = np.frombuffer(recording.stop(), "<i2").astype(np.float64)

    spectrum = np.abs(np.fft.rfft(samples))
    freqs = np.fft.rfftfreq(len(samples), 1 / 16000)
    strongest = freqs[np.argsort(spectrum)[-200:]]
    assert np.any(np.abs(strongest - DING_HZ) < 5) and np.any(np.abs(strongest - DONG_HZ) < 5)
    # the cadence: loud chimes, then a long pause
    rms = np.sqrt((samples[: len(samples) // 320 * 320].reshape(-1, 320) ** 2).mean(axis=1))
    loud = rms > 500
    assert loud.sum() >= 40  # ≥ 0.8 s of chime
    assert (~loud).sum() >= 60  # ≥ 1.2 s of pause


@pytest.mark.expect_warnings
def test_ringer_null_mode_without_device(pulse_audio: PulseServer) -> None:
    ringer = Ringer("no such speaker")
    ringer.start()
    assert ringer.mode == "null" and not ringer.ringing
    assert ringer.reason is not None and "no such speaker" in ringer.reason
    ringer.stop()
    assert mode_of(ringer) == "stopped"


# -- load ----------------------------------------------------------------------------------


def _gil_burner(stop: threading.Event, busy: float = 0.03, period: float = 0.05) -> None:
    """A GUI-like load: pure-Python work for ``busy`` seconds every ``period`` seconds."""
    while not stop.is_set():
        until = time.perf_counter() + busy
        while time.perf_counter() < until:
            pass
        time.sleep(period - busy)


def test_speech_survives_a_pure_python_busy_thread(
    bridge: AudioBridge, pulse_audio: PulseServer, speech: bytes, tmp_path: Path
) -> None:
    """Pure-Python work gives up the GIL every 5 ms (switch interval), so the speech
    still gets through, with a few glitches; the counters account for every frame.
    C calls that keep the GIL 30 ms hurt much more: see benchmarks/bench_audio_bridge.py
    and DESIGN §3 (why the engine has its own process)."""
    stop = threading.Event()
    burner = threading.Thread(target=_gil_burner, args=(stop,), daemon=True)
    frames = frames_of(speech) + [bytes(FRAME)] * 15
    burner.start()
    try:
        with pulse_audio.record(tmp_path / "loaded.wav") as recording:
            time.sleep(0.2)
            run_clock(len(frames), lambda i: bridge.write_speaker_frame(frames[i]))
            time.sleep(0.2)
    finally:
        stop.set()
        burner.join()
    correlation = chunked_correlation(speech, recording.stop())
    stats = bridge.stats()
    print(f"under pure-Python load: correlation {correlation:.3f}, {stats}")
    assert correlation >= 0.9, (correlation, stats)
    assert stats.frames_out + stats.speaker_overflows == len(frames), stats
    assert stats.speaker_underruns <= len(frames) // 10, stats


def test_stop_at_interpreter_exit_after_portaudio_is_gone(pulse_audio: PulseServer) -> None:
    """sounddevice terminates PortAudio in its own atexit handler; a bridge stopped
    later (the engine's shutdown hook) must neither raise nor crash."""
    script = """
import atexit, sys
from softphone.audio_bridge import AudioBridge
bridge = AudioBridge("pulse", "pulse")
atexit.register(lambda: print("stopped", bridge.stop(), bridge.mode, flush=True))
bridge.start()  # imports sounddevice: its exit handler runs before ours
print("mode", bridge.mode, flush=True)
"""
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=pulse_audio.env(),
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["mode", "audio", "stopped", "None", "stopped"]
    assert "Traceback" not in done.stderr
