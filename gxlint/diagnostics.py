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
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Mapping


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


@dataclass(frozen=True, slots=True)
class Fix:
    """A set of non-overlapping edits that together repair one finding.

    ``safe`` fixes are applied by ``--fix``; unsafe ones only with ``--unsafe-fixes``.
    """

    edits: tuple[Edit, ...]
    safe: bool = True
    description: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "safe": self.safe,
            "description": self.description,
            "edits": [
                {"start": e.start, "end": e.end, "replacement": e.replacement} for e in self.edits
            ],
        }


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
    fix: Fix | None = None
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
