"""How many lines a text or Markdown file may have before gxlint refuses it (GX027, issue 9).

Every line of a text or Markdown file becomes objects (its place in the line index, a line
of ``ctx.lines``, and for a content line a block with its text and matching views): a
couple of hundred bytes even for a blank line, against one or two bytes (``\\n``, ``1\\n``)
in the file.  A file made of tiny or blank lines therefore cannot stay within gxlint's
memory bound (20× the input plus 8 MiB): 500,000 lines of ``1`` (1 MB) took 165 MB, and a
report with a million blank lines in it 345 MB.  Real reports have at most about 640
lines (blank ones included), so a file with more than :data:`MAX_LINES` is refused with
GX027 and exit 2, saying it was not checked, before it is read.  Like the table-cell limit
(GX025, which a file of a dozen reports' tables already passes), this refuses a file
holding many reports at once; lint them one file each.

HTML pages are not counted: their newlines are markup layout, and the blocks a page makes
are held by its element limit (GX026).
"""

from __future__ import annotations

from gxlint.errors import InputError

MAX_LINES = 10_000


def check_line_count(text: str, limit: int = MAX_LINES, *, cr_breaks: bool = False) -> None:
    """Refuse a text with more than ``limit`` lines (counted before it is read).  With
    ``cr_breaks``, a CR not followed by LF ends a line too, as markdown-it reads it (30,000
    lines of ``申`` ended by a bare CR made 26.8 MiB of Markdown tokens, bound 10.4)."""
    found = text.count("\n") + (not text.endswith(("\n", "\r") if cr_breaks else "\n"))  # as an editor numbers them
    if cr_breaks and "\r" in text:
        found += text.count("\r") - text.count("\r\n")
    if found > limit:
        raise InputError("GX027", found=f"{found:,}", limit=f"{limit:,}")
