"""The benchmark's yardstick: a bare view inserting one row per POST, served only when
DROPLWOP_BENCH_VIEWS=1 (bench/sign.py creates its table)."""

from django.db import connection, transaction
from django.http import HttpResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

BENCH_TABLE = "petitions_bench_row"


def create_table_sql(vendor: str) -> str:
    if vendor == "postgresql":
        return (
            f"CREATE TABLE IF NOT EXISTS {BENCH_TABLE} "
            "(id BIGSERIAL PRIMARY KEY, email VARCHAR(254) NOT NULL, created_at TIMESTAMPTZ NOT NULL)"
        )
    return (
        f"CREATE TABLE IF NOT EXISTS {BENCH_TABLE} "
        "(id INTEGER PRIMARY KEY AUTOINCREMENT, email VARCHAR(254) NOT NULL, created_at TEXT NOT NULL)"
    )


@csrf_exempt
def bare_insert(request):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO petitions_bench_row (email, created_at) VALUES (%s, %s)",
            [request.POST.get("email", "")[:254], timezone.now().isoformat()],
        )
    return HttpResponse("ok", content_type="text/plain")
