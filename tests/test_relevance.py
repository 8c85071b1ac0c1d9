"""The relevance decision: reports of a specific attack are kept, everyday news that merely sounds violent
is dropped, and every decision says why. The texts are written for these tests."""

from __future__ import annotations

import json

import pytest
from conftest import CLUSTERS, run_cli

from incidentwire.extract.pipeline import extract_record, extract_records
from incidentwire.extract.relevance import decide_relevance, default_threshold, describes_attack
from incidentwire.ingest import ingest_reports
from incidentwire.model import Report
from incidentwire.store import open_store

ATTACKS = {
    "wire": (
        "QUETTA, Pakistan (AP) - Gunmen on motorcycles opened fire on a police checkpoint on the outskirts "
        "of Quetta on Tuesday, killing three officers and wounding two, police said. No group immediately "
        "claimed responsibility."
    ),
    "gtd_style": (
        "Assailants detonated an explosive device near a school bus in Kohlu district, Balochistan, "
        "Pakistan. Two children were wounded in the blast."
    ),
    "indian_press": (
        "Two CRPF jawans were killed and four others injured when Maoists triggered an IED blast "
        "targeting their vehicle in Sukma district of Chhattisgarh on Saturday."
    ),
    "kidnapping": (
        "Suspected bandits stormed a boarding school in Kaduna state before dawn on Thursday and "
        "abducted at least 30 pupils and two teachers, residents and police said."
    ),
    "caseless_wire": (
        "terrorists placed a charge of dynamite under a bus carrying fishermen in the port of "
        "chimbote last night, killing two and wounding five, the police reported."
    ),
    "short_alert": "Breaking: a suicide bomber has blown himself up outside a mosque in Kabul, killing at least 12.",
}

EVERYDAY = {
    "football": (
        "United are through to the semi-finals after a 2-1 win at Villa Park on Saturday. The striker "
        "fired a shot past the keeper in the 89th minute, a killer finish after an afternoon in which "
        "they bombarded the visitors' goal. The manager said his side had shown real character and "
        "that the injured captain should be fit for the first leg next month."
    ),
    "cricket": (
        "Quetta's death bowling sank the Kings. Malik blasted eight fours and a six in his 71 off 49 balls "
        "before Naseem shattered the stumps twice in his four overs."
    ),
    "speech": (
        "The interior minister told parliament that the threat of a suicide attack remained high and "
        "urged members to pass the new counter-terrorism bill before the summer recess."
    ),
    "tax_raid": (
        "Income tax officials searched the Chennai home of a Tamil Nadu minister on Friday as part of an "
        "inquiry into undeclared assets; the minister called the raid politically motivated."
    ),
    "gas_blast": (
        "Four members of a family died when a gas cylinder exploded in their kitchen in Lahore on "
        "Sunday morning, rescue officials said, blaming a leaking pipe."
    ),
    "business": "Apple shares rose 3 per cent after the company reported record iPhone sales in China.",
    "film": (
        "The new thriller follows a hostage negotiator through one long night in a besieged embassy; the "
        "lead gives a tense, understated performance and the final act is gripping."
    ),
    "trial": (
        "An anti-terrorism court in Karachi on Monday sentenced three men to death for the 2019 bombing of "
        "a bus that killed 40 people. The judge said the prosecution had proved its case."
    ),
}


@pytest.mark.parametrize("name", sorted(ATTACKS))
def test_a_report_of_an_attack_keeps_its_incident(name):
    record = extract_record(Report(text=ATTACKS[name]))
    assert record.incidents, record.relevance
    assert record.relevance.score >= default_threshold()
    assert record.relevance.reason.startswith("kept")


@pytest.mark.parametrize("name", sorted(EVERYDAY))
def test_everyday_news_that_sounds_violent_gives_no_incident(name):
    record = extract_record(Report(text=EVERYDAY[name]))
    assert record.incidents == [], (name, record.relevance)
    assert "dropped" in record.relevance.reason


def test_the_reason_names_words_of_the_report():
    decision = decide_relevance(ATTACKS["wire"])
    quoted = decision.reason.split(": ", 2)[-1]
    words = [w.strip("'") for w in quoted.split(", ")]
    assert words and all(w.split()[0] in ATTACKS["wire"].lower() or w == "<n>" for w in words), decision.reason


def test_min_relevance_moves_the_threshold_both_ways():
    text = ATTACKS["wire"]
    assert extract_record(Report(text=text), min_relevance=1.0).incidents == []
    assert extract_record(Report(text=text), min_relevance=0.0).incidents
    with pytest.raises(ValueError, match="between 0 and 1"):
        extract_record(Report(text=text), min_relevance=1.5)


def test_a_page_whose_related_stories_tell_of_attacks_is_still_not_an_attack():
    page = (
        "Home | News | Business | Sport | Opinion\nSkip to main content\n"
        "Port authority approves new container terminal\n"
        "The port authority on Wednesday approved a 400-million-dollar container terminal that officials say "
        "will double the harbour's capacity by 2028 and create 3,000 jobs.\n"
        "The chairman said construction would begin in the spring once the dredging contract is signed.\n"
        "Advertisement\nRelated stories\nGunmen kill five at checkpoint near Maiduguri\n"
        "Car bomb kills 12 in Mogadishu market\nSuicide bomber strikes mosque in Peshawar\n"
        "Comments (3)\nreader42 · 2 hours ago\nRemember the bombing that killed 100 here in 2009.\n"
        "© 2025 Example Herald. All rights reserved.\n"
    )
    record = extract_record(Report(text=page))
    assert record.incidents == [], record.relevance


def test_an_attack_page_with_clutter_keeps_its_incident_and_its_evidence_quotes_the_page():
    page = (
        "Skip to main content\nSubscribe now for $1\nHome | World | Africa\n"
        "Gunmen on motorcycles opened fire at a cattle market in Zamfara state on Tuesday, killing at least "
        "17 traders, police said.\nResidents said the attackers arrived at noon and fired at random.\n"
        "Share this article\nMost read\nStocks slide as oil prices climb\nLeague leaders held to a draw\n"
    )
    record = extract_record(Report(text=page))
    assert record.incidents, record.relevance
    incident = record.incidents[0]
    assert incident.killed.best == 17
    for spans in incident.evidence.values():
        for span in spans:
            assert page[span.start : span.end] == span.text


def test_a_dropped_report_is_stored_with_its_relevance_and_a_rerun_stores_nothing_twice(tmp_path):
    store = open_store(f"sqlite:///{tmp_path / 'feed.sqlite'}")
    reports = [Report(id="news-1", text=EVERYDAY["football"]), Report(id="attack-1", text=ATTACKS["wire"])]
    first = ingest_reports(store, reports)
    assert (first.new, first.created) == (2, 1)
    dropped = store.report("news-1")
    assert dropped.relevance.score < default_threshold() and "dropped" in dropped.relevance.reason
    assert store.report("attack-1").relevance.reason.startswith("kept")
    again = ingest_reports(store, reports)
    assert (again.new, again.duplicates, again.created) == (0, 2, 0)
    store.close()


def test_a_batch_keeps_input_order_and_gives_every_record_a_relevance():
    texts = [ATTACKS["wire"], EVERYDAY["cricket"], ATTACKS["kidnapping"], EVERYDAY["business"]]
    records = list(extract_records([Report(id=str(i), text=t) for i, t in enumerate(texts)], processes=1))
    assert [r.report.id for r in records] == ["0", "1", "2", "3"]
    assert [bool(r.incidents) for r in records] == [True, False, True, False]
    assert all(r.relevance is not None for r in records)


def test_empty_and_foreign_texts_are_dropped_with_their_reason():
    assert "empty" in decide_relevance("   ").reason
    urdu = "کراچی میں پولیس دفتر پر حملہ، چار افراد ہلاک ہو گئے اور انیس زخمی ہوئے"
    assert "not in English" in decide_relevance(urdu).reason
    assert not describes_attack(urdu)


def test_every_shared_cluster_report_is_read_right():
    if not CLUSTERS.exists():
        pytest.skip(f"shared clusters not found at {CLUSTERS}")
    for path in CLUSTERS.glob("*.json"):
        cluster = json.loads(path.read_text())
        for report in cluster["reports"]:
            record = extract_record(Report(text=report["text"], published=report.get("published")))
            assert bool(record.incidents) == (cluster["gold"] is not None), (report["report_id"], record.relevance)


def test_cli_extract_prints_the_relevance_and_refuses_a_threshold_out_of_range(tmp_path):
    path = tmp_path / "match.txt"
    path.write_text(EVERYDAY["football"], encoding="utf-8")
    shown = run_cli("extract", str(path), "--json")
    assert shown.returncode == 0, shown.stderr
    record = json.loads(shown.stdout)
    assert record["incidents"] == [] and "dropped" in record["relevance"]["reason"]
    refused = run_cli("extract", str(path), "--min-relevance", "1.5")
    assert refused.returncode == 2 and "--min-relevance" in refused.stderr


def test_a_bomb_in_a_tanker_is_an_attack_not_an_accident():
    text = (
        "The toll from Monday's truck bombing near the ministry rose to 31, officials said. A fuel tanker "
        "packed with explosives detonated at the gate during the morning rush hour."
    )
    record = extract_record(Report(text=text, published="2024-03-05"))
    assert record.incidents, record.relevance


def test_a_tanker_that_overturned_and_exploded_is_an_accident():
    text = (
        "At least 18 people were killed when a fuel tanker overturned and exploded on the highway near "
        "Kogi on Sunday, the road safety agency said. The driver lost control on a bend, officials said."
    )
    record = extract_record(Report(text=text, published="2024-03-05"))
    assert record.incidents == [], record.relevance
