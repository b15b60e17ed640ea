"""Left only for ``tests/clients/conftest.py`` and ``tests/notes/conftest.py``.

The store interfaces live in :mod:`storage.interfaces`; import them from there. Delete
this module once those two fixtures import ``storage.interfaces`` as well.
"""

from __future__ import annotations

from storage.interfaces import ClientStore

__all__ = ["ClientStore"]
