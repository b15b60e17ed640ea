"""The admin view: clients, their numbers, hours, scripts, staff, FAQ and callers."""

from ui.admin.changes import AdminChange
from ui.admin.window import AdminWindow

__all__ = ["AdminChange", "AdminWindow"]
