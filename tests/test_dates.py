"""The incident date: stated, relative to publication, or inferred, and never a background date."""

from __future__ import annotations

import csv
import json
from datetime import date

import pytest
from conftest import SHARED, require_shared

from incidentwire.extract.date_phrases import most_recent_weekday
from incidentwire.extract.dates import find_incident_date
from incidentwire.extract.spans import Context
from incidentwire.nlp import get_nlp

DATA = SHARED / "data"
SEED = DATA / "examples/karachi-kpo-2023/report.txt"
CLUSTERS = sorted((DATA / "examples/clusters").glob("*.json"))  # empty without the shared data: skipped
GTD = DATA / "gtd/gtd-2013-05.csv"

FRIDAY = date(2023, 2, 17)
SATURDAY = date(2023, 2, 18)


def incident_date(text: str, published: date | None):
    found = find_incident_date(Context(doc=get_nlp()(text), published=published, report_id="t"))
    quoted = [text[start:end] for start, end in found.spans]
    return found.value.date, found.value.precision, quoted


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen attacked a police checkpoint on May 7, 2013, killing two officers.",
        "Gunmen attacked a police checkpoint on 7 May 2013, killing two officers.",
        "Gunmen attacked a police checkpoint on the 7th of May, killing two officers.",
        "05/07/2013: Assailants attacked a police checkpoint in Baghdad city, Iraq.",
    ],
)
def test_explicit_dates_in_many_formats_give_the_day(text):
    assert incident_date(text, date(2013, 5, 9))[:2] == ("2013-05-07", "day")


def test_gtd_numeric_prefix_is_read_month_first():
    assert incident_date("05/07/2013: Assailants detonated a bomb in Quetta.", date(2013, 5, 7))[0] == "2013-05-07"


def test_weekday_resolves_to_the_latest_such_day_on_or_before_publication():
    assert incident_date("Militants stormed a police station on Friday.", SATURDAY) == (
        "2023-02-17",
        "day",
        ["on Friday"],
    )


def test_weekday_may_be_the_publication_day_itself():
    assert incident_date("Militants stormed a police station on Friday evening.", FRIDAY)[0] == "2023-02-17"


def test_last_weekday_means_an_earlier_week_on_that_weekday():
    assert most_recent_weekday(FRIDAY, 4, strictly_before=True) == date(2023, 2, 10)


def test_yesterday_and_last_night_are_the_day_before_publication():
    assert incident_date("A bomb exploded at a market yesterday, killing six.", SATURDAY)[:2] == ("2023-02-17", "day")
    assert incident_date("Gunmen opened fire on a bus last night.", SATURDAY)[:2] == ("2023-02-17", "day")


def test_weekday_with_part_of_day_is_quoted_whole():
    assert incident_date("Insurgents ambushed a convoy on Monday night.", date(2023, 2, 22)) == (
        "2023-02-20",
        "day",
        ["on Monday night"],
    )


def test_earlier_this_month_gives_month_precision():
    assert incident_date("Gunmen killed three traders earlier this month.", date(2023, 2, 18))[:2] == (
        "2023-02-01",
        "month",
    )


def test_last_november_gives_the_previous_november():
    assert incident_date("Militants attacked the checkpoint last November.", date(2023, 2, 18))[:2] == (
        "2022-11-01",
        "month",
    )


def test_in_a_year_gives_year_precision():
    assert incident_date("The bombing in 2019 killed 40 soldiers.", date(2023, 2, 18))[:2] == ("2019-01-01", "year")


def test_this_evening_is_the_published_day_inferred():
    assert incident_date("Gunmen opened fire on worshippers this evening.", SATURDAY)[:2] == ("2023-02-18", "inferred")


def test_shortly_after_dusk_is_inferred_from_publication():
    found_date, precision, quoted = incident_date("Three attackers stormed the office shortly after dusk.", SATURDAY)
    assert (found_date, precision) == ("2023-02-17", "inferred")
    assert quoted == ["shortly after dusk"]


def test_founding_report_date_is_inferred_around_publication():
    found_date, precision, quoted = incident_date(require_shared(SEED).read_text(encoding="utf-8"), SATURDAY)
    assert found_date in ("2023-02-17", "2023-02-18")
    assert precision == "inferred"
    assert "shortly after dusk" in quoted


@pytest.mark.parametrize(
    "distractor",
    [
        "Last year, TTP and the Pakistani state announced a ceasefire, but it was short-lived.",
        "Attacks have increased since the ceasefire agreement broke down last November.",
        "The group was banned in 2008.",
        "The hotels host cricket players in the Super League, which has matches on Saturday and Sunday.",
    ],
)
def test_background_dates_are_not_the_incident_date(distractor):
    text = f"Militants stormed the police office shortly after dusk. {distractor}"
    assert incident_date(text, SATURDAY)[:2] == ("2023-02-17", "inferred")


def test_an_earlier_event_that_inspired_the_attack_is_not_its_date():
    text = (
        "Assailants set fire to a mosque on May 25, 2013. Police said the attack was in response to "
        "the murder of a soldier on May 22, 2013."
    )
    assert incident_date(text, date(2013, 5, 26))[0] == "2013-05-25"


def test_the_earliest_attack_day_wins_over_later_operation_days():
    text = (
        "On Tuesday troops went into the compound, killing 25 terrorists. On December 18, one detainee "
        "seized a weapon and opened fire."
    )
    assert incident_date(text, date(2022, 12, 21))[0] == "2022-12-18"


def test_a_dated_release_puts_the_attack_the_day_before():
    text = "Assailants kidnapped a journalist in Benghazi. He was released on May 21, 2013."
    assert incident_date(text, date(2013, 5, 22))[:2] == ("2013-05-20", "inferred")


def test_a_date_after_publication_is_never_returned():
    text = "Gunmen attacked a court on June 20, 2013. The trial resumes on June 30, 2013."
    assert incident_date(text, date(2013, 6, 21))[0] == "2013-06-20"
    found_date, _, _ = incident_date("A bomb exploded on June 30, 2013.", date(2013, 6, 21))
    assert found_date <= "2013-06-21"


def test_without_published_date_an_explicit_date_still_counts():
    assert incident_date("A bomb exploded on May 7, 2013 in Quetta.", None)[:2] == ("2013-05-07", "day")


def test_without_published_date_or_explicit_date_there_is_no_date():
    assert incident_date("Militants stormed a police station on Friday shortly after dusk.", None)[:2] == (None, None)


@pytest.mark.parametrize("path", CLUSTERS, ids=lambda p: p.stem)
def test_cluster_reports_give_their_expected_date(path):
    for report in json.loads(path.read_text(encoding="utf-8"))["reports"]:
        if report["expected"] is None:
            continue
        published = date.fromisoformat(report["published"])
        assert incident_date(report["text"], published)[0] == report["expected"]["date"], report["report_id"]


def test_gtd_summaries_give_their_coded_day():
    with require_shared(GTD).open(encoding="utf-8") as handle:
        rows = [row for _, row in zip(range(150), csv.DictReader(handle))]
    hits = 0
    for row in rows:
        coded = date(int(row["iyear"]), int(row["imonth"]), int(row["iday"]))
        hits += incident_date(row["summary"], coded)[0] == coded.isoformat()
    assert hits / len(rows) >= 0.97


# --- follow-up reports date the original attack ----------------------------------------------


def test_attack_on_a_stated_day_weeks_before_a_follow_up():
    text = (
        "More than 500 people died in the attack on Oct. 14 in the capital, a committee said on Thursday. "
        "On October 20 the government had put the toll at 358."
    )
    assert incident_date(text, date(2017, 12, 1))[:2] == ("2017-10-14", "day")


def test_possessive_day_of_the_bombing_beats_the_toll_revision_day():
    text = "Police on Saturday revised the death toll from Monday's suicide bombing at the mosque down to 84."
    assert incident_date(text, date(2023, 2, 4)) == ("2023-01-30", "day", ["Monday's"])


def test_last_saturdays_bombing_is_the_saturday_before():
    text = "Funerals were held on Tuesday for the victims of last Saturday's bombing of the bus station."
    assert incident_date(text, date(2023, 3, 14))[0] == "2023-03-11"


def test_the_named_day_of_the_bombings_beats_an_earlier_warning_memo():
    text = (
        "The toll from the April 21 bombings rose to 290. Officials had been warned about possible attacks "
        "on churches in a memo dated April 11."
    )
    assert incident_date(text, date(2019, 4, 23))[0] == "2019-04-21"


def test_warning_memo_alone_is_not_the_attack_day():
    text = "Suicide bombers struck three churches. Police had received a memo dated April 11 about the threat."
    assert incident_date(text, date(2019, 4, 22))[0] != "2019-04-11"


def test_claim_day_does_not_date_the_attack():
    text = "The Islamic State group claimed responsibility on Tuesday for Sunday's attacks on churches."
    assert incident_date(text, date(2019, 4, 23))[0] == "2019-04-21"


def test_arrest_day_does_not_date_the_attack():
    text = "Police arrested three suspects on Friday over the bombing of May 2 at the bus terminal."
    assert incident_date(text, date(2023, 5, 13))[0] == "2023-05-02"


def test_a_day_earlier_counts_back_from_the_day_of_the_sentence():
    text = (
        "The country began three days of mourning on Wednesday for the 141 people killed when gunmen "
        "attacked the school a day earlier."
    )
    assert incident_date(text, date(2014, 12, 17))[:2] == ("2014-12-16", "day")


def test_attack_dated_only_last_week_has_no_date():
    text = (
        "One of the gunmen who killed 148 people at the college last week was the son of an official, "
        "the ministry said on Sunday."
    )
    assert incident_date(text, date(2015, 4, 5))[:2] == (None, None)


def test_statement_day_still_dates_a_first_report_with_nothing_else():
    text = "Gunmen killed four policemen at a checkpoint, officials said on Monday."
    assert incident_date(text, date(2023, 2, 21))[0] == "2023-02-20"


def test_end_of_a_long_siege_moves_back_to_its_start():
    text = (
        "Commandos killed the last gunmen in the hotel on Saturday morning, ending about 60 hours of fighting "
        "that left 195 people dead."
    )
    assert incident_date(text, date(2008, 11, 29))[:2] == ("2008-11-26", "inferred")


def test_anchored_day_is_never_after_publication():
    text = "Mourners gathered for victims of Friday's shooting; a memorial is set for the attack anniversary."
    assert incident_date(text, date(2024, 3, 23))[0] <= "2024-03-23"


def test_old_anchored_attack_in_background_does_not_date_a_fresh_report():
    text = (
        "Gunmen stormed a college in Peshawar on Monday, killing nine students. Security was tightened after "
        "the Dec. 16, 2014, attack on the Army Public School."
    )
    assert incident_date(text, date(2023, 5, 9))[0] == "2023-05-08"


def test_an_attack_that_came_after_another_keeps_its_own_day():
    text = (
        "A suicide bomber killed 12 people at a market in Quetta on Monday. The attack came two days "
        "after Saturday's bombing of a bus station."
    )
    assert incident_date(text, date(2023, 5, 9))[0] == "2023-05-08"


# --- days that are not the attack's (issue 13): feasts, days to come, later stages --------------------

SUNDAY_AFTER_EASTER_2024 = date(2024, 4, 2)  # a Tuesday; Easter Sunday 2024 fell on March 31


def test_a_feast_within_the_week_dates_the_attack():
    found = incident_date(
        "Gunmen opened fire on worshippers at a church on Easter Sunday, killing nine.", SUNDAY_AFTER_EASTER_2024
    )
    assert found[0] == "2024-03-31"


def test_a_feast_of_another_month_is_no_weekday_of_this_week():
    text = (
        "Gunmen killed six villagers on Tuesday. The group, which carried out the Palm Sunday bombings "
        "of two churches in April, has not commented."
    )
    assert incident_date(text, date(2024, 11, 14))[0] == "2024-11-12"


def test_a_weekday_in_an_events_name_is_not_a_date():
    text = "Militants stormed a police post on Monday. Their leader compared the raid to Bloody Sunday."
    assert incident_date(text, date(2024, 1, 10))[0] == "2024-01-08"


def test_a_weekday_to_come_is_not_the_attack():
    text = (
        "The gunman killed 12 people at a concert early Saturday. The governor was due to visit the city "
        "on Thursday to meet the families."
    )
    assert incident_date(text, date(2024, 5, 7))[0] == "2024-05-04"


def test_a_wounded_victim_dying_later_does_not_move_the_attack():
    text = (
        "A woman hurt when a car bomb exploded outside the market on March 3 died in hospital on "
        "Wednesday, raising the toll to 15."
    )
    assert incident_date(text, date(2024, 3, 22))[0] == "2024-03-03"


def test_a_day_told_as_a_week_after_the_attack_is_counted_back():
    text = (
        "Traders reopened their stalls on Friday, exactly a week after a suicide bomber killed 20 people in the market."
    )
    assert incident_date(text, date(2024, 6, 15))[0] == "2024-06-07"


def test_a_week_after_another_attack_does_not_move_this_one():
    text = "Two policemen were shot dead on Friday, a week after gunmen attacked a bank in the same town."
    assert incident_date(text, date(2024, 6, 15))[0] == "2024-06-14"
