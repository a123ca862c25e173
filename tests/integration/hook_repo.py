"""A snapshot of THIS working tree as a git repository (so pre-commit and pip install the code as it is now,
not the last commit), and the subprocess helpers the whole-tool tests share."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from project import REPO

# Where the README says factlint's repository is; tests put the snapshot's path in its place.
PUBLIC_URL = "https://github.com/factlint/factlint"
PLACEHOLDER_REV = "COMMIT_SHA"
GIT = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false",
       "-c", "init.defaultBranch=main"]


def clean_env() -> dict[str, str]:
    """This environment without git's, pre-commit's or an activated virtual environment's variables."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT", "VIRTUAL_ENV"))}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


def run(args: list[str], cwd: Path, env: dict[str, str], check: bool = True) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=900,
                          stdin=subprocess.DEVNULL)
    if check and proc.returncode != 0:
        raise AssertionError(f"{args} exited {proc.returncode}\n{proc.stdout}\n{proc.stderr}")
    return proc


def snapshot(dest: Path, env: dict[str, str]) -> str:
    """Copy the working tree's files (tracked and untracked, not ignored) into a new repo at `dest`; its HEAD."""
    dest.mkdir(parents=True, exist_ok=True)
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


