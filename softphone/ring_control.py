"""Alerting the operator: the ringer (own thread) and the call-waiting beep (pj thread)."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pjsua2 as pj

from appenv import logs
from softphone.ringtone import Ringer

log = logs.get("softphone")

#: Call waiting, as German exchanges signal it (ETSI 425 Hz): two short beeps every ~5 s,
#: mixed into the headset. The loud ringer would drown the conversation already going on.
CALL_WAITING_TONES = ((425, 200, 200), (425, 200, 4600))  # (Hz, on ms, off ms)


class RingControl:
    """Starts and stops the ringer on its own thread.

    Opening a sound device can take a while (a Bluetooth headset wakes up slowly); the pj
    thread only states what it wants and never waits for PortAudio. ``report`` hears once
    why the ringer cannot ring (no device), so the operator learns it before a call is
    missed.
    """

    def __init__(self, ringer: Ringer, report: Callable[[str], None]) -> None:
        self.ringer = ringer
        self._report = report
        self._reported = ""
        self._want = False
        self._closed = False
        self._cond = threading.Condition()
        self._thread = threading.Thread(target=self._run, name="ringer", daemon=True)
        self._thread.start()

    def set(self, ringing: bool) -> None:
        with self._cond:
            self._want = ringing
            self._cond.notify()

    def close(self) -> None:
        with self._cond:
            self._closed = True
            self._cond.notify()
        self._thread.join(3.0)
        self.ringer.stop()

    def _run(self) -> None:
        applied = False
        while True:
            with self._cond:
                while self._want == applied and not self._closed:
                    self._cond.wait()
                if self._closed:
                    return
                want = self._want
            if want:
                self.ringer.start()
                reason = self.ringer.reason or ""
                if self.ringer.mode == "null" and reason != self._reported:
                    self._reported = reason
                    self._report(reason)
            else:
                self.ringer.stop()
            applied = want


class WaitingTone:
    """The call-waiting beep, mixed into the bridge port (the headset). pj thread only."""

    def __init__(self, clock_rate: int) -> None:
        self.tone: pj.ToneGenerator | None = pj.ToneGenerator()
        self.tone.createToneGenerator(clock_rate, 1)
        self.beeping = False

    def set(self, on: bool, port: pj.AudioMedia | None) -> None:
        tone = self.tone
        if tone is None or port is None or on == self.beeping:
            return
        self.beeping = on
        try:
            if on:
                tones = pj.ToneDescVector()
                for freq, on_ms, off_ms in CALL_WAITING_TONES:
                    desc = pj.ToneDesc()
                    desc.freq1, desc.freq2 = freq, 0
                    desc.on_msec, desc.off_msec = on_ms, off_ms
                    desc.volume = 0  # pj's default level
                    tones.append(desc)
                tone.play(tones, True)
                tone.startTransmit(port)
            else:
                tone.stopTransmit(port)
                tone.stop()
        except pj.Error as exc:  # a missing beep must not break call handling
            log.info("call-waiting tone: %s", exc.info())

    def close(self) -> None:
        self.tone = None
