"""Errors the core raises across layers."""

from __future__ import annotations

from typing import Any


class SetupError(Exception):
    """Plugins, configuration or options the user must fix (the command line exits 2)."""


class InputError(Exception):
    """Raised by a reader for input it refuses (e.g. pathological nesting): a fatal GX0xx."""

    def __init__(self, code: str, **details: Any) -> None:
        super().__init__(code)
        self.code = code
        self.details = details
