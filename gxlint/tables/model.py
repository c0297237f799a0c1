"""What table recognition produces: the three standard tables aligned with a template.

Every value keeps the located text of its cell, so rules point at the cell itself.
Whatever could not be aligned is recorded in ``problems``; values are never shifted
silently into the wrong cells: a row that cannot be identified yields no values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator, Literal

from gxlint.document import Span, Text

TableKind = Literal["active", "requests", "appeals"]  # 表二, 表三, 表四
TEMPLATE_2021 = "2021"
TEMPLATE_2019 = "2019"


@dataclass(slots=True)  # (hundreds a report: made in half the time of a dict-backed one)
class Value:
    """One cell of a standard table.

    ``number`` is the parsed value (``int`` for counts; ``float`` for money), or
    ``None`` when the cell exists but holds no readable number.  ``problem`` says why a
    cell is not a clean number, using one of:

    ``"blank"`` (empty cell), ``"slash"`` (``/`` or ``-``), ``"leading-zero"`` (``00``),
    ``"stray-question-mark"`` (``0?``), ``"decimal"`` (a count with decimals),
    ``"not-a-number"`` (letters, units or other text), ``"negative"``.
    ``number`` is still filled when the intended value is clear (``1?`` → 1, ``00`` → 0).
    """

    key: str
    text: Text | None
    number: int | float | None
    span: Span
    problem: str | None = None

    @property
    def is_number(self) -> bool:
        return self.number is not None


@dataclass
class Row:
    """A template row as found: its label (if any) and its values in column order."""

    key: str
    label: Text | None
    label_span: Span | None
    values: list[Value] = field(default_factory=list)


@dataclass
class AlignmentProblem:
    """Something in a table that could not be aligned with the template.

    ``kind`` is one of:
    ``"missing-row"`` (a template row not found), ``"unlabelled-row"`` (numbers with no
    row label, or a label replaced by numbers/zeros), ``"extra-cells"`` /
    ``"missing-cells"`` (a row with more or fewer values than the template),
    ``"truncated-label"`` (a header label cut short: ``结果`` for ``结果纠正``),
    ``"label-variant"`` (a label matched only through a known variant or typo),
    ``"no-numbers"`` (the table holds labels only: an unfilled template),
    ``"merged-cells"`` (a row's digits ran together, ``801000081``: split when exactly
    one split satisfies the row's sum, or, for 表三, when exactly one combination of the
    unclear rows makes the whole table satisfy its relations (``detail["resolved_by"]``),
    ``detail["split"]``; else ``detail["ambiguous"]`` and the row keeps no values;
    ``detail["too_short"]``: fewer digits than cells, debris rather than a merged row).
    ``detail`` holds the facts for the message (expected, found, label, …).  An
    ``unlabelled-row`` of a table row also has ``label_span`` / ``label_text``: the
    row's first cell, where its label belongs (``0 0 0 0 0`` when numbers replaced it).
    A ``label-variant`` has ``found`` (the label as written, no spacing) and
    ``canonical`` (the template's label); a ``truncated-label`` has ``found`` and
    ``expected``.
    """

    kind: str
    span: Span
    detail: dict = field(default_factory=dict)


@dataclass
class RecognisedTable:
    """A standard table as read: its template, region, cells by canonical key, and alignment problems."""
    kind: TableKind
    template: str  # "2021" | "2019"
    span: Span  # the whole table region
    cells: dict[str, Value] = field(default_factory=dict)  # canonical key -> value
    rows: dict[str, Row] = field(default_factory=dict)  # row key -> row
    columns: list[str] = field(default_factory=list)  # column keys, in order
    problems: list[AlignmentProblem] = field(default_factory=list)
    # 2019-layout signatures found (label text and where), for the outdated-template rule
    signatures_2019: list[tuple[str, Span]] = field(default_factory=list)

    def number(self, key: str) -> int | float | None:
        value = self.cells.get(key)
        return value.number if value is not None else None

    def values(self) -> Iterator[Value]:
        return iter(self.cells.values())

    @property
    def has_numbers(self) -> bool:
        return any(v.number is not None for v in self.cells.values())


@dataclass
class StandardTables:
    """The three standard tables of a report (each None when not read), and why none was, if so."""
    active: RecognisedTable | None = None  # 表二 主动公开
    requests: RecognisedTable | None = None  # 表三 依申请
    appeals: RecognisedTable | None = None  # 表四 复议诉讼
    # why none was read although the recogniser ran: "dense" (more numbers where the
    # tables are than any report has: not read, GX017) or "error" (a bug: GX902)
    unread: str | None = None
    unread_at: Span | None = None  # where, for "dense": the text that passed the limit

    def get(self, kind: str) -> RecognisedTable | None:
        return getattr(self, kind, None)

    def __iter__(self) -> Iterator[RecognisedTable]:
        for table in (self.active, self.requests, self.appeals):
            if table is not None:
                yield table

    def number(self, kind: str, key: str) -> int | float | None:
        table = self.get(kind)
        return table.number(key) if table else None

    def to_json(self) -> dict:
        return {
            table.kind: {
                "template": table.template,
                "cells": {key: value.number for key, value in table.cells.items()},
            }
            for table in self
        }
