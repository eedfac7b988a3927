"""Staff screens around a mailing: preview, test, send or schedule, stop, and its figures."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from droplwop.core.audit import record_audit
from droplwop.core.models import OrganizationSettings
from droplwop.core.tasks_util import enqueue_on_commit
from droplwop.supporters.models import Supporter

from . import services
from .admin_forms import ScheduleForm, TestSendForm
from .models import Mailing
from .rendering import LinkMaker, personalize, prepare_version
from .selectors import count_audience, get_mailing_stats
from .tasks import send_test_message_task


def _mailing(request, pk, permission="change_mailing"):
    if not request.user.has_perm(f"mailings.{permission}"):
        raise PermissionDenied
    return get_object_or_404(Mailing.objects.select_related("email_list"), pk=pk)


def _postal_address() -> str:
    return OrganizationSettings.load().mailing_address.strip()


def _refuse_without_postal_address(request, mailing):
    """Bulk email without the sender's postal address breaks US law (CAN-SPAM): nothing goes."""
    if _postal_address():
        return None
    messages.error(
        request,
        _(
            "Nothing was sent: add the coalition's postal address (Settings, Organization "
            "settings) first. US law requires it at the foot of every bulk email."
        ),
    )
    return redirect("mailings_admin:dashboard", pk=mailing.pk)


def dashboard(request, pk):
    mailing = _mailing(request, pk, "view_mailing")
    return TemplateResponse(
        request,
        "mailings/admin/dashboard.html",
        {
            "page_title": mailing.title,
            "mailing": mailing,
            "stats": get_mailing_stats(mailing),
            "audience": count_audience(mailing) if mailing.is_editable else None,
            "can_send": request.user.has_perm("mailings.send_mailing"),
            "test_form": TestSendForm(initial={"email": request.user.email, "language": "en"}),
            "schedule_form": ScheduleForm(initial={"send_at": mailing.scheduled_at}),
            "postal_address": _postal_address(),
            # "Send now" first shows the recipient count and asks again before anything goes.
            "confirming": request.GET.get("confirm") == "send",
        },
    )


def preview(request, pk, language):
    """The message as a recipient would get it, with the staff member's first name merged in."""
    mailing = _mailing(request, pk)
    if language not in ("en", "es"):
        language = "en"
    sample = Supporter(pk=0, first_name=request.user.first_name, preferred_language=language)
    content = personalize(
        prepare_version(mailing, language), supporter=sample, send_id=0, links=LinkMaker()
    )
    if request.GET.get("part") == "text":
        return HttpResponse(
            f"{content.subject}\n\n{content.text}", content_type="text/plain; charset=utf-8"
        )
    return HttpResponse(content.html)


@require_POST
def test_send(request, pk):
    mailing = _mailing(request, pk, "send_mailing")
    form = TestSendForm(request.POST)
    if form.is_valid():
        enqueue_on_commit(
            send_test_message_task,
            mailing.pk,
            form.cleaned_data["email"],
            form.cleaned_data["language"],
            request.user.first_name,
        )
        record_audit(
            actor=request.user,
            action="mailing.test_sent",
            obj=mailing,
            data={"language": form.cleaned_data["language"]},
        )
        messages.success(
            request, _("A test is on its way to %(email)s.") % {"email": form.cleaned_data["email"]}
        )
    else:
        messages.error(request, _("Enter a valid email address for the test."))
    return redirect("mailings_admin:dashboard", pk=mailing.pk)


@require_POST
def send_now(request, pk):
    mailing = _mailing(request, pk, "send_mailing")
    refused = _refuse_without_postal_address(request, mailing)
    if refused:
        return refused
    if mailing.is_editable and request.POST.get("audience") != str(count_audience(mailing)):
        # Confirmed for another number of people (the list changed meanwhile), or not at all.
        messages.warning(
            request,
            _("Check the number of recipients and confirm again: it has changed."),
        )
        return redirect(reverse("mailings_admin:dashboard", args=[mailing.pk]) + "?confirm=send")
    try:
        count = services.start_mailing(mailing=mailing, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Sending to %(count)s people has started.") % {"count": count})
    return redirect("mailings_admin:dashboard", pk=mailing.pk)


@require_POST
def schedule(request, pk):
    mailing = _mailing(request, pk, "send_mailing")
    refused = _refuse_without_postal_address(request, mailing)
    if refused:
        return refused
    form = ScheduleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter a date and time to send at."))
        return redirect("mailings_admin:dashboard", pk=mailing.pk)
    try:
        services.schedule_mailing(
            mailing=mailing, send_at=form.cleaned_data["send_at"], actor=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The mailing is scheduled."))
    return redirect("mailings_admin:dashboard", pk=mailing.pk)


@require_POST
def cancel(request, pk):
    mailing = _mailing(request, pk, "send_mailing")
    try:
        services.cancel_mailing(mailing=mailing, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The mailing was stopped."))
    return redirect("mailings_admin:dashboard", pk=mailing.pk)
