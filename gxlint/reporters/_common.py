"""Helpers shared by the reporters (no third-party imports: the JSON reporters use it)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from typing import Any, Iterable, Iterator, Mapping, Sequence

from gxlint.coverage import checked_line, run_totals
from gxlint.diagnostics import FoldedFixes, edit_json
from gxlint.digest import sha256_hex

SEVERITY_LABELS = {
    "en": {"error": "error", "warning": "warning", "info": "info"},
    "zh": {"error": "错误", "warning": "警告", "info": "提示"},
}


def lang_of(options: Mapping[str, Any] | None) -> str:
    lang = (options or {}).get("lang", "en")
    return lang if lang in SEVERITY_LABELS else "en"


def diagnostics(results: Iterable[Any]) -> Iterator[tuple[Any, Any]]:
    for result in results:
        for diagnostic in result.diagnostics:
            yield result, diagnostic


# What stands in a folded fix's edits while the rest of its finding is encoded (the last
# occurrence is taken: "fix" is a finding's last key, so a message quoting it is no matter).
# (json.dumps of it, written out: the text reporter loads this module and writes no JSON)
_EDITS_MARK = '"\ue000gxlint-folded-edits\ue000"'
_EDITS_CHUNK = 1024


def diagnostic_json(diagnostic: Any, lang: str, indent: int | None = None) -> Iterator[str]:
    """``json.dumps(diagnostic.to_json(lang), ensure_ascii=False, indent=indent)``, in
    pieces: the edits of a GX024 finding's folded fixes (every fix of the findings past a
    rule's cap, tens of thousands in a hostile file) are encoded a chunk at a time, never
    held as dicts all at once (40,000 took 16 MiB for a 130 KB file, the input's size
    in the output but 125 times it in memory)."""
    import json  # lazy: see _EDITS_MARK

    folded = diagnostic.fix
    if not isinstance(folded, FoldedFixes):
        yield json.dumps(diagnostic.to_json(lang), ensure_ascii=False, indent=indent)
        return
    item = replace(diagnostic, fix=None).to_json(lang)
    item["fix"] = folded.to_json(edits=json.loads(_EDITS_MARK))
    before, _, after = json.dumps(item, ensure_ascii=False, indent=indent).rpartition(_EDITS_MARK)
    yield before
    if indent is None:
        separator, opening, closing = ", ", "[", "]"
    else:  # each edit on lines of its own, one level deeper than the "edits" key
        key_indent = len(before) - before.rfind("\n") - 1 - len('"edits": ')
        pad = " " * (key_indent + indent)
        separator, opening, closing = ",\n", "[\n", "\n" + " " * key_indent + "]"
    written = 0
    chunk: list[str] = []
    for edit in folded.iter_edits():
        text = json.dumps(edit_json(edit), ensure_ascii=False, indent=indent)
        chunk.append(text if indent is None else pad + text.replace("\n", "\n" + pad))
        if len(chunk) == _EDITS_CHUNK:
            yield (separator if written else opening) + separator.join(chunk)
            written += len(chunk)
            chunk = []
    if chunk:
        yield (separator if written else opening) + separator.join(chunk)
        written += len(chunk)
    yield (closing if written else "[]") + after


def severity_counts(results: Iterable[Any]) -> Counter:
    counts: Counter = Counter()
    for _, diagnostic in diagnostics(results):
        counts[diagnostic.effective_severity.value] += 1
    return counts


def summary(results: Sequence[Any], lang: str, unsafe_fixes: bool = False) -> str:
    counts: Counter = Counter()
    files = fixable = hidden_unsafe = seen = 0

    def tally() -> Iterator[Any]:  # one pass: a run's results may be unpacked on each pass
        nonlocal files, fixable, hidden_unsafe, seen
        for result in results:
            seen += 1
            files += bool(result.diagnostics)
            for d in result.diagnostics:
                counts[d.effective_severity.value] += 1
                if d.fix is not None:  # (a GX024 finding holds the fixes of the findings not listed)
                    safe, unsafe = d.fix.counts
                    fixable += safe + unsafe if unsafe_fixes else safe
                    hidden_unsafe += 0 if unsafe_fixes else unsafe
            yield result

    totals = run_totals(tally())
    total = sum(counts.values())
    checked = checked_line(totals, lang)
    linted = seen - totals.skipped
    # "All checks passed!" only when every report was found and its tables were read.
    passed = not total and not totals.unread and totals.files == linted
    if lang == "zh":
        if not total:
            note = f"{linted} 个文件" + (f"；{checked}" if checked else "")
            return f"全部检查通过！（{note}）" if passed else f"未发现问题，但并非所有统计表都已检查（{note}）。"
        text = (f"共发现 {total} 个问题（错误 {counts['error']}，警告 {counts['warning']}，"
                f"提示 {counts['info']}），涉及 {files} 个文件" + (f"；{checked}。" if checked else "。"))
        if fixable:
            text += f"\n[*] 其中 {fixable} 个可用 --fix 自动修复。"
        if hidden_unsafe:
            text += f"\n另有 {hidden_unsafe} 个可用 --unsafe-fixes 修复。"
        return text
    if not total:
        note = f"{linted} file{'s' if linted != 1 else ''}" + (f"; {checked}" if checked else "")
        return f"All checks passed! ({note})" if passed else f"No problems found, but not every table was checked ({note})."
    def plural(n: int, word: str) -> str:
        return f"{n} {word}" + ("" if n == 1 or word == "info" else "s")
    text = (f"Found {plural(total, 'problem')} ({plural(counts['error'], 'error')}, "
            f"{plural(counts['warning'], 'warning')}, {counts['info']} info) "
            f"in {plural(files, 'file')}" + (f"; {checked}." if checked else "."))
    if fixable:
        text += f"\n[*] {fixable} fixable with the --fix option."
    if hidden_unsafe:
        text += f"\n{hidden_unsafe} more fixable with the --unsafe-fixes option."
    return text


def span_text(result: Any, diagnostic: Any) -> str:
    source = result.source
    if source is None:
        return ""
    start, end = diagnostic.start, diagnostic.end
    if end <= start:
        return ""
    return source.span_text(start, end)


def fingerprint(result: Any, diagnostic: Any, occurrence: int = 0) -> str:
    """Stable across edits elsewhere: path, code, normalised message and the flagged
    text; never line numbers.  ``occurrence`` tells identical findings apart."""
    message = re.sub(r"\s+", " ", diagnostic.message("en")).strip()
    context = re.sub(r"\s+", " ", span_text(result, diagnostic)).strip()
    key = "\0".join([diagnostic.path.replace("\\", "/"), diagnostic.code, message, context, str(occurrence)])
    return sha256_hex(key.encode("utf-8"))


def fingerprinted(results: Iterable[Any]) -> Iterator[tuple[Any, Any, str]]:
    """(result, diagnostic, fingerprint) of every finding, in one pass, numbering
    identical ones in order (a run's results may be unpacked anew on each pass, so
    nothing is keyed by object identity)."""
    seen: Counter = Counter()
    for result, diagnostic in diagnostics(results):
        base = fingerprint(result, diagnostic)
        yield result, diagnostic, fingerprint(result, diagnostic, seen[base]) if seen[base] else base
        seen[base] += 1


def has_line(source: Any, line: int) -> bool:
    """Whether ``source`` can show ``line``: a :class:`~gxlint.document.Source` holds every
    line; a streamed result's :class:`~gxlint.results.Excerpt` only those it kept (a
    missing line is no frame, never an empty one)."""
    if source is None or not 1 <= line <= source.line_count:
        return False
    known = getattr(source, "has_line", None)
    return known is None or known(line)


def page_of(source: Any, d: Any) -> int | None:
    """The PDF page a finding is on (the text was extracted page by page), else None."""
    if not has_line(source, d.line):
        return None
    return source.page_at(d.line, d.column)  # a Source, or a streamed result's Excerpt
