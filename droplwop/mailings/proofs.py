"""A test copy of a mailing, sent to a staff address before the real send."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.utils.translation import gettext as _

from droplwop.supporters.models import Supporter

from .models import Mailing
from .rendering import LinkMaker, personalize, prepare_version


def send_test_message(*, mailing: Mailing, to: str, language: str, first_name: str = "") -> None:
    """One copy to a staff address, with sample merge values; its unsubscribe link opens nothing."""
    version = prepare_version(mailing, language)
    sample = Supporter(pk=0, first_name=first_name, preferred_language=language)
    content = personalize(version, supporter=sample, send_id=0, links=LinkMaker())
    message = EmailMultiAlternatives(
        subject=f"[{_('Test')}] {content.subject}",
        body=content.text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers={"List-Unsubscribe": f"<{content.unsubscribe_url}>"},
    )
    message.attach_alternative(content.html, "text/html")
    message.send()
