"""`--output-file`: write a report to a file, whole or not at all."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from factlint.errors import FactlintError


def write_report(path: Path, text: str) -> None:
    """Write `text` (UTF-8) to `path` atomically: a temporary file beside it, then a rename, so a reader
    never sees half a report and a failed write leaves any earlier report as it was."""
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise FactlintError(f"--output-file {path}: is a directory")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise FactlintError(f"--output-file {path}: cannot write there: {exc.strerror or exc}") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        os.chmod(temporary, 0o666 & ~_umask())  # as a new file would get: mkstemp makes it private
        os.replace(temporary, path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise FactlintError(f"--output-file {path}: cannot write it: {exc.strerror or exc}") from None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
