from django import template
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def css_string(value):
    """Text for a CSS content string: HTML entities are not decoded inside <style>."""
    text = str(value or "")
    for char, escaped in (
        ("\\", "\\\\"),
        ('"', '\\"'),
        ("\n", " "),
        ("<", "\\3c "),
        (">", "\\3e "),
    ):
        text = text.replace(char, escaped)
    return mark_safe(text)  # noqa: S308 (escaped for a CSS string above)


@register.filter
def described_widget(field):
    """The widget with its help text and errors tied to it for screen readers."""
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}-help")
    if field.errors:
        ids.append(f"{field.auto_id}-error")
    attrs = {"aria-describedby": " ".join(ids)} if ids else {}
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)
