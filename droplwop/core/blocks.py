"""StreamField blocks shared by every page type that has a body."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    alt_text = blocks.CharBlock(
        label=_("alternative text"),
        max_length=250,
        help_text=_("Describe the picture for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "components/blocks/image.html"
        label = _("Image")


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("quote"))
    attribution = blocks.CharBlock(label=_("attribution"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        template = "components/blocks/quote.html"
        label = _("Quote")


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(label=_("video link"), help_text=_("A YouTube or Vimeo address."))
    title = blocks.CharBlock(label=_("title"), max_length=200)
    transcript = blocks.RichTextBlock(
        label=_("transcript or description"), required=False, features=["bold", "italic", "link"]
    )

    class Meta:
        icon = "media"
        template = "components/blocks/video.html"
        label = _("Video")


class CallToActionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), max_length=120)
    text = blocks.TextBlock(label=_("text"), required=False)
    button_label = blocks.CharBlock(label=_("button label"), max_length=60)
    page = blocks.PageChooserBlock(label=_("page"), required=False)
    url = blocks.URLBlock(label=_("or an address"), required=False)

    class Meta:
        icon = "pick"
        template = "components/blocks/call_to_action.html"
        label = _("Call to action")


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    label = blocks.CharBlock(label=_("link text"), max_length=150, required=False)

    class Meta:
        icon = "doc-full"
        template = "components/blocks/document_link.html"
        label = _("Document link")


RICH_TEXT_FEATURES = [
    "h2",
    "h3",
    "h4",
    "bold",
    "italic",
    "ol",
    "ul",
    "link",
    "document-link",
    "blockquote",
    "hr",
]


def body_blocks():
    return [
        ("text", blocks.RichTextBlock(label=_("Text"), features=RICH_TEXT_FEATURES)),
        ("image", ImageBlock()),
        ("quote", QuoteBlock()),
        ("video", VideoBlock()),
        ("call_to_action", CallToActionBlock()),
        ("document", DocumentLinkBlock()),
    ]
