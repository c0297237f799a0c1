"""Tests of the example plugin, through gxlint's real plugin loading and engine."""

from __future__ import annotations

import gxlint_agency_check
from gxlint.engine import Linter
from gxlint.plugin.manager import load_plugins

REPORT = """某某县教育局2023年政府信息公开工作年度报告
一、总体情况
本年度收到申请5件。
二、主动公开政府信息情况
三、收到和处理政府信息公开申请情况
四、政府信息公开行政复议、行政诉讼情况
五、存在的主要问题及改进情况
六、其他需要报告的事项
无。
"""


def lint(agencies):
    # registered in-process; the installed entry point (if any) is disabled to avoid a double
    registry = load_plugins(disabled=["agency-check"], extra=[("agency-check-test", gxlint_agency_check)])
    settings = {"plugins": {"agency-check": {"agencies": agencies}}}
    linter = Linter(registry, settings, rule_filter=lambda path, rule: rule.code == "AGC001")
    return linter.lint_text(REPORT, "r.txt", "text").diagnostics


def test_unknown_agency_is_reported_at_the_agency():
    (d,) = lint(["某某市某某局"])
    assert (d.code, d.line, d.column, d.end_column) == ("AGC001", 1, 1, 7)
    assert d.message("zh") == "标题中的机关“某某县教育局”不在 agency-check 配置的机关名单中"


def test_known_agency_and_no_list_are_fine():
    assert lint(["某某县教育局"]) == []
    assert lint([]) == []
