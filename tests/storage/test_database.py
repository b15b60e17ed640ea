"""One database, opened once: every store from it, one writer, background connections
that announce their writes to the same listeners (real SQLite file)."""

from __future__ import annotations

import threading

from appenv.paths import AppPaths
from clients.model import Caller, Client
from storage import Changes, ClientStore, open_app_database


def test_a_background_connection_writes_and_the_database_hears_of_it(
    app_paths: AppPaths,
) -> None:
    with open_app_database(app_paths) as db:
        seen: list[Changes] = []
        db.changes.subscribe(seen.append)
        client = db.clients.add_client(Client(code="ROTH", name="Kanzlei Roth"))

        def import_callers() -> None:
            with db.clients.background() as second:
                assert second is not db.clients  # its own connection for the long write
                second.add_callers(
                    Caller(client_id=client.id, name=f"C{i}", numbers=(f"030 5550{i:03d}",))
                    for i in range(200)
                )

        worker = threading.Thread(target=import_callers)
        worker.start()
        worker.join()
        assert len(db.clients.list_callers(client.id)) == 200  # the GUI's connection sees it
        assert [sorted(c.tables) for c in seen] == [["clients"], ["callers"]]
        with db.background() as other:
            assert other.clients.get_client_by_code("ROTH") == client
        assert isinstance(db.clients, ClientStore)


def test_in_memory_databases_share_their_one_connection() -> None:
    from storage import open_database

    with open_database(":memory:") as db:
        with db.clients.background() as same, db.background() as same_db:
            assert same is db.clients and same_db is db
        assert db.path is None and db.notes.drafts is None
