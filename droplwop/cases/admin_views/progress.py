"""Where the case stands: stages, pathways, tasks."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from .. import forms, services
from ..models import Task
from .case import render_detail
from .guards import (
    back_to,
    case_action,
)


@case_action
def stage_add(request, case):
    form = forms.StageForm(request.POST, case=case)
    if not form.is_valid():
        return render_detail(request, case, status=400, stage_form=form)
    services.record_stage(actor=request.user, case=case, **form.cleaned_data)
    messages.success(request, _("Stage recorded."))
    return back_to(case, "stages")


@case_action
def pathway_set(request, case):
    form = forms.PathwayForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a status for the pathway."))
        return back_to(case, "pathways")
    services.set_pathway(actor=request.user, case=case, **form.cleaned_data)
    messages.success(request, _("Pathway updated."))
    return back_to(case, "pathways")


@case_action
def task_add(request, case):
    form = forms.TaskForm(request.POST, case=case)
    if not form.is_valid():
        return render_detail(request, case, status=400, task_form=form)
    try:
        services.add_task(actor=request.user, case=case, **form.cleaned_data)
    except ValidationError as exc:
        form.add_error("owner", exc.messages[0])
        return render_detail(request, case, status=400, task_form=form)
    messages.success(request, _("Task added."))
    return back_to(case, "tasks")


@case_action
def task_done(request, case, task_id):
    task = get_object_or_404(Task, pk=task_id, case=case)
    services.complete_task(actor=request.user, task=task)
    return back_to(case, "tasks")
