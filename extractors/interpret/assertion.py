"""What the text asserts about a term: present, negated, possible, hypothetical, historical,
about someone else (family), or only asked (a printed question).

The ConText idea with its rules as data (`data/context.yaml`): a trigger covers the words
after it (forward) or before it (backward) up to a terminator, the end of its clause or a word
limit; pseudo-triggers ("no change in") are not triggers. The status with the highest
precedence among the triggers covering a term wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Literal

import yaml

Status = Literal["present", "negated", "possible", "hypothetical", "historical", "family",
                 "question"]
_FLAGS = re.IGNORECASE
_CLAUSE_END = re.compile(r"[;!]|(?<=\w)\?(?=\s*$|\s+[A-Z])|:(?!\d)|(?<!\d):"
                         r"|\.(?=\s+[^a-z\s]|\s*$)|\n|\s{3,}")
"""Forward scope ends here (a colon too: "Findings: no edema" / "Edema: none")."""
_SENTENCE_END = re.compile(r"[;!]|(?<=\w)\?(?=\s*$|\s+[A-Z])|\.(?=\s+[^a-z\s]|\s*$)|\n|\s{3,}")
_ANSWERED_NO = re.compile(r"\?\s*(?:no|neg(?:ative)?)\b", re.IGNORECASE)
_FULL_STOP = re.compile(r"[!?]|\.(?=\s|$)|\n")
_WORD = re.compile(r"\S+")
_QUESTION = re.compile(r"^\s*(?:\d+[.)]\s*)?(?:does|do|did|is|are|was|were|has|have|had|any|"
                       r"can|could|will|would)\b[^?]*\?", _FLAGS)


@dataclass(frozen=True)
class Rules:
    max_words: int
    precedence: tuple[str, ...]
    forward: tuple[tuple[str, re.Pattern[str]], ...]
    backward: tuple[tuple[str, re.Pattern[str]], ...]
    pseudo: tuple[re.Pattern[str], ...]
    terminators: tuple[re.Pattern[str], ...]
    family_terminators: tuple[re.Pattern[str], ...]
    current: tuple[re.Pattern[str], ...]
    resolved: tuple[re.Pattern[str], ...]


@lru_cache(maxsize=1)
def load_rules() -> Rules:
    text = resources.files("extractors.data").joinpath("context.yaml").read_text("utf-8")
    raw = yaml.safe_load(text)
    forward: list[tuple[str, re.Pattern[str]]] = []
    backward: list[tuple[str, re.Pattern[str]]] = []
    for status, sides in raw["triggers"].items():
        forward += [(status, re.compile(rx, _FLAGS)) for rx in sides.get("forward") or []]
        backward += [(status, re.compile(rx, _FLAGS)) for rx in sides.get("backward") or []]
    keeps = set(raw.get("family_keeps") or [])
    return Rules(
        max_words=int(raw["max_words"]), precedence=tuple(raw["precedence"]),
        forward=tuple(forward), backward=tuple(backward),
        pseudo=tuple(re.compile(rx, _FLAGS) for rx in raw["pseudo"]),
        terminators=tuple(re.compile(rx, _FLAGS) for rx in raw["terminators"]),
        family_terminators=tuple(re.compile(rx, _FLAGS) for rx in raw["terminators"]
                                 if rx not in keeps),
        current=tuple(re.compile(rx, _FLAGS) for rx in raw.get("current") or []),
        resolved=tuple(re.compile(rx, _FLAGS) for rx in raw.get("resolved") or []))


def _bounds(text: str, start: int, end: int, breaker: re.Pattern[str]) -> tuple[int, int]:
    s0, s1 = 0, len(text)
    for m in breaker.finditer(text):
        if m.end() <= start:
            s0 = m.end()
        elif m.start() >= end:
            s1 = m.start()
            break
    return s0, s1


def sentence_of(text: str, start: int, end: int) -> tuple[int, int]:
    return _bounds(text, start, end, _SENTENCE_END)


def is_question(text: str, start: int, end: int) -> bool:
    """The term sits in a printed question ("Does the patient have dependent edema?")."""
    s0, s1 = _bounds(text, start, end, re.compile(r"[;!]|\.(?=\s|$)|\n"))
    sentence = text[s0:min(len(text), s1 + 1)]
    return "?" in text[end:min(len(text), s1 + 1)] and bool(_QUESTION.search(sentence))


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def _in_pseudo(rules: Rules, text: str, a: int, b: int) -> bool:
    """The trigger at ``a:b`` is part of a pseudo-trigger ("no significant change")."""
    return any(m.start() < b and a < m.end()
               for rx in rules.pseudo for m in rx.finditer(text))


_PRONOUN_START = re.compile(r"^\s*(?:and\s+)?(?:she|he|they|her|his|their|who|whose)\b", _FLAGS)
_LIST_COLON = re.compile(r":\s*(?:[-•*]\s*)?$")


def _triggers(rules: Rules, text: str, start: int, end: int,
              direction: str) -> list[tuple[str, int, int]]:
    """(status, start, end) of every trigger of ``direction`` in ``text[start:end]``, pseudo
    triggers left out, and a trigger inside a longer one of another status dropped
    ("cannot be ruled out" is possible, not the negation "ruled out")."""
    pats = rules.forward if direction == "forward" else rules.backward
    window = text[start:end]
    found: list[tuple[str, int, int]] = []
    for status, rx in pats:
        for m in rx.finditer(window):
            a, b = m.start() + start, m.end() + start
            if a == b or _in_pseudo(rules, text, a, b):
                continue
            found.append((status, a, b))
    others = rules.backward if direction == "forward" else rules.forward
    every = found + [(st, m.start() + start, m.end() + start) for st, rx in others
                     for m in rx.finditer(window) if m.start() != m.end()]
    return [t for t in found
            if not any(o[0] != t[0] and o[1] <= t[1] and t[2] <= o[2] and (o[1], o[2]) !=
                       (t[1], t[2]) for o in every)]


def _clause_start(text: str, start: int) -> int:
    """Start of the forward scope: the clause of the term, reaching back over a colon that
    closes a trigger ("Denies: fever, ankle edema")."""
    c0, _ = _bounds(text, start, start, _CLAUSE_END)
    while c0 > 0 and _LIST_COLON.search(text[max(0, c0 - 3):c0]):
        rules = load_rules()
        prev0, _ = _bounds(text, c0 - 2, c0 - 2, _CLAUSE_END)
        head = text[prev0:c0]
        if not any(rx.search(head) for _, rx in rules.forward):
            break
        c0 = prev0
    return c0


def statuses(text: str, start: int, end: int) -> set[str]:
    """Every status a trigger gives the term ``text[start:end]``."""
    rules = load_rules()
    found: set[str] = set()
    c0 = _clause_start(text, start)
    _, s1 = _bounds(text, start, end, _SENTENCE_END)
    after_end = min(len(text), s1 + 1)  # a "?" right after the term belongs to it
    for status, _a, b in _triggers(rules, text, c0, start, "forward"):
        between = text[b:start]
        if _words(between) > rules.max_words:
            continue
        stops = rules.family_terminators if status == "family" else rules.terminators
        if any(t.search(between) for t in stops):
            continue
        found.add(status)
    for status, a, _b in _triggers(rules, text, end, after_end, "backward"):
        between = text[end:a]
        if _words(between) > rules.max_words // 2 + 2:
            continue
        if any(t.search(between) for t in rules.terminators):
            continue
        found.add(status)
    if _ANSWERED_NO.match(text, s1):
        found.add("negated")  # "CHF? No.": the question answered right after it
    if "family" not in found:
        # "Mother is on home O2; she has cor pulmonale": the pronoun clause is hers
        p0, _ = _bounds(text, start, end, re.compile(r"[!?]|\.(?=\s|$)|\n"))
        clause = text[c0:start]
        if p0 < c0 and _PRONOUN_START.match(clause) and any(
                st == "family" for st, _, _ in _triggers(rules, text, p0, c0, "forward")):
            found.add("family")
    if "historical" in found:
        s0, _ = _bounds(text, start, end, _SENTENCE_END)
        if any(rx.search(text, s0, s1) for rx in rules.current):
            found.discard("historical")
        # "Remote cor pulmonale after PE in 2016; RV function fully recovered": a past
        # finding the rest of its sentence says is over
        _, q1 = _bounds(text, start, end, _FULL_STOP)
        if any(rx.search(text, end, q1) for rx in rules.resolved):
            found.add("negated")
    return found


def assertion(text: str, start: int, end: int, section: str | None = None) -> Status:
    """The status of the term ``text[start:end]``; ``section`` is the heading governing it
    (a "Family history" section makes its findings someone else's)."""
    if is_question(text, start, end):
        return "question"
    rules = load_rules()
    found = statuses(text, start, end)
    if section is not None:
        heading = section.lower().strip(" :")
        if re.search(r"\bfamily\b|\bfh\b|\bfhx\b", heading):
            found.add("family")
        elif re.search(r"\bpast (?:medical )?history\b|\bpmh\b|\bpmhx\b", heading):
            s0, s1 = sentence_of(text, start, end)
            if not any(rx.search(text, s0, s1) for rx in rules.current):
                found.add("historical")
        elif re.fullmatch(r"(?:ros[:\s-]*)?(?:denies|denied|negative(?: for)?|no|none|absent)",
                          heading):
            found.add("negated")
    for status in rules.precedence:
        if status in found:
            return status  # type: ignore[return-value]
    return "present"
