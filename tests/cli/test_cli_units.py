"""In-process tests of the pure pieces behind the CLI: exclude globs, config validation, selection."""

from __future__ import annotations

from pathlib import Path

import pytest

from factlint.config import ExcludeGlob, Flags, merge, validate_config
from factlint.discovery import discover, is_excluded
from factlint.errors import ConfigError, UsageError
from factlint.findings import Severity
from factlint.rulebook import load_rulebook
from factlint.selection import Selection, apply_selection

BASE = Path("/project")


@pytest.mark.parametrize(
    ("pattern", "path", "excluded"),
    [
        ("archive/", "/project/docs/archive/old.md", True),  # a name anywhere
        ("*.draft.md", "/project/a/b/x.draft.md", True),
        ("docs/old/*", "/project/docs/old/x.md", True),  # anchored at the base
        ("docs/old/*", "/project/site/docs/old/x.md", False),
        ("**/old", "/project/a/old/x.md", True),
        ("old", "/project/bold/x.md", False),  # whole names only
        ("*.md", "/project/x.html", False),
    ],
)
def test_exclude_globs(pattern, path, excluded):
    assert is_excluded(Path(path), [ExcludeGlob(pattern, BASE)]) is excluded


def test_config_validation_messages():
    with pytest.raises(ConfigError, match=r"^cfg: unknown key 'selct' \(did you mean 'select'\?\)$"):
        validate_config({"selct": ["FL4"]}, "cfg")
    with pytest.raises(ConfigError, match=r"^cfg: 'jobs' must be a whole number, not the text '4'$"):
        validate_config({"jobs": "4"}, "cfg")
    with pytest.raises(ConfigError, match=r"^cfg: 'jobs' must be at least 0 \(found -1\)$"):
        validate_config({"jobs": -1}, "cfg")
    with pytest.raises(ConfigError, match=r"^cfg: 'FL401' in 'severity' must be one of error, warning, info"):
        validate_config({"severity": {"FL401": "fatal"}}, "cfg")
    with pytest.raises(ConfigError, match=r"^cfg: 'strict' must be true or false, not the text 'yes please'$"):
        validate_config({"strict": "yes please"}, "cfg")
    with pytest.raises(ConfigError, match=r"^cfg: 'select' must be a list"):
        validate_config({"select": {"FL4": 1}}, "cfg")
    assert validate_config({"extensions": ["md", ".TXT"]}, "cfg") == {"extensions": (".md", ".txt")}
    assert validate_config({"per-file-ignores": {"*.md": "FL601, FL602"}}, "cfg") == {
        "per-file-ignores": (("*.md", ("FL601", "FL602")),)}
    assert validate_config({"fail-on": "error", "severity": {"FL4": "info"}}, "cfg") == {
        "fail-on": Severity.ERROR, "severity": (("FL4", Severity.INFO),)}


def test_flags_win_over_config():
    config = validate_config({"fail-on": "error", "exclude": ["a"], "rules": ["r.yaml"], "jobs": 3}, "cfg")
    flags = Flags(fail_on=Severity.INFO, exclude=("b",), rules=(Path("x.yaml"),), jobs=1)
    settings = merge(config, BASE / ".factlint.yaml", flags, cwd=BASE / "sub")
    assert settings.fail_on is Severity.INFO and settings.jobs == 1
    assert settings.exclude == (ExcludeGlob("a", BASE), ExcludeGlob("b", BASE / "sub"))
    assert settings.rules == (BASE / "r.yaml", Path("x.yaml"))


def test_selection_layers_and_specificity():
    rulebook = load_rulebook()
    config = Selection(ignore=("FL4",), severity=(("FL401", Severity.INFO),), origin="cfg")
    flags = Selection(select=("FL401", "safety"), severity=(("FL4", Severity.WARNING), ("FL401", Severity.ERROR)))
    selected = apply_selection(rulebook, [config, flags])
    ids = {r.id for r in selected.rules}
    assert "FL401" in ids and not any(i.startswith("FL4") and i != "FL401" for i in ids)
    assert {r.category for r in selected.rules} == {"unsupported-claim", "safety"}
    assert selected.rule("FL401").severity is Severity.ERROR  # exact id beats the prefix in the same layer
    with pytest.raises(UsageError, match="'FL9' matches no rule"):
        apply_selection(rulebook, [Selection(select=("FL9",), origin="x")])


@pytest.mark.parametrize(
    ("cwd", "given", "shown"),
    [
        ("site", ".", ["a.md", "sub/b.md"]),
        ("", "site", ["site/a.md", "site/sub/b.md"]),
        ("", "./site/", ["site/a.md", "site/sub/b.md"]),
        ("", "site/sub/../sub", ["site/sub/b.md"]),
        ("other", "../site", ["../site/a.md", "../site/sub/b.md"]),  # outside the current folder
        ("site/sub", "..", ["../a.md", "b.md"]),  # the current folder is below the one walked
    ],
)
def test_walked_files_show_as_the_user_would_type_them(tmp_path, monkeypatch, cwd, given, shown):
    for name in ("site/a.md", "site/sub/b.md", "site/sub/notes.bin", "site/.hidden/c.md", "other/x.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("text\n")
    monkeypatch.chdir(tmp_path / cwd)
    settings = merge({}, None, Flags(), tmp_path / cwd)
    targets, problems = discover([given], settings)
    assert problems == []
    assert [t.display for t in targets] == shown
    for target in targets:  # the path it is read from names the same file
        assert Path(target.path).resolve() == (tmp_path / cwd / target.display).resolve()


def test_automatic_jobs_keeps_small_runs_in_one_process(tmp_path, monkeypatch):
    """The default --jobs: one process per CPU, except for a run too small to repay the workers."""
    from factlint import parallel
    from factlint.discovery import Target

    monkeypatch.setattr(parallel.os, "cpu_count", lambda: 4)

    def targets(sizes: list[int]) -> list[Target]:
        out = []
        for i, size in enumerate(sizes):
            path = tmp_path / f"f{len(sizes)}-{i}.md"
            path.write_bytes(b"x" * size)
            out.append(Target(str(path), path.name, "markdown"))
        return out

    assert parallel.automatic_jobs(targets([2_000] * 4)) == 1  # the pre-commit case
    assert parallel.automatic_jobs(targets([300_000, 300_000])) == 4  # over half a megabyte
    assert parallel.automatic_jobs(targets([10] * 65)) == 4  # many files: no stat calls, parallel
    missing = [Target(str(tmp_path / "gone.md"), "gone.md", "markdown")]
    assert parallel.automatic_jobs(missing) == 1  # reported when read, not here
    monkeypatch.setattr(parallel.os, "cpu_count", lambda: None)
    assert parallel.automatic_jobs(targets([300_000, 300_000])) == 1


def test_jobs_zero_and_unset_mean_automatic(tmp_path):
    assert merge({}, None, Flags(), tmp_path).jobs == 0
    assert merge({"jobs": 3}, None, Flags(), tmp_path).jobs == 3
    assert merge({"jobs": 3}, None, Flags(jobs=0), tmp_path).jobs == 0
