"""The store interfaces, under the name the client code has always imported them by.

They are declared in :mod:`storage.interfaces`; a store is obtained only from
:func:`storage.open_database`.
"""

from __future__ import annotations

from storage.interfaces import UNSET, CallLog, ClientStore, Unset

__all__ = ["UNSET", "CallLog", "ClientStore", "Unset"]
