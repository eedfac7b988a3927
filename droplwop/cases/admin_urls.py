from django.urls import path
from wagtail.utils.urlpatterns import decorate_urlpatterns

from . import admin_views as v
from .admin_access import guard_case_desk

app_name = "cases_admin"

urlpatterns = [
    path("", v.dashboard, name="dashboard"),
    path("new/", v.case_create, name="create"),
    path("<int:case_id>/", v.case_detail, name="detail"),
    path("<int:case_id>/edit/", v.case_edit, name="edit"),
    path("<int:case_id>/cdcr/", v.cdcr_add, name="cdcr_add"),
    path("<int:case_id>/members/", v.member_add, name="member_add"),
    path("<int:case_id>/members/<int:member_id>/remove/", v.member_remove, name="member_remove"),
    path("<int:case_id>/contacts/", v.contact_add, name="contact_add"),
    path("<int:case_id>/consent/", v.consent_record, name="consent_record"),
    path("<int:case_id>/consent/<int:consent_id>/scan/", v.consent_scan, name="consent_scan"),
    path("<int:case_id>/stages/", v.stage_add, name="stage_add"),
    path("<int:case_id>/pathways/", v.pathway_set, name="pathway_set"),
    path("<int:case_id>/tasks/", v.task_add, name="task_add"),
    path("<int:case_id>/tasks/<int:task_id>/done/", v.task_done, name="task_done"),
    path("<int:case_id>/documents/", v.document_upload, name="document_upload"),
    path("<int:case_id>/documents/<int:document_id>/", v.document_download, name="document"),
    path("<int:case_id>/letters/<int:letter_id>/", v.letter_detail, name="letter"),
    path("<int:case_id>/letters/<int:letter_id>/file/", v.letter_file, name="letter_file"),
    path("<int:case_id>/letters/<int:letter_id>/review/", v.letter_review, name="letter_review"),
    path("<int:case_id>/packets/", v.packet_build, name="packet_build"),
    path("<int:case_id>/packets/<int:packet_id>/", v.packet_status, name="packet"),
    path("<int:case_id>/packets/<int:packet_id>/pdf/", v.packet_download, name="packet_pdf"),
    path("<int:case_id>/mail-letter/", v.mail_letter, name="mail_letter"),
]

# Mounted by the root URLconf ahead of Wagtail's admin: see admin_access.
urlpatterns = decorate_urlpatterns(urlpatterns, guard_case_desk)
