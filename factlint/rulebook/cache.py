"""Loaded rulebooks kept on disk, so a run on one draft (a pre-commit hook) skips the YAML.

An entry is keyed by everything the loaded rulebook depends on: factlint's version and the source
of this package (a changed model or loader never reads an old entry), the Python version, and
each rulebook file's path as shown in messages and its exact bytes. Nothing is trusted beyond the
key: an entry that cannot be read or unpickled is ignored and rebuilt. The cache never makes a
run fail; where it cannot be written, runs simply do without it.

Location: $FACTLINT_CACHE_DIR, else $XDG_CACHE_HOME/factlint, else ~/.cache/factlint.
FACTLINT_NO_CACHE=1 turns it off.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import stat
import sys
import tempfile
from functools import cache
from pathlib import Path

import factlint
from factlint.rulebook.locate import MAX_FILE_BYTES, shown
from factlint.rulebook.model import Rulebook

CACHE_DIR_ENV = "FACTLINT_CACHE_DIR"
NO_CACHE_ENV = "FACTLINT_NO_CACHE"
_SUFFIX = ".rulebook.pickle"
_KEEP = 32  # entries


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


@cache
def _code_digest() -> bytes:
    """factlint's version, the Python version and this package's source (the pickled classes)."""
    digest = hashlib.sha256(f"{factlint.__version__} {sys.version}".encode())
    for module in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(module.read_bytes())
    return digest.digest()


def key_of(files: list[Path]) -> str | None:
    """The cache key of a rulebook made of these files, or None when one cannot be read (the
    loader then reports why)."""
    digest = hashlib.sha256(_code_digest())
    for file in files:
        # Only plain files within the loader's size limit: anything else (a FIFO, /dev/zero, a
        # huge file) is for the loader to refuse with its own message.
        try:
            if not stat.S_ISREG(file.stat().st_mode):
                return None
            with file.open("rb") as handle:
                data = handle.read(MAX_FILE_BYTES + 1)
        except OSError:
            return None
        if len(data) > MAX_FILE_BYTES:
            return None
        for part in (shown(file).encode("utf-8", "surrogatepass"), data):
            digest.update(len(part).to_bytes(8, "big"))
            digest.update(part)
    return digest.hexdigest()


def load(key: str) -> Rulebook | None:
    folder = cache_dir()
    if folder is None:
        return None
    try:
        data = (folder / (key + _SUFFIX)).read_bytes()
    except OSError:
        return None
    try:
        rulebook = pickle.loads(data)
    except Exception:  # noqa: BLE001 - any damaged or foreign entry is simply rebuilt
        return None
    return rulebook if isinstance(rulebook, Rulebook) else None


def store(key: str, rulebook: Rulebook) -> None:
    folder = cache_dir()
    if folder is None:
        return
    temporary: str | None = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        # Written whole, then renamed: a concurrent run reads the old entry or the new, never half.
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".", suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            out.write(pickle.dumps(rulebook, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(temporary, folder / (key + _SUFFIX))
        temporary = None
        _prune(folder)
    except OSError:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def _prune(folder: Path) -> None:
    """Keep the most recently written entries only (an edited rulebook leaves old ones behind)."""
    entries = sorted(folder.glob("*" + _SUFFIX), key=lambda p: p.stat().st_mtime, reverse=True)
    for stale in entries[_KEEP:]:
        with contextlib.suppress(OSError):
            stale.unlink()
