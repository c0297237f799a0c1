"""GX303's placeholder pattern, written so that each alternative starts with a character
it matches (and looks behind that character for what may not precede the match), finds
exactly what the pattern as first written found: on every line of the real reports and on
strings of the characters that decide (hypothesis)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gxlint_plugins import placeholders

from conftest import CORPUS, SEEDS

REPO = Path(__file__).resolve().parent.parent
_CJK = r"\u4e00-\u9fff"
PLAIN = re.compile("|".join([
    r"(?<![A-Za-z0-9])(?:[Xx]{2,}|[×Ｘ]{2,})(?![A-Za-z0-9])",
    r"(?<![0-9])\d{2,3}[Xx×Ｘ]{1,2}(?=[年月日])",
    r"(?<![A-Za-z])(?:\d{2,3})?[Xx×Ｘ](?=[年月日件条个项次人])",
    r"＿{2,}|(?<!_)_{3,}(?!_)",
    r"[（(【\[]\s*(?:(?:请)?填写[^）)】\]]{0,12}|(?:行政)?(?:单位|机关|部门|机构|单位全|乡镇|街道)名称|名称|数字|数量|年份|日期)\s*[）)】\]]",
    rf"(?<![{_CJK}])某某|某某(?=[年月日件条个项万])",
    r"(?<!\*)\*{4,}(?!\*)|＊{3,}",
]))
ALPHABET = "Xx×Ｘab0123٣＿_*＊某王年月日件人（(【[）)】] 填写单位名称数字"


def _found(pattern, text: str) -> list:
    return [m.span() for m in pattern.finditer(text)]


@pytest.fixture(scope="module")
def lines() -> list[str]:
    paths = sorted(SEEDS.glob("*.txt")) + sorted(CORPUS.glob("*.txt")) + sorted((CORPUS / "html").glob("*.htm*")) + [
        REPO / "tests" / "fixtures" / "report-003.md", *sorted((REPO / "docs" / "examples").glob("*.md"))]
    return [line for path in paths if path.exists()
            for line in path.read_text(encoding="utf-8", errors="replace").splitlines()]


def test_the_same_matches_on_every_line_of_the_real_reports(lines):
    assert len(lines) > 10_000
    for line in lines:
        assert _found(placeholders.PLACEHOLDER, line) == _found(PLAIN, line), line


@pytest.mark.parametrize("text", ["20XX年度报告", "XX局", "1024×768", "共××件", "X月X日", "ax件", "（单位名称）",
                                  "【请填写机关名称】", "某某年", "王某某", "____", "a__b", "*****", "**", "＊＊＊"])
def test_the_same_matches_on_placeholders_and_look_alikes(text):
    assert _found(placeholders.PLACEHOLDER, text) == _found(PLAIN, text)


@settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=ALPHABET, max_size=30))
def test_the_same_matches_on_strings_of_the_deciding_characters(text):
    assert _found(placeholders.PLACEHOLDER, text) == _found(PLAIN, text), text
