"""Every vocab file is read through `vocab.load` and its model: a key the model does not name is refused."""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path

import pytest

from incidentwire import vocab
from incidentwire.vocab import VocabEntry, VocabError, VocabFile, validated
from incidentwire.vocab.models import CasualtyCues, DateCuesFile, all_models

VOCAB_DIR = Path(str(resources.files("incidentwire.vocab")))
DATA_FILES = sorted(p.name for p in VOCAB_DIR.iterdir() if p.suffix in (".json", ".jsonl"))
SRC = Path(__file__).resolve().parents[1] / "src" / "incidentwire"


def test_every_vocab_file_has_a_model():
    assert sorted(all_models()) == DATA_FILES


@pytest.mark.parametrize("name", DATA_FILES)
def test_every_vocab_file_loads_through_its_model(name):
    model = all_models()[name]
    assert model.model_config.get("extra") == "forbid"
    loaded = vocab.load(name, model)
    if name.endswith(".jsonl"):
        assert loaded and all(isinstance(entry, model) for entry in loaded)
    else:
        assert isinstance(loaded, model)


@pytest.mark.parametrize("name", [n for n in DATA_FILES if n.endswith(".json")])
def test_comments_follow_the_one_convention(name):
    """Comments are underscore keys holding text; the file's own is `_about` (casualty_cues.json aside,
    whose owner converts its `_doc` keys)."""
    raw = json.loads((VOCAB_DIR / name).read_text(encoding="utf-8"))
    comments = {key: value for key, value in raw.items() if key.startswith("_")}
    assert all(isinstance(value, str) for value in comments.values())
    if name not in ("casualty_cues.json", "roles_prior.json"):
        assert "_about" in raw, f"{name} says what it is in '_about'"
        assert not any(key.startswith(("_doc", "_comment")) for key in comments), name


def _file(tmp_path: Path, data: dict, name: str = "words.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_a_misspelt_key_is_refused_naming_the_file_and_the_key(tmp_path):
    raw = json.loads((VOCAB_DIR / "date_cues.json").read_text(encoding="utf-8"))
    raw["atack_cues"] = raw.pop("attack_cues")
    path = _file(tmp_path, raw, "date_cues.json")
    with pytest.raises(VocabError) as refused:
        validated(path, DateCuesFile)
    message = str(refused.value)
    assert str(path) in message
    assert "unknown key 'atack_cues'" in message
    assert "missing key 'attack_cues'" in message


def test_a_misspelt_key_in_a_jsonl_line_is_refused_naming_the_line(tmp_path, monkeypatch):
    path = tmp_path / "groups.jsonl"
    path.write_text('{"_about": "armed groups"}\n{"name": "A"}\n{"name": "B", "alias": ["b"]}\n', encoding="utf-8")
    with pytest.raises(VocabError, match=r"groups\.jsonl, line 3: unknown key 'alias'"):
        vocab._read_jsonl(path, VocabEntry)


def test_a_jsonl_comment_line_is_skipped(tmp_path):
    path = tmp_path / "groups.jsonl"
    path.write_text('{"_about": "armed groups"}\n\n{"name": "A", "_note": "an example"}\n', encoding="utf-8")
    assert vocab._read_jsonl(path, VocabEntry) == [VocabEntry(name="A")]


def test_a_wrong_type_is_refused_naming_the_key(tmp_path):
    class Words(VocabFile):
        words: list[str]

    with pytest.raises(VocabError, match=r"words\.json: key 'words\.1': "):
        validated(_file(tmp_path, {"_about": "x", "words": ["a", 2]}), Words)


def test_comments_are_not_data(tmp_path):
    class Words(VocabFile):
        words: list[str]

    loaded = validated(_file(tmp_path, {"_about": "what it is", "_words": "a note", "words": ["a"]}), Words)
    assert loaded == Words(about="what it is", words=["a"])
    with pytest.raises(VocabError, match="comment key '_words' holds list"):
        validated(_file(tmp_path, {"_words": ["a"], "words": ["a"]}), Words)


def test_the_casualty_cues_are_read_once_for_every_reader():
    assert vocab.load("casualty_cues.json", CasualtyCues) is vocab.load("casualty_cues.json", CasualtyCues)


# the modules whose vocab files another change still reads by hand (issue 16), to finish after it lands
HAND_READERS_LEFT = {"extract/casualty_words.py"}


def test_no_vocab_file_is_read_by_hand():
    """Only vocab/__init__.py opens a vocab file (the gazetteer hashes place_aliases.json's bytes)."""
    names = "|".join(re.escape(name) for name in DATA_FILES)
    opened = re.compile(rf"joinpath\(\s*[\"'](?:{names})[\"']\s*\)(?!\.read_bytes)")
    readers = {
        str(path.relative_to(SRC))
        for path in SRC.rglob("*.py")
        if path.name != "__init__.py" or path.parent.name != "vocab"
        if opened.search(path.read_text(encoding="utf-8"))
    }
    assert readers <= HAND_READERS_LEFT


def test_the_type_rules_take_their_harm_words_from_the_casualty_cues():
    from incidentwire.extract.type_base import CASUALTY_WORDS, HARM_WORDS

    cues = vocab.load("casualty_cues.json", CasualtyCues)
    harm, casualty = HARM_WORDS, CASUALTY_WORDS
    assert {"slain", "murdered", "beheaded", "killed", "wounded"} <= harm
    assert harm <= set(cues.killed) | set(cues.wounded)
    assert harm < casualty


# closed-class sets the type rules may keep in code: dependency labels, prepositions, GTD category names
CLOSED_CLASS = {
    "MODIFIER_DEPS",
    "OBJECT_DEPS",
    "NOUN_LINK_DEPS",
    "TIME_PREPS",
    "INTO_PREPS",
    "HELD_AT",
    "GROUP_NAMING_PREPS",
    "SITE_KINDS",
    "FORCE_TYPES",
    "PERSONAL_ATTACKS",
    "CUE_LISTS",
}


@pytest.mark.parametrize(
    "module", ["types.py", "type_acts.py", "type_base.py", "type_persons.py", "type_targets.py", "type_vocab.py"]
)
def test_no_word_list_is_written_in_the_type_rules(module):
    import ast

    tree = ast.parse((SRC / "extract" / module).read_text(encoding="utf-8"))
    lists = {
        target.id
        for node in tree.body
        if isinstance(node, ast.Assign)
        and isinstance(node.value, ast.Set | ast.Tuple | ast.List)
        and all(isinstance(e, ast.Constant) and isinstance(e.value, str) for e in node.value.elts)
        for target in node.targets
        if isinstance(target, ast.Name)
    }
    assert lists <= CLOSED_CLASS, f"{module}: move {sorted(lists - CLOSED_CLASS)} to vocab/type_words.json"
