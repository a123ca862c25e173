"""examples/ci: the GitHub Actions workflow and GitLab CI job are valid YAML and use the CLI as documented."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

CI = Path(__file__).resolve().parents[2] / "examples" / "ci"


def factlint_commands(script: str) -> list[list[str]]:
    return [line.split() for line in script.splitlines() if line.strip().startswith("factlint ")]


def check_options_exist(commands: list[list[str]]) -> None:
    """Every option the examples use is one `factlint check` accepts (read from its --help)."""
    help_text = subprocess.run([sys.executable, "-m", "factlint", "check", "--help"], capture_output=True,
                               text=True, check=True).stdout
    for command in commands:
        for word in command:
            if word.startswith("--"):
                assert word in help_text, word


def test_github_workflow_uploads_sarif_for_changed_files():
    workflow = yaml.safe_load((CI / "github-actions.yml").read_text())
    steps = workflow["jobs"]["factlint"]["steps"]
    scripts = "\n".join(s.get("run", "") for s in steps)
    assert "--format sarif" in scripts and "--changed-since" in scripts and "--format github" in scripts
    upload = next(s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif"))
    assert upload["with"]["sarif_file"] == "factlint.sarif"
    assert workflow["permissions"]["security-events"] == "write"
    check_options_exist(factlint_commands(scripts))


def test_gitlab_job_publishes_a_junit_report():
    job = yaml.safe_load((CI / "gitlab-ci.yml").read_text())["factlint"]
    script = "\n".join(job["script"])
    assert "--format junit" in script and "--changed-since" in script
    assert job["artifacts"]["reports"]["junit"] == "factlint-junit.xml"
    check_options_exist(factlint_commands(script))
