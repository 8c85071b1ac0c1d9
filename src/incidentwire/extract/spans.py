"""Values found in a report, each with the character spans that prove it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Generic, TypeVar

from spacy.tokens import Doc, Span

from ..model import Evidence, EvidenceContext

T = TypeVar("T")


@dataclass
class Found(Generic[T]):
    """A value and the spans (start, end character offsets into the report text) that prove it."""

    value: T
    spans: list[tuple[int, int]] = field(default_factory=list)


def span_of(span: Span) -> tuple[int, int]:
    return (span.start_char, span.end_char)


def evidence(
    text: str, spans: list[tuple[int, int]], report_id: str, part_at: Callable[[int], EvidenceContext] | None = None
) -> list[Evidence]:
    """Evidence objects for spans, deduplicated, in text order; each quotes the text exactly and says
    (with part_at, the document's context) whether it stands in an anchor or a background sentence."""
    seen = sorted({(s, e) for s, e in spans if 0 <= s < e <= len(text)})
    return [
        Evidence(start=s, end=e, text=text[s:e], report_id=report_id, context=part_at(s) if part_at else "anchor")
        for s, e in seen
    ]


if not Doc.has_extension("text"):
    Doc.set_extension("text", default=None)


def doc_text(doc: Doc) -> str:
    """The report's text, worked out once per document: spaCy rebuilds Doc.text by joining every token
    on each access, and the extractors ask for it thousands of times per hundred reports."""
    if _LAST_TEXT and _LAST_TEXT[0][0] is doc:
        return _LAST_TEXT[0][1]  # the same document again: skips spaCy's extension lookup, itself costly
    text = doc._.text
    if text is None:
        text = doc._.text = doc.text
    _LAST_TEXT[:] = [(doc, text)]
    return text


_LAST_TEXT: list[tuple[Doc, str]] = []


@dataclass
class Context:
    """What every field extractor reads: the parsed report and its publication date."""

    doc: Doc
    published: date | None
    report_id: str = ""
    role_doc: Doc | None = None  # the role model's parse of the lower-cased text, when made in a batch

    @property
    def text(self) -> str:
        return doc_text(self.doc)
