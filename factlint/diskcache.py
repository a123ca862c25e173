"""factlint's cache folder: entries that spare a run work it did before (the loaded rulebook,
the English word list), written whole and renamed into place, read back or ignored.

Nothing is trusted beyond an entry's name, which its writer derives from everything the entry
depends on; an entry that cannot be read is the caller's to rebuild. The cache never makes a run
fail: where it cannot be written, runs simply do without it.

Location: $FACTLINT_CACHE_DIR, else $XDG_CACHE_HOME/factlint, else ~/.cache/factlint.
FACTLINT_NO_CACHE=1 turns it off. This is the one place a run writes to (README "Guarantees").
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

CACHE_DIR_ENV = "FACTLINT_CACHE_DIR"
NO_CACHE_ENV = "FACTLINT_NO_CACHE"


def cache_dir() -> Path | None:
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


def read(name: str) -> bytes | None:
    """The bytes of entry `name`, or None (no cache, no such entry, unreadable)."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        return (folder / name).read_bytes()
    except OSError:
        return None


def write(name: str, data: bytes, keep: tuple[str, int] | None = None) -> None:
    """Store entry `name`; `keep` = (suffix, n): then keep only the n newest entries with that
    suffix (an edited rulebook leaves old ones behind)."""
    folder = cache_dir()
    if folder is None:
        return
    temporary: str | None = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        # Written whole, then renamed: a concurrent run reads the old entry or the new, never half.
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".", suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, folder / name)
        temporary = None
        if keep is not None:
            _prune(folder, *keep)
    except OSError:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def _prune(folder: Path, suffix: str, keep: int) -> None:
    entries = sorted(folder.glob("*" + suffix), key=lambda p: p.stat().st_mtime, reverse=True)
    for stale in entries[keep:]:
        with contextlib.suppress(OSError):
            stale.unlink()
