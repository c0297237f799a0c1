"""The matching view of a text, mapped back to the original.

Rules match labels and phrases on a canonical form of the text and report at the
original positions.  The view:

* converts Traditional to Simplified characters (OpenCC ``t2s``) plus the phrase fixes
  OpenCC misses (``覆議`` → ``复议``);
* folds full-width ASCII forms to ASCII and Kangxi radicals / CJK compatibility forms
  to the unified ideographs (NFKC, character by character);
* removes pinyin annotations leaked by mirror sites (``報(bào)告`` → ``报告``), but only
  where the letters are a plausible reading, so ``(一)`` or ``(单位:万元)`` stay;
* optionally drops all whitespace (labels wrapped or spaced out: ``国务 院``).

Each character of the view records the index of the original character it came from
(as runs, not per character), so ``Normalized.span(i, j)`` is the source span of a match.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from array import array
from functools import lru_cache
from itertools import accumulate, chain, compress, count, repeat
from operator import add
from typing import TYPE_CHECKING, Any, Callable, Iterable, Sequence

from gxlint.lazy_pattern import lazy_compile
from gxlint.regex_cache import compile_pattern
from gxlint.strided_runs import MIN_RUNS, strided_runs
from gxlint.t2s_changes import changed_by_t2s

if TYPE_CHECKING:  # pragma: no cover
    from gxlint.document import Span, Text

# Phrases OpenCC's t2s leaves in a form the templates do not use.
PHRASE_FIXES = {
    "覆议": "复议",
    "覆核": "复核",
    "檔案": "文件",
    "档案": "档案",
}

# Characters NFKC would fold that we want to keep as they are (they carry meaning in
# the templates, or NFKC expands them into several characters).
_KEEP = set("“”‘’〔〕﹝﹞【】《》〈〉、。·—…")

# Pinyin syllables: letters with or without tone marks, as leaked after a character.
_PINYIN_LETTERS = "a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
PINYIN_ANNOTATION = lazy_compile(rf"([\u3400-\u9fff])\(([{_PINYIN_LETTERS}]{{1,6}})\)")


class Normalized:
    """A normalised string whose characters map to indexes of the original text.

    The map is kept as linear runs (view ``at[r] + d`` ← original ``src[r] + d``), or as
    nothing at all when the view keeps every character in place (the usual case).
    """

    __slots__ = ("value", "_at", "_src", "text")

    def __init__(self, value: str, origin: "OriginRuns | None", text: "Text") -> None:
        self.value = value
        self._at, self._src = origin if origin is not None else (None, None)
        self.text = text

    def __len__(self) -> int:
        return len(self.value)

    def __str__(self) -> str:
        return self.value

    def __repr__(self) -> str:
        return f"Normalized({self.value!r})"

    def origin_runs(self) -> "OriginRuns | None":
        """The map as ``(at, src)`` runs (see the class), or None when every character
        stays in place; never to be modified."""
        return None if self._at is None else (self._at, self._src)

    def origin_at(self, i: int) -> int:
        """Index into the original text of view character ``i`` (``0 <= i < len``)."""
        at = self._at
        if at is None:
            return i
        r = bisect.bisect_right(at, i) - 1
        return self._src[r] + (i - at[r])

    @property
    def origin(self) -> list[int]:
        """``origin[i]`` = index into ``text.value`` (built on each access: prefer ``origin_at``)."""
        if self._at is None:
            return list(range(len(self.value)))
        out: list[int] = []
        at, src, n = self._at, self._src, len(self.value)
        for r in range(len(at)):
            end = at[r + 1] if r + 1 < len(at) else n
            out.extend(range(src[r], src[r] + end - at[r]))
        return out

    def view_index(self, original: int) -> int:
        """The first view position whose original index is at least ``original``."""
        at = self._at
        if at is None:
            return max(0, min(original, len(self.value)))
        src = self._src
        r = bisect.bisect_right(src, original) - 1
        if r < 0:
            return 0
        end = at[r + 1] if r + 1 < len(at) else len(self.value)
        return at[r] + min(end - at[r], original - src[r])

    def original_range(self, i: int, j: int) -> tuple[int, int]:
        """The range of original-text indexes behind view characters ``[i, j)``."""
        n = len(self.value)
        if n == 0:
            return 0, 0
        i = max(0, min(i, n))
        j = max(i, min(j, n))
        if i == j:
            at = self.origin_at(i) if i < n else self.origin_at(n - 1) + 1
            return at, at
        return self.origin_at(i), self.origin_at(j - 1) + 1

    def span(self, i: int = 0, j: int | None = None) -> "Span":
        if j is None:
            j = len(self.value)
        a, b = self.original_range(i, j)
        return self.text.span(a, b)


# Linear runs of a view's map: ``(at, src)`` arrays (see :class:`Normalized`).
OriginRuns = tuple[array, array]


# _spaceless_runs splits at most about this many characters at once: str.split lists every
# stretch between spaces (a string object each), which for a whole page or stream at once
# was a byte of memory and more a character of the input (issue 9's bound)
_SPLIT_PIECE = 1 << 14


def _spaceless_runs(folded: str, lo: int, hi: int, view_start: int, offset: int,
                    at: array, src: array) -> int:
    """Append to ``at``/``src`` the runs of ``folded[lo:hi]`` without its spaces, its view
    placed at ``view_start``, character ``i`` of ``folded`` coming from text index
    ``i + offset``: one run per stretch between spaces.  Found with ``str.split`` and
    running sums in C, a piece of whole stretches at a time (a loop over the stretches in
    Python was a sixth of a megabyte's lint).  No run continues the one before: a space
    lies between them in the text.  Returns the view's length after them."""
    pos = lo
    while pos < hi:
        end = hi
        if hi - pos > _SPLIT_PIECE:  # up to a space after the next _SPLIT_PIECE characters
            end = folded.find(" ", pos + _SPLIT_PIECE, hi) + 1
            if not end:  # none there: up to the last space, or the rest is one stretch
                end = folded.rfind(" ", pos, hi) + 1
                if not end:
                    at.append(view_start)
                    src.append(pos + offset)
                    return view_start + hi - pos
        piece = folded if pos == 0 and end == len(folded) else folded[pos:end]
        lengths = list(map(len, piece.split(" ")))
        starts = list(accumulate(lengths, initial=view_start))  # where each stretch starts in the view
        # stretch k starts k spaces further on in the text than in the view
        at.extend(compress(starts, lengths))
        src.extend(compress(map(add, starts, count(pos + offset - view_start)), lengths))
        view_start += len(piece) - len(lengths) + 1  # (the piece less its spaces)
        pos = end
    return view_start


def _without_spaces(folded: str, keep: OriginRuns) -> OriginRuns:
    """The runs of ``folded`` without its spaces, mapped through ``keep`` (``folded``'s own
    runs): each of ``keep``'s runs cut at its spaces (a run of ``keep`` never continues
    the one before, so neither do the pieces of two of them)."""
    keep_at, keep_src = keep
    at = array("i")
    src = array("i")
    length = 0
    ends = chain(keep_at[1:], (len(folded),))
    for start, end, original in zip(keep_at, ends, keep_src):
        if folded.find(" ", start, end) >= 0:
            length = _spaceless_runs(folded, start, end, length, original - start, at, src)
        elif end > start:
            at.append(length)
            src.append(original)
            length += end - start
    return at, src


@lru_cache(maxsize=1)
def t2s_converter() -> Any:
    """OpenCC's t2s converter, loaded on first use (its dictionaries take 7–20 ms)."""
    import opencc  # lazy: only texts with Traditional characters need it

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if ch in _KEEP or ch < "\u00a0":
        return ch
    if ch == "\u3000" or ch == "\u00a0":
        return " "
    folded = unicodedata.normalize("NFKC", ch)
    # Keep single-character folds only: ㈠ → (一) would shift label alignment.
    return folded if len(folded) == 1 else ch


@lru_cache(maxsize=4096)
def is_reading(letters: str) -> bool:
    """True if ``letters`` looks like a pinyin syllable (not an English word or unit)."""
    plain = unicodedata.normalize("NFD", letters)
    plain = "".join(c for c in plain if not unicodedata.combining(c)).replace("ü", "v")
    return bool(_SYLLABLE.fullmatch(plain))


_SYLLABLE = lazy_compile(
    r"(?:[bpmfdtnlgkhjqxrzcsyw]|zh|ch|sh)?"
    r"(?:a|ai|an|ang|ao|e|ei|en|eng|er|i|ia|ian|iang|iao|ie|in|ing|iong|iu|o|ong|ou|"
    r"u|ua|uai|uan|uang|ue|ui|un|uo|v|ve|van|vn|n|ng|m)"
)


def has_traditional(value: str) -> bool:
    """Cheap test whether :func:`to_simplified` would change anything: a character OpenCC's
    t2s can change (:mod:`gxlint.t2s_changes`, exact) or a phrase of ``PHRASE_FIXES``."""
    changes = changed_by_t2s()
    if changes is None or not changes.isdisjoint(value):
        return True
    return not _PHRASE_FIX_STARTS.isdisjoint(value) and any(wrong in value for wrong in PHRASE_FIXES)


# the first characters of the phrases to fix: a cheap test before looking for the phrases
_PHRASE_FIX_STARTS = frozenset(wrong[0] for wrong, right in PHRASE_FIXES.items() if wrong != right)

# Common characters that exist only in Traditional writing: what GX508 counts to tell a
# page written (or converted) in Traditional characters.  Not the test for running OpenCC
# (that is has_traditional): some of these (查, 核, 源) OpenCC leaves as they are.
TRADITIONAL_MARKERS = frozenset(
    "報據國開關條辦處與為這個們會說時對業務機構發動請書號規範應屬於產區縣鄉鎮門網絡"
    "計總數權訴訟議維護經濟設實現辦結據聯絡電話郵編簡稱範圍點擊閱讀網頁來源編輯審核體"
    "資訊決訂義務歲戶錄證療災衛補償項層專職們隨麼務處覆議濟檢查統評價與單並從億萬"
    # headings and table labels in isolation (問題, 進, 況, 結轉 …) must convert too
    "問題進況當對確監續將實還這現達過運違選際險雜難電須頁順預領顯驗體點黨區參發變號"
    "嚴團圖執堅場壓獎專導屬層帶廣廢從態據擴斷時書會條來東業極構標樣權機歸氣無環產"
    "畫盡稅積穩節範簡紀約級組細結絕經綜維網線練績縣繼聯聽職臨興舊術製複親觀規視計"
    "認討記訪設許診識詞試詳語誤請調談論證護讀讓負財責貫費資質購車較輸辦農進邊郵鄉"
    "鐵間隊類決據糾維複後處轉繳納補護託彙編審圍錯誤況復舉薦災賬臺灣幹週誌證準"
)


def to_simplified(value: str) -> str:
    if not has_traditional(value):
        return value
    if len(value) <= _CACHE_MAX_LENGTH:
        return _simplified_memo(value)
    return _simplified(value)


def _simplified(value: str) -> str:
    changes = changed_by_t2s()
    if changes is None or not changes.isdisjoint(value):  # else OpenCC would return it unchanged
        converted = t2s_converter().convert(value)
        if len(converted) != len(value):  # phrase conversion changed lengths: go char by char
            converted = "".join(t2s_converter().convert(ch) for ch in value)
    else:
        converted = value
    return _with_phrases_fixed(converted)


def _with_phrases_fixed(converted: str) -> str:
    """OpenCC's output with the phrases of ``PHRASE_FIXES`` put right."""
    for wrong, right in PHRASE_FIXES.items():
        if wrong in converted:
            converted = converted.replace(wrong, right)
    return converted


def _build_fold_table() -> dict[int, str]:
    """One-to-one folds as a ``str.translate`` table (widths, Kangxi, compatibility forms)."""
    table: dict[int, str] = {}
    ranges = [(0x00A0, 0x0100), (0x2000, 0x2070), (0x2E80, 0x2FE0), (0x3000, 0x3040),
              (0xF900, 0xFB00), (0xFE10, 0xFE70), (0xFF00, 0xFFF0)]
    for low, high in ranges:
        for cp in range(low, high):
            ch = chr(cp)
            folded = " " if ch.isspace() else _fold_char(ch)
            if folded != ch:
                table[cp] = folded
    for ch in "\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\u2028\u2029":
        table[ord(ch)] = " "
    return table


# Filled by the first normalisation (building it at import would cost start-up).
_FOLD_TABLE: dict[int, str] = {}
_FOLD_CHARS: dict[str, str] = {}  # the same folds by character
_FOLDABLE: list["re.Pattern[str]"] = []  # one character class of _FOLD_CHARS; then the same without "\n"
_FOLD_TABLE_LINES: dict[int, str] = {}  # _FOLD_TABLE without "\n"
# Past this many distinct foldable characters in one string, str.translate does the rest
# (each replacement is a pass over the string).
_FOLD_BY_REPLACE = 24


def _fold(value: str, keep_newlines: bool = False) -> str:
    """``value.translate(_FOLD_TABLE)``, made faster: str.translate looks every character
    up in the table (about 0.1 µs a character, most of the cost of a report's views),
    while a text holds a handful of distinct foldable characters (line breaks, the table
    stream's separators, full-width punctuation), each replaced here in one C pass.  No
    fold yields a foldable character, so the replacements do not interact.
    ``keep_newlines``: every character but ``"\n"`` folded (lines joined, each folded)."""
    if not _FOLD_TABLE:
        _FOLD_TABLE.update(_build_fold_table())
        _FOLD_CHARS.update((chr(cp), out) for cp, out in _FOLD_TABLE.items())
        _FOLDABLE.append(compile_pattern("[" + "".join(re.escape(ch) for ch in sorted(_FOLD_CHARS)) + "]"))
        _FOLDABLE.append(compile_pattern("[" + "".join(re.escape(ch) for ch in sorted(_FOLD_CHARS) if ch != "\n") + "]"))
        _FOLD_TABLE_LINES.update((cp, out) for cp, out in _FOLD_TABLE.items() if cp != ord("\n"))
    search = _FOLDABLE[keep_newlines].search
    match = search(value)
    done = 0
    while match is not None:
        if done == _FOLD_BY_REPLACE:
            return value.translate(_FOLD_TABLE_LINES if keep_newlines else _FOLD_TABLE)
        ch = match.group()
        value = value.replace(ch, _FOLD_CHARS[ch])  # same length: positions hold
        done += 1
        match = search(value, match.end())
    return value


def normalized_lines(text: str, starts: Sequence[int],
                     simplified: "Callable[[], tuple[str, Sequence[int]]] | None" = None) -> tuple[str, Sequence[int]]:
    """What the lines of ``text`` (split at ``"\n"``; ``starts``: where each starts) normalise
    to, joined again with ``"\n"``, and where each starts in that (``starts`` itself when
    every line kept its length).  Folding maps each character on its own, so the whole text
    is folded at once; only the lines that hold a pinyin annotation or a character the
    Simplified conversion may change (found by regex scans) are normalised one by one.
    Where that is many lines (a text in Traditional characters) the lines are made
    Simplified at once (:func:`simplified_lines`, or ``simplified()``, which gives the same
    and is called only then: it may pass ``many=True``), folded at once, and only those with
    a pinyin annotation are normalised one by one."""
    special = _lines_needing_more(text, starts)
    if special is None:
        return _normalized_simplified_lines(text, starts, simplified)
    folded = _fold(text, keep_newlines=True)
    if not special:
        return folded, starts
    return _with_lines_replaced(folded, text, starts, sorted(special), normalized_value)


def _with_lines_replaced(joined: str, text: str, starts: Sequence[int], lines: "Iterable[int]",
                         view: "Callable[[str], str]", joined_starts: Sequence[int] | None = None) -> tuple[str, Sequence[int]]:
    """``joined`` (lines of ``text`` made into others, at ``joined_starts``, by default the
    same places as in ``text``) with each of ``lines`` (ascending) replaced by ``view`` of
    its string in ``text``, and where each line starts then."""
    if joined_starts is None:
        joined_starts = starts
    pieces: list[str] = []
    changed: list[tuple[int, int]] = []  # (line, its change of length), of the lines whose length changed
    pos = 0
    count = len(starts)
    for k in lines:
        a = starts[k]
        b = starts[k + 1] - 1 if k + 1 < count else len(text)
        ja = joined_starts[k]
        jb = joined_starts[k + 1] - 1 if k + 1 < count else len(joined)
        line_view = view(text[a:b])
        if len(line_view) != jb - ja:
            changed.append((k, len(line_view) - (jb - ja)))
        pieces.append(joined[pos:ja])
        pieces.append(line_view)
        pos = jb
    pieces.append(joined[pos:])
    out = "".join(pieces)
    if not changed:
        return out, joined_starts
    return out, _moved_starts(joined_starts, changed)


def _moved_starts(starts: Sequence[int], changed: list[tuple[int, int]]) -> array:
    """Where each line starts once the lines ``changed`` (``(line, change of its length)``,
    ascending) changed length: each start moved by the changes of the lines before it, their
    running sum added in C (splitting the text anew to measure every line took twice as
    long on a big text, and made a string a line)."""
    moves = [0] * len(starts)
    for k, change in changed:
        if k + 1 < len(moves):
            moves[k + 1] = change
    return array("i", map(add, starts, accumulate(moves)))


def line_starts_of(text: str) -> array:
    """Where each line of ``text`` (split at ``"\n"``) starts (lengths summed in C)."""
    return array("i", map(add, accumulate(chain((0,), map(len, text.split("\n")[:-1]))), count()))


def _normalized_simplified_lines(text: str, starts: Sequence[int],
                                 simplified: "Callable[[], tuple[str, Sequence[int]]] | None") -> tuple[str, Sequence[int]]:
    """:func:`normalized_lines` of a text many of whose lines the Simplified conversion may
    change: a line's view is the fold of its Simplified form unless a pinyin annotation is
    taken out of it first (those lines are normalised one by one)."""
    plain, plain_starts = simplified() if simplified is not None else simplified_lines(text, starts, many=True)
    folded = _fold(plain, keep_newlines=True)
    annotated: set[int] = set()
    if "(" in text:
        _mark_lines(PINYIN_SIGN, text, starts, annotated)
    if not annotated:
        return folded, plain_starts
    return _with_lines_replaced(folded, text, starts, sorted(annotated), normalized_value, plain_starts)


# Text converted by OpenCC at once, a piece of whole lines of about this many characters at
# a time (the converter's buffers: several bytes a character)
_CONVERT_PIECE = 1 << 16


def simplified_lines(text: str, starts: Sequence[int], many: bool = False) -> tuple[str, Sequence[int]]:
    """``"\n".join(to_simplified(line) for line in text.split("\n"))`` and where each line
    starts in it (``starts`` itself when every line kept its length; ``text`` itself when
    none changed).  A few lines to change are converted one by one; many (a text in
    Traditional characters) at once, a piece of whole lines at a time: OpenCC's segmentation
    never reaches across a newline (no dictionary key holds one, nor does a phrase of
    PHRASE_FIXES), so a piece converts to its lines' conversions joined, unless a line's
    length changed (then to_simplified converts that line character by character: the
    piece's lines are converted one by one).  ``many``: the caller knows that more than one
    line in sixteen may change (:func:`normalized_lines` found so): they are not counted again."""
    special = None if many else _lines_needing_more(text, starts, pinyin=False)
    if special is not None:
        out, out_starts = _with_lines_replaced(text, text, starts, sorted(special), to_simplified) if special else (text, starts)
        return (text, starts) if out == text else (out, out_starts)
    pieces: list[str] = []
    same_lengths = True
    pos = 0
    size = len(text)
    while pos <= size:
        cut = text.find("\n", pos + _CONVERT_PIECE) if size - pos > _CONVERT_PIECE else -1
        end = size if cut < 0 else cut
        piece = text[pos:end]
        converted = _simplified_piece(piece)
        same_lengths = same_lengths and len(converted) == len(piece)
        pieces.append(converted)
        pos = end + 1
    out = "\n".join(pieces)
    if out == text:
        return text, starts
    return out, starts if same_lengths else line_starts_of(out)


def _simplified_piece(piece: str) -> str:
    """The lines of ``piece`` made Simplified (to_simplified each), joined again."""
    converted = t2s_converter().convert(piece) if piece else piece
    if len(converted) != len(piece) or list(map(len, converted.split("\n"))) != list(map(len, piece.split("\n"))):
        return "\n".join(map(to_simplified, piece.split("\n")))  # a line changed its length
    return _with_phrases_fixed(converted)


def _lines_needing_more(text: str, starts: Sequence[int], pinyin: bool = True) -> set[int] | None:
    """The lines of ``text`` whose view is more than their fold (see :func:`normalized_lines`):
    those with a character t2s can change, a phrase of ``PHRASE_FIXES`` or (``pinyin``) a
    pinyin sign; None when that is more than one in sixteen (or all: no list of t2s
    characters), where the whole text converted costs less than finding them."""
    changes = changed_by_t2s()
    if changes is None:  # every line through OpenCC
        return None
    found: set[int] = set()
    if not _mark_lines(_t2s_sign(), text, starts, found, len(starts) // 16):
        return None
    if has_astral(text):  # a character beyond the plane: is it one t2s changes?
        for match in _ASTRAL.finditer(text):
            if match.group() in changes:
                found.add(bisect.bisect_right(starts, match.start()) - 1)
    if any(first in text for first in _PHRASE_FIX_STARTS):  # (覆 is common: 覆盖)
        mark_lines_holding(_PHRASE_FIX_WRONG, text, starts, found)
    if pinyin and "(" in text:
        _mark_lines(PINYIN_SIGN, text, starts, found)
    return found


def _mark_lines(pattern: "re.Pattern[str]", text: str, starts: Sequence[int], found: set[int],
                limit: int | None = None) -> bool:
    """Add to ``found`` the lines of ``text`` where ``pattern`` matches (a search a line at
    most: after a match the scan goes on at the next line); False, part done, once more than
    ``limit`` are found."""
    search = pattern.search
    last = len(starts) - 1
    pos = 0
    while True:
        match = search(text, pos)
        if match is None:
            return True
        k = bisect.bisect_right(starts, match.start()) - 1
        found.add(k)
        if limit is not None and len(found) > limit:
            return False
        if k >= last:
            return True
        pos = starts[k + 1]


def mark_lines_holding(words: "Iterable[str]", text: str, starts: Sequence[int], found: set[int]) -> None:
    """Add to ``found`` the lines of ``text`` (lines starting at ``starts``) holding one of
    ``words`` (no newline in any), each found with str.find from the next line on (a scan
    of their alternation tries the whole text at 5 ns a character, str.find skips along at
    under 1)."""
    last = len(starts) - 1
    for word in words:
        pos = text.find(word)
        while pos >= 0:
            k = bisect.bisect_right(starts, pos) - 1
            found.add(k)
            if k >= last:
                break
            pos = text.find(word, starts[k + 1])


_ASTRAL_PIECE = 1 << 16  # characters encoded at a time by has_astral


def has_astral(text: str) -> bool:
    """Whether ``text`` holds a character beyond the Basic Multilingual Plane: one that UTF-16
    encodes in two units (the encoding is a C pass under 1 ns a character, a regex class
    of the range 5 ns; a piece at a time, so that no copy of a big text is made)."""
    for k in range(0, len(text), _ASTRAL_PIECE):
        piece = text[k:k + _ASTRAL_PIECE]
        if len(piece.encode("utf-16-le", "surrogatepass")) != 2 * len(piece):
            return True
    return False


# Where PINYIN_ANNOTATION matches, found from its "(", a literal the search skips to (the
# annotation's own pattern, which starts at the character before it, tries every Chinese one):
# its matches are the annotation's, each without its character (group 1: the letters).
PINYIN_SIGN = lazy_compile(rf"\((?<=[\u3400-\u9fff]\()([{_PINYIN_LETTERS}]{{1,6}})\)")
_ASTRAL = lazy_compile("[\U00010000-\U0010ffff]")
_PHRASE_FIX_WRONG = tuple(wrong for wrong, right in PHRASE_FIXES.items() if wrong != right)


@lru_cache(maxsize=1)
def _t2s_sign() -> "re.Pattern[str]":
    """A class of the Basic Multilingual Plane characters t2s can change (a table lookup a
    character; the few hundred beyond the plane would make the class a list to go through)."""
    changes = changed_by_t2s() or ()
    # re.escape works a character at a time: one call on the joined class is the same text
    return compile_pattern("[" + re.escape("".join(sorted(ch for ch in changes if ch <= "\uffff"))) + "]")


def normalized_value(value: str) -> str:
    """``normalize(text).value`` for a text whose string is ``value`` (the view depends on
    the string only), without the :class:`Normalized` and its map."""
    return (_cached_view if len(value) <= _CACHE_MAX_LENGTH else _long_view)(value, False)[0]


def normalize(text: "Text", *, drop_whitespace: bool = False, shared: bool = True) -> Normalized:
    """The view of ``text``; ``shared=False`` for a long string no other text holds (a table
    stream, joined once): its view is not kept for sharing after the caller drops it."""
    value = text.value
    if len(value) <= _CACHE_MAX_LENGTH:
        folded, origin = _cached_view(value, drop_whitespace)
    else:
        folded, origin = (_long_view if shared else _unshared_long_view)(value, drop_whitespace)
    return Normalized(folded, origin, text)


def _long_view(value: str, drop_whitespace: bool) -> tuple[str, "OriginRuns | None"]:
    """The view of a long string, shared by the texts that hold the same one (a one-line
    page is a block, a line and a table stream's piece at once): each view of a hostile
    line costs a few times its size.  Only the last few are kept."""
    key = (value, drop_whitespace)
    view = _long_views.get(key)
    if view is None:
        view = _unshared_long_view(value, drop_whitespace)
        if len(_long_views) >= 4:
            del _long_views[next(iter(_long_views))]
        _long_views[key] = view
    return view


_long_views: dict[tuple[str, bool], tuple[str, "OriginRuns | None"]] = {}


def _unshared_long_view(value: str, drop_whitespace: bool) -> tuple[str, "OriginRuns | None"]:
    """The view of a long string, made anew (in pieces past two; runs that repeat as strides)."""
    view = (_view if len(value) <= 2 * _PIECE_LENGTH else _view_in_pieces)(value, drop_whitespace)
    if view[1] is not None and len(view[1][0]) >= MIN_RUNS:  # a run per few characters
        view = view[0], strided_runs(*view[1]) or view[1]
    return view


# A longer string's view is built a piece of about this many characters at a time (issues
# 8 and 9: cutting out the pinyin of a whole table stream listed every kept piece, 28
# bytes a character at once).
_PIECE_LENGTH = 1 << 13
_WHITESPACE = lazy_compile(r"\s")


def _view_in_pieces(value: str, drop_whitespace: bool) -> tuple[str, "OriginRuns | None"]:
    """``_view(value, drop_whitespace)``, the same string and runs, built piece by piece.

    Each piece ends after a whitespace character, and no step of a view reaches across one:
    a pinyin annotation holds none, nor does any key of OpenCC's t2s dictionaries or of
    PHRASE_FIXES (so its segmentation restarts after one; tested on the installed
    dictionaries), folding and dropping spaces go character by character.  Runs that
    continue across a join are merged, so the runs are the maximal ones, as ``_view``
    gives."""
    views: list[str] = []
    at = array("i")
    src = array("i")
    length = 0
    start = 0
    size = len(value)
    while start < size:
        end = size
        if size - start > 2 * _PIECE_LENGTH:
            space = _WHITESPACE.search(value, start + _PIECE_LENGTH)
            if space is not None:
                end = space.end()
        view, origin = _view(value[start:end], drop_whitespace)
        piece_at, piece_src = origin if origin is not None else ((0,), (0,)) if view else ((), ())
        if piece_at:
            # a piece's runs are maximal: only its first can continue the last run so far
            a, s = length + piece_at[0], start + piece_src[0]
            first = 1 if at and src[-1] + (a - at[-1]) == s else 0
            at.extend(map(add, piece_at[first:], repeat(length)))
            src.extend(map(add, piece_src[first:], repeat(start)))
        views.append(view)
        length += len(view)
        start = end
    joined = "".join(views)
    if length == size and len(at) <= 1:  # every character in place: no map, as _view gives
        return joined, None
    return joined, (at, src)


# Views depend on the string only; the same lines and labels are normalised many times
# (each rule module builds its own Text objects).  The origin runs are shared between
# Normalized objects: they are never mutated.
_CACHE_MAX_LENGTH = 4096


def _view(value: str, drop_whitespace: bool) -> tuple[str, "OriginRuns | None"]:
    if drop_whitespace:
        folded, keep = (_cached_view if len(value) <= _CACHE_MAX_LENGTH else _view)(value, False)
        if " " not in folded:
            return folded, keep
        if keep is None:  # each piece between spaces is one run of its own
            at, src = array("i"), array("i")
            _spaceless_runs(folded, 0, len(folded), 0, 0, at, src)
            return folded.replace(" ", ""), (at, src)
        return folded.replace(" ", ""), _without_spaces(folded, keep)
    # 1. pinyin annotations out (the kept pieces recorded)
    keep: OriginRuns | None = None
    stripped = value
    if "(" in value:
        parts: list[str] = []
        # the kept pieces' runs: each piece is a run of its own (an annotation lies between
        # two, and none is empty: a Chinese character comes before each "(")
        at = array("i")
        src = array("i")
        length = 0
        last = 0
        # (PINYIN_ANNOTATION's matches, found from their "(": see PINYIN_SIGN)
        for match in PINYIN_SIGN.finditer(value):
            start, end = match.span()  # "(" to ")"
            if not is_reading(value[start + 1 : end - 1]):
                continue
            parts.append(value[last:start])
            at.append(length)
            src.append(last)
            length += start - last
            last = end
        if parts:
            if last < len(value):
                parts.append(value[last:])
                at.append(length)
                src.append(last)
            stripped = "".join(parts)
            keep = at, src
    # 2. Traditional → Simplified (length-preserving by construction)
    simplified = to_simplified(stripped)
    # 3. width / compatibility folding (one-to-one), whitespace to a plain space
    return _fold(simplified), keep


# A line is made Simplified for its matching view and again by GX508: one OpenCC call.
_simplified_memo = lru_cache(maxsize=8192)(_simplified)
_cached_view = lru_cache(maxsize=16384)(_view)


@lru_cache(maxsize=8192)
def normalize_str(value: str, *, drop_whitespace: bool = False) -> str:
    """Normalise a plain string (labels, lexicon entries) the same way as texts."""
    view = _cached_view if len(value) <= _CACHE_MAX_LENGTH else _view
    return view(value, drop_whitespace)[0]
