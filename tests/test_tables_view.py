"""The matching view of a long string (a table stream, a hostile line) built piece by piece.

A table stream is the whole document joined; its whitespace-free view, made in one go,
listed every piece kept between cut-out pinyin (28 bytes a character at once: 15 MiB for a
megabyte of prose, issues 8 and 9).  :func:`gxlint.normalize._view_in_pieces` builds the
same view a piece at a time, each piece ending after a whitespace character.  It must give
exactly what :func:`gxlint.normalize._view` gives on the whole string: the same string and
the same runs (the maximal ones), for both views, on every vendored report and on strings
made of their slices, pinyin, Traditional characters and every kind of whitespace, with
pieces of any length.  Its premise, that no step of a view reaches across a whitespace
character, is checked on the installed OpenCC's own dictionaries.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import CORPUS, SEEDS, read_document
from gxlint import normalize, t2s_changes
from gxlint.tables import stream as stream_module
from gxlint.tables.stream import Stream

TEXTS = sorted(SEEDS.glob("*.txt")) + sorted(CORPUS.glob("*.txt")) + sorted(CORPUS.glob("*.md"))
SAMPLES = [path.read_text(encoding="utf-8", errors="replace") for path in TEXTS]
# whitespace the fold turns into a space and whitespace it leaves (U+1680 stays in the view)
WHITESPACE = ["\n", " ", "\t", "\x1f", "\u3000", "\xa0", "\x85", "\u2028", "\u1680", "\r\n"]
PINYIN = ["報(bào)告", "開(kāi)", "公開（kāi）", "(一)", "(单位:万元)", "號(hào)", "覆議", "覆(fù)議", "國(guó)務(wù)院"]


@contextmanager
def piece_length(length: int):
    """Pieces of ``length`` characters (the module's one setting; restored after)."""
    saved = normalize._PIECE_LENGTH
    normalize._PIECE_LENGTH = length
    try:
        yield
    finally:
        normalize._PIECE_LENGTH = saved


def as_lists(view):
    value, origin = view
    return value, None if origin is None else (list(origin[0]), list(origin[1]))


def assert_same_view(value: str) -> None:
    for drop_whitespace in (False, True):
        expected = as_lists(normalize._view(value, drop_whitespace))
        assert as_lists(normalize._view_in_pieces(value, drop_whitespace)) == expected


@pytest.mark.parametrize("length", [1, 7, 64, 4096])
def test_every_vendored_text_gives_the_view_of_the_whole(length):
    with piece_length(length):
        for sample in SAMPLES:
            assert_same_view(sample)


def test_a_megabyte_stream_of_real_reports_gives_the_view_of_the_whole():
    """The case it is for: the table stream of the seeds repeated (over 2 pieces long), as
    the stream builds it, through the public path (normalize and its long-view cache)."""
    documents = [read_document(path) for path in sorted(SEEDS.glob("*.txt"))]
    blocks = [block for document in documents for block in document.blocks] * 12
    normalize._long_views.clear()
    stream = Stream(blocks)
    assert len(stream.scan) > 4 * normalize._PIECE_LENGTH
    expected = normalize._view(stream.scan, True)
    assert stream.view == expected[0]
    runs = stream.compact.origin_runs()
    assert (list(runs[0]), list(runs[1])) == (list(expected[1][0]), list(expected[1][1]))


def test_a_string_without_whitespace_is_one_piece():
    value = "報(bào)告" * 1000
    with piece_length(10):
        assert_same_view(value)
    assert normalize._view_in_pieces("abc" * 100, True) == ("abc" * 100, None)


def test_no_map_only_where_the_whole_has_none():
    with piece_length(4):
        for value in ["甲乙丙丁" * 20 + "\u1680" + "戊己" * 20, "甲乙 丙丁" * 10, " " * 30, "\n" * 30]:
            assert_same_view(value)


pieces = st.one_of(
    st.sampled_from(WHITESPACE),
    st.sampled_from(PINYIN),
    st.builds(lambda k, a, n: SAMPLES[k % len(SAMPLES)][a % 5000 : a % 5000 + n],
              st.integers(0, 10_000), st.integers(0, 10_000), st.integers(0, 80)),
    st.text(alphabet="報告國務院開號覆議(（)）abkāiòàù一二 \n\t\x1f\u3000123|｜", max_size=12),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(pieces, max_size=60), st.integers(1, 40))
def test_strings_of_report_slices_pinyin_and_whitespace(parts, length):
    with piece_length(length):
        assert_same_view("".join(parts))


def test_no_key_of_the_t2s_dictionaries_holds_whitespace():
    """The premise: OpenCC matches its dictionary keys from left to right, so a text cut
    after a whitespace character converts as the whole did when no key holds one (and
    none changes length: then no piece is converted character by character on its own)."""
    tool, share = t2s_changes.opencc_files()
    if not tool.exists():
        pytest.skip("OpenCC's opencc_dict tool is not in this OpenCC installation")
    config = json.loads((share / "t2s.json").read_text(encoding="utf-8"))
    names = t2s_changes._dictionaries(config.get("normalization", [])) + t2s_changes._dictionaries(
        config["conversion_chain"]
    )
    assert names
    keys = 0
    lines: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory() as scratch:
        for name in names:
            dumped = Path(scratch) / (name + ".txt")
            subprocess.run([str(tool), "-i", str(share / name), "-o", str(dumped), "-f", "ocd2", "-t", "text"],
                           check=True, capture_output=True)
            lines.extend((name, line) for line in dumped.read_text(encoding="utf-8").split("\n") if line)
    for name, line in lines:
        key, _, values = line.partition("\t")
        keys += 1
        assert not any(ch.isspace() for ch in key), (name, key)
        assert all(len(value) == len(key) for value in values.split(" ")), (name, key, values)
    assert keys > 1000
    assert not any(ch.isspace() for phrase in normalize.PHRASE_FIXES for ch in phrase)


def test_the_stream_view_is_not_kept_for_sharing():
    """A big input's stream string is joined once and held by no other text: its view goes
    when the stream does (it kept ~1.7 MiB of a megabyte input alive after the tables were
    read), and is the view ``normalize`` shares for other texts."""
    documents = [read_document(path) for path in sorted(SEEDS.glob("*.txt"))]
    blocks = [block for document in documents for block in document.blocks] * 4
    normalize._long_views.clear()
    stream = Stream(blocks)
    assert len(stream.scan) > stream_module._SHARED_VIEW_LENGTH
    assert not normalize._long_views
    shared = normalize.normalize(stream.text.with_value(stream.scan), drop_whitespace=True)
    assert normalize._long_views
    assert shared.value == stream.view
    assert as_lists((shared.value, shared.origin_runs())) == as_lists((stream.view, stream.compact.origin_runs()))


def test_a_report_stream_view_is_shared_as_any_text_view():
    document = read_document(sorted(SEEDS.glob("*.txt"))[0])
    normalize._long_views.clear()
    stream = Stream(document.blocks)
    assert normalize._CACHE_MAX_LENGTH < len(stream.scan) <= stream_module._SHARED_VIEW_LENGTH
    assert (stream.scan, True) in normalize._long_views
