"""A second seat for the live-update tests: opens the office database and prints every
change it hears as a JSON line (tables, ids, wall-clock time); stops when stdin closes.

``python -m tests.storage_pg.seat_listener URL``
"""

from __future__ import annotations

import json
import sys
import time

from storage import Changes, open_database


def main(url: str) -> int:
    db = open_database(url)

    def heard(changes: Changes) -> None:
        ids = {t: sorted(i) for t, i in changes.ids.items()}
        print(json.dumps({"ids": ids, "at": time.time()}), flush=True)

    db.changes.subscribe(heard)
    print(json.dumps({"ready": True}), flush=True)
    sys.stdin.read()  # until the test closes our stdin
    db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
