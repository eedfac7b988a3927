from django import template

from droplwop.donations.money import format_money

register = template.Library()


@register.filter
def money(cents):
    return format_money(cents)


@register.filter
def beneficiary_note(fund, language):
    return fund.beneficiary_note_in(language)
