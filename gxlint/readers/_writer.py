"""The text a binary format's reader builds: lines written one at a time, each piece's offsets
known as it is written, so blocks can point into the final text (PDF and .docx readers)."""

from __future__ import annotations


class LineWriter:
    """Collects lines; blocks refer to (start, end) offsets into the final text."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.offset = 0

    def line(self, pieces: list[str], sep: str = "") -> list[tuple[int, int]]:
        """Write one line made of ``pieces`` joined by ``sep``; returns each piece's (start, end)."""
        spans = []
        if self.parts:
            self.parts.append("\n")
            self.offset += 1
        for k, piece in enumerate(pieces):
            if k and sep:
                self.parts.append(sep)
                self.offset += len(sep)
            spans.append((self.offset, self.offset + len(piece)))
            self.parts.append(piece)
            self.offset += len(piece)
        return spans

    def text(self) -> str:
        return "".join(self.parts)
