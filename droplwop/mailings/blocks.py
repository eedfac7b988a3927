"""What an organizer can put in the body of a mailing. Rendered for email clients, not the site."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock


class ButtonBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("button label"), max_length=60)
    url = blocks.URLBlock(label=_("address"))

    class Meta:
        icon = "link"
        label = _("Button")


class EmailImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    alt_text = blocks.CharBlock(
        label=_("alternative text"),
        max_length=250,
        help_text=_("Many email programs hide pictures: say what it shows."),
    )

    class Meta:
        icon = "image"
        label = _("Image")


class MailingBodyBlock(blocks.StreamBlock):
    text = blocks.RichTextBlock(
        label=_("Text"),
        features=["h2", "h3", "bold", "italic", "link", "ol", "ul"],
        help_text=_("Merge fields: {{ first_name }}, {{ last_name }}, {{ city }}."),
    )
    button = ButtonBlock()
    image = EmailImageBlock()
