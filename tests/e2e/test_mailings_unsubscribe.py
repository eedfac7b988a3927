import pytest

from droplwop.mailings.demo import SENT_TITLE
from droplwop.mailings.models import Send
from droplwop.mailings.rendering import unsubscribe_token
from droplwop.supporters.models import SubscriptionStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_reader_unsubscribes_from_the_link_in_their_language(
    live_server, demo, phone_page, axe_violations
):
    send = (
        Send.objects.filter(
            mailing__title=SENT_TITLE, language="es", unsubscribed_at=None, status="sent"
        )
        .select_related("supporter")
        .first()
    )
    page = phone_page

    page.goto(f"{live_server.url}/mail/unsubscribe/{unsubscribe_token(send.pk)}/")

    assert page.locator("h1").inner_text() == "Darse de baja"
    assert axe_violations(page) == []
    page.get_by_role("button", name="Sí, darme de baja").click()
    page.get_by_role("heading", name="Te diste de baja").wait_for()
    assert axe_violations(page) == []
    subscription = send.supporter.subscriptions.get(email_list=send.mailing.email_list)
    assert subscription.status == SubscriptionStatus.UNSUBSCRIBED


def test_a_changed_link_says_so_and_unsubscribes_nobody(live_server, demo, page):
    page.goto(f"{live_server.url}/mail/unsubscribe/not-a-real-token/")

    assert "This link does not work" in page.locator("h1").inner_text()
    assert not page.get_by_role("button").filter(has_text="unsubscribe").count()
