"""MUC-4 evaluation: document keys, peers' predictions merged and scored, our extractor scored on dev."""

from __future__ import annotations

import json

import pytest
from conftest import SHARED

from incidentwire.eval.ceaf import score_documents
from incidentwire.eval.muc4 import (
    PEER_FILES,
    doc_key,
    evaluate_muc4,
    load_gold,
    load_peer,
    merge_templates,
    result_table,
)
from incidentwire.model import ROLE_NAMES

MUC4 = SHARED / "data" / "muc4"
needs_muc4 = pytest.mark.skipif(not (MUC4 / "grit" / "dev.json").exists(), reason="MUC-4 data not found")


def test_test_document_ids_become_grit_keys():
    assert doc_key("TST3-MUC4-0002") == "30002"
    assert doc_key("TST4-MUC4-0100") == "40100"
    assert doc_key("DEV-MUC3-0001") == "DEV-MUC3-0001"


def test_templates_merge_into_one_entity_list_per_role():
    templates = [
        {"PerpOrg": [["shining path"]], "Victim": [["mayor"]]},
        {"PerpOrg": [["shining path"]], "Weapon": [["dynamite"]]},
    ]
    merged = merge_templates(templates)
    assert merged["PerpOrg"] == [["shining path"], ["shining path"]]
    assert merged["Weapon"] == [["dynamite"]] and merged["Target"] == []
    assert merge_templates(templates, dedupe=True)["PerpOrg"] == [["shining path"]]


@needs_muc4
@pytest.mark.parametrize("peer", ["GTT", "IterX"])
def test_peers_released_predictions_score_near_their_published_figures(peer):
    gold = load_gold(MUC4 / "grit" / "test.json")
    f1 = 100 * score_documents(load_peer(MUC4 / "peers" / PEER_FILES[peer]), gold).micro.f1
    assert 50 <= f1 <= 53


@needs_muc4
def test_grit_predictions_loaded_as_peer_score_52_70():
    gold = load_gold(MUC4 / "grit" / "test.json")
    assert round(100 * score_documents(load_peer(MUC4 / "peers" / PEER_FILES["GRIT"]), gold).micro.f1, 2) == 52.70


@needs_muc4
def test_dev_split_is_extracted_scored_and_written_in_grit_format(tmp_path):
    out = tmp_path / "pred.json"
    result = evaluate_muc4("dev", SHARED, out)
    assert result.documents == 200 and result.peers == {}
    assert 100 * result.scores.micro.f1 > 40  # 41.6 when the shipped model was trained
    written = json.loads(out.read_text())
    assert len(written) == 200
    some = next(iter(written.values()))["pred_extracts"]
    assert set(some) == set(ROLE_NAMES)
    assert all(isinstance(m, str) for entities in some.values() for e in entities for m in e)
    table = result_table(result)
    assert [c.header for c in table.columns][:4] == ["role", "P", "R", "F1"] and table.row_count == 6


def test_unknown_split_is_refused():
    with pytest.raises(ValueError):
        evaluate_muc4("validation", SHARED, None)
