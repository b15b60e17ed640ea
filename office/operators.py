"""Operator accounts: create, verify, change the password, disable.

Passwords are hashed with argon2id (``argon2-cffi``, its default parameters); only the
hash is stored. Verifying takes the same time whether the login exists or not (an unknown
login is checked against a dummy hash), and the message never says which part was wrong.
A hash made with older parameters is replaced on the next successful login. The first
account of a database is an admin; after that only an active admin creates accounts or
disables them. A disabled account cannot log in (said only after a right password).
"""

from __future__ import annotations

import datetime as dt
import functools
import unicodedata

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from appenv import logs
from appenv.errors import UserError
from office.model import Operator, Role
from storage.interfaces import OperatorStore

log = logs.get("office")

MIN_PASSWORD = 8
MAX_LOGIN = 64


class AccountError(UserError):
    """A request about accounts that is refused, with a message fit for the operator."""


class LoginTaken(AccountError):
    def __init__(self, login: str) -> None:
        super().__init__(f"An account with the login {login!r} exists already.")
        self.login = login


class LoginFailed(AccountError):
    def __init__(self) -> None:
        super().__init__("The login name or the password is wrong.")


class AccountDisabled(AccountError):
    def __init__(self, login: str) -> None:
        super().__init__(f"The account {login!r} is disabled. Ask your office admin.")


class NotAllowed(AccountError):
    def __init__(self, what: str) -> None:
        super().__init__(f"Only an office admin may {what}.")


class BadAccount(AccountError):
    """A login, name or password that cannot be used (too short, empty, …)."""


@functools.cache
def hasher() -> PasswordHasher:
    return PasswordHasher()


@functools.cache
def _dummy_hash() -> str:
    """Checked for unknown logins, so that they take as long as known ones."""
    return hasher().hash("vorzimmer-no-such-account")


def _clean_login(login: str) -> str:
    cleaned = unicodedata.normalize("NFC", login.strip()).lower()
    if not cleaned or len(cleaned) > MAX_LOGIN or any(c.isspace() for c in cleaned):
        raise BadAccount(f"{login!r} cannot be a login: one word of 1–{MAX_LOGIN} characters.")
    return cleaned


def _check_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise BadAccount(f"The password must have at least {MIN_PASSWORD} characters.")
    return password


def create_operator(
    store: OperatorStore,
    login: str,
    display_name: str,
    password: str,
    *,
    admin: bool = False,
    by: Operator | None = None,
    now: dt.datetime | None = None,
) -> Operator:
    """Create an account. The database's first account is an admin whatever ``admin``
    says; later ones need ``by``, an active admin (already verified by the caller)."""
    name = display_name.strip()
    if not name:
        raise BadAccount("The account needs a display name (as colleagues and notes show it).")
    login = _clean_login(login)
    _check_password(password)
    first = store.count_operators() == 0
    if not first:
        _require_admin(store, by, "create accounts")
    role = Role.ADMIN if admin or first else Role.OPERATOR
    account = Operator(None, login, name, role, True, now or dt.datetime.now(dt.UTC))
    created = store.add_operator(account, hasher().hash(password))
    log.info("operator account %s created (%s)%s", login, role, " first account" * first)
    return created


def _require_admin(store: OperatorStore, by: Operator | None, what: str) -> None:
    current = store.get_operator(by.login) if by is not None else None
    if current is None or not current.active or not current.is_admin:
        raise NotAllowed(what)


def verify(store: OperatorStore, login: str, password: str) -> Operator:
    """The account if ``password`` is its password; :class:`LoginFailed` (same message for
    an unknown login and a wrong password) or :class:`AccountDisabled` otherwise."""
    try:
        key = _clean_login(login)
    except BadAccount:
        key = ""
    stored = store.password_hash(key) if key else None
    try:
        hasher().verify(stored or _dummy_hash(), password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        log.info("login refused for %r", key[:MAX_LOGIN])
        raise LoginFailed() from None
    if stored is None:
        raise LoginFailed()
    account = store.get_operator(key)
    if account is None:  # removed meanwhile
        raise LoginFailed()
    if not account.active:
        raise AccountDisabled(key)
    if hasher().check_needs_rehash(stored):
        store.set_password_hash(key, hasher().hash(password))
        log.info("password hash of %s renewed with the current parameters", key)
    return account


def change_password(store: OperatorStore, login: str, new_password: str, *, by: Operator) -> None:
    """Set a new password: the account's own (``by`` is that account, verified) or, for an
    admin, any account's."""
    key = _clean_login(login)
    if by.login != key:
        _require_admin(store, by, "change another account's password")
    if store.get_operator(key) is None:
        raise AccountError(f"There is no account with the login {key!r}.")
    store.set_password_hash(key, hasher().hash(_check_password(new_password)))
    log.info("password of %s changed by %s", key, by.login)


def disable(store: OperatorStore, login: str, *, by: Operator) -> None:
    """Disable an account (kept, so notes and logs still name it); admins only. The last
    active admin cannot be disabled: nobody could create accounts any more."""
    key = _clean_login(login)
    _require_admin(store, by, "disable accounts")
    account = store.get_operator(key)
    if account is None:
        raise AccountError(f"There is no account with the login {key!r}.")
    if account.is_admin and account.active:
        admins = [o for o in store.list_operators() if o.is_admin and o.active]
        if len(admins) == 1:
            raise AccountError("This is the last active admin account; it cannot be disabled.")
    store.set_operator_active(key, False)
    log.info("operator account %s disabled by %s", key, by.login)
