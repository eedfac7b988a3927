from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


@register_setting(icon="mail")
class ReceiptSettings(BaseGenericSetting):
    """What every receipt says about taxes, edited by organizers in both languages. The
    organization's name and EIN come from the organization settings."""

    tax_text_en = models.TextField(
        _("tax wording (English)"),
        blank=True,
        default=(
            "No goods or services were provided in exchange for this contribution. "
            "Please keep this receipt for your records."
        ),
    )
    tax_text_es = models.TextField(
        _("tax wording (Spanish)"),
        blank=True,
        default=(
            "No se entregaron bienes ni servicios a cambio de esta contribución. "
            "Guarde este recibo para sus registros."
        ),
    )
    beneficiary_text_en = models.TextField(
        _("wording for gifts to an external beneficiary (English)"),
        blank=True,
        default="This gift is passed on in full to the beneficiary named above.",
    )
    beneficiary_text_es = models.TextField(
        _("wording for gifts to an external beneficiary (Spanish)"),
        blank=True,
        default="Este donativo se entrega completo al beneficiario nombrado arriba.",
    )

    panels = [
        MultiFieldPanel([FieldPanel("tax_text_en"), FieldPanel("tax_text_es")], heading=_("Taxes")),
        MultiFieldPanel(
            [FieldPanel("beneficiary_text_en"), FieldPanel("beneficiary_text_es")],
            heading=_("External beneficiary"),
        ),
    ]

    class Meta:
        verbose_name = _("donation receipts")

    def tax_text(self, language_code):
        return self.tax_text_es if language_code == "es" and self.tax_text_es else self.tax_text_en

    def beneficiary_text(self, language_code):
        if language_code == "es" and self.beneficiary_text_es:
            return self.beneficiary_text_es
        return self.beneficiary_text_en
