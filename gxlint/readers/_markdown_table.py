"""markdown-it's GFM table rule, emitting one compact token per table.

markdown-it-py's own rule pushes four tokens per cell (``td_open``, ``inline``, its
children, ``td_close``, each with a dict or two): a 220 × 220 table (190 KB) peaked at
74 MB in the parser alone.  This rule decides *whether* a table starts by calling the
original rule in silent mode, then collects the same rows the original would, with the
same cell contents, and pushes one ``gx_table`` token whose ``meta["rows"]`` is a list of
``(line, cells)`` (the header row first; ``cells`` padded to the header's width as the
original pads them).  Cells are inline-parsed one at a time by the reader
(:func:`inline_token`), so only one cell's inline tokens exist at a time.

The row loop follows ``markdown_it/rules_block/table.py`` (markdown-it-py 4.x) line for
line; tests/test_reader_markdown.py checks that both give the same tables.
"""

from __future__ import annotations

import importlib

from markdown_it import MarkdownIt
from markdown_it.common.utils import MD_TRIM_CHARS, mdTrim
from markdown_it.rules_core.state_core import StateCore
from markdown_it.token import Token

TOKEN = "gx_table"
# the module, not the function of the same name that ``markdown_it.rules_block`` exports
_table = importlib.import_module("markdown_it.rules_block.table")


def install(md: MarkdownIt) -> None:
    """Replace ``md``'s table rule by the compact one (same name, same alternatives)."""
    rule = next(rule for rule in md.block.ruler.__rules__ if rule.name == "table")
    original, alternatives = rule.fn, rule.alt

    def compact_table(state, start_line: int, end_line: int, silent: bool) -> bool:
        if not original(state, start_line, end_line, True):
            return False
        if silent:
            return True
        return _push_rows(state, start_line, end_line)

    md.block.ruler.at("table", compact_table, {"alt": list(alternatives)})


def _split(line: str) -> list[str]:
    """``escapedSplit(line)``: without a backslash no pipe is escaped, and it splits at every
    pipe, as ``str.split`` does (markdown-it's loop goes character by character)."""
    return _table.escapedSplit(line) if "\\" in line else line.split("|")


def _columns(state, line: int) -> list[str]:
    columns = _split(mdTrim(_table.getLine(state, line)))
    if columns and columns[0] == "":
        columns.pop(0)
    if columns and columns[-1] == "":
        columns.pop()
    return columns


def _push_rows(state, start_line: int, end_line: int) -> bool:
    header = _columns(state, start_line)
    column_count = len(header)
    rows: list[tuple[int, tuple[str, ...]]] = [(start_line, tuple(mdTrim(c) for c in header))]

    old_parent_type = state.parentType
    state.parentType = "table"
    terminator_rules = state.md.block.ruler.getRules("blockquote")
    autocompleted_cells = 0
    next_line = start_line + 2
    while next_line < end_line:
        if state.sCount[next_line] < state.blkIndent:
            break
        if any(rule(state, next_line, end_line, True) for rule in terminator_rules):
            break
        line_text = mdTrim(_table.getLine(state, next_line))
        if not line_text:
            break
        if state.is_code_block(next_line):
            break
        columns = _split(line_text)
        if columns and columns[0] == "":
            columns.pop(0)
        if columns and columns[-1] == "":
            columns.pop()
        autocompleted_cells += column_count - len(columns)
        if autocompleted_cells > _table.MAX_AUTOCOMPLETED_CELLS:
            break
        cells = [column.strip(MD_TRIM_CHARS) if column else "" for column in columns[:column_count]]
        if len(cells) < column_count:  # padded as markdown-it pads a short row
            cells.extend([""] * (column_count - len(cells)))
        cells = tuple(cells)
        rows.append((next_line, cells))
        next_line += 1

    token = state.push(TOKEN, "table", 0)
    token.map = [start_line, next_line]
    token.meta = {"rows": rows}
    state.parentType = old_parent_type
    state.line = next_line
    return True


def inline_token(md: MarkdownIt, env: dict, content: str) -> Token:
    """An ``inline`` token for one cell, parsed as markdown-it's core would parse it."""
    token = Token("inline", "", 0, content=content, children=[])
    state = StateCore("", md, env, [token])
    for rule in md.core.ruler.__rules__:
        if rule.enabled and rule.name not in ("normalize", "block"):
            rule.fn(state)
    return token
