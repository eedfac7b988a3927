from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from droplwop.core.fields import HttpsURLField


@register_setting(icon="site")
class OrganizationSettings(BaseGenericSetting):
    """Who we are and where to reach us: edited by organizers, shown in the header and footer."""

    name = models.CharField(_("organization name"), max_length=120, default="Drop LWOP Coalition")
    tagline_en = models.CharField(_("tagline (English)"), max_length=200, blank=True)
    tagline_es = models.CharField(_("tagline (Spanish)"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    mailing_address = models.TextField(
        _("postal address"),
        blank=True,
        help_text=_(
            "Printed at the foot of every mailing: US law (CAN-SPAM) requires a valid postal "
            "address in bulk email. A PO box registered to the coalition will do."
        ),
    )
    donate_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("donate page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    donate_url = HttpsURLField(_("external donate link"), blank=True)
    instagram_url = HttpsURLField(_("Instagram"), blank=True)
    facebook_url = HttpsURLField(_("Facebook"), blank=True)
    x_url = HttpsURLField(_("X (Twitter)"), blank=True)
    youtube_url = HttpsURLField(_("YouTube"), blank=True)
    default_share_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("default share image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    ein = models.CharField(_("EIN (tax id)"), max_length=20, blank=True)

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldPanel("tagline_en"),
                FieldPanel("tagline_es"),
                FieldPanel("ein"),
            ],
            heading=_("Organization"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("contact_email"),
                FieldPanel("mailing_address"),
                FieldPanel("donate_page"),
                FieldPanel("donate_url"),
            ],
            heading=_("Contact and giving"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("instagram_url"),
                FieldPanel("facebook_url"),
                FieldPanel("x_url"),
                FieldPanel("youtube_url"),
            ],
            heading=_("Social media"),
        ),
        FieldPanel("default_share_image"),
    ]

    class Meta:
        verbose_name = _("organization settings")

    def tagline(self, language_code):
        return self.tagline_es if language_code == "es" and self.tagline_es else self.tagline_en

    def get_donate_href(self):
        if self.donate_page_id:
            return self.donate_page.localized.url
        return self.donate_url
