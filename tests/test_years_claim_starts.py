"""GX403 tries its claim pattern only at sentence starts (``years.claim_starts``), which
must find what ``finditer`` over every character found: on the real reports' blocks and
on strings of the characters that decide (hypothesis)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from gxlint_plugins import years

from conftest import CORPUS, SEEDS

REPO = Path(__file__).resolve().parent.parent


def _same(value: str) -> None:
    plain = [(m.span(), m.groups()) for m in years._CLAIM_START.finditer(value)]
    assert [(m.span(), m.groups()) for m in years.claim_starts(value)] == plain, value


def test_the_same_claims_in_the_real_reports():
    from gxlint.engine import Linter
    from gxlint.plugin.manager import load_plugins

    linter = Linter(load_plugins())
    paths = sorted(SEEDS.glob("*.txt")) + sorted(CORPUS.glob("*.txt")) + [REPO / "tests" / "fixtures" / "report-003.md"]
    values = [block.text.compact.value for path in paths if path.exists()
              for block in (linter.lint_path(str(path)).document or type("", (), {"blocks": []})).blocks]
    assert len(values) > 500
    assert sum(1 for value in values for _ in years._CLAIM_START.finditer(value)) > 20
    for value in values:
        _same(value)


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(["2023", "2022", "1999", "年", "度", "全年", ",", "。", ";", "!", "?", ":", "(一)",
                                 "(", ")", "一", "我局", "共", "公开", "12条", "a"]), max_size=12))
def test_the_same_claims_in_strings_of_the_deciding_pieces(pieces):
    _same("".join(pieces))
