"""The patient's name and date of birth, from labelled places only.

A name is taken from a patient field (``Patient:``, ``Pt name:``, ``Beneficiary:``, ``Name
(Last, First):``, ``RE:`` in a letter, a form's PATIENT NAME box) and normalised ("DOE, JANE M"
→ "Jane M Doe"); never from a heading, a clinician's or signer's field, the person answering a
form section, a fax sender or recipient, or a parent. None found → None, not a guess. The
birth date is a date labelled as one; only where OCR lost a box's label beside the patient's
name is a date in it taken, when it lies years before every other date of the paper.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from nameparser import HumanName
from rapidfuzz import fuzz

from extractors.interpret.context import SegmentContext
from extractors.interpret.name_lexicon import mend_ocr_name
from extractors.layout import Field, PageLayout, TextRun
from extractors.models import Evidence
from extractors.patterns import Patterns

_PATIENT_LABEL = re.compile(
    r"^\s*(?:patient(?:'s)?(?:\s+full)?(?:\s+name)?(?:\s*\((?:last|first)[^)]*\))?|"
    r"pt\.?(?:\s+name)?|beneficiary(?:\s+name)?|member(?:\s+name)?|client(?:\s+name)?|"
    r"(?:infant|child|baby|resident)(?:'s)?(?:\s+name)?|patient\s+(?:information|demographics)|"
    r"name(?:\s*\((?:last|first)[^)]*\))?|re|regarding|subject|patient name\s*[,.].*)"
    r"\s*[:;#]?\s*$", re.IGNORECASE)
_COVER_SUBJECT = re.compile(r"^\s*(?:re|regarding|subject)\s*[:;#]?\s*$", re.IGNORECASE)
"""On a fax cover only the subject line names the patient (never To, From or a bare Name)."""
_GENERIC = re.compile(r"^\s*(?:name(?:\s*\(.*\))?|re)\s*[:;#]?\s*$", re.IGNORECASE)
_BEFORE_DOB = re.compile(r"(?:^|[-–|:]\s+|\s{2,})(?P<name>[A-Z][a-z'\-]+(?:\s+[A-Z]\.?)?(?:\s+[A-Z]"
                         r"[a-z'\-]+){1,2}|[A-Z'\-]{2,},\s*[A-Z'\-]{2,}(?:\s+[A-Z])?|"
                         r"[A-Z][a-z'\-]+(?:[\s-][A-Z][a-z'\-]+)?,\s*[A-Z][a-z'\-]+(?:\s+[A-Z]\.?)?)"
                         r"\s*[|(,;]?\s*(?:DOB|D\.O\.B\.?|Date of birth|MRN|MR#|Acct|Account|ID)\b")
"""A name printed right before its date of birth or record number, as EHR page headers do
("… Desmond Baptiste DOB 20-Jun-1956", "DOE, JANE M | MRN 123", "Doe, Jane M. (MRN 123)")."""
_BARE_NAME = re.compile(r"^\s*(?:patient(?:'s)?(?:\s+name)?|pt\.?\s+name|name|infant|child|"
                        r"resident)\s+(?P<name>(?-i:[A-Z])[A-Za-z'\-]*\.?(?:,?\s+[A-Za-z][A-Za-z'\-]*\.?){1,3})"
                        r"\s*$", re.IGNORECASE)
"""A patient label without a colon in the same cell as the name ("Name Gordon Oyelaran")."""
_LAST_NAME = re.compile(r"^\s*(?:patient\s+)?(?:last|family|sur)\s*name\s*[:;]?\s*$", re.IGNORECASE)
_FIRST_NAME = re.compile(r"^\s*(?:patient\s+)?(?:first|fir[a-z]t|given)\s*(?:name|n[a-z]{1,3})"
                         r"\s*[:;]?\s*$", re.IGNORECASE)
"""First name, as printed and as OCR reads it ("Firat nA")."""
_BANNER = re.compile(r"^\s*[A-Z][A-Za-z'\-]+(?:\s[A-Z][A-Za-z'\-]+)?,\s*[A-Z][A-Za-z'\-]+"
                     r"(?:\s+[A-Z]\.?)?\s*$")
_ID_LINE = re.compile(r"^\s*(?:DOB|D\.O\.B\.?|Date of birth|MRN|MR#|Born)\b", re.IGNORECASE)
_INTRODUCED = re.compile(r"\b(?:Mr|Mrs|Ms|Miss)\.?\s+(?P<name>[A-Z][a-z'\-]+(?:\s+[A-Z]\.?)?\s+"
                         r"[A-Z][a-z'\-]+)\s+is\s+an?\s+\d{1,3}[- ](?:year|yr|month)[- ]old")
"""A patient introduced in the opening sentence: "Mr. Frank Delgado is a 71-year-old…"."""
_NOT_PATIENT = re.compile(r"\b(?:answering|physician|doctor|provider|supplier|signature|signed|"
                          r"contact|emergency|parent|guardian|mother|father|caregiver|"
                          r"referring|ordering|attending|technician|nurse|employer|from|to|"
                          r"sender|recipient|accompanied)\b", re.IGNORECASE)
_PARTICLES = {"van", "von", "de", "da", "del", "della", "di", "du", "la", "le", "st", "bin",
              "ibn", "al", "der", "den", "ter", "dos", "das"}
"""Lower-case name particles ("Ludwig van Beethoven")."""
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'\-]*\.?")
_CREDENTIALS = re.compile(r"^(?:md|do|np|pa|pa-c|rn|lpn|rrt|crt|cma|ma|dnp|aprn|facp|fccp|"
                          r"phd|mls)$", re.IGNORECASE)


def clean_name(p: Patterns, raw: str) -> str | None:
    """A person's name from a field value, normalised; None when it is not a name. A value
    in parts ("Referral - Robert T. Fairbanks") gives the first part that is a name."""
    raw = re.sub(r"\.{2,}", ". ", raw)  # OCR: "Patricia R..Thibodeaux"
    raw = re.sub(r"[\"“”]", "", raw)  # OCR specks read as quotes: 'OYELARAN," SAMUEL J'
    parts = re.split(r"\s{3,}|\s[-–]\s|\(|\||;", raw)
    for part in parts[:3]:
        name = _clean_part(p, part)
        if name is not None:
            return name
    return None


def _clean_part(p: Patterns, raw: str) -> str | None:
    m = re.search(r"\b(?:for|of|re:?)\s+(?=[A-Z])", raw)
    if m and raw[:m.start()].strip() and raw[:1].isupper() and " " in raw[:m.start()].strip():
        raw = raw[m.end():]  # "Ambulatory oximetry for Gloria Mendes"
    raw = re.sub(r"^\s*(?:patient|pt\.?|name|re)\s*:?\s+", "", raw, flags=re.IGNORECASE)
    raw = re.sub(r"^\s*(?:mr|mrs|ms|miss|dr)\.?\s+", "", raw, flags=re.IGNORECASE)
    tokens: list[str] = []
    for part in re.split(r"(\s*,\s*|\s+)", raw.strip()):
        token = part.strip()
        if not token or token == ",":
            if token == "," and tokens:
                tokens.append(",")
            continue
        if token.lower().rstrip(".:") in p.name_stop_words or any(ch.isdigit() for ch in token):
            break
        # OCR glues the next label on: "GallagherDOB" = "Gallagher" + "DOB"
        glued = re.fullmatch(r"([A-Za-z'\-]*?[a-z]|[A-Z])([A-Z][a-z]+|[A-Z]{2,4}):?\.?", token)
        if glued and glued.group(2).lower() in p.name_stop_words:
            tokens.append(glued.group(1))
            break
        if not _TOKEN.fullmatch(token):
            break
        if _CREDENTIALS.match(token.rstrip(".,")):
            return None
        if len(token) > 2 and token.endswith(".") and token[:-1].isalpha() and tokens:
            token = token[:-1]  # OCR: "BLACKWOOD, CARMEN. R"
        if re.fullmatch(r"[A-Z]I[a-z]{2,}", token):
            token = token[0] + "l" + token[2:]  # OCR reads a small l as a capital I: "AIvin"
        tokens.append(token)
    while tokens and tokens[-1] == ",":
        tokens.pop()
    words = [t for t in tokens if t != ","]
    if len(words) < 2 or len(words) > 5:
        return None
    if any(w.lower().rstrip(".") in p.not_name_words for w in words):
        return None
    if len(tokens) > 2 and tokens[1] == "," and tokens[0][:1].islower() and \
            all(w[:1].isupper() for w in words[1:]):
        tokens[0] = tokens[0].capitalize()  # OCR lost the capital of "Last, First"
        words = [t for t in tokens if t != ","]
    if not all(w.islower() for w in words) and any(
            w[:1].islower() and w.lower() not in _PARTICLES for w in words):
        return None  # "Oxygen paperwork": a phrase, not a name
    text = " ".join(tokens).replace(" ,", ",")
    if "," not in text and len(words[0]) > 2 and words[0].endswith("."):
        text = text.replace(".", ",", 1)  # OCR read "Last, First" as "Last. First"
    name = HumanName(text)
    if name.first and name.last and (text.isupper() or text.islower() or "," in text):
        name.capitalize(force=text.isupper() or text.islower())
    parts = [name.first, name.middle, name.last]
    out = " ".join(x for x in parts if x).replace(".", "")
    return out or None


def _candidates(ctx: SegmentContext) -> list[tuple[int, Field]]:
    """Patient fields by preference (0 = labelled "Patient…", 1 = a bare "Name"/"RE")."""
    out: list[tuple[int, Field]] = []
    for layout in ctx.segment.layouts:
        for f in layout.fields:
            if f.value is None:
                continue
            if not _PATIENT_LABEL.match(f.label.text):
                # a form's box label over the name, as OCR read it ("PATENT NAME (LAST, …)")
                if f.value_line is not None and _LABEL_OVER_NAME.match(f.label.text):
                    out.append((0, f))
                continue
            rank = 1 if _GENERIC.match(f.label.text) else 0
            if rank == 1:
                above = [ln.text for ln in layout.lines[max(0, f.line - 2):f.line]]
                if any(_NOT_PATIENT.search(t) for t in above):
                    continue
                if ctx.doc_type is not None and ctx.doc_type.name == "fax_cover" and \
                        not _COVER_SUBJECT.match(f.label.text):
                    continue
            out.append((rank, f))
    out.sort(key=lambda rf: rf[0])
    return out


def name_places(p: Patterns, ctx: SegmentContext) -> Iterator[tuple[str, Evidence]]:
    """Every place the segment names its patient, most trusted first: patient fields, a name
    split in two fields, the name under a patient box's label, a bare label beside the name,
    then per page an opening sentence introducing the patient, an EHR banner, and a name
    before its DOB or record number."""
    for _rank, f in _candidates(ctx):
        assert f.value is not None
        text = f.value.text
        if f.value_line is not None:
            # under a box's label only its first cell is the name; the next is another box
            text = re.split(r"\s{3,}", text.strip())[0]
        name = clean_name(p, text)
        if name is not None:
            yield name, f.value.evidence()
    split = _split_name(p, ctx)
    if split is not None:
        yield split
    under = _name_under_label(p, ctx)
    if under is not None:
        yield under
    for layout in ctx.segment.layouts:
        for line in layout.lines[:15]:
            above = " ".join(ln.text for ln in layout.lines[max(0, line.index - 1):line.index])
            for seg in line.segments:
                m = _BARE_NAME.match(seg.text)
                if m and not _NOT_PATIENT.search(above):
                    name = clean_name(p, m.group("name"))
                    if name is not None:
                        yield name, seg.run.evidence(m.start("name"), m.end("name"))
    for layout in ctx.segment.layouts:
        for para in layout.paragraphs[:4]:
            m = _INTRODUCED.search(para.run.text)
            if m:
                name = clean_name(p, m.group("name"))
                if name is not None:
                    yield name, para.run.evidence(m.start("name"), m.end("name"))
        for k, line in enumerate(layout.lines[:4]):
            # an EHR banner: "CALLOWAY, VERA" with the DOB / MRN line right under it
            nxt = layout.lines[k + 1] if k + 1 < len(layout.lines) else None
            if nxt is not None and _BANNER.match(line.text) and _ID_LINE.match(nxt.text):
                name = clean_name(p, line.text)
                if name is not None:
                    yield name, line.run.evidence()
        for line in layout.lines[:6]:
            m = _BEFORE_DOB.search(line.text)
            if m and not _NOT_PATIENT.search(line.text[:m.start("name")]):
                name = clean_name(p, m.group("name"))
                if name is not None:
                    yield name, line.run.evidence(m.start("name"), m.end("name"))


_SAME_PERSON = 85.0
"""Similarity (0–100) of two spellings, spaces or word order aside, above which they are one
name as OCR read it in two places ("Jaines M Fairhanks", "James M Fairbanks")."""


def choose_name(places: list[tuple[str, Evidence]]) -> tuple[str, Evidence] | None:
    """The patient's name from every place a file names them (the most trusted first).

    A packet repeats the name on its pages and papers, and OCR garbles it in some of them:
    of the spellings of the first name found, the one written in most places wins; on a tie,
    the one in more words (OCR drops a space far more often than it adds one: "Irenem" for
    "Irene M"), then the first. A different name is never chosen over the first. An OCR'd
    name's words that OCR misread by a letter are mended (`name_lexicon`)."""
    if not places:
        return None
    first = places[0][0].lower().replace(".", "")

    def same(name: str) -> bool:
        a = name.lower().replace(".", "")
        # spaces aside ("Irenem"), or in another order ("Van Allien Carmen T": a comma
        # OCR read into the name made its first names the last)
        return max(fuzz.ratio(a.replace(" ", ""), first.replace(" ", "")),
                   fuzz.token_sort_ratio(a, first)) >= _SAME_PERSON

    votes: dict[str, list[Evidence]] = {}
    counted: set[tuple[int, tuple[int, ...]]] = set()
    for name, evidence in places:
        place = (evidence.page, tuple(round(x) for x in evidence.bbox))
        if place in counted:
            continue  # one place found by two rules (a field, and a name before its DOB)
        counted.add(place)
        if same(name):
            votes.setdefault(name, []).append(evidence)
    order = list(votes)
    name = max(order, key=lambda n: (len(votes[n]), len(n.split()), -order.index(n)))
    evidence = votes[name][0]
    if evidence.source == "ocr":
        name = mend_ocr_name(name)  # "Syivia" → "Sylvia"
    return name, evidence


def _label_values(layout: PageLayout) -> list[tuple[str, TextRun]]:
    """Labels with their values: the page's fields, and the rows of two cells of its tables
    (an analyser slip's "Last name | MABRY")."""
    out = [(f.label.text, f.value) for f in layout.fields if f.value is not None]
    for table in layout.tables:
        for row in table.rows:
            label, value = row.cell(0), row.cell(1)
            if len(row.cells) == 2 and label is not None and value is not None:
                out.append((label.run.text, value.run))
    return out


def _split_name(p: Patterns, ctx: SegmentContext) -> tuple[str, Evidence] | None:
    """A name given in two fields, "Last name  DOE" and "First name  JANE" (a field, a row of
    two cells, or a line where OCR closed the gap: "First name JANE")."""
    for layout in ctx.segment.layouts:
        pairs = _label_values(layout)
        last = next((run for label, run in pairs if _LAST_NAME.match(label)), None)
        first = next((run.text for label, run in pairs if _FIRST_NAME.match(label)), None)
        if first is None:
            first = next((m.group(1) for ln in layout.lines
                          if (m := _FIRST_NAME_LINE.match(ln.text))), None)
        if last is None or first is None:
            continue
        name = clean_name(p, f"{last.text}, {first}")
        if name is not None:
            return name, last.evidence()
    return None


_FIRST_NAME_LINE = re.compile(
    r"^\s*(?:patient\s+)?(?:first|given)\s*name\s*:?\s+([A-Za-z'\-]+)\s*$", re.IGNORECASE)
_LABEL_OVER_NAME = re.compile(r"^\W*(?:pa\w{2,6}\s*[,.]?\s*(?:nam\w*|information|info)\b|"
                              r"patient)(?:\s*[,.(:;].*)?\s*$", re.IGNORECASE)
"""A box's label over the name ("PATIENT NAME, ADDRESS, TELEPHONE …", "PATIENT
INFORMATION"), as OCR reads it too ("PATIENT NAMF.")."""


def _name_under_label(p: Patterns, ctx: SegmentContext) -> tuple[str, Evidence] | None:
    """The name printed first under a patient box's label (a CMN's Section A, a lab's
    PATIENT INFORMATION block)."""
    for layout in ctx.segment.layouts:
        for line in layout.lines[:20]:
            below = layout.lines[line.index + 1] if line.index + 1 < len(layout.lines) else None
            if below is None or not line.segments or not below.segments or \
                    not _LABEL_OVER_NAME.match(line.segments[0].text):
                continue
            seg = below.segments[0]
            if abs(seg.x0 - line.segments[0].x0) > 30:
                continue
            name = clean_name(p, seg.text)
            if name is not None:
                return name, seg.run.evidence()
    return None


_WITH_YEAR = re.compile(r"\d{4}|\d[/.-]\s?\d{1,2}\s?[/.-]\s?\d{2}\b|[A-Za-z]{3}")


def birth_date(ctx: SegmentContext) -> tuple[str, Evidence] | None:
    """The patient's date of birth: the first birth date not on a line about someone else."""
    for d in ctx.dates:
        if d.role != "date_of_birth" or not d.date.iso or not _WITH_YEAR.search(d.date.text):
            continue  # (a birth date OCR left without its year is no date read from the visit)
        before = d.run.text[max(0, d.date.start - 60):d.date.start]
        if re.search(r"\b(?:mother|father|parent|guardian|spouse|wife|husband|caregiver|"
                     r"accompanied)\b", before, re.IGNORECASE):
            continue
        return d.date.iso, d.run.evidence(d.date.start, d.date.end)
    return _birth_box(ctx)


_AGE_GAP_YEARS = 10


def _birth_box(ctx: SegmentContext) -> tuple[str, Evidence] | None:
    """A date in the box beside the patient's name whose label OCR lost ("()" over
    "12/23/1939"), when it lies years before every other date of the paper: the birth date."""
    for layout in ctx.segment.layouts:
        named = {f.line for f in layout.fields if f.value_line is not None and (
            _PATIENT_LABEL.match(f.label.text) or _LABEL_OVER_NAME.match(f.label.text))}
        for f in layout.fields:
            if f.value is None or f.line not in named or f.value_line is None or \
                    re.search(r"[A-Za-z]{3}", f.label.text):
                continue
            boxed = [d for d in ctx.dates if d.date.iso and d.page == layout.page.number and
                     d.line == f.value_line and
                     set(d.run.span_words(d.date.start, d.date.end)) <= set(f.value.words)]
            if len(boxed) != 1:
                continue
            d = boxed[0]
            assert d.date.iso is not None
            others = [o.date.iso[:4] for o in ctx.dates if o.date.iso and o is not d]
            if others and all(int(y) - int(d.date.iso[:4]) >= _AGE_GAP_YEARS for y in others):
                return d.date.iso, d.run.evidence(d.date.start, d.date.end)
    return None


def name_of(run: TextRun) -> str:
    return " ".join(run.text.split())
