"""Audio through two real engine processes and PulseAudio, with and without a busy "UI".

Set-up (a private PulseAudio daemon with null sinks, as the tests use):

- *seat*: our engine process with the ALSA ``pulse`` device; its speaker plays into the
  ``callout`` sink and its microphone records ``callout.monitor`` — an acoustic loop, so
  what the far end says comes straight back to it through both directions of the bridge.
- *far*: an engine without sound devices that plays a WAV into the call (``play_file``)
  and records what comes back (``record_file``).
- *echo*: the reference loop — an engine without sound devices that returns the far end's
  audio inside pj (``echo``). Same SIP, RTP, codec and jitter buffers, no devices.

Figures (JSON lines):

- round trip far → seat → far with clicks, for the device loop and the pj-only loop; their
  difference is what the audio bridge and the device add (both directions);
- the bridge's own latency estimate (queue fill + PortAudio latency, both directions);
- underruns per minute and the correlation of speech after the round trip, idle and while
  this process — the one that talks to the engine over the pipe, like the UI — has a
  thread stalling in a C call that holds the GIL ~30 ms every 50 ms (``sorted``). In the
  same conditions the in-process bridge (benchmarks/bench_audio_bridge.py) shows what
  the GIL does when the bridge shares the UI's process;
- slips per minute: jumps of the lag between well-matched 0.25 s pieces of the returned
  speech — audio lost or inserted anywhere on the way, counted or not; the pj-only loop
  is measured too, as the control for what pj's jitter buffers do on their own;
- the command → event round trip over the pipe, idle and under that load (what the UI
  feels, not the audio);
- CPU of the seat engine process per active call with audio both ways (% of one core).

Run: ``python benchmarks/bench_engine_audio.py``; about 80 s on two cores.
``VZ_BENCH_KEEP=1`` keeps the recordings (WAV) for listening.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import wave
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from softphone import commands as cmds  # noqa: E402
from softphone import events as ev  # noqa: E402
from tests.fixtures.pulse import PulseServer, make_speech, write_wav  # noqa: E402
from tests.fixtures.sip import Phone, start_phone  # noqa: E402

RATE = 16000
CLICK_EVERY_S = 0.6
CLICKS = 10
SPEECH_COPIES = 4  # ~14 s of speech per condition
CLK_TCK = os.sysconf("SC_CLK_TCK")


def emit(name: str, value: float, unit: str, **extra: object) -> None:
    print(json.dumps({"name": name, "value": value, "unit": unit, **extra}), flush=True)


# -- signals ----------------------------------------------------------------------------------


def click_train(path: Path) -> list[int]:
    """Short 1 kHz bursts every ``CLICK_EVERY_S``; returns where each burst starts."""
    total = int((CLICKS * CLICK_EVERY_S + 1.0) * RATE)
    signal = np.zeros(total)
    burst = np.sin(2 * np.pi * 1000 * np.arange(80) / RATE) * np.hanning(80) * 20000
    starts = [int((0.3 + i * CLICK_EVERY_S) * RATE) for i in range(CLICKS)]
    for start in starts:
        signal[start : start + len(burst)] = burst
    write_wav(path, signal.astype("<i2").tobytes(), RATE)
    return starts


def read_samples(path: Path, timeout: float = 5.0) -> np.ndarray:
    """A WAV the far end recorded (pj writes its header when the recorder is dropped)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            with wave.open(str(path), "rb") as src:
                return np.frombuffer(src.readframes(src.getnframes()), "<i2").astype(float)
        except (wave.Error, EOFError, FileNotFoundError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def click_delays_ms(recording: np.ndarray, starts: list[int]) -> list[float]:
    """Delay of each burst: first sample above a quarter of the loudest in its window."""
    delays = []
    window = int(CLICK_EVERY_S * RATE)
    for start in starts:
        part = np.abs(recording[start : start + window])
        if len(part) == 0 or part.max() < 1000:
            continue
        delays.append(float(np.flatnonzero(part > part.max() / 4)[0]) * 1000 / RATE)
    return delays


def best_lag(reference: np.ndarray, recording: np.ndarray) -> tuple[float, int]:
    """Normalised waveform correlation at the best lag, and that lag."""
    x, y = reference, recording
    if len(y) < len(x):
        y = np.pad(y, (0, len(x) - len(y)))
    n = 1 << int(np.ceil(np.log2(len(x) + len(y))))
    cross = np.fft.irfft(np.fft.rfft(y, n) * np.conj(np.fft.rfft(x, n)), n)
    lag = int(np.argmax(cross[: len(y) - len(x) + 1]))
    seg = y[lag : lag + len(x)]
    return float(np.dot(seg, x) / (np.sqrt(np.dot(seg, seg) * np.dot(x, x)) or 1.0)), lag


def correlation(reference: np.ndarray, recording: np.ndarray) -> float:
    return best_lag(reference, recording)[0]


def chunk_lags(reference: np.ndarray, recording: np.ndarray) -> tuple[list[int], list[float]]:
    """Lag and correlation of each 0.25 s piece of speech found in the recording.

    A change of lag between pieces is a *slip*: audio lost or inserted somewhere on the
    way (a device glitch, a jitter-buffer adjustment), even when no counter saw it."""
    size = RATE // 4
    lags: list[int] = []
    scores: list[float] = []
    for start in range(0, len(reference) - size, size):
        piece = reference[start : start + size]
        if np.dot(piece, piece) < size * 300.0**2:  # a pause between words
            continue
        lo = max(0, start - RATE // 4)
        window = recording[lo : start + size + RATE // 2]
        if len(window) < size:
            continue
        cross = np.correlate(window, piece, "valid")
        k = int(np.argmax(cross))
        seg = window[k : k + size]
        lags.append(lo + k - start)
        scores.append(
            float(np.dot(seg, piece) / (np.sqrt(np.dot(seg, seg) * np.dot(piece, piece)) or 1.0))
        )
    return lags, scores


def copies_correlation(one: np.ndarray, recording: np.ndarray) -> list[float]:
    """Correlation of each copy of ``one`` in a recording of several copies in a row."""
    scores = []
    for k in range(SPEECH_COPIES):
        lo = k * len(one)
        part = recording[lo : lo + len(one) + RATE // 2]
        if len(part) >= len(one) // 2:
            scores.append(correlation(one, part))
    return scores


# -- the engines ------------------------------------------------------------------------------


def connect(caller: Phone, callee: Phone) -> tuple[str, str]:
    caller.send(cmds.Dial(uri=callee.uri, tag="bench"))
    started = caller.wait(lambda e: isinstance(e, ev.CallStarted), 5, "started")
    incoming = callee.wait(lambda e: isinstance(e, ev.IncomingCall), 5, "incoming")
    assert isinstance(started, ev.CallStarted) and isinstance(incoming, ev.IncomingCall)
    callee.send(cmds.Answer(call=incoming.call))
    for phone, call in ((caller, started.call), (callee, incoming.call)):
        phone.wait(
            lambda e, c=call: isinstance(e, ev.MediaStateChanged) and e.call == c and e.active,  # type: ignore[misc]
            5,
            "media",
        )
    return started.call, incoming.call


_markers = itertools.count()


def sync(phone: Phone) -> float:
    """Round trip (ms) of a command the engine answers at once and unmistakably: an
    unknown command name comes back in an ``EngineError`` naming it. Everything sent
    before it has been handled when it returns (the engine keeps order)."""
    name = f"bench_marker_{next(_markers)}"
    started = time.perf_counter()
    phone.process.send_line(json.dumps({"cmd": name}))
    phone.wait(lambda e: isinstance(e, ev.EngineError) and e.command == name, 5, name)
    return (time.perf_counter() - started) * 1000


def audio_status(phone: Phone) -> ev.AudioStatus:
    """The counters as of now: the report ``ping`` triggered, just before the marker."""
    phone.send(cmds.Ping())
    sync(phone)
    events = phone.log.events[: phone.log.cursor]
    for event in reversed(events):
        if isinstance(event, ev.AudioStatus):
            return event
    raise AssertionError("no audio status")


def play_and_record(far: Phone, call: str, wav: Path, out: Path, seconds: float) -> np.ndarray:
    far.send(cmds.RecordFile(call=call, path=str(out)))
    far.send(cmds.PlayFile(call=call, path=str(wav)))
    time.sleep(seconds)
    far.send(cmds.StopFiles())
    return read_samples(out)


def cpu_seconds(pid: int) -> float:
    with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK_TCK  # utime + stime


# -- a busy UI ----------------------------------------------------------------------------


def calibrate_sort(target: float = 0.03) -> tuple[list[float], float]:
    """A list whose ``sorted`` (one C call that keeps the GIL) takes about ``target`` s."""
    size = 100_000
    data: list[float] = []
    took = 0.0
    for _ in range(8):
        data = [random.random() for _ in range(size)]
        times = []
        for _ in range(3):
            started = time.perf_counter()
            sorted(data)
            times.append(time.perf_counter() - started)
        took = float(np.median(times))
        if abs(took - target) < 0.1 * target:
            break
        size = int(size * target / took)
    return data, took


@contextmanager
def gui_stalls(data: list[float] | None) -> Iterator[list[float]]:
    """While active, a thread holds the GIL in ``sorted`` then sleeps 20 ms, repeatedly;
    yields the lengths of the longest GIL waits seen by a 5 ms ticker (the "UI" feel)."""
    stop = threading.Event()
    gaps: list[float] = []

    def stall() -> None:
        assert data is not None
        while not stop.is_set():
            sorted(data)
            time.sleep(0.02)

    def ticker() -> None:
        last = time.perf_counter()
        while not stop.is_set():
            time.sleep(0.005)
            now = time.perf_counter()
            gaps.append((now - last - 0.005) * 1000)
            last = now

    threads = [threading.Thread(target=ticker, daemon=True)]
    if data is not None:
        threads.append(threading.Thread(target=stall, daemon=True))
    for thread in threads:
        thread.start()
    try:
        yield gaps
    finally:
        stop.set()
        for thread in threads:
            thread.join()


# -- measurements ---------------------------------------------------------------------------


def round_trip(far: Phone, call: str, clicks: Path, starts: list[int], out: Path) -> list[float]:
    seconds = CLICKS * CLICK_EVERY_S + 1.2
    return click_delays_ms(play_and_record(far, call, clicks, out, seconds), starts)


def speech_quality(one: np.ndarray, recorded: np.ndarray, minutes: float, prefix: str) -> None:
    """Correlation per copy (one piece, like bench_audio_bridge), per 0.25 s piece
    (tolerates a slip), and slips per minute."""
    scores = copies_correlation(one, recorded)
    reference = np.concatenate([one] * SPEECH_COPIES)
    # the lag is found per piece, but pieces must start near the first piece's lag
    _, lag0 = best_lag(reference, recorded)
    lags, piece_scores = chunk_lags(reference, recorded[lag0:])
    sure = [lag for lag, score in zip(lags, piece_scores, strict=True) if score >= 0.95]
    slips = sum(1 for a, b in itertools.pairwise(sure) if abs(a - b) > 8)
    emit(
        f"{prefix}_correlation",
        round(float(np.median(scores)), 3) if scores else 0.0,
        "",
        min=round(float(np.min(scores)), 3) if scores else 0.0,
        copies=len(scores),
    )
    emit(
        f"{prefix}_piece_correlation",
        round(float(np.median(piece_scores)), 3) if piece_scores else 0.0,
        "",
        p10=round(float(np.percentile(piece_scores, 10)), 3) if piece_scores else 0.0,
        pieces=len(piece_scores),
    )
    emit(
        f"{prefix}_slips",
        round(slips / minutes, 1),
        "/min",
        count=slips,
        note="audio lost or inserted: the lag between well-matched pieces jumps",
    )


def main() -> None:
    base = Path(tempfile.mkdtemp(prefix="vz-bench-engine-audio-"))
    server = PulseServer(base).start()
    phones: list[Phone] = []
    try:
        one = make_speech(base / "speech.wav", "Guten Tag, Büro Doktor Müller, was kann ich tun?")
        speech = base / "speech3.wav"
        subprocess.run(["sox", *[str(one)] * SPEECH_COPIES, str(speech)], check=True)
        with wave.open(str(one), "rb") as src:
            one_samples = np.frombuffer(src.readframes(src.getnframes()), "<i2").astype(float)
        speech_s = len(one_samples) * SPEECH_COPIES / RATE
        clicks = base / "clicks.wav"
        starts = click_train(clicks)

        seat_env = server.env(sink="callout", source="callout.monitor")  # acoustic loop
        seat = start_phone("--input-device", "pulse", "--output-device", "pulse", env=seat_env)
        far = start_phone(user="far")
        echo = start_phone(user="echo")
        phones += [seat, far, echo]
        if seat.ready.audio_mode != "audio":
            raise SystemExit(f"seat engine without audio: {seat.ready.audio_reason}")
        assert seat.process.proc is not None
        pid = seat.process.proc.pid

        time.sleep(1.0)
        cpu0, wall0 = cpu_seconds(pid), time.perf_counter()
        time.sleep(3.0)
        idle_cpu = (cpu_seconds(pid) - cpu0) / (time.perf_counter() - wall0) * 100

        # reference loop: pj echoes, no devices
        far_echo, echo_call = connect(far, echo)
        echo.send(cmds.Echo(call=echo_call))
        pj_loop = round_trip(far, far_echo, clicks, starts, base / "pj_loop.wav")
        sort_data, hold = calibrate_sort()
        emit("engine_audio_ui_stall_gil_hold", round(hold * 1000, 1), "ms", every_ms=50)
        for label, data in (("idle", None), ("ui_busy", sort_data)):
            with gui_stalls(data):
                recorded = play_and_record(
                    far, far_echo, speech, base / f"pj_loop_{label}.wav", speech_s + 1.0
                )
            speech_quality(one_samples, recorded, speech_s / 60, f"engine_audio_pj_only_{label}")
        far.send(cmds.Hangup(call=far_echo))
        far.wait(lambda e: isinstance(e, ev.CallEnded), 5, "echo call ended")

        # device loop: through the seat's bridge and PulseAudio
        far_call, _ = connect(far, seat)
        time.sleep(0.5)
        device_loop = round_trip(far, far_call, clicks, starts, base / "device_loop.wav")
        if not pj_loop or not device_loop:
            raise SystemExit(f"clicks lost: pj {pj_loop}, devices {device_loop}")
        pj_ms, dev_ms = float(np.median(pj_loop)), float(np.median(device_loop))
        emit("engine_audio_round_trip_pj_only", round(pj_ms, 1), "ms", clicks=len(pj_loop))
        emit(
            "engine_audio_round_trip_with_devices",
            round(dev_ms, 1),
            "ms",
            p90=round(float(np.percentile(device_loop, 90)), 1),
            clicks=len(device_loop),
        )
        emit(
            "engine_audio_bridge_added_latency",
            round(dev_ms - pj_ms, 1),
            "ms",
            note="both directions: bridge queues, PortAudio, PulseAudio null sink and monitor",
        )
        status = audio_status(seat)
        emit("engine_audio_bridge_latency_estimate", status.latency_ms, "ms")

        for label, data in (("idle", None), ("ui_busy", sort_data)):
            with gui_stalls(data) as gaps:
                before = audio_status(seat)
                cpu0, wall0 = cpu_seconds(pid), time.perf_counter()
                recorded = play_and_record(
                    far, far_call, speech, base / f"speech_{label}.wav", speech_s + 1.0
                )
                wall = time.perf_counter() - wall0
                cpu = (cpu_seconds(pid) - cpu0) / wall * 100
                after = audio_status(seat)
                pings = [sync(seat) for _ in range(20)]
            underruns = (
                after.mic_underruns
                - before.mic_underruns
                + after.speaker_underruns
                - before.speaker_underruns
            )
            overflows = after.overflows - before.overflows
            emit(f"engine_audio_underruns_{label}", round(underruns * 60 / wall, 1), "/min")
            emit(f"engine_audio_overflows_{label}", round(overflows * 60 / wall, 1), "/min")
            speech_quality(one_samples, recorded, speech_s / 60, f"engine_audio_round_trip_{label}")
            emit(
                f"engine_audio_pipe_ping_{label}",
                round(float(np.median(pings)), 2),
                "ms",
                p90=round(float(np.percentile(pings, 90)), 2),
                ui_max_gil_wait_ms=round(max(gaps), 1) if gaps else 0.0,
            )
            emit(
                f"engine_audio_seat_cpu_{label}",
                round(cpu, 1),
                "% of one core",
                note="seat engine process, one call, speech both ways",
            )
            if label == "idle":
                emit(
                    "engine_audio_cpu_per_active_call",
                    round(cpu - idle_cpu, 1),
                    "% of one core",
                    engine_idle=round(idle_cpu, 1),
                )
    finally:
        for phone in phones:
            phone.process.stop()
        server.stop()
        if os.environ.get("VZ_BENCH_KEEP"):
            print(f"recordings kept in {base}", file=sys.stderr)
        else:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
