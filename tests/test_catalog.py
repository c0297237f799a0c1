"""rules.toml and the registered rule code agree, both ways."""

from __future__ import annotations

import re

import pytest

from gxlint.catalog import CatalogError, FAMILIES, builtin_catalog, parse_catalog

# Diagnostics the engine itself emits (no check function behind them).
ENGINE_CODES = {"GX001", "GX002", "GX003", "GX004", "GX005", "GX006", "GX901", "GX902"}


def test_every_registered_builtin_rule_is_catalogued(registry):
    catalog = builtin_catalog()
    for code, rule in {**registry.rules, **registry.multi_report_rules}.items():
        if not code.startswith("GX"):
            continue  # a third-party plugin installed next to gxlint
        assert code in catalog, f"{code} is registered but missing from rules.toml"
        assert rule.meta == catalog[code].meta


def test_every_catalogued_rule_is_implemented(registry):
    implemented = set(registry.rules) | set(registry.multi_report_rules)
    engine_or_cli = {code for code, e in builtin_catalog().items() if e.meta.family in ("input", "internal")}
    missing = set(builtin_catalog()) - implemented - engine_or_cli
    assert not missing, f"catalogued but not implemented: {sorted(missing)}"
    assert ENGINE_CODES <= set(builtin_catalog())


def test_builtin_codes_follow_the_family_ranges():
    ranges = {"0": "input", "1": "sections", "2": "totals", "3": "placeholders", "4": "years",
              "5": "contamination", "6": "history", "9": "internal"}
    for code, entry in builtin_catalog().items():
        assert re.fullmatch(r"GX\d{3}", code)
        assert entry.meta.family == ranges[code[2]], code
        assert entry.meta.family in FAMILIES


def test_every_rule_has_both_languages_and_docs():
    for code, entry in builtin_catalog().items():
        meta = entry.meta
        assert meta.messages["zh"].strip() and meta.messages["en"].strip(), code
        assert meta.summary and meta.summary_zh, code
        for key in ("what", "why", "example_bad", "example_good", "fix"):
            assert meta.docs.get(key, "").strip(), f"{code} docs lack {key}"


def test_names_are_unique():
    names = [e.meta.name for e in builtin_catalog().values()]
    assert len(names) == len(set(names))


@pytest.mark.parametrize(
    "data, message",
    [
        ({}, "no [rules] table"),
        ({"rules": {"gx1": {}}}, "rule codes look like"),
        ({"rules": {"GX100": {"name": "x"}}}, "missing key"),
        ({"rules": {"GX100": {"name": "Bad Name", "family": "totals", "severity": "error",
                              "summary": "s", "message": {"zh": "z", "en": "e"}}}}, "kebab-case"),
        ({"rules": {"GX100": {"name": "ok", "family": "nope", "severity": "error",
                              "summary": "s", "message": {"zh": "z", "en": "e"}}}}, "family"),
        ({"rules": {"GX100": {"name": "ok", "family": "totals", "severity": "fatal",
                              "summary": "s", "message": {"zh": "z", "en": "e"}}}}, "severity"),
        ({"rules": {"GX100": {"name": "ok", "family": "totals", "severity": "error",
                              "summary": "s", "message": {"en": "e"}}}}, "zh and en"),
    ],
)
def test_bad_catalogues_are_clear_errors(data, message):
    with pytest.raises(CatalogError, match=re.escape(message)):
        parse_catalog(data, "test.toml")


def test_each_template_uses_only_its_own_language_halves():
    # A rule gives language-dependent parts of a message in both languages (``place_zh``,
    # ``place_en``; see gxlint.diagnostics); each template must pick its own half.
    for code, entry in builtin_catalog().items():
        for lang, template in entry.meta.messages.items():
            fields = set(re.findall(r"\{(\w+)", template))
            other = {"zh": "_en", "en": "_zh"}[lang]
            assert not {f for f in fields if f.endswith(other)}, f"{code} message.{lang}: {sorted(fields)}"
