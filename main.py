"""Vorzimmer launcher: parse the command line, then start the window or run a command.

vorzimmer [--home DIR] [--sip-port PORT] [--demo]
vorzimmer [--home DIR] import clients FILE.csv
vorzimmer [--home DIR] import callers --client CODE FILE.(csv|vcf)
vorzimmer [--home DIR] report --date YYYY-MM-DD [--client CODE] [--send]
vorzimmer [--home DIR] deliver            (send what waits in the delivery queue)
vorzimmer [--home DIR] calendar check|add|list|type|sync|pending …, slots …, book …
vorzimmer [--home DIR] appointment list|move|cancel --client CODE …
vorzimmer [--home DIR] stats --from DATE --to DATE [--client CODE] [--by DIMS] [--csv]
vorzimmer [--home DIR] migrate --to postgresql://USER@HOST/DB [--replace]
vorzimmer office-password postgresql://USER@HOST/DB   (the password into the keyring)
vorzimmer [--home DIR] operator add LOGIN --name NAME [--admin] [--by ADMIN] | list |
          passwd LOGIN [--by ADMIN] | disable LOGIN --by ADMIN   (passwords: prompt or stdin)
vorzimmer [--database postgresql://…] COMMAND …  (every command; the window too)
vorzimmer --version

One process owns a data folder: the window for its whole life, a writing command
(``import``, ``report --send``, ``deliver``) while it runs. A second one says who has the
folder and exits with status 3; the window's second start also brings the running window
to the front. Commands that only read (``report`` without ``--send``) run beside the window.
Everything in the data folder is owner-only (0700 / 0600), whatever the umask.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from appenv import __version__

if TYPE_CHECKING:
    from appenv.instance_lock import FolderInUse
    from appenv.paths import AppPaths


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="vorzimmer", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"Vorzimmer {__version__}")
    parser.add_argument(
        "--home",
        metavar="DIR",
        help="data folder (default: VORZIMMER_HOME or the platform's data folder)",
    )
    parser.add_argument(
        "--sip-port",
        type=int,
        metavar="PORT",
        help="local SIP port for local mode (direct calls to this machine)",
    )
    parser.add_argument(
        "--demo", action="store_true", help="load the demo dataset into an empty data folder"
    )
    commands = parser.add_subparsers(dest="command")

    imp = commands.add_parser("import", help="import clients or callers from CSV / vCard")
    imp.add_argument("kind", choices=["clients", "callers"])
    imp.add_argument("file", type=Path)
    imp.add_argument("--client", metavar="CODE", help="client short code (for callers)")

    rep = commands.add_parser("report", help="build (and send) daily reports")
    rep.add_argument("--date", required=True, type=dt.date.fromisoformat, metavar="YYYY-MM-DD")
    rep.add_argument("--client", metavar="CODE", help="only this client (default: every client)")
    rep.add_argument("--send", action="store_true", help="deliver by e-mail (or outbox)")
    commands.add_parser("deliver", help="send the queued mail that is due (reports, confirmations)")

    from calendar_sync.cli import add_commands

    add_commands(commands)  # calendar …, slots, book, appointment list|move|cancel

    from office.stats_cli import add_command as add_stats

    add_stats(commands)  # stats: the supervisor's figures

    mig = commands.add_parser("migrate", help="copy this seat's data into an office database")
    mig.add_argument("--to", required=True, metavar="URL", help="postgresql://user@host/db")
    mig.add_argument("--replace", action="store_true", help="overwrite a non-empty target")

    pw = commands.add_parser("office-password", help="keep the office database's password")
    pw.add_argument("url", metavar="URL", help="postgresql://user@host/db (without password)")

    from office.cli import add_commands as add_operator_commands

    add_operator_commands(commands)  # operator add|list|passwd|disable

    parser.add_argument("--database", metavar="URL", help=_DATABASE_HELP)
    for sub in commands.choices.values():  # ``--database`` after the command works too
        sub.add_argument(
            "--database", metavar="URL", default=argparse.SUPPRESS, help=_DATABASE_HELP
        )
    return parser


_DATABASE_HELP = (
    "the office database (postgresql://user@host/db; its password in the keyring) instead "
    "of the one in Settings or this seat's own file"
)


def takes_lock(args: argparse.Namespace) -> bool:
    """The window and every command that writes own the folder; reading ones share it."""
    if args.command in ("office-password", "operator", "stats"):
        return False  # the keyring; reads only; short account writes the database serialises
    if args.command == "report":
        return bool(args.send)
    if args.command in ("calendar", "slots", "book", "appointment"):
        from calendar_sync.cli import takes_lock as calendar_takes_lock

        return calendar_takes_lock(args)
    return True


EXIT_UNUSABLE_HOME = 2  # the data folder cannot be created or written


def main(argv: list[str] | None = None) -> int:
    from appenv.permissions import restrict_umask

    restrict_umask()  # before any file exists; the engine child inherits it
    args = build_parser().parse_args(argv)
    from appenv.instance_lock import EXIT_IN_USE, WINDOW, FolderInUse, InstanceLock
    from appenv.paths import resolve_home

    paths = resolve_home(args.home)
    lock: InstanceLock | None = None
    try:
        _prepare_home(paths, log_to_stderr=args.command is not None)
        if takes_lock(args):
            lock = InstanceLock.acquire(paths.instance_lock, role=args.command or WINDOW)
    except FolderInUse as exc:
        _refuse(args, paths, exc)
        return EXIT_IN_USE
    except OSError as exc:
        print(f"vorzimmer: cannot use the data folder {paths.home}: {exc}", file=sys.stderr)
        return EXIT_UNUSABLE_HOME
    try:
        return _run(args, paths)
    finally:
        if lock is not None:
            lock.release()


def _prepare_home(paths: AppPaths, log_to_stderr: bool) -> None:
    """Folders owner-only, the log open, anything found wider narrowed and said once."""
    from appenv import logs
    from appenv.permissions import repair_tree, report_repair

    repaired = repair_tree(paths.home)  # before ensure(), which narrows folders silently
    paths.ensure()
    logs.setup(paths.logs, stderr=log_to_stderr)
    report_repair(paths.home, repaired)


def _refuse(args: argparse.Namespace, paths: AppPaths, exc: FolderInUse) -> None:
    """Say who has the folder; a second window also raises the first and shows a box."""
    from appenv import logs

    print(f"vorzimmer: {exc}", file=sys.stderr, flush=True)
    logs.get("app").info("not started: %s (%s)", exc, exc.detail)
    if args.command is None:
        from ui.single_instance import refuse_second_window

        refuse_second_window(paths, exc)


def _run(args: argparse.Namespace, paths: AppPaths) -> int:
    if args.database:
        from storage import use_database

        use_database(args.database)
    if args.command == "migrate":
        from storage.postgres.migrate_cli import run_migrate

        return run_migrate(paths, args.to, args.replace)
    if args.command == "office-password":
        from storage.postgres.migrate_cli import run_office_password

        return run_office_password(args.url)
    if args.command == "operator":
        from office.cli import run as run_operator

        return run_operator(paths, args)
    if args.command == "import":
        from clients.cli import run_import

        return run_import(paths, args.kind, args.file, args.client)
    if args.command == "report":
        from reports.cli import run_report

        return run_report(paths, args.date, args.client, args.send)
    if args.command == "deliver":
        from reports.cli import run_deliver

        return run_deliver(paths)

    if args.command == "stats":
        from office.stats_cli import run as run_stats

        return run_stats(paths, args)

    if args.command in ("calendar", "slots", "book", "appointment"):
        from calendar_sync.cli import run as run_calendar

        return run_calendar(paths, args)

    from ui.app import run_app

    return run_app(paths, sip_port=args.sip_port, demo=args.demo)


if __name__ == "__main__":
    sys.exit(main())
