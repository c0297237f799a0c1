"""``--format summary`` (CSV) and ``--format summary-json``: one row per file.

For auditing many reports: which file is worst, and what it is.  Columns:

``path``, ``agency``, ``year`` (from the report), ``era`` (template: ``2021``, ``2019``
or empty when no table was read), ``tables_read`` (standard tables read with numbers,
``3/3``), ``sections_found`` (top-level sections 一–六 found, ``6/6``), ``errors``,
``warnings``, ``info``, ``top_codes`` (the most frequent codes, ``GX124×6 GX120×1``) and
``status`` (``ok``; ``not linted`` for a file gxlint could not read: its input finding
is then its only code; ``not a report`` for a file a directory walk met and skipped).  Rows are sorted worst first: files that could not be linted,
then by errors, warnings and info findings (most first), then by path.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from typing import TYPE_CHECKING, Any, Iterable, Mapping, Sequence, TextIO

if TYPE_CHECKING:  # pragma: no cover
    from gxlint.engine import FileResult

COLUMNS = ("path", "agency", "year", "era", "tables_read", "sections_found", "errors", "warnings", "info",
           "top_codes", "status")
TOP_CODES = 3


def rows(results: Iterable[Any]) -> list[dict[str, Any]]:
    out = []
    for result in results:
        facts = result.facts
        counts = Counter(d.effective_severity.value for d in result.diagnostics)
        codes = Counter(d.code for d in result.diagnostics).most_common()
        codes.sort(key=lambda kv: (-kv[1], kv[0]))
        out.append({
            "path": result.path,
            "agency": facts.agency if facts else None,
            "year": facts.year if facts else None,
            "era": facts.era if facts else "",
            "tables_read": facts.tables_read if facts else "0/3",
            "sections_found": facts.sections_found if facts else "0/6",
            "errors": counts["error"],
            "warnings": counts["warning"],
            "info": counts["info"],
            "top_codes": [{"code": c, "count": n} for c, n in codes[:TOP_CODES]],
            "status": "not linted" if result.fatal else "not a report" if result.skipped else "ok",
        })
    # worst first: unread files, then reports by findings; skipped non-reports last
    rank = {"not linted": 0, "ok": 1, "not a report": 2}
    out.sort(key=lambda r: (rank[r["status"]], -r["errors"], -r["warnings"], -r["info"], r["path"]))
    return out


def write(results: Sequence[FileResult], stream: TextIO, options: Mapping[str, Any] | None = None) -> None:
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows(results):
        row = dict(row, top_codes=" ".join(f"{c['code']}×{c['count']}" for c in row["top_codes"]))
        writer.writerow(["" if row[c] is None else row[c] for c in COLUMNS])


def write_json(results: Sequence[FileResult], stream: TextIO, options: Mapping[str, Any] | None = None) -> None:
    json.dump(rows(results), stream, ensure_ascii=False, indent=2)
    stream.write("\n")
