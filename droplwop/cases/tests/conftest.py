import datetime

import pytest
from django.contrib.auth.models import Group

from droplwop.cases import services
from droplwop.inreach.models import Facility
from droplwop.users.models import User


def make_staff(username, role=None, **extra):
    user = User.objects.create_user(
        username, f"{username}@example.org", "a-long-test-password", is_staff=True, **extra
    )
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture(autouse=True)
def _english():
    """A request to a Spanish page leaves Spanish active on the thread; reset per test."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture
def lead(db):
    return make_staff("case-lead", "Organizer", first_name="Lena", last_name="Lead")


@pytest.fixture
def member(db):
    return make_staff("case-member", "Organizer", first_name="Mo", last_name="Member")


@pytest.fixture
def administrator(db):
    return make_staff("case-admin", "Administrator", is_superuser=True)


@pytest.fixture
def case(lead, member):
    case = services.create_case(
        actor=lead,
        legal_name="Test Person Fictional",
        preferred_name="Testy",
        facility=Facility.objects.get(acronym="KVSP"),
        yard="B",
        housing="B3-101",
        county_of_conviction="Kern",
        sentence="Life without the possibility of parole",
        offense_date=datetime.date(2001, 5, 1),
        age_at_offense=20,
        custody_start=datetime.date(2001, 5, 2),
    )
    services.add_member(actor=lead, case=case, user=member)
    services.add_cdcr_number(actor=lead, case=case, number="AB1234")
    return case


@pytest.fixture
def other_case(administrator):
    other_lead = make_staff("other-lead", "Organizer")
    return services.create_case(actor=other_lead, legal_name="Other Person Fictional")


def pdf_bytes(pages=1, text="Certificate"):
    """A small real PDF made with WeasyPrint."""
    from weasyprint import HTML

    body = "".join(
        f'<p style="page-break-after: always">{text} page {n + 1}</p>' for n in range(pages)
    )
    return HTML(string=f"<html><body>{body}</body></html>").write_pdf()


@pytest.fixture
def png_bytes():
    return (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
        b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81"
        b"\x84\x00\x00\x00\x00IEND\xaeB`\x82"
    )


def upload(name, content, content_type="application/octet-stream"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type=content_type)
