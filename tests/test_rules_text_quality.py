"""GX120–GX125 (text_quality plugin, plugins/text_quality.py): the prose itself.

Real corpus files (every defect the corpus INDEX lists for these rules), the same files
with one thing changed, and short texts with look-alikes that must stay silent.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import CORPUS, HTML_CORPUS, SEEDS, corpus

CODES = ("GX120", "GX121", "GX122", "GX123", "GX124", "GX125")
HEAD = "某县人民政府2023年政府信息公开工作年度报告\n本报告所列数据统计期限为2023年1月1日至12月31日。\n一、总体情况\n"


def diags(linter, path, *codes):
    result = linter.lint_path(str(path))
    return [d for d in result.diagnostics if d.code in codes]


def write(tmp_path: Path, body: str, name: str = "report.txt") -> Path:
    path = tmp_path / name
    path.write_text(HEAD + body, encoding="utf-8")
    return path


def lint_body(linter, tmp_path, body, *codes, name="report.txt"):
    return diags(linter, write(tmp_path, body, name), *codes)


def marked(path: Path, d) -> str:
    """The source characters a diagnostic points at."""
    return path.read_text(encoding="utf-8")[d.start:d.end]


def modified(tmp_path: Path, source: Path, old: str, new: str) -> Path:
    text = source.read_text(encoding="utf-8")
    assert old in text, old
    out = tmp_path / source.name
    out.write_text(text.replace(old, new, 1), encoding="utf-8")
    return out


def all_real_files() -> list[Path]:
    files = sorted(CORPUS.glob("*.txt")) + sorted(HTML_CORPUS.glob("*.html")) + sorted(HTML_CORPUS.glob("*.txt"))
    return files + sorted(SEEDS.glob("*.txt"))


# Every hit of these rules on the real files, and nothing else (false positives are bugs).
EXPECTED_HITS = {
    ("005.txt", "GX120"): 1,
    ("pingtan-2019.html", "GX120"): 1,
    ("pingtan-2021.html", "GX120"): 1,
    ("pingtan-2022.html", "GX120"): 1,
    ("pingtan-2023.html", "GX121"): 1,
    ("pingtan-2023.txt", "GX121"): 1,
    ("019.txt", "GX122"): 1,
    ("036.txt", "GX122"): 1,
    ("pingtan-2019.html", "GX123"): 1,
    ("005.txt", "GX124"): 1,
    ("pingtan-2019.html", "GX124"): 6,
    ("pingtan-2021.html", "GX124"): 1,
    ("pingtan-2023.html", "GX124"): 1,
    ("pingtan-2023.txt", "GX124"): 1,
    ("038.txt", "GX125"): 1,
}


def test_exact_hits_on_all_real_files(linter):
    found: dict[tuple[str, str], int] = {}
    for path in all_real_files():
        for d in diags(linter, path, *CODES):
            found[(path.name, d.code)] = found.get((path.name, d.code), 0) + 1
    assert found == EXPECTED_HITS


# --- GX120 repeated word --------------------------------------------------------------------------


def test_gx120_corpus_005_zijin(linter):
    path = corpus("005.txt")
    found = diags(linter, path, "GX120")
    assert [(d.line, marked(path, d)) for d in found] == [(35, "资金")]
    assert "“资金”" in found[0].message("zh")


@pytest.mark.parametrize(
    "name, word",
    [
        ("pingtan-2021.html", "审核"),
        ("pingtan-2022.html", "的"),
        ("pingtan-2019.html", "聚焦新中国成立70周年平潭专场新闻发布会"),
    ],
)
def test_gx120_pingtan(linter, name, word):
    path = corpus(name)
    found = diags(linter, path, "GX120")
    assert len(found) == 1
    assert f"“{word}”" in found[0].message("en")
    # points at the second copy, in the report body
    assert marked(path, found[0]).replace("&nbsp;", "").replace(" ", "").replace("\u00a0", "").startswith(word[:2])


def test_gx120_repeat_across_a_pdf_line_wrap(linter, tmp_path):
    path = modified(tmp_path, corpus("005.txt"), "计划资金资金\n分配", "计划资金\n资金分配")
    found = diags(linter, path, "GX120")
    assert [d.line for d in found] == [36]


def test_gx120_fixed_text_is_silent(linter, tmp_path):
    path = modified(tmp_path, corpus("005.txt"), "资金资金", "资金")
    assert diags(linter, path, "GX120") == []


@pytest.mark.parametrize(
    "body",
    [
        "我县层层落实责任，常常检查，人人参与，一一核对，天天更新，处处留心。\n",
        "做到明明白白、清清楚楚、实实在在、方方面面，的的确确地推进工作。\n",
        "为实现这一目的的手段多样，一件一件抓落实，一步一步推进，等等。\n",
        "全年公开信息11条，办理22件，编号1111号，受理1100件。\n",
        "为了了解群众需求，开展调研。办理情况不了了之的问题得到纠正。\n",
        "坚持“谁公开、谁审查，谁审查、谁负责”的原则。\n",
    ],
)
def test_gx120_reduplication_and_numbers_are_silent(linter, tmp_path, body):
    assert lint_body(linter, tmp_path, body, "GX120") == []


def test_gx120_table_cells_are_silent(linter, tmp_path):
    body = ("二、主动公开政府信息情况\n| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n"
            "| 规章 | 0 | 0 | 0 |\n| 行政规范性文件 | 1 | 1 | 1 |\n")
    assert lint_body(linter, tmp_path, "全年工作有序开展。\n" + body, "GX120") == []


@pytest.mark.parametrize("row", ["申请人情况\t申请人情况\t申请人情况", "复议后起诉\t复议后起诉\t结果维持",
                                 "| 行政复议 | 行政复议 | 行政诉讼 |"])
def test_gx120_a_merged_cell_repeated_over_cells_of_a_text_table_is_silent(linter, tmp_path, row):
    """Header lines of a table exported as tab- or pipe-separated text (pandas, a spreadsheet)
    repeat a merged cell's words in each column it spans: not a word written twice."""
    assert lint_body(linter, tmp_path, "全年工作有序开展。\n" + row + "\n", "GX120") == []
    assert len(lint_body(linter, tmp_path, "全年工作有序开展开展。\n" + row + "\n", "GX120")) == 1  # prose still is


def test_gx120_agency_line_above_a_title_is_silent(linter):
    # corpus 014: "正阳街道" on a line, then "正阳街道办事处2023年…报告"
    assert diags(linter, corpus("014.txt"), "GX120") == []


def test_gx120_synthetic_function_word(linter, tmp_path):
    found = lint_body(linter, tmp_path, "我县打造统一的的网站界面，信息被被转载。\n", "GX120")
    assert len(found) == 2


# --- GX121 enumeration sequence -------------------------------------------------------------------


@pytest.mark.parametrize("name", ["pingtan-2023.html", "pingtan-2023.txt"])
def test_gx121_pingtan_2023_duplicate_item(linter, name):
    path = corpus(name)
    found = diags(linter, path, "GX121")
    assert len(found) == 1
    assert marked(path, found[0]) == "三是"
    zh = found[0].message("zh")
    assert "一是…三是…三是" in zh and "应为“二是”" in zh
    # the first 三是 of section 五 (开拓创新), not the second
    text = path.read_text(encoding="utf-8")
    assert text[found[0].end:found[0].end + 4] == "开拓创新"


@pytest.mark.parametrize(
    "body, problem",
    [
        ("存在问题：一是宣传不够；三是培训不足。\n", "缺少“二是”"),
        ("存在问题：一是宣传不够；二是培训不足；二是制度不全。\n", "“二是”重复出现"),
        ("存在问题：一是宣传不够；二是培训不足；三是制度不全；二是考核不严。\n", "序号倒退"),
        ("下一步：第一，加强培训；第三，完善制度。\n", "缺少“第二”"),
    ],
)
def test_gx121_broken_sequences(linter, tmp_path, body, problem):
    path = write(tmp_path, body)
    found = diags(linter, path, "GX121")
    assert len(found) == 1
    assert problem in found[0].message("zh")


def test_gx121_marker_split_by_a_pdf_wrap(linter, tmp_path):
    body = "下一步将抓好以下工作：一\n是扎实推进依申请公开工作；三\n是继续加强业务指导培训。\n"
    found = lint_body(linter, tmp_path, body, "GX121")
    assert [d.line for d in found] == [5]


@pytest.mark.parametrize(
    "body",
    [
        "存在问题：一是宣传不够；二是培训不足；三是制度不全。\n",
        # items in separate paragraphs, then a new list
        "一是宣传不够。\n二是培训不足。\n三是制度不全。\n下一步：一是加强宣传；二是加强培训。\n",
        # 之一是 / 统一是 are not markers; 第一、二季度 is not a list
        "这是重点工作之一是毫无疑问的，标准统一是前提；第一、二季度完成。\n",
        # corpus seed 004: 我区一是… (no punctuation before the first item) restarts the list
        "存在问题：一是认识不够；二是栏目不全。针对上述问题，我区一是加强指导；二是梳理栏目。\n",
        # a sub-heading run into the text starts a new list
        "(一)主动公开方面一是公开文件；二是解读政策；三是回应关切。(二)平台建设方面一是改版网站；二是整合新媒体。\n",
    ],
)
def test_gx121_look_alikes_are_silent(linter, tmp_path, body):
    assert lint_body(linter, tmp_path, body, "GX121") == []


def test_gx121_seed_004_is_silent(linter):
    assert diags(linter, next(SEEDS.glob("004_*.txt")), "GX121") == []


def test_gx121_fixed_pingtan_is_silent(linter, tmp_path):
    path = modified(tmp_path, corpus("pingtan-2023.txt"), "三是开拓创新", "二是开拓创新")
    assert diags(linter, path, "GX121") == []


# --- GX122 unbalanced brackets --------------------------------------------------------------------


def test_gx122_corpus_019_unclosed(linter):
    path = corpus("019.txt")
    found = diags(linter, path, "GX122")
    assert [d.line for d in found] == [2]
    assert marked(path, found[0]) == "("
    assert "never closed" in found[0].message("en")


def test_gx122_corpus_036_orphan_closer(linter):
    path = corpus("036.txt")
    found = diags(linter, path, "GX122")
    assert [d.line for d in found] == [8]
    assert marked(path, found[0]) == ")"
    assert "closes nothing" in found[0].message("en")


@pytest.mark.parametrize("name", ["001.txt", "002.txt", "003.txt", "005.txt"])
def test_gx122_pdf_wraps_are_silent(linter, name):
    assert diags(linter, corpus(name), "GX122") == []


def test_gx122_mojibake_is_left_to_contamination(linter):
    # corpus 018 line 11: “三审三?!敝贫… lost its closing quote to mojibake (GX506 reports it)
    assert diags(linter, corpus("018.txt"), "GX122") == []


def test_gx122_removing_a_closer_in_pdf_text(linter, tmp_path):
    path = modified(tmp_path, corpus("003.txt"), "（以下简称《条例》）", "（以下简称《条例》")
    found = diags(linter, path, "GX122")
    assert len(found) == 1 and marked(path, found[0]) == "（"


@pytest.mark.parametrize(
    "body",
    [
        # a pair split over wrapped lines
        "根据《中华人民共和国政府信息公开条例》（以下简\n称《条例》）要求编制本报告。\n",
        # full-width opener, ASCII closer
        "联系电话（0591-23165385)。\n",
        # 1）-style list numbers
        "主要措施：1）加强培训；2）完善制度；a)规范流程。\n",
        "坚持“先审查、后公开”，落实“三审三校”制度。\n",
    ],
)
def test_gx122_look_alikes_are_silent(linter, tmp_path, body):
    assert lint_body(linter, tmp_path, body, "GX122") == []


def test_gx122_truncated_last_paragraph_is_silent(linter, tmp_path):
    path = write(tmp_path, "如有疑问，请与本机关联系（地址：某县人民路")
    assert diags(linter, path, "GX122") == []


@pytest.mark.parametrize(
    "body, mark",
    [
        ("印发《关于加强政务公开工作的通知，要求各单位落实。\n", "《"),
        ("落实“三审三校制度，严把审核关。\n", "“"),
        ("印发关于加强政务公开工作的通知》，要求各单位落实。\n", "》"),
    ],
)
def test_gx122_synthetic(linter, tmp_path, body, mark):
    path = write(tmp_path, body)
    found = diags(linter, path, "GX122")
    assert len(found) == 1 and marked(path, found[0]) == mark


def _unbalanced_by_one_stack(value: str, last: bool) -> list[tuple[int, str, str]]:
    """GX122's first algorithm (one stack of every kind, searched for the innermost of a
    kind: quadratic), kept as the reference the linear one must agree with."""
    from gxlint_plugins.text_quality import _BRACKET, _CLOSERS, _PAIRS, _TERMINAL, _is_enumerator

    stack: list[tuple[int, str]] = []
    out: list[tuple[int, str, str]] = []
    for match in _BRACKET.finditer(value):
        i, ch = match.start(), match.group()
        if ch in _PAIRS:
            stack.append((i, ch))
            continue
        depth = len(stack) - 1
        while depth >= 0 and stack[depth][1] != _CLOSERS[ch]:
            depth -= 1
        if depth < 0:
            if not _is_enumerator(value, i):
                out.append((i, ch, "unopened"))
            continue
        out.extend((j, other, "unclosed") for j, other in stack[depth + 1:])
        del stack[depth:]
    if not (last and value and value[-1] not in _TERMINAL + ")》”"):
        out.extend((i, ch, "unclosed") for i, ch in stack)
    return sorted(out)


@settings(max_examples=500, deadline=None)
@given(value=st.text(alphabet="()《》“”1a、。", max_size=40), last=st.booleans())
def test_gx122_per_kind_stacks_find_what_one_stack_found(value, last):
    from types import SimpleNamespace

    from gxlint_plugins.text_quality import unbalanced

    run = SimpleNamespace(value=value, last=last)
    assert list(unbalanced(run)) == _unbalanced_by_one_stack(value, last)


def test_gx122_is_linear_in_the_marks(linter, tmp_path):
    # 20,000 "(" then 20,000 "》": each 》 searched the whole stack for a 《 (past the 10 s budget)
    import time

    path = write(tmp_path, "(" * 20_000 + "》" * 20_000 + "。\n")
    start = time.process_time()
    found = diags(linter, path, "GX122")
    assert time.process_time() - start < 5
    assert [d.code for d in found if d.code != "GX024"] == ["GX122"] * 200  # the cap; the rest counted


# --- GX123 number missing before a measure word -----------------------------------------------------


def test_gx123_pingtan_2019(linter):
    path = corpus("pingtan-2019.html")
    found = diags(linter, path, "GX123")
    assert len(found) == 1
    assert marked(path, found[0]) == "条"
    assert "资质条" in found[0].message("zh")


def test_gx123_synthetic(linter, tmp_path):
    found = lint_body(linter, tmp_path, "全年公开核准企业资质条、施工许可证76条、竣工验收备案20条。\n", "GX123")
    assert len(found) == 1


@pytest.mark.parametrize(
    "body",
    [
        "全年公开核准企业资质35条、施工许可证76条、竣工验收备案20条。\n",
        "发布政策文件20件、解读材料12件，同时共享全省政策文件、部门文件。\n",
        "公开行政许可事项、行政处罚12件、行政强制3件。\n",
        "开展培训3次、检查5次，首次、多次申请均按期办理。\n",
        "公开信息条目、网站栏目，全年发布信息12条。\n",
    ],
)
def test_gx123_look_alikes_are_silent(linter, tmp_path, body):
    assert lint_body(linter, tmp_path, body, "GX123") == []


# --- GX124 ASCII comma in a full-width text ------------------------------------------------------------

FULL = "我局认真落实条例要求，全面推进政务公开，持续加强平台建设，不断提升公开质量。\n" * 8


def test_gx124_corpus_005_and_its_fix(linter, tmp_path):
    path = corpus("005.txt")
    found = diags(linter, path, "GX124")
    assert [(d.line, marked(path, d)) for d in found] == [(10, ",")]
    d = found[0]
    assert d.fix is not None and d.fix.safe
    (edit,) = d.fix.edits
    text = path.read_text(encoding="utf-8")
    assert text[edit.start:edit.end] == ", " and edit.replacement == "，"
    fixed = modified(tmp_path, path, "部分, 并附", "部分，并附")
    assert diags(linter, fixed, "GX124") == []


def test_gx124_pingtan_2021(linter):
    path = corpus("pingtan-2021.html")
    found = diags(linter, path, "GX124")
    assert len(found) == 1 and "执法信息公开,通过" in found[0].message("en")


@pytest.mark.parametrize("name", ["008.txt", "018.txt", "038.txt"])
def test_gx124_ascii_punctuation_throughout_is_silent(linter, name):
    # partial copies whose punctuation was converted to ASCII everywhere: consistent style
    assert diags(linter, corpus(name), "GX124") == []


def test_gx124_synthetic(linter, tmp_path):
    found = lint_body(linter, tmp_path, FULL + "我局加强培训,提升能力。\n", "GX124")
    assert len(found) == 1


@pytest.mark.parametrize(
    "body",
    [
        "我局加强培训,提升能力。\n",  # too few full-width commas to know the style
        FULL + "二、主动公开政府信息情况\n信息内容 | 本年制发件数,本年废止件数 | 现行有效件数\n规章 | 0 | 0 | 0\n行政规范性文件 | 1 | 0 | 1\n",  # table
        FULL + "共发布信息1,234条，其中A类12条。\n",  # thousands separator
        FULL + "参照GB/T 7714,ISO标准。\n",  # not between Chinese characters
        "我局加强培训,提升能力,推进公开,完善机制。\n" * 3 + FULL,  # mixed: under 95% full-width
    ],
)
def test_gx124_silent(linter, tmp_path, body):
    assert lint_body(linter, tmp_path, body, "GX124") == []


# --- GX125 stray space inside a word ---------------------------------------------------------------------


def test_gx125_corpus_038(linter):
    path = corpus("038.txt")
    found = diags(linter, path, "GX125")
    assert [(d.line, marked(path, d)) for d in found] == [(10, " ")]
    assert "国务院" in found[0].message("zh")
    assert found[0].fix is not None and not found[0].fix.safe


@pytest.mark.parametrize("name", ["001.txt", "002.txt", "003.txt"])
def test_gx125_pdf_text_is_silent(linter, name):
    assert diags(linter, corpus(name), "GX125") == []


def test_gx125_spaced_out_typeset_text_is_silent(linter, tmp_path):
    body = "联系地址：某路1号，邮 编 ：223100，电 话 ：0517。贯彻落实国务 院部署。\n"
    assert lint_body(linter, tmp_path, body, "GX125") == []


@pytest.mark.parametrize(
    "body",
    [
        "全年举办活动54 场。\n",  # number + unit
        "2023 年，我局认真落实条例。\n",
        "登录 注册\n",  # two words, not one
        "二、主动公开政府信息情况\n信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数\n规章 | 0 | 0 | 0\n行政 规范性文件 | 1 | 0 | 1\n",
    ],
)
def test_gx125_silent(linter, tmp_path, body):
    assert lint_body(linter, tmp_path, body, "GX125") == []


def test_gx125_synthetic(linter, tmp_path):
    # 国务 院 splits a word; 政务 公开 separates two words and is left alone
    found = lint_body(linter, tmp_path, "我局深入贯彻落实党中央、国务 院决策部署，推进政务 公开。\n", "GX125")
    assert len(found) == 1 and "“国务院”" in found[0].message("zh")
