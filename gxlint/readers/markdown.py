"""The Markdown reader: headings, paragraphs and pipe tables with exact source spans.

markdown-it-py (CommonMark + tables) gives block tokens with line maps but no columns,
and inline text with the markup already removed (``**粗**`` → ``粗``, ``\\*`` → ``*``,
``&amp;`` → ``&``).  Each inline text is therefore *aligned* with the source lines of its
block: characters are matched in order with ``str.find`` from a cursor (so markup between
them is skipped), entities map to the whole entity, link destinations are skipped, and a
character that cannot be found (U+0000 that the parser replaced) gets an empty span at the
cursor.  Every text character thus points at its own source character.

Blocks: ``#`` and setext headings → ``Heading(level=0)`` (the structure pass interprets
them); **each source line of a paragraph becomes its own** ``Paragraph``: converted reports
often put ``一、总体情况`` on the line above its text without a blank line, and CommonMark
would fold both into one paragraph; per-line blocks keep such headings visible and still map
exactly.  Pipe tables → ``Table(style="markdown")``; code blocks → one paragraph per line;
HTML comments (block or inline) → ``reader_notes["comments"]``.
"""

from __future__ import annotations

import html
import logging
import re
import types
from array import array
from itertools import accumulate, count
from operator import add, sub
from typing import Sequence

from markdown_it import MarkdownIt

from gxlint.document import (_RUN_CODE, LINEAR, Cell, CodeLine, _PlacedCell, Document, Heading, Paragraph, Source, Span, Table, Text, TextBuilder,
                             past_crlf)
from gxlint.lazy_pattern import lazy_compile
from gxlint.page_markers import is_page_marker
from gxlint.readers import _markdown_table
from gxlint.readers.table_limit import too_many_cells
from gxlint.readers.element_limit import check_element_count
from gxlint.readers.line_limit import check_line_count
from gxlint.readers.markup_limit import check_markup_count
from gxlint.readers.merged_copies import fold_merged_copies

_ENTITY = lazy_compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_COMMENT = lazy_compile(r"<!--(.*?)-->", re.DOTALL)
_CR = lazy_compile(r"\r\n?")
# a Markdown picture, ![alt](address): where a table should be, a table published as an image
# (GX023); an <img> in Markdown is a tag like any other, read the same way
_PICTURE = lazy_compile(r"!\[[^\]\n]*\]\(\s*<?([^)\s>]+)|<img\b[^>]*?\bsrc\s*=\s*[\"']?([^\"'\s>]+)[^>]*>", re.IGNORECASE)
_WINDOW = 400  # how far the aligner looks ahead for the next character (markup, URLs)
# Characters where an enabled inline rule may start (escape, code, emphasis, links, images,
# autolinks, inline HTML, entities, line breaks): a cell without them parses to its own
# text (tests/test_reader_markdown.py checks the rule list and the equivalence).
_PLAIN_CELL = frozenset("\\`*_[]!<&\n")
_MD_TRIM = frozenset(" \t\n\x0b\x0c\r\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
                     "\u2009\u200a\u2028\u2029\u202f\u205f\u3000")  # markdown-it's mdTrim set


# A character an inline rule starts at (_PLAIN_CELL but the line break, which is not in a
# cell), or U+FFFD, which markdown-it's normalisation makes of U+0000: a paragraph without
# one reads as its lines stand.  (A search, not a set test: a paragraph is long.)
_INLINE_MARKUP = lazy_compile("[" + re.escape("".join(sorted(_PLAIN_CELL - {"\n"}))) + "\ufffd]")

_PARSERS: dict[frozenset[str], MarkdownIt] = {}


def _parser(unused: frozenset[str] = frozenset()) -> MarkdownIt:
    """The parser (one a set of block rules left out, made once: see :func:`unused_block_rules`)."""
    parser = _PARSERS.get(unused)
    if parser is None:
        parser = MarkdownIt("commonmark").enable("table")
        _without_debug_calls(parser)
        _markdown_table.install(parser)  # one token per table, not four per cell
        parser.core.ruler.at("inline", _inline_unless_plain)
        if unused:
            parser.block.ruler.disable(sorted(unused))
        _PARSERS[unused] = parser
    return parser


# Block rules whose start no text without these can hold (what the rule needs before it does
# anything, wherever the line stands: at the top, in a list or in a quote).  A rule is tried at
# every line and, as a paragraph's terminator, at every line of a paragraph: most reports start
# no list, quote, code or setext heading.  Each test is a substring search or a regex that
# starts with a literal (the engine skips to it), never a scan that tries every position.
_HR_RUNS = tuple(lazy_compile(rf"{re.escape(marker)}[ \t]*+{re.escape(marker)}[ \t]*+{re.escape(marker)}")
                 for marker in "*-_")  # three markers, blanks between (an hr may follow a list marker)
# a list marker at a line's start (after blanks and quote markers) and a blank or the line's end
_LIST_START = lazy_compile(r"\n[ \t>]*+(?:[-*+]|[0-9]{1,9}[.)])(?:[ \t\n]|\Z)")
# a setext underline: - or = alone on its line (after blanks and quote markers)
_UNDERLINE = lazy_compile(r"\n[ \t>]*+(?:-++|=++)[ \t]*+(?:\n|\Z)")


def unused_block_rules(text: str) -> frozenset[str]:
    """The block rules that cannot match anywhere in ``text`` (LF-only), so a parse without
    them gives the same tokens: each is left out only when ``text`` lacks what the rule needs
    before it does anything (tests/test_reader_markdown.py compares the tokens)."""
    unused = []
    if "|" not in text:
        unused.append("table")
    if "\t" not in text and "    " not in text:  # an indented code block needs four columns of blanks
        unused.append("code")
    if "```" not in text and "~~~" not in text:
        unused.append("fence")
    if ">" not in text:
        unused.append("blockquote")
    if not any(run.search(text) for run in _HR_RUNS):
        unused.append("hr")
    lines = "\n" + text  # (the first line starts after a newline too)
    if not _LIST_START.search(lines):
        unused.append("list")
    if "]:" not in text:  # a link reference definition: [label]: …
        unused.append("reference")
    if "<" not in text:
        unused.append("html_block")
    if "#" not in text:
        unused.append("heading")
    if not _UNDERLINE.search(lines):
        unused.append("lheading")
    return frozenset(unused)


class _SilentLogger:
    """Stands for a block rule module's LOGGER in this parser's copies of its rules."""

    __slots__ = ()
    debug = "".format  # takes any arguments, does nothing, in C


_SILENT_LOGGER = _SilentLogger()


def _without_debug_calls(md: MarkdownIt) -> None:
    """Give ``md`` copies of its block rules whose ``LOGGER.debug("entering …")`` (each rule,
    tried at each line: a few hundred calls a report) costs no Python call; only while
    markdown-it's debug log is off, and without touching markdown-it's own functions."""
    ruler = md.block.ruler
    for rule in list(ruler.__rules__):
        fn = rule.fn
        logger = getattr(fn, "__globals__", {}).get("LOGGER")
        if not isinstance(logger, logging.Logger) or logger.isEnabledFor(logging.DEBUG):
            continue
        silent = types.FunctionType(fn.__code__, {**fn.__globals__, "LOGGER": _SILENT_LOGGER}, fn.__name__,
                                    fn.__defaults__, fn.__closure__)
        silent.__kwdefaults__ = fn.__kwdefaults__
        ruler.at(rule.name, silent, {"alt": list(rule.alt)})


def _inline_unless_plain(state) -> None:
    """markdown-it's core ``inline`` rule, except that the inline token of a plain paragraph
    (:func:`_plain_paragraph`) is left unparsed: its lines are the source's lines as they
    stand, which the reader takes without the parse and the alignment (most of a prose
    report's read)."""
    md, env = state.md, state.env
    previous = None
    for token in state.tokens:
        if token.type == "inline" and not (previous is not None and _plain_paragraph(previous, token)):
            if token.children is None:
                token.children = []
            md.inline.parse(token.content, md, env, token.children)
        previous = token


def _plain_paragraph(opening, inline) -> bool:
    """Whether a paragraph's inline text is its source lines, each stripped: a paragraph of the
    document itself (not in a list or quote, whose markers its lines hold) whose content holds
    no character an inline rule starts at (line breaks make lines, as the reader splits them)."""
    return opening.type == "paragraph_open" and opening.level == 0 and not _INLINE_MARKUP.search(inline.content)


# Every table cell is a Cell and a Text (about 400 bytes with the table analysis, against
# 4 bytes of `| 1 `), so a file that is mostly table cannot stay within 20× its size
# (issue 9); a real report has a few hundred pipes (at most about 600 among the fixtures),
# so a file with more than 20,000 is refused (GX025).  (A 1000 × 1000 table once took
# 41 s and 1.9 GB.)
MAX_TABLE_PIPES = 20_000


def read(source: Source) -> Document:
    pipes = source.text.count("|")
    if pipes > MAX_TABLE_PIPES:
        raise too_many_cells(pipes, MAX_TABLE_PIPES, "pipes")
    # inline HTML tags are a markdown-it token each (about 300 bytes: 20,000 nested
    # <table><tr><td> in a 660 KB file took 42 MiB), so the HTML limit holds here too (GX026)
    check_element_count(source.text)
    check_line_count(source.text, cr_breaks=True)  # and a file of tiny or blank lines (GX027)
    check_markup_count(source.text)  # and one dense with emphasis, links or list items (GX028)
    reader = _Reader(source)
    reader.parser = _parser(unused_block_rules(reader.text))
    tokens = reader.parser.parse(reader.text, reader.env)
    reader.run(tokens)
    if "![" in source.text or "<img" in source.text or "<IMG" in source.text:
        pictures = [(Span(m.start(), m.end()), m.group(1) or m.group(2)) for m in _PICTURE.finditer(source.text)]
        if pictures:
            reader.document.reader_notes["pictures"] = pictures
    return reader.document


class _Reader:
    def __init__(self, source: Source) -> None:
        self.source = source
        self.document = Document(source=source)
        self.comments: list[Text] = []
        self.document.reader_notes["comments"] = self.comments
        self.env: dict = {}  # the parse's environment (link references), for cells parsed later
        self.parser: MarkdownIt | None = None  # the parser that read it (its cells are parsed later)
        text = source.text
        self.crlf: list[int] = []
        if "\r" in text:
            # markdown-it folds CR LF / CR to LF; do the same so line maps agree, and
            # remember where a CR LF became one character to map offsets back.
            shift = 0
            for match in _CR.finditer(text):
                if match.end() - match.start() == 2:
                    self.crlf.append(match.start() - shift)
                    shift += 1
            text = _CR.sub("\n", text)
            starts = [0]
            i = text.find("\n")
            while i != -1:
                starts.append(i + 1)
                i = text.find("\n", i + 1)
            self.line_starts: "Sequence[int]" = starts
        else:  # the source's own line index (the lines rules read): built once, not twice
            self.line_starts = source.line_starts
        self.text = text

    # offsets -----------------------------------------------------------------------------
    def lines(self, line_map) -> tuple[int, int]:
        """Character range of the lines ``[a, b)`` of a token's map."""
        if not line_map:
            return 0, len(self.text)
        a, b = line_map
        starts = self.line_starts
        lo = starts[a] if a < len(starts) else len(self.text)
        hi = starts[b] if b < len(starts) else len(self.text)
        return lo, hi

    def located(self, text: Text) -> Text:
        """``text`` (offsets into the folded text) with offsets into the source."""
        return past_crlf(text, self.crlf)

    # inline alignment ----------------------------------------------------------------------
    def inline(self, token, lo: int, hi: int) -> Text:
        """The visible text of an inline token, each character aligned with the source."""
        src = self.text
        builder = TextBuilder()
        cursor = lo
        pending = ""  # characters of an entity still to be emitted
        pending_span = (lo, lo)

        def put(ch: str, s: int, e: int) -> None:
            if e == s + 1:
                builder.add_source(ch, s)
            else:
                builder.add_spanning(ch, s, e)

        for child in token.children or ():
            kind = child.type
            if kind in ("text", "code_inline", "text_special"):
                content = child.content
            elif kind in ("softbreak", "hardbreak"):
                content = "\n"
            elif kind == "html_inline":
                found = src.find(child.content, cursor, hi)
                if found != -1:
                    self.collect_comments(found, found + len(child.content))
                    cursor = found + len(child.content)
                continue
            elif kind == "link_close":
                cursor = self.skip_destination(cursor, hi)
                continue
            elif kind == "image":
                cursor = self.skip_destination(src.find("]", cursor, hi) if "]" in src[cursor:hi] else cursor, hi)
                continue
            else:
                continue  # emphasis and link openers: pure markup
            n = len(content)
            if not pending and n and "&" not in content:
                # The usual case, verbatim source text after the cursor (after markup: a
                # heading's "## ", an emphasis' "**"): what the loop below does character
                # by character, the first found in the window from the cursor with no "&"
                # before it, each next one right after it.
                at = src.find(content[0], cursor, min(hi, cursor + _WINDOW))
                if at != -1 and at + n <= hi and src.startswith(content, at) and (
                        at == cursor or src.find("&", cursor, at) == -1):
                    builder.add_source(content, at)
                    cursor = at + n
                    continue
            for ch in content:
                if pending:
                    if pending[0] == ch:
                        put(ch, *pending_span)
                        pending = pending[1:]
                        continue
                    pending = ""
                limit = min(hi, cursor + _WINDOW)
                at = src.find(ch, cursor, limit)
                amp = src.find("&", cursor, at if at != -1 else limit)
                if amp != -1 and ch != "&":
                    match = _ENTITY.match(src, amp)
                    if match:
                        decoded = html.unescape(match.group())
                        if decoded.startswith(ch):
                            put(ch, amp, match.end())
                            pending, pending_span = decoded[1:], (amp, match.end())
                            cursor = match.end()
                            continue
                if ch == "&" and at != -1:
                    match = _ENTITY.match(src, at)
                    if match and html.unescape(match.group()) == "&":
                        put(ch, at, match.end())
                        cursor = match.end()
                        continue
                if at == -1:
                    put(ch, cursor, cursor)  # rewritten by the parser: no source character
                    continue
                put(ch, at, at + 1)
                cursor = at + 1
        return self.located(builder.build())

    def skip_destination(self, cursor: int, hi: int) -> int:
        """After a link's text: skip ``](url "title")`` or ``][ref]``."""
        src = self.text
        if cursor < hi and src[cursor] == "]":
            cursor += 1
            if cursor < hi and src[cursor] == "(":
                depth = 0
                i = cursor
                while i < hi:
                    c = src[i]
                    if c == "\\":
                        i += 2
                        continue
                    if c == "(":
                        depth += 1
                    elif c == ")":
                        depth -= 1
                        if depth == 0:
                            return i + 1
                    i += 1
            elif cursor < hi and src[cursor] == "[":
                end = src.find("]", cursor, hi)
                return end + 1 if end != -1 else cursor
        return cursor

    def collect_comments(self, lo: int, hi: int) -> None:
        for match in _COMMENT.finditer(self.text, lo, hi):
            s, e = match.span(1)
            self.comments.append(self.located(Text.from_source(self.text, s, e)))

    # blocks ----------------------------------------------------------------------------------
    def run(self, tokens) -> None:
        blocks = self.document.blocks
        i = 0
        n = len(tokens)
        while i < n:
            token = tokens[i]
            kind = token.type
            if kind == "heading_open" and i + 1 < n and tokens[i + 1].type == "inline":
                lo, hi = self.lines(token.map)
                text = self.inline(tokens[i + 1], lo, hi).strip()
                text = Text.join([line.strip() for line in _split_lines(text)], " ") if "\n" in text.value else text
                if len(text):
                    blocks.append(Heading(text, level=0, numbering="markdown"))
                i += 3
                continue
            if kind == "paragraph_open" and i + 1 < n and tokens[i + 1].type == "inline":
                lo, hi = self.lines(token.map)
                if _plain_paragraph(token, tokens[i + 1]) or (token.level and _page_marker_item(self.text, lo, hi)):
                    # (not inline-parsed: _inline_unless_plain; or a PDF's page marker, ``- 3 -``,
                    # that Markdown reads as a list item: kept as the line it is, dashes and all)
                    self.raw_lines(lo, hi, blocks)
                    i += 3
                    continue
                for line in _split_lines(self.inline(tokens[i + 1], lo, hi)):
                    line = line.strip()
                    if len(line):
                        blocks.append(Paragraph(line))
                i += 3
                continue
            if kind == _markdown_table.TOKEN:
                self.table(token, blocks)
            if kind in ("fence", "code_block"):
                lo, hi = self.lines(token.map)
                if kind == "fence":  # the fence lines themselves are not content
                    lo = min(hi, self.text.find("\n", lo, hi) + 1 or hi)
                    last = self.text.rfind("\n", lo, max(lo, hi - 1))
                    if _is_fence(self.text[last + 1:hi]):
                        hi = last + 1 if last != -1 else lo
                self.raw_lines(lo, hi, blocks, CodeLine)
            elif kind == "html_block":
                lo, hi = self.lines(token.map)
                self.collect_comments(lo, hi)
            i += 1

    def raw_lines(self, lo: int, hi: int, blocks, block_type: type[Paragraph] = Paragraph) -> None:
        src = self.text
        if self.crlf:
            pos = lo
            while pos < hi:
                end = src.find("\n", pos, hi)
                end = hi if end == -1 else end
                line = self.located(Text.from_source(src, pos, end)).strip()
                if len(line):
                    blocks.append(block_type(line))
                pos = end + 1
            return
        # no CR LF folded: each line is the source verbatim, located where it is
        pos = lo
        for raw in src[lo:hi].split("\n"):
            value = raw.strip()
            if value:
                start = pos if value is raw else src.find(value, pos)  # (nothing before it but blanks)
                blocks.append(block_type(_verbatim(value, start)))
            pos += len(raw) + 1

    def table(self, token, blocks) -> None:
        """A ``gx_table`` token (see :mod:`_markdown_table`): its cells, one at a time."""
        rows: list[list[Cell]] = []
        src = self.text
        folded = bool(self.crlf)
        starts, size = self.line_starts, len(src)
        last_line = len(starts) - 1
        for line, contents in token.meta["rows"]:
            # (the range of lines [line, line + 1], as self.lines gives it, without its call)
            regions = self.cell_regions(starts[line] if line <= last_line else size,
                                        starts[line + 1] if line < last_line else size)
            region_count = len(regions)
            row_index = len(rows)
            row: list[Cell] = []
            for k, content in enumerate(contents):
                text = None
                if k < region_count and content:
                    lo, hi = regions[k]
                    # plain_cell's usual case inline: padding, then the content verbatim
                    if (not folded and _PLAIN_CELL.isdisjoint(content) and src.startswith(content, lo + 1)
                            and src[lo] == " " and lo + 1 + len(content) <= hi):
                        text = _new_cell(Text)  # what Text.verbatim(content, lo + 1) makes, without its call
                        text.value = content
                        text._src = lo + 1
                        text._views = None
                        if content[0].isspace() or content[-1].isspace():  # (Python strips more than mdTrim)
                            text = text.strip()
                    else:
                        text = self.plain_cell(content, lo, hi)
                    if text is None:
                        text = self.inline(_markdown_table.inline_token(self.parser, self.env, content), lo, hi).strip()
                elif not content:  # an empty cell: its place is the anchor below
                    text = _EMPTY_CELL
                else:  # a cell markdown-it padded in: no source
                    at = regions[-1][1] if regions else 0
                    text = self.located(Text.synthetic(content, at))
                # an empty cell points at its place between the pipes (else the row's end)
                value = text.value
                if value and not value.isspace():
                    cell = _new_cell(Cell)  # what Cell(text, row, k) makes, without its call
                    cell.text = text
                    cell.row = row_index
                    cell.col = k
                    row.append(cell)
                    continue
                if k < region_count:  # (most blank cells): what Cell(text, row, k, 1, 1, Span(lo, hi)) makes
                    lo, hi = regions[k]
                    anchor = _new_cell(Span)
                    _set_span_start(anchor, lo)
                    _set_span_end(anchor, hi if hi >= lo else lo)
                    cell = _new_cell(_PlacedCell)
                    cell.rowspan = cell.colspan = 1
                    cell.anchor = anchor
                    cell.text = text
                    cell.row = row_index
                    cell.col = k
                    row.append(cell)
                    continue
                place = (regions[-1][1],) * 2 if regions else None
                row.append(Cell(text, row_index, k, 1, 1, Span(*place) if place is not None else None))
            rows.append(row)
        if rows:
            rows = fold_merged_copies(rows)  # a converter's copies of a merged cell (pandas, spreadsheets)
            blocks.append(Table(text=_table_text(rows), rows=rows, style="markdown"))

    def plain_cell(self, content: str, lo: int, hi: int) -> Text | None:
        """A table cell without inline markup, located without an inline parse: the text
        :meth:`inline` would give (one verbatim run after the padding), or None when the
        content holds a character an inline rule starts at or is not verbatim in the source
        (an escaped pipe), and the general path must run.  Most cells are plain numbers
        and labels; the inline parser was most of a table's cost."""
        if not _PLAIN_CELL.isdisjoint(content):
            return None
        src = self.text
        at = lo
        while at < hi and src[at] in _MD_TRIM:
            at += 1
        # the aligner finds the first character within its window from ``lo``
        if at - lo >= _WINDOW or at + len(content) > hi or not src.startswith(content, at):
            return None
        return self.located(Text.verbatim(content, at)).strip()

    def cell_regions(self, lo: int, hi: int) -> list[tuple[int, int]]:
        """The character ranges between a row's unescaped pipes (outer pipes optional)."""
        src = self.text
        end = hi
        while end > lo and src[end - 1] in " \t\n":
            end -= 1
        start = lo
        while start < end and src[start] in " \t":
            start += 1
        if "\\" not in src[start:end]:  # no pipe is escaped: the parts between all of them
            lengths = list(map(len, src[start:end].split("|")))
            # part k ends after the parts before it, itself and k pipes
            ends = list(map(add, accumulate(lengths), count(start)))
            regions = list(zip(map(sub, ends, lengths), ends))
            if len(lengths) > 1:
                if not lengths[0]:
                    del regions[0]  # leading pipe
                if not lengths[-1] and regions:
                    del regions[-1]  # trailing pipe
            return regions
        bars = []
        i = src.find("|", start, end)
        while i != -1:
            backslashes = 0
            j = i - 1
            while j >= start and src[j] == "\\":
                backslashes += 1
                j -= 1
            if backslashes % 2 == 0:
                bars.append(i)
            i = src.find("|", i + 1, end)
        edges = [start - 1] + bars + [end]
        regions = [(a + 1, b) for a, b in zip(edges, edges[1:])]
        if bars and bars[0] == start:
            regions = regions[1:]  # leading pipe
        if bars and bars[-1] == end - 1 and regions:
            regions = regions[:-1]  # trailing pipe
        return regions


_new_cell = object.__new__
_verbatim = Text.verbatim
_set_span_start, _set_span_end = Span.start.__set__, Span.end.__set__  # type: ignore[attr-defined]  # (as Span() sets them)


# The text of every empty cell (no characters, so no offsets to tell): one object, where one
# each took 80 bytes (a table of many empty cells holds thousands).
_EMPTY_CELL = Text.synthetic("", 0)


def _table_text(rows: list[list[Cell]]) -> Text:
    """``Text.join([Text.join(cells, "\t") for cells in rows], "\n")`` made in one pass: each
    separator anchored where that join anchors it (at the start of what follows it, or at the
    end of what precedes it when nothing follows).  What :meth:`Text.from_pieces` makes of
    the pieces (string, src, wid) of the cells and separators in order, without a generator
    and a call a piece: a table at the pipe limit has 40,000 of them."""
    parts: list[str] = []
    # (lists, made arrays at the end: a list's append is cheaper than an array's)
    at: list[int] = []
    src: list[int] = []
    wid: list[int] = []
    # the last run (as ints, not read back from the arrays): a piece that continues it
    # extends it, else it starts a new run at ``length``
    last_at = last_src = 0
    last_wid = None
    length = 0

    last_end = 0  # the source end of the last character so far (TextBuilder.last_end)
    first_row = True
    for row in rows:
        if not row:
            continue
        if not first_row:  # the "\n" at the start of the row's joined text
            first = row[0].text
            if first.value:
                anchor = first._src if first._at is None else first._src[0]  # (start_at(0))
            elif len(row) > 1:  # the row's text starts with a tab anchored at the next cell
                second = row[1].text
                anchor = (second._src if second._at is None else second._src[0]) if second.value else 0
            else:
                anchor = last_end
            parts.append("\n")
            if not (last_wid == 0 and last_src == anchor):
                at.append(length)
                src.append(anchor)
                wid.append(0)
                last_at, last_src, last_wid = length, anchor, 0
            length += 1
            last_end = anchor
        first_row = False
        row_length = 0
        for k, cell in enumerate(row):
            text = cell.text
            value = text.value
            if k:
                if value:
                    anchor = text._src if text._at is None else text._src[0]  # (start_at(0))
                else:
                    anchor = last_end if row_length else 0
                parts.append("\t")
                if not (last_wid == 0 and last_src == anchor):
                    at.append(length)
                    src.append(anchor)
                    wid.append(0)
                    last_at, last_src, last_wid = length, anchor, 0
                length += 1
                last_end = anchor
                row_length += 1
            if not value:
                continue
            size = len(value)
            row_length += size
            parts.append(value)
            # (one run, the usual cell: its run as text.runs() gives it, without the call)
            for _, size, s, w in ((0, size, text._src, text._wid),) if text._at is None else text.runs():
                if not (last_wid == w and (last_src == s if w != LINEAR else last_src + (length - last_at) == s)):
                    at.append(length)
                    src.append(s)
                    wid.append(w)
                    last_at, last_src, last_wid = length, s, w
                length += size
                last_end = s + size if w == LINEAR else s + w
    return Text._runs("".join(parts), array(_RUN_CODE, at), array(_RUN_CODE, src), array(_RUN_CODE, wid))


def _split_lines(text: Text) -> list[Text]:
    value = text.value
    out = []
    start = 0
    while True:
        end = value.find("\n", start)
        if end == -1:
            out.append(text[start:])
            return out
        out.append(text[start:end])
        start = end + 1


def _page_marker_item(text: str, lo: int, hi: int) -> bool:
    """Is ``text[lo:hi]`` one line that is a page marker of text copied from a PDF?"""
    return hi - lo <= 24 and "\n" not in text[lo:hi].rstrip("\n") and is_page_marker(text[lo:hi])


def _is_fence(line: str) -> bool:
    stripped = line.strip()
    return len(stripped) >= 3 and (set(stripped) == {"`"} or set(stripped) == {"~"})
