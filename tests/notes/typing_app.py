"""A note form in a real process, for the kill -9 test: type, wait for the autosave, sleep.

    python -m tests.notes.typing_app HOME CLIENT_ID CALL_ID SUBJECT MESSAGE

Prints ``autosaved <draft key>`` once the draft is on disk, then idles (with the event
loop running) until it is killed. Text must be ASCII: QTest.keyClicks aborts on others.
"""

from __future__ import annotations

import os
import sys
import time


def main() -> int:
    home, client_id, call_id, subject, message = sys.argv[1:6]
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from appenv.paths import AppPaths
    from storage import open_app_database
    from ui.note_form import NoteForm

    paths = AppPaths(__import__("pathlib").Path(home)).ensure()
    app = QApplication(["typing-app"])
    db = open_app_database(paths)
    form = NoteForm(db.clients, db.notes, "Frau Weber", int(client_id), int(call_id) or None)
    form.show()
    saved: list[str] = []
    form.draft_saved.connect(saved.append)
    QTest.keyClicks(form.subject, subject)
    QTest.keyClicks(form.message, message)
    deadline = time.monotonic() + 10
    while not saved and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)
    if not saved:
        print("no autosave within 10 s", flush=True)
        return 1
    print(f"autosaved {saved[-1]}", flush=True)
    while True:  # idle like an app waiting for the operator, until SIGKILL
        app.processEvents()
        time.sleep(0.05)


if __name__ == "__main__":
    sys.exit(main())
