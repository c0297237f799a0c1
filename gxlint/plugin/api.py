"""The objects plugins build: rules, readers, reporters, and the context a rule sees."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Mapping, Sequence

from gxlint.analysis import Analysis, Prose, analyse
from gxlint.analysis.facts import Facts
from gxlint.analysis.lines import Line
from gxlint.catalog import builtin_catalog
from gxlint.diagnostics import Diagnostic, Fix, RuleMeta, Severity
from gxlint.document import Block, Cell, Document, Source, Span, Text
from gxlint.normalize import Normalized

if TYPE_CHECKING:  # pragma: no cover
    from gxlint.tables.model import StandardTables

CheckFunction = Callable[["Context"], Iterable[Diagnostic]]


@dataclass(frozen=True)
class Rule:
    """A check function and its catalogue entry."""

    meta: RuleMeta
    check: CheckFunction
    options: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def code(self) -> str:
        return self.meta.code

    @property
    def name(self) -> str:
        return self.meta.name


def rule(
    code: str,
    *,
    name: str | None = None,
    family: str | None = None,
    severity: str | Severity | None = None,
    summary: str | None = None,
    summary_zh: str = "",
    messages: Mapping[str, str] | None = None,
    fixable: bool = False,
    docs: Mapping[str, str] | None = None,
    options: Mapping[str, Any] | None = None,
    plugin: str | None = None,
) -> Callable[[CheckFunction], Rule]:
    """Decorate a check function as a rule.

    Third-party rules give all metadata here.  Built-in rules give only the code: their
    metadata comes from the shipped ``rules.toml`` catalogue, so code and catalogue
    cannot disagree silently (a test checks both ways).
    """

    def decorate(check: CheckFunction) -> Rule:
        if name is None:
            entry = builtin_catalog().get(code)
            if entry is None:
                raise LookupError(f"rule {code} is not in rules.toml and declares no metadata")
            meta = entry.meta
            opts = dict(entry.options)
        else:
            if family is None or severity is None or summary is None or not messages:
                raise ValueError(f"rule {code}: family, severity, summary and messages are required")
            meta = RuleMeta(
                code=code,
                name=name,
                family=family,
                severity=Severity.parse(severity),
                summary=summary,
                summary_zh=summary_zh,
                messages=MappingProxyType(dict(messages)),
                fixable=fixable,
                docs=MappingProxyType(dict(docs or {})),
                plugin=plugin or check.__module__.split(".")[0],
            )
            opts = {}
        opts.update(options or {})
        return Rule(meta=meta, check=check, options=MappingProxyType(opts))

    return decorate


@dataclass(frozen=True)
class Reader:
    """An input format: ``read(source) -> Document``.

    A ``binary`` reader (PDF, .docx) gets a :class:`Source` whose ``raw`` holds the
    file's bytes and whose ``text`` is empty; it extracts the text and sets it with
    ``source.set_extracted_text``.
    """

    format: str
    extensions: tuple[str, ...]
    read: Callable[["Source"], "Document"]
    binary: bool = False


@dataclass(frozen=True)
class Reporter:
    """An output format: ``write(results, stream, options)``.

    ``results`` is a list of :class:`gxlint.engine.FileResult`; ``options`` carries
    ``lang``, ``color`` and the like.
    """

    name: str
    write: Callable[..., None]
    description: str = ""


class Context:
    """What a rule sees: the parsed document (parsed once), its analysis, its options.

    Rules call :meth:`report` to build diagnostics; they never compute line numbers.
    """

    def __init__(
        self,
        document: Document,
        settings: Mapping[str, Any] | None = None,
        analysis: Analysis | None = None,
    ) -> None:
        self.document = document
        self.source = document.source
        self.settings = settings or {}
        self.analysis = analysis or analyse(document)
        self.rule: Rule | None = None

    @property
    def facts(self) -> Facts:
        """What the report says about itself: ``.year``, ``.title``, ``.agency``,
        ``.agency_kind``, ``.period``, ``.published`` (computed once per document)."""
        return self.analysis.facts

    @property
    def prose(self) -> Prose:
        """The prose: ``.units`` (paragraphs, wrapped lines joined), ``.figures``, ``.claims``,
        ``.parts_lists`` (what the text says in numbers)."""
        return self.analysis.prose

    @property
    def lines(self) -> Sequence[Line]:
        """The content as lines: source lines of text/Markdown, blocks (table rows) of HTML."""
        return self.analysis.lines

    @property
    def furniture_lines(self) -> list[Line]:
        """HTML page furniture outside the content (header, navigation, footer) as lines."""
        return self.analysis.furniture_lines

    @property
    def tables(self) -> "StandardTables":
        """Tables 二, 三 and 四 aligned with the templates (computed once per document)."""
        return self.analysis.tables

    @property
    def options(self) -> Mapping[str, Any]:
        """This rule's options: catalogue defaults overlaid with the user's settings."""
        if self.rule is None:
            return {}
        merged = dict(self.rule.options)
        user = self.settings.get("rule_options", {}).get(self.rule.code, {})
        merged.update(user)
        return merged

    def span_of(self, where: Any) -> Span:
        """The source span of a place: a span, block, cell, text, view, or ``(text, i, j)``."""
        if where is None:
            return Span(0, 0)
        if isinstance(where, Span):
            return where
        if isinstance(where, (Block, Cell)):
            return where.span
        if isinstance(where, (Text, Normalized)):
            return where.span()
        if isinstance(where, tuple) and len(where) == 3:
            obj, i, j = where
            return obj.span(i, j)
        raise TypeError(f"cannot locate {where!r}")

    def report(
        self,
        where: Any,
        *,
        fix: Fix | None = None,
        severity: Severity | str | None = None,
        rule: Rule | None = None,
        **args: Any,
    ) -> Diagnostic:
        owner = rule or self.rule
        if owner is None:
            raise RuntimeError("Context.report() called outside a rule")
        span = self.span_of(where)
        line, column = self.source.position(span.start)
        end_line, end_column = self.source.position(span.end)
        if (end_line, end_column) <= (line, column):
            end_line, end_column = line, column + 1
        return Diagnostic(
            rule=owner.meta,
            path=self.source.path,
            line=line,
            column=column,
            end_line=end_line,
            end_column=end_column,
            args=MappingProxyType(args),
            severity=Severity.parse(severity) if severity else None,
            fix=fix,
            start=span.start,
            end=span.end,
        )


def iter_rules(results: Sequence[Sequence[Rule]]) -> Iterator[Rule]:
    for group in results:
        yield from group or ()
