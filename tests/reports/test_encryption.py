"""AES-256 PDFs with the client's password from a real keyring (gnome-keyring over D-Bus)."""

from __future__ import annotations

import io
import subprocess

import pytest
from pypdf import PdfReader

from appenv import secrets
from reports.daily_report_pdf import render_daily_report
from reports.encryption import EncryptionPasswordMissing, encrypt_for_client, encrypt_pdf
from tests.conftest import require_tool
from tests.reports.helpers import DAY, call, client, pdftotext, pdftotext_fails, pypdf_text

PASSWORD = "Kennwort-Ärztin-42"


def test_encrypted_report_needs_the_password(secret_service: str) -> None:
    secrets.set_secret("pdf:ENC", PASSWORD)
    plain = render_daily_report(client("ENC"), DAY, [call("ENC", 1, 9)])
    encrypted = encrypt_for_client(plain, "ENC")
    assert b"ENCcall1" not in encrypted

    reader = PdfReader(io.BytesIO(encrypted))
    assert reader.is_encrypted
    assert reader.decrypt("wrong password") == 0
    assert "Anrufer ENCcall1" in pypdf_text(encrypted, PASSWORD)

    assert "password" in pdftotext_fails(encrypted).lower()
    assert "Anrufer ENCcall1" in pdftotext(encrypted, PASSWORD)

    require_tool("pdfinfo")
    info = subprocess.run(
        ["pdfinfo", "-upw", PASSWORD, "-"], input=encrypted, capture_output=True, check=True
    ).stdout.decode()
    assert "AES-256" in info and "print:yes" in info


def test_missing_password_is_a_clear_error(secret_service: str) -> None:
    secrets.delete_secret("pdf:NOPW")
    with pytest.raises(EncryptionPasswordMissing, match="pdf:NOPW"):
        encrypt_for_client(b"%PDF-1.4", "NOPW")
    secrets.set_secret("pdf:SHORT", "abc")
    with pytest.raises(EncryptionPasswordMissing, match="shorter"):
        encrypt_for_client(b"%PDF-1.4", "SHORT")


def test_empty_password_is_refused() -> None:
    with pytest.raises(ValueError):
        encrypt_pdf(b"%PDF-1.4", "")
