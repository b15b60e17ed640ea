"""``vorzimmer migrate --to postgresql://… [--replace]``: the seat's data into the office;
``vorzimmer office-password URL``: the office database's password into the keyring.

Progress goes to stderr (one line per table and every few thousand rows), the verified
tables to stdout; a known error is one line on stderr and a non-zero exit.
"""

from __future__ import annotations

import sys
from pathlib import Path

from appenv import logs
from appenv.errors import UserError
from appenv.paths import AppPaths
from storage.postgres.copy_in import TargetNotEmpty, copy_to_office
from storage.postgres.session import keyring_password, redacted

log = logs.get("storage")

EXIT_FAILED = 1
EXIT_NOT_EMPTY = 3


def _progress(table: str, done: int, total: int) -> None:
    print(f"  {table}: {done}/{total}", file=sys.stderr, flush=True)


def run_migrate(paths: AppPaths, url: str, replace: bool) -> int:
    if not paths.database.exists():
        print(f"vorzimmer: there is no seat database at {paths.database}", file=sys.stderr)
        return EXIT_FAILED
    print(f"copying {paths.database} to {redacted(url)} …", file=sys.stderr, flush=True)
    try:
        checks = copy_to_office(
            paths.database,
            url,
            password=keyring_password(url),
            replace=replace,
            progress=_progress,
        )
    except TargetNotEmpty as exc:
        print(f"vorzimmer: {exc}", file=sys.stderr)
        return EXIT_NOT_EMPTY
    except UserError as exc:
        log.info("migrate failed: %s (%s)", exc, exc.detail)
        print(f"vorzimmer: {exc}", file=sys.stderr)
        return EXIT_FAILED
    for check in checks:
        print(f"{check.table}\t{check.rows}\t{check.checksum}")
    total = sum(c.rows for c in checks)
    print(
        f"copied and verified {total} rows in {len(checks)} tables to {redacted(url)}",
        file=sys.stderr,
    )
    return 0


def run_office_password(url: str) -> int:
    """Read the password (hidden prompt, or the first line of stdin), check it by logging
    in, then keep it in the keyring — never in a file."""
    import getpass

    from appenv.secrets import set_secret
    from storage.postgres.session import connect, password_key, refuse_password_on_disk

    try:
        refuse_password_on_disk(url, Path("the address"))
    except UserError:
        print("vorzimmer: give the address without the password", file=sys.stderr)
        return EXIT_FAILED
    if sys.stdin.isatty():
        password = getpass.getpass(f"Password for {redacted(url)}: ")
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    try:
        connect(url, password).close()
        set_secret(password_key(url), password)
    except UserError as exc:
        print(f"vorzimmer: {exc}", file=sys.stderr)
        return EXIT_FAILED
    print(f"password for {redacted(url)} kept in the keyring", file=sys.stderr)
    return 0
