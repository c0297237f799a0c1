"""``--format github``: GitHub Actions workflow commands, which annotate the pull request.

``::error file=F,line=L,col=C,endLine=L2,endColumn=C2,title=GX201 name::message``;
warnings are ``::warning``, info findings ``::notice``.
"""

from __future__ import annotations

from gxlint.reporters._common import diagnostics, lang_of
from typing import TYPE_CHECKING, Any, Mapping, Sequence, TextIO

if TYPE_CHECKING:  # pragma: no cover
    from gxlint.engine import FileResult

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def write(results: Sequence[FileResult], stream: TextIO, options: Mapping[str, Any] | None = None) -> None:
    lang = lang_of(options)
    for _, d in diagnostics(results):
        command = COMMANDS[d.effective_severity.value]
        properties = ",".join([
            f"file={escape_property(d.path)}",
            f"line={d.line}",
            f"col={d.column}",
            f"endLine={d.end_line}",
            f"endColumn={d.end_column}",
            f"title={escape_property(f'{d.code} {d.name}')}",
        ])
        stream.write(f"::{command} {properties}::{escape_data(d.message(lang))}\n")
