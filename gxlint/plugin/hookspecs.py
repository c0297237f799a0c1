"""Every hook gxlint calls on its plugins.

Built-in rule modules (``gxlint_plugins.*``) implement these hooks exactly like
third-party plugins do, and are found through the same ``gxlint`` entry-point group.
A plugin implements a hook by defining a function of the same name decorated with
:data:`gxlint.plugin.hookimpl`; pluggy checks the signature, and gxlint rejects
functions named ``gxlint_*`` that match no hook (a misspelt hook fails loudly).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

import pluggy

if TYPE_CHECKING:  # pragma: no cover
    from gxlint.plugin.api import Reader, Reporter, Rule
    from gxlint.plugin.crossreport import MultiReportRule

hookspec = pluggy.HookspecMarker("gxlint")


@hookspec
def gxlint_rules() -> "Sequence[Rule]":
    """Return the rules this plugin provides.

    Each rule is a :class:`gxlint.plugin.Rule`: a check function plus its metadata
    (code, kebab-case name, family, default severity, summary, message templates in
    Chinese and English).  Codes must be unique across all plugins; use a prefix of
    your own (``ACME001``), never ``GX``.
    """


@hookspec
def gxlint_multi_report_rules() -> "Sequence[MultiReportRule]":
    """Return rules that compare several reports (the ``history`` family: carry-over
    between consecutive years, duplicates, copied text …).

    Each is a :class:`gxlint.plugin.MultiReportRule`, usually built with
    :func:`gxlint.plugin.multi_report_rule`: an optional ``collect(ctx)`` that runs on
    every file right after its per-file rules and returns a small picklable value (kept
    as ``facts.extra[code]``; never keep the document), and ``check(reports)`` that runs
    once after all files were linted and sees a :class:`gxlint.plugin.ReportSet`: the
    :class:`gxlint.report_facts.ReportFacts` of every report (agency, year, template era, every
    table cell with its position) with helpers ``series()``, ``consecutive()``,
    ``collected(facts)`` and ``report(facts, where, **args)``.  Codes and metadata follow
    the rules of :func:`gxlint_rules`.
    """


@hookspec
def gxlint_readers() -> "Sequence[Reader]":
    """Return input readers: a format name, the file extensions it claims, and a
    function turning a decoded :class:`gxlint.document.Source` into blocks."""


@hookspec
def gxlint_reporters() -> "Sequence[Reporter]":
    """Return output formats selectable with ``--format NAME``."""


@hookspec
def gxlint_configure(settings: dict) -> None:
    """Called once with the resolved settings before any file is linted.

    ``settings["plugins"][NAME]`` holds the ``[tool.gxlint.plugins.NAME]`` table of the
    user's configuration, so a plugin can read its own options.
    """
