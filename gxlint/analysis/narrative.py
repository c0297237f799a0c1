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
from dataclasses import dataclass
from typing import Iterator

from gxlint.analysis.prose import ProseUnit
from gxlint.lazy_pattern import lazy_compile

# --- sentences ------------------------------------------------------------------------------

# A sentence ends here (normalised view: full-width ；！？ are folded to ASCII).
SENTENCE_END = "。;!?\n"
# A clause ends here.
CLAUSE_END = SENTENCE_END + ",:，：、"


# A prose unit: a paragraph or heading, or PDF-wrapped lines joined (gxlint.analysis.prose).
Unit = ProseUnit


@dataclass(eq=False)
class Sentence:
    unit: Unit
    start: int  # indexes into unit.value
    end: int
    previous: str = ""  # the preceding sentence of the same unit (topic context)

    @property
    def value(self) -> str:
        return self.unit.value[self.start : self.end]


_SENTENCE_ENDS = lazy_compile("[" + "".join(re.escape(ch) for ch in SENTENCE_END) + "]")
_DIGIT = lazy_compile(r"\d")  # every figure pattern needs one


def sentences(unit: Unit) -> Iterator[Sentence]:
    value = unit.value
    start = 0
    previous = ""
    for match in _SENTENCE_ENDS.finditer(value):
        i = match.start()  # start <= i always: every end closes a (possibly 1-char) sentence
        sentence = Sentence(unit, start, i + 1, previous)
        yield sentence
        previous = sentence.value
        start = i + 1
    if start < len(value):
        yield Sentence(unit, start, len(value), previous)


def clause_bounds(value: str, i: int, j: int) -> tuple[int, int]:
    """The clause around ``value[i:j]``: up to the nearest clause punctuation."""
    a = i
    while a > 0 and value[a - 1] not in CLAUSE_END:
        a -= 1
    b = j
    while b < len(value) and value[b] not in CLAUSE_END:
        b += 1
    return a, b


# A year written before a figure: a figure said of another year than the report's is not compared.
_YEAR = lazy_compile(r"((?:19|20)\d{2})\s*年")


# --- figures --------------------------------------------------------------------------------

_S = r"\s*"
# Words allowed between a concept and its number: 共, 合计, 数量为, 有, 了 …
_FILL = r"(?:\s*(?:共计|共|合计|总计|累计|总数|数量|数|为|达到|达|有|了|的|是))*\s*"
_N = r"(?P<n>\d+)"
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

# (concept key, pattern, mid-group check) in priority order: a number already taken by
# an earlier pattern is not taken again.
PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (key, lazy_compile(pattern))
    for key, pattern in (
        # 予以公开及部分公开42件 before 予以公开 / 部分公开 alone
        ("granted_or_partly", r"(?:予以|同意)?公开\s*(?:及|和|与|、|或|加)\s*部分公开\s*(?:答复)?" + _FILL + _N + _JIAN),
        ("partly_granted", r"(?<![及和与、或加])部分公开\s*(?:答复)?" + _FILL + _N + _JIAN),
        ("refused", r"(?:不予公开|同意不公开|(?<![予意])不公开)\s*(?:答复)?" + _FILL + _N + _JIAN),
        ("granted", r"(?<!部分)(?<![不])(?:予以公开|同意公开)(?!\s*(?:及|和|与|、|或|加)\s*部分)\s*(?:答复)?" + _FILL + _N + _JIAN),
        # 收到/受理…申请N件
        (
            "received",
            _NOT_NEGATED
            + r"(?:收到|受理|接收|接到|新收)(?:了)?\s*(?P<mid>[^\d,;:。!?]{0,30}?)(?:依申请公开(?:申请)?|申请)(?:件)?"
            + _FILL + _N + _JIAN,
        ),
        # 收到1件信息公开申请
        (
            "received",
            _NOT_NEGATED + r"(?:收到|受理|接收|接到|新收)(?:了)?" + _FILL + _N + _JIAN + _S + _APPLICATION
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
        ("fees", r"(?:行政事业性收费|收费)\s*(?:金额|总额|总金额)?" + _FILL + r"(?P<n>\d+(?:\.\d+)?)\s*万元"),
    )
)

# Clause words that mean the 收费 figure is not table 二's 行政事业性收费.
_NOT_FEES = lazy_compile(r"处理费|信息处理|减免|免收|免征|退还|退费|复印")


@dataclass(eq=False)
class Figure:
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


def _last_year_before(value: str) -> int | None:
    years = [int(m.group(1)) for m in _YEAR.finditer(value)]
    return years[-1] if years else None


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
        if not _DIGIT.search(value):  # no pattern can match (the skip is only a shortcut)
            continue
        for sentence in sentences(unit):
            text = sentence.value
            if not _DIGIT.search(text):
                continue
            taken: list[tuple[int, int]] = []
            for key, pattern in PATTERNS:
                concept = CONCEPTS[key]
                for match in pattern.finditer(text):
                    ni, nj = match.span("n")
                    if any(a < nj and ni < b for a, b in taken):
                        continue
                    if key == "received" and "mid" in match.groupdict() and match.group("mid"):
                        if OTHER_TOPICS.search(match.group("mid")):
                            continue
                    ci, cj = clause_bounds(text, match.start(), match.end())
                    before = text[ci:ni]
                    if COMPARISON.search(before):
                        continue
                    if key == "fees" and _NOT_FEES.search(text[ci:cj]):
                        continue
                    if ni > 0 and (text[ni - 1].isdigit() or text[ni - 1] == "."):
                        continue
                    mentioned = _last_year_before(text[:ni])
                    if year is not None and mentioned is not None and mentioned != year:
                        continue
                    if not _topic_ok(concept, sentence):
                        continue
                    digits = text[ni:nj]
                    number: int | float = float(digits) if concept.money else int(digits)
                    taken.append((ni, nj))
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
    kind: str  # "no_requests" | "no_review" | "no_litigation" | "all_processed"
    sentence: Sentence
    i: int  # the phrase's indexes in unit.value
    j: int

    @property
    def unit(self) -> Unit:
        return self.sentence.unit


_NEGATION = r"(?:未|没有|没|无|未曾)"
_NO_REQUESTS = lazy_compile(
    _NEGATION + r"\s*(?:收到|受理|接到|接收)(?:过)?(?:任何)?(?P<mid>[^\d,;:。!?]{0,25}?)申请"
)
_NO_APPEALS = lazy_compile(
    r"(?:(?:未|没有|未曾)\s*(?:收到|发生|出现|产生|涉及|有)|无(?!法|正当|关|论|需|须|误|一例))"
    r"(?P<mid>[^\d,;:。!?]{0,30}?)(?P<what>行政复议|行政诉讼|复议|诉讼)"
)
# What follows the concept in the clause when the claim is about a kind of outcome, not
# about the cases themselves (未发生行政复议被纠错的情况).
_OUTCOME_WORDS = lazy_compile(r"纠错|纠正|败诉|撤销|违法|被改变|被确认|赔偿|超期|逾期")
_ALL_PROCESSED = lazy_compile(
    r"(?:所有|全部)?\s*(?:申请)?\s*(?:均|都|全部|全)\s*(?:已经|已)\s*"
    r"(?:按照要求|按要求|按时|按期|依法|依规|按规定|在法定期限内|在规定时限内|在规定期限内)?\s*"
    r"(?:办结|办理完成|办理完毕|处理完毕|办理完结|完成办理|全部办结)"
)


def claims(units: list[Unit]) -> list[Claim]:
    out: list[Claim] = []
    for unit in units:
        for sentence in sentences(unit):
            text = sentence.value
            seen: set[tuple[str, int]] = set()
            for match in _NO_APPEALS.finditer(text):
                ci, cj = clause_bounds(text, match.start(), match.end())
                rest = text[match.start() : cj]
                if _OUTCOME_WORDS.search(rest):
                    continue
                if re.search(r"\d", text[ci:cj]):
                    continue  # 无…行政复议 with a number in the clause is not a claim of zero
                # every 复议 / 诉讼 named in the clause after the negation
                for kind, word in (("no_review", "复议"), ("no_litigation", "诉讼")):
                    k = rest.find(word)
                    if k >= 0 and (kind, ci) not in seen:
                        seen.add((kind, ci))
                        out.append(Claim(kind, sentence, sentence.start + match.start(),
                                         sentence.start + match.start() + k + len(word)))
            for match in _NO_REQUESTS.finditer(text):
                ci, cj = clause_bounds(text, match.start(), match.end())
                clause = text[match.start() : cj]
                if re.search(r"复议|诉讼", clause):
                    continue  # handled above as a claim about 复议/诉讼
                if OTHER_TOPICS.search(match.group("mid") or ""):
                    continue
                if re.search(r"\d", text[ci:cj]):
                    continue
                out.append(Claim("no_requests", sentence, sentence.start + match.start(),
                                 sentence.start + match.end()))
            for match in _ALL_PROCESSED.finditer(text):
                if not (REQUEST_TOPIC.search(text) or REQUEST_TOPIC.search(sentence.previous)):
                    continue
                ci, _ = clause_bounds(text, match.start(), match.end())
                if re.search(r"复议|诉讼|来信|留言|信箱|建议|提案|热线|投诉", text[ci : match.end()]):
                    continue
                out.append(Claim("all_processed", sentence, sentence.start + match.start(),
                                 sentence.start + match.end()))
    return out


# --- 共N条，其中a条、b条 ---------------------------------------------------------------------

_UNITS = r"人次|条|件|篇|个|项|次|场|份|期|家|名|人|封|部|批"
_WHOLE_THEN_PARTS = lazy_compile(
    rf"(?<![\d.])(?P<whole>\d+)\s*(?P<unit>{_UNITS})\s*[,:(]?\s*(?:其中|内含)\s*(?:包括|包含|含)?\s*:?"
)
_PART = lazy_compile(rf"^(?P<label>[^\d()%]*?)(?P<n>\d+)\s*(?P<unit>{_UNITS})$")
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
    sentence: Sentence
    whole: int
    unit_word: str
    parts: list[int]
    whole_span: tuple[int, int]  # indexes in unit.value
    parts_span: tuple[int, int]

    @property
    def unit(self) -> Unit:
        return self.sentence.unit


def parts_lists(units: list[Unit]) -> list[PartsList]:
    out: list[PartsList] = []
    for unit in units:
        if "其中" not in unit.value and "内含" not in unit.value:
            continue
        for sentence in sentences(unit):
            text = sentence.value
            for match in _WHOLE_THEN_PARTS.finditer(text):
                ci, _ = clause_bounds(text, match.start("whole"), match.end("whole"))
                if COMPARISON.search(text[ci : match.start("whole")]):
                    continue
                unit_word = match.group("unit")
                opened = "(" in text[match.end("unit") : match.end()]
                k = match.end()
                stop_chars = ";。!?" + (")" if opened else "")
                end = k
                while end < len(text) and text[end] not in stop_chars:
                    end += 1
                region = text[k:end]
                parts: list[int] = []
                last_end = k
                pos = k
                for item in re.split(r"([,、])", region):
                    if item in (",", "、"):
                        pos += len(item)
                        continue
                    stripped = item.strip()
                    m = _PART.match(stripped)
                    if not m or m.group("unit") != unit_word or _NOT_A_PART.match(m.group("label")):
                        break
                    if _PART_COMPARISON.search(m.group("label")):
                        break
                    parts.append(int(m.group("n")))
                    pos += len(item)
                    last_end = pos
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
