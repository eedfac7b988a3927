"""What a case accepts as a file: PDF, JPEG or PNG, within a size cap, and really what it claims.

The first bytes say which kind a file claims to be; the file is then opened as that kind (pypdf
for a PDF, Pillow for an image) and refused if it does not open, so that a file that only starts
with `%PDF-` never reaches the case and, once approved, every packet build of it.

The size is checked from the request's Content-Length before the body is read, and again by an
upload handler that stops reading once the cap is passed (for clients that send no length).
"""

import io
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image
from pypdf import PdfReader

SIGNATURES = (
    (b"%PDF-", "application/pdf"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
)


def max_upload_bytes() -> int:
    return getattr(settings, "CASES_MAX_UPLOAD_BYTES", 20 * 1024 * 1024)


def too_large_message() -> str:
    return _("This file is too large. The limit is %(limit)s.") % {
        "limit": filesizeformat(max_upload_bytes())
    }


def request_too_large(request) -> bool:
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return True
    # Room for the form's other fields on top of one file.
    return length > max_upload_bytes() + 256 * 1024


class LimitedUploadHandler(FileUploadHandler):
    """Stops reading the body as soon as one file passes the cap; the view then refuses it."""

    def __init__(self, request=None):
        super().__init__(request)
        self.received = 0

    def new_file(self, *args, **kwargs):
        self.received = 0
        return super().new_file(*args, **kwargs)

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > max_upload_bytes():
            self.request.cases_upload_too_large = True
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size):
        return None


def guard_upload_size(request) -> None:
    """Call before anything reads request.POST or request.FILES."""
    request.upload_handlers.insert(0, LimitedUploadHandler(request))


def sniff_content_type(upload) -> str:
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    for magic, content_type in SIGNATURES:
        if head.startswith(magic):
            return content_type
    return ""


@dataclass(frozen=True)
class CheckedUpload:
    content_type: str
    page_count: int | None = None


def unreadable_pdf_message() -> str:
    return _("This PDF could not be read. Please upload another copy.")


def read_pdf(data: bytes):
    """A pypdf reader whose every page opened, or a ValidationError a person can act on."""
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise ValidationError(
                _("This PDF is protected by a password. Please upload a copy without one.")
            )
        pages = list(reader.pages)
        for page in pages:
            page.mediabox  # noqa: B018 - a page without a readable size breaks the packet
    except ValidationError:
        raise
    # A parser fed with a hostile file fails in many ways (its own errors, KeyError, TypeError,
    # RecursionError...); each means the same thing here.
    except Exception as exc:
        raise ValidationError(unreadable_pdf_message()) from exc
    if not pages:
        raise ValidationError(unreadable_pdf_message())
    return reader


def check_image_bytes(data: bytes, content_type: str) -> None:
    """Refuse an image that Pillow cannot decode as the kind its first bytes claim."""
    expected = {"image/jpeg": "JPEG", "image/png": "PNG"}[content_type]
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
        # verify() reads the structure only; load() decodes, which finds a cut-off file.
        with Image.open(io.BytesIO(data)) as image:
            if image.format != expected:
                raise ValueError(image.format)
            image.load()
    except Exception as exc:  # as with PDFs: any failure of the decoder means a bad file
        raise ValidationError(
            _("This image could not be read. Please upload another copy.")
        ) from exc


def inspect_upload(upload) -> CheckedUpload:
    """What the file really is (and a PDF's page count), or a ValidationError a person can act
    on."""
    if upload is None:
        raise ValidationError(_("Choose a file to upload."))
    if upload.size > max_upload_bytes():
        raise ValidationError(too_large_message())
    if upload.size == 0:
        raise ValidationError(_("This file is empty."))
    content_type = sniff_content_type(upload)
    if not content_type:
        raise ValidationError(
            _("This file is not a PDF, JPEG or PNG. Please upload a scan or photo in one of those.")
        )
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    if content_type != "application/pdf":
        check_image_bytes(data, content_type)
        return CheckedUpload(content_type)
    return CheckedUpload(content_type, page_count=len(read_pdf(data).pages))


def check_upload(upload) -> str:
    """Return the file's real content type, or raise a ValidationError a person can act on."""
    return inspect_upload(upload).content_type
