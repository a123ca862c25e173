"""Lists that continue a claim: "Conditions ketamine can treat" followed by "- PTSD", "- Chronic pain".

A heading, or a sentence ending in a colon, that claims treatment (a treat word, a treat-noun, a list-intro
word such as "Uses" or "Conditions we treat") introduces the list after it. The conditions its items name
without a claim of their own are the intro's claim: one claim, reported once at the intro when the list ends,
with the intro's drug and assertion status ("Ketamine may help with:" makes the whole list hedged).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from factlint.matching.assertion import Assertion
from factlint.matching.frames import Context, Frame, from_context
from factlint.matching.sentence import Sentence
from factlint.matching.vocabulary import Mention

INTRO_CLASSES = ("treat", "treat-noun", "treat-short", "list-intro")


@dataclass(slots=True)
class ListIntro:
    drug: str | None
    status: frozenset[str]
    anchor: Mention  # the intro's claim word ("treat", "Uses")
    where: Any  # where the intro sentence is in the file (engine._Where), for the finding's position
    conditions: list[Mention] = field(default_factory=list)  # what the list's items name


def intro_of(sentence: Sentence, assertion: Assertion, context: Context, heading: bool,
             where: Any) -> ListIntro | None:
    """The list intro this sentence makes, if it is a heading or ends in a colon and claims treatment."""
    if not heading and not sentence.text.rstrip().endswith(":"):
        return None
    anchors = [m for cls in INTRO_CLASSES for m in sentence.of(cls)]
    anchors += [m for m in sentence.of("condition") if m.entity == "mental-health-conditions"]
    if not anchors:
        return None
    anchor = min(anchors, key=lambda m: m.first)
    drugs = sentence.of("drug")
    drug = drugs[0].entity if drugs else from_context(sentence, context, True)[0]
    return ListIntro(drug, assertion.status(anchor.first, set(range(anchor.first, anchor.last + 1))), anchor,
                     where)


def add_item(intro: ListIntro, sentence: Sentence) -> None:
    """A list item's conditions join the intro's claim, unless the item makes a claim of its own."""
    if not any(sentence.has(cls) for cls in ("treat", "treat-noun", "approval")):
        intro.conditions.extend(sentence.of("condition"))


def list_frame(intro: ListIntro) -> Frame | None:
    """The intro's claim about every condition its list named, positioned at the intro's claim word."""
    if not intro.conditions:
        return None
    anchor = intro.anchor
    frame = Frame("treats", anchor, set(range(anchor.first, anchor.last + 1)), "treat", drug=intro.drug,
                  drug_from="list", first=anchor.first, last=anchor.last, core_first=anchor.first,
                  core_last=anchor.last, status=intro.status)
    frame.conditions = list(dict.fromkeys(m.entity for m in intro.conditions if m.entity is not None))
    frame.health = True
    return frame
