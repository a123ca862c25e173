"""The one way factlint replaces a file: write a temporary copy beside it, fsync, rename over it.

Used for fixed drafts (fixes.py), baselines (baseline.py) and cache entries (diskcache.py). A reader
sees the old content or the new, never half of it; if anything fails or the run is interrupted
(KeyboardInterrupt, or SIGTERM turned into an exception by the caller) before the rename, the
temporary file is removed and the target is left exactly as it was.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path


def write_atomic(target: Path, data: bytes, *, mode: int | None = None,
                 before_replace: Callable[[], None] | None = None) -> None:
    """Replace `target` (a plain path: callers resolve symlinks and decide policy) with `data`.

    `mode`: permission bits for the new file (default: mkstemp's 0600). `before_replace` runs after
    the data is safely on disk and just before the rename; raising there (e.g. "the file was edited
    meanwhile") abandons the write and leaves `target` untouched.
    """
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if mode is not None:
            os.chmod(temporary, mode)
        if before_replace is not None:
            before_replace()
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def ordinary_mode(target: Path) -> int:
    """The permission bits `target` has, or those a new file gets (0666 less the umask)."""
    try:
        return stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        umask = os.umask(0o022)
        os.umask(umask)
        return 0o666 & ~umask
