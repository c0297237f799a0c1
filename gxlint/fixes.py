"""Applying fixes without ever losing data.

Rules attach :class:`gxlint.diagnostics.Fix` objects whose edits are character offsets
into the decoded text.  ``--fix`` applies the safe ones (``--unsafe-fixes`` all of them),
re-lints, and repeats until nothing more applies (at most :data:`MAX_PASSES` passes), so
that fixes which overlapped in one pass are applied in the next.

A file is written only when

* it *round-trips*: decoding and encoding it again gives back its exact bytes (so a
  file with mixed encodings or undecodable bytes is never rewritten), and
* the fixed text can be encoded in the file's own encoding (BOM kept);

line endings are kept (a replacement's ``\\n`` becomes ``\\r\\n`` in a CRLF file), and the
file is replaced atomically (a temporary file in the same directory, then ``os.replace``),
keeping its permissions.  Applying the fixes again changes nothing.

A file with several hard links is refused: a rename gives the fixed name a new inode and
leaves the other names with the old text, and writing in place is not atomic (a run killed
during the write, or before the truncation of a shorter text, leaves a damaged report).
"""

from __future__ import annotations

import codecs
import difflib
import os
import shlex
import stat
import tempfile
from bisect import bisect_left, insort
from dataclasses import dataclass
from glob import escape as glob_escape
from pathlib import Path
from typing import Any, Iterable

from gxlint.diagnostics import Diagnostic, Edit, Fix, FoldedFixes

MAX_PASSES = 10

_BOMS = {
    "utf-8": codecs.BOM_UTF8,
    "utf-16-le": codecs.BOM_UTF16_LE,
    "utf-16-be": codecs.BOM_UTF16_BE,
    "utf-32-le": codecs.BOM_UTF32_LE,
    "utf-32-be": codecs.BOM_UTF32_BE,
}


@dataclass
class FixOutcome:
    path: str
    original: str = ""
    fixed: str = ""
    applied: int = 0  # fixes applied over all passes
    written: bool = False
    problem: str | None = None  # why the file was not written
    data: bytes | None = None  # the fixed bytes
    stdin: bool = False  # standard input: the fixed text goes to standard output

    @property
    def changed(self) -> bool:
        return self.fixed != self.original and self.problem is None


def wanted(diagnostic: Diagnostic, unsafe: bool) -> bool:
    fix = diagnostic.fix
    if isinstance(fix, FoldedFixes):
        return fix.safe or (unsafe and len(fix) > 0)
    return fix is not None and bool(fix.edits) and (fix.safe or unsafe)


def fixes_in_order(diagnostics: list[Diagnostic], unsafe: bool) -> list[Fix]:
    """The fixes to apply, in the order of their findings (``diagnostics`` is sorted by
    position): those folded into a GX024 finding (:class:`FoldedFixes`, past the per-rule
    cap) each where its finding would be, after the listed findings of its rule at the
    same place, as when they were all listed (:func:`apply_fixes` takes equal-ranked
    fixes in this order)."""
    ordered: list[tuple[tuple, Fix]] = []
    folded = False
    for index, d in enumerate(diagnostics):
        fix = d.fix
        if isinstance(fix, FoldedFixes):
            folded = True
            for (line, column, rank), part in fix.parts():
                if part.edits and (part.safe or unsafe):
                    ordered.append(((line, column, fix.code, 1, rank), part))
        elif wanted(d, unsafe):
            ordered.append(((d.line, d.column, d.code, 0, index), fix))
    if folded:
        ordered.sort(key=lambda item: item[0])
    return [fix for _, fix in ordered]


def _newline(text: str) -> str:
    crlf = text.count("\r\n")
    return "\r\n" if crlf and crlf * 2 >= text.count("\n") else "\n"


def _adapt(replacement: str, newline: str) -> str:
    if newline == "\n" or "\n" not in replacement:
        return replacement
    return replacement.replace("\r\n", "\n").replace("\n", "\r\n")


def apply_fixes(text: str, fixes: Iterable[Fix]) -> tuple[str, int]:
    """Apply non-overlapping fixes; a fix overlapping an earlier one waits for the next
    pass.  Returns the new text and how many fixes were applied."""
    newline = _newline(text)
    accepted: list[Edit] = []
    # the accepted edits' (start, end), sorted: they never overlap, so their ends ascend
    # too, and an edit overlaps one of them only if it overlaps the last starting before
    # its end (or is an insertion where one is); comparing each fix with every accepted
    # edit took minutes for 40,000 fixes
    taken: list[tuple[int, int]] = []
    count = 0

    def order(fix: Fix) -> tuple[int, int]:
        return (min(e.start for e in fix.edits), max(e.end for e in fix.edits))

    def clashes(edit: Edit) -> bool:
        before = bisect_left(taken, (edit.end,))  # the accepted edits starting before its end
        if before and edit.start < taken[before - 1][1]:
            return True
        if edit.start == edit.end:  # two insertions at one point: order would be arbitrary
            at = bisect_left(taken, (edit.start, edit.start))
            return at < len(taken) and taken[at] == (edit.start, edit.start)
        return False

    for fix in sorted((f for f in fixes if f.edits), key=order):
        edits = sorted(fix.edits, key=lambda e: (e.start, e.end))
        if any(e.start < 0 or e.end > len(text) or e.end < e.start for e in edits):
            continue  # a rule bug: never apply edits outside the text
        if any(a.end > b.start for a, b in zip(edits, edits[1:])):
            continue  # edits of one fix overlap each other
        if any(clashes(e) for e in edits):
            continue
        accepted.extend(edits)
        for e in edits:
            insort(taken, (e.start, e.end))
        count += 1
    if not accepted:
        return text, 0
    accepted.sort(key=lambda e: (e.start, e.end))
    parts: list[str] = []
    last = 0
    for edit in accepted:
        parts.append(text[last:edit.start])
        parts.append(_adapt(edit.replacement, newline))
        last = edit.end
    parts.append(text[last:])
    return "".join(parts), count


def encode(text: str, encoding: str, had_bom: bool) -> bytes:
    data = text.encode(encoding)
    if had_bom:
        data = _BOMS.get(codecs.lookup(encoding).name, b"") + data
    return data


def round_trips(source: Any) -> bool:
    if source is None or source.raw is None:
        return False
    try:
        return encode(source.text, source.encoding, source.had_bom) == source.raw
    except (UnicodeError, LookupError):
        return False


def atomic_write(path: str | Path, data: bytes, owner: tuple[int, int] | None = None) -> None:
    """Write ``data`` to a temp file beside ``path``, then rename it over ``path`` (keeping
    its mode, and ``owner`` when given: FixRefused if that cannot be kept)."""
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    try:
        mode = os.stat(path).st_mode & 0o7777
    except FileNotFoundError:
        mode = None
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".gxlint-tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(temp, mode)
        if owner is not None and hasattr(os, "chown"):
            created = os.stat(temp)
            if (created.st_uid, created.st_gid) != owner:
                try:
                    os.chown(temp, *owner)
                except OSError:
                    raise FixRefused("not fixed: a rewritten file could not keep its owner and group "
                                     f"({owner[0]}:{owner[1]}); run --fix as the file's owner") from None
        os.replace(temp, path)
    except BaseException:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise


def fix_result(linter: Any, result: Any, *, unsafe: bool = False, fmt: str | None = None) -> tuple[Any, FixOutcome]:
    """Fix one linted file in memory: returns the final lint result and the outcome.

    Nothing is written here; see :class:`FixWriter`.
    """
    outcome = FixOutcome(path=result.path)
    source = result.source
    if result.fatal or source is None:
        return result, outcome
    outcome.original = outcome.fixed = source.text
    if source.extracted:  # text read out of a PDF or .docx: there are no bytes to edit
        outcome.problem = (f"not fixed: {source.format.upper()} files are not fixed (gxlint fixes HTML, "
                           "Markdown and text); correct the report in its source document")
        return result, outcome
    if not any(wanted(d, unsafe) for d in result.diagnostics):
        return result, outcome
    if not round_trips(source):
        outcome.problem = ("not fixed: the file does not decode and encode back to the same bytes "
                           f"(mixed or invalid {source.encoding} encoding); fix it by hand")
        return result, outcome
    encoding, had_bom, fmt = source.encoding, source.had_bom, fmt or source.format
    current, text = result, source.text
    for _ in range(MAX_PASSES):
        fixes = fixes_in_order(current.diagnostics, unsafe)
        if not fixes:
            break
        new_text, count = apply_fixes(text, fixes)
        if count == 0 or new_text == text:
            break
        try:
            data = encode(new_text, encoding, had_bom)
        except UnicodeEncodeError as error:
            outcome.problem = (f"not fixed: a fix inserts {error.object[error.start:error.end]!r}, "
                               f"which the file's encoding {encoding} cannot hold")
            return result, outcome
        relinted = linter.lint_bytes(data, result.path, format=fmt)
        if relinted.fatal or relinted.source is None or relinted.source.text != new_text:
            # the fixed bytes would not read back as the fixed text: refuse, keep the file
            outcome.problem = ("not fixed: after the fixes the file would no longer read as the same report "
                               "(its encoding or structure would change), so it was left as it is")
            return result, outcome
        outcome.applied += count
        outcome.data = data
        current, text = relinted, new_text
    outcome.fixed = text
    return current, outcome


class FixRefused(Exception):
    """A fixed file that is not written, with the reason in plain words."""


def _remove_stale_temps(path: Path) -> None:
    """Temp files a killed run left beside ``path`` (``.NAME.*.gxlint-tmp``)."""
    directory = path.parent if str(path.parent) else Path(".")
    for stale in directory.glob(f".{glob_escape(path.name)}.*.gxlint-tmp"):
        try:
            stale.unlink()
        except OSError:
            pass


def write_fixed_file(path: str | Path, data: bytes) -> None:
    """Write a fixed report back: atomically, only where that changes nothing but the text.

    A symbolic link is followed (the target is fixed; the link stays a link).  A read-only
    file, a file with other hard links (a rename would break them) or one whose owner a new
    file could not keep is refused with :class:`FixRefused`; mode and ownership are kept.
    OSError (e.g. an unwritable directory) propagates."""
    target = Path(os.path.realpath(path))
    info = os.stat(target)
    if not stat.S_ISREG(info.st_mode):
        raise FixRefused("not fixed: it is not a regular file")
    if not info.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(target, os.W_OK):
        raise FixRefused(f"not fixed: the file is read-only (mode {stat.filemode(info.st_mode)}); "
                         "make it writable to let --fix change it")
    if info.st_nlink > 1:
        # Writing in place instead would keep the links, but a run killed mid-write (the
        # kernel cuts a write short on SIGKILL) would leave the report half old, half new.
        name, copy = shlex.quote(str(target)), shlex.quote(f"{target}.copy")
        raise FixRefused(f"not fixed: the file has {info.st_nlink} hard links (other names for the same "
                         "file), and --fix writes a new file in its place, which would leave the other "
                         "names with the old text; to fix this name alone, copy the file over itself first "
                         f"(cp -p {name} {copy} && mv {copy} {name}) and run --fix again, or make the "
                         "changes --diff shows in an editor that saves in place")
    _remove_stale_temps(target)
    atomic_write(target, data, owner=(info.st_uid, info.st_gid))


class FixWriter:
    """``--fix``: writes each file as soon as its outcome arrives (:func:`write_fixed_file`),
    so that a run keeps no file's fixed text and bytes until its end.  ``say`` tells a
    refusal or a write error (each counted in ``unwritten``); the fixed bytes of standard
    input are kept for standard output (``stdin_fixed``; ``stdin``: what was read)."""

    def __init__(self, say: Any, stdin: bytes | None = None) -> None:
        self.say = say
        self.stdin = stdin
        self.stdin_fixed: bytes | None = None
        self.applied = self.files = self.unwritten = 0

    def __call__(self, outcome: FixOutcome) -> None:
        if outcome.stdin:
            self.stdin_fixed = outcome.data if outcome.changed else self.stdin
        if outcome.problem:
            self.say(f"gxlint: {outcome.path}: {outcome.problem}")
            return
        if outcome.stdin or not outcome.changed:
            return  # standard input's fixed text goes to standard output
        try:
            write_fixed_file(outcome.path, outcome.data)
        except FixRefused as refusal:
            self.say(f"gxlint: {outcome.path}: {refusal}")
            self.unwritten += 1
            return
        except OSError as error:
            self.say(f"gxlint: {outcome.path}: not fixed: cannot write: {error.strerror or error}")
            self.unwritten += 1
            return
        outcome.written = True
        self.applied += outcome.applied
        self.files += 1


class DiffWriter:
    """``--diff``: writes each file's unified diff to ``stream`` as soon as its outcome
    arrives, so that a run keeps no file's diff until its end (as :class:`FixWriter` keeps
    no fixed text).  ``say`` tells a file that could not be fixed; ``applied`` counts the
    fixes the diffs show."""

    def __init__(self, stream: Any, say: Any) -> None:
        self.stream = stream
        self.say = say
        self.applied = 0

    def __call__(self, outcome: Any) -> None:
        if outcome.problem:
            self.say(f"gxlint: {outcome.path}: {outcome.problem}")
        if outcome.diff:
            self.stream.write(outcome.diff)
            self.applied += outcome.applied


def unified_diff(outcome: FixOutcome) -> str:
    if not outcome.changed:
        return ""
    before = outcome.original.splitlines(keepends=True)
    after = outcome.fixed.splitlines(keepends=True)
    lines = []
    for line in difflib.unified_diff(before, after, fromfile=f"a/{outcome.path}", tofile=f"b/{outcome.path}"):
        if not line.endswith("\n"):
            line += "\n\\ No newline at end of file\n"
        lines.append(line)
    return "".join(lines)
