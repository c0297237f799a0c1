"""Recognise the standard tables 二, 三 and 四 in any document, whatever its format.

Design: the document's blocks are flattened into one located stream (table cells and
rows separated by synthetic characters, so every character still knows its source
span).  Template row labels are searched, in template order, on the compact matching
view of the stream (Simplified, ASCII punctuation, no whitespace), so Traditional
text, pinyin leaks and labels wrapped across PDF lines all match.  The values of a row
are the value tokens between the end of its label and the next label found.  A row
whose tokens do not fit the template (too many, too few, numbers far from any label)
keeps no values and yields an :class:`AlignmentProblem`: values are never shifted into
cells they may not belong to.

Table 四 has no row labels: its 15 values are read by position after the header, and
the header is checked for truncated labels.
"""


from __future__ import annotations

import re
from itertools import product

from gxlint.document import Document, Span
from gxlint.tables.templates import (
    ACTIVE_2019,
    ACTIVE_2021,
    APPEAL_KEYS,
    LEGAL_PERSONS,
    REQUESTS_2019,
    REQUESTS_2021,
    REQUEST_COLUMNS,
    SIGNATURE_REGEXES,
    Template,
)
from gxlint.tables.model import AlignmentProblem, RecognisedTable, Row, StandardTables
from gxlint.tables.numbers import parse_value
from gxlint.tables.stream import CELL, Stream, Token, TooManyTokens
from gxlint.tables.labels import (
    Found,
    Segment,
    cover,
    find_rows,
    first_match,
    fit_values,
    header_labels,
    make_values,
    not_one_number,
    pieces_of,
    row_sum_ok,
    section_start,
    segments_after,
    split_candidates,
    split_run,
    wording_differs,
)
from gxlint.tables.appeals import AppealsReading, appeals_balance_ok

_new_object = object.__new__  # (an object without its __init__: see _assign's rows)

# Where table 四's region ends at the latest: section 五 or 六 (text dumps run them together).
_AFTER_TABLE_FOUR = (r"五[、.]?(?:政府信息公开工作)?存在的主要问题", r"六[、.]?其他需要报告")


class Recogniser(AppealsReading):
    def __init__(self, document: Document) -> None:
        self.document = document
        self.stream = Stream(document.blocks)
        # merged-cells rows with no unique split, per table: resolved (or not) by the
        # table's column relations once every other row is read
        self._ambiguous: list[tuple[RecognisedTable, AlignmentProblem, Token, str, tuple, list | None]] = []
        self._found: dict[tuple[int, int, int], list[Found]] = {}

    def _find_rows(self, rows, lo: int, hi: int) -> list[Found]:
        """find_rows, once per template and range (表三's labels are searched to choose its
        template, then read with the one chosen: usually the same)."""
        key = (id(rows), lo, hi)
        found = self._found.get(key)
        if found is None:
            found = self._found[key] = find_rows(self.stream, rows, lo, hi)
        return found

    # regions ------------------------------------------------------------------------
    def _view_lo(self, words: tuple[str, ...]) -> int:
        try:
            at = section_start(self.document, self.stream, words)
        except Exception:  # a half-built structure must not stop recognition
            at = None
        return self.stream.to_view_index(at) if at is not None else 0

    def run(self) -> StandardTables:
        stream = self.stream
        n = len(stream.view)
        result = StandardTables()
        if not n:
            return result
        # anchors, in document order
        active_lo = self._view_lo(("主动公开政府信息",))
        active = first_match(stream, [r"第二十条第\(一\)项?"], active_lo, n) or first_match(
            stream, [r"第二十条第\(一\)项?"], 0, n
        )
        if active is None:
            info = first_match(stream, [r"信息内容(?:本年制发件数|本年新制作)"], 0, n)
            active = info
        requests_lo = active[1] if active else self._view_lo(("收到和处理",))
        requests = self._requests_anchor(requests_lo, n) or self._requests_anchor(0, n)
        appeals_lo = requests[1] if requests else (active[1] if active else 0)
        appeals = first_match(stream, [r"未经复议直接起诉", r"复议后起诉", r"结果维持"], appeals_lo, n)
        if appeals is not None:
            back = stream.view.rfind("行政复议", max(appeals_lo, appeals[0] - 80), appeals[0])
            if back >= 0:
                appeals = (back, appeals[1])
        else:
            appeals = self._bare_appeals_row(appeals_lo, n)
        bounds = sorted(a[0] for a in (active, requests, appeals) if a is not None) + [n]

        def end_of(anchor: tuple[int, int]) -> int:
            return next(b for b in bounds if b > anchor[0])

        if active is not None:
            result.active = self._active(active[0], end_of(active))
        if requests is not None:
            result.requests = self._requests(requests[0], end_of(requests))
        if appeals is not None:
            # section 五 bounds table 四 even when run together with it (text dumps)
            after = first_match(stream, _AFTER_TABLE_FOUR, appeals[1], n)
            result.appeals = self._appeals(appeals[0], min(end_of(appeals), after[0] if after else n))
        return result

    def _bare_appeals_row(self, lo: int, hi: int) -> tuple[int, int] | None:
        """Table 四 whose header lost its labels (a converter's ``行政复议行政诉讼`` over the
        row): the anchor of ``行政复议`` when the first numbers after it are one run of exactly
        15 in which each group's 总计 is the sum of its four outcomes, the only reading of
        such a row; None otherwise (prose about 复议 with figures is not a table)."""
        stream = self.stream
        at = stream.view.find("行政复议", lo, hi)
        if at < 0:
            return None
        end = first_match(stream, _AFTER_TABLE_FOUR, at, hi)
        tokens = stream.tokens(stream.to_text_index(at), stream.to_text_index(end[0] if end else hi))
        values: list[int] = []
        for token in tokens:
            if token.kind == "value":
                if not token.value.isdigit():  # (counts of cases: whole numbers)
                    return None
                values.append(int(token.value))
            elif token.kind == "text" and values:
                break
        if len(values) != len(APPEAL_KEYS) or not appeals_balance_ok(values):
            return None
        return at, at + len("行政复议")

    def _requests_anchor(self, lo: int, hi: int) -> tuple[int, int] | None:
        stream = self.stream
        received = first_match(stream, [REQUESTS_2021.rows[0].patterns[0]], lo, hi) or first_match(
            stream, REQUESTS_2021.rows[0].variants, lo, hi
        )
        if received is None:
            return first_match(stream, [r"勾稽关系", r"申请人情况"], lo, hi)
        header = first_match(stream, [r"\(?本列数据的勾稽关系", r"申请人情况"], max(lo, received[0] - 400), received[0])
        return (header[0], received[1]) if header else received

    # generic row-labelled tables ----------------------------------------------------
    def _read_rows(
        self, template: Template, lo: int, hi: int, table: RecognisedTable, width_of
    ) -> list[Segment]:
        stream = self.stream
        return segments_after(stream, self._find_rows(template.rows, lo, hi), stream.to_text_index(hi))

    def _assign(
        self,
        template: Template,
        table: RecognisedTable,
        segments: list[Segment],
        columns_of,
        split_check,
    ) -> None:
        seen: set[str] = set()
        stream = self.stream
        for seg in segments:
            f = seg.found
            assert f is not None
            spec = f.spec
            if spec.key in seen:
                continue
            seen.add(spec.key)
            if f.variant:
                if wording_differs(stream, f, spec.label):
                    label_text, label_span = stream.locate(f.start, f.end)
                    found_text = re.sub(r"[\s" + CELL + r"|｜]+", "", label_text.value)
                    table.problems.append(
                        AlignmentProblem(
                            "label-variant",
                            label_span,
                            {"row": spec.key, "expected": spec.label, "canonical": spec.label, "found": found_text},
                        )
                    )
            if seg.stray:
                self._unlabelled(table, spec.key, seg.stray, width=None)
            core = seg.core
            key = spec.key if spec.role == "data" else spec.subtotal
            columns = columns_of(spec)
            width = len(columns)
            if spec.role != "data" and not core:
                continue
            # (the label's text and span, and its row, only for a row that is kept)
            label_text, label_span = stream.locate(f.start, f.end)
            cells = fit_values(core, seg, width)
            label_row = stream.row_at(f.start) if cells is None and stream.table_at(f.start) != -1 else -1
            if cells is None and label_row != -1:
                # a label row holding exactly its cells, followed by rows of numbers
                # with no label of their own: those are not this row's
                own = Segment(f, [t for t in seg.values if t.row == label_row])
                if own.core and len(own.core) < len(core):
                    cells = fit_values(own.core, own, width)
                    if cells is not None:
                        rest = [t for t in seg.values if t.row != label_row and t.kind == "value"]
                        self._unlabelled(table, spec.key, rest, width)
            check = split_check(spec)
            run = core[0].value if len(core) == 1 else ""
            if cells is None and width > 1 and run.isdigit():
                cells = split_run(core[0], width, check)
                detail = {"row": key or spec.key, "found": core[0].value}
                if cells is not None:
                    detail["split"] = [t.value for t in cells]
                elif len(core[0].value) < width:
                    # fewer digits than cells: no run of merged cells but debris
                    # (a numbering torn off its label); the row keeps no values
                    detail["too_short"] = True
                else:
                    detail["ambiguous"] = True  # no unique split: the row keeps no values
                problem = AlignmentProblem("merged-cells", core[0].span, detail)
                table.problems.append(problem)
                if cells is None:
                    table.rows[key or spec.key] = Row(key or spec.key, label_text, label_span)
                    if key is not None and detail.get("ambiguous"):
                        candidates = split_candidates(core[0], width, check)
                        self._ambiguous.append((table, problem, core[0], key, columns, candidates))
                    continue
            if key is None or (spec.role != "data" and cells is None):
                # numbers beside a label that carries none: they belong to no row
                self._unlabelled(table, spec.key, [t for t in seg.values if t.kind == "value"], width)
                continue
            if cells is None:
                kind = "extra-cells" if len(core) > width else "missing-cells"
                table.problems.append(
                    AlignmentProblem(
                        kind,
                        cover(seg.values) or label_span,
                        {"row": key, "label": spec.label, "expected": width, "found": len(core)},
                    )
                )
                table.rows[key] = Row(key, label_text, label_span)
                continue
            # Row(key, label_text, label_span) with its values, without the dataclass's
            # __init__ (a call from C into Python a row); the values go in the table's cells
            row = _new_object(Row)
            row.key = key
            row.label = label_text
            row.label_span = label_span
            row.values = make_values(key, columns, cells, table.cells)
            table.rows[key] = row

    def _unlabelled(self, table: RecognisedTable, after: str, tokens: list[Token], width: int | None) -> None:
        """One ``unlabelled-row`` per source row of numbers that no label owns.

        A row with more cells than the template has also gets ``extra-cells``; a cell
        holding several numbers (``0 0 0 0 0 0 0 0``) is a label replaced by numbers.
        """
        # (source row, tokens) of each run of tokens in one table row, or in running text
        groups: list[tuple[int, list[Token]]] = []
        for token, row in zip(tokens, self.stream.rows_of([token.start for token in tokens])):
            if groups and groups[-1][0] == row:
                groups[-1][1].append(token)
            else:
                groups.append((row, [token]))
        value = self.stream.text.value
        for row, group in groups:
            span = cover(group) or group[0].span
            # whether a cell boundary lies between each token and the next
            boundaries = [CELL in value[a.end : b.start] for a, b in zip(group, group[1:])]
            cells = 1 + sum(boundaries)
            detail = {"after": after, "count": len(group), "cells": cells}
            if row != -1 and not all(boundaries):  # numbers run together in one cell
                detail["label_replaced_by_numbers"] = True
            if row != -1:
                # the row's first cell, where its label belongs
                first = [group[0]]
                for b, boundary in zip(group[1:], boundaries):
                    if boundary:
                        break
                    first.append(b)
                detail["label_span"] = cover(first) or first[0].span
                detail["label_text"] = " ".join(value[first[0].start : first[-1].end].split())
            table.problems.append(AlignmentProblem("unlabelled-row", span, detail))
            limit = width or len(table.columns) or None
            if limit and row != -1 and cells > limit:
                table.problems.append(
                    AlignmentProblem("extra-cells", span, {"after": after, "expected": limit, "found": cells})
                )

    def _missing(self, template: Template, table: RecognisedTable, segments: list[Segment]) -> None:
        present = {s.found.spec.key for s in segments if s.found}
        if not table.has_numbers and not any(s.values for s in segments):
            # an unfilled template is one finding, not one per empty row
            table.problems = [
                p for p in table.problems if not (p.kind == "missing-cells" and p.detail.get("found") == 0)
            ]
            table.problems.append(AlignmentProblem("no-numbers", table.span, {}))
            return
        for spec in template.data_rows():
            if spec.key not in present:
                table.problems.append(
                    AlignmentProblem("missing-row", table.span, {"row": spec.key, "label": spec.label})
                )

    def _resolve_ambiguous(self, template: Template, table: RecognisedTable) -> None:
        """Rows whose digits ran together with several readings (``220000022``): read
        them only if exactly one combination of their readings makes the whole table
        satisfy its relations (R1–R4); otherwise they stay unread."""
        pending = [a for a in self._ambiguous if a[0] is table]
        if not pending or any(not a[5] for a in pending):
            return
        total = 1
        for a in pending:
            total *= len(a[5])
            if total > 20_000:
                return
        equations = template.equations(table)
        # every cell of every relation must be read (or be one of the pending rows)
        pending_keys = {f"{a[3]}.{c.key}" for a in pending for c in a[4]}
        for eq in equations:
            if any(k not in table.cells and k not in pending_keys for k in eq.left + eq.right):
                return
            if any(
                k in table.cells and table.cells[k].number is None for k in eq.left + eq.right
            ):
                return
        solutions = []
        for combo in product(*(a[5] for a in pending)):
            numbers = {}
            for a, option in zip(pending, combo):
                for column, number in zip(a[4], option):
                    numbers[f"{a[3]}.{column.key}"] = number

            def value(key: str):
                return numbers[key] if key in numbers else table.cells[key].number

            if all(sum(value(k) for k in eq.left) == sum(value(k) for k in eq.right) for eq in equations):
                solutions.append(combo)
                if len(solutions) > 1:
                    return
        if len(solutions) != 1:
            return
        for a, option in zip(pending, solutions[0]):
            _, problem, token, key, columns, _ = a
            cells = pieces_of(token, list(option))
            problem.detail.pop("ambiguous", None)
            problem.detail["split"] = [t.value for t in cells]
            problem.detail["resolved_by"] = sorted({eq.relation.name for eq in equations})
            row = table.rows.get(key) or Row(key, None, None)
            row.values = make_values(key, columns, cells)
            for v in row.values:
                table.cells[v.key] = v
            table.rows[key] = row
        # keep the template's cell order
        order = {k: i for i, k in enumerate(template.cell_keys())}
        table.cells = dict(sorted(table.cells.items(), key=lambda kv: order.get(kv[0], len(order))))

    # table 二 ---------------------------------------------------------------------------
    def _active(self, lo: int, hi: int) -> RecognisedTable:
        stream = self.stream
        signatures = []
        for label, regex in SIGNATURE_REGEXES:
            match = regex.search(stream.view, lo, hi)
            if match:
                signatures.append((label, stream.view_span(match.start(), match.end())))
        template = ACTIVE_2019 if signatures else ACTIVE_2021
        # (its span is set once read: its cells' and labels', the region's only without them)
        table = RecognisedTable("active", template.layout, None)  # type: ignore[arg-type]
        table.signatures_2019 = signatures
        segments = self._read_rows(template, lo, hi, table, None)
        # no arithmetic in table 二: a run of digits is cut only when it cannot be one
        # number (``000``); ``35`` is the cell 35, never 3 and 5
        self._assign(template, table, segments, template.columns_of, lambda spec: not_one_number)
        # each block of rows with its own columns has its own header, after the
        # 第二十条 marker (or the table's start) and before its first row
        previous_columns = None
        text_lo = stream.to_text_index(lo)
        for i, seg in enumerate(segments):
            spec = seg.found.spec
            if spec.role != "data":
                continue
            columns = template.columns_of(spec)
            if columns != previous_columns:
                start = segments[i - 1].found.end if i else text_lo
                self._check_header(table, start, seg.found.start, columns)
            previous_columns = columns
        table.columns = []
        for spec in template.data_rows():
            for column in template.columns_of(spec):
                if column.key not in table.columns:
                    table.columns.append(column.key)
        table.span = _table_span(table, segments) or stream.view_span(lo, hi)
        self._missing(template, table, segments)
        return table

    # table 三 ---------------------------------------------------------------------------
    def _requests(self, lo: int, hi: int) -> RecognisedTable:
        stream = self.stream
        found = self._find_rows(REQUESTS_2021.rows, lo, hi)
        keys = {f.spec.key for f in found}
        # （六）其他处理 without its three sub-rows but with numbers: the 2019 single row
        sub_other = keys & {"other.no_correction", "other.fee_unpaid", "other.other"}
        template = REQUESTS_2021
        if "other" in keys and not sub_other:
            template = REQUESTS_2019
        table = RecognisedTable("requests", template.layout, None)  # type: ignore[arg-type]  (as 表二's)
        segments = self._read_rows(template, lo, hi, table, None)
        if template is REQUESTS_2019:
            for seg in segments:
                if seg.found and seg.found.spec.key == "other":
                    table.signatures_2019.append(
                        ("（六）其他处理", stream.span_of(seg.found.start, seg.found.end))
                    )
        columns = list(REQUEST_COLUMNS)
        legal_at = _legal_persons_position(segments, len(columns))
        if legal_at is not None:
            columns.insert(legal_at, LEGAL_PERSONS)
        table.columns = [c.key for c in columns]

        def check(spec):
            if legal_at is None:
                return row_sum_ok
            return lambda o: o[-1] == sum(o[:-1]) - o[legal_at]

        self._assign(template, table, segments, lambda spec: tuple(columns), check)
        self._resolve_ambiguous(template, table)
        first_row = next((s.found.start for s in segments if s.found), None)
        if first_row is not None:
            header_columns = list(columns)
            if LEGAL_PERSONS not in header_columns:
                header_columns.append(LEGAL_PERSONS)
            self._check_header(table, stream.to_text_index(lo), first_row, header_columns)
        table.span = _table_span(table, segments) or stream.view_span(lo, hi)
        self._missing(template, table, segments)
        return table

    # table 四 ---------------------------------------------------------------------------
    def _check_header(
        self, table: RecognisedTable, text_lo: int, text_hi: int, columns
    ) -> None:
        """``truncated-label`` for header cells of 表二/表三 cut short (``本年新``).

        A cell is truncated when it is a proper beginning of a column label, that label
        is nowhere complete in the header, and its missing part is absent too (a label
        wrapped over cells or lines is whole once the separators are dropped).
        """
        if text_hi <= text_lo:
            return
        stream = self.stream
        tokens = [t for t in stream.tokens(text_lo, text_hi) if t.kind == "text"]
        if not tokens:
            return
        views = [view.replace("|", "").replace("｜", "") for view in stream.views_of(tokens)]
        header = "".join(views)
        pending = [
            (label, core) for label, core, forms in header_labels(columns) if not any(f in header for f in forms)
        ]
        for token, view in zip(tokens, views):
            if len(view) < 2:
                continue
            for k, (label, core) in enumerate(pending):
                if core.startswith(view) and view != core and core[len(view) :] not in header:
                    table.problems.append(
                        AlignmentProblem(
                            "truncated-label",
                            token.span,
                            {"found": token.value.strip(), "expected": label},
                        )
                    )
                    del pending[k]
                    break



def _legal_persons_position(segments: list[Segment], width: int) -> int | None:
    """Where an extra 法人或其他组织 subtotal column sits, if the rows prove there is one.

    Every labelled data row must carry ``width + 1`` numbers, and the sums must place
    the subtotal (after 自然人, or before 总计) the same way in every row.
    """
    rows = [s for s in segments if s.found and s.found.spec.role == "data" and s.core]
    if len(rows) < 3:
        return None
    numbers = []
    for seg in rows:
        core = seg.core
        if len(core) != width + 1:
            return None
        parsed = [parse_value(t.value)[0] if t.kind == "value" else 0 for t in core]
        if any(not isinstance(v, int) for v in parsed):
            return None
        numbers.append(parsed)
    candidates = []
    for at in (1, width - 1):
        ok = True
        for v in numbers:
            rest = v[:at] + v[at + 1 :]
            orgs = rest[1 : width - 1]
            if v[at] != sum(orgs) or rest[-1] != sum(rest[:-1]):
                ok = False
                break
        if ok:
            candidates.append(at)
    return candidates[0] if candidates else None




def _table_span(table: RecognisedTable, segments: list[Segment]) -> Span | None:
    """The span covering the table's cells that are not empty and its rows' labels."""
    low = high = None
    for value in table.cells.values():  # (one pass, no lists: hundreds of cells a table)
        span = value.span
        start, end = span.start, span.end
        if end > start:
            if low is None:
                low, high = start, end
            else:
                if start < low:
                    low = start
                if end > high:
                    high = end
    for row in table.rows.values():
        span = row.label_span
        if span is not None:
            if low is None:
                low, high = span.start, span.end
            else:
                low, high = min(low, span.start), max(high, span.end)
    return None if low is None else Span(low, high)


def recognise(document: Document) -> StandardTables:
    """Tables 二, 三 and 四 of a document; never raises on odd input."""
    recogniser = None
    try:
        recogniser = Recogniser(document)
        return recogniser.run()
    except TooManyTokens as error:  # a hostile range: said as not read (GX017), never read in part
        stream = recogniser.stream if recogniser is not None else None
        where = stream.span_of(error.at, error.at + 1) if stream is not None else None
        return StandardTables(unread="dense", unread_at=where)
    except Exception as error:  # a bug here must not stop linting; the engine reports it (GX902)
        document.reader_notes["tables_error"] = error
        return StandardTables(unread="error")

