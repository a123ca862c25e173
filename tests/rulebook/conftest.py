"""The `write` fixture: files under tmp_path, which is the current folder during the test."""

from __future__ import annotations

from pathlib import Path

import pytest
from rulebook_fixtures import Writer


@pytest.fixture
def write(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Writer:
    """Write a file under tmp_path (the current folder during the test) and return its relative path."""
    monkeypatch.chdir(tmp_path)

    def _write(name: str, text: str | bytes) -> Path:
        path = Path(name)
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    return _write
