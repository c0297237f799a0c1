"""Cells a converter repeated over a merged cell's columns, folded back into that cell.

``pandas.read_html`` and spreadsheet exports write a cell merged over three columns three
times.  A report's table 二 then reads::

    | 信息内容 | 本年处理决定数量 | 本年处理决定数量 | 本年处理决定数量 |
    | 行政许可 | 2293 | 2293 | 2293 |

and, read as it stands, the row holds three numbers where the template has one (GX302),
or every row of table 三 one number too many, so that none is read.  This module folds
such copies back into one cell spanning the columns, as an HTML reader reads a
``colspan`` (:class:`~gxlint.document.Cell` at its grid column, with ``colspan``).

A column is a copy of the column to its left within a block of rows (a header row, one
without numbers, and the rows of numbers under it up to the next header row) when the
header's cell repeats its left neighbour's words, of three characters or more; every row
of the block repeats its left neighbour there; and the block is rectangular, as a filled
grid is.  All three: a table of zeros repeats its numbers everywhere but not its header's
words; a header that repeats a label over columns whose figures differ holds those
columns; and two repeated characters (结果 | 结果) are the fragments of a header wrapped
over two lines, as a PDF's text gives table 四, often right above a row of zeros.  Only tables of plain cells (Markdown's and pipe
text's, one grid position each) are looked at: an HTML or Word table says its spans itself.
"""

from __future__ import annotations

from gxlint.document import Cell
from gxlint.lazy_pattern import lazy_compile

_NUMBER = lazy_compile(r"[+-]?[0-9][0-9,，]*(?:\.[0-9]+)?%?")


_NUMBER_START = frozenset("0123456789+-")
# A merged header's words are a whole label of the template (本年处理决定数量, 申请人情况,
# 法人或其他组织, 行政复议, 复议后起诉, 商业企业): three characters or more.  Two repeated
# characters side by side are the fragments of a header wrapped over two lines (结果 | 结果
# over 维持 | 纠正, as a PDF's text gives table 四), whose zeros repeat too.
_MIN_LABEL = 3


def _label_words(value: str) -> bool:
    """Are there :data:`_MIN_LABEL` characters or more in ``value``, blanks aside?"""
    return len("".join(value.split())) >= _MIN_LABEL


def _is_number(value: str) -> bool:
    value = value.strip()
    return bool(value) and value[0] in _NUMBER_START and _NUMBER.fullmatch(value) is not None


def fold_merged_copies(rows: list[list[Cell]]) -> list[list[Cell]]:
    """``rows`` with the copies of merged cells folded into the cell they copy (see the
    module's notes); the rows themselves when there are none (the usual case)."""
    if len(rows) < 2 or not _repeated_label(rows):
        return rows
    for cells in rows:
        for cell in cells:
            if cell.colspan != 1 or cell.rowspan != 1:
                return rows  # a table that says its spans
    # blocks: (header row index, [data row indexes]); rows before the first header are in none
    blocks: list[tuple[int, list[int]]] = []
    for index, cells in enumerate(rows):
        if not any(_is_number(c.text.value) for c in cells):
            blocks.append((index, []))
        elif blocks:
            blocks[-1][1].append(index)
    copies: dict[int, set[int]] = {}  # row index -> the grid columns that are copies
    for header, data in blocks:
        texts = {c.col: c.text.value.strip() for c in rows[header]}
        candidates = [col for col, text in texts.items()
                      if texts.get(col - 1) == text and _label_words(text)]
        if not candidates:
            continue
        width = len(rows[header])
        if any(len(rows[i]) != width for i in data):
            continue  # a filled grid is rectangular: not a header of fragments over longer rows of numbers
        found = set(candidates)
        for i in data:  # (each row's cells by column once: a hostile table has 20,000)
            values = {c.col: c.text.value.strip() for c in rows[i]}
            found = {col for col in found if values.get(col) == values.get(col - 1)}
            if not found:
                break
        if found:
            for i in (header, *data):
                copies[i] = found
    if not copies:
        return rows
    out = []
    for index, cells in enumerate(rows):
        cols = copies.get(index)
        if not cols:
            out.append(cells)
            continue
        runs: list[list] = []  # [origin cell, columns it covers]
        for cell in cells:
            if cell.col in cols and runs and runs[-1][0].col + runs[-1][1] == cell.col:
                runs[-1][1] += 1  # a copy: one more column of the cell before it
            else:
                runs.append([cell, 1])
        out.append([cell if span == 1 else Cell(cell.text, cell.row, cell.col, 1, span, cell.anchor)
                    for cell, span in runs])
    return out


def _repeated_label(rows: list[list[Cell]]) -> bool:
    """Does a row hold the same words (not a number; three characters or more) in two
    neighbouring cells?  What every fold needs in its header; a string comparison a cell
    rules out the usual table."""
    for cells in rows:
        previous = None
        for cell in cells:
            value = cell.text.value
            # (a number's first character rules it out without the pattern: tables of zeros
            # repeat their neighbours everywhere)
            if value == previous and value and value[0] not in _NUMBER_START and _label_words(value):
                return True
            previous = value
    return False
