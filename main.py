"""Vorzimmer launcher: parse the command line, then start the window or run a command.

vorzimmer [--home DIR] [--sip-port PORT] [--demo]
vorzimmer [--home DIR] import clients FILE.csv
vorzimmer [--home DIR] import callers --client CODE FILE.(csv|vcf)
vorzimmer [--home DIR] report --date YYYY-MM-DD [--client CODE] [--send]
vorzimmer --version
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from appenv import __version__


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
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from appenv import logs
    from appenv.paths import resolve_home

    paths = resolve_home(args.home).ensure()
    logs.setup(paths.logs, stderr=args.command is not None)

    if args.command == "import":
        from clients.cli import run_import

        return run_import(paths, args.kind, args.file, args.client)
    if args.command == "report":
        from reports.cli import run_report

        return run_report(paths, args.date, args.client, args.send)

    from ui.app import run_app

    return run_app(paths, sip_port=args.sip_port, demo=args.demo)


if __name__ == "__main__":
    sys.exit(main())
