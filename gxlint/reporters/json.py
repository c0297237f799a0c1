"""``--format json``: ONE JSON array of findings; the stable contract.

Each object has exactly the keys ``path, line, column, end_line, end_column, code,
name, family, severity, message, fix`` (see :meth:`gxlint.diagnostics.Diagnostic.to_json`).
"""

from __future__ import annotations

import json

from gxlint.reporters._common import diagnostics, lang_of


def write(results, stream, options=None) -> None:
    lang = lang_of(options)
    data = [diagnostic.to_json(lang) for _, diagnostic in diagnostics(results)]
    json.dump(data, stream, ensure_ascii=False, indent=2)
    stream.write("\n")
