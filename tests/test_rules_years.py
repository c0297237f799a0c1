"""GX4xx (years): report year, statistics period, other years' figures, publication dates."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import corpus, seed

YEAR_CODES = ("GX401", "GX402", "GX403", "GX404", "GX405")


def diags(linter, path, *codes):
    result = linter.lint_path(str(path))
    return [d for d in result.diagnostics if d.code in codes]


def modified(tmp_path: Path, source: Path, edit) -> Path:
    text = source.read_text(encoding="utf-8")
    new = edit(text)
    assert new != text, "the edit must change the file"
    out = tmp_path / source.name
    out.write_text(new, encoding="utf-8")
    return out


def insert_after(text: str, anchor: str, line: str) -> str:
    assert anchor in text
    return text.replace(anchor, anchor + line, 1)


# --- no findings on the real reports ------------------------------------------------------------


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_no_year_findings_on_seeds(linter, prefix):
    # includes: seed 001 line 394 (2024年我们将… in 五), seed 002's Copyright 2008-2017
    # footer, seed 003's 2025-01-26 publication date and 制定2025年… plan, seed 004 line 621
    found = diags(linter, seed(prefix), *YEAR_CODES)
    assert found == [], [d.message("en") for d in found]


@pytest.mark.parametrize(
    "name",
    ["pingtan-2019.html", "pingtan-2021.html", "pingtan-2022.html", "pingtan-2023.html",
     "001.txt", "003.txt", "005.txt", "010.txt", "012.txt", "035.txt", "036.txt", "038.txt"],
)
def test_no_year_findings_on_corpus(linter, name):
    # pingtan-2023: published 2024-03-08, a government's own report (deadline 31 March);
    # 036: a 2016 department report published 2017-02-23 (pre-2019: 31 March for all)
    found = diags(linter, corpus(name), *YEAR_CODES)
    assert found == [], [d.message("en") for d in found]


# --- GX401 ---------------------------------------------------------------------------------------


def test_gx401_period_year_differs_from_title(linter, tmp_path):
    path = modified(tmp_path, corpus("003.txt"),
                    lambda t: t.replace("统计期限自 2024 年 1 月 1 日至 2024 年 12 月 31 日", "统计期限自 2023 年 1 月 1 日至 2023 年 12 月 31 日"))
    found = diags(linter, path, "GX401")
    assert [d.line for d in found] == [7]
    assert "2023" in found[0].message("en") and "2024" in found[0].message("en")


def test_gx401_narrative_year_differs(linter, tmp_path):
    path = modified(tmp_path, corpus("003.txt"), lambda t: t.replace("2024 年，我市坚持", "2023 年，我市坚持", 1))
    found = diags(linter, path, "GX401")
    assert [d.line for d in found] == [12]
    assert diags(linter, path, "GX403") == []  # the same place is not reported twice


# --- GX402 ---------------------------------------------------------------------------------------


def test_gx402_period_not_calendar_year(linter, tmp_path):
    path = modified(tmp_path, corpus("003.txt"),
                    lambda t: t.replace("至 2024 年 12 月 31 日。", "至 2024 年 11 月 30 日。", 1))
    found = diags(linter, path, "GX402")
    assert [d.line for d in found] == [7]
    assert "11月30日" in found[0].message("zh")


def test_gx402_period_across_years(linter, tmp_path):
    path = modified(tmp_path, corpus("011.txt"),
                    lambda t: t.replace("自2022年1月1日起至2022年12月31日止", "自2021年12月1日起至2022年11月30日止"))
    assert len(diags(linter, path, "GX402")) == 1


@pytest.mark.parametrize("name", ["005.txt", "010.txt", "014.txt", "030.txt"])
def test_gx402_accepts_end_without_year_and_wording_variants(linter, name):
    # 至12月31日 (no year), 从…到…止, 自…起至…止, 统计周期
    assert diags(linter, corpus(name), "GX402") == []


# --- GX403 ---------------------------------------------------------------------------------------

SEED3_SECTION1 = "(一)加大主动公开\n"


def test_gx403_last_years_figures_in_section_one(linter, tmp_path):
    path = modified(tmp_path, seed("003"), lambda t: insert_after(t, SEED3_SECTION1, "2023年,我区共主动公开政府信息1200条。\n"))
    found = diags(linter, path, "GX403")
    assert [d.line for d in found] == [8]
    assert "2023" in found[0].message("zh")


@pytest.mark.parametrize(
    "sentence",
    [
        "全年公开信息1200条,较2023年增加100条。",
        "2023年以来,我区累计公开政府信息5000条。",
        "截至2023年底,我区共有政务新媒体12个。",
        "2025年,我区将新建公开专栏3个。",
        "依据《关于做好2023年政务公开工作的通知》(晋政办发〔2023〕12号)开展工作。",
        "2024年,我区共主动公开政府信息1200条。",
    ],
)
def test_gx403_look_alikes_in_section_one(linter, tmp_path, sentence):
    path = modified(tmp_path, seed("003"), lambda t: insert_after(t, SEED3_SECTION1, sentence + "\n"))
    assert diags(linter, path, "GX403") == []


def test_gx403_never_in_section_five(linter, tmp_path):
    def add(t):
        return insert_after(t, "五、存在的主要问题及改进情况\n", "2023年,我区共发现问题12个,均已整改。\n")

    path = modified(tmp_path, seed("003"), add)
    assert diags(linter, path, "GX403") == []


# --- GX404 / GX405 -----------------------------------------------------------------------------------


def test_gx404_government_after_31_march(linter, tmp_path):
    path = modified(tmp_path, seed("003"), lambda t: t.replace("发布时间: 2025-01-26", "发布时间: 2025-04-02", 1))
    found = diags(linter, path, "GX404")
    assert [d.line for d in found] == [2]
    assert "2025年3月31日" in found[0].message("zh")


def test_gx404_government_within_31_march(linter, tmp_path):
    path = modified(tmp_path, seed("003"), lambda t: t.replace("发布时间: 2025-01-26", "发布时间: 2025-03-20", 1))
    assert diags(linter, path, "GX404", "GX405") == []


def _dated_seed_001(date: str):
    def edit(t):
        first, rest = t.split("\n", 1)
        return f"{first}\n发布日期:{date}\n{rest}"
    return edit


def test_gx404_department_after_31_january(linter, tmp_path):
    # 临湘市文旅广电局 is a department: deadline 31 January
    path = modified(tmp_path, seed("001"), _dated_seed_001("2024-02-20"))
    found = diags(linter, path, "GX404")
    assert [d.line for d in found] == [2]
    assert "2024年1月31日" in found[0].message("zh")


def test_gx404_department_on_time(linter, tmp_path):
    path = modified(tmp_path, seed("001"), _dated_seed_001("2024-01-30"))
    assert diags(linter, path, "GX404", "GX405") == []


def test_gx404_unknown_agency_gets_later_deadline(linter, tmp_path):
    # 正阳街道办事处: neither a department nor clearly a government; 31 March applies
    path = modified(tmp_path, corpus("014.txt"), lambda t: t.replace("正阳街道\n", "正阳街道\n发布时间: 2024-02-15\n", 1))
    assert diags(linter, path, "GX404", "GX405") == []
    late = modified(tmp_path, corpus("014.txt"), lambda t: t.replace("正阳街道\n", "正阳街道\n发布时间: 2024-04-15\n", 1))
    assert len(diags(linter, late, "GX404")) == 1


def test_gx404_agency_from_introduction(linter, tmp_path):
    # seed 002 has no title, but its introduction says 我局 (a bureau): 31 January applies
    path = modified(tmp_path, seed("002"), lambda t: "发布时间: 2026-02-15\n" + t)
    found = diags(linter, path, "GX404")
    assert [d.line for d in found] == [1]
    assert "2026年1月31日" in found[0].message("zh")


def test_gx405_published_before_year_end(linter, tmp_path):
    path = modified(tmp_path, seed("003"), lambda t: t.replace("发布时间: 2025-01-26", "发布时间: 2024-12-20", 1))
    found = diags(linter, path, "GX405")
    assert [d.line for d in found] == [2]


def test_gx404_html_meta_pubdate(linter, tmp_path):
    path = modified(tmp_path, corpus("pingtan-2023.html"),
                    lambda t: t.replace('content="2024-03-08 15:34"', 'content="2024-04-08 15:34"', 1))
    found = diags(linter, path, "GX404")
    assert len(found) == 1 and "2024年4月8日" in found[0].message("zh")


def test_dates_helpers():
    import datetime as dt

    from gxlint.analysis.facts import DATE_RE, agency_kind, parse_date
    from gxlint.numerals import cn_number
    from gxlint_plugins.years import deadline

    assert agency_kind("临湘市文旅广电局") == "department"
    assert agency_kind("甘谷县人民政府办公室") == "department"
    assert agency_kind("太原市万柏林区人民政府") == "government"
    assert agency_kind("平潭综合实验区") == "government"
    assert agency_kind("正阳街道办事处") == "unknown"
    assert deadline(2023, "department") == dt.date(2024, 1, 31)
    assert deadline(2023, "unknown") == dt.date(2024, 3, 31)
    assert deadline(2016, "department") == dt.date(2017, 3, 31)
    m = DATE_RE.search("二〇二四年一月二十日")
    assert parse_date(m) == dt.date(2024, 1, 20)
    assert [cn_number(s) for s in ("二〇二四", "二O二三", "十", "十二", "三十一", "二十", "12", "", "十十", "年")] == [
        2024, 2023, 10, 12, 31, 20, 12, None, None, None]
