from django.db import models
from django.utils.translation import gettext_lazy as _

from ..choices import LetterStatus, Relationship
from ..storage import private_storage


class SupportLetter(models.Model):
    """A letter from the public for the packet. The text is kept as typed and always escaped."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="letters")
    supporter = models.ForeignKey(
        "supporters.Supporter", on_delete=models.CASCADE, related_name="support_letters"
    )
    writer_name = models.CharField(_("your name"), max_length=200)
    relationship = models.CharField(_("relationship"), max_length=32, choices=Relationship.choices)
    city = models.CharField(_("city"), max_length=120)
    how_known = models.CharField(_("how you know them"), max_length=500)
    body = models.TextField(_("letter"), blank=True)
    upload = models.FileField(storage=private_storage, upload_to="cases/letters/", blank=True)
    upload_content_type = models.CharField(max_length=40, blank=True)
    include_in_packet = models.BooleanField(_("may be included in the packet"), default=False)
    language = models.CharField(max_length=2, default="en")
    status = models.CharField(
        _("status"), max_length=16, choices=LetterStatus.choices, default=LetterStatus.PENDING
    )
    submitted_at = models.DateTimeField(auto_now_add=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        "users.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["submitted_at", "id"]
        constraints = [
            # One letter per person per case; a second submission updates a pending one.
            models.UniqueConstraint(fields=["case", "supporter"], name="cases_letter_per_person")
        ]

    def __str__(self):
        return f"{self.writer_name} ({self.get_status_display()})"
