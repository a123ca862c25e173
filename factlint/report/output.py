"""`--output-file`: write a report to a file, whole or not at all."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from factlint.atomic import ordinary_mode, write_atomic
from factlint.errors import FactlintError


def write_report(path: Path, text: str, checked: Iterable[str] = ()) -> None:
    """Write `text` (UTF-8) to `path` atomically (atomic.py: a temporary file beside it, then a rename),
    so a reader never sees half a report and a failed write leaves any earlier report as it was.
    `checked` are the drafts of the run: a report never replaces one of them."""
    if path.is_dir():
        raise FactlintError(f"--output-file {path}: is a directory")
    if path.exists() and any(_same(path, draft) for draft in checked):
        raise FactlintError(f"--output-file {path}: is one of the files being checked; not overwritten")
    try:
        write_atomic(path, text.encode("utf-8"), mode=ordinary_mode(path))
    except OSError as exc:
        raise FactlintError(f"--output-file {path}: cannot write it: {exc.strerror or exc}") from None


def _same(path: Path, draft: str) -> bool:
    try:
        return os.path.samefile(path, draft)
    except OSError:
        return False
