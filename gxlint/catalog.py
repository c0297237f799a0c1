"""The rule catalogue: ``rules.toml`` read into :class:`RuleMeta` values.

The shipped catalogue lists every built-in rule with its defaults and messages; user
configuration has the same shape (see :mod:`gxlint.config`).  ``gxlint/rules.toml`` is a
link to the repository's top-level ``rules.toml``, so the file exists once.
"""

from __future__ import annotations

from collections import abc
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping

from gxlint.diagnostics import RuleMeta, Severity
from gxlint.lazy_pattern import lazy_compile
from gxlint.toml_cache import load_toml

FAMILIES = ("input", "sections", "totals", "placeholders", "years", "contamination", "history", "internal")
CODE = lazy_compile(r"^[A-Z]{2,8}[0-9]{3,4}$")
NAME = lazy_compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
DOC_KEYS = ("what", "why", "example_bad", "example_good", "fix")


class CatalogError(ValueError):
    pass


@dataclass(frozen=True)
class CatalogEntry:
    """A rule's entry in a catalogue (``rules.toml`` or a plugin's): its metadata and option defaults."""
    meta: RuleMeta
    options: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))


def parse_catalog(data: Mapping[str, Any], origin: str, *, plugin: str = "gxlint") -> dict[str, CatalogEntry]:
    # isinstance checks against collections.abc, not typing: typing's aliases take ~20 µs
    # a check, and a run makes hundreds
    rules = data.get("rules")
    if not isinstance(rules, abc.Mapping):
        raise CatalogError(f"{origin}: no [rules] table")
    entries: dict[str, CatalogEntry] = {}
    for code, spec in rules.items():
        where = f"{origin}: rules.{code}"
        if not CODE.match(code):
            raise CatalogError(f"{where}: rule codes look like GX201")
        if not isinstance(spec, abc.Mapping):
            raise CatalogError(f"{where}: must be a table")
        try:
            name = spec["name"]
            family = spec["family"]
            severity = Severity.parse(spec["severity"])
            summary = spec["summary"]
            messages = spec["message"]
        except KeyError as missing:
            raise CatalogError(f"{where}: missing key {missing}") from None
        except ValueError as bad:
            raise CatalogError(f"{where}: {bad}") from None
        if not NAME.match(name):
            raise CatalogError(f"{where}: name {name!r} is not kebab-case")
        if plugin == "gxlint" and family not in FAMILIES:
            raise CatalogError(f"{where}: family {family!r} is not one of {', '.join(FAMILIES)}")
        if not isinstance(messages, abc.Mapping) or not {"zh", "en"} <= set(messages):
            raise CatalogError(f"{where}: message needs zh and en templates")
        former = spec.get("former_names", [])
        if not isinstance(former, list) or not all(isinstance(n, str) and NAME.match(n) for n in former):
            raise CatalogError(f"{where}: former_names must be a list of kebab-case names")
        docs = spec.get("docs", {})
        entries[code] = CatalogEntry(
            meta=RuleMeta(
                code=code,
                name=name,
                family=family,
                severity=severity,
                summary=summary,
                summary_zh=spec.get("summary_zh", ""),
                messages=MappingProxyType(dict(messages)),
                fixable=bool(spec.get("fixable", False)),
                docs=MappingProxyType(dict(docs)),
                plugin=plugin,
                former_names=tuple(former),
            ),
            options=MappingProxyType(dict(spec.get("options", {}))),
        )
    return entries


def builtin_catalog_path() -> Path:
    return Path(__file__).with_name("rules.toml")


@lru_cache(maxsize=1)
def builtin_catalog() -> dict[str, CatalogEntry]:
    path = builtin_catalog_path()
    return parse_catalog(load_toml(path), str(path))
