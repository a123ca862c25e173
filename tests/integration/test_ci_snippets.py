"""README's CI snippets (## GitHub Actions, ## GitLab CI), as written: valid YAML, the same files `factlint init`
writes, every option one `factlint check` has, and (slow) their commands run in a content repository's
pull-request branch: the pip line installs factlint from a snapshot of this working tree (the README's URL
replaced by the snapshot's path, COMMIT_SHA by its commit), then the job's scripts report the drafts the branch
changes and fail on them. What only the CI service does (checkout, setup-python, the SARIF upload, the image's
apt-get) is not run; the test checks the settings it relies on instead.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from hook_repo import GIT, PLACEHOLDER_REV, PUBLIC_URL, clean_env, run, snapshot
from project import REPO
from readme_snippets import blocks

TEMPLATES = REPO / "factlint" / "templates"
OLD_CLAIM = "# Old page\n\nSpravato is approved for PTSD.\n"  # on main already: not the pull request's
NEW_CLAIM = "# Ketamine therapy\n\nKetamine cures depression.\n"


def readme_yaml(section: str) -> str:
    (snippet,) = blocks(section, "yaml")
    return snippet


def factlint_commands(script: str) -> list[list[str]]:
    return [line.split() for line in script.splitlines() if line.strip().startswith("factlint ")]


def check_options_exist(commands: list[list[str]]) -> None:
    """Every option the snippets use is one `factlint check` accepts (read from its --help)."""
    help_text = subprocess.run([sys.executable, "-m", "factlint", "check", "--help"], capture_output=True,
                               text=True, check=True).stdout
    assert commands
    for command in commands:
        for word in command:
            if word.startswith("--"):
                assert word in help_text, word


def test_github_workflow_uploads_sarif_for_changed_files():
    text = readme_yaml("GitHub Actions")
    assert text == (TEMPLATES / "github-workflow.yml").read_text()
    workflow = yaml.safe_load(text)
    assert workflow["env"]["FACTLINT_REV"] == PLACEHOLDER_REV
    steps = workflow["jobs"]["factlint"]["steps"]
    scripts = "\n".join(s.get("run", "") for s in steps)
    assert "--format sarif" in scripts and "--changed-since" in scripts and "--format github" in scripts
    assert f'pip install "factlint @ git+{PUBLIC_URL}@$FACTLINT_REV"' in scripts
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0
    upload = next(s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif"))
    assert upload["with"]["sarif_file"] == "factlint.sarif"
    assert workflow["permissions"]["security-events"] == "write"
    check_options_exist(factlint_commands(scripts))


def test_gitlab_job_publishes_a_junit_report():
    text = readme_yaml("GitLab CI")
    assert text == (TEMPLATES / "gitlab-ci.yml").read_text()
    job = yaml.safe_load(text)["factlint"]
    assert job["variables"]["FACTLINT_REV"] == PLACEHOLDER_REV and job["variables"]["GIT_DEPTH"] == 0
    script = "\n".join(job["script"])
    assert "--format junit" in script and "--changed-since" in script
    assert job["artifacts"]["reports"]["junit"] == "factlint-junit.xml"
    check_options_exist(factlint_commands(script))


# --- the commands, run -----------------------------------------------------------------------------------


class Runner:
    """A content repository on a pull-request branch, and a fresh virtual environment for the job's pip."""

    def __init__(self, tmp: Path) -> None:
        self.env = clean_env()
        self.factlint = tmp / "factlint"
        self.rev = snapshot(self.factlint, self.env)
        origin, self.content = tmp / "origin.git", tmp / "content"
        run([*GIT, "init", "-q", "--bare", str(origin)], tmp, self.env)
        run([*GIT, "clone", "-q", str(origin), str(self.content)], tmp, self.env)
        self.write("pages/old.md", OLD_CLAIM)
        self.git("checkout", "-q", "-b", "main")
        self.git("add", "-A")
        self.git("commit", "-q", "-m", "old page")
        self.git("push", "-q", "origin", "main")
        self.git("checkout", "-q", "-b", "feature")
        self.write("pages/new.md", NEW_CLAIM)
        self.git("add", "-A")
        self.git("commit", "-q", "-m", "new page")
        venv = tmp / "venv"
        run([sys.executable, "-m", "venv", str(venv)], tmp, self.env)
        self.env["PATH"] = f"{venv / 'bin'}{os.pathsep}{self.env['PATH']}"
        self.env["VIRTUAL_ENV"] = str(venv)
        self.python = venv / "bin" / "python"

    def write(self, name: str, text: str) -> None:
        (self.content / name).parent.mkdir(parents=True, exist_ok=True)
        (self.content / name).write_text(text)

    def git(self, *args: str) -> None:
        run([*GIT, *args], self.content, self.env)

    def script(self, text: str, variables: dict[str, str]) -> subprocess.CompletedProcess[str]:
        """Run one step's script as the CI services do (bash, stop at the first failing command)."""
        # file://localhost/...: pip takes a URL requirement only with a host part
        text = text.replace(f"git+{PUBLIC_URL}@", f"git+file://localhost{self.factlint}@")
        assert "${{" not in text, text
        env = {**self.env, **variables}
        return run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", text], self.content, env, check=False)


@pytest.fixture(scope="module")
def runner(tmp_path_factory) -> Runner:
    return Runner(tmp_path_factory.mktemp("ci"))


def variables(declared: dict[str, object], rev: str) -> dict[str, str]:
    return {k: rev if v == PLACEHOLDER_REV else str(v) for k, v in declared.items()}


@pytest.mark.slow  # pip installs factlint from git into a fresh environment: ~30 s
@pytest.mark.skipif(shutil.which("git") is None, reason="needs git (apt-get install git)")
def test_github_workflow_commands_report_the_pull_request_drafts_and_fail(runner):
    workflow = yaml.safe_load(readme_yaml("GitHub Actions"))
    env = variables(workflow["env"], runner.rev)
    event = {"${{ github.event_name }}": "pull_request", "${{ github.base_ref }}": "main"}
    results = []
    for step in workflow["jobs"]["factlint"]["steps"]:
        if "run" in step:
            script = step["run"]
            for expression, value in event.items():
                script = script.replace(expression, value)
            results.append(runner.script(script, env))
    install, sarif_step, annotations = results
    assert install.returncode == 0, install.stdout + install.stderr
    # a user's install: factlint, not the test tools
    assert subprocess.run([runner.python, "-c", "import pytest"], capture_output=True).returncode != 0
    # the templates `factlint init` writes are in the installed package
    fresh = runner.content.parent / "fresh"
    fresh.mkdir()
    init = run([str(runner.python.parent / "factlint"), "init", "--ci", "none"], fresh, runner.env)
    assert ".factlint.yaml: written" in init.stdout and (fresh / ".factlint.yaml").is_file()
    assert sarif_step.returncode == 0, sarif_step.stderr  # --exit-zero: the upload step still runs
    sarif = json.loads((runner.content / "factlint.sarif").read_text())
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif["runs"][0]["results"]}
    assert uris == {"pages/new.md"}  # only what the pull request changed
    assert annotations.returncode == 1, annotations.stdout + annotations.stderr  # findings fail the job
    assert "::error file=pages/new.md,line=3" in annotations.stdout
    assert "pages/old.md" not in annotations.stdout


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("git") is None, reason="needs git (apt-get install git)")
def test_gitlab_job_commands_write_junit_and_fail_on_the_merge_request_drafts(runner):
    job = yaml.safe_load(readme_yaml("GitLab CI"))["factlint"]
    env = variables(job["variables"], runner.rev)
    env.update(CI_MERGE_REQUEST_TARGET_BRANCH_NAME="main", CI_PIPELINE_SOURCE="merge_request_event")
    setup, pip = job["before_script"]
    assert setup.startswith("apt-get ") and "install" in setup and " git" in setup  # the image's git: here already
    installed = runner.script(pip, env)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    (job_script,) = job["script"]
    result = runner.script(job_script, env)
    assert result.returncode == 1, result.stdout + result.stderr  # findings fail the job
    assert "pages/new.md:3:10: FL401" in result.stdout and "pages/old.md" not in result.stdout
    report = ET.parse(runner.content / job["artifacts"]["reports"]["junit"]).getroot()
    failing = [case for case in report.iter("testcase") if case.find("failure") is not None]
    assert failing and {case.get("classname") or case.get("file") for case in failing} <= {"pages/new.md"}, \
        ET.tostring(report, encoding="unicode")
