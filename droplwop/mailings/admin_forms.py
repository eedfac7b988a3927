from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateTimeInput


class TestSendForm(forms.Form):
    email = forms.EmailField(label=_("Send a test to"))
    language = forms.ChoiceField(
        label=_("Version"), choices=[("en", _("English")), ("es", _("Spanish"))]
    )


class ScheduleForm(forms.Form):
    send_at = forms.DateTimeField(label=_("Send at"), widget=AdminDateTimeInput())
