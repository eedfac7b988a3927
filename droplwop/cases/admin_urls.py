from django.urls import path
from wagtail.utils.urlpatterns import decorate_urlpatterns

from . import admin_views as v
from .admin_access import guard_case_desk

app_name = "cases_admin"

urlpatterns = [
    path("", v.dashboard, name="dashboard"),
    path("new/", v.case_create, name="create"),
    path("<id:case_id>/", v.case_detail, name="detail"),
    path("<id:case_id>/edit/", v.case_edit, name="edit"),
    path("<id:case_id>/cdcr/", v.cdcr_add, name="cdcr_add"),
    path("<id:case_id>/members/", v.member_add, name="member_add"),
    path("<id:case_id>/members/<id:member_id>/remove/", v.member_remove, name="member_remove"),
    path("<id:case_id>/contacts/", v.contact_add, name="contact_add"),
    path("<id:case_id>/consent/", v.consent_record, name="consent_record"),
    path("<id:case_id>/consent/<id:consent_id>/scan/", v.consent_scan, name="consent_scan"),
    path("<id:case_id>/stages/", v.stage_add, name="stage_add"),
    path("<id:case_id>/pathways/", v.pathway_set, name="pathway_set"),
    path("<id:case_id>/tasks/", v.task_add, name="task_add"),
    path("<id:case_id>/tasks/<id:task_id>/done/", v.task_done, name="task_done"),
    path("<id:case_id>/documents/", v.document_upload, name="document_upload"),
    path("<id:case_id>/documents/<id:document_id>/", v.document_download, name="document"),
    path("<id:case_id>/letters/<id:letter_id>/", v.letter_detail, name="letter"),
    path("<id:case_id>/letters/<id:letter_id>/file/", v.letter_file, name="letter_file"),
    path("<id:case_id>/letters/<id:letter_id>/review/", v.letter_review, name="letter_review"),
    path("<id:case_id>/packets/", v.packet_build, name="packet_build"),
    path("<id:case_id>/packets/<id:packet_id>/", v.packet_status, name="packet"),
    path("<id:case_id>/packets/<id:packet_id>/pdf/", v.packet_download, name="packet_pdf"),
    path("<id:case_id>/mail-letter/", v.mail_letter, name="mail_letter"),
]

# Mounted by the root URLconf ahead of Wagtail's admin: see admin_access.
urlpatterns = decorate_urlpatterns(urlpatterns, guard_case_desk)
