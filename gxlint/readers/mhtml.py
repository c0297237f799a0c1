"""MHTML reader: a web page saved as one file.

Chrome and Edge save a page as "Webpage, Single File" (``.mhtml``), Internet Explorer and
Word as a "web archive" (``.mht``, Word's 单个文件网页), and many sites' "export to Word"
buttons send the same kind of file under a ``.doc`` name.  It is a MIME message
(``multipart/related``) whose first ``text/html`` part is the page and whose other parts
are its images and styles.

That part is decoded (quoted-printable or base64; then in the charset its MIME header
declares, else as a page tells its own, :func:`gxlint.readers.decode.decode`) and read by
the HTML reader, so the page is read exactly as if saved as ``.html``.  Findings'
``line:column`` refer to that decoded page (``gxlint --show-text`` prints it); fixes are
not applied to such a file, as for PDF and Word.
"""

from __future__ import annotations

import email
import email.policy
from email.message import Message

from gxlint.document import Document, Source
from gxlint.readers.decode import decode
from gxlint.readers.documents import damaged

def page_part(raw: bytes) -> tuple[bytes, str | None]:
    """The bytes of the saved page (its first ``text/html`` part, transfer-decoded) and the
    charset its MIME header declares; raises GX015 when there is none."""
    message = email.message_from_bytes(raw, policy=email.policy.compat32)
    part = _first_html(message)
    if part is None:
        raise damaged("mhtml", "it holds no HTML page (no text/html part)",
                      "其中没有网页（没有 text/html 部分）")
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes) or not payload.strip():
        raise damaged("mhtml", "its page is empty", "其中的网页为空")
    return payload, part.get_content_charset()


def _first_html(message: Message) -> Message | None:
    for part in message.walk():
        if part.get_content_type() == "text/html" and not part.is_multipart():
            return part
    return None


def read(source: Source) -> Document:
    from gxlint.readers import html  # lazy: the HTML reader loads html5lib's tree

    payload, charset = page_part(source.raw or b"")
    text = None
    if charset:
        try:
            text = payload.decode(charset)
        except (LookupError, UnicodeDecodeError):
            text = None  # a wrong or unknown label: let the page tell its charset
    if text is None:
        text = decode(payload, "html").text
    source.set_extracted_text(text)
    return html.read(source)
