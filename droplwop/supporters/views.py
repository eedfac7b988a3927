"""Public pages about a person's own subscriptions: thin, each one parses and calls a service."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from . import selectors, services
from .forms import PreferencesForm

PREFERENCES_CONSENT = "Chosen on my preferences page."


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
