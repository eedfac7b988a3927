"""CSV import of people: Action Network's activist export, or any CSV after a column mapping.

Upload -> mapping -> dry-run preview (counts, invalid rows with reasons) -> the run in the task
queue. The run commits chunk by chunk and stores how far it got in the same transaction, so a
failed or killed run resumes after the last committed row: nothing is imported twice or half.
"""

import csv
import io
import re
from dataclasses import dataclass, field

from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from droplwop.core.audit import record_audit

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
from .services import normalize_email

MAX_BYTES = 20 * 1024 * 1024
CHUNK = 5000
MAX_STORED_ERRORS = 5000

TARGETS = (
    "email",
    "first_name",
    "last_name",
    "phone",
    "zip_code",
    "city",
    "language",
    "tags",
    "subscription_status",
    "external_id",
)
# Header (lower-case, spaces and dashes as underscores) -> target. Action Network's names first.
_KNOWN = {
    "email": "email",
    "e_mail": "email",
    "email_address": "email",
    "first_name": "first_name",
    "firstname": "first_name",
    "given_name": "first_name",
    "last_name": "last_name",
    "lastname": "last_name",
    "family_name": "last_name",
    "surname": "last_name",
    "can2_phone": "phone",
    "phone_number": "phone",
    "phone": "phone",
    "mobile": "phone",
    "zip_code": "zip_code",
    "zip": "zip_code",
    "zipcode": "zip_code",
    "postal_code": "zip_code",
    "can2_user_city": "city",
    "city": "city",
    "language": "language",
    "preferred_language": "language",
    "can2_user_tags": "tags",
    "tags": "tags",
    "can2_subscription_status": "subscription_status",
    "subscription_status": "subscription_status",
    "uuid": "external_id",
}
_EMAIL_RE = re.compile(r"[^@\s,;<>\"]+@[^@\s,;<>\"]+\.[^@\s,;<>\".]+")
_ZIP_RE = re.compile(r"(\d{3,5})(?:-(\d{4}))?")
_FORMULA = ("=", "@", "+", "-")
_STATUSES = {
    "subscribed": SubscriptionStatus.SUBSCRIBED,
    "unsubscribed": SubscriptionStatus.UNSUBSCRIBED,
    "bouncing": SubscriptionStatus.BOUNCED,
    "bounced": SubscriptionStatus.BOUNCED,
    "spam complaint": SubscriptionStatus.COMPLAINED,
    "complained": SubscriptionStatus.COMPLAINED,
}
_TEXT_LIMITS = {"first_name": 100, "last_name": 100, "phone": 40, "city": 120, "external_id": 64}


class ImportProblem(ValueError):
    """The file as a whole cannot be imported; the message says why, for the person."""


def decode(raw: bytes) -> tuple[str, str]:
    """The file's text and the encoding it was read in. UTF-8 (with or without BOM) first,
    then Windows-1252, which is what spreadsheets on Windows save as "CSV"."""
    if not raw.strip():
        raise ImportProblem(_("The file is empty."))
    if len(raw) > MAX_BYTES:
        raise ImportProblem(_("The file is larger than 20 MB. Split it into smaller files."))
    if b"\x00" in raw[:65536]:
        raise ImportProblem(
            _(
                "This is not a CSV text file (it holds binary data). Save it from your spreadsheet as CSV."
            )
        )
    try:
        return raw.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace"), "windows-1252"


def read_header(text: str) -> list[str]:
    try:
        header = next(csv.reader(io.StringIO(text)), [])
    except csv.Error as exc:
        raise ImportProblem(
            _("The file could not be read as CSV: %(error)s") % {"error": exc}
        ) from exc
    header = [h.strip() for h in header]
    if not any(header):
        raise ImportProblem(_("The first line must name the columns, and it is empty."))
    if len(header) > 500:
        raise ImportProblem(_("The first line does not look like column names."))
    return header


def _key(name: str) -> str:
    return re.sub(r"[\s\-]+", "_", name.strip().lower())


def guess_mapping(header: list[str]) -> dict[str, str]:
    """Target field -> column name, for the columns we recognize."""
    mapping = {}
    for column in header:
        target = _KNOWN.get(_key(column))
        if target and target not in mapping:
            mapping[target] = column
    return mapping


def check_mapping(header: list[str], mapping: dict[str, str]) -> dict[str, str]:
    mapping = {t: c for t, c in mapping.items() if t in TARGETS and c in header}
    if "email" not in mapping:
        raise ImportProblem(
            _(
                "No column holds email addresses. Choose the email column: it is how we match people."
            )
        )
    return mapping


@dataclass
class Row:
    number: int
    email: str
    values: dict
    tags: list = field(default_factory=list)
    status: str | None = None


def _looks_like_formula(value: str) -> bool:
    return len(value) > 1 and value.startswith(_FORMULA) and not value[1:2].isdigit()


def clean_row(number: int, cells: dict[str, str]) -> tuple[Row | None, str]:
    """One mapped row, cleaned; or None and the reason it cannot be imported."""
    email = (cells.get("email") or "").strip().lower()
    if not email.isascii():
        email = normalize_email(email)
    if not email:
        return None, _("no email address")
    if len(email) > 254 or not _EMAIL_RE.fullmatch(email):
        return None, _("not a valid email address")
    values = {}
    for name, limit in _TEXT_LIMITS.items():
        value = (cells.get(name) or "").strip()
        if value and value[0] in "=+-@" and _looks_like_formula(value):
            if name != "phone" or value[0] in "=@":
                return None, _("a cell looks like a spreadsheet formula (%(column)s)") % {
                    "column": name
                }
        values[name] = value[:limit]
    zip_cell = (cells.get("zip_code") or "").strip()
    values["zip_code"] = ""
    if zip_cell:
        match = _ZIP_RE.fullmatch(zip_cell)
        if not match:
            return None, _("ZIP code %(zip)s is not a US ZIP code") % {"zip": zip_cell[:20]}
        # Spreadsheets drop leading zeros: 2134 is Boston's 02134.
        values["zip_code"] = match.group(1).zfill(5) + (
            f"-{match.group(2)}" if match.group(2) else ""
        )
    language = (cells.get("language") or "").strip().lower()
    values["preferred_language"] = (
        "es" if language in ("es", "spa", "spanish", "español", "espanol") else "en"
    )
    tags = []
    for tag in (cells.get("tags") or "").split(","):
        tag = tag.strip()[:80]
        if _looks_like_formula(tag):
            return None, _("a cell looks like a spreadsheet formula (%(column)s)") % {
                "column": "tags"
            }
        if tag:
            tags.append(tag)
    status_cell = (cells.get("subscription_status") or "").strip().lower()
    status = _STATUSES.get(status_cell)
    if status_cell and status is None:
        return None, _("unknown subscription status %(status)s") % {"status": status_cell[:30]}
    return Row(number, email, values, tags, status), ""


def iter_rows(text: str, mapping: dict[str, str]):
    """(line number, {target: cell}) for each data row after the header."""
    reader = csv.reader(io.StringIO(text))
    header = [h.strip() for h in next(reader, [])]
    index = {target: header.index(column) for target, column in mapping.items()}
    for number, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        yield number, {t: cells[i] if i < len(cells) else "" for t, i in index.items()}


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


def run_import(*, job_id: int) -> ImportJob:
    """The real run. Each chunk commits with the job's counters, so a crash loses nothing and
    a second run starts where the first stopped."""
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().get(pk=job_id)
        if job.status == ImportStatus.DONE:
            return job
        job.status = ImportStatus.RUNNING
        job.failure = ""
        job.save(update_fields=["status", "failure"])
    try:
        with job.file.open("rb") as handle:
            text, _encoding = decode(handle.read())
        tag_cache: dict[str, int] = {}
        for count, batch in _chunks(text, job.mapping, skip=job.processed_rows):
            if count <= job.processed_rows:
                continue
            for attempt in range(2):
                try:
                    with transaction.atomic():
                        new, updated = _write_batch(job, batch, tag_cache)
                        job.new_count += new
                        job.updated_count += updated
                        job.invalid_count += len(batch.errors)
                        room = MAX_STORED_ERRORS - len(job.errors)
                        job.errors = job.errors + batch.errors[: max(0, room)]
                        job.processed_rows = count
                        job.total_rows = max(job.total_rows, count)
                        job.save(
                            update_fields=[
                                *("new_count", "updated_count", "invalid_count", "errors"),
                                *("processed_rows", "total_rows"),
                            ]
                        )
                    break
                except IntegrityError:
                    # Someone signed up with one of these addresses meanwhile: read again.
                    job.refresh_from_db()
                    tag_cache.clear()
                    if attempt:
                        raise
    except Exception as exc:
        ImportJob.objects.filter(pk=job.pk).update(
            status=ImportStatus.FAILED, failure=str(exc)[:2000]
        )
        raise
    job.status = ImportStatus.DONE
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "finished_at"])
    record_audit(
        actor=job.created_by,
        action="supporter.imported",
        obj=job,
        summary=f"Imported {job.original_name}",
        data={"new": job.new_count, "updated": job.updated_count, "invalid": job.invalid_count},
    )
    return job


def create_import_job(*, upload, actor, email_list=None, tag=None) -> ImportJob:
    """Keep an uploaded file (in private storage) once it reads as CSV with a header."""
    raw = upload.read(MAX_BYTES + 1)
    text, encoding = decode(raw)
    header = read_header(text)
    upload.seek(0)
    job = ImportJob(
        original_name=(upload.name or "import.csv")[:255],
        encoding=encoding,
        mapping=guess_mapping(header),
        email_list=email_list,
        tag=tag,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    job.file.save(f"import-{timezone.now():%Y%m%d-%H%M%S}.csv", upload, save=False)
    job.save()
    record_audit(
        actor=actor, action="supporter.import_uploaded", obj=job, summary=job.original_name
    )
    return job


def job_text(job: ImportJob) -> str:
    with job.file.open("rb") as handle:
        return decode(handle.read())[0]


def job_header(job: ImportJob) -> list[str]:
    return read_header(job_text(job))


def map_and_preview(*, job: ImportJob, mapping: dict[str, str]) -> dict:
    text = job_text(job)
    job.mapping = check_mapping(read_header(text), mapping)
    job.save(update_fields=["mapping"])
    return preview(job=job, text=text)


def request_preview(*, job: ImportJob, mapping: dict[str, str]) -> ImportJob:
    """Save the column choices and check the whole file in the task queue: a large file takes
    longer than a request may."""
    from droplwop.core.tasks_util import enqueue_on_commit

    from .tasks import preview_import_task

    job.mapping = check_mapping(job_header(job), mapping)
    job.status = ImportStatus.CHECKING
    job.failure = ""
    job.save(update_fields=["mapping", "status", "failure"])
    enqueue_on_commit(preview_import_task, job.pk)
    return job


def run_preview(*, job_id: int) -> ImportJob:
    job = ImportJob.objects.get(pk=job_id)
    if job.status != ImportStatus.CHECKING:
        return job
    try:
        preview(job=job, text=job_text(job))
    except (ImportProblem, csv.Error) as exc:
        job.status, job.failure = ImportStatus.UPLOADED, str(exc)[:2000]
        job.save(update_fields=["status", "failure"])
    return job


def start_import(*, job: ImportJob, actor) -> ImportJob:
    """Queue the run (or the rest of a failed one) once the preview was approved."""
    from droplwop.core.tasks_util import enqueue_on_commit

    from .tasks import run_import_task

    if job.status not in (ImportStatus.PREVIEWED, ImportStatus.FAILED):
        return job
    job.status = ImportStatus.QUEUED
    job.save(update_fields=["status"])
    record_audit(actor=actor, action="supporter.import_started", obj=job, summary=job.original_name)
    enqueue_on_commit(run_import_task, job.pk)
    return job
