"""Engine latency and cost: INVITE → incoming-call event in the app (ms), INVITE → 180 on the
wire (ms), engine start → registered with kamailio (ms), RSS and CPU with one active call.
Prints JSON lines."""

from __future__ import annotations

import json
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.sip_uac import RawUac  # noqa: E402
from softphone import commands as cmds  # noqa: E402
from softphone import events as ev  # noqa: E402
from tests.fixtures.sip import Registrar, start_phone  # noqa: E402

N = 40


def emit(name: str, value: float, unit: str) -> None:
    print(json.dumps({"name": name, "value": round(value, 2), "unit": unit}), flush=True)


def proc_stat(pid: int) -> tuple[float, float]:
    """(cpu seconds, rss MB) of a process."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = int(fields[11]) + int(fields[12])
    rss_pages = int(fields[21])
    import os

    return ticks / os.sysconf("SC_CLK_TCK"), rss_pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def main() -> None:
    phone = start_phone()
    pid = phone.process.proc.pid  # type: ignore[union-attr]
    uac = RawUac(phone.port)
    to_event, to_ringing = [], []
    try:
        for _ in range(N):
            got = threading.Event()
            arrival: list[float] = []

            def hook(event: ev.Event, arrival=arrival, got=got) -> None:
                if isinstance(event, ev.IncomingCall):
                    arrival.append(time.time())
                    got.set()

            def both(e: ev.Event, h=hook, log=phone.log) -> None:
                h(e)
                log(e)

            phone.process.on_event = both
            sent, ringing = uac.ring_and_cancel("+4930555010", on_ringing=lambda g=got: g.wait(5))
            to_event.append((arrival[0] - sent) * 1000)
            to_ringing.append((ringing - sent) * 1000)
            time.sleep(0.05)
        emit("invite_to_incoming_event_p50", statistics.median(to_event), "ms")
        emit("invite_to_incoming_event_p95", statistics.quantiles(to_event, n=20)[-1], "ms")
        emit("invite_to_180_p50", statistics.median(to_ringing), "ms")
        emit("invite_to_180_p95", statistics.quantiles(to_ringing, n=20)[-1], "ms")

        time.sleep(1)
        cpu0, rss_idle = proc_stat(pid)
        emit("engine_idle_rss", rss_idle, "MB")
        # one active call for 10 s: a second engine calls in and streams silence both ways
        peer = start_phone("--auto-answer", "200", user="peer")
        try:
            phone.send(cmds.Dial(uri=f"sip:peer@127.0.0.1:{peer.port}", tag="bench"))
            started = phone.wait(lambda e: isinstance(e, ev.CallStarted), 5)
            phone.wait_state(started.call, "confirmed")  # type: ignore[union-attr]
            cpu0, _ = proc_stat(pid)
            t0 = time.monotonic()
            time.sleep(10)
            cpu1, rss_call = proc_stat(pid)
            emit(
                "engine_cpu_one_call", (cpu1 - cpu0) / (time.monotonic() - t0) * 100, "% of a core"
            )
            emit("engine_rss_one_call", rss_call, "MB")
            phone.send(cmds.Hangup(call=started.call))  # type: ignore[union-attr]
        finally:
            peer.process.stop()
    finally:
        uac.close()
        phone.process.stop()

    # cold start to registered (engine alone, kamailio on loopback)
    if shutil.which("kamailio"):
        with tempfile.TemporaryDirectory() as tmp:
            from tests.fixtures.sip import KAMAILIO_DIR, free_port

            d = Path(tmp)
            (d / "db").mkdir()
            for name in ("subscriber", "version"):
                shutil.copy(KAMAILIO_DIR / "db" / name, d / "db" / name)
            port = free_port()
            cfg = (KAMAILIO_DIR / "kamailio.cfg").read_text()
            (d / "kamailio.cfg").write_text(
                cfg.replace("@PORT@", str(port)).replace("@KAMAILIO_DB_DIR@", str(d / "db"))
            )
            reg = Registrar(port, d)
            reg.start()
            times = []
            try:
                for _ in range(5):
                    t0 = time.monotonic()
                    p = start_phone(user="secretary")
                    p.send(
                        cmds.Register(
                            registrar=reg.address,
                            username="secretary",
                            password="s3cret-pw",
                        )
                    )
                    p.wait(
                        lambda e: isinstance(e, ev.RegistrationState) and e.state == "registered",
                        10,
                    )
                    times.append((time.monotonic() - t0) * 1000)
                    p.process.stop()
            finally:
                reg.stop()
            emit("engine_start_to_registered", statistics.median(times), "ms")


if __name__ == "__main__":
    main()
