"""Where mail to a person inside goes, in the CDCR envelope format (shared/reference
domain-california.md, 1.1): full name and CDCR number; institution; PO box and housing;
city, state and ZIP. An address the research did not find is reported as unknown."""

from dataclasses import dataclass

from .models import FacilityMailAddress


@dataclass
class Envelope:
    lines: list
    known: bool
    facility: object = None
    verified_on: object = None


def get_mail_address(facility, yard: str = ""):
    if facility is None:
        return None
    addresses = FacilityMailAddress.objects.filter(facility=facility)
    yard = (yard or "").strip().upper()
    return (yard and addresses.filter(yard__iexact=yard).first()) or addresses.filter(
        yard=""
    ).first()


def get_envelope(*, name: str, cdcr_number: str, housing: str, facility, yard: str = ""):
    address = get_mail_address(facility, yard)
    if address is None:
        return Envelope(lines=[], known=False, facility=facility)
    box_line = ", ".join(
        part for part in [f"P.O. Box {address.po_box}" if address.po_box else "", housing] if part
    )
    lines = [
        f"{name}, CDCR# {cdcr_number}" if cdcr_number else name,
        facility.name,
        box_line,
        f"{address.city}, {address.state} {address.zip_code}",
    ]
    return Envelope(
        lines=[line for line in lines if line],
        known=True,
        facility=facility,
        verified_on=facility.verified_on,
    )
