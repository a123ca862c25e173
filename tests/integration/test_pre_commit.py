"""End to end: factlint as a pre-commit hook in a content repository, set up from README's snippet as written.

The snippet is README.md's `## pre-commit` block, with only the repository URL replaced by a snapshot of THIS
working tree (hook_repo.py); `pre-commit autoupdate` fills in its `rev:` as the README tells a user to, and
pre-commit installs factlint from the snapshot with pip into its own environment (dependencies from PyPI).
Drafts are committed with `git commit`, so the hooks run exactly as they do for a copywriter.
"""

from __future__ import annotations

import re
import shutil
import sys

import pytest
import yaml
from hook_repo import GIT, PLACEHOLDER_REV, PUBLIC_URL, clean_env, run, snapshot
from project import REPO
from readme_snippets import blocks

BAD = "# Ketamine therapy\n\nKetamine cures depression.\n"
GOOD = "# Ketamine therapy\n\nKetamine is not a cure for depression; ask your provider whether it may help.\n"
HOUSE = """\
categories:
  - {id: house-style, prefix: ACME, title: ACME house style}
rules:
  - {id: ACME001, kind: phrase, phrases: [same-day relief], policy: {document: ACME Claims Policy}}
"""


def readme_pre_commit_config() -> str:
    (snippet,) = blocks("pre-commit", "yaml")
    return snippet


def test_manifest_declares_both_hooks():
    hooks = {h["id"]: h for h in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())}
    assert set(hooks) == {"factlint", "factlint-rulebook"}
    for hook in hooks.values():
        assert {"id", "name", "entry", "language"} <= set(hook)
    assert hooks["factlint"]["entry"] == "factlint check"
    assert set(hooks["factlint"]["types_or"]) == {"markdown", "mdx", "html", "plain-text"}
    assert hooks["factlint-rulebook"]["entry"] == "factlint validate-rules"


def test_rulebook_hook_runs_for_a_rulebook_anywhere_and_the_configuration():
    """validate-rules reads the configuration's rulebooks wherever they are, so any YAML change must trigger it."""
    hook = next(h for h in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
                if h["id"] == "factlint-rulebook")
    files = re.compile(hook["files"])
    for path in ("compliance/house-rules.yaml", "house.yml", "docs/policy/claims.yaml", ".factlint.yaml",
                 ".factlint.yml", "pyproject.toml", "web/pyproject.toml", "rules/extra.yaml"):
        assert files.search(path), path
    for path in ("pages/landing.md", "index.html", "notes.txt", "pyproject.toml.bak"):
        assert not files.search(path), path
    assert hook["pass_filenames"] is False  # validate-rules takes the configuration's list, not the changed files


def test_readme_snippet_is_the_one_factlint_init_writes():
    assert readme_pre_commit_config() == (REPO / "factlint" / "templates" / "pre-commit-config.yaml").read_text()


@pytest.mark.slow  # builds a hook environment with pip: ~10 s
@pytest.mark.skipif(shutil.which("git") is None, reason="needs git (apt-get install git)")
def test_readme_snippet_blocks_the_bad_draft_and_a_broken_house_rulebook(tmp_path):
    env = clean_env()
    env["PRE_COMMIT_HOME"] = str(tmp_path / "cache")  # a fresh hook environment, built from the snapshot
    hook_repo = tmp_path / "factlint"
    rev = snapshot(hook_repo, env)

    content = tmp_path / "content"
    content.mkdir()
    run([*GIT, "init", "-q", str(content)], content, env)
    snippet = readme_pre_commit_config()
    assert snippet.count(PUBLIC_URL) == 1
    config = content / ".pre-commit-config.yaml"
    config.write_text(snippet.replace(PUBLIC_URL, str(hook_repo)))
    # As the README says: autoupdate fills in the commit (there is no tag), then install.
    run([sys.executable, "-m", "pre_commit", "autoupdate"], content, env)
    pinned = yaml.safe_load(config.read_text())["repos"][0]
    assert pinned["rev"] == rev and PLACEHOLDER_REV not in config.read_text()
    run([sys.executable, "-m", "pre_commit", "install"], content, env)

    draft = content / "pages" / "landing.md"
    draft.parent.mkdir()
    draft.write_text(BAD)
    (content / "logo.svg").write_text("<svg/>\n")  # not a draft type: never passed to the hook
    run([*GIT, "add", "-A"], content, env)
    blocked = run([*GIT, "commit", "-m", "landing page"], content, env, check=False)
    output = blocked.stdout + blocked.stderr
    assert blocked.returncode != 0, output
    assert re.search(r"^factlint\.+Failed$", output, re.M), output
    assert "pages/landing.md:3:10: FL401 [error]" in output  # the finding is shown to the writer
    assert "suggestion:" in output
    assert run(["git", "rev-list", "--all"], content, env, check=False).stdout == ""  # nothing committed

    draft.write_text(GOOD)
    run([*GIT, "add", "-A"], content, env)
    passed = run([*GIT, "commit", "-m", "landing page"], content, env, check=False)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert re.search(r"^factlint\.+Passed$", passed.stdout + passed.stderr, re.M)

    # A house rulebook outside rules/, named by the configuration: valid, it passes ...
    (content / ".factlint.yaml").write_text("rules: [compliance/house-rules.yaml]\n")
    (content / "compliance").mkdir()
    house = content / "compliance" / "house-rules.yaml"
    house.write_text(HOUSE)
    run([*GIT, "add", "-A"], content, env)
    valid = run([*GIT, "commit", "-m", "house rules"], content, env, check=False)
    output = valid.stdout + valid.stderr
    assert valid.returncode == 0 and re.search(r"^factlint rulebook\.+Passed$", output, re.M), output
    # ... and a later commit that breaks only that file is blocked by the second hook.
    house.write_text(HOUSE.replace("id: ACME001", "id: FL4"))
    run([*GIT, "add", "-A"], content, env)
    broken = run([*GIT, "commit", "-m", "house rules: typo"], content, env, check=False)
    output = broken.stdout + broken.stderr
    assert broken.returncode != 0
    assert re.search(r"^factlint rulebook\.+Failed$", output, re.M) and "compliance/house-rules.yaml:4:" in output, \
        output
