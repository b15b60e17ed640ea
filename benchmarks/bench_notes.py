"""Note search at scale: 1,000,000 notes of 200 clients, searched per client.

Builds the store through its public API (``NotesStore.add_notes``, one
transaction), then times ``search()`` for random clients with a typical word, a word plus
a date range, a caller name, and browsing without words. Aim: ≤ 20 ms (median and p95).
Prints JSON lines: ``{"name": ..., "value": ..., "unit": ...}``.

    python benchmarks/bench_notes.py [--notes N] [--clients N] [--searches N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from clients.model import Client
from notes.model import Action, Note, NoteQuery, Urgency
from storage import open_database

FIRST = ("Jürgen", "Anna", "Sören", "Maria", "Ömer", "Lena", "Klaus", "Zoë", "Fatma",
         "Björn", "Thomas", "Petra", "Jan", "Helga", "Marco", "Emily", "Sabine", "Uwe", "Ayşe",
         "Paul")  # fmt: skip
LAST = ("Müller", "Schäfer", "Groß", "Weiß", "Öztürk", "Krüger", "Maier", "Jäger", "Hoß",
        "Krause", "Lehmann", "Hoffmann", "Brinkmann", "Schulze", "Fuchs", "Becker",
        "Wolf")  # fmt: skip
COMPANIES = ("", "", "", "Bäckerei Kühn", "Möbel Hüttl GmbH", "Straßenbau Süd AG",
             "Hausverwaltung Meier", "Autohaus Berger", "Steuerbüro Lang")  # fmt: skip
SUBJECTS = ("Rückfrage zur Rechnung", "Terminwunsch", "Frist läuft ab", "Unterlagen",
            "Beschwerde", "Bitte um Rückruf", "Vertragsverlängerung", "Schadensmeldung",
            "Kostenvoranschlag", "Lieferung verspätet", "Rezept abholen", "Befund")  # fmt: skip
PHRASES = ("bittet um Rückruf", "es geht um die Frist am Freitag", "ist bis 17 Uhr erreichbar",
           "möchte wissen, ob die Überweisung angekommen ist", "ruft wegen des Schreibens an",
           "die Akte liegt Ihnen vor", "bittet um Zusendung der Unterlagen per E-Mail",
           "kommt eine Viertelstunde später", "fragt nach einem Termin nächste Woche",
           "hat eine neue Adresse", "meldet einen Wasserschaden", "wartet auf das Angebot",
           "braucht eine Bescheinigung", "bedankt sich für die schnelle Hilfe")  # fmt: skip
WORDS = ("rückruf", "termin", "rechnung", "frist", "unterlagen", "überweisung", "angebot",
         "wasserschaden", "adresse", "bescheinigung")  # fmt: skip
STAFF = ("Dr. Bäumer", "Frau Kößler", "Herr Fuchs", "")


def emit(name: str, value: float, unit: str) -> None:
    print(json.dumps({"name": name, "value": round(value, 3), "unit": unit}), flush=True)


def generate(
    n: int, client_ids: list[int], start: dt.datetime, rng: random.Random
) -> Iterator[Note]:
    """Realistic notes, spread over two years; string pools keep generation cheap."""
    span = 2 * 365 * 86_400
    names = [f"{first} {last}" for first in FIRST for last in LAST]
    messages = [
        f"Herr/Frau {rng.choice(LAST)} " + ", ".join(rng.sample(PHRASES, 3)) + "."
        for _ in range(5000)
    ]
    urgencies = (Urgency.NORMAL,) * 8 + (Urgency.URGENT, Urgency.LOW)
    actions = list(Action)
    pick = rng.choice
    for i in range(n):
        at = start + dt.timedelta(seconds=span * i // n + (i * 7919) % 600)
        yield Note(
            client_id=pick(client_ids),
            caller_number=f"+49{30 + i % 869}{1000000 + (i * 104729) % 8999999}",
            caller_name=pick(names),
            caller_company=pick(COMPANIES),
            callback_number=f"+49{150 + i % 29}{1000000 + (i * 7727) % 8999999}",
            subject=pick(SUBJECTS),
            message=pick(messages),
            urgency=pick(urgencies),
            for_whom=pick(STAFF),
            action=pick(actions),
            operator="Frau Weber",
            noted_at=at,
        )


def timed(run: Callable[[], object], count: int) -> tuple[list[float], object]:
    times: list[float] = []
    last: object = None
    for _ in range(count):
        t0 = time.perf_counter()
        last = run()
        times.append((time.perf_counter() - t0) * 1000)
    return times, last


def report(name: str, times: list[float]) -> None:
    ordered = sorted(times)
    emit(f"{name}_median", statistics.median(ordered), "ms")
    emit(f"{name}_p95", ordered[int(len(ordered) * 0.95) - 1], "ms")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=1_000_000)
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--searches", type=int, default=300)
    args = parser.parse_args()
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(Path(tmp) / "bench.sqlite3")
        store = db.clients
        with store.transaction():
            ids = [
                store.add_client(Client(code=f"C{i:05d}", name=f"Client {i}")).id
                for i in range(args.clients)
            ]
        client_ids = [i for i in ids if i is not None]
        notes = db.notes
        start = dt.datetime(2023, 1, 1, 8, tzinfo=dt.UTC)
        t0 = time.perf_counter()
        count = notes.add_notes(generate(args.notes, client_ids, start, rng))
        insert_s = time.perf_counter() - t0
        emit("notes_bulk_insert", insert_s, "s")
        emit("notes_bulk_insert_rate", count / insert_s, "notes/s")
        emit("notes_db_size", (Path(tmp) / "bench.sqlite3").stat().st_size / 1e6, "MB")

        def word_query() -> NoteQuery:
            return NoteQuery(client_id=rng.choice(client_ids), text=rng.choice(WORDS), limit=50)

        def ranged_query() -> NoteQuery:
            since = start + dt.timedelta(days=rng.randrange(0, 700))
            return NoteQuery(
                client_id=rng.choice(client_ids),
                text=rng.choice(WORDS),
                since=since,
                until=since + dt.timedelta(days=30),
                limit=50,
            )

        def caller_query() -> NoteQuery:
            return NoteQuery(client_id=rng.choice(client_ids), caller=rng.choice(LAST), limit=50)

        def browse_query() -> NoteQuery:
            return NoteQuery(client_id=rng.choice(client_ids), limit=50)

        def search(make: Callable[[], NoteQuery]) -> list[Note]:
            return notes.search(make())

        for name, make in (
            ("notes_search_word", word_query),
            ("notes_search_word_30_days", ranged_query),
            ("notes_search_caller", caller_query),
            ("notes_browse_newest", browse_query),
        ):
            notes.search(make())  # warm-up
            times, found = timed(partial(search, make), args.searches)
            assert isinstance(found, list)
            report(name, times)
        hits = notes.search(NoteQuery(client_id=client_ids[0], text="rückruf", limit=50))
        assert hits and all(n.client_id == client_ids[0] for n in hits)
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
