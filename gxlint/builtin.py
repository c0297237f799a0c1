"""The core plugin: gxlint's own input readers and output formats.

Registered first, under the name ``gxlint``, through the same hooks any plugin uses.
Each reader and reporter module is imported only when a file of its kind is read or
its format is asked for, so ``gxlint`` on one file starts fast.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any, Callable

from gxlint.plugin import Reader, Reporter, hookimpl


def _lazy(module: str, attribute: str) -> Callable[..., Any]:
    def call(*args: Any, **kwargs: Any) -> Any:
        return getattr(import_module(module), attribute)(*args, **kwargs)

    call.__qualname__ = f"{module}.{attribute}"
    return call


@hookimpl
def gxlint_readers() -> list[Reader]:
    return [
        Reader("html", (".html", ".htm", ".shtml", ".xhtml"), _lazy("gxlint.readers.html", "read")),
        Reader("markdown", (".md", ".markdown"), _lazy("gxlint.readers.markdown", "read")),
        Reader("text", (".txt",), _lazy("gxlint.readers.text", "read")),
        Reader("pdf", (".pdf",), _lazy("gxlint.readers.pdf", "read"), binary=True),
        Reader("docx", (".docx", ".docm"), _lazy("gxlint.readers.docx", "read"), binary=True),
        Reader("mhtml", (".mht", ".mhtml"), _lazy("gxlint.readers.mhtml", "read"), binary=True),
    ]


REPORTERS = {
    # name: (module, description)
    "full": ("gxlint.reporters.text", "findings with a code frame and a summary (default)"),
    "text": ("gxlint.reporters.text", "alias of full"),
    "concise": ("gxlint.reporters.concise", "one line per finding: path:line:col: CODE [severity] message"),
    "json": ("gxlint.reporters.json", "one JSON array of findings (stable contract)"),
    "json-lines": ("gxlint.reporters.json_lines", "one JSON object per line"),
    "github": ("gxlint.reporters.github", "GitHub Actions workflow commands (annotations)"),
    "sarif": ("gxlint.reporters.sarif", "SARIF 2.1.0 (GitHub code scanning)"),
    "gitlab": ("gxlint.reporters.gitlab", "GitLab Code Quality JSON"),
    "junit": ("gxlint.reporters.junit", "JUnit XML: one test case per file"),
    "summary": ("gxlint.reporters.summary", "CSV, one row per file, worst first (agency, year, tables read, counts)"),
    "summary-json": ("gxlint.reporters.summary", "the summary as a JSON array"),
    "html": ("gxlint.reporters.html", "a self-contained HTML audit report: charts, file table, tables as read"),
}


@hookimpl
def gxlint_reporters() -> list[Reporter]:
    # a module's ``write`` unless the name says which writer: ``summary-json`` -> write_json
    writers = {"summary-json": "write_json"}
    return [Reporter(name, _lazy(module, writers.get(name, "write")), description)
            for name, (module, description) in REPORTERS.items()]
