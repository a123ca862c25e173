"""Loaded rulebooks kept on disk, so a run on one draft (a pre-commit hook) skips the YAML.

An entry is keyed by everything the loaded rulebook depends on: factlint's version and the source
of this package (a changed model or loader never reads an old entry), the Python version, and
each rulebook file's path as shown in messages and its exact bytes. Nothing is trusted beyond the
key: an entry that cannot be read or unpickled is ignored and rebuilt. Where and how entries are
kept: factlint/diskcache.py.
"""

from __future__ import annotations

import hashlib
import pickle
import stat
import sys
from functools import cache
from pathlib import Path

import factlint
from factlint import diskcache
from factlint.rulebook.locate import MAX_FILE_BYTES, shown
from factlint.rulebook.model import Rulebook

_SUFFIX = ".rulebook.pickle"
_KEEP = 32  # entries


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
    data = diskcache.read(key + _SUFFIX)
    if data is None:
        return None
    try:
        rulebook = pickle.loads(data)
    except Exception:  # noqa: BLE001 - any damaged or foreign entry is simply rebuilt
        return None
    return rulebook if isinstance(rulebook, Rulebook) else None


def store(key: str, rulebook: Rulebook) -> None:
    diskcache.write(key + _SUFFIX, pickle.dumps(rulebook, protocol=pickle.HIGHEST_PROTOCOL), keep=(_SUFFIX, _KEEP))
