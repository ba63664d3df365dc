"""The data file loads, every regex compiles, and its ranges are sane."""

from __future__ import annotations

import re

from extractors.patterns import load_patterns, load_raw


def _strings(node: object) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for v in node.values() for s in _strings(v)]
    if isinstance(node, list):
        return [s for v in node for s in _strings(v)]
    return []


def test_every_pattern_in_the_data_file_compiles() -> None:
    raw = load_raw()
    sections = ["labels", "stop_labels", "value_disqualifiers",
                "setting_cues", "room_air_cues", "supplemental_cues", "flow_patterns",
                "method_cues", "date_labels", "patient_name_patterns", "findings",
                "negation", "equipment"]
    count = 0
    for section in sections:
        for pattern in _strings(raw[section]):
            if section == "labels" and not any(ch in pattern for ch in "\\[("):
                continue  # fuzzy aliases are plain words
            re.compile(pattern, re.IGNORECASE)
            count += 1
    assert count > 150
    assert load_patterns().label_regex["pao2"]


def test_ranges_are_plausible_and_ordered() -> None:
    p = load_patterns()
    assert p.in_range("spo2", 88) and not p.in_range("spo2", 21.0 - 1)
    assert p.in_range("pao2", 54) and not p.in_range("pao2", 7.2)
    for low, high in p.ranges.values():
        assert low < high


def test_hcpcs_map_matches_the_criteria_lists() -> None:
    codes = load_patterns().hcpcs_equipment
    assert codes["E1390"] == "stationary" and codes["K0738"] == "portable"
    assert len(codes) == 19
