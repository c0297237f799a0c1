"""Cross-year checks (GX6xx) on the real 平潭综合实验区 series and variations of it."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from audit_variants import SERIES, SERIES_DIR, copy, insert_paragraph_after, page, set_cell_after, write  # noqa: E402

REPO_FIXTURES = Path(__file__).resolve().parent / "fixtures"
from clitools import gx  # noqa: E402


def history(*paths: Path | str, select: str = "GX6") -> list[dict]:
    run = gx("--isolated", "--select", select, "--format", "json", *map(str, paths), base=[])
    assert run.code in (0, 1), run.err
    return json.loads(run.out)


@pytest.fixture(scope="module")
def real_series() -> list[dict]:
    return history(*SERIES.values())


def test_real_series_only_the_2023_fall_in_force(real_series):
    # 2021→2022: 665 + 88 − 55 = 698 exactly; 2022→2023: 698 + 77 − 132 = 643 > 470 (expiries?)
    assert [(Path(d["path"]).name, d["code"]) for d in real_series] == [("pingtan-2023.html", "GX603")]
    finding = real_series[0]
    assert "173 fewer" in finding["message"] and "pingtan-2022.html:391:201" in finding["message"]
    assert finding["severity"] == "info"


def test_real_carry_over_2021_to_2022_agrees(real_series):
    # 2021 四、结转下年度继续办理 自然人 1 = 2022 二、上年结转 自然人 1
    assert not [d for d in real_series if d["code"] == "GX601"]


def test_one_report_alone_checks_nothing():
    assert history(SERIES[2023]) == []


def test_gap_year_checks_nothing_and_says_nothing(tmp_path):
    # 2021 and 2023 only: 2021's 665 in force would make 2023's 470 look wrong; not compared
    assert history(SERIES[2021], SERIES[2023]) == []
    # 2019 and 2021: no 2020 report between them
    assert history(SERIES[2019], SERIES[2021]) == []


def test_carry_over_mismatch_is_an_error_on_the_later_report(tmp_path):
    # the 2023 page with 1 in 二、上年结转 自然人 and 总计, where 2022 carried forward 0
    text = set_cell_after(page(2023), "上年结转", 1, "1")
    text = set_cell_after(text, "上年结转", 7, "1")
    later = write(tmp_path, "pingtan-2023.html", text)
    (earlier,) = copy(tmp_path, 2022)
    found = history(later, earlier, select="GX601")
    assert len(found) == 1
    d = found[0]
    assert d["path"] == str(later) and d["severity"] == "error"
    assert str(earlier) in d["message"]
    assert "natural persons 1 ≠ 0" in d["message"] and "total 1 ≠ 0" in d["message"]
    run = gx("--isolated", "--select", "GX601", "--lang", "zh", "--format", "concise", str(earlier), str(later), base=[])
    assert run.code == 1 and "自然人 1≠0" in run.out


def test_in_force_rise_is_a_warning_and_the_bound_is_named(tmp_path):
    # 2022 says 720 in force: 665 + 88 − 55 = 698 at most
    later = write(tmp_path, "pingtan-2022.html", page(2022).replace(">698<", ">720<"))
    (earlier,) = copy(tmp_path, 2021)
    found = history(earlier, later, select="GX602,GX603")
    assert [(d["code"], d["severity"]) for d in found] == [("GX602", "warning")]
    assert "at most 698: 22 appeared from nowhere" in found[0]["message"]


def test_in_force_never_chains_across_template_eras(tmp_path):
    # the 2019 page relabelled 2020 (its title's year): now consecutive with 2021, but its
    # 对外公开总数量 (89) is not a count in force; carry-over still compares (0 = 0)
    text = page(2019).replace("平潭综合实验区2019年", "平潭综合实验区2020年")
    relabelled = write(tmp_path, "pingtan-2019-as-2020.html", text)
    assert history(relabelled, SERIES[2021]) == []
    # and the pairing is real: a carry-over difference across the eras is found
    text = set_cell_after(page(2021), "上年结转", 1, "3")
    changed = write(tmp_path, "pingtan-2021.html", text)
    assert [d["code"] for d in history(relabelled, changed)] == ["GX601"]


def test_years_come_from_the_reports_not_the_file_names(tmp_path):
    # file names swapped: still 2022 → 2023
    a = write(tmp_path, "pingtan-2023.html", page(2022))
    b = write(tmp_path, "pingtan-2022.html", page(2023))
    found = history(a, b)
    assert [(Path(d["path"]).name, d["code"]) for d in found] == [("pingtan-2022.html", "GX603")]


def test_agency_names_are_normalised(tmp_path):
    # Traditional characters and a space in the 2022 title still match 平潭综合实验区
    text = page(2022).replace("平潭综合实验区2022年", "平潭綜合 實驗區2022年")
    earlier = write(tmp_path, "pingtan-2022.html", text)
    assert [d["code"] for d in history(earlier, SERIES[2023])] == ["GX603"]
    # another agency is never compared
    other = write(tmp_path, "other-2022.html", page(2022).replace("平潭综合实验区2022年", "福清市2022年"))
    assert history(other, SERIES[2023]) == []


NARRATIVE = "2023年，全区共收到政府信息公开申请81件，{claim}。"


@pytest.mark.parametrize("claim, expected", [
    ("较上年增长20%", "the change is 9.5% (74 → 81)"),
    ("同比下降", "it went up (74 → 81)"),
    ("比上年多8件", "the difference is 7 (74 → 81)"),
    ("较2022年减少7件", "it went up (74 → 81)"),
])
def test_narrative_comparison_against_last_years_table(tmp_path, claim, expected):
    text = insert_paragraph_after(page(2023), "一、总体情况", NARRATIVE.format(claim=claim))
    later = write(tmp_path, "pingtan-2023.html", text)
    found = history(later, SERIES[2022], select="GX604")
    assert len(found) == 1, found
    assert expected in found[0]["message"] and claim in found[0]["message"]
    assert "pingtan-2022.html:" in found[0]["message"]


@pytest.mark.parametrize("claim", [
    "较上年增长9.5%",  # rounded
    "较上年增长9.4%",  # cut
    "同比增长",
    "比上年多7件",
    "比上年增加2个百分点",  # percentage points: not a change of the figure
    "环比下降3%",  # month on month
])
def test_narrative_comparisons_that_agree_or_are_not_year_on_year(tmp_path, claim):
    text = insert_paragraph_after(page(2023), "一、总体情况", NARRATIVE.format(claim=claim))
    later = write(tmp_path, "pingtan-2023.html", text)
    assert history(later, SERIES[2022], select="GX604") == []


def test_narrative_comparison_without_last_years_report_is_not_checked(tmp_path):
    text = insert_paragraph_after(page(2023), "一、总体情况", NARRATIVE.format(claim="较上年增长20%"))
    later = write(tmp_path, "pingtan-2023.html", text)
    assert history(later, SERIES[2021], select="GX604") == []


def test_copied_section_five_with_years_changed(tmp_path):
    # the 2023 text copy republished as 2024 with every year moved on by one
    source = (SERIES[2023].parent / "pingtan-2023.txt").read_text(encoding="utf-8")
    shifted = source.replace("2024", "\0").replace("2023", "2024").replace("\0", "2025")
    later = write(tmp_path, "pingtan-2024.txt", shifted)
    found = history(SERIES[2023], later, select="GX605")
    assert [(d["path"], d["code"], d["severity"]) for d in found] == [(str(later), "GX605", "info")]
    assert "section 五" in found[0]["message"] and "pingtan-2023.html" in found[0]["message"]


def test_short_section_six_repeating_every_year_is_not_a_copy(real_series):
    # 2021–2023 section 六 is “YYYY年，无收取信息处理费情况。” every year: rightly repeated
    assert not [d for d in real_series if d["code"] == "GX605"]


def test_duplicates_are_named(tmp_path):
    txt = SERIES[2023].parent / "pingtan-2023.txt"
    found = history(SERIES[2023], txt, select="GX606")
    assert [(d["path"], d["code"]) for d in found] == [(str(txt), "GX606")]
    assert str(SERIES[2023]) in found[0]["message"] and "平潭综合实验区" in found[0]["message"]
    # different years of one agency are not duplicates
    assert history(SERIES[2022], SERIES[2023], select="GX606") == []


def test_history_findings_obey_configuration_and_suppressions(tmp_path):
    (tmp_path / "gxlint.toml").write_text('[rules.GX603]\nseverity = "warning"\n', encoding="utf-8")
    files = copy(tmp_path, 2022, 2023)
    run = gx("--select", "GX6", "--format", "json", *map(str, files), base=[], cwd=tmp_path)
    assert [d["severity"] for d in json.loads(run.out)] == ["warning"]
    run = gx("--isolated", "--ignore", "GX603", "--format", "json", "--select", "GX6", *map(str, files), base=[])
    assert json.loads(run.out) == []


def test_a_third_party_plugin_adds_a_cross_report_rule():
    from audit_variants import SERIES as series

    run = gx("--isolated", "-p", "gxlint_yeargap", "--select", "YGP", "--format", "json",
             str(series[2019]), str(series[2021]), str(series[2023]), base=[])
    found = json.loads(run.out)
    assert [(Path(d["path"]).name, d["code"], d["message"]) for d in found] == [
        ("pingtan-2021.html", "YGP001", "平潭综合实验区: no report for 2020 in this run"),
        ("pingtan-2023.html", "YGP001", "平潭综合实验区: no report for 2022 in this run"),
    ]
    # it points at the title its collect function located
    assert all(d["line"] > 1 for d in found)
    listed = gx("--isolated", "-p", "gxlint_yeargap", "--list-rules", base=[])
    assert "YGP001" in listed.out and "missing-year" in listed.out


def test_a_crashing_cross_report_rule_is_isolated(tmp_path, monkeypatch):
    import gxlint_yeargap

    def broken(reports):
        raise RuntimeError("boom")
        yield

    monkeypatch.setattr(gxlint_yeargap, "missing_year",
                        gxlint_yeargap.missing_year.__class__(gxlint_yeargap.missing_year.meta, broken,
                                                              gxlint_yeargap.title_place))
    run = gx("--isolated", "-p", "gxlint_yeargap", "--format", "json", "--select", "YGP,GX6,GX901",
             str(SERIES[2022]), str(SERIES[2023]), base=[])
    found = json.loads(run.out)
    assert run.code == 1  # GX901 is an error finding; the other rules still ran
    codes = [d["code"] for d in found]
    assert "GX603" in codes and "GX901" in codes
    crash = next(d for d in found if d["code"] == "GX901")
    assert "YGP001" in crash["message"] and "boom" in crash["message"]


HONGZE = Path(__file__).resolve().parent / "fixtures" / "reports" / "corpus"


def test_an_agency_named_without_its_parent_place_is_the_same_agency(tmp_path):
    # corpus 001 is titled 洪泽区人民政府 (2023), 002 淮安市洪泽区人民政府 (2024): one body.
    # Their figures agree: carry-over 0 = 0, in force 5 + 3 − 0 = 8.
    assert history(HONGZE / "001.txt", HONGZE / "002.txt") == []
    # 2024 with 2 carried over where 2023 carried forward 0: found, naming the 2023 file
    lines = (HONGZE / "002.txt").read_text(encoding="utf-8").split("\n")
    assert lines[76] == "二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0"
    lines[76] = "二、上年结转政府信息公开申请数量 2 0 0 0 0 0 2"
    later = write(tmp_path, "002.txt", "\n".join(lines))
    found = history(HONGZE / "001.txt", later)
    assert [(d["code"], d["line"]) for d in found] == [("GX601", 77)]
    assert "001.txt:112:13" in found[0]["message"]


def test_agency_aliases_only_when_unambiguous():
    from gxlint.report_facts import agency_aliases

    assert agency_aliases(["洪泽区人民政府", "淮安市洪泽区人民政府"]) == {"洪泽区人民政府": "淮安市洪泽区人民政府"}
    # two cities have a 鼓楼区: the bare name joins neither
    assert agency_aliases(["鼓楼区人民政府", "南京市鼓楼区人民政府", "福州市鼓楼区人民政府"]) == {}
    # 上海市人民政府 is not 人民政府 of some place
    assert agency_aliases(["人民政府", "上海市人民政府"]) == {}


def test_self_references_are_not_agencies():
    from gxlint.report_facts import clean_agency

    assert clean_agency("我局") is None and clean_agency("本机关") is None
    assert clean_agency("标题: 平潭综合实验区") == "平潭综合实验区"
    assert clean_agency("我区教育局") == "我区教育局"  # a name, however odd


def test_history_findings_obey_inline_suppressions(tmp_path):
    # the 2023 page with the reason its documents in force fell written down for gxlint
    text = page(2023).replace("<body", "<!-- gxlint-disable-file GX603 -- 173件有效期届满失效 --><body", 1)
    later = write(tmp_path, "pingtan-2023.html", text)
    assert history(SERIES[2022], later) == []
    # a suppression of another code leaves it
    text = page(2023).replace("<body", "<!-- gxlint-disable-file GX602 -- test --><body", 1)
    other = write(tmp_path, "other.html", text)
    assert [d["code"] for d in history(SERIES[2022], other)] == ["GX603"]


def test_suppressions_apply_when_the_run_kept_no_text(tmp_path, registry):
    """A streamed run drops each file's tree before the multi-report rules run: the file's
    suppression comments of history codes travel in its facts."""
    from gxlint.config import Resolver, Universe
    from gxlint.engine import ConfiguredLinter
    from gxlint.multireport import apply

    text = page(2023).replace("<body", "<!-- gxlint-disable-file GX603 -- 173件有效期届满失效 --><body", 1)
    later = write(tmp_path, "pingtan-2023.html", text)
    universe = Universe.from_registry(registry)
    resolver = Resolver(universe, isolated=True)
    linter = ConfiguredLinter(registry, resolver.settings_for(str(later)), universe)
    results = [linter.lint_path(str(SERIES[2022])), linter.lint_path(str(later))]
    # the per-file pass does not call the comment unused: GX603 can only come later
    assert not [d for d in results[1].diagnostics if d.code == "GX011"]
    for result in results:
        result.document = result.source = None
    apply(results, registry, lambda result: linter)
    assert not [d for r in results for d in r.diagnostics if d.code.startswith("GX6")]
    # without the comment the finding is there
    plain = [linter.lint_path(str(SERIES[2022])), linter.lint_path(str(SERIES[2023]))]
    for result in plain:
        result.document = result.source = None
    apply(plain, registry, lambda result: linter)
    assert [d.code for r in plain for d in r.diagnostics if d.code.startswith("GX6")] == ["GX603"]


def test_a_baseline_covers_history_findings(tmp_path):
    files = [str(SERIES[2022]), str(SERIES[2023])]
    baseline = tmp_path / "baseline.json"
    run = gx("--isolated", "--no-cache", "--write-baseline", str(baseline), *files, base=[])
    assert run.code == 0 and "GX603" in baseline.read_text(encoding="utf-8")
    run = gx("--isolated", "--no-cache", "--baseline", str(baseline), "--format", "json", *files, base=[])
    assert json.loads(run.out) == []  # GX603 hidden, and no stale-baseline GX012 for it
    # a new history finding is not hidden by it
    changed = write(tmp_path, "pingtan-2022.html", page(2022).replace(">698<", ">720<"))
    run = gx("--isolated", "--no-cache", "--baseline", str(baseline), "--format", "json", "--select", "GX6",
             str(SERIES[2021]), str(changed), base=[])
    assert [d["code"] for d in json.loads(run.out)] == ["GX602"]


# --- code frames of history findings ------------------------------------------------------------
# A streamed run drops each file's text once its own rules ran; the multi-report findings come
# later and point at lines the file's own findings may not be on (a table cell, the title).

def _frames(out: str) -> dict[str, list[str]]:
    """code -> the frame lines (``NNN | text``) printed under each of its findings."""
    frames: dict[str, list[str]] = {}
    lines = out.splitlines()
    for i, line in enumerate(lines):
        parts = line.split(": ", 1)
        if len(parts) == 2 and parts[1][:5] in ("GX603", "GX606"):
            frames.setdefault(parts[1][:5], []).append(lines[i + 2] if i + 2 < len(lines) else "")
    return frames


@pytest.mark.parametrize("mode", [("-j", "1", "--no-cache"), ("-j", "2", "--no-cache"), ("-j", "1"), ("-f", "full")])
def test_history_findings_show_the_line_they_point_at(tmp_path, mode):
    copy(tmp_path, 2022, 2023)
    (tmp_path / "pingtan-2023.txt").write_text("标题: 平潭综合实验区2023年度政府信息公开工作年度报告\n\n"
                                                + "\n".join(["一、总体情况"] * 3), encoding="utf-8")
    args = ("--isolated", "--select", "GX603,GX606", *mode, "--cache-dir", str(tmp_path / ".cache"), ".")
    for _ in range(2):  # the second run with the cache on is served from it
        run = gx(*args, cwd=tmp_path, base=[])
        frames = _frames(run.out)
        assert frames.get("GX603") and "470</p>" in frames["GX603"][0], run.out  # the cell of table 二
        assert frames.get("GX606") == ["1 | 标题: 平潭综合实验区2023年度政府信息公开工作年度报告"], run.out


def test_a_line_the_result_did_not_keep_is_no_frame_not_an_empty_one(tmp_path):
    from gxlint.reporters.text import frame
    from gxlint.results import Excerpt

    excerpt = Excerpt("a.txt", 10, {3: "三、收到和处理政府信息公开申请情况"}, {})

    class Finding:
        line, column, end_line, end_column = 5, 1, 5, 3

    assert frame(excerpt, Finding()) == []
    Finding.line = Finding.end_line = 3
    assert frame(excerpt, Finding())[0][1].startswith("三、收到")


def test_formats_without_frames_read_no_file_twice(tmp_path, monkeypatch):
    """The lines of history findings are read again only when a format shows them: over an
    archive the concise and JSON formats cost no second read (scale: a cache hit reads
    nothing)."""
    import gxlint.session

    copy(tmp_path, 2022, 2023)
    (tmp_path / "again").mkdir()
    copy(tmp_path / "again", 2023)
    calls = []
    original = gxlint.session.Session.source

    def counted(self, path, format=None):
        calls.append(path)
        return original(self, path, format)

    monkeypatch.setattr(gxlint.session.Session, "source", counted)
    for fmt in ("concise", "json", "full"):
        calls.clear()
        run = gx("--isolated", "--no-cache", "--select", "GX603,GX606", "-f", fmt, ".", cwd=tmp_path, base=[])
        assert "GX606" in run.out or '"GX606"' in run.out, run.out
        assert (len(calls) > 0) == (fmt == "full"), (fmt, calls)


@pytest.mark.parametrize("name", ["pingtan-2023.lo.pdf", "pingtan-2023.lo.docx", "pingtan-2023.html"])
def test_a_file_read_again_gives_the_text_its_lint_read(name):
    """Session.source (the lines of history findings, read after the document was
    dropped) gives the text the lint read: decoded for a page, extracted for PDF and
    .docx; and nothing for a file that is gone."""
    from gxlint.session import Session, SessionSpec

    path = next(p for p in (REPO_FIXTURES / "documents" / name, SERIES_DIR / name) if p.exists())
    session = Session(SessionSpec(isolated=True))
    source = session.source(str(path))
    linted = session.read(str(path)).source
    assert source is not None and source.text and source.text == linted.text
    assert source.line_count == linted.line_count
    assert session.source(str(path) + ".gone") is None


def test_a_comparison_with_a_5000_digit_count_is_no_crash(tmp_path):
    # int() refuses strings of more than 4,300 digits: the fuzzer's huge numbers (issue 9)
    claim = "比上年多" + "9" * 5000 + "件"
    text = insert_paragraph_after(page(2023), "一、总体情况", NARRATIVE.format(claim=claim))
    later = write(tmp_path, "pingtan-2023.html", text)
    found = history(later, SERIES[2022], select="GX6,GX9")
    assert not [d for d in found if d["code"].startswith("GX9")], found


# GX605's year pattern as it was written (two alternatives, tried at every character)
_PLAIN_YEARS = __import__("re").compile(r"(?:19|20)\d{2}|[〇零○一二三四五六七八九]{4}(?=\s*年)")


def test_the_year_pattern_written_from_its_first_character_finds_what_the_plain_one_did():
    from hypothesis import given, settings  # lazy: this test only
    from hypothesis import strategies as st  # lazy: this test only
    from gxlint_plugins.history import _YEARS  # lazy: this test only

    @settings(max_examples=3000, deadline=None)
    @given(st.text(alphabet="1290〇零○一二三四五六七八九年 \u3000a٢", max_size=16))
    def same(text: str) -> None:
        assert _YEARS.sub("Y", text) == _PLAIN_YEARS.sub("Y", text)

    same()
    for path in sorted(SERIES_DIR.glob("*")) if SERIES_DIR.is_dir() else ():
        if path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace")
            assert _YEARS.sub("Y", text) == _PLAIN_YEARS.sub("Y", text)
