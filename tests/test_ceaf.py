"""CEAF-REE, checked on hand-made cases and against the published figure for GRIT's predictions."""

from __future__ import annotations

import json

import pytest
from conftest import SHARED

from incidentwire.eval.ceaf import align_role, mentions_only, normalise_mention, score_documents

MUC4 = SHARED / "data" / "muc4"


def test_mentions_are_compared_without_case_punctuation_or_articles():
    assert normalise_mention("The Shining-Path ") == "shiningpath"
    assert normalise_mention("a car bomb") == "car bomb"


def test_predicted_entity_counts_when_all_its_mentions_belong_to_one_gold_entity():
    gold = [["members of the shining path", "criminals"], ["gerardo olivos silva"]]
    assert align_role([["criminals"]], gold).matched == 1
    assert align_role([["criminals", "gerardo olivos silva"]], gold).matched == 0


def test_alignment_is_one_to_one():
    tally = align_role([["criminals"], ["members of the shining path"]], [["members of the shining path", "criminals"]])
    assert (tally.matched, tally.predicted, tally.gold) == (1, 2, 1)


def test_missing_prediction_costs_recall_only():
    scores = score_documents({}, {"1": {"Weapon": [["bomb"]]}})
    assert scores.micro.gold == 1 and scores.micro.predicted == 0 and scores.micro.f1 == 0


def test_grit_released_predictions_score_the_published_52_70():
    if not (MUC4 / "grit" / "test.json").exists():
        pytest.skip("MUC-4 data not found")
    gold = {}
    for line in (MUC4 / "grit" / "test.json").read_text().splitlines():
        doc = json.loads(line)
        prefix, number = doc["docid"].split("-")[0], doc["docid"].split("-")[-1]
        key = str(int(prefix[3]) * 10000 + int(number))
        gold[key] = {role: mentions_only(entities) for role, entities in doc["extracts"].items()}
    peers = json.loads((MUC4 / "peers" / "grit.test.json").read_text())
    predictions = {key: value["pred_extracts"] for key, value in peers.items()}
    assert round(100 * score_documents(predictions, gold).micro.f1, 2) == 52.70
