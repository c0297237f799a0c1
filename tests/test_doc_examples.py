"""The examples in README.md and docs/*.md are run for real and must print what the docs say.

Convention (for whoever writes docs)
====================================

A fenced block whose info string is ``console`` is a checked example::

    ```console
    $ gxlint --format concise examples/wanbolin-2024.txt
    examples/wanbolin-2024.txt:2:1: GX501 [*] [warning] web-page header chrome …
    ...
    $ echo $?
    0
    ```

* A line starting with ``$ `` is a command; the lines after it, up to the next command or
  the closing fence, are what it prints (standard output and standard error merged, in the
  order a terminal shows them; a trailing newline is not significant).
* A line that is exactly ``...`` stands for any number of lines (zero included): use it to
  show an excerpt.  At most one per command.  ``--update`` keeps as many lines before
  and after it as the doc had.
* Commands are a small shell subset, run without a shell:
  ``gxlint ARGS…`` (runs ``gxlint.cli.main`` in a new process of this interpreter, with the
  plugins of other installed distributions disabled unless the block asks for the example
  plugin: see ``BOOTSTRAP``),
  ``cat FILE…``, ``cp SRC DST``, ``echo $?`` (the previous command's exit status) and
  ``echo TEXT``; ``< FILE`` feeds standard input, ``2>/dev/null`` / ``>/dev/null`` drop a
  stream.  Paths must stay inside the working directory.
* Every block runs in a fresh temporary directory holding a copy of ``examples/``,
  ``docs/examples/`` and ``tests/fixtures/documents/`` at the same relative paths, so commands are written as a user types
  them at the repository root, and ``--fix`` only ever changes a copy.  The temporary
  directory's path is shown as ``/path/to/gxlint`` in outputs.
* The environment is fixed: ``NO_COLOR=1``, ``LANG=C.UTF-8`` (so messages are in English
  unless ``--lang zh``), ``COLUMNS=100``, no ``LC_ALL``/``LC_MESSAGES``.
* An HTML comment on the line just before the fence changes how the block runs:
  ``<!-- doc-example: plugin -->`` installs ``examples/gxlint-agency-check`` (with
  ``pip install --target`` into a temporary directory put on ``PYTHONPATH``; the example
  is skipped if pip cannot build it here), ``<!-- doc-example: skip REASON -->`` skips it.
* A fenced block whose info string is ``pycon`` is a checked Python example: an
  interactive session (``>>> `` and ``... `` prompts, then the expected output) run by
  :mod:`doctest` in a new process of this interpreter, in the same kind of temporary
  directory and environment, with the same plugins disabled.  ``--update`` does not
  rewrite these: fix the expected output by hand from the failure shown.
* Other fences (``sh``, ``toml``, ``yaml``, ``text``…) are not run.

When rule messages change, regenerate every example with one command::

    python tests/test_doc_examples.py --update            # rewrite the outputs in place
    python tests/test_doc_examples.py                     # check only; prints the diffs

Under pytest each block is one test; a stale block fails with a unified diff of the
documented output against the real one.
"""

from __future__ import annotations

import difflib
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DOC_FILES = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
COPIED = ["examples", "docs/examples", "tests/fixtures/documents"]  # the last: PDF and Word examples
PLACEHOLDER = "/path/to/gxlint"
PLUGIN_SOURCE = REPO / "examples" / "gxlint-agency-check"
WILDCARD = "..."

# Runs gxlint's real entry point, with every plugin that other distributions installed in
# this environment disabled (``-p no:NAME``) -- unless the block asked for the example
# plugin -- so the outputs are the same on a developer's machine and in CI, where the
# example plugin is installed next to gxlint.
BOOTSTRAP = """
import sys
from importlib.metadata import entry_points
mode, args = sys.argv[1], sys.argv[2:]
foreign = sorted({ep.name for ep in entry_points(group="gxlint")
                  if ep.dist is not None and ep.dist.name.lower() != "gxlint"
                  and not (mode == "plugin" and ep.name == "agency-check")})
sys.argv = ["gxlint", *args]
from gxlint.cli import main
sys.exit(main([a for name in foreign for a in ("-p", "no:" + name)] + args))
"""
UPDATE_HINT = "regenerate with: python tests/test_doc_examples.py --update"

FENCE = re.compile(r"^```console[ \t]*$")
PYTHON_FENCE = re.compile(r"^```pycon[ \t]*$")
DIRECTIVE = re.compile(r"^<!--\s*doc-example:\s*(\w+)\s*(.*?)\s*-->\s*$")


# --- parsing -------------------------------------------------------------------------------------


@dataclass
class Command:
    line: str                      # the text after "$ "
    expected: list[str] = field(default_factory=list)


@dataclass
class Block:
    doc: Path
    start: int                     # 0-based index of the first line inside the fence
    end: int                       # 0-based index of the closing fence
    commands: list[Command]
    directive: tuple[str, str] | None = None

    @property
    def id(self) -> str:
        return f"{self.doc.relative_to(REPO)}:{self.start}"


def parse_blocks(doc: Path) -> list[Block]:
    lines = doc.read_text(encoding="utf-8").split("\n")
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        if not FENCE.match(lines[i]):
            if lines[i].startswith("```"):     # skip other fences whole
                j = i + 1
                while j < len(lines) and not lines[j].startswith("```"):
                    j += 1
                i = j + 1
                continue
            i += 1
            continue
        directive = None
        if i > 0 and (m := DIRECTIVE.match(lines[i - 1])):
            directive = (m.group(1), m.group(2))
        j = i + 1
        commands: list[Command] = []
        while j < len(lines) and not lines[j].startswith("```"):
            line = lines[j]
            if line.startswith("$ "):
                commands.append(Command(line[2:]))
            elif commands:
                commands[-1].expected.append(line)
            elif line.strip():
                raise ValueError(f"{doc.relative_to(REPO)}:{j + 1}: output before the first '$ ' command")
            j += 1
        if j >= len(lines):
            raise ValueError(f"{doc.relative_to(REPO)}:{i + 1}: unclosed ```console block")
        blocks.append(Block(doc, i + 1, j, commands, directive))
        i = j + 1
    return blocks


def all_blocks() -> list[Block]:
    return [b for doc in DOC_FILES for b in parse_blocks(doc)]


@dataclass
class PythonBlock:
    doc: Path
    start: int                     # 0-based index of the first line inside the fence
    text: str

    @property
    def id(self) -> str:
        return f"{self.doc.relative_to(REPO)}:{self.start}"


def parse_python_blocks(doc: Path) -> list[PythonBlock]:
    lines = doc.read_text(encoding="utf-8").split("\n")
    blocks = []
    i = 0
    while i < len(lines):
        if PYTHON_FENCE.match(lines[i]):
            j = i + 1
            while j < len(lines) and not lines[j].startswith("```"):
                j += 1
            if j >= len(lines):
                raise ValueError(f"{doc.relative_to(REPO)}:{i + 1}: unclosed ```pycon block")
            blocks.append(PythonBlock(doc, i + 1, "\n".join(lines[i + 1:j]) + "\n"))
            i = j
        i += 1
    return blocks


def all_python_blocks() -> list[PythonBlock]:
    return [b for doc in DOC_FILES for b in parse_python_blocks(doc)]


# Runs one pycon block with doctest, the plugins of other distributions disabled as in
# BOOTSTRAP, so the outputs are the same on a developer's machine and in CI.
PYTHON_RUNNER = """
import doctest, sys
from importlib.metadata import entry_points
import gxlint.plugin.manager as manager
foreign = sorted({ep.name for ep in entry_points(group="gxlint")
                  if ep.dist is not None and ep.dist.name.lower() != "gxlint"})
_load = manager.load_plugins
manager.load_plugins = lambda disabled=(), extra=(): _load(disabled=[*disabled, *foreign], extra=extra)
name, line = sys.argv[1], int(sys.argv[2])
test = doctest.DocTestParser().get_doctest(sys.stdin.read(), {}, name, name, line)
runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
runner.run(test, out=sys.stdout.write)
sys.exit(1 if runner.failures else 0)
"""


def check_python(block: PythonBlock) -> str | None:
    """None when every example of the block prints what it says, else doctest's report."""
    work = sandbox()
    try:
        proc = subprocess.run([sys.executable, "-c", PYTHON_RUNNER, block.id, str(block.start)],
                              input=block.text.encode("utf-8"), cwd=work, env=environment(),
                              capture_output=True, timeout=300)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if proc.returncode == 0:
        return None
    return (proc.stdout + proc.stderr).decode("utf-8", errors="replace")


# --- running -------------------------------------------------------------------------------------


class ExampleError(Exception):
    """A command outside the supported subset, or a path outside the sandbox."""


_PLUGIN_SITE: Path | None = None
_PLUGIN_PROBLEM: str | None = None


def plugin_site() -> Path:
    """Install the example plugin once per process into a temporary target directory."""
    global _PLUGIN_SITE, _PLUGIN_PROBLEM
    if _PLUGIN_SITE is None and _PLUGIN_PROBLEM is None:
        root = Path(tempfile.mkdtemp(prefix="gxlint-doc-plugin-"))
        source = root / "src" / "gxlint-agency-check"
        shutil.copytree(PLUGIN_SOURCE, source,
                        ignore=shutil.ignore_patterns("*.egg-info", "build", "__pycache__"))
        proc = subprocess.run(
            [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation",
             "--target", str(root / "site"), str(source)],
            capture_output=True, text=True, timeout=300,
        )
        if proc.returncode != 0:
            proc = subprocess.run(
                [sys.executable, "-m", "pip", "install", "-q", "--no-deps",
                 "--target", str(root / "site"), str(source)],
                capture_output=True, text=True, timeout=300,
            )
        if proc.returncode != 0:
            _PLUGIN_PROBLEM = f"cannot install the example plugin here: {proc.stderr[-500:]}"
        else:
            _PLUGIN_SITE = root / "site"
    if _PLUGIN_PROBLEM:
        raise PluginUnavailable(_PLUGIN_PROBLEM)
    assert _PLUGIN_SITE is not None
    return _PLUGIN_SITE


class PluginUnavailable(Exception):
    pass


def sandbox() -> Path:
    work = Path(tempfile.mkdtemp(prefix="gxlint-doc-"))
    for rel in COPIED:
        shutil.copytree(REPO / rel, work / rel,
                        ignore=shutil.ignore_patterns("*.egg-info", "build", "__pycache__", ".pytest_cache"))
    return work


def environment(extra_path: Path | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("LC_", "GXLINT", "PYTHON")) and k not in ("LANG", "LANGUAGE", "NO_COLOR",
                                                                         "FORCE_COLOR", "TERM", "COLUMNS")}
    env.update({"NO_COLOR": "1", "LANG": "C.UTF-8", "COLUMNS": "100", "TERM": "dumb",
                "PYTHONIOENCODING": "utf-8", "PYTHONUNBUFFERED": "1"})
    if extra_path is not None:
        env["PYTHONPATH"] = str(extra_path)
    return env


def _inside(work: Path, name: str) -> Path:
    path = (work / name).resolve()
    if path != work.resolve() and work.resolve() not in path.parents:
        raise ExampleError(f"path {name!r} leaves the working directory")
    return path


def run_command(line: str, work: Path, env: dict[str, str], last_status: int) -> tuple[str, int]:
    """Run one documented command; return (merged output, exit status)."""
    words = shlex.split(line)
    stdin_file = None
    drop_out = drop_err = False
    argv: list[str] = []
    k = 0
    while k < len(words):
        word = words[k]
        if word == "<" and k + 1 < len(words):
            stdin_file = _inside(work, words[k + 1])
            k += 2
            continue
        if word == "2>/dev/null":
            drop_err = True
        elif word in (">/dev/null", "1>/dev/null"):
            drop_out = True
        elif word.startswith(("<", ">", "2>", "|", ";", "&")):
            raise ExampleError(f"unsupported shell syntax {word!r} in: {line}")
        else:
            argv.append(word)
        k += 1
    if not argv:
        raise ExampleError("empty command")
    program, args = argv[0], argv[1:]
    if program == "echo":
        return " ".join(str(last_status) if a == "$?" else a for a in args) + "\n", 0
    if program == "cat":
        out = []
        for name in args:
            out.append(_inside(work, name).read_text(encoding="utf-8"))
        return "".join(out), 0
    if program == "cp" and len(args) == 2:
        shutil.copyfile(_inside(work, args[0]), _inside(work, args[1]))
        return "", 0
    if program != "gxlint":
        raise ExampleError(f"unsupported command {program!r} (gxlint, cat, cp, echo): {line}")
    stdin = open(stdin_file, "rb") if stdin_file else subprocess.DEVNULL
    try:
        proc = subprocess.run(
            [sys.executable, "-c", BOOTSTRAP, "plugin" if "PYTHONPATH" in env else "", *args],
            cwd=work, env=env, stdin=stdin,
            stdout=subprocess.DEVNULL if drop_out else subprocess.PIPE,
            stderr=subprocess.DEVNULL if drop_err else (subprocess.PIPE if drop_out else subprocess.STDOUT),
            timeout=300,
        )
    finally:
        if stdin_file:
            stdin.close()
    data = (proc.stderr if drop_out else proc.stdout) or b""
    return data.decode("utf-8", errors="replace"), proc.returncode


def normalise(text: str, work: Path) -> list[str]:
    for path in {str(work.resolve()), str(work)}:
        text = text.replace(path, PLACEHOLDER)
    return text.replace("\r\n", "\n").split("\n")[:-1] if text.endswith("\n") else text.split("\n") if text else []


def run_block(block: Block) -> list[list[str]]:
    """The actual output of each command of a block."""
    extra = None
    if block.directive and block.directive[0] == "plugin":
        extra = plugin_site()
    env = environment(extra)
    work = sandbox()
    try:
        status = 0
        outputs = []
        for command in block.commands:
            text, status = run_command(command.line, work, env, status)
            outputs.append(normalise(text, work))
        return outputs
    finally:
        shutil.rmtree(work, ignore_errors=True)


# --- comparing and updating ----------------------------------------------------------------------


def matches(expected: list[str], actual: list[str]) -> bool:
    if WILDCARD not in expected:
        return expected == actual
    k = expected.index(WILDCARD)
    head, tail = expected[:k], expected[k + 1:]
    if WILDCARD in tail:
        raise ExampleError("at most one '...' per command output")
    return (len(head) + len(tail) <= len(actual) and actual[:len(head)] == head
            and (not tail or actual[len(actual) - len(tail):] == tail))


def refreshed(expected: list[str], actual: list[str]) -> list[str]:
    """What the doc should say: the actual output, cut the way the doc cuts it."""
    if WILDCARD not in expected:
        return actual
    k = expected.index(WILDCARD)
    head, tail = k, len(expected) - k - 1
    if head + tail >= len(actual):
        return actual
    return actual[:head] + [WILDCARD] + (actual[len(actual) - tail:] if tail else [])


def render(block: Block, outputs: list[list[str]]) -> list[str]:
    lines: list[str] = []
    for command, actual in zip(block.commands, outputs):
        lines.append("$ " + command.line)
        lines.extend(refreshed(command.expected, actual))
    return lines


def expected_lines(block: Block) -> list[str]:
    lines: list[str] = []
    for command in block.commands:
        lines.append("$ " + command.line)
        lines.extend(command.expected)
    return lines


def check(block: Block) -> str | None:
    """None when the block is up to date, else a unified diff (documented → actual)."""
    outputs = run_block(block)
    stale = False
    for command, actual in zip(block.commands, outputs):
        expected = command.expected
        while expected and expected[-1] == "" and (not actual or actual[-1] != ""):
            expected = expected[:-1]       # a blank line before the closing fence is layout
        if not matches(expected, actual):
            stale = True
    if not stale:
        return None
    diff = difflib.unified_diff(expected_lines(block), render(block, outputs),
                                f"{block.id} (documented)", f"{block.id} (actual)", lineterm="")
    return "\n".join(diff)


def update(doc: Path) -> int:
    """Rewrite the outputs of every console block of one doc; return how many changed."""
    lines = doc.read_text(encoding="utf-8").split("\n")
    changed = 0
    for block in reversed(parse_blocks(doc)):
        if block.directive and block.directive[0] == "skip":
            continue
        try:
            outputs = run_block(block)
        except PluginUnavailable as problem:
            print(f"{block.id}: not updated: {problem}", file=sys.stderr)
            continue
        new = render(block, outputs)
        if lines[block.start:block.end] != new:
            lines[block.start:block.end] = new
            changed += 1
    if changed:
        doc.write_text("\n".join(lines), encoding="utf-8")
    return changed


# --- pytest ----------------------------------------------------------------------------------------

try:
    import pytest
except ImportError:  # running as a script without pytest installed
    pytest = None

if pytest is not None:

    @pytest.mark.parametrize("block", all_blocks(), ids=lambda b: b.id)
    def test_doc_example(block: Block) -> None:
        if block.directive and block.directive[0] == "skip":
            pytest.skip(block.directive[1] or "marked skip")
        if block.directive and block.directive[0] not in ("skip", "plugin"):
            pytest.fail(f"{block.id}: unknown directive {block.directive[0]!r}")
        try:
            problem = check(block)
        except PluginUnavailable as error:
            pytest.skip(str(error))
        if problem is not None:
            pytest.fail(f"the documented output is stale ({UPDATE_HINT}):\n{problem}", pytrace=False)

    @pytest.mark.parametrize("block", all_python_blocks(), ids=lambda b: b.id)
    def test_python_doc_example(block: PythonBlock) -> None:
        problem = check_python(block)
        if problem is not None:
            pytest.fail(f"the documented Python example fails:\n{problem}", pytrace=False)

    def test_every_guide_has_checked_examples() -> None:
        """The issue asks for a real, checked example on every topic."""
        wanted = ["usage", "configuration", "suppressions", "baselines", "fixes", "formats", "plugins"]
        counts = {doc.stem: len(parse_blocks(doc)) for doc in DOC_FILES}
        assert counts.get("README", 0) >= 1
        missing = [name for name in wanted if counts.get(name, 0) == 0]
        assert not missing, f"guides without a ```console example: {missing}"

    def test_relative_links_resolve() -> None:
        broken = []
        for doc in DOC_FILES:
            text = doc.read_text(encoding="utf-8")
            for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", text):
                if "://" in target or target.startswith("mailto:"):
                    continue
                if not (doc.parent / target).exists():
                    broken.append(f"{doc.relative_to(REPO)} -> {target}")
        assert not broken, broken

    def test_pre_commit_snippets_name_real_hooks() -> None:
        hooks = set(re.findall(r"^- id:\s*(\S+)", (REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"), re.M))
        text = (REPO / "docs" / "pre-commit.md").read_text(encoding="utf-8")
        used = set()
        for snippet in re.findall(r"```yaml\n(.*?)```", text, re.S):
            used.update(re.findall(r"-\s+id:\s*([\w-]+)", snippet))
        assert used, "docs/pre-commit.md has no ```yaml snippet with hook ids"
        assert used <= hooks, f"hooks not in .pre-commit-hooks.yaml: {sorted(used - hooks)}"


# --- script ----------------------------------------------------------------------------------------


def main(argv: list[str]) -> int:
    import argparse

    parser = argparse.ArgumentParser(description="Check or regenerate the console examples in the docs.")
    parser.add_argument("--update", action="store_true", help="rewrite the documented outputs in place")
    parser.add_argument("docs", nargs="*", type=Path, help="only these files (default: README.md docs/*.md)")
    args = parser.parse_args(argv)
    docs = [p.resolve() for p in args.docs] or DOC_FILES
    if args.update:
        total = 0
        for doc in docs:
            n = update(doc)
            total += n
            if n:
                print(f"updated {n} example(s) in {doc.relative_to(REPO)}")
        print(f"{total} example(s) updated" if total else "all examples up to date")
        return 0
    stale = 0
    for doc in docs:
        for block in parse_blocks(doc):
            if block.directive and block.directive[0] == "skip":
                continue
            try:
                problem = check(block)
            except PluginUnavailable as error:
                print(f"{block.id}: skipped: {error}")
                continue
            if problem:
                stale += 1
                print(problem)
    print(f"{stale} stale example(s); {UPDATE_HINT}" if stale else "all examples up to date")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
