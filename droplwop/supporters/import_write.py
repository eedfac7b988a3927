"""Writing checked rows: the dry-run preview and each chunk of the real run.

The run writes chunk by chunk with plain SQL (bulk insert and update of people, emails, tags,
activities and subscriptions); the caller commits each chunk with the job's counters.
"""

from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

from .import_parse import CHUNK, Row, clean_row, iter_rows
from .models import (
    Activity,
    ImportJob,
    ImportStatus,
    Subscription,
    SubscriptionStatus,
    Supporter,
    SupporterEmail,
    Tag,
)

_PERSON_COLUMNS = (
    "pk", "email", "first_name", "last_name", "phone", "zip_code", "city", "action_network_id",
    "anonymized_at",
)  # fmt: skip


def _raw(sql: str, params=(), *, many: bool = False, fetch: bool = False):
    """Run SQL on the database driver's own cursor. An import sends a hundred thousand rows:
    Django's cursor wrapper rewrites every statement with a regular expression on SQLite, which
    costs more than the insert. Still inside the current transaction."""
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        sql = sql.replace("%s", "?")
    cursor = connection.connection.cursor()
    try:
        if many:
            cursor.executemany(sql, params)
        else:
            cursor.execute(sql, params)
        return cursor.fetchall() if fetch else None
    finally:
        cursor.close()


def _select(sql: str, params) -> list[tuple]:
    return _raw(sql, params, fetch=True)


def _existing(emails: list[str]) -> dict[str, dict]:
    """Known people among these addresses (primary or kept), as plain dicts: one query, two
    when some addresses are not primary. Plain SQL: the ORM's per-parameter work on an IN list
    of thousands of addresses costs more than the query."""
    if not emails:
        return {}
    quote = connection.ops.quote_name
    people = quote(Supporter._meta.db_table)
    columns = ", ".join(
        f"p.{quote(Supporter._meta.get_field(c.replace('pk', 'id')).column)}"
        for c in _PERSON_COLUMNS
    )
    marks = ", ".join(["%s"] * len(emails))
    found = {
        row[1]: dict(zip(_PERSON_COLUMNS, row, strict=True))
        for row in _select(
            f"SELECT {columns} FROM {people} p WHERE p.email IN ({marks})",  # noqa: S608
            emails,
        )
    }
    missing = [e for e in emails if e not in found]
    if missing:
        others = quote(SupporterEmail._meta.db_table)
        marks = ", ".join(["%s"] * len(missing))
        rows = _select(
            f"SELECT o.email, {columns} FROM {others} o "  # noqa: S608
            f"JOIN {people} p ON p.id = o.supporter_id WHERE o.email IN ({marks})",
            missing,
        )
        found.update({row[0]: dict(zip(_PERSON_COLUMNS, row[1:], strict=True)) for row in rows})
    return found


class Batch:
    """Rows of one chunk, cleaned, with duplicates inside the whole file caught."""

    def __init__(self, seen: set):
        self.rows: list[Row] = []
        self.errors: list[list] = []
        self.seen = seen

    def add(self, number: int, cells: dict):
        row, reason = clean_row(number, cells)
        if row is None:
            self.errors.append([number, (cells.get("email") or "")[:254], reason])
        elif row.email in self.seen:
            self.errors.append([number, row.email, _("the same email appears earlier in the file")])
        else:
            self.seen.add(row.email)
            self.rows.append(row)


def _chunks(text, mapping, *, skip=0):
    seen: set[str] = set()
    batch = Batch(seen)
    count = 0
    for number, cells in iter_rows(text, mapping):
        count += 1
        if count <= skip:
            # Resuming: rows already committed still count as seen, to keep duplicate checks.
            row, _reason = clean_row(number, cells)
            if row:
                seen.add(row.email)
            continue
        batch.add(number, cells)
        if count % CHUNK == 0:
            yield count, batch
            batch = Batch(seen)
    yield count, batch


def preview(*, job: ImportJob, text: str) -> dict:
    """The dry run: what the import would do, without writing a person."""
    new = updated = invalid = total = 0
    errors = []
    for count, batch in _chunks(text, job.mapping):
        total = count
        existing = _existing([row.email for row in batch.rows])
        for row in batch.rows:
            if row.email in existing:
                updated += 1
            else:
                new += 1
        invalid += len(batch.errors)
        errors.extend(batch.errors[: max(0, 50 - len(errors))])
    job.total_rows = total
    job.preview = {"new": new, "updated": updated, "invalid": invalid, "errors": errors}
    job.status = ImportStatus.PREVIEWED
    job.save(update_fields=["total_rows", "preview", "status"])
    return job.preview


_FILL = ("first_name", "last_name", "phone", "zip_code", "city")


def _sql_insert(model, columns, rows, *, ignore_conflicts=False) -> None:
    """One prepared INSERT run for every row: the ORM's per-object work would be most of an
    import's time."""
    if not rows:
        return
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    names = ", ".join(quote(model._meta.get_field(c).column) for c in columns)
    marks = ", ".join(["%s"] * len(columns))
    conflict = " ON CONFLICT DO NOTHING" if ignore_conflicts else ""
    # Names come from model metadata; every value is a parameter.
    _raw(f"INSERT INTO {table} ({names}) VALUES ({marks}){conflict}", rows, many=True)  # noqa: S608


def _sql_update(model, columns, rows) -> None:
    """rows: (value per column..., pk)."""
    if not rows:
        return
    table = connection.ops.quote_name(model._meta.db_table)
    sets = ", ".join(
        f"{connection.ops.quote_name(model._meta.get_field(c).column)} = %s" for c in columns
    )
    _raw(f"UPDATE {table} SET {sets} WHERE id = %s", rows, many=True)  # noqa: S608


def _write_batch(job: ImportJob, batch: Batch, tag_cache: dict) -> tuple[int, int]:
    """Create the new people, fill blanks of the known ones, tags and list status.

    A person's timeline gets a line where the file changed their list status (see
    _write_subscriptions); filling blanks and tags leaves none: the import is audited once."""
    now = Supporter._meta.get_field("created_at").get_db_prep_save(timezone.now(), connection)
    existing = _existing([row.email for row in batch.rows])
    source = f"import: {job.original_name}"[:120]
    new_rows, updates, touched = [], [], []
    for row in batch.rows:
        person = existing.get(row.email)
        if person is None:
            new_rows.append(
                (
                    row.email,
                    *(row.values[name] for name in _FILL),
                    row.values["preferred_language"],
                    source,
                    row.values["external_id"],
                    now,
                    now,
                )
            )
            touched.append((row, row.email))
            continue
        if person["anonymized_at"] is not None:
            continue
        merged = {n: person[n] or row.values[n] for n in _FILL}
        merged["action_network_id"] = person["action_network_id"] or row.values["external_id"]
        if any(merged[n] != person[n] for n in merged):
            updates.append((*merged.values(), now, person["pk"]))
        touched.append((row, person["pk"]))
    _sql_insert(
        Supporter,
        (
            "email",
            *_FILL,
            "preferred_language",
            "source",
            "action_network_id",
            "created_at",
            "updated_at",
        ),
        new_rows,
    )
    _sql_update(Supporter, (*_FILL, "action_network_id", "updated_at"), updates)
    if new_rows:
        ids = {email: person["pk"] for email, person in _existing([r[0] for r in new_rows]).items()}
        touched = [(row, ids[key] if isinstance(key, str) else key) for row, key in touched]
    Through = Supporter.tags.through
    names = {tag for row, _ in touched for tag in row.tags} - tag_cache.keys()
    if names:
        Tag.objects.bulk_create([Tag(name=n) for n in names], ignore_conflicts=True)
        tag_cache.update(Tag.objects.filter(name__in=names).values_list("name", "pk"))
    tag_rows = [(pk, tag_cache[name]) for row, pk in touched for name in row.tags]
    if job.tag_id:
        tag_rows += [(pk, job.tag_id) for _, pk in touched]
    _sql_insert(Through, ("supporter", "tag"), tag_rows, ignore_conflicts=True)
    if job.email_list_id:
        _write_subscriptions(job, touched, now)
    return len(new_rows), len(touched) - len(new_rows)


def _write_list_timeline(job, changes, now):
    """One timeline line per person whose list status this file set: changes are (pk, status)."""
    if not changes:
        return
    email_list = job.email_list
    data_field = Activity._meta.get_field("data")
    rows = []
    for pk, status in changes:
        data = {"list": email_list.slug, "status": status, "import": job.pk}
        rows.append(
            (
                pk,
                "supporters.imported",
                now,
                f"{email_list.name_en}: {status} (import of {job.original_name})"[:255],
                "supporters.importjob",
                str(job.pk),
                data_field.get_db_prep_save(data, connection),
            )
        )
    columns = ("supporter", "kind", "occurred_at", "summary", "object_type", "object_id", "data")
    _sql_insert(Activity, columns, rows)


def _write_subscriptions(job, touched, now):
    """The export's subscription status is respected: an unsubscribed, bouncing or complaining
    person is recorded as such, and nobody unsubscribed here is subscribed again by a file."""
    ids = [pk for _, pk in touched]
    current = (
        dict(
            _select(
                f"SELECT supporter_id, status FROM {connection.ops.quote_name(Subscription._meta.db_table)} "  # noqa: S608
                f"WHERE email_list_id = %s AND supporter_id IN ({', '.join(['%s'] * len(ids))})",
                [job.email_list_id, *ids],
            )
        )
        if ids
        else {}
    )
    consent = f"Imported from {job.original_name}: status in the source list"
    source = f"import: {job.original_name}"[:120]
    create, ended, confirmed = [], [], []
    active = (SubscriptionStatus.SUBSCRIBED, SubscriptionStatus.PENDING)
    for row, pk in touched:
        status = row.status or SubscriptionStatus.SUBSCRIBED
        subscribed = status == SubscriptionStatus.SUBSCRIBED
        if pk not in current:
            create.append(
                (
                    *(pk, job.email_list_id, status, source, consent, now),
                    now if subscribed else None,
                    None if subscribed else now,
                )
            )
            current[pk] = status
        elif not subscribed and current[pk] in active:
            ended.append((status, now, pk, job.email_list_id))
        elif subscribed and current[pk] == SubscriptionStatus.PENDING:
            confirmed.append((status, now, pk, job.email_list_id))
    columns = ("supporter", "email_list", "status", "source", "consent_text", "created_at")
    _sql_insert(Subscription, (*columns, "confirmed_at", "unsubscribed_at"), create)
    _write_list_timeline(
        job, [(r[0], r[2]) for r in create] + [(r[2], r[0]) for r in ended + confirmed], now
    )
    table = connection.ops.quote_name(Subscription._meta.db_table)
    where = "WHERE supporter_id = %s AND email_list_id = %s"
    if ended:
        _raw(f"UPDATE {table} SET status = %s, unsubscribed_at = %s {where}", ended, many=True)  # noqa: S608
    if confirmed:
        _raw(f"UPDATE {table} SET status = %s, confirmed_at = %s {where}", confirmed, many=True)  # noqa: S608
