"""Secrets live in the OS keyring and nowhere else.

Callers name a secret by a stable key (``sip:<account>``, ``smtp:<client>``,
``pdf:<client>``); the value is never logged, never cached on disk.
"""

from __future__ import annotations

from typing import Any

from appenv.errors import UserError

SERVICE = "vorzimmer"


class SecretStoreUnavailable(UserError, RuntimeError):
    """No usable keyring backend: say so instead of falling back to a plain file."""


def _keyring() -> Any:
    """Imported on first use: keyring's backend discovery costs ~80 ms at start-up."""
    import keyring
    import keyring.errors

    return keyring


def _check_backend() -> Any:
    keyring = _keyring()
    backend = keyring.get_keyring()
    if backend.priority <= 0 or type(backend).__module__.startswith("keyring.backends.fail"):
        raise SecretStoreUnavailable(
            "No system keyring is available (e.g. GNOME Keyring / KWallet / Windows "
            "Credential Manager). Passwords cannot be stored."
        )
    return keyring


def get_secret(key: str) -> str | None:
    keyring = _check_backend()
    try:
        value: str | None = keyring.get_password(SERVICE, key)
        return value
    except keyring.errors.KeyringError as exc:
        raise SecretStoreUnavailable(f"The keyring refused to read {key!r}: {exc}") from exc


def set_secret(key: str, value: str) -> None:
    keyring = _check_backend()
    try:
        keyring.set_password(SERVICE, key, value)
    except keyring.errors.KeyringError as exc:
        raise SecretStoreUnavailable(f"The keyring refused to store {key!r}: {exc}") from exc


def delete_secret(key: str) -> None:
    keyring = _check_backend()
    try:
        keyring.delete_password(SERVICE, key)
    except keyring.errors.PasswordDeleteError:
        pass
