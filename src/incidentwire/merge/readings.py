"""A report's reading of one incident: what the merge compares and reconciliation combines."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Incident

# Words that every attack report shares carry no identity; names and specific nouns do.
_COMMON = frozenset(
    """
about after again against also among another attack attacked attacker attackers attacks authorities before
being between blast bomb bombing city country district during early earlier explosion first force forces
from government group have injured killed later least local militants more most news official officials
other people people's police province reported reports said says security since some spokesman statement
state that their there these they this those three through told under until were what when where which
while with wounded would years
""".split()
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]{3,}")


@dataclass
class Reading:
    """One report's incident, with the facts about the report that reconciliation needs."""

    incident: Incident
    report_id: str
    published: str | None
    sequence: int
    terms: frozenset[str] = field(default_factory=frozenset)


LEAD_CHARS = 600


def salient_terms(text: str, limit: int = 400) -> frozenset[str]:
    """Lower-cased distinctive words of a report's lead ('abbey', 'baron', 'lines'), for text similarity.

    Only the lead: later paragraphs recall other attacks, and their words would make two events alike.
    """
    terms = []
    for match in _WORD.finditer(text[:LEAD_CHARS]):
        word = match.group().lower().strip("'-")
        if word not in _COMMON and len(word) >= 4:
            terms.append(word)
    return frozenset(terms[:limit])
