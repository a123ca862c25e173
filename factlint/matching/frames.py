"""Claim frames: what a sentence claims, as a frame with parts found in the sentence or the page topic.

A frame starts at a trigger (a term of one of its vocabulary classes) and collects its parts from the
trigger's clause: the drug (else the paragraph's, section's or page's drug, see topic.py), the conditions,
populations, settings and agencies named, a year. Each part keeps only the mentions the copy asserts: a
condition under "not" or "off-label" is not claimed. The frame's own assertion status comes from the cues
that reach its trigger (assertion.py); what it means against the fact base is decided in verdict.py.

| frame        | trigger classes (vocabulary)                                            |
|--------------|--------------------------------------------------------------------------|
| approval     | approval                                                                 |
| treats       | treat; treat-short in short copy; a condition followed by a treat-noun   |
| efficacy     | cure, permanence, durability, speed, miracle, intensifier, superlative, superiority,      |
|              | certainty, proven; a rate (rate-quantity with a rate-outcome); "in 20 minutes"; "for months" |
| safety       | safe-claim; a risk with a minimizer; safety-noun with safety-affirm      |
| eligibility  | first-line, no-supervision, home-use; a population in a treatment claim  |
| neuro        | neuro-growth; neuro-change or neuro-new with a neuro-object              |
| experimental | any of the above about an investigational drug; availability             |
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from factlint.matching.assertion import (
    ANIMAL,
    HEDGED,
    HISTORICAL,
    HYPE,
    NEGATED,
    OFF_LABEL,
    REFUTED,
    RESEARCH,
    Assertion,
)
from factlint.matching.sentence import Sentence
from factlint.matching.topic import KIN
from factlint.matching.vocabulary import Mention

EFFICACY_CLASSES = ("cure", "permanence", "durability", "durability-weak", "speed", "miracle", "intensifier",
                    "superlative", "superiority", "certainty", "proven")
NEEDS_OUTCOME = frozenset(("durability-weak", "speed", "proven", "superiority"))  # need a benefit word nearby
_SPEED_PREPOSITIONS = frozenset(("in", "within", "just", "only", "under"))
_DURATION_VERBS = frozenset(("for", "lasting", "last", "lasts", "lasted", "persist", "persists", "persisting",
                             "held", "hold", "holds"))
_DURATION_FILLERS = frozenset(("up", "to", "as", "long", "several", "many", "more", "than", "over", "a", "few",
                               "two", "three", "four", "six", "twelve", "of"))
_OBJECT_REACH = 3  # tokens from a verb to its object ("ends your treatment-resistant depression")
_STATE_WORDS = frozenset(("is", "was", "were", "are", "has", "had", "have", "been", "simply", "completely", "just",
                          "totally", "all", "finally", "now", "entirely", "fully", "basically"))
_DETERMINERS = frozenset(("the", "a", "an", "your", "their", "his", "her", "my", "our", "all", "of", "any", "that"))
_RATE_REACH = 12  # tokens between a rate's quantity and its outcome (about a clause)
_RISK_CLASSES = (("risk", "minimized-risk"), ("addiction-risk", "minimized-addiction"),
                 ("breathing-risk", "minimized-breathing"))
_YEAR = re.compile(r"\b(19[0-9]{2}|20[0-9]{2})(s?)\b")
_NEURO_GAP = 4  # tokens between a neuro-change verb and its object
_MINIMIZER_REACH = {"rarely": 6, "seldom": 6, "lack": 6, "lacks": 6, "free": 6, "without": 6, "minus": 6,
                    "none": 6, "sidestep": 6, "avoid": 6, "avoids": 6, "avoiding": 6, "spare": 6, "spares": 6,
                    "escape": 6}
# A risk then a minimizer joined by a verb "to be" and degree words: "side effects are so rare", "the risk
# is extremely low" (a minimizer-after phrase covers the plain "are rare").
_COPULA_DEGREE = frozenset(("is", "are", "was", "were", "be", "been", "so", "very", "extremely", "incredibly",
                            "exceedingly", "remarkably", "really", "quite", "truly", "generally", "usually",
                            "typically", "also", "too"))
# Words that may stand between "no"/"few" and a risk ("no known side effects", "few serious risks").
_RISK_MODIFIERS = frozenset(("known", "serious", "significant", "major", "long-term", "long", "term", "lasting",
                             "unwanted", "unpleasant", "negative", "bad", "real", "any", "of", "the", "its", "their",
                             "potential", "reported", "common", "such", "noticeable", "lingering", "harmful",
                             "adverse", "major", "other", "or", "and", "abuse", "addiction", "to", "ketamine's", "your",
                             "lasting", "dangerous", "side"))


@dataclass(slots=True)
class Frame:
    """One claim of a sentence."""

    kind: str  # approval | treats | efficacy | safety | eligibility | neuro | experimental
    trigger: Mention
    own: set[int]  # tokens of the claim's own wording: never cues for it
    claim: str  # the trigger's vocabulary class ("cure", "rate", "home-use"...)
    drug: str | None = None
    drug_from: str = "sentence"  # sentence | paragraph | section | page | none
    conditions: list[str] = field(default_factory=list)
    populations: list[str] = field(default_factory=list)
    settings: list[str] = field(default_factory=list)
    agencies: list[str] = field(default_factory=list)
    year: int | None = None
    decade: bool = False  # the year is a decade ("the 1960s")
    monotherapy: bool = False
    safe_history: bool = False  # a "safe" claim about anaesthetic use and its long record
    health: bool = False  # the sentence is about a treatment, a condition or its outcome
    pronoun: bool = False  # the sentence refers to a treatment without naming it ("it", "the drug")
    status: frozenset[str] = frozenset()
    first: int = 0  # token span shown as the finding
    last: int = 0
    core_first: int = 0  # the claim's own words (trigger and wording): findings that share them are one claim
    core_last: int = 0
    co_drugs: list[str] = field(default_factory=list)  # drugs coordinated with `drug`: "ketamine and esketamine"


@dataclass(frozen=True, slots=True)
class Context:
    """What the page says the sentence is about when the sentence does not name a drug."""

    paragraph_drug: str | None = None  # named earlier in the same paragraph
    section_drug: str | None = None  # named in the headings above
    page_drug: str | None = None  # the drug the page is about
    short: bool = False  # a heading, title, list item, table cell or short line: "for" can claim
    investigational: frozenset[str] = frozenset()  # drug ids of investigational compounds
    brand: tuple[str, ...] = ()  # the page's own name, lower-case words ("tidewell"): it speaks as "we"

    def nearby(self) -> list[tuple[str, str]]:
        """The drugs around the sentence, nearest first, each with where it comes from."""
        return [(drug, source) for drug, source in ((self.paragraph_drug, "paragraph"),
                                                    (self.section_drug, "section"), (self.page_drug, "page"))
                if drug is not None]


class FrameFinder:
    """Finds the frames of a sentence. Built once per rulebook with the trigger classes in use."""

    def __init__(self, parents: dict[str, str | None], extra_triggers: dict[str, frozenset[str]] | None = None) -> None:
        self.parents = parents  # entity id -> parent id: a claim names the narrowest condition it says
        self._finders: tuple[tuple[Callable[[Sentence, Assertion, Context], Iterable[Frame]], frozenset[str]], ...] = (
            (self._approval, frozenset(("approval", "approval-weak"))),
            (self._treats, frozenset(("treat", "treat-short", "treat-noun"))),
            (self._efficacy, frozenset((*EFFICACY_CLASSES, "rate-quantity", "speed-unit", "duration-unit", "gone"))),
            (self._safety, frozenset(("safe-claim", "safety-noun", "no-addiction", "risk", "addiction-risk",
                                      "breathing-risk"))),
            (self._eligibility, frozenset(("first-line", "no-supervision", "home-use", "supervision-minimizer",
                                           "population", "too-few-trials", "age-word"))),
            (self._neuro, frozenset(("neuro-growth", "neuro-object"))),
            (self._availability, frozenset(("availability", "stage-claim"))),
        )
        # a house class a claim rule names (one no finder reads) makes a frame wherever it occurs
        built_in = frozenset().union(*(classes for _, classes in self._finders))
        self.extra = {kind: classes - built_in for kind, classes in (extra_triggers or {}).items()}
        # a sentence with none of these classes holds no claim frame (most sentences): not looked at further
        self.triggers = built_in | {cls for classes in self.extra.values() for cls in classes}
        self._alone = ALONE | {cls for classes in self.extra.values() for cls in classes}

    def could_claim(self, sentence: Sentence, investigational: frozenset[str]) -> bool:
        """Whether some finder may find a frame here: a trigger class that makes a claim alone ("cures",
        "FDA-approved"), or one together with what it needs ("helps" with a condition, "side effects" with
        "no"). Most sentences fail this at once and are not looked at further."""
        present = sentence.by_class.keys()
        if not self._alone.isdisjoint(present):
            return True
        for needs in TOGETHER:  # loops, not all() of a generator: this runs for every sentence read
            for group in needs:
                if group.isdisjoint(present):
                    break
            else:
                return True
        return "availability" in present and any(m.entity in investigational for m in sentence.of("drug"))

    def find(self, sentence: Sentence, assertion: Assertion, context: Context) -> list[Frame]:
        frames: list[Frame] = []
        present = sentence.by_class.keys()
        # each finder only where its trigger classes are present (most sentences have one or two)
        for finder, classes in self._finders:
            if not classes.isdisjoint(present):
                frames.extend(finder(sentence, assertion, context))
        for kind, classes in self.extra.items():  # house classes a claim rule names
            for cls in classes:
                frames.extend(_simple(kind, m, cls) for m in sentence.of(cls))
        if not sentence.has("condition"):
            # a treatment claim with no condition is dropped below whatever its parts: not worth filling in
            frames = [f for f in frames if f.kind != "treats"]
        for frame in frames:
            self._fill(frame, sentence, assertion, context)
        # "Both ketamine and esketamine were approved in 2019": the claim, once for each drug
        frames.extend(replace(f, drug=d, co_drugs=[]) for f in list(frames) for d in f.co_drugs)
        # "Ketamine for ..." claims nothing until it names a condition; nor does a heading "Healing, from home"
        # that names neither a condition nor the treatment (only the page knows the drug)
        frames = [f for f in frames if not (f.kind == "treats" or f.claim.startswith("treats:")) or f.conditions]
        frames = [f for f in frames if not (f.claim == "cure" and f.drug_from in ("section", "page")
                                             and not sentence.has("condition") and not sentence.has("treatment-word"))]
        # "approved to treat PTSD", "approved for teens": the treatment and the population are the approval's
        approvals = [(f.first, f.last) for f in frames if f.kind == "approval"]
        if approvals:
            frames = [f for f in frames if not (
                (f.kind == "treats" or f.claim == "population")
                and any(a <= f.trigger.first <= b for a, b in approvals))]
        return frames

    # -- triggers ------------------------------------------------------------------------------

    def _approval(self, sentence: Sentence, assertion: Assertion, context: Context) -> Iterable[Frame]:
        for m in sentence.of("approval"):
            yield _simple("approval", m, "approval")
        agencies = {sentence.clauses[a.first] for a in sentence.of("agency")}
        for m in sentence.of("approval-weak"):
            if sentence.clauses[m.first] in agencies:
                yield _simple("approval", m, "approval")

    def _treats(self, sentence: Sentence, assertion: Assertion, context: Context) -> Iterable[Frame]:
        for m in sentence.of("treat"):
            yield _simple("treats", m, "treat")
        for m in sentence.of("treat-short"):
            # "Ketamine for PTSD", "Relief for anxiety", "For PTSD and OCD" in short copy; in any copy, the drug
            # named right before it ("Now offering Spravato for generalized anxiety disorder")
            if (_offered_for(sentence, m) if context.short else _named_drug_before(sentence, m.first)):
                yield _simple("treats", m, "treat")
        for m in sentence.of("eliminate"):  # "ends treatment-resistant depression": a cure
            if _beside_condition(sentence, m, _DETERMINERS, before=False):
                yield _simple("efficacy", m, "cure")
        nouns = {m.first: m for m in sentence.of("treat-noun")}
        for condition in sentence.of("condition"):
            noun = nouns.get(condition.last + 1)
            if noun is not None:
                yield _simple("treats", noun, "treat")

    def _efficacy(self, sentence: Sentence, assertion: Assertion, context: Context) -> Iterable[Frame]:
        for m in sentence.of("gone"):  # "my anxiety was simply gone": a cure
            if _beside_condition(sentence, m, _STATE_WORDS, before=True):
                yield _simple("efficacy", m, "cure")
        benefit = any(sentence.has(c) for c in ("rate-outcome", "treat", "condition", "safe-claim"))
        outcome = benefit or sentence.has("drug")
        for cls in EFFICACY_CLASSES:
            if cls in NEEDS_OUTCOME and not outcome:
                continue
            for m in sentence.of(cls):
                if cls == "durability-weak" and (not benefit or (m.first == 0 and _comma_after(sentence, m))):
                    # "our ketamine clinic has been open for years" lasts nothing; "For years, the treatment of
                    # depression has focused on ..." is the past, set apart
                    continue
                yield _simple("efficacy", m, cls)
        words = sentence.words
        for unit in sentence.of("duration-unit"):  # "for 1-3 months", "lasting up to 15 weeks"
            i = unit.first - 1
            while i >= 0 and unit.first - i <= 5 and (words[i].isdigit() or words[i] in _DURATION_FILLERS):
                i -= 1
            # "benefits held for 15 weeks" is a claim; "used off-label for many years" is history
            if i >= 0 and i < unit.first - 1 and words[i] in _DURATION_VERBS and sentence.has("rate-outcome"):
                frame = _simple("efficacy", unit, "durability")
                frame.first = i
                yield frame
        for unit in sentence.of("speed-unit"):  # "in 20 minutes", "within 40 minutes"
            i = unit.first
            if i >= 2 and words[i - 1].isdigit() and words[i - 2] in _SPEED_PREPOSITIONS and outcome:
                frame = _simple("efficacy", unit, "speed")
                frame.first = i - 2
                yield frame
        quantities = sentence.of("rate-quantity")
        if quantities:
            # "side effects" is a risk, not an outcome ("effects" shares the stem of "effective")
            risky = {i for cls, _ in _RISK_CLASSES for m in sentence.of(cls) for i in range(m.first, m.last + 1)}
            outcomes = [o for o in sentence.of("rate-outcome") if o.first not in risky]
            for q in quantities:
                for o in outcomes:
                    # the rate's own outcome: "9 in 10 patients feel better", "a 70% response rate"; not
                    # "most people start with two sessions ... based on how they respond"
                    if sentence.clauses[o.first] != sentence.clauses[q.first] or not (
                            -_RATE_REACH <= o.first - q.last <= _RATE_REACH):
                        continue
                    # "30% never reach remission" reports failure, not success
                    if NEGATED in assertion.status(o.first, set(range(q.first, q.last + 1))):
                        continue
                    yield _simple("efficacy", q, "rate", o if abs(o.first - q.last) <= 6 else None)
                    break

    def _safety(self, sentence: Sentence, assertion: Assertion, context: Context) -> Iterable[Frame]:
        for m in sentence.of("safe-claim"):
            yield _simple("safety", m, "safe-claim")
        for m in sentence.of("no-addiction"):
            yield _simple("safety", m, "minimized-addiction")
        for noun in sentence.of("safety-noun"):
            for affirm in sentence.of("safety-affirm"):
                # "its safety is not established" denies the claim
                wording = set(range(noun.first, noun.last + 1)) | set(range(affirm.first, affirm.last + 1))
                phrases = sentence.phrases
                if phrases[affirm.first] == phrases[noun.first] and abs(affirm.first - noun.first) <= 5 and (
                        NEGATED not in assertion.status(affirm.first, wording)):
                    yield _simple("safety", noun, "safe-claim", affirm)
                    break
        claimed = {i for m in sentence.of("safe-claim") for i in range(m.first, m.last + 1)}
        risks = [(m, claim) for cls, claim in _RISK_CLASSES for m in sentence.of(cls) if m.first not in claimed]
        if not risks:
            return
        risks.sort(key=lambda r: r[0].first)
        words, phrases = sentence.words, sentence.phrases
        for minimizer in sentence.of("minimizer"):
            reach = _MINIMIZER_REACH.get(words[minimizer.first], 0)
            for risk, claim in risks:
                if risk.first <= minimizer.last or phrases[risk.first] != phrases[minimizer.last]:
                    continue
                between = range(minimizer.last + 1, risk.first)
                if len(between) <= reach or all(words[i] in _RISK_MODIFIERS for i in between):
                    yield _simple("safety", risk, claim, minimizer)
                    break
        for after in sentence.of("minimizer-after"):
            for risk, claim in risks:
                if risk.last < after.first and after.first - risk.last <= 4 and (
                        sentence.clauses[risk.last] == sentence.clauses[after.first]):
                    yield _simple("safety", risk, claim, after)
                    break
        for minimizer in sentence.of("minimizer"):
            for risk, claim in risks:
                between = range(risk.last + 1, minimizer.first)
                if 2 <= len(between) <= 4 and words[between[0]] in _COPULA_DEGREE and all(
                        words[i] in _COPULA_DEGREE for i in between):
                    yield _simple("safety", risk, claim, minimizer)
                    break

    def _eligibility(self, sentence: Sentence, assertion: Assertion, context: Context) -> Iterable[Frame]:
        for cls in ("first-line", "no-supervision"):
            for m in sentence.of(cls):
                yield _simple("eligibility", m, cls)
        # clause numbers only where a part needs them: many sentences sent here have none of these parts
        home = sentence.of("home-use")
        if home:
            delivery = {m.first for m in sentence.of("delivery")}
            near = [m.first for m in sentence.of("drug")]
            clauses = sentence.clauses
            used = {clauses[m.first] for m in sentence.of("use-verb")}
            for m in home:
                # "rest at home" is logistics; "use your spray at home", "Spravato at home", "shipped" are claims
                if (m.first in delivery or context.short or clauses[m.first] in used
                        or any(abs(i - m.first) <= 2 for i in near)):
                    yield _simple("eligibility", m, "home-use")
        supervision = sentence.of("supervision")
        for minimizer in sentence.of("supervision-minimizer"):
            for noun in supervision:
                if 0 < noun.first - minimizer.last <= 3 and (
                        sentence.clauses[noun.first] == sentence.clauses[minimizer.first]):
                    yield _simple("eligibility", minimizer, "no-supervision", noun)
                    break
        if sentence.has("qualify") or sentence.has("drug"):  # "one antidepressant is enough to qualify"
            for m in sentence.of("too-few-trials"):
                yield _simple("eligibility", m, "first-line")
        if any(sentence.has(cls) for cls in _GIVEN):  # "teens 14+ can get Spravato", "for teens"
            for m in recipients(sentence):
                yield _simple("eligibility", m, "population")

    def _neuro(self, sentence: Sentence, assertion: Assertion, context: Context) -> Iterable[Frame]:
        for m in sentence.of("neuro-growth"):
            yield _simple("neuro", m, "neuro")
        objects = sentence.of("neuro-object")
        if not objects:
            return
        phrases = sentence.phrases
        taken: set[int] = set()
        for verb in sentence.of("neuro-change"):
            for obj in objects:
                ahead = 0 < obj.first - verb.last <= _NEURO_GAP
                behind = 0 < verb.first - obj.last <= 3  # "neurons are repaired"
                if (ahead or behind) and phrases[obj.first] == phrases[verb.first] and obj.first not in taken:
                    taken.add(obj.first)
                    yield _simple("neuro", verb, "neuro", obj)
                    break
        for new in sentence.of("neuro-new"):
            for obj in objects:
                if 0 < obj.first - new.last <= 2 and obj.first not in taken:
                    taken.add(obj.first)
                    yield _simple("neuro", new, "neuro", obj)
                    break

    def _availability(self, sentence: Sentence, assertion: Assertion, context: Context) -> Iterable[Frame]:
        if not context.investigational:
            return
        drugs = [m for m in sentence.of("drug") if m.entity in context.investigational]
        if not drugs:
            return
        for m in sentence.of("availability"):
            yield _simple("experimental", m, "availability")
        for m in sentence.of("stage-claim"):  # "has completed clinical testing"
            yield _simple("experimental", m, "stage-claim")

    # -- parts ---------------------------------------------------------------------------------

    def _fill(self, frame: Frame, sentence: Sentence, assertion: Assertion, context: Context) -> None:
        trigger = frame.trigger
        clause_of, phrase_of = sentence.clauses, sentence.phrases  # properties: looked up once here
        clause = clause_of[trigger.first]
        own = frame.own
        frame.core_first, frame.core_last = frame.first, frame.last
        # the drug: in the trigger's clause, else in the sentence, else from the page
        drugs = [m for m in sentence.of("drug") if m.first not in own]
        if frame.kind == "experimental":  # found only because an investigational drug is named: that one
            drugs = [m for m in drugs if m.entity in context.investigational] or drugs
        elif frame.kind == "safety":  # "X avoids ketamine's side effects": ketamine owns the risk; X claims
            drugs = [m for m in drugs if not (frame.first < m.first < frame.last
                                              and sentence.words[m.last].endswith("'s"))] or drugs
        if len(drugs) > 1:  # "works like ketamine", "faster than Spravato": the other drug is a comparator
            drugs = [m for m in drugs if not _comparator(sentence, m.first)] or drugs
        in_clause = [m for m in drugs if clause_of[m.first] == clause]
        if in_clause:  # the nearest, but not one named as "of ketamine" ("arketamine, the R-form of ketamine")
            chosen = _nearest([m for m in in_clause if not _of(sentence, m)] or in_clause, frame.first)
        else:  # the claim's clause says "it": the sentence's subject, not a drug named as "of ketamine"
            # nor one named after a semicolon that follows the claim ("seek help right away; ketamine is ...")
            drugs = [m for m in drugs
                     if m.first < trigger.first or not _semicolon_between(sentence, trigger.last, m.first)]
            subjects = [m for m in drugs if not _of(sentence, m)] or drugs
            chosen = subjects[0] if subjects else None
        if chosen is not None and _kin_of(sentence, chosen):
            # "Ketamine's cousin eases depression": the claim is about the relative, which only the page names
            frame.drug, frame.drug_from = next(((drug, source) for drug, source in context.nearby()
                                                if drug != chosen.entity), (None, "none"))
        elif chosen is not None:
            frame.drug = chosen.entity
            own.update(range(chosen.first, chosen.last + 1))
            frame.co_drugs = _coordinated(sentence, chosen, drugs)
        else:
            # "PTSD relief, without leaving your couch": the relief offered is the treatment the page is about
            page_claim = frame.claim in _PAGE_CLAIMS or (frame.kind == "treats" and (
                trigger.cls == "treat-noun" or _we_before(sentence, trigger, context.brand)))
            frame.drug, frame.drug_from = from_context(sentence, context, page_claim)
        # conditions, populations, settings, agencies named with the claim and asserted: those of the
        # trigger's phrase, else of the rest of its clause
        phrase = phrase_of[trigger.first]
        trigger_status = assertion.status(trigger.first, own)
        for kind, target in (("condition", frame.conditions), ("population", frame.populations),
                             ("setting", frame.settings), ("agency", frame.agencies)):
            named = [m for m in sentence.of(kind) if clause_of[m.first] == clause
                     and not (m.first in own and m.last in own)]
            near = [m for m in named if phrase_of[m.first] == phrase]
            if near or kind == "agency":
                named = near or named
            else:  # the parts of the next phrase that names some ("approved SPRAVATO, a nasal spray, for TRD")
                after = [m for m in named if m.first > trigger.last]
                if frame.kind == "approval":  # the phrase that names an indication: "for TRD", "as an anesthetic"
                    starts = [m for m in after if _introduced(sentence, m.first)]
                    first_phrase = phrase_of[starts[0].first] if starts else None
                elif after:
                    first_phrase = phrase_of[after[0].first]
                else:  # "Whether you face PTSD or chronic pain, ketamine gives you your life back"
                    before = [m for m in named if m.last < trigger.first]
                    first_phrase = phrase_of[before[-1].first] if before else None
                named = [m for m in named if phrase_of[m.first] == first_phrase]
            if kind == "population" and frame.claim == "population":
                named = [trigger, *named]
            for m in named:
                if kind == "condition" and tuple(sentence.words[max(0, m.first - 3):m.first]) in _NARROWED:
                    continue  # "approved for specific forms of depression" names no more than it may
                # a part under "not" or "off-label" is not claimed ("approved for TRD, not for PTSD"), unless the
                # negation covers the whole claim, which its own status then excuses
                status = assertion.status(m.first, own | set(range(m.first, m.last + 1)))
                denied = status & {NEGATED, OFF_LABEL, HISTORICAL} and not status & {REFUTED}
                if denied and not (NEGATED in status and NEGATED in trigger_status):
                    continue
                assert m.entity is not None
                if m.entity not in target:
                    target.append(m.entity)
                if kind in ("condition", "population") and abs(m.first - trigger.first) <= 8:
                    frame.first, frame.last = min(frame.first, m.first), max(frame.last, m.last)
        if ("depression" in frame.conditions or "mdd" in frame.conditions) and any(
                clause_of[q.first] == clause for q in sentence.of("trd-qualifier")):
            frame.conditions = list(dict.fromkeys(
                    "trd" if c in ("depression", "mdd") else c for c in frame.conditions))
        if len(frame.conditions) > 1:  # "depressive symptoms in adults with MDD with acute suicidal ideation"
            narrower = {a for c in frame.conditions for a in self._ancestors(c)[1:]}
            frame.conditions = [c for c in frame.conditions if c not in narrower]
        frame.health = frame.drug is not None or any(
            sentence.has(cls) for cls in ("treatment-word", "condition", "health-word", "risk", "addiction-risk"))
        frame.pronoun = sentence.has("treatment-word")
        frame.monotherapy = any(clause_of[m.first] == clause for m in sentence.of("monotherapy"))
        if frame.kind == "approval":
            in_phrase = [i for i, p in enumerate(phrase_of) if p == phrase]
            years = list(_YEAR.finditer(sentence.text, sentence.starts[in_phrase[0]], sentence.ends[in_phrase[-1]]))
            at = sentence.starts[trigger.first]
            # the year nearest the approval word, one after it first ("approved by the FDA in 1970")
            year = min(years, key=lambda y: (y.start() < at, abs(y.start() - at)), default=None)
            frame.year = int(year.group(1)) if year else None
            frame.decade = bool(year and year.group(2))
            if year is not None:  # the year is part of the claim ("approved by the FDA in 2015")
                at = next(i for i in in_phrase if sentence.ends[i] >= year.end(1))
                frame.first, frame.last = min(frame.first, at), max(frame.last, at)
        if frame.kind == "safety":
            frame.safe_history = any(clause_of[m.first] == clause for m in sentence.of("safe-history"))
        frame.status = assertion.status(trigger.first, own)
        if frame.drug in context.investigational and frame.kind in ("treats", "efficacy", "safety", "neuro"):
            frame.claim = f"{frame.kind}:{frame.claim}"  # "safety:minimized-risk": what is claimed about it
            frame.kind = "experimental"


    def _ancestors(self, entity: str) -> list[str]:
        chain = [entity]
        parent = self.parents.get(entity)
        while parent is not None and parent not in chain:
            chain.append(parent)
            parent = self.parents.get(parent)
        return chain


# Trigger classes that make a claim on their own, and the classes other triggers need beside them
# (`FrameFinder.could_claim` and the segment gate, gate.py; the finders below check the same in detail).
ALONE = frozenset(("approval", "cure", "permanence", "durability", "miracle", "intensifier", "superlative", "certainty",
                   "safe-claim", "no-addiction", "first-line", "no-supervision", "home-use", "neuro-growth"))
TOGETHER: tuple[tuple[frozenset[str], ...], ...] = tuple(
    tuple(frozenset(group.split()) for group in needs) for needs in (
        ("approval-weak", "agency"),
        ("treat treat-noun treat-short", "condition"),
        ("durability-weak speed proven superiority", "rate-outcome treat condition safe-claim drug"),
        ("rate-quantity", "rate-outcome"),
        ("speed-unit", "rate-outcome treat condition safe-claim drug"),
        ("duration-unit", "rate-outcome"),
        ("risk addiction-risk breathing-risk", "minimizer minimizer-after"),
        ("safety-noun", "safety-affirm"),
        ("neuro-object", "neuro-change neuro-new"),
        ("population", "treat availability treat-short use-verb"),
        ("supervision-minimizer", "supervision"),
        ("too-few-trials", "qualify drug"),
        ("age-word", "treat availability treat-short use-verb"),
        ("gone", "condition"),
        ("stage-claim", "drug"),
    ))

def _kin_of(sentence: Sentence, drug: Mention) -> bool:
    words = sentence.words
    return words[drug.last].endswith("'s") and drug.last + 1 < len(words) and words[drug.last + 1] in KIN


_COORDINATION = frozenset(("and", "or", "&", "plus", "both", "as", "well", "its", "their", "the")) | KIN


def _coordinated(sentence: Sentence, chosen: Mention, drugs: list[Mention]) -> list[str]:
    """The other drugs of a coordinated subject ("ketamine and its cousin esketamine", "Spravato, ketamine or
    arketamine"): joined to the chosen one, directly or through each other, by list words in one phrase."""
    words, phrases = sentence.words, sentence.phrases
    joined = [chosen]
    for m in sorted(drugs, key=lambda m: abs(m.first - chosen.first)):
        if m.entity in {j.entity for j in joined} or phrases[m.first] != phrases[chosen.first]:
            continue
        for j in joined:
            a, b = (j, m) if j.last < m.first else (m, j)
            between = words[a.last + 1:b.first]
            if all(w in _COORDINATION for w in between) and (
                    any(w in ("and", "or", "&", "plus") for w in between) or not between):
                joined.append(m)
                break
    return [m.entity for m in joined[1:] if m.entity is not None]


def _of(sentence: Sentence, mention: Mention) -> bool:
    return mention.first > 0 and sentence.words[mention.first - 1] == "of"


_COMPARATORS = frozenset(("like", "than", "unlike", "vs", "versus", "as", "to", "with"))


def _comparator(sentence: Sentence, index: int) -> bool:
    """A drug named right after "like", "than", "unlike", "versus" is what the claim compares with; one
    followed by "-like" or "-related" ("ketamine-like effects") describes something else."""
    words = sentence.words
    return (index > 0 and (words[index - 1] in _COMPARATORS or (
        index > 1 and words[index - 2] in ("compared", "similar") and words[index - 1] in ("with", "to")))
        or (index + 1 < len(words) and words[index + 1] in _OTHER_THAN))


# "ketamine-like effects", "the only ketamine-related drug", "a ketamine-derived compound": something else
_OTHER_THAN = frozenset(("like", "related", "derived"))


_UNDER_AGE = 18


def _comma_after(sentence: Sentence, m: Mention) -> bool:
    after = sentence.ends[m.last]
    return sentence.text[after:after + 1] == ","


def recipients(sentence: Sentence) -> list[Mention]:
    """The populations the label does not cover that the sentence names as people ("teens 14+", "children"),
    in order; not as owners ("your teen's school schedule")."""
    words = sentence.words
    found = [m for m in (*sentence.of("population"), *ages(sentence))
             if m.entity in UNCOVERED_POPULATIONS and not words[m.last].endswith("'s")]
    return sorted(found, key=lambda m: m.first)


def ages(sentence: Sentence) -> list[Mention]:
    """"Ages 13+", "aged 12 to 17", "teens 14+", "my 15-year-old": an age under 18 as a population mention."""
    words = sentence.words
    found = []
    for m in sentence.of("age-word"):
        after, before = m.last + 1, m.first - 1
        if after < len(words) and words[after].isdigit() and int(words[after]) < _UNDER_AGE:
            age, first, last = int(words[after]), m.first, after
        elif words[m.first] == "year" and before >= 0 and words[before].isdigit() and int(words[before]) < _UNDER_AGE:
            age, first, last = int(words[before]), before, m.last  # "15-year-old"
        else:
            continue
        found.append(Mention("population", "children" if age < 13 else "adolescents", first, last))
    return found


_INDICATION_MARKERS = frozenset(("for", "treat", "treating", "as", "with", "against"))


def _introduced(sentence: Sentence, index: int) -> bool:
    """A condition named as an indication: "for" (or "to treat", "as") within three words before it."""
    return any(w in _INDICATION_MARKERS for w in sentence.words[max(0, index - 3):index])


def _beside_condition(sentence: Sentence, mention: Mention, fillers: frozenset[str], before: bool) -> bool:
    """A condition right before (`before`) or after `mention`, with at most _OBJECT_REACH - 1 words between, all
    `fillers`: "ends [your] depression", "my anxiety [was simply] gone"."""
    words = sentence.words
    for c in sentence.of("condition"):
        start, end = (c.last + 1, mention.first) if before else (mention.last + 1, c.first)
        if 0 <= end - start < _OBJECT_REACH and all(w in fillers for w in words[start:end]):
            return True
    return False


def _simple(kind: str, mention: Mention, claim: str, wording: Mention | None = None) -> Frame:
    """A frame triggered by `mention`; `wording`: a second term that is part of the claim's wording ("no" in "no
    side effects")."""
    own = set(range(mention.first, mention.last + 1))
    first, last = mention.first, mention.last
    if wording is not None:
        own.update(range(wording.first, wording.last + 1))
        first, last = min(first, wording.first), max(last, wording.last)
    return Frame(kind, mention, own, claim, first=first, last=last)


def _semicolon_between(sentence: Sentence, before: int, after: int) -> bool:
    """A semicolon between two tokens: what follows it is another statement."""
    return ";" in sentence.text[sentence.ends[before]:sentence.starts[after]]


def _nearest(mentions: list[Mention], at: int) -> Mention | None:
    """The drug nearest the claim's first word; of two as near, the one before it (the subject)."""
    if not mentions:
        return None
    return min(mentions, key=lambda m: (at - m.last if m.last < at else m.first - at, m.first > at))


# Claims about who may get the drug or how many it helps take the page's drug even without "it" or "our
# infusions": "Teens 16 and 17 can join", "87% of members feel better within a month".
_PAGE_CLAIMS = frozenset(("population", "rate", "first-line"))


# In short copy, "for" (or "vs") offers a treatment for what comes after it when it opens the copy ("For PTSD
# and OCD"), follows a treatment word ("Relief for anxiety", "Infusions for PTSD"), or has the drug before it in
# its clause ("Spravato is great for anxiety"). Otherwise the thing offered is not the page's drug: "a list of
# your medications, including anything for anxiety", "support groups for PTSD".
_TREATMENT_WORDS = ("treatment-word", "treat-noun")


def _offered_for(sentence: Sentence, short_word: Mention) -> bool:
    first = short_word.first
    if first == 0:
        return True
    if any(m.last == first - 1 for cls in _TREATMENT_WORDS for m in sentence.of(cls)):
        return True
    clause = sentence.clauses[first]
    return any(m.last < first and sentence.clauses[m.last] == clause for m in sentence.of("drug"))


# Words that narrow the condition after them to an unnamed part of it: "approved for specific forms of depression".
_NARROWED = frozenset(tuple(w.split()) for w in ("specific forms of", "certain forms of", "certain types of",
                                                   "some forms of", "some types of", "particular forms of"))


# Words that may stand before "<drug> for <condition>" at the head of its clause.
_HEAD_WORDS = frozenset(("our", "your", "the", "iv", "im", "oral", "new"))


def _named_drug_before(sentence: Sentence, at: int) -> bool:
    """An offer heads the clause and names the drug right before "for" ("Now offering Spravato for generalized
    anxiety", "Available now: IV ketamine for PTSD"): the copy offers the drug for what follows. Further into a
    sentence the same words usually describe what others do or study ("clinics offering ketamine for pain",
    "data on ketamine for suicidal crises"), and without an offer "Ketamine for depression: what the research
    says" names a topic."""
    if not (sentence.has("availability") or sentence.has("qualify")):  # "Spravato for PTSD: ask if you qualify"
        return False
    before = at - 1
    named = next((m for m in sentence.of("drug") if m.last == before), None)
    if named is None:  # "ketamine infusions for PTSD"
        word = next((m for m in sentence.of("treatment-word") if m.last == before), None)
        named = next((m for m in sentence.of("drug") if word is not None and m.last == word.first - 1), None)
    if named is None:
        return False
    clauses = sentence.clauses
    offered = {i for m in sentence.of("availability") for i in range(m.first, m.last + 1)}
    i = named.first - 1
    while i >= 0 and clauses[i] == clauses[named.first] and (i in offered or sentence.words[i] in _HEAD_WORDS):
        i -= 1
    return i < 0 or clauses[i] != clauses[named.first]


def _we_before(sentence: Sentence, trigger: Mention, brand: tuple[str, ...] = ()) -> bool:
    """The copy's own "we", or the page's own name, is the subject of the treat word ("We treat depression,
    anxiety and PTSD", "at our clinic we also use it for PTSD", "Tidewell treats depression"): on a page about
    a drug, with that drug. Not "our team helps clients with stress", which may be any service of a clinic."""
    words = sentence.words
    if brand and tuple(words[:len(brand)]) == brand and trigger.first - len(brand) <= 2:
        return True
    return any(words[i] == "we" for i in range(max(0, trigger.first - 2), trigger.last + 1))


# words that give a drug to the people a sentence names: "treat", "available", "for", "get", "use"
_GIVEN = ("treat", "availability", "treat-short", "use-verb")
# populations the label does not cover: a claim that the drug is for them widens who may get it
UNCOVERED_POPULATIONS = frozenset(("adolescents", "children", "pregnant"))


def from_context(sentence: Sentence, context: Context, page_claim: bool = False) -> tuple[str | None, str]:
    """The drug the paragraph named in an earlier sentence stands in for a sentence that names none
    ("Esketamine is a game-changer. Life-changing results!"). The section's or page's drug stands in when
    the sentence refers to the treatment without naming it ("our infusions", "it", "this therapy") or is a
    heading, list item or other short copy."""
    nearby = context.nearby()
    if nearby and (nearby[0][1] == "paragraph" or sentence.has("treatment-word") or context.short or page_claim):
        return nearby[0]
    return None, "none"


def is_asserted(status: frozenset[str], excused_by: frozenset[str]) -> bool:
    return not (status & excused_by)


# Statuses that make a claim of each frame not the copy's own assertion.
EXCUSES: dict[str, frozenset[str]] = {
    "approval": frozenset((NEGATED, "hypothetical", "question", "reported", HYPE, REFUTED, HEDGED, RESEARCH)),
    "treats": frozenset((NEGATED, HEDGED, "hypothetical", "question", "reported", HYPE, REFUTED, OFF_LABEL, HISTORICAL,
                         ANIMAL, RESEARCH)),
    "efficacy": frozenset((NEGATED, HEDGED, "hypothetical", "question", "reported", HYPE, REFUTED, HISTORICAL, RESEARCH,
                           ANIMAL)),
    "safety": frozenset((NEGATED, HEDGED, "hypothetical", "question", "reported", HYPE, REFUTED, HISTORICAL, RESEARCH,
                         ANIMAL)),
    "eligibility": frozenset((NEGATED, "hypothetical", "question", "reported", HYPE, REFUTED, HISTORICAL, RESEARCH)),
    "neuro": frozenset((NEGATED, HEDGED, "hypothetical", "question", "reported", HYPE, REFUTED, ANIMAL, RESEARCH)),
    "experimental": frozenset((NEGATED, "hypothetical", "question", HYPE, REFUTED, ANIMAL, RESEARCH)),
}
