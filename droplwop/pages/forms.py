from django import forms
from django.utils.translation import gettext_lazy as _

from droplwop.core.validators import validate_name

from .models.comments import BODY_MAX_LENGTH, NAME_MAX_LENGTH


class CommentForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=NAME_MAX_LENGTH,
        help_text=_("Shown with your comment."),
        validators=[validate_name],
        error_messages={
            "required": _("Please tell us your name."),
            "max_length": _("Please keep your name under %(limit_value)d characters."),
        },
    )
    email = forms.EmailField(
        label=_("Email"),
        help_text=_("Never shown. We may write to you about your comment."),
        error_messages={
            "required": _("Please give your email address."),
            "invalid": _("Please give an email address like name@example.org."),
        },
    )
    body = forms.CharField(
        label=_("Comment"),
        max_length=BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": _("Please write a comment before sending it."),
            "max_length": _(
                "Your comment is %(show_value)d characters long; please shorten it to "
                "%(limit_value)d or fewer."
            ),
        },
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)
    website = forms.CharField(required=False, label=_("Leave this field empty"))

    def __init__(self, *args, prefix_id: str = "comment", **kwargs):
        super().__init__(*args, **kwargs)
        # Reply forms sit beside the main one on the same page; their ids must not clash.
        self.auto_id = f"{prefix_id}-%s"

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Please tell us your name."), code="required")
        return name

    def clean_body(self):
        body = self.cleaned_data["body"].strip()
        if not body:
            raise forms.ValidationError(
                _("Please write a comment before sending it."), code="required"
            )
        return body
