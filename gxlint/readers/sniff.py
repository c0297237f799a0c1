"""Tell HTML, Markdown and plain text apart by content.

``cat page.html | gxlint -`` must read the page as HTML, not lint its markup as text; so
must ``wget`` of a report's address, which saves the page under the address's last part,
with no extension (``…/202203/af064951df4846eaa6037b7a22fd44ec``).  The
checks look at the first 64 KiB only and are deliberately plain: HTML when the input opens
with markup (a doctype, ``<html>``, a comment, or a block element such as ``<p>``,
``<div>``, ``<table>``) or holds many block tags; Markdown when it has ATX headings
(``## 表三``: two, or one with a ``|---|`` table rule); text otherwise (text copied off a
page, which the text reader was built for).

A name's extension is believed, with two exceptions that content settles beyond doubt
(:func:`format_for_content`): a ``.txt`` file that opens as an HTML document (a page's
source saved as text) is read as HTML, and an ``.html`` file without a single tag (text
saved under a page's name) is read for what it is, since as HTML its lines would run into
one paragraph and its structure be lost.
"""

from __future__ import annotations

import re

from gxlint.lazy_pattern import lazy_compile

HEAD = 64 * 1024
# (whitespace taken a run at a time: a backtracking point a character of it was 7.7 MiB
# for a head of 64 KB of blanks)
_OPENING = lazy_compile(
    r"\A(?:\s++|<!--[\s\S]*?-->)*<(?:!doctype\s+html|html|head|body|meta|title|div|p|table|section|article|"
    r"h[1-6]|span|font|center|style|script)\b",
    re.IGNORECASE,
)
# what opens an HTML document, not a fragment: only this overrules a .txt name
_DOCUMENT_OPENING = lazy_compile(r"\A(?:\s++|<!--[\s\S]*?-->)*<(?:!doctype\s+html|html)\b", re.IGNORECASE)
_ANY_TAG = lazy_compile(r"<[A-Za-z!/?]")
# a page saved as one file (MHTML): MIME headers first, a multipart/related type among them
_MIME_HEADER = lazy_compile(r"(?:MIME-Version|Content-Type|From|Subject|Date|Snapshot-Content-Location)[ \t]*:")
_HEADER_END = lazy_compile(r"\r?\n\r?\n")
_MULTIPART_RELATED = lazy_compile(r"content-type[ \t]*:[ \t]*multipart/related", re.IGNORECASE)
_BLOCK_TAG = lazy_compile(r"</?(?:p|div|table|tr|td|th|h[1-6]|li|ul|ol|tbody|section|article)\b[^>]*>", re.IGNORECASE)
_MD_HEADING = lazy_compile(r"^#{1,6}[ \t]+\S", re.MULTILINE)
_MD_RULE = lazy_compile(r"^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)++\|?[ \t]*$", re.MULTILINE)


def _head(raw: bytes) -> str:
    head = raw[:HEAD]
    for bom in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
        if head.startswith(bom):
            head = head[len(bom):]
            break
    # Markup is ASCII in every charset a report comes in (UTF-8, GB18030, Big5).
    return head.decode("latin-1")


def format_for_content(raw: bytes, by_name: str | None) -> str:
    """The format to read ``raw`` as, given the one its name's extension suggests (None:
    no extension gxlint knows, or no name at all)."""
    if by_name is None:
        return sniff_format(raw)
    if by_name == "text" and opens_as_html_document(raw):
        return "html"
    return by_name


# Names a web server gives pages that a mirror (wget -r) keeps; with no extension at all,
# the files a directory walk reads when they open as an HTML document.
SERVER_PAGE_EXTENSIONS = frozenset({".jsp", ".jspx", ".asp", ".aspx", ".php", ".do", ".action", ".cgi", ".shtm"})


def looks_mhtml(raw: bytes) -> bool:
    """True when ``raw`` opens with MIME headers that declare ``multipart/related``: a page
    saved as one file (Chrome's "Webpage, Single File", IE's and Word's web archive, a
    site's "export to Word"), whatever its name (``.mht``, ``.mhtml``, ``.doc`` or none)."""
    head = raw[:4096].lstrip(b"\xef\xbb\xbf\r\n").decode("latin-1")
    if not _MIME_HEADER.match(head):
        return False
    end = _HEADER_END.search(head)
    return _MULTIPART_RELATED.search(head, 0, end.start() if end else len(head)) is not None


def opens_as_html_document(raw: bytes) -> bool:
    """True when ``raw`` (its first bytes are enough) opens with ``<!DOCTYPE html>`` or
    ``<html>``, after a byte-order mark, white space and comments."""
    return _DOCUMENT_OPENING.match(_head(raw)) is not None


def has_no_tag(text: str) -> bool:
    """True when ``text`` (decoded) holds no HTML tag, comment or doctype at all."""
    return _ANY_TAG.search(text) is None


def sniff_format(raw: bytes) -> str:
    """``"html"``, ``"markdown"``, ``"text"`` or ``"mhtml"`` for the content of an unnamed input."""
    if looks_mhtml(raw):
        return "mhtml"
    text = _head(raw)
    if _OPENING.match(text) or len(_BLOCK_TAG.findall(text)) >= 20:
        return "html"
    headings = len(_MD_HEADING.findall(text))
    if headings >= 2 or (headings and _MD_RULE.search(text)):
        return "markdown"
    return "text"
