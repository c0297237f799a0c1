"""What the table recogniser could not align, said in words a reader can act on.

:class:`~gxlint.tables.model.AlignmentProblem` keeps its facts in ``detail`` (keys, counts,
spans) for the rules; ``--show-tables`` prints them through :func:`describe`, never as a
Python repr: row keys become the template's labels and spans become ``line:column``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from gxlint.document import Span
from gxlint.tables.templates import row_label

if TYPE_CHECKING:  # pragma: no cover
    from gxlint.document import Source
    from gxlint.tables.model import AlignmentProblem, RecognisedTable


def _row(table: "RecognisedTable", key: Any) -> str:
    if not isinstance(key, str):
        return str(key)
    if key == "appeals":
        return "表四's data row"
    try:
        label = row_label(table.kind, key, table.template)
    except Exception:  # an unknown key: say the key
        label = None
    return f"'{label or key}'"


def _place(source: "Source | None", span: Span) -> str:
    if source is None:
        return f"offset {span.start}"
    line, column = source.position(span.start)
    return f"{line}:{column}"


def _value(source: "Source | None", value: Any) -> str:
    if isinstance(value, Span):
        return _place(source, value)
    if isinstance(value, (list, tuple)):
        return " | ".join(_value(source, v) for v in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def describe(problem: "AlignmentProblem", table: "RecognisedTable", source: "Source | None" = None) -> str:
    """One plain sentence for ``problem`` (English, as the rest of ``--show-tables``)."""
    d = problem.detail
    kind = problem.kind
    row = _row(table, d.get("row"))
    if kind == "label-variant":
        return f"row label '{d.get('found')}' is read as the template's '{d.get('expected')}'"
    if kind == "merged-cells":
        run = d.get("found")
        if "split" in d:
            how = f" (the only split satisfying {', '.join(d['resolved_by'])})" if d.get("resolved_by") else ""
            return f"row {row}: the numbers ran together as {run}; read as {' | '.join(d['split'])}{how}"
        if d.get("too_short"):
            return f"row {row}: {run} has fewer digits than the row has cells; not read"
        return f"row {row}: the numbers ran together as {run} with more than one reading; not read"
    if kind == "unlabelled-row":
        text = f"{d.get('count')} number(s) in {d.get('cells')} cell(s) without a row label, after {_row(table, d.get('after'))}"
        if "label_span" in d:
            text += f"; the label cell at {_place(source, d['label_span'])} holds '{d.get('label_text')}'"
        if d.get("label_replaced_by_numbers"):
            text += " (a label replaced by numbers)"
        return text
    if kind in ("extra-cells", "missing-cells"):
        where = row if "row" in d else f"the row after {_row(table, d.get('after'))}"
        verdict = "" if kind == "extra-cells" and "row" not in d else "; the row is not read"
        return f"{where}: {d.get('found')} cell(s) where the template has {d.get('expected')}{verdict}"
    if kind == "missing-row":
        return f"row {row} was not found"
    if kind == "no-numbers":
        return "the table holds labels only, no numbers"
    if kind == "truncated-label":
        return f"header label '{d.get('found')}' is cut short (the template has '{d.get('expected')}')"
    # a kind added later: its facts, each in words
    return "; ".join(f"{k.replace('_', ' ')}: {_value(source, v)}" for k, v in d.items()) or kind


def problem_record(problem: "AlignmentProblem", table: "RecognisedTable", source: "Source") -> dict[str, Any]:
    """A problem for ``--show-tables -f json``: its kind, place and description."""
    line, column = source.position(problem.span.start)
    end_line, end_column = source.position(problem.span.end)
    return {
        "kind": problem.kind,
        "line": line,
        "column": column,
        "end_line": end_line,
        "end_column": end_column,
        "description": describe(problem, table, source),
    }
