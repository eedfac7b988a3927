"""Staff screens in the Wagtail admin: duplicates and merge, CCPA requests, import, export.

Each view checks a model permission of this app, which Editors never hold (403 for them).
"""

import functools

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from droplwop.core.csv_safe import csv_response, safe_cell

from . import importing, privacy, selectors
from .admin_forms import (
    ExportForm,
    ImportUploadForm,
    MappingForm,
    MergeForm,
    PrivacyActionForm,
)
from .merging import MergeError, merge_supporters
from .models import ImportJob, ImportStatus, Supporter
from .row_access import visible_activities


def permission_required(codename):
    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.has_perm(f"supporters.{codename}"):
                # A plain 403: Wagtail would turn PermissionDenied into a redirect home.
                return HttpResponseForbidden(_("You do not have permission to see supporter data."))
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


@permission_required("change_supporter")
def duplicates(request):
    return render(
        request,
        "supporters/admin/duplicates.html",
        {"pairs": selectors.list_likely_duplicates(), "page_title": _("Likely duplicates")},
    )


@permission_required("delete_supporter")
def merge(request, first_id, second_id):
    first = get_object_or_404(Supporter, pk=first_id, anonymized_at__isnull=True)
    second = get_object_or_404(Supporter, pk=second_id, anonymized_at__isnull=True)
    form = MergeForm(request.POST if request.method == "POST" else None, first=first, second=second)
    if request.method == "POST" and form.is_valid():
        keep, gone = (
            (first, second) if form.cleaned_data["keep"] == str(first.pk) else (second, first)
        )
        try:
            summary = merge_supporters(keep=keep, merge=gone, actor=request.user)
        except MergeError as exc:
            messages.error(request, str(exc))
            return redirect("supporters_admin:duplicates")
        messages.success(
            request,
            _(
                "Merged. %(moved)s rows moved, %(dropped)s duplicate rows dropped (see the audit log)."
            )
            % {"moved": sum(summary["moved"].values()), "dropped": len(summary["dropped"])},
        )
        return redirect("supporters_people:inspect", keep.pk)
    rows = [
        (_("Email"), first.email, second.email),
        (_("Name"), first.full_name, second.full_name),
        (_("Phone"), first.phone, second.phone),
        (_("ZIP code"), first.zip_code, second.zip_code),
        (_("City"), first.city, second.city),
        (
            _("Language"),
            first.get_preferred_language_display(),
            second.get_preferred_language_display(),
        ),
        (_("Created"), first.created_at, second.created_at),
        (
            _("Activities"),
            visible_activities(request.user, first.activities.all()).count(),
            visible_activities(request.user, second.activities.all()).count(),
        ),
        (_("Subscriptions"), first.subscriptions.count(), second.subscriptions.count()),
    ]
    return render(
        request,
        "supporters/admin/merge.html",
        {
            "form": form,
            "first": first,
            "second": second,
            "rows": rows,
            "page_title": _("Merge records"),
        },
    )


@permission_required("view_supporter")
def ccpa_export(request, pk, fmt):
    if fmt not in ("json", "csv"):
        raise Http404
    supporter = get_object_or_404(Supporter, pk=pk)
    if fmt == "json":
        response = HttpResponse(
            privacy.export_supporter_json(supporter=supporter, actor=request.user),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="supporter-{pk}.json"'
        return response
    rows = privacy.export_supporter_rows(supporter=supporter, actor=request.user)
    return csv_response(f"supporter-{pk}.csv", ["record", "row id", "field", "value"], rows)


@permission_required("delete_supporter")
def ccpa_request(request, pk):
    supporter = get_object_or_404(Supporter, pk=pk)
    form = PrivacyActionForm(
        request.POST if request.method == "POST" else None, supporter=supporter
    )
    if request.method == "POST" and form.is_valid():
        action = form.cleaned_data["action"]
        reason = form.cleaned_data["reason"]
        try:
            if action == "delete":
                privacy.delete_supporter_data(
                    supporter=supporter, actor=request.user, reason=reason
                )
                messages.success(
                    request, _("The person's data was deleted; their consent history stays.")
                )
            else:
                privacy.anonymize_supporter(supporter=supporter, actor=request.user, reason=reason)
                messages.success(request, _("The record was anonymized."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        # The record no longer shows in the people list: it holds no one any more.
        return redirect("supporters_people:index")
    return render(
        request,
        "supporters/admin/privacy.html",
        {"form": form, "supporter": supporter, "page_title": _("Privacy request")},
    )


@permission_required("view_supporter")
def export(request):
    form = ExportForm(request.GET or None)
    if request.GET and form.is_valid():
        people = selectors.list_supporters_for_export(**form.cleaned_data)
        header = [
            "email",
            "first_name",
            "last_name",
            "phone",
            "zip_code",
            "city",
            "language",
            "tags",
        ]
        rows = (
            [p.email, p.first_name, p.last_name, p.phone, p.zip_code, p.city, p.preferred_language,
             ", ".join(t.name for t in p.tags.all())]
            for p in people.iterator(chunk_size=2000)
        )  # fmt: skip
        return csv_response("supporters.csv", header, rows)
    return render(
        request, "supporters/admin/export.html", {"form": form, "page_title": _("Export people")}
    )


@permission_required("add_supporter")
def imports(request):
    form = ImportUploadForm(
        request.POST if request.method == "POST" else None, request.FILES or None
    )
    if request.method == "POST" and form.is_valid():
        try:
            job = importing.create_import_job(
                upload=form.cleaned_data["file"],
                actor=request.user,
                email_list=form.cleaned_data["email_list"],
                tag=form.cleaned_data["tag"],
            )
        except importing.ImportProblem as exc:
            form.add_error("file", str(exc))
        else:
            return redirect("supporters_admin:import_mapping", job.pk)
    return render(
        request,
        "supporters/admin/imports.html",
        {"form": form, "jobs": ImportJob.objects.all()[:20], "page_title": _("Import people")},
        status=400 if form.errors else 200,
    )


@permission_required("add_supporter")
def import_mapping(request, pk):
    job = get_object_or_404(ImportJob, pk=pk)
    if job.status not in (ImportStatus.UPLOADED, ImportStatus.PREVIEWED):
        return redirect("supporters_admin:import_detail", job.pk)
    header = importing.job_header(job)
    form = MappingForm(
        request.POST if request.method == "POST" else None, header=header, initial=job.mapping
    )
    if request.method == "POST" and form.is_valid():
        try:
            importing.request_preview(job=job, mapping=form.mapping())
        except importing.ImportProblem as exc:
            form.add_error("email", str(exc))
        else:
            return redirect("supporters_admin:import_detail", job.pk)
    return render(
        request,
        "supporters/admin/import_mapping.html",
        {"form": form, "job": job, "page_title": _("Choose the columns")},
        status=400 if form.errors else 200,
    )


@permission_required("add_supporter")
def import_detail(request, pk):
    job = get_object_or_404(ImportJob, pk=pk)
    return render(
        request,
        "supporters/admin/import_detail.html",
        {
            "job": job,
            "page_title": _("Import of %(name)s") % {"name": job.original_name},
            "in_progress": job.status
            in (ImportStatus.CHECKING, ImportStatus.QUEUED, ImportStatus.RUNNING),
        },
    )


@require_POST
@permission_required("add_supporter")
def import_start(request, pk):
    job = get_object_or_404(ImportJob, pk=pk)
    importing.start_import(job=job, actor=request.user)
    return redirect("supporters_admin:import_detail", job.pk)


@permission_required("add_supporter")
def import_errors(request, pk):
    job = get_object_or_404(ImportJob, pk=pk)
    errors = (
        job.errors
        if job.status == ImportStatus.DONE or job.errors
        else job.preview.get("errors", [])
    )
    return csv_response(
        f"import-{job.pk}-errors.csv",
        ["line", "email", "reason"],
        ([safe_cell(c) for c in row] for row in errors),
    )
