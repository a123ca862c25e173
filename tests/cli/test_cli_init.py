"""`factlint init` on real folders: what it writes loads and works (the configuration with factlint's own
loader, the pre-commit file and the workflows as the README snippets whose commands tests/integration runs),
what a repository already has is detected and kept, and nothing is replaced without --force, written outside
the project, or written through a symbolic link."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from cli_support import CLAIM, write

from factlint.config import read_config, validate_config
from factlint.findings import Severity
from factlint.init import appended_pre_commit, installed_pin, pre_commit_entry, template

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git (apt-get install git)")

PIN = installed_pin()


def git_repo(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    subprocess.run(["git", "init", "-q", str(path)], check=True)
    return path


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and ".git" not in p.relative_to(root).parts}


def test_a_new_github_repository_gets_configuration_hook_and_workflow(run_cli, tmp_path):
    repo = git_repo(tmp_path / "site")
    (repo / ".github").mkdir()
    write(repo / "pages" / "a.md", f"{CLAIM}\n")
    code, out, err = run_cli("init", cwd=repo)
    assert code == 0, err
    assert out.splitlines()[:3] == [".factlint.yaml: written", ".pre-commit-config.yaml: written",
                                    ".github/workflows/factlint.yml: written"]
    # the configuration is commented, and factlint's own loader reads it; check uses it
    config = (repo / ".factlint.yaml").read_text()
    assert config.count("\n# ") >= 5
    assert validate_config(read_config(repo / ".factlint.yaml"), ".factlint.yaml")["fail-on"] == Severity.WARNING
    checked = run_cli("check", "pages", "--verbose", cwd=repo)
    assert checked.code == 1 and "configuration: .factlint.yaml" in checked.stderr
    # the hook and the workflow are the README's snippets (tests/integration runs those as written)
    assert (repo / ".pre-commit-config.yaml").read_text() == template("pre-commit-config.yaml", PIN)
    assert yaml.safe_load((repo / ".pre-commit-config.yaml").read_text())["repos"][0]["hooks"] == [
        {"id": "factlint"}, {"id": "factlint-rulebook"}]
    workflow = (repo / ".github" / "workflows" / "factlint.yml").read_text()
    assert workflow == template("github-workflow.yml", PIN)
    assert yaml.safe_load(workflow)["jobs"]["factlint"]["steps"]
    if not PIN.known:
        assert "next: pre-commit: pip install pre-commit && pre-commit autoupdate --repo " in out
        assert "next: CI: set FACTLINT_REV" in out


def test_nothing_is_replaced_without_force(run_cli, tmp_path):
    repo = git_repo(tmp_path / "site")
    (repo / ".github").mkdir()
    assert run_cli("init", cwd=repo).code == 0
    write(repo / ".factlint.yaml", "fail-on: error\n")
    write(repo / ".github" / "workflows" / "factlint.yml", "# ours\n")
    before = snapshot(repo)
    code, out, _ = run_cli("init", cwd=repo)
    assert code == 0 and snapshot(repo) == before
    assert ".factlint.yaml: kept: it exists (--force replaces it)" in out
    assert ".pre-commit-config.yaml: kept: it already runs factlint's hooks" in out
    code, out, _ = run_cli("init", "--force", cwd=repo)
    assert code == 0
    assert (repo / ".factlint.yaml").read_text() == template("factlint.yaml")
    assert (repo / ".github" / "workflows" / "factlint.yml").read_text() == template("github-workflow.yml", PIN)
    assert ".factlint.yaml: replaced" in out


def test_an_existing_pre_commit_configuration_gets_the_entry_appended_when_that_is_safe(run_cli, tmp_path):
    repo = git_repo(tmp_path / "site")
    theirs = ("default_stages: [pre-commit]\nrepos:\n-   repo: https://github.com/pre-commit/pre-commit-hooks\n"
              "    rev: v4.6.0\n    hooks:\n    -   id: trailing-whitespace  # keep\n")
    write(repo / ".pre-commit-config.yaml", theirs)
    code, out, _ = run_cli("init", "--ci", "none", cwd=repo)
    assert code == 0 and ".pre-commit-config.yaml: factlint's hooks appended to its repos" in out
    text = (repo / ".pre-commit-config.yaml").read_text()
    assert text.startswith(theirs)  # their lines and comments untouched
    data = yaml.safe_load(text)
    assert data["default_stages"] == ["pre-commit"] and len(data["repos"]) == 2
    assert data["repos"][1] == yaml.safe_load(pre_commit_entry(PIN))[0]


@pytest.mark.parametrize("theirs", [
    "repos: [{repo: local, hooks: [{id: x, name: x, entry: x, language: system}]}]\n",  # flow style
    "repos:\n  - repo: meta\n    hooks: [{id: identity}]\nexclude: ^vendor/\n",  # repos is not the last key
    "repos: []\n",
    "repos:\n  - repo: meta\n    hooks: [{id: identity}]\n---\nsecond: document\n",
    "{{{ not yaml\n",
])
def test_an_existing_pre_commit_configuration_that_cannot_be_appended_to_is_left_alone(run_cli, tmp_path, theirs):
    repo = git_repo(tmp_path / "site")
    write(repo / ".pre-commit-config.yaml", theirs)
    code, out, _ = run_cli("init", "--ci", "none", cwd=repo)
    assert code == 0
    assert (repo / ".pre-commit-config.yaml").read_text() == theirs
    assert "cannot be appended safely. Add to its repos:" in out
    assert "    - repo: " in out and "      hooks:" in out  # the entry to paste


def test_appending_keeps_the_files_indentation():
    for dash, item in ((0, 2), (2, 4), (0, 4), (4, 6)):
        text = f"repos:\n{' ' * dash}-{' ' * (item - dash - 1)}repo: meta\n{' ' * item}hooks:\n" \
               f"{' ' * item}- id: identity\n"
        appended = appended_pre_commit(text, pre_commit_entry(PIN))
        assert appended is not None, text
        assert [r["repo"] for r in yaml.safe_load(appended)["repos"]] == ["meta", PIN.url]


def test_gitlab_job_is_written_for_a_new_file_and_printed_for_an_existing_one(run_cli, tmp_path):
    repo = git_repo(tmp_path / "site")
    code, out, _ = run_cli("init", "--ci", "gitlab", cwd=repo)
    assert code == 0 and ".gitlab-ci.yml: written" in out
    assert yaml.safe_load((repo / ".gitlab-ci.yml").read_text())["factlint"]["script"]

    other = git_repo(tmp_path / "other")
    theirs = "stages: [build]\nbuild:\n  stage: build\n  script: [make]\n"
    write(other / ".gitlab-ci.yml", theirs)
    code, out, _ = run_cli("init", "--force", cwd=other)  # auto-detected; --force does not rewrite it either
    assert code == 0 and (other / ".gitlab-ci.yml").read_text() == theirs
    assert ".gitlab-ci.yml: not changed (factlint init never rewrites it). Add this job to it:" in out
    printed = out.split("Add this job to it:\n", 1)[1].split("\nnext:", 1)[0]
    job = yaml.safe_load("\n".join(line[4:] for line in printed.splitlines()))
    assert job == yaml.safe_load(template("gitlab-ci.yml", PIN))
    assert not (other / ".github").exists()
    # once the job is there, it is recognised
    write(other / ".gitlab-ci.yml", theirs + template("gitlab-ci.yml", PIN))
    assert ".gitlab-ci.yml: kept: it already has a factlint job" in run_cli("init", cwd=other).stdout


def test_no_ci_is_guessed_for_a_repository_without_one(run_cli, tmp_path):
    repo = git_repo(tmp_path / "site")
    code, out, _ = run_cli("init", cwd=repo)
    assert code == 0 and not (repo / ".github").exists() and not (repo / ".gitlab-ci.yml").exists()
    assert "next: CI: none found; 'factlint init --ci github' or '--ci gitlab' adds a workflow" in out


def test_files_go_to_the_repository_root_from_a_subfolder(run_cli, tmp_path):
    repo = git_repo(tmp_path / "site")
    (repo / "content" / "blog").mkdir(parents=True)
    assert run_cli("init", "--ci", "github", cwd=repo / "content" / "blog").code == 0
    assert {".factlint.yaml", ".pre-commit-config.yaml", ".github/workflows/factlint.yml"} <= set(snapshot(repo))
    assert snapshot(repo / "content") == {}


def test_outside_a_repository_only_the_configuration_is_written(run_cli, tmp_path):
    folder = tmp_path / "drafts"
    folder.mkdir()
    code, out, _ = run_cli("init", "--ci", "github", cwd=folder)
    assert code == 0 and set(snapshot(folder)) == {".factlint.yaml"}
    assert ".pre-commit-config.yaml: not written: this is not a git repository (run git init first)" in out
    assert "    repos:" in out


def test_a_configuration_in_pyproject_is_not_doubled(run_cli, tmp_path):
    repo = git_repo(tmp_path / "site")
    write(repo / "pyproject.toml", "[tool.factlint]\nfail-on = 'error'\n")
    code, out, _ = run_cli("init", "--force", "--ci", "none", cwd=repo)
    assert code == 0 and not (repo / ".factlint.yaml").exists()
    assert ".factlint.yaml: not written: the configuration is in pyproject.toml [tool.factlint]" in out


def test_a_symbolic_link_never_leads_a_write_outside_the_project(run_cli, tmp_path):
    outside = tmp_path / "outside"
    (outside / "workflows").mkdir(parents=True)
    write(outside / "secret.yaml", "precious: true\n")
    repo = git_repo(tmp_path / "site")
    os.symlink(outside, repo / ".github")
    os.symlink(outside / "secret.yaml", repo / ".factlint.yaml")
    code, out, _ = run_cli("init", "--force", cwd=repo)
    assert code == 2
    assert snapshot(outside) == {"secret.yaml": b"precious: true\n"}
    assert ".github/workflows/factlint.yml: not written: .github is a symbolic link" in out
    assert ".factlint.yaml: not written: .factlint.yaml is a symbolic link" in out
    assert "    jobs:" in out  # printed instead, to paste
    assert (repo / ".pre-commit-config.yaml").is_file()  # the safe part was still done


def test_the_installed_commit_is_pinned_only_from_a_clean_git_url(monkeypatch):
    import importlib.metadata

    sha = "0123456789abcdef0123456789abcdef01234567"

    class Dist:
        def __init__(self, record: dict) -> None:
            self.record = record

        def read_text(self, name: str) -> str:
            return json.dumps(self.record)

    for record, expected in (
        ({"url": "https://git.example.org/team/factlint.git", "vcs_info": {"vcs": "git", "commit_id": sha}},
         ("https://git.example.org/team/factlint", sha)),
        ({"url": "https://user:token@git.example.org/factlint", "vcs_info": {"vcs": "git", "commit_id": sha}},
         None),  # a credential is never copied into a file
        ({"url": "https://git.example.org/factlint", "vcs_info": {"vcs": "git", "commit_id": "main"}}, None),
        ({"url": "file:///home/me/factlint", "dir_info": {"editable": True}}, None),
    ):
        monkeypatch.setattr(importlib.metadata, "distribution", lambda name, r=record: Dist(r))
        pin = installed_pin()
        assert ((pin.url, pin.rev) if pin.known else None) == expected, record
