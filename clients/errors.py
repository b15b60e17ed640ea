"""Errors of the client store that the UI and the importers explain to the user."""

from __future__ import annotations

from appenv.errors import UserError


class StoreError(UserError):
    """Base class: a request the store refuses, with a message fit for the user."""


class NumberTaken(StoreError):
    """A number can identify one client only (and one caller per client or shared scope)."""

    def __init__(self, number: str, owner: str) -> None:
        super().__init__(f"The number {number} already belongs to {owner}.")
        self.number = number
        self.owner = owner


class InvalidNumber(StoreError, ValueError):
    def __init__(self, raw: str) -> None:
        super().__init__(f"{raw!r} is not a phone number.")
        self.raw = raw


class DuplicateCode(StoreError):
    def __init__(self, code: str) -> None:
        super().__init__(f"A client with the code {code!r} exists already.")
        self.code = code


class NotFound(StoreError, LookupError):
    def __init__(self, what: str, key: object) -> None:
        super().__init__(f"No {what} with id {key!r}.")
        self.what = what
        self.key = key
