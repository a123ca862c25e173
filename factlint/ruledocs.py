"""One documentation page per rule, generated from the rulebook: docs/rules/FLxxx.md and an index.

`factlint explain RULE` prints the same page; SARIF `helpUri` and rdjsonl `code.url` link to it
(`doc_url`). A page is a list of sections, each built by one function from the Rule model; fields the
sections do not cover yet (a rule kind, a claim frame...) still appear under "Rulebook details", so a
new Rule field is documented the day it is added, and gets a section of its own when it deserves one.

    python -m factlint.ruledocs            # rewrite docs/rules/ from the shipped rulebook
    python -m factlint.ruledocs --check    # exit 1 if docs/rules/ is out of date (tests run this)
"""

from __future__ import annotations

import dataclasses
import functools
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from factlint import __version__
from factlint.findings import Severity
from factlint.rulebook.model import Rule, Rulebook

REPOSITORY = "https://github.com/factlint/factlint"
DOCS_FOLDER = "docs/rules"
INDEX = "README.md"


def doc_url(rule: Rule) -> str | None:
    """The rule's page for this version of factlint, or None for a rule that is not shipped with it."""
    if Path(rule.file).name not in _shipped_files():
        return None
    return f"{REPOSITORY}/blob/v{__version__}/{DOCS_FOLDER}/{rule.id}.md"


@functools.cache
def _shipped_files() -> frozenset[str]:
    from factlint.rulebook.locate import default_rulebook_dir, rulebook_files

    return frozenset(path.name for path in rulebook_files(default_rulebook_dir()))


# ------------------------------------------------------------------------------------------ one page

Section = Callable[[Rule, Rulebook], list[str]]


def rule_page(rule: Rule, book: Rulebook) -> str:
    """The whole Markdown page of one rule."""
    lines = [f"# {rule.id} {rule.name}", ""]
    for section in SECTIONS:
        body = section(rule, book)
        if body:
            lines += [*body, ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def _header(rule: Rule, book: Rulebook) -> list[str]:
    category = book.categories.get(rule.category)
    about = f"{category.title} (`{rule.category}`)" if category else f"`{rule.category}`"
    subjects = ", ".join(rule.subjects) if rule.subjects else "any copy, whatever drug it names"
    return [
        f"**{_md(rule.summary)}.**",
        "",
        f"- Category: {about}",
        f"- Default severity: {rule.severity.label}" + _fails_note(rule.severity),
        f"- Applies to: {_md(subjects)}",
    ]


def _fails_note(severity: Severity) -> str:
    return " (fails a run at the default `--fail-on warning`)" if severity >= Severity.WARNING else \
        " (reported; does not fail a run at the default `--fail-on warning`)"


def _what_it_checks(rule: Rule, book: Rulebook) -> list[str]:
    lines = ["## What it checks", ""]
    where = "a whole document" if rule.scope == "document" else "each sentence of the copy"
    lines.append(f"factlint reads {where} (typos, inflections and spaced-out letters are tolerated) "
                 "and flags wording such as:")
    lines.append("")
    lines += [f"- {_md(phrase)}" for phrase in rule.phrases[:12]]
    if len(rule.phrases) > 12:
        lines.append(f"- ... and {len(rule.phrases) - 12} more phrases (see the rulebook)")
    if rule.patterns:
        lines.append(f"- {len(rule.patterns)} pattern{'s' if len(rule.patterns) > 1 else ''} over the sentence "
                     "(see Rulebook details)")
    if rule.absent:
        lines += ["", "It flags a document only when none of these appears anywhere in it: "
                  + ", ".join(_md(word) for word in rule.absent) + "."]
    not_when = [f"{name} ({', '.join(_md(cue) for cue in book.cues.get(name, ())[:6])}, ...)"
                for name in rule.unless]
    if not_when:
        lines += ["", "A claim is not flagged when the sentence negates, hedges or reports it: "
                  + "; ".join(not_when) + "."]
    if rule.exceptions:
        lines += ["", "Nor when the sentence contains: " + ", ".join(_md(e) for e in rule.exceptions) + "."]
    return lines


def _why(rule: Rule, book: Rulebook) -> list[str]:
    return ["## Why", "", _md(rule.message)]


def _fact_and_source(rule: Rule, book: Rulebook) -> list[str]:
    fact = rule.fact.as_ref()
    lines = ["## The fact and its source", "", f"> {_md(fact.statement)}", ""]
    citation = fact.citation
    if citation is None:
        return [*lines, f"- Source: {_md(fact.source)}"]
    title = f"[{_md(citation.title)}]({citation.address})" if citation.address else _md(citation.title)
    rest = citation.text(address=False)[len(citation.title.rstrip(".")) + 1:].strip()
    lines.append(f"- Source: {title}." + (f" {_md(rest)}" if rest else ""))
    if citation.kind:
        kind = ("primary: the document that establishes the fact" if citation.kind == "primary"
                else "secondary: a report on the document, cited where no primary document is at hand")
        lines.append(f"- Kind: {kind}")
    if citation.note:
        lines.append(f"- Note: {_md(citation.note)}")
    quote = " ".join(fact.quote.split())
    if not quote:  # a house policy cited without its words
        pass
    elif fact.quote_via:
        lines.append(f"- Quote ({fact.quote_via}, factlint's summary of the document; words in inner quotation "
                     f"marks are the document's own): \"{_md(quote)}\"")
    else:
        lines.append(f"- Quote, verbatim: \"{_md(quote)}\"")
    return lines


def _examples(rule: Rule, book: Rulebook) -> list[str]:
    lines = ["## Examples", "", "Flagged:", ""]
    lines += [f"- {_md(example)}" for example in rule.flag_examples] or ["- (none)"]
    lines += ["", "Not flagged:", ""]
    lines += [f"- {_md(example)}" for example in rule.pass_examples] or ["- (none)"]
    return lines


def _rewrite(rule: Rule, book: Rulebook) -> list[str]:
    lines = ["## Compliant rewrite", "", _md(rule.suggestion)]
    if rule.fix is not None:
        how = "`--fix` applies it" if rule.fix.safe else "`--unsafe-fixes --fix` applies it (review it first)"
        lines += ["", f"Automatic fix: matched text that fits `{rule.fix.match}` becomes `{rule.fix.replace}`; "
                      f"{how}."]
    return lines


def _suppress(rule: Rule, book: Rulebook) -> list[str]:
    return [
        "## How to suppress it",
        "",
        "Where the claim is deliberate (a quotation you rebut, wording cleared by medical-legal review), waive it "
        "in the draft and say why after ` -- `:",
        "",
        "```markdown",
        f"<!-- factlint-disable-next-line {rule.id} -- approved by MLR, ticket 1234 -->",
        "```",
        "",
        f"For whole files, use `per-file-ignores` in the configuration (`\"press/*.md\" = [\"{rule.id}\"]`); to turn "
        f"the rule off everywhere, `ignore = [\"{rule.id}\"]` or `--ignore {rule.id}`; to change its severity, "
        f"`--severity {rule.id}=info`. Suppressed findings stay in the JSON, SARIF and HTML reports with "
        "their reason.",
    ]


# Fields the sections above show; any other non-empty field of Rule is listed under "Rulebook details".
_SHOWN = {"id", "name", "category", "severity", "summary", "message", "suggestion", "fact", "subjects",
          "flag_examples", "pass_examples", "fix", "file", "line", "scope"}


def _details(rule: Rule, book: Rulebook) -> list[str]:
    # No line number: a page should not go stale because a rule above it grew a line.
    lines = ["## Rulebook details", "", f"- Defined in: `{Path(rule.file).name}`", f"- Scope: {rule.scope}",
             f"- Fact id: `{rule.fact.id}`"]
    for field in dataclasses.fields(rule):
        if field.name in _SHOWN:
            continue
        value = getattr(rule, field.name)
        if value in (None, (), "", [], {}):
            continue
        label = field.name.replace("_", " ").capitalize()
        if isinstance(value, tuple):
            lines.append(f"- {label}: " + ", ".join(_code(item) for item in value))
        else:
            lines.append(f"- {label}: {_code(value)}")
    return lines


SECTIONS: tuple[Section, ...] = (_header, _what_it_checks, _why, _fact_and_source, _examples, _rewrite, _suppress,
                                 _details)


# ------------------------------------------------------------------------------------------ the index


def index_page(book: Rulebook) -> str:
    lines = ["# factlint rules", "",
             "One page per rule, generated from the rulebook by `python -m factlint.ruledocs` (do not edit by "
             "hand). `factlint explain RULE` prints the same page.", ""]
    for category in book.categories.values():
        rules = [rule for rule in book.rules if rule.category == category.id]
        if not rules:
            continue
        lines += [f"## {_md(category.title)} (`{category.id}`, {category.prefix}xx)", "",
                  "| Rule | Name | Severity | Summary |", "|---|---|---|---|"]
        lines += [f"| [{r.id}]({r.id}.md) | {r.name} | {r.severity.label} | {_md(r.summary).replace('|', '&#124;')} |"
                  for r in sorted(rules, key=lambda r: r.id)]
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def pages(book: Rulebook) -> dict[str, str]:
    """File name -> content, for every rule plus the index."""
    out = {INDEX: index_page(book)}
    out.update({f"{rule.id}.md": rule_page(rule, book) for rule in book.rules})
    return out


# ------------------------------------------------------------------------------------------ text helpers

_MD_SPECIAL = re.compile(r"([\\`*_<>\[\]])")


def _md(text: str) -> str:
    """Rulebook text as literal Markdown: no emphasis, links or HTML from a stray character."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def _code(value: object) -> str:
    text = " ".join(str(value).split()).replace("`", "'")
    return f"`{text}`"


# ------------------------------------------------------------------------------------------ command


def main(argv: Sequence[str] | None = None) -> int:
    import argparse

    from factlint.rulebook import load_rulebook

    parser = argparse.ArgumentParser(prog="python -m factlint.ruledocs", description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", default=DOCS_FOLDER, type=Path, help=f"default: {DOCS_FOLDER}")
    parser.add_argument("--check", action="store_true", help="report stale pages and exit 1; write nothing")
    args = parser.parse_args(argv)
    wanted = pages(load_rulebook())
    folder: Path = args.folder
    present = {path.name for path in folder.glob("*.md")} if folder.is_dir() else set()
    stale = sorted(name for name, text in wanted.items()
                   if not (folder / name).is_file() or (folder / name).read_text(encoding="utf-8") != text)
    extra = sorted(present - set(wanted))
    if args.check:
        for name in stale:
            print(f"{folder / name}: out of date", file=sys.stderr)
        for name in extra:
            print(f"{folder / name}: no such rule", file=sys.stderr)
        if stale or extra:
            print("run 'python -m factlint.ruledocs' to regenerate the rule pages", file=sys.stderr)
            return 1
        return 0
    folder.mkdir(parents=True, exist_ok=True)
    for name in stale:
        (folder / name).write_text(wanted[name], encoding="utf-8", newline="\n")
    for name in extra:
        (folder / name).unlink()
    print(f"{folder}: {len(stale)} page(s) written, {len(extra)} removed, {len(wanted)} in all")
    return 0


if __name__ == "__main__":
    sys.exit(main())
