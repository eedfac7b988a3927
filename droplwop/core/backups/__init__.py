"""Backups: one archive holding the database, the media and the private files, and a manifest.

`archive` writes and reads the archive and checks each part's checksum; `database` dumps and
loads the database (pg_dump / pg_restore on PostgreSQL, the online backup API on SQLite) and
counts rows. The `backup` and `restore` management commands put them together.
"""
