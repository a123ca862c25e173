"""Settings: defaults < configuration file < command-line flags.

The configuration lives in `.factlint.yaml` / `.factlint.yml` or in the `[tool.factlint]` table of
`pyproject.toml`, found by walking up from the working directory. Parsing and validation are pure
functions over plain data; only `find_config` and `read_config` touch the file system.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path, PurePath
from typing import Any, NoReturn

from factlint.documents.fields import DEFAULT_OPTIONS, DEFAULT_TEXT_FIELDS, ReadOptions
from factlint.documents.formats import DEFAULT_SUFFIXES
from factlint.errors import ConfigError, RulebookError
from factlint.findings import Severity
from factlint.report import REPORTERS
from factlint.schema import (
    MAX_DEPTH,
    Key,
    Kind,
    Node,
    Section,
    found,
    is_mapping,
    is_null,
    line_of,
    plain_node,
    read_section,
    too_deep,
)
from factlint.selection import Selection

CONFIG_FILES = (".factlint.yaml", ".factlint.yml", "pyproject.toml")
MISNAMED = ("factlint.yaml", "factlint.yml")  # never read: a warning says so
FORMAT_NAMES = tuple(REPORTERS)  # one registry: a new report module is a valid `format` at once

# Generous for real copy (a long page has tens), small enough that a file of machine-made overclaims
# cannot fill the memory of the runner with its report.
DEFAULT_MAX_FINDINGS = 10_000

LEVELS = tuple(s.label for s in sorted(Severity, reverse=True))  # error, warning, info

# The configuration's keys, checked by the same reader as the rulebook's (schema.py).
CONFIG = Section("configuration", (
    Key("rules", Kind.TEXT_LIST),
    Key("no-default-rules", Kind.FLAG),
    Key("select", Kind.TEXT_LIST),
    Key("ignore", Kind.TEXT_LIST),
    Key("severity", Kind.SECTION, section=Section(
        "severity", label_key=None, any_key=Key("*", Kind.TEXT, choices=LEVELS))),
    Key("exclude", Kind.TEXT_LIST),
    Key("fail-on", Kind.TEXT, choices=LEVELS),
    Key("format", Kind.TEXT, choices=FORMAT_NAMES),
    Key("jobs", Kind.NUMBER, low=0),
    Key("max-findings", Kind.NUMBER, low=0),
    Key("extensions", Kind.TEXT_LIST),
    Key("per-file-ignores", Kind.SECTION, section=Section(
        "per-file-ignores", label_key=None, any_key=Key("*", Kind.TEXT_LIST, min_items=1, comma_text=True))),
    Key("respect-gitignore", Kind.FLAG),
    Key("strict", Kind.FLAG),
    Key("text-fields", Kind.TEXT_LIST),
    Key("extend-text-fields", Kind.TEXT_LIST),
    Key("mdx-props", Kind.TEXT_LIST),
), label_key=None)


@dataclass(frozen=True, slots=True)
class ExcludeGlob:
    """A glob and the directory it is relative to (the config file's folder, or the cwd for flags)."""

    pattern: str
    base: Path


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything a run needs to know, fully resolved. Picklable (sent to worker processes)."""

    rules: tuple[Path, ...] = ()
    no_default_rules: bool = False
    selection: tuple[Selection, ...] = ()  # config layer first, then flags: later layers win
    exclude: tuple[ExcludeGlob, ...] = ()
    fail_on: Severity = Severity.WARNING
    format: str = "text"
    jobs: int = 1  # worker processes; 0: one per CPU, or one for a run too small to repay them
    extensions: tuple[str, ...] = DEFAULT_SUFFIXES
    config_file: Path | None = None
    # glob -> rule ids, id prefixes or categories turned off for matching files
    per_file_ignores: tuple[tuple[ExcludeGlob, tuple[str, ...]], ...] = ()
    respect_gitignore: bool = True  # skip files .gitignore'd when walking folders in a git work tree
    strict: bool = False  # skipped files and decoding warnings make the run exit 2
    read_options: ReadOptions = DEFAULT_OPTIONS  # text-fields, mdx-props: which fields the readers read
    inline_config: bool = True  # False (--no-inline-config): factlint-disable directives in drafts are ignored
    notes: tuple[str, ...] = ()  # warnings about the configuration files found (a misnamed one, two at once)
    # findings reported per file at most (0: no limit); the rest are counted, not kept: report memory stays bounded
    max_findings: int = DEFAULT_MAX_FINDINGS


@dataclass(frozen=True, slots=True)
class Flags:
    """Values given on the command line; None / empty means "not given, use the config"."""

    rules: tuple[Path, ...] = ()
    no_default_rules: bool = False
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()
    exclude: tuple[str, ...] = ()
    fail_on: Severity | None = None
    format: str | None = None
    jobs: int | None = None
    config: Path | None = None
    strict: bool | None = None
    inline_config: bool = True
    max_findings: int | None = None


# --- discovery and reading (I/O) -------------------------------------------------------------


def find_config(start: Path) -> Path | None:
    """The first config file from `start` upward, no higher than the repository root (the first
    folder with a `.git`, as ruff and ESLint stop): a configuration above a checkout is not the
    project's. A pyproject.toml without [tool.factlint] is skipped."""
    return locate_config(start)[0]


def locate_config(start: Path) -> tuple[Path | None, list[str]]:
    """`find_config`, and warnings about what a user may expect to be read but is not: a `factlint.yaml`
    without the dot, or a second configuration beside the one used."""
    start = start.absolute()
    notes: list[str] = []
    for directory in (start, *start.parents):
        notes += [f"{_show(directory / name)} is not read: a configuration file is named .{name} (with a dot)"
                  for name in MISNAMED if (directory / name).is_file()]
        found = [directory / name for name in CONFIG_FILES if (directory / name).is_file()
                 and (name != "pyproject.toml" or _has_factlint_table(directory / name))]
        if found:
            if len(found) > 1:
                others = " and ".join(_described(p) for p in found[1:])
                notes.append(f"{_described(found[0])} is used; {others} beside it "
                             f"{'is' if len(found) == 2 else 'are'} ignored (keep one configuration file)")
            return found[0], notes
        if os.path.lexists(directory / ".git"):  # a folder or, in a worktree or submodule, a file
            break
    return None, notes


def _described(path: Path) -> str:
    return f"{_show(path)} [tool.factlint]" if path.name == "pyproject.toml" else _show(path)


def _has_factlint_table(path: Path) -> bool:
    # An unrelated, broken pyproject.toml higher up should not break factlint: only complain
    # about TOML syntax when the file could be ours (it mentions the table).
    text = _read_text(path)
    if "factlint" not in text:
        return False
    return "factlint" in _parse_toml(path, text).get("tool", {})


def read_config(path: Path) -> Node:
    """The settings of a config file as nodes (the [tool.factlint] table for pyproject.toml). YAML is
    composed by the rulebook's guarded reader: lines are kept, and aliases and deep nesting refused."""
    text = _read_text(path)
    if path.name == "pyproject.toml":
        tool = _parse_toml(path, text).get("tool", {})
        return plain_node(tool.get("factlint", {}) if isinstance(tool, dict) else tool)
    from factlint.rulebook.yaml_source import parse  # here: most runs have no YAML config file to read

    try:
        node = parse(text, _show(path))
    except RulebookError as exc:  # "path:line: YAML syntax error: ..."
        raise ConfigError(str(exc)) from None
    return plain_node({}) if node is None or is_null(node) else node  # an empty file: no settings


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{_show(path)}: cannot read configuration: {_os_reason(exc)}") from None


def _parse_toml(path: Path, text: str) -> dict[str, Any]:
    too_deep_message = f"{_show(path)}: the file is nested more than {MAX_DEPTH} levels deep"
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{_show(path)}: invalid TOML: {exc}") from None
    except RecursionError:  # tomllib parses nested arrays and tables recursively
        raise ConfigError(too_deep_message) from None
    if too_deep(data):  # as the rulebook reader caps YAML
        raise ConfigError(too_deep_message)
    return data


def _os_reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    return str(exc)


def _show(path: Path) -> str:
    """A path as the user would type it: relative to the cwd when under it."""
    return display_path(path)


def display_path(path: str | os.PathLike[str], cwd: str | None = None) -> str:
    """Relative to the cwd when under it (with "a/../b" collapsed), else as given; "/" separators.

    A file name that is not valid UTF-8 shows its undecodable bytes as `\\xNN`, so every report can
    print it (the file itself is still read by its real name). `cwd`: the current folder, when the
    caller shows many paths (string operations only: this runs once per file).
    """
    absolute = os.path.abspath(path)
    base = os.getcwd() if cwd is None else cwd
    prefix = base if base.endswith(os.sep) else base + os.sep
    if absolute.startswith(prefix):
        shown = absolute[len(prefix) :].replace(os.sep, "/")
    elif absolute == base:
        shown = "."
    else:
        shown = PurePath(path).as_posix()
    return printable_path(shown)


def printable_path(name: str) -> str:
    """`name` with lone surrogates (undecodable file-name bytes, PEP 383) written as `\\xNN`."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        return os.fsencode(name).decode("utf-8", "backslashreplace")


# --- validation (pure) -----------------------------------------------------------------------


def validate_config(data: Mapping[str, Any] | Node, origin: str) -> dict[str, Any]:
    """Check keys and types against CONFIG; returns the values keyed like CONFIG's keys, severities as
    Severity and extensions normalised. `origin` names the file in messages."""

    def error(line: int, message: str) -> NoReturn:
        raise ConfigError(f"{origin}{f':{line}' if line else ''}: {message}")

    node = plain_node(data) if isinstance(data, Mapping) else data
    if not is_mapping(node):
        error(line_of(node), f"expected a mapping of settings, not {found(node)}")
    record = read_section(node, CONFIG, "", error)
    out: dict[str, Any] = dict(record.values)
    if "fail-on" in out:
        out["fail-on"] = Severity.parse(out["fail-on"])
    if "severity" in out:
        levels = record.section("severity").values  # type: ignore[union-attr]
        out["severity"] = tuple((rule, Severity.parse(str(level))) for rule, level in levels.items())
    if "per-file-ignores" in out:
        out["per-file-ignores"] = tuple(record.section("per-file-ignores").values.items())  # type: ignore[union-attr]
    if "extensions" in out:
        out["extensions"] = tuple(sorted({(v if v.startswith(".") else "." + v).lower() for v in out["extensions"]}))
    return out


# --- merging (pure) --------------------------------------------------------------------------


def merge(config: Mapping[str, Any], config_file: Path | None, flags: Flags, cwd: Path) -> Settings:
    """Combine validated config values with flags. Flags win; see README "Configuration".

    `select` from the command line replaces the config's; `ignore`, `severity`, `exclude` and
    `rules` add to it (on conflict the flag wins, because selection layers apply in order).
    """
    base = config_file.parent if config_file else cwd
    layers = []
    origin = _show(config_file) if config_file else ""
    if any(k in config for k in ("select", "ignore", "severity")):
        layers.append(Selection(
            select=config.get("select"),
            ignore=config.get("ignore", ()),
            severity=config.get("severity", ()),
            origin=origin,
        ))
    if flags.select is not None or flags.ignore or flags.severity:
        layers.append(Selection(flags.select, flags.ignore, flags.severity, origin="command line"))
    jobs = flags.jobs if flags.jobs is not None else config.get("jobs", 0)
    return Settings(
        rules=tuple(base / p for p in config.get("rules", ())) + tuple(flags.rules),
        no_default_rules=flags.no_default_rules or config.get("no-default-rules", False),
        selection=tuple(layers),
        exclude=tuple(ExcludeGlob(p, base) for p in config.get("exclude", ()))
        + tuple(ExcludeGlob(p, cwd) for p in flags.exclude),
        fail_on=flags.fail_on or config.get("fail-on", Severity.WARNING),
        format=flags.format or config.get("format", "text"),
        jobs=jobs,
        extensions=config.get("extensions", DEFAULT_SUFFIXES),
        config_file=config_file,
        per_file_ignores=tuple((ExcludeGlob(glob, base), selectors)
                               for glob, selectors in config.get("per-file-ignores", ())),
        respect_gitignore=config.get("respect-gitignore", True),
        strict=flags.strict if flags.strict is not None else config.get("strict", False),
        inline_config=flags.inline_config,
        max_findings=flags.max_findings if flags.max_findings is not None
        else config.get("max-findings", DEFAULT_MAX_FINDINGS),
        read_options=_read_options(config),
    )


def _read_options(config: Mapping[str, Any]) -> ReadOptions:
    """`text-fields` replaces the default front-matter keys and meta names, `extend-text-fields` adds
    to them; `mdx-props` names the MDX props read ("*": any prop whose value reads as prose)."""
    if not any(k in config for k in ("text-fields", "extend-text-fields", "mdx-props")):
        return DEFAULT_OPTIONS
    fields = tuple(config.get("text-fields", DEFAULT_TEXT_FIELDS)) + tuple(config.get("extend-text-fields", ()))
    return ReadOptions(text_fields=fields, mdx_props=tuple(config.get("mdx-props", DEFAULT_OPTIONS.mdx_props)))


def load_settings(flags: Flags, cwd: Path | None = None) -> Settings:
    """Find (or take --config), read, validate and merge: the one entry point the CLI calls."""
    cwd = (cwd or Path.cwd()).absolute()
    config_file: Path | None
    if flags.config is not None:
        config_file = flags.config if flags.config.is_absolute() else cwd / flags.config
        if not config_file.is_file():
            raise ConfigError(f"{_show(flags.config)}: configuration file not found")
        notes: list[str] = []
    else:
        config_file, notes = locate_config(cwd)
    raw: Node = read_config(config_file) if config_file else plain_node({})
    origin = _show(config_file) if config_file else "configuration"
    if config_file is not None and config_file.name == "pyproject.toml":
        origin += " [tool.factlint]"
    config = validate_config(raw, origin)
    if config_file is not None:
        _check_inside(config.get("rules", ()), config_file.parent, origin)
    return replace(merge(config, config_file, flags, cwd), notes=tuple(notes))


def _check_inside(paths: Sequence[str], folder: Path, origin: str) -> None:
    """A configuration belongs to its repository: the files it names must lie in its folder or below
    (after following symlinks), or `rules: [/etc/shadow]` in a pull request would read any file the
    runner can. Such a path may still be given on the command line (--rules)."""
    root = os.path.realpath(folder)
    for path in paths:
        real = os.path.realpath(os.path.join(folder, path))
        if os.path.commonpath([root, real]) != root:
            raise ConfigError(f"{origin}: 'rules' names {path!r}, outside the folder of the configuration "
                              "file; a configuration may only name rulebooks inside its project (give others "
                              "with --rules on the command line)")


def parse_severity_option(values: Sequence[str]) -> tuple[tuple[str, Severity], ...]:
    """`RULE=LEVEL` strings from --severity; raises ValueError with a readable message."""
    pairs = []
    for item in values:
        rule, sep, level = item.partition("=")
        if not sep or not rule.strip():
            raise ValueError(f"expected RULE=LEVEL (e.g. FL401=warning), got {item!r}")
        pairs.append((rule.strip(), Severity.parse(level)))
    return tuple(pairs)
