"""HTML pages of tiny elements are refused past an element limit (GX026, issue 9).

Every element is a parsed node (and a paragraph a block): a page of ``<p>1</p>`` took 96×
its size.  The limit is counted before parsing; memory at the limit is held by
tests/test_hostile_memory.py.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from gxlint.errors import InputError
from gxlint.readers.element_limit import MAX_ELEMENTS, check_element_count, count_tags
from tests.fuzz.hostile_inputs import embed

ROOT = __import__("pathlib").Path(__file__).resolve().parents[1]


def _gxlint(path, *options):
    return subprocess.run([sys.executable, "-m", "gxlint", "--no-cache", "--isolated", *options, str(path)],
                          capture_output=True, timeout=300, text=True)


def _page(unit: str, start_tags: int) -> str:
    page = embed("@@", "html").decode()
    repeats = (start_tags - (count_tags(page) - 1)) // count_tags(unit)
    return page.replace("<p>@@</p>", unit * repeats)


def test_a_page_just_over_the_element_limit_is_refused_saying_how_many(tmp_path):
    page = tmp_path / "elements.html"
    page.write_text(_page("<p>1</p>", MAX_ELEMENTS + 1), encoding="utf-8")
    found = len(re.findall(r"<(?:[A-Za-z!?]|/[^A-Za-z>])", page.read_text(encoding="utf-8")))
    assert found == MAX_ELEMENTS + 1
    run = _gxlint(page, "--format", "json")
    assert run.returncode == 2, run.stderr
    [finding] = json.loads(run.stdout)
    assert finding["code"] == "GX026"
    assert f"the page has {found:,} elements and comments (tags), more than the limit of {MAX_ELEMENTS:,}" in finding["message"]
    assert "it was not checked" in finding["message"]
    zh = _gxlint(page, "--format", "json", "--lang", "zh")
    assert zh.returncode == 2 and "未进行检查" in json.loads(zh.stdout)[0]["message"]


def test_a_page_at_the_element_limit_is_read(linter):
    data = _page("<b>1</b>", MAX_ELEMENTS)
    assert count_tags(data) == MAX_ELEMENTS
    result = linter.lint_bytes(data.encode(), "elements.html")
    assert not result.fatal and "GX026" not in {d.code for d in result.diagnostics}


@pytest.mark.parametrize("text, count", [
    ("<p>1</p><BR/><x-y a=1>", 3),  # any ASCII letter starts a tag; closing tags make no node
    ("<!-- c --><!DOCTYPE html><?xml?></1>", 4),  # comments, a doctype, bogus comments are nodes
    ("</p></>< p>1 < 2 <<", 0),  # "</>" and a "<" before a space or digit make none
    ("<<<a<", 1),
    ("<中>", 0),  # html5lib reads "<" and a non-ASCII letter as text
])
def test_start_tags_are_counted_as_the_tokenizer_starts_them(text, count):
    assert count_tags(text) == count
    check_element_count(text, limit=count)
    if count:
        with pytest.raises(InputError) as refused:
            check_element_count(text, limit=count - 1)
        assert refused.value.code == "GX026" and refused.value.details["found"] == f"{count:,}"


def test_no_real_page_comes_near_the_element_limit():
    # the largest saved report page has 2,181 start tags and comments: the limit is more than 5× that
    counts = {str(path.relative_to(ROOT)): count_tags(path.read_text(encoding="utf-8", errors="replace"))
              for folder in ("tests/fixtures", "docs/examples") for path in (ROOT / folder).rglob("*.htm*")}
    assert len(counts) > 30
    assert max(counts.values()) * 5 <= MAX_ELEMENTS, sorted(counts.items(), key=lambda kv: kv[1])[-3:]
