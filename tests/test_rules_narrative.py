"""GX210–GX212: figures in the text against the tables, claims of zero, 其中 lists.

Acceptance cases from seeds/EXPECTED.md and corpus/INDEX.md, then real reports with one
figure of the text changed, and look-alike sentences inserted into a real report (figures
about other things must not be compared).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from gxlint.engine import Linter
from gxlint.plugin.manager import load_plugins

from conftest import corpus, seed

NARRATIVE = {"GX210", "GX211", "GX212"}


@pytest.fixture(scope="module")
def totals_linter():
    return Linter(load_plugins(disabled=("sections", "placeholders", "years", "contamination")))


def lint(linter, path, codes=NARRATIVE):
    result = linter.lint_path(str(path))
    assert not result.fatal
    assert not [d for d in result.diagnostics if d.code.startswith("GX9")], [
        d.message("en") for d in result.diagnostics
    ]
    return [d for d in result.diagnostics if d.code in codes]


def edited(tmp_path: Path, original: Path, line: int, old: str, new: str) -> Path:
    lines = original.read_text(encoding="utf-8").split("\n")
    assert lines[line - 1].count(old) == 1, (lines[line - 1][:80], old)
    lines[line - 1] = lines[line - 1].replace(old, new)
    path = tmp_path / original.name
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def inserted(tmp_path: Path, original: Path, after: int, sentence: str) -> Path:
    lines = original.read_text(encoding="utf-8").split("\n")
    lines.insert(after, sentence)
    path = tmp_path / ("ins-" + original.name)
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def at(path: Path, d) -> str:
    """The source text a diagnostic points at."""
    line = path.read_text(encoding="utf-8").split("\n")[d.line - 1]
    return line[d.column - 1 : d.end_column - 1] if d.end_line == d.line else line[d.column - 1 :]


# --- acceptance: seeds -------------------------------------------------------------------------


def test_seed_000_line_6_no_review_no_lawsuit_contradicts_table_four(totals_linter):
    path = seed("000")
    found = [d for d in lint(totals_linter, path) if d.code == "GX211"]
    assert [d.line for d in found] == [6, 6]
    review, lawsuit = found
    assert review.args["value"] == "6" and "行政复议" in review.args["cell"]
    assert lawsuit.args["value"] == "11" and "行政诉讼" in lawsuit.args["cell"]
    assert at(path, review).startswith("未收到") and "行政復" in at(path, review)
    assert at(path, lawsuit).startswith("未發") and "行政訴" in at(path, lawsuit)
    assert "正文称" in review.message("zh") and "the text says" in review.message("en")


def test_gx211_quotes_the_files_own_text(totals_linter):
    # the match is made on the normalised (Simplified, pinyin-free) view; the quote is the
    # file's own characters, so a reader can search the file for it
    path = seed("000")
    text = path.read_text(encoding="utf-8")
    found = [d for d in lint(totals_linter, path) if d.code == "GX211"]
    assert found
    for d in found:
        quote = d.args["quote"]
        assert quote in text and quote == at(path, d).strip(), quote
    assert found[0].args["quote"] == "未收到有關(guān)政府信息公開(kāi)的行政復(fù)議"
    zh = found[0].message("zh")
    assert "（未发生或未收到行政复议）" in zh and "（未发生（" not in zh


def test_seed_000_line_8_normative_documents(totals_linter):
    path = seed("000")
    found = [d for d in lint(totals_linter, path) if d.code == "GX210"]
    assert [d.line for d in found] == [8]
    (d,) = found
    assert at(path, d) == "2"
    assert d.args["expected"] == "4" and "本年制发件数" in d.args["cell"]
    assert d.message("zh") == "正文称本年制发的规范性文件2条，但表二「行政规范性文件 · 本年制发件数」为 4"


def test_seed_000_line_4_parts_below_the_whole_are_fine(totals_linter):
    assert not [d for d in lint(totals_linter, seed("000")) if d.code == "GX212"]


def test_seed_003_line_10_lawsuits(totals_linter):
    path = seed("003")
    found = lint(totals_linter, path)
    assert [(d.code, d.line) for d in found] == [("GX210", 10)]  # not 110, 9, 2, 11, 10, 12
    (d,) = found
    assert at(path, d) == "8"
    assert d.args["stated"] == "8件" and d.args["expected"] == "12（4+8）"
    assert "行政诉讼" in d.message("zh") and "lawsuits" in d.message("en")


@pytest.mark.parametrize("prefix", ["001", "002", "004"])
def test_seeds_without_narrative_findings(totals_linter, prefix):
    # 001: 其中 list adds up; 002: 未收到 and its tables are all zero;
    # 004: 复议 1 件, 诉讼 2 件 agree with 表四 (read 1? as 1, 2? as 2)
    assert lint(totals_linter, seed(prefix)) == []


# --- acceptance: corpus ------------------------------------------------------------------------


def test_corpus_040_received_2_vs_3(totals_linter):
    path = corpus("040.txt")
    (d,) = lint(totals_linter, path)
    assert (d.code, d.line, at(path, d)) == ("GX210", 4, "2")
    assert d.args["expected"] == "3"


def test_corpus_002_scope_mismatch_17_vs_95(totals_linter):
    path = corpus("002.txt")
    (d,) = lint(totals_linter, path)
    assert (d.code, d.line, at(path, d)) == ("GX210", 26, "17")
    assert d.args["expected"] == "95"


def test_corpus_005_all_done_but_one_carried_forward(totals_linter):
    path = corpus("005.txt")
    found = [d for d in lint(totals_linter, path) if d.code == "GX211"]
    assert [d.line for d in found] == [44]
    assert found[0].args["value"] == "1"
    assert "所有申请均已按要求办理完成" in found[0].message("zh")


def test_corpus_003_narrative_agrees(totals_linter):
    # 受理3119, 答复3050, 顺延103, 复议351, 诉讼46 = 26+20; 其中 lists add up exactly
    assert lint(totals_linter, corpus("003.txt")) == []


def test_pingtan_2023_in_force_393_vs_470(totals_linter):
    path = corpus("pingtan-2023.html")
    (d,) = lint(totals_linter, path)
    assert d.code == "GX210" and at(path, d) == "393"
    assert d.args["expected"] == "470" and "现行有效件数" in d.args["cell"]


@pytest.mark.parametrize("name", ["pingtan-2019.html", "pingtan-2021.html", "pingtan-2022.html"])
def test_pingtan_other_years_agree(totals_linter, name):
    assert lint(totals_linter, corpus(name)) == []


# --- one figure of the text changed -------------------------------------------------------------


def test_seed_003_corrected_lawsuit_figure_is_accepted(totals_linter, tmp_path):
    path = edited(tmp_path, seed("003"), 10, "申请行政诉讼8件", "申请行政诉讼12件")
    assert lint(totals_linter, path) == []


@pytest.mark.parametrize(
    "old, new, stated, concept",
    [
        ("共110件", "共105件", "105件", "applications received"),  # neither 100 nor 100+10
        ("同意公开9件", "同意公开7件", "7件", "applications granted"),
        ("同意不公开2件", "同意不公开3件", "3件", "applications refused"),
        ("同意部分公开11件", "同意部分公开12件", "12件", "applications partly granted"),
        ("结转下年度继续办理10件", "结转下年度继续办理11件", "11件", "applications carried forward"),
        ("申请行政复议12件", "申请行政复议13件", "13件", "administrative reviews"),
    ],
)
def test_seed_003_one_changed_figure_is_reported(totals_linter, tmp_path, old, new, stated, concept):
    path = edited(tmp_path, seed("003"), 10, old, new)
    found = [d for d in lint(totals_linter, path) if d.args.get("concept_en") == concept]
    assert [d.args["stated"] for d in found] == [stated]
    assert len(found) == 1, [d.message("zh") for d in lint(totals_linter, path)]
    assert found[0].line == 10 and at(path, found[0]) == stated[:-1]


def test_seed_003_received_accepts_both_readings(totals_linter, tmp_path):
    path = edited(tmp_path, seed("003"), 10, "共110件", "共100件")  # 本年新收 alone
    assert [d.args["stated"] for d in lint(totals_linter, path)] == ["8件"]


def test_seed_004_changed_review_figure(totals_linter, tmp_path):
    path = edited(tmp_path, seed("004"), 538, "1件", "3件")
    found = lint(totals_linter, path)
    assert [(d.code, d.line, d.args["expected"]) for d in found] == [("GX210", 538, "1")]


def test_corpus_040_corrected(totals_linter, tmp_path):
    path = edited(tmp_path, corpus("040.txt"), 4, "申请2件", "申请3件")
    assert lint(totals_linter, path) == []


# --- look-alikes inserted into a real report ------------------------------------------------------

LOOK_ALIKES = [
    "全年收到群众来信39件、回复39件,办结率100%。",
    "围绕重要政策文件制作解读材料2条。",
    "受理政府网站意见箱信件8封。",
    "2023年,受理政府信息公开申请50件。",  # another year
    "受理政府信息公开申请较上年增加5件。",  # a difference, not a count
    "市长信箱收到来信150件,答复150件。",  # other channel
    "全年未发生政府信息公开行政复议被纠错的情况。",  # about corrections, not cases
    "办理人大代表建议20件、政协提案15件,均已办结。",
    "全年受理政府信息公开申请100余件。",  # approximate
    "收取信息处理费0.2万元。",  # 信息处理费 is not table 二's fee
    "共受理申请110件,其中自然人106件、法人4件,办结100件。",  # 办结 is not a part; figures agree
    "发布信息1000条,同比增长200条,其中工作动态150条、通知公告100条。",
]


@pytest.mark.parametrize("sentence", LOOK_ALIKES)
def test_look_alikes_are_not_compared(totals_linter, tmp_path, sentence):
    path = inserted(tmp_path, seed("003"), 10, sentence)
    found = [d for d in lint(totals_linter, path) if d.line == 11]
    assert found == [], [d.message("zh") for d in found]


@pytest.mark.parametrize(
    "sentence, code, pointed",
    [
        ("全区未发生政府信息公开行政复议案件。", "GX211", None),
        ("本机关未收到政府信息公开申请。", "GX211", None),
        ("全年发布信息100条,其中工作动态60条、通知公告50条。", "GX212", "100条"),
        ("全年受理政府信息公开申请共120件。", "GX210", "120"),
        ("全年办结政府信息公开申请99件。", "GX210", "99"),
        ("本年度制发行政规范性文件5件。", "GX210", "5"),
        ("全年作出行政处罚决定1000件。", "GX210", "1000"),
        ("收取行政事业性收费900万元。", "GX210", "900"),
    ],
)
def test_inserted_contradictions_are_reported(totals_linter, tmp_path, sentence, code, pointed):
    path = inserted(tmp_path, seed("003"), 10, sentence)
    found = [d for d in lint(totals_linter, path) if d.line == 11]
    assert [d.code for d in found] == [code], [d.message("zh") for d in found]
    if pointed:
        assert at(path, found[0]) == pointed


def test_fees_agree_at_the_precision_of_the_text(totals_linter, tmp_path):
    # seed 003's table 二 says 803 万元
    for sentence in ("收取行政事业性收费803万元。", "收取行政事业性收费803.0万元。"):
        path = inserted(tmp_path, seed("003"), 10, sentence)
        assert [d for d in lint(totals_linter, path) if d.line == 11] == []
