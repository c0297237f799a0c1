"""Markdown dense with markup is refused past a markup limit (GX028, issue 9).

markdown-it makes a token for every piece of inline markup and several for a list item or
heading, all before the reader sees the first: 120 KB of ``**1** `` took 45.5 MiB.  The
markup is counted before parsing; memory just under the limit is held by
tests/test_hostile_memory.py.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from gxlint.errors import InputError
from gxlint.readers.markup_limit import MAX_MARKUP, check_markup_count, markup_count

ROOT = Path(__file__).resolve().parents[1]


def _gxlint(path, *options):
    return subprocess.run([sys.executable, "-m", "gxlint", "--no-cache", "--isolated", *options, str(path)],
                          capture_output=True, timeout=300, text=True)


def test_a_file_over_the_markup_limit_is_refused_saying_how_much(tmp_path):
    path = tmp_path / "bold.md"
    path.write_text("# 报告\n\n" + "**1** " * 2_001 + "\n", encoding="utf-8")
    found = markup_count(path.read_text(encoding="utf-8"))
    assert found == 8_004 + 4
    run = _gxlint(path, "--format", "json")
    assert run.returncode == 2, run.stderr
    [finding] = json.loads(run.stdout)
    assert finding["code"] == "GX028" and finding["name"] == "markdown-too-much-markup"
    assert f"holds {found:,} pieces of markup" in finding["message"] and f"limit of {MAX_MARKUP:,}" in finding["message"]
    assert "it was not checked" in finding["message"]
    zh = _gxlint(path, "--format", "json", "--lang", "zh")
    assert zh.returncode == 2 and "未进行检查" in json.loads(zh.stdout)[0]["message"]


def test_the_same_text_as_a_text_file_is_read(linter):
    # only Markdown's parser makes tokens of markup: a .txt with the same bytes is prose
    data = ("**1** " * 2_001).encode()
    assert "GX028" not in {d.code for d in linter.lint_bytes(data, "bold.txt").diagnostics}


@pytest.mark.parametrize("text, count", [
    ("*a* _b_ `c` &amp; \\* ~d~", 2 + 2 + 2 + 1 + 1 + 1 + 2),
    ("[a](b)", 3),
    ("- a\n* b\n+ c\n1. d\n2) e\n# f\n###### g\n", 7 * 4 + 1),  # the bullet * is inline markup too
    ("> - a\n   - b\n", 2 * 4),
    ("-a\n#b\n####### c\n1.5\n", 0),  # no space after the marker (or seven #): no list, no heading
])
def test_what_counts_as_markup(text, count):
    assert markup_count(text) == count
    check_markup_count(text, limit=count)
    if count:
        with pytest.raises(InputError) as refused:
            check_markup_count(text, limit=count - 1)
        assert refused.value.code == "GX028" and refused.value.details["found"] == f"{count:,}"


def test_every_markdown_file_in_the_repository_is_well_under_the_limit():
    found = [p for p in ROOT.rglob("*.md") if ".venv" not in p.parts and p.is_file()]  # the repository's own
    assert len(found) >= 20
    assert max(markup_count(p.read_text(encoding="utf-8", errors="replace")) for p in found) * 10 < MAX_MARKUP
