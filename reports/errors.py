"""Errors of the reports package, importable without loading reportlab or pypdf."""

from __future__ import annotations

from appenv.errors import UserError


class ForeignCallError(ValueError):
    """A call of another client was handed to this client's report."""


class EncryptionPasswordMissing(UserError, RuntimeError):
    """The client wants encrypted reports but has no usable password in the keyring."""
