"""Where rulebook files are: the packaged default rulebook, and the files inside a --rules folder."""

from __future__ import annotations

import os
from pathlib import Path

import factlint
from factlint.errors import fail

RULEBOOK_SUFFIXES = (".yaml", ".yml")
MAX_FILE_BYTES = 5 * 1024 * 1024  # a rulebook file larger than this is refused, unread


def default_rulebook_dir() -> Path:
    """The shipped rules: `factlint/_rules` in an installed wheel, else the repository's `rules/`."""
    package_dir = Path(factlint.__file__).resolve().parent
    packaged = package_dir / "_rules"
    if packaged.is_dir():
        return packaged
    return package_dir.parent / "rules"


def rulebook_files(path: Path) -> list[Path]:
    """A file is itself; a folder is its *.yaml / *.yml files (not sub-folders, not hidden) in name order."""
    if not path.is_dir():
        return [path]
    try:
        children = list(path.iterdir())
    except OSError as err:
        fail(shown(path), 1, f"cannot read this rulebook folder: {err.strerror or err}")
    files = sorted(
        (child for child in children
         if child.suffix.lower() in RULEBOOK_SUFFIXES and not child.name.startswith(".") and child.is_file()),
        key=lambda child: child.name,
    )
    if not files:
        fail(shown(path), 1, "this folder holds no rulebook files (*.yaml or *.yml)")
    return files


def identity(path: Path) -> Path:
    """The real location of a file, so the same file named twice is loaded once."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a symlink loop; reading it will report the problem
        return path.absolute()


def shown(path: Path) -> str:
    """How a path appears in messages: as given, or relative to the current folder when it is inside it."""
    if not path.is_absolute():
        return str(path)
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)
    except OSError:  # the current folder was deleted
        return os.fspath(path)
