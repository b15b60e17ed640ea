"""Audio through the real engine process and real sound devices (PulseAudio null sinks).

Our side is an engine process as the app starts it, with the ALSA ``pulse`` device as
headset: its speaker is the ``callout`` sink (the test records ``callout.monitor``), its
microphone is ``micsrc.monitor`` (the test plays speech into ``micsrc``). The far end is a
second engine process without sound devices that speaks with ``play_file`` and listens
with ``record_file``. Between them: SIP, RTP and G.722 on loopback.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
import wave
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from softphone import commands as cmds
from softphone import events as ev
from softphone.ring_control import CALL_WAITING_TONES
from softphone.ringtone import DING_HZ, DONG_HZ
from tests.conftest import require_tool
from tests.fixtures.pulse import PulseServer, make_speech, read_wav
from tests.fixtures.sip import Phone

pytestmark = pytest.mark.integration

RATE = 16000
Samples = np.ndarray


# -- helpers -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def speech_wav(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """About 5 s of German speech, 16 kHz mono (the engine's clock rate)."""
    require_tool("espeak-ng")
    require_tool("sox")
    folder = tmp_path_factory.mktemp("speech")
    return make_speech(
        folder / "speech.wav",
        "Guten Tag, Sie sind verbunden mit dem Büro Doktor Müller. Was kann ich für Sie tun?",
    )


@pytest.fixture
def seat(pulse_server: PulseServer, phone_factory: Callable[..., Phone]) -> Phone:
    """Our engine with the PulseAudio headset (ringer on the same device by default)."""
    phone = phone_factory(
        "--input-device", "pulse", "--output-device", "pulse", env=pulse_server.env(), user="seat"
    )
    assert phone.ready.audio_mode == "audio", phone.ready.audio_reason
    return phone


def samples(data: bytes) -> Samples:
    return np.frombuffer(data, "<i2").astype(np.float64)


def wav_samples(path: Path, timeout: float = 5.0) -> Samples:
    """A WAV the far end recorded; pj writes its header when the recorder is dropped."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            data, rate = read_wav(path)
            assert rate == RATE
            return samples(data)
        except (wave.Error, EOFError, FileNotFoundError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def aligned(reference: Samples, recording: Samples) -> tuple[float, int]:
    """Normalised waveform correlation at the best lag, and that lag in samples."""
    x, y = reference, recording
    if len(y) < len(x):
        y = np.pad(y, (0, len(x) - len(y)))
    n = 1 << int(np.ceil(np.log2(len(x) + len(y))))
    cross = np.fft.irfft(np.fft.rfft(y, n) * np.conj(np.fft.rfft(x, n)), n)
    lag = int(np.argmax(cross[: len(y) - len(x) + 1]))
    seg = y[lag : lag + len(x)]
    return float(np.dot(seg, x) / (np.sqrt(np.dot(seg, seg) * np.dot(x, x)) or 1.0)), lag


def chunked_correlation(reference: Samples, recording: Samples, chunk_s: float = 0.5) -> float:
    """Align the whole, then each half second within ±60 ms; energy-weighted mean.

    One 20 ms gap (the two clocks met in phase) would shift the rest of a one-piece
    comparison although every word is intact; the glitch counters are checked apart."""
    _, lag = aligned(reference, recording)
    size, slack = int(RATE * chunk_s), RATE * 60 // 1000
    total = weight = 0.0
    for start in range(0, len(reference) - size + 1, size):
        piece = reference[start : start + size]
        energy = float(np.dot(piece, piece))
        if energy < size * 100.0**2:  # a pause between words says nothing
            continue
        window = recording[max(0, lag + start - slack) : lag + start + size + slack]
        if len(window) < size:
            continue
        total += aligned(piece, window)[0] * energy
        weight += energy
    return total / weight if weight else 0.0


def rms(x: Samples, start_s: float, end_s: float) -> float:
    part = x[int(start_s * RATE) : int(end_s * RATE)]
    assert len(part) > RATE // 10, f"window {start_s:.2f}-{end_s:.2f} s is outside the recording"
    return float(np.sqrt(np.mean(part**2)))


def band_share(x: Samples, hz: float, width: float = 15.0) -> float:
    """Share of the signal's energy within ``hz`` ± ``width``."""
    power = np.abs(np.fft.rfft(x)) ** 2
    freqs = np.fft.rfftfreq(len(x), 1 / RATE)
    total = float(power.sum()) or 1.0
    return float(power[np.abs(freqs - hz) <= width].sum()) / total


def record_for(pulse: PulseServer, path: Path, seconds: float) -> Samples:
    with pulse.record(path) as recording:
        time.sleep(seconds)
    return samples(recording.stop())


def connect(caller: Phone, callee: Phone) -> tuple[str, str]:
    """``caller`` dials ``callee``, who answers; both have active media. Returns both ids."""
    caller.send(cmds.Dial(uri=callee.uri, tag="t"))
    started = caller.wait(lambda e: isinstance(e, ev.CallStarted), 10, "call started")
    incoming = callee.wait(lambda e: isinstance(e, ev.IncomingCall), 10, "incoming")
    assert isinstance(started, ev.CallStarted) and isinstance(incoming, ev.IncomingCall)
    callee.send(cmds.Answer(call=incoming.call))
    for phone, call in ((caller, started.call), (callee, incoming.call)):
        phone.wait(media_active(call), 5, f"{call} media")
    return started.call, incoming.call


def media_active(call: str) -> Callable[[ev.Event], bool]:
    return lambda e: isinstance(e, ev.MediaStateChanged) and e.call == call and e.active


def audio_status(phone: Phone) -> ev.AudioStatus:
    """A fresh status: ``ping`` makes the engine report at once."""
    phone.log.cursor = len(phone.log.events)  # not a periodic report from before
    phone.send(cmds.Ping())
    status = phone.wait(lambda e: isinstance(e, ev.AudioStatus), 10, "audio status")
    assert isinstance(status, ev.AudioStatus)
    return status


# -- speech both ways -----------------------------------------------------------------------


def test_speech_flows_both_ways_between_far_end_and_headset(
    seat: Phone,
    phone_factory: Callable[..., Phone],
    pulse_server: PulseServer,
    speech_wav: Path,
    tmp_path: Path,
) -> None:
    far = phone_factory(user="caller")
    far_call, _ = connect(far, seat)
    reference = wav_samples(speech_wav)
    seconds = len(reference) / RATE

    # far end → our speaker (callout)
    with pulse_server.record(tmp_path / "callout.wav") as heard:
        time.sleep(0.3)
        far.send(cmds.PlayFile(call=far_call, path=str(speech_wav)))
        time.sleep(seconds + 0.8)
    at_seat = samples(heard.stop())
    far.send(cmds.StopFiles())

    # our microphone (micsrc) → far end
    far_wav = tmp_path / "far.wav"
    far.send(cmds.RecordFile(call=far_call, path=str(far_wav)))
    time.sleep(0.3)
    pulse_server.play(speech_wav)
    time.sleep(0.6)
    far.send(cmds.StopFiles())
    at_far = wav_samples(far_wav)

    to_seat = chunked_correlation(reference, at_seat)
    to_far = chunked_correlation(reference, at_far)
    assert to_seat >= 0.9, f"far end → headset correlation {to_seat:.3f}"
    assert to_far >= 0.9, f"microphone → far end correlation {to_far:.3f}"
    # and not by accident: silence and a shifted copy do not correlate
    assert chunked_correlation(reference, np.zeros_like(at_seat)) < 0.1
    assert aligned(reference, at_seat[: RATE // 4])[0] < 0.5

    status = audio_status(seat)
    assert status.mode == "audio", status
    assert status.speaker_underruns + status.mic_underruns <= 5, status


def test_hold_silences_both_directions_and_resume_restores_them(
    seat: Phone,
    phone_factory: Callable[..., Phone],
    pulse_server: PulseServer,
    speech_wav: Path,
    tmp_path: Path,
) -> None:
    """Every hold and resume is a re-INVITE that rebuilds the media stream: the engine
    must reconnect the headset (and a file) each time, and while it holds a caller, the
    caller must not overhear the secretary."""
    far = phone_factory(user="caller")
    far_call, seat_call = connect(far, seat)
    long_wav = tmp_path / "long.wav"
    subprocess.run([require_tool("sox"), speech_wav, speech_wav, speech_wav, long_wav], check=True)
    far_wav = tmp_path / "far.wav"

    def stream_audio() -> tuple[float, float, float, float]:
        """Both directions talk continuously; hold after 2.5 s, resume 3 s later."""
        time.sleep(0.2)
        started = time.perf_counter()
        far.send(cmds.PlayFile(call=far_call, path=str(long_wav)))
        far.send(cmds.RecordFile(call=far_call, path=str(far_wav)))
        mic = pulse_server.play(long_wav, wait=False)
        try:
            time.sleep(2.5)
            seat.send(cmds.Hold(call=seat_call))
            seat.wait(lambda e: isinstance(e, ev.MediaStateChanged) and e.local_hold, 10, "held")
            held = time.perf_counter() - started
            time.sleep(3.0)
            seat.send(cmds.Unhold(call=seat_call))
            seat.wait(
                lambda e: isinstance(e, ev.MediaStateChanged) and e.active and not e.local_hold,
                5,
                "resumed",
            )
            resumed = time.perf_counter() - started
            time.sleep(3.0)
        finally:
            mic.kill()
            mic.wait()
        far.send(cmds.StopFiles())
        return started, held, resumed, time.perf_counter() - started

    with pulse_server.record(tmp_path / "callout.wav") as heard:
        record_started = time.perf_counter()
        started, held, resumed, end = stream_audio()
    at_seat = samples(heard.stop())
    at_far = wav_samples(far_wav)
    offset = started - record_started  # the speaker recording began earlier

    for name, audio, shift in (("at the seat", at_seat, offset), ("at the caller", at_far, 0)):
        before = rms(audio, shift + 0.6, shift + held - 0.1)
        during = rms(audio, shift + held + 0.6, shift + resumed - 0.1)
        after = rms(audio, shift + resumed + 0.6, shift + end - 0.4)
        assert before > 800, f"{name}: no speech before hold ({before:.0f})"
        assert during < 60, f"{name}: audio leaks while on hold ({during:.0f})"
        assert after > 800, f"{name}: speech did not come back after resume ({after:.0f})"


# -- ringing --------------------------------------------------------------------------------

#: Anything the ringer or the call-waiting beep plays is far above this; silence of a
#: null-audio far end through G.722 is below 10.
QUIET_RMS = 60.0
RING_CYCLE_S = 3.6  # ring_pattern: chimes, then a pause; one cycle is sure to chime


def assert_chimes(x: Samples, what: str) -> None:
    assert rms(x, 0, len(x) / RATE) > 300, f"{what}: no ring heard"
    share = band_share(x, DING_HZ) + band_share(x, DONG_HZ)
    assert share > 0.3, f"{what}: the sound is not the ring chime ({share:.2f})"


def assert_quiet(x: Samples, what: str) -> None:
    loudest = max(rms(x, t, t + 0.2) for t in np.arange(0, len(x) / RATE - 0.2, 0.2))
    assert loudest < QUIET_RMS, f"{what}: still sounding (loudest 0.2 s: {loudest:.0f})"


def test_ringer_rings_while_a_call_waits_and_stops_on_answer(
    seat: Phone, phone_factory: Callable[..., Phone], pulse_server: PulseServer, tmp_path: Path
) -> None:
    far = phone_factory(user="caller")
    far.send(cmds.Dial(uri=seat.uri, tag="t"))
    incoming = seat.wait(lambda e: isinstance(e, ev.IncomingCall), 10, "incoming")
    assert isinstance(incoming, ev.IncomingCall)
    ringing = record_for(pulse_server, tmp_path / "ring.wav", 2.0)
    assert_chimes(ringing, "while ringing")

    seat.send(cmds.Answer(call=incoming.call))
    seat.wait_state(incoming.call, "confirmed")
    time.sleep(0.4)
    assert_quiet(record_for(pulse_server, tmp_path / "answered.wav", RING_CYCLE_S), "answered")


def test_ringer_stops_when_the_caller_gives_up_or_we_reject(
    seat: Phone, phone_factory: Callable[..., Phone], pulse_server: PulseServer, tmp_path: Path
) -> None:
    far = phone_factory(user="caller")
    for ending in ("cancel", "reject"):
        far.send(cmds.Dial(uri=seat.uri, tag=ending))
        started = far.wait(lambda e: isinstance(e, ev.CallStarted), 10, "started")
        incoming = seat.wait(lambda e: isinstance(e, ev.IncomingCall), 10, "incoming")
        assert isinstance(started, ev.CallStarted) and isinstance(incoming, ev.IncomingCall)
        assert_chimes(record_for(pulse_server, tmp_path / f"{ending}1.wav", 1.2), ending)
        if ending == "cancel":
            far.send(cmds.Hangup(call=started.call))
        else:
            seat.send(cmds.Reject(call=incoming.call, code=486))
        ended = seat.wait(lambda e: isinstance(e, ev.CallEnded), 5, f"{ending}: ended")
        assert isinstance(ended, ev.CallEnded) and not ended.answered
        far.wait(lambda e: isinstance(e, ev.CallEnded), 5, f"{ending}: caller ended")
        time.sleep(0.4)
        quiet = record_for(pulse_server, tmp_path / f"{ending}2.wav", RING_CYCLE_S)
        assert_quiet(quiet, f"after {ending}")


def test_call_waiting_beeps_in_the_headset_instead_of_ringing(
    seat: Phone, phone_factory: Callable[..., Phone], pulse_server: PulseServer, tmp_path: Path
) -> None:
    first = phone_factory(user="first")
    second = phone_factory(user="second")
    first_call, _ = connect(first, seat)

    second.send(cmds.Dial(uri=seat.uri, tag="waiting"))
    waiting = seat.wait(lambda e: isinstance(e, ev.IncomingCall), 10, "second call")
    assert isinstance(waiting, ev.IncomingCall)
    beep = record_for(pulse_server, tmp_path / "beep.wav", 1.0)
    beep_hz = CALL_WAITING_TONES[0][0]
    assert rms(beep, 0, 1.0) > 100, "no call-waiting beep"
    assert band_share(beep, beep_hz) > 0.5, "the beep is not the call-waiting tone"
    assert band_share(beep, DING_HZ) + band_share(beep, DONG_HZ) < 0.05, "the ringer rang"

    # the first call ends while the second still waits: now it rings for real
    first.send(cmds.Hangup(call=first_call))
    seat.wait(lambda e: isinstance(e, ev.CallEnded), 10, "first call ended")
    time.sleep(0.3)
    assert_chimes(record_for(pulse_server, tmp_path / "ring.wav", 1.5), "line free")

    seat.send(cmds.Reject(call=waiting.call, code=486))
    seat.wait(lambda e: isinstance(e, ev.CallEnded), 10, "second call rejected")
    time.sleep(0.4)
    assert_quiet(record_for(pulse_server, tmp_path / "quiet.wav", RING_CYCLE_S), "all done")


# -- no sound device ------------------------------------------------------------------------


@pytest.mark.expect_warnings
def test_engine_without_sound_devices_runs_in_null_mode_and_still_takes_calls(
    phone_factory: Callable[..., Phone], pulse_server: PulseServer
) -> None:
    """Devices that do not exist (unplugged headset) and no ringing device: the engine
    says so, the call still rings on screen and connects, nothing crashes."""
    seat = phone_factory(
        "--input-device",
        "no such headset",
        "--output-device",
        "no such headset",
        env=pulse_server.env(),
        user="seat",
    )
    assert seat.ready.audio_mode == "null"
    assert "no such headset" in seat.ready.audio_reason
    far = phone_factory(user="caller")
    far.send(cmds.Dial(uri=seat.uri, tag="t"))
    incoming = seat.wait(lambda e: isinstance(e, ev.IncomingCall), 10, "incoming")
    assert isinstance(incoming, ev.IncomingCall)
    error = seat.wait(lambda e: isinstance(e, ev.EngineError), 10, "ringer problem reported")
    assert isinstance(error, ev.EngineError) and error.command == "ring"
    assert "no such headset" in error.message
    seat.send(cmds.Answer(call=incoming.call))
    seat_call = incoming.call
    seat.wait_state(seat_call, "confirmed")
    started = far.wait(lambda e: isinstance(e, ev.CallStarted), 10, "caller's call")
    assert isinstance(started, ev.CallStarted)
    far_call = started.call
    seat.send(cmds.Hold(call=seat_call))
    seat.wait(lambda e: isinstance(e, ev.MediaStateChanged) and e.local_hold, 10, "held")
    assert audio_status(seat).mode == "null"
    far.send(cmds.Hangup(call=far_call))
    seat.wait(lambda e: isinstance(e, ev.CallEnded), 10, "ended")
    assert seat.process.running
    assert seat.process.stop() == 0


@pytest.mark.expect_warnings
def test_engine_without_any_sound_server_reports_null_mode(
    phone_factory: Callable[..., Phone], tmp_path: Path
) -> None:
    env = dict(os.environ, PULSE_SERVER=f"unix:{tmp_path}/no-server")
    seat = phone_factory("--input-device", "pulse", "--output-device", "pulse", env=env)
    assert seat.ready.audio_mode == "null"
    assert seat.ready.audio_reason, "null mode without a reason"
    assert audio_status(seat).reason == seat.ready.audio_reason
    assert seat.process.stop() == 0


# -- shutdown -------------------------------------------------------------------------------


@pytest.mark.expect_warnings  # the client logs the signalled exit as unexpected
def test_sigterm_with_a_call_up_and_another_waiting_ends_both_cleanly(
    seat: Phone, phone_factory: Callable[..., Phone]
) -> None:
    """Every pj object of the audio path is alive (bridge port, call-waiting tone,
    ringer thread): the engine must still hang up, say BYE and exit 0, quickly."""
    first = phone_factory(user="first")
    second = phone_factory(user="second")
    connect(first, seat)
    second.send(cmds.Dial(uri=seat.uri, tag="waiting"))
    seat.wait(lambda e: isinstance(e, ev.IncomingCall), 10, "second call")
    time.sleep(0.3)  # the call-waiting tone is playing
    assert seat.process.proc is not None
    started = time.perf_counter()
    seat.process.proc.send_signal(signal.SIGTERM)
    assert seat.process.proc.wait(5) == 0
    took = time.perf_counter() - started
    codes = []
    for far in (first, second):
        ended = far.wait(lambda e: isinstance(e, ev.CallEnded), 3, "far end told")
        assert isinstance(ended, ev.CallEnded)
        codes.append(ended.code)
    assert codes[0] == 200, codes  # BYE for the call that was up
    assert codes[1] in (480, 486, 487, 603), codes  # the waiting call was turned down
    assert took < 2.0, f"shutdown took {took:.1f} s"
    seat.process.stop()


# -- echo -----------------------------------------------------------------------------------


def test_echo_returns_the_callers_audio(
    phone_factory: Callable[..., Phone], speech_wav: Path, tmp_path: Path
) -> None:
    """``echo`` loops a call's audio back inside pj (line test; the latency benchmark's
    reference loop); it survives a re-INVITE like every other connection."""
    far = phone_factory(user="caller")
    echo = phone_factory(user="echo")
    far_call, echo_call = connect(far, echo)
    echo.send(cmds.Echo(call=echo_call))
    echo.send(cmds.Hold(call=echo_call))
    echo.wait(lambda e: isinstance(e, ev.MediaStateChanged) and e.local_hold, 10, "held")
    echo.send(cmds.Unhold(call=echo_call))
    echo.wait(lambda e: isinstance(e, ev.MediaStateChanged) and not e.local_hold, 10, "resumed")
    back = tmp_path / "back.wav"
    reference = wav_samples(speech_wav)
    seconds = len(reference) / RATE
    far.send(cmds.RecordFile(call=far_call, path=str(back)))
    far.send(cmds.PlayFile(call=far_call, path=str(speech_wav)))
    time.sleep(seconds + 0.5)
    echo.send(cmds.Echo(call=echo_call, on=False))
    time.sleep(0.3)
    far.send(cmds.PlayFile(call=far_call, path=str(speech_wav)))  # into the void this time
    time.sleep(seconds)
    far.send(cmds.StopFiles())
    heard = wav_samples(back)
    assert chunked_correlation(reference, heard[: int((seconds + 0.5) * RATE)]) >= 0.9
    assert rms(heard, seconds + 0.8, len(heard) / RATE) < QUIET_RMS  # echo off
