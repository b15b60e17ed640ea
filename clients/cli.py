"""``vorzimmer import clients|callers``: import from the command line.

Exit codes:

* ``0`` — every row was imported (or the file had no data rows);
* ``1`` — some rows were rejected, so nothing was imported (the rows and reasons are
  printed to stderr; fix them and run the same command again);
* ``2`` — the file or the arguments are unusable: unreadable, not text, required
  columns missing, unknown kind, ``--client`` missing or unknown for callers, or a
  database that cannot be opened. Nothing was imported.
"""

from __future__ import annotations

import sys
from pathlib import Path

from appenv import logs
from appenv.errors import UserError
from appenv.paths import AppPaths
from clients import importing
from storage import StoreUnavailable, open_app_database

log = logs.get("clients")

EXIT_OK, EXIT_REJECTED, EXIT_UNUSABLE = 0, 1, 2


def _fail(message: str) -> int:
    print(f"Error: {message}", file=sys.stderr)
    return EXIT_UNUSABLE


def run_import(paths: AppPaths, kind: str, file: Path, client_code: str | None) -> int:
    """Import ``file`` into the database of ``paths``; prints a summary; returns the exit code."""
    if kind not in ("clients", "callers"):
        return _fail(f"unknown kind {kind!r}; use 'clients' or 'callers'")
    if kind == "callers" and not client_code:
        return _fail("importing callers needs --client CODE (the client they belong to)")
    if not file.is_file():
        return _fail(f"{file} does not exist or is not a file")
    try:
        db = open_app_database(paths)
    except StoreUnavailable as exc:
        log.error("import: database not opened: %s (%s)", type(exc).__name__, exc.detail)
        return _fail(str(exc))
    store = db.clients
    try:
        if kind == "clients":
            if client_code:
                print(
                    f"Note: --client {client_code} is ignored when importing clients.",
                    file=sys.stderr,
                )
            report = importing.import_clients(store, file)
        else:
            client = store.get_client_by_code(client_code or "")
            if client is None:
                known = ", ".join(c.code for c in store.list_clients()[:20]) or "none yet"
                return _fail(f"there is no client with the code {client_code!r} (known: {known})")
            report = importing.import_callers(store, file, client.id)
    except UserError as exc:  # the file is unusable, or the store refuses: one line, no trace
        log.debug("import of %s refused: %s %s", file.name, exc, exc.detail)
        return _fail(f"{file.name}: {exc}")
    finally:
        db.close()

    for row in report.rejected:
        where = f"line {row.line}" if row.line else "file"
        excerpt = f"  [{row.excerpt}]" if row.excerpt else ""
        print(f"{file.name}, {where}: {row.reason}{excerpt}", file=sys.stderr)
    print(report.summary())
    return EXIT_OK if report.committed else EXIT_REJECTED
