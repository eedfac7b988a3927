"""Reading an import file: decoding, the header, the column mapping and each row's checks.

Pure functions of the text: nothing here touches the database.
"""

import csv
import io
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .addresses import normalize_email
from .models import SubscriptionStatus

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
