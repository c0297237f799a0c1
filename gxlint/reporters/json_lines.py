"""``--format json-lines``: one JSON object per line (same objects as ``json``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Mapping, Sequence, TextIO

from gxlint.reporters._common import diagnostic_json, diagnostics, lang_of

if TYPE_CHECKING:  # pragma: no cover
    from gxlint.engine import FileResult


def write(results: Sequence[FileResult], stream: TextIO, options: Mapping[str, Any] | None = None) -> None:
    lang = lang_of(options)
    for _, diagnostic in diagnostics(results):
        for piece in diagnostic_json(diagnostic, lang):  # (a GX024 finding's folded edits in chunks)
            stream.write(piece)
        stream.write("\n")
