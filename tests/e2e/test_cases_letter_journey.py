"""A supporter writes a letter in Spanish; the case team approves it and builds the packet."""

import io

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_spanish_letter_reaches_the_packet(live_server, demo, page, axe_violations):
    from droplwop.cases.models import CasePage

    es_page = CasePage.objects.get(locale__language_code="es", slug="que-teresa-vuelva")
    page.goto(live_server.url + es_page.url)
    assert page.get_by_role("heading", name="Escribe una carta de apoyo").is_visible()
    assert axe_violations(page) == []

    page.get_by_label("Tu nombre").fill("Marta Prueba")
    page.get_by_label("Correo electrónico").fill("marta@example.org")
    page.get_by_label("Tu relación").select_option("faith")
    page.get_by_label("Ciudad").fill("Visalia")
    page.get_by_label("¿Cómo conoces a esta persona?").fill("Somos de la misma parroquia.")
    page.locator("textarea[name=body]").fill("Estimado Gobernador: Teresa ha cambiado <de verdad>.")
    page.get_by_label("Autorizo al equipo").check()
    page.get_by_role("button", name="Enviar mi carta").click()
    expect(page.get_by_role("status").filter(has_text="Gracias")).to_be_visible()

    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Username").fill("organizer")
    page.get_by_label("Password").fill("drop-lwop-demo")
    page.get_by_role("button", name="Sign in").click()
    page.goto(live_server.url + "/admin/cases/")
    page.get_by_role("link", name="Teresa").first.click()
    row = page.locator("#letters tr", has_text="Marta Prueba")
    row.get_by_role("button", name="Approve").click()
    expect(page.locator("#letters tr", has_text="Marta Prueba")).to_contain_text("Approved")

    # The test settings run the build inside this request, so the click waits for the PDF.
    page.get_by_role("button", name="Build a new packet").click(timeout=180_000)
    link = page.get_by_role("link", name="Download the packet")
    link.wait_for(timeout=180_000)
    pdf = page.request.get(live_server.url + link.get_attribute("href")).body()
    # Words only: the PDF wraps lines wherever the layout does.
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())

    # After the table of contents, the summary, then the exhibits in order: the two letters the
    # demo team approved earlier, then this one, then the petition.
    body = text[text.index("Application summary", text.index("Table of contents") + 40) :]
    positions = [body.index(f"Exhibit {n}") for n in (1, 2, 3)]
    assert positions == sorted(positions)
    third = body[positions[2] :]
    assert third.index("Marta Prueba") < third.index("Estimado Gobernador")
    assert "Estimado Gobernador: Teresa ha cambiado <de verdad>." in third
    assert "Written in Spanish" in third
    assert third.index("Exhibit 4 Petition:") > third.index("Estimado Gobernador")
