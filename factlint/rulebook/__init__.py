"""The rulebook: YAML files of facts, subjects, cue lists and rules, loaded into an immutable model.

    from factlint.rulebook import load_rulebook
    rulebook = load_rulebook()                      # the shipped rules
    rulebook = load_rulebook([Path("extra/")])      # plus every *.yaml in extra/

Every problem in a rulebook is a `factlint.errors.RulebookError` whose message is `path:line: what is wrong`.
The format is described in docs/rulebook.md.
"""

from factlint.rulebook.loader import iter_rule_examples, load_rulebook
from factlint.rulebook.locate import default_rulebook_dir
from factlint.rulebook.model import Category, Fact, Matching, Rule, Rulebook, Source, Subject
from factlint.rulebook.patterns import compile_pattern

__all__ = [
    "Category",
    "Fact",
    "Matching",
    "Rule",
    "Rulebook",
    "Source",
    "Subject",
    "compile_pattern",
    "default_rulebook_dir",
    "iter_rule_examples",
    "load_rulebook",
]
