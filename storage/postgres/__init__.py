"""The office database on PostgreSQL (psycopg 3): the store Protocols, one migration list
mirroring SQLite's, changes between seats by LISTEN/NOTIFY, the call log kept through
outages. Everything PostgreSQL-specific lives in this package."""
