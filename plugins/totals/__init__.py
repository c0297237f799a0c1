"""Rule module 'totals' (GX2xx): the arithmetic of the statistics tables, and the
figures the text quotes from them.

Table arithmetic (errors) — the relations come from :mod:`gxlint.tables.templates`
(``Template.equations``), never re-derived here:

* GX201 R1  表三, per column: 一 + 二 = （七）总计 + 四
* GX202 R2  表三, per column: （七）总计 = the sum of the outcome rows
* GX203 R3  表三, per row: 总计 = the six applicant columns (法人或其他组织 = five)
* GX204 R4  表三, optional subtotal rows = the sum of their items
* GX205 R5  表四, per group: 总计 = 维持 + 纠正 + 其他 + 尚未审结
* GX206     a negative count anywhere in 表二/三/四

A relation is checked only when every cell it involves holds a number.  A cell without
one (blank, ``/``, text) is the placeholders module's finding, and so is a decimal or
malformed count (``Value.problem`` ``decimal`` / ``not-a-number``): such cells make the
relation unchecked rather than reported twice.  Blank cells are **not** read as 0 here:
if the recogniser reads a blank HTML cell as 0 it says so by filling ``Value.number``,
and then the 0 is used.  ``1?`` and ``00`` are used with the number the recogniser
read (1, 0).

Figures in the text (``ctx.prose``; see :mod:`gxlint.analysis.narrative` for what is matched):

* GX210 a figure quoted in the text differs from the table (warning)
* GX211 a statement of zero / completion contradicts the table (warning)
* GX212 the parts of a 其中 list add up to more than the whole (error)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, Iterator, NamedTuple

from gxlint.plugin import (
    APPLICANT_COLUMNS,
    Concept,
    Context,
    Diagnostic,
    Figure,
    RecognisedTable,
    Rule,
    TABLE_NAMES,
    Value,
    hookimpl,
    row_label,
    rule,
    source_quote,
    template_for,
)

from .plausibility import regulations_implausible

if TYPE_CHECKING:  # pragma: no cover
    from gxlint.plugin import Relation


# Cells with these problems are left to the placeholders module: their number is not
# trusted for arithmetic.
UNTRUSTED = frozenset({"decimal", "not-a-number"})

RELATION_RULE = {"R1": "GX201", "R2": "GX202", "R3": "GX203", "R4": "GX204", "R5": "GX205"}

# Short labels used inside equations.
SHORT_ROWS = {
    "received": "一",
    "carried_over": "二",
    "total_processed": "(七)总计",
    "carried_forward": "四",
    "granted": "(一)予以公开",
    "partly_granted": "(二)部分公开",
    "refused": "(三)不予公开",
    "unavailable": "(四)无法提供",
    "not_processed": "(五)不予处理",
    "other": "(六)其他处理",
}
OUTCOME_GROUPS = ("granted", "partly_granted", "refused", "unavailable", "not_processed", "other")
APPEAL_GROUP_LABELS = {
    "review": "行政复议",
    "suit_direct": "行政诉讼·未经复议直接起诉",
    "suit_after_review": "行政诉讼·复议后起诉",
}


# --- helpers ------------------------------------------------------------------------------


def _number(table: RecognisedTable, key: str) -> int | float | None:
    value = table.cells.get(key)
    if value is None or value.number is None or value.problem in UNTRUSTED:
        return None
    return value.number


def _fmt(number: int | float) -> str:
    if isinstance(number, float) and number.is_integer():
        number = int(number)
    if isinstance(number, float):
        return f"{number:.6f}".rstrip("0").rstrip(".")
    return str(number)


def _split_key(table: RecognisedTable, key: str) -> tuple[str, str]:
    row, _, column = key.rpartition(".")
    return row, column


def _column_labels(table: RecognisedTable) -> dict[str, str]:
    template = template_for(table)
    labels = {c.key: c.label for c in template.columns + template.optional_columns}
    for spec in template.rows:
        for column in template.columns_of(spec):
            labels.setdefault(column.key, column.label)
    return labels


def _row_label(table: RecognisedTable, row: str) -> str:
    if table.kind == "appeals":
        return APPEAL_GROUP_LABELS.get(row, row)
    return row_label(table.kind, row, table.template)


def cell_label(table: RecognisedTable, key: str) -> str:
    """``refused.third_party.natural_person`` → ``4.保护第三方合法权益 · 自然人``."""
    row, column = _split_key(table, key)
    return f"{_row_label(table, row)} · {_column_labels(table).get(column, column)}"


def _short(row: str) -> str:
    if row in SHORT_ROWS:
        return SHORT_ROWS[row]
    group, _, _ = row.partition(".")
    label = row_label("requests", row)
    number = label.split(".", 1)[0] if "." in label else label
    return f"{SHORT_ROWS.get(group, group)}{number}"


def _side(terms: list[tuple[str, int | float]]) -> str:
    body = "+".join(f"{label}({_fmt(v)})" for label, v in terms)
    if len(terms) > 1:
        body += f"={_fmt(sum(v for _, v in terms))}"
    return body


def _problem_rows(table: RecognisedTable) -> set[str]:
    """Rows the recogniser could not align cleanly: their numbers are not checked."""
    rows = set()
    for problem in table.problems:
        if problem.kind in ("extra-cells", "missing-cells", "unlabelled-row"):
            for name in ("row", "key"):
                row = problem.detail.get(name) if isinstance(problem.detail, dict) else None
                if isinstance(row, str):
                    rows.add(row)
    return rows


class Check:
    """One evaluated equation: its sides' sums, found as it is made (every check is asked
    whether it holds); the terms when a finding shows them."""

    __slots__ = ("equation", "numbers", "sums", "holds")

    def __init__(self, equation: "_Prepared", numbers: dict[str, int | float], left_sum: int | float,
                 right_sum: int | float) -> None:
        self.equation = equation  # what the table's shape gives (relation, sides, where it is reported)
        self.numbers = numbers  # the table's trusted numbers: every key of both sides has one
        self.sums = (left_sum, right_sum)
        self.holds = left_sum == right_sum

    @property
    def left(self) -> list[tuple[str, int | float]]:
        """(key, number) pairs."""
        return [(key, self.numbers[key]) for key in self.equation.left]

    @property
    def right(self) -> list[tuple[str, int | float]]:
        return [(key, self.numbers[key]) for key in self.equation.right]


def _evaluate(table: RecognisedTable, keys: Iterable[str]) -> list[tuple[str, int | float]] | None:
    """``(key, number)`` of each key, or None if one has no trusted number."""
    out = []
    for key in keys:
        number = _number(table, key)
        if number is None:
            return None
        out.append((key, number))
    return out


def _trusted_numbers(table: RecognisedTable) -> dict[str, int | float]:
    """Every key with the number :func:`_number` gives it (those with None left out)."""
    return {key: value.number for key, value in table.cells.items()
            if value.number is not None and value.problem not in UNTRUSTED}


def _with_group_fallback(table: RecognisedTable, keys: tuple[str, ...]) -> tuple[str, ...]:
    """R2's outcome leaves, with a group's single/subtotal row standing in for items the
    table does not have (``（六）其他处理`` as one row in a 2021 table, as in 淮安's)."""
    by_group: dict[str, list[str]] = {}
    order: list[str] = []
    for key in keys:
        row, column = _split_key(table, key)
        group = row.split(".", 1)[0] if "." in row else row
        if group not in by_group:
            order.append(group)
        by_group.setdefault(group, []).append(key)
    out: list[str] = []
    for group in order:
        members = by_group[group]
        column = _split_key(table, members[0])[1]
        if len(members) > 1 and not any(k in table.cells for k in members):
            stand_in = f"{group}.{column}"
            if stand_in in table.cells:
                out.append(stand_in)
                continue
        out += members
    return out and tuple(out) or keys


class _Prepared(NamedTuple):
    """One equation of a table's shape, ready to be evaluated (see :func:`_prepared_equations`)."""

    relation: "Relation"
    left: tuple[str, ...]
    right: tuple[str, ...]
    rows: frozenset[str]  # the rows its keys name
    keys: frozenset[str]  # all its keys
    row: str  # where a finding of it is reported: this row and column,
    column: str
    anchor: str  # and the key of the stated total
    in_table: bool  # every key is a cell of the table (else it cannot be evaluated)


# (kind, layout, columns, rows, cell keys) -> what _prepared_equations gives for it
_PREPARED: dict[tuple, list[_Prepared]] = {}
_PREPARED_MAX = 256


def _prepared_equations(template, table: RecognisedTable) -> list[_Prepared]:
    """Each equation of the table's template: R2's right side with its group stand-ins
    (``_with_group_fallback``), the rows and keys it names, where it is reported.  All of
    it follows from the table's shape (template, columns, rows, which cells it has), not
    from its numbers, and most reports share one shape: computed once per shape
    (instantiating the equations was half the arithmetic rules' time)."""
    key = (table.kind, table.template, tuple(table.columns), tuple(table.rows), frozenset(table.cells))
    found = _PREPARED.get(key)
    if found is None:
        found = []
        for equation in template.equations(table):
            left, right = equation.left, equation.right
            if equation.relation.name == "R2":
                right = _with_group_fallback(table, right)
            rows = frozenset(_split_key(table, k)[0] for k in left + right)
            relation = equation.relation
            row, column = _split_key(table, left[0])
            anchor = right[0] if relation.name == "R1" else left[0]
            if relation.axis == "row":
                column = ""
            elif relation.axis == "column":
                row = left[0].rpartition(".")[0]
            keys = frozenset(left + right)
            found.append(_Prepared(relation, left, right, rows, keys, row, column, anchor, keys <= table.cells.keys()))
        if len(_PREPARED) >= _PREPARED_MAX:
            _PREPARED.clear()
        _PREPARED[key] = found
    return found


def checks(ctx: Context, table: RecognisedTable) -> list[Check]:
    """Every relation of the table's template that can be evaluated (once per table: the
    five arithmetic rules share them)."""
    evaluated = _checked(ctx, table)
    if evaluated.all is None:  # made when first asked for (only where a relation fails)
        numbers, failing = evaluated.numbers, evaluated.failing
        get = numbers.__getitem__
        evaluated.all = [failing[k] if k in failing else Check(eq, numbers, sum(map(get, eq.left)), sum(map(get, eq.right)))
                         for k, eq in enumerate(evaluated.equations)]
    return evaluated.all


def _failing(ctx: Context, table: RecognisedTable, relation_name: str) -> list[Check]:
    """The checks of ``relation_name`` that do not hold, in the order of :func:`checks`."""
    return _checked(ctx, table).by_relation.get(relation_name, [])


class _Evaluated:
    """A table's equations that can be evaluated, and the Checks of those that fail."""

    __slots__ = ("numbers", "equations", "failing", "by_relation", "all")

    def __init__(self, numbers: dict[str, int | float], equations: list[_Prepared]) -> None:
        self.numbers = numbers  # the table's trusted numbers
        self.equations = equations  # every equation evaluated, in template order
        self.failing: dict[int, Check] = {}  # the index in equations of each that fails: its Check
        self.by_relation: dict[str, list[Check]] = {}  # the failing Checks by relation name
        self.all: list[Check] | None = None  # a Check of each equation (see checks)


def _checked(ctx: Context, table: RecognisedTable) -> _Evaluated:
    """The table's evaluated equations, and those that fail by relation name (found once:
    each arithmetic rule reads only its own failures).  A Check is made only of an
    equation that fails (most hold: their Checks are made if :func:`checks` is asked)."""
    cache = ctx.document.cache.setdefault("totals.checks", {})  # id(table): the tables live as long as the document
    found = cache.get(id(table))
    if found is not None:
        return found
    try:
        template = template_for(table)
    except KeyError:
        found = cache[id(table)] = _Evaluated({}, [])
        return found
    bad_rows = _problem_rows(table)
    numbers = _trusted_numbers(table)
    # cells without a trusted number (most tables: none), so that an equation whose keys
    # are all cells is evaluated unless it names one of these
    untrusted = table.cells.keys() - numbers.keys() if len(numbers) < len(table.cells) else None
    get = numbers.__getitem__
    found = cache[id(table)] = _Evaluated(numbers, [])
    equations, failing, by_relation = found.equations, found.failing, found.by_relation
    for eq in _prepared_equations(template, table):
        if bad_rows and not bad_rows.isdisjoint(eq.rows):
            continue
        if not eq.in_table or (untrusted and not untrusted.isdisjoint(eq.keys)):
            continue  # a cell without a trusted number: not evaluated
        left_sum = sum(map(get, eq.left))
        right_sum = sum(map(get, eq.right))
        if left_sum != right_sum:  # (what Check.holds says)
            check = failing[len(equations)] = Check(eq, numbers, left_sum, right_sum)
            by_relation.setdefault(eq.relation.name, []).append(check)
        equations.append(eq)
    return found


def _consequence_of_row_total(check: Check, all_checks: list[Check]) -> bool:
    """A column relation failing only in the 总计 / 法人或其他组织 column, while it holds
    in every applicant column and a row total involved is already reported (R3): one
    wrong row total, not two findings."""
    eq = check.equation
    if eq.relation.axis != "column" or eq.column not in ("total", "legal_persons"):
        return False
    same = [c for c in all_checks if c.equation.relation is eq.relation and c.equation.row == eq.row]
    applicants = [c for c in same if c.equation.column in APPLICANT_COLUMNS]
    if len(applicants) != len(APPLICANT_COLUMNS) or not all(c.holds for c in applicants):
        return False
    rows = {_split_key_plain(k)[0] for k in eq.left + eq.right}
    return any(
        c.equation.relation.name == "R3" and not c.holds and c.equation.row in rows for c in all_checks
    )


def _split_key_plain(key: str) -> tuple[str, str]:
    row, _, column = key.rpartition(".")
    return row, column


def _equation_text(table: RecognisedTable, check: Check) -> str:
    name = check.equation.relation.name
    left_sum, right_sum = check.sums
    if name == "R1":
        left = [(_short(_split_key(table, k)[0]), v) for k, v in check.left]
        right = [(_short(_split_key(table, k)[0]), v) for k, v in check.right]
        return f"{_side(left)} ≠ {_side(right)}"
    if name == "R2":
        groups: dict[str, int | float] = {}
        for key, value in check.right:
            row = _split_key(table, key)[0]
            group = row.split(".", 1)[0]
            groups[group] = groups.get(group, 0) + value
        terms = [(SHORT_ROWS.get(g, g), v) for g, v in groups.items()]
        return f"{_side([('(七)总计', left_sum)])} ≠ {_side(terms)}"
    labels = _column_labels(table)
    if name in ("R3", "R5"):
        left = [(labels.get(_split_key(table, k)[1], k), v) for k, v in check.left]
        right = [(labels.get(_split_key(table, k)[1], k), v) for k, v in check.right]
        return f"{_side(left)} ≠ {_side(right)}"
    # R4: a subtotal row and its items
    left = [(_short(_split_key(table, k)[0]), v) for k, v in check.left]
    right = [(_short(_split_key(table, k)[0]), v) for k, v in check.right]
    return f"{_side(left)} ≠ {_side(right)}"


def _arithmetic(ctx, relation_name: str) -> Iterator:
    for table in ctx.tables:
        failing = _failing(ctx, table, relation_name)
        if not failing:
            continue
        all_checks = checks(ctx, table)
        for check in failing:
            if _consequence_of_row_total(check, all_checks):
                continue
            value: Value = table.cells[check.equation.anchor]
            labels = _column_labels(table)
            column = labels.get(check.equation.column, check.equation.column)
            row_name = _row_label(table, check.equation.row)
            if relation_name == "R4":
                place_zh = f"「{row_name}」小计行{column}列"
                place_en = f"subtotal row 「{row_name}」, column {column}"
            else:
                place_zh = f"{column}列"
                place_en = f"column {column}"
            yield ctx.report(
                value.span,
                table=TABLE_NAMES[table.kind],
                relation=relation_name,
                row=row_name,
                column=column,
                group=row_name,
                place_zh=place_zh,
                place_en=place_en,
                equation=_equation_text(table, check),
                stated=_fmt(value.number),
                expected=_fmt(check.sums[1]),
            )


# --- table arithmetic rules ------------------------------------------------------------------


@rule("GX201")
def requests_balance(ctx: Context) -> Iterator[Diagnostic]:
    yield from _arithmetic(ctx, "R1")


@rule("GX202")
def outcomes_sum(ctx: Context) -> Iterator[Diagnostic]:
    yield from _arithmetic(ctx, "R2")


@rule("GX203")
def applicant_row_total(ctx: Context) -> Iterator[Diagnostic]:
    yield from _arithmetic(ctx, "R3")


@rule("GX204")
def subtotal_row_sum(ctx: Context) -> Iterator[Diagnostic]:
    yield from _arithmetic(ctx, "R4")


@rule("GX205")
def appeals_group_total(ctx: Context) -> Iterator[Diagnostic]:
    yield from _arithmetic(ctx, "R5")


@rule("GX206")
def negative_count(ctx: Context) -> Iterator[Diagnostic]:
    for table in ctx.tables:
        try:
            template = template_for(table)
        except KeyError:
            continue
        for key, value in table.cells.items():
            if value.number is None:
                continue
            if not (value.problem == "negative" or value.number < 0):
                continue
            if template.value_kind(key) != "count":
                continue  # 本年增/减 is signed; money is not a count
            yield ctx.report(
                value.span,
                table=TABLE_NAMES[table.kind],
                cell=cell_label(table, key),
                value=_fmt(value.number),
            )


# --- figures in the text ---------------------------------------------------------------------


def _sum_row(table: RecognisedTable, row: str) -> int | float | None:
    values = [_number(table, f"{row}.{c}") for c in APPLICANT_COLUMNS]
    if any(v is None for v in values):
        return None
    return sum(values)  # type: ignore[arg-type]


def _readings(table: RecognisedTable, key: str) -> list[int | float]:
    """What a table figure may be read as: the cell, and (for a total that does not add
    up) the sum of its parts, so the text is not blamed for the table's own error."""
    out = []
    number = _number(table, key)
    if number is not None:
        out.append(number)
    row, column = _split_key(table, key)
    if table.kind == "requests" and column == "total":
        parts = _sum_row(table, row)
        if parts is not None and parts not in out:
            out.append(parts)
    if table.kind == "appeals" and column == "total":
        parts = _evaluate(table, [f"{row}.{o}" for o in ("upheld", "corrected", "other", "pending")])
        if parts is not None:
            total = sum(v for _, v in parts)
            if total not in out:
                out.append(total)
    return out


def _sum_readings(table: RecognisedTable, keys: list[str]) -> list[int | float]:
    """Readings of a sum of cells (each cell with its own readings)."""
    sums: list[int | float] = [0]
    for key in keys:
        readings = _readings(table, key)
        if not readings:
            return []
        sums = sorted({s + r for s in sums for r in readings})
        if len(sums) > 16:
            sums = sums[:16]
    return sums


def _request_rows(table: RecognisedTable, group: str) -> list[str]:
    rows = [r for r in template_for(table).data_rows() if r.key.startswith(group + ".")]
    keys = [f"{r.key}.total" for r in rows]
    present = [k for k in keys if k in table.cells]
    if not present and f"{group}.total" in table.cells:
        return [f"{group}.total"]
    return keys


class Target:
    """The table figure(s) a concept means: the cell to name, and accepted readings."""

    def __init__(self, table: RecognisedTable, cell: str, readings: list[int | float], anchor_key: str,
                 parts: list[str] | None = None) -> None:
        self.table = table
        self.cell = cell
        self.readings = readings
        self.anchor_key = anchor_key
        self.parts = parts or []  # cells summed, shown as 12（4+8）

    def expected(self) -> str:
        text = " / ".join(_fmt(r) for r in self.readings)
        if len(self.readings) == 1 and len(self.parts) > 1:
            numbers = [_number(self.table, k) for k in self.parts]
            if all(n is not None for n in numbers):
                text += "（" + "+".join(_fmt(n) for n in numbers) + "）"
        return text


def _target(ctx, concept: Concept) -> Target | None:
    tables = ctx.tables
    if concept.table == "requests":
        table = tables.requests
        if table is None:
            return None
        key = concept.key
        if key == "received":
            base = _readings(table, "received.total")
            carried = _readings(table, "carried_over.total")
            readings = list(base)
            for b in base:
                for c in carried:
                    if b + c not in readings:
                        readings.append(b + c)
            return Target(table, "一、本年新收 · 总计（或 一+二）", readings, "received.total")
        if key == "processed":
            return Target(table, "（七）总计 · 总计", _readings(table, "total_processed.total"), "total_processed.total")
        if key == "carried_forward":
            return Target(table, "四、结转下年度继续办理 · 总计", _readings(table, "carried_forward.total"), "carried_forward.total")
        if key == "granted":
            return Target(table, "（一）予以公开 · 总计", _readings(table, "granted.total"), "granted.total")
        if key == "partly_granted":
            return Target(table, "（二）部分公开 · 总计", _readings(table, "partly_granted.total"), "partly_granted.total")
        if key == "granted_or_partly":
            return Target(table, "（一）予以公开 + （二）部分公开 · 总计",
                          _sum_readings(table, ["granted.total", "partly_granted.total"]), "granted.total",
                          ["granted.total", "partly_granted.total"])
        if key == "refused":
            keys = _request_rows(table, "refused")
            return Target(table, "（三）不予公开 1–8 · 总计", _sum_readings(table, keys), keys[0] if keys else "")
        return None
    if concept.table == "appeals":
        table = tables.appeals
        if table is None:
            return None
        if concept.key == "review":
            return Target(table, "行政复议 · 总计", _readings(table, "review.total"), "review.total")
        if concept.key == "litigation":
            keys = ["suit_direct.total", "suit_after_review.total"]
            return Target(table, "行政诉讼 总计（未经复议直接起诉 + 复议后起诉）", _sum_readings(table, keys), keys[0], keys)
        return None
    table = tables.active
    if table is None:
        return None
    key = {
        "normative_issued": "normative_documents.issued",
        "normative_repealed": "normative_documents.repealed",
        "normative_in_force": "normative_documents.in_force",
        "licensing": "licensing.decisions",
        "penalties": "penalties.decisions",
        "coercion": "coercion.decisions",
        "fees": "fees.amount",
    }.get(concept.key)
    if key is None or key not in table.cells:
        return None  # e.g. the 2019 table 二 has no 本年制发件数
    return Target(table, cell_label(table, key), _readings(table, key), key)


def _agrees(figure: Figure, readings: list[int | float]) -> bool:
    if figure.concept.money:
        # 收费5949.09万元 agrees with 5949.088667: compare at the text's precision
        tolerance = 0.5 * 10 ** (-figure.decimals) + 1e-9
        return any(abs(figure.number - r) <= tolerance for r in readings)
    return any(figure.number == r for r in readings)


@rule("GX210")
def narrative_figure_mismatch(ctx: Context) -> Iterator[Diagnostic]:
    for figure in ctx.prose.figures:
        target = _target(ctx, figure.concept)
        if target is None or not target.readings:
            continue
        if _agrees(figure, target.readings):
            continue
        expected = target.expected()
        yield ctx.report(
            (figure.unit.norm, figure.i, figure.j),
            concept_zh=figure.concept.zh,
            concept_en=figure.concept.en,
            stated=figure.text,
            table=TABLE_NAMES[target.table.kind],
            cell=target.cell,
            expected=expected,
        )


CLAIMS = {
    "no_requests": ("requests", "received.total", "未收到政府信息公开申请", "no information-disclosure applications were received",
                    "一、本年新收 · 总计"),
    "no_review": ("appeals", "review.total", "未发生或未收到行政复议", "there was no administrative review",
                  "行政复议 · 总计"),
    "no_litigation": ("appeals", None, "未发生行政诉讼", "there was no lawsuit",
                      "行政诉讼 总计（未经复议直接起诉 + 复议后起诉）"),
    "all_processed": ("requests", "carried_forward.total", "所有申请均已办结", "all applications were dealt with",
                      "四、结转下年度继续办理 · 总计"),
}


def _claim_value(ctx, kind: str) -> tuple[RecognisedTable, int | float] | None:
    table_kind, key, *_ = CLAIMS[kind]
    table = ctx.tables.get(table_kind)
    if table is None:
        return None
    if kind == "no_litigation":
        readings = _sum_readings(table, ["suit_direct.total", "suit_after_review.total"])
    else:
        readings = _readings(table, key)
    if not readings:
        return None
    # the claim is contradicted only if every reading of the table is non-zero
    return table, min(readings) if min(readings) > 0 else 0


@rule("GX211")
def narrative_contradicts_table(ctx: Context) -> Iterator[Diagnostic]:
    for claim in ctx.prose.claims:
        found = _claim_value(ctx, claim.kind)
        if found is None:
            continue
        table, value = found
        if value <= 0:
            continue
        _, _, claim_zh, claim_en, cell = CLAIMS[claim.kind]
        yield ctx.report(
            (claim.unit.norm, claim.i, claim.j),
            claim_zh=claim_zh,
            claim_en=claim_en,
            quote=source_quote(claim.unit.norm, claim.i, claim.j),
            table=TABLE_NAMES[table.kind],
            cell=cell,
            value=_fmt(value),
        )


@rule("GX212")
def parts_exceed_whole(ctx: Context) -> Iterator[Diagnostic]:
    for item in ctx.prose.parts_lists:
        total = sum(item.parts)
        if total <= item.whole:
            continue
        i, j = item.whole_span
        yield ctx.report(
            (item.unit.norm, i, j),
            whole=item.whole,
            parts=total,
            unit=item.unit_word,
            terms="+".join(str(p) for p in item.parts),
        )


@hookimpl
def gxlint_rules() -> list[Rule]:
    return [
        requests_balance,
        outcomes_sum,
        applicant_row_total,
        subtotal_row_sum,
        appeals_group_total,
        negative_count,
        narrative_figure_mismatch,
        narrative_contradicts_table,
        parts_exceed_whole,
        regulations_implausible,
    ]
