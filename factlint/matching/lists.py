"""Lists that continue a claim: "Conditions ketamine can treat" followed by "- PTSD", "- Chronic pain".

A heading, or a sentence ending in a colon, that claims treatment (a treat word, a treat-noun, a list-intro
word such as "Uses" or "Conditions we treat") introduces the list after it. Each item that names conditions
without a claim of its own completes the intro's claim for those conditions: "What we treat" + "- PTSD" claims
the clinic treats PTSD. Each item is judged on its own, with the intro's drug and assertion status
("Ketamine may help with:" hedges the whole list), and reported at the item's own words: that is the line a
reviewer marks and the copywriter edits, and an item the facts support ("- Treatment-resistant depression")
passes while its neighbours do not.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from factlint.matching.assertion import Assertion
from factlint.matching.frames import Context, Frame, from_context
from factlint.matching.sentence import Sentence
from factlint.matching.vocabulary import Mention

INTRO_CLASSES = ("treat", "treat-noun", "treat-short", "list-intro")


@dataclass(frozen=True, slots=True)
class ListItem:
    conditions: tuple[Mention, ...]  # the conditions the item names
    where: Any  # where the item's sentence is in the file (engine._Where), for the finding's position


@dataclass(slots=True)
class ListIntro:
    drug: str | None
    status: frozenset[str]
    anchor: Mention  # the intro's claim word ("treat", "Uses")
    items: list[ListItem] = field(default_factory=list)  # the items that complete its claim


def intro_of(sentence: Sentence, assertion: Assertion, context: Context, heading: bool) -> ListIntro | None:
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
    return ListIntro(drug, assertion.status(anchor.first, set(range(anchor.first, anchor.last + 1))), anchor)


def add_item(intro: ListIntro, sentence: Sentence, where: Any) -> None:
    """A list item that names conditions completes the intro's claim, unless it makes a claim of its own."""
    if not any(sentence.has(cls) for cls in ("treat", "treat-noun", "approval")):
        conditions = tuple(m for m in sentence.of("condition") if m.entity is not None)
        if conditions:
            intro.items.append(ListItem(conditions, where))


def item_frames(intro: ListIntro) -> list[tuple[Frame, Any]]:
    """The intro's claim for each item's conditions, positioned at the item's words, with where the item is."""
    frames = []
    for item in intro.items:
        first, last = item.conditions[0].first, item.conditions[-1].last
        frame = Frame("treats", intro.anchor, set(range(first, last + 1)), "treat", drug=intro.drug,
                      drug_from="list", first=first, last=last, core_first=first, core_last=last,
                      status=intro.status)
        frame.conditions = list(dict.fromkeys(m.entity for m in item.conditions if m.entity is not None))
        frame.health = True
        frames.append((frame, item.where))
    return frames
