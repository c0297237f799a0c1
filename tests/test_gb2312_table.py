"""The GB2312 table shipped with the mojibake check is the code table itself."""

from __future__ import annotations

from gxlint.analysis import mojibake


def test_shipped_table_equals_the_decoded_code_table():
    mojibake._gb2312_sets.cache_clear()
    every, common = mojibake._gb2312_sets()
    assert (every, common) == mojibake.build_gb2312_sets()
    assert len(common) == 4437 and len(every) == 7445
    assert "采" in common and "購" not in every and "閲" not in every


def test_common_han_characters_stay_in_gb2312_made_simplified():
    """mojibake_spans passes over a line whose Han characters are all common ones; that is
    exact only while none of them leaves GB2312 when OpenCC makes it Simplified."""
    _every, common = mojibake._gb2312_sets()
    han = [ch for ch in common if mojibake._is_han(ch)]
    assert len(han) == 3755
    assert [ch for ch in han if mojibake._outside_gb2312(ch)] == []


def test_lines_of_common_characters_and_garbled_lines():
    assert mojibake.mojibake_spans("本机关2024年收到政府信息公开申请12件。") == []
    assert mojibake.mojibake_spans("申请\ufffd件") == [(2, 3, "")]
    garbled = "閲囪喘" * 2  # 采购 read as GBK, from a real mirror page
    assert mojibake.mojibake_spans(f"政府{garbled}公告") != []


def test_rare_han_is_every_han_character_outside_level_1():
    # the regex class of rare_han() against its definition, over every Han code point and
    # the common characters, Traditional ones and non-Han text
    _every, common = mojibake._gb2312_sets()
    han = "".join(chr(cp) for low, high in ((0x3400, 0x4DBF), (0x4E00, 0x9FFF)) for cp in range(low, high + 1))
    text = han + "".join(sorted(common)) + "國務院報告 abc １２３ \ufffd ⼈"
    assert mojibake.rare_han(text) == frozenset(ch for ch in set(text) - common if mojibake._is_han(ch))
    assert mojibake.rare_han("报告年度工作") == frozenset()
