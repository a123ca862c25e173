"""Rule kinds: how a rule finds what it reports. Each kind compiles its rules once and checks a sentence
(or, for `document`, a whole document).

| kind       | module       | what a rule of it says                                                     |
|------------|--------------|----------------------------------------------------------------------------|
| `claim`    | claim.py     | a claim frame (`frame`, `claims`) whose verdict against the fact base is wrong |
| `match`    | match.py     | phrases (any order, typo-tolerant) or patterns, excused by cue lists (`unless`) |
| `document` | document.py  | a benefit claim (phrases/patterns) in a draft that never states its risks (`absent`) |
| `phrase`   | phrase.py    | a house's banned wording: exact phrase, word order kept, typo/case/hyphen tolerant |

A rule's kind is its `kind:` key, or: `scope: document` -> document, `frame:` -> claim, else match
(`phrase` is always written out).
"""

from factlint.matching.kinds.claim import ClaimRules
from factlint.matching.kinds.document import DocumentRules
from factlint.matching.kinds.match import MatchRules
from factlint.matching.kinds.phrase import PhraseRules

__all__ = ["ClaimRules", "DocumentRules", "MatchRules", "PhraseRules"]
