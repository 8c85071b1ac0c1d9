"""Number words and quantity phrases."""

import pytest

from incidentwire.extract.numbers import find_quantities, number_value


@pytest.mark.parametrize(
    "text, value",
    [
        ("four", 4),
        ("nineteen", 19),
        ("twenty-one", 21),
        ("a dozen", 12),
        ("1,200", 1200),
        ("one hundred and five", 105),
        ("both", 2),
        ("61", 61),
    ],
)
def test_number_value_reads_digits_and_words(text, value):
    assert number_value(text) == value


def test_number_value_of_a_non_number_is_none():
    assert number_value("several") is None


def test_at_least_keeps_the_stated_figure_as_best_and_low():
    (q,) = find_quantities("killing at least 61 people")
    assert (q.best, q.low, q.high, q.qualifier) == (61, 61, 61, "at least")


def test_more_than_keeps_the_stated_figure():
    (q,) = find_quantities("more than 150 were hurt")
    assert q.best == 150


def test_between_two_numbers_is_a_range_with_the_lower_end_as_best():
    (q,) = find_quantities("between eight and 10 assailants")
    assert (q.best, q.low, q.high) == (8, 8, 10)


def test_number_to_number_is_a_range():
    (q,) = find_quantities("eight to 10 assailants")
    assert (q.low, q.high) == (8, 10)


def test_hyphenated_number_word_is_one_number_not_a_range():
    (q,) = find_quantities("twenty-one dead")
    assert (q.best, q.low, q.high) == (21, 21, 21)


def test_span_quotes_the_phrase():
    text = "four people dead, including two policemen, and 19 others injured"
    assert [text[q.start : q.end] for q in find_quantities(text)] == ["four", "two", "19"]


@pytest.mark.parametrize("text", ["05/07/2013:", "$30", "12:30", "45%"])
def test_dates_money_times_and_percentages_are_not_quantities(text):
    assert find_quantities(text) == []


def test_number_words_never_join_across_a_line_break():
    # a headline ending "killing five" above a lead opening "Five people": two fives, not ten
    assert [q.best for q in find_quantities("killing five\n\nFive people")] == [5, 5]
    assert [q.best for q in find_quantities("twenty five people")] == [25]
