"""``--format concise``: one line per finding, ``path:line:col: CODE [severity] message``."""

from __future__ import annotations

from gxlint.reporters._common import SEVERITY_LABELS, diagnostics, lang_of, summary
from typing import TYPE_CHECKING, Any, Mapping, Sequence, TextIO

if TYPE_CHECKING:  # pragma: no cover
    from gxlint.diagnostics import Diagnostic
    from gxlint.engine import FileResult


def line(diagnostic: Diagnostic, lang: str, unsafe_fixes: bool = False) -> str:
    severity = SEVERITY_LABELS[lang][diagnostic.effective_severity.value]
    fix = diagnostic.fix
    fixable = " [*]" if fix is not None and (fix.safe or unsafe_fixes) else ""
    message = " ".join(diagnostic.message(lang).split("\n"))
    return f"{diagnostic.path}:{diagnostic.line}:{diagnostic.column}: {diagnostic.code}{fixable} [{severity}] {message}"


def write(results: Sequence[FileResult], stream: TextIO, options: Mapping[str, Any] | None = None) -> None:
    options = options or {}
    lang = lang_of(options)
    for _, diagnostic in diagnostics(results):
        stream.write(line(diagnostic, lang, options.get("unsafe_fixes", False)) + "\n")
    if not options.get("quiet"):
        stream.write(summary(results, lang, options.get("unsafe_fixes", False)) + "\n")
