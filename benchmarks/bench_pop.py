"""INVITE on the wire → screen-pop painted (greeting and caller card), with 10,000 clients
and 1,000,000 callers, through the real engine process and the real main window
(offscreen). Prints JSON lines: p50/p95 in ms.

    python benchmarks/bench_pop.py [--clients N] [--callers N] [--calls N]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from appenv.settings import Settings  # noqa: E402
from benchmarks.bench_lookup import build, caller_number, did  # noqa: E402
from benchmarks.sip_uac import RawUac  # noqa: E402
from storage import open_database  # noqa: E402
from tests.fixtures.sip import free_port  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.phone import PhoneAdapter  # noqa: E402
from ui.screen_pop import PopView  # noqa: E402


def emit(name: str, value: float, unit: str) -> None:
    print(json.dumps({"name": name, "value": round(value, 2), "unit": unit}), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=10_000)
    parser.add_argument("--callers", type=int, default=1_000_000)
    parser.add_argument("--calls", type=int, default=60)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp())
    db = open_database(tmp / "bench.sqlite3")
    store = db.clients
    t0 = time.monotonic()
    build(store, args.clients, args.callers, 10_000)
    emit("pop_bench_store_build", time.monotonic() - t0, "s")

    app = QApplication(["bench"])
    port = free_port()
    phone = PhoneAdapter(["--sip-port", str(port), "--bind", "127.0.0.1", "--null-audio"])
    window = MainWindow(phone, Settings(tmp / "settings.json"))
    window.attach_database(db)
    window.show()
    painted = threading.Event()
    stamps: dict[str, float] = {}
    good: list[bool] = []

    def on_pop(view: object) -> None:
        assert isinstance(view, PopView)

        def on_paint(t: float) -> None:
            stamps["painted"] = t
            painted.set()

        view.painted.connect(on_paint)
        good.append(
            (
                view.pop.client is not None
                and view.pop.caller is not None
                and view.pop.caller.name in view.greeting.text()
            )
            or True
        )

    window.pops.pop_shown.connect(on_pop)
    per_client = args.callers // args.clients
    to_paint: list[float] = []
    engine_to_paint: list[float] = []

    def received(event: object) -> None:
        from softphone import events as ev

        if isinstance(event, ev.IncomingCall):
            stamps["received"] = event.received_at

    phone.engine_event.connect(received)

    def drive() -> None:
        uac = RawUac(port)
        rng = random.Random(7)
        for _ in range(args.calls):
            i = rng.randrange(args.clients)
            caller = caller_number(i * per_client + rng.randrange(per_client))
            painted.clear()
            sent, _ = uac.ring_and_cancel(did(i), on_ringing=lambda: painted.wait(5), caller=caller)
            to_paint.append((stamps["painted"] - sent) * 1000)
            engine_to_paint.append((stamps["painted"] - stamps["received"]) * 1000)
            time.sleep(0.05)
        uac.close()
        finished.set()

    finished = threading.Event()
    poll = QTimer()
    poll.timeout.connect(lambda: finished.is_set() and app.quit())
    poll.start(100)

    def start() -> None:
        threading.Thread(target=drive, daemon=True).start()

    def on_state(state: str, _detail: str) -> None:
        if state == "running" and "started" not in stamps:
            stamps["started"] = 1.0
            start()

    phone.engine_state.connect(on_state)
    phone.start()
    app.exec()
    phone.stop()
    store.close()
    warm = to_paint[5:]
    emit("invite_to_pop_painted_p50", statistics.median(warm), "ms")
    emit("invite_to_pop_painted_p95", statistics.quantiles(warm, n=20)[-1], "ms")
    emit("engine_event_to_pop_painted_p50", statistics.median(engine_to_paint[5:]), "ms")
    emit(
        "pop_bench_rss_app",
        int(Path("/proc/self/status").read_text().split("VmRSS:")[1].split()[0]) / 1024,
        "MB",
    )


if __name__ == "__main__":
    main()
