"""Diagnostics: small immutable values with a message template and its arguments.

A rule returns a :class:`Diagnostic` that carries the rule's metadata (:class:`RuleMeta`:
one message template per language, from ``rules.toml`` for the built-in rules), the
arguments of the message, and where it applies.  Nothing is rendered before a reporter
asks for the message in the user's language (:meth:`Diagnostic.message`), so a finding
packs small for the cache and the worker processes and prints in Chinese or English.

Most arguments are data, the same in both languages: numbers, codes, the file's own
words (``{count}``, ``{found}``).  Where a part of the message depends on the finding in
a way a template cannot say, the rule passes that part written in both languages, as a
pair of arguments ending in ``_zh`` and ``_en``: an optional clause (``{also_zh}``, said
only when injected text recurs), a list joined the way each language joins lists, a
table's or section's name, an advice that depends on the case.  About half the built-in
rules do; a few name one half without the suffix (``{table}`` beside ``{table_en}``).
The Chinese template uses only Chinese halves and the English only English ones
(``tests/test_catalog.py`` holds this), so a rule still never picks the language of its
finding: it gives both, and the reporter chooses.  These clauses stay with the rule that
knows when they apply; in ``rules.toml`` they would need conditionals, plurals and list
joins in the template language.
"""

from __future__ import annotations

import enum
import string
from array import array
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Iterator, Mapping, Sequence


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]

    @classmethod
    def parse(cls, value: "str | Severity") -> "Severity":
        if isinstance(value, Severity):
            return value
        try:
            return cls(str(value).lower())
        except ValueError:
            raise ValueError(f"unknown severity {value!r} (use error, warning or info)") from None


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace source characters ``[start, end)`` with ``replacement``."""

    start: int
    end: int
    replacement: str = ""


def edit_json(edit: Edit) -> dict[str, Any]:
    """An edit as the JSON output shows it."""
    return {"start": edit.start, "end": edit.end, "replacement": edit.replacement}


@dataclass(frozen=True, slots=True)
class Fix:
    """A set of non-overlapping edits that together repair one finding.

    ``safe`` fixes are applied by ``--fix``; unsafe ones only with ``--unsafe-fixes``.
    """

    edits: tuple[Edit, ...]
    safe: bool = True
    description: str = ""

    @property
    def counts(self) -> tuple[int, int]:
        """``(safe, unsafe)``: how many fixes this is of each kind (one)."""
        return (1, 0) if self.safe else (0, 1)

    def to_json(self) -> dict[str, Any]:
        return {
            "safe": self.safe,
            "description": self.description,
            "edits": [edit_json(e) for e in self.edits],
        }


class FoldedFixes:
    """The fixes of one rule's findings past the per-rule cap (:mod:`gxlint.finding_cap`),
    kept without their findings so that ``--fix`` still applies every one: each fix is
    still applied on its own, in the order of its finding, exactly as when it was listed
    (:func:`gxlint.fixes.fixes_in_order`), but held as numbers in arrays, 33 bytes for a
    fix of one edit, against 1.3 KB for a finding with its fix, arguments and code frame
    (126 KB of ``1? ``, 40,000 GX507 fixes, peaked at 51.8 MiB as findings: issue 9).

    Each fix keeps its finding's ``line``, ``column`` and ``rank`` (the order in which the
    findings of one line and column arrived), what orders it among the listed findings'."""

    __slots__ = ("code", "_lines", "_columns", "_ranks", "_safe", "_description_index", "_descriptions",
                 "_edit_ends", "_starts", "_ends", "_replacement_index", "_replacements")

    def __init__(self, code: str) -> None:
        self.code = code  # the rule whose findings these fixes belong to
        # 4 bytes a number: offsets, lines and columns of a file read whole (at most 50 MiB)
        self._lines = array("i")
        self._columns = array("i")
        self._ranks = array("i")
        self._safe = bytearray()
        self._description_index = array("I")
        self._descriptions: dict[str, int] = {}
        self._edit_ends = array("i")  # fix k's edits are [_edit_ends[k - 1], _edit_ends[k])
        self._starts = array("i")
        self._ends = array("i")
        self._replacement_index = array("I")
        self._replacements: dict[str, int] = {}

    def add(self, line: int, column: int, rank: int, fix: "Fix") -> None:
        self._lines.append(line)
        self._columns.append(column)
        self._ranks.append(rank)
        self._safe.append(bool(fix.safe))
        self._description_index.append(self._descriptions.setdefault(fix.description, len(self._descriptions)))
        for edit in fix.edits:
            self._starts.append(edit.start)
            self._ends.append(edit.end)
            self._replacement_index.append(self._replacements.setdefault(edit.replacement, len(self._replacements)))
        self._edit_ends.append(len(self._starts))

    def extend(self, other: "FoldedFixes") -> None:
        for key, fix in other.parts():
            self.add(*key, fix)

    def __len__(self) -> int:
        return len(self._lines)

    @property
    def safe(self) -> bool:
        """Whether ``--fix`` applies any of them (``--unsafe-fixes`` applies all)."""
        return any(self._safe)

    @property
    def counts(self) -> tuple[int, int]:
        """``(safe, unsafe)``: how many of the fixes ``--fix`` applies, and how many only
        ``--unsafe-fixes`` does (the summary counts each fix, as if its finding were listed)."""
        safe = sum(self._safe)
        return safe, len(self._safe) - safe

    @property
    def description(self) -> str:
        return f"the fixes of {len(self)} {self.code} findings not listed"

    def _order(self) -> Sequence[int]:
        lines, columns, ranks = self._lines, self._columns, self._ranks
        keys = zip(lines, columns, ranks)
        if all(a <= b for a, b in zip(keys, zip(lines[1:], columns[1:], ranks[1:]))):
            return range(len(lines))  # folded in the order of their findings
        # one int a fix, not a tuple of three: the sort keeps every key (6 MiB for 40,000)
        column_base, rank_base = max(columns) + 1, max(ranks) + 1
        return sorted(range(len(lines)), key=lambda k: (lines[k] * column_base + columns[k]) * rank_base + ranks[k])

    def parts(self) -> Iterator[tuple[tuple[int, int, int], "Fix"]]:
        """Each fix, made when asked for, with its finding's (line, column, rank), in
        the order of the findings."""
        descriptions = list(self._descriptions)
        replacements = list(self._replacements)
        starts, ends, which, edit_ends = self._starts, self._ends, self._replacement_index, self._edit_ends
        for k in self._order():
            first = edit_ends[k - 1] if k else 0
            edits = tuple(Edit(starts[e], ends[e], replacements[which[e]]) for e in range(first, edit_ends[k]))
            yield ((self._lines[k], self._columns[k], self._ranks[k]),
                   Fix(edits=edits, safe=bool(self._safe[k]), description=descriptions[self._description_index[k]]))

    @property
    def edits(self) -> tuple[Edit, ...]:
        """Every fix's edits, in the order of the findings."""
        return tuple(self.iter_edits())

    def iter_edits(self) -> Iterator[Edit]:
        """:attr:`edits`, made one at a time (the JSON reporters write them so)."""
        for _, fix in self.parts():
            yield from fix.edits

    def to_json(self, edits: Any = None) -> dict[str, Any]:
        """As one fix whose ``edits`` are all the folded fixes' (``fixes`` of them, each
        applied on its own by ``--fix``); ``safe`` when every one is.  ``edits``, if
        given, stands in their place (the JSON reporters write them a chunk at a time:
        as dicts, 40,000 took 16 MiB for a 130 KB file)."""
        return {
            "safe": all(self._safe),
            "description": self.description,
            "edits": [edit_json(e) for e in self.edits] if edits is None else edits,
            "fixes": len(self),
        }

    def data(self) -> dict[str, Any]:
        """Plain data for the cache and worker processes (:func:`from_data` reads it)."""
        return {"code": self.code, "lines": self._lines, "columns": self._columns, "ranks": self._ranks,
                "safe": bytes(self._safe), "description_index": self._description_index,
                "descriptions": list(self._descriptions), "edit_ends": self._edit_ends, "starts": self._starts,
                "ends": self._ends, "replacement_index": self._replacement_index,
                "replacements": list(self._replacements)}

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> "FoldedFixes":
        """:meth:`data` back; ValueError when it is not such data (a damaged cache entry)."""
        try:
            return cls._from_data(data)
        except (KeyError, TypeError, IndexError) as error:
            raise ValueError(f"folded fixes: {error}") from None

    @classmethod
    def _from_data(cls, data: Mapping[str, Any]) -> "FoldedFixes":
        out = cls(str(data["code"]))
        for name, typecode in (("lines", "i"), ("columns", "i"), ("ranks", "i"), ("description_index", "I"),
                               ("edit_ends", "i"), ("starts", "i"), ("ends", "i"), ("replacement_index", "I")):
            value = data[name]
            if not isinstance(value, array) or value.typecode != typecode:
                raise ValueError(f"folded fixes: {name} is not an array of {typecode!r}")
            setattr(out, "_" + name, value)
        out._safe = bytearray(data["safe"])
        out._descriptions = {str(d): k for k, d in enumerate(data["descriptions"])}
        out._replacements = {str(r): k for k, r in enumerate(data["replacements"])}
        n, edits = len(out._lines), len(out._starts)
        if not (len(out._columns) == len(out._ranks) == len(out._safe) == len(out._description_index)
                == len(out._edit_ends) == n and len(out._ends) == len(out._replacement_index) == edits
                and (not n or out._edit_ends[-1] == edits)
                and all(a <= b for a, b in zip(out._edit_ends, out._edit_ends[1:]))
                and all(k < len(out._descriptions) for k in out._description_index)
                and all(k < len(out._replacements) for k in out._replacement_index)):
            raise ValueError("folded fixes: inconsistent arrays")
        return out

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, FoldedFixes):
            return NotImplemented
        return self.code == other.code and list(self.parts()) == list(other.parts())

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self) -> tuple:
        return (FoldedFixes.from_data, (self.data(),))

    def __repr__(self) -> str:
        return f"FoldedFixes({self.code!r}, {len(self)} fixes)"


class _Args(string.Formatter):
    """``str.format`` that leaves unknown fields visible instead of raising."""

    def get_value(self, key, args, kwargs):  # noqa: D401 - formatter protocol
        if isinstance(key, str) and key not in kwargs:
            return "{" + key + "}"
        return super().get_value(key, args, kwargs)


_FORMATTER = _Args()


# template -> the names of its fields when each is a plain name (no attribute, index or
# nested field), else None: such a template with every field given formats as str.format
_PLAIN_FIELDS: dict[str, frozenset[str] | None] = {}


def _plain_fields(template: str) -> frozenset[str] | None:
    names = set()
    try:
        for _, name, spec, _ in _FORMATTER.parse(template):
            if name is None:
                continue
            if not name.isidentifier() or "{" in (spec or ""):
                return None
            names.add(name)
    except ValueError:
        return None
    return frozenset(names)


def render(template: str, args: Mapping[str, Any]) -> str:
    fields = _PLAIN_FIELDS.get(template, ())
    if fields == ():
        fields = _PLAIN_FIELDS[template] = _plain_fields(template)
    if fields is not None and fields <= args.keys():
        try:  # str.format's own loop: a report prints thousands of messages
            return template.format_map(args)
        except Exception:  # noqa: BLE001 - the formatter below decides (it may keep the template)
            pass
    try:
        return _FORMATTER.vformat(template, (), dict(args))
    except (ValueError, IndexError, AttributeError, KeyError):
        return template


@dataclass(frozen=True, slots=True)
class RuleMeta:
    """What the catalogue says about a rule: identity, defaults and message templates."""

    code: str
    name: str
    family: str
    severity: Severity
    summary: str
    messages: Mapping[str, str]  # lang -> template
    fixable: bool = False
    summary_zh: str = ""
    docs: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    plugin: str = "gxlint"
    former_names: tuple[str, ...] = ()  # names it had before a rename: selectors still accept them

    def message(self, lang: str, args: Mapping[str, Any]) -> str:
        template = self.messages.get(lang) or self.messages.get("en") or self.summary
        return render(template, args)


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One finding.  Positions are 1-based; ``end_*`` is exclusive (one past the span)."""

    rule: RuleMeta
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    args: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    severity: Severity | None = None  # None: the rule's (possibly configured) default
    fix: Fix | FoldedFixes | None = None  # FoldedFixes: only on a GX024 finding (gxlint.finding_cap)
    # character offsets, kept for fixes, suppressions and baselines
    start: int = 0
    end: int = 0

    @property
    def code(self) -> str:
        return self.rule.code

    @property
    def name(self) -> str:
        return self.rule.name

    @property
    def family(self) -> str:
        return self.rule.family

    @property
    def effective_severity(self) -> Severity:
        return self.severity or self.rule.severity

    def message(self, lang: str = "en") -> str:
        return self.rule.message(lang, self.args)

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.code)

    def to_json(self, lang: str = "en") -> dict[str, Any]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "code": self.code,
            "name": self.name,
            "family": self.family,
            "severity": self.effective_severity.value,
            "message": self.message(lang),
            "fix": self.fix.to_json() if self.fix else None,
        }
