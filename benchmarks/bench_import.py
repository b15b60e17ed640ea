"""Import rate: clients CSV (cp1252, ``;``) and callers CSV / vCard into a fresh store.

Prints JSON lines ``{"name": ..., "value": ..., "unit": ...}``.

    python benchmarks/bench_import.py [--clients N] [--callers N] [--vcards N]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from clients import importing
from storage import open_database


def emit(name: str, value: float, unit: str) -> None:
    print(json.dumps({"name": name, "value": round(value, 1), "unit": unit}), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=10_000)
    parser.add_argument("--callers", type=int, default=100_000)
    parser.add_argument("--vcards", type=int, default=20_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        clients_csv = folder / "clients.csv"
        lines = ["Kürzel;Name;Rufnummern;Begrüßung;Öffnungszeiten;Bundesland"]
        lines += [
            f"K{i};Müller & Söhne {i};030 {5000000 + i} | +49 (0)40 {6000000 + i};"
            f"{{client}}, {{greeting}}, {{caller_name}}.;Mo-Fr 08:00-12:00 13:00-17:00;BE"
            for i in range(args.clients)
        ]
        clients_csv.write_bytes("\r\n".join(lines).encode("cp1252"))
        callers_csv = folder / "callers.csv"
        lines = ["Name;Firma;Telefon;Notizen;VIP"]
        lines += [
            f"Anrufer {i};Firma {i % 977};0151 {10000000 + i};Notiz {i};nein"
            for i in range(args.callers)
        ]
        callers_csv.write_bytes(b"\xef\xbb\xbf" + "\r\n".join(lines).encode("utf-8"))
        vcf = folder / "callers.vcf"
        vcf.write_text(
            "".join(
                f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Kontakt {i}\r\nORG:Firma {i}\r\n"
                f"TEL;TYPE=CELL:+49 160 {20000000 + i}\r\nEND:VCARD\r\n"
                for i in range(args.vcards)
            ),
            encoding="utf-8",
        )

        store = open_database(folder / "bench.sqlite3").clients
        t = time.perf_counter()
        report = importing.import_clients(store, clients_csv)
        elapsed = time.perf_counter() - t
        assert report.committed and report.created == args.clients, report.rejected[:3]
        emit("import.clients_csv_rate", args.clients / elapsed, "rows/s")
        client = store.get_client_by_code("K0")
        assert client is not None
        t = time.perf_counter()
        report = importing.import_callers(store, callers_csv, client.id)
        elapsed = time.perf_counter() - t
        assert report.committed and report.created == args.callers, report.rejected[:3]
        emit("import.callers_csv_rate", args.callers / elapsed, "rows/s")
        other = store.get_client_by_code("K1")
        assert other is not None
        t = time.perf_counter()
        report = importing.import_callers(store, vcf, other.id)
        elapsed = time.perf_counter() - t
        assert report.committed and report.created == args.vcards, report.rejected[:3]
        emit("import.callers_vcard_rate", args.vcards / elapsed, "cards/s")
        t = time.perf_counter()
        report = importing.import_callers(store, callers_csv, client.id)  # all rows are updates
        elapsed = time.perf_counter() - t
        assert report.committed and report.updated == args.callers
        emit("import.callers_csv_update_rate", args.callers / elapsed, "rows/s")
        store.close()


if __name__ == "__main__":
    main()
