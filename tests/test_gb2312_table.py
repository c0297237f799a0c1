"""The GB2312 table shipped with the mojibake check is the code table itself."""

from __future__ import annotations

from gxlint.analysis import mojibake


def test_shipped_table_equals_the_decoded_code_table():
    mojibake._gb2312_sets.cache_clear()
    every, common = mojibake._gb2312_sets()
    assert (every, common) == mojibake.build_gb2312_sets()
    assert len(common) == 4437 and len(every) == 7445
    assert "采" in common and "購" not in every and "閲" not in every
