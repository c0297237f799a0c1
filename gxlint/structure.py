"""From a flat list of blocks to a report's structure: title, intro, sections, closing.

Readers produce blocks in reading order; this pass (shared by every format) recognises
the title, top-level headings by their ordinals (一、 / 一. / 1、 / Markdown headings),
sub-headings （一）, and groups blocks into :class:`gxlint.document.Section`.

All matching is done on the normalised view (Traditional → Simplified, full/half width,
pinyin annotations removed), so ``(一)總體情況`` and ``（一）总体情况`` are the same heading.

Helpers for rules: :data:`SECTION_TITLES`, :func:`canonical_section`,
:func:`is_standard_wording`, :func:`wording`, :func:`parse_heading`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from gxlint.document import LINEAR, Block, Document, Heading, Paragraph, Section, Table, Text
from gxlint.lazy_pattern import lazy_compile
from gxlint.normalize import normalize, normalize_str
from gxlint.numerals import cn_number

# The six sections of the 2021 format: canonical heading first, then the accepted
# variants named in the spec (compared on the compact normalised title).
SECTION_TITLES: dict[int, tuple[str, ...]] = {
    1: ("总体情况",),
    2: ("主动公开政府信息情况",),
    3: ("收到和处理政府信息公开申请情况",),
    4: (
        "政府信息公开行政复议、行政诉讼情况",
        "因政府信息公开工作被申请行政复议、提起行政诉讼情况",
        "政府信息公开行政复议和行政诉讼情况",
        "因政府信息公开工作被申请行政复议和提起行政诉讼情况",
    ),
    5: (
        "存在的主要问题及改进情况",
        "政府信息公开工作存在的主要问题及改进情况",
        "存在的主要问题及整改措施",
        "存在的主要问题和改进措施",
    ),
    6: ("其他需要报告的事项", "其他需要报告事项"),
}

# Looser wording that still names one of the six sections (older formats, small
# rewordings).  Deliberately narrow: promoted sub-topics such as 主动公开工作情况 or
# 政府信息管理 must not be taken for a standard section.
_SECTION_PATTERNS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (1, lazy_compile(r"^(?:总体情况|总体工作情况|工作总体情况|概述|概况|基本情况|基本工作情况|工作概述)$")),
    (2, lazy_compile(r"主动公开(?:的)?政府信息(?:的)?(?:工作)?情况|^主动公开政府信息$")),
    (3, lazy_compile(r"收到和?处理.{0,8}申请|^依申请公开(?:政府)?信息(?:的)?(?:工作)?情况")),
    (4, lazy_compile(r"复议.{0,8}诉讼")),  # also 行政法复议 (a typo seen in pingtan-2022)
    (5, lazy_compile(r"存在的?主要问题|存在(?:的)?问题(?:及|和|与)")),
    (6, lazy_compile(r"^其他需要(?:报告|说明|汇报)(?:的)?事项")),
)

# Row labels of table 三 that carry top-level ordinals; never section headings.
_TABLE_ROW_LABELS = lazy_compile(
    r"^(?:本年新收|上年结转|本年度办理结果|本年度办理|结转下年度|结转下一年度|本年度新收)"
)
# Labels of table 三's result groups, which look like （一）… sub-headings.
_TABLE_SUBLABELS = lazy_compile(
    r"^(?:予以公开|部分公开|不予公开|无法提供|不予处理|其他处理|总计)"
)

# Numbering at the start of a (normalised) line.  Full-width ．（） are folded to .() by
# the normalised view; 、 is kept.
_TOP = lazy_compile(
    r"^(?P<md>#{1,6}\s*)?(?:(?P<cn>[一二三四五六七八九十]{1,3})\s*(?P<cnsep>[、.])|"
    r"(?P<num>\d{1,2})\s*(?P<numsep>[、.])(?!\d))\s*"
)
_SUB = lazy_compile(r"^(?P<md>#{1,6}\s*)?\(\s*(?P<cn>[一二三四五六七八九十]{1,3})\s*\)\s*")
_MD = lazy_compile(r"^#{1,6}\s*")
_SENTENCE = lazy_compile(r"[。；;！？!?]")
# A table's caption (表二：主动公开政府信息情况, 附表3 …): a converter writes it as a heading
# of its own above the table, with its section's words, but it is not the section again.
_TABLE_CAPTION = lazy_compile(r"附?表[一二三四五六1-6]")
_ENDS_IN_DIGIT = lazy_compile(r"\d$")
_ENDS_IN_NUMBER = lazy_compile(r"\d\s*$")
_TRAIL_PUNCT = ":：。.,，;；"
_TITLE_PHRASE = lazy_compile(r"(?:政府|政务)?信息公开(?:工作)?(?:年度)?(?:工作)?报告$")
_TRAILING_DATE = lazy_compile(
    r"(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:\d{1,2}:\d{2}(?::\d{2})?)?|\d{4}年\d{1,2}月\d{1,2}日)$"
)
_DATE_LINE = lazy_compile(r"^\(?\d{4}年\d{1,2}月\d{1,2}日\)?$|^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}$")
_TITLE_TAIL_CHARS = frozenset("政府务信息公开工作年度报告")
_YEAR_FIRST = lazy_compile(r"^\d{4}年度?(?:政府|政务)?信息公开")
_AGENCY_END = lazy_compile(
    r"(?:政府|人民政府|办公室|办公厅|局|委员会|委|管委会|管理委员会|办事处|街道|中心|厅|镇|乡|署|院|所|站|部)$"
)


def _ordinal(value: str) -> int:
    """一 → 1 … 十 → 10, 十一 → 11, 二十 → 20; 0 for what is not a number."""
    return cn_number(value) or 0


def _compact(value: str) -> str:
    return normalize_str(value, drop_whitespace=True)


def _clean_title(compact: str) -> str:
    """The comparable form of a heading title: compact, trailing punctuation dropped."""
    return compact.rstrip(_TITLE_END)


_TITLE_END = _TRAIL_PUNCT + " "


def _title_str(heading: Block | str) -> str:
    if isinstance(heading, str):
        return _clean_title(_compact(heading))
    if isinstance(heading, Heading) and heading.title is not None:
        return _clean_title(heading.title.compact.value)
    parsed = parse_heading(heading.text)
    if parsed is not None:
        return _clean_title(parsed.title.compact.value)
    return _clean_title(heading.text.compact.value)


def canonical_section(heading: Block | str) -> int | None:
    """Which of the six standard sections a heading's title means (from its wording).

    The printed ordinal is ignored: ``三、存在的主要问题及整改措施`` → 5.  Accepts a
    :class:`Heading`, any block (its text is parsed) or a plain title string.
    """
    if type(heading) is Heading and heading.title is not None:
        # (most calls: rules ask about each section's heading, about 100 times a report)
        return _section_of_compact_title(heading.title.compact.value)
    title = _title_str(heading)
    if not title:
        return None
    return _section_of_title(title)


@lru_cache(maxsize=1024)
def _section_of_compact_title(compact: str) -> int | None:
    """:func:`canonical_section` of a heading whose title's compact view is ``compact``."""
    title = _clean_title(compact)
    return _section_of_title(title) if title else None


@lru_cache(maxsize=1024)
def _section_of_title(title: str) -> int | None:
    """:func:`canonical_section` of a cleaned title (the rules ask about the same headings
    many times: ~50 calls a report, each comparing every standard title)."""
    number = _canonical_titles().get(title)
    if number is not None:
        return number
    for number, pattern in _SECTION_PATTERNS:
        if pattern.search(title):
            return number
    return None


@lru_cache(maxsize=1)
def _canonical_titles() -> dict[str, int]:
    """Each standard title, cleaned, and the first section it names."""
    out: dict[str, int] = {}
    for number, titles in SECTION_TITLES.items():
        for candidate in titles:
            out.setdefault(_clean_title(_compact(candidate)), number)
    return out


def wording(heading: Block | str) -> str | None:
    """``"canonical"``, ``"variant"`` (an accepted variant), ``"other"`` (recognised by
    looser wording) or None (not one of the six sections)."""
    number = canonical_section(heading)
    if number is None:
        return None
    title = _title_str(heading)
    titles = [_clean_title(_compact(t)) for t in SECTION_TITLES[number]]
    if title == titles[0]:
        return "canonical"
    if title in titles[1:]:
        return "variant"
    return "other"


def is_standard_wording(heading: Block | str) -> bool:
    """True when the title is the canonical heading or one of the spec's accepted variants."""
    return wording(heading) in ("canonical", "variant")


# --- heading parsing -----------------------------------------------------------------


@dataclass
class ParsedHeading:
    """A heading line as read: its level, ordinal, numbering style and title."""
    level: int  # 1 top-level, 2 （一）
    ordinal: int
    numbering: str  # "一、", "一.", "一．", "1、", "1.", "（一）", "markdown"
    title: Text
    markdown: bool = False


def parse_heading(text: Text, *, markup: bool = False) -> ParsedHeading | None:
    """Parse a line as a top-level or second-level heading, or return None.

    ``markup`` says the reader already knows the block is a heading (HTML ``<h2>``,
    Markdown ``##``): then an unnumbered title naming a standard section is a section.
    """
    stripped = text.strip()
    value = stripped.value
    if not value or not _may_be_numbered(value) and not markup:
        return None
    shape = (_heading_shape_memo if len(value) <= _SHAPE_MEMO_LENGTH else _heading_shape)(value, markup)
    if shape is None:
        return None
    level, ordinal, numbering, lo, hi, markdown = shape
    # (the title is the stripped text's slice: what slicing and stripping it again gave)
    return ParsedHeading(level, ordinal, numbering, stripped[lo:hi], markdown=markdown)


def _heading_shape(value: str, markup: bool) -> tuple[int, int, str, int, int, bool] | None:
    """:func:`parse_heading` of a stripped line ``value`` as plain values: ``(level, ordinal,
    numbering, title start, title end, markdown)``, the title a range of ``value``, or None.
    Everything parse_heading decides depends on the line's string only (its views are the
    string's), so a heading that recurs (the six standard ones, in every report) is parsed once."""
    # Numbering and a run-in title sit at the start: normalise a prefix only, so long
    # paragraphs cost nothing (prefix indexes are indexes into ``value`` too).
    view = normalize(Text.verbatim(value[:_PREFIX], 0))
    view_value = view.value
    # most views keep every character in place: a view index is then the value's own
    in_place = view.origin_runs() is None
    match = _TOP.match(view_value)
    if match:
        b = match.end() if in_place else view.original_range(match.start(), match.end())[1]
        if len(value) - b > _PREFIX:  # a section title is short: a paragraph, not a heading
            return None
        lo, hi = _stripped_range(value, b, len(value))
        title_clean = _clean_title(normalize_str(value[lo:hi], drop_whitespace=True))
        if not title_clean or not _acceptable_top(title_clean, chinese=match.group("cn") is not None):
            return None
        if match.group("cn"):
            ordinal = _ordinal(match.group("cn"))
            sep_index = match.start("cnsep") if in_place else view.original_range(match.start("cnsep"), match.end("cnsep"))[0]
            numbering = "一" + value[sep_index]
        else:
            ordinal = int(match.group("num"))
            sep_index = match.start("numsep") if in_place else view.original_range(match.start("numsep"), match.end("numsep"))[0]
            numbering = "1" + value[sep_index]
        if numbering[-1] not in "、．":  # ASCII or other dot forms
            numbering = numbering[0] + "."
        return 1, ordinal, numbering, lo, hi, bool(match.group("md")) or markup
    match = _SUB.match(view_value)
    if match:
        b = match.end() if in_place else view.original_range(match.start(), match.end())[1]
        lo, hi = _stripped_range(value, b, len(value))
        title = _sub_title(value, lo, hi)
        if title is None:
            return None
        lo, hi = title
        title_value = value[lo:hi]
        title_clean = _clean_title(normalize_str(title_value, drop_whitespace=True))
        if (
            not title_clean
            or _TABLE_SUBLABELS.match(title_clean)
            or title_clean[0].isdigit()  # （二）2024年度…未收取…: a list item
            or _ENDS_IN_NUMBER.search(title_value)
        ):
            return None
        return 2, _ordinal(match.group("cn")), "（一）", lo, hi, bool(match.group("md"))
    if markup and len(value) <= 2 * _PREFIX:
        md = _MD.match(view_value)
        b = view.original_range(md.start(), md.end())[1] if md else 0
        lo, hi = _stripped_range(value, b, len(value))
        title_clean = _clean_title(normalize_str(value[lo:hi], drop_whitespace=True))
        number = canonical_section(title_clean)
        if number is not None and not _SENTENCE.search(value[lo:hi]) and not _TABLE_CAPTION.match(title_clean):
            return 1, number, "markdown", lo, hi, True
    return None


def _stripped_range(value: str, lo: int, hi: int) -> tuple[int, int]:
    """The range of ``value[lo:hi]`` stripped (what Text.strip keeps of that slice)."""
    part = value[lo:hi]
    content = part.strip()
    if not content:
        return lo, lo
    left = lo + len(part) - len(part.lstrip())
    return left, left + len(content)


# Headings are short; a longer line (a paragraph that starts with a number) is not kept.
_SHAPE_MEMO_LENGTH = 2 * 80 + 40
_heading_shape_memo = lru_cache(maxsize=2048)(_heading_shape)


_PREFIX = 80
_NUMBER_START = set("一二三四五六七八九十(（#＃0123456789０１２３４５６７８９⼀⼆⼗")


def _may_be_numbered(value: str) -> bool:
    first = value[0]
    return first in _NUMBER_START or "\u2f00" <= first <= "\u2fdf" or "\u3280" <= first <= "\u32ff"


# What _may_be_numbered tests, after any leading blanks (\s is what str.strip strips): one
# search, without a stripped copy of each paragraph.
_NUMBERED_START = lazy_compile(r"\s*[" + "".join(map(re.escape, sorted(_NUMBER_START))) + "\u2f00-\u2fdf\u3280-\u32ff]")
# Every first character _may_be_numbered accepts: a line not starting with one (or with a
# blank) cannot match _NUMBERED_START, told by a set look-up instead of a regex call (most
# blocks: about 2,500 instructions each).
_NUMBERED_FIRST = frozenset(_NUMBER_START) | frozenset(map(chr, range(0x2F00, 0x2FE0))) | frozenset(
    map(chr, range(0x3280, 0x3300)))


def _sub_title(value: str, lo: int, hi: int) -> tuple[int, int] | None:
    """``（一）主动公开情况。2023年…``: the sub-heading is the part of ``value[lo:hi]`` (the
    stripped rest after the numbering) before the first 。/： (a short run-in title); a long
    item without one is a list item, not a heading."""
    for i in range(lo, hi):
        if value[i] in "。：:；;":
            return _stripped_range(value, lo, i) if i - lo <= 30 else None
    return (lo, hi) if hi - lo <= 30 else None


def _acceptable_top(title: str, *, chinese: bool) -> bool:
    """Whether the text after a top-level ordinal reads like a section heading."""
    if _TABLE_ROW_LABELS.match(title):
        return False
    if _SENTENCE.search(title) or "，" in title or "," in title:
        return False
    if _ENDS_IN_DIGIT.search(title):  # a PDF table row: label followed by its numbers
        return False
    if "|" in title:
        return False
    known = canonical_section(title) is not None
    if known:
        return len(title) <= 40
    # Non-standard headings (corpus 005: 二、工作机制保障) only with Chinese ordinals,
    # and short: digits 1、 2、 number list items far more often than sections.
    return chinese and len(title) <= 20


def section_heading_number(text: Text) -> int | None:
    """For readers: the canonical section number if ``text`` is a numbered standard
    section heading (``三、收到和处理政府信息公开申请情况``), else None."""
    parsed = parse_heading(text)
    if parsed is None or parsed.level != 1:
        return None
    return canonical_section(_clean_title(parsed.title.compact.value))


# --- title ---------------------------------------------------------------------------


def _title_like(value: str) -> bool:
    compact = _clean_title(value)
    compact = _TRAILING_DATE.sub("", compact).rstrip(_TRAIL_PUNCT)
    if len(compact) > 80 or "。" in compact or "，" in compact:
        return False
    if compact.startswith(("根据", "现将", "本报告", "本年度报告", "按照", "依据")):
        return False
    return bool(_TITLE_PHRASE.search(compact)) and len(compact) > len("信息公开报告") - 1


def _find_title(blocks: list[Block], limit: int) -> tuple[Block | None, list[Block]]:
    candidates = [b for b in blocks[:limit] if not isinstance(b, Table)]
    for index, block in enumerate(candidates):
        compact = block.text.compact.value
        if _title_like(compact):
            lines = [block]
            # 甘谷县人民政府办公室 / 2024年政府信息公开工作年度报告: the agency is on
            # the line before a title that starts with its year.
            if index > 0 and _YEAR_FIRST.match(compact) and _agency_line(candidates[index - 1]):
                lines.insert(0, candidates[index - 1])
            return block, lines
        # A title broken over two lines: 〈agency〉2024年…信息公开工作 / 年度报告, or a
        # centred PDF title …2023年度政府 / 信息公开工作年度报告 (the second line is
        # title-like on its own, but only the start of the phrase wrapped).
        if index + 1 < len(candidates) and len(compact) <= 60 and "。" not in compact:
            joined = compact + candidates[index + 1].text.compact.value
            nxt = candidates[index + 1].text.compact.value
            if (len(nxt) <= 8 or set(nxt) <= _TITLE_TAIL_CHARS) and "报告" in nxt and _title_like(joined):
                return block, [block, candidates[index + 1]]
    return None, []


def _agency_line(block: Block) -> bool:
    value = _clean_title(block.text.compact.value)
    return 2 <= len(value) <= 30 and bool(_AGENCY_END.search(value)) and not _SENTENCE.search(value)


# --- the pass ------------------------------------------------------------------------


_new_object = object.__new__


def annotate(document: Document) -> None:
    """Fill ``document.title``, ``intro`` and ``sections`` from ``document.blocks``.

    Heading paragraphs in ``document.blocks`` are replaced by :class:`Heading` objects;
    markup headings (``Heading(level=0)``) are interpreted.  ``reader_notes`` gains
    ``"title_lines"`` (the block(s) forming the title, e.g. agency line + title line)
    and ``"closing"`` (agency/date lines after the last section).
    """
    blocks: list[Block] = []
    numbered, numbered_first = _NUMBERED_START.match, _NUMBERED_FIRST
    shape_memo = _heading_shape_memo
    seen_top = False
    for block in document.blocks:
        if type(block) is Paragraph:  # (most blocks: a line of prose, tested without isinstance calls)
            markup = False
        elif isinstance(block, Table):
            blocks.append(block)
            continue
        else:
            markup = False
            if isinstance(block, Heading):
                level = block.level
                if level > 0:
                    blocks.append(block)
                    seen_top = seen_top or level == 1
                    continue
                markup = level == 0
        text = block.text
        if not markup:  # what parse_heading tests first, without its call
            first = text.value[:1]
            if first not in numbered_first and not (first.isspace() and numbered(text.value)):
                blocks.append(block)
                continue
        # parse_heading's work, from the line's shape straight to the Heading (no ParsedHeading)
        stripped = text.strip()
        value = stripped.value
        if not value or not markup and not _may_be_numbered(value):
            blocks.append(block)
            continue
        shape = (shape_memo if len(value) <= _SHAPE_MEMO_LENGTH else _heading_shape)(value, markup)
        if shape is None or not (shape[0] == 1 or seen_top or markup):
            blocks.append(block)
            continue
        level, ordinal, numbering, lo, hi, _ = shape
        if lo < hi and stripped._at is None and stripped._wid == LINEAR:  # (stripped[lo:hi], without its call)
            title = _new_object(Text)
            title.value = value[lo:hi]
            title._src = stripped._src + lo
            title._views = None
        else:
            title = stripped[lo:hi]
        blocks.append(Heading(text, level, ordinal, numbering, title))
        seen_top = seen_top or level == 1
    document.blocks = blocks

    # Title: among the blocks before the first top-level heading (or the first few).
    first_top = next(
        (i for i, b in enumerate(blocks) if isinstance(b, Heading) and b.level == 1), len(blocks)
    )
    limit = min(first_top, 15) if first_top < len(blocks) else min(len(blocks), 15)
    title, title_lines = _find_title(blocks, limit)
    if title is None:
        # Markup title (<h1>, # …) not matched above because it carried no phrase?
        for block in blocks[:limit]:
            if isinstance(block, Heading) and block.level == 0 and _title_like(block.text.compact.value):
                title, title_lines = block, [block]
                break
    document.title = title
    if title_lines:
        document.reader_notes["title_lines"] = title_lines

    document.intro = [b for b in blocks[:first_top] if b is not title]
    sections: list[Section] = []
    for block in blocks[first_top:]:
        if isinstance(block, Heading) and block.level == 1:
            sections.append(Section(heading=block))
        elif sections:
            sections[-1].blocks.append(block)
    document.sections = sections
    closing = _closing(sections[-1]) if sections else []
    if closing:
        document.reader_notes["closing"] = closing


def _closing(section: Section) -> list[Block]:
    """The agency/date line(s) ending the last section, if any."""
    tail = section.blocks[-8:]
    for index in range(len(tail) - 1, -1, -1):
        block = tail[index]
        if isinstance(block, Table):
            return []
        value = _clean_title(block.text.compact.value)
        if _DATE_LINE.match(value) or (_TRAILING_DATE.search(value) and len(value) <= 40 and not _SENTENCE.search(value)):
            lines = [block]
            if index > 0 and not isinstance(tail[index - 1], Table) and _agency_line(tail[index - 1]):
                lines.insert(0, tail[index - 1])
            return lines
    return []


# --- report or not -------------------------------------------------------------------

_RAW_PHRASES = ("信息公开", "信息公開", "資訊公開", "政府信息")
_REPORT_PHRASES = lazy_compile(
    r"(?:政府|政务)信息公开|信息公开工作|本年新收政府信息|第二十条第\(|结果维持|结果纠正|尚未审结|"
    r"申请人情况|本年制发件数|本年处理决定数量|本年新制作数量|信息内容"
)


def looks_like_report(document: Document) -> bool:
    """False when the input has none of the signs of an annual report (GX004)."""
    for section in document.sections:
        if canonical_section(section.heading) is not None:
            return True
    raw = document.source.text
    if any(phrase in raw for phrase in _RAW_PHRASES):  # the common case, without normalising
        return True
    budget = 50_000  # characters: the signs appear early in any report
    for block in list(document.blocks) + list(document.furniture):
        texts: list[Text]
        if isinstance(block, Table):
            texts = [cell.text for cell in block.cells()]
        else:
            texts = [block.text]
        for text in texts:
            if _REPORT_PHRASES.search(text.compact.value):
                return True
            budget -= len(text)
        if budget <= 0:
            break
    return False


__all__ = [
    "SECTION_TITLES",
    "ParsedHeading",
    "annotate",
    "canonical_section",
    "cn_number",
    "is_standard_wording",
    "looks_like_report",
    "parse_heading",
    "section_heading_number",
    "wording",
]
