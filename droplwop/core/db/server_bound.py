"""Hot statements on PostgreSQL with their values bound by the server.

Django's PostgreSQL backend binds values on the client: psycopg quotes each one into the SQL
text in Python, and with Django's cursor wrapper around it that was a fifth of the server's
time for a signature's 21 values. Here the values travel apart from the statement, through
psycopg's own cursor on Django's connection. Errors are raised as Django's, and with debug on
(or in a test counting queries) the statements are listed in `connection.queries` as Django's
are. On other databases this is Django's own cursor.

A statement run with `prepare=True` is parsed and planned once per connection, then only
executed (unless DB_PREPARED_STATEMENTS=0 turned prepared statements off; see settings). For
the signing insert under a spike, that halved PostgreSQL's time per signature.

Only for statements of our own: Django's ORM keeps client-side binding (with server-side
binding, Django 5.2 groups by parameters wrongly and sends bulk inserts of any size).
"""

from contextlib import nullcontext

import psycopg
from django.db import connection
from django.db.backends.utils import CursorDebugWrapper


def execute(sql: str, params: list, *, prepare: bool = False) -> tuple[int, tuple | None]:
    """Run one statement on the default connection: (rows affected, first row or None)."""
    if connection.vendor != "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.rowcount, cursor.fetchone() if cursor.description else None
    connection.ensure_connection()
    connection.validate_no_broken_transaction()
    with connection.wrap_database_errors, psycopg.Cursor(connection.connection) as cursor:
        with _logged(cursor, sql, params):
            cursor.execute(sql, params, prepare=prepare)
        return cursor.rowcount, cursor.fetchone() if cursor.description else None


def _logged(cursor, sql, params):
    if connection.queries_logged:
        return CursorDebugWrapper(cursor, connection).debug_sql(sql, params)
    return nullcontext()
