"""docs/rules is generated from rules.toml; a stale page fails here."""

from __future__ import annotations

from pathlib import Path

from gxlint.catalog import builtin_catalog
from gxlint.docs import explain_text, generate

DOCS = Path(__file__).resolve().parent.parent / "docs" / "rules"


def test_rule_pages_match_the_catalogue():
    expected = generate(DOCS)
    stale = [p.name for p, text in expected.items() if not p.exists() or p.read_text(encoding="utf-8") != text]
    assert not stale, f"regenerate with `python -m gxlint.docs docs/rules`: {stale}"
    extra = {p.name for p in DOCS.glob("GX*.md")} - {p.name for p in expected}
    assert not extra, f"pages for rules that no longer exist: {sorted(extra)}"


def test_explain_prints_every_part_in_both_languages():
    for code, entry in builtin_catalog().items():
        en = explain_text(entry.meta, "en")
        zh = explain_text(entry.meta, "zh")
        assert en.startswith(f"{code} {entry.meta.name}: ")
        for heading in ("What it finds", "Why it matters", "Example", "Fix"):
            assert heading in en, (code, heading)
        for heading in ("检查内容", "为什么重要", "示例", "修复"):
            assert heading in zh, (code, heading)
