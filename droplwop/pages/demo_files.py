"""Files the demo site needs and makes itself: the default share image and the library's PDFs."""

import io
import textwrap

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

FONT_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
FONT_REGULAR = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
BRAND = (75, 36, 120)
ACCENT = (242, 193, 78)


def _font(path, size):
    try:
        return ImageFont.truetype(path, size)
    except OSError:
        return ImageFont.load_default(size=size)


def share_image_png(name: str, line: str) -> bytes:
    """A 1200×630 card: the coalition's name on the brand colour, the size social sites expect."""
    card = PILImage.new("RGB", (1200, 630), BRAND)
    draw = ImageDraw.Draw(card)
    draw.rectangle((0, 560, 1200, 630), fill=ACCENT)
    draw.text((80, 200), name, font=_font(FONT_BOLD, 84), fill="white")
    draw.text((80, 330), line, font=_font(FONT_REGULAR, 40), fill="white")
    buffer = io.BytesIO()
    card.save(buffer, format="PNG")
    return buffer.getvalue()


def ensure_share_image(*, title: str, name: str, line: str):
    Image = get_image_model()
    image = Image.objects.filter(title=title).first()
    if image is None:
        png = share_image_png(name, line)
        image = Image(title=title)
        image.file = ImageFile(io.BytesIO(png), name="drop-lwop-share.png")
        image.save()
    return image


def _pdf_escape(text: str) -> bytes:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode("cp1252")


def simple_pdf(blocks: list[tuple[str, str]]) -> bytes:
    """A one-page PDF of headings ("h") and wrapped paragraphs ("p") in Helvetica.

    Written by hand rather than through WeasyPrint so that loading the demo stays quick; the
    text stays selectable and searchable, accents included (WinAnsi encoding).
    """
    lines = ["BT", "72 770 Td"]
    for kind, text in blocks:
        size, width = (16, 60) if kind == "h" else (11, 95)
        lines.append(f"/F1 {size} Tf {size + 5} TL")
        for row in textwrap.wrap(text, width) or [""]:
            lines.append(f"({_pdf_escape(row).decode('latin-1')}) Tj T*")
        lines.append("T*")
    lines.append("ET")
    stream = "\n".join(lines).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1))
    out.write(b"startxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


def ensure_pdf_document(*, title: str, filename: str, blocks: list[tuple[str, str]]):
    Document = get_document_model()
    document = Document.objects.filter(title=title).first()
    if document is None:
        document = Document(title=title)
        document.file.save(filename, ContentFile(simple_pdf(blocks)), save=False)
        document.save()
    return document
