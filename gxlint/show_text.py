"""``gxlint --show-text``: the text gxlint read, with line numbers.

For HTML, Markdown and text files this is the decoded file; for PDF and .docx it is the
text extracted from the document (one line per line of a PDF page, per paragraph or
table row of a .docx), which is what the ``line:column`` of a diagnostic refer to.  A
PDF's page breaks are marked with a ``── page N ──`` line (not numbered: it is no
line of the text).
"""

from __future__ import annotations

from typing import Any, TextIO


def write_text(results: list[Any], stream: TextIO) -> None:
    several = len(results) > 1
    for result in results:
        source = result.source
        if several:
            stream.write(f"==> {result.path} <==\n")
        count = source.line_count
        width = len(str(count))
        pages = source.page_starts or []
        page_lines = {source.position(offset)[0]: n for n, offset in enumerate(pages, 1)
                      if offset <= len(source.text)} if pages else {}  # no text: a page after the last line
        for line in range(1, count + 1):
            if line in page_lines:
                stream.write(f"{'':>{width}} ── page {page_lines[line]} ──\n")
            stream.write(f"{line:>{width}} | {source.line_text(line)}\n")
