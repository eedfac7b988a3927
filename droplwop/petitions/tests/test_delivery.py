import io
import re

import pytest
from pypdf import PdfReader

from droplwop.petitions import services
from droplwop.petitions.delivery import render_delivery_pdf

pytestmark = pytest.mark.django_db

NAMES = [
    ("José", "Hernández"),
    ("Thanh", "Nguyễn"),
    ("Siobhan", "O'Brien"),
    ("李", "明"),
    ("Keisha", "Brown"),
    ("Ana", "López"),
    ("Jorge", "Ruiz"),
]


def test_a_pdf_built_in_chunks_lists_every_signer_once_in_order_with_running_page_numbers(
    petition, settings
):
    settings.PETITIONS_DELIVERY_CHUNK = 3
    for n, (first, last) in enumerate(NAMES):
        services.sign_petition(
            petition=petition,
            email=f"signer{n}@example.org",
            first_name=first,
            last_name=last,
            zip_code="94110",
            city="Oakland",
            comment="<b>free them</b> & now" if n == 4 else "",
        )
    steps = []
    pages = PdfReader(
        io.BytesIO(render_delivery_pdf(petition, on_progress=lambda d, t: steps.append((d, t))))
    ).pages
    text = "\n".join(page.extract_text() for page in pages)

    assert steps == [(3, 7), (6, 7), (7, 7)]
    # Three signer chunks after the cover: the footers keep counting across the joins.
    assert len(pages) >= 4
    for number, page in enumerate(pages, start=1):
        assert f"Page {number}" in page.extract_text()
    listed = re.findall(r"^(\d+)\. (.+?), Oakland", text, flags=re.MULTILINE)
    assert listed == [(str(n), f"{first} {last}") for n, (first, last) in enumerate(NAMES, start=1)]
    # A comment is the signer's own text: its markup is shown, never obeyed.
    assert "<b>free them</b> & now" in text
