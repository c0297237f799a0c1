"""After every file of a run is linted: run the multi-report rules over their facts.

The command calls :func:`apply` once with all results (or :func:`find` over their compact
facts, then :func:`add_late` on each file that has findings).  Each finding lands on the result
of the file it names and goes through that file's configuration — rule selection,
per-file ignores, severity overrides and inline suppressions (kept in the file's facts, so
this works after the file's text was dropped) — like the file's own findings.  Files that could not be linted (fatal input errors) take no part.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Any, Callable, Sequence

from gxlint.diagnostics import Diagnostic
from gxlint.engine import _error_summary, input_rule
from gxlint.report_facts import keep_frames
from gxlint.plugin import crossreport


def apply(results: Sequence[Any], registry: Any, linter_for: Callable[[Any], Any]) -> int:
    """Add the multi-report rules' findings to ``results``; returns how many were added.

    ``linter_for(result)`` is the :class:`~gxlint.engine.Linter` that linted the result
    (it knows the file's settings)."""
    linted = [r for r in results if not r.fatal and r.facts is not None]
    by_path = {r.path: r for r in linted}
    found = find([r.facts for r in linted], registry, lambda path: linter_for(by_path[path]))
    for path, kept in found.items():
        add_late(by_path[path], kept)
    return sum(len(kept) for kept in found.values())


def find(reports: Sequence[Any], registry: Any, linter_for: Callable[[str], Any]) -> dict[str, list[Diagnostic]]:
    """The multi-report rules' findings over the facts of the files linted (fatal ones
    left out), by path, each through its file's configuration, in the order found.

    ``linter_for(path)`` is the :class:`~gxlint.engine.Linter` that linted the file.
    Only the facts are needed, so a run can keep compact facts (:func:`gxlint.report_facts.compact`)
    instead of the files' results."""
    rules = dict(registry.multi_report_rules)
    if not rules or len(reports) < 2:
        return {}
    by_path = {facts.path: facts for facts in reports}

    def enabled(rule: Any, path: str) -> bool:
        linter = linter_for(path)
        return linter.rule_filter is None or linter.rule_filter(path, rule)

    selected = [rule for rule in rules.values() if any(enabled(rule, f.path) for f in reports)]
    if not selected:
        return {}
    first = reports[0].path
    settings = linter_for(first).settings

    def crashed(rule: Any, error: BaseException) -> Diagnostic:
        return Diagnostic(rule=input_rule("GX901").meta, path=first, line=1, column=1, end_line=1,
                          end_column=2, args=MappingProxyType({"failed": rule.code, "rule_name": rule.name,
                                                               "error": _error_summary(error)}))

    out: dict[str, list[Diagnostic]] = {}
    for diagnostic in crossreport.run(selected, reports, settings, crashed):
        facts = by_path.get(diagnostic.path)
        if facts is None:
            continue
        rule = rules.get(diagnostic.code)
        if rule is not None and not enabled(rule, facts.path):
            continue
        kept = linter_for(facts.path).postprocess_late([diagnostic], facts)
        if kept:
            out.setdefault(facts.path, []).extend(kept)
    return out


def add_late(result: Any, kept: list[Diagnostic], excerpt: Any = None) -> None:
    """Put a file's multi-report findings (from :func:`find`) on its result, in order,
    with their code frames when the result keeps its facts.  ``excerpt``: the lines and
    text they point at (:func:`gxlint.results.late_excerpt`), for a slim result whose excerpt holds only
    its own findings' lines."""
    from gxlint.results import Excerpt  # lazy: results imports the engine

    if excerpt is not None and isinstance(result.source, Excerpt):
        result.source.merge(excerpt)
    result.diagnostics.extend(kept)
    if result.source is not None and result.facts is not None:
        keep_frames(result.facts, result.source, kept)
    result.diagnostics.sort(key=Diagnostic.sort_key)

