"""The readers' fast paths give the same document as their general paths.

Each fast path skips work the general path would do (the Markdown inline parse of a table
cell without markup, …); these tests read real fixtures and random variations of them both
ways and compare every block, cell and line with its offsets, character by character.
"""

from __future__ import annotations

import random
import re
from pathlib import Path
from unittest.mock import patch

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from gxlint.analysis.lines import line_strings, source_lines
from gxlint.document import Source, Span, Table
from gxlint.readers import markdown

FIXTURES = Path(__file__).parent / "fixtures"
MARKDOWN = sorted([*FIXTURES.glob("*.md"), *(FIXTURES / "shapes").glob("*.md"),
                   *(FIXTURES.parent.parent / "docs" / "examples").glob("*.md")])


def text_map(text) -> tuple:
    """A text's value and the source span of each of its characters."""
    return text.value, tuple(zip(*text.offsets()))


def fingerprint(document) -> list:
    """Everything a rule can see of a document's blocks, cells and lines, with offsets."""
    out = []
    for where, blocks in (("blocks", document.blocks), ("furniture", document.furniture)):
        for block in blocks:
            item = [where, type(block).__name__, text_map(block.text), block.span]
            if isinstance(block, Table):
                item.append(block.style)
                item.append([(c.row, c.col, c.rowspan, c.colspan, c.anchor, c.span, text_map(c.text))
                             for c in block.cells()])
            else:
                item.append(tuple(getattr(block, name, None) for name in ("level", "ordinal", "numbering")))
            out.append(item)
    out.append([c.value for c in document.reader_notes.get("comments", [])])
    out.append([(text_map(line.text), line.line_span, line.in_table, line.blank, line.norm.value)
                for line in source_lines(document)])
    return out


def _one_character_children(token):
    """``token`` with each text child cut into children of one character: the aligner then
    places every character by its general loop (a run of verbatim text is placed at once)."""
    import copy

    children = []
    for child in token.children or ():
        if child.type in ("text", "code_inline", "text_special") and len(child.content) > 1:
            for ch in child.content:
                one = copy.copy(child)
                one.content = ch
                children.append(one)
        else:
            children.append(child)
    cut = copy.copy(token)
    cut.children = children
    return cut


def read_markdown(text: str, *, fast: bool):
    reader, plain_paragraph, inline = markdown._Reader.plain_cell, markdown._plain_paragraph, markdown._Reader.inline
    if not fast:  # the general path: every cell and paragraph through markdown-it's inline parser,
        # and every character aligned on its own
        markdown._Reader.plain_cell = lambda self, content, lo, hi: None
        markdown._plain_paragraph = lambda opening, inline: False
        markdown._Reader.inline = lambda self, token, lo, hi: inline(self, _one_character_children(token), lo, hi)
    try:
        return markdown.read(Source("t.md", text, format="markdown"))
    finally:
        markdown._Reader.plain_cell, markdown._plain_paragraph, markdown._Reader.inline = reader, plain_paragraph, inline


def test_the_plain_cell_characters_are_where_the_enabled_inline_rules_start():
    # _PLAIN_CELL lists the characters these rules start at; another rule needs another list
    parser = markdown._parser()
    assert [r.name for r in parser.inline.ruler.__rules__ if r.enabled] == [
        "text", "newline", "escape", "backticks", "emphasis", "link", "image", "autolink", "html_inline", "entity"]
    assert [r.name for r in parser.core.ruler.__rules__ if r.enabled] == ["normalize", "block", "inline", "text_join"]
    from markdown_it.common.utils import MD_TRIM_CHARS

    assert markdown._MD_TRIM == frozenset(MD_TRIM_CHARS)


@pytest.mark.parametrize("path", MARKDOWN, ids=lambda p: p.name)
def test_markdown_plain_cells_read_as_the_inline_parser_reads_them(path):
    text = path.read_text(encoding="utf-8")
    assert fingerprint(read_markdown(text, fast=True)) == fingerprint(read_markdown(text, fast=False))


def test_a_markdown_table_text_is_its_rows_joined_by_newlines_of_cells_joined_by_tabs():
    from gxlint.document import Text

    tables = 0
    for path in MARKDOWN:
        for table in read_markdown(path.read_text(encoding="utf-8"), fast=True).tables():
            joined = Text.join([Text.join([c.text for c in row], "\t") for row in table.rows if row], "\n")
            assert text_map(table.text) == text_map(joined)
            tables += 1
    assert tables >= 10


_TABLE_FIXTURES = [p for p in MARKDOWN if "|" in p.read_text(encoding="utf-8")]
# what a cell may hold: plain text and numbers, padding of every kind, markup of every kind
_PIECES = ["1", "23", "自然人", "总计", "a", " ", "  ", "\t", "\u3000", "\xa0", "*", "**粗**", "_x_", "`c`",
           "\\|", "\\*", "&amp;", "&nbsp;", "&#49;", "<b>", "<!-- c -->", "[l](http://a/b)", "![i](p.png)",
           "<http://x.cn>", "~", "-", ":", "%", "(", ")", "（一）", "&", "!", "]", "[", "\\"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_markdown_tables_with_random_cells_read_the_same_both_ways(data):
    path = data.draw(st.sampled_from(_TABLE_FIXTURES))
    lines = path.read_text(encoding="utf-8").split("\n")
    rows = [i for i, line in enumerate(lines) if line.count("|") >= 2 and "---" not in line]
    rng = random.Random(data.draw(st.integers(0, 2**32)))
    for i in rng.sample(rows, min(len(rows), 6)):
        cells = lines[i].split("|")
        for k in rng.sample(range(len(cells)), min(len(cells), 3)):
            cells[k] = "".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 4)))
        lines[i] = "|".join(cells)
    text = ("\r\n" if data.draw(st.booleans()) else "\n").join(lines)
    document = read_markdown(text, fast=True)
    assert fingerprint(document) == fingerprint(read_markdown(text, fast=False))
    from gxlint.document import Text

    for table in document.tables():
        joined = Text.join([Text.join([c.text for c in row], "\t") for row in table.rows if row], "\n")
        assert text_map(table.text) == text_map(joined)


# what a paragraph line may hold or start with: prose, blanks of every kind, markup, the
# markers of lists, quotes and headings, a NUL (markdown-it makes it U+FFFD)
_LINE_PIECES = ["一、总体情况", "本年", "12", " ", "   ", "    ", "\t", "\u3000", "\xa0", "\x00", "\ufffd", "*", "**粗**",
                "_x_", "`c`", "\\", "&amp;", "<b>", "<!-- c -->", "[l](http://a/b)", "![i](p.png)", "> ", "- ", "1. ",
                "# ", "===", "---", "|", "~", "  \n", "\\\n"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_markdown_paragraphs_with_random_lines_read_the_same_both_ways(data):
    path = data.draw(st.sampled_from(MARKDOWN))
    lines = path.read_text(encoding="utf-8").split("\n")
    rng = random.Random(data.draw(st.integers(0, 2**32)))
    for i in rng.sample(range(len(lines)), min(len(lines), 8)):
        pieces = [rng.choice(_LINE_PIECES) for _ in range(rng.randint(0, 4))]
        lines[i] = "".join(pieces) if rng.random() < 0.5 else lines[i] + "".join(pieces)
    text = ("\r\n" if data.draw(st.booleans()) else "\n").join(lines)
    assert fingerprint(read_markdown(text, fast=True)) == fingerprint(read_markdown(text, fast=False))


def test_plain_markdown_paragraphs_are_read_without_the_inline_parse():
    text = "一、总体情况\n本年共主动公开  \n\u3000 信息12条。\n\n- 列表项\n\n> 引用\n"
    tokens = markdown._parser().parse(text, {})
    parsed = {t.content: bool(t.children) for t in tokens if t.type == "inline"}
    # the top-level paragraph is not parsed; a list item's and a quote's are
    assert parsed == {"一、总体情况\n本年共主动公开  \n\u3000 信息12条。": False, "列表项": True, "引用": True}
    fast = fingerprint(read_markdown(text, fast=True))
    assert fast == fingerprint(read_markdown(text, fast=False))
    assert [b[2][0] for b in fast if b and b[0] == "blocks"] == ["一、总体情况", "本年共主动公开", "信息12条。", "列表项", "引用"]


# --- the text reader's line and pipe-cell splitting -----------------------------------------

from gxlint.readers import text as text_reader  # noqa: E402


def _lines_by_find(text: str) -> list[tuple[int, int, int, str]]:
    """The text reader's lines as its first version found them (one ``find`` per line)."""
    out, pos = [], 0
    while pos <= len(text):
        nl = text.find("\n", pos)
        nl = len(text) if nl == -1 else nl
        raw = text[pos:nl]
        stripped = raw.strip()
        start = pos + len(raw) - len(raw.lstrip()) if stripped else pos
        kind = text_reader._classify(stripped) if stripped else text_reader.BLANK
        out.append((start, start + len(stripped) if stripped else pos, kind, stripped))
        pos = nl + 1
    return out


def _pipe_cells_by_segments(value: str, line_start: int) -> list[tuple[str, int]]:
    """Cells of a pipe row as the text reader's first version listed them (segment offsets)."""
    segments, pos, k = [], 0, value.find("|")
    while k != -1:
        segments.append((pos, k))
        pos, k = k + 1, value.find("|", k + 1)
    segments.append((pos, len(value)))
    if value.startswith("|"):
        segments = segments[1:]
    if segments and not value[segments[-1][0]:segments[-1][1]].strip():
        segments = segments[:-1]
    tail = len(segments)
    while tail > 0 and not value[segments[tail - 1][0]:segments[tail - 1][1]].strip():
        tail -= 1
    if not value.startswith("|") or any(a == b for a, b in segments[tail:]):
        segments = segments[:tail]
    cells = []
    for a, b in segments:
        raw = value[a:b]
        content = raw.strip()
        if content:
            cells.append((content, line_start + a + len(raw) - len(raw.lstrip())))
        elif a < b:
            cells.append((raw, line_start + a))
    return cells


_TEXT_PIECES = ["|", "||", " | ", "1", "23", "自然人", " ", "\t", "\u3000", "\xa0", "\r", "\n", "\n\n", "\r\n",
                "- 3 -", "# gxlint-disable GX301", "一、总体情况", "|---|---|", "a|b"]


def _text_inputs():
    seeds = sorted((FIXTURES / "reports" / "seeds").glob("*.txt")) + sorted((FIXTURES / "reports" / "corpus").glob("*.txt"))
    return [p.read_text(encoding="utf-8", errors="replace") for p in seeds]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_TEXT_PIECES), max_size=40))
def test_text_lines_and_pipe_cells_are_the_segments_between_newlines_and_pipes(pieces):
    text = "".join(pieces)
    lines = text_reader._lines(text)
    assert list(zip(lines.kinds, lines.values)) == [(kind, value) for _, _, kind, value in _lines_by_find(text)]
    # a blank line has no content offsets; every other line is located
    assert [(lines.start(i), lines.end(i)) for i in range(len(lines)) if lines.kinds[i] != text_reader.BLANK] == [
        (start, end) for start, end, kind, _ in _lines_by_find(text) if kind != text_reader.BLANK]
    assert lines.line_starts == Source("t.txt", text, format="text").line_starts
    for i, (kind, value) in enumerate(zip(lines.kinds, lines.values)):
        start = lines.start(i)
        if kind in (text_reader.PIPEROW, text_reader.CELL):
            builder = text_reader._Builder(Source("t.txt", text, format="text"))
            cells = [(content, start + offset) for content, offset, _ in text_reader._row_layout(builder.cells, value)]
            assert cells == _pipe_cells_by_segments(value, start)
            assert all(text[at:at + len(content)] == content for content, at in cells)


def test_the_text_reader_shares_the_line_index_the_source_would_build():
    for text in _text_inputs():
        document = text_reader.read(Source("t.txt", text, format="text"))
        assert document.source.line_starts == Source("t.txt", text, format="text").line_starts


def test_long_pipe_rows_are_split_without_the_memo_as_short_ones_are_with_it():
    rng = random.Random(8)
    for _ in range(50):
        value = "".join(rng.choice(["|", " | ", "1", "自然人", " ", "\u3000", "||"]) for _ in range(rng.randint(60, 200)))
        value = value.strip()
        if "|" not in value:
            continue
        builder = text_reader._Builder(Source("t.txt", " " * 5 + value, format="text"))
        cells = [(content, 5 + offset) for content, offset, _ in text_reader._row_layout(builder.cells, value)]
        assert cells == _pipe_cells_by_segments(value, 5)
        assert (len(value) > text_reader._MEMO_LENGTH) or text_reader._cell_layout_memo(value) == text_reader._cell_layout(value)


def _pipe_table_rows_by_runs(text: str) -> list[list[tuple[str, int]]] | None:
    """The rows of the pipe table a text starting with a table line holds, as the text reader's
    earlier version made them: every line's cells listed first, a run of cell-per-line cells
    between bars cut into rows afterwards where a label follows a number."""
    from gxlint.readers import text as text_reader

    def is_value(value):
        value = value.strip()
        return bool(value) and (bool(text_reader._VALUE.match(value))
                                or all(text_reader._VALUE.match(tok) for tok in value.split()))

    def cut(run):
        rows, previous_value = [[]], False
        for content, at in run:
            value = is_value(content)
            if rows[-1] and previous_value and not value and content.strip():
                rows.append([])
            rows[-1].append((content, at))
            previous_value = value
        return [r for r in rows if r]

    lines = text_reader._lines(text)
    rows, run = [], []
    for i, (kind, value) in enumerate(zip(lines.kinds, lines.values)):
        if kind == text_reader.CELL:
            run.extend((c, lines.start(i) + o) for c, o in _pipe_cells_by_segments(value, 0))
        elif kind in (text_reader.BAR, text_reader.PIPEROW):
            rows.extend(cut(run))
            run = []
            if kind == text_reader.PIPEROW:
                cells = [(c, lines.start(i) + o) for c, o in _pipe_cells_by_segments(value, 0)]
                if cells:
                    rows.append(cells)
        elif kind != text_reader.BLANK:
            return None  # not a table line: the test's texts are tables only
    return rows + cut(run)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["自然人 |", "1 |", "0 |", "增3 |", "|", "||||", "  |", "a | 2 |", "1 | b |",
                                 "| 总计 | 3 |", "| x |  |", "0 0 |", "- |", "", "合计 | 1 | 2 | ||"]),
                min_size=1, max_size=30))
def test_pipe_table_rows_are_cut_where_a_label_follows_a_number_as_cells_come(lines):
    from gxlint.readers import text as text_reader

    text = "\n".join(["信息内容 |", *lines])
    expected = _pipe_table_rows_by_runs(text)
    # the rows as cut, before a merged cell's copies are folded (自然人 | 自然人 over 0 | 0:
    # gxlint.readers.merged_copies, tested in tests/test_merged_copies.py)
    with patch.object(text_reader, "fold_merged_copies", lambda rows: rows):
        document = text_reader.read(Source("t.txt", text, format="text"))
    tables = [b for b in document.blocks if isinstance(b, Table)]
    if len(tables) != 1:  # (too few rows for a table: read as lines)
        assert len(expected) < 2
        return
    rows = [[(c.text.value, c.text.start_at(0)) for c in row] for row in tables[0].rows]
    assert rows == expected
    assert [[(c.row, c.col) for c in row] for row in tables[0].rows] == [
        [(r, k) for k in range(len(row))] for r, row in enumerate(expected)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 12), st.sampled_from([-1, 0, 1, 2])), max_size=12))
def test_text_from_pieces_is_what_a_builder_fed_the_same_runs_builds(pieces):
    from gxlint.document import LINEAR, Text, TextBuilder

    builder = TextBuilder()
    values = []
    for n, s, w in pieces:
        value = "x" * n
        values.append(value)
        if w == LINEAR:
            builder.add_source(value, s)
        else:
            builder.add_spanning(value, s, s + w)
    built = builder.build()
    made = Text.from_pieces(("x" * n, s, w) for n, s, w in pieces)
    assert text_map(made) == text_map(built) and list(made.runs()) == list(built.runs())


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.sampled_from(["1", " ", "a", "\\|", "\\", "`x|y`", "**b**", "\u3000", ""]), min_size=1,
                         max_size=5), min_size=1, max_size=6), st.booleans())
def test_the_compact_table_rule_splits_random_rows_as_markdown_it_does(rows, framed):
    from tests.test_reader_markdown import _rows_by_compact_rule, _rows_by_markdown_it

    def row(cells):
        line = " | ".join("".join(cell) for cell in cells)
        return f"| {line} |" if framed else line

    width = len(rows[0])
    text = "\n".join([row(rows[0]), "|" + "---|" * width, *(row(r) for r in rows[1:])]) + "\n"
    assert _rows_by_compact_rule(text) == _rows_by_markdown_it(text)


@pytest.mark.parametrize("crlf", [False, True])
def test_source_lines_are_the_source_lines_with_their_spans_and_tables(crlf):
    from gxlint.readers import markdown as markdown_reader

    texts = [(t, text_reader) for t in _text_inputs()] + [(p.read_text(encoding="utf-8"), markdown_reader) for p in MARKDOWN]
    for text, reader in texts:
        if crlf:
            text = text.replace("\r\n", "\n").replace("\n", "\r\n")
        document = reader.read(Source("t", text, format="text" if reader is text_reader else "markdown"))
        tables = [b.span for b in document.blocks if isinstance(b, Table)]
        lines = source_lines(document)
        pos = 0
        for n, raw in enumerate(text.split("\n")):
            value = raw[:-1] if raw.endswith("\r") else raw
            line = lines[n]
            assert (line.index, line.value, line.line_span) == (n, value, Span(pos, min(pos + len(raw) + 1, len(text))))
            assert line.in_table == any(t.start <= pos and pos + len(value) <= t.end for t in tables)
            if value:
                assert line.text.span() == Span(pos, pos + len(value))
            pos += len(raw) + 1
        assert len(lines) == n + 1
        # the strings without the lines (split a piece at a time) are the lines' strings
        assert list(line_strings(source_lines(document))) == [line.value for line in lines]


@pytest.mark.parametrize("crlf", [False, True])
def test_a_long_files_line_strings_are_its_lines_across_the_pieces_it_is_split_in(crlf):
    from gxlint.analysis import lines as lines_module

    rng = random.Random(8)
    raws = ["" if rng.random() < 0.3 else "行" * rng.randrange(1, 300) for _ in range(3 * lines_module._PIECE // 100)]
    raws[rng.randrange(len(raws))] = "x" * lines_module._PIECE  # a line longer than a piece
    text = ("\r\n" if crlf else "\n").join(raws) + "\n"
    document = text_reader.read(Source("t", text, format="text"))
    assert len(text) > 3 * lines_module._PIECE
    assert list(line_strings(source_lines(document))) == [*raws, ""]


def _pdf_line_by_tokens(value: str) -> tuple[str | None, list[tuple[str, int]]]:
    """A PDF table line's label and trailing numbers as the reader first split it: every
    ``\\S+`` token, then the trailing run of tokens that are numbers."""
    tokens = list(re.finditer(r"\S+", value))
    cut = len(tokens)
    while cut > 0 and text_reader._NUMBER_TOKEN.fullmatch(tokens[cut - 1].group()):
        cut -= 1
    label = value[tokens[0].start():tokens[cut - 1].end()] if cut else None
    return label, [(t.group(), t.start()) for t in tokens[cut:]]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["1", "23", "4.5", "增3", "7?", "？", ".", "x", "自然人", "（一）", " ", "  ", "\t",
                                 "\u3000", "\xa0", "\x1c", "\x85", "1.2.3", "減"]), min_size=1, max_size=14))
def test_pdf_rows_split_a_label_from_its_numbers_as_the_token_loop_does(pieces):
    value = "".join(pieces).strip()
    if not value:
        return
    lines = text_reader._lines("   " + value)
    builder = text_reader._Builder(Source("t", "   " + value, format="text"))
    rows = text_reader._pdf_rows(builder, lines, [0])
    label, numbers = _pdf_line_by_tokens(value)
    assert len(rows) == 1
    cells = [(c.value, c.span().start - 3) for c in rows[0]]
    assert cells == ([(label, 0)] if label is not None else []) + numbers


def _cell_regions_by_bars(src: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """A Markdown row's cell ranges as the reader first found them: pipe by pipe."""
    end = hi
    while end > lo and src[end - 1] in " \t\n":
        end -= 1
    start = lo
    while start < end and src[start] in " \t":
        start += 1
    bars = [i for i in range(start, end) if src[i] == "|"]
    edges = [start - 1] + bars + [end]
    regions = [(a + 1, b) for a, b in zip(edges, edges[1:])]
    if bars and bars[0] == start:
        regions = regions[1:]
    if bars and bars[-1] == end - 1 and regions:
        regions = regions[:-1]
    return regions


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["|", "||", " ", "\t", "1", "自然人", "\u3000", "\n"]), max_size=16), st.integers(0, 3))
def test_markdown_cell_regions_without_escapes_are_the_ranges_between_pipes(pieces, pad):
    row = "".join(pieces)
    src = "x" * pad + row + "y"
    reader = markdown._Reader(Source("t.md", src, format="markdown"))
    assert reader.cell_regions(pad, pad + len(row)) == _cell_regions_by_bars(src, pad, pad + len(row))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["一", "行", " ", "\t", "\u3000", "\xa0", "\n", "\n\n", "x"]), max_size=24),
       st.integers(0, 3), st.integers(0, 3))
def test_markdown_raw_lines_are_the_stripped_source_lines_where_they_stand(pieces, lead, trail):
    from gxlint.document import Paragraph, Text

    text = "a" * lead + "".join(pieces) + "b" * trail
    reader = markdown._Reader(Source("t.md", text, format="markdown"))
    lo, hi = lead, len(text) - trail
    blocks: list = []
    reader.raw_lines(lo, hi, blocks)
    expected, pos = [], lo
    while pos < hi:  # the lines as the reader first cut them: one slice of the source each
        end = text.find("\n", pos, hi)
        end = hi if end == -1 else end
        line = Text.from_source(text, pos, end).strip()
        if len(line):
            expected.append((line.value, line.span()))
        pos = end + 1
    assert all(type(b) is Paragraph for b in blocks)
    assert [(b.text.value, b.text.span()) for b in blocks] == expected


def _pdf_rows_joined_at_each_line(lines, content: list[int]) -> list[list[tuple[str, tuple]]]:
    """The PDF rows as the reader first built them: a wrapped label joined again (Text.join)
    at each line it grows by; each cell as its string and runs."""
    from gxlint.document import Text

    rows: list[list[Text]] = []
    label_only: list[bool] = []

    def join_wrapped() -> None:
        start = None
        for back in range(1, 4):
            k = len(rows) - back
            if k < 0 or not label_only[k] or len(rows[k]) != 1:
                break
            if text_reader._NUMBERED_LABEL.match(rows[k][0].value):
                start = k
                break
        if start is None or start == len(rows) - 1:
            return
        joined = Text.join([row[0] for row in rows[start:]])
        del rows[start + 1:]
        del label_only[start + 1:]
        rows[start] = [joined]

    for k in content:
        value = lines.values[k]
        base = lines.start(k)
        label_end, tokens = text_reader._pdf_line(value)
        numbers = [Text.verbatim(token, base + offset) for token, offset in tokens]
        label = Text.verbatim(value[:label_end], base) if label_end else None
        if label is None:
            if rows and label_only[-1] and len(numbers) < 10:
                join_wrapped()
                rows[-1].extend(numbers)
                label_only[-1] = False
            else:
                rows.append(numbers)
                label_only.append(False)
            continue
        if rows and label_only[-1] and (
            text_reader._continues(rows[-1][-1].value, label.value)
            or (text_reader._NUMBERED_LABEL.match(rows[-1][-1].value) and not text_reader._NUMBERED_LABEL.match(label.value))
        ):
            rows[-1][-1] = Text.join([rows[-1][-1], label])
            rows[-1].extend(numbers)
            label_only[-1] = not numbers
            continue
        rows.append([label, *numbers])
        label_only.append(not numbers)
    return [[(t.value, tuple(t.runs())) for t in row] for row in rows]


_PDF_LINES = ["三、", "本", "年", "度", "（三）不", "予公开", "1.属于国家秘密 2 0 0 0 0 0 2", "5.要求行政机关确认或重新出",
              "具已获取信息 1 0 0 0 0 0 1", "1、申请人无正当理由逾期不补", "正、行政机关不再处理其政府信", "息公开申请",
              "67 3 0 0 1 0 71", "结 果", "维持", "总计", "72 64 178 37 351 13 4 8 1 26 12 1 1 6 20", "（本列数据",
              "的勾稽关系）", "其他 108 2 0", "自然人", "- 3 -", "3 4", "（一）予以公开 1288 21 0 0 50 3 1362"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PDF_LINES), min_size=1, max_size=16))
def test_pdf_rows_join_a_wrapped_label_once_as_joining_it_at_each_line_did(picked):
    text = "\n".join(picked)
    lines = text_reader._lines(text)
    content = [k for k in range(len(lines)) if lines.kinds[k] == text_reader.TEXT]
    builder = text_reader._Builder(Source("t", text, format="text"))
    rows = text_reader._pdf_rows(builder, lines, content)
    assert [[(t.value, tuple(t.runs())) for t in row] for row in rows] == _pdf_rows_joined_at_each_line(lines, content)


# Parts as Text.join gets them: verbatim slices (a text file's lines), some empty, some
# continuing the one before, with now and then a mapped one (a spanning or synthetic run).
_join_part = st.tuples(st.integers(0, 3), st.integers(0, 12), st.sampled_from(["verbatim"] * 4 + ["spanning", "synthetic"]))


@settings(max_examples=400, deadline=None)
@given(st.lists(_join_part, max_size=70), st.booleans())
def test_text_join_in_one_go_is_what_a_builder_fed_the_parts_builds(parts, chained):
    from gxlint.document import Text, TextBuilder

    texts = []
    for n, s, kind in parts:
        if chained and texts and kind == "verbatim":  # the next line's slice right after the last
            s = texts[-1].end_at(len(texts[-1]) - 1) if len(texts[-1]) else s
        value = "x" * n
        texts.append(Text.verbatim(value, s) if kind == "verbatim" else
                     Text.spanning(value, s, s + 2) if kind == "spanning" else Text.synthetic(value, s))
    builder = TextBuilder()
    for text in texts:
        builder.add_text(text)
    built = builder.build()
    made = Text.join(texts)
    assert type(made) is type(built) and made.value == built.value
    assert text_map(made) == text_map(built) and list(made.runs()) == list(built.runs())


@settings(max_examples=400, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from(list("ab申1| \t\u3000\xa0\r\x1c\x85")), max_size=6), max_size=8))
def test_text_reader_line_content_starts_are_where_the_stripped_line_is_found(parts):
    # the text reader works out where each line's content starts from the lengths of the
    # line and of its lstrip (or takes the line's start when no line has leading blanks):
    # the place text.find(value, line start) gives, as it did
    from gxlint.readers.text import _lines

    text = "\n".join(parts)
    lines = _lines(text)
    for i, value in enumerate(lines.values):
        assert value == text.split("\n")[i].strip()
        if value:
            assert lines.start(i) == text.find(value, lines.line_starts[i])
            assert lines.end(i) == lines.start(i) + len(value)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("1２٣（(）)一十二、.．属 \t\u3000x") + ["\u0660", "\U0001d7ce"]), max_size=6))
def test_numbered_label_test_is_the_numbered_label_regex(value):
    # _numbered_label tries _NUMBERED_LABEL only after a first character it may start with
    assert text_reader._numbered_label(value) == (text_reader._NUMBERED_LABEL.match(value) is not None)
