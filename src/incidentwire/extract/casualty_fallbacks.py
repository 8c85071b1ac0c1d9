"""Figures a report gives no other way: the wounded as people in hospital, the hostages as people taken
in an abduction; and older figures the report has given up for a vague one."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Token

from .casualty_nouns import Figure, figure_of, headcount, is_perpetrator
from .casualty_words import _quantities_by_token, cue_field, load_cues, tells_a_hospital_stay, victims_of
from .toll_background import Scope, is_background


def _hospital_stay_candidates(doc: Doc) -> Iterable[Token]:
    """Words that may tell a hospital stay: every word where the report names a hospital, else only the
    words that say it alone ("hospitalised"), which spares a walk over every word's children."""
    cues = load_cues()
    if any(t.lower_ in cues.in_hospital_words for t in doc):
        return doc
    return [t for t in doc if t.lower_ in cues.hospitalised_words]


def in_hospital(doc: Doc, scope: Scope) -> list[Figure]:
    """ "116 people had been treated in hospital", "more than 300 were taken to hospital", "52 survivors
    were on admission", "40 were hospitalised": the wounded, where the report counts them no other way.
    The largest such figure is the one kept; one hospital's intake ("a hospital received 60") is not read."""
    quantities = _quantities_by_token(doc)
    figures = []
    for verb in (t for t in _hospital_stay_candidates(doc) if tells_a_hospital_stay(t)):
        for noun in (c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")):
            count = headcount(noun, quantities)
            if count is None or count.value is None or not count.explicit or is_background(verb, scope):
                continue  # "a kitchen assistant is under guard in hospital" counts no wounded
            if is_perpetrator(noun):
                continue
            figures.append(figure_of("wounded", count))
    return [max(figures, key=lambda f: f.best)] if figures else []


def given_up_for_a_vague_figure(doc: Doc, figures: list[Figure], field_name: str, scope: Scope) -> bool:
    """ "The ministry first said 10 were wounded ... Dozens of people were injured": every stated figure
    is an older one, and the report now counts only vaguely; the older figure is no toll."""
    if not figures or not all(f.stale for f in figures):
        return False
    last = max(f.span[1] for f in figures)
    vague = load_cues().vague
    for cue in (t for t in doc if t.idx > last and cue_field(t) == field_name and not is_background(t, scope)):
        if any(n.lower_ in vague or any(c.lower_ in vague for c in n.children) for n in victims_of(cue)):
            return True
    return False


def taken_in_an_abduction(doc: Doc, scope: Scope) -> list[Figure]:
    """ "276 girls were taken from the school", "234 girls were missing": in a report that names an
    abduction but counts it no other way, the people taken are the hostages (the first such figure);
    in a siege, the people freed ("commandos freed about 170 guests and staff")."""
    cues = load_cues()
    words = {t.lower_ for t in doc}
    wanted = (cues.taken_words if words & cues.abduction_words else frozenset()) | (
        cues.freed_words if words & cues.siege_words else frozenset()
    )
    quantities = _quantities_by_token(doc)
    for word in (t for t in doc if t.lower_ in wanted and not is_background(t, scope)):
        verb = word.head if word.dep_ == "acomp" else word  # "were missing"
        freed = word.lower_ in cues.freed_words
        if freed and not _freed_by_the_forces(verb):
            continue  # "six other Russians had been rescued": one nation's share, not the hostages
        for noun in (c for c in verb.children if c.dep_ in (("dobj",) if freed else ("nsubj", "nsubjpass"))):
            count = headcount(noun, quantities)
            if count is not None and count.value and count.explicit and not is_perpetrator(noun):
                return [figure_of("hostages", count)]
    return []


def _freed_by_the_forces(verb) -> bool:
    """ "commandos freed about 170 guests": the forces who ended the siege freed everyone held."""
    forces = load_cues().security_forces
    return any(c.dep_ == "nsubj" and c.lower_ in forces for c in verb.children)
