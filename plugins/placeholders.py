"""Rule module 'placeholders' (GX3xx): cells and text that were never filled in properly.

Table findings come from the table recogniser (``ctx.tables``): its alignment problems
(rows without labels, rows with too many or too few cells, truncated header labels)
and the ``problem`` of each value (``00``, ``1?``, letters in a count, blanks).  The
rules never re-parse a table.  GX303 scans the text for template placeholders.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterator

from gxlint.document import Span
from gxlint.plugin import (
    APPEAL_GROUPS,
    APPEAL_OUTCOMES,
    Context,
    Diagnostic,
    Edit,
    Fix,
    Rule,
    TABLE_NAMES,
    TABLE_NAMES_EN,
    hookimpl,
    lazy_compile,
    line_search,
    row_label,
    rule,
    template_for,
)

if TYPE_CHECKING:  # pragma: no cover
    from gxlint.plugin import RecognisedTable


def _tables(ctx):
    try:
        return list(ctx.tables)
    except Exception:  # recognition failures are reported by the engine as a crash elsewhere
        return []


def _names(table) -> dict:
    return {"table": TABLE_NAMES.get(table.kind, table.kind), "table_en": TABLE_NAMES_EN.get(table.kind, table.kind)}


def _unfilled(table) -> bool:
    """A table with no numbers at all is an unfilled template (the sections family)."""
    return not table.has_numbers or any(p.kind == "no-numbers" for p in table.problems)


# --- GX301 / GX302 / GX306: alignment problems --------------------------------------------------------


@rule("GX301")
def unlabelled_rows(ctx: Context) -> Iterator[Diagnostic]:
    for table in _tables(ctx):
        if _unfilled(table) or scrambled(table):
            continue  # a scrambled table is one finding (GX310)
        runs: list[list] = []
        for problem in table.problems:
            if problem.kind != "unlabelled-row":
                continue
            if runs and _gap_ok(ctx, runs[-1][-1].span, problem.span):
                runs[-1].append(problem)
            else:
                runs.append([problem])
        for run in runs:
            yield _report_unlabelled(ctx, table, run)


def _gap_ok(ctx, a: Span, b: Span) -> bool:
    """Two unlabelled rows belong to one run when only a few lines separate them."""
    if b.start < a.start:
        return False
    line_a, _ = ctx.source.position(a.end)
    line_b, _ = ctx.source.position(b.start)
    return line_b - line_a <= 3


def _cell_count_problem(table, problem):
    """The extra-/missing-cells problem the recogniser gave for the same source row."""
    for other in table.problems:
        if other.kind in ("extra-cells", "missing-cells") and other.span == problem.span:
            return other
    return None


def _value_cells(table, problem) -> tuple[int | None, int | None]:
    """(values found, values expected) of an unlabelled row; None when unknown/regular."""
    other = _cell_count_problem(table, problem)
    if other is None:
        return None, None
    found, expected = other.detail.get("found"), other.detail.get("expected")
    if not isinstance(found, int) or not isinstance(expected, int):
        return None, None
    if problem.detail.get("label_replaced_by_numbers"):
        found -= 1  # the first cell is the lost label, not a value
    return found, expected


def _report_unlabelled(ctx, table, run):
    span = run[0].span.cover(run[-1].span)
    detail = run[0].detail
    after = detail.get("after") or "—"
    if after != "—":
        try:
            after = row_label(table.kind, after, table.template)
        except Exception:
            pass
    found = str(detail.get("found", "") or "").strip()
    if not found and detail.get("label_replaced_by_numbers") and detail.get("label_text"):
        found = detail["label_text"]  # the label cell, as the recogniser read it
    if not found:
        found = " ".join(ctx.source.text[run[0].span.start : run[0].span.end].split())
    first_line = ctx.source.position(span.start)[0]
    last_line = ctx.source.position(max(span.start, span.end - 1))[0]
    lines = str(first_line) if first_line == last_line else f"{first_line}–{last_line}"
    where_en = ("line " if first_line == last_line else "lines ") + lines
    # The cell count of the rows, when the recogniser found it off the template.
    counts = [_value_cells(table, p) for p in run]
    expected = {e for _, e in counts if e is not None}
    founds = sorted({f for f, _ in counts if f is not None})
    cells_zh = cells_en = ""
    if founds and len(expected) == 1 and all(f is not None for f, _ in counts):
        want = expected.pop()
        got = str(founds[0]) if len(founds) == 1 else f"{founds[0]}–{founds[-1]}"
        each_zh = "每行" if len(run) > 1 else "该行"
        each_en = "each row" if len(run) > 1 else "the row"
        cells_zh = f"；{each_zh}有 {got} 个数值，标准表格只有 {want} 列，各列已错位"
        cells_en = f"; {each_en} has {got} numbers where the template has {want} columns, so the columns are shifted"
    zeros = [p for p in run if p.detail.get("label_replaced_by_numbers")]
    zeros_zh = zeros_en = ""
    if zeros:
        where = "、".join(str(ctx.source.position(_label_cell_span(p).start)[0]) for p in zeros)
        zeros_zh = f"；其中 {len(zeros)} 行的标签单元格被一串数字替代（第 {where} 行）"
        zeros_en = f"; in {len(zeros)} of them the label cell is replaced by a string of numbers (line(s) {where.replace('、', ', ')})"
    return ctx.report(
        span,
        count=len(run),
        lines=lines,
        where_en=where_en,
        after=after,
        found=found[:30],
        cells_zh=cells_zh,
        cells_en=cells_en,
        zeros_zh=zeros_zh,
        zeros_en=zeros_en,
        **_names(table),
    )


def _label_cell_span(problem) -> Span:
    """The first cell of an unlabelled row, where its label belongs (from the recogniser)."""
    span = problem.detail.get("label_span")
    return span if isinstance(span, Span) else problem.span


@rule("GX307")
def zero_string_labels(ctx: Context) -> Iterator[Diagnostic]:
    for table in _tables(ctx):
        if _unfilled(table):
            continue
        for problem in table.problems:
            if problem.kind != "unlabelled-row" or not problem.detail.get("label_replaced_by_numbers"):
                continue
            span = _label_cell_span(problem)
            found = problem.detail.get("label_text") or " ".join(ctx.source.text[span.start : span.end].split())
            after = problem.detail.get("after") or "—"
            if after != "—":
                try:
                    after = row_label(table.kind, after, table.template)
                except Exception:
                    pass
            yield ctx.report(span, found=found[:40], after=after, **_names(table))


@rule("GX302")
def row_cell_count(ctx: Context) -> Iterator[Diagnostic]:
    for table in _tables(ctx):
        if _unfilled(table) or scrambled(table):
            continue  # a scrambled table is one finding (GX310)
        for problem in table.problems:
            if problem.kind not in ("extra-cells", "missing-cells"):
                continue
            d = problem.detail
            expected, found = d.get("expected"), d.get("found")
            if not (d.get("label") or d.get("row")) or any(
                p.kind == "unlabelled-row" and p.span.start < problem.span.end and problem.span.start < p.span.end
                for p in table.problems
            ):
                continue  # a row without a label: GX301 reports it
            if problem.kind == "missing-cells" and not ctx.source.text[problem.span.end :].strip():
                continue  # the file ends inside this row: a cut-off copy (GX114), not a short row
            if problem.kind == "missing-cells" and found == 0:
                # a row whose numbers all went elsewhere: the unlabelled rows next to it
                # are the finding (GX301), not a second one here
                if any(p.kind == "unlabelled-row" and p.detail.get("after") == d.get("row") for p in table.problems):
                    continue
            diff = abs(found - expected) if isinstance(found, int) and isinstance(expected, int) else None
            extra = problem.kind == "extra-cells"
            if diff is not None:
                more_zh = f"{'多' if extra else '少'}了 {diff} 个"
                more_en = f"{diff} {'too many' if extra else 'too few'}"
            else:
                more_zh = "多了" if extra else "少了"
                more_en = "too many" if extra else "too few"
            if found == 0:
                advice_zh = "这一行的数字可能串到了相邻行，请按标准表格核对该行及其上下行"
                advice_en = "its numbers may have gone to a neighbouring row; check this row and the rows around it against the template"
            elif extra:
                advice_zh = "多出的数字使各列错位，无法确定每个数字属于哪一列，请按标准表格核对该行"
                advice_en = "the extra numbers shift the columns, so no figure can be assigned to its column; check the row against the template"
            else:
                advice_zh = "缺少的数字使各列错位，无法确定每个数字属于哪一列，请补全该行（没有发生的填 0）"
                advice_en = "the missing numbers shift the columns, so no figure can be assigned to its column; complete the row (write 0 where nothing happened)"
            yield ctx.report(
                problem.span,
                row=d.get("label") or d.get("row") or "?",
                expected=expected if expected is not None else "?",
                found=found if found is not None else "?",
                more_zh=more_zh,
                more_en=more_en,
                advice_zh=advice_zh,
                advice_en=advice_en,
                **_names(table),
            )


@rule("GX306")
def truncated_labels(ctx: Context) -> Iterator[Diagnostic]:
    for table in _tables(ctx):
        problems = [p for p in table.problems if p.kind == "truncated-label"]
        if not problems:
            continue
        span = problems[0].span
        for problem in problems[1:]:
            span = span.cover(problem.span)
        pairs: list[tuple[str, str]] = []
        for problem in problems:
            d = problem.detail
            pair = (str(d.get("found") or d.get("label") or "?"), str(d.get("expected") or "?"))
            if pair not in pairs:
                pairs.append(pair)
        count = len(problems)
        labels_en = ", ".join(f"{a} → {b}" for a, b in pairs)
        if count == 1:
            summary_en = f"1 header label is cut short: {labels_en}"
        elif len(pairs) == count:
            summary_en = f"{count} header labels are cut short: {labels_en}"
        else:
            summary_en = f"{count} header labels are cut short, {len(pairs)} distinct: {labels_en}"
        kinds_zh = f"（{len(pairs)} 种）" if len(pairs) != count else ""
        yield ctx.report(
            span,
            labels="、".join(f"{a}→{b}" for a, b in pairs),
            labels_en=labels_en,
            summary_en=summary_en,
            kinds_zh=kinds_zh,
            kinds=len(pairs),
            count=count,
            **_names(table),
        )


# --- GX308 / GX309: labels read through a variant, rows that cannot be read ------------------------


@rule("GX308")
def nonstandard_labels(ctx: Context) -> Iterator[Diagnostic]:
    for table in _tables(ctx):
        for problem in table.problems:
            if problem.kind != "label-variant":
                continue
            d = problem.detail
            yield ctx.report(
                problem.span,
                found=str(d.get("found") or "?"),
                expected=str(d.get("canonical") or d.get("expected") or "?"),
                **_names(table),
            )


@rule("GX309")
def merged_cell_values(ctx: Context) -> Iterator[Diagnostic]:
    for table in _tables(ctx):
        unread = [
            p for p in table.problems if p.kind == "merged-cells" and p.detail.get("ambiguous")
        ]
        if not unread:
            continue
        span = unread[0].span
        for problem in unread[1:]:
            span = span.cover(problem.span)
        rows = []
        for problem in unread:
            key = str(problem.detail.get("row") or "?")
            label = key
            if key == "appeals":
                label = "行政复议、行政诉讼"
            else:
                try:
                    label = row_label(table.kind, key, table.template)
                except Exception:
                    pass
            rows.append((label, str(problem.detail.get("found") or "")))
        yield ctx.report(
            span,
            count=len(unread),
            rows="、".join(f"“{label}”" for label, _ in rows),
            rows_en=", ".join(f"'{label}'" for label, _ in rows),
            found="、".join(found for _, found in rows),
            found_en=", ".join(found for _, found in rows),
            **_names(table),
        )


# --- GX304 / GX305: cell values ----------------------------------------------------------------------

MALFORMED = {
    "leading-zero": ("数字前有多余的 0", "a number with a leading zero"),
    "stray-question-mark": ("数字后有多余的问号", "a stray '?' after the number"),
    "decimal": ("件数带有小数", "a count with decimals"),
    "not-a-number": ("不是数字（含文字或单位）", "not a number (letters, words or units)"),
    "negative": ("负数", "a negative count"),
}


_MONEY_WITH_UNIT = lazy_compile(r"^\d+(?:\.\d+)?\s*(?:万元|元|万)$")


def _row_col(key: str) -> tuple[str, str]:
    row, _, col = key.rpartition(".")
    return row or key, col


def _labels(table, key: str) -> tuple[str, str]:
    """The template's row and column labels of a cell key (keys if unknown)."""
    row, col = _row_col(key)
    try:
        tmpl = template_for(table)
        row_text = row_label(table.kind, row, table.template)
        col_text = col
        spec = tmpl.row(row)
        columns = tmpl.columns_of(spec) if spec is not None else tuple(tmpl.columns)
        for extra in (columns, getattr(tmpl, "optional_columns", ())):
            for column in extra or ():
                if column.key == col:
                    col_text = column.label
                    break
        if table.kind == "appeals":
            groups = dict(APPEAL_GROUPS)
            outcomes = {o.key: o.label for o in APPEAL_OUTCOMES}
            row_text = groups.get(row, row_text)
            col_text = outcomes.get(col, col_text)
        return row_text or row, col_text or col
    except Exception:  # templates not available: show the canonical keys
        return row, col


@rule("GX304")
def malformed_numbers(ctx: Context) -> Iterator[Diagnostic]:
    for table in _tables(ctx):
        for key, value in table.cells.items():
            problem = value.problem
            if problem not in MALFORMED:
                continue
            if problem == "decimal" and key.endswith(".amount"):
                continue  # money may have decimals
            if problem == "negative" and key.endswith(".change"):
                continue  # 本年增/减 is signed
            raw = value.text.value.strip() if value.text is not None else ""
            if problem == "not-a-number" and placeholder_matches(raw):
                continue  # GX303 reports template placeholders
            if problem == "not-a-number" and key.endswith(".amount") and _MONEY_WITH_UNIT.match(raw):
                continue  # 75394432.52元: money with its unit written out is readable
            zh, en = MALFORMED[problem]
            fix = None
            if problem == "stray-question-mark" and value.text is not None:
                k = max(raw.rfind("?"), raw.rfind("？"))
                stripped = value.text.strip()
                if k >= 0:
                    span = stripped.span(k, k + 1)
                    fix = Fix(edits=(Edit(span.start, span.end),), safe=True, description="remove the '?'")
            row, col = _labels(table, key)
            yield ctx.report(
                value.span,
                fix=fix,
                found=raw,
                key=key,
                row=row,
                column=col,
                problem_zh=zh,
                problem_en=en,
                number="" if value.number is None else value.number,
                **_names(table),
            )


# A column blank in this many rows is one finding for the column, not one per row.
BLANK_COLUMN_ROWS = 3


def _line_list(ctx, spans) -> str:
    """Source lines of ``spans`` as ``53–60, 62, 65–77``."""
    lines = sorted({ctx.source.position(span.start)[0] for span in spans})
    out: list[str] = []
    for line in lines:
        if out and out[-1][1] == line - 1:
            out[-1] = (out[-1][0], line)
        else:
            out.append((line, line))
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in out)


@rule("GX305")
def blank_cells(ctx: Context) -> Iterator[Diagnostic]:
    for table in _tables(ctx):
        if _unfilled(table):
            continue
        blank = [(key, value) for key, value in table.cells.items() if value.problem in ("blank", "slash")]
        by_column: dict[str, list] = {}
        for key, value in blank:
            by_column.setdefault(_row_col(key)[1], []).append((key, value))
        columns = {col for col, items in by_column.items() if len(items) >= BLANK_COLUMN_ROWS}
        for col, items in by_column.items():
            if col not in columns:
                continue
            yield _report_blank(ctx, table, items, column=True)
        by_row: dict[str, list] = {}
        for key, value in blank:
            if _row_col(key)[1] not in columns:
                by_row.setdefault(_row_col(key)[0], []).append((key, value))
        for row, items in by_row.items():
            yield _report_blank(ctx, table, items, column=False)


def _report_blank(ctx, table, items, *, column: bool):
    span = items[0][1].span
    for _, value in items[1:]:
        span = span.cover(value.span)
    row = _labels(table, items[0][0])[0]
    columns = "、".join(dict.fromkeys(_labels(table, k)[1] for k, _ in items))
    if column:
        lines = _line_list(ctx, [v.span for _, v in items])
        place_zh = f"“{columns}”列有 {len(items)} 行（第 {lines.replace(', ', '、')} 行）"
        place_en = f"column '{columns}' in {len(items)} rows (lines {lines})"
    else:
        place_zh = f"“{row}”行（{columns}列）"
        place_en = f"row '{row}' ({columns})"
    slash = any(v.problem == "slash" for _, v in items)
    return ctx.report(
        span,
        row=row,
        columns=columns,
        place_zh=place_zh,
        place_en=place_en,
        count=len(items),
        found="“/”" if slash else "空白",
        found_en="'/'" if slash else "blank",
        **_names(table),
    )


# --- GX310: a table whose labels and numbers were separated ------------------------------------------

# Labelled rows left without numbers and rows of numbers left without labels, each at
# least this often in one table: the table was scrambled, not a few rows damaged.
SCRAMBLED_ROWS = 3


def _orphan_labels(table) -> list:
    return [p for p in table.problems if p.kind == "missing-cells" and p.detail.get("found") == 0]


def scrambled(table: RecognisedTable) -> bool:
    unlabelled = [p for p in table.problems if p.kind == "unlabelled-row"]
    return len(unlabelled) >= SCRAMBLED_ROWS and len(_orphan_labels(table)) >= SCRAMBLED_ROWS


@rule("GX310")
def scrambled_table(ctx: Context) -> Iterator[Diagnostic]:
    for table in _tables(ctx):
        if _unfilled(table) or not scrambled(table):
            continue
        labels = _orphan_labels(table)
        numbers = [p for p in table.problems if p.kind == "unlabelled-row"]
        span = labels[0].span
        for problem in labels + numbers:
            span = span.cover(problem.span)
        read = sum(1 for v in table.cells.values() if v.number is not None)
        try:
            template = template_for(table)
            expected = len(template.cell_keys())
        except Exception:
            expected = None
        unread = max(expected - read, 0) if expected else None
        label_lines = _line_list(ctx, [p.span for p in labels])
        number_lines = _line_list(ctx, [_label_cell_span(p) for p in numbers])
        yield ctx.report(
            span,
            labels=len(labels),
            numbers=len(numbers),
            label_lines=label_lines,
            number_lines=number_lines,
            label_lines_zh=label_lines.replace(", ", "、"),
            number_lines_zh=number_lines.replace(", ", "、"),
            unread=unread if unread is not None else "?",
            **_names(table),
        )


# --- GX303: template placeholders ------------------------------------------------------------------

_CJK = r"\u4e00-\u9fff"
# The pattern starts with a class of every character a match can start with, then each
# alternative looks behind that character for the one it starts with (``(?<=[Xx])`` for
# ``[Xx]``) and for what may not come before the match (``X(?<![A-Za-z0-9]X)`` for
# ``(?<![A-Za-z0-9])X``): the regex engine skips to the class's characters, where a
# pattern of alternatives, each starting with a character of its own, was tried at every
# character (each alternative failing there in turn: most of GX303's time).
_PLACEHOLDER_STARTS = r"[Xx×Ｘ\d＿_（(【\[某*＊]"
PLACEHOLDER = lazy_compile(
    _PLACEHOLDER_STARTS + "(?:" + "|".join(
        [
            # XX局, 20XX年, ××件 (not inside English words or numbers like 1024×768)
            r"(?:(?<=[Xx])(?<![A-Za-z0-9][Xx])[Xx]+|(?<=[×Ｘ])(?<![A-Za-z0-9][×Ｘ])[×Ｘ]+)(?![A-Za-z0-9])",
            # 20XX年, 202X年
            r"(?<=\d)(?<![0-9]\d)\d{1,2}[Xx×Ｘ]{1,2}(?=[年月日])",
            # X月X日, X件
            r"(?<=\d)(?<![A-Za-z]\d)\d{1,2}[Xx×Ｘ](?=[年月日件条个项次人])"
            r"|(?<=[Xx×Ｘ])(?<![A-Za-z][Xx×Ｘ])(?=[年月日件条个项次人])",
            # fill-in blanks: ＿＿ or ___
            r"(?<=＿)＿+|(?<=_)(?<!__)_{2,}(?!_)",
            # （单位名称） （填写…） 【机关名称】
            r"(?<=[（(【\[])\s*(?:(?:请)?填写[^）)】\]]{0,12}|(?:行政)?(?:单位|机关|部门|机构|单位全|乡镇|街道)名称|名称|数字|数量|年份|日期)\s*[）)】\]]",
            # 某某年 / 某某件 (not 王某某, an anonymised name)
            rf"(?<=某)(?<![{_CJK}]某)某|(?<=某)某(?=[年月日件条个项万])",
            # masked counts
            r"(?<=\*)(?<!\*\*)\*{3,}(?!\*)|(?<=＊)＊{2,}",
        ]
    ) + ")"
)


# Every alternative of PLACEHOLDER needs one of these characters, or (the bracketed one)
# one of these words: a line without any is passed over without running the pattern (its
# lookbehinds are tried at every position).  A bracket alone is no sign: most lines hold one.
_PLACEHOLDER_SIGN = lazy_compile(r"[Xx×Ｘ＿_某*＊]|填写|名称|数字|数量|年份|日期")
# The same signs, tighter, in three patterns for finding the lines that hold one in the
# whole text (line_search; a class among literal words makes a scan ~10x slower): every
# alternative with an X has it before another X or before 年月日件条个项次人 (a pinyin
# annotation's x, as in 項(xiàng), is no sign).
_PLACEHOLDER_SIGN_PARTS = (lazy_compile(r"[Xx×Ｘ][Xx×Ｘ年月日件条个项次人]"), lazy_compile(r"[＿_某*＊]"),
                           lazy_compile(r"填写|名称|数字|数量|年份|日期"))


def placeholder_matches(value: str) -> list[re.Match]:
    if not _PLACEHOLDER_SIGN.search(value):
        return []
    return list(PLACEHOLDER.finditer(value))


def _markdown_rule_line(value: str) -> bool:
    t = value.strip()
    return bool(t) and set(t) <= set("*_- ")


@rule("GX303")
def template_placeholders(ctx: Context) -> Iterator[Diagnostic]:
    document = ctx.document
    lines = ctx.lines
    search = line_search(ctx)
    signed = sorted(set().union(*(search.indexes(p, "raw") for p in _PLACEHOLDER_SIGN_PARTS)))
    for unit in (lines[k] for k in signed):  # placeholder_matches() finds nothing in any other line
        value = unit.value
        if not value.strip():
            continue
        if document.format == "markdown" and _markdown_rule_line(value):
            continue
        matches = placeholder_matches(value)
        if not matches:
            continue
        first = matches[0]
        yield ctx.report(
            (unit.text, first.start(), matches[-1].end()),
            found="、".join(dict.fromkeys(m.group(0) for m in matches)),
            count=len(matches),
        )


@hookimpl
def gxlint_rules() -> list[Rule]:
    return [
        unlabelled_rows,
        row_cell_count,
        template_placeholders,
        malformed_numbers,
        blank_cells,
        truncated_labels,
        zero_string_labels,
        nonstandard_labels,
        merged_cell_values,
        scrambled_table,
    ]
