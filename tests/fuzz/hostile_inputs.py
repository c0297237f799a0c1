"""Adversarial inputs built on the real reports: one hostile line or table of a given size.

Each *line maker* returns about ``size`` characters of the stuff that broke readers and
rules before (issue 9): report words without separators, digits, ``|``, spaces, Unicode
line separators, doubled words, list items without numbers.  ``embed`` puts it inside a
real report in the given format, so every rule runs on it (a page that is not a report
stops after GX004).
"""

from __future__ import annotations

import html
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures"
REPORTS = FIXTURES / "reports"


def _repeat(unit: str, size: int) -> str:
    return unit * max(1, size // len(unit))


LINE_MAKERS = {
    "digits": lambda n: _repeat("1234567890", n),
    "digits_line_separators": lambda n: _repeat("12345\x85\u2028", n),
    "report_words": lambda n: _repeat("政府信息公开申请行政复议件", n),
    "words_and_figures": lambda n: _repeat("申请12件受理", n),
    "words_and_spaces": lambda n: _repeat("申 ", n),
    "figure_phrase_spaces": lambda n: "收到1件" + " " * n + "x",
    "carried_forward_spaces": lambda n: "结转下" + " " * n + "x",
    "pipes": lambda n: _repeat("| 1 ", n),
    "pipes_only": lambda n: _repeat("|", n),
    "spaces": lambda n: "政府" + " " * n + "信息",
    "line_separators": lambda n: _repeat("申请\u2028\u2029\x85", n),
    "doubled_words": lambda n: _repeat("资金资金", n),
    "list_without_numbers": lambda n: _repeat("资质条、许可证76条、", n),
    "units_without_separators": lambda n: _repeat("资质条", n),
    "whole_then_parts": lambda n: _repeat("1件其中", n),
    "claims": lambda n: _repeat("未收到申请无复议", n),
    "brackets": lambda n: _repeat("（(【", n),
    "ordinals": lambda n: _repeat("一是二是三是", n),
    "years": lambda n: _repeat("2024年2023年", n),
    "full_width_digits": lambda n: _repeat("申请１２件", n),
    "pinyin": lambda n: _repeat("报(bào)告", n),
    "urls": lambda n: _repeat("http://a.b/c?", n),
}


# Dense units: one piece of what each reader or rule treats specially, to be repeated many
# times in a row.  Markup units (``markup=True``) go into a page or Markdown file as they are,
# not escaped: their point is what the reader makes of each one (an entity, a comment, a tag,
# an emphasis, a link); text units are escaped like any text.
DENSE_UNITS: dict[str, tuple[str, bool]] = {
    "entities": ("&amp; ", True),
    "nbsp_entities": ("A&nbsp;", True),
    "numeric_entities": ("&#x4e00;", True),
    "bare_ampersands": ("&", True),
    "comments": ("<!-- x -->", True),
    "bold_tags": ("<b>1</b>", True),
    "line_breaks": ("申请<br>", True),
    "spans": ("<span>申</span>", True),
    "lone_angle_brackets": ("< 1 ", True),
    "emphasis": ("**1** ", True),
    "links": ("[a](b) ", True),
    "code_spans": ("`1` ", True),
    "escapes": ("\\*", True),
    "stray_question_marks": ("1? ", False),
    "pipes": ("|1", False),
    "tabs": ("\t1", False),
    "unicode_line_separators": ("申\u2028", False),
    "next_lines": ("申\x85", False),
    "crlf_inside": ("申\r", False),
    "ordinals": ("（一）", False),
    "figures": ("申请12件", False),
    "pinyin": ("报(bào)", False),
    "traditional": ("報", False),
    "zero_width": ("申\u200b", False),
    "full_width_digits": ("１２", False),
    "brackets": ("(", False),  # GX122 kept a tuple an open mark: 20 MiB for 129 KB
    "sentence_ends": ("申;", False),  # the prose analyses kept a tuple a sentence
    "quote_marks": (">", False),  # GX028's count backtracked through them: 15.9 MiB for 124 KB of Markdown
}


def dense(unit: str, fmt: str, size: int, markup: bool) -> bytes:
    """A real report of format ``fmt`` with about ``size`` bytes of ``unit`` repeated as a
    paragraph of its first section (markup units unescaped in HTML)."""
    line = unit * max(1, size // len(unit.encode("utf-8")))
    if fmt != "html" or not markup:
        return embed(line, fmt)
    page = seed_html()
    at = page.find("</p>", page.find("一、总体情况")) + len("</p>")
    return (page[:at] + "<p>" + line + "</p>" + page[at:]).encode("utf-8")


def seed_text() -> str:
    return sorted((REPORTS / "seeds").glob("003_*.txt"))[0].read_text(encoding="utf-8")


def seed_markdown() -> str:
    return (FIXTURES / "report-003.md").read_text(encoding="utf-8")


def seed_html() -> str:
    return (REPORTS / "corpus" / "html" / "pingtan-2023.html").read_text(encoding="utf-8")


def embed(line: str, fmt: str) -> bytes:
    """A real report of format ``fmt`` with ``line`` as a paragraph of its first section."""
    if fmt == "text":
        text = seed_text().replace("一、总体情况\n", "一、总体情况\n" + line + "\n", 1)
    elif fmt == "markdown":
        text = seed_markdown().replace("## 一、总体情况\n", "## 一、总体情况\n\n" + line + "\n\n", 1)
    elif fmt == "html":
        page = seed_html()
        at = page.find("一、总体情况")
        at = page.find("</p>", at) + len("</p>")
        text = page[:at] + "<p>" + html.escape(line) + "</p>" + page[at:]
    else:
        raise ValueError(fmt)
    return text.encode("utf-8")


def filled_grid_table(rows: int, columns: int) -> bytes:
    """The Markdown seed with a ``rows`` × ``columns`` table written as a filled grid whose
    every column copies the first (one label over all the header, zeros below): the most
    work folding merged cells can be given (gxlint.readers.merged_copies)."""
    head = "| " + " | ".join("申请人情况" for _ in range(columns)) + " |\n"
    rule = "|" + "---|" * columns + "\n"
    body = ("| " + " | ".join("0" for _ in range(columns)) + " |\n") * rows
    return seed_markdown().replace("## 一、总体情况\n", "## 一、总体情况\n\n" + head + rule + body + "\n", 1).encode("utf-8")


def markdown_table(rows: int, columns: int) -> bytes:
    """The Markdown seed with a ``rows`` × ``columns`` table of small numbers added."""
    head = "| " + " | ".join(f"列{c}" for c in range(columns)) + " |\n"
    rule = "|" + "---|" * columns + "\n"
    body = "".join("| " + " | ".join(str((r * c) % 10) for c in range(columns)) + " |\n" for r in range(rows))
    return seed_markdown().replace("## 一、总体情况\n", "## 一、总体情况\n\n" + head + rule + body + "\n", 1).encode("utf-8")
