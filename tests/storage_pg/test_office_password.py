"""An office database that wants a password: it comes from the keyring (a real Secret
Service), is checked before it is kept, and never reaches a file of the seat."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator

import pytest

from appenv.paths import AppPaths
from appenv.secrets import delete_secret, get_secret
from clients.model import Client
from storage import open_app_database
from storage.postgres.migrate_cli import run_office_password
from storage.postgres.session import LoginRefused, password_key
from tests.fixtures.postgres import PgCluster, start_cluster, stop_cluster

SECRET = "Geheim-Kaffee-42"


@pytest.fixture
def guarded_postgres() -> Iterator[PgCluster]:
    """A cluster whose TCP logins need the password (scram-sha-256)."""
    cluster = start_cluster(password=SECRET)
    try:
        cluster.sql("CREATE DATABASE office")
        yield cluster
    finally:
        stop_cluster(cluster)


def test_the_password_is_checked_kept_in_the_keyring_and_used(
    guarded_postgres: PgCluster, secret_service: str, app_paths: AppPaths,
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    url = guarded_postgres.url("office")
    app_paths.settings_file.write_text(json.dumps({"database.url": url}), "utf-8")
    try:
        with pytest.raises(LoginRefused, match="refused the login"):
            open_app_database(app_paths)
        monkeypatch.setattr("sys.stdin", io.StringIO("falsch\n"))
        assert run_office_password(url) == 1
        assert "refused the login" in capsys.readouterr().err
        assert get_secret(password_key(url)) is None  # a wrong one is not kept
        monkeypatch.setattr("sys.stdin", io.StringIO(SECRET + "\n"))
        assert run_office_password(url) == 0
        assert get_secret(password_key(url)) == SECRET
        with open_app_database(app_paths) as db:
            db.clients.add_client(Client(code="ROTH", name="Kanzlei Dr. Roth"))
            assert [c.code for c in db.clients.list_clients()] == ["ROTH"]
        for path in app_paths.home.rglob("*"):
            if path.is_file():
                assert SECRET.encode() not in path.read_bytes(), path
    finally:
        delete_secret(password_key(url))
