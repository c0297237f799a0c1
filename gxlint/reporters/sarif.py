"""``--format sarif``: SARIF 2.1.0, for GitHub code scanning and other viewers.

One run; ``tool.driver.rules`` describes every selected rule (id, name, short and full
description, help as text and Markdown, default level); each result points at its
physical location.  Columns count Unicode code points (``columnKind``), as gxlint's do.
"""

from __future__ import annotations

import json
import os
from urllib.parse import quote
from typing import TYPE_CHECKING, Any, Mapping, Sequence, TextIO

from gxlint.reporters._common import diagnostics, fingerprinted, lang_of, page_of

if TYPE_CHECKING:  # pragma: no cover
    from gxlint.diagnostics import RuleMeta
    from gxlint.engine import FileResult

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def artifact_location(path: str) -> dict:
    # "\\" separates folders only on Windows; on POSIX it is part of a name (bad\\xff.txt)
    normal = path.replace("\\", "/") if os.sep == "\\" else path
    if os.path.isabs(path):
        return {"uri": "file://" + quote(normal if normal.startswith("/") else "/" + normal)}
    return {"uri": quote(normal), "uriBaseId": "%SRCROOT%"}


def _help(meta: RuleMeta, lang: str) -> tuple[str, str]:
    docs = dict(meta.docs or {})
    summary = (meta.summary_zh if lang == "zh" and meta.summary_zh else meta.summary)
    text_parts = [summary]
    md_parts = [f"**{meta.code} {meta.name}**: {summary}"]
    for key, title in (("what", "What it does"), ("why", "Why it matters"), ("fix", "How to fix")):
        if docs.get(key):
            text_parts.append(f"{title}: {docs[key]}")
            md_parts.append(f"### {title}\n\n{docs[key]}")
    if docs.get("example_bad"):
        md_parts.append("### Example\n\nFlagged:\n\n```\n" + docs["example_bad"] + "\n```")
        if docs.get("example_good"):
            md_parts.append("Better:\n\n```\n" + docs["example_good"] + "\n```")
    return "\n\n".join(text_parts), "\n\n".join(md_parts)


def rule_descriptor(meta: RuleMeta, lang: str) -> dict[str, Any]:
    summary = meta.summary_zh if lang == "zh" and meta.summary_zh else meta.summary
    text, markdown = _help(meta, lang)
    full = (meta.docs or {}).get("what") or summary
    return {
        "id": meta.code,
        "name": meta.name,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": full},
        "help": {"text": text, "markdown": markdown},
        "defaultConfiguration": {"level": LEVELS[meta.severity.value]},
        "properties": {"family": meta.family, "plugin": meta.plugin, "fixable": bool(meta.fixable)},
    }


def build(results: Sequence[FileResult], options: Mapping[str, Any] | None = None) -> dict[str, Any]:
    options = options or {}
    lang = lang_of(options)
    metas = {}
    for meta in options.get("rules", ()) or ():
        metas.setdefault(meta.code, meta)
    for _, d in diagnostics(results):
        metas.setdefault(d.code, d.rule)
    codes = sorted(metas)
    index = {code: i for i, code in enumerate(codes)}
    sarif_results = []
    for owner, d, fingerprint in fingerprinted(results):
        region = {"startLine": d.line, "startColumn": d.column,
                  "endLine": max(d.end_line, d.line), "endColumn": max(d.end_column, 1)}
        if (region["endLine"], region["endColumn"]) < (region["startLine"], region["startColumn"]):
            region["endLine"], region["endColumn"] = d.line, d.column
        result = {
            "ruleId": d.code,
            "ruleIndex": index[d.code],
            "level": LEVELS[d.effective_severity.value],
            "message": {"text": d.message(lang)},
            "locations": [{"physicalLocation": {"artifactLocation": artifact_location(d.path), "region": region}}],
            "partialFingerprints": {"gxlint/v1": fingerprint},
        }
        if d.fix is not None:
            result["properties"] = {"fixable": True, "safeFix": d.fix.safe}
        page = page_of(owner.source, d)
        if page is not None:  # a PDF: line and column refer to its extracted text
            result.setdefault("properties", {})["page"] = page
        sarif_results.append(result)
    driver = {
        "name": "gxlint",
        "version": options.get("version", ""),
        "semanticVersion": options.get("version", "") or None,
        "informationUri": "https://pypi.org/project/gxlint/",
        "rules": [rule_descriptor(metas[c], lang) for c in codes],
    }
    driver = {k: v for k, v in driver.items() if v not in (None, "")}
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": driver},
            "columnKind": "unicodeCodePoints",
            "originalUriBaseIds": {"%SRCROOT%": {"uri": _cwd_uri()}},
            "invocations": [{"executionSuccessful": not any(r.fatal for r in results)}],
            "results": sarif_results,
        }],
    }


def _cwd_uri() -> str:
    cwd = os.getcwd().replace("\\", "/")
    if not cwd.startswith("/"):
        cwd = "/" + cwd
    return "file://" + quote(cwd.rstrip("/") + "/")


def write(results: Sequence[FileResult], stream: TextIO, options: Mapping[str, Any] | None = None) -> None:
    json.dump(build(results, options), stream, ensure_ascii=False, indent=2)
    stream.write("\n")
