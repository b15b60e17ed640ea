"""Audio bridge figures against a private PulseAudio daemon: latency, underruns, CPU.

Loopback set-up: the bridge plays into the ``callout`` null sink and records its monitor,
so whatever pj would write comes back as what pj would read. A simulated pj media clock
(this script's main thread) writes one frame and reads one frame every 20 ms.

- round-trip latency: a click written at tick k shows up in the frames read at tick m;
  (m - k) in samples is what the bridge plus PulseAudio add in both directions.
- underruns per minute (speaker + microphone) and the loopback correlation of looped
  speech, idle and under two kinds of GUI-like load in the same process:
  ``python_load`` — pure Python busy 30 ms every 50 ms (gives up the GIL every 5 ms);
  ``c_load`` — a C call (list.sort) holding the GIL 30 ms every 50 ms, like a long Qt
  paint or layout call from a Python slot.
- CPU % of one core for the two streams alone (process CPU time / wall time).

Run: ``python benchmarks/bench_audio_bridge.py``; prints JSON lines; about 55 s.
"""

from __future__ import annotations

import json
import random
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from softphone.audio_bridge import AudioBridge  # noqa: E402
from tests.fixtures.pulse import PulseServer, make_speech, read_wav  # noqa: E402

FRAME = 640
SAMPLES = FRAME // 2
RUN_SECONDS = 13.0


def emit(name: str, value: float, unit: str, **extra: object) -> None:
    print(json.dumps({"name": name, "value": value, "unit": unit, **extra}), flush=True)


def run_clock(ticks: int, tick: Callable[[int], None]) -> None:
    deadline = time.perf_counter()
    for i in range(ticks):
        tick(i)
        deadline += 0.02
        delay = deadline - time.perf_counter()
        if delay > 0:
            time.sleep(delay)


def cpu_percent(seconds: float, bridge: AudioBridge | None = None, speech: bytes = b"") -> float:
    """Process CPU time over wall time; with a bridge, a clock feeds it speech meanwhile."""
    cpu0, wall0 = time.process_time(), time.perf_counter()
    if bridge is None:
        time.sleep(seconds)
    else:
        frames = [speech[i : i + FRAME] for i in range(0, len(speech) - FRAME + 1, FRAME)]

        def tick(i: int) -> None:
            bridge.write_speaker_frame(frames[i % len(frames)])
            bridge.read_mic_frame()

        run_clock(int(seconds * 50), tick)
    return (time.process_time() - cpu0) / (time.perf_counter() - wall0) * 100.0


def round_trip_ms(bridge: AudioBridge, clicks: int = 12) -> list[float]:
    click = (np.r_[np.full(16, 12000), np.full(16, -12000), np.zeros(SAMPLES - 32)]).astype("<i2")
    click_frame = click.tobytes()
    spacing = 25  # ticks (0.5 s) between clicks
    written: list[int] = []
    mic: list[bytes] = []

    def tick(i: int) -> None:
        if i % spacing == 5:
            written.append(i)
            bridge.write_speaker_frame(click_frame)
        else:
            bridge.write_speaker_frame(bytes(FRAME))
        mic.append(bridge.read_mic_frame())

    run_clock(clicks * spacing, tick)
    stream = np.abs(np.frombuffer(b"".join(mic), "<i2").astype(np.int32))
    result = []
    for k in written:
        start = k * SAMPLES
        window = stream[start : start + (spacing - 1) * SAMPLES]
        hits = np.flatnonzero(window > 4000)
        if hits.size:
            result.append(float(hits[0]) / 16.0)
    return result


def correlation(reference: np.ndarray, recording: np.ndarray) -> float:
    """Best normalised correlation of one copy of ``reference`` inside ``recording``."""
    x = reference.astype(np.float64)
    y = recording.astype(np.float64)
    n = 1 << int(np.ceil(np.log2(len(x) + len(y))))
    cross = np.fft.irfft(np.fft.rfft(y, n) * np.conj(np.fft.rfft(x, n)), n)
    lag = int(np.argmax(cross[: len(y) - len(x) + 1]))
    seg = y[lag : lag + len(x)]
    return float(np.dot(seg, x) / (np.sqrt(np.dot(seg, seg) * np.dot(x, x)) or 1.0))


def python_load(stop: threading.Event) -> None:
    while not stop.is_set():
        until = time.perf_counter() + 0.03
        while time.perf_counter() < until:
            pass
        time.sleep(0.02)


def sort_time(data: list[float]) -> float:
    times = []
    for _ in range(3):
        started = time.perf_counter()
        sorted(data)
        times.append(time.perf_counter() - started)
    return float(np.median(times))


def calibrate_sort(target: float = 0.03) -> tuple[list[float], float]:
    """A list whose sort (one C call that keeps the GIL) takes about ``target`` s."""
    size = 50_000
    for _ in range(8):
        data = [random.random() for _ in range(size)]
        took = sort_time(data)
        if abs(took - target) < 0.1 * target:
            break
        size = int(size * target / took)
    return data, took


SORT_DATA: list[float] = []


def c_load(stop: threading.Event) -> None:
    while not stop.is_set():
        sorted(SORT_DATA)
        time.sleep(0.02)


def watch_gaps(stop: threading.Event, gaps: list[float]) -> None:
    """Longest wait for the GIL seen by a thread that wakes every 5 ms (minus the 5 ms)."""
    last = time.perf_counter()
    while not stop.is_set():
        time.sleep(0.005)
        now = time.perf_counter()
        gaps.append(now - last)
        last = now


def loaded_run(
    bridge: AudioBridge, speech: bytes, load: Callable[[threading.Event], None] | None
) -> dict[str, float]:
    frames = [speech[i : i + FRAME].ljust(FRAME, b"\0") for i in range(0, len(speech), FRAME)]
    frames += [bytes(FRAME)] * 10
    mic: list[bytes] = []
    before = bridge.stats()
    stop = threading.Event()
    thread = threading.Thread(target=load, args=(stop,), daemon=True) if load else None
    gaps: list[float] = []
    watcher = threading.Thread(target=watch_gaps, args=(stop, gaps), daemon=True)
    watcher.start()
    if thread:
        thread.start()
    ticks = int(RUN_SECONDS * 50)
    started = time.perf_counter()

    def tick(i: int) -> None:
        bridge.write_speaker_frame(frames[i % len(frames)])
        mic.append(bridge.read_mic_frame())

    try:
        run_clock(ticks, tick)
    finally:
        stop.set()
        watcher.join()
        if thread:
            thread.join()
    wall = time.perf_counter() - started
    after = bridge.stats()
    underruns = (after.speaker_underruns - before.speaker_underruns) + (
        after.mic_underruns - before.mic_underruns
    )
    overflows = after.overflows - before.overflows
    reference = np.frombuffer(speech, "<i2")
    recorded = np.frombuffer(b"".join(mic), "<i2")
    # skip the first copy (start-up), score the copies that follow
    copy = len(frames) * SAMPLES
    scores = [
        correlation(reference, recorded[offset : offset + copy + 8000])
        for offset in range(copy, len(recorded) - copy - 8000, copy)
    ]
    return {
        "underruns_per_min": underruns * 60.0 / wall,
        "overflows_per_min": overflows * 60.0 / wall,
        "correlation": float(np.median(scores)) if scores else 0.0,
        "correlation_min": float(np.min(scores)) if scores else 0.0,
        "clock_late_ms": (wall - ticks * 0.02) * 1000.0,
        "max_gil_wait_ms": (max(gaps) - 0.005) * 1000.0 if gaps else 0.0,
    }


def main() -> None:
    base = Path(tempfile.mkdtemp(prefix="vz-bench-pulse-"))
    server = PulseServer(base).start()
    try:
        server.activate(sink="callout", source="callout.monitor")  # loopback
        speech, rate = read_wav(
            make_speech(base / "speech.wav", "Guten Tag, Büro Doktor Müller, was kann ich tun?")
        )
        assert rate == 16000

        bridge = AudioBridge("pulse", "pulse")
        bridge.start()
        if bridge.mode != "audio":
            raise SystemExit(f"bridge in null mode: {bridge.reason}")

        emit("audio_bridge_streams_cpu", round(cpu_percent(4.0), 2), "% of one core")

        latencies = round_trip_ms(bridge)
        emit(
            "audio_bridge_round_trip_latency",
            round(float(np.median(latencies)), 1),
            "ms",
            p90=round(float(np.percentile(latencies, 90)), 1),
            clicks=len(latencies),
        )
        emit("audio_bridge_latency_estimate", bridge.stats().added_latency_ms, "ms")

        SORT_DATA[:], hold = calibrate_sort()
        emit("audio_bridge_c_load_gil_hold", round(hold * 1000, 1), "ms")
        for label, load in (("idle", None), ("python_load", python_load), ("c_load", c_load)):
            result = loaded_run(bridge, speech, load)
            emit(f"audio_bridge_underruns_{label}", round(result["underruns_per_min"], 1), "/min")
            emit(f"audio_bridge_overflows_{label}", round(result["overflows_per_min"], 1), "/min")
            emit(
                f"audio_bridge_loopback_correlation_{label}",
                round(result["correlation"], 3),
                "",
                min=round(result["correlation_min"], 3),
                clock_late_ms=round(result["clock_late_ms"], 1),
                max_gil_wait_ms=round(result["max_gil_wait_ms"], 1),
            )
        stats = bridge.stats()
        emit("audio_bridge_device_xruns", stats.device_xruns, "count")
        bridge.stop()

        resampled = AudioBridge("pulse", "pulse", device_rate=48000)
        resampled.start()
        run_clock(50, lambda i: resampled.write_speaker_frame(speech[i * FRAME : (i + 1) * FRAME]))
        emit(
            "audio_bridge_streams_cpu_48k_resampled",
            round(cpu_percent(4.0, resampled, speech), 2),
            "% of one core",
            note="device at 48 kHz, bridge resamples, speech flowing both ways",
        )
        resampled.stop()
    finally:
        server.stop()
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
