"""Bad input at the reader level: every failure is an UnreadableInput or BadReport whose message is
one line naming the input and the reason — never a traceback, never a hang."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from incidentwire.errors import BadReport, IncidentwireError, UnreadableInput
from incidentwire.read import BadLine, iter_reports, read_report, report_from_dict
from incidentwire.read.decode import MAX_FILE_BYTES

SENTENCE = "Gunmen attacked a police checkpoint in Quetta on Monday, killing three policemen, officials said."


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def message_of(excinfo: pytest.ExceptionInfo) -> str:
    message = str(excinfo.value)
    assert "\n" not in message
    return message


@pytest.mark.parametrize("name", ["report.txt", "page.html", "report.json", "batch.jsonl"])
def test_empty_file_is_unreadable(tmp_path, name):
    path = write(tmp_path, name, b"")
    with pytest.raises(UnreadableInput) as excinfo:
        list(iter_reports(path))
    assert message_of(excinfo) == f"{name}: empty file"


@pytest.mark.parametrize("name", ["report.txt", "page.html", "report.json", "batch.jsonl"])
def test_whitespace_only_file_is_unreadable(tmp_path, name):
    path = write(tmp_path, name, "  \n\t\r\n   \n")
    with pytest.raises(UnreadableInput) as excinfo:
        read_report(path) if name != "batch.jsonl" else list(iter_reports(path))
    assert message_of(excinfo) == f"{name}: no text (whitespace only)"


@pytest.mark.parametrize("name", ["blob.bin", "report.txt", "batch.jsonl"])
def test_binary_file_is_unreadable(tmp_path, name):
    gzip_like = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" + bytes(range(256)) * 40
    with pytest.raises(UnreadableInput) as excinfo:
        list(iter_reports(write(tmp_path, name, gzip_like)))
    assert message_of(excinfo) == f"{name}: binary data, not text"


def test_text_full_of_control_characters_is_binary(tmp_path):
    data = b"ab\x01\x02\x03\x04\x05\x06" * 1000
    with pytest.raises(UnreadableInput, match="binary data"):
        read_report(write(tmp_path, "weird.txt", data))


def test_invalid_utf8_is_refused_with_the_offending_byte(tmp_path):
    latin1 = ("Le 18 février, à Karachi, l'attaque a été revendiquée. " * 20).encode("latin-1")
    with pytest.raises(UnreadableInput) as excinfo:
        read_report(write(tmp_path, "report.txt", latin1))
    assert message_of(excinfo).startswith("report.txt: not valid UTF-8 (byte 0xe9 at offset 7)")


def test_one_stray_byte_in_utf8_text_is_replaced_not_refused(tmp_path):
    data = (SENTENCE * 20).encode() + b" caf\xe9 " + (SENTENCE * 20).encode()
    report = read_report(write(tmp_path, "report.txt", data))
    assert "caf\ufffd" in report.text and report.text.startswith(SENTENCE)


def test_utf16_without_bom_is_refused_as_binary(tmp_path):
    with pytest.raises(UnreadableInput, match="binary data"):
        read_report(write(tmp_path, "report.txt", SENTENCE.encode("utf-16-le")))


def test_missing_file_is_unreadable(tmp_path):
    with pytest.raises(UnreadableInput) as excinfo:
        read_report(tmp_path / "nowhere.txt")
    assert message_of(excinfo) == "nowhere.txt: no such file"


@pytest.mark.parametrize("name", ["folder", "folder.jsonl"])
def test_directory_passed_as_a_file_is_unreadable(tmp_path, name):
    (tmp_path / name).mkdir()
    with pytest.raises(UnreadableInput) as excinfo:
        list(iter_reports(tmp_path / name))
    assert message_of(excinfo) == f"{name}: is a directory, not a file"


def test_file_over_the_size_limit_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:  # sparse: no 50 MB written to disk
        handle.truncate(MAX_FILE_BYTES + 1)
    with pytest.raises(UnreadableInput) as excinfo:
        read_report(path)
    assert message_of(excinfo).startswith("huge.txt: too large (52.4 MB; the limit is 52 MB)")


def test_html_page_without_main_text_is_unreadable(tmp_path):
    page = "<html><head><title>Home</title></head><body><nav><a href='/'>Home</a></nav></body></html>"
    with pytest.raises(UnreadableInput) as excinfo:
        read_report(write(tmp_path, "page.html", page))
    assert message_of(excinfo) == "page.html: no main text found"


def test_twenty_megabyte_page_of_markup_alone_ends_quickly_with_a_reason(tmp_path):
    page = "<html><body>" + "<div><span></span></div>\n" * 850_000 + "</body></html>"
    path = write(tmp_path, "junk.html", page)
    assert path.stat().st_size > 20_000_000
    started = time.monotonic()
    with pytest.raises(UnreadableInput, match="^junk.html: no main text found$"):
        read_report(path)
    assert time.monotonic() - started < 20


def test_invalid_json_file_names_line_and_column(tmp_path):
    with pytest.raises(UnreadableInput) as excinfo:
        read_report(write(tmp_path, "report.json", '{"text": "x",\n "id": }'))
    assert message_of(excinfo) == "report.json: invalid JSON (Expecting value at line 2 column 8)"


def test_json_array_is_not_a_report(tmp_path):
    with pytest.raises(UnreadableInput, match=r"^report.json: not a report \(a JSON array"):
        read_report(write(tmp_path, "report.json", json.dumps([{"text": SENTENCE}])))


@pytest.mark.parametrize(
    ("obj", "reason"),
    [
        ({"title": "x"}, "no 'text' field (nor 'html')"),
        ({"text": "   "}, "field 'text' is empty"),
        ({"text": 42}, "field 'text' must be a string, not number"),
        ({"text": SENTENCE, "title": ["a"]}, "field 'title' must be a string, not array"),
        ({"text": SENTENCE, "id": {"n": 1}}, "field 'id' must be a string, not object"),
        ({"text": SENTENCE, "published": "31/31/2023"}, "field 'published' is not a date: '31/31/2023'"),
        ({"html": "<html><body></body></html>"}, "no main text found in field 'html'"),
        ("just a string", "not a report (a JSON string, expected an object)"),
    ],
)
def test_invalid_report_objects_are_bad_reports_with_a_reason(obj, reason):
    with pytest.raises(BadReport) as excinfo:
        report_from_dict(obj, "report.json")
    assert message_of(excinfo) == f"report.json: {reason}"
    assert excinfo.value.reason == reason


def test_invalid_report_object_in_a_json_file_is_a_bad_report(tmp_path):
    with pytest.raises(BadReport, match=r"^report.json: no 'text' field"):
        read_report(write(tmp_path, "report.json", json.dumps({"id": "x", "url": "https://e.org"})))


def test_numeric_id_is_kept_as_a_string():
    assert report_from_dict({"id": 1737, "text": SENTENCE}, "api").id == "1737"


def test_jsonl_bad_lines_of_every_kind_are_reported_and_the_batch_goes_on(tmp_path):
    good = json.dumps({"text": SENTENCE}).encode()
    lines = [good, b"[1, 2]", b'{"text": "caf\xe9"}', b"{not json", good, b'{"text": ""}', b"   ", good]
    items = list(iter_reports(write(tmp_path, "batch.jsonl", b"\n".join(lines))))
    bad = {item.line_no: item.reason for item in items if isinstance(item, BadLine)}
    assert sum(not isinstance(item, BadLine) for item in items) == 3
    assert bad == {
        2: "not a report (a JSON array, expected an object)",
        3: "not valid UTF-8 (byte 0xe9)",
        4: "invalid JSON (Expecting property name enclosed in double quotes)",
        6: "field 'text' is empty",
    }


def test_read_report_on_a_multi_report_batch_is_refused(tmp_path):
    path = write(tmp_path, "batch.jsonl", "\n".join([json.dumps({"text": SENTENCE})] * 2))
    with pytest.raises(UnreadableInput, match=r"^batch.jsonl: a batch of 2 lines, expected one report$"):
        read_report(path)


def test_feed_file_is_not_a_single_report(tmp_path):
    with pytest.raises(UnreadableInput, match="RSS/Atom feed"):
        read_report(write(tmp_path, "news.xml", "<rss><channel></channel></rss>"))


def test_published_argument_that_is_not_a_date_is_a_bad_report(tmp_path):
    with pytest.raises(BadReport, match=r"^report.txt: field 'published' is not a date"):
        read_report(write(tmp_path, "report.txt", SENTENCE), published="someday")


def test_every_reader_error_is_an_incidentwire_error():
    assert issubclass(UnreadableInput, IncidentwireError) and issubclass(BadReport, IncidentwireError)
