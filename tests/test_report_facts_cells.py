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


def test_cells_are_built_when_first_read_and_pickle_as_a_plain_field():
    from gxlint.report_facts import ReportFacts  # lazy: this test only

    document = read_document(sorted(SEEDS.glob("*.txt"))[2])
    facts = collect_facts(document)
    assert vars(facts)["cells"] is None  # none made while the file is linted
    cells = facts.cells
    assert len(cells) > 100 and facts.cells is cells  # built once, then kept
    assert "_pending_cells" not in vars(facts)
    unread = collect_facts(document)
    copy = pickle.loads(pickle.dumps(unread))  # pickling builds them: the same pickle as ever
    assert copy.cells == cells and "_pending_cells" not in vars(copy) and unread == copy
    assert unread.cell("requests", cells[-1].key) is not None or cells[-1].table != "requests"
    assert ReportFacts(path="a.txt").cells == [] and ReportFacts(path="a.txt").cells is not ReportFacts(path="b").cells
    facts.cells = cells[:3]  # set as any field
    assert facts.cells == cells[:3]


def test_facts_with_cells_pending_hold_neither_the_source_nor_the_document():
    """A slim result keeps an excerpt of its source, not the source: the facts it keeps
    must not hold the text (nor the document) until their cells are read."""
    import gc  # lazy: this test only
    import weakref  # lazy: this test only

    from gxlint.engine import Linter  # lazy: this test only
    from gxlint.plugin.manager import load_plugins  # lazy: this test only

    path = sorted(SEEDS.glob("*.txt"))[2]
    linter = Linter(load_plugins())
    expected = linter.lint_path(str(path)).facts.cells
    result = linter.lint_path(str(path), keep_document=False)
    facts = result.facts
    assert vars(facts)["cells"] is None
    source = weakref.ref(result.source)
    del result
    gc.collect()
    assert source() is None  # the facts kept no reference to it
    assert facts.cells == expected  # and still build the same cells

