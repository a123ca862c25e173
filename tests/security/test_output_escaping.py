"""Issue 16 items 4 and 5: nothing drawn from drafts, file names or rulebooks reaches a terminal or
a CI log raw. Control characters are shown as visible escapes, and no printed line can start a
GitHub Actions workflow command (`::error ...`, `::stop-commands::`)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from file_support import write

CLAIM = "Ketamine cures depression.\n"
FORGED = "::error file=README.md,line=1::forged"
# (file name, how factlint shows it)
HOSTILE = [
    (f"a\n{FORGED}\n.md", f"a\\n{FORGED}\\n.md"),  # a forged annotation on a line of its own
    ("::stop-commands::token.md", "\\x3a:stop-commands::token.md"),  # would silence later annotations
    ("  ::warning::indented.md", "  \\x3a:warning::indented.md"),  # the runner trims leading space
    ("b\x1b]52;c;ZXZpbA==\x07.md", "b\\x1b]52;c;ZXZpbA==\\x07.md"),  # OSC 52: writes the clipboard
    ("c\x1b[2K\x1b[1A.md", "c\\x1b[2K\\x1b[1A.md"),  # erases and moves up a line
    ("d\u202egnp.md", "d\\u202egnp.md"),  # right-to-left override: reads as "dmd.png"
    ("e\x9b31m.md", "e\\x9b31m.md"),  # C1 CSI
]
HOSTILE_NAMES = [name for name, _ in HOSTILE]
SHOWN = dict(HOSTILE)
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
OUR_COMMAND = re.compile(r"::(group|endgroup|error|warning|notice)( [^\n]*?)?::[^\n]*")


OUR_COLORS = re.compile(r"\x1b\[(?:0|1|3[1-7]|9[0-7])m")  # what --color itself writes (click.style)


def assert_safe(output: str) -> None:
    """No raw control character but factlint's own colours; no line the Actions runner would take
    for a command, except the github format's own well-formed ones."""
    bare = OUR_COLORS.sub("", output)
    assert not RAW.search(bare), RAW.findall(bare)
    for line in bare.split("\n"):
        stripped = line.lstrip()
        if stripped.startswith("::"):
            assert OUR_COMMAND.fullmatch(stripped), line


def commands(output: str) -> list[str]:
    return [line.lstrip() for line in output.split("\n") if line.lstrip().startswith("::")]


@pytest.mark.parametrize("name", HOSTILE_NAMES, ids=repr)
def test_a_hostile_file_name_is_escaped_in_the_text_report(run_cli, tmp_path: Path, name: str) -> None:
    write(tmp_path / name, CLAIM)  # in the current folder: the report's lines start with the name
    code, out, err = run_cli("check", ".", "--no-color")
    assert code == 1, err
    assert_safe(out + err)
    assert not commands(out + err)
    assert f"\n{SHOWN[name]}:1:10: FL401" in "\n" + out


@pytest.mark.parametrize("name", HOSTILE_NAMES, ids=repr)
def test_a_hostile_file_name_cannot_forge_a_github_annotation(run_cli, tmp_path: Path, name: str) -> None:
    write(tmp_path / "site" / name, CLAIM)
    code, out, err = run_cli("check", "site", "--format", "github")
    assert code == 1, err
    assert_safe(out + err)
    kinds = [re.match(r"::(\w[\w-]*)", line).group(1) for line in commands(out)]
    assert kinds.count("group") == 1 and kinds.count("endgroup") == 1 and "stop-commands" not in kinds
    files = [dict(p.split("=", 1) for p in line.split("::")[1].split(" ", 1)[1].split(",")).get("file")
             for line in commands(out) if " " in line.split("::")[1]]
    assert "README.md" not in files  # no forged annotation


@pytest.mark.parametrize("name", HOSTILE_NAMES[:3], ids=repr)
def test_hostile_names_are_escaped_on_stderr_and_in_skipped_lines(run_cli, tmp_path: Path, name: str) -> None:
    write(tmp_path / "site" / ("binary-" + name), b"\x89PNG\r\n\x1a\n\x00\x00")
    os.symlink("nowhere", tmp_path / "site" / ("missing-" + name))
    code, out, err = run_cli("check", "site", str(Path("site") / ("gone-" + name)), "--no-color")
    assert code == 2
    assert_safe(out + err)
    assert not commands(out + err)
    inline = SHOWN[name].replace("\\x3a:", "::")  # inside a line, "::" is harmless
    assert f"skipped: site/binary-{inline} (binary file" in out
    assert f"factlint: error: site/gone-{inline}: no such file or directory" in err


def test_terminal_escapes_in_a_draft_are_shown_not_run(run_cli, tmp_path: Path) -> None:
    write(tmp_path / "a.md", "Ketamine cures\x1b]52;c;ZXZpbA==\x07 depression.\n"
                             "Ketamine \u202ecures depression \x1b[8mhidden\x1b[0m.\n")
    for args in (["--no-color"], ["--color"], ["--format", "github"]):
        code, out, err = run_cli("check", "a.md", *args)
        assert code == 1, err
        assert_safe(out + err)
        assert "\\x1b]52;c;ZXZpbA==\\x07" in out


RULES = r"""
rules:
  - id: FL499
    name: miracle-word
    category: unsupported-claim
    severity: error
    summary: "Calls a drug a \e[2Kmiracle"
    phrases: [miracle]
    message: "No drug is a miracle.\e]52;c;ZXZpbA==\a \u202Elive"
    suggestion: "Say what it does.\n::error file=README.md::forged"
    fact: mechanism-not-fully-understood
    examples: {flag: [Ketamine is a miracle.], pass: [Ketamine is a treatment.]}
"""


@pytest.mark.parametrize("command", [
    ["check", "b.md", "--no-color"], ["check", "b.md", "--format", "github"], ["rules"], ["explain", "FL499"],
])
def test_text_from_a_rulebook_is_escaped(run_cli, tmp_path: Path, command: list[str]) -> None:
    write(tmp_path / "rules.yaml", RULES)
    write(tmp_path / "b.md", "Ketamine is a miracle.\n")
    code, out, err = run_cli(*command, "--rules", "rules.yaml")
    assert code in (0, 1), err
    assert_safe(out + err)
    assert "\\x1b" in out
