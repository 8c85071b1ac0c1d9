"""One-slot memory of a function of a parsed document, for facts several extractors ask of the same report.

Extraction reads one report at a time, and its readers ask the same questions of it (its lead sentence,
its background tokens) several times each; the answer for the last document asked about is kept. The
document itself is held, so no other document can take its identity while its answer is kept. Answers
are shared: callers read them and never change them.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from spacy.tokens import Doc

R = TypeVar("R")


def once_per_doc(read: Callable[..., R]) -> Callable[..., R]:
    """`read(doc, *args)`, worked out again only when the document or the other arguments change."""
    last: list[Any] = []

    @functools.wraps(read)
    def remembered(doc: Doc, *args: Any) -> R:
        if last and last[0] is doc and last[1] == args:
            return last[2]
        answer = read(doc, *args)
        last[:] = [doc, args, answer]
        return answer

    return remembered


def once_per_doc_word(read: Callable[..., R]) -> Callable[..., R]:
    """`read(doc, *args)` for many arguments of one document (one word after another): each answer is
    kept while the document stays the same, and all are dropped when the next document comes."""
    table: dict[tuple[Any, ...], R] = {}
    current: list[Doc] = []

    @functools.wraps(read)
    def remembered(doc: Doc, *args: Any) -> R:
        if not current or current[0] is not doc:
            current[:] = [doc]
            table.clear()
        if args not in table:
            table[args] = read(doc, *args)
        return table[args]

    return remembered
