"""`factlint validate-rules`, beyond loading: every rule's own examples must behave.

Examples are the rulebook's specification (as prh's specs are): a rule whose `flag` examples pass or
whose `pass` examples are flagged is a broken rule, reported like a schema error (`file:line: ...`). A phrase
rule's phrases are flag examples of their own: a phrase the matcher cannot find as written is a broken one.
"""

from __future__ import annotations

from factlint.documents import parse_document
from factlint.matching import Matcher
from factlint.rulebook import iter_rule_examples
from factlint.rulebook.model import Rulebook


def check_examples(rulebook: Rulebook) -> list[str]:
    """One `file:line: ...` message per example that the matcher does not treat as its rule says."""
    matcher = Matcher(rulebook)
    failures = []
    phrases = [(rule, f"{phrase}.", True)
               for rule in rulebook.rules if rule.kind == "phrase" for phrase in rule.phrases]
    for rule, sentence, should_flag in [*iter_rule_examples(rulebook), *phrases]:
        document = parse_document(sentence, "<example>", "text")
        flagged = any(rule.id in (f.rule, *f.merged) for f in matcher.check(document))
        if flagged != should_flag:
            expected = "flagged" if should_flag else "passed"
            failures.append(f"{rule.file}:{rule.line}: {rule.id} example should be {expected} but is not: "
                            f"{sentence!r}")
    return failures
