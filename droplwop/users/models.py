from django.contrib.auth.models import AbstractUser
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A staff login. A supporter record is a separate thing (supporters.Supporter)."""

    class Meta:
        verbose_name = _("staff user")
        verbose_name_plural = _("staff users")
