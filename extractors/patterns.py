"""Loads `data/patterns.yaml` (label aliases, ranges, cue words) and compiles its regexes once.

All matching is case-insensitive. `load_patterns()` is cached; tests call it to check that
every pattern in the data file compiles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

FLAGS = re.IGNORECASE


def _compile_all(items: list[str]) -> list[re.Pattern[str]]:
    return [re.compile(p, FLAGS) for p in items]


def _compile_map(mapping: dict[str, list[str]]) -> dict[str, list[re.Pattern[str]]]:
    return {key: _compile_all(items) for key, items in mapping.items()}


@dataclass(frozen=True)
class Negation:
    max_words: int
    forward: list[re.Pattern[str]]
    backward: list[re.Pattern[str]]
    pseudo: list[re.Pattern[str]]
    terminators: list[re.Pattern[str]]


@dataclass(frozen=True)
class Patterns:
    """Compiled form of the data file."""

    ranges: dict[str, tuple[float, float]]
    kpa_to_mmhg: float
    label_regex: dict[str, list[re.Pattern[str]]]
    label_fuzzy: dict[str, list[str]]
    stop_labels: list[re.Pattern[str]]
    value_disqualifiers: list[re.Pattern[str]]
    reference_range: re.Pattern[str]
    special_patterns: list[tuple[str, re.Pattern[str]]]
    """(kind, regex with a ``value`` group) for shorthand such as ``ABG 7.38/44/54``."""
    setting_cues: dict[str, list[re.Pattern[str]]]
    room_air_cues: list[re.Pattern[str]]
    supplemental_cues: list[re.Pattern[str]]
    flow_patterns: list[re.Pattern[str]]
    method_cues: dict[str, list[re.Pattern[str]]]
    date_labels: dict[str, list[re.Pattern[str]]]
    month_names: dict[str, int]
    patient_name_patterns: list[re.Pattern[str]]
    name_stop_words: frozenset[str]
    not_name_words: frozenset[str]
    """Words that are never part of a person's name ("Oxygen paperwork" is not a patient)."""
    performed_by_labeled: re.Pattern[str]
    performed_by_cues: dict[str, list[re.Pattern[str]]]
    findings: dict[str, list[re.Pattern[str]]]
    negation: Negation
    equipment: dict[str, list[re.Pattern[str]]]
    hcpcs_pattern: re.Pattern[str]
    hcpcs_equipment: dict[str, str]
    """HCPCS code -> "stationary" | "portable"."""
    ocr_vocabulary: dict[int, list[str]]
    """Words to restore in OCR text, by length."""

    def in_range(self, key: str, value: float) -> bool:
        low, high = self.ranges[key]
        return low <= value <= high


def load_raw() -> dict[str, Any]:
    """The data file as plain Python data (read from the installed package)."""
    text = resources.files("extractors.data").joinpath("patterns.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


@lru_cache(maxsize=1)
def load_patterns() -> Patterns:
    raw = load_raw()
    neg = raw["negation"]
    code_map: dict[str, str] = {}
    for equipment, codes in raw["hcpcs_equipment"].items():
        for code in codes:
            code_map[str(code).upper()] = equipment
    return Patterns(
        ranges={k: (float(v[0]), float(v[1])) for k, v in raw["ranges"].items()},
        kpa_to_mmhg=float(raw["kpa_to_mmhg"]),
        label_regex={k: _compile_all(v["regex"]) for k, v in raw["labels"].items()},
        label_fuzzy={k: list(v.get("fuzzy", [])) for k, v in raw["labels"].items()},
        stop_labels=_compile_all(raw["stop_labels"]),
        value_disqualifiers=_compile_all(raw["value_disqualifiers"]),
        reference_range=re.compile(raw["reference_range"], FLAGS),
        special_patterns=[(str(item["kind"]), re.compile(item["regex"], FLAGS))
                          for item in raw["special_patterns"]],
        setting_cues=_compile_map(raw["setting_cues"]),
        room_air_cues=_compile_all(raw["room_air_cues"]),
        supplemental_cues=_compile_all(raw["supplemental_cues"]),
        flow_patterns=_compile_all(raw["flow_patterns"]),
        method_cues=_compile_map(raw["method_cues"]),
        date_labels=_compile_map(raw["date_labels"]),
        month_names={str(k): int(v) for k, v in raw["month_names"].items()},
        patient_name_patterns=_compile_all(raw["patient_name_patterns"]),
        name_stop_words=frozenset(str(w).lower() for w in raw["name_stop_words"]),
        not_name_words=frozenset(str(w).lower() for w in raw["not_name_words"]),
        performed_by_labeled=re.compile(raw["performed_by"]["labeled"], FLAGS),
        performed_by_cues=_compile_map(raw["performed_by"]["cues"]),
        findings=_compile_map(raw["findings"]),
        negation=Negation(
            max_words=int(neg["max_words"]),
            forward=_compile_all(neg["forward"]),
            backward=_compile_all(neg["backward"]),
            pseudo=_compile_all(neg["pseudo"]),
            terminators=_compile_all(neg["terminators"]),
        ),
        equipment=_compile_map(raw["equipment"]),
        hcpcs_pattern=re.compile(raw["hcpcs_pattern"]),
        hcpcs_equipment=code_map,
        ocr_vocabulary=_by_length(raw["ocr_vocabulary"]),
    )


def _by_length(vocab: dict[str, list[str]]) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for word in [*(vocab.get("short") or []), *vocab["words"]]:
        out.setdefault(len(word), []).append(str(word).lower())
    return out
