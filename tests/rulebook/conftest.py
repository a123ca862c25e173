"""The `write` fixture: files under tmp_path, which is the current folder during the test."""

from __future__ import annotations

from pathlib import Path

import pytest
from file_support import write as write_file
from rulebook_fixtures import Writer


@pytest.fixture
def write(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Writer:
    """Write a file under tmp_path (the current folder during the test) and return its relative path."""
    monkeypatch.chdir(tmp_path)

    def _write(name: str, text: str | bytes) -> Path:
        return write_file(Path(name), text)

    return _write
