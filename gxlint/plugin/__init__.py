"""Everything a rule, reader or reporter plugin may use, in one place.

A plugin module imports from here and from :mod:`gxlint.document` (the tree it reads)
and from nothing else in gxlint: the rest is private and may change (a test holds the
built-in rules to this).  What is offered:

* registering: ``hookimpl`` (the pluggy marker), ``rule`` and :class:`Rule`,
  :class:`Reader`, :class:`Reporter`, ``ENTRY_POINT_GROUP``; multi-report rules:
  ``multi_report_rule``, :class:`MultiReportRule`, the :class:`ReportSet` they check,
  ``locate`` and :class:`Position` (a place kept between collection and check);
* running: :class:`Context`: the document; what the analysis layer found, each computed
  once per document: ``ctx.facts`` (report year, title, agency and its kind, statistics
  period, publication date), ``ctx.lines`` / ``ctx.furniture_lines`` (the content as
  :class:`Line` s), ``ctx.prose`` (paragraphs with wrapped lines joined, and the
  :class:`Figure` s, claims and parts lists the text states) and ``ctx.tables``
  (tables 二, 三 and 四); the rule's ``ctx.options``; ``ctx.report(where, **args)``;
* findings: :class:`Diagnostic` (what ``ctx.report`` returns), :class:`Fix`,
  :class:`Edit` (a replacement of source characters), :class:`Severity`;
* matching: ``lazy_compile`` / :class:`LazyPattern` (a regex compiled on first use),
  ``compile_pattern`` (``re.compile``, with the compiled form kept between runs; lazy
  patterns use it too),
  the normalised view (:class:`Normalized`, ``normalize_str``, Traditional →
  Simplified with ``to_simplified``/``has_traditional``/``TRADITIONAL_MARKERS``,
  pinyin annotations with ``PINYIN_ANNOTATION``/``is_reading``, the lines holding one
  with ``PINYIN_SIGN``), ``simplified_char``
  (one character, Simplified), ``mojibake_spans`` (runs decoded with the wrong charset;
  ``rare_han`` of a whole text once, then ``may_be_garbled(line, rare)`` skips the lines
  it would find clean; ``garbled_sign()`` is a pattern of what it looks for),
  ``line_search(ctx)`` (:class:`LineSearch`: the lines a pattern may match, found with
  one scan of the joined text; a superset, the rule checks each), ``matches_after(pattern,
  boundary, value)`` (a pattern whose lookbehind lets it start only after ``boundary``,
  tried only there);
* the standard tables: ``template``, ``template_for``, ``row_label``,
  ``APPLICANT_COLUMNS``, ``APPEAL_GROUPS``, ``APPEAL_OUTCOMES``, ``TABLE_NAMES`` (表二 …), ``TABLE_NAMES_EN``, ``TABLE_NUMBERS``
  (二 …), and the recognised-table types :class:`RecognisedTable`, :class:`Value`,
  :class:`StandardTables` (what ``ctx.tables`` is) and :class:`Relation` (an equation of a template);
* dates and numerals: ``DATE_RE`` (a full date, in any of the usual writings) and
  ``parse_date(match)``, ``cn_number`` (二〇二四 → 2024, 三十一 → 31),
  ``source_quote(view, i, j)`` (the file's own characters behind a normalised view,
  for quoting), ``STANDARD_WORDS`` (政府信息公开工作年度报告), ``is_page_marker(line)``
  (``- 3 -``, ``第3页，共12页`` of text copied from a PDF);
* the six sections: ``section_number(heading)`` (which of 1–6 a heading means, typos
  allowed), ``canonical_section(heading)`` (the structure pass's strict mapping)
  and ``section_wording(heading)`` (``"canonical"``, ``"variant"``, ``"other"`` or None),
  ``last_section_of_cut_text(document)`` (where a partial copy ends),
  ``standard_section_numbers(document)`` (which of 1–6 its top-level headings are),
  ``standard_sections(document)`` (each top-level section with its number, or None),
  ``section_structure_found(document, year)`` (whether the six-section checks can run),
  ``pictures_in(document, section)`` (the pictures in a section: a table published as an image),
  ``figures_as_text(section)`` (the first block of a section whose text holds figures, when
  it holds enough of them to be data: a table flattened into lines, or figures in prose);
* what was checked: ``STANDARD_TABLES`` (the kinds of tables 二, 三, 四) and
  ``table_was_read(table)`` (a recognised table whose figures were read);
* digests: ``sha256_hex(data)`` (``hashlib.sha256(data).hexdigest()`` without loading
  OpenSSL, which costs start-up);
* data files: ``load_data_toml(path)`` (a TOML file shipped with the plugin, parsed once
  and then read from a cache in ``__pycache__`` beside it, as Python caches byte code).

The table and section helpers are imported on first use, so a plugin that needs none
of them does not pay for them at start-up.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

import pluggy

from gxlint.analysis.lines import Line
from gxlint.diagnostics import Diagnostic, Edit, Fix, Severity
from gxlint.lazy_pattern import LazyPattern, lazy_compile
from gxlint.normalize import (
    PINYIN_ANNOTATION,
    PINYIN_SIGN,
    TRADITIONAL_MARKERS,
    Normalized,
    has_traditional,
    is_reading,
    normalize_str,
    to_simplified,
)
from gxlint.plugin.api import Context, Reader, Reporter, Rule, rule
from gxlint.plugin.crossreport import MultiReportRule, Position, ReportSet, locate, multi_report_rule
from gxlint.regex_cache import compile_pattern

hookimpl = pluggy.HookimplMarker("gxlint")

ENTRY_POINT_GROUP = "gxlint"

# name -> (module, attribute): loaded on first access (PEP 562)
_LAZY = {
    "template": ("gxlint.tables.templates", "template"),
    "template_for": ("gxlint.tables.templates", "template_for"),
    "row_label": ("gxlint.tables.templates", "row_label"),
    "APPLICANT_COLUMNS": ("gxlint.tables.templates", "APPLICANT_COLUMNS"),
    "TABLE_NAMES": ("gxlint.tables.templates", "TABLE_NAMES"),
    "TABLE_NAMES_EN": ("gxlint.tables.templates", "TABLE_NAMES_EN"),
    "TABLE_NUMBERS": ("gxlint.tables.templates", "TABLE_NUMBERS"),
    "APPEAL_GROUPS": ("gxlint.tables.templates", "APPEAL_GROUPS"),
    "APPEAL_OUTCOMES": ("gxlint.tables.templates", "APPEAL_OUTCOMES"),
    "RecognisedTable": ("gxlint.tables.model", "RecognisedTable"),
    "StandardTables": ("gxlint.tables.model", "StandardTables"),
    "Relation": ("gxlint.tables.templates", "Relation"),
    "Value": ("gxlint.tables.model", "Value"),
    "DATE_RE": ("gxlint.analysis.facts", "DATE_RE"),
    "parse_date": ("gxlint.analysis.facts", "parse_date"),
    "source_quote": ("gxlint.analysis.facts", "source_quote"),
    "STANDARD_WORDS": ("gxlint.analysis.facts", "STANDARD_WORDS"),
    "Facts": ("gxlint.analysis.facts", "Facts"),
    "cn_number": ("gxlint.numerals", "cn_number"),
    "is_page_marker": ("gxlint.page_markers", "is_page_marker"),
    "Concept": ("gxlint.analysis.narrative", "Concept"),
    "Figure": ("gxlint.analysis.narrative", "Figure"),
    "mojibake_spans": ("gxlint.analysis.mojibake", "mojibake_spans"),
    "rare_han": ("gxlint.analysis.mojibake", "rare_han"),
    "may_be_garbled": ("gxlint.analysis.mojibake", "may_be_garbled"),
    "garbled_sign": ("gxlint.analysis.mojibake", "garbled_sign"),
    "line_search": ("gxlint.analysis.line_search", "line_search"),
    "LineSearch": ("gxlint.analysis.line_search", "LineSearch"),
    "matches_after": ("gxlint.analysis.line_search", "matches_after"),
    "simplified_char": ("gxlint.analysis.mojibake", "simplified_char"),
    "canonical_section": ("gxlint.structure", "canonical_section"),
    "section_wording": ("gxlint.structure", "wording"),
    "section_number": ("gxlint.analysis.sections", "section_number"),
    "last_section_of_cut_text": ("gxlint.analysis.sections", "last_section_of_cut_text"),
    "section_structure_found": ("gxlint.analysis.sections", "section_structure_found"),
    "standard_section_numbers": ("gxlint.analysis.sections", "standard_section_numbers"),
    "standard_sections": ("gxlint.analysis.sections", "standard_sections"),
    "pictures_in": ("gxlint.analysis.sections", "pictures_in"),
    "figures_as_text": ("gxlint.analysis.sections", "figures_as_text"),
    "table_was_read": ("gxlint.coverage", "table_was_read"),
    "STANDARD_TABLES": ("gxlint.coverage", "TABLES"),
    "load_data_toml": ("gxlint.toml_cache", "load_toml"),
    "sha256_hex": ("gxlint.digest", "sha256_hex"),
}


def __getattr__(name: str) -> Any:
    try:
        module, attribute = _LAZY[name]
    except KeyError:
        raise AttributeError(f"module 'gxlint.plugin' has no attribute {name!r}") from None
    value = getattr(import_module(module), attribute)
    globals()[name] = value
    return value


__all__ = [
    "ENTRY_POINT_GROUP",
    "PINYIN_ANNOTATION",
    "PINYIN_SIGN",
    "TRADITIONAL_MARKERS",
    "Context",
    "Diagnostic",
    "Edit",
    "Fix",
    "Line",
    "LazyPattern",
    "MultiReportRule",
    "Normalized",
    "Position",
    "Reader",
    "ReportSet",
    "Reporter",
    "Rule",
    "Severity",
    "has_traditional",
    "hookimpl",
    "compile_pattern",
    "is_reading",
    "lazy_compile",
    "locate",
    "multi_report_rule",
    "normalize_str",
    "rule",
    "to_simplified",
    *_LAZY,
]
