"""What of a scraped page is not the report: menus, banners, share boxes, related stories, comments.

HTML goes through trafilatura, which drops most of this; text that arrives with the clutter pasted in
(a feed's content, a JSON batch of crawled pages) does not. The clutter is blanked out with spaces of the
same length, never cut: every offset into the text stays an offset into the report as stored, so the
evidence spans the extractors find still quote the report itself.

The cue lists live in vocab/clutter_cues.json.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pydantic import BaseModel, ConfigDict

from .. import vocab

MAX_CLUTTER_WORDS = 25  # a line pattern never blanks a line longer than this: that is prose
MENU_WORDS = 3  # a run of lines this short (with no sentence in them) is a menu
MENU_RUN = 3
LIST_ITEM_WORDS = 20  # after a "Related stories" header, lines up to this long are other stories' titles
_SENTENCE_END = re.compile(r"[.!?][\"'’”)]?$")
_WORD = re.compile(r"\w+")


class ClutterCues(BaseModel):
    model_config = ConfigDict(extra="forbid")

    about: str
    line_patterns: list[str]
    section_headers: list[str]
    tail_headers: list[str]


@dataclass(frozen=True)
class _Compiled:
    line: re.Pattern
    section_headers: frozenset[str]
    tail_headers: frozenset[str]


@lru_cache(maxsize=1)
def _cues() -> _Compiled:
    cues = vocab.load("clutter_cues.json", ClutterCues)
    return _Compiled(
        line=re.compile("(?:" + "|".join(cues.line_patterns) + ")", re.IGNORECASE),
        section_headers=frozenset(cues.section_headers),
        tail_headers=frozenset(cues.tail_headers),
    )


@dataclass(frozen=True)
class _Line:
    start: int
    end: int
    text: str  # stripped

    @property
    def words(self) -> int:
        return len(_WORD.findall(self.text))


def mask_clutter(text: str) -> str:
    """The text with its clutter lines replaced by spaces (newlines kept); unchanged when it has none."""
    if "\n" not in text:
        return text  # one run of prose (or one long line): nothing line-shaped to tell apart
    lines = _lines(text)
    masked = _clutter_lines(lines)
    if not masked:
        return text
    chars = list(text)
    for index in masked:
        line = lines[index]
        for offset in range(line.start, line.end):
            if chars[offset] not in "\r\n":
                chars[offset] = " "
    return "".join(chars)


def _lines(text: str) -> list[_Line]:
    lines, start = [], 0
    for raw in text.splitlines(keepends=True):
        lines.append(_Line(start, start + len(raw), raw.strip()))
        start += len(raw)
    return lines


def _clutter_lines(lines: list[_Line]) -> set[int]:
    cues = _cues()
    masked: set[int] = set()
    in_list = False
    for index, line in enumerate(lines):
        if not line.text:
            continue
        header = _header_key(line.text)
        if header in cues.tail_headers and _rest_is_not_the_article(lines, index):
            return masked | {i for i in range(index, len(lines)) if lines[i].text}
        if header in cues.section_headers:
            masked.add(index)
            in_list = True
            continue
        if in_list and line.words <= LIST_ITEM_WORDS and not _is_prose(line):
            masked.add(index)
            continue
        in_list = False
        if line.words <= MAX_CLUTTER_WORDS and cues.line.fullmatch(line.text):
            masked.add(index)
    return masked | _menu_runs(lines)


def _header_key(text: str) -> str:
    """'Comments (23)', 'Most read:', 'RELATED STORIES' -> the header's words, lower-cased."""
    return " ".join(_WORD.findall(re.sub(r"\(\d+\)|\d+", "", text.lower()).replace("'", "")))


def _rest_is_not_the_article(lines: list[_Line], index: int) -> bool:
    """A comments header near the top of a page is a link in the menu; the article is still to come."""
    later_prose = sum(_is_prose(line) for line in lines[index + 1 :])
    earlier_prose = sum(_is_prose(line) for line in lines[:index])
    return earlier_prose >= 1 and earlier_prose >= later_prose / 3


def _is_prose(line: _Line) -> bool:
    return line.words > LIST_ITEM_WORDS or (line.words >= 8 and bool(_SENTENCE_END.search(line.text)))


def _menu_runs(lines: list[_Line]) -> set[int]:
    """Runs of very short lines with no sentence in them: a site's menu laid out one item a line."""
    runs: set[int] = set()
    run: list[int] = []
    for index, line in enumerate([*lines, _Line(0, 0, "end of text, which ends any run.")]):
        if not line.text:
            continue
        if line.words <= MENU_WORDS and not _SENTENCE_END.search(line.text):
            run.append(index)
            continue
        if len(run) >= MENU_RUN:
            runs.update(run)
        run = []
    return runs
