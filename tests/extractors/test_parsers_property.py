"""Property tests: the number, percent and date parsers never crash on arbitrary text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.interpret.dates import age_on, find_dates, parse_date
from extractors.textnorm import fix_ocr_digits, parse_number, parse_percent

TEXT = st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x2FFF), max_size=80)


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_number_parsers_never_crash(text: str) -> None:
    value = parse_number(text)
    assert value is None or value >= 0
    percent = parse_percent(text)
    assert percent is None or 0 <= percent <= 100


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_ocr_fix_keeps_length(text: str) -> None:
    assert len(fix_ocr_digits(text)) == len(text)


@settings(max_examples=300, deadline=None)
@given(TEXT, st.sampled_from(["mdy", "dmy", "unknown"]))
def test_dates_never_crash_and_are_valid(text: str, convention: str) -> None:
    for d in find_dates(text, convention):  # type: ignore[arg-type]
        assert 0 <= d.start < d.end <= len(text)
        assert d.iso is None or len(d.iso) == 10
    parse_date(text)
    assert age_on(text, text) is None or text


def test_number_examples() -> None:
    assert parse_number("5O mmHg") == 50.0
    assert fix_ocr_digits("SpO2 was B0% on room air") == "SpO2 was 80% on room air"
    assert fix_ocr_digits("B12 level; HCO3 28 %B") == "B12 level; HCO3 28 %B"
    assert parse_number("7,2 kPa") == 7.2
    assert parse_percent("0.88") == 88.0
    assert parse_percent("no value") is None
