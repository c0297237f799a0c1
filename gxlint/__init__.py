"""gxlint: a linter for 政府信息公开工作年度报告 (government information-disclosure annual reports).

The Python API (:mod:`gxlint.api`) is importable from here and loaded on first use, so
``import gxlint`` stays cheap::

    import gxlint
    result = gxlint.lint_path("report.html", select=["GX2"])
"""

from typing import Any

from gxlint.version import __version__

# names re-exported from gxlint.api, imported when first asked for
_API = ("FileResult", "Reading", "Session", "SetupError", "lint_bytes", "lint_path", "lint_paths",
        "lint_text", "read_document", "session")

__all__ = ["__version__", *_API]


def __getattr__(name: str) -> Any:
    if name in _API:
        from gxlint import api  # lazy: `import gxlint` stays cheap (PEP 562)

        return getattr(api, name)
    raise AttributeError(f"module 'gxlint' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_API))
