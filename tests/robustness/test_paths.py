"""Paths that cannot be read: a clear message naming the path, the rest of the run goes on, exit 2."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from robust_support import CLAIM, cli_env, write


def test_missing_path_is_named_and_the_rest_is_checked(run_cli, tmp_path):
    write(tmp_path / "ok.md", CLAIM + "\n")
    result = run_cli("check", "missing.md", "ok.md", "nowhere/")
    assert result.code == 2
    assert "factlint: error: missing.md: no such file or directory" in result.stderr
    assert "factlint: error: nowhere: no such file or directory" in result.stderr
    assert "ok.md:1:10: FL401" in result.stdout  # the readable file was still checked
    assert "1 file checked" in result.stdout and "(2 unreadable)" in result.stdout
    data = json.loads(run_cli("check", "missing.md", "ok.md", "--format", "json").stdout)
    assert data["problems"] == [{"path": "missing.md", "message": "no such file or directory"}]
    sarif = json.loads(run_cli("check", "missing.md", "ok.md", "--format", "sarif").stdout)
    invocation = sarif["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert {"level": "error", "message": {"text": "missing.md: no such file or directory"}} in \
        invocation["toolExecutionNotifications"]


def test_symlink_loops(run_cli, tmp_path):
    site = tmp_path / "site"
    write(site / "ok.md", CLAIM + "\n")
    os.symlink("self.md", site / "self.md")
    os.symlink("b.md", site / "a.md")
    os.symlink("a.md", site / "b.md")
    os.symlink("..", site / "up")  # a folder loop: symlinked folders are not followed
    os.symlink(".", site / "here.md")  # a symlink to a folder with a linted suffix
    result = run_cli("check", "site", "self.md", "--jobs", "1")
    assert result.code == 2
    for name in ("site/a.md", "site/b.md", "site/self.md"):
        assert f"factlint: error: {name}: too many levels of symbolic links" in result.stderr
    assert "site/ok.md:1:10: FL401" in result.stdout
    assert result.stdout.count("site/ok.md:1:10: FL401") == 1  # the folder loop was not walked twice
    named = run_cli("check", "site/self.md", "site/ok.md")
    assert named.code == 2
    assert "factlint: error: site/self.md: too many levels of symbolic links" in named.stderr


def test_non_utf8_file_names(run_cli, tmp_path):
    folder = os.fsencode(tmp_path / "site")
    os.mkdir(folder)
    with open(os.path.join(folder, b"caf\xe9 \xff.md"), "wb") as handle:
        handle.write(CLAIM.encode() + b"\n")
    write(tmp_path / "site" / "plain.md", "Nothing to see.\n")
    result = run_cli("check", "site")
    assert result.code == 1, result.stderr
    assert "site/caf\\xe9 \\xff.md:1:10: FL401" in result.stdout
    data = json.loads(run_cli("check", "site", "--format", "json").stdout)
    assert {f["path"] for f in data["findings"]} == {"site/caf\\xe9 \\xff.md"}
    for fmt in ("sarif", "github", "junit", "rdjsonl"):
        assert run_cli("check", "site", "--format", fmt).code == 1
    # --fix finds the real file behind the escaped name
    write(tmp_path / "fix.yaml", FIX_RULES)
    fixed = run_cli("check", "site", "--no-default-rules", "--rules", "fix.yaml", "--fix")
    assert fixed.code == 0, fixed.stderr
    with open(os.path.join(folder, b"caf\xe9 \xff.md"), "rb") as handle:
        assert handle.read() == b"Ketamine may help depression.\n"


FIX_RULES = """\
categories:
  - {id: unsupported-claim, prefix: FL9, title: Unsupported claims}
sources:
  - {file: house.txt, title: House style}
facts:
  - id: no-cure
    statement: No source reports a cure.
    source: house.txt
    quote: No cure is reported.
rules:
  - id: FL901
    name: cure-word
    category: unsupported-claim
    severity: error
    summary: Cure claims
    message: No cure is reported.
    suggestion: say 'may help'
    fact: no-cure
    phrases: [cures depression]
    fix: {match: 'cures (depression)', replace: 'may help \\1', safe: true}
    examples:
      flag: [Ketamine cures depression.]
      pass: [Ketamine may help depression.]
"""


def _nobody() -> list[str] | None:
    if os.geteuid() != 0:
        return []  # already unprivileged: permissions apply as they are
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return None
    return [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]


def test_unreadable_folder_and_file(tmp_path):
    """Runs factlint as an unprivileged user (root reads everything), via setpriv."""
    prefix = _nobody()
    if prefix is None:
        pytest.skip("running as root without setpriv (util-linux) to drop privileges: apt-get install util-linux")
    probe = subprocess.run([*prefix, sys.executable, "-c", "import factlint"], capture_output=True, env=cli_env())
    if probe.returncode != 0:  # e.g. a virtual environment inside a folder only root may enter
        pytest.skip("the unprivileged user cannot import factlint: put the virtual environment where other "
                    f"users may read it (.ci/run does): {probe.stderr.decode()[-200:]}")
    work = Path(tempfile.mkdtemp(prefix="factlint-perm-"))
    try:
        os.chmod(work, 0o755)
        write(work / "site" / "ok.md", CLAIM + "\n")
        write(work / "site" / "locked" / "inside.md", CLAIM + "\n")
        write(work / "site" / "secret.md", CLAIM + "\n")
        for path, mode in [(work / "site", 0o755), (work / "site" / "ok.md", 0o644),
                           (work / "site" / "locked", 0o000), (work / "site" / "secret.md", 0o000)]:
            os.chmod(path, mode)
        proc = subprocess.run([*prefix, sys.executable, "-m", "factlint", "check", "site", "--jobs", "1"],
                              cwd=work, capture_output=True, env={**cli_env(), "HOME": str(work)},
                              stdin=subprocess.DEVNULL, timeout=120)
        err, out = proc.stderr.decode(), proc.stdout.decode()
        assert "Traceback" not in err
        assert proc.returncode == 2, (out, err)
        assert "factlint: error: site/locked: cannot list this folder: permission denied" in err
        assert "factlint: error: site/secret.md: permission denied" in err
        assert "site/ok.md:1:10: FL401" in out
    finally:
        for path in (work / "site" / "locked", work / "site" / "secret.md"):
            os.chmod(path, 0o755)
        shutil.rmtree(work)


def test_file_that_vanishes_mid_run(run_cli, tmp_path, monkeypatch):
    """The file list is made, then a file is deleted just before it is read (the reader is wrapped)."""
    import factlint.checker as checker

    for name in ("a.md", "b.md", "c.md"):
        write(tmp_path / "site" / name, CLAIM + "\n")
    real = checker.read_document

    def vanishing(path, display, *rest):
        if os.path.basename(path) == "b.md":
            os.remove(path)
        return real(path, display, *rest)

    monkeypatch.setattr(checker, "read_document", vanishing)
    result = run_cli("check", "site", "--jobs", "1")
    assert result.code == 2
    assert "factlint: error: site/b.md: no such file (missing, or removed while factlint was running)" in result.stderr
    assert "site/a.md:1:10: FL401" in result.stdout and "site/c.md:1:10: FL401" in result.stdout
    assert "2 files checked" in result.stdout


def test_fifo_and_device_are_not_read(run_cli_subprocess, tmp_path):
    os.mkfifo(tmp_path / "pipe.md")  # opening it for reading would block a naive reader forever
    write(tmp_path / "ok.md", CLAIM + "\n")
    result = run_cli_subprocess("check", "pipe.md", "/dev/null", "ok.md", timeout=60)
    assert result.code == 2
    assert "pipe.md: not a regular file" in result.stderr


# --- .gitignore and folders named on the command line ----------------------------------------


@pytest.fixture
def repo(tmp_path):
    if shutil.which("git") is None:
        pytest.skip("needs git (apt-get install git)")
    env = {**cli_env(), "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True, env=env)
    write(tmp_path / ".gitignore", "corpus/\nbuild/\n")
    write(tmp_path / "corpus" / "10MB" / "a.md", CLAIM + "\n")
    write(tmp_path / "corpus" / "10MB" / "b.md", CLAIM + "\n")
    write(tmp_path / "corpus" / "10MB" / ".gitignore", "b.md\n")  # applies below the named folder
    write(tmp_path / "docs" / "page.md", CLAIM + "\n")
    return tmp_path


def test_a_git_ignored_folder_named_explicitly_is_linted(run_cli, repo):
    walked = run_cli("check", ".", "--format", "json", cwd=repo)
    assert {f["path"] for f in json.loads(walked.stdout)["findings"]} == {"docs/page.md"}

    named = run_cli("check", "corpus/10MB", "--format", "json", cwd=repo)
    data = json.loads(named.stdout)
    assert named.code == 1, named.stderr
    assert data["summary"]["files_checked"] == 1
    assert {f["path"] for f in data["findings"]} == {"corpus/10MB/a.md"}  # b.md: the inner .gitignore

    inside = run_cli("check", "--format", "json", cwd=repo / "corpus" / "10MB")
    assert json.loads(inside.stdout)["summary"]["files_checked"] == 1
    parent = run_cli("check", "corpus", "--format", "json", cwd=repo)
    assert json.loads(parent.stdout)["summary"]["files_checked"] == 1
