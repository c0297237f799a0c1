"""Whitespace runs matched atomically, so that chained ``\\s*`` stay linear.

A pattern such as ``下\\s*一?\\s*(?:个)?\\s*年度?`` gives Python's backtracking engine a
choice of how to split one run of spaces between its ``\\s*``; on a long run that fails
the engine tries every split (cubic time: 37 s for 4,000 spaces).  Where nothing after a
``\\s*`` can itself start with whitespace the split never changes whether the pattern
matches, so each ``\\s*`` can take the whole run once and never give it back: a possessive
``\\s*+``.
"""

from __future__ import annotations

from gxlint.lazy_pattern import lazy_compile

_STAR = lazy_compile(r"(?<!\\)((?:\\\\)*)\\s\*(?![+?])")


def atomic_spaces(pattern: str) -> str:
    """``pattern`` with every ``\\s*`` (not already lazy or possessive) made possessive."""
    return _STAR.sub(lambda m: m.group(1) + r"\s*+", pattern)
