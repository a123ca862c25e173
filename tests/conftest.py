"""Shared fixtures and test options.

- `run_cli(*args, cwd=tmp_path, input=None, env=None)` runs the command line in this process (fast);
  `run_cli_subprocess(...)` runs it as a real process, for the few tests that need one. Both return a
  `cli_harness.CliRun` (`code`, `out`/`err` bytes, `stdout`/`stderr` text; `code, out, err = ...`).
- Tests marked `slow` (scale, long property runs, whole-tool integration) run only with
  `FACTLINT_SLOW_TESTS=1` (or `CI=true`); `.ci/run` sets it, so CI runs the full suite. Every other
  skip says what to install or set to run it.
- tests/project.py says where the reference material is (`needs_shared` skips a test without it).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from cli_harness import CliRun, run_in_process, run_subprocess
from project import SLOW_ENV, slow_tests_enabled


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", f"slow: scale and whole-tool tests; run with {SLOW_ENV}=1 (CI does)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if slow_tests_enabled():
        return
    skip = pytest.mark.skip(reason=f"slow test: set {SLOW_ENV}=1 to run it (CI does)")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session", autouse=True)
def _rulebook_cache_in_a_temporary_folder(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Tests load hundreds of small rulebooks: their cache entries stay out of the user's home."""
    os.environ["FACTLINT_CACHE_DIR"] = str(tmp_path_factory.mktemp("factlint-cache"))


@pytest.fixture
def run_cli(tmp_path: Path):
    """run_cli(*args, cwd=tmp_path, input=None, env=None) -> CliRun, in this process.

    Standard input is empty (as when closed in CI) unless `input` (text or bytes) is given.
    """

    def run(*args: str, cwd: Path | None = None, input: str | bytes | None = None,
            env: dict[str, str] | None = None) -> CliRun:
        return run_in_process(*args, cwd=cwd or tmp_path, input=input, env=env)

    return run


@pytest.fixture
def run_cli_subprocess(tmp_path: Path):
    """run_cli_subprocess(*args, cwd=tmp_path, input=None, env=None, timeout=120) -> CliRun."""

    def run(*args: str, cwd: Path | None = None, input: str | bytes | None = None,
            env: dict[str, str] | None = None, timeout: float = 120) -> CliRun:
        return run_subprocess(*args, cwd=cwd or tmp_path, input=input, env=env, timeout=timeout)

    return run
