"""A Text's matching views (``text.normalized``, ``text.compact``) are kept on the text, and
hold the text's map without holding the text itself: no reference cycle, so a text and
its views are freed as soon as they are dropped, and linting a text or Markdown file
leaves nothing for the garbage collector (gxlint/collector.py pauses it meanwhile)."""

from __future__ import annotations

import gc

import pytest

from gxlint.document import Text
from gxlint.engine import Linter
from gxlint.plugin.manager import load_plugins

from conftest import seed


def _texts() -> list[Text]:
    verbatim = Text.verbatim("２０２３年 政府信息公開", 10)
    mapped = Text.join([Text.verbatim("收到 申请", 3), Text.spanning(" ", 8, 14), Text.verbatim("１２件", 20)])
    return [verbatim, mapped]


@pytest.mark.parametrize("first", ["normalized", "compact"])
def test_views_map_back_like_the_text_and_are_kept(first):
    for text in _texts():
        views = [getattr(text, first), getattr(text, "compact" if first == "normalized" else "normalized")]
        for view in views:
            assert view.text.value == text.value
            for i in range(len(view) + 1):
                for j in range(i, len(view) + 1):
                    a, b = view.original_range(i, j)
                    assert view.span(i, j) == text.span(a, b)
        assert text.normalized is text.normalized and text.compact is text.compact


def _garbage_after(make) -> int:
    """How many objects the collector frees after ``make()``'s objects are dropped."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        gc.collect()
        make()
        return gc.collect()
    finally:
        if enabled:
            gc.enable()


@pytest.mark.parametrize("first", ["normalized", "compact"])
def test_a_text_and_its_views_make_no_reference_cycle(first):
    def make() -> None:
        for text in _texts():
            getattr(text, first)
            text.normalized, text.compact

    assert _garbage_after(make) == 0


@pytest.mark.parametrize("name,suffix", [("000", ".txt"), ("003", ".txt"), ("002", ".md")])
def test_linting_a_text_or_markdown_file_leaves_no_garbage_cycle(name, suffix):
    linter = Linter(load_plugins())
    raw = seed(name).read_bytes() if suffix == ".txt" else _markdown(seed(name).read_text(encoding="utf-8"))
    linter.lint_bytes(raw, name + suffix, keep_document=False)  # module-level memos filled
    assert _garbage_after(lambda: linter.lint_bytes(raw, name + suffix, keep_document=False)) == 0


def _markdown(text: str) -> bytes:
    """The seed as Markdown: its first line a heading."""
    first, _, rest = text.partition("\n")
    return f"# {first}\n\n{rest}".encode()
