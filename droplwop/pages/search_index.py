"""Keeps public search in step with consent: a case page's name and story are indexed only as
far as the newest consent allows, so a new consent row re-indexes the case's pages."""

from wagtail.search import index


def reindex_case_pages(sender, instance, **kwargs):
    for page in instance.case.pages.all():
        index.insert_or_update_object(page)
