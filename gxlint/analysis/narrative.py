"""Figures and claims in the report's prose, tied to the statistics tables.

The totals rules GX210–GX212 compare what the text says with what the tables say, the
history rules compare it with last year's report; both read it as ``ctx.prose``.
This module only *reads* the text; the rules decide what disagrees.

Everything is matched on the normalised view of each narrative unit (Traditional →
Simplified, full-width → ASCII, pinyin annotations removed; see
:mod:`gxlint.normalize`), so ``受理政府信息公開申請2件`` and ``受理政府信息公开申请2件``
read the same, and each match maps back to the source through ``Normalized.span``.

Scope is deliberately narrow: a figure is taken only when a phrase ties the number to
the concept *inside one clause* with nothing but a short list of filler words between
them (``共``, ``合计``, ``为`` …).  ``收到群众来信39件``, ``解读材料2条`` or
``意见箱信件8封`` never match, and a number that is not directly followed by its unit
(``100余件``, ``占51.85%``) is never taken.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable, Hashable, Iterator, Sequence

from gxlint.analysis.prose import ProseUnit
from gxlint.atomic import atomic_spaces
from gxlint.lazy_pattern import LazyPattern, lazy_compile

# --- sentences ------------------------------------------------------------------------------

# A sentence ends here (normalised view: full-width ；！？ are folded to ASCII).
SENTENCE_END = "。;!?\n"
# A clause ends here.
CLAUSE_END = SENTENCE_END + ",:，：、"


# A prose unit: a paragraph or heading, or PDF-wrapped lines joined (gxlint.analysis.prose).
Unit = ProseUnit


@dataclass(eq=False, slots=True)
class Sentence:
    """A sentence of a prose unit, by its indexes in the unit's value."""
    unit: Unit
    start: int  # indexes into unit.value
    end: int
    previous: str = ""  # the preceding sentence of the same unit (topic context)

    @property
    def value(self) -> str:
        return self.unit.value[self.start : self.end]


_SENTENCE_ENDS = lazy_compile("[" + "".join(re.escape(ch) for ch in SENTENCE_END) + "]")
_DIGIT = lazy_compile(r"\d")  # every figure pattern needs one
_CLAUSE_ENDS = lazy_compile("[" + "".join(re.escape(ch) for ch in CLAUSE_END) + "]")


class SentenceSpans(Sequence[tuple[int, int]]):
    """``(start, end)`` of each sentence of a text, in order, made when asked for from
    the sentences' ends: a tuple each took 24 MiB for a 590 KB line of 200,000 。 (the
    fuzzer's seed 13; every end closes a sentence, of one character if need be)."""

    __slots__ = ("_ends",)

    def __init__(self, ends: array) -> None:
        self._ends = ends

    def __len__(self) -> int:
        return len(self._ends)

    def __getitem__(self, k: int) -> tuple[int, int]:  # type: ignore[override] - no slices
        ends = self._ends
        if k < 0:
            k += len(ends)
        return (ends[k - 1] if k else 0, ends[k])

    def __iter__(self) -> Iterator[tuple[int, int]]:
        start = 0
        for end in self._ends:
            yield start, end
            start = end


_MATCH_START = re.Match.start
_MATCH_END = re.Match.end


def sentence_spans(value: str) -> SentenceSpans:
    """``(start, end)`` of each sentence of ``value``, in order."""
    ends = array("q", map(_MATCH_END, _SENTENCE_ENDS.finditer(value)))
    if not ends or ends[-1] < len(value):
        if value:
            ends.append(len(value))
    return SentenceSpans(ends)


def _sentence(unit: Unit, spans: SentenceSpans, k: int) -> Sentence:
    """The ``k``-th sentence of ``unit`` (``spans``: its :func:`sentence_spans`)."""
    start, end = spans[k]
    previous = unit.value[spans[k - 1][0]:spans[k - 1][1]] if k else ""
    return Sentence(unit, start, end, previous)


def sentences(unit: Unit) -> Iterator[Sentence]:
    spans = sentence_spans(unit.value)
    for k in range(len(spans)):
        yield _sentence(unit, spans, k)


class SentenceIndex:
    """Positions in one sentence found once, so that each match is checked in O(log n).

    A sentence can hold thousands of matches (a pasted table, a hostile input); scanning
    the sentence again for each of them made the figure rules quadratic.  ``has`` is
    exact for patterns of plain words without clause punctuation or digits: no match of
    those can cross a clause boundary or a figure, so the matches inside ``[i, j)`` are
    those of one scan of the whole sentence.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._clause_ends: list[int] | None = None  # found when first asked for: most sentences never are
        self._matches: dict[object, tuple[list[int], list[int]]] = {}
        self._memo: dict[object, object] = {}

    def clause(self, i: int, j: int) -> tuple[int, int]:
        """The clause around ``text[i:j]``: up to the nearest clause punctuation."""
        ends = self._clause_ends
        if ends is None:
            ends = self._clause_ends = list(map(_MATCH_START, _CLAUSE_ENDS.finditer(self.text)))
        k = bisect_left(ends, i)
        a = ends[k - 1] + 1 if k else 0
        k = bisect_left(ends, j)
        return a, ends[k] if k < len(ends) else len(self.text)

    def _spans(self, pattern: re.Pattern[str] | LazyPattern) -> tuple[list[int], list[int]]:
        found = self._matches.get(pattern)
        if found is None:
            starts, ends = [], []
            for m in pattern.finditer(self.text):
                starts.append(m.start())
                ends.append(m.end())
            found = self._matches[pattern] = (starts, ends)
        return found

    def find(self, pattern: re.Pattern[str] | LazyPattern, i: int, j: int) -> int:
        """Where ``pattern`` first occurs inside ``text[i:j]``, or -1 (see the class note)."""
        starts, ends = self._spans(pattern)
        k = bisect_left(starts, i)
        if k and ends[k - 1] > i:  # a match runs into i: another may start inside it
            m = pattern.search(self.text, i, j)
            return m.start() if m else -1
        return starts[k] if k < len(starts) and ends[k] <= j else -1

    def has(self, pattern: re.Pattern[str] | LazyPattern, i: int, j: int) -> bool:
        """Whether ``pattern`` occurs inside ``text[i:j]`` (see the class note)."""
        return self.find(pattern, i, j) >= 0

    def last_year_before(self, j: int) -> int | None:
        """The last year written before ``text[j]`` (a figure: no year runs into it)."""
        starts, ends = self._spans(_YEAR)
        k = bisect_right(ends, j)
        if not k:
            return None
        memo = self._memo.setdefault(_YEAR, {})
        if starts[k - 1] not in memo:
            memo[starts[k - 1]] = int(_YEAR.match(self.text, starts[k - 1]).group(1))
        return memo[starts[k - 1]]

    def next_char(self, chars: str, i: int, limit: int) -> int:
        """The index of the first of ``chars`` at or after ``i``, or ``limit`` if none is before it."""
        found = self._matches.get(chars)
        if found is None:  # (where each of them is, found by a regex of their class)
            found = self._matches[chars] = (list(map(_MATCH_START, _any_of(chars).finditer(self.text))), [])
        positions = found[0]
        k = bisect_left(positions, i)
        return min(positions[k], limit) if k < len(positions) else limit

    def memo(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """``compute()`` once per sentence and key."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]


@lru_cache(maxsize=16)  # (a few sets of punctuation)
def _any_of(chars: str) -> re.Pattern[str]:
    """A pattern matching any one of ``chars``."""
    return re.compile("[" + "".join(map(re.escape, chars)) + "]")


class _Disjoint:
    """Disjoint index ranges, sorted; ``overlaps`` in O(log n)."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def overlaps(self, i: int, j: int) -> bool:
        k = bisect_left(self.starts, j)
        return k > 0 and self.ends[k - 1] > i

    def add(self, i: int, j: int) -> None:
        k = bisect_left(self.starts, i)
        self.starts.insert(k, i)
        self.ends.insert(k, j)


_YEAR = lazy_compile(r"((?:19|20)\d{2})\s*年")


# --- figures --------------------------------------------------------------------------------

_S = r"\s*"
# Words allowed between a concept and its number: 共, 合计, 数量为, 有, 了 …
# (possessive: a figure follows, which no filler word can give back, and the regex engine
# kept a backtracking point for each, 6.9 MiB for 40,000 共 between a concept and its figure)
_FILL = r"(?:\s*(?:共计|共|合计|总计|累计|总数|数量|数|为|达到|达|有|了|的|是))*+\s*"
# At most 15 digits (int() refuses 4,300), never the tail of a longer run of digits.
_N = r"(?<!\d)(?P<n>\d{1,15})"
_JIAN = r"\s*件"
_NOT_NEGATED = r"(?<![未不无没])"

# Words that put an application-like phrase out of scope (other channels, other cases).
OTHER_TOPICS = lazy_compile(
    r"复议|诉讼|信访|投诉|举报|来信|来电|留言|信箱|派单|热线|12345|建议|提案|审批|许可|"
    r"咨询|网民|结转|上年|去年|上一年|依法行政|听证|登记|备案"
)
# Comparisons and plans: the number is not this year's figure.
COMPARISON = lazy_compile(r"同比|环比|比上年|较上年|较去年|比去年|上年|去年|上一年|增加|减少|增长|下降|上升|预计|计划|力争")
# Topic of 依申请公开 / 复议诉讼 figures.
REQUEST_TOPIC = lazy_compile(r"申请")
APPEAL_TOPIC = lazy_compile(r"信息公开|依申请|政府信息|申请")


@dataclass(frozen=True)
class Concept:
    """A statistic the narrative may state (收到申请, 行政复议 …) and the table key it matches."""
    key: str
    zh: str
    en: str
    table: str  # "active" | "requests" | "appeals"
    topic: re.Pattern[str] | None = None  # must occur in the sentence (or the one before)
    money: bool = False


CONCEPTS = {
    c.key: c
    for c in (
        Concept("received", "收到的政府信息公开申请", "applications received", "requests", REQUEST_TOPIC),
        Concept("processed", "办结（答复）的申请", "applications processed", "requests", REQUEST_TOPIC),
        Concept("carried_forward", "结转下年度的申请", "applications carried forward", "requests", REQUEST_TOPIC),
        Concept("granted", "予以公开的申请", "applications granted", "requests"),
        Concept("partly_granted", "部分公开的申请", "applications partly granted", "requests"),
        Concept("granted_or_partly", "予以公开及部分公开的申请", "applications granted or partly granted", "requests"),
        Concept("refused", "不予公开的申请", "applications refused", "requests"),
        Concept("review", "行政复议案件", "administrative reviews", "appeals", APPEAL_TOPIC),
        Concept("litigation", "行政诉讼案件", "lawsuits", "appeals", APPEAL_TOPIC),
        Concept("normative_issued", "本年制发的规范性文件", "normative documents issued", "active"),
        Concept("normative_repealed", "本年废止的规范性文件", "normative documents repealed", "active"),
        Concept("normative_in_force", "现行有效的规范性文件", "normative documents in force", "active"),
        Concept("licensing", "行政许可决定", "licensing decisions", "active"),
        Concept("penalties", "行政处罚决定", "penalty decisions", "active"),
        Concept("coercion", "行政强制决定", "coercive-measure decisions", "active"),
        Concept("fees", "行政事业性收费金额", "administrative fees", "active", money=True),
    )
}

_DOC_UNIT = r"\s*(?:件|个|份|条|部)"
_APPLICATION = r"(?:政府信息公开|信息公开|依申请公开|政府信息)?\s*(?:的)?\s*申请"

# The application verbs of "received" (each two characters), not after a negation: the
# lookbehind after them tests the character before them.
_RECEIVED = r"(?:收到|受理|接收|接到|新收)(?<![未不无没]..)"

# (concept key, pattern, mid-group check) in priority order: a number already taken by
# an earlier pattern is not taken again.  A pattern starts with a word (or alternative
# words), never with a lookbehind or an optional group: the regex engine then skips to
# where its first characters stand, where a pattern starting otherwise is tried at every
# character (five times slower on a sentence); a lookbehind on what comes before the
# word follows it, over the word (tests/test_narrative_gates.py compares each with its
# form starting with the lookbehind).
PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (key, lazy_compile(atomic_spaces(pattern)))
    for key, pattern in (
        # 予以公开及部分公开42件 before 予以公开 / 部分公开 alone
        ("granted_or_partly", r"(?:予以公开|同意公开|公开)\s*(?:及|和|与|、|或|加)\s*部分公开\s*(?:答复)?" + _FILL + _N + _JIAN),
        ("partly_granted", r"部分公开(?<![及和与、或加]部分公开)\s*(?:答复)?" + _FILL + _N + _JIAN),
        ("refused", r"(?:不予公开|同意不公开|不公开(?<![予意]不公开))\s*(?:答复)?" + _FILL + _N + _JIAN),
        ("granted", r"(?:予以公开|同意公开)(?<!部分(?:予以|同意)公开)(?<!不(?:予以|同意)公开)"
                    r"(?!\s*(?:及|和|与|、|或|加)\s*部分)\s*(?:答复)?" + _FILL + _N + _JIAN),
        # 收到/受理…申请N件
        (
            "received",
            _RECEIVED
            + r"(?:了)?\s*(?P<mid>[^\d,;:。!?]{0,30}?)(?:依申请公开(?:申请)?|申请)(?:件)?"
            + _FILL + _N + _JIAN,
        ),
        # 收到1件信息公开申请
        (
            "received",
            _RECEIVED + r"(?:了)?" + _FILL + _N + _JIAN + _S + _APPLICATION
            + r"(?!\s*(?:行政)?(?:复议|诉讼))",
        ),
        ("carried_forward",
         r"(?:结转|转入|转至|转|顺延至|顺延到|顺延|延续至|延至)\s*(?:到|至)?\s*下\s*一?\s*(?:个)?\s*年度?"
         r"\s*(?:继续)?\s*(?:办理|处理|答复)?\s*(?:答复|办理)?\s*(?:的)?\s*(?:申请)?" + _FILL + _N + _JIAN),
        # 1件结转下年度继续办理 / 另有103件顺延到下年度答复
        ("carried_forward",
         _N + _JIAN + r"\s*(?:申请)?\s*(?:结转|顺延|转入|转至|转)\s*(?:到|至)?\s*下\s*一?\s*(?:个)?\s*年度?"),
        ("processed",
         _NOT_NEGATED + r"(?:办结|答复|办理完成|办理完毕)(?:了)?\s*(?:依申请公开|政府信息公开申请|信息公开申请|申请)?"
         + _FILL + _N + _JIAN),
        ("review", r"行政复议\s*(?:申请|案件|案)?" + _FILL + _N + _JIAN),
        ("litigation", r"(?:行政诉讼|行政应诉)\s*(?:案件|案)?" + _FILL + _N + _JIAN),
        ("normative_in_force", r"现行有效\s*(?:的)?\s*(?:行政)?\s*规范性文件" + _FILL + _N + _DOC_UNIT),
        ("normative_issued",
         r"(?:制发|出台|印发|制定|发布)(?:了)?\s*(?:的)?\s*(?:行政)?\s*规范性文件" + _FILL + _N + _DOC_UNIT),
        ("normative_repealed", r"(?:废止|废除)(?:了)?\s*(?:的)?\s*(?:行政)?\s*规范性文件" + _FILL + _N + _DOC_UNIT),
        ("licensing", r"行政许可\s*(?:决定|案件)?" + _FILL + _N + _JIAN),
        ("penalties", r"行政处罚\s*(?:决定|案件)?" + _FILL + _N + _JIAN),
        ("coercion", r"行政强制\s*(?:决定|措施|案件)?" + _FILL + _N + _JIAN),
        ("fees", r"(?:行政事业性收费|收费)\s*(?:金额|总额|总金额)?" + _FILL + r"(?P<n>\d{1,15}(?:\.\d+)?)\s*万元"),
    )
)

# What every match of each pattern above holds (same order): for each tuple, one of its
# words.  A sentence without them is not searched with that pattern, which would try
# its lookbehinds at every character (tests/test_narrative_gates.py holds each match to
# it).
_JIAN_WORD = ("件",)
REQUIRED_WORDS: tuple[tuple[tuple[str, ...], ...], ...] = (
    (_JIAN_WORD, ("部分公开",)),
    (_JIAN_WORD, ("部分公开",)),
    (_JIAN_WORD, ("不予公开", "不公开")),
    (_JIAN_WORD, ("予以公开", "同意公开")),
    (_JIAN_WORD, ("申请",), ("收到", "受理", "接收", "接到", "新收")),
    (_JIAN_WORD, ("申请",), ("收到", "受理", "接收", "接到", "新收")),
    (_JIAN_WORD, ("下",)),
    (_JIAN_WORD, ("下",)),
    (_JIAN_WORD, ("办结", "答复", "办理完成", "办理完毕")),
    (_JIAN_WORD, ("行政复议",)),
    (_JIAN_WORD, ("行政诉讼", "行政应诉")),
    (("规范性文件",),),
    (("规范性文件",),),
    (("规范性文件",),),
    (_JIAN_WORD, ("行政许可",)),
    (_JIAN_WORD, ("行政处罚",)),
    (_JIAN_WORD, ("行政强制",)),
    (("收费",), ("万元",)),
)
assert len(REQUIRED_WORDS) == len(PATTERNS)
# Every pattern needs one of the words of its first group: text without any of them
# holds no figure (件, or 规范性文件 and 收费, which need no 件).
FIGURE_WORDS = tuple(sorted({word for groups in REQUIRED_WORDS for word in groups[0]}))


def may_hold_figure(text: str) -> bool:
    """False when no pattern of :data:`PATTERNS` can match ``text`` (see :func:`may_match`)."""
    for word in FIGURE_WORDS:
        if word in text:
            return True
    return False


def may_match(k: int, text: str) -> bool:
    """False when ``PATTERNS[k]`` cannot match ``text`` (it lacks a word every match holds)."""
    for words in REQUIRED_WORDS[k]:  # (loops, not all/any of generators: asked ~20 times a sentence)
        for word in words:
            if word in text:
                break
        else:
            return False
    return True


def matches_from(pattern: LazyPattern, starts: LazyPattern, text: str) -> Iterator[re.Match]:
    """What ``pattern.finditer(text)`` finds, for a pattern whose every match is non-empty
    and starts with a character ``starts`` matches: the pattern is tried only there."""
    pos = 0
    for start in starts.finditer(text):
        if start.start() < pos:
            continue  # inside the last match
        m = pattern.match(text, start.start())
        if m is not None:
            yield m
            pos = m.end()


# Clause words that mean the 收费 figure is not table 二's 行政事业性收费.
_NOT_FEES = lazy_compile(r"处理费|信息处理|减免|免收|免征|退还|退费|复印")


@dataclass(eq=False)
class Figure:
    """A number the narrative gives for a concept, with the sentence it stands in."""
    concept: Concept
    number: int | float
    text: str  # the figure as written, e.g. "8件"
    sentence: Sentence
    i: int  # the number's indexes in unit.value
    j: int

    @property
    def unit(self) -> Unit:
        return self.sentence.unit

    @property
    def decimals(self) -> int:
        digits = self.unit.value[self.i : self.j]
        return len(digits.split(".", 1)[1]) if "." in digits else 0


def _topic_ok(concept: Concept, sentence: Sentence) -> bool:
    if concept.topic is None:
        return True
    if concept.topic.search(sentence.value) or concept.topic.search(sentence.previous):
        return True
    if concept.table == "appeals" and re.search(r"复议|诉讼", sentence.unit.section_title):
        return True
    return False


def figures(units: list[Unit], year: int | None) -> list[Figure]:
    """Every figure of the prose that a phrase ties to a table concept; a figure said of
    another year than ``year`` (the report year) is left out."""
    out: list[Figure] = []
    for unit in units:
        value = unit.value
        if not may_hold_figure(value) or not _DIGIT.search(value):  # no pattern can match (only a shortcut)
            continue
        spans = sentence_spans(value)
        for k, (a, b) in enumerate(spans):
            text = value[a:b]
            if not may_hold_figure(text) or not _DIGIT.search(text):
                continue
            sentence = _sentence(unit, spans, k)
            index = SentenceIndex(text)
            taken = _Disjoint()
            for k, (key, pattern) in enumerate(PATTERNS):
                if not may_match(k, text):
                    continue
                concept = CONCEPTS[key]
                for match in pattern.finditer(text):
                    ni, nj = match.span("n")
                    if taken.overlaps(ni, nj):
                        continue
                    if key == "received" and "mid" in match.groupdict() and match.group("mid"):
                        if OTHER_TOPICS.search(match.group("mid")):
                            continue
                    ci, cj = index.clause(match.start(), match.end())
                    if index.has(COMPARISON, ci, ni):
                        continue
                    if key == "fees" and index.has(_NOT_FEES, ci, cj):
                        continue
                    if ni > 0 and (text[ni - 1].isdigit() or text[ni - 1] == "."):
                        continue
                    mentioned = index.last_year_before(ni)
                    if year is not None and mentioned is not None and mentioned != year:
                        continue
                    if not index.memo(concept.key, lambda: _topic_ok(concept, sentence)):
                        continue
                    digits = text[ni:nj]
                    number: int | float = float(digits) if concept.money else int(digits)
                    taken.add(ni, nj)
                    out.append(
                        Figure(
                            concept,
                            number,
                            text[ni : match.end()].replace(" ", ""),
                            sentence,
                            sentence.start + ni,
                            sentence.start + nj,
                        )
                    )
    out.sort(key=lambda f: (id(f.unit), f.i))
    return out


# --- claims of zero / of completion ----------------------------------------------------------------

@dataclass(eq=False)
class Claim:
    """A sentence claiming there was none of something, or that everything was handled."""
    kind: str  # "no_requests" | "no_review" | "no_litigation" | "all_processed"
    sentence: Sentence
    i: int  # the phrase's indexes in unit.value
    j: int

    @property
    def unit(self) -> Unit:
        return self.sentence.unit


_NEGATION = r"(?:未|没有|没|无|未曾)"
_NO_REQUESTS = lazy_compile(atomic_spaces(
    _NEGATION + r"\s*(?:收到|受理|接到|接收)(?:过)?(?:任何)?(?P<mid>[^\d,;:。!?]{0,25}?)申请"
))
_NO_APPEALS = lazy_compile(atomic_spaces(
    r"(?:(?:未|没有|未曾)\s*(?:收到|发生|出现|产生|涉及|有)|无(?!法|正当|关|论|需|须|误|一例))"
    r"(?P<mid>[^\d,;:。!?]{0,30}?)(?P<what>行政复议|行政诉讼|复议|诉讼)"
))
# What follows the concept in the clause when the claim is about a kind of outcome, not
# about the cases themselves (未发生行政复议被纠错的情况).
_OUTCOME_WORDS = lazy_compile(r"纠错|纠正|败诉|撤销|违法|被改变|被确认|赔偿|超期|逾期")
_APPEAL_WORDS = lazy_compile(r"复议|诉讼")
_REVIEW = lazy_compile("复议")
_LITIGATION = lazy_compile("诉讼")
_NOT_REQUEST_CHANNELS = lazy_compile(r"复议|诉讼|来信|留言|信箱|建议|提案|热线|投诉")
# A match may start in a run of spaces only at its first space: a start at any later
# space ends the same way, and trying each of a long run was quadratic.
_ALL_PROCESSED = lazy_compile(atomic_spaces(
    r"(?:(?<!\s)|(?!\s))(?:所有|全部)?\s*(?:申请)?\s*(?:均|都|全部|全)\s*(?:已经|已)\s*"
    r"(?:按照要求|按要求|按时|按期|依法|依规|按规定|在法定期限内|在规定时限内|在规定期限内)?\s*"
    r"(?:办结|办理完成|办理完毕|处理完毕|办理完结|完成办理|全部办结)"
))


# what every _ALL_PROCESSED match starts with (its start is optional words and spaces)
_ALL_PROCESSED_STARTS = lazy_compile(r"[所全申均都\s]")


def _may_claim_appeals(text: str) -> bool:  # _NO_APPEALS ends in 复议 or 诉讼
    return "复议" in text or "诉讼" in text


def _may_claim_requests(text: str) -> bool:  # _NO_REQUESTS ends in 申请
    return "申请" in text


def _may_claim_all_processed(text: str) -> bool:  # _ALL_PROCESSED holds 已 or 已经
    return "已" in text


def claims(units: list[Unit]) -> list[Claim]:
    out: list[Claim] = []
    for unit in units:
        # Each pattern runs only on text holding a word every match of it holds (the
        # patterns start with alternatives and lookbehinds tried at every character;
        # running all three on every sentence was most of the time of the claims).
        value = unit.value
        if not (_may_claim_appeals(value) or _may_claim_requests(value) or _may_claim_all_processed(value)):
            continue
        spans = sentence_spans(value)
        for k, (a, b) in enumerate(spans):
            text = value[a:b]
            appeals, requests, processed = (_may_claim_appeals(text), _may_claim_requests(text),
                                            _may_claim_all_processed(text))
            if not (appeals or requests or processed):
                continue
            sentence = _sentence(unit, spans, k)
            index = SentenceIndex(text)
            seen: set[tuple[str, int]] = set()
            for match in _NO_APPEALS.finditer(text) if appeals else ():
                ci, cj = index.clause(match.start(), match.end())
                if index.has(_OUTCOME_WORDS, match.start(), cj):
                    continue
                if index.has(_DIGIT, ci, cj):
                    continue  # 无…行政复议 with a number in the clause is not a claim of zero
                # every 复议 / 诉讼 named in the clause after the negation
                for kind, word in (("no_review", _REVIEW), ("no_litigation", _LITIGATION)):
                    if (kind, ci) in seen:
                        continue
                    k = index.find(word, match.start(), cj)
                    if k >= 0:
                        seen.add((kind, ci))
                        out.append(Claim(kind, sentence, sentence.start + match.start(), sentence.start + k + 2))
            for match in _NO_REQUESTS.finditer(text) if requests else ():
                ci, cj = index.clause(match.start(), match.end())
                if index.has(_APPEAL_WORDS, match.start(), cj):
                    continue  # handled above as a claim about 复议/诉讼
                if OTHER_TOPICS.search(match.group("mid") or ""):
                    continue
                if index.has(_DIGIT, ci, cj):
                    continue
                out.append(Claim("no_requests", sentence, sentence.start + match.start(),
                                 sentence.start + match.end()))
            for match in matches_from(_ALL_PROCESSED, _ALL_PROCESSED_STARTS, text) if processed else ():
                if not index.memo(REQUEST_TOPIC, lambda: bool(REQUEST_TOPIC.search(text) or REQUEST_TOPIC.search(sentence.previous))):
                    continue
                ci, _ = index.clause(match.start(), match.end())
                if index.has(_NOT_REQUEST_CHANNELS, ci, match.end()):
                    continue
                out.append(Claim("all_processed", sentence, sentence.start + match.start(),
                                 sentence.start + match.end()))
    return out


# --- 共N条，其中a条、b条 ---------------------------------------------------------------------

_UNITS = r"人次|条|件|篇|个|项|次|场|份|期|家|名|人|封|部|批"
_WHOLE_THEN_PARTS = lazy_compile(atomic_spaces(
    rf"(?<![\d.])(?P<whole>\d{{1,15}})\s*(?P<unit>{_UNITS})\s*[,:(]?\s*(?:其中|内含)\s*(?:包括|包含|含)?\s*:?"
))
# One item of the list, matched whole (``fullmatch`` on its stripped range).
_PART = lazy_compile(atomic_spaces(rf"(?P<label>[^\d()%]*?)(?P<n>\d{{1,15}})\s*(?P<unit>{_UNITS})"))
# A list item starting with one of these is a new statement, not a part.
_NOT_A_PART = lazy_compile(
    r"^\s*(?:办结|答复|回复|结转|受理|收到|办理|处理|完成|转办|占|同比|环比|较|比|增|减|另|此外|还|并|"
    r"累计|共|合计|总计|全年|本年|其余|剩余|平均|均)"
)


# A part's label that compares or forecasts (同比增加5条, 计划完成5条) ends the list; a
# category whose name ends in 计划 (规划计划28条) is a part.
_PART_COMPARISON = lazy_compile(r"同比|环比|比上年|较上年|较去年|比去年|上年|去年|上一年|增加|减少|增长|下降|上升|预计|力争|^计划")


@dataclass(eq=False)
class PartsList:
    """A total and the parts listed after it in one sentence (``共N件，其中A件…B件``)."""
    sentence: Sentence
    whole: int
    unit_word: str
    parts: list[int]
    whole_span: tuple[int, int]  # indexes in unit.value
    parts_span: tuple[int, int]

    @property
    def unit(self) -> Unit:
        return self.sentence.unit


def _may_list_parts(text: str) -> bool:  # _WHOLE_THEN_PARTS holds 其中 or 内含
    return "其中" in text or "内含" in text


def parts_lists(units: list[Unit]) -> list[PartsList]:
    out: list[PartsList] = []
    for unit in units:
        value = unit.value
        if not _may_list_parts(value):
            continue
        spans = sentence_spans(value)
        for k, (a, b) in enumerate(spans):
            text = value[a:b]
            if not _may_list_parts(text):
                continue
            sentence = _sentence(unit, spans, k)
            index = SentenceIndex(text)
            for match in _WHOLE_THEN_PARTS.finditer(text):
                ci, _ = index.clause(match.start("whole"), match.end("whole"))
                if index.has(COMPARISON, ci, match.start("whole")):
                    continue
                unit_word = match.group("unit")
                opened = "(" in text[match.end("unit") : match.end()]
                k = match.end()
                end = index.next_char(";。!?" + (")" if opened else ""), k, len(text))
                parts: list[int] = []
                last_end = k
                pos = k
                # the items up to the first that is not a part, each read in place (no
                # split of the whole rest of the sentence per list: that was quadratic)
                while True:
                    sep = index.next_char(",、", pos, end)
                    a, b = pos, sep
                    while a < b and text[a].isspace():
                        a += 1
                    while b > a and text[b - 1].isspace():
                        b -= 1
                    m = _PART.fullmatch(text, a, b)
                    if not m or m.group("unit") != unit_word or _NOT_A_PART.match(m.group("label")):
                        break
                    if _PART_COMPARISON.search(m.group("label")):
                        break
                    parts.append(int(m.group("n")))
                    last_end = sep
                    if sep >= end:
                        break
                    pos = sep + 1
                if not parts:
                    continue
                out.append(
                    PartsList(
                        sentence,
                        int(match.group("whole")),
                        unit_word,
                        parts,
                        (sentence.start + match.start("whole"), sentence.start + match.end("unit")),
                        (sentence.start + k, sentence.start + last_end),
                    )
                )
    return out
