"""Re-render a real report read by gxlint as Markdown or copied text.

The misread regression tests build each shape from a real report: read the vendored file,
write it back out in another input form (Markdown with pipe tables, text with ``|`` cells)
and change only what the shape under test needs.  The renderings keep every block's text
and every table cell, in reading order.
"""

from __future__ import annotations

from gxlint.document import Document, Heading, Table


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "｜")


def table_rows(table: Table) -> list[list[str]]:
    """The table's rows as cell strings (origin cells, in reading order)."""
    return [[_cell(c.text.value) for c in row] for row in table.rows]


def to_markdown(document: Document, *, heading_marks: bool = True) -> str:
    """Headings as ``##``/``###``, paragraphs as lines, tables as pipe tables."""
    out: list[str] = []
    for block in document.blocks:
        if isinstance(block, Table):
            rows = table_rows(block)
            width = max((len(r) for r in rows), default=0)
            for i, row in enumerate(rows):
                out.append("| " + " | ".join(row + [""] * (width - len(row))) + " |")
                if i == 0:
                    out.append("|" + "---|" * width)
            out.append("")
            continue
        text = " ".join(block.text.value.split())
        if not text:
            continue
        if heading_marks and isinstance(block, Heading):
            text = ("## " if block.level == 1 else "### ") + text
        out.extend([text, ""])
    return "\n".join(out) + "\n"


def to_text(document: Document) -> str:
    """Copied text: one line per paragraph, table rows as ``a | b | c``."""
    out: list[str] = []
    for block in document.blocks:
        if isinstance(block, Table):
            out.extend(" | ".join(row) for row in table_rows(block))
            continue
        text = " ".join(block.text.value.split())
        if text:
            out.append(text)
    return "\n".join(out) + "\n"
