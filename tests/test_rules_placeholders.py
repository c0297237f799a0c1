"""GX3xx placeholder rules on the real seeds/corpus and on real files with one thing changed."""

from __future__ import annotations

import pytest

from conftest import corpus, seed
from test_rules_contamination import apply_fix, changed, lines_of


@pytest.fixture(scope="module")
def lint():
    from gxlint.engine import Linter
    from gxlint.plugin.manager import load_plugins

    linter = Linter(load_plugins(disabled=["sections", "totals", "years"]))

    def run(path, codes=None):
        result = linter.lint_path(str(path))
        return [d for d in result.diagnostics if codes is None or d.code in codes], result

    return run


def test_seed003_leading_zero_cell(lint):
    diags, _ = lint(seed("003"), {"GX304"})
    assert [(d.line, d.args["found"]) for d in diags] == [(43, "00")]
    assert diags[0].args["row"] == "6.属于四类过程性信息" and diags[0].args["column"] == "其他"


def test_seed004_stray_question_marks_with_safe_fix(lint):
    diags, result = lint(seed("004"), {"GX304"})
    assert lines_of(diags, "GX304") == [296, 597, 599]
    for d in diags:
        assert d.fix.safe
        fixed = apply_fix(result.source.text, d.fix)
        assert fixed.splitlines()[d.line - 1].strip() == d.args["found"].rstrip("?？")


def test_seed001_unlabelled_rows_one_finding(lint):
    diags, _ = lint(seed("001"), {"GX301", "GX302"})
    unlabelled = [d for d in diags if d.code == "GX301"]
    assert len(unlabelled) == 1
    d = unlabelled[0]
    assert d.line <= 158 and d.end_line >= 270 and d.effective_severity.value == "error"
    # the same rows are not reported a second time as rows with extra cells ...
    assert not [x for x in diags if x.code == "GX302" and d.line <= x.line <= d.end_line]
    # ... but the run's finding says they carry 8 numbers where 7 belong
    assert "8 numbers where the template has 7 columns" in d.message("en")
    assert "每行有 8 个数值，标准表格只有 7 列" in d.message("zh")
    assert "158, 239, 270" in d.message("en") and "第 158、239、270 行" in d.message("zh")


def test_seed001_label_cells_replaced_by_zeros(lint):
    diags, _ = lint(seed("001"), {"GX307"})
    assert [(d.line, d.end_line, d.args["found"]) for d in diags] == [
        (158, 158, "0 0 0 0 0 0 0 0"),
        (239, 239, "0 0 0"),
        (270, 270, "0 0 0 0 0"),
    ]
    assert diags[0].column == 1 and diags[0].end_column == len("0 0 0 0 0 0 0 0") + 1
    assert "表三" in diags[0].message("zh") and "table" not in diags[0].message("zh")


def test_zh_messages_name_tables_in_chinese(lint):
    for prefix, codes in (("000", {"GX306"}), ("003", {"GX304"}), ("004", {"GX304"})):
        diags, _ = lint(seed(prefix), codes)
        assert diags
        for d in diags:
            zh = d.message("zh")
            assert zh.startswith(("表二", "表三", "表四")) and "table" not in zh, zh
            assert d.message("en").startswith(("table 二", "table 三", "table 四"))


def test_seed000_truncated_header_once_per_table(lint):
    diags, _ = lint(seed("000"), {"GX306"})
    assert len(diags) == 1 and diags[0].effective_severity.value == "info"
    assert "结果→结果纠正" in diags[0].args["labels"]


def test_all_zero_tables_are_not_placeholders(lint):
    diags, _ = lint(seed("002"), {"GX301", "GX302", "GX303", "GX304", "GX305"})
    assert diags == []


@pytest.mark.parametrize("name", ["pingtan-2019.html", "pingtan-2021.html", "pingtan-2022.html", "pingtan-2023.html"])
def test_clean_html_tables(lint, name):
    diags, _ = lint(corpus(name))
    assert [d for d in diags if d.family == "placeholders" or d.code == "GX901"] == []


def test_blank_cell_is_a_warning_per_row(tmp_path, lint):
    path = changed(tmp_path, seed("003"), "四、结转下年度继续办理 | 10 | 0 | 0 | 0 | 0 | 0 | 10 |",
                   "四、结转下年度继续办理 | 10 |  | 0 | 0 | 0 | 0 | 10 |")
    diags, _ = lint(path, {"GX305"})
    assert [(d.line, d.args["count"]) for d in diags] == [(58, 1)]
    assert diags[0].effective_severity.value == "warning"


def test_letters_in_a_count(tmp_path, lint):
    path = changed(tmp_path, seed("003"), "四、结转下年度继续办理 | 10 | 0 |", "四、结转下年度继续办理 | 10件 | 0 |")
    diags, _ = lint(path, {"GX304"})
    assert (58, "10件") in [(d.line, d.args["found"]) for d in diags]


@pytest.mark.parametrize("text", ["XX局2024年度政府信息公开工作年度报告", "共受理申请X件", "统计期限为20XX年1月1日至12月31日",
                                  "（单位名称）负责本报告的解释", "共收到申请＿＿件", "某某年共收到申请", "联系电话:****"])
def test_template_placeholders(tmp_path, lint, text):
    path = changed(tmp_path, seed("003"), "一、总体情况\n", "一、总体情况\n" + text + "。\n")
    assert lines_of(lint(path, {"GX303"})[0], "GX303") == [7]


@pytest.mark.parametrize("text", ["配备X光安检机2台", "建议采用1024×768以上分辨率", "申请人王某某申请公开征收补偿信息",
                                  "推广App和OA系统", "(一)主动公开", "3×4=12"])
def test_placeholder_lookalikes(tmp_path, lint, text):
    path = changed(tmp_path, seed("003"), "一、总体情况\n", "一、总体情况\n" + text + "。\n")
    assert lint(path, {"GX303"})[0] == []


def test_markdown_rules_are_not_placeholders(tmp_path, lint):
    text = seed("003").read_text(encoding="utf-8").replace("一、总体情况\n", "***\n\n一、总体情况\n\n___\n\n", 1)
    path = tmp_path / "report.md"
    path.write_text(text, encoding="utf-8")
    assert lint(path, {"GX303"})[0] == []


@pytest.mark.parametrize("path", [seed("000"), seed("001"), seed("003"), seed("004"), corpus("030.txt"), corpus("012.txt")])
def test_no_placeholders_in_real_text(lint, path):
    assert lint(path, {"GX303"})[0] == []


def test_row_cut_off_by_the_end_of_the_file_is_not_short(tmp_path, lint):
    # corpus 015 is a partial copy whose last line stops mid-row (6 of 7 values)
    diags, _ = lint(corpus("015.txt"), {"GX302"})
    assert diags == []
    # the same short row followed by more text is a real finding
    text = corpus("015.txt").read_text(encoding="utf-8").rstrip("\n") + "\n7.属于行政执法案卷 | 0 | 0 | 0 | 0 | 0 | 0 | 0\n"
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    diags, _ = lint(path, {"GX302"})
    assert [(d.line, d.args["found"], d.args["expected"]) for d in diags] == [(32, 6, 7)]
    assert "1 too few" in diags[0].message("en") and "少了 1 个" in diags[0].message("zh")


def test_seed000_truncated_header_message_counts_kinds(lint):
    diags, _ = lint(seed("000"), {"GX306"})
    en, zh = diags[0].message("en"), diags[0].message("zh")
    assert "11 header labels are cut short, 4 distinct: 结果 → 结果纠正, 其他 → 其他结果, 尚未 → 尚未审结, 结果 → 结果维持" in en
    assert "、" not in en and "label(s)" not in en
    assert "11 处标签不完整（4 种）" in zh and "结果→结果纠正、其他→其他结果" in zh


def test_corpus031_truncated_table_two_header(lint):
    diags, _ = lint(corpus("031.txt"), {"GX306"})
    assert [(d.line, d.end_line, d.column) for d in diags] == [(13, 14, 1)]
    assert diags[0].args["labels"] == "本年新→本年新制作数量、本年新→本年新公开数量"
    assert "2 header labels are cut short: 本年新 → 本年新制作数量, 本年新 → 本年新公开数量" in diags[0].message("en")
    assert diags[0].message("zh").startswith("表二")


@pytest.mark.parametrize("name,line,found,expected", [
    ("001.txt", 91, "2.其他法律行政止公开", "2.其他法律行政法规禁止公开"),
    ("002.txt", 92, "2.其他法律行政止公开", "2.其他法律行政法规禁止公开"),
    ("005.txt", 90, "规范性文件", "行政规范性文件"),
    ("029.txt", 31, "规范性文件", "行政规范性文件"),
])
def test_nonstandard_table_labels(lint, name, line, found, expected):
    diags, result = lint(corpus(name), {"GX308"})
    assert [(d.line, d.args["found"], d.args["expected"]) for d in diags] == [(line, found, expected)]
    d = diags[0]
    assert d.effective_severity.value == "info"
    assert d.end_line == line
    assert result.source.text.split("\n")[line - 1][d.column - 1 : d.end_column - 1] == found  # the label cell itself
    assert f"“{expected}”" in d.message("zh") and f"'{expected}'" in d.message("en")


@pytest.mark.parametrize("path", [seed("000"), seed("001"), seed("002"), seed("003"), seed("004"), corpus("003.txt"),
                                  corpus("031.txt"), corpus("012.txt"), corpus("015.txt"), corpus("pingtan-2019.html"),
                                  corpus("pingtan-2021.html"), corpus("pingtan-2022.html"), corpus("pingtan-2023.html"),
                                  corpus("pingtan-2023.txt")])
def test_standard_labels_in_other_forms_are_not_nonstandard(lint, path):
    # Traditional characters and pinyin (000), 1、 numbering and wrapped labels (003), the
    # 2019 wording 规范性文件 in a 2019 table (031, pingtan-2019)
    assert lint(path, {"GX308"})[0] == []


def test_nonstandard_label_in_a_changed_seed(tmp_path, lint):
    path = changed(tmp_path, seed("003"), "2.其他法律行政法规禁止公开", "2.其他法律行政止公开")
    diags, _ = lint(path, {"GX308"})
    assert [d.args["found"] for d in diags] == ["2.其他法律行政止公开"]


def test_pingtan_text_dump_unreadable_row(lint):
    diags, result = lint(corpus("pingtan-2023.txt"), {"GX309"})
    assert len(diags) == 1
    d = diags[0]
    assert d.effective_severity.value == "warning" and d.line == 10
    assert result.source.text.split("\n")[9][d.column - 1 : d.end_column - 1] == "77132470"
    assert "'行政规范性文件'" in d.message("en") and "(77132470)" in d.message("en")
    assert d.message("zh").startswith("表二“行政规范性文件”行的数字连在一起（77132470）")


@pytest.mark.parametrize("path", [seed("000"), seed("001"), seed("003"), seed("004"), corpus("003.txt"), corpus("005.txt"),
                                  corpus("001.txt"), corpus("pingtan-2023.html")])
def test_readable_tables_have_no_merged_cells_finding(lint, path):
    assert lint(path, {"GX309"})[0] == []
