"""Benchmark: daily report with 1,000 calls → PDF (s), one call-note PDF (ms).

    python benchmarks/bench_reports.py

Prints JSON lines {"name", "value", "unit"} (medians). Aims: ≤ 1.5 s and ≤ 50 ms.
"""

from __future__ import annotations

import datetime as dt
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reports.call_note_pdf import render_call_note
from reports.daily_report_pdf import render_daily_report
from reports.encryption import encrypt_pdf
from reports.sample import sample_calls, sample_client

DAY = dt.date(2024, 5, 7)


def emit(name: str, value: float, unit: str) -> None:
    print(json.dumps({"name": name, "value": round(value, 4), "unit": unit}), flush=True)


def main() -> None:
    client = sample_client()
    calls = sample_calls(client, DAY, 1000, seed=7)
    render_daily_report(client, DAY, calls[:10])  # fonts loaded, caches warm

    times, pdf = [], b""
    for _ in range(5):
        start = time.perf_counter()
        pdf = render_daily_report(client, DAY, calls)
        times.append(time.perf_counter() - start)
    emit("daily_report_1000_calls_pdf", statistics.median(times), "s")
    emit("daily_report_1000_calls_pdf_size", len(pdf) / 1024, "KiB")

    start_enc = [time.perf_counter()]
    enc_times = []
    for _ in range(3):
        start_enc[0] = time.perf_counter()
        encrypt_pdf(pdf, "benchmark-password")
        enc_times.append(time.perf_counter() - start_enc[0])
    emit("daily_report_1000_calls_aes256", statistics.median(enc_times), "s")

    noted = [c for c in calls if c.note is not None][:50]
    note_times = []
    for one in noted:
        start = time.perf_counter()
        render_call_note(client, one)
        note_times.append(time.perf_counter() - start)
    emit("call_note_pdf", statistics.median(note_times) * 1000, "ms")


if __name__ == "__main__":
    main()
