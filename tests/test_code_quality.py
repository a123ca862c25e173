"""The package and the benchmarks type-check and lint clean (the tests lint clean), so running the tests keeps
the code clean too.

Both tools read their settings from pyproject.toml ([tool.mypy], [tool.ruff]) and are pinned in the
`test` extra, so a new release of either cannot turn this red on its own. Neither writes a cache
into the work tree.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=300, check=False
    )


@pytest.mark.slow  # a few seconds; ruff below gives the quick feedback
def test_mypy_is_clean() -> None:
    done = _run("mypy", "--cache-dir", os.devnull, "factlint", "bench")
    assert done.returncode == 0, f"mypy found problems:\n{done.stdout}{done.stderr}"


def test_ruff_is_clean() -> None:
    done = _run("ruff", "check", "--no-cache", "factlint", "tests", "bench")
    assert done.returncode == 0, f"ruff found problems:\n{done.stdout}{done.stderr}"
