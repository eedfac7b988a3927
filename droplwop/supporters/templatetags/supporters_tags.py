from django import template
from django.utils.translation import get_language

register = template.Library()


@register.filter
def list_name(email_list):
    """An email list's name in the language of the page being shown."""
    return email_list.name_in(get_language())
