"""The HTML reader's regex fast paths for plain tags and text (gxlint/readers/_html_tree.py)
must yield exactly the tokens html5lib's own character-by-character states yield: same
names, attributes (order, duplicates, case), self-closing flags, text and source offsets."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from html5lib._tokenizer import HTMLTokenizer

from gxlint.readers import _html_tree

REPO = Path(__file__).resolve().parent.parent

# Plain tags (fast path) mixed with every shape the fast path must leave to html5lib.
PIECES = [
    '<a href="x&amp;y">', "<A HREF=x/>", "<br/>", "<p class='c' id=d>", "<div a b=c d = 'e' >", "</div >", "</DIV>",
    '<img src=a.png alt="">', '<x y="1"z>', "<a =b>", "<a b=>", "<a b=c`d>", "<p\x00>", "<a b='x\x00'>", "< p>",
    "<a/b>", "<a b / >", '<td colspan=2 rowspan="3">', "<T\u00c9ST a\u00c9=1>", '<a b="a\nb">', "</a b>",
    "<a a=1 A=2 a=3>", "text", "&nbsp;", "<script>x<y</script>", "<title>a<b>c</title>", "<textarea><a></textarea>",
    "<!-- c -->", "</>", "<>", "<svg><path d='M0'/></svg>", "<table><tr><td>1", "<a\tb\fc\nd>", "<a b='>'>",
    "<a b=\"'\" c='\"'>", "<a b=c&d>", "<p a<b>", "<p \"a>", "<!DOCTYPE html>", "<?xml?>", "<a", "<a b=\"c",
    # text tokens: spaces, text up to "&", "<" or NUL, and runs longer than html5lib's chunk
    " \n\t ", "a b\tc", "x\x00y", "\f", "年度报告 ", "\u3000" * 3, "字" * 6000, " " * 6000, "a&b", "&#x5e74;",
]


def _tokens(text: str, fast: bool, monkeypatch) -> list:
    if not fast:
        monkeypatch.setattr(_html_tree._Tokenizer, "tagOpenState", HTMLTokenizer.tagOpenState)
        monkeypatch.setattr(_html_tree._Tokenizer, "dataState", HTMLTokenizer.dataState)
    seen: list = []
    iterate = _html_tree._Tokenizer.__iter__

    def recording(self):
        for token in iterate(self):
            seen.append([(k, list(v.items()) if isinstance(v, dict) else v) for k, v in token.items() if k != "_piece"])
            yield token

    monkeypatch.setattr(_html_tree._Tokenizer, "__iter__", recording)
    _html_tree.parse(text)
    monkeypatch.undo()
    return seen


def _texts():
    rng = random.Random(8)
    for i in range(400):
        yield f"soup-{i}", "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 12)))
    # real pages: many tags, and tags cut by html5lib's 10,240-character chunks
    for path in sorted((REPO / "tests" / "fixtures" / "reports" / "corpus" / "html").glob("*.html"))[:2]:
        yield path.name, path.read_bytes().decode("utf-8", "replace")


@pytest.mark.parametrize("name,text", list(_texts()), ids=lambda v: v if isinstance(v, str) and len(v) < 30 else None)
def test_fast_tags_yield_the_tokens_of_html5libs_states(name, text, monkeypatch):
    assert _tokens(text, True, monkeypatch) == _tokens(text, False, monkeypatch)


def test_the_fast_path_takes_plain_tags_and_text_and_leaves_the_rest(monkeypatch):
    slow: list = []
    original = HTMLTokenizer.tagOpenState
    monkeypatch.setattr(HTMLTokenizer, "tagOpenState", lambda self: slow.append(1) or original(self))
    _html_tree.parse('<div class="a" id=b data-x=\'1\'><br/><p>x</p></div>')
    assert slow == []
    _html_tree.parse('<a href="?a=1&amp;b=2">x</a>')
    assert len(slow) == 1  # the entity in the attribute; the end tag is plain
    slow_text: list = []
    original_data = HTMLTokenizer.dataState
    monkeypatch.setattr(HTMLTokenizer, "dataState", lambda self: slow_text.append(1) or original_data(self))
    _html_tree.parse("<div><p>年度 报告</p> <p>a</p></div>")
    assert len(slow_text) == 2  # only where a chunk is read: the start and the end
    _html_tree.parse("<p>a&amp;b</p>")
    assert len(slow_text) == 5  # the entity too
