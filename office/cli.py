"""``vorzimmer operator add|list|passwd|disable``: operator accounts from the command line.

Passwords are never arguments (they would sit in the shell history and in ``ps``): they
are asked for with a hidden prompt, or read one per line from stdin when it is not a
terminal (scripts). Who acts is said with ``--by ADMIN`` (that admin's password is read
first); the first account of a database needs nobody and becomes the admin.
``passwd LOGIN`` without ``--by`` asks for the account's current password.

Exit codes: 0 done; 1 refused (wrong password, not an admin, login taken, …); 2 the
database cannot be opened.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Iterator

from appenv import logs
from appenv.errors import UserError
from appenv.paths import AppPaths
from office import operators as ops
from office.model import Operator
from storage import StoreUnavailable, open_app_database
from storage.interfaces import OperatorStore

log = logs.get("office")

EXIT_OK, EXIT_REFUSED, EXIT_UNUSABLE = 0, 1, 2


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    op = commands.add_parser("operator", help="operator accounts (office logins)")
    sub = op.add_subparsers(dest="operator_command", required=True)
    add = sub.add_parser("add", help="create an account (password asked for, never an argument)")
    add.add_argument("login")
    add.add_argument("--name", required=True, help="display name, as notes and colleagues show it")
    add.add_argument("--admin", action="store_true", help="may create and disable accounts")
    add.add_argument("--by", metavar="ADMIN", help="the admin creating it (not for the first)")
    sub.add_parser("list", help="list the accounts")
    pw = sub.add_parser("passwd", help="set a new password")
    pw.add_argument("login")
    pw.add_argument("--by", metavar="ADMIN", help="an admin setting another account's password")
    off = sub.add_parser("disable", help="disable an account (kept for the records)")
    off.add_argument("login")
    off.add_argument("--by", metavar="ADMIN", required=True, help="the admin disabling it")


class _Passwords:
    """Hidden prompts on a terminal; otherwise one password per line of stdin."""

    def __init__(self) -> None:
        self._lines: Iterator[str] | None = None if sys.stdin.isatty() else iter(sys.stdin)

    def existing(self, prompt: str) -> str:
        return self._read(prompt)

    def new(self, login: str) -> str:
        first = self._read(f"New password for {login}: ")
        if self._lines is None and getpass.getpass("Repeat it: ") != first:
            raise ops.BadAccount("The two passwords differ; nothing was changed.")
        return first

    def _read(self, prompt: str) -> str:
        if self._lines is None:
            return getpass.getpass(prompt)
        line = next(self._lines, None)
        if line is None:
            raise ops.BadAccount("A password was expected on stdin; nothing was changed.")
        return line.rstrip("\r\n")


def _acting(store: OperatorStore, login: str, passwords: _Passwords) -> Operator:
    return ops.verify(store, login, passwords.existing(f"Password of {login}: "))


def run(paths: AppPaths, args: argparse.Namespace) -> int:
    try:
        db = open_app_database(paths)
    except StoreUnavailable as exc:
        log.error("operator: database not opened: %s (%s)", type(exc).__name__, exc.detail)
        print(f"vorzimmer: {exc}", file=sys.stderr)
        return EXIT_UNUSABLE
    store = db.operators
    passwords = _Passwords()
    try:
        command = args.operator_command
        if command == "list":
            for o in store.list_operators():
                state = "active" if o.active else "disabled"
                print(f"{o.login}\t{o.display_name}\t{o.role}\t{state}")
            return EXIT_OK
        if command == "add":
            by = _acting(store, args.by, passwords) if args.by else None
            made = ops.create_operator(
                store, args.login, args.name, passwords.new(args.login), admin=args.admin, by=by
            )
            print(f"account {made.login} created ({made.role})")
        elif command == "passwd":
            by = _acting(store, args.by or args.login, passwords)
            ops.change_password(store, args.login, passwords.new(args.login), by=by)
            print(f"password of {args.login} changed")
        elif command == "disable":
            ops.disable(store, args.login, by=_acting(store, args.by, passwords))
            print(f"account {args.login} disabled")
        return EXIT_OK
    except UserError as exc:
        log.info("operator %s refused: %s", args.operator_command, exc)
        print(f"vorzimmer: {exc}", file=sys.stderr)
        return EXIT_UNUSABLE if isinstance(exc, StoreUnavailable) else EXIT_REFUSED
    finally:
        db.close()
