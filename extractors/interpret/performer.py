"""Who performed the qualifying test: the treating physician's office, a hospital (lab, PFT
lab, inpatient), an independent laboratory, an IDTF or the equipment supplier.

An explicit statement wins ("Performed by …", "reported by … an IDTF", "Drawn in our office
lab"); then the letterhead of the document holding the test; then its type (a discharge
summary or an inpatient note is the hospital's, an office note the physician's). A CMN does
not say. On a sleep study or overnight oximetry, a testing company ("… Diagnostics") or sleep
facility is an IDTF.
"""

from __future__ import annotations

import re

from extractors.interpret.context import SegmentContext
from extractors.layout import FAX_HEADER
from extractors.models import Evidence

_STATEMENT = re.compile(
    r"\b(?:performed|tested|conducted|scored|reported|interpreted|downloaded|done|obtained|"
    r"drawn|administered)\s*(?:\w+\s+){0,2}?(?:by|at|in)\b|\brecorded\b[^.;]{0,40}?\bby\b|"
    r"\bperforming (?:facility|site|lab\w*)"
    r"|\btesting (?:facility|site|lab\w*)\b|\bperformed at\s*:", re.IGNORECASE)
ORDER: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("idtf", re.compile(r"\bidtf\b|\bindependent diagnostic testing facilit", re.IGNORECASE)),
    ("dme_supplier", re.compile(r"\bdme\b|\bdurable medical equipment\b|\bhome medical "
                                r"equipment\b|\bequipment supplier\b|\b(?:oxygen|medical|"
                                r"respiratory) suppl(?:y|ier)\b|\bhome (?:oxygen|respiratory) "
                                r"(?:company|supplier|provider)\b|\bsupplier\b", re.IGNORECASE)),
    ("independent_lab", re.compile(r"\breference lab\w*|\bindependent (?:clinical )?lab\w*|"
                                   r"\b(?:quest|labcorp)\b", re.IGNORECASE)),
    ("hospital_lab", re.compile(r"\bhospital\b|\bmedical center\b|\binfirmary\b|\bnhs\b|"
                                r"\binpatient\b|\bpulmonary function lab\w*|\bpft lab\w*|"
                                r"\brespiratory therapy\b|\bhealth system\b|\buniversity "
                                r"hospital\b|\bemergency department\b|\bicu\b", re.IGNORECASE)),
    ("physician", re.compile(r"\b(?:treating|attending|our|my) (?:physician|practitioner|"
                             r"provider|office)\b|\bin (?:the )?(?:clinic|office)\b|"
                             r"\bclinic\b|\bpractice\b|\bprimary care\b|\bassociates\b|"
                             r"\boffice lab\w*\b|\bphysician'?s office\b|\bfamily medicine\b|"
                             r"\binternal medicine\b|\bpediatric\w*\b", re.IGNORECASE)),
)
_CLINICAL_LAB = re.compile(r"\b(?:laboratory|lab)\b", re.IGNORECASE)
_CENTER = re.compile(r"\bcent(?:er|re)\b", re.IGNORECASE)
"""A "… Center" names a clinic or a hospital alike: the weakest cue, taken only when nothing
more telling is printed (its "Clinical Laboratory" is the hospital's lab)."""
_BY_DOC_TYPE = {"discharge_summary": "hospital_lab", "progress_note": "physician",
                "exercise_oximetry": "physician", "nursing_visit_note": None}


_SLEEP_TESTER = re.compile(r"\bdiagnostics\b|\bsleep (?:institute|testing|diagnostics|"
                           r"lab(?:oratory)?|facility|services)\b", re.IGNORECASE)
"""On a sleep study or overnight oximetry: a testing company or sleep facility, the kind of
independent testing facility that performs them."""


def _classify(text: str, sleep: bool) -> tuple[str, str] | None:
    """The kind of organisation ``text`` names, and what said it: ``named`` (a telling
    word), ``center`` (only "… Center") or ``lab`` (only "Laboratory")."""
    for name, rx in ORDER:
        if name == "dme_supplier" and sleep and _SLEEP_TESTER.search(text):
            return "idtf", "named"
        if rx.search(text):
            return name, "named"
    if _CENTER.search(text):
        return ("hospital_lab" if _CLINICAL_LAB.search(text) else "physician"), "center"
    if _CLINICAL_LAB.search(text):
        return "independent_lab", "lab"
    return None


def classify_org(text: str, sleep: bool = False) -> str | None:
    found = _classify(text, sleep)
    return found[0] if found is not None else None


def _sleep(ctx: SegmentContext) -> bool:
    return ctx.doc_type is not None and ctx.doc_type.name == "overnight_oximetry"


def _statement(ctx: SegmentContext) -> tuple[str, Evidence] | None:
    for layout in ctx.segment.layouts:
        runs = [para.run for para in layout.paragraphs] + \
            [ln.run for ln, role in zip(layout.lines, layout.roles, strict=True)
             if role != "prose"]
        for run in runs:
            text = run.text
            for m in _STATEMENT.finditer(text):
                sentence_end = re.search(r"(?<!\b[A-Z])(?<!\.)[.;](?:\s|$)", text[m.end():])
                tail = text[m.end():m.end() + (sentence_end.start() if sentence_end else 160)]
                # "delivered by the DME …; reported by the IDTF": the reporting one counts
                found = classify_org(tail, _sleep(ctx))
                if found is not None:
                    return found, run.evidence(m.start(), m.end() + len(tail))
    return None


def _letterhead(ctx: SegmentContext) -> tuple[str, Evidence, bool] | None:
    """Who the letterhead names, and whether only a "… Center" said it."""
    layout = ctx.segment.layouts[0]
    lines = [ln for ln in layout.lines if not FAX_HEADER.search(ln.text)]
    center: tuple[str, Evidence, bool] | None = None
    for line in lines[:8]:
        found = _classify(line.text, _sleep(ctx))
        if found is None:
            continue
        kind, said_by = found
        if said_by == "lab" and center is not None:
            return "hospital_lab", line.run.evidence(), False  # the Center's own laboratory
        if said_by != "center":
            return kind, line.run.evidence(), False
        # "Good Samaritan Health Center" over "Pulmonary Function Laboratory": the
        # department below says more
        center = center or (kind, line.run.evidence(), kind == "physician")
    return center


def performer(ctx: SegmentContext) -> tuple[str, Evidence] | None:
    name = ctx.doc_type.name if ctx.doc_type else "unknown"
    if name == "fax_cover":
        return None
    stated = _statement(ctx)
    if name in ("cmn_484", "written_order"):
        return stated  # a form or an order says who performed the test only in so many words
    if stated is not None or ctx.segment.continued:
        return stated  # (a later window of a long document: its letterhead came before)
    letterhead = _letterhead(ctx)
    default = _BY_DOC_TYPE.get(name)
    if letterhead is not None and letterhead[2] and default is not None:
        return default, letterhead[1]  # a "… Center": clinic or hospital, as the paper's type
    head = letterhead[:2] if letterhead is not None else None
    if head is not None and head[0] != "physician":
        return head
    inpatient = any(re.search(r"\binpatient\b|\bhospital (?:day|course)\b|\badmitted\b",
                              ln.text, re.IGNORECASE)
                    for lay in ctx.segment.layouts for ln in lay.lines[:15])
    if inpatient and head is not None:
        return "hospital_lab", head[1]
    if head is not None:
        return head
    if default is not None:
        first = ctx.segment.layouts[0].lines
        if first:
            return default, first[0].run.evidence()
    return None
