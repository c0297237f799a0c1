"""The analysis layer: facts about one document that several rules need.

The engine reads a file into a :class:`~gxlint.document.Document`, then makes one
:class:`Analysis` for it and hands it to every rule through the rule context
(``ctx.facts``, ``ctx.tables``, …).  Each fact is computed on first use and kept in the analysis
object, so a fact no selected rule asks for costs nothing and a fact many rules ask for
is computed once.  The data model (:mod:`gxlint.document`) knows nothing of this layer.
"""

from __future__ import annotations

from functools import cached_property
from weakref import ref

from typing import TYPE_CHECKING, Sequence

from gxlint.analysis.facts import Facts, compute_facts
from gxlint.analysis import narrative
from gxlint.analysis.prose import ProseUnit, prose_units
from gxlint.analysis.lines import Line, furniture_lines, source_lines
from gxlint.document import Document

if TYPE_CHECKING:  # pragma: no cover
    from gxlint.tables.model import StandardTables

_KEY = "analysis"


class Prose:
    """The report's prose (never tables) and what it says in figures (``ctx.prose``)."""

    def __init__(self, document: Document, year: int | None) -> None:
        self.document = document
        self.year = year

    @cached_property
    def units(self) -> list[ProseUnit]:
        """Paragraphs and headings in reading order, PDF-wrapped lines joined back."""
        return prose_units(self.document)

    @cached_property
    def figures(self) -> list[narrative.Figure]:
        """Figures a phrase ties to a table concept (收到申请12件), of the report year."""
        return narrative.figures(self.units, self.year)

    @cached_property
    def claims(self) -> list[narrative.Claim]:
        """Claims of none or of completion (未收到申请, 均已办结)."""
        return narrative.claims(self.units)

    @cached_property
    def parts_lists(self) -> list[narrative.PartsList]:
        """A whole followed by its parts (公开信息120条，其中…30条、…50条)."""
        return narrative.parts_lists(self.units)


class Analysis:
    """The per-document cache of derived facts (each a lazily computed attribute)."""

    def __init__(self, document: Document) -> None:
        self.document = document

    @cached_property
    def facts(self) -> Facts:
        """Title, report year, agency and its kind, statistics period, publication date."""
        return compute_facts(self.document)

    @cached_property
    def prose(self) -> Prose:
        """The prose and its figures, read against the report year."""
        return Prose(self.document, self.facts.year)

    @cached_property
    def lines(self) -> Sequence[Line]:
        """The content as lines (source lines of text/Markdown, blocks of HTML)."""
        return source_lines(self.document)

    @cached_property
    def furniture_lines(self) -> list[Line]:
        """The page furniture outside the content (HTML header, navigation, footer) as lines."""
        return furniture_lines(self.document)

    @cached_property
    def tables(self) -> "StandardTables":
        """Tables 二, 三 and 四 aligned with the templates (:mod:`gxlint.tables.recognise`)."""
        from gxlint.tables.recognise import recognise  # lazy: --version and rules without tables never load it

        return recognise(self.document)


def analyse(document: Document) -> Analysis:
    """The document's analysis: made on the first call, the same object afterwards while
    one is held (a rule's context holds it while the rules run, a lint's result after).

    The document's cache refers to it weakly: the analysis refers to its document, and a
    strong reference back would make every document a reference cycle, which only the
    cyclic garbage collector frees, after scanning every object of every dropped document
    (a tenth of the time of linting small reports one after another)."""
    held = document.cache.get(_KEY)
    analysis = held() if isinstance(held, ref) else None
    if not isinstance(analysis, Analysis) or analysis.document is not document:
        analysis = Analysis(document)
        document.cache[_KEY] = ref(analysis)
    return analysis
