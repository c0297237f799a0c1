"""A cap on how often one rule reports in one file (issue 9).

A hostile or broken file can make one rule fire without end: a 5 MB line of report words
gave 192,312 GX120 findings, and every reporter, baseline and cache had to carry them.
After :data:`MAX_FINDINGS_PER_RULE` findings of one rule in one file, the rest are
dropped and one GX024 finding, at the first dropped one, says how many and of which rule.
Findings that carry a fix are never dropped, so ``--fix`` still applies every fix.

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
from gxlint.diagnostics import Diagnostic

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
    ``limit + 1`` by position (and arrival, for equal positions) counted, not kept.

    :meth:`child` gives a collector for one rule's run, merged in with :meth:`merge` only
    when the rule finishes (a rule that fails has all its findings dropped)."""

    __slots__ = ("limit", "suppression", "strip_fixes", "_order", "_kept", "_hidden", "_heaps", "dropped")

    def __init__(self, limit: int = MAX_FINDINGS_PER_RULE, *, suppression: Suppression | None = None,
                 strip_fixes: bool = False, _order: Iterator[int] | None = None) -> None:
        self.limit = limit
        self.suppression = suppression
        self.strip_fixes = strip_fixes  # extracted text (PDF, .docx): fixes are dropped, so capped
        self._order = _order if _order is not None else itertools.count()
        self._kept: list[tuple[int, Diagnostic]] = []  # never capped: findings with a fix
        self._hidden: dict[Hashable, tuple[int, Diagnostic]] = {}  # one suppressed finding per key
        self._heaps: dict[str, list[_Later]] = {}
        self.dropped: dict[str, int] = {}  # code -> findings counted, not kept

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
        if diagnostic.fix is not None:
            self._kept.append((order, diagnostic))
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
            heapq.heapreplace(heap, entry)

    def merge(self, child: "FindingCollector") -> None:
        self._kept.extend(child._kept)
        for key, item in child._hidden.items():
            self._hidden.setdefault(key, item)
        for code, more in child.dropped.items():
            self.dropped[code] = self.dropped.get(code, 0) + more
        for heap in child._heaps.values():
            for entry in heap:
                self._push(entry)

    def held(self) -> list[Diagnostic]:
        """The findings kept, in the order they arrived."""
        items = [*self._kept, *self._hidden.values()]
        items.extend((entry.key[-1], entry.diagnostic) for heap in self._heaps.values() for entry in heap)
        items.sort(key=lambda item: item[0])
        return [d for _, d in items]


def cap_findings(diagnostics: list[Diagnostic], limit: int = MAX_FINDINGS_PER_RULE,
                 dropped: Mapping[str, int] | None = None) -> list[Diagnostic]:
    """``diagnostics`` (sorted by position) with each rule's findings past ``limit`` in
    one file replaced by one GX024 finding; unchanged when no rule goes past it.
    ``dropped`` counts the findings of each code a :class:`FindingCollector` already left
    out (all of them later than the ones in ``diagnostics``)."""
    counts = Counter(d.code for d in diagnostics if d.fix is None)
    if dropped:
        for code, more in dropped.items():
            if code in counts:  # a code not selected, or all suppressed, is not reported at all
                counts[code] += more
    if not counts or max(counts.values()) <= limit:
        return diagnostics

    meta = builtin_catalog()[CAP_CODE].meta
    kept: list[Diagnostic] = []
    seen: Counter[str] = Counter()
    summaries: dict[str, Diagnostic] = {}
    for d in diagnostics:
        if d.fix is not None or counts[d.code] <= limit:
            kept.append(d)
            continue
        seen[d.code] += 1
        if seen[d.code] <= limit:
            kept.append(d)
        elif d.code not in summaries:
            summaries[d.code] = Diagnostic(
                rule=meta, path=d.path, line=d.line, column=d.column, end_line=d.line, end_column=d.column,
                start=d.start, end=d.start,
                args=MappingProxyType({"rule": d.code, "rule_name": d.name, "limit": limit,
                                       "more": counts[d.code] - limit}),
            )
            kept.append(summaries[d.code])
    return kept
