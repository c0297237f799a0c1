"""The Markdown reader on a report written as Markdown (fixture derived from seed 003)."""

from __future__ import annotations

from pathlib import Path

from gxlint.document import Heading, Paragraph, Source
from gxlint.readers.markdown import read

FIXTURE = Path(__file__).parent / "fixtures" / "report-003.md"


def load(text: str | None = None):
    text = FIXTURE.read_text(encoding="utf-8") if text is None else text
    return text, read(Source("report.md", text, format="markdown"))


def located(text: str, t) -> str:
    span = t.span()
    return text[span.start:span.end]


def test_headings_are_markup_headings_with_exact_spans():
    text, document = load()
    headings = [b for b in document.blocks if isinstance(b, Heading)]
    assert [h.level for h in headings] == [0] * len(headings)
    values = [h.text.value for h in headings]
    assert values[0] == "太原市万柏林区人民政府2024年度政府信息公开工作年度报告"
    assert "一、总体情况" in values and "(四)加强监督保障工作" in values and "六、其他需要报告的事项" in values
    for heading in headings:
        assert located(text, heading.text) == heading.text.value
        line_start = text.rfind("\n", 0, heading.text.span().start) + 1
        assert text[line_start:heading.text.span().start].strip(" ") in {"#", "##", "###"}


def test_paragraph_lines_and_positions():
    text, document = load()
    paragraphs = [b.text.value for b in document.blocks if isinstance(b, Paragraph)]
    # A hard line break inside one markdown paragraph: one block per source line.
    assert "发布时间: 2025-01-26" in paragraphs and "来源: 万柏林区政府" in paragraphs
    source = Source("report.md", text, format="markdown")
    block = next(b for b in document.blocks if b.text.value.startswith("一是持续规范办理程序"))
    offset = text.find("一是持续规范办理程序")
    assert source.position(block.span.start) == source.position(offset)
    # A link keeps only its text, and the text points at the link text in the file.
    linked = next(b for b in document.blocks if "详见附表" in b.text.value)
    i = linked.text.value.index("附表")
    span = linked.text.span(i, i + 2)
    assert text[span.start:span.end] == "附表"


def test_pipe_table_cells():
    text, document = load()
    (table,) = document.tables()
    assert table.style == "markdown"
    rows = [[c.text.value for c in row] for row in table.rows]
    assert rows[0] == ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]
    assert rows[1] == ["规章", "0", "0", "0"]  # **bold** markup dropped
    assert rows[2] == ["行政规范性文件", "4", "2", "11"]
    assert rows[3] == ["行政许可", "64142", "", ""]
    source = Source("report.md", text, format="markdown")
    cell = table.rows[3][1]
    assert (cell.row, cell.col) == (3, 1)
    offset = text.find("64142")
    assert source.position(cell.span.start) == source.position(offset)
    for row in table.rows:
        for c in row:
            assert located(text, c.text) == c.text.value
    # The table sits between section 二 and section 三.
    kinds = [(type(b).__name__, b.text.value[:3]) for b in document.blocks]
    at = kinds.index(("Table", table.text.value[:3]))
    assert kinds[at - 1] == ("Heading", "二、主") and kinds[at + 1] == ("Heading", "三、收")


def test_comments():
    text, document = load()
    (comment,) = document.reader_notes["comments"]
    assert comment.value == " gxlint-disable GX201 "
    assert located(text, comment) == comment.value


def test_markup_escapes_entities_and_crlf():
    text = "# 报告 \\* &amp; **粗**\r\n\r\n段落<!-- x -->一行\r\n第二行 [链接](http://x \"t t\") &nbsp;完\r\n\r\n| a | b \\| c |\r\n|---|---|\r\n| 1 | 2 |\r\n"
    _, document = load(text)
    heading, p1, p2, table = document.blocks
    assert heading.text.value == "报告 * & 粗"
    amp = heading.text.value.index("&")
    assert text[heading.text.starts[amp]:heading.text.ends[amp]] == "&amp;"
    assert p1.text.value == "段落一行" and located(text, p1.text) == "段落<!-- x -->一行"
    assert p2.text.value == "第二行 链接 \xa0完"
    nbsp = p2.text.value.index("\xa0")
    assert text[p2.text.starts[nbsp]:p2.text.ends[nbsp]] == "&nbsp;"
    assert [[c.text.value for c in r] for r in table.rows] == [["a", "b | c"], ["1", "2"]]
    assert text[table.rows[1][1].span.start] == "2"
    assert [c.value for c in document.reader_notes["comments"]] == [" x "]


# --- the compact table rule (gxlint/readers/_markdown_table.py) -------------------------------

_TRICKY_TABLES = """\
| a | b \\| c | `d` |
|:--|:-:|--:|
| 1 | 2 |
| 3 | 4 | 5 | 6 |
|  | **x** | [l](http://a/b) |
no pipes here
| after | text |

> | q | r |
> |---|---|
> | 1 | 2 |

- | in | list |
  |----|------|
  | 1  | 2    |

    | code | block |
    |------|-------|

head | only
--- | ---
x | y
# heading ends it
"""


def _rows_by_markdown_it(text: str) -> list[list[tuple[int, tuple[str, ...]]]]:
    """Each table's rows ``(line, cell contents)`` as markdown-it-py's own rule gives them."""
    from markdown_it import MarkdownIt

    tables, rows, row = [], None, None
    for token in MarkdownIt("commonmark").enable("table").parse(text):
        if token.type == "table_open":
            rows = []
        elif token.type == "tr_open":
            row = (token.map[0], [])
        elif token.type == "inline" and row is not None:
            row[1].append(token.content)
        elif token.type == "tr_close":
            rows.append((row[0], tuple(row[1])))
            row = None
        elif token.type == "table_close":
            tables.append(rows)
    return tables


def _rows_by_compact_rule(text: str) -> list[list[tuple[int, tuple[str, ...]]]]:
    from gxlint.readers import _markdown_table
    from gxlint.readers.markdown import _parser

    return [list(t.meta["rows"]) for t in _parser().parse(text) if t.type == _markdown_table.TOKEN]


def test_the_compact_table_rule_finds_the_same_tables_rows_and_cells_as_markdown_it():
    texts = [_TRICKY_TABLES] + [p.read_text(encoding="utf-8") for p in sorted(
        list(FIXTURE.parent.glob("*.md")) + list((FIXTURE.parent / "shapes").glob("*.md")))]
    tables = 0
    for text in texts:
        expected = _rows_by_markdown_it(text)
        assert _rows_by_compact_rule(text) == expected
        tables += len(expected)
    assert tables >= 20


def test_table_cells_are_parsed_inline_with_the_documents_link_references():
    text = "| a | b |\n|---|---|\n| [政府][r] | **粗**&amp; |\n\n[r]: http://example.org\n"
    document = read(Source("t.md", text, format="markdown"))
    [table] = [b for b in document.blocks if type(b).__name__ == "Table"]
    cells = [c.text.value for c in table.rows[1]]
    assert cells == ["政府", "粗&"]
    assert located(text, table.rows[1][0].text) == "政府"
    amp = table.rows[1][1].text
    assert text[amp.start_at(1):amp.end_at(1)] == "&amp;"


def test_the_parsers_block_rules_are_markdown_its_without_their_debug_calls(caplog):
    """The parser's copies of the block rules (no ``LOGGER.debug`` call) tokenise as the
    rules themselves: the same tokens for every Markdown example and fixture."""
    import logging

    from markdown_it import MarkdownIt

    from gxlint.readers import _markdown_table
    from gxlint.readers import markdown as markdown_reader

    ours = markdown_reader._parser()
    plain = MarkdownIt("commonmark").enable("table")
    _markdown_table.install(plain)
    names = [rule.name for rule in ours.block.ruler.__rules__]
    assert names == [rule.name for rule in plain.block.ruler.__rules__]
    silenced = [rule.name for rule in ours.block.ruler.__rules__
                if rule.fn.__globals__.get("LOGGER") is markdown_reader._SILENT_LOGGER]
    assert "paragraph" in silenced and "list" in silenced
    root = Path(__file__).resolve().parents[1]
    paths = sorted((root / "docs" / "examples").glob("*.md")) + sorted((root / "tests" / "fixtures").rglob("*.md"))
    assert paths
    with caplog.at_level(logging.DEBUG, logger="markdown_it"):
        for path in paths:
            text = path.read_text(encoding="utf-8", errors="replace")
            caplog.clear()
            tokens = ours.parse(text, {})
            assert not [r for r in caplog.records if r.getMessage().startswith("entering")]
            expected = [(t.type, t.map, t.content, t.meta) for t in plain.parse(text, {}) if t.type != "inline"]
            assert [(t.type, t.map, t.content, t.meta) for t in tokens if t.type != "inline"] == expected


def _token_shapes(tokens) -> list:
    return [(t.type, t.map, t.content, t.markup, t.info, t.level, t.nesting, t.hidden, t.meta,
             [(c.type, c.content, c.markup) for c in t.children or ()]) for t in tokens]


# lines that start each block rule, inside and outside lists and quotes, and near misses
_RULE_LINES = [
    "- a", "* b", "+ c", "1. d", "2) e", "1234567890. f", "-", "1.", "-x", "1.x", "* * *", "- - -", "_ _ _", "***",
    "  ---", "> q", "> - a", "- > q", "- * * *", ">     code", "    code", "\tcode", "  \tcode", "```", "~~~",
    "[a]: /u", "[a\nb]: /u", "<div>", "<!-- c -->", "# h", "- # h", "a", "===", "---", "  =", "> ---", "| a | b |",
    "|---|---|", "| 1 | 2 |", "a | b", "--|--", "", "", "一、总体情况", "2024年，", "（一）主动公开",
]


def test_a_parse_without_the_block_rules_a_text_cannot_start_gives_the_same_tokens():
    """unused_block_rules leaves out only rules that match nowhere in the text: the parser
    without them tokenises every fixture and example, and random texts of lines that start
    each rule (or nearly), as the parser with every rule does."""
    import random

    from gxlint.readers import markdown as markdown_reader

    full = markdown_reader._parser()
    root = Path(__file__).resolve().parents[1]
    paths = (sorted((root / "docs").rglob("*.md")) + sorted((root / "tests" / "fixtures").rglob("*.md"))
             + [root / "README.md"])
    texts = [path.read_text(encoding="utf-8", errors="replace").replace("\r\n", "\n").replace("\r", "\n")
             for path in paths]
    rng = random.Random(8)
    texts += ["\n".join(rng.choice(_RULE_LINES) for _ in range(rng.randint(1, 12))) for _ in range(3000)]
    left_out = set()
    for text in texts:
        unused = markdown_reader.unused_block_rules(text)
        left_out |= unused
        ours = markdown_reader._parser(unused)
        assert _token_shapes(ours.parse(text, {})) == _token_shapes(full.parse(text, {})), (text, unused)
    assert left_out == {"table", "code", "fence", "blockquote", "hr", "list", "reference", "html_block", "heading",
                        "lheading"}


def test_a_plain_report_is_parsed_with_the_few_block_rules_it_uses():
    from gxlint.readers.markdown import unused_block_rules

    text = (Path(__file__).resolve().parents[1] / "docs" / "examples" / "wanbolin-2024.md").read_text(encoding="utf-8")
    assert unused_block_rules(text) == {"blockquote", "code", "fence", "html_block", "lheading", "list", "reference"}
    assert unused_block_rules("一、总体情况\n\n- 第一项\n") == {
        "table", "code", "fence", "blockquote", "hr", "reference", "html_block", "heading", "lheading"}


def test_a_pdf_page_marker_that_markdown_reads_as_a_list_item_is_kept_as_the_line():
    """``- 3 -`` between two parts of a table (text of a PDF turned into Markdown) is a
    list item to Markdown: read as its text ``3 -`` it became a row of numbers without a
    label (a false GX301 error).  It is the line it is, and a real list item stays one."""
    text = "一、总体情况\n\n- 3 -\n\n* 第 4 页\n\n- 3 项工作\n- 一是加强\n"
    _, document = load(text)
    values = [b.text.value for b in document.blocks]
    assert values == ["一、总体情况", "- 3 -", "第 4 页", "3 项工作", "一是加强"]  # (an item that is a marker: found as one)
    for block in document.blocks:
        assert located(text, block.text) == block.text.value


def test_a_table_split_by_a_page_marker_line_reads_as_one(linter, tmp_path):
    shapes = Path(__file__).parent / "fixtures" / "shapes"
    lines = (shapes / "pingtan-2023.md").read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("| （三）不予公开"))
    delimiter = "|" + "---|" * (lines[at].count("|") - 1)
    split = tmp_path / "split.md"
    split.write_text("\n".join(lines[:at] + ["", "- 3 -", "", lines[at], delimiter] + lines[at + 1:]) + "\n",
                     encoding="utf-8")
    from gxlint.tables.recognise import recognise

    whole, parts = (linter.lint_path(str(p)) for p in (shapes / "pingtan-2023.md", split))
    assert recognise(parts.document).to_json() == recognise(whole.document).to_json()
    assert sorted({d.code for d in parts.diagnostics} - {d.code for d in whole.diagnostics}) == ["GX509"]
