"""The 表四 half of the recogniser: table 四 has no row labels, so its 15 values are read
by position after its header, parts printed as sub-tables are joined in template order, and
the two-level header is checked for truncated labels."""

from __future__ import annotations

import re

from gxlint.document import Span
from gxlint.tables.templates import APPEAL_GROUPS, APPEAL_GROUP_LABELS, APPEAL_KEYS, APPEAL_OUTCOMES
from gxlint.tables.model import AlignmentProblem, RecognisedTable, Row
from gxlint.tables.stream import Token
from gxlint.tables.labels import cover, make_values, split_run


class AppealsReading:
    """The methods of :class:`~gxlint.tables.recognise.Recogniser` that read table 四."""

    def _appeals(self, lo: int, hi: int) -> RecognisedTable:
        """Table 四 of compact-view range ``[lo, hi)``; its span is that of its header and
        values when they are read, else the region's (found only then: a span over every
        run of the region)."""
        table = RecognisedTable("appeals", "2021", None)  # type: ignore[arg-type]  (set below)
        self._read_appeals(table, lo, hi)
        self._region_span(table, lo, hi)  # (unless read)
        return table

    def _read_appeals(self, table: RecognisedTable, lo: int, hi: int) -> None:
        """Read table 四 into ``table``; its span is set only when values are read (a
        problem that needs the region's span sets it first, see _region_span)."""
        stream = self.stream
        table.columns = [o.key for o in APPEAL_OUTCOMES]
        text_lo, text_hi = stream.to_text_index(lo), stream.to_text_index(hi)
        tokens = stream.tokens(text_lo, text_hi)
        first_value = next((i for i, t in enumerate(tokens) if t.kind == "value"), None)
        if first_value is None:
            # a text dump with the data row glued to the header: ``…总计110024001510102``
            glued = None
            for glued in re.finditer(r"总计(?=[0-9])", stream.view[lo:hi]):
                pass
            if glued is not None:
                tokens = stream.tokens(stream.to_text_index(lo + glued.end()), text_hi)
                first_value = next((i for i, t in enumerate(tokens) if t.kind == "value"), None)
        if first_value is None:
            table.problems.append(AlignmentProblem("no-numbers", self._region_span(table, lo, hi), {}))
            return
        header_end = tokens[first_value].start
        self._check_appeal_header(table, stream.to_view_index(text_lo), stream.to_view_index(header_end))
        cells: list[Token] = []
        for token in tokens[first_value:]:
            if token.kind == "text":
                break
            if token.kind == "trailing-blank" and len(cells) >= len(APPEAL_KEYS):
                continue
            cells.append(token)
        cells = self._join_appeal_parts(cells, tokens[first_value + len(cells):]) or cells
        if len(cells) == 1 and cells[0].kind == "value":
            split = split_run(cells[0], len(APPEAL_KEYS), appeals_balance_ok)
            if split is not None:
                table.problems.append(
                    AlignmentProblem(
                        "merged-cells",
                        cells[0].span,
                        {"row": "appeals", "found": cells[0].value, "split": [t.value for t in split]},
                    )
                )
                cells = split
            elif cells[0].value.isdigit() and len(cells[0].value) >= len(APPEAL_KEYS):
                table.problems.append(
                    AlignmentProblem(
                        "merged-cells",
                        cells[0].span,
                        {"row": "appeals", "found": cells[0].value, "ambiguous": True},
                    )
                )
                return
        core = [t for t in cells if t.kind != "trailing-blank"]
        fitted = None
        if len(core) == len(APPEAL_KEYS):
            fitted = core
        elif len([t for t in core if t.kind == "value"]) == len(APPEAL_KEYS):
            fitted = [t for t in core if t.kind == "value"]
        elif len(core) < len(APPEAL_KEYS) <= len(cells):
            fitted = cells[: len(APPEAL_KEYS)]
        if fitted is None:
            kind = "extra-cells" if len(core) > len(APPEAL_KEYS) else "missing-cells"
            table.problems.append(
                AlignmentProblem(
                    kind,
                    cover(cells) or self._region_span(table, lo, hi),
                    {"row": "appeals", "expected": 15, "found": len(core)},
                )
            )
            return
        for index, (group, label) in enumerate(APPEAL_GROUPS):
            row = Row(group, None, None)
            size = len(APPEAL_OUTCOMES)
            row.values = make_values(group, APPEAL_OUTCOMES, fitted[index * size : index * size + size])
            for value in row.values:
                table.cells[value.key] = value
            table.rows[group] = row
        table.span = stream.span_of(text_lo, fitted[-1].end)

    def _region_span(self, table: RecognisedTable, lo: int, hi: int) -> Span:
        """The table's span, set to its region's if it has none yet."""
        if table.span is None:
            table.span = self.stream.view_span(lo, hi)
        return table.span

    def _join_appeal_parts(self, first: list[Token], rest: list[Token]) -> list[Token] | None:
        """表四 printed as sub-tables (行政复议 / 未经复议直接起诉 / 复议后起诉, each under a
        heading of its own): the rows of five cells joined in the template's order.

        Joined only when each part holds whole groups of five cells and the text before
        each later part names the group it starts with; else None (the one-row reading
        and its findings stand).
        """
        size = len(APPEAL_OUTCOMES)

        def whole(run: list[Token]) -> list[Token]:
            core = [t for t in run if t.kind != "trailing-blank"]
            return core if len(core) % size == 0 else [t for t in core if t.kind == "value"]

        joined = whole(first)
        if not joined or len(joined) % size or len(joined) >= len(APPEAL_KEYS):
            return None
        view = self.stream.view
        labels = [label for _, label in APPEAL_GROUPS]
        between: list[Token] = []
        run: list[Token] = []
        for token in rest + [Token("text", "", -1, -1, -1, None)]:
            if token.kind != "text":
                run.append(token)
                continue
            if any(t.kind == "value" for t in run):
                part = whole(run)
                group = labels[len(joined) // size]
                words = "".join(
                    view[self.stream.to_view_index(t.start) : self.stream.to_view_index(t.end)] for t in between
                )
                if not part or len(part) % size or group not in words.replace("行政诉讼", ""):
                    return None
                joined += part
                if len(joined) >= len(APPEAL_KEYS):
                    return joined if len(joined) == len(APPEAL_KEYS) else None
                between = []
            run = []  # blank header cells between the parts are no values
            between.append(token)
        return None


    def _check_appeal_header(self, table: RecognisedTable, lo: int, hi: int) -> None:
        """``truncated-label`` for header cells cut short (``结果`` for ``结果纠正``).

        Only when the missing halves are absent from the header altogether: a garbled
        conversion that tears labels apart but keeps every character is not truncation.
        """
        stream = self.stream
        view = stream.view
        header = view[lo:hi]
        groups = len(APPEAL_GROUPS)
        full = [o.label for o in APPEAL_OUTCOMES]
        tails = {"结果维持": "维持", "结果纠正": "纠正", "其他结果": "其他结果", "尚未审结": "审结"}
        if all(header.count(tail) >= groups for tail in tails.values()):
            return
        # walk the header: group labels skipped, outcome labels matched in order
        pos, expected = lo, 0
        group_re = re.compile("|".join(APPEAL_GROUP_LABELS))
        while pos < hi and expected < groups * 5:
            g = group_re.match(view, pos, hi)
            if g:
                pos = g.end()
                continue
            want = full[expected % 5]
            if view.startswith(want, pos) and pos + len(want) <= hi:
                pos += len(want)
                expected += 1
                continue
            prefix = want[:2]
            if view.startswith(prefix, pos) and want != prefix and header.count(tails.get(want, want)) < groups:
                table.problems.append(
                    AlignmentProblem(
                        "truncated-label",
                        stream.view_span(pos, pos + 2),
                        {"found": prefix, "expected": want},
                    )
                )
                pos += 2
                expected += 1
                continue
            pos += 1




def appeals_balance_ok(values: list[int]) -> bool:
    return all(values[g * 5 + 4] == sum(values[g * 5 : g * 5 + 4]) for g in range(3))


