"""The document tree: one format-agnostic model for every input.

Everything a rule sees is *located*: each character of every text knows the span of
source characters it came from, so a finding made on any view of the text (stripped,
normalised, joined across ``<span>``s) points back at the real place in the file.

Offsets are character offsets into :attr:`Source.text` (the decoded file).  Lines and
columns are computed only when a diagnostic is printed (:meth:`Source.position`).
"""

from __future__ import annotations

import bisect
from array import array
from dataclasses import dataclass, field
from itertools import accumulate, repeat
from operator import add, eq, sub
from typing import Iterable, Iterator, Sequence

from gxlint.normalize import Normalized, normalize


_set_field = object.__setattr__
_new_object = object.__new__


@dataclass(frozen=True, slots=True, init=False)
class Span:
    """Half-open range ``[start, end)`` of character offsets into the source text."""

    start: int
    end: int

    def __init__(self, start: int, end: int) -> None:  # the generated one and a __post_init__: slower
        # (the slots' own setters: object.__setattr__ looks each name up first, a third
        # of a Span's cost, and thousands are made a report)
        _set_start(self, start)
        _set_end(self, end if end >= start else start)

    def cover(self, other: "Span") -> "Span":
        return Span(min(self.start, other.start), max(self.end, other.end))


_set_start, _set_end = Span.start.__set__, Span.end.__set__  # type: ignore[attr-defined]


class Source:
    """A decoded input file and its line index."""

    def __init__(
        self,
        path: str,
        text: str,
        *,
        format: str,
        encoding: str = "utf-8",
        raw: bytes | None = None,
        had_bom: bool = False,
        extracted: bool = False,
    ) -> None:
        self.path = path
        self.text = text
        self.format = format  # "html" | "markdown" | "text" | "pdf" | "docx"
        self.encoding = encoding
        self.raw = raw
        self.had_bom = had_bom
        # The text was extracted from a binary document (PDF, .docx) by its reader: it is
        # not the file's bytes decoded, so it is never written back (no --fix).
        self.extracted = extracted
        # Offsets in ``text`` where each page of a PDF starts (page 1 first), else None.
        self.page_starts: list[int] | None = None
        self._line_starts: array | None = None
        self._last_line: tuple[int, str] | None = None

    def set_extracted_text(self, text: str, page_starts: list[int] | None = None) -> None:
        """Set the text a reader extracted from :attr:`raw` (PDF, .docx)."""
        self.text = text
        self.page_starts = page_starts
        self._line_starts = None
        self._last_line = None

    def page(self, offset: int) -> int | None:
        """1-based page number of a character offset, for paged formats (PDF)."""
        if not self.page_starts:
            return None
        return max(1, bisect.bisect_right(self.page_starts, offset))

    @property
    def line_starts(self) -> array:
        """Offset of each line's first character: 0 and the offset after each LF (4 bytes
        a line, where a list of ints took 36: a 1 MB text has 40,000 lines)."""
        if self._line_starts is None:
            starts = array(_RUN_CODE, [0])
            text = self.text
            i = text.find("\n")
            while i != -1:
                starts.append(i + 1)
                i = text.find("\n", i + 1)
            self._line_starts = starts
        return self._line_starts

    def share_line_starts(self, starts: array) -> None:
        """The line index a reader built as it split the text (what :attr:`line_starts`
        computes), so it is not built twice."""
        if self._line_starts is None:
            self._line_starts = starts

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset; columns count characters."""
        offset = max(0, min(offset, len(self.text)))
        starts = self.line_starts
        index = bisect.bisect_right(starts, offset) - 1
        return index + 1, offset - starts[index] + 1

    def line_text(self, line: int) -> str:
        # The last line is kept: reporters and frames ask for the same line once per
        # finding, and copying a 5 MB line per finding was quadratic (issue 9).
        last = getattr(self, "_last_line", None)
        if last is not None and last[0] == line:
            return last[1]
        starts = self.line_starts
        if not 1 <= line <= len(starts):
            return ""
        start = starts[line - 1]
        end = starts[line] - 1 if line < len(starts) else len(self.text)
        text = self.text[start:end].rstrip("\r")
        self._last_line = (line, text)
        return text

    @property
    def line_count(self) -> int:
        return len(self.line_starts)

    def span_text(self, start: int, end: int) -> str:
        return self.text[start:end]

    def page_at(self, line: int, column: int) -> int | None:
        """The PDF page of a 1-based position (None for formats without pages)."""
        if not self.page_starts or not 1 <= line <= self.line_count:
            return None
        return self.page(self.line_starts[line - 1] + column - 1)


def _counting(start: int, end: int) -> array:
    """``array("l", range(start, end))``: offsets of a verbatim run, one per character.
    (Built when asked: a cache of them grew to 8 bytes per character of the longest file.)"""
    return array("l", range(start, end))


# The offset map of a Text is a list of *runs*.  Run ``r`` covers characters
# ``[at[r], at[r + 1])``; with ``wid[r] == LINEAR`` character ``at[r] + d`` is the one source
# character ``src[r] + d`` (a verbatim slice of the source), otherwise every character of
# the run spans ``[src[r], src[r] + wid[r])`` (an entity such as ``&nbsp;``, or an empty
# span for a synthetic separator).  Most texts are one run, kept as two ints.
LINEAR = -1
_RUN_CODE = "i"  # 4-byte offsets (runs, line starts): inputs are capped far below 2**31 characters


def _gallop_linear(starts, ends, k: int, s: int) -> int:
    """How many characters from ``k`` continue the linear run whose first start is ``s``."""
    n = len(starts)
    m = 1
    step = 1
    same_kind = starts.typecode == "l" and ends.typecode == "l" if isinstance(starts, array) and isinstance(ends, array) else False
    while k + m < n:
        size = min(step, n - k - m)
        a = k + m
        if same_kind:
            ok = (starts[a:a + size] == _counting(s + m, s + m + size)
                  and ends[a:a + size] == _counting(s + m + 1, s + m + size + 1))
        else:
            ok = all(starts[a + d] == s + m + d and ends[a + d] == s + m + d + 1 for d in range(size))
        if ok:
            m += size
            step *= 2
        elif size == 1:
            break
        else:
            step = max(1, size // 2)
    return m


def _compress(starts, ends) -> tuple[array, array, array]:
    """Runs ``(at, src, wid)`` of per-character offset arrays."""
    at = array(_RUN_CODE)
    src = array(_RUN_CODE)
    wid = array(_RUN_CODE)
    n = len(starts)
    k = 0
    while k < n:
        s = starts[k]
        e = ends[k]
        if e == s + 1:
            m = _gallop_linear(starts, ends, k, s)
            w = LINEAR
        else:
            w = max(0, e - s)
            m = 1
            while k + m < n and starts[k + m] == s and ends[k + m] == e:
                m += 1
        at.append(k)
        src.append(s)
        wid.append(w)
        k += m
    return at, src, wid


class Text:
    """A string whose every character remembers the source span it came from.

    Character ``i`` comes from source characters ``[start_at(i), end_at(i))``.  A character
    produced from an entity (``&nbsp;``) spans the whole entity; a synthetic character
    (a separator inserted when joining) has an empty span at the join point.  The map is
    kept as runs (see ``LINEAR``), not per character: a 1 MB line costs two ints.

    A text that is one verbatim slice of the source (every line and most cells a reader
    makes) holds its string, its start and its matching views (56 bytes); any other map
    makes a :class:`_MappedText`, which adds the runs.  The class attributes below are what
    a verbatim slice's map would hold.
    """

    __slots__ = ("value", "_src", "_views")

    _at = None  # run starts (an array), None for one run
    _wid = LINEAR  # the run's width (see LINEAR), or an array of them
    # _views: None, the normalised view, or (normalised or None, compact)

    def __new__(cls, value: str, starts: Sequence[int], ends: Sequence[int]) -> "Text":
        if not (len(value) == len(starts) == len(ends)):
            raise ValueError("Text: value and offset maps differ in length")
        return Text._runs(value, *_compress(starts, ends))

    def __reduce__(self) -> tuple:
        return _text_of_runs, (self.value, self._at, self._src, self._wid)

    # construction -------------------------------------------------------------------
    @classmethod
    def _runs(cls, value: str, at, src, wid) -> "Text":
        if at is not None and len(at) <= 1:  # one run (or none): two ints, no arrays
            at, src, wid = None, (src[0] if len(src) else 0), (wid[0] if len(wid) else LINEAR)
        if at is None and wid == LINEAR:  # what verbatim() makes
            self = _new_object(Text)
            self.value = value
            self._src = src
            self._views = None
            return self
        mapped = _new_object(_MappedText)
        mapped.value = value
        mapped._at = at
        mapped._src = src
        mapped._wid = wid
        mapped._monotonic = mapped._views = None
        return mapped

    @classmethod
    def _trusted(cls, value: str, starts: Sequence[int], ends: Sequence[int]) -> "Text":
        """A Text from per-character offsets already known to match ``value`` (no checks)."""
        return cls._runs(value, *_compress(starts, ends))

    @classmethod
    def from_source(cls, source_text: str, start: int, end: int) -> "Text":
        """The contiguous source slice ``[start, end)``."""
        value = source_text[start:end]
        if len(value) != max(0, end - start):  # out-of-range bounds: let the constructor complain
            return cls(value, array("l", range(start, end)), array("l", range(start + 1, end + 1)))
        return cls.verbatim(value, start)

    @classmethod
    def verbatim(cls, value: str, start: int) -> "Text":
        """``value`` as it stands in the source from offset ``start`` (not checked)."""
        # what _runs makes for one verbatim run, without its call: readers make one per
        # line and cell
        self = _new_object(Text)
        self.value = value
        self._src = start
        self._views = None
        return self

    @classmethod
    def synthetic(cls, value: str, at: int) -> "Text":
        """Characters that exist in no source (separators), anchored at offset ``at``."""
        return cls._runs(value, None, at, 0)

    @classmethod
    def spanning(cls, value: str, start: int, end: int) -> "Text":
        """Characters that all stand for the source span ``[start, end)`` (an entity, a blank)."""
        return cls._runs(value, None, start, max(0, end - start))

    @classmethod
    def join(cls, parts: Iterable["Text"], sep: str = "") -> "Text":
        if not sep and type(parts) is list and 1 < len(parts) <= _JOIN_IN_ONE_GO:
            joined = _join_slices(parts)
            if joined is not None:
                return joined
        builder = TextBuilder()
        first = True
        for part in parts:
            if not first and sep:
                at = part.start_at(0) if len(part) else builder.last_end()
                builder.add_spanning(sep, at, at)
            first = False
            builder.add_text(part)
        return builder.build()

    @classmethod
    def from_pieces(cls, pieces: Iterable[tuple[str, int, int]]) -> "Text":
        """What a :class:`TextBuilder` fed ``pieces`` builds: each ``(string, src, wid)`` a run
        (see ``LINEAR``) as :meth:`TextBuilder._run` takes it, in order, merged where one
        continues the last; without a method call per piece.  ``pieces`` may be a generator:
        nothing but the string parts and the run arrays is kept."""
        parts: list[str] = []
        at = array(_RUN_CODE)
        src = array(_RUN_CODE)
        wid = array(_RUN_CODE)
        length = 0
        for piece, s, w in pieces:
            n = len(piece)
            if n <= 0:
                continue
            parts.append(piece)
            if at and wid[-1] == w and (src[-1] == s if w != LINEAR else src[-1] + (length - at[-1]) == s):
                length += n  # continues the last run
                continue
            at.append(length)
            src.append(s)
            wid.append(w)
            length += n
        return cls._runs("".join(parts), at, src, wid)

    def with_value(self, value: str) -> "Text":
        """The same offset map under another string of the same length (a blanked copy)."""
        if len(value) != len(self.value):
            raise ValueError("Text.with_value: lengths differ")
        return Text._runs(value, self._at, self._src, self._wid)

    # the offset map -------------------------------------------------------------------
    def run_count(self) -> int:
        return 1 if self._at is None else len(self._at)

    def _run_of(self, k: int) -> tuple[int, int, int]:
        """``(run start, src, wid)`` of the run holding character ``k``."""
        at = self._at
        if at is None:
            return 0, self._src, self._wid
        r = bisect.bisect_right(at, k) - 1
        return at[r], self._src[r], self._wid[r]

    def start_at(self, k: int) -> int:
        """Source start of character ``k`` (``0 <= k < len``)."""
        a, s, w = self._run_of(k)
        return s + (k - a) if w == LINEAR else s

    def end_at(self, k: int) -> int:
        """Source end of character ``k`` (``0 <= k < len``)."""
        a, s, w = self._run_of(k)
        return s + (k - a) + 1 if w == LINEAR else s + w

    def verbatim_start(self) -> int | None:
        """The source offset of a text that is one verbatim slice of the source, else None
        (then character ``k`` is source character ``verbatim_start() + k``)."""
        return self._src if self._at is None and self._wid == LINEAR else None

    def runs(self) -> Iterator[tuple[int, int, int, int]]:
        """``(first char, length, src, wid)`` of each run (see ``LINEAR``)."""
        n = len(self.value)
        if self._at is None:
            if n:
                yield 0, n, self._src, self._wid
            return
        at, src, wid = self._at, self._src, self._wid
        last = len(at) - 1
        for r in range(last + 1):
            end = at[r + 1] if r < last else n
            yield at[r], end - at[r], src[r], wid[r]

    def offsets(self) -> tuple[array, array]:
        """Per-character ``(starts, ends)`` arrays, built on each call (O(length))."""
        starts = array("l")
        ends = array("l")
        for _, length, s, w in self.runs():
            if w == LINEAR:
                starts.extend(_counting(s, s + length))
                ends.extend(_counting(s + 1, s + length + 1))
            else:
                starts.extend(array("l", [s]) * length)
                ends.extend(array("l", [s + w]) * length)
        return starts, ends

    @property
    def starts(self) -> array:
        """Per-character source starts (materialised on each access: prefer ``start_at``)."""
        return self.offsets()[0]

    @property
    def ends(self) -> array:
        """Per-character source ends (materialised on each access: prefer ``end_at``)."""
        return self.offsets()[1]

    def first_index_from(self, offset: int) -> int | None:
        """The first character whose source start is at or after ``offset``."""
        for first, length, s, w in self.runs():
            if w == LINEAR:
                if s + length - 1 >= offset:
                    return first + max(0, offset - s)
            elif s >= offset:
                return first
        return None

    def _is_monotonic(self) -> bool:
        """Whether starts and ends never decrease (then a span is its two ends)."""
        if self._monotonic is None:
            ok = True
            last_start = last_end = None
            for _, length, s, w in self.runs():
                first_end, end = (s + 1, s + length) if w == LINEAR else (s + w, s + w)
                if last_start is not None and (s < last_start or first_end < last_end):
                    ok = False
                    break
                last_start = s + length - 1 if w == LINEAR else s
                last_end = end
            self._monotonic = ok
        return self._monotonic

    # access ---------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.value)

    def __str__(self) -> str:
        return self.value

    def __repr__(self) -> str:
        span = self.span() if self.value else None
        return f"Text({self.value!r}, {span})"

    def __getitem__(self, key: slice) -> "Text":
        if not isinstance(key, slice):
            raise TypeError("Text supports slicing only; use .value[i] for a character")
        start, stop, step = key.indices(len(self.value))
        if step != 1:
            raise ValueError("Text slices must be contiguous")
        value = self.value[start:stop]
        at = self._at
        if at is None or start >= stop:
            if start >= stop:
                return Text._runs(value, None, 0, LINEAR)
            s, w = self._src, self._wid
            return Text._runs(value, None, s + start if w == LINEAR else s, w)
        src, wid = self._src, self._wid
        r0 = bisect.bisect_right(at, start) - 1
        r1 = bisect.bisect_left(at, stop)
        w0 = wid[r0]
        s0 = src[r0] + (start - at[r0]) if w0 == LINEAR else src[r0]
        if r1 - r0 == 1:
            return Text._runs(value, None, s0, w0)
        new_at = array(_RUN_CODE, [0])
        # shifted one at a time (a list of them was an int object a run: 11 MiB for the
        # 280,000 runs of a megabyte of ``A&nbsp;``)
        new_at.extend(map(sub, at[r0 + 1:r1], repeat(start)))
        new_src = array(_RUN_CODE, [s0])
        new_src.extend(src[r0 + 1:r1])
        new_wid = array(_RUN_CODE, [w0])
        new_wid.extend(wid[r0 + 1:r1])
        return Text._runs(value, new_at, new_src, new_wid)

    def span(self, i: int = 0, j: int | None = None) -> Span:
        """Source span of characters ``[i, j)``; an empty range gives an empty span."""
        n = len(self.value)
        if j is None and i == 0 and n and self._at is None:  # the whole of a one-run text
            s, w = self._src, self._wid
            return Span(s, s + n) if w == LINEAR else Span(s, s + w)
        if n == 0:
            return Span(0, 0)
        if j is None:
            j = n
        i = max(0, min(i, n))
        j = max(i, min(j, n))
        if self._at is None:  # one run (the usual case): its two ends, computed here
            s, w = self._src, self._wid
            if w == LINEAR:
                return Span(s + i, s + j)
            return Span(s + w, s + w) if i == n else Span(s, s if i == j else s + w)
        if i == j:
            at = self.start_at(i) if i < n else self.end_at(n - 1)
            return Span(at, at)
        if self._at is None or self._is_monotonic():
            return Span(self.start_at(i), self.end_at(j - 1))
        low = high = None
        at, src, wid = self._at, self._src, self._wid
        last = len(at) - 1
        # a map out of order: every run in range (runs r0 … r1 - 1, found by bisection:
        # a table stream has hundreds of runs and is asked for many small spans)
        for r in range(bisect.bisect_right(at, i) - 1, bisect.bisect_left(at, j)):
            first = at[r]
            lo, hi = max(first, i), min(at[r + 1] if r < last else n, j)
            if lo >= hi:
                continue
            s, w = src[r], wid[r]
            a, b = (s + (lo - first), s + (hi - first)) if w == LINEAR else (s, s + w)
            low = a if low is None else min(low, a)
            high = b if high is None else max(high, b)
        return Span(low, high)

    def strip(self, chars: str | None = None) -> "Text":
        value = self.value
        stripped = value.strip(chars)
        if len(stripped) == len(value):
            return self  # nothing to strip (a Text is never modified in place)
        left = len(value) - len(value.lstrip(chars))
        right = len(value.rstrip(chars))
        if right <= left:
            return self[left:left]
        if self._at is None:  # one run: the slice without __getitem__'s general path
            s, w = self._src, self._wid
            return Text._runs(stripped, None, s + left if w == LINEAR else s, w)
        return self[left:right]

    def stripped_span(self) -> "Span | None":
        """``self.strip().span()``, None for a blank text, without making the stripped Text:
        the span of its characters between the whitespace, asked of this text (whose map's
        order is worked out once and kept; a stripped copy of a table's text, hundreds of
        runs, worked it out again on each call)."""
        value = self.value
        left = len(value) - len(value.lstrip())
        if left == len(value):
            return None
        return self.span(left, len(value.rstrip()))

    def find(self, sub: str, start: int = 0) -> int:
        return self.value.find(sub, start)

    @property
    def normalized(self) -> "Normalized":
        """The matching view of this text (see :mod:`gxlint.normalize`), computed once."""
        views = self._views
        if views is None:
            views = self._views = normalize(self._for_views())
            return views
        if type(views) is tuple:  # (normalised, compact), the compact one asked for first
            if views[0] is None:
                self._views = (normalize(views[1].text), views[1])
            return self._views[0]
        return views

    @property
    def compact(self) -> "Normalized":
        """The matching view without any whitespace, for labels wrapped or spaced out."""
        views = self._views
        if type(views) is tuple:
            return views[1]
        compact = normalize(views.text if views is not None else self._for_views(), drop_whitespace=True)
        self._views = (views, compact)
        return compact

    def _for_views(self) -> "Text":
        """A copy of this text's string and map, without its views, for its views to hold
        as their ``text``: a text holding a view that held the text back was a reference
        cycle, a few hundred a report, that only the garbage collector could free (its
        collection after each file was about 1.5 % of a report's lint)."""
        twin = _new_object(Text)
        twin.value = self.value
        twin._src = self._src
        twin._views = None
        return twin


class _MappedText(Text):
    """A :class:`Text` whose map is not one verbatim slice: several runs (``_at``, ``_src``
    and ``_wid`` arrays), or one run of characters that each span their source (an entity,
    a separator)."""

    __slots__ = ("_at", "_wid", "_monotonic")

    def _for_views(self) -> Text:  # (see Text._for_views)
        twin = _new_object(_MappedText)
        twin.value = self.value
        twin._at = self._at
        twin._src = self._src
        twin._wid = self._wid
        twin._monotonic = self._monotonic
        twin._views = None
        return twin


def _text_of_runs(value: str, at, src, wid) -> Text:
    """A pickled :class:`Text` again."""
    return Text._runs(value, at, src, wid)


def past_crlf(text: Text, crlf: list[int]) -> Text:
    """``text`` located in a copy of the source whose CR LFs were folded to LF, mapped back
    to the source: ``crlf`` lists (ascending) the folded text's offsets of those LFs."""
    if not crlf:
        return text
    left = bisect.bisect_left
    builder = TextBuilder()
    for first, length, s, w in text.runs():
        value = text.value[first:first + length]
        if w != LINEAR:
            builder.add_spanning(value, s + left(crlf, s), s + w + left(crlf, s + w))
            continue
        # a verbatim run shifts by the CR LFs before it; a folded CR LF spans both characters
        pos, x, k = 0, s, left(crlf, s)
        while pos < length:
            if k < len(crlf) and crlf[k] < s + length:
                p = crlf[k]
                if p > x:
                    builder.add_source(value[pos:pos + p - x], x + k)
                    pos += p - x
                builder.add_spanning(value[pos], p + k, p + k + 2)
                pos += 1
                x, k = p + 1, k + 1
            else:
                builder.add_source(value[pos:], x + k)
                pos = length
    return builder.build()


# Text.join of at most this many verbatim slices builds its run arrays from lists in one go
# (an array's append parses its argument: 700 instructions a run, 3 runs a part); more
# parts go through a TextBuilder, whose arrays take 12 bytes a part, not lists' 100.
_JOIN_IN_ONE_GO = 64


def _join_slices(parts: list[Text]) -> Text | None:
    """What ``Text.join(parts)`` makes, when every part is a verbatim source slice (a line of
    a text file: :meth:`Text.verbatim`), non-empty, and none continues the one before (the
    builder would merge their runs): then each part is a run of its own.  None otherwise."""
    for part in parts:
        if type(part) is not Text:  # (a _MappedText has runs or a width of its own)
            return None
    values = [part.value for part in parts]
    lengths = list(map(len, values))
    if 0 in lengths:
        return None
    srcs = [part._src for part in parts]
    if any(map(eq, map(add, srcs, lengths), srcs[1:])):
        return None
    return Text._runs("".join(values), array(_RUN_CODE, accumulate(lengths[:-1], initial=0)),
                      array(_RUN_CODE, srcs), array(_RUN_CODE, (LINEAR,)) * len(parts))


class TextBuilder:
    """Builds a :class:`Text` piece by piece, run by run (no per-character offsets)."""

    __slots__ = ("_parts", "_at", "_src", "_wid", "_length")

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._at = array(_RUN_CODE)
        self._src = array(_RUN_CODE)
        self._wid = array(_RUN_CODE)
        self._length = 0

    def __len__(self) -> int:
        return self._length

    def _run(self, length: int, s: int, w: int) -> None:
        if length <= 0:
            return
        at = self._at
        if at:  # a run that continues the last one extends it
            ps, pw = self._src[-1], self._wid[-1]
            if pw == w and (ps == s if w != LINEAR else ps + (self._length - at[-1]) == s):
                self._length += length
                return
        at.append(self._length)
        self._src.append(s)
        self._wid.append(w)
        self._length += length

    def add_source(self, value: str, start: int) -> None:
        """``value`` is the source verbatim from offset ``start``."""
        self._parts.append(value)
        self._run(len(value), start, LINEAR)

    def add_spanning(self, value: str, start: int, end: int) -> None:
        """Every character of ``value`` stands for source ``[start, end)``."""
        self._parts.append(value)
        self._run(len(value), start, max(0, end - start))

    def add_text(self, text: Text, value: str | None = None) -> None:
        """Append ``text`` (under ``value`` instead, a string of the same length)."""
        self._parts.append(text.value if value is None else value)
        if text._at is None:  # one run (the usual case)
            self._run(len(text.value), text._src, text._wid)
            return
        for _, length, s, w in text.runs():
            self._run(length, s, w)

    def last_end(self) -> int:
        """Source end of the last character so far (0 when empty)."""
        if not self._at:
            return 0
        s, w = self._src[-1], self._wid[-1]
        return s + (self._length - self._at[-1]) if w == LINEAR else s + w

    def build(self) -> Text:
        return Text._runs("".join(self._parts), self._at, self._src, self._wid)


# --- the tree -------------------------------------------------------------------------


@dataclass(eq=False)
class Block:
    """A unit of content in reading order: a paragraph, a heading or a table."""

    text: Text

    kind = "block"

    @property
    def span(self) -> Span:
        text = self.text
        stripped = text.stripped_span()
        return stripped if stripped is not None else text.span()


@dataclass(eq=False)
class Paragraph(Block):
    """A block of prose: a paragraph of a page, a line of text or of a PDF, a Markdown paragraph."""
    kind = "paragraph"


@dataclass(eq=False)
class CodeLine(Paragraph):
    """A line of a Markdown code block.  Read like any paragraph (a report pasted into a
    fence is still a report), but not taken as the document's own head: a page about
    reports quotes report titles in its examples."""


@dataclass(eq=False)
class Heading(Block):
    """A section or sub-section heading.

    ``level`` is 1 for the six top-level sections (``一、``), 2 for ``（一）`` items.
    ``ordinal`` is the integer value of the numbering (``三`` → 3) and ``numbering``
    the style (``"一、"``, ``"1、"``, ``"（一）"``, ``"markdown"`` …).  ``title`` is the
    text after the numbering.
    """

    level: int = 1
    ordinal: int = 0
    numbering: str = ""
    title: Text | None = None

    kind = "heading"


class Cell:
    """One table cell at its origin position in the expanded grid.

    ``Cell(text, row, col, rowspan=1, colspan=1, anchor=None)``.  A cell of one position
    without an anchor (nearly all: a table near the pipe limit has 20,000) holds only its
    text, row and column (56 bytes); the others are a :class:`_PlacedCell`."""

    __slots__ = ("text", "row", "col")

    rowspan: int = 1
    colspan: int = 1
    # Where an empty cell stands in the source (its tag), so a blank cell can be pointed at.
    anchor: Span | None = None

    def __new__(cls, text: Text, row: int, col: int, rowspan: int = 1, colspan: int = 1,
                anchor: Span | None = None) -> "Cell":
        if rowspan == 1 and colspan == 1 and anchor is None:
            cell = _new_object(Cell)
        else:
            cell = _new_object(_PlacedCell)
            cell.rowspan = rowspan
            cell.colspan = colspan
            cell.anchor = anchor
        cell.text = text
        cell.row = row
        cell.col = col
        return cell

    @staticmethod
    def row_of(texts: Sequence[Text], row: int) -> list["Cell"]:
        """Cells of one position each, in columns 0, 1, … of ``row`` (what ``Cell(text, row,
        col)`` makes for each, without a call a cell), in a list of their number (appending
        leaves room for four: a text table's rows hold one to three)."""
        return Cell.rows_of((texts,), row)[0]

    @staticmethod
    def rows_of(rows: Iterable[Sequence[Text]], first_row: int = 0) -> list[list["Cell"]]:
        """:meth:`row_of` of each row, numbered from ``first_row``, without a call a row (a
        line-per-cell table has a row a cell)."""
        out = []
        for row, texts in enumerate(rows, first_row):
            cells: list = [None] * len(texts)
            for col, text in enumerate(texts):
                cell = _new_object(Cell)
                cell.text = text
                cell.row = row
                cell.col = col
                cells[col] = cell
            out.append(cells)
        return out

    def __reduce__(self) -> tuple:
        return Cell, (self.text, self.row, self.col, self.rowspan, self.colspan, self.anchor)

    def __repr__(self) -> str:
        return (f"Cell(text={self.text!r}, row={self.row!r}, col={self.col!r}, rowspan={self.rowspan!r}, "
                f"colspan={self.colspan!r}, anchor={self.anchor!r})")

    @property
    def span(self) -> Span:
        text = self.text
        if text._at is None:  # one run: the stripped ends computed, no stripped copy made
            value = text.value
            content = value.strip()
            if content:
                s, w = text._src, text._wid
                if w != LINEAR:
                    return Span(s, s + w)
                left = s + len(value) - len(value.lstrip())
                return Span(left, left + len(content))
        else:
            stripped = text.stripped_span()
            if stripped is not None:
                return stripped
        if self.anchor is not None:
            return self.anchor
        return text.span()


class _PlacedCell(Cell):
    """A :class:`Cell` spanning several rows or columns, or with an anchor."""

    __slots__ = ("rowspan", "colspan", "anchor")


@dataclass(eq=False)
class Table(Block):
    """A table as found in the input.

    ``rows`` lists each row's *origin* cells in reading order (a cell spanning several
    rows appears once, in its first row).  ``grid()`` expands rowspan/colspan into a
    rectangular grid in which spanned positions repeat the origin cell.
    """

    rows: list[list[Cell]] = field(default_factory=list)
    style: str = ""  # how the reader found it: "html", "markdown", "pipe", "cell-per-line", …

    kind = "table"

    def cells(self) -> Iterator[Cell]:
        for row in self.rows:
            yield from row

    def grid(self) -> list[list[Cell | None]]:
        height = 0
        width = 0
        for cell in self.cells():
            height = max(height, cell.row + cell.rowspan)
            width = max(width, cell.col + cell.colspan)
        grid: list[list[Cell | None]] = [[None] * width for _ in range(height)]
        for cell in self.cells():
            for r in range(cell.row, cell.row + cell.rowspan):
                for c in range(cell.col, cell.col + cell.colspan):
                    if grid[r][c] is None:
                        grid[r][c] = cell
        return grid


@dataclass(eq=False)
class Section:
    """A top-level section: its heading and the blocks up to the next one."""

    heading: Heading
    blocks: list[Block] = field(default_factory=list)

    @property
    def ordinal(self) -> int:
        return self.heading.ordinal

    @property
    def span(self) -> Span:
        span = self.heading.span
        for block in self.blocks:
            span = span.cover(block.span)
        return span

    @property
    def subsections(self) -> list[Heading]:
        return [b for b in self.blocks if isinstance(b, Heading) and b.level >= 2]

    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]


@dataclass(eq=False)
class Document:
    """A parsed report.

    ``blocks`` is the report's own content in reading order (for HTML, the content
    container); ``furniture`` holds the page's header, navigation and footer blocks
    that lie outside it.  ``title``, ``intro``, ``sections`` and ``closing`` are views
    onto ``blocks`` computed by :mod:`gxlint.structure`.
    """

    source: Source
    blocks: list[Block] = field(default_factory=list)
    furniture: list[Block] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)
    title: Block | None = None
    intro: list[Block] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    # Extra facts a reader learned (e.g. the content container it chose, hidden links).
    reader_notes: dict[str, object] = field(default_factory=dict)
    # Input problems found while reading (decoding replacements, …); rules report them.
    problems: list[tuple[str, Span, dict]] = field(default_factory=list)
    # Facts rule modules derive once and share across their rules (key: "module.fact").
    cache: dict[str, object] = field(default_factory=dict)

    @property
    def path(self) -> str:
        return self.source.path

    @property
    def format(self) -> str:
        return self.source.format

    def section(self, ordinal: int) -> Section | None:
        for section in self.sections:
            if section.ordinal == ordinal:
                return section
        return None

    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    def paragraphs(self) -> list[Block]:
        return [b for b in self.blocks if not isinstance(b, Table)]

    def section_of(self, block: Block) -> Section | None:
        for section in self.sections:
            if block is section.heading or any(b is block for b in section.blocks):
                return section
        return None
