from django import forms
from django.template.loader import render_to_string
from django.utils import translation


class SignForm(forms.Form):
    email = forms.EmailField(label="Email", help_text="Never shown.")
    city = forms.CharField(label="City", required=False)
    agree = forms.BooleanField(label="I agree")


def test_field_ties_its_help_and_error_to_the_input():
    form = SignForm(data={"email": "not-an-email"})
    html = render_to_string("components/field.html", {"field": form["email"]})
    assert 'aria-describedby="id_email_helptext id_email_error"' in html
    assert 'aria-invalid="true"' in html
    assert 'id="id_email_error"' in html and "valid email" in html
    assert '<label for="id_email">Email</label>' in html


def test_optional_fields_say_so_in_spanish():
    form = SignForm()
    with translation.override("es"):
        html = render_to_string("components/field.html", {"field": form["city"]})
    assert "(opcional)" in html
    assert "aria-invalid" not in html


def test_error_summary_links_each_problem_to_its_field():
    form = SignForm(data={"email": "x"})
    html = render_to_string("components/error_summary.html", {"form": form})
    assert 'role="alert"' in html
    assert 'href="#id_email"' in html
    assert 'href="#id_agree"' in html
    assert render_to_string("components/error_summary.html", {"form": SignForm()}).strip() == ""
