"""Memory after many short missed calls: each call's page (pop + note form) closes by
itself when nothing was typed, so the window does not grow with the day's calls.

Real engine process and main window (offscreen), 100 clients; each call rings until its
page is complete (pop painted, note form beside it), then the caller gives up. Prints JSON
lines: resident memory of the app and the engine before and after, and the pages left
open. ``--keep-pages`` measures the old behaviour (every page stays) for comparison.

    python benchmarks/bench_pages.py [--calls N] [--keep-pages]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
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

CLIENTS = 100


def emit(name: str, value: float, unit: str) -> None:
    print(json.dumps({"name": name, "value": round(value, 2), "unit": unit}), flush=True)


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=100)
    parser.add_argument("--keep-pages", action="store_true", help="no page closes (before)")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp())
    db = open_database(tmp / "bench.sqlite3")
    build(db.clients, CLIENTS, CLIENTS * 10, 100)

    app = QApplication(["bench"])
    port = free_port()
    phone = PhoneAdapter(["--sip-port", str(port), "--bind", "127.0.0.1", "--null-audio"])
    window = MainWindow(phone, Settings(tmp / "settings.json"))
    window.attach_database(db)
    if args.keep_pages:
        window.pops.call_ended = lambda key: False  # type: ignore[method-assign]
    window.show()
    complete = threading.Event()  # the ringing call's page has its note form
    ended = threading.Event()  # the call is in the log
    window.call_recorded.connect(lambda _record: ended.set())
    label = "kept" if args.keep_pages else "closing"
    rss: dict[str, float] = {}

    def check_page() -> None:
        ringing = phone.board.ringing()
        if ringing and ringing[0].key in window.pops.forms:
            complete.set()

    watch = QTimer()
    watch.timeout.connect(check_page)
    watch.start(20)

    def measure(when: str) -> None:
        gc.collect()
        proc = phone.process.proc
        rss[f"app_{when}"] = rss_mb(os.getpid())
        rss[f"engine_{when}"] = rss_mb(proc.pid) if proc is not None else 0.0

    def drive() -> None:
        uac = RawUac(port)
        for n in range(args.calls):
            complete.clear()
            ended.clear()
            uac.ring_and_cancel(
                did(n % CLIENTS), on_ringing=lambda: complete.wait(5), caller=caller_number(n)
            )
            ended.wait(5)
        uac.close()
        time.sleep(1.0)  # pages deleted later, in the event loop
        done.set()

    done = threading.Event()
    poll = QTimer()
    poll.timeout.connect(lambda: done.is_set() and app.quit())
    poll.start(100)

    def start() -> None:
        measure("before")
        threading.Thread(target=drive, daemon=True).start()

    def on_state(state: str, _detail: str) -> None:
        if state == "running" and "app_before" not in rss:
            rss["app_before"] = 0.0
            QTimer.singleShot(500, start)

    phone.engine_state.connect(on_state)
    phone.start()
    app.exec()
    app.processEvents()
    measure("after")
    pages = len(window.pops.pages)
    phone.stop()
    db.close()
    emit(f"pages_{label}_app_rss_before", rss["app_before"], "MB")
    emit(f"pages_{label}_app_rss_after_{args.calls}_missed", rss["app_after"], "MB")
    emit(f"pages_{label}_engine_rss_before", rss["engine_before"], "MB")
    emit(f"pages_{label}_engine_rss_after_{args.calls}_missed", rss["engine_after"], "MB")
    emit(f"pages_{label}_open_after_{args.calls}_missed", pages, "pages")


if __name__ == "__main__":
    main()
