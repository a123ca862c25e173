"""factlint's cache folder: entries that spare a run work it did before (the loaded rulebook,
the English word list), written whole and renamed into place, read back or ignored.

Trust model. A cache folder can be shared, restored from a CI cache or sit inside a checked-out
repository, so an entry is data to be checked, never code: entries are plain bytes (JSON, text)
that their reader validates in full, and anything in doubt is a miss, never an error.
- The folder is used only if it is a real folder owned by the user running factlint, not writable
  by group or others, and not inside a git work tree (a repository's files are untrusted input).
- An entry is read only if it is a regular file (not a symlink, FIFO or device) owned by that
  user, not writable by group or others, and at most MAX_ENTRY_BYTES long.
What remains trusted: the user's own cache folder is as trusted as the user's home folder. A CI
cache restored from an untrusted job is not protected against (restore caches only from trusted
branches, or set FACTLINT_NO_CACHE=1): it can change findings, never run code or hang a run.

Location: $FACTLINT_CACHE_DIR, else $XDG_CACHE_HOME/factlint, else ~/.cache/factlint.
FACTLINT_NO_CACHE=1 turns it off. This is the one place a run writes to (README "Guarantees").
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from factlint.atomic import write_atomic

CACHE_DIR_ENV = "FACTLINT_CACHE_DIR"
NO_CACHE_ENV = "FACTLINT_NO_CACHE"
MAX_ENTRY_BYTES = 32 * 1024 * 1024  # larger entries are neither written nor read
_NOT_FOLLOWED = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)  # symlinks fail; FIFOs open


def cache_dir() -> Path | None:
    """Where the cache folder is configured to be (it may not exist or may not be usable)."""
    if os.environ.get(NO_CACHE_ENV, "") not in ("", "0"):
        return None
    configured = os.environ.get(CACHE_DIR_ENV)
    if configured:
        return Path(configured)
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg:
        return Path(xdg) / "factlint"
    try:
        return Path.home() / ".cache" / "factlint"
    except (RuntimeError, KeyError, OSError):  # no home folder (a service account): no cache
        return None


def usable_dir(*, create: bool = False) -> Path | None:
    """The cache folder if it can be trusted (see the module's trust model), else None."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        if create:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = os.stat(folder)  # a symlinked ~/.cache is fine: the folder it leads to is checked
    except (OSError, ValueError):
        return None
    if not stat.S_ISDIR(info.st_mode) or not _private(info) or _inside_work_tree(folder):
        return None
    return folder


def _private(info: os.stat_result) -> bool:
    """Owned by this user and writable by nobody else (where the system has users)."""
    if not hasattr(os, "getuid"):  # Windows: no POSIX owners or modes to check
        return True
    return info.st_uid == os.getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _inside_work_tree(folder: Path) -> bool:
    """A `.git` in the folder or any folder above it: a cache planted in (or committed to) a
    repository, e.g. a CI job's cache kept inside the checkout."""
    try:
        real = Path(os.path.realpath(folder))
    except (OSError, ValueError):
        return True
    return any(os.path.lexists(os.path.join(place, ".git")) for place in (real, *real.parents))


def read(name: str) -> bytes | None:
    """The bytes of entry `name`, or None (no usable cache, no such entry, or an entry in doubt)."""
    folder = usable_dir()
    if folder is None or not _plain_name(name):
        return None
    try:
        handle = os.open(folder / name, os.O_RDONLY | _NOT_FOLLOWED | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode) or not _private(info) or info.st_size > MAX_ENTRY_BYTES:
            return None
        os.set_blocking(handle, True)
        with os.fdopen(os.dup(handle), "rb") as entry:
            data = entry.read(MAX_ENTRY_BYTES + 1)
    except (OSError, ValueError):
        return None
    finally:
        os.close(handle)
    return data if len(data) <= MAX_ENTRY_BYTES else None


def write(name: str, data: bytes, keep: tuple[str, int] | None = None) -> None:
    """Store entry `name`; `keep` = (suffix, n): then keep only the n newest entries with that
    suffix (an edited rulebook leaves old ones behind). Never fails: a cache that cannot be
    written is simply not used."""
    if len(data) > MAX_ENTRY_BYTES or not _plain_name(name):
        return
    folder = usable_dir(create=True)
    if folder is None:
        return
    try:
        write_atomic(folder / name, data)
        if keep is not None:
            _prune(folder, *keep)
    except OSError:
        pass


def _plain_name(name: str) -> bool:
    return bool(name) and "/" not in name and "\\" not in name and not name.startswith(".")


def _prune(folder: Path, suffix: str, keep: int) -> None:
    entries = []
    for path in folder.glob("*" + suffix):
        with contextlib.suppress(OSError):
            info = path.lstat()
            if stat.S_ISREG(info.st_mode):
                entries.append((info.st_mtime, path))
    entries.sort(reverse=True)
    for _, stale in entries[keep:]:
        with contextlib.suppress(OSError):
            stale.unlink()
