"""Inline suppressions: comments in the report that silence named rules.

HTML and Markdown (any comment the reader found, ``document.reader_notes["comments"]``)::

    <!-- gxlint-disable GX201, GX3 -- 表格按上级口径填报 -->
    ...                                   (findings here are suppressed)
    <!-- gxlint-enable GX201, GX3 -->
    <!-- gxlint-disable-next-line column-balance -- reason -->
    <!-- gxlint-disable-file GX4 -- reason -->

Plain text files have no comments, so a line of its own starting with ``#`` is one::

    # gxlint-disable-next-line GX201 -- reason

(an HTML-style ``<!-- gxlint-… -->`` comment works in text files too).

Each directive names rule codes, code prefixes or rule names (``ALL`` for every rule),
separated by commas or spaces; ``-- reason`` is free text.  A bare directive, an unknown
directive or an unknown rule is refused (GX010) and suppresses nothing; a directive
that suppressed nothing is reported (GX011).  ``disable`` lasts until a matching
``enable`` or the end of the file; ``disable-next-line`` covers the next non-blank
line; ``disable-file`` the whole file wherever it stands.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Callable, Collection, Iterable

from gxlint.diagnostics import Diagnostic
from gxlint.lazy_pattern import lazy_compile

KINDS = ("disable", "enable", "disable-next-line", "disable-file")
HTML_COMMENT = lazy_compile(r"<!--(.*?)-->", re.S)
TEXT_COMMENT = lazy_compile(r"^[ \t\u3000]*#[ \t]*(gxlint\b.*?)[ \t\r]*$", re.M)
DIRECTIVE = lazy_compile(r"^gxlint-?(?P<kind>[A-Za-z-]*)(?P<rest>.*)$", re.S)


@dataclass
class Directive:
    """A ``gxlint-disable…`` comment found in a report: what it names, where it is, what it suppressed."""
    kind: str
    selectors: list[str]
    codes_by_selector: dict[str, frozenset[str]]
    start: int  # character offsets of the comment in the source
    end: int
    reason: str = ""
    used: set[str] = field(default_factory=set)  # codes it suppressed

    @property
    def codes(self) -> frozenset[str]:
        return frozenset().union(*self.codes_by_selector.values()) if self.codes_by_selector else frozenset()


@dataclass
class Comment:
    """An ``<!-- … -->`` comment of the source that may hold a directive, with its offsets."""
    text: str
    start: int
    end: int


def find_comments(document: Any) -> list[Comment]:
    """Comments that may hold directives, located in the source text."""
    source = document.source
    comments: list[Comment] = []
    notes = getattr(document, "reader_notes", {}) or {}
    located = notes.get("comments")
    if located is not None and source.format in ("html", "markdown"):
        for text in located:
            value = str(text)
            span = text.span() if hasattr(text, "span") and len(value) else None
            if span is None:
                continue
            comments.append(Comment(value, span.start, span.end))
    else:
        for match in HTML_COMMENT.finditer(source.text):
            comments.append(Comment(match.group(1), match.start(), match.end()))
    if source.format == "text":
        for match in TEXT_COMMENT.finditer(source.text):
            comments.append(Comment(match.group(1), match.start(), match.end()))
    comments.sort(key=lambda c: c.start)
    return comments


def _strip_delimiters(text: str) -> str:
    text = text.strip()
    if text.startswith("<!--"):
        text = text[4:]
    if text.endswith("-->"):
        text = text[:-3]
    return text.strip()


def parse_directives(document: Any, universe: Any) -> tuple[list[Directive], list[tuple[int, int, str]]]:
    """The directives of a document, and the malformed ones as (start, end, reason)."""
    directives: list[Directive] = []
    errors: list[tuple[int, int, str]] = []
    for comment in find_comments(document):
        content = _strip_delimiters(comment.text)
        if not content.lower().startswith("gxlint"):
            continue
        match = DIRECTIVE.match(content)
        kind = match.group("kind").lower() if match else ""
        rest = match.group("rest") if match else content
        if kind not in KINDS:
            word = content.split()[0] if content.split() else content
            errors.append((comment.start, comment.end,
                           f"unknown directive {word!r}; use gxlint-disable, gxlint-enable, "
                           "gxlint-disable-next-line or gxlint-disable-file"))
            continue
        if rest and not rest[0].isspace():
            errors.append((comment.start, comment.end, f"unknown directive 'gxlint-{kind}{rest.split()[0]}'"))
            continue
        selectors_part, _, reason = rest.partition("--")
        selectors = [s for s in re.split(r"[\s,，、]+", selectors_part) if s]
        if not selectors:
            errors.append((comment.start, comment.end,
                           f"gxlint-{kind} names no rule: a bare directive would hide every finding; "
                           f"name the codes, e.g. gxlint-{kind} GX201 -- reason"))
            continue
        resolved: dict[str, frozenset[str]] = {}
        bad = []
        for selector in selectors:
            try:
                resolved[selector] = universe.resolve(selector)[0]
            except KeyError:
                bad.append(selector)
        if bad:
            errors.append((comment.start, comment.end,
                           "unknown rule code, prefix or name " + ", ".join(repr(b) for b in bad)))
            continue
        directives.append(Directive(kind, selectors, resolved, comment.start, comment.end, reason.strip()))
    return directives, errors


def _offset(source: Any, diagnostic: Diagnostic) -> int:
    starts = source.line_starts
    line = max(1, min(diagnostic.line, len(starts)))
    return min(starts[line - 1] + max(diagnostic.column - 1, 0), len(source.text))


@dataclass
class _Scope:
    """The codes a directive suppresses and the offsets (or the line) it covers."""
    directive: Directive
    codes: frozenset[str]
    start: int  # offset range [start, end)
    end: int
    line: int | None = None  # for next-line: the covered line instead of a range


def _scopes(directives: list[Directive], source: Any) -> tuple[list[_Scope], list[tuple[Directive, str]]]:
    scopes: list[_Scope] = []
    problems: list[tuple[Directive, str]] = []
    text_end = len(source.text) + 1
    open_: list[tuple[Directive, set[str]]] = []  # disable directives and their still-open codes
    for directive in directives:
        if directive.kind == "disable-file":
            scopes.append(_Scope(directive, directive.codes, 0, text_end))
        elif directive.kind == "disable":
            open_.append((directive, set(directive.codes)))
        elif directive.kind == "enable":
            closed_any = False
            for disable, remaining in open_:
                closing = remaining & directive.codes
                if closing:
                    scopes.append(_Scope(disable, frozenset(closing), disable.start, directive.start))
                    remaining -= closing
                    closed_any = True
            open_ = [(d, r) for d, r in open_ if r]
            if not closed_any:
                problems.append((directive, "gxlint-enable " + ", ".join(directive.selectors)
                                 + " closes no open gxlint-disable"))
        else:  # disable-next-line
            end_line, _ = source.position(directive.end)
            target = end_line + 1
            while target <= source.line_count and not source.line_text(target).strip():
                target += 1
            scopes.append(_Scope(directive, directive.codes, 0, 0, line=target))
    for disable, remaining in open_:
        scopes.append(_Scope(disable, frozenset(remaining), disable.start, text_end))
    return scopes, problems


def _covered(scope: _Scope, diagnostic: Diagnostic, offset: int) -> bool:
    if diagnostic.code not in scope.codes:
        return False
    if scope.line is not None:
        return diagnostic.line == scope.line
    return scope.start <= offset < scope.end


def late_scopes(document: Any, universe: Any, codes: Collection[str]) -> tuple:
    """The file's suppressions of ``codes`` (multi-report rules, whose findings arrive after
    the file's text may be gone) as positions: ``(codes, (line, column), (end_line,
    end_column), next_line)``.  Kept in the file's facts; see :func:`suppressed_late`."""
    directives, _ = parse_directives(document, universe)
    if not directives:
        return ()
    scopes, _ = _scopes(directives, document.source)
    source = document.source
    out = []
    for scope in scopes:
        wanted = scope.codes & frozenset(codes)
        if wanted:
            out.append((wanted, source.position(scope.start), source.position(min(scope.end, len(source.text))),
                        scope.line))
    return tuple(out)


def suppressed_late(diagnostic: Diagnostic, scopes: Iterable) -> bool:
    """Whether one of the :func:`late_scopes` covers ``diagnostic``."""
    where = (diagnostic.line, diagnostic.column)
    for codes, start, end, line in scopes:
        if diagnostic.code in codes and (diagnostic.line == line if line is not None
                                         else start <= where < end):
            return True
    return False


def suppression_key(document: Any, universe: Any) -> Callable[[Diagnostic], tuple | None] | None:
    """Which suppressions of ``document`` hide a finding, as :func:`apply_suppressions`
    decides: ``(code, scope numbers)`` for a hidden one, None for one shown; None when the
    document has no directive.  Lets findings be set aside as the rules yield them
    (:class:`gxlint.finding_cap.FindingCollector`)."""
    directives, _ = parse_directives(document, universe)
    if not directives:
        return None
    source = document.source
    scopes, _ = _scopes(directives, source)

    def key(diagnostic: Diagnostic) -> tuple | None:
        if diagnostic.code.startswith("GX9"):
            return None
        offset = _offset(source, diagnostic)
        hit = tuple(i for i, scope in enumerate(scopes) if _covered(scope, diagnostic, offset))
        return (diagnostic.code, hit) if hit else None

    return key


def _meta_diagnostic(universe: Any, code: str, source: Any, start: int, end: int, **args: Any) -> Diagnostic:
    meta = universe.metas[code]
    line, column = source.position(start)
    end_line, end_column = source.position(end)
    if (end_line, end_column) <= (line, column):
        end_line, end_column = line, column + 1
    return Diagnostic(rule=meta, path=source.path, line=line, column=column, end_line=end_line,
                      end_column=end_column, args=MappingProxyType(args), start=start, end=end)


def apply_suppressions(
    diagnostics: Iterable[Diagnostic],
    document: Any,
    universe: Any,
    *,
    enabled: Callable[[str], bool] = lambda code: True,
    deferred: Collection[str] = (),
    meta_findings: bool = True,
) -> list[Diagnostic]:
    """Drop suppressed diagnostics; add GX010 (malformed) and GX011 (unused) findings.

    ``deferred`` codes (multi-report rules) are found after the file's own pass, and
    only when other reports are linted with it, so a suppression of them is never
    reported unused.  ``meta_findings=False`` only drops suppressed diagnostics (for
    findings added after the file's own pass)."""
    diagnostics = list(diagnostics)
    source = document.source
    directives, errors = parse_directives(document, universe)
    if not directives and not errors:
        return diagnostics
    scopes, problems = _scopes(directives, source)

    kept: list[Diagnostic] = []
    for diagnostic in diagnostics:
        offset = _offset(source, diagnostic)
        hit = [s for s in scopes if _covered(s, diagnostic, offset)]
        if hit and not diagnostic.code.startswith("GX9"):
            for scope in hit:
                scope.directive.used.add(diagnostic.code)
        else:
            kept.append(diagnostic)

    meta: list[Diagnostic] = []
    if not meta_findings:
        return kept
    if enabled("GX010"):
        for start, end, reason in errors:
            meta.append(_meta_diagnostic(universe, "GX010", source, start, end, reason=reason))
        for directive, reason in problems:
            meta.append(_meta_diagnostic(universe, "GX010", source, directive.start, directive.end, reason=reason))
    if enabled("GX011"):
        for directive in directives:
            if directive.kind == "enable":
                continue
            unused = [
                selector for selector, codes in directive.codes_by_selector.items()
                if not (codes & directive.used) and any(enabled(c) and c not in deferred for c in codes)
            ]
            if unused:
                meta.append(_meta_diagnostic(universe, "GX011", source, directive.start, directive.end,
                                             directive=f"gxlint-{directive.kind}", codes=", ".join(unused)))
    # the suppression findings themselves obey file-wide and range directives
    for diagnostic in meta:
        offset = _offset(source, diagnostic)
        if not any(_covered(s, diagnostic, offset) for s in scopes):
            kept.append(diagnostic)
    return kept
