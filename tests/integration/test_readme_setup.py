"""README's Quick start: the install command gives a user factlint without test tooling; the test command
adds the test extras, then runs pytest. (`.ci/run` runs both commands in a fresh environment, as CI does.)"""

from __future__ import annotations

import tomllib

from project import REPO
from readme_snippets import blocks

TEST_TOOLS = {"pytest", "jsonschema", "hypothesis", "pre-commit", "ruff", "mypy", "playwright"}


def quick_start() -> tuple[str, str]:
    commands = [line for block in blocks("Quick start", "sh") for line in block.splitlines() if line.strip()]
    assert len(commands) == 2, commands  # .ci/run reads exactly two
    return commands[0], commands[1]


def requirement_name(requirement: str) -> str:
    return requirement.split(";")[0].split("[")[0].split("<")[0].split(">")[0].split("=")[0].strip().lower()


def test_install_command_installs_factlint_without_the_test_extras_and_checks_the_examples():
    install, _ = quick_start()
    steps = install.split(" && ")
    assert "pip install -e ." in steps or "pip install ." in steps, install
    assert "[test]" not in install
    assert steps[-1] == "factlint check examples/"


def test_test_command_installs_the_test_extras_then_runs_pytest():
    _, test = quick_start()
    steps = test.split(" && ")
    assert steps[0] in {"pip install -e '.[test]'", "pip install '.[test]'"}, test
    assert steps[-1].startswith("pytest")


def test_test_tools_are_only_in_the_test_extras():
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    runtime = {requirement_name(r) for r in project["dependencies"]}
    extras = {requirement_name(r) for r in project["optional-dependencies"]["test"]}
    assert runtime.isdisjoint(TEST_TOOLS), runtime & TEST_TOOLS
    assert extras >= TEST_TOOLS
