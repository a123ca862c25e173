"""Constants and helpers shared by the CLI tests (imported; fixtures live in conftest.py)."""

from __future__ import annotations

from pathlib import Path

CLAIM = "Ketamine cures depression."
COMPLIANT = "Ketamine is not a cure for depression."


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path
