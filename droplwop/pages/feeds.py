"""News feeds, one per language: /<lang>/feeds/news.rss and /<lang>/feeds/news.atom."""

import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from wagtail.models import Locale

from droplwop.core.models import OrganizationSettings

from .page_selectors import list_latest_news

FEED_LENGTH = 20


class NewsRssFeed(Feed):
    def get_object(self, request):
        return Locale.get_active()

    def title(self, locale):
        return _("%(name)s: news") % {"name": OrganizationSettings.load().name}

    def link(self, locale):
        return f"/{locale.language_code}/"

    def description(self, locale):
        return _("News, press releases and statements of the campaign to end life without parole.")

    def items(self, locale):
        return list_latest_news(locale=locale, limit=FEED_LENGTH)

    def item_title(self, post):
        return post.title

    def item_description(self, post):
        return post.intro or post.summary

    def item_link(self, post):
        # A path: the feed framework makes it absolute with the requested host.
        return post.get_url()

    def item_author_name(self, post):
        return post.author or None

    def item_pubdate(self, post):
        # The post's date is the one its readers know; publishing time only orders a day's posts.
        published = post.first_published_at
        time = timezone.localtime(published).time() if published else datetime.time(12)
        return timezone.make_aware(datetime.datetime.combine(post.date, time))

    def item_updateddate(self, post):
        return post.last_published_at

    def item_categories(self, post):
        return [post.get_kind_display(), *(tag.name for tag in post.tags.all())]


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed

    def subtitle(self, locale):
        return self.description(locale)
