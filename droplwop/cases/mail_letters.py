"""A printable letter to the person inside, addressed in the CDCR envelope format."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from droplwop.inreach.selectors import get_envelope


def envelope_for(case):
    return get_envelope(
        name=case.legal_name,
        cdcr_number=case.current_cdcr_number,
        housing=case.housing,
        facility=case.facility,
        yard=case.yard,
    )


def build_mail_letter_pdf(*, case, message: str, language: str, sender) -> bytes:
    # WeasyPrint loads Pango and its fonts: only the processes that build a PDF pay for it.
    from weasyprint import HTML

    with translation.override(language):
        html = render_to_string(
            "cases/pdf/mail_letter.html",
            {
                "case": case,
                "envelope": envelope_for(case),
                "message": message,
                "sender": sender,
                "today": timezone.localdate(),
                "return_lines": [
                    line.strip()
                    for line in settings.CASES_RETURN_ADDRESS.split("|")
                    if line.strip()
                ],
            },
        )
    return HTML(string=html).write_pdf()
