"""``--format gitlab``: a GitLab Code Quality report (a JSON array).

Each issue has ``description``, ``check_name``, ``fingerprint``, ``severity``
(``major`` / ``minor`` / ``info``) and ``location.path`` / ``location.lines.begin``.  The
fingerprint hashes the path, the rule, the normalised message and the flagged text —
never line numbers — so an issue keeps its identity when lines above it move.
"""

from __future__ import annotations

import json
import os
from typing import TYPE_CHECKING, Any, Mapping, Sequence, TextIO

from gxlint.reporters._common import fingerprinted, lang_of

if TYPE_CHECKING:  # pragma: no cover
    from gxlint.engine import FileResult

SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}


def write(results: Sequence[FileResult], stream: TextIO, options: Mapping[str, Any] | None = None) -> None:
    lang = lang_of(options)
    issues = []
    for _, d, fingerprint in fingerprinted(results):
        issues.append({
            "type": "issue",
            "description": f"{d.code} {d.message(lang)}",
            "check_name": f"{d.code} {d.name}",
            "categories": ["Bug Risk" if d.effective_severity.value == "error" else "Style"],
            "fingerprint": fingerprint,
            "severity": SEVERITIES[d.effective_severity.value],
            "location": {"path": d.path.replace("\\", "/") if os.sep == "\\" else d.path, "lines": {"begin": d.line, "end": d.end_line}},
        })
    json.dump(issues, stream, ensure_ascii=False, indent=2)
    stream.write("\n")
