"""Parse each file once, run every selected rule on the same tree, isolate rule crashes.

Flow: bytes → :mod:`gxlint.readers.decode` → a reader (by format) → blocks →
:mod:`gxlint.structure` (title, intro, sections) → rules → diagnostics.  Input problems
that make linting meaningless (empty, binary, not a report) end the file's run with one
``GX0xx`` diagnostic and mark the result *fatal* (exit code 2).
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Callable, Iterable, Mapping, Sequence

from gxlint.catalog import builtin_catalog
from gxlint.coverage import what_was_checked
from gxlint.diagnostics import Diagnostic, Severity
from gxlint.finding_cap import FindingCollector, Suppression, cap_findings
from gxlint.document import Document, Source, Span
from gxlint.errors import InputError
from gxlint.report_facts import collect_facts, keep_frames
from gxlint.plugin import crossreport
from gxlint.plugin.api import Context, Rule
from gxlint.plugin.manager import Registry
from gxlint.suppressions import apply_suppressions, late_scopes, suppressed_late, suppression_key
from gxlint.collector import paused_for
from gxlint.rule_guard import DEFAULT_RULE_TIMEOUT, RuleFault, RuleTimeout, rule_budgets, run_rule
from gxlint.readers.decode import decode, looks_binary
from gxlint.structure import annotate, looks_like_report

if TYPE_CHECKING:  # config imports the engine, not the other way round
    from gxlint.config import Settings, Universe

MAX_BYTES = 50 * 1024 * 1024

EXTENSIONS = {
    ".html": "html",
    ".htm": "html",
    ".shtml": "html",
    ".xhtml": "html",
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "text",
}


@dataclass
class FileResult:
    """One file's lint: its findings, and what reporters and multi-report rules read of it."""
    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    fatal: bool = False  # an input or internal error: the file could not be linted
    source: Source | None = None
    document: Document | None = None
    facts: Any = None  # gxlint.report_facts.ReportFacts of a linted report (for summaries and multi-report rules)
    checked: Any = None  # gxlint.coverage.Checked: what was read, for the summary line
    # the document's gxlint.analysis.Analysis, kept as long as the document is (the
    # document's cache holds it only weakly: see gxlint.analysis.analyse)
    analysis: Any = None
    skipped: bool = False  # met on a directory walk and not a report: counted, not linted


def input_rule(code: str) -> Rule:
    """The catalogue entry of an engine-emitted diagnostic, wrapped as a Rule."""
    entry = builtin_catalog()[code]
    return Rule(meta=entry.meta, check=lambda ctx: ())


class Linter:
    def __init__(
        self,
        registry: Registry,
        settings: Mapping[str, Any] | None = None,
        *,
        rule_filter: Callable[[str, Rule], bool] | None = None,
    ) -> None:
        self.registry = registry
        self.settings = dict(settings or {})
        self.rule_filter = rule_filter
        manager = registry.manager
        if manager is not None:
            manager.hook.gxlint_configure(settings=self.settings)

    # --- inputs ------------------------------------------------------------------------
    def format_for(self, path: str, explicit: str | None = None) -> str | None:
        if explicit:
            return explicit
        suffix = Path(path).suffix.lower()
        fmt = EXTENSIONS.get(suffix)
        if fmt is None:
            reader = self.registry.reader_for_extension(suffix)
            fmt = reader.format if reader else None
        return fmt

    def lint_path(self, path: str, format: str | None = None, *, keep_document: bool = True) -> FileResult:
        from gxlint.reading import read_file  # lazy: --version reads no file

        try:
            raw = read_file(path, MAX_BYTES)
        except InputError as error:  # not a regular file, or too large
            return self._fatal(path, error.code, **error.details)
        except OSError as error:
            return self._fatal(path, "GX006", error=error.strerror or str(error))
        return self.lint_bytes(raw, path, format=format, keep_document=keep_document)

    def refused(self, path: str, error: InputError) -> FileResult:
        """The fatal result for input refused before it was read (e.g. endless standard input)."""
        return self._fatal(path, error.code, **error.details)

    def lint_bytes(self, raw: bytes, path: str, format: str | None = None, *, keep_document: bool = True) -> FileResult:
        """Lint a file's bytes.  ``keep_document=False``: the result comes without its
        document and analysis (a run that only reports them, as the command line does
        unless ``--show-tables`` asks for the tables)."""
        read = self._decoded(raw, path, format)
        if isinstance(read, FileResult):
            return read
        source, replaced, mixed = read
        return self.lint_source(source, replaced=replaced, mixed=mixed, keep_document=keep_document)

    def source_of(self, raw: bytes, path: str, format: str | None = None) -> Source | None:
        """The text linting reads from ``raw``, without running a rule: decoded, or for
        PDF and .docx extracted by their reader (whose document is dropped).  None when
        the bytes give no text."""
        read = self._decoded(raw, path, format)
        if isinstance(read, FileResult):
            return None
        source = read[0]
        if source.extracted:
            try:  # the reader sets the extracted text on the source as it reads
                self.registry.readers[source.format].read(source)
            except Exception:  # unreadable now (InputError, or a reader bug reported when linted)
                return None
        return source if source.text else None

    def _decoded(self, raw: bytes, path: str, format: str | None) -> "FileResult | tuple[Source, Sequence[int], bool]":
        """(the Source, the offsets decoding replaced, whether the text mixed charsets),
        or the fatal result of bytes that cannot be read."""
        fmt = self.format_for(path, format)
        if len(raw) > MAX_BYTES:
            return self._fatal(path, "GX005", size=len(raw), limit=MAX_BYTES)
        if not raw.strip():
            return self._fatal(path, "GX001")
        from gxlint.readers.documents import resolve_format  # lazy: --version reads no file

        if format is None:  # a name without a known extension, or a page's source saved as .txt
            from gxlint.readers.sniff import format_for_content  # lazy: --version reads no file

            fmt = format_for_content(raw, fmt)
        try:  # the first bytes tell PDF and Word files (and formats gxlint does not read)
            fmt = resolve_format(raw, path, fmt or "text", explicit=format is not None)
        except InputError as error:
            return self._fatal(path, error.code, **error.details)
        reader = self.registry.readers.get(fmt)
        if reader is not None and reader.binary:
            return Source(path, "", format=fmt, raw=raw, extracted=True), (), False
        if looks_binary(raw):
            return self._fatal(path, "GX002")
        decoded = decode(raw, fmt)
        if fmt == "html" and format is None:
            from gxlint.readers.sniff import has_no_tag  # lazy: --version reads no file

            if has_no_tag(decoded.text):  # text saved under a page's name: its lines are its structure
                fmt = "text"
        source = Source(path, decoded.text, format=fmt, encoding=decoded.encoding, raw=raw, had_bom=decoded.had_bom)
        return source, decoded.replaced, decoded.mixed

    def lint_text(self, text: str, path: str = "<string>", format: str = "text") -> FileResult:
        return self.lint_source(Source(path, text, format=format, raw=None))

    # --- the run -------------------------------------------------------------------------
    def lint_source(self, source: Source, replaced: Sequence[int] = (), mixed: bool = False, *,
                    keep_document: bool = True) -> FileResult:
        with paused_for(source.format):  # no garbage cycles to look for (gxlint.collector)
            result = self._lint_source(source, replaced, mixed)
            if not keep_document:
                # freed here, before the collector runs again: its first collection would
                # otherwise go over every object of the document and its analysis (~2,000
                # for a report, 0.15 ms) only to find them all alive
                result.document = result.analysis = None
            return result

    def _lint_source(self, source: Source, replaced: Sequence[int], mixed: bool) -> FileResult:
        result = FileResult(path=source.path, source=source)
        if not source.text.strip() and not source.extracted:
            return self._fatal(source.path, "GX001", source=source)
        reader = self.registry.readers.get(source.format)
        if reader is None:
            return self._fatal(source.path, "GX006", error=f"no reader for format {source.format!r}")
        try:
            document = reader.read(source)
            annotate(document)
        except InputError as error:
            return self._fatal(source.path, error.code, source=source, **error.details)
        except Exception as error:  # a reader bug must not become a traceback
            return self._internal(source, "GX902", error, stage=f"{source.format} reader")
        result.document = document
        ctx = Context(document, self.settings)
        result.analysis = ctx.analysis  # (what the rules found out is there for whoever reads the document next)
        # Rules that look for garbled text skip the replacement characters decoding made.
        document.reader_notes["decode_replaced"] = frozenset(replaced)
        if mixed:
            ctx.rule = input_rule("GX008")
            result.diagnostics.append(ctx.report(Span(0, 0)))
        if replaced:
            ctx.rule = input_rule("GX003")
            result.diagnostics.append(ctx.report(Span(replaced[0], replaced[0] + 1), count=len(replaced)))
        if not looks_like_report(document):
            ctx.rule = input_rule("GX004")
            result.diagnostics.append(ctx.report(Span(0, 0)))
            result.fatal = True
            return result
        budget = self.settings.get("rule_timeout", DEFAULT_RULE_TIMEOUT)
        # capped as they come (gxlint.finding_cap): a flood of findings is never all in memory
        findings = FindingCollector(suppression=self.suppression(document), strip_fixes=source.extracted)
        # One timer for the rules and for what the multi-report rules collect (collect_facts
        # opens its own block only when called on its own): installing the handler and
        # setting the timer are four system calls, about 25 us a block on this machine.
        with rule_budgets(budget):
            for rule in self.selected_rules(source.path):
                ctx.rule = rule
                try:  # isolated: a crash, sys.exit(), a bad yield or fix is GX901, an overrun GX903
                    found = run_rule(rule, ctx, budget, findings)
                    if found is not None:
                        findings.merge(found)
                except RuleFault as fault:
                    findings.add(self._crash_diagnostic(ctx, rule, fault.error))
                except RuleTimeout:
                    findings.add(self._crash_diagnostic(ctx, rule, None, budget=budget))
            ctx.rule = None
            tables_error = document.reader_notes.get("tables_error")
            if tables_error is not None:  # the recogniser failed (a bug): its tables were left unread
                ctx.rule = input_rule("GX902")
                findings.add(ctx.report(Span(0, 0), error=_error_summary(tables_error), stage="table recogniser"))
                ctx.rule = None
            result.diagnostics.extend(findings.held())
            result.facts = self.collect_facts(ctx, result.diagnostics)
        try:
            result.checked = what_was_checked(ctx.analysis)
        except Exception:  # pragma: no cover - the count is for the summary only
            result.checked = None
        if source.extracted:  # PDF, .docx: fixes edit the extracted text, never the file
            result.diagnostics = [replace(d, fix=None) if d.fix is not None else d for d in result.diagnostics]
        result.diagnostics = self.postprocess(result.diagnostics, document)
        result.diagnostics.sort(key=Diagnostic.sort_key)
        result.diagnostics = cap_findings(result.diagnostics, dropped=findings.dropped, folded=findings.folded)
        return result

    def collect_facts(self, ctx: Context, diagnostics: list[Diagnostic]) -> Any:
        """The file's :class:`~gxlint.report_facts.ReportFacts`, with what the selected
        multi-report rules collect from it (see :mod:`gxlint.plugin.crossreport`)."""
        budget = self.settings.get("rule_timeout", DEFAULT_RULE_TIMEOUT)

        def crashed(rule: Any, error: BaseException) -> None:  # GX901, or GX903 for an overrun
            timed_out = isinstance(error, RuleTimeout)
            diagnostics.append(self._crash_diagnostic(ctx, rule, None if timed_out else error, budget=budget))

        try:
            facts = collect_facts(ctx.document)
        except Exception as error:  # a bug in gxlint's own fact collection: GX902, the file's findings kept
            ctx.rule = input_rule("GX902")
            diagnostics.append(ctx.report(Span(0, 0), error=_error_summary(error), stage="report facts"))
            ctx.rule = None
            return None
        rules = [r for r in self.registry.multi_report_rules.values()
                 if self.rule_filter is None or self.rule_filter(ctx.source.path, r)]
        with rule_budgets(budget):  # one timer for all of them, as for the rules
            facts.extra = crossreport.collect(ctx, rules, crashed, budget)
        ctx.rule = None
        keep_frames(facts, ctx.source, diagnostics)
        return facts

    def postprocess_late(self, diagnostics: list[Diagnostic], facts: Any) -> list[Diagnostic]:
        """Findings of multi-report rules on this linter's file (see
        :mod:`gxlint.multireport`): severity overrides."""
        return Linter.postprocess(self, diagnostics, None)

    def selected_rules(self, path: str) -> Iterable[Rule]:
        if self.rule_filter is None:
            return self.registry.rules.values()
        return [rule for rule in self.registry.rules.values() if self.rule_filter(path, rule)]

    def suppression(self, document: Document) -> Suppression | None:
        """What tells the findings :meth:`postprocess` will drop as suppressed (None: none
        is), so that they are set aside, not counted, while the rules run."""
        return None

    def postprocess(self, diagnostics: list[Diagnostic], document: Document) -> list[Diagnostic]:
        """Hook for severity overrides and suppressions (see :mod:`gxlint.config`)."""
        overrides = self.settings.get("severity", {})
        if not overrides:
            return diagnostics
        return [with_severity(d, overrides) for d in diagnostics]

    # --- errors ----------------------------------------------------------------------------
    def _fatal(self, path: str, code: str, source: Source | None = None, **args: Any) -> FileResult:
        meta = input_rule(code).meta
        diagnostic = Diagnostic(rule=meta, path=path, line=1, column=1, end_line=1, end_column=1,
                                args=MappingProxyType(args))
        return FileResult(path=path, diagnostics=[diagnostic], fatal=True, source=source)

    def _internal(self, source: Source, code: str, error: BaseException, **args: Any) -> FileResult:
        detail = _error_summary(error)
        meta = input_rule(code).meta
        diagnostic = Diagnostic(rule=meta, path=source.path, line=1, column=1, end_line=1, end_column=1,
                                args=MappingProxyType({"error": detail, **args}))
        return FileResult(path=source.path, diagnostics=[diagnostic], fatal=True, source=source)

    def _crash_diagnostic(self, ctx: Context, rule: Rule, error: BaseException | None,
                          budget: float | None = None) -> Diagnostic:
        """GX901 for a rule that crashed, GX903 (``error`` None) for one past its ``budget``."""
        ctx.rule = input_rule("GX901" if error is not None else "GX903")
        plugin = self.registry.rule_owner.get(rule.code) or rule.meta.plugin
        details = {"error": _error_summary(error)} if error is not None else {"seconds": f"{budget:g}"}
        try:
            return ctx.report(Span(0, 0), rule=ctx.rule, failed=rule.code, rule_name=rule.name,
                              plugin=plugin, **details)
        finally:
            ctx.rule = rule


def _error_summary(error: BaseException) -> str:
    frames = traceback.extract_tb(error.__traceback__)
    where = ""
    if frames:
        last = frames[-1]
        where = f" at {Path(last.filename).name}:{last.lineno}"
    return f"{type(error).__name__}: {error}{where}"


def with_severity(diagnostic: Diagnostic, overrides: Mapping[str, str]) -> Diagnostic:
    """The diagnostic with the severity the configuration sets for its rule, if any: the
    one place severity overrides are applied (file findings, multi-report findings,
    stale-baseline findings)."""
    level = overrides.get(diagnostic.code)
    return replace(diagnostic, severity=Severity.parse(level)) if level else diagnostic


class ConfiguredLinter(Linter):
    """The engine's configured pipeline: a :class:`Linter` that applies one resolved
    :class:`~gxlint.config.Settings` — rule selection and per-file ignores
    (``rule_filter``), rule options (``settings``), then after the rules inline
    suppressions and severity (``postprocess``; ``postprocess_late`` for multi-report
    findings).  The configuration only says what is selected; the engine applies it."""

    def __init__(self, registry: Registry, settings: Settings, universe: Universe, *, suppress: bool = True) -> None:
        self.resolved = settings
        self.universe = universe
        self.suppress = suppress
        super().__init__(registry, settings.engine_settings(),
                         rule_filter=lambda path, rule: settings.is_enabled(rule.code, path))

    def postprocess(self, diagnostics: list[Diagnostic], document: Any) -> list[Diagnostic]:
        path = document.source.path
        kept = [d for d in diagnostics if self.resolved.selects(d, path)]
        if self.suppress:
            kept = apply_suppressions(
                kept, document, self.universe,
                enabled=lambda code: self.resolved.is_enabled(code, path),
                deferred=self.registry.multi_report_rules,
            )
        return super().postprocess(kept, document)

    def suppression(self, document: Any) -> Suppression | None:
        return suppression_key(document, self.universe) if self.suppress else None

    def collect_facts(self, ctx: Any, diagnostics: list[Diagnostic]) -> Any:
        facts = super().collect_facts(ctx, diagnostics)
        if facts is not None and self.suppress and self.registry.multi_report_rules:
            facts.suppressions = late_scopes(ctx.document, self.universe, self.registry.multi_report_rules)
        return facts

    def postprocess_late(self, diagnostics: list[Diagnostic], facts: Any) -> list[Diagnostic]:
        """Findings of multi-report rules, added after the file's own pass (and perhaps after
        its text was dropped): selection, the file's suppression comments (kept in its
        facts) and severity."""
        kept = [d for d in diagnostics if self.resolved.selects(d, facts.path)]
        if self.suppress and facts.suppressions:
            kept = [d for d in kept if d.code.startswith("GX9") or not suppressed_late(d, facts.suppressions)]
        return super().postprocess_late(kept, facts)
