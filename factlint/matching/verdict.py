"""The verdict step: a claim frame compared with the fact base.

A verdict names what is wrong with an asserted claim and the fact that shows it:

| verdict          | meaning                                                                          |
|------------------|----------------------------------------------------------------------------------|
| contradicted     | the fact base says otherwise (ketamine approved for depression; Spravato at home)|
| broadened        | an approval claimed for more than was approved (depression for TRD)              |
| wrong-agency     | an approval credited to an agency that gave none                                 |
| wrong-date       | an approval dated before it happened                                             |
| unsupported      | an absolute or superlative claim no fact supports (cure, 100 %, "no side effects")|
| not-demonstrated | an effect the label says was not shown (Spravato reducing suicidal thoughts)     |
| animal-only      | a result known only from animals, stated about people                            |
| investigational  | an investigational compound offered, approved or promoted as effective           |

No verdict means the claim is consistent with the fact base (a true approval, a correct indication).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from factlint.matching.frames import Frame
from factlint.rulebook.model import Entity, Rulebook

_NON_DRUG_AGENCIES = frozenset(("government",))


@dataclass(frozen=True, slots=True)
class Verdict:
    name: str
    fact: str | None = None  # the fact the claim contradicts or lacks (None: the rule's own fact)
    claimed: tuple[str, ...] = ()  # entity ids the verdict is about (conditions, populations...)
    allowed: tuple[str, ...] = ()  # what the fact base does allow (approved uses...)
    details: dict[str, str] = field(default_factory=dict)


class FactBase:
    """The rulebook's entities and relations, indexed for the verdict step."""

    def __init__(self, rulebook: Rulebook) -> None:
        self.entities = rulebook.entities
        self.approvals: dict[str, list] = {}
        for approval in rulebook.approvals:
            self.approvals.setdefault(approval.drug, []).append(approval)
        self.evidence: dict[str, list] = {}
        for evidence in rulebook.evidence:
            self.evidence.setdefault(evidence.drug, []).append(evidence)
        self.status_facts: dict[str, str] = {}  # drug -> the fact that says it is not approved

    def ancestors(self, entity_id: str) -> list[str]:
        """The entity and its parents, nearest first."""
        chain = []
        current: str | None = entity_id
        while current is not None and current not in chain:
            chain.append(current)
            entity = self.entities.get(current)
            current = entity.parent if entity is not None else None
        return chain

    def is_a(self, entity_id: str, other: str) -> bool:
        return other in self.ancestors(entity_id)

    def entity(self, entity_id: str) -> Entity | None:
        return self.entities.get(entity_id)

    def is_broad(self, condition: str) -> bool:
        entity = self.entities.get(condition)
        return bool(entity and entity.broad)

    def stage(self, drug: str) -> str | None:
        entity = self.entities.get(drug)
        return entity.stage if entity else None

    # -- per frame ----------------------------------------------------------------------------

    def judge(self, frame: Frame) -> Verdict | None:
        judge = getattr(self, "_" + frame.kind, None)
        return judge(frame) if judge is not None else None

    def _approval(self, frame: Frame) -> Verdict | None:
        drug = frame.drug
        agencies = [a for a in frame.agencies if a != "fda" and a not in _NON_DRUG_AGENCIES]
        if drug is None:
            # "The VA has approved the drug": no agency but the FDA approves drugs, whichever it is
            return Verdict("wrong-agency", None, tuple(agencies)) if agencies and frame.pronoun else None
        if self.stage(drug) == "investigational":
            return Verdict("investigational", self._evidence_fact(drug))
        approvals = self.approvals.get(drug, [])
        # an approval credited to the wrong agency; a drug no agency approved is simply not approved
        if agencies and approvals and not any(a.agency in agencies for a in approvals):
            return Verdict("wrong-agency", approvals[0].fact if approvals else None, tuple(agencies),
                           self._uses(approvals))
        if not approvals:
            return Verdict("contradicted", None, tuple(frame.conditions))
        populations = [p for p in frame.populations if p != "adults"]
        if populations and all(a.populations for a in approvals) and not any(
                p in a.populations for p in populations for a in approvals):
            return Verdict("contradicted", None, tuple(populations), self._uses(approvals))
        settings = [s for s in frame.settings if s in ("home", "mail")]
        if settings and all(a.settings for a in approvals):  # "FDA-approved for home use"
            return Verdict("contradicted", None, tuple(settings), self._uses(approvals))
        uncovered = [c for c in frame.conditions if not any(self._covers(a.uses, c) for a in approvals)]
        broadened = [c for c in uncovered if any(self._narrower(u, c) for a in approvals for u in a.uses)]
        if broadened and len(broadened) == len(uncovered):
            return Verdict("broadened", approvals[0].fact, tuple(broadened), self._uses(approvals))
        if uncovered:
            return Verdict("contradicted", self._contradicting_fact(drug, approvals), tuple(uncovered),
                           self._uses(approvals))
        if frame.year is not None:
            first = min((a.since for a in approvals if a.since is not None), default=None)
            if first is not None and frame.year < first - (9 if frame.decade else 0):
                return Verdict("wrong-date", approvals[0].fact, (), self._uses(approvals),
                               {"year": str(frame.year), "since": str(first)})
        return None

    def denied(self, frame: Frame) -> Verdict | None:
        """A negated approval claim whose conditions ARE approved denies a real indication ("Spravato is not
        indicated for acute suicidal thoughts")."""
        drug = frame.drug
        if drug is None or not frame.conditions:
            return None
        approvals = self.approvals.get(drug, [])
        approved = [c for c in frame.conditions if any(self._covers(a.uses, c) for a in approvals)]
        if approved and len(approved) == len(frame.conditions):
            fact = next(a.fact for a in approvals if any(self._covers(a.uses, c) for c in approved))
            return Verdict("denied", fact, tuple(approved), self._uses(approvals))
        return None

    def _treats(self, frame: Frame) -> Verdict | None:
        broad = [c for c in frame.conditions if self.is_broad(c)]
        if broad:
            return Verdict("contradicted", None, tuple(broad))
        drug = frame.drug
        if drug is None:
            return None
        supported = [u for a in self.approvals.get(drug, []) for u in a.uses]
        ancestors = self.ancestors(drug)
        human: list[str] = []
        for evidence in (e for d in ancestors for e in self.evidence.get(d, [])):
            if evidence.level == "human":
                human.extend(evidence.uses)
        for condition in frame.conditions:
            for evidence in (e for d in ancestors for e in self.evidence.get(d, [])):
                if evidence.level == "not-demonstrated" and any(self.is_a(condition, u) for u in evidence.uses):
                    return Verdict("not-demonstrated", evidence.fact, (condition,))
        if not supported and not human:
            supported = [u for d in ancestors[1:] for a in self.approvals.get(d, []) for u in a.uses]
        uncovered = [c for c in frame.conditions
                     if not self._covers(supported + human, c) and c != "anesthesia"]
        if uncovered:
            return Verdict("contradicted", self._contradicting_fact(drug, self.approvals.get(drug, [])),
                           tuple(uncovered), tuple(dict.fromkeys(supported)))
        return None

    def _efficacy(self, frame: Frame) -> Verdict | None:
        return Verdict("unsupported") if frame.health else None

    def _safety(self, frame: Frame) -> Verdict | None:
        if not frame.health:
            return None
        if frame.safe_history and frame.claim == "safe-claim":
            return None  # "a safe anesthetic since the 1960s": its record as an anaesthetic
        return Verdict("unsupported")

    def _eligibility(self, frame: Frame) -> Verdict | None:
        drug = frame.drug
        if drug is None:
            return None
        approvals = self.approvals.get(drug, [])
        if frame.claim == "population":
            populations = [p for p in frame.populations if p != "adults"]
            return Verdict("contradicted", None, tuple(populations)) if populations else None
        if frame.claim == "no-supervision":
            return Verdict("contradicted")
        if frame.claim == "first-line":
            return Verdict("contradicted")
        restricted = [a for a in approvals if a.settings]
        if not restricted:
            return None  # only a drug with a restricted setting (Spravato) has eligibility rules to break
        if frame.claim == "home-use" and any(s not in a.settings for a in restricted for s in ("home",)):
            return Verdict("contradicted", None, ("home",))
        return None

    def _neuro(self, frame: Frame) -> Verdict | None:
        if frame.drug is None and not frame.pronoun:
            return None
        return Verdict("animal-only")

    def _experimental(self, frame: Frame) -> Verdict | None:
        drug = frame.drug
        if drug is None:
            return None
        if frame.claim == "availability":
            return Verdict("investigational", self._evidence_fact(drug, "investigational"))
        if frame.claim == "stage-claim":  # only a drug known from animals and early trials cannot have finished them
            animal = self._evidence_fact(drug, "animal")
            return Verdict("investigational", animal) if animal else None
        # A safety profile or a brain change known only from animals, stated about people, is an animal
        # result; "it works" about an investigational drug is a claim of established efficacy.
        levels = {e.level for e in self.evidence.get(drug, [])}
        if "animal" in levels and frame.claim.startswith(("safety:", "neuro:")):
            return Verdict("animal-only", self._evidence_fact(drug, "animal"))
        return Verdict("investigational", self._evidence_fact(drug, "investigational"))

    # -- helpers -------------------------------------------------------------------------------

    def _covers(self, uses: list[str] | tuple[str, ...], condition: str) -> bool:
        """A claim about `condition` is within `uses`: it is one of them or narrower."""
        return any(self.is_a(condition, use) for use in uses)

    def _narrower(self, use: str, condition: str) -> bool:
        """The approved `use` is narrower than the claimed `condition` (TRD claimed as depression)."""
        return use != condition and self.is_a(use, condition)

    def _uses(self, approvals: list) -> tuple[str, ...]:
        return tuple(dict.fromkeys(u for a in approvals for u in a.uses))

    def _evidence_fact(self, drug: str, level: str | None = None) -> str | None:
        for evidence in self.evidence.get(drug, []):
            if level is None or evidence.level == level:
                return evidence.fact
        return None

    def _contradicting_fact(self, drug: str, approvals: list) -> str | None:
        return None  # the rule that reports it cites the fact that says what is not approved
