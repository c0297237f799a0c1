"""Regular expressions compiled on first use, so importing a module full of them is cheap."""

from __future__ import annotations

import re

from gxlint.regex_cache import compile_pattern
from typing import Any


class LazyPattern:
    """``re.compile(pattern, flags)`` deferred to the first use.

    Modules define dozens of large patterns; compiling them all at import costs tens of
    milliseconds of start-up (``gxlint --version`` imports every plugin).  On first use the
    compiled pattern's attributes are copied onto the instance, so later calls are plain
    attribute reads.  ``.pattern`` is available without compiling.
    """

    _ATTRIBUTES = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split",
                   "scanner", "flags", "groups", "groupindex")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self._flags = flags

    def compiled(self) -> "re.Pattern[str]":
        compiled = compile_pattern(self.pattern, self._flags)
        for name in self._ATTRIBUTES:
            setattr(self, name, getattr(compiled, name))
        self.compiled = lambda: compiled  # type: ignore[method-assign]
        return compiled

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name in ("pattern", "_flags"):
            raise AttributeError(name)
        return getattr(self.compiled(), name)

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r})"


def lazy_compile(pattern: str, flags: int = 0) -> LazyPattern:
    return LazyPattern(pattern, flags)
