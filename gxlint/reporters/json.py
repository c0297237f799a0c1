"""``--format json``: ONE JSON array of findings; the stable contract.

Each object has exactly the keys ``path, line, column, end_line, end_column, code,
name, family, severity, message, fix`` (see :meth:`gxlint.diagnostics.Diagnostic.to_json`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Mapping, Sequence, TextIO

from gxlint.reporters._common import diagnostic_json, diagnostics, lang_of

if TYPE_CHECKING:  # pragma: no cover
    from gxlint.engine import FileResult


def write(results: Sequence[FileResult], stream: TextIO, options: Mapping[str, Any] | None = None) -> None:
    lang = lang_of(options)
    # what json.dump(list of to_json(), indent=2) writes, a finding at a time (diagnostic_json)
    written = False
    for _, diagnostic in diagnostics(results):
        stream.write(",\n  " if written else "[\n  ")
        for piece in diagnostic_json(diagnostic, lang, indent=2):
            stream.write(piece.replace("\n", "\n  "))
        written = True
    stream.write("\n]\n" if written else "[]\n")
