"""Git, through the `git` command: the work tree root, files changed since a ref, and .gitignore.

Each helper degrades gracefully outside a git work tree (or without git installed): there is then no
repository root and nothing is ignored. `changed_since` is the exception: asking for it outside a
repository is a usage error.
"""

from __future__ import annotations

import functools
import os
import subprocess
import tempfile
from collections.abc import Iterable
from pathlib import Path

from factlint.errors import UsageError


def _git(args: list[str], cwd: Path, input: bytes | None = None) -> subprocess.CompletedProcess[bytes] | None:
    try:
        return subprocess.run(["git", *args], cwd=cwd, input=input, capture_output=True, check=False,
                              env={**os.environ, "GIT_OPTIONAL_LOCKS": "0"})
    except (OSError, ValueError):  # git not installed, or cwd vanished
        return None


@functools.lru_cache(maxsize=64)
def repo_root(start: Path) -> Path | None:
    """The top folder of the git work tree containing `start` (a folder), or None."""
    proc = _git(["rev-parse", "--show-toplevel"], start)
    if proc is None or proc.returncode != 0:
        return None
    return Path(os.fsdecode(proc.stdout.strip()))


def changed_since(ref: str, cwd: Path) -> frozenset[Path]:
    """Absolute paths of files added, copied, modified or renamed since `ref` (its merge base with
    HEAD, as a pull request sees it), including uncommitted and untracked (not ignored) files."""
    root = repo_root(cwd)
    if root is None:
        raise UsageError("--changed-since needs a git work tree (the current folder is not in one)")
    base = _git(["merge-base", ref, "HEAD"], root)
    if base is None or base.returncode != 0:
        check = _git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], root)
        if check is None or check.returncode != 0:
            raise UsageError(f"--changed-since: unknown git revision '{ref}'")
        base_ref = ref  # no common ancestor (a shallow clone): compare with the ref itself
    else:
        base_ref = base.stdout.decode().strip()
    diff = _git(["diff", "--name-only", "-z", "--no-renames", "--diff-filter=ACMRT", base_ref, "--"], root)
    untracked = _git(["ls-files", "-z", "--others", "--exclude-standard"], root)
    if diff is None or diff.returncode != 0 or untracked is None:
        message = diff.stderr.decode(errors="replace").strip().splitlines()[0] if diff else "git failed"
        raise UsageError(f"--changed-since {ref}: {message}")
    names = [n for n in (diff.stdout + untracked.stdout).split(b"\0") if n]
    return frozenset(Path(os.path.abspath(root / os.fsdecode(n))) for n in names)


def ignored(paths: Iterable[str | Path], cwd: str | Path) -> set[str]:
    """Those of `paths` (absolute, inside one work tree) that .gitignore rules exclude, as strings.

    Tracked files are never ignored (git's own rule). Outside a work tree: nothing is ignored.
    """
    paths = list(paths)
    if not paths:
        return set()
    root = repo_root(Path(cwd))
    if root is None:
        return set()
    payload = b"\0".join(os.fsencode(p) for p in paths) + b"\0"
    proc = _git(["check-ignore", "-z", "--stdin"], root, input=payload)
    if proc is None or proc.returncode not in (0, 1):  # 1 = nothing ignored
        return set()
    return {os.fsdecode(n) for n in proc.stdout.split(b"\0") if n}


def ignored_below(files: Iterable[str | Path], root: str | Path) -> set[str]:
    """Those of `files` (absolute) that .gitignore rules exclude, seen from the folder `root`, as
    strings (a walk over many files compares strings, not Path objects).

    Like ruff: a folder named on the command line is always linted, even if it is itself ignored
    (`factlint check bench/corpus/` where .gitignore lists bench/corpus/). Below such a folder only
    the ignore files inside it apply, relative to it; otherwise git's rules apply as usual.
    """
    # One `git check-ignore` for the whole folder; nothing is ignored outside a work tree.
    if not ignored([root], root):
        return ignored(files, root)
    return _ignored_inside(files, root)


def _ignored_inside(files: Iterable[str | Path], root: str | Path) -> set[str]:
    """`git check-ignore` against a throw-away repository whose work tree is `root`: only the
    .gitignore files under `root` (and the user's global excludes) apply."""
    with tempfile.TemporaryDirectory(prefix="factlint-gitignore-") as tmp:
        env = {**os.environ, "GIT_OPTIONAL_LOCKS": "0"}
        try:
            init = subprocess.run(["git", "init", "-q", tmp], capture_output=True, env=env, check=False)
            if init.returncode != 0:
                return set()
            payload = b"\0".join(os.fsencode(p) for p in files) + b"\0"
            proc = subprocess.run(
                ["git", f"--git-dir={os.path.join(tmp, '.git')}", f"--work-tree={root}",
                 "check-ignore", "-z", "--stdin"],
                cwd=root, input=payload, capture_output=True, env=env, check=False,
            )
        except OSError:  # git not installed
            return set()
    if proc.returncode not in (0, 1):
        return set()
    return {os.fsdecode(n) for n in proc.stdout.split(b"\0") if n}
