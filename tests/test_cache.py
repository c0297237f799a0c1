"""The on-disk cache: a hit only when nothing the result depends on changed, never a
corrupt entry trusted, and --fix / --show-tables correct with it on."""

from __future__ import annotations

import importlib
import os
import shutil
import sys
from dataclasses import replace
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures"))

from clitools import gx_process  # noqa: E402
from conftest import seed  # noqa: E402

from gxlint.cache import CACHE_DIR_NAME, code_fingerprint  # noqa: E402
from gxlint.results import PackedResult, Packing, pack  # noqa: E402
from gxlint.session import Session, SessionSpec  # noqa: E402


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """Two real reports in a folder of their own."""
    (tmp_path / "reports").mkdir()
    shutil.copyfile(seed("003"), tmp_path / "reports" / "a.txt")
    shutil.copyfile(Path(__file__).resolve().parent.parent / "examples" / "wanbolin-2024.txt",
                    tmp_path / "reports" / "b.txt")
    return tmp_path


def session(site: Path, **spec) -> Session:
    current = Session(SessionSpec(cwd=str(site), isolated=spec.pop("isolated", True), **spec))
    current.use_cache(str(site / "cache"))
    return current


def run(current: Session, *paths: str, packing: Packing | None = None) -> list[dict]:
    """Each file's result as plain data (``packing``: as a packed run gets it, opened)."""
    out = []
    for linted in current.lint_many(list(paths) or ["reports/a.txt"], packing=packing):
        result = linted.result
        if isinstance(result, PackedResult):
            facts = result.facts
            result = result.open(current.universe.metas)
            result.facts = facts
        out.append(pack(result))
    return out


def counts(current: Session) -> tuple[int, int]:
    return current.cache.hits, current.cache.misses


def test_second_run_hits_and_gives_the_same_results(site):
    first = session(site)
    cold = run(first, "reports/a.txt", "reports/b.txt")
    assert counts(first) == (0, 2)
    assert any(r["diagnostics"] for r in cold)
    second = session(site)
    assert run(second, "reports/a.txt", "reports/b.txt") == cold
    assert counts(second) == (2, 0)


@pytest.mark.parametrize("keep_facts", [False, True])
def test_a_packed_hit_is_the_packed_miss(site, keep_facts):
    """A run that keeps results packed gets a hit as the cache stores it: the same result,
    tally, compact facts (or none) and walk-skip flag as the miss that stored it, and as
    a live result packed."""
    packing = Packing(keep_facts=keep_facts)
    paths = ["reports/a.txt", "reports/b.txt"]
    first = session(site)
    cold = list(first.lint_many(paths, packing=packing))
    second = session(site)
    warm = list(second.lint_many(paths, packing=packing))
    assert counts(first) == (0, 2) and counts(second) == (2, 0)
    live = [PackedResult(linted.result, keep_facts=keep_facts)
            for linted in Session(SessionSpec(cwd=str(site), isolated=True)).lint_many(paths)]
    metas = first.universe.metas
    for one, two, three in zip(cold, warm, live):
        assert isinstance(one.result, PackedResult) and isinstance(two.result, PackedResult)
        for packed in (one.result, two.result):
            assert pack(packed.open(metas)) == pack(three.open(metas))
            assert (packed.path, packed.tally, packed.not_a_report) == (three.path, three.tally, three.not_a_report)
            assert packed.facts == three.facts and (packed.facts is not None) == keep_facts


def test_content_change_misses(site):
    run(session(site))
    path = site / "reports" / "a.txt"
    path.write_bytes(path.read_bytes().replace("。".encode(), "。 ".encode(), 1))
    again = session(site)
    run(again)
    assert counts(again) == (0, 1)


def test_path_is_part_of_the_key(site):
    run(session(site))
    shutil.copyfile(site / "reports" / "a.txt", site / "reports" / "c.txt")
    again = session(site)
    results = run(again, "reports/c.txt")
    assert counts(again) == (0, 1)
    assert all(d[0] for d in results[0]["diagnostics"])


@pytest.mark.parametrize("change", [
    {"select": ("GX2",)},
    {"ignore": ("GX501",)},
    {"extend_select": ("GX",), "ignore": ("GX1",)},
    {"plugins": ("no:years",)},
    {"plugins": ("gxlint_testplugin",)},
])
def test_selection_and_plugins_are_part_of_the_key(site, change):
    run(session(site))
    again = session(site, **change)
    run(again)
    assert counts(again) == (0, 1)
    run(again)  # and that key hits in its turn
    assert counts(again) == (1, 1)


@pytest.mark.parametrize("config", [
    '[rules.GX501]\nseverity = "error"\n',
    '[rules.GX304]\nenabled = false\n',
    '[per-file-ignores]\n"reports/a.txt" = ["GX5"]\n',
    '[plugins.someone]\nlevel = 2\n',
])
def test_resolved_file_settings_are_part_of_the_key(site, config):
    run(session(site, isolated=False))
    (site / "gxlint.toml").write_text(config, encoding="utf-8")
    again = session(site, isolated=False)
    run(again)
    assert counts(again) == (0, 1)


def test_per_file_ignores_of_another_file_still_hit(site):
    (site / "gxlint.toml").write_text('[per-file-ignores]\n"reports/zzz.txt" = ["GX5"]\n', encoding="utf-8")
    run(session(site, isolated=False))
    again = session(site, isolated=False)
    run(again)
    assert counts(again) == (1, 0)


def test_rule_options_are_part_of_the_key(site):
    current = session(site)
    option = next((code, name) for code, meta in current.universe.options.items() for name in meta)
    run(current)
    (site / "gxlint.toml").write_text(
        f"[rules.{option[0]}.options]\n{option[1]} = {current.universe.options[option[0]][option[1]]!r}\n"
        .replace("'", '"').replace("True", "true").replace("False", "false"), encoding="utf-8")
    again = session(site, isolated=False)
    run(again)
    assert counts(again) == (0, 1)


def test_gxlint_version_is_part_of_the_key(site, monkeypatch):
    run(session(site))
    import gxlint.version

    monkeypatch.setattr(gxlint.version, "__version__", gxlint.version.__version__ + ".post1")
    again = session(site)
    run(again)
    assert counts(again) == (0, 1)


def test_plugin_module_source_is_part_of_the_key(site, monkeypatch):
    """A plugin loaded with -p MODULE (no distribution, so no version) is keyed by its source."""
    plugin_dir = site / "plugin"
    plugin_dir.mkdir()
    source = (Path(__file__).resolve().parent / "fixtures" / "gxlint_testplugin.py").read_text(encoding="utf-8")
    (plugin_dir / "cache_probe_plugin.py").write_text(source, encoding="utf-8")
    monkeypatch.syspath_prepend(str(plugin_dir))
    run(session(site, plugins=("cache_probe_plugin",)))
    (plugin_dir / "cache_probe_plugin.py").write_text(source + "\n# changed\n", encoding="utf-8")
    sys.modules.pop("cache_probe_plugin", None)
    importlib.invalidate_caches()
    again = session(site, plugins=("cache_probe_plugin",))
    run(again)
    assert counts(again) == (0, 1)


def test_code_fingerprint_follows_edits(tmp_path, monkeypatch):
    package = tmp_path / "probe_pkg"
    package.mkdir()
    (package / "__init__.py").write_text("X = 1\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    before = code_fingerprint([str(package)])
    (package / "rules.py").write_text("Y = 2\n", encoding="utf-8")
    assert code_fingerprint([str(package)]) != before


def entries(site: Path) -> list[Path]:
    return sorted(p for p in (site / "cache" / "v1").rglob("*") if p.is_file())


@pytest.mark.parametrize("packing", [None, Packing(keep_facts=True)], ids=["live", "packed"])
@pytest.mark.parametrize("damage", ["truncate", "flip", "garbage", "empty", "other-key"])
def test_corrupt_entry_is_ignored_and_rebuilt(site, damage, packing):
    good = run(session(site), packing=packing)
    [entry] = entries(site)
    blob = entry.read_bytes()
    if damage == "truncate":
        entry.write_bytes(blob[: len(blob) // 2])
    elif damage == "flip":
        i = len(blob) - 20
        entry.write_bytes(blob[:i] + bytes([blob[i] ^ 0x01]) + blob[i + 1:])
    elif damage == "garbage":
        entry.write_bytes(b"\x00\xff not a cache entry")
    elif damage == "empty":
        entry.write_bytes(b"")
    else:  # a valid entry stored under the wrong name (as a racing writer could leave)
        run(session(site), "reports/b.txt")
        other = [e for e in entries(site) if e != entry][0]
        entry.write_bytes(other.read_bytes())
    again = session(site)
    assert run(again, packing=packing) == good
    assert counts(again) == (0, 1)
    third = session(site)
    assert run(third, packing=packing) == good  # rebuilt: a hit again
    assert counts(third) == (1, 0)


def test_entry_with_an_unknown_rule_is_not_trusted(site):
    """Results recorded with a plugin's rules, read by a session without it, miss."""
    from clitools import REPORT

    (site / "reports" / "a.txt").write_text(REPORT, encoding="utf-8")
    with_plugin = session(site, plugins=("gxlint_testplugin",), select=("TST",))
    assert run(with_plugin)[0]["diagnostics"]
    # the same key (same plugin set) can only hold known rules; forge an unknown one
    [entry] = entries(site)
    for packing in (None, Packing(keep_facts=True)):
        forge(entry, lambda data: forge_blob(data, lambda result: result["diagnostics"][0].__setitem__(0, "ZZZ999")))
        again = session(site, plugins=("gxlint_testplugin",), select=("TST",))
        run(again, packing=packing)
        assert counts(again) == (0, 1)


def forge(entry: Path, change) -> None:
    """Rewrite an entry's body with a valid checksum, as an attacker or a bug could."""
    import hashlib
    import pickle

    header, body = entry.read_bytes().split(b"\n", 1)
    data = pickle.loads(body)
    change(data["entry"])
    body = pickle.dumps(data)
    entry.write_bytes(header.rsplit(b" ", 1)[0] + b" " + hashlib.sha256(body).hexdigest().encode() + b"\n" + body)


def forge_blob(data: dict, change) -> None:
    """Change the packed result inside an entry (compressed, pickled plain data)."""
    import pickle
    import zlib

    result = pickle.loads(zlib.decompress(data["blob"]))
    change(result)
    data["blob"] = zlib.compress(pickle.dumps(result))


class Planted:
    """Unpickling this would run a command: the cache must refuse to."""

    def __reduce__(self):
        return (__import__("os").system, ("touch planted-by-cache",))


def plant_in_facts(part: str):
    import pickle

    def change(data: dict) -> None:
        data[part] = pickle.dumps(Planted())

    return change


LIVE, PACKED = None, Packing(keep_facts=True)


@pytest.mark.parametrize("plant, misses", [
    (lambda data: data.__setitem__("facts", Planted()), {"live", "packed"}),  # in the entry itself
    (plant_in_facts("facts"), {"live"}),  # in the pickled full facts (a packed run does not read them)
    (plant_in_facts("compact"), {"packed"}),  # in the pickled compact facts (a live run does not read them)
    (lambda data: forge_blob(data, lambda result: result.__setitem__("checked", Planted())), {"live", "packed"}),
], ids=["entry", "facts", "compact", "blob"])
@pytest.mark.parametrize("packing", [LIVE, PACKED], ids=["live", "packed"])
def test_planted_entry_cannot_run_code(site, monkeypatch, plant, misses, packing):
    good = run(session(site), packing=packing)
    [entry] = entries(site)
    forge(entry, plant)
    monkeypatch.chdir(site)
    again = session(site)
    assert run(again, packing=packing) == good
    assert not (site / "planted-by-cache").exists()
    assert counts(again) == ((0, 1) if ("live" if packing is None else "packed") in misses else (1, 0))


@pytest.mark.parametrize("change, misses", [
    (lambda data: data.__setitem__("blob", b"not zlib"), {"live", "packed"}),
    (lambda data: data.__setitem__("blob", __import__("zlib").compress(b"not a pickle")), {"live", "packed"}),
    (lambda data: forge_blob(data, lambda result: result.__setitem__("diagnostics", [["GX201"]])), {"live", "packed"}),
    (lambda data: forge_blob(data, lambda result: result.pop("excerpt")), {"live", "packed"}),
    (lambda data: data.pop("blob"), {"live", "packed"}),
    (lambda data: data.__setitem__("compact", data["facts"]), {"packed"}),  # full facts where compact ones belong
    (lambda data: data.__setitem__("compact", __import__("pickle").dumps({"path": "a.txt"})), {"packed"}),
    (lambda data: data.__setitem__("facts", data["compact"]), {"live"}),
    (lambda data: data.__setitem__("facts", "not bytes"), {"live"}),
], ids=["not-zlib", "not-pickle", "short-finding", "no-excerpt", "no-blob", "compact-is-full", "compact-not-facts",
        "facts-are-compact", "facts-not-bytes"])
@pytest.mark.parametrize("packing", [LIVE, PACKED], ids=["live", "packed"])
def test_entry_of_the_wrong_shape_is_not_trusted(site, change, misses, packing):
    """An entry with a valid checksum whose parts do not decode to a result misses: every
    part a run reads is checked at the hit, not when the report is written."""
    good = run(session(site), packing=packing)
    [entry] = entries(site)
    forge(entry, change)
    again = session(site)
    assert run(again, packing=packing) == good
    assert counts(again) == ((0, 1) if ("live" if packing is None else "packed") in misses else (1, 0))


def test_unwritable_cache_is_skipped(site):
    (site / "cache").write_text("a file where the directory should be", encoding="utf-8")
    current = session(site)
    assert run(current)[0]["diagnostics"]


def test_cli_default_location_no_cache_and_cache_dir(site):
    env = {"GXLINT_NO_CACHE": ""}
    first = gx_process("reports", cwd=site, base=["--isolated"], env=env)
    assert (site / CACHE_DIR_NAME / "CACHEDIR.TAG").is_file()
    assert (site / CACHE_DIR_NAME / ".gitignore").read_text(encoding="utf-8").strip().endswith("*")
    second = gx_process("reports", cwd=site, base=["--isolated"], env=env)
    assert (second.returncode, second.stdout) == (first.returncode, first.stdout)
    shutil.rmtree(site / CACHE_DIR_NAME)
    gx_process("--no-cache", "reports", cwd=site, base=["--isolated"], env=env)
    assert not (site / CACHE_DIR_NAME).exists()
    gx_process("--cache-dir", "elsewhere", "reports", cwd=site, base=["--isolated"], env=env)
    assert (site / "elsewhere" / "v1").is_dir() and not (site / CACHE_DIR_NAME).exists()


def test_cache_beside_the_nearest_config_or_as_configured(site):
    project = site / "project"
    (project / "sub").mkdir(parents=True)
    shutil.copytree(site / "reports", project / "sub" / "reports")
    (project / "gxlint.toml").write_text("", encoding="utf-8")
    gx_process("reports", cwd=project / "sub", base=[], env={"GXLINT_NO_CACHE": ""})
    assert (project / CACHE_DIR_NAME / "v1").is_dir()
    (project / "gxlint.toml").write_text('cache-dir = "build/lint-cache"\n', encoding="utf-8")
    gx_process("reports", cwd=project / "sub", base=[], env={"GXLINT_NO_CACHE": ""})
    assert (project / "build" / "lint-cache" / "v1").is_dir()


def test_fix_and_show_tables_are_correct_with_the_cache(site):
    reference = site / "reference"
    shutil.copytree(site / "reports", reference)
    env = {"GXLINT_NO_CACHE": ""}
    gx_process("reports", cwd=site, base=["--isolated"], env=env)  # fill the cache
    cached_tables = gx_process("--show-tables", "reports", cwd=site, base=["--isolated"], env=env)
    plain_tables = gx_process("--no-cache", "--show-tables", "reports", cwd=site, base=["--isolated"], env=env)
    assert cached_tables.stdout == plain_tables.stdout and b"\xe8\xa1\xa8" in cached_tables.stdout  # 表
    fixed = gx_process("--fix", "reports", cwd=site, base=["--isolated"], env=env)
    expected = gx_process("--no-cache", "--fix", "reference", cwd=site, base=["--isolated"], env=env)
    assert b"fixed" in fixed.stderr
    for name in ("a.txt", "b.txt"):
        assert (site / "reports" / name).read_bytes() == (site / "reference" / name).read_bytes()
    assert fixed.stdout.replace(b"reports/", b"reference/") == expected.stdout
    # after the fix the cache describes the fixed files: a new run matches an uncached one
    after = gx_process("reports", cwd=site, base=["--isolated"], env=env)
    plain = gx_process("--no-cache", "reports", cwd=site, base=["--isolated"], env=env)
    assert (after.returncode, after.stdout) == (plain.returncode, plain.stdout)


def test_spec_with_cache_pickles():
    import pickle

    spec = replace(SessionSpec(), cache_dir="/tmp/x")
    assert pickle.loads(pickle.dumps(spec)) == spec


def test_cached_facts_keep_multi_report_rules_and_summaries_right(tmp_path):
    """Multi-report (GX6xx) rules and the summary work from each file's facts: a run
    served from the cache gives what an uncached run gives."""
    from conftest import HTML_CORPUS

    for year in (2022, 2023):
        shutil.copyfile(HTML_CORPUS / f"pingtan-{year}.html", tmp_path / f"pingtan-{year}.html")
    env = {"GXLINT_NO_CACHE": ""}
    outputs = {}
    for fmt in ("concise", "summary-json"):
        plain = gx_process("--no-cache", "-f", fmt, ".", cwd=tmp_path, base=["--isolated"], env=env)
        filled = gx_process("-f", fmt, ".", cwd=tmp_path, base=["--isolated"], env=env)
        cached = gx_process("-f", fmt, ".", cwd=tmp_path, base=["--isolated"], env=env)
        assert plain.stdout == filled.stdout == cached.stdout
        outputs[fmt] = plain.stdout
    assert b"GX603" in outputs["concise"]  # a finding that needs both years' facts


# --- a hit prints what a miss prints -------------------------------------------------------

EVERY_FORMAT = ("full", "concise", "json", "json-lines", "github", "sarif", "gitlab", "junit",
                "summary", "summary-json", "html")
QUICK_FORMATS = ("full", "summary-json")


@pytest.fixture(scope="module")
def filled(tmp_path_factory) -> tuple[Path, Path]:
    """A folder of real reports with copies (duplicates: late GX606 findings on both), a
    saved page, a file that is not a report (skipped on a walk) and a name that is not
    UTF-8; and a cache filled by one run over it."""
    from conftest import CORPUS, HTML_CORPUS, SEEDS

    root = tmp_path_factory.mktemp("filled")
    archive = root / "archive"
    (archive / "again").mkdir(parents=True)
    for source in (CORPUS / "001.txt", CORPUS / "003.txt", SEEDS / "002_a60cb2bb719e2deb.txt"):
        shutil.copyfile(source, archive / source.name)
        shutil.copyfile(source, archive / "again" / source.name)
    shutil.copyfile(HTML_CORPUS / "pingtan-2023.html", archive / "pingtan-2023.html")
    shutil.copyfile(CORPUS / "INDEX.md", archive / "INDEX.md")
    shutil.copyfile(CORPUS / "005.txt", os.path.join(os.fsencode(archive), b"bad\xff.txt"))
    cache = root / "cache"
    gx_process("--cache-dir", str(cache), "-j", "1", "-f", "concise", ".", cwd=archive, base=["--isolated"],
               env={"GXLINT_NO_CACHE": ""})
    return archive, cache


def cache_state(cache: Path) -> dict[str, int]:
    return {str(p): p.stat().st_mtime_ns for p in (cache / "v1").rglob("*") if p.is_file()}


@pytest.mark.parametrize("fmt", [pytest.param(f, marks=() if f in QUICK_FORMATS else pytest.mark.slow)
                                 for f in EVERY_FORMAT])
def test_a_hit_prints_what_a_miss_prints(filled, fmt, tmp_path):
    """Every output format, served from the cache (packed or live, -j 1 or -j 2), is byte
    for byte what an uncached run prints, late multi-report findings included; and so is
    a run that fills a cache with -j 2 (the workers send what they stored)."""
    archive, cache = filled
    before = cache_state(cache)
    assert len(before) == 9  # one entry per file
    env = {"GXLINT_NO_CACHE": ""}
    plain = gx_process("--no-cache", "-j", "1", "-f", fmt, ".", cwd=archive, base=["--isolated"], env=env)
    hits = [gx_process("--cache-dir", str(cache), "-j", jobs, "-f", fmt, ".", cwd=archive, base=["--isolated"], env=env)
            for jobs in ("1", "2")]
    assert cache_state(cache) == before  # every file was a hit: nothing written
    if fmt not in ("summary", "summary-json", "html"):
        assert plain.stdout.count(b"GX606") >= 2  # late findings, on the copies
    assert b"xff.txt" in plain.stdout  # bad\xff.txt, escaped as each format escapes it
    filling = gx_process("--cache-dir", str(tmp_path / "fresh"), "-j", "2", "-f", fmt, ".", cwd=archive,
                         base=["--isolated"], env=env)
    assert len(cache_state(tmp_path / "fresh")) == len(before)
    for run in (*hits, filling):
        assert (run.returncode, run.stdout, run.stderr) == (plain.returncode, plain.stdout, plain.stderr)
