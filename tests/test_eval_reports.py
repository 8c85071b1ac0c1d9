"""The lenient type rows of `eval reports`: every expected type extracted, extra types not counted."""

from incidentwire.eval.reports import _includes_expected, expected_key


def test_include_rows_are_scored_against_the_exact_fields_expected_value():
    assert expected_key("attack_types_include") == "attack_types"
    assert expected_key("target_types_include") == "target_types"
    assert expected_key("city") == "city"


def test_an_extra_type_still_includes_the_expected_ones_but_a_missing_one_does_not():
    assert _includes_expected(["Police"], ["Police", "Private Citizens & Property"]) is True
    assert _includes_expected(["Police", "Business"], ["Police"]) is False


def test_nothing_expected_is_not_scored():
    assert _includes_expected([], ["Armed Assault"]) is None
    assert _includes_expected(["Unknown"], ["Armed Assault"]) is None
