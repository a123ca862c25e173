"""Fixtures for the robustness suite: factlint on hostile input (run_cli comes from tests/conftest.py)."""

from __future__ import annotations

import json

import pytest


@pytest.fixture
def report(run_cli):
    """report(*args) -> (exit code, parsed JSON report, stderr)."""

    def run(*args: str, **kwargs):
        result = run_cli("check", "--format", "json", "--jobs", "1", *args, **kwargs)
        return result.code, json.loads(result.stdout), result.stderr

    return run
