"""Multi-report rules: checks that need several reports at once (the ``history`` family).

A per-file :class:`~gxlint.plugin.Rule` sees one parsed document.  A
:class:`MultiReportRule` runs once per gxlint run, after every file has been linted, and
sees the :class:`~gxlint.report_facts.ReportFacts` of all of them: identity (agency, year,
template era), every recognised table cell with its position, and whatever the rule's
own ``collect`` function took from each document while it was parsed.  Documents are
never kept for it, so a run over thousands of files (or over worker processes) holds one
small value per file.

Findings are reported on one of the files (``reports.report(facts, where, **args)``);
they go through that file's configuration (selection, per-file ignores, severity,
suppressions) like any other finding.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Mapping, Sequence

from gxlint.diagnostics import Diagnostic, RuleMeta, Severity
from gxlint.report_facts import Position, agency_aliases
from gxlint.plugin.api import rule
from gxlint.rule_guard import time_budget

if TYPE_CHECKING:  # pragma: no cover
    from gxlint.report_facts import CellFact, ReportFacts
    from gxlint.plugin.api import Context


def locate(ctx: "Context", where: Any) -> Position:
    """The position of ``where`` (anything :meth:`Context.report` accepts) in ctx's file,
    for a ``collect`` function to store."""
    span = ctx.span_of(where)
    line, column = ctx.source.position(span.start)
    end_line, end_column = ctx.source.position(span.end)
    if (end_line, end_column) <= (line, column):
        end_line, end_column = line, column + 1
    return Position(line, column, end_line, end_column, span.start, span.end)


CollectFunction = Callable[["Context"], Any]
CheckFunction = Callable[["ReportSet"], Iterable[Diagnostic]]


@dataclass(frozen=True)
class MultiReportRule:
    """A cross-report check and its catalogue entry.

    ``collect(ctx)``, optional, runs on each file right after its per-file rules, with
    the same :class:`~gxlint.plugin.Context`; it returns a small picklable value (numbers,
    strings, :class:`Position`\\ s — never the document) stored as
    ``facts.extra[code]``.  ``check(reports)`` runs once over all files.
    """

    meta: RuleMeta
    check: CheckFunction
    collect: CollectFunction | None = None
    options: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def code(self) -> str:
        return self.meta.code

    @property
    def name(self) -> str:
        return self.meta.name


def multi_report_rule(
    code: str, *, collect: CollectFunction | None = None, **metadata: Any
) -> Callable[[CheckFunction], MultiReportRule]:
    """Decorate ``check(reports)`` as a multi-report rule.  Metadata as for
    :func:`gxlint.plugin.rule` (built-in rules give only the code; third-party rules give
    name, family, severity, summary and messages)."""
    def decorate(check: CheckFunction) -> MultiReportRule:
        single = rule(code, **metadata)(check)
        return MultiReportRule(meta=single.meta, check=check, collect=collect, options=single.options)

    return decorate


class ReportSet:
    """What a multi-report rule sees: the facts of every report linted in this run."""

    def __init__(self, reports: Sequence["ReportFacts"], settings: Mapping[str, Any] | None = None) -> None:
        self.reports = list(reports)
        self.settings = settings or {}
        self.rule: MultiReportRule | None = None

    @property
    def options(self) -> Mapping[str, Any]:
        if self.rule is None:
            return {}
        merged = dict(self.rule.options)
        merged.update(self.settings.get("rule_options", {}).get(self.rule.code, {}))
        return merged

    def collected(self, facts: "ReportFacts", code: str | None = None) -> Any:
        """What this rule's (or rule ``code``'s) ``collect`` took from the file, or None."""
        return facts.extra.get(code or (self.rule.code if self.rule else ""))

    def series(self) -> dict[str, list["ReportFacts"]]:
        """Reports with a known agency and year, by normalised agency, ordered by year
        (then input order).  Two reports of the same agency and year are both listed.  A
        name without its parent place (洪泽区人民政府) joins the one full name in the run
        (淮安市洪泽区人民政府), see :func:`gxlint.report_facts.agency_aliases`."""
        aliases = agency_aliases(f.agency_key for f in self.reports if f.agency_key)
        out: dict[str, list["ReportFacts"]] = {}
        for facts in self.reports:
            if facts.agency_key and facts.year is not None:
                out.setdefault(aliases.get(facts.agency_key, facts.agency_key), []).append(facts)
        for reports in out.values():
            reports.sort(key=lambda f: f.year)  # stable: input order within a year
        return out

    def consecutive(self) -> Iterator[tuple["ReportFacts", "ReportFacts"]]:
        """(year N, year N+1) pairs of the same agency.  A gap year pairs nothing; of
        several copies of year N the first (in input order) is the one compared, and each
        copy of year N+1 is compared with it."""
        for reports in self.series().values():
            first_of: dict[int, "ReportFacts"] = {}
            for facts in reports:
                first_of.setdefault(facts.year, facts)
            for facts in reports:
                earlier = first_of.get(facts.year - 1)
                if earlier is not None:
                    yield earlier, facts

    def report(self, facts: "ReportFacts", where: "CellFact | Position | None" = None, *,
               severity: Severity | str | None = None, **args: Any) -> Diagnostic:
        """A finding on the file of ``facts`` at ``where`` (a cell, a collected
        :class:`Position`, or None for the top of the file)."""
        if self.rule is None:
            raise RuntimeError("ReportSet.report() called outside a rule")
        if where is None:
            where = Position(1, 1, 1, 2)
        return Diagnostic(
            rule=self.rule.meta, path=facts.path, line=where.line, column=where.column,
            end_line=where.end_line, end_column=where.end_column, args=MappingProxyType(args),
            severity=Severity.parse(severity) if severity else None, start=where.start, end=where.end,
        )


# --- running them (the engine and the command call these) -----------------------------


def collect(ctx: "Context", rules: Iterable[MultiReportRule], on_crash: Callable[[MultiReportRule, BaseException], None],
            budget: float | None = None) -> dict[str, Any]:
    """Run the ``collect`` functions of ``rules`` on one file, each within ``budget``
    seconds (as a per-file rule: :mod:`gxlint.rule_guard`); a crash (``sys.exit()``
    included, GX901) or an overrun (a :class:`~gxlint.rule_guard.RuleTimeout`, GX903) is
    reported through ``on_crash`` and leaves that rule without facts for the file."""
    out: dict[str, Any] = {}
    for multi_rule in rules:
        if multi_rule.collect is None:
            continue
        try:
            with time_budget(budget):
                value = multi_rule.collect(ctx)
        except KeyboardInterrupt:
            raise
        except BaseException as error:  # SystemExit and RuleTimeout included
            on_crash(multi_rule, error)
            continue
        if value is not None:
            out[multi_rule.code] = value
    return out


def run(rules: Iterable[MultiReportRule], reports: Sequence["ReportFacts"], settings: Mapping[str, Any] | None,
        on_crash: Callable[[MultiReportRule, BaseException], Diagnostic]) -> list[Diagnostic]:
    """Run every multi-report rule over ``reports``; a rule that raises (or calls
    ``sys.exit()``) yields the diagnostic ``on_crash`` builds (GX901) instead of its
    findings.  ``check`` has no time budget: it runs once over every report, so no
    per-file budget fits it."""
    found: list[Diagnostic] = []
    view = ReportSet(reports, settings)
    for multi_rule in rules:
        view.rule = multi_rule
        try:
            found.extend(multi_rule.check(view) or ())
        except KeyboardInterrupt:
            raise
        except BaseException as error:  # SystemExit included
            found.append(on_crash(multi_rule, error))
    view.rule = None
    return found
