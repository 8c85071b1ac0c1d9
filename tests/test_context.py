"""The reading of a report before its fields: anchor sentences tell this attack, background the rest.
The reports are written for these tests."""

from __future__ import annotations

from datetime import date

from incidentwire.extract.context import ANCHOR, BACKGROUND, read_context
from incidentwire.extract.pipeline import extract_record
from incidentwire.model import Report
from incidentwire.nlp import get_nlp

REPORT = (
    "Gunmen attacked a police post in Bannu on Tuesday, killing four officers, police said. "
    "The attackers fled into the hills after a two-hour gunfight. "
    "Last year a suicide bomber killed 12 people at a checkpoint in the same district. "
    "The insurgency has killed more than 80,000 people since 2004. "
    "The Pakistani Taliban, which bombed a school in the city in 2014, claimed Tuesday's attack."
)


def parts_of(text: str, published: date) -> list[str]:
    doc = get_nlp()(text)
    return list(read_context(doc, published).parts)


def test_the_lead_and_what_follows_it_are_the_anchor_and_the_past_is_background():
    assert parts_of(REPORT, date(2024, 5, 8)) == [ANCHOR, ANCHOR, BACKGROUND, BACKGROUND, ANCHOR]


def test_a_relative_clause_about_a_past_attack_does_not_make_the_claim_background():
    assert parts_of(REPORT, date(2024, 5, 8))[-1] == ANCHOR


def test_every_evidence_span_says_where_it_stands():
    record = extract_record(Report(text=REPORT, published="2024-05-08"))
    incident = record.incidents[0]
    assert incident.killed.best == 4
    spans = [span for spans in incident.evidence.values() for span in spans]
    assert spans and {span.context for span in spans} <= {ANCHOR, BACKGROUND}
    assert all(span.context == ANCHOR for span in incident.evidence["killed"])


def test_a_figure_told_only_in_background_is_not_the_toll():
    text = (
        "Police in Quetta said on Monday that security had been tightened at markets. "
        "Last week a car bomb in the city killed nine people and wounded 30."
    )
    record = extract_record(Report(text=text, published="2024-05-06"), min_relevance=0.0)
    assert record.incidents, record.relevance
    for incident in record.incidents:
        assert incident.killed.best is None and incident.wounded.best is None


def test_the_incident_page_marks_background_evidence_apart():
    from incidentwire.model import Evidence
    from incidentwire.web.highlight import highlighted, spans_in_text

    text = "Gunmen killed four officers. Last year a bomb killed 12."
    evidence = {
        "killed": [
            Evidence(start=7, end=27, text=text[7:27], context="anchor"),
            Evidence(start=47, end=55, text=text[47:55], context="background"),
        ]
    }
    html = str(highlighted(text, spans_in_text(text, evidence)))
    assert 'data-context="anchor"' in html and 'data-context="background"' in html
    assert "background: not this attack" in html


def test_a_dateline_parsed_as_a_sentence_leaves_the_lead_in_the_anchor():
    text = (
        "KABUL, May 3 (Wire) -\nA suicide bomber struck a crowded market in Kabul on Friday, killing 14 "
        "people, in the deadliest attack in the city since 2021, officials said."
    )
    assert parts_of(text, date(2024, 5, 3)) == [ANCHOR] * len(parts_of(text, date(2024, 5, 3)))


def test_a_time_phrase_on_the_reporting_verb_dates_the_telling_not_the_event():
    text = (
        "Gunmen seized pupils from a boarding school in the north on a Monday night. "
        "Officials said last week that 140 pupils were taken from the dormitories. "
        "Last week a roadside bomb killed nine soldiers on the main road."
    )
    assert parts_of(text, date(2020, 3, 2)) == [ANCHOR, ANCHOR, BACKGROUND]
