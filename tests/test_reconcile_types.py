from incidentwire.merge.readings import Reading
from incidentwire.merge.reconcile import reconcile
from incidentwire.model import Incident


def _reading(report_id: str, attack_types: list[str], suicide: bool | None = False) -> Reading:
    incident = Incident(id=report_id, reports=[report_id], attack_types=attack_types, suicide=suicide)
    return Reading(incident, report_id, "2021-08-26", int(report_id[1:]))


def test_a_report_that_could_not_tell_the_type_adds_no_unknown():
    merged = reconcile("i", [_reading("r1", ["Unknown"]), _reading("r2", ["Bombing/Explosion"])]).incident
    assert merged.attack_types == ["Bombing/Explosion"]


def test_types_are_ordered_by_how_many_reports_name_them():
    readings = [
        _reading("r1", ["Armed Assault", "Bombing/Explosion"]),
        _reading("r2", ["Bombing/Explosion"]),
        _reading("r3", ["Bombing/Explosion"]),
    ]
    assert reconcile("i", readings).incident.attack_types == ["Bombing/Explosion", "Armed Assault"]


def test_a_type_named_by_a_minority_of_reports_is_listed_as_a_conflict():
    readings = [
        _reading("r1", ["Bombing/Explosion", "Armed Assault"]),
        _reading("r2", ["Bombing/Explosion"]),
        _reading("r3", ["Bombing/Explosion"]),
    ]
    conflicts = [c for c in reconcile("i", readings).incident.conflicts if c.field == "attack_types"]
    assert [c.values for c in conflicts] == [["Armed Assault"]]
    assert "r1" in conflicts[0].note


def test_suicide_follows_the_report_that_asserts_it():
    readings = [
        _reading("r1", ["Bombing/Explosion"], suicide=True),
        _reading("r2", ["Bombing/Explosion"]),
        _reading("r3", ["Bombing/Explosion"], suicide=None),
    ]
    assert reconcile("i", readings).incident.suicide is True
