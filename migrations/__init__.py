"""Alembic migrations for the loyalty schema; run them with `storage.migrate`."""
