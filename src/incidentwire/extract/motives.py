"""The cause of an attacker no group is named for, as GTD names such perpetrators.

A lone attacker "sympathised with Islamic State", a shooter "motivated by far-right views": GTD codes these
as generic groups (Jihadi-inspired extremists, Right-wing extremists). Only the sentences that tell this
attack count; the phrases are in vocab/motive_cues.json.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pydantic import BaseModel, ConfigDict

from .. import vocab
from ..model import Perpetrator
from ..vocab import VocabFile
from .context import in_background
from .spans import Context, Found


class Motive(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    group: str
    phrases: list[str]


class MotiveCues(VocabFile):
    motives: list[Motive]


@lru_cache(maxsize=1)
def _patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    cues = vocab.load("motive_cues.json", MotiveCues)
    return tuple((m.group, re.compile(r"\b(?:" + "|".join(m.phrases) + r")\b", re.IGNORECASE)) for m in cues.motives)


def attacker_motive(ctx: Context) -> Found[list[Perpetrator]]:
    """The generic group of the first motive told in the attack's own sentences, as suspected."""
    found: list[tuple[int, str, tuple[int, int]]] = []
    for group, pattern in _patterns():
        for match in pattern.finditer(ctx.text):
            if not in_background(ctx.doc, match.start()):
                found.append((match.start(), group, match.span()))
                break
    if not found:
        return Found([])
    _, group, span = min(found)
    return Found([Perpetrator(name=group, responsibility="suspected", mentions=[ctx.text[span[0] : span[1]]])], [span])
