"""GX5xx contamination rules on the real seeds/corpus and on real files with one thing changed."""

from __future__ import annotations

import pytest

from conftest import corpus, seed
from gxlint.diagnostics import Edit


@pytest.fixture(scope="module")
def lint():
    # Only the modules this file tests plus the core, so a half-written module of
    # another family cannot mask these results.
    from gxlint.engine import Linter
    from gxlint.plugin.manager import load_plugins

    linter = Linter(load_plugins(disabled=["sections", "totals", "years"]))

    def run(path, codes=None, settings=None):
        lin = linter if settings is None else Linter(linter.registry, settings)
        result = lin.lint_path(str(path))
        diags = [d for d in result.diagnostics if codes is None or d.code in codes]
        return diags, result

    return run


def apply_fix(text: str, fix) -> str:
    for edit in sorted(fix.edits, key=lambda e: e.start, reverse=True):
        text = text[: edit.start] + edit.replacement + text[edit.end :]
    return text


def changed(tmp_path, path, old, new, name="report.txt"):
    text = path.read_text(encoding="utf-8")
    assert old in text
    out = tmp_path / name
    out.write_text(text.replace(old, new, 1), encoding="utf-8")
    return out


def lines_of(diags, code):
    return [d.line for d in diags if d.code == code]


# --- GX501 / GX502 chrome ----------------------------------------------------------------------


def test_seed003_header_chrome_one_block_with_safe_fix(lint):
    diags, result = lint(seed("003"), {"GX501"})
    assert [(d.line, d.end_line) for d in diags] == [(2, 4)]
    fixed = apply_fix(result.source.text, diags[0].fix)
    assert diags[0].fix.safe
    assert fixed.splitlines()[0].endswith("年度报告") and fixed.splitlines()[1].startswith("2024年,")


def test_seed004_header_footer_spam(lint):
    diags, _ = lint(seed("004"), {"GX501", "GX502", "GX503"})
    assert [(d.code, d.line) for d in diags] == [("GX501", 2), ("GX502", 637), ("GX503", 638), ("GX503", 639)]
    assert diags[0].end_line == 6
    assert all(d.effective_severity.value == "error" for d in diags if d.code == "GX503")


def test_seed002_footer_with_border_lines(lint):
    diags, result = lint(seed("002"), {"GX502"})
    assert len(diags) == 1
    d = diags[0]
    # the span covers the footer line 398 and the empty border lines the message counts
    assert (d.line, d.end_line) == (396, 399) and "plus 3 empty table-border" in d.message("en")
    assert d.args["borders"] >= 2 and "Copyright" in d.args["labels"]
    fixed = apply_fix(result.source.text, d.fix)
    assert d.fix.safe and "主办单位" not in fixed and fixed.rstrip().endswith("无其他需要报告的事项。")


@pytest.mark.parametrize("name,line", [("008.txt", 4), ("009.txt", 3), ("012.txt", 4), ("034.txt", 4), ("036.txt", 6)])
def test_corpus_header_chrome(lint, name, line):
    diags, _ = lint(corpus(name), {"GX501"})
    assert line in lines_of(diags, "GX501")


def test_crawler_metadata_block_is_one_finding(lint):
    path = corpus("pingtan-2023.txt")
    diags, result = lint(path, {"GX501"})
    assert [(d.line, d.column, d.end_line) for d in diags] == [(1, 1, 9)]
    d = diags[0]
    for label in ("标题", "发布时间", "文号", "原文链接", "本地目录"):
        assert label in d.args["labels"]
    fixed = apply_fix(result.source.text, d.fix)
    # the title stays, without its label; everything up to the separator goes
    assert d.fix.safe
    assert fixed.startswith("平潭综合实验区2023年度政府信息公开工作年度报告\n本报告根据")


def test_title_label_alone_is_not_chrome(tmp_path, lint):
    path = changed(tmp_path, seed("003"), "一、总体情况\n", "一、总体情况\n标题: 本年度报告\n")
    assert all(d.line != 7 for d in lint(path, {"GX501"})[0])


def test_breadcrumb_is_one_block(lint):
    diags, _ = lint(corpus("025.txt"), {"GX501"})
    assert [(d.line, d.end_line) for d in diags] == [(3, 7)]


def test_narrative_lookalikes_are_not_chrome(tmp_path, lint):
    extra = (
        "信息来源：主要包括各部门报送的政务信息，确保来源可靠。\n"
        "采购打印机2台，用于打印政府公报。\n"
        "群众可扫一扫二维码，在手机上查看办事指南。\n"
        "我局门户网站底部规范展示网站标识码、ICP备案编号和公网安备编号。\n"
        "日期: 2025年1月20日\n"
    )
    path = changed(tmp_path, seed("003"), "一、总体情况\n", "一、总体情况\n" + extra)
    diags, _ = lint(path, {"GX501", "GX502"})
    assert [d.line for d in diags] == [2]  # only the real header block


def test_chrome_in_the_middle_is_not_a_safe_fix(tmp_path, lint):
    path = changed(tmp_path, seed("003"), "一、总体情况\n", "一、总体情况\n发布日期: 2025-01-26  浏览次数: 12\n")
    diags, _ = lint(path, {"GX501"})
    middle = [d for d in diags if d.line == 7]
    assert len(middle) == 1 and middle[0].fix is not None and not middle[0].fix.safe


# --- GX503 / GX504 spam -----------------------------------------------------------------------------


def test_corpus030_gambling_brand(lint):
    diags, _ = lint(corpus("030.txt"), {"GX503"})
    # every 大同市 became the same gambling brand: one finding per damaged line, each
    # starting at the brand, and each saying the text was replaced in bulk
    assert [(d.line, d.end_line) for d in diags] == [(2, 2), (3, 3), (5, 5), (7, 7)]
    text = corpus("030.txt").read_text(encoding="utf-8").splitlines()
    assert all(text[d.line - 1][d.column - 1 :].startswith("beat365") for d in diags)
    assert all("occurs 4 times" in d.message("en") and "共出现 4 次" in d.message("zh") for d in diags)


def test_corpus030_span_covers_the_whole_brand(lint):
    diags, result = lint(corpus("030.txt"), {"GX503"})
    lines = result.source.text.split("\n")
    for d in diags:
        assert lines[d.line - 1][d.column - 1 : d.end_column - 1] == "beat365官方网站大全_旧版彩票365下载_mobile 365365051"


def test_spam_prefilter_finds_what_the_full_scan_finds(tmp_path):
    from gxlint.normalize import normalize_str
    from gxlint_plugins.contamination.spam import SpamLexicon, spam_hits, spam_lexicon

    lexicon = spam_lexicon()
    assert lexicon.prefilter  # the shortcut is in use
    full = SpamLexicon(lexicon.strong, lexicon.weak)  # no prefilter: every entry is scanned
    lines = []
    for path in [seed(p) for p in ("000", "001", "002", "003", "004")] + [corpus("030.txt"), corpus("018.txt")]:
        lines += [normalize_str(x) for x in path.read_text(encoding="utf-8").split("\n")]
    lines += ["本报告可从BEAT 365官方网站大全下载", "<蜘蛛词>| <文本链>", "十八禁止", "Mobile365 澳门 棋牌"]
    assert sum(1 for x in lines if spam_hits(x, full)) >= 8
    assert [spam_hits(x, lexicon) for x in lines] == [spam_hits(x, full) for x in lines]
    # a user pattern that cannot join the combined prefilter (a backreference) still counts
    extra = tmp_path / "mine.txt"
    extra.write_text("re:(ab)c\\1\n", encoding="utf-8")
    mine = spam_lexicon((str(extra),))
    assert spam_hits("xx abcab yy", mine) == [(3, 8, "abcab")]
    assert spam_hits("xx abcx yy", mine) == []


def test_spam_brand_after_chinese_text_is_found_whole(tmp_path, lint):
    # regression: `\bbeat365` did not match after a Chinese character (从beat365…)
    path = changed(tmp_path, seed("003"), "一、总体情况\n", "一、总体情况\n本报告可从beat365官方网站大全下载。\n")
    diags, _ = lint(path, {"GX503"})
    assert [(d.line, d.column) for d in diags] == [(7, 6)]
    assert diags[0].args["phrases"].startswith("beat365")


def test_different_spam_on_neighbouring_lines_stays_apart(lint):
    diags, _ = lint(seed("004"), {"GX503"})
    assert lines_of(diags, "GX503") == [638, 639]


def test_footer_message_mentions_borders_and_years_only_when_present(lint):
    d = lint(seed("004"), {"GX502"})[0][0]
    assert d.args["labels"] == "扫一扫在手机上查看当前页面"
    for lang in ("en", "zh"):
        msg = d.message(lang)
        assert "0" not in msg and "border" not in msg and "边框" not in msg and "年份" not in msg and "year" not in msg
    d = lint(seed("002"), {"GX502"})[0][0]
    assert "plus 3 empty table-border line(s)" in d.message("en") and "另有 3 行空表格边框" in d.message("zh")
    assert "年份" in d.message("zh")


def test_enforcement_vocabulary_is_not_spam(tmp_path, lint):
    path = changed(tmp_path, seed("003"), "一、总体情况\n",
                   "一、总体情况\n依法打击网络赌博、六合彩和色情网站等违法活动,开展体育彩票市场检查。\n")
    diags, _ = lint(path, {"GX503"})
    assert diags == []


def test_extra_phrases_option(tmp_path, lint):
    path = changed(tmp_path, seed("003"), "一、总体情况\n", "一、总体情况\n欢迎访问快乐星球官方网站\n")
    assert lint(path, {"GX503"})[0] == []
    settings = {"rule_options": {"GX503": {"extra_phrases": ["快乐星球官方网站"]}}}
    diags, _ = lint(path, {"GX503"}, settings)
    assert lines_of(diags, "GX503") == [7]


def test_hidden_login_box_is_not_link_spam(lint):
    for year in (2019, 2021, 2022, 2023):
        diags, _ = lint(corpus(f"pingtan-{year}.html"), {"GX504"})
        assert diags == []


def test_hidden_spam_links_are_reported(tmp_path, lint):
    html = corpus("pingtan-2023.html").read_text(encoding="utf-8")
    spam = '<div style="display:none"><a href="http://x.example">午夜福利影院</a><a href="http://y.example">时时彩</a></div>'
    out = tmp_path / "page.html"
    out.write_text(html.replace("</body>", spam + "</body>", 1), encoding="utf-8")
    diags, _ = lint(out, {"GX504"})
    assert len(diags) == 1 and diags[0].args["count"] == 2


# --- GX505 pinyin ---------------------------------------------------------------------------------------


def test_seed000_pinyin_per_block_from_line_1(lint):
    diags, result = lint(seed("000"), {"GX505"})
    assert diags[0].line == 1 and diags[0].column == 4  # 報(bào)告 in the first line
    # one finding per block, not per line (83 lines are affected)
    assert 5 <= len(diags) <= 20
    assert sum(d.args["lines"] for d in diags) >= 80
    spans = [(d.line, d.end_line) for d in diags]
    assert spans == sorted(spans) and all(a[1] < b[0] for a, b in zip(spans, spans[1:]))
    # the safe fix of one block removes every annotation of the block, one edit a line
    block = next(d for d in diags if d.args["lines"] > 10)
    assert block.fix.safe and len(block.fix.edits) == block.args["lines"] < block.args["count"]
    fixed = apply_fix(result.source.text, block.fix).splitlines()
    assert not any("(jì)" in line or "(kāi)" in line for line in fixed[block.line - 1 : block.end_line])
    first = apply_fix(result.source.text, diags[0].fix).splitlines()[0]
    assert "(bào)" not in first and "報告" in first


def test_seed001_pinyin_from_line_2(lint):
    diags, _ = lint(seed("001"), {"GX505"})
    # the title (line 1) carries 開(kāi) too: lines 1-2 are one block
    assert diags[0].line <= 2 <= diags[0].end_line
    assert diags[0].args["lines"] == 2
    assert len(diags) <= 15


def test_pinyin_block_message(tmp_path, lint):
    text = "一、总体情况\n報(bào)告根據(jù)規定。\n\n| 0 | 0 |\n|\n本年開(kāi)展工作。\n没有注音的一行。\n規(guī)定。\n"
    path = changed(tmp_path, seed("003"), "一、总体情况\n", text)
    diags, _ = lint(path, {"GX505"})
    assert [(d.line, d.end_line, d.args["count"], d.args["lines"]) for d in diags] == [(7, 11, 3, 2), (13, 13, 1, 1)]
    assert diags[0].column == 1  # the annotated character 報
    assert diags[0].message("en").startswith("3 pinyin reading(s) leaked into the text on 2 of lines 7–11 (e.g. '報(bào)')")
    assert diags[0].message("zh").startswith("第 7–11 行（其中 2 行有注音）混入了 3 个拼音注音")
    assert "on line 13 " in diags[1].message("en") and "第 13 行混入" in diags[1].message("zh")


@pytest.mark.parametrize("snippet", ["(一)主动公开", "收费金额(单位:万元)", "类别(a)为主", "面积(m)", "平台(app)上线", "信息(OA)系统"])
def test_brackets_that_are_not_pinyin(tmp_path, lint, snippet):
    path = changed(tmp_path, seed("003"), "一、总体情况\n", "一、总体情况\n" + snippet + "。\n")
    assert lint(path, {"GX505"})[0] == []


def test_toneless_pinyin_is_verified_against_the_character(tmp_path, lint):
    path = changed(tmp_path, seed("003"), "一、总体情况\n", "一、总体情况\n政(zheng)府信息公开(gong)开。\n")
    diags, _ = lint(path, {"GX505"})
    assert [d.args["count"] for d in diags] == [1]  # 开 is not read gong


# --- GX506 mojibake, GX507 stray ?, GX508 Traditional, GX509 PDF residue ---------------------------------


def test_mojibake(lint):
    assert lines_of(lint(seed("001"), {"GX506"})[0], "GX506") == [91]
    assert lines_of(lint(corpus("018.txt"), {"GX506"})[0], "GX506") == [11]


def test_mojibake_shows_the_damaged_word(lint):
    # 采購(gòu)項(xiàng)渴� |: the label 采购项目数量 is destroyed; show 項渴�, not 'ng)渴� |'
    (d,), result = lint(seed("001"), {"GX506"})
    line = result.source.text.split("\n")[90]
    assert line[d.column - 1 : d.end_column - 1] == "項(xiàng)渴\ufffd"
    assert d.args["sample"] == "項渴\ufffd"
    (d,), result = lint(corpus("018.txt"), {"GX506"})
    assert d.args["sample"] == "敝贫龋袑嵶龊眯畔"


def test_utf8_read_as_gbk(tmp_path, lint):
    path = changed(tmp_path, seed("003"), "一、总体情况\n", "一、总体情况\n本年度閲囪喘项目共计3个。\n")
    assert lines_of(lint(path, {"GX506"})[0], "GX506") == [7]


@pytest.mark.parametrize("path", [seed("000"), seed("002"), seed("003"), seed("004"), corpus("022.txt")])
def test_no_mojibake_in_clean_or_traditional_text(lint, path):
    assert lint(path, {"GX506"})[0] == []


def test_question_mark_never_reported_twice(lint):
    diags, _ = lint(seed("004"), {"GX304", "GX507"})
    lines = [d.line for d in diags]
    assert {296, 597, 599} <= set(lines) and len(lines) == len(set(lines))


def test_stray_question_mark_in_narrative(tmp_path, lint):
    path = changed(tmp_path, seed("003"), "一、总体情况\n", "一、总体情况\n共受理申请12?件,详见 index.jsp?id=3 页面。\n")
    diags, result = lint(path, {"GX507"})
    assert lines_of(diags, "GX507") == [7] and diags[0].fix.safe
    assert "共受理申请12件" in apply_fix(result.source.text, diags[0].fix)


def test_a_few_stray_question_marks_one_finding_and_one_fix_each(tmp_path, lint):
    # Past the per-rule cap fixes are folded into one GX024 finding; a real report's few are
    # each still a finding of their own, whose fix removes its mark and nothing else.
    path = changed(tmp_path, seed("003"), "一、总体情况\n",
                   "一、总体情况\n共受理申请12?件，办结3？件，其中4?件。\n转办5?件。\n")
    diags, result = lint(path)
    marks = [d for d in diags if d.code == "GX507"]
    text = result.source.text
    assert [(d.line, text[d.start]) for d in marks] == [(7, "?"), (7, "？"), (7, "?"), (8, "?")]
    assert [d.fix.edits for d in marks] == [(Edit(d.start, d.start + 1),) for d in marks]
    assert all(d.fix.safe for d in marks) and "GX024" not in {d.code for d in diags}


@pytest.mark.parametrize("prefix,line", [("000", 1), ("001", 1), ("004", 1)])
def test_traditional_once_per_document(lint, prefix, line):
    diags, _ = lint(seed(prefix), {"GX508"})
    assert lines_of(diags, "GX508") == [line]
    assert diags[0].effective_severity.value == "info" and not diags[0].fix.safe


def test_a_few_traditional_characters_are_not_a_conversion(tmp_path, lint):
    path = changed(tmp_path, seed("003"), "一、总体情况\n", "一、总体情况\n引用台湾地区《政府資訊公開法》條文。\n")
    assert lint(path, {"GX508"})[0] == []
    for prefix in ("002", "003"):
        assert lint(seed(prefix), {"GX508"})[0] == []


@pytest.mark.parametrize("name,lines", [("001.txt", [2, 27, 50, 101, 143]), ("003.txt", [2, 23, 49, 71, 117, 174])])
def test_page_markers_one_finding_per_file(lint, name, lines):
    diags, result = lint(corpus(name), {"GX509"})
    assert [(d.line, d.end_line) for d in diags] == [(lines[0], lines[0])]
    d = diags[0]
    assert d.args["count"] == len(lines)
    assert ", ".join(map(str, lines)) in d.message("en") and "、".join(map(str, lines)) in d.message("zh")
    fixed = apply_fix(result.source.text, d.fix)
    assert d.fix.safe and "- 1 -" not in fixed and "- 2 -" not in fixed
    assert len(fixed.splitlines()) == len(result.source.text.splitlines()) - len(lines)


def test_single_page_marker_message(tmp_path, lint):
    path = changed(tmp_path, seed("003"), "一、总体情况\n", "一、总体情况\n- 2 -\n")
    diags, _ = lint(path, {"GX509"})
    assert [d.line for d in diags] == [7]
    assert "1 occurrence(s))" in diags[0].message("en") and "delete the line" in diags[0].message("en")


def test_kangxi_radicals(tmp_path, lint):
    path = changed(tmp_path, seed("003"), "一、总体情况\n", "\u2f00、总体情况\n")
    diags, result = lint(path, {"GX509"})
    assert lines_of(diags, "GX509") == [6]
    assert "\n一、总体情况\n" in apply_fix(result.source.text, diags[0].fix)


def test_kangxi_radicals_grouped_per_block(tmp_path, lint):
    text = seed("003").read_text(encoding="utf-8")
    text = text.replace("一、总体情况\n", "\u2f00、总体情况\n\u2f06是\u2f00\n\n\u2f06、其他\n", 1)
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    diags, result = lint(path, {"GX509"})
    # lines 6-9 (a blank line does not interrupt the block): one finding, 4 radicals
    assert [(d.line, d.end_line) for d in diags] == [(6, 9)]
    assert diags[0].args["count"] == 4 and "lines 6, 7, 9" in diags[0].message("en")
    fixed = apply_fix(result.source.text, diags[0].fix)
    assert "\n一、总体情况\n二是一\n\n二、其他\n" in fixed


def test_kangxi_radical_blocks_end_only_at_a_line_of_chinese_text(tmp_path, lint):
    # page markers (第 4 页 holds a Chinese character), table borders, blank lines and lines
    # without Chinese text lie inside a block; an ordinary Chinese line ends it
    text = seed("003").read_text(encoding="utf-8")
    block = ("\u2f00、总体情况\n- 3 -\n第 4 页\n| --- |\n\n\u2f06是\u2f00\nSee page 4\n\u2f06、其他\n"
             "一、正文\n\u2f00是\n")
    text = text.replace("一、总体情况\n", block, 1)
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    diags, _ = lint(path, {"GX509"})
    assert sorted((d.line, d.end_line, d.args["count"]) for d in diags) == [(6, 13, 4), (7, 7, 2), (15, 15, 1)]


# --- must not report ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["pingtan-2019.html", "pingtan-2021.html", "pingtan-2022.html", "pingtan-2023.html",
                                  "015.txt", "020.txt", "021.txt", "037.txt"])
def test_clean_reports_have_no_contamination(lint, name):
    diags, result = lint(corpus(name))
    assert [d for d in diags if d.family == "contamination"] == []
    assert [d for d in diags if d.code == "GX901"] == []


def test_spam_only_lines_are_deleted_by_the_safe_fix_and_sentences_are_not(tmp_path):
    from gxlint.engine import Linter
    from gxlint.plugin.manager import load_plugins

    linter = Linter(load_plugins())
    spam_lines = [d for d in linter.lint_path(str(seed("004"))).diagnostics if d.code == "GX503"]
    assert len(spam_lines) == 2 and all(d.fix is not None and d.fix.safe for d in spam_lines)
    source = seed("004").read_text(encoding="utf-8")
    for d in spam_lines:
        (edit,) = d.fix.edits
        removed = source[edit.start:edit.end]
        assert "蜘蛛词" in removed or "午夜福利" in removed
        assert "政府" not in removed and "\n" not in removed.rstrip("\n")
    # corpus 030: a gambling brand replaced a place name inside report sentences: no fix
    brand = [d for d in linter.lint_path(str(corpus("030.txt"))).diagnostics if d.code == "GX503"]
    assert brand and all(d.fix is None for d in brand)


def test_gx508_counts_the_marked_characters_as_one_scan_of_all_of_them_did():
    """_marked (the common marked characters counted, the rare ones scanned only when a line
    holds a garbled sign) is the count of every marked character, on the seeds and corpus
    (Traditional, Simplified, garbled) and on a text without any line of rare characters."""
    import importlib
    from pathlib import Path

    from conftest import CORPUS, SEEDS
    from gxlint.analysis import analyse
    from gxlint.analysis.line_search import LineSearch
    from gxlint.engine import Linter
    from gxlint.plugin.manager import load_plugins

    traditional = importlib.import_module("gxlint_plugins.contamination.traditional")
    linter = Linter(load_plugins())
    paths = sorted(SEEDS.glob("*.txt")) + sorted(CORPUS.glob("*.txt"))
    marked = 0
    for path in paths:
        document = linter.lint_path(str(path)).document
        search = LineSearch(analyse(document).lines)
        expected = traditional._count(traditional._traditional_re(), search.view("raw").text)
        assert traditional._marked(search) == expected, path
        marked += expected
    assert marked > 1000  # (the Traditional seeds)
    assert traditional._marker_split()[0]  # some marked characters are common ones (源 …)
