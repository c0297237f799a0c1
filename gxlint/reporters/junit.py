"""``--format junit``: JUnit XML for CI test views.

One ``<testcase>`` per linted file; each finding is a ``<failure>`` in it (an input
error that stopped the file is an ``<error>``).  A clean file is a passing test case.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING, Any, Mapping, Sequence, TextIO

from gxlint.reporters._common import SEVERITY_LABELS, lang_of

if TYPE_CHECKING:  # pragma: no cover
    from gxlint.engine import FileResult


def write(results: Sequence[FileResult], stream: TextIO, options: Mapping[str, Any] | None = None) -> None:
    lang = lang_of(options)
    labels = SEVERITY_LABELS[lang]
    failures = sum(len(r.diagnostics) for r in results if not r.fatal)
    errors = sum(len(r.diagnostics) for r in results if r.fatal)
    counts = {"tests": str(len(results)), "failures": str(failures), "errors": str(errors)}
    suites = ET.Element("testsuites", {"name": "gxlint", **counts})
    suite = ET.SubElement(suites, "testsuite", {"name": "gxlint", **counts, "skipped": "0"})
    for result in results:
        case = ET.SubElement(suite, "testcase", {"classname": "gxlint", "name": result.path, "file": result.path})
        for d in result.diagnostics:
            tag = "error" if result.fatal else "failure"
            message = d.message(lang)
            element = ET.SubElement(case, tag, {
                "type": d.code,
                "message": f"{d.line}:{d.column}: {d.code} {message}",
            })
            element.text = (f"{d.path}:{d.line}:{d.column}: {d.code} {d.name} "
                            f"[{labels[d.effective_severity.value]}] {message}")
    ET.indent(suites)
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(ET.tostring(suites, encoding="unicode"))
    stream.write("\n")
