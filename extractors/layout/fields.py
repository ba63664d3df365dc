"""Key–value fields: ``Label: value`` (or ``Label ...... value`` with leader dots) inside a
line, and a label printed above its value (the boxes of a printed form such as CMN Section
A)."""

from __future__ import annotations

import itertools
import re

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from extractors.layout.lines import Line, Segment
from extractors.layout.model import Field, Table
from extractors.layout.text_run import TextRun

_COLON = re.compile(r"(?<!\d):|:(?!\d)")
_OCR_COLON = re.compile(r";(?=\s)")
"""OCR often reads a field's colon as a semicolon."""
LEADER = re.compile(r"(?<=\S)\s*\.{4,}\s*(?=\S)|(?<=[A-Za-z])\s+\.{2,3}\s+(?=\S)")
"""Leader dots between a label and its value ("Recording time ...... 08:19:00"), printed by
device reports in place of a colon (a fax may keep only two or three of them)."""
_NUMBERING = re.compile(r"\s*(?:\d{1,2}[.)]|[-•*>])?\s*")
_MAX_LABEL_WORDS = 6
_LATER_LABELS = re.compile(
    r"^(?:dob|d\.o\.b\.?|date of birth|birth ?date|born|mrn|mr#|mr ?no\.?|med(?:ical)? rec(?:ord)?"
    r"(?: no\.?)?|acct|account(?: no\.?)?|sex|gender|age|dos|date(?: of (?:service|visit|"
    r"note|test|study))?|visit date|test date|provider|attending|ordering|physician|"
    r"referring(?: physician)?|room|loc(?:ation)?|hosp(?:ital)? no\.?|nhs no\.?|id|ssn|"
    r"phone|tel|fax|npi|mbi|medicare(?: id)?|insurance|payer|plan|member id|ht|wt|height|"
    r"weight|bmi|collected|received|reported|resulted|printed|accession|specimen|"
    r"sample type|sample taken|analy[sz]er|requested by|admitted|discharged|time|"
    r"start|end|device|s/n|flow|fio2|o2|title|employer|signed|reviewed|read|pages?|re|to|"
    r"from|date of (?:admission|discharge)|anticipated discharge)$", re.IGNORECASE)
_UPPER_SHARE = 0.75


def _slice(run: TextRun, start: int, end: int) -> TextRun | None:
    """The words of ``run`` inside ``start:end`` as a new run (None when empty)."""
    words = [w for w, (a, b) in zip(run.words, run.offsets, strict=True) if a >= start and b <= end]
    if not words:
        return None
    return TextRun.of(run.page, words, run.source, run.to_page)


def _later_label_start(text: str, colon: int, floor: int) -> int | None:
    """Where a label ending at ``colon`` starts: the longest run of up to four words before it
    that is a known label or written in capitals; None when there is none."""
    words = list(re.finditer(r"\S+", text[floor:colon]))
    best: int | None = None
    for k in range(1, min(4, len(words)) + 1):
        chunk = words[-k:]
        phrase = text[floor + chunk[0].start():colon].strip()
        letters = [c for c in phrase if c.isalpha()]
        caps = bool(letters) and all(c.isupper() for c in letters) and len(letters) >= 2
        if _LATER_LABELS.match(phrase) or caps:
            best = floor + chunk[0].start()
    return best


_BARE_LABELS = re.compile(
    r"^(?:patient(?: name)?|pt(?: name)?|name|beneficiary|(?:last|first|given|family) name|"
    r"surname|dob|d[o0][b8]|d\.o\.b\.?|date of birth|"
    r"birth ?date|mrn|mr#|medical record(?: no\.?| number)?|acct|account|patient id|id|sex|"
    r"gender|age|admission date|admit date|date of admission|admitted|discharge date|"
    r"date of discharge|discharged|anticipated discharge(?: date)?|test date|study date|"
    r"date of (?:service|test|study|visit|note)|visit date|service date|collected|"
    r"collection (?:date|time)|sample taken|received|reported|resulted|printed|attending|"
    r"ordering(?: md| physician| provider)?|referring(?: md| physician)?|provider|physician|"
    r"recorder|device|start(?: time| date)?|end(?: time)?|recording (?:date|start|time)|"
    r"oxygen|o2|fio2|flow|o2 device|o2 flow|specimen|sample type|location|unit|room|"
    r"diagnosis|performed by|interpreted by|reviewed by|technician|tech|signed|date|re|"
    r"regarding|subject|total pages|pages|to|from|attn|attention)$",
    re.IGNORECASE)
"""Labels printed without a colon in a box or cell of their own ("Patient   Dolores E.
Brandt   MRN   84133523")."""


def bare_fields(line: Line, line_index: int) -> list[Field]:
    """Label cells without a colon followed by their value cell."""
    found: list[Field] = []
    segs = line.segments
    for k, seg in enumerate(segs[:-1]):
        if _BARE_LABELS.match(seg.text.strip()) and not _BARE_LABELS.match(
                segs[k + 1].text.strip()) and ":" not in seg.text:
            found.append(Field(line_index, seg.run, segs[k + 1].run))
    return found


def inline_fields(line: Line, line_index: int) -> list[Field]:
    """``Label: value`` pairs in the segments of ``line`` (several per segment possible), and
    label cells without a colon followed by their value."""
    found: list[Field] = bare_fields(line, line_index)
    for seg in line.segments:
        text = seg.text
        colons = [m.start() for m in _COLON.finditer(text)]
        if seg.run.source == "ocr":
            colons = sorted(colons + [m.start() for m in _OCR_COLON.finditer(text)])
        leaders = {m.start(): m.end() for m in LEADER.finditer(text)}
        colons = sorted(set(colons) | set(leaders))
        labels: list[tuple[int, int]] = []  # (label start, colon)
        for colon in colons:
            if not labels:
                lead = _NUMBERING.match(text)
                first = lead.end() if lead else 0
                name = text[first:colon].strip()
                if name and name[0].isupper() and len(name.split()) <= _MAX_LABEL_WORDS \
                        and not re.fullmatch(r"[\d\s./:-]+", name):
                    labels.append((first, colon))
                continue
            later = _later_label_start(text, colon, labels[-1][1] + 1)
            if later is not None and later > labels[-1][1] + 1:
                labels.append((later, colon))
        for i, (start, colon) in enumerate(labels):
            value_end = labels[i + 1][0] if i + 1 < len(labels) else len(text)
            label_run = _slice(seg.run, start, colon + 1)
            if label_run is None:
                continue
            value = _slice(seg.run, leaders.get(colon, colon + 1), value_end)
            if i == len(labels) - 1:
                more = _next_segments(line, seg, single_words=value is not None)
                if more is not None:
                    value = TextRun.join([value, more]) if value is not None else more
            found.append(Field(line_index, label_run, value))
    return found


def _next_segments(line: Line, seg: Segment, single_words: bool) -> TextRun | None:
    """A label alone in its segment ("Date:   24-Jan-2026") takes the following segments as
    its value, up to one holding a label of its own; a value spread out in single words
    ("PATIENT:  Henry   P   Walsh") takes the single words that follow."""
    after = line.segments[line.segments.index(seg) + 1:]
    runs: list[TextRun] = []
    for nxt in after:
        if _COLON.search(nxt.text) or (single_words and len(nxt.text.split()) > 1):
            break
        runs.append(nxt.run)
    return TextRun.join(runs) if runs else None


def _label_like(seg: Segment) -> bool:
    letters = [c for c in seg.text if c.isalpha()]
    # a digit inside a word is OCR's reading of a letter ("NP1 #"); a number is a value
    if not letters or re.search(r"(?<![A-Za-z])\d|\d(?![A-Za-z\d])(?<![A-Za-z]\d)", seg.text):
        return False
    return sum(c.isupper() for c in letters) / len(letters) >= _UPPER_SHARE and \
        len(seg.text.split()) <= 12


_LABEL_WORD = re.compile(r"\b(?:NAME|ADDRESS|TELEPHONE|PHONE|DATE|DOB|CODE|NPI|UPIN|ID|NUMBER|"
                         r"NO\.|SERVICE|PHYSICIAN|SUPPLIER|PATIENT|SEX|HT|WT|SIGNATURE|TITLE|"
                         r"EMPLOYER|LOCATION|DIAGNOSIS|FACILITY|RE|REGARDING|SUBJECT|PAGES|TO|FROM)\b|#")


_FORM_WORDS = ("patient", "name", "admission", "discharge", "attending", "physician",
               "agency", "facility", "address", "telephone", "birth", "date", "account",
               "record", "insurance", "diagnosis", "receiving", "referring", "ordering")
"""Words of a form box's label, matched loosely (OCR reads "ATTENLING", "ADMISSION DA11")."""
_SHORT_FORM_LABEL = re.compile(
    r"^\W*(?:mrn|sex|age|dob|(?-i:[D0O][O0][B8])|ht|wt|room|unit|mr#|id)\W*$", re.IGNORECASE)


def _form_label(seg: Segment) -> bool:
    """A box label of an identity/admission form, as printed or as OCR misread it."""
    if _SHORT_FORM_LABEL.match(seg.text) or _LABEL_WORD.search(seg.text):
        return True
    words = [w.lower() for w in re.findall(r"[A-Za-z0-9]{4,}", seg.text)]
    return any(fuzz.ratio(w, k) >= 75 for w in words for k in _FORM_WORDS)


def _caps_label(text: str) -> bool:
    """Upper-case label text as a form prints it: its units in parentheses and short
    abbreviations aside ("Sex(M/F)  Ht (in)  Wt.(lbs.)"), a box's rule read as "1" or "|",
    digits glued to letters read as letters ("ADMISSION DA11")."""
    text = re.sub(r"[({][^)}]*[)}]?", " ", text)
    text = re.sub(r"(?<!\S)[1|/]+(?!\S)", " ", text)
    text = re.sub(r"\b[A-Z][a-z]{1,2}\b", lambda m: m.group().upper(), text)
    text = re.sub(r"(?<=[A-Z])\d+|\d+(?=[A-Z])", lambda m: "X" * len(m.group()), text)
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and not re.search(r"\d", text) and len(text.split()) <= 12 and \
        sum(c.isupper() for c in letters) / len(letters) >= _UPPER_SHARE


def _form_row(line: Line) -> bool:
    """A row of box labels over their values ("PATIENT NAME (LAST, FIRST MI)  DOB  MRN  SEX",
    "ADMISSION DATE  DISCHARGE DATE  ATTENDING  RECEIVING AGENCY"): two or more label cells,
    most of them form labels, none holding a value."""
    # a box whose label OCR lost to punctuation ("()") counts neither way
    segs = [s for s in line.segments if re.search(r"[A-Za-z0-9]", s.text)]
    if len(segs) < 2 or not all(_caps_label(s.text) or _SHORT_FORM_LABEL.match(s.text)
                                for s in segs):
        return False
    if any(re.search(r":\s*[^\s(]", s.text) for s in segs):
        return False  # "NAME: DOE, JANE" holds its value
    known = sum(_form_label(s) for s in segs)
    return 2 * known >= len(segs) and (len(segs) >= 3 or known == len(segs))


def _repeats(lines: list[Line], i: int) -> bool:
    """The line after ``lines[i]`` has the same cells with numbers: a table's data rows."""
    if i + 1 >= len(lines):
        return False
    row, nxt = lines[i], lines[i + 1]
    if nxt.page != row.page or nxt.top - row.bottom > 2.5 * row.height or \
            _label_like(nxt.segments[0]):
        return False
    return abs(len(nxt.segments) - len(row.segments)) <= 1 and \
        sum(bool(re.search(r"\d", s.text)) for s in nxt.segments) >= 2


def _identity_labels(line: Line) -> bool:
    """A row of short word labels in any case naming the patient ("Patient name   Date of
    birth   Test date"): labels over the values of the line below."""
    return len(line.segments) >= 2 and bool(
        re.search(r"\b(?:patient|name|birth|dob)\b", line.text, re.IGNORECASE)) and all(
        len(s.text.split()) <= 4 and not re.search(r"\d", s.text) for s in line.segments)


def stacked_fields(lines: list[Line]) -> list[Field]:
    """Labels printed above their values: a line of upper-case labels whose next line has
    segments starting under them (a form's row of boxes, the value row read only when no
    further row of the same shape follows, which would make it a table)."""
    found: list[Field] = []
    for i, line in enumerate(lines[:-1]):
        below = lines[i + 1]
        if below.page != line.page or not line.segments or not below.segments:
            continue
        form = _form_row(line) and not _form_row(below) and not _repeats(lines, i + 1)
        if not form:
            if not all((_label_like(s) or _identity_labels(line)) and
                       _LABEL_WORD.search(s.text.upper()) for s in line.segments):
                continue
            if all(_LABEL_WORD.search(s.text) for s in below.segments) or \
                    any(re.search(r":\s*\S", s.text) for s in line.segments + below.segments):
                continue
            if len(below.segments) >= 3 and any(re.search(r"\d", s.text)
                                                for s in below.segments[1:]) \
                    and not re.search(r"\bNAME\b|\bADDRESS\b|\bPATIENT\b", line.text.upper()):
                continue  # a table row under a heading, not values under labels
        gap = below.top - line.bottom
        if gap > 2.5 * line.height:
            continue
        starts = [s.x0 for s in line.segments] + [float("inf")]
        for k, seg in enumerate(line.segments):
            values = [v for v in below.segments if seg.x0 - 10 <= v.x0 < starts[k + 1] - 5]
            if values:
                found.append(Field(line.index, seg.run,
                                   TextRun.join([v.run for v in values], "   "), below.index))
    return found


def grid_fields(tables: list[Table]) -> list[Field]:
    """A form grid of labels over values ("Patient name | Patient ID# | Date" above "Luis T.
    Ashworth | 83103882 | 5/12/25"): each value cell with the label cell above it."""
    found: list[Field] = []
    for table in tables:
        label_rows: list[tuple[int, dict[int, TextRun]]] = []
        if table.header_line is not None:
            label_rows.append((table.header_line, {i: c.header for i, c in enumerate(
                table.columns) if c.header is not None}))
        label_rows += [(r.line, {c.column: c.run for c in r.cells}) for r in table.rows]
        for (line, labels), nxt in itertools.pairwise(label_rows):
            known = {col: t for col, t in labels.items() if _BARE_LABELS.match(t.text.strip())
                     or (_LABEL_WORD.search(t.text.upper()) and not re.search(r"\d", t.text))}
            if not labels or (len(known) < len(labels) and not _identity_row(labels)
                              and not _mostly_labels(labels, known)):
                continue
            if _identity_row(labels):
                known = labels  # every cell of a patient's header row is a label
            for col, value in nxt[1].items():
                if col in known and not _BARE_LABELS.match(value.text.strip()):
                    found.append(Field(line, labels[col], value, nxt[0]))
    return found


_IDENTITY = re.compile(r"^(?:patient(?: name)?|name|dob|date of birth|birth ?date)$", re.IGNORECASE)


def _identity_row(labels: dict[int, TextRun]) -> bool:
    """A header row naming the patient over a row of values ("PATIENT  DOB  VISIT DATE  TIME
    IN  EPISODE"), though some of its labels are not known ones."""
    texts = [t.text.strip() for t in labels.values()]
    ocr = any(t.source == "ocr" for t in labels.values())
    return any(_IDENTITY.match(t) or (ocr and _near_identity(t)) for t in texts) and not any(
        re.search(r"\b\d+\b", t) or len(t.split()) > 4 for t in texts)


def _near_identity(text: str) -> bool:
    """An identity label as OCR misread it ("PAUENT" for PATIENT, "OOB" for DOB)."""
    word = text.lower().translate(str.maketrans("0851", "obsl"))
    return Levenshtein.distance(word, "dob") <= 1 if len(word) == 3 else \
        max(fuzz.ratio(word, "patient"), fuzz.ratio(word, "patient name")) >= 75


def _mostly_labels(labels: dict[int, TextRun], known: dict[int, TextRun]) -> bool:
    """A row of form labels with a few unknown ones ("ADMISSION DATE | DISCHARGE DATE |
    ATTENDING | RECEIVING AGENCY"): most are known, none holds a number."""
    texts = [t.text.strip() for t in labels.values()]
    return len(known) >= 2 and 2 * len(known) >= len(labels) and not any(
        re.search(r"\d", t) or len(t.split()) > 5 for t in texts)
