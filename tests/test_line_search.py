"""The line prefilter (gxlint.analysis.line_search) never skips a line a rule would flag.

Three layers, each over real report lines and variations of them (full-width digits,
Traditional characters, zero-width characters, pipes, colons, chrome and spam words …):

* ``indexes(pattern)`` is a superset of the lines ``pattern.search`` matches, for the
  prefilter patterns the rules use and for generated patterns with anchors, lookarounds,
  word boundaries and classes that match the separator;
* each rule's own candidate set holds every line its exact per-line test passes;
* every rule that uses the prefilter gives the same findings as with a prefilter that
  passes every line (the rules' exact per-line checks alone, as before the prefilter).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gxlint.analysis import line_search as line_search_module
from gxlint.analysis.line_search import LineSearch, line_local
from gxlint.analysis.lines import Line
from gxlint.document import Text

from conftest import CORPUS, SEEDS

REPO = Path(__file__).resolve().parent.parent


def _real_lines() -> list[str]:
    paths = sorted(SEEDS.glob("*.txt")) + sorted(CORPUS.glob("*.txt"))[:20] + [
        REPO / "tests" / "fixtures" / "report-003.md", REPO / "docs" / "examples" / "wanbolin-2024.md"]
    out: list[str] = []
    for path in paths:
        if path.exists():
            out += path.read_text(encoding="utf-8", errors="replace").splitlines()
    return [line for line in dict.fromkeys(out) if len(line) <= 300]


REAL_LINES = _real_lines()

# What the prefilters key on, and what could trip them: chrome labels and buttons, footer
# markers, spam phrases, pinyin, page markers, placeholders, question marks, pipes and
# borders, Kangxi radicals, mojibake, full-width digits, Traditional characters, zero-width
# and other odd spaces, a capital sigma (the one letter whose lower case needs context).
INSERTS = [
    "发布时间：", "来源: ", "当前位置：", "首页 > ", "打印", "关闭窗口", "版权所有", "Copyright ©", "ICP备",
    "|", "｜", "| --- |", "+---+", "—", "- 3 -", "第 3 页", "3/12页", "第3页，共12页", "XX", "某某", "＿＿",
    "填写", "**", "****", "12?", "３？", "(bào)", "報(bào)告", "⼈", "⺠", "閲囪喘", "\ufffd", "１２３",
    "國務院", "報告", "辦理", "\u200b", "\u200c", "\ufeff", "\u3000", "\u00a0", "\t", "Σ", "ΑΣ", "σ",
    "beat365", "bet 365", "mobile365", "18禁", "十八禁止", "bbin", "<蜘蛛词>", "{关键词}", "澳门博彩",
    "棋牌", "彩票", "(", ")", "（", "）", "：", ":", "?", "？", "XX局", "20XX年", "202X年", "X月X日", "X件", "××",
    "ＸＸ", "（单位名称）", "【机关名称】", "(请填写)", "某某年", "___", "＿＿", "*****", "x", "×", "1024×768",
]


@st.composite
def line_lists(draw, max_lines: int = 12) -> list[str]:
    lines = draw(st.lists(st.sampled_from(REAL_LINES), min_size=1, max_size=max_lines))
    out = []
    for line in lines:
        for _ in range(draw(st.integers(0, 2))):
            at = draw(st.integers(0, len(line)))
            line = line[:at] + draw(st.sampled_from(INSERTS)) + line[at:]
        if draw(st.booleans()) and line:
            # a small random edit: a character dropped or doubled
            at = draw(st.integers(0, len(line) - 1))
            line = line[:at] + (line[at] * 2 if draw(st.booleans()) else "") + line[at + 1 :]
        out.append(line)
    if draw(st.integers(0, 4)) == 0:
        out.insert(draw(st.integers(0, len(out))), draw(st.sampled_from(["", "   ", "\u3000"])))
    return out


def _lines(strings: list[str]) -> list[Line]:
    source = "\n".join(strings)
    out, at = [], 0
    for k, s in enumerate(strings):
        out.append(Line(Text.from_source(source, at, at + len(s)), k))
        at += len(s) + 1
    return out


def _exact(search: LineSearch, pattern, view: str) -> list[int]:
    return [k for k, s in enumerate(search.strings(view)) if pattern.search(s)]


def _rule_patterns() -> list[tuple[object, str]]:
    from gxlint.normalize import PINYIN_ANNOTATION, PINYIN_SIGN
    from importlib import import_module

    from gxlint_plugins.contamination import chrome, spam, traditional
    from gxlint_plugins import placeholders

    pdf_residue = import_module("gxlint_plugins.contamination.pdf_residue")  # the package names its rule so

    lex = chrome.chrome_lexicon()
    spam_lex = spam.spam_lexicon()
    pats = [(lex["may_be_field"], "norm_lower"), (lex["may_be_chrome"], "norm_lower"), (chrome._COLON, "norm_lower"),
            (PINYIN_ANNOTATION, "raw"), (PINYIN_SIGN, "raw"), (pdf_residue._KANGXI, "raw"), (pdf_residue._MARKER_SIGN, "raw"),
            (traditional._traditional_re(), "raw")]
    pats += [(p, "raw") for p in placeholders._PLACEHOLDER_SIGN_PARTS]
    pats += [(p, "norm_lower") for p in spam_lex.prefilter + spam_lex.unsafe + spam_lex.strong + spam_lex.weak]
    return pats


# Patterns with what makes a joined-text search differ from a per-line one: anchors,
# negative and positive lookarounds at the line's ends, \b and \B, classes and \s that match
# the separator, backreferences and atomic groups (searched line by line instead).
TRICKY = [
    r"^发布", r"报告$", r"\A\d", r"\d\Z", r"(?<![a-z0-9])bet\s?365", r"18禁(?!止)", r"(?!\s)$", r"^(?<!\s)",
    r"(?<=\s)报告", r"报告(?=\s)", r"\bbbin\b", r"\B365", r"[^a]{3}", r"\s+", r".", r"[\s|]+$",
    r"(?m)^\s*$", r"(?m)^[|｜+\-— ]*$", r"(\w)\1", r"(?>a+)b", r"a*+b", r"x?", r"(?i)^ICP", r"(?s).{2}$",
    r"(?:^|(?<=[\s|]))来源\s*[:：]", r"[-－—–]{1,2}\s*\d{1,4}\s*[-－—–]{1,2}$", r"(?<!\*)\*{4,}(?!\*)",
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(line_lists(), st.sampled_from(TRICKY), st.sampled_from(["raw", "norm", "norm_lower"]))
def test_indexes_is_a_superset_for_tricky_patterns(strings, source, view):
    pattern = re.compile(source)
    search = LineSearch(_lines(strings))
    found = search.indexes(pattern, view)
    assert found == sorted(set(found))
    assert set(_exact(search, pattern, view)) <= set(found)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(line_lists())
def test_indexes_is_a_superset_for_the_rules_patterns(strings):
    search = LineSearch(_lines(strings))
    for pattern, view in _rule_patterns():
        assert set(_exact(search, pattern, view)) <= set(search.indexes(pattern, view)), pattern.pattern


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(line_lists(), st.text(alphabet="报告?|Σ\ufffd國1", min_size=1, max_size=3))
def test_indexes_with_is_exact(strings, chars):
    search = LineSearch(_lines(strings))
    for view in ("raw", "norm", "norm_lower"):
        assert search.indexes_with(chars, view) == [k for k, s in enumerate(search.strings(view))
                                                      if any(c in s for c in chars)]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(line_lists(), st.sampled_from(["[＿_某*＊]", "[:：]", "[-－—–页/]", "[?|國\ufffd]", "[报]"]))
def test_a_class_of_plain_characters_is_found_exactly(strings, source):
    # found with str.find, not a regex scan: the same lines as searching each one
    pattern = re.compile(source)
    assert line_search_module.literal_class(pattern) is not None
    search = LineSearch(_lines(strings))
    for view in ("raw", "norm", "norm_lower"):
        assert search.indexes(pattern, view) == _exact(search, pattern, view), source


def test_only_a_class_of_a_few_plain_characters_is_found_with_find():
    literal_class = line_search_module.literal_class
    assert literal_class(re.compile("[-－—–页/]")) == "-－—–页/"
    for source in ("[a-z]", "[^ab]", "[\\d]", "[ab]+", "[Xx][ab]", "[ab-]", "[]a]", "[abcdefgh]"):
        assert literal_class(re.compile(source)) is None, source
    assert literal_class(re.compile("[ab]", re.IGNORECASE)) is None


def test_views_are_the_lines_strings():
    strings = ["ΑΣ ΣΑ", "İstanbul ICP备", "", "第３页", "報告\u200b"]
    search = LineSearch(_lines(strings))
    lines = search.lines
    assert search.strings("raw") == [line.value for line in lines]
    assert search.strings("norm") == [line.norm.value for line in lines]
    assert search.strings("norm_lower") == [line.norm.value.lower() for line in lines]
    assert search.view("norm_lower").text == "\n".join(line.norm.value.lower() for line in lines)
    for view in ("raw", "norm", "norm_lower"):
        assert [search.string(k, view) for k in range(len(lines))] == search.strings(view)


def test_what_is_searched_line_by_line():
    # relaxed: anchors and negative lookarounds dropped, positive ones kept
    assert line_local(re.compile(r"^a(?<!b)c(?!d)$")).pattern == "ac"
    assert line_local(re.compile(r"(?<=a)b\b")).pattern == r"(?<=a)b"
    # not relaxed: a backreference, an atomic group, a possessive quantifier, a quantified
    # lookaround, verbose syntax, a comment
    for source in (r"(a)\1", r"(?>ab)", r"a++", r"a(?!b)*", r"(?x) a # b", r"a(?#c)b"):
        assert line_local(re.compile(source)) is None, source


# --- each rule's candidates hold every line its exact test passes -------------------------------


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(line_lists())
def test_chrome_candidates_hold_every_chrome_line(strings):
    from gxlint_plugins.contamination import chrome

    class Ctx:  # what _candidates reads
        def __init__(self, lines):
            self.lines = lines
            self.document = type("D", (), {"cache": {}})()

    ctx = Ctx(_lines(strings))
    candidates = chrome._candidates(ctx)
    for k, line in enumerate(ctx.lines):
        value = line.norm.value
        if chrome.header_chrome(value) or chrome.footer_chrome(value):
            assert k in candidates, value


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(line_lists())
def test_placeholder_signs_hold_every_placeholder_line(strings):
    from gxlint_plugins import placeholders

    for line in strings:
        if placeholders.PLACEHOLDER.search(line):
            assert any(p.search(line) for p in placeholders._PLACEHOLDER_SIGN_PARTS), line


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(line_lists(), st.text(alphabet="報告(bàoxa)（）龘\n", max_size=8))
def test_pinyin_sign_finds_the_lines_of_the_annotations(strings, extra):
    """GX505 takes its candidate lines from PINYIN_SIGN (a search from the "("): exactly
    the lines PINYIN_ANNOTATION finds, line by line and in the joined text."""
    from gxlint.normalize import PINYIN_ANNOTATION, PINYIN_SIGN

    strings = strings + extra.split("\n")
    for line in strings:
        assert bool(PINYIN_SIGN.search(line)) == bool(PINYIN_ANNOTATION.search(line)), line
    search = LineSearch(_lines(strings))
    assert search.indexes(PINYIN_SIGN, "raw") == search.indexes(PINYIN_ANNOTATION, "raw")


def test_pinyin_sign_on_real_lines():
    from gxlint.normalize import PINYIN_ANNOTATION, PINYIN_SIGN

    annotated = [line for line in REAL_LINES if PINYIN_ANNOTATION.search(line)]
    assert annotated  # the seeds hold leaked annotations
    for line in REAL_LINES:
        assert bool(PINYIN_SIGN.search(line)) == bool(PINYIN_ANNOTATION.search(line)), line


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(line_lists(), st.text(alphabet="閲囪喘國報\ufffd采购龘", max_size=6))
def test_garbled_sign_holds_every_line_may_be_garbled_passes(strings, extra):
    from gxlint.analysis.mojibake import garbled_sign, may_be_garbled, rare_han

    strings = strings + [extra]
    rare = rare_han("\n".join(strings))
    for line in strings:
        if may_be_garbled(line, rare):
            assert garbled_sign().search(line), line


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(line_lists())
def test_spam_candidates_hold_every_spam_line(strings):
    from gxlint_plugins.contamination import spam

    class Ctx:
        def __init__(self, lines):
            self.lines = lines
            self.document = type("D", (), {"cache": {}})()

    ctx = Ctx(_lines(strings))
    lexicon = spam.spam_lexicon()
    found = spam.spam_line_indexes(ctx, lexicon)
    for k, line in enumerate(ctx.lines):
        if spam.spam_hits(line.norm.value, lexicon):
            assert k in found, line.norm.value


# --- the rules' findings are those of their exact per-line checks alone ---------------------------


class _EveryLine(LineSearch):
    """A prefilter that passes every line: the rules run their exact checks on each."""

    def indexes(self, pattern, view="raw"):
        return list(range(len(self.lines)))

    def indexes_with(self, chars, view="raw"):
        return list(range(len(self.lines)))


PREFILTERED = ("GX501", "GX502", "GX503", "GX505", "GX506", "GX507", "GX508", "GX509", "GX303")


def _findings(linter, text, fmt):
    result = linter.lint_text(text, "report." + ("md" if fmt == "markdown" else "txt"), format=fmt)
    return [(d.code, d.line, d.column, d.end_line, d.end_column, tuple(sorted(d.args.items())),
             d.fix and (d.fix.safe, tuple(d.fix.edits)))
            for d in result.diagnostics if d.code in PREFILTERED or d.code.startswith("GX9")]


@pytest.fixture(scope="module")
def head_lines() -> list[str]:
    # a real report's opening (title, agency, sections) keeps the variations reports
    text = (SEEDS / "003_d63969c0f6426144.txt").read_text(encoding="utf-8")
    return text.splitlines()[:40]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(line_lists(max_lines=25), st.sampled_from(["text", "markdown"]), st.integers(0, 40))
def test_rules_find_the_same_with_and_without_the_prefilter(linter, head_lines, monkeypatch, strings, fmt, at):
    text = "\n".join(head_lines[:at] + strings + head_lines[at:]) + "\n"
    with_prefilter = _findings(linter, text, fmt)
    monkeypatch.setattr(line_search_module, "LineSearch", _EveryLine)
    try:
        without = _findings(linter, text, fmt)
    finally:
        monkeypatch.undo()
    assert with_prefilter == without


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")) + sorted(CORPUS.glob("*.txt"))[:12]
                         + sorted((CORPUS / "html").glob("*.htm*"))[:6], ids=lambda p: p.name)
def test_real_reports_same_findings_without_the_prefilter(linter, monkeypatch, path):
    def findings():
        result = linter.lint_path(str(path))
        return [(d.code, d.line, d.column, tuple(sorted(d.args.items())), d.fix and tuple(d.fix.edits))
                for d in result.diagnostics if d.code in PREFILTERED or d.code.startswith("GX9")]

    with_prefilter = findings()
    monkeypatch.setattr(line_search_module, "LineSearch", _EveryLine)
    assert findings() == with_prefilter


# --- GX501/GX502's blocks: reading only around the candidates gives the blocks of reading every line


def _reference_chrome_groups(lines, fmt):
    """The chrome blocks as read before the prefilter: every line in order, one state machine."""
    from gxlint_plugins.contamination import chrome

    kinds, labels = [], []
    location, previous = False, None
    for unit in lines:
        value = unit.norm.value if not unit.blank else ""
        kind, found = None, []
        if not value.strip():
            kind = "blank"
        elif chrome.is_border(value):
            kind = "border"
        else:
            header = None if unit.in_table and fmt == "html" else chrome.header_chrome(value)
            if header:
                kind, found = "header", header
            elif location and chrome.is_breadcrumb_continuation(value):
                kind, found = "header", []
            elif previous == "header" and chrome.is_header_continuation(value):
                kind, found = "header", []
            else:
                footer = chrome.footer_chrome(value)
                if footer:
                    kind, found = "footer", footer
        if kind == "header":
            location = location or bool(set(found) & (chrome._LOCATION_LABELS | {"首页 >"}))
        elif kind != "blank":
            location = False
        if kind != "blank":
            previous = kind
        kinds.append(kind)
        labels.append(found)
    groups, current, pending = [], None, []
    for unit, kind, found in zip(lines, kinds, labels):
        if kind == "blank":
            continue
        if kind == "border":
            pending.append(unit.index)
            continue
        if kind in ("header", "footer"):
            if current is not None and current[0] == kind and (kind == "footer" or not pending):
                current[1].append(unit.index)
                current[2].extend(pending)
            else:
                current = (kind, [unit.index], list(pending) if kind == "footer" else [], [])
                groups.append(current)
            current[3].extend(label for label in found if label not in current[3])
            pending = []
            continue
        if current is not None and current[0] == "footer":
            current[2].extend(pending)
        current, pending = None, []
    if current is not None and current[0] == "footer":
        current[2].extend(pending)
    out = []
    for kind, units, borders, found in groups:
        prefix = None
        if kind == "header":
            k = units[0] - 1
            while k >= 0 and kinds[k] == "blank":
                k -= 1
            if k >= 0 and kinds[k] is None:
                length = chrome.title_prefix_length(lines[k].value)
                if length:
                    prefix = (k, length)
                    found = [lines[k].value[:length].strip().rstrip(":：").strip()] + found
        out.append((kind, units, borders, found, prefix))
    return out


CHROME_LINES = ["发布时间：2024-01-15 来源：本站", "当前位置：首页 > 政务公开 > 年度报告", "> 政务公开", "打印 | 关闭",
                "| --- | --- |", "+------+", "", "版权所有：某某市人民政府 ICP备12345号", "技术支持：某公司",
                "页面链接详见 http://x", "标题：某某区2024年政府信息公开工作年度报告", "字号：大 中 小", "｜｜"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(CHROME_LINES), st.sampled_from(REAL_LINES)), min_size=1, max_size=30))
def test_chrome_groups_are_those_of_reading_every_line(strings):
    from gxlint_plugins.contamination import chrome

    class Ctx:
        def __init__(self, lines):
            self.lines = lines
            self.document = type("D", (), {"cache": {}, "format": "text"})()

    ctx = Ctx(_lines(strings))
    got = [(g.kind, [u.index for u in g.units], [u.index for u in g.borders], g.labels,
            (g.prefix[0].index, g.prefix[1]) if g.prefix else None) for g in chrome.chrome_groups(ctx)]
    assert got == _reference_chrome_groups(ctx.lines, "text")


# --- a file's lines: the views made from its text at once ------------------------------------


@pytest.mark.parametrize("crlf", [False, True])
def test_a_files_views_are_those_of_its_lines_one_by_one(crlf):
    """``LineSearch`` over ``source_lines`` takes the source text as the raw view and folds it
    whole for the normalised one; over a plain list of the same lines it joins each line's
    strings (the general path).  Both give the same views, on every vendored text and page
    and on variations with Traditional characters, pinyin and full-width forms."""
    from gxlint.analysis.lines import source_lines
    from gxlint.document import Source
    from gxlint.readers import markdown as markdown_reader
    from gxlint.readers import text as text_reader

    paths = sorted(SEEDS.glob("*.txt")) + sorted(CORPUS.glob("*.txt")) + [
        REPO / "tests" / "fixtures" / "report-003.md", REPO / "docs" / "examples" / "wanbolin-2024.md"]
    for path in paths:
        base = path.read_text(encoding="utf-8", errors="replace")
        for text in (base, base.replace("。", "。報(bào)告", 1), base.replace("，", "，國", 1), base + "\n"):
            if crlf:
                text = text.replace("\r\n", "\n").replace("\n", "\r\n")
            reader = markdown_reader if path.suffix == ".md" else text_reader
            document = reader.read(Source(path.name, text, format="markdown" if path.suffix == ".md" else "text"))
            lines = source_lines(document)
            fast, general = LineSearch(lines), LineSearch(list(lines))
            for view in ("raw", "norm", "norm_lower"):
                assert fast.view(view).text == general.view(view).text, (path, view)
                assert list(fast.view(view).starts) == list(general.view(view).starts), (path, view)
            assert fast.strings("norm") == [line.norm.value for line in lines]
            assert (fast.view("raw").text is text) == ("\r" not in text)  # the source's own string


@pytest.mark.parametrize("crlf", [False, True])
def test_a_files_lines_are_made_when_asked_for_and_then_kept(crlf):
    """A text file's lines (issue 8): none is made by searching them, each is one object
    however it is reached (index, negative index, slice, iteration), and what is told
    without making them (strings, verbatim starts, the scans' indexes) is what the made
    lines tell."""
    from gxlint.analysis.lines import line_strings, source_lines
    from gxlint.document import Source
    from gxlint.readers import text as text_reader

    text = next(SEEDS.glob("*.txt")).read_text(encoding="utf-8")
    if crlf:
        text = text.replace("\r\n", "\n").replace("\n", "\r\n")
    document = text_reader.read(Source("t.txt", text, format="text"))
    lines = source_lines(document)
    search = LineSearch(lines)
    found = search.indexes(re.compile("申请"), "raw") + search.indexes(re.compile("公开"), "norm_lower")
    starts = [search.verbatim_start(k) for k in range(len(lines))]
    strings = list(line_strings(lines))
    assert found and all(lines.made(k) is None for k in range(len(lines)))  # none made
    assert strings == [raw[:-1] if raw.endswith("\r") else raw for raw in text.split("\n")]
    line = lines[5]
    assert lines[5] is line and lines[5 - len(lines)] is line and lines[3:7][2] is line
    assert list(lines)[5] is line and lines.index(line) == 5 and line in lines
    assert [unit.value for unit in lines] == strings
    assert starts == [unit.text.verbatim_start() for unit in lines]
    assert search.indexes(re.compile("申请"), "raw") == [k for k, unit in enumerate(lines) if "申请" in unit.value]
    with pytest.raises(IndexError):
        lines[len(lines)]


def test_lower_casing_in_pieces_is_lower_casing():
    """The norm_lower view is lowered a piece at a time (str.lower's buffer is 12 bytes a
    character): the same string, capitals at and across the pieces' edges; and the text
    itself, not a copy, when nothing in it lowers."""
    piece = line_search_module._LOWER_PIECE
    text = ("报告ABCİ" * (3 * piece // 5))[: 3 * piece + 7]
    for at in (0, piece - 1, piece, piece + 1, 2 * piece, len(text) - 1):
        changed = text[:at] + "Ｑ" + text[at + 1:]
        assert line_search_module._lower_in_pieces(changed) == changed.lower()
    plain = "报告abc" * piece
    assert line_search_module._lower_in_pieces(plain) is plain


def _class_end_by_characters(source: str, i: int) -> int:
    """The character loop _class_end replaced (the reference it must agree with)."""
    n = len(source)
    j = i + 1
    if j < n and source[j] == "^":
        j += 1
    if j < n and source[j] == "]":
        j += 1
    while j < n:
        c = source[j]
        if c == "\\":
            j += 2
            continue
        if c == "]":
            return j + 1
        j += 1
    return -1


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="[]^\\:a\n-", max_size=12))
def test_class_end_agrees_with_the_character_loop(rest):
    source = "[" + rest
    assert line_search_module._class_end(source, 0) == _class_end_by_characters(source, 0)


# --- a pattern tried only where one of its first characters stands --------------------------


def test_a_patterns_first_characters_are_read_off_its_parse():
    first = line_search_module.first_characters
    assert first(re.compile(r"(?:beat|bet|be)\s?365", re.IGNORECASE)) == "Bb"
    assert first(re.compile(r"[<{〈《\[【]\s*(?:蜘蛛词|文本链)")) == "<[{〈《【"
    assert first(re.compile(r"(?<=[一-龥])\([a-z]{1,6}\)")) == "("  # past a lookbehind
    assert first(re.compile(r"填写|名称|年份")) == "名填年"
    assert first(re.compile(r"(?:ab)+c|[x-z]")) == "axyz"
    assert first(re.compile(r"sik", re.IGNORECASE)) == "Ss\u017f"
    assert first(re.compile(r"[ik]", re.IGNORECASE)) == "IKik\u0130\u0131\u212a"
    # no small set: a repeat that may be empty, an empty alternative, a wide range, a
    # category, a negation, any character, an inline flag, a cased letter beyond ASCII
    for source, flags in ((r"a*b", 0), (r"(?:a|)b", 0), (r"[一-龥]", 0), (r"\d", 0), (r"[^a]", 0), (r".", 0),
                          (r"(?i:a)", 0), (r"σ", re.IGNORECASE), (r"abcdefghi|b|c|d|e|f|g|h|i", 0), (r"(?=a)", 0)):
        assert first(re.compile(source, flags)) is None, source


def test_ignorecase_matches_an_ascii_letter_with_its_cases_and_the_listed_partners_only():
    every = "".join(map(chr, range(0x110000))).replace("\n", "").encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    for letter in "abcdefghijklmnopqrstuvwxyz":
        found = set(re.findall(letter, every, re.IGNORECASE))
        assert found == {letter, letter.upper(), *line_search_module._IGNORECASE_PARTNERS.get(letter, "")}, letter


FIRST_CHARACTER_PATTERNS = [
    (r"(?<![a-z0-9])(?:beat|bet|be)\s?365", re.IGNORECASE), (r"\bbbin\b", re.IGNORECASE), (r"[<{〈《\[【]\s*(?:蜘蛛词|关键词)", 0),
    (r"[Xx×Ｘ][Xx×Ｘ年月日件条个项次人]", 0), (r"填写|名称|数字|数量|年份|日期", 0), (r"\((?<=[\u3400-\u9fff]\()[a-z]{1,6}\)", 0),
    (r"报告(?=\s)", 0), (r"(?<=\s)报告", 0), (r"[报告]\s*[:：]", 0), (r"(?:发布|来源)\s*[:：]?$", 0), (r"x\n?y", 0),
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(line_lists(), st.sampled_from(FIRST_CHARACTER_PATTERNS), st.sampled_from(["raw", "norm", "norm_lower"]))
def test_a_pattern_tried_at_its_first_characters_finds_the_lines_a_search_finds(strings, pattern, view):
    pattern = re.compile(*pattern)
    search = LineSearch(_lines(strings))
    local = line_local(pattern)
    chars = line_search_module.first_characters(local)
    assert chars is not None
    joined = search.view(view)
    assert (LineSearch._first_character_scan(chars, local.match, joined, search.lines)
            == LineSearch._joined_scan(local.search, joined, search.lines))
    assert set(_exact(search, pattern, view)) <= set(search.indexes(pattern, view))


def test_ignorecase_matches_a_character_without_case_only_with_itself():
    # first_characters keeps such a character as it is under IGNORECASE: no other code
    # point lowers (or uppers) to it, so the regex engine matches it with itself alone
    uncased = set()
    for cp in range(0x110000):
        ch = chr(cp)
        if ch.lower() == ch == ch.upper():
            uncased.add(ch)
    for cp in range(0x110000):
        ch = chr(cp)
        for other in (ch.lower(), ch.upper()):
            assert not (other != ch and other in uncased), (hex(cp), other)


# --- a pattern not searched where its view holds none of the strings every match contains ------------


def test_the_strings_every_match_holds_are_read_off_the_parse():
    required = line_search_module.required_strings
    assert required(re.compile(r"18禁(?!止)")) == (("18禁",), False)
    assert required(re.compile(r"(?<![a-z0-9])(?:beat|bet|be)\s?365", re.IGNORECASE)) == (("365",), False)
    assert required(re.compile(r"[<{]\s*(?:关键词|标题)\d*\s*[>}]")) == (("关键词", "标题"), False)
    assert required(re.compile(r"\bbbin\b", re.IGNORECASE)) == (("bbin",), True)  # (in lower case: cased)
    assert required(re.compile(r"[:：]")) == ((":", "："), False)
    assert required(re.compile(r"a(?:bc)+d")) == (("bc",), False)
    # nothing known: a repeat that may be empty, an empty alternative, a wide class, an
    # inline flag, a cased letter beyond ASCII under IGNORECASE, a class of cased letters
    for source, flags in ((r"(?:ab)*", 0), (r"ab|", 0), (r"[一-龥]", 0), (r"(?i:ab)", 0), (r"σ", re.IGNORECASE),
                          (r"[ab]", re.IGNORECASE), (r"\d+", 0), (r"abcdefghi|b|c|d|e|f|g|h|i", 0)):
        assert required(re.compile(source, flags)) is None, source


def test_a_cased_required_string_tells_only_a_lower_cased_text_without_partners():
    cannot_match = line_search_module.cannot_match
    pattern = re.compile(r"(?<![a-z0-9])mobile\s?365", re.IGNORECASE)
    assert cannot_match(pattern, "报告 mobil 365", lowered=True)
    assert not cannot_match(pattern, "报告 mobile 365", lowered=True)
    assert not cannot_match(pattern, "MOBILE 365", lowered=False)  # (no test of a text with capitals)
    # a dotless i (or a long s, a Kelvin sign, a dotted capital I) matches a letter under IGNORECASE
    assert pattern.search("mobıle365") and not cannot_match(pattern, "mobıle365", lowered=True)
    assert not cannot_match(re.compile("bus", re.IGNORECASE), "buſ", lowered=True)
    assert cannot_match(re.compile("18禁"), "十八禁", lowered=False)


def test_a_view_tells_whether_it_holds_a_partner_character_once(monkeypatch):
    # each pattern with a cased required string asks; the view keeps the answer
    calls = []
    real = line_search_module.holds_partners
    monkeypatch.setattr(line_search_module, "holds_partners", lambda text: calls.append(text) or real(text))
    search = LineSearch(_lines(["报告 mobıle 365", "bbin 网站"]))
    assert search.indexes(re.compile(r"(?<![a-z0-9])mobile\s?365", re.IGNORECASE), "norm_lower") == [0]
    assert search.indexes(re.compile(r"\bbbin\b", re.IGNORECASE), "norm_lower") == [1]
    assert len(calls) == 1
    assert line_search_module.holds_partners("buſ") and not line_search_module.holds_partners("bus BUS")


CANNOT_MATCH_PATTERNS = TRICKY + [source for source, _ in FIRST_CHARACTER_PATTERNS] + [
    r"(?i)mobile\s?365", r"(?i)\bbbin\b", r"(?i)sik", r"(?i)ICP备", r"填写|名称|数字", r"a(?:bc)+d", r"(?:x|y)z{2}",
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(line_lists(), st.sampled_from(CANNOT_MATCH_PATTERNS + ["(?i)" + s for s in CANNOT_MATCH_PATTERNS
                                                              if not s.startswith("(?")]),
       st.sampled_from(["raw", "norm", "norm_lower"]), st.sampled_from(["", "ſ", "ı", "K", "İ", "MOBILE365"]))
def test_a_view_without_the_required_strings_holds_no_match(strings, source, view, extra):
    pattern = re.compile(source)
    search = LineSearch(_lines(strings + [extra]))
    text = search.view(view).text
    if line_search_module.cannot_match(pattern, text, view == "norm_lower"):
        assert _exact(search, pattern, view) == []
    assert set(_exact(search, pattern, view)) <= set(search.indexes(pattern, view))


def test_a_few_plain_words_are_found_exactly_with_find():
    words = line_search_module.literal_words
    assert words(re.compile("填写|名称|年份")) == ("填写", "名称", "年份")
    assert words(re.compile(r"a\.b|c\-d")) == ("a.b", "c-d")
    for source, flags in (("ab|", 0), ("a+|b", 0), ("ab", re.IGNORECASE), (r"a\|b", 0), ("[ab]", 0), ("a|b|c|d|e|f|g|h|i", 0)):
        assert words(re.compile(source, flags)) is None, source


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(line_lists(), st.sampled_from(["填写|名称|数字|数量|年份|日期", "报告", r"X|\*\*|某某", "发布时间|来源"]))
def test_plain_words_are_found_in_exactly_the_lines_holding_them(strings, source):
    pattern = re.compile(source)
    search = LineSearch(_lines(strings))
    for view in ("raw", "norm", "norm_lower"):
        assert search.indexes(pattern, view) == _exact(search, pattern, view), source


def test_the_required_strings_kept_with_a_pattern_are_checked_before_use():
    import marshal

    valid = line_search_module._is_required_strings
    for source, flags in ((r"18禁(?!止)", 0), (r"\bbbin\b", re.IGNORECASE), (r"[一-龥]", 0)):
        value = line_search_module._parsed_required_strings(source, flags)
        assert valid(value) and marshal.loads(marshal.dumps(value)) == value
    for damaged in ((("",), False), ((), False), (("a",), 1), (["a"], False), ("a", False), (("a",) * 9, False), "a"):
        assert not valid(damaged), damaged
    assert line_search_module._required_strings_name().startswith("required-strings-")


def _annotations_by_match(line: str, lenient: bool):
    """What GX505 took from each line before it read the annotations off PINYIN_SIGN.split:
    the verified matches of PINYIN_ANNOTATION, their spans and the one edit of the line."""
    from gxlint_plugins.contamination.pinyin import _is_annotation
    from gxlint.normalize import PINYIN_ANNOTATION

    matches = [m for m in PINYIN_ANNOTATION.finditer(line) if _is_annotation(m[1], m[2], lenient)]
    if not matches:
        return None
    pieces = []
    first = last = matches[0].start(2) - 1
    for m in matches:
        pieces.append(line[last:m.start(2) - 1])
        last = m.end()
    return [m.span() for m in matches], (first, last, "".join(pieces))


def _annotations_by_split(line: str, lenient: bool):
    from gxlint_plugins.contamination.pinyin import _line_annotations

    found = _line_annotations(line, lenient)
    if found is None:
        return None
    spans = list(found.spans())
    assert found.count() == len(spans) and found.first() == spans[0] and found.last() == spans[-1]
    return spans, found.removed()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet="報告查國(bàoxafú)（）龘 zhā\u3400", max_size=40), st.booleans())
def test_pinyin_annotations_read_off_the_split_are_the_matches(line, lenient):
    """GX505 reads a line's annotations (where each is, which are verified, the line's one
    edit) off PINYIN_SIGN.split: the same as the verified matches of PINYIN_ANNOTATION."""
    assert _annotations_by_split(line, lenient) == _annotations_by_match(line, lenient)


def test_pinyin_annotations_read_off_the_split_on_real_lines():
    checked = 0
    for line in REAL_LINES:
        for lenient in (False, True):
            expected = _annotations_by_match(line, lenient)
            assert _annotations_by_split(line, lenient) == expected, line
            checked += expected is not None
    assert checked


def test_a_released_view_is_made_again_when_asked_for():
    search = LineSearch(_lines(["報告 ICP备", "第３页", "國務院"]))
    icp = re.compile("icp")
    lower, simplified = search.view("norm_lower").text, search.view("simplified").text
    found = search.indexes(icp, "norm_lower")
    search.release("norm_lower")
    search.release("simplified")
    search.release("raw")  # (a file's raw view is its source: kept)
    assert set(search._views) == {"raw"}
    assert search.indexes(icp, "norm_lower") == found == [0]  # the answers stay
    assert "norm_lower" not in search._views
    assert search.view("norm_lower").text == lower and search.view("simplified").text == simplified
    with pytest.raises(ValueError):
        search.release("lower")


@pytest.mark.parametrize("path", [SEEDS / "004_71c8ded71e417266.txt", REPO / "tests" / "fixtures" / "documents" / "seed-004.html"])
def test_the_derived_views_are_not_held_to_the_end_of_a_lint(linter, path):
    """Their last readers (GX503 the lower-cased view, GX508 the Simplified one) release
    them: a big input's lint peaks at its end, with every finding held."""
    result = linter.lint_bytes(path.read_bytes(), path.name)
    codes = {d.code for d in result.diagnostics}
    assert {"GX501", "GX508"} <= codes  # (both views were read)
    search = result.document.cache[line_search_module._KEY]
    assert set(search._views) == {"raw"}
    if path.suffix == ".html":  # the page furniture's lines, searched for spam
        assert set(result.document.cache[line_search_module._KEY + ".furniture"]._views) <= {"raw"}
    assert search.view("simplified").text != search.view("raw").text  # (made again)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(line_lists(), st.sampled_from(TRICKY + [r"(?i)icp备", r"(?i)bbin|mobile", r"备(\d)\1"]),
       st.sampled_from(["raw", "norm", "norm_lower"]))
def test_the_lines_holding_a_required_string_searched_are_the_lines_it_matches(strings, source, view):
    """A pattern whose required strings the text holds in few places: the lines holding
    one, each searched (exact), whatever the text's length (the cost bound lifted)."""
    pattern = re.compile(source)
    search = LineSearch(_lines(strings))
    saved = line_search_module._HOLDING_COST
    line_search_module._HOLDING_COST = 1 / max(1, len(search.lines))  # (no bound: a line a character)
    try:
        found = search._holding_scan(pattern, view, search.view(view))
    finally:
        line_search_module._HOLDING_COST = saved
    required = line_search_module.required_strings(pattern)
    if required is not None and not (required[1] and view != "norm_lower"):
        if not (required[1] and search.view(view).holds_partners()):
            assert found == _exact(search, pattern, view), source
            return
    assert found is None


def test_a_rare_required_string_is_found_and_its_lines_searched():
    # "18禁" stands on two lines of a long text (a "1" on each line): the line whose 禁
    # is 禁止 is not one the pattern matches, though the joined scan's relaxed pattern
    # (the lookahead dropped) matches it
    strings = [f"第{k}条 规定的 1 项内容和 {k + 1} 件申请。" for k in range(300)] + ["18禁止", "18禁"]
    search = LineSearch(_lines(strings))
    pattern = re.compile(r"18禁(?!止)")
    assert search.indexes(pattern, "norm_lower") == [301]
    assert line_local(pattern).pattern == "18禁"  # (what a scan of the joined text searches)


def test_a_traditional_texts_lines_to_convert_are_counted_once(monkeypatch):
    """The normalised view finds that many lines may change (more than one in sixteen) and
    makes the Simplified view for it, which does not count them again."""
    from gxlint import normalize
    from gxlint.analysis.lines import source_lines
    from gxlint.document import Source
    from gxlint.readers import text as text_reader

    text = (SEEDS / "000_cd86ef68ae49d8b5.txt").read_text(encoding="utf-8")
    lines = source_lines(text_reader.read(Source("t.txt", text, format="text")))
    counted = []
    real = normalize._lines_needing_more
    monkeypatch.setattr(normalize, "_lines_needing_more", lambda *a, **k: counted.append(a) or real(*a, **k))
    search = LineSearch(lines)
    assert search.strings("norm") == [line.norm.value for line in lines]
    assert len(counted) == 1 and real(*counted[0]) is None  # (many lines)
    assert search.view("simplified").text == "\n".join(normalize.to_simplified(line.value) for line in lines)


def _literal_words_by_sub(source: str) -> tuple[str, ...] | None:
    """_literal_words as it was written first: every escape undone by a regex sub."""
    words = []
    for piece in source.split("|"):
        word = re.sub(r"\\(.)", r"\1", piece, flags=re.DOTALL)
        if not word or re.escape(word) != piece or "\n" in word:
            return None
        words.append(word)
    return tuple(words) if len(words) <= line_search_module._MAX_REQUIRED else None


@settings(max_examples=400, deadline=None)
@given(st.lists(st.text(alphabet="ab\\.[]|\n公开u0", max_size=8), min_size=1, max_size=4))
def test_literal_words_match_the_regex_unescaping(pieces):
    source = "|".join(pieces)
    if "\\|" in source:
        return  # refused before any piece is read, both ways
    line_search_module._literal_words.cache_clear()
    assert line_search_module._literal_words(source, 0) == _literal_words_by_sub(source)


def test_literal_words_of_escaped_words_and_a_class():
    assert line_search_module._literal_words(re.escape("a.b") + "|" + re.escape("公开\\"), 0) == ("a.b", "公开\\")
    assert line_search_module._literal_words(r"[\u3400-\u4dbf\u4e02]", 0) is None
