"""A report's text as safe HTML with every evidence span wrapped in <mark data-field=...>.

Each piece of text between span boundaries is escaped on its own, so nothing in a report can become markup."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from markupsafe import Markup, escape

from ..model import Evidence

# Fields whose spans repeat another field's (coordinates come from the place) are left out of the marks.
SKIPPED_FIELDS = frozenset({"latitude", "longitude", "roles"})


@dataclass(frozen=True)
class FieldSpan:
    start: int
    end: int
    field: str
    context: str = "anchor"  # "background": the span tells another event or the past (dashed, muted)


def spans_in_text(text: str, evidence: dict[str, list[Evidence]]) -> list[FieldSpan]:
    """Evidence spans that really lie in `text` (offsets checked against the span's text)."""
    found = []
    for field, spans in evidence.items():
        if field in SKIPPED_FIELDS:
            continue
        for span in spans:
            if 0 <= span.start < span.end <= len(text) and text[span.start : span.end] == span.text:
                found.append(FieldSpan(span.start, span.end, field, span.context))
    return sorted(set(found), key=lambda s: (s.start, -s.end, s.field))


def highlighted(text: str, spans: list[FieldSpan]) -> Markup:
    """`text` escaped, with each stretch covered by spans in one <mark>; the innermost field names its colour."""
    cuts = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    parts: list[str] = []
    for start, end in pairwise(cuts):
        covering = [s for s in spans if s.start <= start and end <= s.end]
        piece = escape(text[start:end])
        if covering:
            innermost = min(covering, key=lambda s: s.end - s.start)
            fields = sorted({s.field for s in covering})
            part = "background" if all(s.context == "background" for s in covering) else "anchor"
            title = ", ".join(fields) + (" (background: not this attack)" if part == "background" else "")
            parts.append(
                f'<mark data-field="{escape(innermost.field)}" data-context="{part}" '
                f'title="{escape(title)}">{piece}</mark>'
            )
        else:
            parts.append(str(piece))
    return Markup("".join(parts))
