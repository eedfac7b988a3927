"""A reader comments on a post; it waits for moderation until an organizer approves it."""

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

POST = "/en/news/coalition-welcomes-commutations/"


def test_comment_is_held_then_approved_in_the_admin_and_shown(
    live_server, demo, page, organizer, axe_violations
):
    page.goto(live_server.url + POST)
    form = page.locator("form.comment-form").last
    form.get_by_label("Name").fill("Rosa Díaz")
    form.get_by_label("Email").fill("rosa@example.org")
    form.get_by_label("Comment").fill("My brother has served 30 years. <b>Bring him home.</b>")
    form.get_by_role("button", name="Send comment").click()
    page.wait_for_url(re.compile(r"\?comment=sent"))
    assert "once a moderator has read it" in page.get_by_role("status").first.inner_text()
    assert "Bring him home" not in page.locator("#comments").inner_text()
    assert axe_violations(page) == []

    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Username").fill(organizer.username)
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("link", name="Comments").first.click()
    page.wait_for_url(re.compile(r"/admin/snippets/pages/comment/\?status=pending"))
    row = page.locator("tr", has_text="Rosa Díaz")
    row.locator("input[type=checkbox]").check()
    page.get_by_role("link", name="Approve the selected comments").click()
    page.get_by_role("button", name="Yes").click()
    assert "1 comment approved" in page.locator(".messages").inner_text()

    page.context.clear_cookies()
    page.goto(live_server.url + POST)
    comments = page.locator("#comments")
    assert "Rosa Díaz" in comments.inner_text()
    # Typed markup is shown as text, never run as HTML.
    assert "<b>Bring him home.</b>" in comments.locator(".comment__body").first.inner_text()
    assert "rosa@example.org" not in page.content()
    assert axe_violations(page) == []
