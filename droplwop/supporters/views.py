"""Public pages about a person's own subscriptions: thin, each one parses and calls a service."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from droplwop.core.form_guard import public_form

from . import selectors, services
from .forms import PreferencesForm, SignupForm
from .intake import submit_signup
from .links import read_confirmation
from .models import EmailList, Supporter

PREFERENCES_CONSENT = "Chosen on my preferences page."


def signup_consent_text(form) -> str:
    """What the person agreed to, in the words the form showed them, stored on each list."""
    return _("Yes, email me about: %(lists)s. I can unsubscribe at any time.") % {
        "lists": "; ".join(
            email_list.name_in(get_language()) for email_list in form.cleaned_data["lists"]
        )
    }


def _thanks(form):
    # The chosen lists decide it, never whether the address is known: the answer is the same
    # for everyone who chooses the same lists.
    url = reverse("supporters:signup_thanks")
    return redirect(url + "?confirm=1" if form.sends_confirmation() else url)


def _signup_thanks_redirect(request):
    form = SignupForm(request.POST)
    return _thanks(form) if form.is_valid() else redirect("supporters:signup_thanks")


def _show_refused_form(request, message):
    form = SignupForm(request.POST)
    form.is_valid()
    form.add_error(None, message)
    return render(request, "supporters/signup.html", {"form": form})


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
@public_form("supporters.signup", on_bot=_signup_thanks_redirect, show_form=_show_refused_form)
def signup(request):
    """The signup form on its own, and where every copy of the form (page, block) posts.

    The form is also shown on cached pages, so it carries no CSRF token: the guard checks the
    origin, the honeypot and the address's limit instead.
    """
    if request.method == "GET":
        return render(request, "supporters/signup.html", {"form": SignupForm()})
    form = SignupForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        submit_signup(
            email=data["email"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            zip_code=data["zip_code"],
            language=data["language"],
            lists=data["lists"],
            consent_text=signup_consent_text(form),
            source=request.POST.get("source", "")[:120] or "signup form",
        )
        return _thanks(form)
    return render(request, "supporters/signup.html", {"form": form}, status=400)


def signup_thanks(request):
    email_sent = request.GET.get("confirm") == "1"
    return render(request, "supporters/signup_thanks.html", {"email_sent": email_sent})


@never_cache
def confirm(request, token):
    """A GET only shows the button: mail scanners that open links must not confirm for people."""
    parsed = read_confirmation(token)
    supporter = (
        Supporter.objects.filter(pk=parsed[0], anonymized_at__isnull=True).first()
        if parsed
        else None
    )
    if supporter is None:
        return _invalid_link(request)
    _supporter_id, language, list_ids = parsed
    if request.method == "POST":
        services.confirm_subscriptions(supporter=supporter, list_ids=list_ids, language=language)
        return redirect(reverse("supporters:confirmed", kwargs={"token": token}))
    lists = EmailList.objects.filter(pk__in=list_ids)
    return render(request, "supporters/confirm.html", {"lists": lists, "supporter": supporter})


@never_cache
def confirmed(request, token):
    parsed = read_confirmation(token)
    if parsed is None:
        return _invalid_link(request)
    supporter = Supporter.objects.filter(pk=parsed[0], anonymized_at__isnull=True).first()
    if supporter is None:
        return _invalid_link(request)
    lists = EmailList.objects.filter(
        pk__in=parsed[2], subscriptions__supporter=supporter, subscriptions__status="subscribed"
    )
    return render(
        request,
        "supporters/confirmed.html",
        {"lists": lists, "supporter": supporter},
    )


def _invalid_link(request):
    return render(request, "supporters/invalid_link.html", status=400)


@never_cache
def preferences(request, token):
    supporter = selectors.get_supporter_from_token(token)
    if supporter is None:
        return _invalid_link(request)
    lists = selectors.list_lists_for_preferences(supporter)
    if request.method == "POST":
        if "unsubscribe_all" in request.POST:
            services.unsubscribe_from_all(supporter=supporter, source="preferences page")
            messages.success(
                request, _("You are unsubscribed from every list. We will not email you again.")
            )
            return redirect(request.path)
        form = PreferencesForm(request.POST, lists=lists)
        if form.is_valid():
            services.update_preferences(
                supporter=supporter,
                lists=form.cleaned_data["lists"],
                language=form.cleaned_data["language"],
                consent_text=PREFERENCES_CONSENT,
                source="preferences page",
            )
            messages.success(request, _("Your choices are saved."))
            return redirect(request.path)
    else:
        form = PreferencesForm(
            lists=lists,
            initial={
                "lists": selectors.list_active_list_ids(supporter),
                "language": supporter.preferred_language,
            },
        )
    return render(
        request,
        "supporters/preferences.html",
        {"form": form, "supporter": supporter},
    )
