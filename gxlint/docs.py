"""Rule documentation, generated from the catalogue so code, docs and ``--explain`` agree.

``python -m gxlint.docs docs/rules`` rewrites one page per rule and the index;
``tests/test_docs.py`` fails when a page on disk differs from what this module generates.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Iterable

from gxlint.catalog import FAMILIES, builtin_catalog
from gxlint.diagnostics import RuleMeta

FAMILY_TITLES = {
    "input": ("Input and parsing", "输入与解析"),
    "sections": ("Sections and structure", "章节与结构"),
    "totals": ("Totals and figures", "合计与数字"),
    "placeholders": ("Placeholders and cell contents", "占位符与单元格内容"),
    "years": ("Years and dates", "年份与日期"),
    "contamination": ("Contamination", "网页杂质"),
    "internal": ("Internal errors", "内部错误"),
}

_HEADINGS = {
    "en": {
        "what": "What it finds",
        "why": "Why it matters",
        "example": "Example",
        "bad": "Flagged",
        "good": "Accepted",
        "fix": "Fix",
        "family": "Family",
        "severity": "Default severity",
        "fixable": "Autofix",
        "yes": "yes",
        "no": "no",
        "message": "Message",
    },
    "zh": {
        "what": "检查内容",
        "why": "为什么重要",
        "example": "示例",
        "bad": "会报告",
        "good": "不会报告",
        "fix": "修复",
        "family": "类别",
        "severity": "默认级别",
        "fixable": "自动修复",
        "yes": "支持",
        "no": "不支持",
        "message": "提示信息",
    },
}


def explain_text(meta: RuleMeta, lang: str = "en") -> str:
    """Plain text for ``gxlint --explain CODE`` (the same content as the rule's page)."""
    h = _HEADINGS["zh" if lang == "zh" else "en"]
    summary = meta.summary_zh if lang == "zh" and meta.summary_zh else meta.summary
    docs = meta.docs
    lines = [
        f"{meta.code} {meta.name}: {summary}",
        "",
        f"{h['family']}: {meta.family}    {h['severity']}: {meta.severity.value}    "
        f"{h['fixable']}: {h['yes'] if meta.fixable else h['no']}",
    ]
    for key in ("what", "why"):
        if docs.get(key):
            lines += ["", f"{h[key]}:", _indent(docs[key])]
    if docs.get("example_bad") or docs.get("example_good"):
        lines += ["", f"{h['example']}:"]
        if docs.get("example_bad"):
            lines += [f"  {h['bad']}:", _indent(docs["example_bad"], 4)]
        if docs.get("example_good"):
            lines += [f"  {h['good']}:", _indent(docs["example_good"], 4)]
    if docs.get("fix"):
        lines += ["", f"{h['fix']}:", _indent(docs["fix"])]
    template = meta.messages.get("zh" if lang == "zh" else "en", "")
    if template:
        lines += ["", f"{h['message']}:", _indent(template)]
    return "\n".join(lines) + "\n"


def rule_page(meta: RuleMeta) -> str:
    """The Markdown page of one rule."""
    docs = meta.docs
    out = [
        f"# {meta.code} `{meta.name}`",
        "",
        f"{meta.summary}  ",
        f"{meta.summary_zh}" if meta.summary_zh else "",
        "",
        "| family | default severity | autofix |",
        "|---|---|---|",
        f"| {meta.family} | {meta.severity.value} | {'yes' if meta.fixable else 'no'} |",
        "",
        *([f"Formerly named {', '.join(f'`{n}`' for n in meta.former_names)}: selectors and "
           "suppression comments still accept that name.", ""] if meta.former_names else []),
        "## What it finds",
        "",
        docs.get("what", "").strip(),
        "",
        "## Why it matters",
        "",
        docs.get("why", "").strip(),
        "",
        "## Example",
        "",
        "Flagged:",
        "",
        _fence(docs.get("example_bad", "")),
        "",
        "Accepted:",
        "",
        _fence(docs.get("example_good", "")),
        "",
        "## Fix",
        "",
        docs.get("fix", "").strip(),
        "",
        "## Message",
        "",
        f"- zh: {meta.messages.get('zh', '')}",
        f"- en: {meta.messages.get('en', '')}",
        "",
        f"Suppress with `gxlint-disable {meta.code}` or select with `--ignore {meta.code}`; "
        f"see [configuration](../configuration.md).",
        "",
    ]
    return "\n".join(out)


def index_page(metas: Iterable[RuleMeta]) -> str:
    by_family: dict[str, list[RuleMeta]] = {}
    for meta in sorted(metas, key=lambda m: m.code):
        by_family.setdefault(meta.family, []).append(meta)
    out = [
        "# gxlint rules",
        "",
        "Generated from `rules.toml` by `python -m gxlint.docs docs/rules`; do not edit by hand.",
        "`gxlint --explain CODE` prints the same text.",
        "",
    ]
    for family in list(FAMILIES) + sorted(set(by_family) - set(FAMILIES)):
        metas_here = by_family.get(family)
        if not metas_here:
            continue
        en, zh = FAMILY_TITLES.get(family, (family, ""))
        out += [f"## {en} ({zh}) — `{family}`" if zh else f"## {en}", "",
                "| code | name | severity | fix | summary |", "|---|---|---|---|---|"]
        for meta in metas_here:
            out.append(
                f"| [{meta.code}]({meta.code}.md) | `{meta.name}` | {meta.severity.value} | "
                f"{'yes' if meta.fixable else ''} | {meta.summary} / {meta.summary_zh} |"
            )
        out.append("")
    return "\n".join(out)


def _fence(text: str) -> str:
    text = text.strip("\n")
    return f"```text\n{text}\n```" if text else "_(none)_"


def _indent(text: str, width: int = 2) -> str:
    pad = " " * width
    return "\n".join(pad + line if line else line for line in text.strip("\n").splitlines())


def generate(directory: Path) -> dict[Path, str]:
    """Every page under ``directory`` as it should be, from the built-in catalogue."""
    metas = [entry.meta for entry in builtin_catalog().values()]
    pages = {directory / f"{meta.code}.md": rule_page(meta) for meta in metas}
    pages[directory / "index.md"] = index_page(metas)
    return pages


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    directory = Path(args[0] if args else "docs/rules")
    directory.mkdir(parents=True, exist_ok=True)
    pages = generate(directory)
    for stale in directory.glob("GX*.md"):
        if stale not in pages:
            stale.unlink()
    for path, text in pages.items():
        path.write_text(text, encoding="utf-8")
    print(f"wrote {len(pages)} pages to {directory}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
