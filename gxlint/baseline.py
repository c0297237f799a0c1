"""Baselines: adopt gxlint on a backlog of reports without fixing them all first.

``--write-baseline FILE`` records the current findings; ``--baseline FILE`` then hides
exactly those and shows only new ones.  A baseline stores, per file (relative to the
baseline file, ``/``-separated) and per rule, how many findings there were and with
which (English) message — never line numbers, so edits elsewhere in a report do not
invalidate it::

    {
      "gxlint-baseline": 1,
      "files": {
        "reports/2023.html": {
          "GX201": {"count": 2, "messages": {"row 总计 ... ": 2}}
        }
      }
    }

A recorded entry with fewer current findings than its count is *stale* and reported as
GX012 (re-write the baseline to drop it).  Files not linted in a run are left alone, so a
pre-commit run on a few files never reports the others' entries.  Input errors (a file
that cannot be read) are never baselined.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path
from types import MappingProxyType
from typing import Any, Callable, Iterable

from gxlint.diagnostics import Diagnostic
from gxlint.fixes import atomic_write

FORMAT_KEY = "gxlint-baseline"
VERSION = 1


class BaselineError(ValueError):
    pass


def relative_key(path: str, base: Path) -> str:
    target = Path(os.path.abspath(path))
    try:
        return target.relative_to(Path(os.path.abspath(base))).as_posix()
    except ValueError:
        return target.as_posix()


def build(results: Iterable[Any], baseline_file: str | Path) -> dict[str, Any]:
    base = Path(baseline_file).resolve().parent
    files: dict[str, dict[str, Any]] = {}
    for result in results:
        if result.fatal or result.path == "-":
            continue
        per_code: dict[str, Counter] = {}
        for diagnostic in result.diagnostics:
            per_code.setdefault(diagnostic.code, Counter())[diagnostic.message("en")] += 1
        if per_code:
            files[relative_key(result.path, base)] = {
                code: {"count": sum(messages.values()), "messages": dict(sorted(messages.items()))}
                for code, messages in sorted(per_code.items())
            }
    return {FORMAT_KEY: VERSION, "files": dict(sorted(files.items()))}


def write(results: Iterable[Any], baseline_file: str | Path) -> dict[str, Any]:
    data = build(results, baseline_file)
    path = Path(baseline_file)
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    try:
        atomic_write(path, text.encode("utf-8"))
    except OSError as error:
        raise BaselineError(f"{baseline_file}: cannot write the baseline: {error.strerror or error}") from None
    return data


def load(baseline_file: str | Path) -> dict[str, Any]:
    path = Path(baseline_file)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BaselineError(f"{baseline_file}: baseline file not found (create it with --write-baseline)") from None
    except OSError as error:
        raise BaselineError(f"{baseline_file}: cannot read: {error.strerror or error}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BaselineError(f"{baseline_file}: not a gxlint baseline (invalid JSON: {error})") from None
    if not isinstance(data, dict) or data.get(FORMAT_KEY) != VERSION or not isinstance(data.get("files"), dict):
        raise BaselineError(f"{baseline_file}: not a gxlint baseline (expected {{\"{FORMAT_KEY}\": {VERSION}, \"files\": {{...}}}})")
    for file, codes in data["files"].items():
        if not isinstance(codes, dict):
            raise BaselineError(f"{baseline_file}: files.{file}: must be an object of rule codes")
        for code, entry in codes.items():
            messages = entry.get("messages") if isinstance(entry, dict) else None
            if not isinstance(messages, dict) or not all(
                isinstance(n, int) and not isinstance(n, bool) and n > 0 for n in messages.values()
            ):
                raise BaselineError(f"{baseline_file}: files.{file}.{code}: needs \"messages\": {{message: count}}")
    return data


def apply(
    results: Iterable[Any],
    data: dict[str, Any],
    baseline_file: str | Path,
    stale_meta: Any,
    *,
    finish: Callable[[Any, Diagnostic], Diagnostic | None] = lambda result, d: d,
) -> int:
    """Remove baselined findings from ``results`` in place; add GX012 for stale entries.

    ``finish(result, diagnostic)`` lets the caller apply the file's configuration to a
    GX012 finding (severity, selection); it returns ``None`` to drop it.  Returns how
    many findings the baseline hid.
    """
    base = Path(baseline_file).resolve().parent
    hidden = 0
    for result in results:
        if result.fatal:
            continue
        entries = data["files"].get(relative_key(result.path, base))
        if not entries:
            continue
        remaining = {code: Counter(entry["messages"]) for code, entry in entries.items()}
        kept = []
        for diagnostic in result.diagnostics:
            bucket = remaining.get(diagnostic.code)
            message = diagnostic.message("en")
            if bucket is not None and bucket[message] > 0:
                bucket[message] -= 1
                hidden += 1
            else:
                kept.append(diagnostic)
        for code, bucket in sorted(remaining.items()):
            for message, count in sorted(bucket.items()):
                if count <= 0:
                    continue
                stale = Diagnostic(
                    rule=stale_meta, path=result.path, line=1, column=1, end_line=1, end_column=2,
                    args=MappingProxyType({"count": count, "code": code, "message": message}),
                )
                stale = finish(result, stale)
                if stale is not None:
                    kept.append(stale)
        kept.sort(key=Diagnostic.sort_key)
        result.diagnostics = kept
    return hidden
