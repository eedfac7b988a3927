"""The site works at phone width and by keyboard, without JavaScript."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(live_server, demo, page):
    page.goto(f"{live_server.url}/en/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_phone_width_has_no_sideways_scrolling_and_the_menu_opens(live_server, demo, browser):
    context = browser.new_context(viewport={"width": 320, "height": 640}, java_script_enabled=False)
    phone = context.new_page()
    try:
        for path in ("/en/", "/es/", "/es/no-existe/"):
            phone.goto(live_server.url + path)
            overflow = phone.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, path
        phone.goto(f"{live_server.url}/en/")
        menu = phone.locator(".menu-toggle")
        menu.locator("summary").click()
        assert menu.locator(".main-menu a").first.is_visible()
    finally:
        context.close()
