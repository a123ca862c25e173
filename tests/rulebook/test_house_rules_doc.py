"""docs/rulebook.md "House rules in five minutes": its rulebook, copied as written, is under ten lines, loads, and
flags what the section says it flags."""

from __future__ import annotations

import re

from project import REPO

from factlint.documents import parse_document
from factlint.matching import Matcher
from factlint.rulebook import load_rulebook


def section_rulebook() -> str:
    doc = (REPO / "docs" / "rulebook.md").read_text(encoding="utf-8")
    section = doc.split("## House rules in five minutes", 1)[1].split("\n## ", 1)[0]
    match = re.search(r"```yaml\n(.*?)```", section, re.S)
    assert match is not None
    return match.group(1)


def test_the_documented_house_rule_works_as_written(tmp_path) -> None:
    text = section_rulebook()
    assert len(text.splitlines()) < 10
    path = tmp_path / "house-rules.yaml"
    path.write_text(text, encoding="utf-8")
    matcher = Matcher(load_rulebook([path]))

    def house(draft: str) -> list[str]:
        found = matcher.check(parse_document(draft, "page.md", "markdown"))
        return [f.text for f in found if "ACME001" in (f.rule, *f.merged)]

    for draft, wording in (("Sameday relief!", "Sameday relief"), ("Same day relief.", "Same day relief"),
                           ("SAME-DAY RELIEF.", "SAME-DAY RELIEF"), ("Book: same-day releif.", "same-day releif")):
        assert house(draft) == [wording]
    assert house("Same-day appointments, and relief may take days.") == []
    assert house("We never promise same-day relief.") == []
