from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.widgets import AdminDateTimeInput
from wagtail.blocks.base import BlockWidget


class TestSendForm(forms.Form):
    email = forms.EmailField(label=_("Send a test to"))
    language = forms.ChoiceField(
        label=_("Version"), choices=[("en", _("English")), ("es", _("Spanish"))]
    )


class ScheduleForm(forms.Form):
    send_at = forms.DateTimeField(label=_("Send at"), widget=AdminDateTimeInput())


class MailingAdminForm(WagtailAdminModelForm):
    """A body that arrives cut short (its block count or a block's fields missing from the POST)
    is read as empty and named in an error, instead of failing the whole request."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.cut_short = []
        for name, field in self.fields.items():
            if isinstance(field.widget, BlockWidget):
                field.widget.value_from_datadict = self._guarded(name, field.widget)

    def _guarded(self, name, widget):
        read = widget.value_from_datadict

        def value_from_datadict(data, files, prefix):
            try:
                return read(data, files, prefix)
            except (KeyError, ValueError, TypeError):
                self.cut_short.append(name)
                return widget.block_def.get_default()

        return value_from_datadict

    def clean(self):
        cleaned = super().clean()
        for name in dict.fromkeys(self.cut_short):
            self.add_error(name, _("This text arrived incomplete. Please write it again."))
        return cleaned
