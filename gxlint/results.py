"""A linted file as it leaves the linter: small, picklable, JSON-able, document dropped.

A :class:`~gxlint.engine.FileResult` holds the whole parsed document (about half a MiB
for a report).  Once a file's rules have run, reporters need only its diagnostics and,
for code frames and fingerprints, a few lines of its text.  :func:`slim` keeps exactly
that (an :class:`Excerpt` in place of the source), so a run over 100,000 reports keeps
kilobytes per report, not the documents.  The file's :class:`~gxlint.report_facts.ReportFacts`
(small plain data: what summaries and multi-report rules need) stay with it.  :func:`pack` / :func:`unpack` turn a slim
result into plain data and back: what worker processes, Dask workers and the cache send
or store.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Callable, Iterator, Mapping

from gxlint.coverage import from_data as checked_from_data, not_a_report, to_data as checked_to_data
from gxlint.diagnostics import Diagnostic, Edit, Fix, FoldedFixes, RuleMeta, Severity
from gxlint.engine import FileResult
from gxlint.report_facts import compact

class Excerpt:
    """What reporters read of a file's source once the document is dropped: the line
    count, the lines findings start on, and the text of each finding's span."""

    __slots__ = ("path", "line_count", "lines", "spans", "pages")

    def __init__(self, path: str, line_count: int, lines: Mapping[int, str],
                 spans: Mapping[tuple[int, int], str], pages: Mapping[tuple[int, int], int] | None = None) -> None:
        self.path = path
        self.line_count = line_count
        self.lines = dict(lines)
        self.spans = dict(spans)
        self.pages = dict(pages or {})  # (line, column) -> PDF page, for paged formats

    @classmethod
    def of(cls, source: Any, diagnostics: list[Diagnostic]) -> "Excerpt":
        lines = {d.line: source.line_text(d.line) for d in diagnostics}
        spans = {(d.start, d.end): source.span_text(d.start, d.end) for d in diagnostics if d.end > d.start}
        pages = {}
        for d in diagnostics:
            page = source.page_at(d.line, d.column)
            if page is not None:
                pages[(d.line, d.column)] = page
        return cls(source.path, source.line_count if source.text else 0, lines, spans, pages)

    def page_at(self, line: int, column: int) -> int | None:
        return self.pages.get((line, column))

    def has_line(self, line: int) -> bool:
        """Whether the excerpt holds ``line`` (it keeps only the lines findings are on)."""
        return line in self.lines

    def merge(self, other: "Excerpt") -> None:
        """Take in the lines, spans and pages of ``other`` (an excerpt of the same file
        made later, e.g. for multi-report findings) that this one lacks."""
        for mine, theirs in ((self.lines, other.lines), (self.spans, other.spans), (self.pages, other.pages)):
            for key, value in theirs.items():
                mine.setdefault(key, value)
        self.line_count = self.line_count or other.line_count

    def line_text(self, line: int) -> str:
        return self.lines.get(line, "")

    def span_text(self, start: int, end: int) -> str:
        return self.spans.get((start, end), "")


def late_excerpt(kept: list[Diagnostic], read: Callable[[str], Any]) -> Any:
    """The :class:`~gxlint.results.Excerpt` of multi-report findings ``kept`` on one
    file: its text is read again (``read(path)``: the decoded or extracted
    :class:`~gxlint.document.Source`, :meth:`gxlint.session.Session.source`), since a streamed run
    dropped it, and these findings point at lines that the file's own findings may not be
    on (a table cell, the title).  None when the file cannot be read now (standard
    input, or removed since): the findings are then shown without a code frame."""
    path = kept[0].path
    if path == "-":
        return None
    try:
        source = read(path)
    except Exception:  # a frame is a courtesy: the findings stand without it
        return None
    if source is None or not getattr(source, "text", ""):
        return None
    return Excerpt.of(source, kept)


class LateLines(Excerpt):
    """A packed result's excerpt that reads the lines of its multi-report findings from
    the file when a reporter first asks for a line or text it lacks: the formats that show
    no code frame (concise, JSON, …) never read a file twice."""

    __slots__ = ("_load",)

    def __init__(self, excerpt: Excerpt, load: Callable[[], Excerpt | None]) -> None:
        super().__init__(excerpt.path, excerpt.line_count, excerpt.lines, excerpt.spans, excerpt.pages)
        self._load: Callable[[], Excerpt | None] | None = load

    def _read(self) -> None:
        load, self._load = self._load, None
        extra = load() if load is not None else None
        if extra is not None:
            self.merge(extra)

    def has_line(self, line: int) -> bool:
        if line not in self.lines and self._load is not None:
            self._read()
        return line in self.lines

    def line_text(self, line: int) -> str:
        self.has_line(line)  # read the file if the line is missing
        return self.lines.get(line, "")

    def span_text(self, start: int, end: int) -> str:
        if (start, end) not in self.spans and self._load is not None:
            self._read()
        return self.spans.get((start, end), "")

    def page_at(self, line: int, column: int) -> int | None:
        if (line, column) not in self.pages and self._load is not None:
            self._read()
        return self.pages.get((line, column))


def slim(result: FileResult) -> FileResult:
    """The same result without its document: the source becomes an :class:`Excerpt`."""
    source = result.source
    excerpt = Excerpt.of(source, result.diagnostics) if source is not None and not isinstance(source, Excerpt) else source
    return FileResult(path=result.path, diagnostics=result.diagnostics, fatal=result.fatal, source=excerpt,
                      facts=result.facts, checked=result.checked, skipped=result.skipped)


# --- plain data ---------------------------------------------------------------------------------


def pack(result: FileResult) -> dict[str, Any]:
    """A slim result as plain data (lists, dicts, scalars, and the facts' dataclasses);
    rule metadata by code only."""
    source = result.source
    if source is not None and not isinstance(source, Excerpt):
        source = Excerpt.of(source, result.diagnostics)
    return {
        "path": result.path,
        "fatal": result.fatal,
        "diagnostics": [_pack_diagnostic(d) for d in result.diagnostics],
        "excerpt": None if source is None else {
            "line_count": source.line_count,
            "lines": [[n, text] for n, text in sorted(source.lines.items())],
            "spans": [[start, end, text] for (start, end), text in sorted(source.spans.items())],
            "pages": [[line, column, page] for (line, column), page in sorted(source.pages.items())],
        },
        "facts": result.facts,
        "checked": checked_to_data(result.checked),
        "skipped": result.skipped,
    }


def _pack_diagnostic(d: Diagnostic) -> list[Any]:
    fix: Any = None
    if isinstance(d.fix, FoldedFixes):
        fix = d.fix.data()  # a dict, where a listed finding's fix is a list
    elif d.fix is not None:
        edits = d.fix.edits
        data = edits.data() if isinstance(edits, PackedEdits) else [[e.start, e.end, e.replacement] for e in edits]
        fix = [d.fix.safe, d.fix.description, data]
    return [d.code, d.line, d.column, d.end_line, d.end_column, dict(d.args),
            d.severity.value if d.severity else None, fix, d.start, d.end]


class PackedEdits(Sequence[Edit]):
    """A fix's edits as packed (``[start, end, replacement]`` each), made into
    :class:`Edit` values when first read: a report that only marks findings fixable never
    builds them (a page-residue fix can hold hundreds).  Equal to the tuple of its edits."""

    __slots__ = ("_data", "_edits")

    def __init__(self, data: list[list[Any]]) -> None:
        self._data = data
        self._edits: tuple[Edit, ...] | None = None

    def _built(self) -> tuple[Edit, ...]:
        if self._edits is None:
            self._edits = tuple(Edit(s, e, r) for s, e, r in self._data)
        return self._edits

    def data(self) -> list[list[Any]]:
        return [list(edit) for edit in self._data] if self._edits is None else [[e.start, e.end, e.replacement]
                                                                               for e in self._edits]

    def __len__(self) -> int:
        return len(self._data)

    def __getitem__(self, index: Any) -> Any:
        return self._built()[index]

    def __iter__(self) -> Iterator[Edit]:
        return iter(self._built())

    def __eq__(self, other: object) -> bool:
        return self._built() == (other._built() if isinstance(other, PackedEdits) else other)

    def __hash__(self) -> int:
        return hash(self._built())

    def __repr__(self) -> str:
        return repr(self._built())

    def __reduce__(self) -> tuple:  # pickles as the plain tuple it stands for
        return (tuple, (self._built(),))


class UnknownRule(LookupError):
    """Packed data names a rule code this session does not know (a stale cache entry)."""


def unpack(data: Mapping[str, Any], metas: Mapping[str, RuleMeta], path: str | None = None) -> FileResult:
    """The slim result back; ``path`` renames it (the cache stores no display path)."""
    path = data["path"] if path is None else path
    diagnostics = []
    for code, line, column, end_line, end_column, args, severity, fix, start, end in data["diagnostics"]:
        meta = metas.get(code)
        if meta is None:
            raise UnknownRule(code)
        if isinstance(fix, dict):
            fix = FoldedFixes.from_data(fix)
        elif fix is not None:
            safe, description, edits = fix
            if not set(map(len, edits)) <= {3}:  # each Edit is built when first read
                raise ValueError("an edit is not [start, end, replacement]")
            fix = Fix(edits=PackedEdits(edits), safe=safe, description=description)
        diagnostics.append(Diagnostic(
            rule=meta, path=path, line=line, column=column, end_line=end_line, end_column=end_column,
            args=MappingProxyType(dict(args)), severity=Severity(severity) if severity else None,
            fix=fix, start=start, end=end,
        ))
    excerpt = data["excerpt"]
    source = None if excerpt is None else Excerpt(
        path, excerpt["line_count"], {n: text for n, text in excerpt["lines"]},
        {(s, e): text for s, e, text in excerpt["spans"]},
        {(line, column): page for line, column, page in excerpt.get("pages", ())},
    )
    facts = data.get("facts")
    if facts is not None and getattr(facts, "path", path) != path:
        facts.path = path
    return FileResult(path=path, diagnostics=diagnostics, fatal=data["fatal"], source=source, facts=facts,
                      checked=checked_from_data(data.get("checked")), skipped=data.get("skipped", False))


def tally(result: FileResult) -> tuple[bool, int, int]:
    """(fatal, error findings, warning findings) of one file: what the exit status needs."""
    levels = [d.effective_severity.value for d in result.diagnostics]
    return bool(result.fatal), levels.count("error"), levels.count("warning")


def pack_blob(result: FileResult) -> bytes:
    """:func:`pack` without the facts, pickled and compressed: how a result is kept until
    the report (:class:`PackedResult`) and stored in the cache."""
    import pickle  # lazy: a run of one file without the cache packs nothing (2 ms of its start-up)

    data = pack(result)
    data["facts"] = None
    return zlib.compress(pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL), 1)


class PackedResult:
    """A slim result kept until the end of a run in a few kilobytes: its :func:`pack_blob`;
    ``facts``, when kept, in compact form for the multi-report rules
    (:func:`gxlint.report_facts.compact`); and the findings the multi-report rules added
    afterwards (``late``), kept beside the blob rather than packed into it.  ``path`` is
    the name to report (the blob may hold the name before :mod:`gxlint.display_path`).
    ``not_a_report``: a directory walk skips this file (:func:`gxlint.coverage.not_a_report`).
    See :mod:`gxlint.result_stream`."""

    __slots__ = ("path", "blob", "facts", "tally", "late", "late_excerpt", "late_read", "not_a_report")

    def __init__(self, result: FileResult, *, keep_facts: bool = True, facts: Any = None) -> None:
        self.path = result.path
        self.tally = tally(result)  # what the exit status needs, without unpacking
        self.blob = pack_blob(result)
        if facts is None and keep_facts and not result.fatal and result.facts is not None:
            facts = compact(result.facts)
        self.facts = facts
        self.late: tuple[Diagnostic, ...] = ()
        self.late_excerpt: Excerpt | None = None
        self.late_read: Callable[[str], Any] | None = None
        self.not_a_report = not_a_report(result)

    @classmethod
    def of_blob(cls, path: str, blob: bytes, tally: tuple[bool, int, int], facts: Any,
                not_a_report: bool) -> "PackedResult":
        """A packed result from its parts, as the cache stores them (nothing repacked)."""
        packed = cls.__new__(cls)
        packed.path, packed.blob, packed.tally, packed.facts = path, blob, tally, facts
        packed.late, packed.late_excerpt, packed.late_read, packed.not_a_report = (), None, None, not_a_report
        return packed

    def open(self, metas: Mapping[str, RuleMeta]) -> FileResult:
        """The slim result with the compact facts kept (if any), late findings in their
        place, a new object each time."""
        import pickle  # lazy: see pack_blob

        result = unpack(pickle.loads(zlib.decompress(self.blob)), metas, path=self.path)
        result.facts = self.facts
        if self.late:
            result.diagnostics.extend(self.late)
            result.diagnostics.sort(key=Diagnostic.sort_key)
            if isinstance(result.source, Excerpt) and (self.late_read or self.late_excerpt):
                result.source = LateLines(result.source, self._late_lines)
        return result

    def _late_lines(self) -> Excerpt | None:
        """The lines the late findings point at, read from the file once (then kept)."""
        if self.late_read is not None:
            self.late_excerpt, self.late_read = late_excerpt(list(self.late), self.late_read), None
        return self.late_excerpt

    def add_late(self, kept: list[Diagnostic], read: Callable[[str], Any] | None = None) -> None:
        """Add the multi-report rules' findings on this file (as
        :func:`gxlint.multireport.add_late` does to a live result).  ``read(path)`` gives
        the file's :class:`~gxlint.document.Source` again for the lines they point at (the
        packed result keeps only its own findings' lines); it is called only if a reporter
        asks for such a line (:class:`LateLines`)."""
        self.late = (*self.late, *kept)
        if read is not None:
            self.late_read, self.late_excerpt = read, None
        levels = [d.effective_severity.value for d in kept]
        fatal, errors, warnings = self.tally
        self.tally = (fatal, errors + levels.count("error"), warnings + levels.count("warning"))

    def replaced(self, result: FileResult) -> "PackedResult":
        """``result`` (this file's, changed: late findings included) packed, with the same compact facts."""
        return PackedResult(result, facts=self.facts)


# --- what a session hands on per file ----------------------------------------------------


@dataclass
class FileFix:
    """What ``--fix`` / ``--diff`` made of one file, without its texts."""

    path: str
    applied: int = 0
    problem: str | None = None  # why the file is not fixed
    data: bytes | None = None  # the fixed bytes, to write (or print, for standard input)
    diff: str = ""  # the unified diff, when asked for
    stdin: bool = False  # standard input: the fixed text goes to standard output

    @property
    def changed(self) -> bool:
        return self.data is not None and self.problem is None and self.applied > 0


@dataclass
class Linted:
    """One file's slim result (document dropped) and, when fixing, its fix."""

    result: Any  # a FileResult, or a PackedResult once prepared to be kept
    fix: FileFix | None = None
    prepared: bool = False  # gxlint.result_stream.Prepare was done to it


@dataclass(frozen=True)
class Packing:
    """A caller keeps results packed (:class:`PackedResult`); ``keep_facts``: with their
    compact facts, for the multi-report rules."""

    keep_facts: bool = False


@dataclass(frozen=True)
class FixMode:
    """``--fix`` (write), ``--diff`` (show) and whether unsafe fixes apply."""

    diff: bool = False
    unsafe: bool = False
