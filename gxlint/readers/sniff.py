"""Tell HTML, Markdown and plain text apart by content (standard input has no file name).

``cat page.html | gxlint -`` must read the page as HTML, not lint its markup as text.  The
checks look at the first 64 KiB only and are deliberately plain: HTML when the input opens
with markup (a doctype, ``<html>``, a comment, or a block element such as ``<p>``,
``<div>``, ``<table>``) or holds many block tags; Markdown when it has ATX headings
(``## 表三``: two, or one with a ``|---|`` table rule); text otherwise (text copied off a
page, which the text reader was built for).
"""

from __future__ import annotations

import re

from gxlint.lazy_pattern import lazy_compile

HEAD = 64 * 1024
_OPENING = lazy_compile(
    r"\A(?:\s|<!--[\s\S]*?-->)*<(?:!doctype\s+html|html|head|body|meta|title|div|p|table|section|article|"
    r"h[1-6]|span|font|center|style|script)\b",
    re.IGNORECASE,
)
_BLOCK_TAG = lazy_compile(r"</?(?:p|div|table|tr|td|th|h[1-6]|li|ul|ol|tbody|section|article)\b[^>]*>", re.IGNORECASE)
_MD_HEADING = lazy_compile(r"^#{1,6}[ \t]+\S", re.MULTILINE)
_MD_RULE = lazy_compile(r"^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)+\|?[ \t]*$", re.MULTILINE)


def sniff_format(raw: bytes) -> str:
    """``"html"``, ``"markdown"`` or ``"text"`` for the content of an unnamed input."""
    head = raw[:HEAD]
    for bom in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
        if head.startswith(bom):
            head = head[len(bom):]
            break
    # Markup is ASCII in every charset a report comes in (UTF-8, GB18030, Big5).
    text = head.decode("latin-1")
    if _OPENING.match(text) or len(_BLOCK_TAG.findall(text)) >= 20:
        return "html"
    headings = len(_MD_HEADING.findall(text))
    if headings >= 2 or (headings and _MD_RULE.search(text)):
        return "markdown"
    return "text"
