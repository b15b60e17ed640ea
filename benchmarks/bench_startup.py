"""Cold start of the app (offscreen): process start → window shown → phone engine ready;
idle RSS of the app and its engine process. Prints JSON lines."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNS = int(os.environ.get("BENCH_RUNS", "7"))


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def children(pid: int) -> list[int]:
    out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
    return [int(x) for x in out.split()]


def one_run(home: Path, port: int) -> dict[str, float]:
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        VORZIMMER_STARTUP_PROBE="1",
        VORZIMMER_NULL_AUDIO="1",
    )
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), "--home", str(home), "--sip-port", str(port)],
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )
    marks: dict[str, float] = {}
    assert proc.stderr is not None
    for line in proc.stderr:
        if line.startswith("probe "):
            marks.setdefault(line.split()[1], (time.perf_counter() - t0) * 1000)
            if "engine-running" in marks:
                break
    time.sleep(2.0)  # settle, then measure idle memory
    app_rss = rss_mb(proc.pid)
    engine_rss = sum(rss_mb(c) for c in children(proc.pid))
    proc.terminate()
    proc.wait(10)
    return {
        "window": marks.get("window-shown", -1),
        "engine": marks.get("engine-running", -1),
        "app_rss": app_rss,
        "engine_rss": engine_rss,
    }


def main() -> None:
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(RUNS):
            results.append(one_run(Path(tmp) / "home", 25070 + i))
    for key, name, unit in (
        ("window", "cold_start_to_window_shown", "ms"),
        ("engine", "cold_start_to_phone_ready", "ms"),
        ("app_rss", "idle_rss_app", "MB"),
        ("engine_rss", "idle_rss_engine", "MB"),
    ):
        value = statistics.median(r[key] for r in results[1:] or results)
        print(json.dumps({"name": name, "value": round(value, 1), "unit": unit}))
    total = statistics.median(r["app_rss"] + r["engine_rss"] for r in results)
    print(json.dumps({"name": "idle_rss_total", "value": round(total, 1), "unit": "MB"}))


if __name__ == "__main__":
    main()
