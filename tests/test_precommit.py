"""The pre-commit hooks, run by the real pre-commit in a real git repository.

The hooks are installed from a snapshot of this working tree (tracked and untracked,
not ignored files) committed to a temporary repository, so the test checks the tree as
it is, committed or not.  pre-commit builds its own virtualenv and installs gxlint
into it, which takes a while the first time (it caches the environment).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures"))

from clitools import CLEAN, REPO, REPORT  # noqa: E402

PRE_COMMIT = shutil.which("pre-commit") or str(Path(sys.executable).with_name("pre-commit"))
pytestmark = [
    pytest.mark.slow,  # ~2-3 min: pre-commit builds a virtualenv with gxlint in it
    pytest.mark.skipif(not Path(PRE_COMMIT).exists(), reason="pre-commit is not installed (pip install -e '.[test]')"),
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
]

GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.com"}


def git(*args: str, cwd: Path) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True,
                          env={**os.environ, **GIT_ENV}).stdout


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory) -> Path:
    snapshot = tmp_path_factory.mktemp("hook-repo")
    if (REPO / ".git").exists():
        files = git("ls-files", "--cached", "--others", "--exclude-standard", "-z", cwd=REPO).split("\0")
    else:
        files = [str(p.relative_to(REPO)) for p in REPO.rglob("*") if p.is_file() and ".git" not in p.parts]
    for name in filter(None, files):
        source = REPO / name
        if not source.is_file() or "__pycache__" in source.parts or name.endswith(".egg-info"):
            continue
        target = snapshot / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target, follow_symlinks=False)
    git("init", "-q", cwd=snapshot)
    git("add", "-A", cwd=snapshot)
    git("commit", "-q", "-m", "snapshot", cwd=snapshot)
    return snapshot


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory) -> Path:
    """One pre-commit cache for the module, so gxlint's hook environment is built once."""
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture
def project(tmp_path) -> Path:
    git("init", "-q", cwd=tmp_path)
    (tmp_path / "gxlint.toml").write_text('select = ["GX0", "GX5"]\n', encoding="utf-8")
    return tmp_path


def try_repo(hook_repo: Path, project: Path, home: Path, hook: str, *files: str) -> subprocess.CompletedProcess:
    git("add", "-A", cwd=project)
    return subprocess.run([PRE_COMMIT, "try-repo", str(hook_repo), hook, "--files", *files],
                          cwd=project, capture_output=True, text=True, timeout=900,
                          env={**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(home)})


def test_broken_report_fails_clean_report_passes(hook_repo, project, pre_commit_home):
    (project / "empty.txt").write_text("", encoding="utf-8")  # GX001: an input error
    (project / "clean.txt").write_text(CLEAN, encoding="utf-8")
    broken = try_repo(hook_repo, project, pre_commit_home, "gxlint", "empty.txt")
    assert broken.returncode != 0, broken.stdout + broken.stderr
    assert "GX001" in broken.stdout
    clean = try_repo(hook_repo, project, pre_commit_home, "gxlint", "clean.txt")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "Passed" in clean.stdout


def test_fix_hook_rewrites_and_fails_once(hook_repo, project, pre_commit_home):
    # pinyin readings leaked by a mirror site: a safe fix of the contamination rules
    text = REPORT.replace("【待填】", "5").replace("！！", "。").replace("的的", "的").replace("申请", "申(shēn)请")
    (project / "r.txt").write_text(text, encoding="utf-8")
    first = try_repo(hook_repo, project, pre_commit_home, "gxlint-fix", "r.txt")
    fixed = (project / "r.txt").read_text(encoding="utf-8")
    assert "(shēn)" not in fixed, "the leaked pinyin was not removed"
    assert first.returncode != 0  # files were modified by this hook
    second = try_repo(hook_repo, project, pre_commit_home, "gxlint-fix", "r.txt")
    assert second.returncode == 0, second.stdout + second.stderr


def test_pdf_and_docx_are_checked(hook_repo, project, pre_commit_home):
    documents = Path(__file__).resolve().parent / "fixtures" / "documents"
    for name in ("scanned.pdf", "pingtan-2023.lo.pdf", "pingtan-2023.lo.docx"):
        shutil.copyfile(documents / name, project / name)
    scanned = try_repo(hook_repo, project, pre_commit_home, "gxlint", "scanned.pdf")
    assert scanned.returncode != 0 and "GX013" in scanned.stdout, scanned.stdout + scanned.stderr
    read = try_repo(hook_repo, project, pre_commit_home, "gxlint", "pingtan-2023.lo.pdf", "pingtan-2023.lo.docx")
    assert read.returncode == 0 and "Passed" in read.stdout, read.stdout + read.stderr
