"""Which lines can a pattern match?  One regex scan of the whole document instead of one
Python call per line.

Most line rules (page chrome, spam, pinyin, placeholders, residue …) look for something
that only a few lines of a report hold.  Asking each of ~600 lines costs a Python call
per line and rule; :class:`LineSearch` joins the lines' strings once (raw, normalised,
normalised and lower-cased, each joined with ``"\\n"``) and answers
``indexes(pattern, view)`` — the lines a pattern *may* match — with a few ``search`` calls
over the joined text.  The rule then runs its exact check on those lines only.

The answer is a superset, never a subset, of the lines ``pattern.search(line_string)``
matches (the prefilter is conservative):

* the pattern searched on the joined text is :func:`line_local`'s relaxation of it: its
  anchors (``^ $ \\A \\Z``), word boundaries and negative lookarounds removed (each only
  ever rejects a match), so it matches at least wherever the original matches, and
  nothing it needs lies outside the line (a positive lookaround reads the same characters
  in the line and in the joined text, or fails in the line);
* a pattern that cannot be relaxed safely (backreferences, atomic groups, possessive
  quantifiers, conditionals, verbose syntax) is searched line by line, exactly;
* after a match the scan goes on at the start of the next line, so a match that runs
  across a separator only adds its first line, and hides no later one.

Tests (``tests/test_line_search.py``) hold this with hypothesis over real fixture lines.
"""

from __future__ import annotations

import marshal
import re
import zlib
from array import array
from re import _constants, _parser  # (the parsed pattern: which characters a match starts with)
from bisect import bisect_right
from functools import lru_cache
from itertools import accumulate, chain, islice, repeat
from operator import add
from typing import Any, Callable, Iterator, Sequence

from gxlint.analysis.lines import Line, are_file_lines, joined_source, line_strings, made_lines, text_pieces, verbatim_start
from gxlint.lazy_pattern import lazy_compile
from gxlint.normalize import mark_lines_holding, normalized_lines, normalized_value, simplified_lines, to_simplified
from gxlint.regex_cache import kept_fact

VIEWS = ("raw", "norm", "norm_lower", "simplified")

_KEY = "analysis.line_search"


# A class's body after its opening (and a leading "^" or "]"), through its closing "]":
# escapes skipped, possessive (no backtracking on a class of thousands of characters,
# which a character loop took about 0.3 ms each to walk).  "[" inside is a literal in re.
_CLASS_REST = re.compile(r"(?:[^\\\]]++|\\.)*+\]", re.DOTALL)


def _class_end(source: str, i: int) -> int:
    """The index after the character class opening at ``source[i] == "["``; -1 if unclosed."""
    n = len(source)
    j = i + 1
    if j < n and source[j] == "^":
        j += 1
    if j < n and source[j] == "]":  # a "]" first in the class is a literal
        j += 1
    found = _CLASS_REST.match(source, j)
    return found.end() if found is not None else -1


def _group_end(source: str, i: int) -> int:
    """The index after the group opening at ``source[i] == "("``; -1 if unbalanced."""
    n = len(source)
    depth = 0
    j = i
    while j < n:
        c = source[j]
        if c == "\\":
            j += 2
            continue
        if c == "[":
            j = _class_end(source, j)
            if j < 0:
                return -1
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return j + 1
        j += 1
    return -1


def _relaxed_source(source: str) -> str | None:
    """``source`` without anchors and negative lookarounds, or None where that is unsafe."""
    if "(?#" in source:  # a comment may hold anything
        return None
    out: list[str] = []
    n = len(source)
    i = 0

    def quantified(j: int) -> bool:  # a quantifier after a dropped piece would bind to another one
        return j < n and source[j] in "*+?{"

    while i < n:
        c = source[i]
        if c == "\\":
            if i + 1 >= n:
                return None
            nxt = source[i + 1]
            if nxt in "AZbB":  # anchors and word boundaries (zero-width), dropped
                if quantified(i + 2):
                    return None
                i += 2
                continue
            if nxt.isdigit() or nxt == "g":  # a backreference (or an octal escape): not relaxed
                return None
            out.append(source[i : i + 2])
            i += 2
            continue
        if c == "[":
            j = _class_end(source, i)
            if j < 0:
                return None
            out.append(source[i:j])
            i = j
            continue
        if c in "^$":  # anchors (outside a class), dropped
            if quantified(i + 1):
                return None
            i += 1
            continue
        if c in "*+?}" and i + 1 < n and source[i + 1] == "+":  # possessive: no backtracking
            return None
        if c == "(" and i + 1 < n and source[i + 1] == "?":
            rest = source[i + 2 : i + 4]
            if rest.startswith("!") or rest == "<!":  # a negative lookaround: dropped whole
                j = _group_end(source, i)
                if j < 0 or quantified(j):
                    return None
                i = j
                continue
            if rest[:1] in (">", "(") or rest.startswith("P="):  # atomic, conditional, backreference
                return None
            flags = re.match(r"[aiLmsux-]*", source[i + 2 :]).group()  # type: ignore[union-attr]
            if "x" in flags:  # verbose: "#" comments and spaces would be misread here
                return None
        out.append(c)
        i += 1
    return "".join(out)


@lru_cache(maxsize=256)
def _line_local(source: str, flags: int) -> "re.Pattern[str] | None":
    if flags & re.VERBOSE:
        return None
    relaxed = _relaxed_source(source)
    if relaxed is None:
        return None
    try:
        return re.compile(relaxed, flags & ~re.MULTILINE)
    except re.error:  # e.g. a quantifier left with nothing to repeat
        return None


# A character class of plain characters: no escape, range, negation or nested class (a
# "-" only first, where it is a literal).
_LITERAL_CLASS = re.compile(r"\[(-?[^\\\[\]^-]{1,7})\]")  # (a few: each is a find a hit line)
# (an int: RegexFlag's | and & make enum members, about 13,000 instructions a call)
_CASE_OR_VERBOSE = int(re.IGNORECASE | re.VERBOSE)


def literal_class(pattern: "re.Pattern[str]") -> str | None:
    """The characters of a pattern that is one class of plain characters, matched as they
    are (no IGNORECASE or VERBOSE), or None for any other pattern."""
    if pattern.flags & _CASE_OR_VERBOSE:
        return None
    match = _LITERAL_CLASS.fullmatch(pattern.pattern)
    return match.group(1) if match else None


# The characters other than a letter's own two cases that IGNORECASE matches it with (the
# only code points whose simple case mapping reaches an ASCII letter; a test holds this
# against the regex engine over every code point)
_IGNORECASE_PARTNERS = {"i": "\u0130\u0131", "k": "\u212a", "s": "\u017f"}
_SMALL_RANGE = 16  # a class's range of more characters than this: no first-character scan
_ZERO_WIDTH = {_constants.AT, _constants.ASSERT, _constants.ASSERT_NOT}
_REPEATS = {_constants.MAX_REPEAT, _constants.MIN_REPEAT, _constants.POSSESSIVE_REPEAT}


def _first_of(items: Any) -> set[int] | None:
    """The code points a match of the parsed sequence ``items`` can start with (past its
    zero-width items), or None where that is not a small set or not known."""
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue
        if op is _constants.LITERAL:
            return {av}
        if op is _constants.IN:
            found: set[int] = set()
            for item_op, item_av in av:
                if item_op is _constants.LITERAL:
                    found.add(item_av)
                elif item_op is _constants.RANGE and item_av[1] - item_av[0] < _SMALL_RANGE:
                    found.update(range(item_av[0], item_av[1] + 1))
                else:  # a negation, a category, a wide range
                    return None
            return found
        if op is _constants.BRANCH:
            found = set()
            for alternative in av[1]:
                first = _first_of(alternative)
                if first is None:
                    return None
                found |= first
            return found
        if op is _constants.SUBPATTERN:
            group, add_flags, del_flags, sub = av
            return _first_of(sub) if not add_flags and not del_flags else None
        if op in _REPEATS:
            return _first_of(av[2]) if av[0] >= 1 else None
        if op is _constants.ATOMIC_GROUP:
            return _first_of(av)
        return None
    return None  # nothing consumed: it may match the empty string


@lru_cache(maxsize=256)
def _first_characters(source: str, flags: int) -> str | None:
    # parsing a pattern costs what compiling it does (1 ms with a CJK class): the answer
    # is kept with the pattern's compiled code, under a name that changes with this code
    return kept_fact(_first_characters_name(), source, flags, lambda: _parsed_first_characters(source, flags),
                     _is_first_characters)


@lru_cache(maxsize=1)
def _first_characters_name() -> str:
    return _kept_name("first-characters", _parsed_first_characters.__code__, _first_of.__code__,
                      sorted(_IGNORECASE_PARTNERS.items()), sorted(map(int, _REPEATS)))


def _kept_name(kind: str, *derived_by: Any) -> str:
    """The name of facts kept with a pattern's code (regex_cache.kept_fact): ``kind`` and a
    checksum of the code and data that derive them, so that changed code misses."""
    return f"{kind}-{zlib.crc32(marshal.dumps(derived_by)):08x}"


def _is_first_characters(value: Any) -> bool:
    return value is None or (type(value) is str and 0 < len(value) <= 64)


def _parsed_first_characters(source: str, flags: int) -> str | None:
    try:
        parsed = _parser.parse(source, flags)
    except Exception:  # (the pattern compiled; anything odd here: no first-character scan)
        return None
    flags = parsed.state.flags
    if flags & (re.VERBOSE | re.LOCALE):
        return None
    first = _first_of(list(parsed))
    if first is None or len(first) > 8:
        return None
    chars = set(map(chr, first))
    if flags & re.IGNORECASE:
        for ch in list(chars):
            if "a" <= ch.lower() <= "z" and ch.isascii():
                chars.update(ch.lower(), ch.upper(), _IGNORECASE_PARTNERS.get(ch.lower(), ""))
            elif ch.lower() != ch or ch.upper() != ch:  # another cased letter: its partners are not known here
                return None
    return "".join(sorted(chars))


# A pattern is searched only when its view holds one of the strings every match of it
# contains (a few str.find, under 1 ns a character, where a scan costs 4-50): most of the
# rules' patterns (spam words, 18禁, bbin …) are in no report.  At most this many strings.
_MAX_REQUIRED = 8
# The characters other than an ASCII letter's own cases that IGNORECASE matches it with
_PARTNER_CHARACTERS = "".join(_IGNORECASE_PARTNERS.values())


def _better(strings: tuple[str, ...], than: tuple[str, ...] | None) -> bool:
    """Whether ``strings`` rule out more texts than ``than`` (longer, then fewer, strings)."""
    return than is None or (min(map(len, strings)), -len(strings)) > (min(map(len, than)), -len(than))


def _required_of(items: Any, ignorecase: bool) -> tuple[tuple[str, ...], bool] | None:
    """Strings (at most :data:`_MAX_REQUIRED`) one of which every match of the parsed
    sequence ``items`` contains, and whether they hold a cased letter (an ASCII letter of an
    IGNORECASE pattern, given in lower case); None where no such strings are known."""
    best: tuple[str, ...] | None = None
    best_cased = False
    run: list[str] = []
    run_cased = False

    def offer(strings: tuple[str, ...], cased: bool) -> None:
        nonlocal best, best_cased
        if strings and _better(strings, best):
            best, best_cased = strings, cased

    for op, av in items:
        if op is _constants.LITERAL:
            ch = chr(av)
            if not ignorecase or ch.lower() == ch == ch.upper():  # (matched by itself alone)
                run.append(ch)
                continue
            if ch.isascii() and ch.isalpha():  # its cases and partners (see _IGNORECASE_PARTNERS)
                run.append(ch.lower())
                run_cased = True
                continue
        if run:  # a literal run ends: any other item (an anchor too) may stand between
            offer(("".join(run),), run_cased)
            run, run_cased = [], False
        found = _required_of_item(op, av, ignorecase)
        if found is not None:
            offer(*found)
    if run:
        offer(("".join(run),), run_cased)
    return None if best is None else (best, best_cased)


def _required_of_item(op: Any, av: Any, ignorecase: bool) -> tuple[tuple[str, ...], bool] | None:
    if op is _constants.SUBPATTERN:
        group, add_flags, del_flags, sub = av
        return _required_of(sub, ignorecase) if not add_flags and not del_flags else None
    if op is _constants.BRANCH:
        strings: dict[str, None] = {}
        cased = False
        for alternative in av[1]:
            found = _required_of(alternative, ignorecase)
            if found is None:
                return None
            strings.update(dict.fromkeys(found[0]))
            cased = cased or found[1]
        return (tuple(strings), cased) if len(strings) <= _MAX_REQUIRED else None
    if op is _constants.IN:
        chars = []
        for item_op, item_av in av:
            if item_op is not _constants.LITERAL:
                return None
            ch = chr(item_av)
            if ignorecase and not ch.lower() == ch == ch.upper():
                return None
            chars.append(ch)
        return (tuple(chars), False) if len(chars) <= _MAX_REQUIRED else None
    if op in _REPEATS:
        return _required_of(av[2], ignorecase) if av[0] >= 1 else None
    if op is _constants.ATOMIC_GROUP:
        return _required_of(av, ignorecase)
    return None  # (a lookaround, an anchor, a category, any character …: nothing known)


@lru_cache(maxsize=256)
def _required_strings(source: str, flags: int) -> tuple[tuple[str, ...], bool] | None:
    # kept with the pattern's compiled code, as its first characters are (parsing again
    # costs what compiling does)
    return kept_fact(_required_strings_name(), source, flags, lambda: _parsed_required_strings(source, flags),
                     _is_required_strings)


@lru_cache(maxsize=1)
def _required_strings_name() -> str:
    return _kept_name("required-strings", _parsed_required_strings.__code__, _required_of.__code__,
                      _required_of_item.__code__, _better.__code__, _MAX_REQUIRED, sorted(map(int, _REPEATS)))


def _is_required_strings(value: Any) -> bool:
    return value is None or (type(value) is tuple and len(value) == 2 and type(value[1]) is bool
                             and type(value[0]) is tuple and 0 < len(value[0]) <= _MAX_REQUIRED
                             and all(type(s) is str and s for s in value[0]))


def _parsed_required_strings(source: str, flags: int) -> tuple[tuple[str, ...], bool] | None:
    try:
        parsed = _parser.parse(source, flags)
    except Exception:  # (the pattern compiled; anything odd here: no strings known)
        return None
    flags = parsed.state.flags
    if flags & (re.VERBOSE | re.LOCALE):
        return None
    return _required_of(list(parsed), bool(flags & re.IGNORECASE))


def required_strings(pattern: Any) -> tuple[tuple[str, ...], bool] | None:
    """Strings (a few) one of which every match of ``pattern`` contains, and whether they
    hold an ASCII letter of an IGNORECASE pattern (in lower case: only a lower-cased text
    without the letters' partners is told by them); None where none are known."""
    return _required_strings(pattern.pattern, pattern.flags)


def cannot_match(pattern: Any, text: str, lowered: bool, partners: "Callable[[], bool] | None" = None) -> bool:
    """Whether ``text`` holds none of :func:`required_strings` of ``pattern`` (so no match
    of it); ``lowered``: the text is lower-cased (no ASCII capital); ``partners``: what
    tells whether it holds a letter's IGNORECASE partner (by default :func:`holds_partners`
    of it; a view's is kept for all its patterns)."""
    required = required_strings(pattern)
    if required is None:
        return False
    strings, cased = required
    if cased and (not lowered or (partners() if partners is not None else holds_partners(text))):
        return False
    return not any(s in text for s in strings)


def holds_partners(text: str) -> bool:
    """Whether ``text`` holds a character other than an ASCII letter's own two cases that
    IGNORECASE matches it with (a pass over the text for each)."""
    return any(ch in text for ch in _PARTNER_CHARACTERS)


_ESCAPED = lazy_compile(r"\\(.)", re.DOTALL)


@lru_cache(maxsize=256)
def _literal_words(source: str, flags: int) -> tuple[str, ...] | None:
    if flags & (re.IGNORECASE | re.VERBOSE) or "\\|" in source:
        return None
    words = []
    for piece in source.split("|"):
        # (without an escaped backslash, dropping every backslash is what the sub does: a
        # regex template expanded a match, about 1 us each, was 4 ms of a run's first
        # report on the rare-Han class of thousands of \uXXXX escapes)
        word = piece.replace("\\", "") if "\\\\" not in piece else _ESCAPED.sub(r"\1", piece)
        if not word or re.escape(word) != piece or "\n" in word:
            return None
        words.append(word)
    return tuple(words) if len(words) <= _MAX_REQUIRED else None


def literal_words(pattern: Any) -> tuple[str, ...] | None:
    """The words of a pattern that is an alternation of a few plain words (escaped as
    re.escape does), matched as they are; None for any other pattern."""
    return _literal_words(pattern.pattern, pattern.flags)


def first_characters(pattern: Any) -> str | None:
    """The characters (at most eight, with their IGNORECASE partners) every match of
    ``pattern`` starts with, or None where there is no such small set (or it is not known)."""
    return _first_characters(pattern.pattern, pattern.flags)


def line_local(pattern: Any) -> "re.Pattern[str] | None":
    """A pattern that matches the joined text wherever ``pattern`` matches within one line
    (see the module docstring), or None when none can be made safely."""
    return _line_local(pattern.pattern, pattern.flags)


class _Joined:
    """Strings joined with "\n", and where each starts in the joined text (an array: 4
    bytes a line, where a list of ints took 36, on a page of 10,000 tiny blocks; the
    joined text of a 50 MB input stays far below 2**31)."""

    __slots__ = ("text", "starts", "_strings", "_newline_free", "_holds_partners")

    def __init__(self, text: str, starts: array) -> None:
        self.text = text
        self.starts = starts
        self._strings: list[str] | None = None
        self._newline_free: bool | None = None
        self._holds_partners: bool | None = None

    def holds_partners(self) -> bool:
        """:func:`holds_partners` of the text, worked out once (each pattern with a cased
        letter asks, and it is four passes over the text)."""
        if self._holds_partners is None:
            self._holds_partners = holds_partners(self.text)
        return self._holds_partners

    def newline_free(self) -> bool:
        """Whether no string holds a newline of its own (the strings are the text split at
        newlines); counted once, though several views and scans ask."""
        if self._newline_free is None:
            self._newline_free = self.text.count("\n") == len(self.starts) - 1
        return self._newline_free

    @classmethod
    def of(cls, strings: list[str]) -> "_Joined":
        # start k = the lengths before it + k separators, summed in C (no loop per line)
        before = accumulate(chain((0,), map(len, strings)))
        starts = array("i", map(add, before, range(len(strings))))
        return cls("\n".join(strings), starts)

    @property
    def strings(self) -> list[str]:
        """Each string again (sliced from the joined text when first asked)."""
        if self._strings is None:
            self._strings = list(self.each_string())
        return self._strings

    def each_string(self) -> Iterator[str]:
        """Each string, sliced from the joined text one at a time (no list of them)."""
        if self._strings is not None:
            return iter(self._strings)
        text, starts = self.text, self.starts
        if self.newline_free():  # split in C, a piece at a time
            return chain.from_iterable(map(str.split, text_pieces(text), repeat("\n")))
        ends = chain((b - 1 for b in islice(starts, 1, None)), (len(text),))
        return map(text.__getitem__, map(slice, starts, ends))


# A match tried where a first character stands costs about as much as a search over this
# many characters: more places than the text's length over it, and the search is cheaper
_MATCH_COST = 100

# A line holding a required string costs about as much as a search over this many
# characters (finding it, slicing the line and searching it: 2-3 µs)
_HOLDING_COST = 1000

_LOWER_PIECE = 1 << 13  # characters lower-cased at a time (see _lower_in_pieces)


def _lower_in_pieces(text: str) -> str:
    """``text.lower()`` for a text without a capital sigma (then each character lowers on
    its own), a piece at a time: str.lower works in a buffer of 12 bytes a character (4.8
    MiB on a megabyte of Chinese text, the peak of a big input), a piece's is 96 KB.  The
    text itself when nothing in it lowers (no copy kept)."""
    if len(text) <= _LOWER_PIECE:
        return text.lower()
    pieces = []
    changed = False
    for k in range(0, len(text), _LOWER_PIECE):
        piece = text[k:k + _LOWER_PIECE]
        lower = piece.lower()
        changed = changed or lower != piece
        pieces.append(lower)
    return "".join(pieces) if changed else text


def _lowered(joined: _Joined) -> _Joined:
    """``joined`` with each string lower-cased: the joined text lower-cased at once when that
    is the same thing (str.lower maps each character on its own, except a capital sigma,
    whose form depends on its neighbours; and with no character lowered to two, each
    string keeps its place)."""
    text = joined.text
    if "\u03a3" not in text:
        lower = _lower_in_pieces(text)
        if len(lower) == len(text):
            return _Joined(lower, joined.starts)
    return _Joined.of([s.lower() for s in joined.strings])


class LineSearch:
    """The lines of a document (``ctx.lines`` or ``ctx.furniture_lines``), joined once per
    view for :meth:`indexes`."""

    def __init__(self, lines: Sequence[Line]) -> None:
        self.lines = lines
        self._views: dict[str, _Joined] = {}
        self._found: dict[tuple[str, int, str], list[int]] = {}

    def view(self, name: str) -> _Joined:
        joined = self._views.get(name)
        if joined is None:
            if name == "raw":
                joined = self._raw()
            elif name == "norm":
                joined = self._norm()
            elif name == "norm_lower":  # (the normalised view itself is kept only if asked for)
                joined = _lowered(self._views.get("norm") or self._norm())
            elif name == "simplified":
                joined = self._simplified()
            else:
                raise ValueError(f"unknown view {name!r} (one of {', '.join(VIEWS)})")
            self._views[name] = joined
        return joined

    def release(self, name: str) -> None:
        """Drop the kept ``name`` view, made again if it is asked for later; the answers of
        :meth:`indexes` found on it stay.  The last rule to read a derived view says so:
        each is a string of the whole text (a megabyte of a megabyte of Chinese text), and
        the lint's peak is at its end, when every rule's findings are held too."""
        if name not in VIEWS:
            raise ValueError(f"unknown view {name!r} (one of {', '.join(VIEWS)})")
        if name != "raw":  # (a file's raw view is its source text, held anyway)
            self._views.pop(name, None)

    def _raw(self) -> _Joined:
        source = joined_source(self.lines)
        if source is not None:  # the lines of a file, joined: the file's own text and line index
            text, starts = source
            return _Joined(text, starts if isinstance(starts, array) and starts.typecode == "i" else array("i", starts))
        return _Joined.of(list(line_strings(self.lines)))

    def _simplified(self, many: bool = False) -> _Joined:
        """Each line's ``to_simplified(line.value)``, joined (``many``: see simplified_lines)."""
        raw = self.view("raw")
        if self._one_line_a_line():
            return _Joined(*simplified_lines(raw.text, raw.starts, many))
        return _Joined.of(list(map(to_simplified, raw.each_string())))

    def _norm(self) -> _Joined:
        """Each line's ``line.norm.value``, joined; the lines' Texts are not asked for it (a
        line made for a rule keeps its Text and view, one never asked for neither)."""
        raw = self.view("raw")
        if self._one_line_a_line():
            def simplified() -> tuple[str, Sequence[int]]:  # (called when many lines may change)
                joined = self._views.get("simplified")
                if joined is None:
                    joined = self._views["simplified"] = self._simplified(many=True)
                return joined.text, joined.starts

            return _Joined(*normalized_lines(raw.text, raw.starts, simplified))  # (see there)
        # a file's lines: each string sliced from the raw view, the same strings as
        # line.value (a method call a line, 2 µs, most of this on a file in Traditional
        # characters); a page's lines: their blocks' own strings (slicing would copy each,
        # a byte more of memory a byte of input: 20 bytes a byte of ASCII text, past the
        # bound's factor)
        strings = raw.each_string() if are_file_lines(self.lines) else line_strings(self.lines)
        return _Joined.of(list(map(normalized_value, strings)))

    def _one_line_a_line(self) -> bool:
        """Whether the raw view's lines are its text split at newlines."""
        return self.view("raw").newline_free()

    def strings(self, name: str) -> list[str]:
        """Each line's string in ``view`` (``raw``: ``line.value``; ``norm``:
        ``line.norm.value``; ``norm_lower``: that, lower-cased; ``simplified``:
        ``to_simplified(line.value)``)."""
        return self.view(name).strings

    def string(self, k: int, view: str = "raw") -> str:
        """Line ``k``'s string in ``view`` (a slice of the joined text)."""
        joined = self.view(view)
        starts = joined.starts
        end = starts[k + 1] - 1 if k + 1 < len(starts) else len(joined.text)
        return joined.text[starts[k]:end]

    def verbatim_start(self, k: int) -> int | None:
        """Where line ``k`` stands in the source as it is (``lines[k].text.verbatim_start()``:
        None when it is not one slice of it), without making a file's line for it."""
        return verbatim_start(self.lines, k)

    def indexes(self, pattern: Any, view: str = "raw") -> list[int]:
        """Indexes (ascending) of the lines whose ``view`` string ``pattern`` may match: every
        line where ``pattern.search`` finds a match is among them."""
        key = (pattern.pattern, pattern.flags, view)
        found = self._found.get(key)
        if found is None:
            found = self._found[key] = self._scan(pattern, view)
        return found

    def indexes_with(self, chars: Any, view: str = "raw") -> list[int]:
        """Indexes (ascending) of the lines whose ``view`` string holds any of ``chars``
        (exact; with ``str.find``, so no pattern is compiled for a set made per document)."""
        return self._found_with(chars, self.view(view))

    @staticmethod
    def _found_with(strings: Any, joined: _Joined) -> list[int]:
        """Indexes (ascending) of the lines of ``joined`` holding any of ``strings`` (none
        holding a newline)."""
        found: set[int] = set()
        mark_lines_holding(strings, joined.text, joined.starts, found)
        return sorted(found)

    def _scan(self, pattern: Any, view: str) -> list[int]:
        joined = self.view(view)
        if cannot_match(pattern, joined.text, view == "norm_lower", joined.holds_partners):
            return []
        words = literal_words(pattern)
        if words is not None:  # a few words: each found with str.find, exact
            return self._found_with(words, joined)
        local = line_local(pattern)
        chars = literal_class(local) if local is not None else None
        if chars is not None:  # the lines holding one of a few characters: str.find, exact
            return self._first_character_scan(chars, None, joined, self.lines)
        found = self._holding_scan(pattern, view, joined)
        if found is not None:
            return found
        if local is None:  # searched line by line: exact
            search = pattern.search
            return [k for k, s in enumerate(joined.strings) if search(s)]
        chars = first_characters(local)
        if chars is not None and sum(map(joined.text.count, chars)) * _MATCH_COST < len(joined.text):
            return self._first_character_scan(chars, local.match, joined, self.lines)
        return self._joined_scan(local.search, joined, self.lines)

    def _holding_scan(self, pattern: Any, view: str, joined: _Joined) -> list[int] | None:
        """The lines ``pattern.search`` matches (exact), for a pattern one of whose
        :func:`required_strings` every match holds and which the view holds in few places:
        the lines holding one, found with str.find, each searched.  A search of the whole
        text tries the pattern at every character (a "1" of "18禁" stands on most lines of a
        report), a find skips along under 1 ns a character.  None for any other pattern."""
        required = required_strings(pattern)
        if required is None:
            return None
        strings, cased = required
        if cased and (view != "norm_lower" or joined.holds_partners()):  # (as cannot_match)
            return None
        if any("\n" in s for s in strings):
            return None
        text, starts = joined.text, joined.starts
        limit = len(text) // _HOLDING_COST  # (past this many lines holding one: given up)
        holding: set[int] = set()
        last = len(starts) - 1
        for word in strings:
            position = text.find(word)
            while position >= 0:
                k = bisect_right(starts, position) - 1
                holding.add(k)
                if len(holding) > limit:
                    return None
                if k >= last:
                    break
                position = text.find(word, starts[k + 1])
        search = pattern.search
        string = self.string
        return [k for k in sorted(holding) if search(string(k, view))]

    @staticmethod
    def _first_character_scan(chars: str, match: Any, joined: _Joined, lines: Sequence[Line]) -> list[int]:
        """What _joined_scan finds, for a pattern whose matches start with one of a few
        ``chars``: the pattern is tried (``match``; None for a class of ``chars``, which
        matches wherever one stands) where one of them stands, found with str.find in
        order, where a search tries it at every character of the text (4-10 ns each;
        str.find skips to the next place in under 1 ns a character).  The lines come in
        order (each character's next place kept), with no set of them (a character on
        each line of a big input)."""
        out: list[int] = []
        text, starts = joined.text, joined.starts
        last = len(starts) - 1
        if last < 0:
            return out
        find = text.find
        next_at = [find(ch) for ch in chars]  # each character's next place (-1: none left)
        made = made_lines(lines)
        while True:
            pos = min((p for p in next_at if p >= 0), default=-1)
            if pos < 0:
                break
            if match is not None and match(text, pos) is None:  # none starts here: on to the next place
                next_at = [find(ch, pos + 1) if p == pos else p for ch, p in zip(chars, next_at)]
                continue
            k = bisect_right(starts, pos) - 1
            line = made(k)
            if line is not None and line.index == k:
                k = line.index  # (as in _joined_scan)
            out.append(k)
            if k >= last:
                break
            after = starts[k + 1]  # the next match is looked for from the next line on
            next_at = [find(ch, after) if 0 <= p < after else p for ch, p in zip(chars, next_at)]
        return out

    @staticmethod
    def _joined_scan(search: Any, joined: _Joined, lines: Sequence[Line]) -> list[int]:
        out: list[int] = []
        text, starts = joined.text, joined.starts
        last = len(starts) - 1
        if last < 0:
            return out
        pos = 0
        made = made_lines(lines)  # (a file's lines not yet made are not made for this)
        while True:
            match = search(text, pos)
            if match is None:
                break
            k = bisect_right(starts, match.start()) - 1
            line = made(k)
            if line is not None and line.index == k:
                k = line.index  # the same int object as the line's (a pattern may match most lines)
            out.append(k)
            if k >= last:
                break
            pos = starts[k + 1]
        return out


def matches_after(pattern: Any, boundary: Any, value: str) -> "Iterator[re.Match[str]]":
    """What ``pattern.finditer(value)`` finds, for a pattern whose matches can start only at
    0 or right after a match of ``boundary`` (its lookbehind says so): the pattern is tried
    only there, where finditer tries the lookbehind at every character.  Matches must not
    be empty."""
    pos = 0
    for start in chain((0,), (m.end() for m in boundary.finditer(value))):
        if start < pos:
            continue  # inside the last match
        m = pattern.match(value, start)
        if m is not None:
            yield m
            pos = m.end()


def line_search(ctx: Any, furniture: bool = False) -> LineSearch:
    """The :class:`LineSearch` of ``ctx.lines`` (``furniture``: of ``ctx.furniture_lines``),
    made once per document."""
    cache = ctx.document.cache
    key = _KEY + (".furniture" if furniture else "")
    lines = ctx.furniture_lines if furniture else ctx.lines
    found = cache.get(key)
    if not isinstance(found, LineSearch) or found.lines is not lines:
        found = cache[key] = LineSearch(lines)
    return found
