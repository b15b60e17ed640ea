"""E-mail addresses as Vorzimmer accepts them: one plain address, no display name.

One check for every place that takes an address (client import, confirmation e-mails), so
that what is accepted in one place is not refused in another. An address must be usable
over plain SMTP: the local part in ASCII; an international domain is sent in its ASCII
(IDNA) form.
"""

from __future__ import annotations

import re

from appenv.errors import UserError

_ADDRESS = re.compile(r'^[^@\s,;<>"]+@[^@\s,;<>"]+\.[^@\s,;<>".]+$')


class InvalidEmailAddress(UserError, ValueError):
    """Not one plain e-mail address (``name@example.com``)."""

    def __init__(self, raw: str, why: str = "") -> None:
        reason = f" ({why})" if why else ""
        super().__init__(f"{raw!r} is not an e-mail address like name@example.com{reason}.")
        self.raw = raw


def is_email_address(text: str) -> bool:
    """True for ``name@example.com``; False for lists, display names, blanks, line breaks."""
    return bool(_ADDRESS.match(text))


def normal_email_address(text: str) -> str:
    """``text`` stripped, its domain in ASCII (IDNA); :class:`InvalidEmailAddress` if it is
    not one address or its local part is not ASCII (plain SMTP could not deliver it)."""
    address = text.strip()
    if not is_email_address(address):
        raise InvalidEmailAddress(text)
    local, domain = address.rsplit("@", 1)
    if not local.isascii():
        raise InvalidEmailAddress(text, "the part before @ must not contain accents or umlauts")
    if not domain.isascii():
        try:
            domain = domain.encode("idna").decode("ascii")
        except UnicodeError as exc:
            raise InvalidEmailAddress(text, "the domain is not a valid name") from exc
    return f"{local}@{domain.lower()}"
