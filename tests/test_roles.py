"""Role fillers (PerpInd, PerpOrg, Target, Victim, Weapon) from the shipped MUC-4 model."""

from __future__ import annotations

import datetime
import json

from conftest import SHARED, require_shared

from incidentwire.extract.roles import (
    RELEVANT,
    RoleMention,
    find_roles,
    group_entities,
    load_role_model,
    load_settings,
    lowered,
    role_docs,
)
from incidentwire.extract.spans import Context
from incidentwire.model import ROLE_NAMES

ATTACK = (
    "Lima, 12 Jan 90 -- Shining Path terrorists today dynamited the Huancayo power station and shot dead "
    "Mayor Pedro Castillo Ruiz as he left his home. The Shining Path has claimed responsibility for the "
    "attack on the power station, which left the city without electricity."
)
SPORT = "Peru beat Colombia 2-0 in Lima on Sunday; the winning goal came from a long shot in the second half."


def roles_of(text: str) -> dict[str, list[list[str]]]:
    ctx = Context(doc=load_role_model().make_doc(text), published=datetime.date(1990, 1, 12), report_id="t")
    return find_roles(ctx).value


def flat(entities: list[list[str]]) -> str:
    return " | ".join(m.lower() for e in entities for m in e)


def test_lowering_keeps_every_offset():
    text = "İstanbul: ASALA bombed the Orly terminal"
    assert len(lowered(text)) == len(text)
    assert lowered(text).endswith("asala bombed the orly terminal")


def test_acronym_and_full_name_are_one_entity():
    mentions = [
        RoleMention("PerpOrg", 10, 51, "Farabundo Marti National Liberation Front"),
        RoleMention("PerpOrg", 60, 64, "FMLN"),
        RoleMention("PerpOrg", 90, 94, "FMLN"),
    ]
    [entity] = group_entities(mentions)
    assert entity.best.text == "FMLN" and len(entity.mentions) == 3


def test_same_words_in_different_roles_stay_apart():
    mentions = [RoleMention("PerpInd", 0, 9, "guerrilla"), RoleMention("Victim", 20, 29, "guerrilla")]
    assert {e.role for e in group_entities(mentions)} == {"PerpInd", "Victim"}


def test_mixed_case_attack_report_yields_perpetrator_target_and_victim():
    roles = roles_of(ATTACK)
    assert set(roles) == set(ROLE_NAMES)
    assert "shining path" in flat(roles["PerpOrg"])
    assert "power station" in flat(roles["Target"])
    assert "castillo" in flat(roles["Victim"])


def test_spans_quote_the_report_text():
    ctx = Context(doc=load_role_model().make_doc(ATTACK), published=None, report_id="t")
    found = find_roles(ctx)
    quoted = {ATTACK[s:e].lower() for s, e in found.spans}
    assert found.spans and all(m.lower() in quoted for es in found.value.values() for e in es for m in e)


def test_report_without_an_attack_has_no_roles():
    assert all(entities == [] for entities in roles_of(SPORT).values())


def test_batched_role_parses_give_every_report_the_roles_of_a_full_parse():
    """role_docs skips the tagger where the classifier rules a report out; the roles must not change."""
    lines = require_shared(SHARED / "data" / "muc4" / "dev.json").read_text().splitlines()[:60]
    texts = [json.loads(line)["doctext"] for line in lines] + [ATTACK, SPORT]
    batched = role_docs(texts)
    threshold = load_settings().relevance_threshold
    skipped = [d for d in batched if d.cats[RELEVANT] < threshold]
    assert skipped and not any(d.ents for d in skipped)  # the tagger did skip some
    for text, doc in zip(texts, batched):
        one_by_one = find_roles(Context(doc=doc, published=None, role_doc=None))
        batched_roles = find_roles(Context(doc=doc, published=None, role_doc=doc))
        assert batched_roles.value == one_by_one.value
        assert doc.cats == load_role_model()(lowered(text)).cats
