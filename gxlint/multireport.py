"""After every file of a run is linted: run the multi-report rules over their facts.

The command calls :func:`apply` once with all results.  Each finding lands on the result
of the file it names and goes through that file's configuration — rule selection,
per-file ignores, severity overrides and inline suppressions (kept in the file's facts, so
this works after the file's text was dropped) — like the file's own findings.  Files that could not be linted (fatal input errors) take no part.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Any, Callable, Sequence

from gxlint.diagnostics import Diagnostic
from gxlint.engine import _error_summary, input_rule
from gxlint.facts import keep_frames
from gxlint.plugin import crossreport


def apply(results: Sequence[Any], registry: Any, linter_for: Callable[[Any], Any]) -> int:
    """Add the multi-report rules' findings to ``results``; returns how many were added.

    ``linter_for(result)`` is the :class:`~gxlint.engine.Linter` that linted the result
    (it knows the file's settings)."""
    rules = dict(registry.multi_report_rules)
    linted = [r for r in results if not r.fatal and r.facts is not None]
    if not rules or len(linted) < 2:
        return 0
    by_path = {r.path: r for r in linted}

    def enabled(rule: Any, result: Any) -> bool:
        linter = linter_for(result)
        return linter.rule_filter is None or linter.rule_filter(result.path, rule)

    selected = [rule for rule in rules.values() if any(enabled(rule, r) for r in linted)]
    if not selected:
        return 0
    settings = linter_for(linted[0]).settings

    def crashed(rule: Any, error: BaseException) -> Diagnostic:
        return Diagnostic(rule=input_rule("GX901").meta, path=linted[0].path, line=1, column=1, end_line=1,
                          end_column=2, args=MappingProxyType({"failed": rule.code, "rule_name": rule.name,
                                                               "error": _error_summary(error)}))

    found = crossreport.run(selected, [r.facts for r in linted], settings, crashed)
    added = 0
    touched = set()
    for diagnostic in found:
        result = by_path.get(diagnostic.path)
        if result is None:
            continue
        rule = rules.get(diagnostic.code)
        if rule is not None and not enabled(rule, result):
            continue
        kept = linter_for(result).postprocess_late([diagnostic], result.facts)
        result.diagnostics.extend(kept)
        if result.source is not None:
            keep_frames(result.facts, result.source, kept)
        added += len(kept)
        touched.add(id(result))
    for result in linted:
        if id(result) in touched:
            result.diagnostics.sort(key=Diagnostic.sort_key)
    return added
