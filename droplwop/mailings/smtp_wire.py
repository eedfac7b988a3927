"""Talking SMTP: one message at a time, or pipelined (RFC 2920) when the server offers it.

The body goes out in one write together with its final ".", so a message is either wholly
handed over or not at all; delivery.py records which.
"""

import smtplib


def _reply_text(reply) -> str:
    code, text = reply
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return f"{code} {text}"


def _data_payload(raw: bytes) -> bytes:
    """The message as DATA carries it: leading dots doubled, ended by a line holding one dot."""
    payload = smtplib._quote_periods(raw)
    return payload + (b".\r\n" if payload.endswith(b"\r\n") else b"\r\n.\r\n")


def _envelope(sender: str, recipient: str) -> bytes:
    return f"MAIL FROM:<{sender}>\r\nRCPT TO:<{recipient}>\r\nDATA\r\n".encode("ascii")


def smtp_hand_over(smtp: smtplib.SMTP, sender: str, recipient: str, raw: bytes, commit) -> str:
    """Send one message to a server without PIPELINING, one command at a time; `commit()` runs
    between the server's "354 go ahead" and the one write of the body with its final ".".

    Returns "" when the server accepted it, else the server's refusal.
    """
    for reply in (smtp.mail(sender), smtp.rcpt(recipient)):
        if reply[0] not in (250, 251):
            smtp.rset()
            return _reply_text(reply)
    smtp.putcmd("data")
    reply = smtp.getreply()
    if reply[0] != 354:
        smtp.rset()
        return _reply_text(reply)
    commit()
    smtp.send(_data_payload(raw))
    reply = smtp.getreply()
    return "" if reply[0] == 250 else _reply_text(reply)


class Pipeline:
    """Hand-over to a server with PIPELINING (RFC 2920; Postfix and every provider offer it).

    A message's body and final "." go out in the same write as the next message's MAIL, RCPT and
    DATA, so each message costs one round trip instead of two. A body is still written only
    after its "inflight" commit, and only once the server has answered its DATA with 354.
    """

    def __init__(self, smtp: smtplib.SMTP, sender: str, *, ledger, accepted, refused):
        self.smtp = smtp
        self.sender = sender
        self.ledger = ledger
        self.accepted = accepted
        self.refused = refused
        self.open = None  # (send_id, payload): DATA answered 354, body not written yet
        self.needs_reset = False

    def _write_open_body_and(self, tail: bytes):
        """Write the open message's body (after its inflight commit) followed by `tail`; returns
        the send id whose reply comes first, if a body went out."""
        head = b""
        written = None
        if self.open is not None:
            written, payload = self.open
            self.ledger.mark_inflight(written)
            head = payload
            self.open = None
        self.smtp.send(head + tail)
        return written

    def _read_body_reply(self, send_id) -> None:
        if send_id is None:
            return
        reply = self.smtp.getreply()
        if reply[0] == 250:
            self.accepted(send_id)
        else:
            self.refused(send_id, _reply_text(reply))

    def send(self, send_id: int, recipient: str, raw: bytes) -> None:
        reset = self.needs_reset and self.open is None
        written = self._write_open_body_and(
            (b"RSET\r\n" if reset else b"") + _envelope(self.sender, recipient)
        )
        self._read_body_reply(written)
        if reset:
            self.smtp.getreply()
        replies = (self.smtp.getreply(), self.smtp.getreply(), self.smtp.getreply())
        self.needs_reset = False
        if replies[2][0] == 354:
            if replies[0][0] != 250 or replies[1][0] not in (250, 251):
                # A server that opens DATA after refusing the envelope: hang up, send nothing.
                raise smtplib.SMTPResponseException(replies[2][0], b"DATA opened after a refusal")
            self.open = (send_id, _data_payload(raw))
            return
        self.needs_reset = True
        self.refused(send_id, _reply_text(next(r for r in replies if r[0] not in (250, 251))))

    def finish(self) -> None:
        if self.open is not None:
            self._read_body_reply(self._write_open_body_and(b""))


def close_connection(connection, hard: bool) -> None:
    """QUIT politely; after an interruption drop the socket, so a half-sent DATA is discarded."""
    if hard and getattr(connection, "connection", None) is not None:
        connection.connection.close()
        connection.connection = None
        return
    try:
        connection.close()
    except (smtplib.SMTPException, OSError):
        pass
