"""CEAF-REE: the role-filler entity metric of document-level extraction papers on MUC-4.

Per document and role, predicted entities are aligned one-to-one with gold entities (Kuhn-Munkres);
an aligned pair scores 1 when every mention of the predicted entity is among the gold entity's
mentions. Strings are lower-cased, punctuation and the articles a/an/the removed before comparison.
Precision and recall are summed over documents (micro), per role and over all roles.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import linear_sum_assignment

from ..model import ROLE_NAMES

Entity = Sequence[str]  # one entity = its mentions
DocRoles = Mapping[str, Sequence[Entity]]  # role -> entities

_PUNCTUATION = str.maketrans("", "", string.punctuation)
_ARTICLES = re.compile(r"\b(a|an|the)\b")


def normalise_mention(text: str) -> str:
    return " ".join(_ARTICLES.sub(" ", text.lower().translate(_PUNCTUATION)).split())


@dataclass
class RoleTally:
    matched: float = 0.0
    predicted: int = 0
    gold: int = 0

    def add(self, other: RoleTally) -> None:
        self.matched += other.matched
        self.predicted += other.predicted
        self.gold += other.gold

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class CeafScores:
    roles: dict[str, RoleTally] = field(default_factory=lambda: {r: RoleTally() for r in ROLE_NAMES})

    @property
    def micro(self) -> RoleTally:
        total = RoleTally()
        for tally in self.roles.values():
            total.add(tally)
        return total


def _entity_mentions(entity: Entity) -> frozenset[str]:
    return frozenset(m for m in (normalise_mention(x) for x in entity) if m)


def align_role(predicted: Sequence[Entity], gold: Sequence[Entity]) -> RoleTally:
    """The best one-to-one alignment of one role's entities in one document."""
    pred_sets = [m for m in (_entity_mentions(e) for e in predicted) if m]
    gold_sets = [m for m in (_entity_mentions(e) for e in gold) if m]
    tally = RoleTally(predicted=len(pred_sets), gold=len(gold_sets))
    if pred_sets and gold_sets:
        similarity = np.array([[float(p <= g) for g in gold_sets] for p in pred_sets])
        rows, cols = linear_sum_assignment(similarity, maximize=True)
        tally.matched = float(similarity[rows, cols].sum())
    return tally


def score_documents(predictions: Mapping[str, DocRoles], golds: Mapping[str, DocRoles]) -> CeafScores:
    """Micro CEAF-REE over every gold document; a document with no prediction predicts nothing."""
    scores = CeafScores()
    for doc_id, gold_roles in golds.items():
        predicted_roles = predictions.get(doc_id, {})
        for role in ROLE_NAMES:
            scores.roles[role].add(align_role(predicted_roles.get(role, []), gold_roles.get(role, [])))
    return scores


def mentions_only(entities: Iterable[Sequence]) -> list[list[str]]:
    """Gold entities as stored by GRIT ([[mention, offset], ...]) -> lists of mention strings."""
    return [[m[0] if isinstance(m, (list, tuple)) else m for m in entity] for entity in entities]
