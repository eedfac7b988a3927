"""A personalized message as wire bytes, without the cost of building an email.message tree.

The parts are base64, so a recipient's name can go anywhere without breaking line rules, and
the boundary cannot occur inside them (base64 has no "-"). Headers that hold anything a person
typed are RFC 2047-encoded and stripped of line breaks, so nothing can inject a header.
"""

import base64
import re
from email.utils import formatdate

from django.core.mail.message import sanitize_address


def encode_header(value: str) -> str:
    """An unstructured header value: as is when plain ASCII, else RFC 2047 base64 words."""
    value = " ".join(value.split())
    if value.isascii() and value.isprintable():
        return value
    words, chunk, size = [], [], 0
    for char in value:
        width = len(char.encode("utf-8"))
        if size + width > 45:  # 45 bytes make a 60-character word: folded lines stay short
            words.append("".join(chunk))
            chunk, size = [], 0
        chunk.append(char)
        size += width
    words.append("".join(chunk))
    return "\r\n ".join(
        f"=?utf-8?b?{base64.b64encode(word.encode('utf-8')).decode('ascii')}?=" for word in words
    )


_PLAIN_ADDRESS = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9.-]+")


def sender_header(address: str) -> str:
    """An address fit for the envelope and the header. Plain ones, nearly all, skip the parser."""
    if _PLAIN_ADDRESS.fullmatch(address):
        return address
    return sanitize_address(address, "utf-8")


def _b64(text: str) -> bytes:
    return base64.encodebytes(text.encode("utf-8")).replace(b"\n", b"\r\n")


def build_raw(
    *,
    from_header: str,
    to: str,
    subject: str,
    text: str,
    html: str,
    message_id: str,
    headers: list[tuple[str, str]],
    boundary: str,
) -> bytes:
    head = [
        f"From: {from_header}",
        f"To: {to}",
        f"Subject: {encode_header(subject)}",
        f"Date: {formatdate(usegmt=True)}",
        f"Message-ID: {message_id}",
        "MIME-Version: 1.0",
        *(f"{name}: {value}" for name, value in headers),
        f'Content-Type: multipart/alternative; boundary="{boundary}"',
        "",
        f"--{boundary}",
        "Content-Type: text/plain; charset=utf-8",
        "Content-Transfer-Encoding: base64",
        "",
        "",
    ]
    middle = f"--{boundary}\r\nContent-Type: text/html; charset=utf-8\r\n"
    middle += "Content-Transfer-Encoding: base64\r\n\r\n"
    return b"".join(
        (
            "\r\n".join(head).encode("ascii"),
            _b64(text),
            middle.encode("ascii"),
            _b64(html),
            f"--{boundary}--\r\n".encode("ascii"),
        )
    )
