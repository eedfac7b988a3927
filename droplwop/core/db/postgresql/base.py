"""Django's PostgreSQL backend, with a health check that costs no round trip when all is well.

Django checks a kept connection at the start of every request with `SELECT 1` (settings:
CONN_HEALTH_CHECKS), which was a fifth of the database round trips of a signature. An idle
connection has nothing to read; a server that restarted, or that dropped the connection, has
sent its goodbye or closed the socket, which makes the socket readable. So the socket is asked
first, and `SELECT 1` runs only when there is something to read.
"""

import select

from django.db.backends.postgresql import base


class DatabaseWrapper(base.DatabaseWrapper):
    def is_usable(self):
        connection = self.connection
        if connection is None or connection.closed or connection.broken:
            return False
        try:
            readable, _, _ = select.select([connection.fileno()], [], [], 0)
        except (OSError, ValueError):
            return False
        return not readable or super().is_usable()
