"""A cap on how often one rule reports in one file (issue 9).

A hostile or broken file can make one rule fire without end: a 5 MB line of report words
gave 192,312 GX120 findings, and every reporter, baseline and cache had to carry them.
After :data:`MAX_FINDINGS_PER_RULE` findings of one rule in one file, the rest are
dropped and one GX024 finding, at the first dropped one, says how many and of which rule.
Findings that carry a fix are never dropped, so ``--fix`` still applies every fix.
"""

from __future__ import annotations

from collections import Counter
from types import MappingProxyType

from gxlint.catalog import builtin_catalog
from gxlint.diagnostics import Diagnostic

MAX_FINDINGS_PER_RULE = 200  # a real report's most frequent rule reports a few dozen times
CAP_CODE = "GX024"


def cap_findings(diagnostics: list[Diagnostic], limit: int = MAX_FINDINGS_PER_RULE) -> list[Diagnostic]:
    """``diagnostics`` (sorted by position) with each rule's findings past ``limit`` in
    one file replaced by one GX024 finding; unchanged when no rule goes past it."""
    counts = Counter(d.code for d in diagnostics if d.fix is None)
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
