"""Read the sourced facility list (data/cdcr-facilities.csv, from the coalition's research).

The CSV keeps each prison's mailing column as the researchers wrote it; this module turns it into
one address per yard. Anything it cannot read with certainty is left out, never completed.
"""

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

CSV_PATH = Path(__file__).parent / "data" / "cdcr-facilities.csv"
CLOSED = {"DVI", "CCC", "CVSP", "CAC"}

_BOX = r"P\.?\s?O\.?\s+Box\s+(?P<box>\d+)"
_PLACE = r"(?P<city>[A-Za-z .]+),\s*CA\s+(?P<zip>\d{5}(?:-\d{4})?)"
_SEGMENT = re.compile(rf"^(?:(?P<label>[^:]+):\s*)?(?:{_BOX})?\s*,?\s*(?:{_PLACE})?\s*$")
_ALL = re.compile(rf"\(all\s+{_PLACE}\)\s*$")


@dataclass
class Address:
    yard: str
    po_box: str
    city: str
    zip_code: str


@dataclass
class FacilityRow:
    acronym: str
    name: str
    city: str
    source: str
    raw_address: str
    addresses: list = field(default_factory=list)


def _yards(label: str) -> list[str]:
    label = (label or "").strip()
    if not label or label.lower() == "general":
        return [""]
    label = re.sub(r"^Facility\s+", "", label)
    label = re.sub(r"\s*\(.*\)$", "", label)
    return [part.strip() for part in re.split(r"\s*(?:/|&)\s*", label) if part.strip()]


def parse_addresses(raw: str) -> list[Address]:
    raw = (raw or "").strip()
    if not raw:
        return []
    # A parenthetical with yard boxes but an incomplete ZIP ("92179-900x") is not an address.
    raw = re.sub(r"\s*\(facility-specific:.*\)$", "", raw)
    default_city = default_zip = ""
    shared = _ALL.search(raw)
    if shared:
        default_city, default_zip = shared["city"].strip(), shared["zip"]
        raw = raw[: shared.start()].strip()
    if raw.startswith("["):
        # "[Name, CDCR #, housing], San Quentin, CA 94974": a ZIP reserved for people inside.
        match = re.search(rf"\],\s*{_PLACE}$", raw)
        return [Address("", "", match["city"].strip(), match["zip"])] if match else []
    addresses = []
    for segment in raw.split(";"):
        match = _SEGMENT.match(segment.strip())
        if not match or not match["box"]:
            continue
        city = (match["city"] or default_city).strip()
        zip_code = match["zip"] or default_zip
        if not city or not zip_code:
            continue
        for yard in _yards(match["label"]):
            addresses.append(Address(yard, match["box"], city, zip_code))
    return addresses


def read_facilities(path: Path = CSV_PATH) -> list[FacilityRow]:
    with open(path, newline="", encoding="utf-8") as handle:
        rows = []
        for row in csv.DictReader(handle):
            raw = row["mailing_address_for_incarcerated_people"]
            rows.append(
                FacilityRow(
                    acronym=row["acronym"].strip(),
                    name=row["name"].strip(),
                    city=row["city"].strip(),
                    source=row["source"].strip(),
                    raw_address=raw,
                    addresses=parse_addresses(raw),
                )
            )
        return rows


def seed(facility_model, address_model) -> None:
    """Create missing facilities and addresses from the CSV; existing rows are left as organizers
    edited them. Takes the model classes so the data migration can pass its historical ones."""
    for row in read_facilities():
        facility, _created = facility_model.objects.get_or_create(
            acronym=row.acronym,
            defaults={"name": row.name, "city": row.city, "source": row.source},
        )
        for address in row.addresses:
            address_model.objects.get_or_create(
                facility=facility,
                yard=address.yard,
                defaults={
                    "po_box": address.po_box,
                    "city": address.city,
                    "zip_code": address.zip_code,
                },
            )
