"""The command line: parse options, call the library, print, choose the exit code. Nothing else.

Every user error is a FactlintError (or a click usage error): one line on stderr, exit 2, no
traceback. `main()` is the console-script entry point and owns that policy.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Sequence
from pathlib import Path

import click

from factlint import __version__
from factlint.config import (
    DEFAULT_MAX_FINDINGS,
    LEVELS,
    Flags,
    Settings,
    display_path,
    load_settings,
    parse_severity_option,
)
from factlint.documents.formats import DEFAULT_SUFFIXES, FORMATS
from factlint.errors import FactlintError, UsageError
from factlint.escape import visible, visible_lines
from factlint.findings import Severity
from factlint.report import REPORTERS, ReportOptions, reporter

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
EXIT_BROKEN_PIPE = 141  # what a shell reports for a process whose reader went away (128 + SIGPIPE)

EXIT_CODES_HELP = """\b
Exit codes:
  0  nothing found at or above the --fail-on level (default: warning)
  1  findings at or above the --fail-on level
  2  usage, configuration, rulebook or input error (a one-line message on stderr): a path
     that cannot be read, a rule that failed on a file; with --strict also a skipped
     (binary) file or one decoded with replacement characters"""

CONFIG_HELP = """\b
Options can also be set in .factlint.yaml or in [tool.factlint] of pyproject.toml,
found from the current folder upward to the repository root (the folder with .git);
flags on the command line win. --verbose says which file is used."""


# --- shared options --------------------------------------------------------------------------


def _comma_list(values: Sequence[str]) -> tuple[str, ...]:
    return tuple(item.strip() for value in values for item in value.split(",") if item.strip())


def _severity_pairs(ctx: click.Context, param: click.Parameter, values: Sequence[str]):
    try:
        return parse_severity_option(values)
    except ValueError as exc:
        raise click.BadParameter(str(exc), ctx=ctx, param=param) from None


def rulebook_options(func):
    """Options that decide which rules exist and how they apply (check, rules, explain)."""
    options = [
        click.option("--rules", "rules", multiple=True, type=click.Path(path_type=Path), metavar="PATH",
                     help="Extra rulebook file or folder of YAML files (repeatable)."),
        click.option("--no-default-rules", is_flag=True, default=False,
                     help="Do not load the rulebook shipped with factlint."),
        click.option("--config", type=click.Path(path_type=Path), metavar="FILE",
                     help="Use this configuration file instead of searching for one."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def selection_options(func):
    options = [
        click.option("--select", multiple=True, metavar="RULES",
                     help="Only these rules: comma list of rule ids (FL401), id prefixes (FL4) "
                          "or categories (unsupported-claim)."),
        click.option("--ignore", multiple=True, metavar="RULES",
                     help="Skip these rules (same forms as --select)."),
        click.option("--severity", "severity", multiple=True, metavar="RULE=LEVEL",
                     callback=_severity_pairs,
                     help="Change a rule's severity, e.g. FL401=warning (repeatable)."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _settings(rules, no_default_rules, config, select=(), ignore=(), severity=(), **extra) -> Settings:
    settings = _load_settings(rules, no_default_rules, config, select, ignore, severity, **extra)
    for note in settings.notes:
        click.echo(f"factlint: warning: {visible(note)}", err=True)
    return settings


def _load_settings(rules, no_default_rules, config, select, ignore, severity, **extra) -> Settings:
    return load_settings(Flags(
        rules=tuple(rules),
        no_default_rules=no_default_rules,
        select=_comma_list(select) if select else None,
        ignore=_comma_list(ignore),
        severity=tuple(severity),
        config=config,
        **extra,
    ))


def _use_color(flag: bool | None) -> bool:
    if flag is not None:
        return flag
    if os.environ.get("NO_COLOR"):  # https://no-color.org: any non-empty value disables colour
        return False
    return sys.stdout is not None and sys.stdout.isatty()


_SLICE = 1 << 16


def _emit(text: str) -> None:
    # Handle a closed pipe here rather than letting click do it: click would exit 1, which
    # means "findings" in our contract; 141 is what Unix tools report for it (128 + SIGPIPE).
    # Write in slices: Linux reports a reader that left during ONE big write as a short write,
    # not as EPIPE, so a single write would hide the closed pipe.
    if sys.stdout is None:  # started with descriptor 1 closed (`factlint check . >&-`)
        raise UsageError("standard output is closed: the report cannot be written")
    try:
        for start in range(0, len(text), _SLICE):
            sys.stdout.write(text[start : start + _SLICE])
            sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
        raise click.exceptions.Exit(EXIT_BROKEN_PIPE) from None


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush does not raise again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _error(message: str) -> None:
    """One line on stderr. Messages carry paths and text from drafts and rulebooks: escaped
    (escape.py), so nothing in them can act on a terminal or forge a CI workflow command."""
    click.echo(f"factlint: error: {visible(message)}", err=True)


# --- commands --------------------------------------------------------------------------------


@click.group(
    help="factlint: fact-check health marketing copy (esketamine, ketamine, RR-HNK) against a rulebook "
    "of sourced facts, and explain every overclaim it finds.",
    epilog=f"Run 'factlint COMMAND --help' for the options of each command.\n\n{EXIT_CODES_HELP}",
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(__version__, "--version", "-V", prog_name="factlint", message="%(prog)s %(version)s")
def cli() -> None:
    pass


# The formats factlint reads, as help lists them: from the one registry (documents/formats.py).
_SEARCHED = ", ".join(DEFAULT_SUFFIXES[:-1]) + " and " + DEFAULT_SUFFIXES[-1]
_BY_FORMAT = ", ".join(f"{row.suffixes[0]} {row.label}" for row in FORMATS.values() if row.suffixes)

CHECK_HELP = f"""Check PATHS (files or folders) for claims the rulebook says are wrong.

    Folders are searched recursively for {_SEARCHED} files (hidden folders such as .git are skipped).
    A file named explicitly is checked whatever its suffix. Use '-' to read standard input. With no
    PATHS, the current folder is checked.

    Each finding gives the place (file:line:column), the rule, why the claim is wrong, the fact
    and source it contradicts, and a compliant rewrite.
    """


@cli.command(
    help=CHECK_HELP,
    epilog=f"{EXIT_CODES_HELP}\n\n{CONFIG_HELP}",
    short_help="Check drafts for overclaims.",
)
@click.argument("paths", nargs=-1, metavar="[PATHS]...")
@click.option("--stdin-filename", metavar="NAME",
              help="Name for text read from standard input ('-'): shown in the report, and its "
                   f"suffix picks the format ({_BY_FORMAT}).")
@click.option("--format", "output_format", type=click.Choice(list(REPORTERS)), default=None,
              help="Report format (default: text).")
@click.option("--fail-on", type=click.Choice(LEVELS), default=None,
              help="Lowest severity that makes the run fail with exit code 1 (default: warning).")
@click.option("--output-file", "-o", type=click.Path(path_type=Path, dir_okay=False), metavar="FILE",
              help="Write the --format report to FILE (replaced whole, never half-written); standard "
                   "output gets the text report beside it.")
@selection_options
@rulebook_options
@click.option("--exclude", multiple=True, metavar="GLOB",
              help="Skip files or folders matching this glob, e.g. 'drafts/old/*' (repeatable).")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=None, metavar="N",
              help="Check files in N parallel processes (default, or 0: one per CPU, or one when the files "
                   "add up to under 512 KB; 1 = no parallelism).")
@click.option("--changed-since", metavar="REF",
              help="Only check files changed since the git revision REF (its merge base with HEAD), "
                   "including uncommitted and untracked files.")
@click.option("--max-findings", type=click.IntRange(min=0), default=None, metavar="N",
              help=f"Report at most N findings per file, the first by position (default: "
                   f"{DEFAULT_MAX_FINDINGS:,}; 0 = no limit). A file with more says so in the report, and the "
                   "findings left out still count for the exit code.")
@click.option("--exit-zero", is_flag=True, default=False,
              help="Report findings but exit 0 (errors reading files or rules still exit 2).")
@click.option("--baseline", type=click.Path(path_type=Path), metavar="FILE",
              help="Report only findings that are not in this baseline file.")
@click.option("--write-baseline", type=click.Path(path_type=Path), metavar="FILE",
              help="Record the current findings in FILE (for --baseline) and exit 0.")
@click.option("--diff", "show_diff", is_flag=True, default=False,
              help="Print the safe fixes as a unified diff (apply with 'patch -p1'); change nothing.")
@click.option("--fix", is_flag=True, default=False,
              help="Apply the safe fixes in place, then report what is left.")
@click.option("--unsafe-fixes", is_flag=True, default=False,
              help="With --diff or --fix: also the fixes a rule does not mark safe.")
@click.option("--strict/--no-strict", default=None,
              help="Exit 2 when a file is skipped (binary) or had to be decoded with replacement "
                   "characters or a guessed encoding, a suppression has no reason, or part of what was "
                   "asked went unchecked (default: report them, exit code unaffected).")
@click.option("--no-inline-config", "no_inline_config", is_flag=True, default=False,
              help="Ignore factlint-disable directives in drafts (as ESLint's flag): every finding counts.")
@click.option("--statistics", is_flag=True, default=False,
              help="Print how many findings each rule made (most first) instead of the findings; with "
                   "--format json, as JSON.")
@click.option("--quiet", "-q", is_flag=True, default=False, help="Do not print the summary line.")
@click.option("--verbose", "-v", is_flag=True, default=False,
              help="Say on standard error which configuration file is used.")
@click.option("--color/--no-color", default=None,
              help="Colour the report (default: only on a terminal, never when NO_COLOR is set).")
def check(paths, stdin_filename, output_format, fail_on, output_file, select, ignore, severity, rules,
          no_default_rules, config, exclude, jobs, changed_since, max_findings, exit_zero, baseline,
          write_baseline, show_diff, fix, unsafe_fixes, strict, no_inline_config, statistics, quiet, verbose,
          color) -> int:
    from factlint.linter import STDIN, Linter, Stdin, load_rules

    paths = list(paths)
    if stdin_filename and STDIN not in paths:
        if paths:
            raise UsageError("--stdin-filename needs '-' among the paths (it names standard input)")
        paths = [STDIN]
    if not paths:
        paths = ["."]
    settings = _settings(
        rules, no_default_rules, config, select, ignore, severity,
        exclude=tuple(exclude),
        fail_on=Severity.parse(fail_on) if fail_on else None,
        format=output_format,
        jobs=jobs,
        strict=strict,
        inline_config=not no_inline_config,
        max_findings=max_findings,
    )
    if verbose:
        used = visible(display_path(settings.config_file)) if settings.config_file else "none found, defaults apply"
        click.echo(f"factlint: configuration: {used}", err=True)
    rulebook = load_rules(settings)
    if not rulebook.rules:  # a run that checks nothing must not pass quietly
        raise UsageError("no rule is active: the selection (select/ignore in the configuration or on the "
                         "command line) turns every rule off")
    if show_diff and fix:
        raise UsageError("--diff and --fix cannot be used together (--diff changes nothing)")
    if (show_diff or fix) and STDIN in paths:
        raise UsageError("--diff and --fix work on files, not on standard input")
    if baseline and write_baseline:
        raise UsageError("--baseline and --write-baseline cannot be used together")
    if statistics and (output_file is not None or show_diff or write_baseline):
        other = "--output-file" if output_file is not None else "--diff" if show_diff else "--write-baseline"
        raise UsageError(f"--statistics prints counts instead of a report; it cannot be used with {other}")
    if statistics and settings.format not in ("text", "json"):
        raise UsageError(f"--statistics prints text or json, not {settings.format} (see --format)")
    if output_file is not None and (show_diff or write_baseline):
        raise UsageError(f"--output-file writes a report; {'--diff' if show_diff else '--write-baseline'} "
                         "prints or writes no report")
    linter = Linter(settings, rulebook, baseline=baseline)

    if fix:
        run = linter.fix(paths, changed_since=changed_since, unsafe=unsafe_fixes)
        fixed = f"fixed {_count(run.fixed, 'finding')} in {_count(run.files, 'file')}"
        if run.interrupted is not None:
            import signal

            _print_problems(run.result)
            click.echo(f"factlint: interrupted by {signal.Signals(run.interrupted).name}: {fixed} before "
                       f"stopping; {_count(run.left, 'file')} with fixes left as they were", err=True)
            return 128 + run.interrupted
        if run.files:
            click.echo(f"factlint: {fixed}", err=True)
        result, stdin = run.result, None
    else:
        stdin = Stdin(_read_stdin(), stdin_filename) if STDIN in paths else None
        result = linter.lint(paths, stdin=stdin, changed_since=changed_since)
    if write_baseline:
        from factlint.baseline import write_baseline as write

        count = write(write_baseline, result.findings)
        _print_problems(result)
        _print_truncated(result)
        click.echo(f"factlint: wrote {_count(count, 'finding')} to {visible(str(write_baseline))}", err=True)
        return EXIT_ERROR if result.problems else EXIT_CLEAN
    if show_diff:
        from factlint.fixes import unified_diff

        planned = linter.plan_fixes(result, unsafe=unsafe_fixes)
        _emit(unified_diff(planned))
        _print_truncated(result)
        return EXIT_ERROR if result.problems else (EXIT_FINDINGS if planned else EXIT_CLEAN)

    from factlint.report.source import SourceTexts, decode_stdin

    _print_problems(result)
    unchecked = _unchecked(result, paths)
    for warning in unchecked:
        click.echo(f"factlint: warning: {warning}", err=True)
    if statistics:
        from factlint.report import statistics as counts

        _emit(counts.render(result, rulebook, settings.format, quiet=quiet))
        return _exit_code(result, settings, exit_zero)
    given = {stdin.name: decode_stdin(stdin.content)} if stdin is not None else {}
    options = ReportOptions(color=_use_color(color), quiet=quiet, rulebook=rulebook, root=_repo_root(),
                            sources=SourceTexts(result.sources, given))
    if output_file is None:
        _emit(reporter(settings.format).render(result, options))
    else:  # the report goes to the file, the console gets the text report beside it
        from dataclasses import replace

        from factlint.report.output import write_report

        write_report(output_file, reporter(settings.format).render(result, replace(options, color=False)),
                     checked=result.sources.values())
        _emit(reporter("text").render(result, options))
        click.echo(f"factlint: wrote the {settings.format} report to {output_file}", err=True)
    if settings.strict and unchecked:
        _error("--strict: part of what was asked was not checked (see the warning above)")
        return EXIT_ERROR
    return _exit_code(result, settings, exit_zero)


def _unchecked(result, paths: Sequence[str]) -> list[str]:
    """What the configuration left unchecked without a word: files named on the command line that
    are excluded, a run that checked no file at all, per-file-ignores that turn every rule off."""
    out = []
    if result.excluded:
        out.append(f"{_count(result.excluded, 'file')} named on the command line "
                   f"{'is' if result.excluded == 1 else 'are'} excluded by the configuration and not checked")
    if not result.files_checked and not result.problems and not result.skipped and paths:
        out.append("no file was checked: every file is excluded, or none has a suffix factlint reads "
                   "(see --exclude, exclude and extensions)")
    elif result.rules_off and result.rules_off == result.files_checked:
        out.append("per-file-ignores turn every rule off for every file checked: nothing was looked for")
    return out


def _print_problems(result) -> None:
    for problem in result.problems:
        _error(f"{problem.path}: {problem.message}")


def _print_truncated(result) -> None:
    """For the commands that print no report (--diff, --write-baseline): what --max-findings left out."""
    for cut in result.truncated:
        click.echo(f"factlint: warning: {visible(cut.path)}: {cut.message()}", err=True)


def _exit_code(result, settings: Settings, exit_zero: bool) -> int:
    if result.problems:
        return EXIT_ERROR
    reasonless = sum(1 for n in result.notices if n.code == "suppression-without-reason")
    unknown = sum(1 for n in result.notices if n.code == "unknown-directive")
    if settings.strict and (result.skipped or result.warnings or reasonless or unknown):
        what = [_count(len(result.skipped), "file") + " skipped"] if result.skipped else []
        what += [_count(len(result.warnings), "decoding warning")] if result.warnings else []
        what += [_count(reasonless, "suppression") + " without a reason"] if reasonless else []
        what += [_count(unknown, "unknown directive")] if unknown else []
        _error(f"--strict: {' and '.join(what)} (see the report)")
        return EXIT_ERROR
    if not exit_zero and (any(f.severity >= settings.fail_on for f in result.findings)
                          or any(t.worst is not None and t.worst >= settings.fail_on for t in result.truncated)):
        return EXIT_FINDINGS
    return EXIT_CLEAN


def _repo_root() -> Path | None:
    from factlint.gitfiles import repo_root

    return repo_root(Path.cwd())


def _read_stdin() -> bytes:
    """All of standard input as bytes (decoded later like a file: BOMs, binary detection, warnings).
    A closed or missing standard input reads as empty."""
    if sys.stdin is None or sys.stdin.closed:
        return b""
    try:
        return sys.stdin.buffer.read()
    except (OSError, ValueError):  # descriptor 0 closed (`factlint check - <&-`)
        return b""


@cli.command(epilog=f"{CONFIG_HELP}", short_help="List the rules.")
@click.option("--format", "output_format", type=click.Choice(list(REPORTERS)), default="text",
              help="Output format (default: text).")
@selection_options
@rulebook_options
def rules(output_format, select, ignore, severity, rules, no_default_rules, config) -> int:
    """List every rule that would run: id, category, severity and summary.

    Takes the configuration file and --select/--ignore/--severity into account, so it shows
    exactly what 'factlint check' will apply. Exits 2 if the rulebook or configuration is invalid.
    """
    from factlint.linter import load_rules

    settings = _settings(rules, no_default_rules, config, select, ignore, severity)
    listed = sorted(load_rules(settings).rules, key=lambda rule: _id_order(rule.id))
    _emit(reporter(output_format).render_rules(listed, ReportOptions()))
    return EXIT_CLEAN


def _id_order(rule_id: str) -> tuple[str, int]:
    """FL101 < FL102 < FL110 < FL201; a house's ACME2 < ACME10."""
    prefix = rule_id.rstrip("0123456789")
    return prefix, int(rule_id[len(prefix):] or 0)


@cli.command(short_help="Explain one rule, its fact and source.")
@click.argument("rule_id", metavar="RULE")
@rulebook_options
def explain(rule_id, rules, no_default_rules, config) -> int:
    """Explain RULE (an id such as FL401, or a name such as cure-claim): what it catches, why,
    the fact and the source it rests on, examples, a compliant rewrite and how to suppress it.
    This is the rule's documentation page (docs/rules/FLxxx.md), printed as Markdown.

    Exits 2 if there is no such rule.
    """
    from factlint.linter import load_rules
    from factlint.ruledocs import rule_page
    from factlint.selection import find_rule

    rulebook = load_rules(_settings(rules, no_default_rules, config), apply_selection=False)
    _emit(visible_lines(rule_page(find_rule(rulebook, rule_id), rulebook)))
    return EXIT_CLEAN


@cli.command("validate-rules", short_help="Check rulebook files for errors.")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path), metavar="[PATHS]...")
@click.option("--no-default-rules", is_flag=True, default=False,
              help="Validate PATHS alone, without the rulebook shipped with factlint.")
@click.option("--config", type=click.Path(path_type=Path), metavar="FILE",
              help="Use this configuration file instead of searching for one.")
@click.option("--examples/--no-examples", default=True,
              help="Also check that every rule flags its 'flag' examples and passes its 'pass' "
                   "examples (default: yes).")
def validate_rules(paths, no_default_rules, config, examples) -> int:
    """Load and validate rulebook files (YAML files or folders of them).

    With no PATHS, validates the shipped rulebook plus the 'rules' of the configuration file.
    Custom files are loaded together with the shipped rulebook (so they can use its facts and
    categories) unless --no-default-rules is given.

    \b
    Exit codes:
      0  the rulebook is valid ("ok: N rules, M facts")
      2  it is not ("file:line: what is wrong" on stderr, one line per problem)
    """
    from factlint.errors import RulebookError
    from factlint.rulebook import load_rulebook

    settings = _settings((), no_default_rules, config)
    files = tuple(paths) if paths else settings.rules
    try:
        rulebook = load_rulebook(files, include_default=not settings.no_default_rules)
    except RulebookError as exc:  # every mistake, one line each, as a linter lists its findings
        for problem in exc.problems:
            _error(problem)
        if len(exc.problems) > 1:
            click.echo(f"factlint: {len(exc.problems)} problems in the rulebook", err=True)
        return EXIT_ERROR
    if examples:
        from factlint.validate import check_examples

        failures = check_examples(rulebook)
        for failure in failures:
            _error(failure)
        if failures:
            return EXIT_ERROR
    from factlint.rulebook.model import POLICY_FACT

    facts = sum(1 for fact_id in rulebook.facts if not fact_id.startswith(POLICY_FACT))
    _emit(f"ok: {_count(len(rulebook.rules), 'rule')}, {_count(facts, 'fact')}\n")
    return EXIT_CLEAN


@cli.command(short_help="Set a repository up: configuration, pre-commit hook, CI workflow.")
@click.option("--ci", type=click.Choice(["auto", "github", "gitlab", "none"]), default="auto", show_default=True,
              help="CI workflow to add: auto = for the services the repository already uses (.github/, "
                   ".gitlab-ci.yml).")
@click.option("--force", is_flag=True, default=False,
              help="Replace an existing .factlint.yaml and GitHub workflow (never .pre-commit-config.yaml or "
                   ".gitlab-ci.yml: for those, what to add is printed).")
def init(ci, force) -> int:
    """Write a commented .factlint.yaml, a .pre-commit-config.yaml (or add factlint's hooks to the one there)
    and a CI workflow (.github/workflows/factlint.yml, or the .gitlab-ci.yml job), at the root of the git
    repository holding the current folder (or in the current folder outside one).

    Nothing is replaced without --force, nothing is written outside that folder or through a symbolic
    link, and whatever is not written is printed so it can be pasted.

    \b
    Exit codes:
      0  done (files written, or kept and said so)
      2  a file was not written because it was unsafe (a symbolic link, not a regular file)
    """
    from factlint.init import init_project, installed_pin, next_steps

    git_root = _repo_root()
    root = git_root or Path.cwd()
    pin = installed_pin()
    steps = init_project(root, ci=ci, force=force, git=git_root is not None, pin=pin)
    out = []
    for step in steps:
        out.append(f"{step.path}: {step.done}\n")
        if step.paste:
            out.append("".join(f"    {line}" if line.strip() else line
                               for line in step.paste.splitlines(keepends=True)))
    out += [f"next: {line}\n" for line in next_steps(steps, pin, ci, root)]
    _emit("".join(out))
    return EXIT_ERROR if any(step.refused for step in steps) else EXIT_CLEAN


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


# --- entry point -----------------------------------------------------------------------------


# The collector's default (a young-generation pass every 700 net allocations) rescans the
# matcher's caches and each document's segments hundreds of times per run, ~5% of a large run.
# factlint's own data has almost no reference cycles, so far fewer passes lose nothing; mypy
# runs with the same setting. Set here, not in the library: the process belongs to the CLI.
GC_THRESHOLD = (200_000, 30, 30)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and exit: the single place where errors become messages and exit codes."""
    gc.set_threshold(*GC_THRESHOLD)
    _stop_on_signals()
    code = run(argv)
    sys.exit(code)


class Stopped(BaseException):
    """SIGTERM or SIGHUP arrived: unwind (worker processes are ended on the way) and exit 128 + signal."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _stop_on_signals() -> None:
    import signal

    def stop(signum: int, _frame: object) -> None:
        raise Stopped(signum)

    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None and signal.getsignal(number) == signal.SIG_DFL:
            signal.signal(number, stop)


def _interrupted(signum: int) -> int:
    """What an interrupted run says and returns: 130 for Ctrl-C, 143 for SIGTERM, 129 for SIGHUP."""
    import signal

    click.echo(f"factlint: interrupted by {signal.Signals(signum).name}", err=True)
    return 128 + signum


def run(argv: Sequence[str] | None = None) -> int:
    try:
        result = cli.main(args=list(argv) if argv is not None else None, prog_name="factlint",
                          standalone_mode=False)
        if sys.stdout is not None:
            sys.stdout.flush()
        return result if isinstance(result, int) else EXIT_CLEAN
    except click.ClickException as exc:  # usage errors: click prints usage + message
        exc.show()
        return EXIT_ERROR
    except click.exceptions.Abort as exc:  # click's form of Ctrl-C (or end of input at a prompt)
        if isinstance(exc.__context__, KeyboardInterrupt):
            return _interrupted(2)
        click.echo("factlint: aborted", err=True)
        return EXIT_ERROR
    except Stopped as stop:
        return _interrupted(stop.signum)
    except FactlintError as exc:
        _error(str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
        return EXIT_ERROR
    except BrokenPipeError:  # the reader went away (`factlint check . | head -1`): stop quietly
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    except KeyboardInterrupt:
        return _interrupted(2)
    except Exception as exc:  # a bug in factlint, not the user's fault
        if os.environ.get("FACTLINT_DEBUG"):
            import traceback

            traceback.print_exc()
        first = str(exc).splitlines()[0] if str(exc) else ""
        click.echo(f"factlint: internal error: {type(exc).__name__}: {visible(first)}", err=True)
        click.echo("factlint: this is a bug; please report it with the command you ran "
                   "(set FACTLINT_DEBUG=1 to see the traceback)", err=True)
        return EXIT_ERROR
