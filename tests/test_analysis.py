"""The analysis layer: facts computed once per document and shared by every rule."""

from __future__ import annotations

from gxlint.analysis import analyse
from gxlint.document import Heading
from gxlint.plugin.api import Context

from conftest import corpus, read_document, seed


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_each_fact_is_computed_once_per_document():
    document = read_document(seed("003"))
    analysis = analyse(document)
    assert analyse(document) is analysis
    first, second = Context(document), Context(document)
    assert first.facts is second.facts is analysis.facts
    assert first.tables is second.tables
    assert first.prose.units is second.prose.units
    assert first.lines is second.lines


def test_report_facts_of_a_real_report():
    facts = analyse(read_document(corpus("001.txt"))).facts
    assert facts.year == 2023
    assert facts.year_source == "title"
    assert "洪泽区" in facts.agency and facts.agency_kind == "government"
    assert facts.period is not None and facts.period.is_calendar_year


def test_wrapped_lines_are_joined_however_short_and_after_a_colon():
    # corpus 001: "…电子邮箱：" / "hzzwgk@126.com）。" is one sentence (the bracket opens a line earlier)
    units = analyse(read_document(corpus("001.txt"))).prose.units
    unit = next(u for u in units if "hzzwgk@126.com" in u.value)
    assert "(地址:淮安市洪泽区洪泽湖大道" in unit.value
    assert unit.value.count("(") == unit.value.count(")")


def test_prose_units_of_copied_text(tmp_path):
    path = _write(tmp_path, "r.txt", "2023年政府信息公开工作年度报告\n\n一、总体情况\n本年度共收到申请12件，\n\n度办\n理结。\n二、主动公开政府信息情况\n全年公开信息。\n")
    units = analyse(read_document(path)).prose.units
    values = [u.value for u in units]
    assert "本年度共收到申请12件,度办理结。" in values  # the blank line (a page break) does not end it
    headings = [u for u in units if isinstance(u.blocks[0], Heading)]
    assert all(len(u.blocks) == 1 for u in headings)
    assert units[-1].last and not any(u.last for u in units[:-1])
    assert len({u.region for u in units}) >= 3  # each heading starts a region


def test_html_paragraphs_are_never_joined(tmp_path):
    path = _write(tmp_path, "r.html", "<html><body><h1>2023年政府信息公开工作年度报告</h1>"
                  "<p>本年度共收到申请12件，其中</p><p>当面申请3件</p></body></html>")
    values = [u.value for u in analyse(read_document(path)).prose.units]
    assert "本年度共收到申请12件,其中" in values and "当面申请3件" in values


def test_a_linted_report_is_freed_without_the_cyclic_garbage_collector(linter):
    # Nothing in a document's cache refers back to the document (the analysis is held
    # weakly there, by the rules' context while they run): dropping the result frees it at
    # once, where a cycle left every dropped document to the collector to scan and free.
    import gc  # lazy: this test only
    import weakref  # lazy: this test only

    for path in (seed("003"), corpus("001.txt")):
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            result = linter.lint_bytes(path.read_bytes(), str(path))
            assert result.diagnostics and result.document.cache
            document = weakref.ref(result.document)
            del result
            assert document() is None, path
        finally:
            if was_enabled:
                gc.enable()


def test_the_analysis_lives_as_long_as_it_is_held(linter):
    path = seed("003")
    result = linter.lint_bytes(path.read_bytes(), str(path))
    # the rules' analysis is the one a later reader of the document gets (--show-tables
    # reads the tables the lint recognised, it does not recognise them again)
    assert analyse(result.document) is result.analysis
    tables = result.analysis.tables
    result.analysis = None  # (nothing else holds it)
    assert analyse(result.document).tables is not tables
    document = read_document(path)
    analysis = analyse(document)
    facts = analysis.facts
    assert analyse(document) is analysis and analyse(document).facts is facts
    units = analyse(read_document(corpus("001.txt"))).prose.units  # the document held by its analysis
    assert units


def test_section_numbers_are_worked_out_once_per_sections_list():
    """standard_sections/standard_section_numbers/last_section_of_cut_text share one
    worked-out list a document (asked a dozen times a report), the same as asking each
    heading; a new sections list is worked out again."""
    from gxlint.analysis.sections import (last_section_of_cut_text, section_number, standard_section_numbers,
                                          standard_sections)

    for document in (read_document(corpus("003.txt")), read_document(seed("003"))):
        plain = [(s, section_number(s.heading)) for s in document.sections if s.heading.level == 1]
        pairs = standard_sections(document)
        assert pairs == plain and standard_sections(document) is pairs  # kept, not worked out again
        assert standard_section_numbers(document) == frozenset(n for _, n in plain if n is not None)
        document.sections = document.sections[:2]  # (a document whose text ends in section 二)
        document.reader_notes.pop("closing", None)
        assert standard_sections(document) == plain[:2]
        assert standard_section_numbers(document) == frozenset(n for _, n in plain[:2] if n is not None)
        assert last_section_of_cut_text(document) == max(n for _, n in plain[:2] if n is not None)
