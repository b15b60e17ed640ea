"""The SIP account's name in the keyring: the one place that spells it."""

from __future__ import annotations


def password_key(username: str, registrar: str) -> str:
    """Keyring entry of the SIP password for ``username`` at ``registrar`` (host[:port])."""
    return f"sip:{username}@{registrar}"
