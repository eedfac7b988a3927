from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from droplwop.core.blocks import body_blocks
from droplwop.core.models import BasePage

from ..forms import CommentForm
from ..selectors import list_approved_comments
from .comments import BODY_MAX_LENGTH


class NewsKind(models.TextChoices):
    NEWS = "news", _("News")
    PRESS_RELEASE = "press_release", _("Press release")
    STATEMENT = "statement", _("Statement")


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "pages.NewsPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class NewsPage(BasePage):
    kind = models.CharField(
        _("kind"), max_length=20, choices=NewsKind.choices, default=NewsKind.NEWS
    )
    date = models.DateField(_("date"), default=timezone.localdate)
    author = models.CharField(_("author"), max_length=120, blank=True)
    intro = models.TextField(_("introduction"), max_length=600, blank=True)
    body = StreamField(body_blocks(), verbose_name=_("body"))
    tags = ClusterTaggableManager(through=NewsPageTag, blank=True, verbose_name=_("tags"))
    media_contact_name = models.CharField(_("media contact name"), max_length=120, blank=True)
    media_contact_title = models.CharField(_("media contact title"), max_length=160, blank=True)
    media_contact_email = models.EmailField(_("media contact email"), blank=True)
    media_contact_phone = models.CharField(_("media contact phone"), max_length=40, blank=True)
    comments_enabled = models.BooleanField(_("allow comments"), default=True)

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [FieldPanel("kind"), FieldPanel("date"), FieldPanel("author"), FieldPanel("tags")],
            heading=_("About this post"),
        ),
        FieldPanel("intro"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("media_contact_name"),
                FieldPanel("media_contact_title"),
                FieldPanel("media_contact_email"),
                FieldPanel("media_contact_phone"),
            ],
            heading=_("Media contact (press releases)"),
        ),
        FieldPanel("comments_enabled"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("kind"),
        index.FilterField("date"),
    ]
    parent_page_types = ["pages.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news post")
        verbose_name_plural = _("news posts")

    og_type = "article"
    # Posts keep the site's default page cache: the comment form posts to a csrf_exempt view
    # (pages.views.post_comment) that checks the origin, a honeypot and a per-address limit,
    # and moderating a comment makes the cache forget its pages.

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if self.comments_enabled:
            context["comments"] = list_approved_comments(post=self)
            context["comment_form"] = CommentForm()
            context["comment_sent"] = request.GET.get("comment") == "sent"
            context["body_max_length"] = BODY_MAX_LENGTH
        return context

    @property
    def has_media_contact(self):
        return self.kind == NewsKind.PRESS_RELEASE and bool(self.media_contact_name)

    def get_meta_description(self):
        return self.search_description or self.summary or self.intro[:300]
