from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


class User(AbstractUser):
    """A staff login. A supporter record is a separate thing (supporters.Supporter)."""

    class Meta:
        verbose_name = _("staff user")
        verbose_name_plural = _("staff users")


@register_setting(icon="lock")
class SecuritySettings(BaseGenericSetting):
    """Sign-in rules the Administrators set (users is an Administrator-only app)."""

    require_two_factor_for_administrators = models.BooleanField(
        _("require two-factor authentication for Administrators"),
        default=False,
        help_text=_(
            "An Administrator without an authenticator app is sent to set one up before "
            "anything else."
        ),
    )

    class Meta:
        verbose_name = _("sign-in security")
