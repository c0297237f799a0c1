"""The text reader on the real seeds and corpus: paragraphs, flattened tables, spans."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import CORPUS, SEEDS, corpus, read_document, seed
from gxlint.document import Heading, Paragraph, Source, Table
from gxlint.readers.text import read
from gxlint.structure import annotate, looks_like_report

ALL_TEXT_FILES = sorted(SEEDS.glob("*.txt")) + sorted(CORPUS.glob("*.txt")) + sorted(
    (CORPUS / "html").glob("*.txt")
)


def _doc(path):
    return read_document(path)


def _pos(document, cell):
    """(line, column) of a cell's first and last character + 1."""
    return document.source.position(cell.span.start), document.source.position(cell.span.end)


def _row_values(row):
    return [cell.text.value for cell in row]


# --- invariants on every file ---------------------------------------------------------


@pytest.mark.parametrize("path", ALL_TEXT_FILES, ids=lambda p: p.name)
def test_blocks_in_order_without_overlap(path):
    document = _doc(path)
    previous_end = -1
    for block in document.blocks:
        span = block.span
        assert 0 <= span.start <= span.end <= len(document.source.text)
        assert span.start >= previous_end, (block, previous_end)
        previous_end = span.end


@pytest.mark.parametrize("path", ALL_TEXT_FILES, ids=lambda p: p.name)
def test_cells_carry_their_exact_content(path):
    document = _doc(path)
    text = document.source.text
    for table in document.tables():
        assert table.style in {"pipe", "cell-per-line", "line-per-cell", "pdf-columns"}
        for cell in table.cells():
            value = cell.text.value
            assert "|" not in value
            if not value.strip():
                # a real blank cell (``| 1 |  |``): located at the blank between pipes
                assert text[cell.span.start : cell.span.end].strip() == ""
                continue
            assert value == value.strip()
            # every character maps to itself in the source
            for i, ch in enumerate(value):
                assert text[cell.text.starts[i]] == ch


@pytest.mark.parametrize("path", ALL_TEXT_FILES, ids=lambda p: p.name)
def test_paragraph_spans_exclude_padding(path):
    document = _doc(path)
    text = document.source.text
    for block in document.blocks:
        if isinstance(block, (Paragraph, Heading)):
            span = block.span
            content = text[span.start : span.end]
            assert content == content.strip()
            assert content == block.text.value.strip()
            assert "\n" not in content


# --- pipe rows: seed 003, corpus 015 / 040 --------------------------------------------


def test_seed_003_pipe_tables():
    document = _doc(seed("003"))
    tables = document.tables()
    assert [t.style for t in tables] == ["pipe", "pipe", "pipe"]
    active, requests, appeals = tables
    assert _row_values(active.rows[3]) == ["行政规范性文件", "4", "2", "11"]
    # trailing "| ||" debris of merged cells is not a cell
    assert _row_values(active.rows[6]) == ["行政许可", "64142"]
    assert _pos(document, active.rows[6][1]) == ((22, 8), (22, 13))
    received = requests.rows[3]
    assert _row_values(received) == ["一、本年新收政府信息公开申请数量", "96", "4", "0", "0", "0", "0", "100"]
    assert _pos(document, received[0]) == ((34, 1), (34, 17))
    assert _pos(document, received[1]) == ((34, 20), (34, 22))
    # the malformed "00" stays a cell of its own, exactly where it is printed
    process = requests.rows[12]
    assert process[0].text.value == "6.属于四类过程性信息"
    assert process[6].text.value == "00"
    assert _pos(document, process[6]) == ((43, 35), (43, 37))
    data = appeals.rows[-1]
    assert len(data) == 15
    assert _pos(document, data[14]) == ((63, 59), (63, 60))


def test_corpus_015_pipe_rows_with_single_cell_lines():
    document = _doc(corpus("015.txt"))
    active, requests = document.tables()
    assert active.style == "pipe"
    assert _row_values(active.rows[0]) == ["第二十条第(一)项"]
    penalties = active.rows[9]
    assert _row_values(penalties) == ["行政处罚", "1472"]
    assert _pos(document, penalties[1]) == ((14, 8), (14, 12))
    # the partial last row (no closing pipe) is still read
    assert _row_values(requests.rows[-1]) == ["6.属于四类过程性信息", "0", "0", "0", "0", "0", "0"]


def test_corpus_040_framed_pipe_rows():
    document = _doc(corpus("040.txt"))
    active = document.tables()[0]
    assert _row_values(active.rows[0]) == ["第二十条  第(一)项"]
    assert _row_values(active.rows[1]) == ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]
    cell = active.rows[1][0]
    assert _pos(document, cell) == ((8, 3), (8, 7))


def test_markdown_trailing_blank_cell_is_kept():
    """Corpus 005: ``| 四、结转下年度继续办理 | 1 | 0 | … | 0 |  |``: 总计 left blank."""
    document = _doc(corpus("005.txt"))
    rows = [row for table in document.tables() for row in table.rows]
    carried = next(row for row in rows if row[0].text.value == "四、结转下年度继续办理")
    assert len(carried) == 8
    assert carried[-1].text.value.strip() == ""
    assert document.source.position(carried[-1].span.start)[0] == 179


# --- one cell per line with bar lines: seeds 000, 001, 002; corpus 024, 029 ------------


def test_seed_000_cell_per_line_rows():
    document = _doc(seed("000"))
    active, requests, appeals = document.tables()
    assert {t.style for t in (active, requests, appeals)} == {"cell-per-line"}
    assert len(active.rows) == 14
    assert _row_values(active.rows[3]) == ["行政規(guī)范性文件", "4", "0", "37"]
    assert _pos(document, active.rows[3][2]) == ((40, 8), (40, 9))
    assert len(requests.rows) == 28
    received = requests.rows[3]
    assert received[0].text.compact.value == "一、本年新收政府信息公开申请数量"
    assert _row_values(received)[1:] == ["1", "0", "0", "0", "0", "0", "1"]
    assert _pos(document, received[7]) == ((127, 8), (127, 9))
    # the truncated header labels of table 四 are kept as printed
    assert appeals.rows[1][1].text.value == "結(jié)果"
    assert _pos(document, appeals.rows[1][1]) == ((556, 8), (556, 15))
    data = appeals.rows[3]
    assert _row_values(data) == ["0", "1", "5", "0", "6", "2", "8", "0", "1", "11", "0", "0", "0", "0", "0"]
    assert _pos(document, data[4]) == ((598, 8), (598, 9))


def test_seed_001_cell_per_line_keeps_damaged_cells():
    document = _doc(seed("001"))
    active, requests, appeals = document.tables()
    penalties = next(r for r in active.rows if r[0].text.compact.value == "行政处罚")
    assert _row_values(penalties) == ["行政處罰", "34", "減21", "13"]
    assert _pos(document, penalties[2]) == ((64, 1), (64, 4))
    # zeros where a label cell belongs: one cell, as printed (line 158)
    zeros = [c for c in requests.cells() if c.text.value == "0 0 0 0 0 0 0 0"]
    assert len(zeros) == 1
    assert _pos(document, zeros[0]) == ((158, 1), (158, 16))
    # the mojibake label survives as a cell
    assert any("�" in c.text.value for c in active.cells())
    assert len(appeals.rows[-1]) == 15
    assert _pos(document, appeals.rows[-1][-1])[0] == (391, 1)


def test_seed_002_footer_and_bars_stay_paragraphs():
    document = _doc(seed("002"))
    assert len(document.tables()) == 3
    tail = document.blocks[-4:]
    assert all(isinstance(b, Paragraph) for b in tail)
    assert [document.source.position(b.span.start)[0] for b in tail] == [396, 397, 398, 399]
    assert tail[2].text.value.startswith("主办单位")


def test_corpus_029_bare_cells_closed_by_lone_bar():
    document = _doc(corpus("029.txt"))
    (active,) = document.tables()
    assert active.style == "cell-per-line"
    assert _row_values(active.rows[1]) == ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]
    assert _row_values(active.rows[3]) == ["规范性文件", "0", "0", "0"]
    assert _pos(document, active.rows[3][0]) == ((31, 1), (31, 6))


def test_corpus_024_rows_cut_where_a_label_follows_numbers():
    document = _doc(corpus("024.txt"))
    (active,) = document.tables()
    rows = [_row_values(r) for r in active.rows]
    assert ["行政规范性文件", "0", "0", "0"] in rows
    assert ["行政许可", "0"] in rows


# --- one cell per line, no pipes: seed 004, corpus 011 ----------------------------------


def test_seed_004_line_per_cell():
    document = _doc(seed("004"))
    active, requests, appeals = document.tables()
    assert {t.style for t in (active, requests, appeals)} == {"line-per-cell"}
    cells = list(appeals.cells())
    # a label wrapped onto two lines (結果 / 糾正) is one cell spanning both
    corrected = cells[3]
    assert corrected.text.value == "結果糾正"
    assert _pos(document, corrected) == ((546, 1), (547, 3))
    values = [c.text.value for c in cells[-15:]]
    assert values == ["0", "0", "1", "0", "1?", "2?", "0", "0", "0", "2", "0", "0", "0", "0", "0"]
    assert _pos(document, cells[-11]) == ((597, 1), (597, 3))
    # the narrative before table 四 and the heading after it are not cells
    assert not any("受理" in c.text.value for c in cells)
    assert not any("存在" in c.text.value for c in requests.cells())


def test_corpus_011_line_per_cell():
    document = _doc(corpus("011.txt"))
    active, requests = document.tables()
    assert active.rows[0][0].text.value == "第二十条第(一)项"
    assert _pos(document, active.rows[0][0]) == ((12, 1), (12, 10))
    labels = [c.text.value for c in requests.cells()]
    assert labels[:2] == ["(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)", "申请人情况"]
    received = labels.index("一、本年新收政府信息公开申请数量")
    assert labels[received + 1 : received + 8] == ["0"] * 7
    cell = list(requests.cells())[received]
    assert _pos(document, cell) == ((98, 1), (98, 17))
    # the section heading between the two tables stays outside both
    headings = [b for b in document.blocks if isinstance(b, Heading) and b.level == 1]
    assert [document.source.position(h.span.start)[0] for h in headings] == [4, 10, 72]


# --- PDF text: corpus 001, 003 -------------------------------------------------------------


def test_corpus_001_pdf_columns():
    document = _doc(corpus("001.txt"))
    active, requests, appeals = document.tables()
    assert {t.style for t in (active, requests, appeals)} == {"pdf-columns"}
    fees = active.rows[-1]
    assert _row_values(fees) == ["行政事业性收费", "7730.28"]
    assert _pos(document, fees[1]) == ((56, 9), (56, 16))
    rows = {r[0].text.compact.value: r for r in requests.rows}
    received = rows["一、本年新收政府信息公开申请数量"]
    assert _row_values(received)[1:] == ["21", "0", "0", "0", "0", "0", "21"]
    assert _pos(document, received[-1]) == ((75, 31), (75, 33))
    # 三 / 、 / 本 / 年 / … one character per line: one cell spanning lines 77–85
    assert "三、本年度办理结果" in rows
    group = rows["三、本年度办理结果"][0]
    assert _pos(document, group) == ((77, 1), (85, 2))
    # a label wrapped after an unclosed bracket is joined with its continuation
    partly = next(r for r in requests.rows if r[0].text.value.startswith("（二）部分公开"))
    assert partly[0].text.value.endswith("不计其他情形）")
    assert _row_values(partly)[1:] == ["4", "0", "0", "0", "0", "0", "4"]
    data = appeals.rows[-1]
    assert _row_values(data)[-15:] == "10 1 0 0 0 0 0 0 0 0 5 0 0 0 0".split()
    assert _pos(document, data[-15]) == ((132, 1), (132, 3))
    # page markers go to the furniture, never into blocks
    assert [document.source.position(b.span.start)[0] for b in document.furniture] == [2, 27, 50, 101, 143]
    assert not any(b.text.value.strip() in {"- 3 -", "- 4 -"} for b in document.blocks)


def test_corpus_003_pdf_numbers_on_their_own_line_join_the_label():
    document = _doc(corpus("003.txt"))
    requests = document.tables()[1]
    row = next(r for r in requests.rows if r[0].text.value.startswith("1、申请人无正当理由"))
    assert row[0].text.compact.value == "1、申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"
    assert _row_values(row)[1:] == ["67", "3", "0", "0", "1", "0", "71"]
    assert document.source.position(row[1].span.start) == (133, 1)


def test_narrative_is_not_swallowed_by_pdf_tables():
    document = _doc(corpus("003.txt"))
    for table in document.tables():
        for cell in table.cells():
            assert "。" not in cell.text.value
    section_5 = document.sections[4]
    assert section_5.tables() == []


# --- a report on one line --------------------------------------------------------------


def test_pingtan_one_line_is_split_at_inline_headings():
    document = _doc(corpus("pingtan-2023.txt"))
    headings = [b for b in document.blocks if isinstance(b, Heading) and b.level == 1]
    assert [h.text.value for h in headings] == [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ]
    for heading in headings:
        line, column = document.source.position(heading.span.start)
        assert line == 10 and column > 1
        assert document.source.text[heading.span.start : heading.span.end] == heading.text.value


def test_intro_list_of_sections_is_not_split():
    text = "本报告包括：一、总体情况；二、主动公开政府信息情况；三、收到和处理政府信息公开申请情况。" * 5
    document = read(Source("x.txt", text, format="text"))
    assert len(document.blocks) == 1


# --- negative and robustness -----------------------------------------------------------


def test_crlf_line_endings_give_the_same_cells():
    raw = seed("003").read_text(encoding="utf-8")
    crlf = raw.replace("\n", "\r\n")
    document = read(Source("crlf.txt", crlf, format="text"))
    annotate(document)
    requests = document.tables()[1]
    received = requests.rows[3]
    assert _row_values(received)[-1] == "100"
    assert document.source.position(received[1].span.start) == (34, 20)
    assert [s.ordinal for s in document.sections] == [1, 2, 3, 4, 5, 6]
    for block in document.blocks:
        if not isinstance(block, Table):
            assert "\r" not in crlf[block.span.start : block.span.end]
    for cell in requests.cells():
        assert "\r" not in cell.text.value


def test_a_line_with_pipes_in_spam_is_not_a_table():
    document = _doc(seed("004"))
    last = document.blocks[-1]
    assert isinstance(last, Paragraph)
    assert "<蜘蛛词>" in last.text.value


def test_plain_text_has_no_tables():
    text = "今天天气很好。\n\n我们去公园散步 | 然后回家。\n1 2 3\n"
    document = read(Source("x.txt", text, format="text"))
    assert document.tables() == []
    assert [b.text.value for b in document.blocks] == ["今天天气很好。", "我们去公园散步 | 然后回家。", "1 2 3"]


_ALPHABET = st.sampled_from(
    list("|| \n\n\t　0123456789.-一二三四五六、（）()#:：。，信息内容规章第二十条总计行政复议報告結果減增?")
    + ["\r\n", "- 3 -", "一、总体情况", "信息内容 |", "| a | 1 |", "第二十条第（一）项", "結果", "⼀"]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_ALPHABET, max_size=80).map("".join))
def test_read_and_annotate_never_raise(text):
    source = Source("fuzz.txt", text, format="text")
    document = read(source)
    annotate(document)
    looks_like_report(document)
    n = len(text)
    for block in list(document.blocks) + list(document.furniture):
        assert 0 <= block.span.start <= block.span.end <= n
        if isinstance(block, Table):
            for cell in block.cells():
                assert 0 <= cell.span.start <= cell.span.end <= n
    for section in document.sections:
        assert 0 <= section.span.start <= section.span.end <= n


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_read_never_raises_on_arbitrary_unicode(text):
    document = read(Source("fuzz.txt", text, format="text"))
    annotate(document)
    for block in document.blocks:
        assert 0 <= block.span.start <= block.span.end <= len(text)


# --- suppression comments inside tables ------------------------------------------------


def _with_directive_in_first_table(path, tmp_path, directive):
    """The file with ``directive`` on a line of its own before a middle row of its first table."""
    document = _doc(path)
    table = next(b for b in document.blocks if isinstance(b, Table))
    row = table.rows[len(table.rows) // 2]
    text = document.source.text
    at = text.rfind("\n", 0, row[0].span.start) + 1
    out = tmp_path / path.name
    out.write_text(text[:at] + directive + "\n" + text[at:], encoding="utf-8")
    return document, out


@pytest.mark.parametrize("name,style", [("seed:003", "pipe"), ("seed:000", "cell-per-line"),
                                        ("seed:004", "line-per-cell"), ("001.txt", "pdf-columns")])
@pytest.mark.parametrize("directive", ["# gxlint-disable GX201 -- 表格已核对", "<!-- gxlint-disable-next-line GX203 -->"])
def test_suppression_comment_inside_a_table_does_not_split_it(tmp_path, name, style, directive):
    path = seed(name[5:]) if name.startswith("seed:") else corpus(name)
    before, changed = _with_directive_in_first_table(path, tmp_path, directive)
    after = _doc(changed)
    tables_before = [b for b in before.blocks if isinstance(b, Table)]
    tables_after = [b for b in after.blocks if isinstance(b, Table)]
    assert tables_before[0].style == style
    assert [[_row_values(r) for r in t.rows] for t in tables_after] == [[_row_values(r) for r in t.rows] for t in tables_before]
    assert [t.style for t in tables_after] == [t.style for t in tables_before]
    # the comment is not report content
    assert not any("gxlint" in b.text.value for b in after.blocks if not isinstance(b, Table))
    assert not any("gxlint" in c.text.value for t in tables_after for r in t.rows for c in r)


def test_suppression_comment_inside_a_table_changes_no_finding(linter, tmp_path):
    from collections import Counter

    path = seed("003")
    _, changed = _with_directive_in_first_table(path, tmp_path, "# gxlint-disable GX201 -- 表格已核对")
    codes = lambda p: Counter(d.code for d in linter.lint_path(str(p)).diagnostics if d.code not in {"GX010", "GX011"})  # noqa: E731
    assert codes(changed) == codes(path)
    assert "GX109" not in codes(changed)
