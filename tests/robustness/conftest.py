"""Fixtures for the robustness suite: run factlint as a subprocess on hostile input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from robust_support import CliRun, run_factlint  # noqa: E402


@pytest.fixture
def factlint(tmp_path: Path):
    """factlint(*args, cwd=tmp_path, stdin=bytes|None, timeout=120) -> CliRun (raw bytes kept)."""

    def run(*args: str, cwd: Path | None = None, stdin: bytes | None = None, timeout: float = 120,
            env: dict[str, str] | None = None) -> CliRun:
        return run_factlint(*args, cwd=cwd or tmp_path, stdin=stdin, timeout=timeout, env=env)

    return run


@pytest.fixture
def report(factlint):
    """report(*args) -> (exit code, parsed JSON report, stderr)."""

    def run(*args: str, **kwargs):
        result = factlint("check", "--format", "json", "--jobs", "1", *args, **kwargs)
        return result.code, json.loads(result.stdout), result.stderr

    return run


__all__ = ["subprocess"]
