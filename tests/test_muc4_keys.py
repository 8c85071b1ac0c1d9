"""Incident fields against MUC-4's original keys: reading the keys, and scoring one incident."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import SHARED

from incidentwire.eval.muc4_keys import (
    DateRange,
    FieldScore,
    KeyedDocument,
    dateline_date,
    parse_key_dates,
    parse_keys,
    read_split,
    recase,
    score_document,
)
from incidentwire.model import Incident

ARCHIVE = SHARED / "data" / "muc4" / "muc34-original.tar.gz"

KEY = """
0.  MESSAGE: ID                     TST9-MUC4-0001
1.  MESSAGE: TEMPLATE               1
2.  INCIDENT: DATE                  - 29 DEC 89
3.  INCIDENT: LOCATION              EL SALVADOR: SAN MIGUEL (DEPARTMENT): SAN LUIS DE LA REINA (TOWN)
4.  INCIDENT: TYPE                  KIDNAPPING
6.  INCIDENT: INSTRUMENT ID         "MORTAR"
                                    "RIFLE"

0.  MESSAGE: ID                     TST9-MUC4-0002
1.  MESSAGE: TEMPLATE               *
2.  INCIDENT: DATE                  *
"""


def test_key_dates_read_days_ranges_and_on_or_before():
    assert parse_key_dates("16 NOV 89") == [DateRange(date(1989, 11, 16), date(1989, 11, 16))]
    assert parse_key_dates("- 29 DEC 89") == [DateRange(None, date(1989, 12, 29))]
    assert parse_key_dates("(16 SEP 89) / (15 SEP 89 - 16 SEP 89)") == [
        DateRange(date(1989, 9, 16), date(1989, 9, 16)),
        DateRange(date(1989, 9, 15), date(1989, 9, 16)),
    ]
    assert parse_key_dates("*") == []


def test_keys_give_incidents_per_document_and_irrelevant_documents_none():
    keyed = parse_keys(KEY)
    assert keyed["TST9-MUC4-0002"] == []
    (incident,) = keyed["TST9-MUC4-0001"]
    assert incident.incident_type == "KIDNAPPING"
    assert incident.location.startswith("EL SALVADOR: SAN MIGUEL (DEPARTMENT)")


def test_dateline_gives_the_publication_date():
    assert dateline_date("SAN SALVADOR, 3 JAN 90 (RADIO) -- [TEXT] ON 30 DECEMBER ...") == date(1990, 1, 3)
    assert dateline_date("CLANDESTINE, NO DATE -- [TEXT] 25 JAN 90") is None


def test_sentence_casing_keeps_the_length_and_capitalises_sentences():
    text = "SAN SALVADOR -- GUERRILLAS ATTACKED. THE ARMY SAID"
    assert recase(text, "sentence") == "San salvador -- guerrillas attacked. The army said"
    assert len(recase(text, "sentence")) == len(text)


def test_one_incident_scores_type_date_country_and_place():
    keyed = KeyedDocument("d", "", None, parse_keys(KEY)["TST9-MUC4-0001"])
    fields = {name: FieldScore() for name in ("type", "date", "country", "place")}
    right = Incident(
        id="i",
        attack_types=["Hostage Taking (Kidnapping)"],
        date="1989-12-28",
        country="El Salvador",
        admin1="San Miguel",
    )
    wrong = Incident(id="j", attack_types=["Bombing/Explosion"], date="1990-01-02", country="Honduras")
    score_document(keyed, right, fields)
    score_document(keyed, wrong, fields)
    score_document(keyed, None, fields)
    assert {name: (t.correct, t.total) for name, t in fields.items()} == {
        "type": (1, 3),
        "date": (1, 3),
        "country": (1, 3),
        "place": (1, 3),
    }


@pytest.mark.skipif(not ARCHIVE.exists(), reason="MUC-4 original archive not found")
def test_dev_split_reads_the_same_documents_as_the_benchmark():
    documents = read_split(ARCHIVE, "dev")
    assert len(documents) == 200
    assert sum(1 for d in documents if d.incidents) == 116
    assert documents[0].docid == "TST1-MUC3-0001" and documents[0].published == date(1990, 2, 4)
