from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# What a visitor may type; the form and the service both hold to these.
NAME_MAX_LENGTH = 80
BODY_MAX_LENGTH = 3000


class CommentStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for moderation")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class Comment(models.Model):
    """A visitor's comment on a news post, or a reply to one (never a reply to a reply).

    The person (email, names) lives on the Supporter; the row keeps only what belongs to the
    comment: the name the commenter chose to show with it, the text and its moderation state.
    """

    post = models.ForeignKey(
        "pages.NewsPage",
        verbose_name=_("news post"),
        on_delete=models.CASCADE,
        related_name="comments",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("reply to"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
    )
    supporter = models.ForeignKey(
        "supporters.Supporter",
        verbose_name=_("supporter"),
        on_delete=models.CASCADE,
        related_name="page_comments",
    )
    author_name = models.CharField(_("name shown"), max_length=NAME_MAX_LENGTH)
    body = models.TextField(_("comment"), max_length=BODY_MAX_LENGTH)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=CommentStatus.choices,
        default=CommentStatus.PENDING,
        db_index=True,
    )
    ip_hash = models.CharField(_("address hash"), max_length=32, blank=True, editable=False)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True, db_index=True)
    moderated_at = models.DateTimeField(_("moderated"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self):
        excerpt = self.body if len(self.body) <= 60 else self.body[:59] + "…"
        return f"{self.author_name}: {excerpt}"

    @property
    def form_prefix(self):
        """The id prefix of the reply form under this comment (pages.views names it alike)."""
        return f"reply-{self.pk}"
