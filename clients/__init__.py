"""Clients (Mandanten), their numbers, scripts, staff, callers, call log and notes."""
