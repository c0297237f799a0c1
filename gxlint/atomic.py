"""Whitespace runs matched atomically, so that chained ``\\s*`` stay linear.

A pattern such as ``下\\s*一?\\s*(?:个)?\\s*年度?`` gives Python's backtracking engine a
choice of how to split one run of spaces between its ``\\s*``; on a long run that fails
the engine tries every split (cubic time: 37 s for 4,000 spaces).  Where nothing after a
``\\s*`` can itself start with whitespace the split never changes whether the pattern
matches, so each ``\\s*`` can take the whole run once and never give it back: a possessive
``\\s*+`` (Python 3.11+), or the equivalent ``(?=(?P<w>\\s*))(?P=w)`` (a lookahead is
atomic) on 3.10.
"""

from __future__ import annotations

import itertools
import re
import sys

from gxlint.lazy_pattern import lazy_compile

_STAR = lazy_compile(r"(?<!\\)((?:\\\\)*)\\s\*(?![+?])")
_counter = itertools.count()


def atomic_spaces(pattern: str) -> str:
    """``pattern`` with every ``\\s*`` (not already lazy or possessive) made possessive."""
    if sys.version_info >= (3, 11):
        return _STAR.sub(lambda m: m.group(1) + r"\s*+", pattern)

    def emulate(m: re.Match[str]) -> str:  # pragma: no cover - Python 3.10 only
        name = f"_ws{next(_counter)}"
        return m.group(1) + rf"(?=(?P<{name}>\s*))(?P={name})"

    return _STAR.sub(emulate, pattern)
