"""Properties of both readers on arbitrary input: never raise; every span lies in the
file; every located character is its source character (or an entity / folded whitespace)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gxlint.document import Source, Table
from gxlint.readers.html import read as read_html
from gxlint.readers.markdown import read as read_markdown

TAGS = ["p", "div", "span", "table", "tr", "td", "th", "tbody", "br", "h1", "h3", "li", "ul", "a",
        "script", "style", "b", "font", "o:p", "pre", "title", "select", "option", "svg"]
PIECES = st.one_of(
    st.sampled_from(TAGS).map(lambda t: f"<{t}>"),
    st.sampled_from(TAGS).map(lambda t: f"</{t}>"),
    st.sampled_from(["<td rowspan=3>", "<td colspan='0'>", "<td colspan=99999>", "<div class=TRS_Editor>",
                     "<div id=zoom>", "<p style='display:none'>", "<!--", "-->", "<!-- c -->", "<", ">",
                     "&nbsp;", "&amp;", "&lt;", "&#20316;", "&#x4e00;", "&notit;", "&", "&bogus;",
                     "\r\n", "\r", "\n", "\t", " ", "\x00", "|", "---", "**", "#", "[x](y)", "\\", "`"]),
    st.text(alphabet="报告一二三、（）0123456789 ab|\u3000\xa0", min_size=1, max_size=8),
)
HTMLISH = st.lists(PIECES, max_size=60).map("".join)
MARKDOWNISH = st.lists(
    st.one_of(PIECES, st.sampled_from(["\n\n", "| a | b |\n|---|---|\n| 1 | 2 |\n", "# 一、总体情况\n", "> ", "- ", "```\n"])),
    max_size=60,
).map("".join)


def texts_of(document):
    for block in list(document.blocks) + list(document.furniture):
        yield block.text
        if isinstance(block, Table):
            for cell in block.cells():
                yield cell.text
    for key in ("comments", "hidden_links"):
        yield from document.reader_notes.get(key, [])


def check(document, text: str) -> None:
    for located in texts_of(document):
        assert len(located.value) == len(located.starts) == len(located.ends)
        for ch, s, e in zip(located.value, located.starts, located.ends):
            assert 0 <= s <= e <= len(text)
            if s == e:
                continue  # synthetic (separator, or a character the parser rewrote)
            frag = text[s:e]
            assert frag == ch or frag.startswith("&") or (ch.isspace() and frag.isspace()), (ch, frag)


PROPERTY = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(st.text(max_size=300))
def test_html_reader_on_any_text(text):
    check(read_html(Source("t.html", text, format="html")), text)


@PROPERTY
@given(HTMLISH)
def test_html_reader_on_htmlish(text):
    check(read_html(Source("t.html", text, format="html")), text)


@PROPERTY
@given(st.text(max_size=300))
def test_markdown_reader_on_any_text(text):
    check(read_markdown(Source("t.md", text, format="markdown")), text)


@PROPERTY
@given(MARKDOWNISH)
def test_markdown_reader_on_markdownish(text):
    check(read_markdown(Source("t.md", text, format="markdown")), text)
