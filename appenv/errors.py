"""Known errors versus bugs.

A :class:`UserError` is a problem of the environment or of the input (server down, disk
full, bad file, a request the store refuses): the UI shows its message calmly with what to
do, and no trace is logged. Every other exception is a bug: the excepthook logs its trace
and tells the operator "something went wrong, nothing was lost".
"""

from __future__ import annotations


class UserError(Exception):
    """An error fit to show the operator as it is: what is wrong and what to do.

    ``detail`` is for the log only (server replies, paths, errno); it is never shown in a
    dialog title and never holds a secret.
    """

    def __init__(self, message: str, *, detail: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail

    def __str__(self) -> str:
        return self.message
