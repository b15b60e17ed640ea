"""The SQLite implementation of the stores (the only module that knows SQLite)."""
