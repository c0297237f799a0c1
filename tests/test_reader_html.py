"""The HTML reader on the four real pingtan.gov.cn pages (see corpus/html/INDEX.md)."""

from __future__ import annotations

import functools
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import corpus
from gxlint.document import Heading, Paragraph, Source, Table
from gxlint.readers.decode import decode
from gxlint.readers.html import read

YEARS = ("2019", "2021", "2022", "2023")


@functools.lru_cache(maxsize=None)
def load(year: str) -> tuple[str, "object"]:
    text = corpus(f"pingtan-{year}.html").read_text(encoding="utf-8")
    return text, read(Source(f"pingtan-{year}.html", text, format="html"))


@pytest.fixture(scope="module", params=YEARS)
def page(request):
    return (request.param, *load(request.param))


def table_with(document, label: str) -> Table:
    for table in document.tables():
        if any(label in "".join(c.text.value.split()) for c in table.cells()):
            return table
    raise AssertionError(f"no table with {label}")


def row_values(table: Table, label: str) -> list[str]:
    """The distinct cells of the first grid row whose text contains ``label``."""
    for row in table.grid():
        texts = ["".join(c.text.value.split()) if c else "" for c in row]
        if any(label in t for t in texts):
            out, seen = [], set()
            for cell in row:
                if cell is not None and id(cell) not in seen:
                    seen.add(id(cell))
                    out.append("".join(cell.text.value.split()))
            return out
    raise AssertionError(f"no row {label}")


def test_container_tables_and_title(page):
    year, text, document = page
    expected = "div.article_content" if year == "2021" else "div.TRS_Editor"
    assert document.reader_notes["content_container"] == expected
    assert len(document.tables()) == 3
    first = document.blocks[0]
    assert isinstance(first, Paragraph)
    assert first.text.value == f"平潭综合实验区{year}年度政府信息公开工作年度报告"
    # The title block points at the article_title div in the page body, not at <title>.
    start = first.text.span().start
    assert text.rfind("<title>", 0, start) < text.rfind("article_title", 0, start)
    assert document.meta["ArticleTitle"] == first.text.value
    assert document.meta["html_title"].startswith(first.text.value + "_")
    assert "PubDate" in document.meta


def test_furniture_is_chrome_not_report(page):
    year, text, document = page
    furniture = "\n".join(b.text.value for b in document.furniture)
    assert "主办单位" in furniture
    body = "\n".join(b.text.value for b in document.blocks)
    assert "主办单位" not in body and "版权所有" not in body
    for phrase in ("总体情况", "其他需要报告的事项"):
        assert phrase in body
        assert phrase not in furniture or year == "2021"  # 2021's chrome has a related-links list


def test_sections_in_reading_order(page):
    year, text, document = page
    headings = [b.text.value.strip("\xa0\u3000 ") for b in document.blocks if not isinstance(b, Table)]
    indexes = [next(i for i, h in enumerate(headings) if h.startswith(p)) for p in ("一、", "二、", "三、", "四、", "五、", "六、")]
    assert indexes == sorted(indexes)
    kinds = [type(b).__name__ for b in document.blocks]
    # The three tables sit between section 二 and section 五.
    tables = [i for i, k in enumerate(kinds) if k == "Table"]
    para_index = [i for i, b in enumerate(document.blocks) if not isinstance(b, Table)]
    assert para_index[indexes[1]] < tables[0] and tables[-1] < para_index[indexes[4]]


@pytest.mark.parametrize(
    "year,label,values",
    [
        ("2023", "行政规范性文件", ["77", "132", "470"]),
        ("2022", "行政规范性文件", ["88", "55", "698"]),
        ("2021", "行政规范性文件", ["69", "3", "665"]),
        ("2021", "行政事业性收费", ["24252.311082"]),
        ("2023", "行政强制", ["54"]),
    ],
)
def test_table_two_values(year, label, values):
    _, document = load(year)
    table = table_with(document, "本年制发件数") if year != "2019" else None
    cells = row_values(table, label)
    assert cells[0] == label and cells[1:] == values


@pytest.mark.parametrize(
    "year,label,values",
    [
        ("2023", "一、本年新收", ["80", "1", "0", "0", "0", "0", "81"]),
        ("2021", "一、本年新收", ["64", "0", "0", "2", "0", "4", "70"]),
        ("2021", "（七）总计", ["63", "0", "0", "2", "0", "4", "69"]),
        ("2022", "（七）总计", ["72", "3", "0", "0", "0", "0", "75"]),
        ("2019", "（七）总计", ["23", "0", "0", "0", "0", "0", "23"]),
    ],
)
def test_table_three_grid(year, label, values):
    _, document = load(year)
    table = table_with(document, "本年新收政府信息公开申请")
    grid = table.grid()
    assert len(grid) >= 25  # header rows + the 25 template rows
    cells = row_values(table, label)
    assert cells[-len(values):] == values


def test_table_four_split_headers_read_whole():
    # 2021 表四 headers are one character per <p>: joined with newlines, whole without them.
    _, document = load("2021")
    table = table_with(document, "复议后起诉")
    labels = {"".join(c.text.value.split()) for c in table.cells()}
    assert {"结果维持", "结果纠正", "其他结果", "尚未审结", "总计"} <= labels
    split = [c for c in table.cells() if "".join(c.text.value.split()) == "结果维持"]
    assert all("\n" in c.text.value for c in split)
    assert row_values(table, "1")[:5] == ["1", "0", "2", "0", "3"]


def test_cell_positions_point_into_the_page():
    text, document = load("2023")
    source = Source("p", text, format="html")
    table = table_with(document, "本年制发件数")
    cell = next(c for c in table.cells() if c.text.value.strip() == "5949.088667")
    offset = text.find("5949.088667")
    assert offset != -1 and text.find("5949.088667", offset + 1) == -1
    assert source.position(cell.span.start) == source.position(offset)
    line, column = source.position(cell.span.start)
    assert text.splitlines()[line - 1][column - 1:].startswith("5949.088667")
    # A row label: its characters are the page's characters.
    label = next(c for c in table.cells() if "".join(c.text.value.split()) == "行政规范性文件")
    span = label.span
    assert text[span.start:span.end] == "行政规范性文件"


def test_words_split_across_spans_read_whole():
    text, document = load("2021")
    body = "".join(b.text.value for b in document.blocks)
    # Word paste splits runs into <span>/<font>: the prose still reads continuously.
    assert "规范审核审核发布机制" in body
    assert "执法信息公开,通过" in body
    for block in document.blocks:
        assert "<" not in block.text.value or "<中华" in block.text.value


def test_every_character_maps_to_its_source():
    for year in YEARS:
        text, document = load(year)
        blocks = list(document.blocks) + list(document.furniture)
        texts = [b.text for b in blocks] + [c.text for b in blocks if isinstance(b, Table) for c in b.cells()]
        for t in texts:
            for ch, s, e in zip(t.value, t.starts, t.ends):
                assert 0 <= s <= e <= len(text)
                frag = text[s:e]
                assert s == e or frag == ch or frag.startswith("&") or (ch.isspace() and frag.isspace()), (ch, frag)


def test_entities_span_the_whole_entity():
    text, document = load("2022")
    found = 0
    for block in document.blocks:
        for ch, s, e in zip(block.text.value, block.text.starts, block.text.ends):
            if ch == "\xa0":
                assert text[s:e] == "&nbsp;"
                found += 1
    assert found


def test_crlf_page_maps_to_original_offsets():
    text = corpus("pingtan-2023.html").read_text(encoding="utf-8").replace("\n", "\r\n")
    document = read(Source("crlf.html", text, format="html"))
    source = Source("crlf.html", text, format="html")
    table = table_with(document, "本年制发件数")
    cell = next(c for c in table.cells() if c.text.value.strip() == "5949.088667")
    assert text[cell.span.start:cell.span.end] == "5949.088667"
    assert source.position(cell.span.start) == source.position(text.find("5949.088667"))


def test_gbk_page_reads_the_same():
    raw_text = corpus("pingtan-2022.html").read_text(encoding="utf-8")
    assert re.search(r'charset="?utf-8', raw_text, re.I)
    gbk_text = re.sub(r'charset="?utf-8"?', 'charset="gb2312"', raw_text, flags=re.I)
    raw = gbk_text.encode("gb18030")
    decoded = decode(raw, "html")
    assert decoded.encoding == "gb18030" and decoded.text == gbk_text
    gbk = read(Source("gbk.html", decoded.text, format="html"))
    utf8 = read(Source("utf8.html", raw_text, format="html"))
    assert [b.text.value for b in gbk.blocks] == [b.text.value for b in utf8.blocks]
    assert gbk.reader_notes["content_container"] == utf8.reader_notes["content_container"]


def test_comments_and_hidden_links():
    html = (
        "<html><head><title>某县2023年政府信息公开工作年度报告_年报_某县</title></head><body>"
        "<div class='nav'><a href='/'>首页</a></div>"
        "<!-- gxlint-disable GX101 -->"
        "<div id='zoom'><p>一、总体<span>情况</span></p><p>正文&nbsp;内容很长很长很长</p>"
        "<h2>二、主动公开政府信息情况</h2>"
        "<div style='position:absolute; left:-9999px'><a href='http://spam'>博彩网站</a><a>代开发票</a></div>"
        "<p style='display: none'>隐藏文字</p></div>"
        "<div class='footer'>版权所有 某县人民政府</div></body></html>"
    )
    document = read(Source("t.html", html, format="html"))
    assert [c.value for c in document.reader_notes["comments"]] == [" gxlint-disable GX101 "]
    comment = document.reader_notes["comments"][0]
    assert html[comment.span().start:comment.span().end] == " gxlint-disable GX101 "
    assert [t.value for t in document.reader_notes["hidden_links"]] == ["博彩网站", "代开发票", "隐藏文字"]
    assert document.reader_notes["content_container"] == "div#zoom"
    values = [b.text.value for b in document.blocks]
    assert values[0] == "某县2023年政府信息公开工作年度报告"  # from <title>, minus the suffix
    assert values[1:] == ["一、总体情况", "正文\xa0内容很长很长很长", "二、主动公开政府信息情况"]
    assert isinstance(document.blocks[3], Heading) and document.blocks[3].level == 0
    assert [b.text.value for b in document.furniture] == ["首页", "版权所有 某县人民政府"]
    title = document.blocks[0].text
    assert html[title.span().start:title.span().end] == "某县2023年政府信息公开工作年度报告"


def test_spans_and_br_lines_in_cells():
    html = (
        "<body><div class='TRS_Editor'><p>表</p><table>"
        "<tr><td rowspan='2'>结果<br>纠正</td><td colspan='2'>总<span>计</span></td></tr>"
        "<tr><td>1</td><td>&nbsp;2</td></tr>"
        "<tr><td rowspan='99999'>x</td><td colspan='0'></td><td>3</td></tr>"
        "</table></div></body>"
    )
    document = read(Source("t.html", html, format="html"))
    (table,) = document.tables()
    grid = table.grid()
    assert len(grid) == 3 and len(grid[0]) == 3
    assert grid[0][0].text.value == "结果\n纠正" and grid[1][0] is grid[0][0]
    assert grid[0][1].text.value == "总计" and grid[0][2] is grid[0][1]
    assert grid[1][1].text.value == "1" and grid[1][2].text.value == "\xa02"
    assert grid[2][0].rowspan == 1  # clamped to the rows that exist
    assert grid[2][2].text.value == "3"


def test_layout_table_is_not_a_report_table():
    html = (
        "<body><table><tr><td><a>导航</a></td><td>"
        "<div class='article-content'><p>一、总体情况</p><p>" + "正文" * 200 + "</p>"
        "<table><tr><td>项目</td><td>数量</td></tr><tr><td>行政许可</td><td>5</td></tr></table>"
        "</div></td></tr></table></body>"
    )
    document = read(Source("t.html", html, format="html"))
    assert document.reader_notes["content_container"] == "div.article-content"
    (table,) = document.tables()
    assert [[c.text.value for c in row] for row in table.rows] == [["项目", "数量"], ["行政许可", "5"]]


def test_density_fallback_without_known_container():
    html = (
        "<body><ul>" + "".join(f"<li><a href='/{i}'>链接{i}</a></li>" for i in range(50)) + "</ul>"
        "<div class='wrap'><div class='x'>" + "".join(f"<p>第{i}段正文内容，关于政府信息公开。</p>" for i in range(20))
        + "</div></div><div>联系我们</div></body>"
    )
    document = read(Source("t.html", html, format="html"))
    assert document.reader_notes["content_container"] == "div.x"
    assert len(document.blocks) == 20
    assert any("链接3" == b.text.value for b in document.furniture)


@pytest.mark.parametrize(
    "html",
    [
        "",
        "<",
        "<div>" * 3000 + "深" + "</div>" * 3,
        "<table>" * 500 + "<td>x",
        "<p title='" + "x" * 200000 + "'>报告</p>",
        "\x00\x01<p>\x00a&#0;&#x110000;&bogus;&amp</p>",
        "<table><tr><td>1</td>foster<b>ed</b><td>2</td></tr></table>",
        "<svg><p>math</p></svg><math><mi>x</mi></math>",
    ],
)
def test_hostile_input_never_raises(html):
    from gxlint.errors import InputError

    try:
        document = read(Source("h.html", html, format="html"))
    except InputError as refused:  # pathological nesting is refused with a diagnostic
        assert refused.code == "GX007"
        return
    for block in document.blocks + document.furniture:
        for s, e in zip(block.text.starts, block.text.ends):
            assert 0 <= s <= e <= len(html)




def _decode_by_character(body):
    """A string literal's body decoded a character at a time, with each character's
    offsets: the reader's first way, the reference for the one by runs."""
    from array import array

    from gxlint.document import Text
    from gxlint.readers._html_shapes import _SIMPLE_ESCAPES

    value = body.value
    out, starts, ends = [], array("l"), array("l")
    body_starts, body_ends = body.offsets()
    i = 0
    while i < len(value):
        ch, j = value[i], i + 1
        if ch == "\\" and i + 1 < len(value):
            nxt, j = value[i + 1], i + 2
            if nxt in _SIMPLE_ESCAPES:
                ch = _SIMPLE_ESCAPES[nxt]
            elif nxt == "u" and re.fullmatch(r"[0-9a-fA-F]{4}", value[i + 2:i + 6]):
                ch, j = chr(int(value[i + 2:i + 6], 16)), i + 6
            elif nxt == "x" and re.fullmatch(r"[0-9a-fA-F]{2}", value[i + 2:i + 4]):
                ch, j = chr(int(value[i + 2:i + 4], 16)), i + 4
            elif nxt == "\n":
                i = j
                continue
            else:
                ch = nxt
        out.append(ch)
        starts.append(body_starts[i])
        ends.append(body_ends[j - 1])
        i = j
    return Text._trusted("".join(out), starts, ends)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet='a申\\nux4e01\n"/t', max_size=20))
def test_a_script_string_is_decoded_by_runs_as_by_characters(value):
    # by runs: a 500 KB literal took 85 MiB a character at a time (issue 9)
    from gxlint.document import Text
    from gxlint.readers._html_shapes import _decode_literal

    body = Text.verbatim("x'" + value + "'", 40)[2:2 + len(value)]
    by_runs, by_characters = _decode_literal(body), _decode_by_character(body)
    assert by_runs.value == by_characters.value
    assert [list(a) for a in by_runs.offsets()] == [list(a) for a in by_characters.offsets()]
