from django.urls import path

from . import feeds, manifest, views

# Served under /<lang>/ by droplwop/urls.py, before Wagtail's page routes.
urlpatterns = [
    path("search/", views.search, name="search"),
    path("feeds/news.rss", feeds.NewsRssFeed(), name="news_rss"),
    path("feeds/news.atom", feeds.NewsAtomFeed(), name="news_atom"),
    path("comments/<id:post_id>/", views.post_comment, name="comment"),
    path("manifest.webmanifest", manifest.web_manifest, name="web_manifest"),
]
