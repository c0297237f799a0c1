"""Plausibility of table figures for the kind of body reporting (totals family, GX207+).

Registered by :mod:`gxlint_plugins.totals`.
"""

RULES: list = []
