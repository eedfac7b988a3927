"""wagtail-localize can translate the page types: the editors' translation workflow."""

from wagtail.models import Locale
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from droplwop.core.demo_tools import publish
from droplwop.pages.models import NewsIndexPage, NewsPage


def test_a_news_post_is_translated_through_wagtail_localize(
    client, demo, django_capture_on_commit_callbacks
):
    index = NewsIndexPage.objects.get(locale__language_code="en")
    post = NewsPage(
        title="Families rally at the Capitol",
        slug="families-rally",
        kind="news",
        intro="Families came to Sacramento.",
        body=[("text", "<p>They carried photos of their loved ones.</p>")],
    )
    post.tags.add("organizing")
    index.add_child(instance=post)
    publish(post)
    spanish = Locale.objects.get(language_code="es")

    source, _created = TranslationSource.get_or_create_from_instance(post)
    translation = Translation.objects.create(source=source, target_locale=spanish)
    wording = {
        "Families rally at the Capitol": "Las familias se manifiestan en el Capitolio",
        "Families came to Sacramento.": "Las familias llegaron a Sacramento.",
        "They carried photos of their loved ones.": "Llevaban fotos de sus seres queridos.",
    }
    for segment in StringSegment.objects.filter(source=source).select_related("string"):
        if segment.string.data in wording:
            StringTranslation.objects.create(
                translation_of=segment.string,
                locale=spanish,
                context=segment.context,
                data=wording[segment.string.data],
            )
    # wagtail-localize publishes the new translation once the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)

    translated = post.get_translation(spanish)
    assert translated.title == "Las familias se manifiestan en el Capitolio"
    assert translated.get_parent().specific.title == "Noticias"
    html = client.get(translated.url).content.decode()
    assert "Llevaban fotos de sus seres queridos." in html
    assert '<html lang="es">' in html
