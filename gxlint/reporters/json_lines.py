"""``--format json-lines``: one JSON object per line (same objects as ``json``)."""

from __future__ import annotations

import json

from gxlint.reporters._common import diagnostics, lang_of


def write(results, stream, options=None) -> None:
    lang = lang_of(options)
    for _, diagnostic in diagnostics(results):
        stream.write(json.dumps(diagnostic.to_json(lang), ensure_ascii=False) + "\n")
