"""Peak memory stays within 20× the input plus a fixed allowance (issue 9).

Measured with ``tracemalloc`` around one in-process lint, after a warm-up lint in each
format (the regexes, GB2312 sets and imports a first lint builds are the same for every
input; ``FIXED`` allows for them and for a document's fixed costs).  Before the offset
maps became runs (gxlint/document.py) a long line peaked near 95× its size and a
100 × 100 Markdown table near 390×, so every shape here failed this bound by 2–4×.
"""

from __future__ import annotations

import gc
import tracemalloc

import pytest

from gxlint.readers.markdown import MAX_TABLE_PIPES
from tests.fuzz.hostile_inputs import LINE_MAKERS, REPORTS, embed, markdown_table
from tests.fuzz.run import fixtures

FACTOR = 20
FIXED = 8 * 1024 * 1024

_SUFFIX = {"text": "txt", "markdown": "md", "html": "html"}


@pytest.fixture(scope="module")
def warm_linter(registry):
    from gxlint.engine import Linter

    linter = Linter(registry, {"rule_timeout": 0})  # tracemalloc slows rules several times
    for fmt, suffix in _SUFFIX.items():
        # process-wide tables loaded on first use (pinyin readings, OpenCC) are not per input
        linter.lint_bytes(embed("申请1件，報(bào)告", fmt), f"warm.{suffix}")
    return linter


def _peak(linter, data: bytes, name: str) -> int:
    gc.collect()
    tracemalloc.start()
    try:
        result = linter.lint_bytes(data, name)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert not any(d.code.startswith("GX9") for d in result.diagnostics)
    return peak


def _check(linter, data: bytes, name: str) -> None:
    peak = _peak(linter, data, name)
    bound = FACTOR * len(data) + FIXED
    assert peak <= bound, (f"{name}: peak {peak / 2**20:.1f} MiB for {len(data) / 1024:.0f} KB "
                           f"({peak / len(data):.0f}×), bound {bound / 2**20:.1f} MiB")


@pytest.mark.parametrize("fmt", ["text", pytest.param("markdown", marks=pytest.mark.slow),
                                 pytest.param("html", marks=pytest.mark.slow)])
def test_a_long_line_of_report_words_in_a_report(warm_linter, fmt):
    # 220 KB: before, 92× its size in text and Markdown, 86× in HTML
    _check(warm_linter, embed(LINE_MAKERS["report_words"](70_000), fmt), f"words.{_SUFFIX[fmt]}")


def test_a_file_of_one_long_line_of_digits(warm_linter):
    _check(warm_linter, LINE_MAKERS["digits"](1_000_000).encode(), "digits.txt")


def test_a_markdown_table_of_ten_thousand_cells(warm_linter):
    _check(warm_linter, markdown_table(100, 100), "table.md")  # before: 390× its size


@pytest.mark.slow
def test_a_markdown_table_near_the_pipe_limit(warm_linter):
    raw = markdown_table(137, 137)  # 19,200 pipes
    assert raw.count(b"|") <= MAX_TABLE_PIPES
    _check(warm_linter, raw, "table.md")


def test_the_biggest_real_html_page(warm_linter):
    page = max((REPORTS / "corpus" / "html").glob("*.html"), key=lambda p: p.stat().st_size)
    _check(warm_linter, page.read_bytes(), page.name)


def _megabyte_line(maker: str) -> str:
    return LINE_MAKERS[maker](1_000_000 // len(LINE_MAKERS[maker](12).encode()) * 12)


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
@pytest.mark.parametrize("maker", ["report_words", "words_and_spaces", "digits_line_separators"])
def test_a_megabyte_hostile_line(warm_linter, maker, fmt):
    _check(warm_linter, embed(_megabyte_line(maker), fmt), f"{maker}.{_SUFFIX[fmt]}")


# Not met: a table cell costs a few hundred bytes however small it is in the file, so
# inputs made of tiny cells stay above 20× (docs/hostile-input.md).  Measured: a megabyte
# line of `| 1 ` 63 MiB in text (the reader builds its 250,000 cells before finding one row
# is no table), 37 MiB in HTML; a 200×200 HTML table (508 KB) 37 MiB.  Held to the
# fuzzer's bound so that they do not grow.
TABLE_FACTOR = 100


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["text", "html"])
def test_a_megabyte_line_of_pipes_stays_within_the_table_bound(warm_linter, fmt):
    data = embed(_megabyte_line("pipes"), fmt)
    peak = _peak(warm_linter, data, f"pipes.{_SUFFIX[fmt]}")
    assert peak <= TABLE_FACTOR * len(data) + FIXED, f"{peak / 2**20:.1f} MiB ({peak / len(data):.0f}×)"


@pytest.mark.slow
def test_every_real_report(warm_linter):
    paths = fixtures()
    assert len(paths) > 30
    for path in paths:
        _check(warm_linter, path.read_bytes(), path.name)
