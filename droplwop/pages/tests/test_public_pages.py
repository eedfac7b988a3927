import pytest


@pytest.mark.parametrize(
    "path", ["/en/", "/es/", "/en/about/", "/es/acerca/", "/en/search/?q=parole"]
)
def test_public_pages_render_in_both_languages(client, demo, path):
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{path[1:3]}">' in html


def test_spanish_home_shows_spanish_mission(client, demo):
    html = client.get("/es/").content.decode()
    assert "Acabar con la cadena perpetua" in html


def test_language_switcher_points_at_the_translated_page(client, demo):
    html = client.get("/en/about/").content.decode()
    assert 'href="/es/acerca/"' in html


def test_root_redirects_to_a_language(client, demo):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] in {"/en/", "/es/"}
