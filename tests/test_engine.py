"""The engine: inputs that cannot be linted, rule crash isolation, parse-once."""

from __future__ import annotations

import types

from gxlint.engine import Linter
from gxlint.plugin import hookimpl, rule
from gxlint.plugin.manager import load_plugins

from conftest import seed


def _plugin(name: str, *rules) -> types.ModuleType:
    module = types.ModuleType(name)

    @hookimpl
    def gxlint_rules():
        return list(rules)

    module.gxlint_rules = gxlint_rules
    return module


@rule("TST001", name="always-crashes", family="test", severity="error",
      summary="crashes", messages={"zh": "崩溃", "en": "crash"})
def always_crashes(ctx):
    raise ZeroDivisionError("boom")
    yield  # pragma: no cover


SEEN_DOCUMENTS: list[int] = []


@rule("TST002", name="records-document", family="test", severity="info",
      summary="records", messages={"zh": "记录 {n}", "en": "records {n}"})
def records_document(ctx):
    SEEN_DOCUMENTS.append(id(ctx.document))
    SEEN_DOCUMENTS.append(id(ctx.tables))
    yield ctx.report(ctx.document.blocks[0], n=len(ctx.document.blocks))


def test_empty_file_is_one_fatal_input_diagnostic(linter, tmp_path):
    path = tmp_path / "empty.html"
    path.write_bytes(b"  \n\t\n")
    result = linter.lint_path(str(path))
    assert result.fatal
    assert [d.code for d in result.diagnostics] == ["GX001"]


def test_binary_file_is_one_fatal_input_diagnostic(linter, tmp_path):
    path = tmp_path / "report.html"
    path.write_bytes(b"\x7fELF\n\x00\x01\x02binary\x00\xff" * 50)
    result = linter.lint_path(str(path))
    assert result.fatal
    assert [d.code for d in result.diagnostics] == ["GX002"]


def test_pdf_bytes_under_an_html_name_are_read_as_pdf(linter, tmp_path):
    path = tmp_path / "report.html"
    path.write_bytes(b"%PDF-1.7\n\x00\x01\x02binary\x00\xff" * 50)  # no %%EOF: cut short
    result = linter.lint_path(str(path))
    assert result.fatal
    assert [d.code for d in result.diagnostics] == ["GX015"]


def test_missing_file_is_fatal_not_a_traceback(linter, tmp_path):
    result = linter.lint_path(str(tmp_path / "missing.txt"))
    assert result.fatal and result.diagnostics[0].code == "GX006"


def test_unrelated_page_is_not_a_report(linter, tmp_path):
    path = tmp_path / "news.html"
    path.write_text("<html><body><h1>今日天气</h1><p>晴，最高气温25度。</p></body></html>", encoding="utf-8")
    result = linter.lint_path(str(path))
    assert result.fatal
    assert [d.code for d in result.diagnostics] == ["GX004"]


def test_undecodable_bytes_are_reported_and_linting_continues(linter, tmp_path):
    text = seed("003").read_text(encoding="utf-8")
    raw = text.encode("utf-8")
    raw = raw[:200] + b"\xff\xfe\xfa" + raw[200:] + "\u00e9".encode("latin-1")
    path = tmp_path / "broken.txt"
    path.write_bytes(raw)
    result = linter.lint_path(str(path))
    codes = [d.code for d in result.diagnostics]
    assert not result.fatal
    assert "GX003" in codes


def test_a_crashing_rule_is_isolated_and_others_still_run():
    registry = load_plugins(extra=[("crashy", _plugin("crashy", always_crashes, records_document))])
    linter = Linter(registry)
    SEEN_DOCUMENTS.clear()
    result = linter.lint_path(str(seed("003")))
    crashes = [d for d in result.diagnostics if d.code == "GX901"]
    assert len(crashes) == 1
    assert "TST001" in crashes[0].message("en") and "ZeroDivisionError" in crashes[0].message("en")
    assert any(d.code == "TST002" for d in result.diagnostics)
    assert not result.fatal


@rule("TST003", name="records-again", family="test", severity="info",
      summary="records", messages={"zh": "记录", "en": "records"})
def records_again(ctx):
    SEEN_DOCUMENTS.append(id(ctx.document))
    SEEN_DOCUMENTS.append(id(ctx.tables))
    return ()


def test_the_document_and_tables_are_built_once_and_shared():
    registry = load_plugins(extra=[("recorder", _plugin("recorder", records_document, records_again))])
    SEEN_DOCUMENTS.clear()
    wanted = {"TST002", "TST003"}
    Linter(registry, rule_filter=lambda path, r: r.code in wanted).lint_path(str(seed("003")))
    first_doc, first_tables, second_doc, second_tables = SEEN_DOCUMENTS
    assert first_doc == second_doc
    assert first_tables == second_tables


def test_pathologically_nested_html_is_refused_quickly(linter, tmp_path):
    # html5lib would need about a minute for this page: it is refused before parsing
    path = tmp_path / "deep.html"
    path.write_text("<div>" * 20000 + "政府信息公开工作年度报告" + "</div>" * 10, encoding="utf-8")
    result = linter.lint_path(str(path))
    assert result.fatal and [d.code for d in result.diagnostics] == ["GX007"]


def test_normal_nesting_is_not_refused():
    from gxlint.readers.html import MAX_NESTING, nesting_depth

    assert nesting_depth("<div><p>a<p>b<br><img src=x><table><tr><td>1</td></tr></table></div>") <= 3
    assert nesting_depth("<div>" * (MAX_NESTING + 10)) > MAX_NESTING


def test_a_file_mixing_utf8_and_gbk_lines_is_decoded_line_by_line(linter, tmp_path):
    lines = seed("003").read_text(encoding="utf-8").splitlines(keepends=True)
    half = len(lines) // 2
    raw = "".join(lines[:half]).encode("utf-8") + "".join(lines[half:]).encode("gb18030")
    path = tmp_path / "mixed.txt"
    path.write_bytes(raw)
    result = linter.lint_path(str(path))
    codes = [d.code for d in result.diagnostics]
    assert "GX008" in codes and "GX003" not in codes
    # both halves read correctly: the table in the GBK half and the narrative in the UTF-8 half
    assert "行政诉讼" in result.source.text and "\ufffd" not in result.source.text
    assert "GX210" in codes  # the narrative figure (UTF-8 half) checked against 表四 (GBK half)


def test_replacement_characters_from_decoding_are_not_also_mojibake(linter, tmp_path):
    raw = seed("003").read_text(encoding="utf-8").encode("utf-8")
    cut = raw.index("一、总体情况".encode("utf-8"))
    path = tmp_path / "broken.txt"
    path.write_bytes(raw[:cut] + b"\xff\xfe" + raw[cut:])
    codes = [d.code for d in linter.lint_path(str(path)).diagnostics]
    assert "GX003" in codes and "GX506" not in codes


from hypothesis import HealthCheck, given, settings, strategies as st  # noqa: E402


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.one_of(st.binary(max_size=3000),
                     st.text(max_size=1500).map(lambda t: t.encode("utf-8")),
                     st.text(max_size=1500).map(lambda t: t.encode("gb18030", errors="replace"))),
       suffix=st.sampled_from([".html", ".md", ".txt"]))
def test_any_bytes_give_diagnostics_never_an_exception(linter, raw, suffix):
    result = linter.lint_bytes(raw, "input" + suffix)
    lines = (result.source.line_count if result.source else 1)
    for d in result.diagnostics:
        assert 1 <= d.line <= max(lines, 1) and d.column >= 1
        assert (d.end_line, d.end_column) >= (d.line, d.column)
        assert d.code != "GX902" and d.code != "GX901", d.message("en")


_SEEDS = {}


def _seed_text(prefix: str) -> str:
    if prefix not in _SEEDS:
        _SEEDS[prefix] = seed(prefix).read_text(encoding="utf-8")
    return _SEEDS[prefix]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(which=st.sampled_from(["000", "001", "003", "004"]),
       cut=st.floats(0, 1), length=st.integers(0, 400),
       insert=st.text(alphabet=st.sampled_from(list("0123456789 |\n一二三（）().、报告年月日?XX")), max_size=40),
       suffix=st.sampled_from([".txt", ".md"]))
def test_damaged_real_reports_never_crash_a_rule(linter, which, cut, length, insert, suffix):
    text = _seed_text(which)
    at = int(cut * len(text))
    damaged = text[:at] + insert + text[at + length:]
    result = linter.lint_bytes(damaged.encode("utf-8"), "report" + suffix)
    crashes = [d.message("en") for d in result.diagnostics if d.code in ("GX901", "GX902")]
    assert not crashes


def test_many_self_closing_svg_elements_are_not_deep_nesting():
    from gxlint.readers.html import MAX_NESTING, nesting_depth

    icons = "<svg>" + '<path d="M0 0"/>' * (MAX_NESTING * 2) + "</svg>"
    assert nesting_depth("<div>" + icons + "</div>") <= 3


def test_a_result_without_its_document_has_the_same_findings():
    linter = Linter(load_plugins())
    raw = seed("002").read_bytes()
    kept = linter.lint_bytes(raw, "002.txt")
    dropped = linter.lint_bytes(raw, "002.txt", keep_document=False)
    assert kept.document is not None and kept.analysis is not None
    assert dropped.document is None and dropped.analysis is None
    assert [d.sort_key() for d in dropped.diagnostics] == [d.sort_key() for d in kept.diagnostics]
    assert [d.message("en") for d in dropped.diagnostics] == [d.message("en") for d in kept.diagnostics]
    assert dropped.checked == kept.checked
    assert dropped.facts.year == kept.facts.year


def test_a_dropped_document_is_freed_before_the_collector_runs_again(monkeypatch):
    """keep_document=False frees the document while the collector is still paused for a
    text file (gxlint.collector), so the collection that follows does not go over it."""
    import gc
    import weakref

    import gxlint.collector
    import gxlint.engine

    documents = []
    annotate = gxlint.engine.annotate
    monkeypatch.setattr(gxlint.engine, "annotate", lambda document: (documents.append(weakref.ref(document)),
                                                                     annotate(document)))
    alive_when_enabled = []

    class Collector:  # gc as gxlint.collector sees it: records what is alive when it is turned back on
        def __getattr__(self, name):
            return getattr(gc, name)

        def enable(self):
            alive_when_enabled.append([ref() is not None for ref in documents])
            gc.enable()

    monkeypatch.setattr(gxlint.collector, "gc", Collector())
    linter = Linter(load_plugins())
    raw = seed("002").read_bytes()
    linter.lint_bytes(raw, "002.txt", keep_document=False)
    kept = linter.lint_bytes(raw, "002.txt")
    assert alive_when_enabled == [[False], [False, True]]
    assert kept.document is not None
