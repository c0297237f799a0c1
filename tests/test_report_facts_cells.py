"""The cells collect_facts builds without CellFact's __init__ are CellFacts like any other."""

from __future__ import annotations

import pickle
from dataclasses import astuple, fields

from gxlint.report_facts import CellFact, collect_facts

from conftest import SEEDS, read_document


def test_collected_cells_equal_cells_built_by_the_constructor():
    document = read_document(sorted(SEEDS.glob("*.txt"))[2])
    cells = collect_facts(document).cells
    assert len(cells) > 100
    names = [f.name for f in fields(CellFact)]
    source = document.source
    for cell in cells:
        assert list(vars(cell)) == names  # every field, in the class's order, nothing else
        built = CellFact(*astuple(cell))
        assert cell == built and hash(cell) == hash(built)
        assert pickle.loads(pickle.dumps(cell)) == built
        # the inlined positions are Source.position's
        assert (cell.line, cell.column) == source.position(cell.start)
        assert (cell.end_line, cell.end_column) == source.position(cell.end)
