"""The model's attribute ruler (tag -> POS and morphology, plus its exceptions), applied without the Matcher.

en_core_web_sm sets POS by an attribute ruler of ~180 token patterns run through spaCy's Matcher: about a
tenth of our parse time. Nearly all of its patterns read one token's TAG, LOWER, DEP and IS_SPACE only, so
their outcome is a function of those four values; it is worked out once per distinct tuple and reused.
The few two-token patterns ("gon na", an expletive's verb) are checked where their first token matches.
Patterns and attributes are the model's own, applied in the ruler's order, so the result is the same.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import cast

from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc, Token
from spacy.tokens._retokenize import set_token_attrs

Key = tuple[str, str, str, bool]  # TAG, LOWER, DEP, IS_SPACE
Predicate = Callable[[Key], bool]
KEY_FIELDS = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}


@dataclass(frozen=True)
class Rule:
    order: int  # the ruler applies later rules over earlier ones
    tokens: tuple[Predicate, ...]
    index: int  # which token of the match takes the attributes
    attrs: dict


def _value_test(spec) -> Callable[[object], bool]:
    if not isinstance(spec, dict):
        return lambda value: value == spec
    ((operator, operand),) = spec.items()
    if operator == "IN":
        allowed = frozenset(operand)
        return lambda value: value in allowed
    if operator == "NOT_IN":
        banned = frozenset(operand)
        return lambda value: value not in banned
    if operator == "REGEX":
        pattern = re.compile(operand)
        return lambda value: pattern.search(value) is not None
    raise ValueError(f"attribute ruler pattern uses {operator!r}, which is not supported here")


def _token_predicate(token_spec: dict) -> Predicate:
    unknown = set(token_spec) - set(KEY_FIELDS)
    if unknown:
        raise ValueError(f"attribute ruler pattern reads {sorted(unknown)}, which is not supported here")
    tests = [(KEY_FIELDS[name], _value_test(spec)) for name, spec in token_spec.items()]
    return lambda key: all(test(key[field]) for field, test in tests)


def compile_rules(ruler: AttributeRuler) -> list[Rule]:
    """One Rule per token sequence of each of the ruler's rules (a rule may list several alternatives)."""
    patterns = ruler.patterns
    if len(patterns) != len(ruler.attrs):
        raise ValueError("attribute ruler patterns and attributes do not line up")
    return [
        Rule(order, tuple(_token_predicate(t) for t in alternative), ruler.indices[order], ruler.attrs[order])
        for order, pattern in enumerate(patterns)
        for alternative in _alternatives(pattern)
    ]


def _alternatives(pattern: dict) -> list[list[dict]]:
    """A ruler pattern's token sequences (spaCy types every value of a pattern as one union of all keys' types;
    under "patterns" it is a list of token sequences, each a list of token specs)."""
    return cast(list[list[dict]], pattern["patterns"])


class CompiledAttributeRuler:
    """Callable pipeline component doing what the given AttributeRuler does to a parsed Doc."""

    def __init__(self, ruler: AttributeRuler):
        rules = compile_rules(ruler)
        self.single = [r for r in rules if len(r.tokens) == 1]
        self.multi = [r for r in rules if len(r.tokens) > 1]
        self._by_key: dict[Key, tuple[tuple[Rule, ...], tuple[bool, ...]]] = {}

    def _matches(self, key: Key) -> tuple[tuple[Rule, ...], tuple[bool, ...]]:
        """The one-token rules this token meets, and for each multi-token rule, which of its tokens it fits."""
        found = self._by_key.get(key)
        if found is None:
            found = (
                tuple(r for r in self.single if r.tokens[0](key)),
                tuple(any(t(key) for t in r.tokens) for r in self.multi),
            )
            self._by_key[key] = found
        return found

    def __call__(self, doc: Doc) -> Doc:
        keys = [(t.tag_, t.lower_, t.dep_, t.is_space) for t in doc]
        matches = [self._matches(key) for key in keys]
        chosen: list[list[Rule]] = [list(rules) for rules, _ in matches]
        for n, rule in enumerate(self.multi):
            self._add_multi_token_matches(rule, n, keys, matches, chosen)
        for token, rules in zip(doc, chosen):
            if rules:
                _apply(token, rules)
        return doc

    def _add_multi_token_matches(self, rule: Rule, n: int, keys: list[Key], matches, chosen) -> None:
        width = len(rule.tokens)
        for start in range(len(keys) - width + 1):
            if matches[start][1][n] and all(rule.tokens[k](keys[start + k]) for k in range(width)):
                chosen[start + rule.index % width].append(rule)


def _apply(token: Token, rules: list[Rule]) -> None:
    """Each rule once (two alternatives of one rule may both match), in the ruler's order."""
    if len(rules) > 1:
        rules = sorted({r.order: r for r in rules}.values(), key=lambda r: r.order)
    for rule in rules:
        set_token_attrs(token, rule.attrs)


@Language.factory("compiled_attribute_ruler", default_config={"ruler_name": "attribute_ruler"})
def make_compiled_attribute_ruler(nlp: Language, name: str, ruler_name: str) -> CompiledAttributeRuler:
    ruler = nlp.get_pipe(ruler_name)  # typed as any component: it is the model's AttributeRuler
    if not isinstance(ruler, AttributeRuler):
        raise TypeError(f"{ruler_name!r} is a {type(ruler).__name__}, not an AttributeRuler")
    return CompiledAttributeRuler(ruler)


def compile_attribute_ruler(nlp: Language, name: str = "attribute_ruler") -> None:
    """Replaces the pipeline's attribute ruler by its compiled equivalent, in the same place."""
    if name not in nlp.pipe_names:
        return
    nlp.add_pipe("compiled_attribute_ruler", name=f"compiled_{name}", before=name, config={"ruler_name": name})
    nlp.remove_pipe(name)
