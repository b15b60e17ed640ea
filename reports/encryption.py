"""AES-256 encryption of a finished PDF, password per client from the keyring.

reportlab's own 256-bit encryption produces files poppler and pypdf cannot open, so the
PDF is rendered plain and re-written by pypdf. The password never leaves the keyring
except into the encrypted file's key derivation.
"""

from __future__ import annotations

import io
import secrets

from pypdf import PdfReader, PdfWriter
from pypdf.constants import UserAccessPermissions

from appenv import secrets as app_secrets

MIN_PASSWORD_LENGTH = 8


from reports.errors import EncryptionPasswordMissing as EncryptionPasswordMissing  # noqa: E402


def secret_key(client_code: str) -> str:
    return f"pdf:{client_code}"


def client_password(client_code: str) -> str:
    """The client's PDF password from the keyring, or a clear error saying what to do."""
    password = app_secrets.get_secret(secret_key(client_code))
    if not password:
        raise EncryptionPasswordMissing(
            f"Client {client_code} receives encrypted reports, but no PDF password is stored "
            f"in the keyring (key {secret_key(client_code)!r}). Set it in the client's "
            "settings; the report was not sent."
        )
    if len(password) < MIN_PASSWORD_LENGTH:
        raise EncryptionPasswordMissing(
            f"The PDF password of client {client_code} is shorter than "
            f"{MIN_PASSWORD_LENGTH} characters; set a longer one. The report was not sent."
        )
    return password


def encrypt_pdf(pdf: bytes, password: str) -> bytes:
    """``pdf`` re-written with AES-256; opening needs ``password``; printing stays allowed.

    The owner password is random and thrown away: nobody can lift the restrictions.
    """
    if not password:
        raise ValueError("empty PDF password")
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    permissions = (
        UserAccessPermissions.PRINT
        | UserAccessPermissions.PRINT_TO_REPRESENTATION
        | UserAccessPermissions.EXTRACT
        | UserAccessPermissions.EXTRACT_TEXT_AND_GRAPHICS
    )
    writer.encrypt(
        user_password=password,
        owner_password=secrets.token_urlsafe(24),
        algorithm="AES-256",
        permissions_flag=permissions,
    )
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def encrypt_for_client(pdf: bytes, client_code: str) -> bytes:
    return encrypt_pdf(pdf, client_password(client_code))
