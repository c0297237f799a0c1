"""``--format json``: ONE JSON array of findings; the stable contract.

Each object has exactly the keys ``path, line, column, end_line, end_column, code,
name, family, severity, message, fix`` (see :meth:`gxlint.diagnostics.Diagnostic.to_json`).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Mapping, Sequence, TextIO

from gxlint.reporters._common import diagnostics, lang_of

if TYPE_CHECKING:  # pragma: no cover
    from gxlint.engine import FileResult


def write(results: Sequence[FileResult], stream: TextIO, options: Mapping[str, Any] | None = None) -> None:
    lang = lang_of(options)
    data = [diagnostic.to_json(lang) for _, diagnostic in diagnostics(results)]
    json.dump(data, stream, ensure_ascii=False, indent=2)
    stream.write("\n")
