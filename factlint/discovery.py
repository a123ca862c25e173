"""Discovery: which files a run checks, how each is named in reports, and which reader reads it.

Folders are walked in sorted order for the configured extensions, skipping hidden folders, excluded
globs and (in a git work tree) .gitignore'd files; symlinked folders are not followed. A file named on
the command line is checked whatever its suffix, unless an exclude glob matches it (editors and
pre-commit pass file names, and the configuration's excludes must still hold for them).
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from factlint import gitfiles
from factlint.config import ExcludeGlob, Settings, display_path, printable_path
from factlint.documents import FALLBACK_FORMAT, detect_format, format_of_suffix, suffix_of
from factlint.results import FileProblem


@dataclass(frozen=True, slots=True)
class Target:
    """One file to lint: where to read it, how to name it, and which reader to use."""

    path: str  # as found; a string, not a Path: a run may have 100,000 of them
    display: str
    format: str


def discover(
    paths: Sequence[str], settings: Settings, *, changed_since: str | None = None
) -> tuple[list[Target], list[FileProblem]]:
    """The files below `paths`, sorted by display name and de-duplicated, and the paths that could not
    be listed (a missing path, an unreadable folder: exit 2 at the end, the rest of the run goes on).

    `changed_since` (a git revision) keeps only the files changed since it (`--changed-since`).
    """
    targets: dict[str, Target] = {}
    problems: list[FileProblem] = []
    cwd = os.getcwd()
    for given in paths:
        path = Path(given)
        if path.is_dir():
            walked, walk_problems = _walk(path, settings, cwd)
            problems.extend(walk_problems)
            for target in walked:
                targets.setdefault(target.display, target)
        elif path.is_file():
            if not is_excluded(path, settings.exclude):
                display = display_path(path, cwd)
                targets.setdefault(display, Target(str(path), display, detect_format(given) or FALLBACK_FORMAT))
        else:
            problems.append(FileProblem(display_path(path), _missing_reason(path)))
    ordered = sorted(targets.values(), key=lambda t: t.display)
    if changed_since is not None:
        changed = gitfiles.changed_since(changed_since, Path.cwd())
        ordered = [t for t in ordered if Path(os.path.abspath(t.path)) in changed]
    return ordered, problems


def is_excluded(path: str | Path, globs: Sequence[ExcludeGlob]) -> bool:
    """Gitignore-like: a glob without "/" matches any file or folder name; one with "/" matches the
    path relative to the glob's base folder (or any parent folder of it)."""
    if not globs:  # the common case: nothing to compute
        return False
    absolute = Path(os.path.abspath(path))
    for glob in globs:
        pattern = glob.pattern.strip().rstrip("/")
        anchored = "/" in pattern
        pattern = pattern.lstrip("/")
        try:
            rel = PurePosixPath(absolute.relative_to(glob.base.absolute()).as_posix())
        except ValueError:
            rel = PurePosixPath(absolute.as_posix())
        candidates = [rel, *(p for p in rel.parents if str(p) not in (".", "/"))]
        for candidate in candidates:
            if anchored:
                if fnmatch.fnmatchcase(str(candidate), pattern) or (
                    pattern.startswith("**/") and fnmatch.fnmatchcase(str(candidate), pattern[3:])
                ):
                    return True
            elif fnmatch.fnmatchcase(candidate.name, pattern):
                return True
    return False


def per_file_ignored(path: str | Path, settings: Settings) -> tuple[str, ...]:
    """The selectors `per-file-ignores` turns off for this file."""
    out: list[str] = []
    for glob, selectors in settings.per_file_ignores:
        if is_excluded(path, (glob,)):
            out.extend(selectors)
    return tuple(out)


def _missing_reason(path: Path) -> str:
    try:
        os.stat(path)
    except OSError as exc:
        from factlint.documents import _reason

        if not os.path.lexists(path):
            return "no such file or directory"
        return _reason(exc)
    return "not a regular file"


def _walk(root: Path, settings: Settings, cwd: str) -> tuple[list[Target], list[FileProblem]]:
    """The files to lint below the folder `root`, in walk order.

    Strings, not Path objects: a repository of 100,000 files would otherwise spend seconds building
    paths before the first file is read. `root` is normalised (a Path), so every path joined below
    it is too, and a file's display name is the root's display name joined with the rest.
    """
    extensions = {e.lower() for e in settings.extensions}
    excludes = settings.exclude
    problems: list[FileProblem] = []

    def unreadable(exc: OSError) -> None:  # os.walk would otherwise skip the folder silently
        from factlint.documents import _reason

        where = Path(exc.filename) if exc.filename is not None else root
        problems.append(FileProblem(display_path(where), f"cannot list this folder: {_reason(exc)}"))

    top = str(root)
    sep = os.sep
    files: list[tuple[str, str]] = []  # (path, suffix)
    for dirpath, dirnames, filenames in os.walk(top, onerror=unreadable, followlinks=False):
        here = dirpath if dirpath.endswith(sep) else dirpath + sep
        # Prune in place so os.walk never descends: hidden folders (.git, .venv) and excluded ones.
        dirnames[:] = sorted(
            d for d in dirnames if not d.startswith(".") and not is_excluded(here + d, excludes)
        )
        for name in sorted(filenames):
            suffix = suffix_of(name).lower()
            if suffix in extensions and not is_excluded(here + name, excludes):
                files.append((here + name, suffix))
    absolute_top = os.path.abspath(top).rstrip(sep) + sep
    skip = len(top.rstrip(sep)) + 1  # a walked path is top + sep + the part below top
    if settings.respect_gitignore and files:
        absolute = [absolute_top + path[skip:] for path, _ in files]
        dropped = gitfiles.ignored_below(absolute, os.path.abspath(top))
        if dropped:
            files = [entry for entry, a in zip(files, absolute, strict=True) if a not in dropped]

    if cwd.startswith(absolute_top):  # the current folder is below root: its files show relative to it
        return [Target(f, display_path(f, cwd), format_of_suffix(x) or FALLBACK_FORMAT) for f, x in files], problems
    shown_root = display_path(root, cwd)  # "." when root is the current folder
    shown_prefix = "" if shown_root == "." else shown_root.rstrip("/") + "/"
    targets = []
    for path, suffix in files:
        display = printable_path(shown_prefix + path[skip:].replace(sep, "/"))
        targets.append(Target(path, display, format_of_suffix(suffix) or FALLBACK_FORMAT))
    return targets, problems
