"""The shipped set of characters OpenCC's t2s can change (the trigger for loading OpenCC)
is what the installed OpenCC's own dictionaries say, and skipping OpenCC on a text
without them changes nothing."""

from __future__ import annotations

import subprocess
import sys

import opencc
import pytest

from gxlint import normalize, t2s_changes


def test_shipped_file_equals_the_installed_opencc_dictionaries():
    try:
        built = t2s_changes.build_changed_by_t2s()
    except OSError as error:
        pytest.skip(f"OpenCC's opencc_dict tool is not in this OpenCC installation: {error}")
    t2s_changes.changed_by_t2s.cache_clear()
    assert t2s_changes.changed_by_t2s() == built
    assert t2s_changes.CHANGES_FILE.read_text(encoding="utf-8") == t2s_changes.file_text(built)
    # characters the old hand-made marker list held that OpenCC leaves as they are
    assert not {"查", "核", "源"} & built
    # 覆 is changed only inside phrases (反覆 → 反复): it is in, as every such character is
    assert {"國", "覆", "乾"} <= built


def test_every_character_opencc_changes_on_its_own_is_in_the_set():
    """A brute-force check of the set against the converter itself, character by character
    over the BMP's CJK blocks and the compatibility ideographs."""
    converter = opencc.OpenCC("t2s")
    changes = t2s_changes.changed_by_t2s()
    ranges = [(0x2E80, 0xA000), (0xF900, 0xFB00), (0xFE30, 0xFE50), (0xFF00, 0xFFF0)]
    missing = [chr(cp) for low, high in ranges for cp in range(low, high)
               if chr(cp) not in changes and converter.convert(chr(cp)) != chr(cp)]
    assert missing == []


def test_changed_characters_of_dictionary_entries():
    entries = [("國", "国"), ("查", "查"), ("反覆", "反复"), ("瞭解", "了解"), ("乾燥", "干燥"), ("這裏", "这里"),
               ("著", "着"), ("一丘之貉", "一丘之貉"), ("甚麼", "什么"), ("ab", "abc")]
    assert t2s_changes.changed_characters(entries) == {"國", "覆", "瞭", "乾", "這", "裏", "著", "甚", "麼", "a", "b"}


def test_opencc_is_not_loaded_for_characters_it_leaves_alone():
    """查, 核, 源 (in GX508's marker list) no longer load OpenCC; 覆议 still becomes 复议."""
    code = (
        "import sys\n"
        "from gxlint.normalize import to_simplified, has_traditional\n"
        "assert to_simplified('审查核实信息来源') == '审查核实信息来源'\n"
        "assert not has_traditional('审查核实信息来源')\n"
        "assert 'opencc' not in sys.modules\n"
        "assert to_simplified('行政覆议') == '行政复议' and to_simplified('申请覆核') == '申请复核'\n"
        "assert to_simplified('國務院辦公廳') == '国务院办公厅'\n"
        "print('ok')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == "ok", done.stderr


def test_skipping_opencc_gives_what_opencc_gives():
    """On real report text, line by line: where the set says OpenCC changes nothing, it
    indeed changes nothing."""
    from pathlib import Path

    converter = opencc.OpenCC("t2s")
    changes = t2s_changes.changed_by_t2s()
    reports = Path(__file__).parent / "fixtures" / "reports"
    lines = {line for path in sorted(reports.rglob("*.txt")) for line in path.read_text(encoding="utf-8").splitlines()}
    skipped = [line for line in lines if changes.isdisjoint(line)]
    assert len(skipped) > 500
    assert [line for line in skipped if converter.convert(line) != line] == []


def test_a_missing_or_damaged_file_sends_every_text_through_opencc(tmp_path, monkeypatch):
    monkeypatch.setattr(t2s_changes, "CHANGES_FILE", tmp_path / "missing.txt")
    t2s_changes.changed_by_t2s.cache_clear()
    try:
        assert t2s_changes.changed_by_t2s() is None
        assert normalize.has_traditional("审查")  # not sure: OpenCC decides
        assert normalize.to_simplified("审查國") == "审查国"
        (tmp_path / "damaged.txt").write_text("not the header\n國\n", encoding="utf-8")
        monkeypatch.setattr(t2s_changes, "CHANGES_FILE", tmp_path / "damaged.txt")
        t2s_changes.changed_by_t2s.cache_clear()
        assert t2s_changes.changed_by_t2s() is None
    finally:
        monkeypatch.undo()
        t2s_changes.changed_by_t2s.cache_clear()
