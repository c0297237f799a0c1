"""``--format json-lines``: one JSON object per line (same objects as ``json``)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Mapping, Sequence, TextIO

from gxlint.reporters._common import diagnostics, lang_of

if TYPE_CHECKING:  # pragma: no cover
    from gxlint.engine import FileResult


def write(results: Sequence[FileResult], stream: TextIO, options: Mapping[str, Any] | None = None) -> None:
    lang = lang_of(options)
    for _, diagnostic in diagnostics(results):
        stream.write(json.dumps(diagnostic.to_json(lang), ensure_ascii=False) + "\n")
