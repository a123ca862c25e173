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

from factlint.matching.assertion import QUESTION, Assertion
from factlint.matching.frames import EXCUSES, Context, Frame, from_context, recipients
from factlint.matching.sentence import Sentence
from factlint.matching.vocabulary import Mention

TREAT_INTRO = ("treat", "treat-noun", "treat-short", "list-intro")  # "Conditions we treat:", "Uses"
ELIGIBILITY_INTRO = ("qualify", "availability")  # "Who can receive it?", "You may qualify if you are:"
INTRO_CLASSES = TREAT_INTRO + ELIGIBILITY_INTRO
# what a list item adds to each kind of intro's claim
ITEM_CLASSES = ("condition", "population", "age-word")


@dataclass(frozen=True, slots=True)
class ListItem:
    named: tuple[Mention, ...]  # what the item names: conditions, or populations (under an eligibility intro)
    where: Any  # where the item's sentence is in the file (engine._Where), for the finding's position


@dataclass(slots=True)
class ListIntro:
    drug: str | None
    status: frozenset[str]
    anchor: Mention  # the intro's claim word ("treat", "Uses", "can receive")
    claim: str = "treat"  # "treat": items name conditions; "population": items name who may get the drug
    items: list[ListItem] = field(default_factory=list)  # the items that complete its claim


def intro_of(sentence: Sentence, assertion: Assertion, context: Context, heading: bool) -> ListIntro | None:
    """The list intro this sentence makes, if it is a heading or ends in a colon and claims treatment."""
    if not heading and not sentence.text.rstrip().endswith(":"):
        return None
    claim = "treat"
    anchors = [m for cls in TREAT_INTRO for m in sentence.of(cls)]
    anchors += [m for m in sentence.of("condition") if m.entity == "mental-health-conditions"]
    if not anchors:
        claim = "population"
        anchors = [m for cls in ELIGIBILITY_INTRO for m in sentence.of(cls)]
    if not anchors:
        return None
    anchor = min(anchors, key=lambda m: m.first)
    drugs = sentence.of("drug")
    drug = drugs[0].entity if drugs else from_context(sentence, context, True)[0]
    # a heading that asks ("What can ketamine treat?", "Who can receive it?") is answered by its list
    status = assertion.status(anchor.first, set(range(anchor.first, anchor.last + 1))) - {QUESTION}
    return ListIntro(drug, status, anchor, claim)


def add_item(intro: ListIntro, sentence: Sentence, assertion: Assertion, where: Any) -> None:
    """A list item that names conditions (or, under an eligibility intro, a population under 18 or pregnant)
    completes the intro's claim, unless it makes a claim of its own or its own words excuse what it names
    ("- Not recommended in pregnancy")."""
    if any(sentence.has(cls) for cls in _OWN_CONTENT):
        return
    if intro.claim == "treat":
        named = tuple(m for m in sentence.of("condition") if m.entity is not None)
    else:
        named = tuple(recipients(sentence))
    if not named or not _names_first(sentence, named[0]):
        return
    excuses = EXCUSES["treats" if intro.claim == "treat" else "eligibility"]
    if any(assertion.status(m.first, set(range(m.first, m.last + 1))) & excuses for m in named):
        return
    intro.items.append(ListItem(named, where))


# An item with a claim, a drug or a risk of its own says more than what the intro's claim is about.
_OWN_CONTENT = ("treat", "treat-noun", "approval", "drug", "risk", "addiction-risk")
_HEAD_REACH = 3  # an item that names what the intro is about does so in its first few words


def _names_first(sentence: Sentence, first: Mention) -> bool:
    """The item is a name ("- PTSD", "- Chronic pain conditions (such as CRPS)", "- Teens 14 and older"), not a
    labelled sentence about something else ("- **Stress:** Many people find that a walk helps")."""
    if first.first > _HEAD_REACH:
        return False
    label, colon, rest = sentence.text.partition(":")
    return not colon or len(rest.split()) <= _HEAD_REACH


def item_frames(intro: ListIntro) -> list[tuple[Frame, Any]]:
    """The intro's claim for each item's conditions, positioned at the item's words, with where the item is."""
    frames = []
    for item in intro.items:
        first, last = item.named[0].first, item.named[-1].last
        kind = "treats" if intro.claim == "treat" else "eligibility"
        frame = Frame(kind, intro.anchor, set(range(first, last + 1)), intro.claim, drug=intro.drug,
                      drug_from="list", first=first, last=last, core_first=first, core_last=last,
                      status=intro.status)
        named = list(dict.fromkeys(m.entity for m in item.named if m.entity is not None))
        if kind == "treats":
            frame.conditions = named
        else:
            frame.populations = named
        frame.health = True
        frames.append((frame, item.where))
    return frames
