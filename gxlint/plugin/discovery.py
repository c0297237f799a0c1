"""The ``gxlint`` entry points of the installed distributions, found without
:mod:`importlib.metadata`.

Importing :mod:`importlib.metadata` (it pulls in ``email``, ``zipfile``, ``csv`` …) costs
about 10 ms, a tenth of ``gxlint --version``, and every run needs the entry points,
since even the built-in rules come through them.  A distribution installed as a
directory on ``sys.path`` is a ``*.dist-info`` or ``*.egg-info`` directory holding an
``entry_points.txt``; reading those files directly finds the same entry points in the
same order, with the same rule for a distribution installed twice (the first one on
``sys.path`` wins).  Where that simple layout may not be all there is (a zip file or an
``.egg`` on ``sys.path``, or an import hook that lists distributions of its own), the
scan answers None and the caller asks :mod:`importlib.metadata` instead.
"""

from __future__ import annotations

import os
import re
import sys
from functools import reduce
from importlib import import_module
from importlib.machinery import PathFinder

_INFO_SUFFIXES = (".dist-info", ".egg-info")
# importlib.metadata's EntryPoint.pattern
_VALUE = r"(?P<module>[\w.]+)\s*(:\s*(?P<attr>[\w.]+)\s*)?((?P<extras>\[.*\])\s*)?$"


class FoundEntryPoint:
    """One entry point, with the distribution that declares it (``info``: its
    ``*.dist-info``/``*.egg-info`` directory).  A plain class: a dataclass costs
    start-up to create."""

    __slots__ = ("name", "value", "info")

    def __init__(self, name: str, value: str, info: str) -> None:
        self.name = name
        self.value = value
        self.info = info

    def __repr__(self) -> str:
        return f"FoundEntryPoint({self.name!r}, {self.value!r}, {self.info!r})"

    def load(self) -> object:
        """The object the entry point names (``module`` or ``module:attr.attr``)."""
        match = re.match(_VALUE, self.value)
        if match is None:
            raise ValueError(f"malformed entry point value {self.value!r}")
        module = import_module(match.group("module"))
        attrs = filter(None, (match.group("attr") or "").split("."))
        return reduce(getattr, attrs, module)

    def dist_version(self) -> str:
        """``"Name version"`` from the distribution's METADATA (PKG-INFO for an egg-info)."""
        headers: dict[str, str] = {}
        for filename in ("METADATA", "PKG-INFO"):
            try:
                with open(os.path.join(self.info, filename), encoding="utf-8") as handle:
                    for line in handle:
                        if not line.strip():
                            break  # the end of the headers
                        key, sep, value = line.partition(":")
                        if sep and key in ("Name", "Version") and key not in headers:
                            headers[key] = value.strip()
                break
            except OSError:
                continue
        if "Name" not in headers or "Version" not in headers:
            return ""
        return f"{headers['Name']} {headers['Version']}"


def _normalize(name: str) -> str:
    # importlib.metadata's Prepared.normalize
    return re.sub(r"[-_.]+", "-", name).lower().replace("-", "_")


def _simple_layout() -> bool:
    """Whether every distribution importlib.metadata would see is a directory on sys.path."""
    for finder in sys.meta_path:
        if finder is not PathFinder and getattr(finder, "find_distributions", None) is not None:
            return False
    for entry in sys.path:
        if not isinstance(entry, str):
            return False
        if entry.lower().endswith(".egg") or os.path.isfile(entry):
            return False
    return True


def find_entry_points(group: str) -> list[FoundEntryPoint] | None:
    """The entry points of ``group`` of every installed distribution, in the order
    importlib.metadata gives them; None where only importlib.metadata can tell."""
    if not _simple_layout():
        return None
    seen: set[str] = set()
    found: list[FoundEntryPoint] = []
    for entry in sys.path:
        root = entry or "."
        try:
            children = os.listdir(root)
        except OSError:
            continue
        for child in children:
            if not child.lower().endswith(_INFO_SUFFIXES):
                continue
            # the distribution's name from its directory name, as importlib.metadata's
            # PathDistribution._normalized_name has it: the first one on sys.path wins
            key = _normalize(os.path.splitext(child)[0].partition("-")[0])
            if key in seen:
                continue
            seen.add(key)
            found.extend(_read_group(os.path.join(entry, child), group))
    return found


def _read_group(info: str, group: str) -> list[FoundEntryPoint]:
    try:
        with open(os.path.join(info, "entry_points.txt"), encoding="utf-8") as handle:
            text = handle.read()
    except (OSError, UnicodeDecodeError):
        return []
    out: list[FoundEntryPoint] = []
    section = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line.strip("[]")
            continue
        if section != group or "=" not in line:
            continue
        name, value = line.split("=", 1)
        out.append(FoundEntryPoint(name.strip(), value.strip(), info))
    return out
