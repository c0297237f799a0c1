"""Text-quality checks of the report's own prose (sections family, GX12x).

A plugin of its own (entry point ``text_quality``), so ``-p no:text_quality`` turns off
exactly these rules; their codes stay in the sections family's range.

* GX120 a word or phrase written twice in a row (``资金资金``, ``统一的的网站``)
* GX121 an enumeration 一是/二是/三是 (or 第一，/第二，) that skips or repeats an item
* GX122 a bracket, book-title mark or quotation mark opened and never closed, or closed
  without being opened

* GX123 an item of a list of counts without its number (``资质条、``)
* GX124 an ASCII comma between Chinese characters in a document written with ，
* GX125 a stray space inside a word of web text (``国务 院``)

All of them read *prose runs*: the report's paragraphs and sub-headings (never tables, never
the page furniture), where lines of text that break mid-sentence (PDF copies wrap every
line) are joined back into one run first, so a line wrap never splits a word, a marker
or a bracket pair.  Matching is done on the normalised, whitespace-free view
(``Text.compact``), and every finding points back at its source characters.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left
from dataclasses import dataclass
from typing import Iterator

from gxlint.document import Block, Table
from gxlint.plugin import (
    Context,
    Diagnostic,
    Edit,
    Fix,
    Rule,
    cn_number,
    hookimpl,
    is_page_marker,
    lazy_compile,
    mojibake_spans,
    rule,
)

# --- prose runs -------------------------------------------------------------------------------

# A line ending with one of these ends its sentence; anything else was wrapped.
_TERMINAL = "。！？；!?;"
_CJK = "\u3400-\u9fff"


@dataclass(slots=True)  # one per prose unit: no __dict__
class Run:
    """Consecutive blocks read as one piece of prose."""

    blocks: list[Block]
    view: object  # Normalized (compact) of the joined text
    region: int  # index of the heading/table-delimited region the run lies in
    last: bool = False  # the document's last prose run

    @property
    def value(self) -> str:
        return self.view.value


def prose_runs(ctx: Context) -> list[Run]:
    """The report's prose, in order, with wrapped lines joined (``ctx.prose.units``, read
    through their whitespace-free view)."""
    cached = ctx.document.cache.get("text_quality.runs")
    if cached is None:
        cached = [Run(unit.blocks, unit.compact, unit.region, unit.last) for unit in ctx.prose.units]
        ctx.document.cache["text_quality.runs"] = cached
    return cached


def _snippet(value: str, i: int, j: int, width: int = 12) -> str:
    a = max(0, i - width)
    b = min(len(value), j + width)
    return ("…" if a > 0 else "") + value[a:b] + ("…" if b < len(value) else "")


# --- GX120 repeated word ------------------------------------------------------------------------

# A phrase of two or more characters written twice in a row.  Only CJK characters, digits
# and Latin letters take part (no punctuation), and the phrase must hold two CJK characters.
_REPEAT_RE = lazy_compile(rf"(?P<x>[{_CJK}A-Za-z0-9]{{2,40}}?)(?P=x)")
# The same phrase taken greedily: it matches at exactly the places the lazy one does (some
# length 2..40 repeats), and is cheaper where neither does, which is almost everywhere: it
# counts the phrase's characters in one go and tries the lengths down, where the lazy one
# counts a character a length.  Used to find where the next repeat starts (see _repeat_matches).
_REPEAT_AT_RE = lazy_compile(rf"(?P<x>[{_CJK}A-Za-z0-9]{{2,40}})(?P=x)")
# Single characters that are never legitimately doubled in report prose (function words),
# doubled.  Found with str.find: a pattern such as ([的被于])\1 has no literal to search
# for, so the regex engine tries it at every character of the prose.
_DOUBLED_SINGLES = ("的的", "被被", "于于")
_NUMERALS = "一二三四五六七八九十两几每0123456789"
# Labels of the statistics tables: a table flattened into one line repeats its header
# (表四 结果维持…总计 for each 行政诉讼 group); that is not a repeated word.
_TABLE_WORDS = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "本年制发", "现行有效", "本年废止",
                "处理决定数量", "信息内容", "自然人", "商业企业", "科研机构", "法律服务机构", "社会公益组织")


def _is_aabb(value: str, i: int) -> bool:
    """``value[i:i+2]`` is half of an AABB form (明明白白, 实实在在, 的的确确)."""
    after = value[i + 2:i + 4]
    before = value[max(0, i - 2):i]
    return (len(after) == 2 and after[0] == after[1]) or (len(before) == 2 and before[0] == before[1])


def _single_ok(value: str, i: int) -> bool:
    """True when a doubled function word at ``i`` is legitimate."""
    ch = value[i]
    if _is_aabb(value, i):
        return True
    prev = value[i - 1] if i > 0 else ""
    if ch == "的" and prev in "目有":  # 目的的实现
        return True
    return False


def _phrase_ok(x: str, value: str, i: int, run: Run) -> bool:
    if sum(1 for c in x if "\u3400" <= c <= "\u9fff") < 2:
        return True
    if x[0] in _NUMERALS and len(x) == 2:  # 一件一件, 一步一步, 每年每年
        return True
    if len(x) == 2 and x[0] == x[1]:  # 人人人人 …
        return True
    if len(x) == 2 and _is_aabb(value, i):
        return True
    if any(word in x for word in _TABLE_WORDS):
        return True
    return False


def _line_repeat(run: Run, i: int, j: int) -> bool:
    """The first copy is a whole line of its own (an agency line above a title starting with
    the same name, a title shown twice): a layout repetition, not a word written twice."""
    if len(run.blocks) < 2:
        return False  # (one block: no line of its own to repeat; said before the view's look-ups)
    view = run.view
    half = i + (j - i) // 2
    a, _ = view.original_range(i, half)
    _, b = view.original_range(i, half)
    pos = 0
    for block in run.blocks:
        start, end = pos, pos + len(block.text)
        pos = end
        if start <= a < end:
            line = block.text.compact.value
            return len(run.blocks) > 1 and line == view.value[i:half]
    return False


def _across_cells(run: Run, i: int, j: int) -> bool:
    """A tab or a pipe stands among the copies: cells of a table written as text (a merged
    cell's text repeated over its columns, as pandas and spreadsheet exports write it), not
    a word written twice in prose."""
    view = run.view
    a, b = view.original_range(i, j)
    written = view.text.value[a:b]
    return "\t" in written or "|" in written


def _doubled_singles(value: str) -> list[int]:
    """Where a function word of :data:`_DOUBLED_SINGLES` is doubled, in order; a third in
    a row starts no second pair (的的的: one, at its start)."""
    found: list[int] = []
    for pair in _DOUBLED_SINGLES:
        i = value.find(pair)
        while i >= 0:
            found.append(i)
            i = value.find(pair, i + 2)
    if len(found) > 1:
        found.sort()
    return found


def _repeat_matches(value: str) -> Iterator[re.Match]:
    """What ``_REPEAT_RE.finditer(value)`` yields (a quarter fewer instructions on the
    bench's prose): the greedy pattern finds where the next match starts, the lazy one,
    tried there only, gives its shortest phrase."""
    found = _REPEAT_AT_RE.search(value)
    while found is not None:
        match = _REPEAT_RE.match(value, found.start())
        yield match
        found = _REPEAT_AT_RE.search(value, match.end())


def repeats(run: Run) -> Iterator[tuple[int, int, str]]:
    value = run.value
    written = run.view.text.value
    cells = "\t" in written or "|" in written  # (most prose has neither: no match is looked at twice)
    seen: set[int] = set()
    for i in _doubled_singles(value):
        if not _single_ok(value, i):
            seen.add(i)
            yield i, i + 2, value[i]
    for m in _repeat_matches(value):
        x = m.group("x")
        if m.start() in seen or _phrase_ok(x, value, m.start(), run):
            continue
        if _line_repeat(run, m.start(), m.end()) or cells and _across_cells(run, m.start(), m.end()):
            continue
        yield m.start(), m.end(), x


@rule("GX120")
def repeated_word(ctx: Context) -> Iterator[Diagnostic]:
    for run in prose_runs(ctx):
        value = run.value
        for i, j, x in repeats(run):
            half = i + len(x)
            yield ctx.report((run.view, half, j), word=x, context=_snippet(value, i, j))


# --- GX121 enumeration sequence ------------------------------------------------------------------

_CN_NUM = "一二三四五六七八九十"
# A marker starts the text or follows one of these.  The patterns check it behind the
# marker's first character: a pattern that starts with a lookbehind is tried at every
# character, one that starts with a character only where that character is.
_BOUNDARY = r"。；;：:，,、！？!?\)）”"
_MARKER_RES = {
    "是": lazy_compile(rf"(?P<n>[{_CN_NUM}](?<![^{_BOUNDARY}][{_CN_NUM}])[{_CN_NUM}]{{0,2}})是"),
    "第": lazy_compile(rf"第(?<![^{_BOUNDARY}]第)(?P<n>[{_CN_NUM}]{{1,3}})[,，]"),
}


_SUBHEADING_RE = lazy_compile(rf"\([{_CN_NUM}]{{1,3}}\)|[{_CN_NUM}]{{1,3}}、")


@dataclass
class Marker:
    """An enumeration marker (一是, 第二，) in a prose run, with its number."""
    run: Run
    start: int
    end: int
    number: int
    text: str


def _markers(run: Run, style: str) -> list[Marker]:
    out = []
    if style not in run.value:  # both patterns need the character (是, 第); most runs have neither
        return out
    for m in _MARKER_RES[style].finditer(run.value):
        n = cn_number(m.group("n"))
        if n is None or n == 0:
            continue
        out.append(Marker(run, m.start(), m.end(), n, m.group(0)))
    return out


def _cn(n: int) -> str:
    if n <= 10:
        return "〇一二三四五六七八九十"[n]
    if n < 20:
        return "十" + "〇一二三四五六七八九"[n - 10]
    return str(n)


def _label(n: int, style: str) -> str:
    return f"{_cn(n)}是" if style == "是" else f"第{_cn(n)}"


def enumeration_problems(ctx: Context) -> Iterator[tuple[Marker, int, list[Marker], str, Marker | None]]:
    """``(marker, expected number, series so far, style, duplicate)`` for each broken series.

    ``duplicate`` is the next marker when it repeats the number of the reported one
    (一是…三是…三是: the first 三是 should read 二是), else ``None``.
    """
    for style in ("是", "第"):
        series: list[Marker] = []
        region = None
        for run in prose_runs(ctx):
            markers = _markers(run, style)
            if run.region != region:
                series, region = [], run.region
            if not markers:
                continue
            first = markers[0]
            if series and not (first.start == 0 and first.number >= 2):
                series = []  # a new paragraph starts a new list unless it begins with the next item
            reported = False
            for k, marker in enumerate(markers):
                if marker.number == 1 or not series:
                    series = [marker]
                    reported = False
                    continue
                expected = series[-1].number + 1
                if marker.number != expected:
                    between = run.value[series[-1].end:marker.start] if marker.run is series[-1].run else ""
                    # an item written without punctuation before it (我区一是…), or a
                    # sub-heading run into the text ((四)…方面一是): a new list began there
                    if _label(1, style) in between or _SUBHEADING_RE.search(between):
                        series = [marker]
                        reported = False
                        continue
                    if marker.number > expected and _label(expected, style) in between:
                        series.append(marker)
                        continue
                    if not reported:
                        reported = True
                        following = markers[k + 1] if k + 1 < len(markers) else None
                        duplicate = following if (following is not None and marker.number > expected
                                                  and following.number == marker.number) else None
                        yield marker, expected, list(series), style, duplicate
                series.append(marker)


@rule("GX121")
def enumeration_sequence(ctx: Context) -> Iterator[Diagnostic]:
    for marker, expected, series, style, duplicate in enumeration_problems(ctx):
        previous = series[-1].number
        shown = series + [marker] + ([duplicate] if duplicate else [])
        sequence = "…".join(_label(m.number, style) for m in shown)
        found = _label(marker.number, style)
        if duplicate is not None:
            problem_zh = f"“{found}”出现两次，第一个应为“{_label(expected, style)}”"
            problem_en = f"“{found}” appears twice; the first should read “{_label(expected, style)}”"
        elif marker.number == previous:
            problem_zh, problem_en = f"“{found}”重复出现", f"“{found}” is repeated"
        elif marker.number < previous:
            problem_zh, problem_en = f"“{found}”排在“{_label(previous, style)}”之后，序号倒退", f"“{found}” comes after “{_label(previous, style)}”: the numbering goes backwards"
        else:
            skipped = "、".join(_label(n, style) for n in range(expected, marker.number))
            problem_zh, problem_en = f"缺少“{skipped}”", f"“{skipped}” is missing"
        yield ctx.report((marker.run.view, marker.start, marker.end), found=found,
                         expected=_label(expected, style), sequence=sequence,
                         problem_zh=problem_zh, problem_en=problem_en)


# --- GX122 unbalanced brackets ---------------------------------------------------------------------

_PAIRS = {"(": ")", "《": "》", "“": "”"}
_CLOSERS = {v: k for k, v in _PAIRS.items()}
_BRACKET = lazy_compile("[()《》“”]")  # what _PAIRS and _CLOSERS hold
_ENUMERATOR_RE = lazy_compile(r"(?:[0-9]{1,2}|[一二三四五六七八九十]{1,3}|[A-Za-z]|[①-⑳])")
_CLAUSE_BOUNDARY = "。；;：:，,、！？!?"
_NAMES_ZH = {"(": "括号“（”", ")": "括号“）”", "《": "书名号“《”", "》": "书名号“》”", "“": "引号“", "”": "引号”"}
_NAMES_EN = {"(": "the bracket “(”", ")": "the bracket “)”", "《": "the title mark “《”", "》": "the title mark “》”",
             "“": "the quotation mark “", "”": "the quotation mark ”"}


def _garbled(run: Run) -> bool:
    """Mojibake destroyed part of the run (a mirror site decoded it wrongly): its marks
    cannot be trusted, and the contamination module already reports the damage (GX506)."""
    if "\ufffd" in run.value:
        return True
    return any(mojibake_spans(block.text.value) for block in run.blocks)


def _is_enumerator(value: str, i: int) -> bool:
    """``1)`` / ``a)`` / ``一)``: a closer used as list numbering, not a bracket."""
    k = i
    while k > 0 and value[k - 1] not in _CLAUSE_BOUNDARY and value[k - 1] not in "()《》“”":
        k -= 1
    return bool(_ENUMERATOR_RE.fullmatch(value[k:i]))


_MARKS = "()《》“”"  # a mark's code in the result flags below is its index here
_PAIRED = lazy_compile(r"\(\)|《》|“”")  # a mark and its closer, side by side


def well_nested(marks: str) -> bool:
    """Whether a run's marks (``_BRACKET.findall`` of it, joined) close in order, each the
    mark opened last: then :func:`unbalanced` finds nothing (a closer finds its opener
    innermost, with no mark of another kind opened after it, and none is left open).
    Pairs side by side are taken out until none is left (most runs: one or two
    substitutions of a short string, where unbalanced() costs a few Python calls a mark)."""
    while marks:
        fewer = _PAIRED.sub("", marks)
        if len(fewer) == len(marks):
            return False
        marks = fewer
    return True


_KINDS = ("unclosed", "unopened")
_FLAGGED = lazy_compile(rb"[^\x00]")


def unbalanced(run: Run) -> Iterator[tuple[int, str, str]]:
    """``(index, char, kind)`` with kind "unclosed" or "unopened", in text order.

    A closing mark closes the innermost open mark of its kind, and leaves unclosed the
    marks of other kinds opened after that one.  Each kind's open marks are a stack of
    their own, so each mark is pushed and popped once (scanning one stack of every kind
    for the innermost of one kind was quadratic: 20,000 ``(`` then 20,000 ``》`` ran past
    the 10 s budget).  Open marks are kept as positions in arrays and results as one
    byte a character of the run, read back in order (tuples took 20 MiB for 120,000
    ``(`` in 129 KB; a list to sort them, 36 bytes a mark)."""
    value = run.value
    open_marks: dict[str, array] = {opener: array("q") for opener in _PAIRS}
    flags = bytearray(len(value))  # 0, or 1 + mark code * 2 + kind at a mark reported

    def unclosed(opener: str, after: int) -> None:
        """Report (and drop) the open marks of ``opener``'s kind past ``after``."""
        stack = open_marks[opener]
        flag = 1 + _MARKS.index(opener) * 2
        while stack and stack[-1] > after:
            flags[stack.pop()] = flag

    for match in _BRACKET.finditer(value):  # the marks only, not every character
        i, ch = match.start(), match.group()
        if ch in _PAIRS:
            open_marks[ch].append(i)
            continue
        opener = _CLOSERS[ch]
        stack = open_marks[opener]
        if not stack:
            if not _is_enumerator(value, i):
                flags[i] = 1 + _MARKS.index(ch) * 2 + 1
            continue
        innermost = stack.pop()
        for other, other_stack in open_marks.items():  # (most closers leave no other mark open)
            if other != opener and other_stack and other_stack[-1] > innermost:
                unclosed(other, innermost)
    truncated = run.last and value and value[-1] not in _TERMINAL + ")》”"
    if not truncated:
        for opener in _PAIRS:
            unclosed(opener, -1)
    if flags.count(0) == len(flags):
        return  # every mark paired (most runs): the flags not searched byte by byte
    for match in _FLAGGED.finditer(flags):
        i = match.start()
        code = flags[i] - 1
        yield i, _MARKS[code // 2], _KINDS[code % 2]


@rule("GX122")
def unbalanced_brackets(ctx: Context) -> Iterator[Diagnostic]:
    for run in prose_runs(ctx):
        value = run.value
        marks = _BRACKET.findall(value)
        if not marks or well_nested("".join(marks)) or _garbled(run):
            continue
        for i, ch, kind in unbalanced(run):
            if kind == "unclosed":
                problem_zh = f"{_NAMES_ZH[ch]}没有对应的“{_PAIRS[ch] if ch != '(' else '）'}”"
                problem_en = f"{_NAMES_EN[ch]} is never closed"
            else:
                problem_zh = f"{_NAMES_ZH[ch]}前没有对应的“{_CLOSERS[ch] if ch != ')' else '（'}”"
                problem_en = f"{_NAMES_EN[ch]} closes nothing"
            yield ctx.report((run.view, i, i + 1), problem_zh=problem_zh, problem_en=problem_en,
                             context=_snippet(value, i, i + 1, 16))


# --- GX123 number missing before a measure word ------------------------------------------------------

_UNITS = "条件项次篇期场个份"
# Words that end in a measure character but are nouns or adverbs (政策文件, 事项, 首次 …).
_COMPOUNDS = frozenset(
    "文件 案件 事件 邮件 证件 稿件 信件 软件 附件 部件 条件 要件 函件 物件 原件 复印件 "
    "事项 款项 选项 专项 立项 单项 各项 分项 逐项 强项 弱项 项 "
    "人次 场次 批次 层次 班次 频次 档次 名次 届次 车次 架次 依次 其次 再次 首次 多次 逐次 历次 屡次 初次 本次 此次 每次 "
    "日期 时期 周期 定期 到期 逾期 按期 限期 近期 长期 短期 同期 当期 分期 过期 初期 中期 后期 前期 预期 如期 工期 "
    "市场 现场 会场 广场 立场 机场 考场 赛场 战场 农场 商场 "
    "链条 教条 线条 萧条 便条 法条 信条 "
    "长篇 整个 各个 这个 那个 每个 两个 单个 "
    "身份 年份 月份 省份 股份 部分 份 篇".split()
)
_ITEM_RE = lazy_compile(r"[^、,;；:：。!?！？]+")
_SENTENCE_RE = lazy_compile(r"[^。!?！？]+")
# The end of an item that missing_numbers() looks at is two CJK characters and a measure
# word, then an item separator or the end of the sentence.  Found from the measure word
# (a fixed set of characters the search skips to), the two before it checked after.
_MEASURE_AT_ITEM_END = lazy_compile(rf"[{_UNITS}](?![^、,;；:：。!?！？])")
_NUMERAL_CHARS = "0123456789一二三四五六七八九十百千万两几余多数"
_ASCII_DIGIT = lazy_compile(r"[0-9]")


def _is_cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff"


def _counted_item_ends(value: str) -> list[int]:
    """Where a measure word ends an item after two CJK characters (``资质条、``), in order."""
    return [i for i in (m.start() for m in _MEASURE_AT_ITEM_END.finditer(value))
            if i >= 2 and _is_cjk(value[i - 1]) and _is_cjk(value[i - 2])]


def missing_numbers(run: Run) -> Iterator[tuple[int, int, str, str]]:
    """``(start, end, item, sibling)`` for list items ``…资质条`` among ``…许可证76条``."""
    value = run.value
    ends = _counted_item_ends(value)
    if not ends:
        return
    for sentence in _SENTENCE_RE.finditer(value):
        # (an item end's two CJK characters lie in its sentence: neither ends one)
        k = bisect_left(ends, sentence.start())
        if k == len(ends) or ends[k] >= sentence.end():
            continue  # no item of the sentence passes the first test below
        items = [(m.start(), m.end(), m.group()) for m in _ITEM_RE.finditer(value, sentence.start(), sentence.end())]
        # per measure word: which items are counted siblings (…许可证76条), found once
        sibling_flags: dict[str, tuple[list[bool], int]] = {}
        for k, (a, b, text) in enumerate(items):
            # two CJK characters then the measure word ending the item (read from the end:
            # a search for ``[CJK]{2,}(unit)$`` was quadratic on a long item)
            if len(text) < 3 or text[-1] not in _UNITS or not (_is_cjk(text[-2]) and _is_cjk(text[-3])):
                continue
            if text[-2] in _NUMERAL_CHARS or _ASCII_DIGIT.search(text):
                continue
            if text[-2:] in _COMPOUNDS or text[-3:] in _COMPOUNDS:
                continue
            unit = text[-1]
            if unit not in sibling_flags:
                sibling_re = re.compile(rf"[{_CJK}][0-9]+(?:\.[0-9]+)?{unit}$")
                found = [bool(sibling_re.search(t)) for _, _, t in items]
                sibling_flags[unit] = (found, sum(found))
            flags, siblings = sibling_flags[unit]
            neighbours = [items[j][2] for j in (k - 1, k + 1) if 0 <= j < len(items) and flags[j]]
            if neighbours and siblings >= 2:
                yield b - 1, b, text, neighbours[0]


@rule("GX123")
def missing_number(ctx: Context) -> Iterator[Diagnostic]:
    for run in prose_runs(ctx):
        for i, j, item, sibling in missing_numbers(run):
            yield ctx.report((run.view, i, j), item=item, unit=run.value[i:j], sibling=sibling)


# --- GX124 ASCII comma in a full-width document ------------------------------------------------------
#
# Read on the blocks' own characters: the normalised views fold ，to , and drop spaces.

# (Each starts with its comma and looks behind it: a pattern starting with a lookbehind is
# tried at every character, one starting with a character only where that character is.)
_FULL_COMMA_RE = lazy_compile(rf"，(?<=[{_CJK}]，)(?=[{_CJK}])")
_ASCII_COMMA_RE = lazy_compile(rf",(?<=[{_CJK}],)(?: (?=[{_CJK}])|(?=[{_CJK}]))")
# The document's style is full-width when nearly all commas between Chinese characters
# are ，: at least this many, and at least this share.
FULL_WIDTH_MIN = 20
FULL_WIDTH_SHARE = 0.95


def _prose_blocks(ctx: Context) -> list[Block]:
    return [b for run in prose_runs(ctx) for b in run.blocks]


def ascii_commas(ctx: Context) -> list[tuple[Block, int, int]]:
    """``(block, i, j)`` (indexes into ``block.text.value``) of ASCII commas, with a space
    after them if any, between two Chinese characters, in a document whose prose otherwise
    writes ，there; empty when the document is not clearly full-width."""
    blocks = _prose_blocks(ctx)
    found: list[tuple[Block, int, int]] = []
    for block in blocks:
        value = block.text.value
        if "," in value:
            found.extend((block, m.start(), m.end()) for m in _ASCII_COMMA_RE.finditer(value))
    if not found:  # (most reports: the full-width commas, a match each, are not counted)
        return []
    full = 0
    for block in blocks:
        value = block.text.value
        if "，" in value:
            full += len(_FULL_COMMA_RE.findall(value))
    if full < FULL_WIDTH_MIN or full < FULL_WIDTH_SHARE * (full + len(found)):
        return []
    return found


@rule("GX124")
def ascii_comma(ctx: Context) -> Iterator[Diagnostic]:
    found = ascii_commas(ctx)
    for block, i, j in found:
        text = block.text
        value = text.value
        span = text.span(i, j)
        fix = Fix(edits=(Edit(span.start, span.end, "，"),), safe=True, description="write the full-width comma ，")
        yield ctx.report(text.span(i, i + 1), fix=fix, found=value[i:j], count=len(found),
                         context=_snippet(value, i, j, 8))


# --- GX125 stray space inside a word ----------------------------------------------------------------

# One space (ASCII, ideographic or no-break) between two Chinese characters.
_SPACE_RE = lazy_compile(rf"[ \u3000\u00a0](?<=[{_CJK}][ \u3000\u00a0])(?=[{_CJK}])")
# Words of the reports' own vocabulary: a space that falls inside one of them splits a word.
_LEXICON = frozenset(
    "国务院 人民政府 政府 人民 信息 公开 政务 条例 行政 复议 诉讼 申请 办理 答复 年度 报告 工作 情况 主动 "
    "平台 网站 部署 决策 中央 规范性 文件 规章 处罚 许可 强制 收费 监督 保障 总体 问题 改进 整改 其他 需要 "
    "事项 本年 结转 统计 数据 期限 机关 单位 部门 建设 管理 制度 机制 要求 规定 精神 贯彻 落实 习近平 "
    "新时代 中国特色 社会主义 思想 指导 全面 深入 推进 加强 进一步 持续 群众 社会 关切 解读 回应 发布 "
    "栏目 更新 培训 考核 评议 保密 审查 政策 法规 法律 依法 依规 标准 目录 指南 服务 便民 企业 经济 "
    "发展 安全 稳定 领导 小组 办公室 街道 乡镇 区县 市委 县委 区委 党委 党中央 国家 省委 省政府".split()
)
_LEXICON_LENGTHS = sorted({len(w) for w in _LEXICON}, reverse=True)
# The document is typeset (PDF text, spaced-out labels 邮 编 ：): spaces between Chinese
# characters are its layout, not slips.  Silent from this many.
TYPESET_MIN = 3


def _splits_word(value: str, i: int) -> str | None:
    """The lexicon word that the space at ``i`` splits (``国务 院`` → 国务院), if any."""
    for n in _LEXICON_LENGTHS:
        for left in range(1, n):
            right = n - left
            if i - left < 0 or i + 1 + right > len(value):
                continue
            word = value[i - left:i] + value[i + 1:i + 1 + right]
            if word in _LEXICON:
                return word
    return None


def stray_spaces(ctx: Context) -> list[tuple[Block, int, str]]:
    """``(block, index of the space, word)`` for spaces that split a word of web text."""
    if any(is_page_marker(b.text.value) for b in ctx.document.furniture if not isinstance(b, Table)):
        return []  # PDF text: page markers, typeset spacing
    spaces = []
    for block in _prose_blocks(ctx):
        value = block.text.value
        if " " not in value and "\u3000" not in value and "\u00a0" not in value:
            continue  # the pattern needs one of its spaces
        for m in _SPACE_RE.finditer(value):
            spaces.append((block, m.start()))
            if len(spaces) >= TYPESET_MIN:  # stop counting (a line of spaces: 500,000 of them)
                return []
    out = []
    for block, i in spaces:
        word = _splits_word(block.text.value, i)
        if word is not None:
            out.append((block, i, word))
    return out


@rule("GX125")
def stray_space(ctx: Context) -> Iterator[Diagnostic]:
    for block, i, word in stray_spaces(ctx):
        text = block.text
        span = text.span(i, i + 1)
        fix = Fix(edits=(Edit(span.start, span.end, ""),), safe=False, description="delete the space")
        yield ctx.report(span, fix=fix, word=word, context=_snippet(text.value, i, i + 1, 8))


@hookimpl
def gxlint_rules() -> list[Rule]:
    return [repeated_word, enumeration_sequence, unbalanced_brackets, missing_number, ascii_comma, stray_space]
