"""``vorzimmer operator …`` through the real launcher, on both backends: passwords from
stdin (never arguments), admins only, one line on a refusal."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from appenv.paths import AppPaths
from office import operators as ops
from storage import open_database
from tests.appenv.launch import app_env

ROOT = Path(__file__).resolve().parents[2]


def _vz(
    paths: AppPaths, where: Path | str, *args: str, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    database = ["--database", str(where)] if isinstance(where, str) else []
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--home", str(paths.home), *database, *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        env=app_env(),
        cwd=ROOT,
    )


def test_accounts_from_the_command_line(app_paths: AppPaths, db_location: Path | str) -> None:
    first = _vz(app_paths, db_location, "operator", "add", "weber", "--name", "Frau Weber",
                stdin="erstes-Passwort\n")  # fmt: skip
    assert first.returncode == 0, first.stderr
    assert "account weber created (admin)" in first.stdout
    # a second account needs an admin: her password first, then the new one
    refused = _vz(app_paths, db_location, "operator", "add", "mai", "--name", "Herr Mai",
                  stdin="zweites-Passwort\n")  # fmt: skip
    assert refused.returncode == 1
    assert refused.stderr.strip().splitlines()[-1] == (
        "vorzimmer: Only an office admin may create accounts."
    )
    wrong = _vz(app_paths, db_location, "operator", "add", "mai", "--name", "Herr Mai",
                "--by", "weber", stdin="falsch-falsch\nzweites-Passwort\n")  # fmt: skip
    assert wrong.returncode == 1 and "login name or the password is wrong" in wrong.stderr
    made = _vz(app_paths, db_location, "operator", "add", "mai", "--name", "Herr Mai",
               "--by", "weber", stdin="erstes-Passwort\nzweites-Passwort\n")  # fmt: skip
    assert made.returncode == 0, made.stderr
    assert "erstes-Passwort" not in made.stdout + made.stderr
    listed = _vz(app_paths, db_location, "operator", "list")
    assert listed.stdout.splitlines() == [
        "mai\tHerr Mai\toperator\tactive",
        "weber\tFrau Weber\tadmin\tactive",
    ]
    changed = _vz(app_paths, db_location, "operator", "passwd", "mai",
                  stdin="zweites-Passwort\ndrittes-Passwort\n")  # fmt: skip
    assert changed.returncode == 0, changed.stderr
    off = _vz(app_paths, db_location, "operator", "disable", "mai", "--by", "weber",
              stdin="erstes-Passwort\n")  # fmt: skip
    assert off.returncode == 0, off.stderr
    assert _vz(app_paths, db_location, "operator", "list").stdout.splitlines()[0] == (
        "mai\tHerr Mai\toperator\tdisabled"
    )
    with open_database(db_location) as db:
        stored = db.operators.password_hash("mai")
        assert stored is not None and "drittes-Passwort" not in stored
        try:
            ops.verify(db.operators, "mai", "drittes-Passwort")
        except ops.AccountDisabled:
            pass
        else:
            raise AssertionError("a disabled account logged in")


def test_a_password_is_never_an_argument(app_paths: AppPaths) -> None:
    run = _vz(app_paths, app_paths.database, "operator", "add", "weber", "--name", "W",
              "--password", "geheim")  # fmt: skip
    assert run.returncode == 2 and "unrecognized arguments" in run.stderr
    empty = _vz(app_paths, app_paths.database, "operator", "add", "weber", "--name", "W")
    assert empty.returncode == 1 and "A password was expected on stdin" in empty.stderr
    with open_database(app_paths.database) as db:
        assert db.operators.count_operators() == 0
