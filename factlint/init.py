"""`factlint init`: set a repository up, from the same files README.md shows (factlint/templates/).

It writes a commented `.factlint.yaml`, a `.pre-commit-config.yaml` (or appends factlint's entry to the one
there, when that provably changes nothing else) and a CI workflow for GitHub or GitLab, after looking at what
the repository already has. It never replaces a file without `force` (and never a user's pre-commit or
GitLab configuration, which hold other things: for those it prints what to add), writes only inside the
project root, through no symbolic link, and each file atomically (atomic.py). What it could not write is
printed, so the user can paste it.
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import yaml

from factlint.atomic import ordinary_mode, write_atomic

# What README.md and the templates say until a release exists; `installed_pin` fills in the real thing.
PUBLIC_URL = "https://github.com/factlint/factlint"
PLACEHOLDER_REV = "COMMIT_SHA"

CONFIG = ".factlint.yaml"
OTHER_CONFIGS = (".factlint.yml",)  # and pyproject.toml with [tool.factlint]
PRE_COMMIT = ".pre-commit-config.yaml"
GITHUB_WORKFLOW = ".github/workflows/factlint.yml"
GITLAB_CI = ".gitlab-ci.yml"
CI_FILES = {"github": (GITHUB_WORKFLOW, "github-workflow.yml"), "gitlab": (GITLAB_CI, "gitlab-ci.yml")}


@dataclass(frozen=True)
class Pin:
    """The factlint repository and commit that hooks and CI install."""

    url: str = PUBLIC_URL
    rev: str = PLACEHOLDER_REV

    @property
    def known(self) -> bool:
        return self.rev != PLACEHOLDER_REV


@dataclass(frozen=True)
class Step:
    """What init did with one file: `done` is a sentence; `paste`, when set, is text the user should add."""

    path: str
    done: str
    paste: str = ""
    refused: bool = False  # not written for safety (a symbolic link, not a regular file): exit 2


def installed_pin() -> Pin:
    """The commit this factlint was installed from, when pip installed it from a git URL (its direct_url.json
    records both); otherwise the placeholders. Only a plain https URL and a full SHA are taken, so no
    credential or odd character from the URL reaches the files written."""
    try:
        raw = importlib.metadata.distribution("factlint").read_text("direct_url.json")
        info = json.loads(raw or "{}")
    except (importlib.metadata.PackageNotFoundError, OSError, ValueError):
        return Pin()
    vcs = info.get("vcs_info") if isinstance(info, dict) else None
    url, rev = (info.get("url"), vcs.get("commit_id")) if isinstance(vcs, dict) else (None, None)
    if (isinstance(vcs, dict) and vcs.get("vcs") == "git" and isinstance(rev, str) and isinstance(url, str)
            and re.fullmatch(r"[0-9a-f]{40}", rev) and re.fullmatch(r"https://[\w.-]+(/[\w.~-]+)+", url)):
        return Pin(url.removesuffix(".git"), rev)
    return Pin()


def template(name: str, pin: Pin = Pin()) -> str:
    """A file of factlint/templates/, with the repository and commit to pin filled in."""
    text = resources.files("factlint").joinpath("templates", name).read_text(encoding="utf-8")
    return text.replace(PUBLIC_URL, pin.url).replace(PLACEHOLDER_REV, pin.rev)


# --- the plan: pure functions of file contents ---------------------------------------------------------


def pre_commit_entry(pin: Pin) -> str:
    """factlint's `- repo:` entry of the pre-commit template, at indentation 0."""
    lines = template("pre-commit-config.yaml", pin).splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.lstrip().startswith("- repo:"))
    indent = len(lines[start]) - len(lines[start].lstrip())
    return "".join(line[indent:] for line in lines[start:])


def runs_factlint(config: object) -> bool:
    repos = config.get("repos") if isinstance(config, dict) else None
    return isinstance(repos, list) and any(
        isinstance(repo, dict) and isinstance(repo.get("hooks"), list)
        and any(isinstance(h, dict) and str(h.get("id", "")).startswith("factlint") for h in repo["hooks"])
        for repo in repos)


def appended_pre_commit(text: str, entry: str) -> str | None:
    """`text` (a .pre-commit-config.yaml) with `entry` added as the last item of its `repos:` list, or None
    when that cannot be done by appending lines: `repos:` is not the last key, not a block list, or the
    result would read as anything but the old configuration plus this one entry."""
    try:
        before = yaml.safe_load(text)
        document = yaml.compose(text)
    except yaml.YAMLError:
        return None
    if not isinstance(before, dict) or not isinstance(document, yaml.MappingNode) or not document.value:
        return None
    key, repos = document.value[-1]
    if key.value != "repos" or not isinstance(repos, yaml.SequenceNode) or repos.flow_style or not repos.value:
        return None
    dash, item = repos.start_mark.column, repos.value[0].start_mark.column
    if item <= dash:
        return None
    lines = []
    for line in entry.splitlines(keepends=True):
        if line.startswith("- "):
            lines.append(" " * dash + "-" + " " * (item - dash - 1) + line[2:])
        else:
            lines.append(" " * (item - 2) + line if line.strip() else line)
    after_text = text + ("" if text.endswith("\n") else "\n") + "".join(lines)
    try:
        after = yaml.safe_load(after_text)
    except yaml.YAMLError:
        return None
    expected = {**before, "repos": [*before["repos"], yaml.safe_load(entry)[0]]}
    return after_text if after == expected else None


def gitlab_has_factlint(text: str) -> bool:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        return False
    return isinstance(data, dict) and "factlint" in data


def ci_targets(ci: str, root: Path) -> tuple[str, ...]:
    """Which CI services to set up: as asked, or (auto) those the repository already uses."""
    if ci != "auto":
        return () if ci == "none" else (ci,)
    found = []
    if os.path.lexists(root / ".github"):
        found.append("github")
    if os.path.lexists(root / GITLAB_CI):
        found.append("gitlab")
    return tuple(found)


# --- the file system -----------------------------------------------------------------------------------


def unsafe(root: Path, relative: str) -> str | None:
    """Why `root/relative` may not be written, or None. No component may be a symbolic link (one could lead
    outside the project), a folder on the way must be a folder, and the file, if any, a regular file."""
    path = root
    parts = Path(relative).parts
    for index, part in enumerate(parts):
        path = path / part
        try:
            mode = os.lstat(path).st_mode
        except FileNotFoundError:
            return None
        except OSError as exc:
            return f"cannot be read ({exc.strerror})"
        if stat.S_ISLNK(mode):
            return f"{Path(*parts[:index + 1])} is a symbolic link"
        last = index == len(parts) - 1
        if not last and not stat.S_ISDIR(mode):
            return f"{Path(*parts[:index + 1])} is not a folder"
        if last and not stat.S_ISREG(mode):
            return "it is not a regular file"
    return None


def _write(root: Path, relative: str, text: str) -> None:
    target = root / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.resolve().is_relative_to(root.resolve()):  # unsafe() already refused links: a last guard
        raise OSError(f"{relative} is outside the project")
    write_atomic(target, text.encode("utf-8"), mode=ordinary_mode(target))


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def _put(root: Path, relative: str, text: str, *, replace: bool, why_kept: str = "") -> Step:
    """Write a whole file: a new one, or (`replace`) over an existing one."""
    reason = unsafe(root, relative)
    if reason:
        return Step(relative, f"not written: {reason}; factlint init writes through no link. Its content:",
                    text, refused=True)
    exists = os.path.lexists(root / relative)
    if exists and not replace:
        return Step(relative, why_kept or "kept: it exists (--force replaces it)")
    try:
        _write(root, relative, text)
    except OSError as exc:
        return Step(relative, f"not written: {exc.strerror or exc}. Its content:", text, refused=True)
    return Step(relative, "replaced" if exists else "written")


def _config_step(root: Path, force: bool) -> Step:
    others = [name for name in OTHER_CONFIGS if os.path.lexists(root / name)]
    pyproject = _read(root / "pyproject.toml") or ""
    if re.search(r"^\[tool\.factlint[\].]", pyproject, re.M):
        others.append("pyproject.toml [tool.factlint]")
    if others:
        return Step(CONFIG, f"not written: the configuration is in {others[0]} (two would conflict)")
    return _put(root, CONFIG, template("factlint.yaml"), replace=force)


def _pre_commit_step(root: Path, pin: Pin) -> Step:
    relative = PRE_COMMIT
    if not os.path.lexists(root / relative):
        return _put(root, relative, template("pre-commit-config.yaml", pin), replace=False)
    entry = pre_commit_entry(pin)
    text = _read(root / relative)
    reason = unsafe(root, relative)
    if reason or text is None:
        return Step(relative, f"not changed: {reason or 'it cannot be read as UTF-8'}. Add to its repos:",
                    entry, refused=bool(reason))
    try:
        current = yaml.safe_load(text)
    except yaml.YAMLError:
        current = None
    if runs_factlint(current):
        return Step(relative, "kept: it already runs factlint's hooks")
    appended = appended_pre_commit(text, entry)
    if appended is None:
        return Step(relative, "not changed: factlint's entry cannot be appended safely. Add to its repos:", entry)
    try:
        write_atomic(root / relative, appended.encode("utf-8"), mode=ordinary_mode(root / relative),
                     before_replace=_unchanged(root / relative, text))
    except OSError as exc:
        return Step(relative, f"not changed: {exc.strerror or exc}. Add to its repos:", entry, refused=True)
    return Step(relative, "factlint's hooks appended to its repos")


def _unchanged(path: Path, text: str) -> Callable[[], None]:
    def check() -> None:
        if _read(path) != text:
            raise OSError(f"{path.name} changed while factlint init ran")
    return check


def _gitlab_step(root: Path, pin: Pin) -> Step:
    job = template("gitlab-ci.yml", pin)
    if not os.path.lexists(root / GITLAB_CI):
        return _put(root, GITLAB_CI, job, replace=False)
    if gitlab_has_factlint(_read(root / GITLAB_CI) or ""):
        return Step(GITLAB_CI, "kept: it already has a factlint job")
    return Step(GITLAB_CI, "not changed (factlint init never rewrites it). Add this job to it:", job)


def init_project(root: Path, *, ci: str = "auto", force: bool = False, git: bool = True,
                 pin: Pin = Pin()) -> list[Step]:
    """Set up `root`. Without `git` (not a repository) the pre-commit and CI files are printed, not written:
    where the repository's root will be is not known yet."""
    steps = [_config_step(root, force)]
    if not git:
        steps.append(Step(PRE_COMMIT, "not written: this is not a git repository (run git init first)",
                          template("pre-commit-config.yaml", pin)))
        for service in ci_targets(ci, root):
            name, source = CI_FILES[service]
            steps.append(Step(name, "not written: this is not a git repository", template(source, pin)))
        return steps
    steps.append(_pre_commit_step(root, pin))
    for service in ci_targets(ci, root):
        if service == "github":
            steps.append(_put(root, GITHUB_WORKFLOW, template(CI_FILES["github"][1], pin), replace=force))
        else:
            steps.append(_gitlab_step(root, pin))
    return steps


def next_steps(steps: list[Step], pin: Pin, ci: str, root: Path) -> list[str]:
    """What the user does next, as short lines."""
    lines = []
    if any(step.path == PRE_COMMIT for step in steps):
        autoupdate = "" if pin.known else f"pre-commit autoupdate --repo {pin.url} && "
        lines.append(f"pre-commit: pip install pre-commit && {autoupdate}pre-commit install")
    if not pin.known and any(step.path in (GITHUB_WORKFLOW, GITLAB_CI) for step in steps):
        lines.append(f"CI: set FACTLINT_REV to the factlint commit to install (a full SHA) in place of "
                     f"{PLACEHOLDER_REV}")
    if ci == "auto" and not ci_targets(ci, root):
        lines.append("CI: none found; 'factlint init --ci github' or '--ci gitlab' adds a workflow")
    return lines
