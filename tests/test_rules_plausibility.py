"""GX207+ (totals, plugins/totals/plausibility.py): table figures implausible for the body reporting.

Real corpus files, the same files with one thing changed, and the name classifier.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import CORPUS, HTML_CORPUS, SEEDS, corpus

from gxlint_plugins.totals.plausibility import regulation_maker


def diags(linter, path, *codes):
    result = linter.lint_path(str(path))
    return [d for d in result.diagnostics if d.code in codes]


def modified(tmp_path: Path, source: Path, *edits: tuple[str, str]) -> Path:
    text = source.read_text(encoding="utf-8")
    new = text
    for old, replacement in edits:
        assert old in new, old
        new = new.replace(old, replacement)
    assert new != text
    out = tmp_path / source.name
    out.write_text(new, encoding="utf-8")
    return out


def all_real_files() -> list[Path]:
    files = sorted(CORPUS.glob("*.txt")) + sorted(HTML_CORPUS.glob("*.html")) + sorted(HTML_CORPUS.glob("*.txt"))
    return files + sorted(SEEDS.glob("*.txt"))


# --- GX207 regulations-implausible ------------------------------------------------------------


def test_gx207_town_with_regulations(linter):
    # corpus 023: 桃江县松木塘镇人民政府, 表二 | 规章 | 2 | 0 | 2 |
    found = diags(linter, corpus("023.txt"), "GX207")
    assert [d.line for d in found] == [14]
    zh = found[0].message("zh")
    assert "桃江县松木塘镇人民政府" in zh and "乡镇" in zh
    assert "本年制发 2" in zh and "现行有效 2" in zh and "本年废止" not in zh
    assert "设区的市" in found[0].message("en")


def test_gx207_city_government_is_silent(linter):
    # corpus 003: 淮安市人民政府 (a 设区的市) has 规章 1 / 0 / 11
    assert diags(linter, corpus("003.txt"), "GX207") == []


def test_gx207_city_district_is_reported(linter, tmp_path):
    path = modified(tmp_path, corpus("003.txt"), ("淮安市人民政府\n2024 年", "淮安市洪泽区人民政府\n2024 年"))
    found = diags(linter, path, "GX207")
    assert len(found) == 1
    assert "市辖区" in found[0].message("zh")


@pytest.mark.parametrize("agency", ["益阳市人民政府", "湖南省人民政府", "湖南省司法厅", "益阳市司法局"])
def test_gx207_bodies_that_may_or_might_make_rules_are_silent(linter, tmp_path, agency):
    path = modified(tmp_path, corpus("023.txt"), ("桃江县松木塘镇人民政府\n", agency + "\n"))
    assert diags(linter, path, "GX207") == []


def test_gx207_unknown_agency_is_silent(linter, tmp_path):
    path = modified(tmp_path, corpus("023.txt"), ("桃江县松木塘镇人民政府\n", "\n"))
    assert diags(linter, path, "GX207") == []


def test_gx207_town_with_zero_regulations_is_silent(linter, tmp_path):
    path = modified(tmp_path, corpus("023.txt"), ("| 规章 | 2 | 0 | 2 |", "| 规章 | 0 | 0 | 0 |"))
    assert diags(linter, path, "GX207") == []


def test_gx207_county_department_is_reported(linter, tmp_path):
    path = modified(tmp_path, corpus("023.txt"), ("桃江县松木塘镇人民政府\n", "桃江县司法局\n"))
    found = diags(linter, path, "GX207")
    assert len(found) == 1 and "县级政府部门" in found[0].message("zh")


def test_gx207_only_on_corpus_023(linter):
    hits = {p.name for p in all_real_files() if diags(linter, p, "GX207")}
    assert hits == {"023.txt"}


@pytest.mark.parametrize(
    "name, kind",
    [
        ("桃江县松木塘镇人民政府", "town"),
        ("太平镇人民政府", "town"),
        ("义乌市廿三里街道办事处", "town"),
        ("西咸新区正阳街道办事处", "town"),
        ("富县人民政府", "county"),
        ("临夏回族自治州永靖县", "county"),
        ("四子王旗人民政府", "county"),
        ("甘谷县人民政府办公室", "county-department"),
        ("道县文广新局", "county-department"),
        ("淮安市洪泽区人民政府", "district"),
        ("上海市杨浦区政府", "district"),
        ("北京市朝阳区财政局", "district-department"),
        # may make 规章, or cannot tell from the name: silent
        ("淮安市人民政府", None),
        ("舒兰市市场监督管理局", None),  # a 县级市 cannot be told from a 设区的市 by name
        ("湖北省人民政府", None),
        ("广西壮族自治区人民政府", None),
        ("浦东新区人民政府", None),
        ("平潭综合实验区", None),
        ("随州高新区管委会", None),
        ("上海市科委", None),
        ("县域经济发展局", None),
        ("我局", None),
        ("", None),
    ],
)
def test_regulation_maker(name, kind):
    assert regulation_maker(name) == kind
