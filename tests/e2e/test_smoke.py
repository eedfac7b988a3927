import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_in_spanish_shows_the_mission(live_server, demo, page):
    page.goto(f"{live_server.url}/es/")
    assert "Acabar con la cadena perpetua" in page.locator("h1").inner_text()
