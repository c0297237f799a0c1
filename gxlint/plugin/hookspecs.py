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
