"""Case desk screens in the Wagtail admin, one module per job. Every view loads its case through
selectors.get_case_for_user: the case team and administrators get in, anyone else an audited
refusal (see admin_access). Reads of case pages and files are audited too."""

from .case import case_create, case_detail, case_edit, dashboard
from .files import (
    consent_scan,
    document_download,
    document_upload,
    letter_detail,
    letter_file,
    letter_review,
)
from .packets import mail_letter, packet_build, packet_download, packet_status
from .progress import pathway_set, stage_add, task_add, task_done
from .team import cdcr_add, consent_record, contact_add, member_add, member_remove

__all__ = [
    "case_create",
    "case_detail",
    "case_edit",
    "cdcr_add",
    "consent_record",
    "consent_scan",
    "contact_add",
    "dashboard",
    "document_download",
    "document_upload",
    "letter_detail",
    "letter_file",
    "letter_review",
    "mail_letter",
    "member_add",
    "member_remove",
    "packet_build",
    "packet_download",
    "packet_status",
    "pathway_set",
    "stage_add",
    "task_add",
    "task_done",
]
