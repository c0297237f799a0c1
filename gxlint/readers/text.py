"""Plain-text reader: text copied off web pages or extracted from PDFs.

Every non-empty line becomes a :class:`Paragraph` (its span excludes the line's
leading/trailing whitespace), except where lines form a flattened table.  Table styles
recognised (``Table.style``):

``"pipe"``
    one row per line, cells separated by ``|`` (``a | b | c |``, ``| a | b |``,
    Markdown ``|---|`` rules skipped).  Trailing ``| ||`` runs are merged-cell
    debris and dropped; a whitespace-only cell in a trailing run without ``||``
    (``| 1 |  |``) is a real blank cell and kept (its span is the blank).
``"cell-per-line"``
    one cell per line ending in ``|`` (or a bare line followed by a lone ``|``),
    with lone ``|``/``||``/``|||`` lines between rows.  Rows are cut at those bar
    lines and, where bars are missing, where a label follows a number.
``"line-per-cell"``
    no pipes at all: cells on their own lines separated by blank lines (a cell may
    wrap onto several lines; they are joined).  Row structure is not recoverable:
    one cell per row, in reading order.
``"pdf-columns"``
    PDF text: a row label followed by numbers separated by spaces, one row per line;
    a label broken one character per line is joined into one cell, as is a label
    wrapped after an unclosed bracket; a line of numbers alone joins the label-only
    row before it.  Other label lines are single-cell rows.

Cells always carry the exact source span of their content (never the ``|`` or the
padding).  PDF page markers (``- 3 -``) go to ``document.furniture``, wherever they
occur, so they neither split tables nor read as content; so do suppression comment lines
(``# gxlint-disable …``), which may stand between the rows of a table.  Lines holding a whole
report (a page dump) are split before inline standard headings (`` 一、总体情况``).
"""

from __future__ import annotations

from array import array
from functools import lru_cache
from itertools import accumulate, count
from operator import add, is_not, sub

from gxlint.document import _RUN_CODE, LINEAR, Block, Cell, Document, Paragraph, Source, Table, Text
from gxlint.normalize import normalize_str
from gxlint.page_markers import is_page_marker
from gxlint.readers.line_limit import check_line_count
from gxlint.readers.merged_copies import fold_merged_copies
from gxlint.readers.table_limit import CellBudget
from gxlint.structure import SECTION_TITLES, _clean_title, _may_be_numbered, section_heading_number
from gxlint.lazy_pattern import lazy_compile

BLANK, BAR, PAGE, PIPEROW, CELL, TEXT = range(6)

# A suppression comment on a line of its own (gxlint.suppressions: ``# gxlint-disable …``,
# or an HTML-style ``<!-- gxlint-… -->``).
_DIRECTIVE = lazy_compile(r"^(?:#[ \t]*gxlint\b.*|<!--\s*gxlint\b.*?-->)$")
# (cells taken possessively: a backtracking point a cell was 15.9 MiB for 129 KB of "--|")
_MD_RULE = lazy_compile(r"^\|?(?:\s*:?-{2,}:?\s*\|)++\s*(?::?-{2,}:?\s*)?$")
_VALUE = lazy_compile(r"^[增减減+\-−]?\s*\d[\d,，]*(?:\.\d+)?\s*[?？]?$|^[/／\-—–－]+$")
_NUMBER = r"[增减減]?\d+(?:\.\d+)?[?？]?"
_NUMBER_TOKEN = lazy_compile(_NUMBER)  # a whole token that is a number cell
# A line's trailing run of whole number tokens (each from a token start to a space or the
# end).  Searched on PDF cell lines only, which are short (_MAX_CELL_LINE): each start
# tried runs to the line's end at most.
_TRAILING_NUMBERS = lazy_compile(rf"(?<!\S){_NUMBER}(?:\s+{_NUMBER})*\Z")
_TOKEN = lazy_compile(r"\S+")
# Words that open the standard tables (compared on the compact normalised line).
_ANCHOR = lazy_compile(
    r"^(?:第二十条第\(|信息内容|\(本列数据|申请人情况|行政复议行政诉讼$|行政复议$)"
)
_TABLE_WORDS = lazy_compile(
    r"第二十条|信息内容|申请人情况|自然人|本年新收|结果维持|行政复议|规章|行政许可|总计|本年制发"
)
_INLINE_ORDINAL = lazy_compile(r"[一二三四五六⼀⼆⼃⼄⼅⼆][、.．]")
_TWO_LINE_HEADERS = frozenset({"结果维持", "结果纠正", "其他结果", "尚未审结"})
_NARRATIVE = lazy_compile(r"[。；;]|^\d{4}\s*年\s*[，,]")
_MAX_CELL_LINE = 60  # a table cell line (line-per-cell / pdf label) is short


class _Lines:
    """The file's lines as the reader sees them, as parallel sequences (no object a line):
    ``values[i]`` is line ``i`` stripped, ``kinds[i]`` its kind (BLANK, TEXT, …),
    ``line_starts[i]`` where the line starts (the source's line index) and ``starts[i]``
    where its content starts (its first non-space; for a blank line, the line's end)."""

    __slots__ = ("text", "values", "kinds", "line_starts", "starts")

    def __init__(self, text: str, values: list[str], kinds: list[int], line_starts: array, starts: array) -> None:
        self.text = text
        self.values = values
        self.kinds = kinds
        self.line_starts = line_starts
        self.starts = starts

    def __len__(self) -> int:
        return len(self.values)

    def start(self, i: int) -> int:
        """Where line ``i``'s content starts (its first non-space; not for a blank line)."""
        return self.starts[i]

    def end(self, i: int) -> int:
        """Where line ``i``'s content ends (after its last non-space)."""
        return self.starts[i] + len(self.values[i])


def _lines(text: str) -> _Lines:
    """The file's lines (split at LF only) and its line index (what Source.line_starts
    holds), by C iterators; only the kind is worked out line by line, and only for a line
    that may be more than prose."""
    raws = text.split("\n")
    # line k starts after the lengths of the lines before it and k newlines (the last sum,
    # the text's length, starts no line)
    offsets = list(map(add, accumulate(map(len, raws), initial=0), count()))
    del offsets[-1]
    line_starts = array(_RUN_CODE, offsets)
    # Where each line's content starts: after its leading blanks (strip is lstrip then
    # rstrip, and lstrip gives back the line itself when it has none).  Most files have no
    # line with leading blanks: there the line index is the content's too.  (Found here
    # by C iterators for every line: text.find(value, line start) cost about 1,400
    # instructions a line.)
    lstripped = list(map(str.lstrip, raws))
    if any(map(is_not, lstripped, raws)):  # a line with leading blanks (or of blanks only)
        starts = array(_RUN_CODE, map(sub, map(add, offsets, map(len, raws)), map(len, lstripped)))
    else:
        starts = line_starts
    del raws, offsets
    values = list(map(str.rstrip, lstripped))
    del lstripped
    memo, memo_length = _classify_memo, _MEMO_LENGTH
    # most lines are prose: no pipe, too long for a page marker, no directive
    kinds = [TEXT if len(value) > 16 and "|" not in value and value[0] not in "#<"
             else (memo(value) if len(value) <= memo_length else _classify(value)) if value
             else BLANK
             for value in values]
    return _Lines(text, values, kinds, line_starts, starts)


def _classify(value: str) -> int:
    """The kind of a non-empty stripped line."""
    if "|" in value:
        if not value.strip("| \t"):
            return BAR
        if "--" in value and _MD_RULE.match(value):  # a rule needs a run of two dashes
            return BAR
        if value.startswith("|") or _two_filled_segments(value):
            return PIPEROW
        if value.endswith("|"):
            return CELL
        return TEXT  # a pipe in running text (a|b without table shape): leave it
    if len(value) <= 16 and is_page_marker(value):
        return PAGE
    if value[0] in "#<" and _DIRECTIVE.match(value):
        return PAGE  # a suppression comment is no content either: transparent like a page marker
    return TEXT


_classify_memo = lru_cache(maxsize=4096)(_classify)
_new_object = object.__new__


def _two_filled_segments(value: str) -> bool:
    """Whether two of the ``|``-separated parts of ``value`` hold more than blanks (without
    a list of the parts: a megabyte line of ``| 1 `` has 250,000)."""
    filled = 0
    pos = 0
    while True:
        bar = value.find("|", pos)
        end = len(value) if bar == -1 else bar
        if value[pos:end].strip():
            filled += 1
            if filled == 2:
                return True
        if bar == -1:
            return False
        pos = bar + 1


@lru_cache(maxsize=4096)  # a table's cells repeat (0, 1, 总计 …)
def _is_value(value: str) -> bool:
    value = value.strip()
    if not value:
        return False
    if _VALUE.match(value):
        return True
    # "0 0 0 0" (a label cell replaced by zeros) is numbers, not a label
    return all(_VALUE.match(tok) for tok in value.split())


class _Builder:
    def __init__(self, source: Source) -> None:
        self.source = source
        self.text = source.text
        self.blocks: list[Block] = []
        self.furniture: list[Block] = []
        self.cells = CellBudget()  # a file of tiny cells is refused (GX025), not read past 20× its size

    def slice(self, start: int, end: int) -> Text:
        return Text.from_source(self.text, start, end)

    def cell(self, start: int, end: int) -> Text:
        """The text of one table cell (counted against the file's cell budget)."""
        self.cells.take()
        return Text.from_source(self.text, start, end)

    def paragraph(self, lines: _Lines, i: int) -> None:
        """Line ``i`` as a paragraph (page markers and directives as furniture)."""
        text = _new_object(Text)  # what Text.verbatim makes (the value is the source slice)
        text.value = lines.values[i]
        text._src = lines.starts[i]  # (lines.start(i), without its call)
        text._views = None
        block = _new_object(Paragraph)  # what Paragraph(text) makes, without its call: one a line
        block.text = text
        if lines.kinds[i] == PAGE:
            self.furniture.append(block)
        else:
            self.blocks.append(block)


def read(source: Source) -> Document:
    """Blocks in reading order: paragraphs (one per non-empty line) and tables."""
    check_line_count(source.text)  # a file of tiny or blank lines is refused before it is read (GX027)
    builder = _Builder(source)
    lines = _lines(source.text)
    source.share_line_starts(lines.line_starts)  # the same index Source would build

    kinds, values = lines.kinds, lines.values
    paragraph = builder.paragraph
    blocks = builder.blocks
    starts = lines.starts
    i = 0
    n = len(lines)
    while i < n:
        kind = kinds[i]
        if kind == BLANK:
            i += 1
            continue
        if kind == TEXT:
            value = values[i]
            size = len(value)
            if i + 1 < n and kinds[i + 1] == BAR and _bare_cell(lines, i):
                pass  # a cell closed by a lone "|": a table below
            elif size <= _MAX_CELL_LINE and _opens_table(value):
                end, table = _loose_table(builder, lines, i)
                if table is not None:
                    builder.blocks.append(table)
                    i = end
                    continue
                paragraph(lines, i)
                i += 1
                continue
            else:
                if size > 300:
                    _split_long_line(builder, lines, i)
                else:  # a line of prose (most lines): builder.paragraph's work without its call
                    text = _new_object(Text)
                    text.value = value
                    text._src = starts[i]
                    text._views = None
                    block = _new_object(Paragraph)
                    block.text = text
                    blocks.append(block)
                i += 1
                continue
        elif kind == PAGE:
            paragraph(lines, i)
            i += 1
            continue
        # PIPEROW, CELL, BAR, or a bare cell
        end, table = _pipe_table(builder, lines, i)
        if table is not None:
            builder.blocks.append(table)
        else:
            # Not a table: its lines are paragraphs.  Skipping the whole scanned run
            # (not just one line) keeps the reader linear on pipe-heavy junk.
            for k in range(i, end):
                if kinds[k] != BLANK:
                    paragraph(lines, k)
        i = max(end, i + 1)
    document = Document(source=source, blocks=builder.blocks, furniture=builder.furniture)
    return document


@lru_cache(maxsize=4096)  # table lines repeat (0, 1, 总计 …); the answer depends on the string only
def _is_section_heading(value: str) -> bool:
    """Whether a line of text (stripped) is a numbered standard section heading."""
    return (len(value) <= 80
            and _may_be_numbered(value)  # what parse_heading tests first, without a Text
            and section_heading_number(Text.verbatim(value, 0)) is not None)


def _compact(value: str) -> str:
    return normalize_str(value, drop_whitespace=True)


@lru_cache(maxsize=4096)  # (asked of every short line of text: one memoised call on its string)
def _opens_table(value: str) -> bool:
    """Whether a short line (stripped) opens a standard table without pipes (第二十条第（一）项, 信息内容, …)."""
    return _ANCHOR.match(_compact(value)) is not None


# --- pipe and cell-per-line tables -----------------------------------------------------


def _next_nonblank(lines: _Lines, i: int) -> int:
    kinds = lines.kinds
    while i < len(kinds) and kinds[i] == BLANK:
        i += 1
    return i


def _bare_cell(lines: _Lines, i: int) -> bool:
    """A line without a pipe whose cell is closed by a lone ``|`` on the next line
    (corpus 029).  Not when the ``|`` opens a row of ``x |`` cells (seed 002)."""
    kinds, values = lines.kinds, lines.values
    value = values[i]
    if kinds[i] != TEXT or len(value) > _MAX_CELL_LINE or _NARRATIVE.search(value):
        return False
    j = i + 1
    if j >= len(kinds) or kinds[j] != BAR or values[j] != "|":
        return False
    k = _next_nonblank(lines, j + 1)
    if k < len(kinds) and kinds[k] in (CELL, PIPEROW):
        return False
    return not _is_section_heading(value)


def _row_layout(budget: CellBudget, value: str) -> tuple[tuple[str, int, int], ...]:
    """The cells of a ``a | b | c |`` line (``value``, stripped) as :func:`_cell_layout` gives
    them, taken from the file's cell budget; see the module docstring."""
    # more cells than may still be read: refused before listing them (a line has at most a
    # pipe a character, so a line shorter than the budget is not counted)
    if len(value) > budget.left + 1 and value.count("|") > budget.left + 1:
        budget.take(value.count("|") - 1)
    layout = _cell_layout_memo(value) if len(value) <= _MEMO_LENGTH else _cell_layout(value)
    budget.take(len(layout))
    return layout


# What a cell holds, for cutting a cell-per-line run into rows where a label follows a number
# (see _pipe_table) and for telling a table from running text.
_BLANK_CELL, _VALUE_CELL, _LABEL_CELL = range(3)


def _cell_class(content: str) -> int:
    if _is_value(content):
        return _VALUE_CELL
    return _LABEL_CELL if content.strip() else _BLANK_CELL


def _cell_layout(value: str) -> tuple[tuple[str, int, int], ...]:
    """``(cell text, offset in value, class)`` of each cell of a pipe row (see
    :func:`_row_layout`; the class is :func:`_cell_class`'s)."""
    parts = value.split("|")  # the segments between pipes
    first = 0
    framed = not parts[0]  # the row starts with its pipe
    if framed:
        first = 1
    last = len(parts)
    if last > first and _blank(parts[last - 1]):
        last -= 1  # after the closing pipe
    # trailing blank run: debris when it holds an empty "||", else real blank cells
    tail = last
    while tail > first and _blank(parts[tail - 1]):
        tail -= 1
    # Only a framed row (``| a | 1 |  |``, Markdown) keeps trailing blanks as cells;
    # ``a | 9 | |`` ends in debris of merged cells like ``a | 9 | ||``.
    if not framed or "" in parts[tail:last]:
        last = tail
    found: list[tuple[str, int, int]] = []
    at = first  # past the leading pipe of a framed row
    for k in range(first, last):
        part = parts[k]
        content = part.strip()
        if content:
            offset = at if len(content) == len(part) else at + part.find(content[0])
            found.append((content, offset, _VALUE_CELL if _is_value(content) else _LABEL_CELL))
        elif part:  # a blank cell between pipes: keep it, located at the blank
            found.append((part, at, _BLANK_CELL))
        # an empty part: "||" inside a row is merged-cell debris
        at += len(part) + 1
    return tuple(found)


# A table's lines repeat (``0 |``, ``|``, ``| 1 | 0 |``): a line's kind and cell layout depend on
# its string only, so short lines are worked out once.  Long ones are not kept: the cache would
# hold on to them.
_MEMO_LENGTH = 200
_cell_layout_memo = lru_cache(maxsize=4096)(_cell_layout)


def _blank(part: str) -> bool:
    return not part or part.isspace()  # ``not part.strip()``, without the copy


def _pipe_table(builder: _Builder, lines: _Lines, i: int) -> tuple[int, Table | None]:
    """A table of pipe rows and cell-per-line runs from line ``i`` (see the module docstring).
    Its Cells are made as its lines are read: a cell-per-line run is cut into rows where a
    label follows a number (a row boundary whose bar line was not printed: rows of full
    width carry none in some flattenings), and a row's cells are numbered as they come."""
    kinds, values, start = lines.kinds, lines.values, lines.start
    starts = lines.starts  # (start(j) inline)
    layout_memo, budget = _cell_layout_memo, builder.cells
    rows: list[list[Cell]] = []
    pipe_rows = 0  # how many rows are pipe rows (the others are cell-per-line rows)
    row: list[Cell] = []  # the cells of a cell-per-line row so far (row number len(rows))
    after_value = False  # whether the run's last cell so far is a number
    values_seen = False  # whether any cell is a number
    pages: list[int] = []
    j = i
    last_content = i
    n = len(kinds)
    while j < n:
        kind = kinds[j]
        if kind == BLANK:
            j += 1
        elif kind == CELL:
            value = values[j]
            layout = layout_memo(value) if len(value) <= _MEMO_LENGTH else None
            if layout is not None and len(layout) == 1 and len(value) <= budget.left + 1:
                # a cell-per-line table's line (most of its lines): the loop below, inline
                budget.left -= 1
                if budget.left < 0:
                    budget.take(0)  # refused (GX025), as take() refuses
                content, offset, klass = layout[0]
                if klass == _LABEL_CELL and after_value and row:
                    rows.append(row)
                    row = []
                text = _new_object(Text)  # what Text.verbatim makes
                text.value = content
                text._src = starts[j] + offset
                text._views = None
                cell = _new_object(Cell)  # what Cell(text, row, col) makes
                cell.text = text
                cell.row = len(rows)
                cell.col = len(row)
                row.append(cell)
                after_value = klass == _VALUE_CELL
                values_seen = values_seen or after_value
            else:
                base = starts[j]
                for content, offset, klass in _row_layout(budget, value):
                    if klass == _LABEL_CELL and after_value and row:
                        rows.append(row)
                        row = []
                    row.append(Cell(Text.verbatim(content, base + offset), len(rows), len(row)))
                    after_value = klass == _VALUE_CELL
                    values_seen = values_seen or after_value
            last_content = j
            j += 1
        elif kind == BAR or kind == PIPEROW:
            if row:  # a bar ends a cell-per-line row
                rows.append(row)
                row = []
            after_value = False
            if kind == PIPEROW:
                value = values[j]
                base = starts[j]
                layout = _row_layout(budget, value)
                if layout:
                    number = len(rows)
                    cells = []
                    for content, offset, klass in layout:  # (Cell(Text.verbatim(…), number, col) inline)
                        text = _new_object(Text)
                        text.value = content
                        text._src = base + offset
                        text._views = None
                        cell = _new_object(Cell)
                        cell.text = text
                        cell.row = number
                        cell.col = len(cells)
                        cells.append(cell)
                        if klass == _VALUE_CELL:
                            values_seen = True
                    rows.append(cells)
                    pipe_rows += 1
                last_content = j
            j += 1
        elif kind == PAGE:
            pages.append(j)
            j += 1
        elif _bare_cell(lines, j):
            budget.take()
            content = values[j]
            klass = _cell_class(content)
            if klass == _LABEL_CELL and after_value and row:
                rows.append(row)
                row = []
            row.append(Cell(Text.verbatim(content, start(j)), len(rows), len(row)))
            after_value = klass == _VALUE_CELL
            values_seen = values_seen or after_value
            last_content = j
            j += 2  # the cell and its closing "|"
        else:
            break
    if row:
        rows.append(row)
    # One line of pipes is running text or page chrome (``<蜘蛛词>| <蜘蛛词>|``), not a table.
    # (every row holds a cell: two rows are two cells)
    if len(rows) < 2 or not values_seen and not any(
        _TABLE_WORDS.search(_compact(c.text.value)) for cells in rows for c in cells
    ):
        return j, None
    # Lines after the last cell (bars, blanks, page markers) stay outside the table.
    end = last_content + 1
    content_end = lines.end(last_content)
    for page in pages:
        if start(page) < content_end:
            builder.furniture.append(Paragraph(builder.slice(start(page), lines.end(page))))
    style = "pipe" if pipe_rows * 2 >= len(rows) else "cell-per-line"
    if style == "pipe":  # a converter's copies of a merged cell (pandas, spreadsheets)
        rows = fold_merged_copies(rows)
    return end, Table(text=builder.slice(start(i), content_end), rows=rows, style=style)


def _table(builder: _Builder, rows: list[list[Text]], style: str, start: int, end: int) -> Table:
    return Table(text=builder.slice(start, end), rows=Cell.rows_of(rows), style=style)


# --- tables without pipes: line-per-cell and PDF columns ------------------------------


def _loose_table(builder: _Builder, lines: _Lines, i: int) -> tuple[int, Table | None]:
    """A table starting at an anchor line (第二十条第（一）项, 信息内容, …) with no pipes."""
    kinds, values, start = lines.kinds, lines.values, lines.start
    n = len(kinds)
    j = i
    content: list[int] = []  # the cell lines
    pages: list[int] = []  # the page markers among them
    # Blank lines between most cells: a web page's one-cell-per-line flattening;
    # otherwise PDF text lines.  (gaps: how many cells follow the one before after a blank)
    gaps = 0
    blank_before = False  # a blank line since the last cell line
    while j < n:
        kind = kinds[j]
        if kind == BLANK:
            blank_before = True
            j += 1
            continue
        if kind == PAGE:
            pages.append(j)
            j += 1
            continue
        # a cell is a short line of text, no sentence, no Markdown heading, no section heading
        value = values[j]
        if kind != TEXT or len(value) > _MAX_CELL_LINE or not (
                _loose_cell(value) if j > i else _cell_wording(value)):
            break
        if blank_before:
            gaps += 1
            blank_before = False
        content.append(j)
        j += 1
    if len(content) < 3:
        return i, None
    if gaps * 2 >= len(content) - 1:
        rows = _line_per_cell_rows(builder, lines, content)
        style = "line-per-cell"
    else:
        rows = _pdf_rows(builder, lines, content)
        style = "pdf-columns"
    if sum(map(len, rows)) < 3:
        return i, None
    last = content[-1]
    for k in pages:
        if k < last:  # (those after the last cell stay outside the table)
            builder.furniture.append(Paragraph(builder.slice(start(k), lines.end(k))))
    return last + 1, _table(builder, rows, style, start(i), lines.end(last))


def _cell_wording(value: str) -> bool:
    """Whether a short line (``value``, stripped) may be a cell of a table without pipes by its
    wording: no sentence, no Markdown heading."""
    return not _NARRATIVE.search(value) and not value.startswith(("#", "＃"))


@lru_cache(maxsize=4096)  # (table lines repeat: 0, 1, 总计 …; a cell line is short)
def _loose_cell(value: str) -> bool:
    """:func:`_cell_wording`, and not a section heading (a table's line after its first)."""
    return _cell_wording(value) and not _is_section_heading(value)


def _line_per_cell_rows(builder: _Builder, lines: _Lines, content: list[int]) -> list[list[Text]]:
    """Consecutive non-blank lines form one cell (a label wrapped: 結果 / 糾正)."""
    kinds, values, start = lines.kinds, lines.values, lines.start
    groups: list[list[int]] = []
    for k in content:
        if groups:
            m = groups[-1][-1] + 1
            while m < k and kinds[m] == PAGE:
                m += 1
            if m == k:  # nothing but page markers since the group's last line
                groups[-1].append(k)
                continue
        groups.append([k])
    builder.cells.take(len(content))
    starts = lines.starts
    rows = []
    for group in groups:
        if len(group) == 1:
            k = group[0]
            value = values[k]
            text = _new_object(Text)  # what Text.verbatim makes, without its call (lines.start(k) inline)
            text.value = value
            text._src = starts[k]
            text._views = None
            rows.append([text])
        else:
            rows.append([Text.from_pieces([(values[k], start(k), LINEAR) for k in group])])
    return rows


def _pdf_rows(builder: _Builder, lines: _Lines, content: list[int]) -> list[list[Text]]:
    values = lines.values
    starts = lines.starts
    rows: list[list[Text]] = []
    label_only: list[bool] = []  # whether the row so far is a label without numbers
    # A label wrapped over several lines: its lines' texts by row, joined once at the end
    # (joined at each line, a header printed a character a line was joined again and again).
    # Until then the row's first cell is a stand-in holding the joined string, all that is
    # read of it here.
    wrapped: dict[int, list[Text]] = {}
    verbatim = Text.verbatim
    budget = builder.cells
    left = budget.left  # (the budget's cells left, counted here and given back at the end)
    for k in content:
        value = values[k]
        base = starts[k]  # (lines.start(k))
        label_end, tokens = (_pdf_line_memo if len(value) <= _MEMO_LENGTH else _pdf_line)(value)
        numbers = []
        for token, offset in tokens:  # (Text.verbatim(token, base + offset) inline)
            text = _new_object(Text)
            text.value = token
            text._src = base + offset
            text._views = None
            numbers.append(text)
        # (builder.cells.take(cells of the line), without its call)
        left -= len(numbers) + 1 if label_end else len(numbers)
        if left < 0:
            budget.left = left
            budget.take(0)  # refused (GX025), as take() refuses
        if not label_end:
            label = None
        else:
            label = _new_object(Text)  # what Text.verbatim makes
            label.value = value[:label_end] if label_end < len(value) else value
            label._src = base
            label._views = None
        if label is None:
            # numbers alone: they belong to the label-only row just before, which may
            # be the last line of a label wrapped over several lines (1、申请人… /
            # 正、行政机关… / 息公开申请 / 67 3 0 …): join back to its numbered start.
            # Table 四's data row (15 numbers, no label) never takes the header cell
            # printed just above it (总计).
            if rows and label_only[-1] and len(numbers) < 10:
                _join_wrapped_label(rows, label_only, wrapped)
                rows[-1].extend(numbers)
                label_only[-1] = False
            else:
                rows.append(numbers)
                label_only.append(False)
            continue
        if rows and label_only[-1] and (
            _continues(rows[-1][-1].value, label.value)
            # 5.要求行政机关确认或重新出 / 具已获取信息 1 0 …: a numbered label-only line
            # continued by a line that starts no label of its own
            or (_numbered_label(rows[-1][-1].value) and not _numbered_label(label.value))
        ):
            last = len(rows) - 1
            first = rows[last][0]
            parts = wrapped.get(last)
            if parts is None:
                parts = wrapped[last] = [first]
            parts.append(label)
            rows[last][0] = verbatim(first.value + label.value, first._src)  # (the stand-in)
            rows[last].extend(numbers)
            label_only[-1] = not numbers
            continue
        rows.append([label, *numbers])
        label_only.append(not numbers)
    budget.left = left
    for row, parts in wrapped.items():
        rows[row][0] = Text.from_pieces([(part.value, part._src, LINEAR) for part in parts])
    return rows


def _pdf_line(value: str) -> tuple[int, tuple[tuple[str, int], ...]]:
    """A PDF table line (``value``, stripped) as ``(label end, ((number, offset), …))``: its
    trailing run of number tokens, found in one search (the value is stripped: its first
    token starts at 0, and the label is every token before the run)."""
    run = _TRAILING_NUMBERS.search(value)
    if run is None:
        return len(value), ()
    cut = run.start()
    numbers = tuple((t.group(), t.start()) for t in _TOKEN.finditer(value, cut))
    return (len(value[:cut].rstrip()) if cut else 0), numbers


# (PDF table lines repeat: rows of zeros, the same labels in every report)
_pdf_line_memo = lru_cache(maxsize=4096)(_pdf_line)


_NUMBERED_LABEL = lazy_compile(r"^(?:\d{1,2}\s*[、.．]|[（(][一二三四五六七八九十]{1,2}[）)]|[一二三四五六七八九十]{1,2}、)")
# What a _NUMBERED_LABEL match may start with, besides a digit (\d: str.isdecimal)
_NUMBERED_LABEL_FIRST = frozenset("（(一二三四五六七八九十")


def _numbered_label(value: str) -> bool:
    """Whether ``value`` starts with a label's number (``_NUMBERED_LABEL``); the regex is
    tried only after a first character it can start with (a regex call is ~2,500
    instructions, and most labels start with a word)."""
    first = value[:1]
    return (first in _NUMBERED_LABEL_FIRST or first.isdecimal()) and _NUMBERED_LABEL.match(value) is not None


def _join_wrapped_label(rows: list[list[Text]], label_only: list[bool], wrapped: dict[int, list[Text]]) -> None:
    """Merge the trailing label-only rows back to the nearest numbered label (at most
    three lines up), in place: their lines' texts go to ``wrapped`` (see _pdf_rows)."""
    start = None
    for back in range(1, 4):
        k = len(rows) - back
        if k < 0 or not label_only[k] or len(rows[k]) != 1:
            break
        if _numbered_label(rows[k][0].value):
            start = k
            break
    if start is None or start == len(rows) - 1:
        return
    parts = []
    for k in range(start, len(rows)):
        parts.extend(wrapped.pop(k, None) or rows[k])  # (a label-only row is its label alone)
    wrapped[start] = parts
    first = rows[start][0]
    stand_in = Text.verbatim("".join([row[0].value for row in rows[start:]]), first._src)
    del rows[start + 1 :]
    del label_only[start + 1 :]
    rows[start] = [stand_in]


@lru_cache(maxsize=4096)  # (the standard tables' wrapped labels recur in every report)
def _continues(previous: str, current: str) -> bool:
    """Whether a label line continues the label-only line before it."""
    # A header cell printed one character per line (三 / 、 / 本 / 年 …), or table 四's
    # two-line headers (结 果 / 维持).  Only those: 总计 / 结果 are two cells.
    prev = "".join(previous.split())
    cur = "".join(current.split())
    if len(cur) == 1 or (len(prev) == 2 and _compact(prev + cur) in _TWO_LINE_HEADERS):
        return True
    opened = previous.count("（") + previous.count("(") - previous.count("）") - previous.count(")")
    return opened > 0


# --- a whole report on one line ---------------------------------------------------------


def _split_long_line(builder: _Builder, lines: _Lines, i: int) -> None:
    """Split a page dump's single line (line ``i``) before inline standard headings."""
    if len(_INLINE_ORDINAL.findall(lines.values[i])) < 2:  # cheap test before normalising
        builder.paragraph(lines, i)
        return
    text = builder.slice(lines.start(i), lines.end(i))
    view = text.normalized
    value = view.value
    cuts: list[tuple[int, int]] = []  # (heading start, heading end) in original indexes
    numerals = "一二三四五六"
    for number, titles in SECTION_TITLES.items():
        for title in titles:
            needle = _clean_title(_compact(title))
            for sep in ("、", "."):
                pattern = numerals[number - 1] + sep + needle
                start = value.find(pattern)
                while start != -1:
                    before = value[start - 1] if start > 0 else " "
                    if start == 0 or before.isspace() or before.isdigit() or before in "。)）”」":
                        a, b = view.original_range(start, start + len(pattern))
                        cuts.append((a, b))
                    start = value.find(pattern, start + 1)
    # A page dump holds several sections; one match is more likely a sentence quoting
    # a heading than a report squeezed onto one line.
    if len({a for a, _ in cuts}) < 2:
        builder.paragraph(lines, i)
        return
    cuts.sort()
    pieces: list[tuple[int, int]] = []
    pos = 0
    for a, b in cuts:
        if a < pos:
            continue
        pieces.append((pos, a))
        pieces.append((a, b))
        pos = b
    pieces.append((pos, len(text)))
    for a, b in pieces:
        piece = text[a:b].strip()
        if len(piece):
            span = piece.span()
            builder.blocks.append(Paragraph(builder.slice(span.start, span.end)))


__all__ = ["read"]
