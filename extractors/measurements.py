"""Finding PaO2, SpO2/SaO2 and hematocrit values in lines, with their circumstances.

Three ways a value is found:
1. a label (``PaO2``, ``O2 sat``, ``Hct``…) followed by values in the same sentence;
2. a sleep-summary form (``Time with SpO2 <= 88%: 46 min``) giving a value and minutes;
3. a table row whose value sits under a column header naming the measurement.
The setting, oxygen/flow and method come from the narrowest scope that states them: the
clause of the value, the table header above it, its sentence, the block of lines it is in
(a heading such as "Overnight oximetry"), then defaults.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from extractors.cues import Cues, clause_bounds, find_cues, flow_spans, sentence_bounds
from extractors.labeled_dates import LabeledDate
from extractors.layout import Line
from extractors.models import Evidence, Measurement
from extractors.numbers import fix_ocr_digits
from extractors.patterns import Patterns

_NUMBER = re.compile(r"(?<![\w.,/])(\d{1,3}(?:[.,]\d{1,2})?)(?![\d/:]|[.,]\d)")
_RANGE = re.compile(r"(?<![\w.])\d+(?:\.\d+)?\s*(?:-|–|—|·|~|to)\s*\d+(?:\.\d+)?")
_UNIT_WORDS = re.compile(r"\b(?:mm\s?hg|kpa|torr|mmol/l|g/dl|percent|flag|high|low|abn\w*)\b",
                         re.IGNORECASE)
_TIME = re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?\b")
_UNIT_AFTER = re.compile(
    r"\s*(?P<unit>%|mm\s?hg|kpa|torr|l/min|lpm|l\b|liters?|litres?|min\b|minutes|mins|sec|"
    r"seconds|bpm|/min|ft\b|feet|m\b|meters|hours?|hrs?|h\b|yo\b|years|kg|lbs?|cm|in\b|mg|"
    r"g/dl|x\b|times|events)",
    re.IGNORECASE,
)
_BAD_UNITS = {"l/min", "lpm", "l", "liters", "liter", "litres", "litre", "min", "minutes",
              "mins", "sec", "seconds", "bpm", "/min", "ft", "feet", "m", "meters", "hours",
              "hour", "hrs", "hr", "h", "yo", "years", "kg", "lbs", "lb", "cm", "in", "mg",
              "g/dl", "x", "times", "events"}
_WORD = re.compile(r"[a-z]{3,}", re.IGNORECASE)
_TOKEN = re.compile(r"[A-Za-z0-9]{3,7}")
_DEFAULT_CONFIDENCE = {"text_layer": 0.97, "ocr": 0.95}


@dataclass
class LabelHit:
    kind: str
    start: int
    end: int
    text: str
    fuzzy: bool = False


@dataclass
class HeaderCell:
    x0: float
    x1: float
    kind: str | None
    cues: Cues


@dataclass
class Block:
    """Context carried from heading lines to the lines below them."""

    cues: Cues = field(default_factory=Cues)
    date: str | None = None
    date_ambiguous: bool = False
    date_evidence: Evidence | None = None
    header: list[HeaderCell] = field(default_factory=list)
    header_page: int = 0


def find_labels(p: Patterns, text: str, fuzzy: bool) -> list[LabelHit]:
    """Measurement labels in ``text``; stop labels (pCO2, FiO2, HR…) block overlapping hits."""
    blocked = [m.span() for rx in p.stop_labels for m in rx.finditer(text)]
    hits: list[LabelHit] = []
    for kind, rxs in p.label_regex.items():
        for rx in rxs:
            for m in rx.finditer(text):
                a, b = m.span()
                if any(s <= a and b <= e and (s, e) != (a, b) for s, e in blocked):
                    continue
                if any(h.start < b and a < h.end for h in hits):
                    continue
                hits.append(LabelHit(kind, a, b, m.group(0)))
    if fuzzy:
        choices = {alias: kind for kind, aliases in p.label_fuzzy.items() for alias in aliases}
        for m in _TOKEN.finditer(text):
            a, b = m.span()
            if any(h.start < b and a < h.end for h in hits) or any(
                    s < b and a < e for s, e in blocked):
                continue
            best = process.extractOne(m.group(0).lower(), list(choices), scorer=fuzz.ratio,
                                      score_cutoff=80)
            if best is not None:
                hits.append(LabelHit(choices[best[0]], a, b, m.group(0), fuzzy=True))
    hits.sort(key=lambda h: h.start)
    return hits


def _stop_positions(p: Patterns, text: str) -> list[int]:
    return sorted(m.start() for rx in p.stop_labels for m in rx.finditer(text))


def _excluded_spans(p: Patterns, text: str, dates: list[LabeledDate]) -> list[tuple[int, int]]:
    spans = [(d.date.start, d.date.end) for d in dates]
    spans += [m.span() for m in _TIME.finditer(text)]
    spans += flow_spans(p, text)
    spans += [m.span() for m in _RANGE.finditer(text)]
    return spans


@dataclass
class Candidate:
    kind: str
    value: float
    start: int
    end: int
    label: LabelHit | None
    minutes: float | None = None
    converted_from: str | None = None
    via_header: HeaderCell | None = None
    prefix: tuple[int, int] | None = None


def _value_ok(p: Patterns, kind: str, text: str, start: int, end: int,
              raw: str, kpa_hint: bool = False) -> tuple[float, str | None] | None:
    """The value in mmHg/percent, and the original text when converted; None if not a value."""
    try:
        value = float(raw.replace(",", "."))
    except ValueError:
        return None
    unit_match = _UNIT_AFTER.match(text, end)
    unit = unit_match.group("unit").lower().replace(" ", "") if unit_match else ""
    if kpa_hint and unit == "":
        unit = "kpa"
    if unit in _BAD_UNITS:
        return None
    converted: str | None = None
    if kind == "pao2":
        if unit == "%":
            return None
        if unit == "kpa" or (unit == "" and value < 20 and "." in raw):
            if unit != "kpa":
                return None
            converted = f"{raw} kPa"
            value = round(value * p.kpa_to_mmhg, 1)
    elif unit in {"mmhg", "kpa", "torr"}:
        return None
    if kind == "spo2" and value <= 1.0:
        return None
    if not p.in_range(kind, value):
        return None
    return value, converted


def _disqualified(p: Patterns, before: str) -> bool:
    return any(rx.search(before) for rx in p.value_disqualifiers)


def _labelled_candidates(p: Patterns, text: str, labels: list[LabelHit],
                         excluded: list[tuple[int, int]], taken: list[tuple[int, int]],
                         header: list[HeaderCell], line: Line) -> list[Candidate]:
    stops = _stop_positions(p, text)
    out: list[Candidate] = []
    for i, label in enumerate(labels):
        if any(s <= label.start < e for s, e in taken):
            continue
        limit = min([labels[i + 1].start] if i + 1 < len(labels) else [len(text)])
        limit = min([s for s in stops if s >= label.end] + [limit])
        _, sent_end = sentence_bounds(text, label.end)
        limit = min(limit, sent_end, label.end + 80)
        if p.reference_range.search(text[label.end:limit]):
            ref = p.reference_range.search(text[label.end:limit])
            assert ref is not None
            limit = label.end + ref.start()
        prev_end = label.end
        first: Candidate | None = None
        scan = text
        if text[label.end:label.end + 1] in {".", ","} and text[label.end + 1:label.end + 2] \
                .isdigit():
            scan = text[:label.end] + " " + text[label.end + 1:]  # OCR: "SpO2.87%"
        for m in _NUMBER.finditer(scan, label.end, limit):
            a, b = m.span(1)
            if any(s < b and a < e for s, e in excluded + taken):
                continue
            gap = text[prev_end:a]
            if first is not None:
                cell_ok = len(header) > 1 and _cell_at(header, line.x_center(a, b)) is not \
                    _cell_at(header, line.x_center(first.start, first.end))
                if not cell_ok and not _WORD.search(_UNIT_WORDS.sub(" ", gap)) and \
                        not re.search(r"[,;]|\band\b", gap):
                    break
            if _disqualified(p, text[max(0, label.start - 20):a] if first is None else gap):
                prev_end = b
                continue
            raw = m.group(1)
            if line.source == "ocr" and label.kind == "spo2" and re.fullmatch(r"[5-9]\d9", raw):
                raw, b = raw[:2], b - 1  # OCR read "81%" as "819"
            ok = _value_ok(p, label.kind, text, a, b, raw,
                           kpa_hint="kpa" in text[label.end:a].lower())
            if ok is None:
                prev_end = b
                continue
            cand = Candidate(label.kind, ok[0], a, b, label, converted_from=ok[1],
                             prefix=(label.end, a) if first is None else None)
            out.append(cand)
            first = first or cand
            prev_end = b
    return out


def _cell_at(header: list[HeaderCell], x: float) -> HeaderCell | None:
    inside = [c for c in header if c.x0 - 6 <= x <= c.x1 + 6]
    if inside:
        return inside[0]
    near = min(header, key=lambda c: min(abs(c.x0 - x), abs(c.x1 - x)), default=None)
    if near is not None and min(abs(near.x0 - x), abs(near.x1 - x)) < 40:
        return near
    return None


def _sleep_candidates(p: Patterns, text: str) -> list[Candidate]:
    out: list[Candidate] = []
    for rx in p.sleep_time_patterns:
        for m in rx.finditer(text):
            if any(c.start < m.end() and m.start() < c.end for c in out):
                continue
            try:
                value = float(m.group("value"))
                minutes = float(m.group("minutes").replace(",", "."))
            except (IndexError, ValueError):
                continue
            if p.in_range("spo2", value) and p.in_range("minutes", minutes):
                out.append(Candidate("spo2", value, m.start(), m.end(), None, minutes=minutes))
    return out


def _special_candidates(p: Patterns, text: str) -> list[Candidate]:
    out: list[Candidate] = []
    for kind, rx in p.special_patterns:
        for m in rx.finditer(text):
            a, b = m.span("value")
            ok = _value_ok(p, kind, text, a, b, m.group("value"))
            if ok is not None and not any(c.start < m.end() and m.start() < c.end for c in out):
                out.append(Candidate(kind, ok[0], m.start(), m.end(), None,
                                     converted_from=ok[1]))
    return out


def _header_cells(p: Patterns, line: Line, text: str) -> list[HeaderCell]:
    """Cells of a table header line (split at wide gaps) that name a kind or a condition."""
    cells: list[HeaderCell] = []
    for m in re.finditer(r"\S+(?: {1,2}\S+)*", text):
        a, b = m.span()
        labels = find_labels(p, m.group(0), fuzzy=line.source == "ocr")
        kind = labels[0].kind if labels else None
        cues = find_cues(p, text, a, b, a)
        x0, _, x1, _ = line.span_bbox(a, b)
        cells.append(HeaderCell(x0, x1, kind, cues))
    if len(cells) >= 2 and any(c.kind or c.cues.any() for c in cells):
        return cells
    return []


def _header_candidates(p: Patterns, text: str, line: Line, header: list[HeaderCell],
                       excluded: list[tuple[int, int]]) -> list[Candidate]:
    out: list[Candidate] = []
    for m in _NUMBER.finditer(text):
        a, b = m.span(1)
        if any(s < b and a < e for s, e in excluded):
            continue
        cell = _cell_at(header, line.x_center(a, b))
        if cell is None or cell.kind is None:
            continue
        if _disqualified(p, text[max(0, a - 25):a]):
            continue
        ok = _value_ok(p, cell.kind, text, a, b, m.group(1))
        if ok is not None:
            out.append(Candidate(cell.kind, ok[0], a, b, None, converted_from=ok[1],
                                 via_header=cell))
    return out


def _resolve(p: Patterns, cand: Candidate, text: str, line: Line, header: list[HeaderCell],
             block: Block, previous: Cues | None, single_value: bool,
             carry: Cues | None = None) -> Cues:
    pos = cand.start
    c0, c1 = clause_bounds(text, pos)
    if cand.label is not None:
        c0 = min(c0, cand.label.start) if cand.prefix else c0
    cues = find_cues(p, text, c0, c1, pos)
    if cand.prefix is not None:
        cues = cues.merged_over(find_cues(p, text, cand.prefix[0], cand.prefix[1], pos))
    cell = cand.via_header or (_cell_at(header, line.x_center(cand.start, cand.end))
                               if header else None)
    if cell is not None:
        cues = cues.merged_over(cell.cues)
    if previous is not None:
        cues = cues.merged_over(Cues(setting=previous.setting, oxygen=previous.oxygen,
                                     flow=previous.flow))
    s0, s1 = sentence_bounds(text, pos)
    topic = re.match(r"[^:]{2,40}:", text[s0:pos])
    if topic:  # "6MWT: resting 95%, nadir 86%": the sentence's heading comes first
        cues = cues.merged_over(find_cues(p, text, s0, s0 + topic.end(), pos))
    cues = cues.merged_over(find_cues(p, text, s0, s1, pos))
    if carry is not None and s0 == 0:
        cues = cues.merged_over(carry)
    if single_value and re.search(r"\S\s{3,}\S", text):
        # a table row: the row label anywhere on the line describes its one value
        cues = cues.merged_over(find_cues(p, text, 0, len(text), pos))
    return cues.merged_over(block.cues)


def _method(kind: str, label: LabelHit | None, cues: Cues) -> str:
    if kind == "pao2":
        return "abg"
    if kind == "hematocrit":
        return "lab"
    label_text = (label.text if label else "").lower().replace(" ", "")
    if label_text.startswith(("spo", "sp0", "pulse", "pox")):
        return "oximetry"
    return "abg" if cues.method == "abg" else "oximetry"


def _line_cues_only(p: Patterns, text: str) -> Cues:
    return find_cues(p, text, 0, len(text), 0)


def _line_test_date(dates: list[LabeledDate], pos: int) -> LabeledDate | None:
    usable = [d for d in dates if d.label in ("test_date", "unlabeled")]
    if not usable:
        return None
    return min(usable, key=lambda d: abs(d.date.start - pos))


@dataclass
class _Reader:
    """Walks the lines of one document in order, keeping the context that carries over."""

    p: Patterns
    lines: list[Line]
    by_line: dict[int, list[LabeledDate]]
    doc_date: LabeledDate | None
    block: Block = field(default_factory=Block)
    results: list[Measurement] = field(default_factory=list)
    open_ended: list[Measurement] = field(default_factory=list)
    """Values of the last value line still missing room air / oxygen (see `_complete`)."""
    open_for: int = 0
    carry: Cues | None = None
    """Cues of the previous line's last sentence when this line continues it."""
    carry_date: LabeledDate | None = None
    open_label: LabelHit | None = None
    """Label whose sentence ran to the end of the previous line (wrapped prose)."""

    def read(self) -> list[Measurement]:
        previous_text = ""
        for index, line in enumerate(self.lines):
            text = fix_ocr_digits(line.text)
            self._continuation(index, line, previous_text, text)
            previous_text = text
            self._read_line(index, line, text)
        return self.results

    def _continuation(self, index: int, line: Line, previous_text: str, text: str) -> None:
        if index and self.lines[index - 1].page == line.page and \
                _continues(previous_text, text):
            body = previous_text.rstrip(". ")  # OCR may end the line with "." for ","
            tail = sentence_bounds(body, len(body))[0]
            self.carry = find_cues(self.p, body, tail, len(body), len(body))
            prev_dates = [d for d in self.by_line.get(index - 1, [])
                          if d.label in ("test_date", "unlabeled") and d.date.start >= tail]
            self.carry_date = prev_dates[-1] if prev_dates else None
        else:
            self.carry, self.carry_date, self.open_label = None, None, None

    def _candidates(self, line: Line, text: str, line_dates: list[LabeledDate]
                    ) -> tuple[list[Candidate], list[LabelHit]]:
        p, block = self.p, self.block
        excluded = _excluded_spans(p, text, line_dates)
        labels = find_labels(p, text, fuzzy=line.source == "ocr")
        if self.open_label is not None and self.carry is not None:
            # wrapped prose: "...desaturated to 84%," / "which improved to 93% on 2 L"
            first_number = _NUMBER.search(text)
            if first_number and not any(h.start < first_number.start() for h in labels):
                labels.insert(0, LabelHit(self.open_label.kind, 0, 0, self.open_label.text))
        self.open_label = None
        special = _sleep_candidates(p, text) + _special_candidates(p, text)
        taken = [(c.start, c.end) for c in special]
        candidates = special + _labelled_candidates(p, text, labels, excluded, taken,
                                                    block.header, line)
        if not candidates and block.header and not labels:
            candidates = _header_candidates(p, text, line, block.header, excluded)
        candidates.sort(key=lambda c: c.start)
        return candidates, labels

    def _read_line(self, index: int, line: Line, text: str) -> None:
        p, block = self.p, self.block
        line_dates = self.by_line.get(index, [])
        if block.header and line.page != block.header_page:
            block.header = []
        candidates, _ = self._candidates(line, text, line_dates)
        if not candidates:
            self._context_line(line, text, line_dates)
            return
        previous: Cues | None = None
        previous_label: LabelHit | None = None
        if self.open_for:  # a new run of value lines (e.g. a table) starts here
            self.open_ended = []
        self.open_for = 0
        for cand in candidates:
            same_window = previous is not None and cand.label is not None and \
                cand.label is previous_label
            cues = _resolve(p, cand, text, line, block.header, block,
                            previous if same_window else None, len(candidates) == 1,
                            self.carry)
            carried = None
            if self.carry_date is not None and _line_test_date(line_dates, cand.start) is None:
                carried = self.carry_date
            measurement = _measurement(p, cand, cues, line, line_dates, block, self.doc_date,
                                       carried, self.lines)
            self.results.append(measurement)
            if cues.oxygen is None and measurement.kind != "hematocrit":
                self.open_ended.append(measurement)
            previous, previous_label = cues, cand.label
        last = candidates[-1]
        if last.label is not None and \
                sentence_bounds(text, last.end)[1] >= len(text.rstrip(". ")):
            self.open_label = last.label

    def _context_line(self, line: Line, text: str, line_dates: list[LabeledDate]) -> None:
        """A line without values: a table header, a heading, or a test-condition line."""
        p, block = self.p, self.block
        without_flows = re.sub(r"\b\d+\s*(?:l|lpm|l/min)\b", "", text, flags=re.IGNORECASE)
        header = _header_cells(p, line, text)
        if _NUMBER.search(without_flows) and sum(c.cues.any() for c in header) < 2:
            header = []  # a data row, not a header (unless it names two conditions)
        if header:
            block.header, block.header_page = header, line.page
        elif not _NUMBER.search(text) or len(_WORD.findall(text)) > 10:
            block.header = []
        if self.open_ended and self.open_ended[0].evidence.page == line.page and \
                _complete_from_next_line(p, self.open_ended, text):
            self.open_ended = []
        self.open_for += 1
        if self.open_for > 2:
            self.open_ended = []
        _update_block(p, block, text, line, line_dates)


def extract_measurements(p: Patterns, lines: list[Line], dates: list[LabeledDate],
                         doc_date: LabeledDate | None) -> list[Measurement]:
    """All measurements of a document, in reading order."""
    by_line: dict[int, list[LabeledDate]] = {}
    for d in dates:
        by_line.setdefault(d.line_index, []).append(d)
    return _Reader(p, lines, by_line, doc_date).read()


def _continues(previous: str, text: str) -> bool:
    """True when ``text`` carries on the sentence of the line before (wrapped prose)."""
    prev = previous.rstrip()
    if not prev or prev[-1] in ":;!?":
        return False
    # OCR often reads a comma at the end of a line as a full stop: a lower-case start decides
    return bool(re.match(r"\s*[a-z]", text)) or (prev[-1] != "." and text.lstrip()[:1] == "(")


_CONDITION_LINE = re.compile(
    r"\b(?:test\w*|taken|performed|obtained|drawn|measured|breathing|recorded|done|study)\b",
    re.IGNORECASE)


def _complete_from_next_line(p: Patterns, pending: list[Measurement], text: str) -> bool:
    """Forms and lab reports put "Test taken at rest, breathing room air" or "Drawn on room
    air" on a line after the values: it completes the values of the run just above."""
    cues = _line_cues_only(p, text)
    if cues.oxygen is None or not _CONDITION_LINE.search(text):
        return False
    for m in pending:
        m.oxygen = cues.oxygen  # type: ignore[assignment]
        m.flow_lpm = cues.flow
    return True


def _update_block(p: Patterns, block: Block, text: str, line: Line,
                  line_dates: list[LabeledDate]) -> None:
    """A line without values: a heading sets context; a prose sentence ends it."""
    stripped = text.strip()
    words = len(_WORD.findall(text))
    continues_prose = re.match(r"[a-z]{4,}\b", stripped) is not None  # "which improved..."
    names_a_test = any(rx.search(text) for rxs in p.method_cues.values() for rx in rxs)
    heading = stripped.endswith(":") or (
        (words <= 6 or (names_a_test and words <= 12))
        and not stripped.endswith(".") and not continues_prose)
    prose = not heading and (words >= 8 or (stripped.endswith(".") and words >= 4)
                             or continues_prose)
    cues = _line_cues_only(p, text) if heading else Cues()
    if cues.setting and cues.setting != block.cues.setting:
        block.cues = cues.merged_over(Cues(method=block.cues.method))
    elif cues.any():
        block.cues = cues.merged_over(block.cues)
    elif prose:
        block.cues = Cues()
    for d in line_dates:
        if d.label == "test_date":
            block.date = d.date.iso
            block.date_ambiguous = d.date.ambiguous
            block.date_evidence = line.evidence(d.date.start, d.date.end)


def _measurement(p: Patterns, cand: Candidate, cues: Cues, line: Line,
                 line_dates: list[LabeledDate], block: Block,
                 doc_date: LabeledDate | None, carried: LabeledDate | None,
                 lines: list[Line]) -> Measurement:
    kind = cand.kind
    confidence = _DEFAULT_CONFIDENCE[line.source] * min(1.0, line.span_conf(cand.start, cand.end)
                                                        + 0.03)
    if cand.label is not None and cand.label.fuzzy:
        confidence *= 0.9
    setting = cues.setting
    if kind == "hematocrit":
        setting, oxygen, flow = None, None, None
    else:
        if cand.minutes is not None and setting is None:
            setting = "sleep"
        if setting is None:
            setting = "rest"
            confidence *= 0.95
        oxygen, flow = cues.oxygen, cues.flow
    own = _line_test_date(line_dates, cand.start) or carried
    date: str | None
    date_evidence: Evidence | None
    if own is not None:
        date, ambiguous = own.date.iso, own.date.ambiguous
        date_evidence = lines[own.line_index].evidence(own.date.start, own.date.end)
    elif block.date is not None or block.date_ambiguous:
        date, ambiguous, date_evidence = block.date, block.date_ambiguous, block.date_evidence
    elif doc_date is not None:
        date, ambiguous = doc_date.date.iso, doc_date.date.ambiguous
        date_evidence = lines[doc_date.line_index].evidence(doc_date.date.start,
                                                            doc_date.date.end)
        if doc_date.label != "test_date":
            confidence *= 0.9
    else:
        date, ambiguous, date_evidence = None, False, None
    start = cand.label.start if cand.label is not None and cand.prefix else cand.start
    evidence = line.evidence(min(start, cand.start), cand.end, converted_from=cand.converted_from)
    return Measurement(
        kind=kind,
        value=cand.value,
        setting=setting,
        oxygen=oxygen,
        flow_lpm=flow,
        method=_method(kind, cand.label, cues),
        date=date,
        minutes=cand.minutes,
        confidence=round(confidence, 3),
        evidence=evidence,
        date_ambiguous=ambiguous,
        date_evidence=date_evidence,
    )
