"""GX1xx (sections): title, the six sections, their tables, the format era.

Real seeds and corpus files, and real files with one thing changed (written to tmp_path).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import corpus, seed


def diags(linter, path, *codes):
    result = linter.lint_path(str(path))
    return [d for d in result.diagnostics if d.code in codes]


def lines_of(ds):
    return [d.line for d in ds]


def modified(tmp_path: Path, source: Path, edit) -> Path:
    text = source.read_text(encoding="utf-8")
    new = edit(text)
    assert new != text, "the edit must change the file"
    out = tmp_path / source.name
    out.write_text(new, encoding="utf-8")
    return out


# --- GX101 missing title -------------------------------------------------------------------


@pytest.mark.parametrize("prefix", ["000", "002"])
def test_gx101_seeds_without_title(linter, prefix):
    found = diags(linter, seed(prefix), "GX101")
    assert lines_of(found) == [1]
    assert "政府信息公开工作年度报告" in found[0].message("zh")


@pytest.mark.parametrize("prefix", ["001", "003", "004"])
def test_gx101_not_on_seeds_with_title(linter, prefix):
    assert diags(linter, seed(prefix), "GX101") == []


@pytest.mark.parametrize("name", ["001.txt", "005.txt", "020.txt", "023.txt", "pingtan-2023.html", "pingtan-2021.html"])
def test_gx101_not_on_split_or_html_titles(linter, name):
    # 001: agency line above the title; 005: title broken over two lines; HTML: article title
    assert diags(linter, corpus(name), "GX101") == []


def test_gx101_when_title_line_removed(linter, tmp_path):
    path = modified(tmp_path, seed("003"), lambda t: t.replace("太原市万柏林区人民政府2024年度政府信息公开工作年度报告\n", "", 1))
    assert len(diags(linter, path, "GX101")) == 1


def test_gx101_unknown_year_is_a_named_slot(linter):
    # 040 has no title and no year: no literal "Y年" in either language
    (d,) = diags(linter, corpus("040.txt"), "GX101")
    assert "“<agency><year>年政府信息公开工作年度报告”" in d.message("en")
    assert "“<机关名称><年份>年政府信息公开工作年度报告”" in d.message("zh")


def test_gx101_known_year_is_filled_in(linter):
    (d,) = diags(linter, seed("000"), "GX101")
    assert "“<agency>2024年政府信息公开工作年度报告”" in d.message("en")
    assert "“<机关名称>2024年政府信息公开工作年度报告”" in d.message("zh")


def test_gx113_unknown_year_is_a_named_slot(linter, tmp_path):
    path = tmp_path / "r.txt"
    path.write_text("本年度报告根据《中华人民共和国政府信息公开条例》编制。\n一、总体情况\n我局认真落实条例。\n"
                    "二、主动公开政府信息情况\n无。\n", encoding="utf-8")
    for d in diags(linter, path, "GX113", "GX101"):
        assert "Y年" not in d.message("en") + d.message("zh")


# --- GX102 incomplete title ----------------------------------------------------------------


def test_gx102_quotes_the_title_as_written(linter):
    # corpus 030: the spam brand holds a space (mobile 365); the quote keeps it
    path = corpus("030.txt")
    (d,) = diags(linter, path, "GX102")
    assert "mobile 365365051" in d.args["title"]
    assert d.args["title"] in path.read_text(encoding="utf-8")
    assert "<agency>" in d.message("en") and "<机关名称>" in d.message("zh")


def test_gx102_title_without_agency(linter):
    found = diags(linter, corpus("029.txt"), "GX102")
    assert lines_of(found) == [2]
    assert "机关名称" in found[0].message("zh")


@pytest.mark.parametrize("name,words", [("030.txt", "政府信息公开年度报告"), ("036.txt", "政务信息公开年度报告")])
def test_gx102_title_with_wrong_words(linter, name, words):
    found = diags(linter, corpus(name), "GX102")
    assert len(found) == 1
    assert words in found[0].message("zh")


def test_gx102_intro_name_when_no_title(linter):
    found = diags(linter, corpus("031.txt"), "GX102")
    assert len(found) == 1 and found[0].line == 2
    assert "工作报告" in found[0].message("zh")


@pytest.mark.parametrize("name", ["001.txt", "003.txt", "005.txt", "012.txt", "020.txt", "023.txt", "021.txt", "010.txt"])
def test_gx102_not_on_complete_titles(linter, name):
    # 020/023: agency on its own line next to the title; 010: date after the title
    assert diags(linter, corpus(name), "GX102") == []


def test_gx102_not_on_seeds(linter):
    for prefix in ("000", "001", "002", "003", "004"):
        assert diags(linter, seed(prefix), "GX102") == [], prefix


def test_gx102_title_year_removed(linter, tmp_path):
    path = modified(tmp_path, seed("003"), lambda t: t.replace("人民政府2024年度政府信息", "人民政府政府信息", 1))
    found = diags(linter, path, "GX102")
    assert lines_of(found) == [1]
    assert "year" in found[0].message("en")


# --- GX103 missing section / GX114 truncated ---------------------------------------------------


def test_gx103_corpus_005_lacks_problems_section(linter):
    found = diags(linter, corpus("005.txt"), "GX103")
    assert lines_of(found) == [206]
    assert "存在的主要问题" in found[0].message("zh")


def test_gx103_not_on_seeds(linter):
    for prefix in ("000", "001", "002", "003", "004"):
        assert diags(linter, seed(prefix), "GX103", "GX114") == [], prefix


def test_gx103_section_removed(linter, tmp_path):
    def drop_five(text):
        lines = text.split("\n")
        start = next(i for i, l in enumerate(lines) if l.startswith("五、存在的主要问题"))
        end = next(i for i, l in enumerate(lines) if l.startswith("六、"))
        return "\n".join(lines[:start] + lines[end:])

    path = modified(tmp_path, seed("003"), drop_five)
    found = diags(linter, path, "GX103")
    assert len(found) == 1 and "五" in found[0].message("zh")


@pytest.mark.parametrize("name", ["008.txt", "014.txt", "023.txt", "011.txt", "040.txt"])
def test_partial_files_report_truncation_once_not_missing_sections(linter, name):
    assert diags(linter, corpus(name), "GX103") == []
    assert len(diags(linter, corpus(name), "GX114")) == 1


@pytest.mark.parametrize("name", ["003.txt", "pingtan-2022.html", "pingtan-2019.html"])
def test_whole_reports_are_not_truncated(linter, name):
    assert diags(linter, corpus(name), "GX114", "GX103") == []


# --- GX104 order / GX105 duplicate / GX106 numbering restart ----------------------------------


def _move_five_after_six(text):
    lines = text.split("\n")
    five = next(i for i, l in enumerate(lines) if l.startswith("五、存在的主要问题"))
    six = next(i for i, l in enumerate(lines) if l.startswith("六、"))
    block = lines[five:six]
    rest = lines[:five] + lines[six:]
    return "\n".join(rest + block)


def test_gx104_sections_out_of_order(linter, tmp_path):
    path = modified(tmp_path, seed("003"), _move_five_after_six)
    found = diags(linter, path, "GX104")
    assert len(found) == 1 and "五" in found[0].message("zh")
    assert diags(linter, path, "GX103", "GX105") == []


def test_gx105_duplicated_section(linter, tmp_path):
    path = modified(tmp_path, seed("003"), lambda t: t.rstrip("\n") + "\n六、其他需要报告的事项\n无。\n")
    found = diags(linter, path, "GX105")
    assert len(found) == 1 and "67" in found[0].message("en")
    assert diags(linter, path, "GX104") == []


def test_gx106_second_numbering_series(linter):
    found = diags(linter, corpus("005.txt"), "GX106")
    assert lines_of(found) == [74]
    assert "工作机制保障" in found[0].message("zh")
    # the restart is reported once, not as disorder or duplicates
    assert diags(linter, corpus("005.txt"), "GX104", "GX105") == []


def test_gx104_to_106_not_on_seeds_or_pingtan(linter):
    paths = [seed(p) for p in ("000", "001", "002", "003", "004")]
    paths += [corpus(n) for n in ("pingtan-2019.html", "pingtan-2021.html", "pingtan-2022.html", "pingtan-2023.html", "001.txt", "003.txt")]
    for path in paths:
        assert diags(linter, path, "GX104", "GX105", "GX106") == [], path.name


# --- GX107 wording ----------------------------------------------------------------------------


def test_gx107_arabic_numbering(linter):
    found = diags(linter, corpus("014.txt"), "GX107")
    assert lines_of(found) == [14]
    assert found[0].severity is None or str(found[0].severity).lower().endswith("info")
    assert "1、" in found[0].message("zh")


def test_gx107_heading_typo_still_recognised(linter):
    found = diags(linter, corpus("pingtan-2022.html"), "GX107")
    assert len(found) == 1 and "行政法复议" in found[0].message("zh")
    assert diags(linter, corpus("pingtan-2022.html"), "GX103") == []


def test_gx107_not_on_standard_headings(linter):
    for prefix in ("000", "001", "002", "003", "004"):
        assert diags(linter, seed(prefix), "GX107") == [], prefix


# --- GX108 / GX109 tables ------------------------------------------------------------------------


def test_gx108_section_without_table(linter, tmp_path):
    def drop_table_four(text):
        lines = text.split("\n")
        four = next(i for i, l in enumerate(lines) if l.startswith("四、政府信息公开行政复议"))
        five = next(i for i, l in enumerate(lines) if l.startswith("五、存在的主要问题"))
        return "\n".join(lines[:four + 1] + ["本年度未发生行政复议和行政诉讼。"] + lines[five:])

    path = modified(tmp_path, seed("003"), drop_table_four)
    found = diags(linter, path, "GX108")
    assert lines_of(found) == [59]


def test_gx108_gx109_not_on_seeds(linter):
    # seed 002's tables are all zeros: zeros are numbers, not an unfilled template
    for prefix in ("000", "001", "002", "003", "004"):
        assert diags(linter, seed(prefix), "GX108", "GX109") == [], prefix


def test_gx109_unfilled_template(linter):
    found = diags(linter, corpus("012.txt"), "GX109")
    assert found and all(d.code == "GX109" for d in found)
    assert "二" in found[0].message("zh")


# --- GX110 / GX111 outdated format ---------------------------------------------------------------


def test_gx110_seed_001_uses_2019_table(linter):
    found = diags(linter, seed("001"), "GX110")
    assert len(found) == 1
    assert "本年新制作数量" in found[0].message("zh")
    assert 10 <= found[0].line <= 98  # inside section 二


@pytest.mark.parametrize("name", ["012.txt", "001.txt"])
def test_gx110_corpus(linter, name):
    assert diags(linter, corpus(name), "GX110")


@pytest.mark.parametrize("name", ["031.txt", "pingtan-2019.html", "003.txt", "pingtan-2023.html"])
def test_gx110_not_when_layout_fits_year(linter, name):
    # 031 and pingtan-2019 are 2020/2019 reports: the 2019 layout is right for them
    assert diags(linter, corpus(name), "GX110") == []


def test_gx110_not_on_2020_report_with_2019_table(linter, tmp_path):
    def to_2020(text):
        return (text.replace("2023年", "2020年").replace("2023年", "2020年"))

    path = modified(tmp_path, seed("001"), to_2020)
    assert diags(linter, path, "GX110") == []


def test_gx111_cites_2019_notice(linter):
    found = diags(linter, corpus("011.txt"), "GX111")
    assert lines_of(found) == [6]
    assert "〔2019〕60号" in found[0].message("zh")


@pytest.mark.parametrize("name", ["021.txt", "025.txt", "022.txt"])
def test_gx111_not_on_2021_citation(linter, name):
    assert diags(linter, corpus(name), "GX111") == []


def test_gx111_not_for_a_2020_report(linter, tmp_path):
    path = modified(tmp_path, corpus("011.txt"), lambda t: t.replace("2022年", "2020年"))
    assert diags(linter, path, "GX111") == []


# --- GX112 / GX113 ------------------------------------------------------------------------------


def test_gx112_empty_problems_section(linter, tmp_path):
    def empty_five(text):
        lines = text.split("\n")
        five = next(i for i, l in enumerate(lines) if l.startswith("五、存在的主要问题"))
        six = next(i for i, l in enumerate(lines) if l.startswith("六、"))
        return "\n".join(lines[:five + 1] + ["无"] + lines[six:])

    path = modified(tmp_path, seed("003"), empty_five)
    found = diags(linter, path, "GX112")
    assert lines_of(found) == [64]


def test_gx112_not_on_six_with_wu(linter):
    # seed 000 and 001 answer 六 with 无: acceptable there
    for prefix in ("000", "001", "002", "003", "004"):
        assert diags(linter, seed(prefix), "GX112") == [], prefix


def test_gx113_missing_period_is_info(linter):
    found = diags(linter, seed("003"), "GX113")
    assert len(found) == 1
    assert found[0].rule.severity.name.lower() == "info"


@pytest.mark.parametrize("name", ["001.txt", "003.txt", "005.txt", "011.txt", "017.txt", "pingtan-2023.html"])
def test_gx113_not_when_period_present(linter, name):
    assert diags(linter, corpus(name), "GX113") == []


@pytest.mark.parametrize("name", ["015.txt", "024.txt"])
def test_gx113_not_when_front_matter_absent(linter, name):
    # the copy starts at 一、总体情况: GX101 says the top is missing; no second finding
    assert diags(linter, corpus(name), "GX113") == []
    assert diags(linter, corpus(name), "GX101")


def test_pingtan_pages_are_clean_of_structure_findings(linter):
    for name in ("pingtan-2019.html", "pingtan-2021.html", "pingtan-2023.html"):
        # GX12x (text quality) finds real typos on these pages (see test_rules_text_quality);
        # the structure of the three reports is clean.
        found = [d for d in linter.lint_path(str(corpus(name))).diagnostics
                 if d.rule.family == "sections" and not d.code.startswith("GX12")]
        assert found == [], (name, [d.message("en") for d in found])


# --- GX115 title layout -------------------------------------------------------------------------


def test_gx115_exact_hits_on_all_real_files(linter):
    from conftest import CORPUS, HTML_CORPUS, SEEDS

    files = sorted(CORPUS.glob("*.txt")) + sorted(HTML_CORPUS.glob("*.html")) + sorted(HTML_CORPUS.glob("*.txt")) + sorted(SEEDS.glob("*.txt"))
    found = {(p.name, d.line) for p in files for d in diags(linter, p, "GX115")}
    # 029 writes its title twice; 010's title line carries the page date (repeated on line 5).
    # Page title + the report's own two-line title (014, 023, 025, pingtan-2019) is normal.
    assert found == {("029.txt", 3), ("010.txt", 2)}


def test_gx115_repeated_title(linter):
    path = corpus("029.txt")
    (d,) = diags(linter, path, "GX115")
    assert "line 2" in d.message("en") and "第 2 行" in d.message("zh")


def test_gx115_date_in_title_and_repeated_date_line(linter):
    path = corpus("010.txt")
    (d,) = diags(linter, path, "GX115")
    text = path.read_text(encoding="utf-8")
    assert text[d.start:d.end] == "2023-01-20"
    assert "line 5" in d.message("en")


def test_gx115_fixed_files_are_silent(linter, tmp_path):
    fixed = modified(tmp_path, corpus("029.txt"), lambda t: t.replace("2023年政府信息公开工作年度报告\n", "", 1))
    assert diags(linter, fixed, "GX115") == []
    (tmp_path / "b").mkdir()
    fixed = modified(tmp_path / "b", corpus("010.txt"), lambda t: t.replace("年度报告 2023-01-20", "年度报告", 1))
    assert diags(linter, fixed, "GX115") == []


def test_gx115_title_doubled_in_a_seed(linter, tmp_path):
    title = "太原市万柏林区人民政府2024年度政府信息公开工作年度报告\n"
    path = modified(tmp_path, seed("003"), lambda t: t.replace(title, title + title, 1))
    assert len(diags(linter, path, "GX115")) == 1


def test_gx107_two_levels_share_one_numbering(linter):
    # corpus 014: 1、 总体情况, then its sub-items 1、 主动公开 … 4、 政府信息公开平台建设
    (d,) = diags(linter, corpus("014.txt"), "GX107")
    assert d.line == 14
    assert "1、…4、" in d.message("en") and "两级标题共用一套编号" in d.message("zh")


def test_gx107_shared_numbering_only_on_014(linter):
    from conftest import CORPUS, HTML_CORPUS, SEEDS

    files = sorted(CORPUS.glob("*.txt")) + sorted(HTML_CORPUS.glob("*.html")) + sorted(HTML_CORPUS.glob("*.txt")) + sorted(SEEDS.glob("*.txt"))
    hits = {p.name for p in files for d in diags(linter, p, "GX107") if "share one numbering" in d.message("en")}
    assert hits == {"014.txt"}


def test_an_introduction_is_told_as_the_pattern_told_it():
    """GX113's test of an introduction block (a start or a citation) answers as the regular
    expression it replaced, on strings of the deciding characters and the real reports."""
    import re  # lazy: this test only

    from hypothesis import given, settings  # lazy: this test only
    from hypothesis import strategies as st  # lazy: this test only

    from gxlint_plugins.sections import _is_intro  # lazy: this test only

    plain = re.compile(r"^(?:根据|依据|按照|本报告|本年度报告|本年报)|条例")

    @settings(max_examples=2000, deadline=None)
    @given(st.text(alphabet="根据依按照本报告年度条例 \n", max_size=12))
    def same(text: str) -> None:
        assert _is_intro(text) == bool(plain.search(text)), text

    same()
    from conftest import SEEDS  # lazy: this test only

    for path in sorted(SEEDS.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            assert _is_intro(line) == bool(plain.search(line))
