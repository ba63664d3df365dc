"""The scopes a value's circumstances come from, built once per document segment: its dates
(with their roles), the segment's own test/visit date, admission and discharge dates, the
sections (headings and inline ``LABEL:`` starts) with their conditions and dates, the
conditions each block states (FiO2 rows, "Drawn on room air", "Repeat specimen on O2", a
marked option "☒ Room air  ☐ O2 __ LPM"; never a plan such as "Recommend repeat study on
2 L"), the conditions a report's header states for all its values ("Oxygen during study:
2 L/min"), the patient's home oxygen flow, and the recording / analysed / sleep times a
"% of time" refers to.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from extractors.doctypes import DocSegment, DocType
from extractors.interpret.cues import Cues, find_cues, sentence_bounds
from extractors.interpret.date_roles import DatedSpan, classify, dates_in
from extractors.interpret.dates import Convention, convention_of
from extractors.interpret.values import DURATION, duration_minutes
from extractors.layout import FAX_HEADER, Field, Line, PageLayout, TextRun
from extractors.layout.structure import STAMP_LINE
from extractors.models import Evidence
from extractors.patterns import Patterns
from extractors.read import Word

_INLINE_HEADING = re.compile(
    r"^\s*(?P<label>[A-Z][A-Za-z/&\- ]{0,34}?(?:\s+\d{1,2}[/-]\d{1,2}(?:[/-]\d{2,4})?)?"
    r"(?:\s+\d{1,2}:?\d{2})?)\s*:(?!\d)")
_DATE_TEXT = (r"(?:\d{1,2}[/-]\d{1,2}[/-]\d{2,4}|\d{1,2}[- ][A-Z][a-z]{2}[- ]\d{4}|"
              r"\d{4}-\d{2}-\d{2})")
_DATED_TITLE = re.compile(r"^\s*(?:[A-Z][A-Za-z/&\- ]{2,40}\s+" + _DATE_TEXT +
                          r"(?:\s+\d{1,2}:?\d{2})?\s*:?|" + _DATE_TEXT +
                          r"(?:\s+\d{1,2}:?\d{2})?\s+[A-Z][A-Za-z/&\- ]{2,40})\s*$")
"""A title line ending with its date: "Skilled nursing visit 03/03/2026"."""
_LONE_DATE = re.compile(r"^\s*(?:[A-Za-z]{3,9}\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}[\s-][A-Za-z]{3,9}\.?"
                        r"[\s-]\d{4}|\d{1,2}[/-]\d{1,2}[/-]\d{2,4})\s*$")
_ORG_NAME = re.compile(r"\b(?:center|centre|clinic|hospital|associates|practice|diagnostics|"
                       r"llc|inc|medical|health|laborator(?:y|ies)|university|infirmary|"
                       r"trust|services|supply|equipment|care)\b", re.IGNORECASE)
_ENCOUNTER = re.compile(r"\b(?:I|we)\s+(?:saw|evaluated|examined)\b|\bconsultation\b|"
                        r"\b(?:seen|evaluated)\s+(?:today|in (?:the )?(?:office|clinic))\b|"
                        r"\b(?:was|were) studied\b|\bon the night of\s*$",
                        re.IGNORECASE)
_CONDITION_LABEL = re.compile(
    r"\b(?:f\s?i\s?[o0]\s?2|o2|02(?=\s+flow\b)|oxygen|device|delivery|flow|liter flow|lpm|"
    r"condition|supplemental|room air|specimen|sample type|mode|study)\b", re.IGNORECASE)
_OXYGEN_QUESTION = re.compile(r"\b(?:supplemental )?(?:oxygen|o2)\b.{0,40}\b(?:during|used|"
                              r"in use|on)\b|\bon (?:oxygen|o2)\s*\?", re.IGNORECASE)
_SPECIFIC_TEST_LABEL = re.compile(
    r"\b(?:collect\w*|drawn|sample\w*|specimen|test\w*|study|start\w*|record\w*|"
    r"service|visit|exam\w*|note|encounter|performed|night|walk|draw)\b", re.IGNORECASE)
_PRESCRIBED = re.compile(r"\bprescri\w*|\border(?:ed|s)?\b|\brx\b|\brecommend\w*|\bgoal\b|"
                         r"\btitrate\b|\bhome (?:o2|oxygen)\b", re.IGNORECASE)
_WORN = re.compile(r"\b(?:wore|worn|wearing)\b", re.IGNORECASE)
"""Oxygen the patient wore for the test ("pt wore home O2 4L"), prescribed or not, is the
test's condition."""
_TITLE_WORDS = re.compile(r"\s*[A-Z][A-Za-z&/\- ]{2,60}?[\s:,\-–]*")
"""Only the words of a title before a date (no number, no sentence)."""
_TEST_WORD = re.compile(r"\b(?:study|test\w*|recording|recorded|performed|drawn|obtained|"
                        r"sample|specimen|collected|night|walk|condition\w*|patient|pt)\b",
                        re.IGNORECASE)


@dataclass(frozen=True)
class DateRef:
    iso: str | None
    ambiguous: bool = False
    evidence: Evidence | None = None


def date_ref(d: DatedSpan) -> DateRef:
    return DateRef(d.date.iso, d.date.ambiguous, d.run.evidence(d.date.start, d.date.end))


@dataclass
class Section:
    label: str
    cues: Cues
    date: DateRef | None
    org: bool = False
    start: tuple[int, int] = (0, 0)
    """(page, line) of the heading or inline label that opens it."""
    inline: bool = False
    dated_label: bool = False
    """The date is written in an inline label ("CBC 5/30/2024:"): it dates that sentence
    only, not the paragraph that follows."""
    parent: Section | None = None
    """For an inline label, the heading's section it sits in."""


@dataclass
class SegmentContext:
    """What every reader of one segment needs to resolve a value's circumstances."""

    segment: DocSegment
    doc_type: DocType | None
    convention: Convention
    upper_doc: bool
    dates: list[DatedSpan] = field(default_factory=list)
    visit: DateRef | None = None
    letter_date: DateRef | None = None
    """A date standing alone at the top (a letter's date): only for "today" phrases."""
    admission: DateRef | None = None
    discharge: DateRef | None = None
    header_cues: Cues = field(default_factory=Cues)
    defaults: Cues = field(default_factory=Cues)
    sections: dict[tuple[int, int], Section] = field(default_factory=dict)
    block_cues: dict[tuple[int, int], Cues] = field(default_factory=dict)
    block_field_cues: dict[tuple[int, int], Cues] = field(default_factory=dict)
    """Conditions stated by the block's fields and rows ("O2 Device: NC  O2 Flow: 2 L")."""
    block_dates: dict[tuple[int, int], DateRef] = field(default_factory=dict)
    value_lines: set[tuple[int, int]] = field(default_factory=set)
    entry_dates: dict[tuple[int, int], DateRef] = field(default_factory=dict)
    """Lines that go on with a dated log entry, under its text ("03/05/25   Room-air check
    done …" over "           Returned to 2 L/min; SpO2 back to 93 %"): that entry's day."""
    _word_lines: dict[int, tuple[int, int]] = field(default_factory=dict)
    """(page, line) of each word, built on the first `entry_date` lookup."""
    home_oxygen: Cues = field(default_factory=Cues)
    """The patient's home oxygen as the paper states it ("Currently using home oxygen? ☒ Y
    If yes, flow: 3 L"): a reading "on current home oxygen" is taken at that flow."""
    time_bases: dict[str, float] = field(default_factory=dict)
    """The report's stated recording, analysed and sleep times in minutes: what a "% of
    time" below a threshold is a share of."""

    def entry_date(self, page: int, line: int, words: list[Word]) -> DateRef | None:
        """The log entry's day of the line holding ``words`` (the first one), else of
        ``line``."""
        if not self.entry_dates:
            return None
        if words:
            if not self._word_lines:
                self._word_lines = {id(w): (lay.page.number, ln.index)
                                    for lay in self.segment.layouts for ln in lay.lines
                                    for w in ln.words}
            at = self._word_lines.get(id(words[0]))
            if at is not None and at in self.entry_dates:
                return self.entry_dates[at]
        return self.entry_dates.get((page, line))

    def anchor(self) -> str | None:
        """The date that dates without a year are read against: the visit's, the letter's,
        else the stay's (a discharge summary's "08/02 19:40" draws)."""
        for ref in (self.visit, self.letter_date, self.discharge, self.admission):
            if ref is not None and ref.iso:
                return ref.iso
        return None

    def section(self, page: int, line: int) -> Section | None:
        return self.sections.get((page, line))

    def time_base(self, kind: str | None) -> float | None:
        """Minutes of the time ``kind`` ("analyzed", "sleep", "recording"; None: unsaid) as
        the report states it, else the nearest it states (valid time before the whole)."""
        for name in (kind, "analyzed", "sleep", "recording"):
            if name is not None and name in self.time_bases:
                return self.time_bases[name]
        return None

    def dates_on(self, page: int, line: int) -> list[DatedSpan]:
        return [d for d in self.dates if d.page == page and d.line == line]


@dataclass(frozen=True)
class Carried:
    """What a later window of a long document takes from the window before: the document's
    day/month order and its dates, found on pages it no longer holds."""

    convention: Convention
    visit: DateRef | None
    letter_date: DateRef | None
    admission: DateRef | None
    discharge: DateRef | None

    @classmethod
    def of(cls, ctx: SegmentContext) -> Carried:
        return cls(ctx.convention, ctx.visit, ctx.letter_date, ctx.admission, ctx.discharge)


def _field_of(layout: PageLayout, line: int, run: TextRun, start: int) -> Field | None:
    """The field whose value holds ``run.text[start:]`` on ``line`` (by word identity)."""
    words = run.span_words(start, start + 1)
    if not words:
        return None
    for f in layout.fields:
        if f.value is not None and (f.line == line or f.value_line == line) and \
                words[0] in f.value.words:
            return f
    return None


def _collect_dates(p: Patterns, segment: DocSegment, convention: Convention,
                   anchor: str | None) -> list[DatedSpan]:
    out: list[DatedSpan] = []
    for layout in segment.layouts:
        for line in layout.lines:
            header = bool(FAX_HEADER.search(line.text))
            for d in dates_in(p, line.run, line.index, convention, anchor):
                if header:
                    out.append(DatedSpan(d.run, d.date, "other_date", d.line, d.page))
                    continue
                f = _field_of(layout, line.index, line.run, d.date.start)
                if f is not None:
                    d = DatedSpan(d.run, d.date, classify(p, line.text, d.date.start,
                                                          f.label.text), d.line, d.page, True)
                elif d.role == "unlabeled" and _stamped(p, layout, line.index, d):
                    d = DatedSpan(d.run, d.date, "other_date", d.line, d.page)
                out.append(d)
    return out


def _stamped(p: Patterns, layout: PageLayout, index: int, d: DatedSpan) -> bool:
    """A date alone on its line under a line ending in "Received" / "Faxed" (a stamp)."""
    text = layout.lines[index].text
    if index == 0 or re.search(r"[A-Za-z]{3}", text[:d.date.start] + text[d.date.end:]):
        return False
    line = layout.lines[index]
    over = [a for a in layout.lines[:index] if a.top < line.top - 2 and a.bottom < line.bottom and
            line.top - a.bottom <= 2.5 * a.height and a.bbox[0] < line.bbox[2] and
            line.bbox[0] < a.bbox[2]]
    if not over:
        return False
    tail = max(over, key=lambda a: a.top).text.rstrip(" :")[-20:]
    return any(rx.search(tail) and rx.search(tail).end() >= len(tail)  # type: ignore[union-attr]
               for rx in p.date_labels["other_date"])


def _first(dates: list[DatedSpan], role: str) -> DatedSpan | None:
    return next((d for d in dates if d.role == role and d.date.iso), None)


_BANNER_ROWS = 8
_BANNER_LABEL = re.compile(r"\b(?:test|study|service|visit|exam|encounter|collection)\s+date\s*$|"
                           r"\bdate\s+of\s+(?:test|study|service|visit|exam)\s*$", re.IGNORECASE)


def _page_row(segment: DocSegment, d: DatedSpan) -> int:
    """How many rows of its page lie above the date's line: on a two-column page a header
    field of the right column is near the top, though read after the whole left column."""
    layout = next((lay for lay in segment.layouts if lay.page.number == d.page), None)
    if layout is None or d.line >= len(layout.lines):
        return d.line
    top = layout.lines[d.line].top
    return len({round(ln.top) for ln in layout.lines if ln.top < top - 1})


def _encounter(dates: list[DatedSpan]) -> DatedSpan | None:
    """The date of an encounter or study sentence ("whom I saw in consultation on …", "He was
    studied in his home on the night of January 9th …")."""
    for d in dates:
        if d.role in ("test_date", "event") and d.date.iso and \
                _ENCOUNTER.search(d.run.text[max(0, d.date.start - 90):d.date.start]):
            return d
    return None


def _visit(p: Patterns, segment: DocSegment, dates: list[DatedSpan]) -> DatedSpan | None:
    """A labelled test/visit date; else the date of an encounter sentence ("whom I saw in
    consultation on …")."""
    tested = [d for d in dates if d.role == "test_date" and d.date.iso and d.field]
    specific = [d for d in tested if _SPECIFIC_TEST_LABEL.search(
        d.run.text[max(0, d.date.start - 40):d.date.start])]
    if specific:
        return specific[0]
    generic = [d for d in tested if d.page == segment.first_page and
               _page_row(segment, d) <= 15]
    if generic:
        return generic[0]
    # a banner of labels and values without colons ("Patient: X   DOB 09/30/1942   Test date
    # 01/21/2025   Time 09:40"), among the page's first rows
    banner = [d for d in dates if d.role == "test_date" and d.date.iso and
              d.page == segment.first_page and _page_row(segment, d) <= _BANNER_ROWS and
              _BANNER_LABEL.search(d.run.text[max(0, d.date.start - 20):d.date.start])]
    if banner:
        return banner[0]
    encounter = _encounter(dates)
    if encounter is not None:
        return encounter
    # a labelled date at the start of a short title line ("Pulmonary consult 23-Oct-2025")
    # (an aside in brackets is not part of the title: "(recording start 22:41)")
    for d in dates:
        if d.role == "test_date" and d.date.iso and \
                len(re.sub(r"\([^)]*\)", " ", d.run.text).split()) <= 8:
            return d
    # a report's title with its date ("Respiratory Therapy Note   07/23/2025 11:06 AM")
    for d in dates:
        if d.role == "event" and d.date.iso and d.page == segment.first_page and d.line <= 12 \
                and len(d.run.text.split()) <= 8 and _TITLE_WORDS.fullmatch(
                    d.run.text[:d.date.start]):
            return d
    # a note's heading that opens its text ("RT note 02/28/2026 0700: Pt on 4 L NC, …")
    for d in dates:
        head = d.run.text[:d.date.start]
        if d.role in ("event", "test_date") and d.date.iso and d.page == segment.first_page \
                and d.line <= 3 \
                and len(head.split()) <= 4 and _TITLE_WORDS.fullmatch(head) and \
                _NOTE_HEAD_END.match(d.run.text, d.date.end):
            return d
    # a labelled date opening a header line that the layout did not take for a field (its
    # colon read as a full stop: "Study date. 05/27/2025   Referring: …")
    for d in dates:
        if d.role == "test_date" and d.date.iso and d.page == segment.first_page and \
                d.line <= 15 and 0 < len(d.run.text[:d.date.start].split()) <= 4:
            return d
    return None


_NOTE_HEAD_END = re.compile(r"\s*(?:\d{1,2}:?\d{2}\s*(?:[ap]\.?m\.?)?\s*)?:", re.IGNORECASE)
"""A date closing a note's heading: an optional time, then a colon."""


def _letter_date(segment: DocSegment, dates: list[DatedSpan]) -> DatedSpan | None:
    top = [d for d in dates if d.role == "unlabeled" and d.date.iso and d.line <= 12
           and d.page == segment.first_page]
    return top[0] if top else None


_DAY_HEADING = re.compile(r"^\s*\d{1,2}[-/ ](?:\d{1,2}|[A-Za-z]{3,9})[-/ ]\d{2,4}\s+"
                          r"[A-Za-z][A-Za-z &/-]*$")
"""A day's heading in a record: its date, then words only ("23-Oct-2025 Pharmacy
documentation"), not a fax machine's line of date, time and number."""


def _sections(p: Patterns, ctx: SegmentContext) -> None:
    current: Section | None = None
    heading: Section | None = None
    valued = False
    """The current section is an inline label with its value beside it ("Baseline: 95 %")."""
    for layout in ctx.segment.layouts:
        for line, role in zip(layout.lines, layout.roles, strict=True):
            text = line.text
            label: str | None = None
            if valued and role == "field":
                # the next "Label: value" line is its own: the one before does not govern it
                current, valued = heading, False
            if _LONE_DATE.match(text):
                pass  # a date alone (a stamp's, a letter's) titles no section
            elif role == "heading" or (role == "prose" and _DATED_TITLE.match(text)):
                label = text.strip()
            else:
                m = _INLINE_HEADING.match(text)
                words = [w for w in m.group("label").split() if not w[:1].isdigit()] if m else []
                if m and len(words) <= 3 and role in ("prose", "field"):
                    label = m.group("label").strip()
            if label is not None:
                date = next((date_ref(d) for d in ctx.dates_on(layout.page.number, line.index)
                             if d.role in ("test_date", "event", "unlabeled") and d.date.iso
                             and d.date.start < len(label) + 4), None)
                org = role == "heading" and bool(_ORG_NAME.search(label))
                cues = Cues() if org else find_cues(p, label, 0, len(label), len(label))
                start = (layout.page.number, line.index)
                titled = role == "heading" or bool(_DATED_TITLE.match(text))
                if date is None and titled and heading is not None and heading.date is not None \
                        and heading.start == (layout.page.number, line.index - 1) and \
                        _DAY_HEADING.match(heading.label):
                    # a heading right under a dated one ("23-Oct-2025 Pharmacy documentation" /
                    # "PULMONARY CONSULTATION") is part of that day's record
                    date = heading.date
                current = Section(label, cues, date, org, start, not titled,
                                  date is not None and not titled)
                if titled:
                    heading = current
                elif heading is not None:
                    # an inline label ("Walking:") sits inside the heading's section
                    current = Section(label, cues.merged_over(heading.cues),
                                      date or heading.date, org, start, True, date is not None,
                                      heading)
                valued = not titled and bool(re.search(r"\d", text[text.find(":") + 1:]))
            if current is not None:
                ctx.sections[(layout.page.number, line.index)] = current


def _condition_line(p: Patterns, text: str) -> Cues | None:
    """A short line stating conditions ("Drawn at rest on room air", "FiO2 28 % (3 L NC)",
    "Repeat specimen collected … on supplemental oxygen"), or None."""
    if len(text.split()) > 25:
        return None
    # a plan or goal ("Recommend repeat study on 2 L/min") states no condition of this test
    kept = " ".join(text[a:b] for a, b in _sentence_spans(text) if not _PLAN.search(text[a:b]))
    cues = find_cues(p, kept, 0, len(kept), len(kept))
    return cues if cues.any() else None


_PLAN = re.compile(r"\b(?:recommend\w*|consider|plan\w*|will|should|goal|target|titrate\w*|"
                   r"prescrib\w*|order(?:ed)?|if)\b", re.IGNORECASE)


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    pos = 0
    while pos < len(text):
        _, end = sentence_bounds(text, pos)
        end = max(end, pos + 1)
        spans.append((pos, end))
        pos = end + 1
    return spans


_ROOM_AIR_OPTION = re.compile(r"^\s*(?:room air|ra|ambient air|no (?:supplemental )?oxygen)\b",
                              re.IGNORECASE)
_OXYGEN_OPTION = re.compile(r"^\s*(?:supplemental (?:oxygen|o2)|on (?:oxygen|o2)|oxygen at|"
                            r"o2 at)\b", re.IGNORECASE)


def answered_oxygen(layout: PageLayout, line_index: int) -> Cues | None:
    """A line asking whether oxygen was used, answered by a checked box or a marked option
    ("Supplemental oxygen during the test: [X] No  [ ] Yes, flow ___ L/min"), or offering
    oxygen states as options ("Recorded on: [ ] Room air  [x] Supplemental oxygen at 2 L/min")."""
    line = layout.lines[line_index]
    answers = [b for b in layout.checkboxes if b.line == line_index and b.checked
               and b.label is not None]
    texts = [b.label.text for b in answers if b.label is not None]
    texts += [c.selected.text for c in layout.choices if c.line == line_index and c.selected]
    if not _OXYGEN_QUESTION.search(line.text):
        # options that are themselves oxygen states ("Recorded on: [ ] Room air
        # [x] Supplemental oxygen at 2 L/min"), on a line without a value of its own
        if re.search(r"\b\d{2,3}(?:\.\d)?\s*(?:%|mm)", line.text):
            return None
        for text in texts:
            if _ROOM_AIR_OPTION.match(text):
                return Cues(oxygen="room_air")
            if _OXYGEN_OPTION.match(text):
                squeezed, label = " ".join(line.text.split()), " ".join(text.split())
                tail = squeezed[squeezed.find(label):] if label in squeezed else label
                m = re.search(r"(\d{1,2}(?:\.\d+)?)\s*(?:l\b|lpm|l/min|liters?)", tail,
                              re.IGNORECASE)
                return Cues(oxygen="supplemental", flow=float(m.group(1)) if m else None)
        return None
    for text in texts:
        if re.match(r"^\s*(?:no|n|none)\b", text, re.IGNORECASE):
            return Cues(oxygen="room_air")
        if re.match(r"^\s*(?:yes|y)\b", text, re.IGNORECASE):
            squeezed, label = " ".join(line.text.split()), " ".join(text.split())
            tail = squeezed[squeezed.find(label):] if label in squeezed else label
            m = re.search(r"(\d{1,2}(?:\.\d+)?)\s*(?:l\b|lpm|l/min|u/?min|liters?)", tail,
                          re.IGNORECASE)
            return Cues(oxygen="supplemental", flow=float(m.group(1)) if m else None)
    if not texts and any(not b.checked and b.label is not None and re.match(
            r"^\s*no\b", b.label.text, re.IGNORECASE) for b in layout.checkboxes
            if b.line == line_index):
        # "☐ No  Yes, flow 3 L/min": the Yes mark lost, its blank filled in
        m = _YES_FLOW.search(line.text)
        if m:
            return Cues(oxygen="supplemental", flow=float(m.group(1)))
    if not texts and _YES_NO_OPTIONS.search(line.text):
        # the printed No / Yes options with no mark read (a filled box lost to the fax)
        m = _YES_FLOW.search(line.text)
        if m:
            return Cues(oxygen="supplemental", flow=float(m.group(1)))  # its blank filled in
        empty_yes = bool(re.search(r"[☐□]\s*yes\b", line.text, re.IGNORECASE))
        empty_no = bool(re.search(r"[☐□]\s*no\b", line.text, re.IGNORECASE))
        if empty_yes != empty_no:
            # one option's box printed empty: the other one is the marked one
            return Cues(oxygen="room_air" if empty_yes else "supplemental")
        return Cues()  # unanswered as far as can be seen: the question itself says nothing
    return Cues() if line_index in {b.line for b in layout.checkboxes} else None


_YES_NO_OPTIONS = re.compile(r"\bno\b.{0,12}\byes\b|\byes\b.{0,30}\bno\b", re.IGNORECASE)
_YES_FLOW = re.compile(r"\byes\b\W{0,3}(?:flow)?\W{0,3}(\d{1,2}(?:\.\d+)?)\s*"
                       r"(?:l\b|lpm|l/min|u/?min|liters?)", re.IGNORECASE)


def marked_oxygen(p: Patterns, layout: PageLayout, line_index: int) -> Cues | None:
    """A line of oxygen options with one marked ("Tested on:  ☒ Room air  ☐ O2 ___ LPM"): the
    marked option's condition; None when no marked option names one."""
    texts = [b.label.text for b in layout.checkboxes if b.line == line_index and b.checked
             and b.label is not None]
    texts += [c.selected.text for c in layout.choices if c.line == line_index and c.selected]
    for text in texts:
        cues = find_cues(p, text, 0, len(text), 0)
        if cues.oxygen is None and re.match(r"^\s*(?:[o0]2|oxygen)\b", text, re.IGNORECASE):
            cues = Cues(oxygen="supplemental")  # (OCR reads the option "O2" as "02")
        if cues.oxygen == "supplemental" and cues.flow is None:
            # the flow written in the option's blank: "☒ O2 __2__ LPM"
            line = " ".join(layout.lines[line_index].text.split())
            at = line.find(" ".join(text.split()))
            m = re.match(r"\s*(?:[o0]2|oxygen)?\D{0,20}?(?<![A-Za-z\d])(?!02\b)"
                         r"(\d{1,2}(?:\.\d+)?)[\s_]*(?:l\b|lpm|l/min|lit)",
                         line[at:] if at >= 0 else text, re.IGNORECASE)
            if m and p.in_range("flow_lpm", float(m.group(1))):
                cues = Cues(oxygen="supplemental", flow=float(m.group(1)))
        if cues.oxygen is not None:
            return Cues(oxygen=cues.oxygen, flow=cues.flow)
    return None


def _line_cues(p: Patterns, layout: PageLayout, i: int) -> Cues | None:
    answered = answered_oxygen(layout, i)
    if answered is not None and answered.any():
        return answered
    marked = marked_oxygen(p, layout, i)  # "Oxygen during test 3: ☒ continuous at 1 L/min"
    line = layout.lines[i]
    unmarked = _unmarked_words(layout, i)
    if any(b.checked for b in layout.checkboxes if b.line == i and b.label is not None):
        # "Condition:  [ ] at rest   [X] during exercise   [ ] during sleep": the marked one
        stated = _condition_line(p, _text_without(line, unmarked))
    else:
        stated = _condition_line(p, line.text)
    if marked is not None:
        # "O2 flow: 4 L/min via ☒ NC ☐ mask": the flow written beside the marked device
        return marked.merged_over(stated) if stated is not None else marked
    if answered is not None:
        # no mark seen: the options left unmarked do not speak, the rest of the line does
        # ("Oxygen during test 3:  continuous at 3 L/min  ☐ pulse (POC) setting __")
        if not unmarked:
            return Cues() if _OXYGEN_QUESTION.search(line.text) else None
        return _condition_line(p, _text_without(line, unmarked))
    return stated


def _unmarked_words(layout: PageLayout, i: int) -> set[int]:
    """The words (ids) of the labels of line ``i``'s check boxes left unmarked."""
    return {id(w) for b in layout.checkboxes if b.line == i and not b.checked
            and b.label is not None for w in b.label.words}


def _text_without(line: Line, skipped: set[int]) -> str:
    return " ".join(w.text for w in line.words if id(w) not in skipped)


def _blocks(p: Patterns, ctx: SegmentContext) -> None:
    for layout in ctx.segment.layouts:
        page = layout.page.number
        for block in layout.blocks:
            merged = Cues()
            fields = Cues()
            marked_setting: str | None = None
            date: DateRef | None = None
            for i in block.lines:
                line = layout.lines[i]
                labelled = bool(_CONDITION_LABEL.match(line.text.strip())) or \
                    answered_oxygen(layout, i) is not None
                if (page, i) in ctx.value_lines and not labelled:
                    continue
                cues = _line_cues(p, layout, i)
                if cues is not None:
                    # a condition row (FiO2, O2 device) beats a prose remark
                    if labelled:
                        merged = cues.merged_over(merged)
                        fields = cues.merged_over(fields)
                        if cues.setting is not None and any(
                                b.checked for b in layout.checkboxes if b.line == i):
                            # "Condition:  [ ] at rest   [X] during exercise": the test's
                            marked_setting = marked_setting or cues.setting
                    else:
                        merged = merged.merged_over(cues)
                if date is None and i == block.lines[0]:
                    stamp = bool(STAMP_LINE.match(line.text))
                    date = next((date_ref(d) for d in ctx.dates_on(page, i)
                                 if (d.role in ("test_date", "event") or stamp) and d.date.iso),
                                None)
            for i in block.lines:
                ctx.block_cues[(page, i)] = merged
                ctx.block_field_cues[(page, i)] = Cues(setting=marked_setting,
                                                       oxygen=fields.oxygen, flow=fields.flow)
                if date is not None:
                    ctx.block_dates[(page, i)] = date


_HANGING = 4.0
"""Points a continuation line's left edge may differ from its entry's text by."""


_SHIFT = re.compile(r"\d{1,2}/\d{1,2}/\d{2,4}\s+(?P<t1>\d{4}|\d{1,2}:\d{2})\s*(?:to|-|–|until)\s*"
                    r"\d{1,2}/\d{1,2}/\d{2,4}\s+(?:\d{4}|\d{1,2}:\d{2})", re.IGNORECASE)
"""A shift across midnight ("Shift: NIGHT 12/29/2024 1900 to 12/30/2024 0700")."""
_CLOCK_WORD = re.compile(r"^(?:[01]\d|2[0-3]):?[0-5]\d$")


def _minutes_of(clock: str) -> int:
    digits = clock.replace(":", "").zfill(4)
    return int(digits[:2]) * 60 + int(digits[2:])


def _shift(ctx: SegmentContext) -> tuple[DateRef, int, DateRef] | None:
    """The first day, its start time in minutes, and the next day of a shift's log."""
    for layout in ctx.segment.layouts:
        for line in layout.lines:
            m = _SHIFT.search(line.text)
            if m is None:
                continue
            days = [d for d in ctx.dates_on(layout.page.number, line.index) if d.date.iso]
            if len(days) >= 2:
                return date_ref(days[0]), _minutes_of(m.group("t1")), date_ref(days[1])
    return None


def _entries(ctx: SegmentContext) -> None:
    """Dated log entries (a date at the line's start, then at least three words; or, in a
    shift's log, a time whose side of midnight gives the day) and the lines under their
    text, indented to it, that go on with them."""
    shift = _shift(ctx)
    for layout in ctx.segment.layouts:
        page = layout.page.number
        entry: tuple[DateRef, float] | None = None
        for line in layout.lines:
            first = line.words[0].text if line.words else ""
            if shift is not None and _CLOCK_WORD.match(first) and len(line.words) >= 4:
                day = shift[0] if _minutes_of(first) >= shift[1] else shift[2]
                ctx.entry_dates[(page, line.index)] = day
                entry = (day, line.words[1].x0)
                continue
            dated = next((d for d in ctx.dates_on(page, line.index)
                          if d.date.iso and d.date.start == 0), None)
            if dated is not None:
                words = line.run.span_words(dated.date.start, dated.date.end)
                rest = line.words[len(words):]
                entry = (date_ref(dated), rest[0].x0) if len(rest) >= 3 and words and \
                    words[0] is line.words[0] else None
                continue
            if entry is not None and line.words and abs(line.words[0].x0 - entry[1]) <= _HANGING:
                ctx.entry_dates[(page, line.index)] = entry[0]
                continue
            entry = None


def _header_cues(p: Patterns, ctx: SegmentContext) -> Cues:
    """Conditions a report states for all its values: condition fields ("Oxygen during study:
    2 L/min", "FiO2: room air") and short condition statements ("Study performed on room air")
    outside paragraphs with values. Only for test reports."""
    if ctx.doc_type is None or ctx.doc_type.name not in (
            "abg_lab_report", "overnight_oximetry", "exercise_oximetry", "cmn_484"):
        return Cues()
    merged = Cues()
    for layout in ctx.segment.layouts:
        page = layout.page.number
        for f in layout.fields:
            label = f.label.text
            if _PRESCRIBED.search(label) or (f.value is not None and
                                             _PRESCRIBED.search(f.value.text)):
                continue  # the oxygen ordered is not the oxygen the test was taken on
            if f.value is not None and (_CONDITION_LABEL.search(label) or (
                    _TEST_WORD.search(label) and len(f.value.text.split()) <= 8)) and \
                    (page, f.line) not in ctx.value_lines and \
                    answered_oxygen(layout, f.line) is None:
                text = f"{label} {f.value.text}"
                merged = merged.merged_over(find_cues(p, text, 0, len(text), len(text)))
        for line, role in zip(layout.lines, layout.roles, strict=True):
            answered = answered_oxygen(layout, line.index)
            if answered is None and (page, line.index) not in ctx.value_lines:
                answered = marked_oxygen(p, layout, line.index)
            if answered is not None:
                merged = answered.merged_over(merged)
                continue
            if role in ("prose", "heading") and (page, line.index) not in ctx.value_lines and \
                    _TEST_WORD.search(line.text) and len(line.text.split()) <= 12 and \
                    (not _PRESCRIBED.search(line.text) or _WORN.search(line.text)):
                cues = _condition_line(p, line.text)
                if cues is not None and cues.oxygen is not None:
                    merged = merged.merged_over(Cues(oxygen=cues.oxygen, flow=cues.flow))
        for para in layout.paragraphs:
            # a short sentence about the test inside a paragraph ("… 6.6 hours. The study was
            # performed on room air. Signal quality …")
            text = para.run.text
            clauses = [(a + c0, a + c1) for a, b in _sentence_spans(text)
                       for c0, c1 in _clause_spans(text[a:b])]
            for a, b in clauses:
                sentence = text[a:b]
                if len(sentence.split()) > _TEST_DONE_WORDS or not _TEST_DONE.search(sentence) \
                        or \
                        _A_READING.search(sentence) or \
                        (_PRESCRIBED.search(sentence) and not _WORN.search(sentence)):
                    continue
                cues = _condition_line(p, sentence)
                if cues is not None and cues.oxygen is not None and merged.oxygen is None:
                    merged = merged.merged_over(Cues(oxygen=cues.oxygen, flow=cues.flow))
    return Cues(oxygen=merged.oxygen, flow=merged.flow)


_TEST_DONE = re.compile(r"\b(?:study|test|recording|oximetry|sample|specimen|walk)\b.{0,40}?\b"
                        r"(?:performed|recorded|conducted|done|obtained|drawn|collected|"
                        r"taken)\b|\b(?:was|were) studied\b", re.IGNORECASE)
"""A sentence saying how the test was done ("The study was performed on room air")."""
_TEST_DONE_WORDS = 30
"""Words of a clause saying how the test was done ("He was studied in his home on the night
of January 9th …, breathing room air")."""


def _clause_spans(sentence: str) -> list[tuple[int, int]]:
    """A sentence cut at its semicolons."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in re.finditer(r";", sentence):
        spans.append((start, m.start()))
        start = m.end()
    return [*spans, (start, len(sentence))]


_A_READING = re.compile(r"\d\s*%|\bmm\s?hg\b|\bkpa\b", re.IGNORECASE)
"""A sentence holding a reading: its conditions are that reading's own."""


_BASE_LABELS = (
    ("sleep", re.compile(r"\b(?:total )?sleep time\b|\btst\b", re.IGNORECASE)),
    ("analyzed", re.compile(r"\banaly[sz](?:ed|able|is)\b(?: time| duration)?|\bvalid (?:data|"
                            r"time)\b|\bartifact[- ]free(?: time)?\b|\bevaluable time\b",
                            re.IGNORECASE)),
    ("recording", re.compile(r"\b(?:total )?(?:recording|monitoring) (?:time|duration|length)\b|"
                             r"\btrt\b|\brecorded for\b|\brecording\b|\bstudy duration\b|"
                             r"\btime in bed\b", re.IGNORECASE)),
)
_AFTER_BASE = re.compile(r"\s*(?:were|was|of it)?\s*(?:analy[sz]\w*|valid)\b", re.IGNORECASE)


def _time_bases(ctx: SegmentContext) -> dict[str, float]:
    """"Recording time 7 h 07 min", "Analyzed 08:20:00", "… of which 6 h 33 min were
    analyzable": the times a percentage of time refers to."""
    out: dict[str, float] = {}
    after: dict[str, float] = {}
    for layout in ctx.segment.layouts:
        for line in layout.lines:
            text = line.text
            for d in DURATION.finditer(text):
                minutes = duration_minutes(d)
                if minutes is None or minutes <= 0:
                    continue
                before = text[max(0, d.start() - 30):d.start()]
                hits = [(m.end(), name) for name, rx in _BASE_LABELS for m in rx.finditer(before)
                        if not DURATION.search(before, m.end())]
                if hits:
                    out.setdefault(max(hits)[1], minutes)
                elif _AFTER_BASE.match(text, d.end()):
                    after.setdefault("analyzed", minutes)
    for name, minutes in after.items():
        out.setdefault(name, minutes)
    return out


HOME_OXYGEN = re.compile(r"\bhome (?:o2|oxygen)\b", re.IGNORECASE)


def _home_oxygen(p: Patterns, ctx: SegmentContext) -> Cues:
    """The flow of the patient's home oxygen, from the line asking or stating it."""
    for layout in ctx.segment.layouts:
        for line in layout.lines:
            if not HOME_OXYGEN.search(line.text) or (layout.page.number, line.index) in \
                    ctx.value_lines:
                continue
            answered = answered_oxygen(layout, line.index)
            stated = find_cues(p, line.text, 0, len(line.text), 0)
            cues = stated if answered is None else answered.merged_over(
                Cues(flow=stated.flow))  # "using home oxygen?  Y  If yes, flow: 2 L"
            if cues.oxygen == "supplemental" and cues.flow is not None:
                return Cues(oxygen="supplemental", flow=cues.flow)
    return Cues()


def _days(a: str, b: str) -> int:
    try:
        return abs((dt.date.fromisoformat(b) - dt.date.fromisoformat(a)).days)
    except ValueError:
        return 9999


def build_context(p: Patterns, segment: DocSegment, value_lines: set[tuple[int, int]],
                  carried: Carried | None = None) -> SegmentContext:
    """The scopes of one segment. ``value_lines`` are (page, line) pairs holding measurement
    values: their own conditions are not conditions of their block. ``carried``: what the
    window before of the same document found (a later window of a long document)."""
    texts = [ln.text for lay in segment.layouts for ln in lay.lines]
    convention = carried.convention if carried is not None else convention_of(texts)
    letters = [c for t in texts for c in t if c.isalpha()]
    upper_doc = bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.8
    doc_type = segment.definition
    ctx = SegmentContext(segment, doc_type, convention, upper_doc, value_lines=value_lines)
    ctx.dates = _collect_dates(p, segment, convention, None)
    visit = _visit(p, segment, ctx.dates)
    ctx.visit = date_ref(visit) if visit else None
    letter = _letter_date(segment, ctx.dates)
    ctx.letter_date = date_ref(letter) if letter else None
    if carried is not None:
        ctx.visit = carried.visit or ctx.visit
        ctx.letter_date = carried.letter_date or ctx.letter_date
    lettered: list[DatedSpan] | None = None
    """The dates read against the letter's date, when they were."""
    if ctx.visit is None and ctx.letter_date is not None and ctx.letter_date.iso:
        # a letter telling when the study was done without its year ("on the night of
        # January 9th"): read against the letter's date
        lettered = _collect_dates(p, segment, convention, ctx.letter_date.iso)
        studied = _encounter(lettered)
        ctx.visit = date_ref(studied) if studied is not None else None
    if ctx.visit is None and doc_type is not None and doc_type.name in (
            "abg_lab_report", "overnight_oximetry", "exercise_oximetry"):
        ctx.visit = ctx.letter_date  # a slip's or report's own date stamp
        if ctx.visit is None:
            # labels lost to the fax: of the dates in the report's header boxes, the latest
            # (an earlier one is the birth date), or the night's first of a start and an end
            top = [d for d in ctx.dates if d.role == "event" and d.date.iso and
                   d.page == segment.first_page and d.line <= 15]
            if top:
                last = max(d.date.iso or "" for d in top)
                night = [d for d in top if _days(d.date.iso or "", last) <= 2]
                ctx.visit = date_ref(min(night, key=lambda d: d.date.iso or ""))
    anchor = ctx.visit or ctx.letter_date
    if anchor is not None and anchor.iso:
        # dates without a year ("ABG 9/29", a letter's "on 10/4") read against the visit
        # date, else the letter's date
        if lettered is not None and anchor is ctx.letter_date:
            ctx.dates = lettered  # (already read against it)
        else:
            ctx.dates = _collect_dates(p, segment, convention, anchor.iso)
    adm = _first(ctx.dates, "admission_date")
    dis = _first(ctx.dates, "discharge_date")
    ctx.admission = date_ref(adm) if adm else None
    ctx.discharge = date_ref(dis) if dis else None
    if carried is not None:
        ctx.admission = carried.admission or ctx.admission
        ctx.discharge = carried.discharge or ctx.discharge
    if ctx.visit is None and ctx.discharge is None and ctx.admission is not None and \
            doc_type is not None and doc_type.name in ("progress_note", "nursing_visit_note"):
        # an admission note (H&P) without a date of its own is written on the admission day
        ctx.visit = ctx.admission
    if (anchor is None or not anchor.iso) and ctx.anchor() is not None:
        # a discharge summary's yearless dates ("Echo 11/06:") read against the stay
        ctx.dates = _collect_dates(p, segment, convention, ctx.anchor())
    if doc_type is not None:
        ctx.defaults = Cues(setting=doc_type.defaults.get("setting"),
                            method=doc_type.defaults.get("method"))
    _sections(p, ctx)
    for section in {id(sec): sec for sec in ctx.sections.values()}.values():
        # "DISCHARGE OXYGEN EVALUATION", "Admission labs": the stay's dates
        if section.date is None and re.search(r"\bdischarge\b", section.label, re.I):
            section.date = ctx.discharge
        elif section.date is None and re.search(r"\badmission\b", section.label, re.I):
            section.date = ctx.admission
    _blocks(p, ctx)
    _entries(ctx)
    ctx.header_cues = _header_cues(p, ctx)
    ctx.time_bases = _time_bases(ctx)
    ctx.home_oxygen = _home_oxygen(p, ctx)
    return ctx
