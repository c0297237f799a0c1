"""A cap on how often one rule reports in one file (issue 9).

A hostile or broken file can make one rule fire without end: a 5 MB line of report words
gave 192,312 GX120 findings, and every reporter, baseline and cache had to carry them.
After :data:`MAX_FINDINGS_PER_RULE` findings of one rule in one file, the rest are
dropped and one GX024 finding, at the first dropped one, says how many and of which rule.
The fixes of the dropped findings are not dropped: they are folded into that GX024
finding (:class:`~gxlint.diagnostics.FoldedFixes`, a few arrays of offsets), and
``--fix`` applies each of them on its own, in its finding's place, as it did when every
fixable finding was listed (126 KB of ``1? `` made 40,000 GX507 findings with fixes, all
kept: 51.8 MiB at the peak against a bound of 10.5; folded, 2.9 MiB).

The cap is applied twice, with the same outcome as once at the end: while the rules run,
:class:`FindingCollector` keeps only the first ``limit + 1`` findings of each code by
position (a bounded heap) and counts the rest, so a flood of findings never sits in memory
(12,700 GX120 findings of a 1 MB line and their code frames were 13 MiB); after the
file's suppressions and severities, :func:`cap_findings` cuts the list to ``limit`` a code
and writes the GX024 finding with the true count.  The early cut only ever drops findings
the late one would drop: it sets aside the findings an inline suppression hides (they
neither count nor hide others, and one per suppression and code is kept, so an unused
suppression is still told apart from a used one), and selection is by code, so it drops
all of a code's findings or none.
"""

from __future__ import annotations

import heapq
import itertools
from collections import Counter
from dataclasses import replace
from types import MappingProxyType
from typing import Callable, Hashable, Iterator, Mapping

from gxlint.catalog import builtin_catalog
from gxlint.diagnostics import Diagnostic, FoldedFixes

MAX_FINDINGS_PER_RULE = 200  # a real report's most frequent rule reports a few dozen times
CAP_CODE = "GX024"

# What hides a finding: a key naming the suppressions that cover it, None when none does.
Suppression = Callable[[Diagnostic], Hashable | None]


class _Later:
    """A heap entry ordered backwards (heapq's smallest first becomes the latest first)."""

    __slots__ = ("key", "diagnostic")

    def __init__(self, key: tuple, diagnostic: Diagnostic) -> None:
        self.key = key
        self.diagnostic = diagnostic

    def __lt__(self, other: "_Later") -> bool:
        return self.key > other.key


class FindingCollector:
    """A file's findings as the rules yield them, with each code's findings past the first
    ``limit + 1`` by position (and arrival, for equal positions) counted, not kept, and
    the fixes of those that carry one folded (``folded``: code -> the fixes).

    :meth:`child` gives a collector for one rule's run, merged in with :meth:`merge` only
    when the rule finishes (a rule that fails has all its findings dropped)."""

    __slots__ = ("limit", "suppression", "strip_fixes", "_order", "_hidden", "_heaps", "dropped", "folded")

    def __init__(self, limit: int = MAX_FINDINGS_PER_RULE, *, suppression: Suppression | None = None,
                 strip_fixes: bool = False, _order: Iterator[int] | None = None) -> None:
        self.limit = limit
        self.suppression = suppression
        self.strip_fixes = strip_fixes  # extracted text (PDF, .docx): fixes are dropped, so capped
        self._order = _order if _order is not None else itertools.count()
        self._hidden: dict[Hashable, tuple[int, Diagnostic]] = {}  # one suppressed finding per key
        self._heaps: dict[str, list[_Later]] = {}
        self.dropped: dict[str, int] = {}  # code -> findings counted, not kept
        self.folded: dict[str, FoldedFixes] = {}  # code -> the fixes of the findings not kept

    def child(self) -> "FindingCollector":
        return FindingCollector(self.limit, suppression=self.suppression, strip_fixes=self.strip_fixes,
                                _order=self._order)

    def add(self, diagnostic: Diagnostic) -> None:
        order = next(self._order)
        if self.strip_fixes and diagnostic.fix is not None:
            diagnostic = replace(diagnostic, fix=None)
        if self.suppression is not None:
            hidden = self.suppression(diagnostic)
            if hidden is not None:
                self._hidden.setdefault(hidden, (order, diagnostic))
                return
        self._push(_Later((*diagnostic.sort_key(), order), diagnostic))

    def _push(self, entry: _Later) -> None:
        code = entry.diagnostic.code
        heap = self._heaps.get(code)
        if heap is None:
            heap = self._heaps[code] = []
        if len(heap) <= self.limit:
            heapq.heappush(heap, entry)
            return
        self.dropped[code] = self.dropped.get(code, 0) + 1
        if entry.key < heap[0].key:  # earlier than the latest kept: it takes that one's place
            entry = heapq.heapreplace(heap, entry)
        if entry.diagnostic.fix is not None:
            self._fold(entry)

    def _fold(self, entry: _Later) -> None:
        d = entry.diagnostic
        folded = self.folded.get(d.code)
        if folded is None:
            folded = self.folded[d.code] = FoldedFixes(d.code)
        folded.add(d.line, d.column, entry.key[-1], d.fix)

    def merge(self, child: "FindingCollector") -> None:
        for code, fixes in child.folded.items():
            if code in self.folded:
                self.folded[code].extend(fixes)
            else:
                self.folded[code] = fixes
        for key, item in child._hidden.items():
            self._hidden.setdefault(key, item)
        for code, more in child.dropped.items():
            self.dropped[code] = self.dropped.get(code, 0) + more
        for heap in child._heaps.values():
            for entry in heap:
                self._push(entry)

    def held(self) -> list[Diagnostic]:
        """The findings kept, in the order they arrived."""
        items = list(self._hidden.values())
        items.extend((entry.key[-1], entry.diagnostic) for heap in self._heaps.values() for entry in heap)
        items.sort(key=lambda item: item[0])
        return [d for _, d in items]


def cap_findings(diagnostics: list[Diagnostic], limit: int = MAX_FINDINGS_PER_RULE,
                 dropped: Mapping[str, int] | None = None,
                 folded: Mapping[str, FoldedFixes] | None = None) -> list[Diagnostic]:
    """``diagnostics`` (sorted by position) with each rule's findings past ``limit`` in
    one file replaced by one GX024 finding, which carries the fixes of those that had one;
    unchanged when no rule goes past it.  ``dropped`` counts the findings of each code a
    :class:`FindingCollector` already left out (all of them later than the ones in
    ``diagnostics``), and ``folded`` holds the fixes of those (it is added to)."""
    counts = Counter(d.code for d in diagnostics)
    if dropped:
        for code, more in dropped.items():
            if code in counts:  # a code not selected, or all suppressed, is not reported at all
                counts[code] += more
    if not counts or max(counts.values()) <= limit:
        return diagnostics

    folded = {} if folded is None else dict(folded)
    kept: list[Diagnostic] = []
    seen: Counter[str] = Counter()
    summaries: dict[str, int] = {}  # code -> where its GX024 finding is in ``kept``
    for index, d in enumerate(diagnostics):
        if counts[d.code] <= limit:
            kept.append(d)
            continue
        seen[d.code] += 1
        if seen[d.code] <= limit:
            kept.append(d)
            continue
        if d.code not in summaries:
            summaries[d.code] = len(kept)
            kept.append(d)  # replaced by the GX024 finding below, once its fixes are all folded
        if d.fix is not None:
            fixes = folded.get(d.code)
            if fixes is None:
                fixes = folded[d.code] = FoldedFixes(d.code)
            # rank: before every fix folded while the rules ran (those arrived later, or
            # are later in the file), in the order of ``diagnostics``
            fixes.add(d.line, d.column, index - len(diagnostics), d.fix)
    for code, at in summaries.items():
        kept[at] = _summary(kept[at], limit, counts[code] - limit, folded.get(code))
    return kept


def _summary(first: Diagnostic, limit: int, more: int, fixes: FoldedFixes | None) -> Diagnostic:
    """The GX024 finding at ``first``, the first finding of its rule not listed."""
    fixed = len(fixes) if fixes else 0
    return Diagnostic(
        rule=builtin_catalog()[CAP_CODE].meta, path=first.path, line=first.line, column=first.column,
        end_line=first.line, end_column=first.column, start=first.start, end=first.start,
        args=MappingProxyType({
            "rule": first.code, "rule_name": first.name, "limit": limit, "more": more, "fixes": fixed,
            "fixes_zh": f"；其中 {fixed} 处可自动修复，--fix 仍会全部应用" if fixed else "",
            "fixes_en": f"; --fix still applies the {fixed} fixes they carry" if fixed else "",
        }),
        fix=fixes or None,
    )
