"""End to end: factlint as a pre-commit hook in a content repository, installed by pre-commit itself.

The hook repository is a snapshot of THIS working tree committed to a temporary git repository (so
the test checks the code as it is now, not the last commit), and pre-commit installs factlint from
it with pip into its own environment (dependencies come from PyPI). The draft is committed with
`git commit`, so the hook runs exactly as it does for a copywriter.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
BAD = "# Ketamine therapy\n\nKetamine cures depression.\n"
GOOD = "# Ketamine therapy\n\nKetamine is not a cure for depression; ask your provider whether it may help.\n"
GIT = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false",
       "-c", "init.defaultBranch=main"]


def run(args: list[str], cwd: Path, env: dict[str, str], check: bool = True) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=900)
    if check and proc.returncode != 0:
        raise AssertionError(f"{args} exited {proc.returncode}\n{proc.stdout}\n{proc.stderr}")
    return proc


def snapshot(dest: Path, env: dict[str, str]) -> str:
    """Copy the working tree's files (tracked and untracked, not ignored) into a new repo; its HEAD."""
    listed = run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], REPO, env).stdout
    for name in filter(None, listed.split("\0")):
        source = REPO / name
        if source.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)
    run([*GIT, "init", "-q", str(dest)], dest, env)
    run([*GIT, "add", "-A"], dest, env)
    run([*GIT, "commit", "-q", "-m", "snapshot"], dest, env)
    return run(["git", "rev-parse", "HEAD"], dest, env).stdout.strip()


def test_manifest_declares_both_hooks():
    hooks = {h["id"]: h for h in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())}
    assert set(hooks) == {"factlint", "factlint-rulebook"}
    for hook in hooks.values():
        assert {"id", "name", "entry", "language"} <= set(hook)
    assert hooks["factlint"]["entry"] == "factlint check"
    assert set(hooks["factlint"]["types_or"]) == {"markdown", "mdx", "html", "plain-text"}
    assert hooks["factlint-rulebook"]["entry"] == "factlint validate-rules"


@pytest.mark.slow  # builds a hook environment with pip: ~10 s
@pytest.mark.skipif(shutil.which("git") is None, reason="needs git (apt-get install git)")
def test_pre_commit_blocks_the_bad_draft_and_passes_the_fixed_one(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT", "VIRTUAL_ENV"))}
    env["PRE_COMMIT_HOME"] = str(tmp_path / "cache")  # a fresh hook environment, built from the snapshot
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    hook_repo = tmp_path / "factlint"
    hook_repo.mkdir()
    rev = snapshot(hook_repo, env)

    content = tmp_path / "content"
    content.mkdir()
    run([*GIT, "init", "-q", str(content)], content, env)
    config = {"repos": [{"repo": str(hook_repo), "rev": rev,
                         "hooks": [{"id": "factlint"}, {"id": "factlint-rulebook"}]}]}
    (content / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config))
    run([sys.executable, "-m", "pre_commit", "install"], content, env)

    draft = content / "pages" / "landing.md"
    draft.parent.mkdir()
    draft.write_text(BAD)
    (content / "logo.svg").write_text("<svg/>\n")  # not a draft type: never passed to the hook
    run([*GIT, "add", "-A"], content, env)
    blocked = run([*GIT, "commit", "-m", "landing page"], content, env, check=False)
    output = blocked.stdout + blocked.stderr
    assert blocked.returncode != 0, output
    assert "factlint" in output and "Failed" in output
    assert "pages/landing.md:3:10: FL401 [error]" in output  # the finding is shown to the writer
    assert "suggestion:" in output
    assert run(["git", "rev-list", "--all"], content, env, check=False).stdout == ""  # nothing committed

    draft.write_text(GOOD)
    run([*GIT, "add", "-A"], content, env)
    passed = run([*GIT, "commit", "-m", "landing page"], content, env, check=False)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert re.search(r"^factlint\.+Passed$", passed.stdout + passed.stderr, re.M)

    # A broken house rulebook is blocked by the second hook.
    (content / ".factlint.yaml").write_text("rules: [rules/house.yaml]\n")
    (content / "rules").mkdir()
    (content / "rules" / "house.yaml").write_text("rules:\n  - id: FL4\n")
    run([*GIT, "add", "-A"], content, env)
    broken = run([*GIT, "commit", "-m", "house rules"], content, env, check=False)
    assert broken.returncode != 0
    output = broken.stdout + broken.stderr
    assert re.search(r"^factlint rulebook\.+Failed$", output, re.M) and "rules/house.yaml:2:" in output, output
