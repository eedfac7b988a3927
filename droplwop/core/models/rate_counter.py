from django.db import models


class RateCounter(models.Model):
    """Attempts per caller and fixed window, for `droplwop.core.rate_limit` on PostgreSQL.

    rate_limit writes it with raw SQL (one upsert per attempt); the model exists so that
    `migrate` creates the table. On SQLite the counters live in a file of their own instead.
    """

    pk = models.CompositePrimaryKey("scope_key", "window_end")
    # A hash of scope, window size and key: a fixed width, and no address or email at rest.
    scope_key = models.TextField()
    # Unix time at which the window closes: rows of any window size past it can go.
    window_end = models.BigIntegerField(db_index=True)
    count = models.IntegerField()

    def __str__(self):
        return f"{self.scope_key} until {self.window_end}: {self.count}"
