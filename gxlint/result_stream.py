"""The results of a run as the reporters see them, kept small until the end of the run.

Reporters iterate the results more than once (the findings, then the summary line), and
the multi-report rules (GX6xx) can add a finding to any file once every file is linted,
so a file's findings are final only at the end of the run.  Until then a
:class:`ResultStream` keeps each file's slim result either as it is, or — when the output
format reads nothing but findings, excerpts and what the compact facts keep
(:data:`PACKED_FORMATS`) — packed: the result as compressed plain data
(:class:`gxlint.results.PackedResult`, about 4 KB for a report) and, while multi-report
rules are on or the format reads them (:data:`COMPACT_FACT_FORMATS`), its facts in
compact form (:func:`gxlint.report_facts.compact`).  Each pass over the results unpacks
them one at a time, so memory grows by a few kilobytes per file, not by the ~55 KB a live
result holds.
"""

from __future__ import annotations

from typing import Any, Callable, Iterable, Iterator, Mapping

from gxlint.coverage import skip_if_not_a_report
from gxlint.display_path import display_path, with_display_paths
from gxlint.results import Linted, PackedResult, Packing, tally

# formats whose reporters read findings, excerpts, coverage and no more of the files' facts
# than their compact form keeps (no cell as written, no code frame), and hold no result
# from one pass over the results to the next (see _common.fingerprinted)
PACKED_FORMATS = frozenset({"full", "text", "concise", "json", "json-lines", "github", "sarif", "gitlab", "junit",
                            "summary", "summary-json", "html"})
# of those, the ones that read the facts (agency, year, tables and sections read; html:
# the cells, which compact facts give back as written): kept compact
COMPACT_FACT_FORMATS = frozenset({"summary", "summary-json", "html"})


class Prepare:
    """What is done to each file's result as it arrives, in order: its name made
    printable (:mod:`gxlint.display_path`), skipped when a walk met a file that is not a
    report, the baseline applied (``finish``), and packed (when ``metas``, the rule
    metadata by code, is given; ``keep_facts``: with compact facts for the multi-report
    rules).  Without a baseline to apply this can run in the worker process that linted
    the file (:attr:`in_workers`), so the parent receives the packed result as it is kept."""

    def __init__(self, walked: Any = frozenset(), finish: Any = None, *, metas: Any = None,
                 keep_facts: bool = True) -> None:
        self.walked = walked
        self.finish = finish
        self.metas = metas
        self.keep_facts = keep_facts

    @property
    def in_workers(self) -> "Prepare | None":
        # a live result does not pickle (plain data does: gxlint.results.pack), and the
        # baseline counts what it hides: both are done here
        return self if self.metas is not None and self.finish is None else None

    @property
    def packing(self) -> Packing | None:
        """What :meth:`gxlint.session.Session.lint` is asked for when this runs in the
        workers: results packed as the cache keeps them, so a hit is kept as read."""
        return Packing(self.keep_facts) if self.in_workers is not None else None

    def __call__(self, linted: Any) -> Any:
        if linted.prepared:  # done where the file was linted
            return linted
        if isinstance(linted.result, PackedResult):  # from the cache (see packing)
            packed = linted.result
            shown = display_path(packed.path)
            # ``walked`` holds real names: a name that is not UTF-8 shows otherwise
            if not (packed.path in self.walked and packed.not_a_report):
                packed.path = shown
                if packed.facts is not None:
                    packed.facts.path = shown
                return Linted(packed, linted.fix, prepared=True)
            linted = Linted(packed.open(self.metas), linted.fix)  # to be skipped: done as for any result
        walked = linted.result.path in self.walked  # by its real name, before it is made printable
        linted = next(with_display_paths([linted]))
        result = linted.result
        if walked:
            skip_if_not_a_report(result)
        if self.finish is not None:
            self.finish(result)
        if self.metas is not None:
            result = PackedResult(result, keep_facts=self.keep_facts)
        return Linted(result, linted.fix, prepared=True)


class ResultStream:
    """The results as reporters see them: iterating the first time lints (each file is
    handed on as soon as it is done, its document already dropped); later iterations,
    ``len()`` and indexing replay the results kept.

    ``prepare`` (a :class:`Prepare`; by default one with ``walked`` and ``finish``) says
    what is done to each result as it arrives, and whether results are kept packed.  Each
    file's fix outcome goes to ``on_fix`` as it arrives (``--fix`` writes it then), or is
    kept in :attr:`fixes`."""

    def __init__(self, linted: Iterable[Any], finish: Any = None, walked: Any = frozenset(), *,
                 prepare: Prepare | None = None, on_fix: Callable[[Any], None] | None = None) -> None:
        self._source: Iterator[Any] | None = iter(linted)
        self._prepare = prepare or Prepare(walked, finish)
        self._metas = self._prepare.metas
        self._kept: list[Any] = []
        self.fixes: list[Any] = []
        self._on_fix = on_fix or self.fixes.append

    @property
    def packed(self) -> bool:
        return self._metas is not None

    def _pull(self) -> None:
        assert self._source is not None
        linted = self._prepare(next(self._source))
        if linted.fix is not None:
            self._on_fix(linted.fix)
        self._kept.append(linted.result)

    def _open(self, entry: Any) -> Any:
        return entry if self._metas is None else entry.open(self._metas)

    def __iter__(self) -> Iterator[Any]:
        index = 0
        while True:
            if index < len(self._kept):
                yield self._open(self._kept[index])
                index += 1
            elif self._source is None:
                return
            else:
                try:
                    self._pull()
                except StopIteration:
                    self._source = None

    def consume(self) -> "ResultStream":
        """Lint every file still to come (nothing is unpacked)."""
        while self._source is not None:
            try:
                self._pull()
            except StopIteration:
                self._source = None
        return self

    def __len__(self) -> int:
        return len(self.consume()._kept)

    def __getitem__(self, index: int) -> Any:
        return self._open(self.consume()._kept[index])

    def __bool__(self) -> bool:
        return len(self) > 0

    # --- after every file is linted ---------------------------------------------------------
    def facts(self) -> list[Any]:
        """The facts of every file linted (not the fatal ones), in input order: compact
        when packed."""
        self.consume()
        if self._metas is None:
            return [r.facts for r in self._kept if not r.fatal and r.facts is not None]
        return [entry.facts for entry in self._kept if entry.facts is not None]

    def tally(self) -> tuple[bool, int, int]:
        """(any file fatal, error findings, warning findings) over every file."""
        fatal, errors, warnings = False, 0, 0
        for entry in self.consume()._kept:
            one = entry.tally if self._metas is not None else tally(entry)
            fatal, errors, warnings = fatal or one[0], errors + one[1], warnings + one[2]
        return fatal, errors, warnings

    def add_late(self, late: Mapping[str, list[Any]], read: Callable[[str], Any] | None = None) -> None:
        """Add the multi-report rules' findings (by path: :func:`gxlint.multireport.find`)
        to the files they are on: beside a packed result (nothing is packed again), into a
        live one.  ``read(path)`` reads a file's text again for the lines those findings
        point at (:func:`gxlint.results.late_excerpt`; for a packed result only when a
        reporter asks for one); without it they have no code frame unless a finding of the
        file's own is on the same line."""
        from gxlint.multireport import add_late  # lazy: only for several reports
        from gxlint.results import late_excerpt

        for index, entry in enumerate(self.consume()._kept):
            kept = late.get(entry.path)
            if not kept:
                continue
            if self._metas is None:
                add_late(entry, kept, late_excerpt(kept, read) if read is not None else None)
            else:  # read only if a reporter asks for their lines (gxlint.results.LateLines)
                entry.add_late(kept, read)

    def update(self, change: Callable[[Any], None], paths: Any = None) -> None:
        """Apply ``change`` to the result of every file (of each of ``paths``) so that
        later passes see it."""
        for index, entry in enumerate(self.consume()._kept):
            if paths is not None and entry.path not in paths:
                continue
            result = self._open(entry)
            change(result)
            if self._metas is not None:
                self._kept[index] = entry.replaced(result)
