"""A small tree of drafts in tmp_path, shared by the CLI tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_support import CLAIM, COMPLIANT, write


@pytest.fixture
def drafts(tmp_path: Path) -> Path:
    """drafts/: one overclaim per linted file, compliant copy, and files that must not be linted."""
    root = tmp_path / "drafts"
    write(root / "claims.md", f"# Ketamine therapy\n\nWelcome.\n\n{CLAIM}\n")
    write(root / "ok.md", f"# Ketamine therapy\n\n{COMPLIANT}\n")
    write(root / "sub" / "page.html", f"<html><body><p>{CLAIM}</p></body></html>\n")
    write(root / "sub" / "notes.txt", f"Intro line.\n{CLAIM}\n")
    write(root / "data.txt", b"PK\x03\x04\x00\x00binary\x00content")  # skipped, not an error
    write(root / "notes.rst", f"{CLAIM}\n")  # not a default suffix: only linted when named
    write(root / ".hidden" / "secret.md", f"{CLAIM}\n")  # hidden folders are never walked
    return root
