"""Stage 4, interpretation: document segments (pages with their layout and type) → the
measurements and facts, each with its evidence.

Per segment: the scopes (`context`), then the readers for its structure — tables, prose and
fields, or a CMN question by question — and the facts (patient, dates, performer, findings
with their assertion, equipment and codes). A fax cover yields no measurements.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractors.doctypes import DocSegment
from extractors.interpret.cmn import CmnAnswers, read_cmn
from extractors.interpret.context import Carried, SegmentContext, build_context, date_ref
from extractors.interpret.cues import find_cues
from extractors.interpret.date_roles import dates_in
from extractors.interpret.equipment import EquipmentFound, read_equipment
from extractors.interpret.findings import Mention, mentions
from extractors.interpret.measure import Found, to_measurement, without_repeats
from extractors.interpret.narrative import Unit, read_unit
from extractors.interpret.patient import birth_date, choose_name, name_places
from extractors.interpret.performer import performer
from extractors.interpret.tables import read_table
from extractors.interpret.titled_results import read_titled_results
from extractors.interpret.values import Candidate, find_values, value_ok
from extractors.layout import Line, PageLayout, TextRun
from extractors.models import (
    AmbiguousDate,
    DocumentFacts,
    Evidence,
    Measurement,
    UncertainFinding,
)
from extractors.patterns import Patterns, load_patterns
from extractors.read import Word

__all__ = ["Interpretation", "Interpreter", "interpret"]


@dataclass
class Interpretation:
    measurements: list[Measurement] = field(default_factory=list)
    facts: DocumentFacts = field(default_factory=DocumentFacts)
    warnings: list[str] = field(default_factory=list)


def _value_lines(p: Patterns, segment: DocSegment) -> set[tuple[int, int]]:
    out: set[tuple[int, int]] = set()
    for layout in segment.layouts:
        for line in layout.lines:
            if find_values(p, line.text, 0, len(line.text), [], line.run.source == "ocr"):
                out.add((layout.page.number, line.index))
    return out


def _read_values(p: Patterns, ctx: SegmentContext) -> list[Found]:
    found: list[Found] = []
    for layout in ctx.segment.layouts:
        page = layout.page.number
        in_table = {i for t in layout.tables for i in t.lines}
        in_para = {i for para in layout.paragraphs for i in para.lines}
        titled, covered = read_titled_results(p, ctx, layout)
        found += titled
        covered_words = {id(w) for i in covered for w in layout.lines[i].words}
        for table in layout.tables:
            found += [f for f in read_table(p, ctx, layout, table)
                      if not any(id(w) in covered_words for w in f.run.words)]
        for para in layout.paragraphs:
            if any(i in in_table for i in para.lines):
                continue
            found += _with_choices_below(p, ctx, layout, layout.lines[para.lines[-1]],
                                         read_unit(p, ctx, Unit(para.run, page, para.lines[0])))
        for line, role in zip(layout.lines, layout.roles, strict=True):
            if line.index in in_table or line.index in in_para:
                continue
            if role == "choice":
                run = _marked_only(layout, line)
                if run is not None:
                    values = read_unit(p, ctx, Unit(run, page, line.index, "form"))
                    found += values or _form_result(p, ctx, layout, line, run)
                continue
            values = read_unit(p, ctx, Unit(line.run, page, line.index,
                                            "field" if role == "field" else "narrative"))
            found += _with_choices_below(p, ctx, layout, line, values)
    return _with_shares(ctx, found)


def _with_shares(ctx: SegmentContext, found: list[Found]) -> list[Found]:
    """Times below a threshold given as a percentage of a time, in minutes of the time the
    report states; without it they are not readings."""
    timed = {f.cand.value for f in found if f.cand.threshold and f.cand.share is None}
    out: list[Found] = []
    for f in found:
        share = f.cand.share
        if share is not None and f.cand.minutes is None:
            base = ctx.time_base(share[1])
            if base is None or f.cand.value in timed:
                continue  # (the time itself is printed too: it is the reading)
            f.cand.minutes = round(share[0] * base / 100.0, 1)
        out.append(f)
    return out


_BOX_GLYPHS = re.compile(r"^(?:\[\s*[xX✓✔]?\s*\]|\(\s*[xX✓✔]?\s*\)|[☐□☒☑■▣✓✔])$")


def _marked_only_words(layout: PageLayout, line: Line) -> list[Word]:
    """The words of a check-box line without the options left unmarked."""
    unmarked = {id(w) for b in layout.checkboxes if b.line == line.index and not b.checked
                and b.label is not None for w in b.label.words}
    unmarked |= {id(o.run.words[0]) for c in layout.choices if c.line == line.index
                 for o in c.options if not o.marked and c.selected is not None and o.run.words}
    unmarked |= _unboxed_oxygen_options(layout, line)
    return [w for w in line.words if id(w) not in unmarked and not _BOX_GLYPHS.match(w.text)]


_OXYGEN_OPTION_WORD = re.compile(r"^(?:ra|r/a|room|air|on|o2|02|oxygen)[.,;]?$", re.IGNORECASE)
"""The words of a form's oxygen options ("☐ RA  ☒ on O2")."""


def _unboxed_oxygen_options(layout: PageLayout, line: Line) -> set[int]:
    """Oxygen options after the value whose box the fax lost, on a line where another oxygen
    option's box is found marked ("95 %  RA  ☒ on O2": the RA box vanished, empty): the
    marked option speaks, not the bare one."""
    marked = [w for b in layout.checkboxes if b.line == line.index and b.checked
              and b.label is not None for w in b.label.words]
    if not any(_OXYGEN_OPTION_WORD.match(w.text) for w in marked):
        return set()
    value = next((w for w in line.words if re.search(r"\d", w.text)), None)
    if value is None:
        return set()
    boxed = {id(w) for b in layout.checkboxes if b.line == line.index and b.label is not None
             for w in b.label.words}
    return {id(w) for w in line.words if w.x0 > value.x1 and id(w) not in boxed and
            _OXYGEN_OPTION_WORD.match(w.text)}


def _marked_only(layout: PageLayout, line: Line) -> TextRun | None:
    """A form line holding a value ("SpO2 at rest: 89 %  ☒ RA  ☐ on O2") as text without the
    options left unmarked, so that only the marked ones speak; None when it holds no value."""
    words = _marked_only_words(layout, line)
    if not words or not re.search(r"\d", " ".join(w.text for w in words)):
        return None
    return TextRun.of(line.page, words, line.run.source, line.run.to_page, gap_sep=1.0)


_RESULT = re.compile(r"\bresults?\s*[:=]?\s*(?P<value>\d{2,3}(?:\.\d)?)\b(?!\s*/\s*\d)",
                     re.IGNORECASE)
_GAS_TEST = re.compile(r"\b(?:abg|arterial|blood gas|pa?\s?[o0]2)\b", re.IGNORECASE)
_OXIMETRY_TEST = re.compile(r"\b(?:oximetry|sp\s?[o0]2|pulse ox\w*|o2 sat\w*|saturation)\b",
                            re.IGNORECASE)


def _marked_text(layout: PageLayout, line: Line) -> str:
    """A check-box line as text of its marked options only ("Sleep  Room air")."""
    run = _marked_only_words(layout, line)
    return " ".join(w.text for w in run)


def _form_result(p: Patterns, ctx: SegmentContext, layout: PageLayout, line: Line,
                 run: TextRun) -> list[Found]:
    """A form's qualifying test given by check boxes: "Test: [ ] ABG [x] Oximetry  Result: 86
    mm Hg / %  Date: 1/6/24" over "[ ] Rest [ ] Exercise [x] Sleep [x] Room air" — the
    marked test names the value's kind, the marked conditions on the line and the next one
    are its circumstances."""
    text = run.text
    m = _RESULT.search(text)
    if m is None:
        return []
    before = text[:m.start()]
    gas, oximetry = bool(_GAS_TEST.search(before)), bool(_OXIMETRY_TEST.search(before))
    if gas == oximetry:
        return []  # no marked test, or both: the form does not say which
    kind = "pao2" if gas else "spo2"
    raw = m.group("value")
    ok = value_ok(p, kind, raw, len(raw), raw)  # the printed unit is "mm Hg / %": either
    if ok is None:
        return []
    cues = find_cues(p, text, 0, len(text), m.start("value"))
    nxt = layout.lines[line.index + 1] if line.index + 1 < len(layout.lines) else None
    if nxt is not None and layout.roles[nxt.index] == "choice":
        marked = _marked_text(layout, nxt)
        cues = cues.merged_over(find_cues(p, marked, 0, len(marked), 0))
    dates = [d for d in dates_in(p, run, line.index, ctx.convention,
                                 ctx.visit.iso if ctx.visit else None) if d.date.iso]
    date = date_ref(dates[0]) if dates else ctx.visit
    cand = Candidate(kind, ok[0], m.start("value"), m.end("value"), None,
                     converted_from=ok[1])
    return [Found(cand, run, cues, date, "form", (0, len(text)), "", gas)]


def _with_choices_below(p: Patterns, ctx: SegmentContext, layout: PageLayout, line: Line,
                        values: list[Found]) -> list[Found]:
    """Values on a line followed by a line of marked conditions ("Qualifying test: SpO2 83 %
    on room air" over "[ ] At rest [ ] During exertion [x] During sleep  Test date: 1/19/24"):
    the marked options and the test date there complete them."""
    k = line.index + 1
    if not values or k >= len(layout.lines) or layout.roles[k] != "choice":
        return values
    below = layout.lines[k]
    marked = _marked_text(layout, below)
    if re.search(r"\d", re.sub(_DATE_LIKE, "", marked)):
        return values  # a line of values of its own
    cues = find_cues(p, marked, 0, len(marked), 0)
    dates = [d for d in dates_in(p, below.run, k, ctx.convention,
                                 ctx.visit.iso if ctx.visit else None)
             if d.date.iso and d.role == "test_date"]
    on_line = {id(w) for w in line.words}
    for f in values:
        words = f.run.span_words(f.cand.start, f.cand.end)
        if not words or id(words[0]) not in on_line:
            continue
        f.cues = f.cues.merged_over(cues)
        if dates and (f.date is None or f.date is ctx.visit):
            f.date = date_ref(dates[0])
    return values


_DATE_LIKE = re.compile(r"\d{1,4}[/.-]\d{1,2}(?:[/.-]\d{2,4})?")


def _ambiguous(ctx: SegmentContext) -> list[AmbiguousDate]:
    return [AmbiguousDate(label=d.role, text=d.date.text,
                          evidence=d.run.evidence(d.date.start, d.date.end))
            for d in ctx.dates if d.date.ambiguous and d.role in (
                "date_of_birth", "admission_date", "discharge_date", "test_date")]


_TEST_REPORTS = ("abg_lab_report", "overnight_oximetry", "exercise_oximetry")


class Interpreter:
    """Measurements and facts of a whole file, taking its segments one at a time (a segment's
    pages can be let go once it is taken): `add` each, then `finish`."""

    def __init__(self) -> None:
        self.p = load_patterns()
        self.result = Interpretation()
        self._index = 0
        self._mentions: dict[str, dict[str, Mention]] = {
            "present": {}, "negated": {}, "uncertain": {}}
        """The first mention of each finding per status (the one shown as evidence)."""
        self._equipment = EquipmentFound()
        self._portable_answer: str | None = None
        self._no_portable_pages: set[int] = set()
        """Pages of a CMN answering D to "mobile within the home": it orders no portable
        system."""
        self._performed: tuple[str, Evidence] | None = None
        self._performed_by_report = False
        self._covers: list[SegmentContext] = []
        self._names: list[tuple[str, Evidence]] = []
        """Every place the papers name the patient, in order (`choose_name` votes)."""
        self._carried: Carried | None = None
        self._implied: set[int] = set()
        """Readings (ids) dated only by their heading or the visit, none of their own."""

    def _mention(self, m: Mention) -> None:
        status = m.status if m.status in ("present", "negated") else "uncertain"
        self._mentions[status].setdefault(m.finding, m)

    def add(self, segment: DocSegment) -> None:
        p, facts = self.p, self.result.facts
        ctx = build_context(p, segment, _value_lines(p, segment),
                            self._carried if segment.continued else None)
        self._carried = Carried.of(ctx)
        name = ctx.doc_type.name if ctx.doc_type else "unknown"
        cmn: CmnAnswers | None = None
        found: list[Found] = []
        if name == "cmn_484":
            found, cmn = read_cmn(p, ctx)
            if not cmn.questions:
                found = _read_values(p, ctx)  # a CMN-like page without the form's questions
        elif ctx.doc_type is None or ctx.doc_type.measurements:
            found = _read_values(p, ctx)
        measurements = [to_measurement(ctx, f, self._index) for f in found]
        self._implied |= {id(m) for f, m in zip(found, measurements, strict=True)
                          if f.date is not None and f.date_implied}
        self._index += 1
        self.result.measurements += measurements
        if name == "fax_cover":
            self._covers.append(ctx)
        else:
            _segment_facts(p, ctx, facts)
            self._names += name_places(p, ctx)
            if name != "cmn_484":
                for m in mentions(p, ctx):
                    self._mention(m)
            if measurements and (self._performed is None or (
                    name in _TEST_REPORTS and not self._performed_by_report)):
                # the test report's own word beats a letter or note relaying its result
                found_by = performer(ctx)
                if found_by is not None and name in _TEST_REPORTS:
                    self._performed, self._performed_by_report = found_by, True
                elif self._performed is None:
                    self._performed = found_by
        if cmn is not None:
            for finding, run in cmn.findings.items():
                self._mention(Mention(finding, "present", run, 0, len(run.text)))
            for finding, run in cmn.negated.items():
                self._mention(Mention(finding, "negated", run, 0, len(run.text)))
            self._portable_answer = self._portable_answer or cmn.portable
            if cmn.portable == "D":
                self._no_portable_pages.update(segment.pages)
            if self._performed is None and cmn.performer is not None and measurements:
                self._performed = cmn.performer
        read_equipment(p, ctx, self._equipment, checklist_form=any(
            lay.checkboxes for lay in segment.layouts))
        facts.ambiguous_dates += _ambiguous(ctx)

    def finish(self) -> Interpretation:
        result, facts = self.result, self.result.facts
        ev = facts.fact_evidence
        for ctx in self._covers:
            # a cover's "Re:" names the patient when the documents themselves do not
            _segment_facts(self.p, ctx, facts)
            self._names += name_places(self.p, ctx)
        named = choose_name(self._names)
        if named is not None:
            facts.patient_name, ev["patient_name"] = named
        result.measurements = without_repeats(result.measurements, self._implied)
        if self._performed is not None:
            facts.performed_by = self._performed[0]  # type: ignore[assignment]
            ev["performed_by"] = self._performed[1]
        _findings(facts, self._mentions)
        equipment = self._equipment
        facts.hcpcs = sorted(equipment.hcpcs)
        for code, evidence in equipment.hcpcs.items():
            ev[f"hcpcs:{code}"] = evidence
        requested = dict(equipment.requested)
        if self._portable_answer == "D" and ("portable" not in requested or
                                             requested["portable"].page
                                             in self._no_portable_pages):
            # another paper of the packet may still order one (a note's plan, an order)
            requested.pop("portable", None)
        facts.requested_equipment = [e for e in ("stationary", "portable")
                                     if e in requested]
        for kind, evidence in requested.items():
            ev[f"equipment:{kind}"] = evidence
        if any(m.date_ambiguous for m in result.measurements) or facts.ambiguous_dates:
            result.warnings.append("some dates are ambiguous (day/month order); check them")
        return result


def interpret(segments: list[DocSegment]) -> Interpretation:
    """Measurements and facts of a whole file, segment by segment."""
    reader = Interpreter()
    for segment in segments:
        reader.add(segment)
    return reader.finish()


def _segment_facts(p: Patterns, ctx: SegmentContext, facts: DocumentFacts) -> None:
    ev = facts.fact_evidence
    if facts.date_of_birth is None:
        born = birth_date(ctx)
        if born is not None:
            facts.date_of_birth, ev["date_of_birth"] = born
    for label, ref in (("admission_date", ctx.admission), ("discharge_date", ctx.discharge)):
        if getattr(facts, label) is None and ref is not None and ref.iso and not ref.ambiguous:
            setattr(facts, label, ref.iso)
            if ref.evidence is not None:
                ev[label] = ref.evidence


def _findings(facts: DocumentFacts, first: dict[str, dict[str, Mention]]) -> None:
    present, negated, uncertain = first["present"], first["negated"], first["uncertain"]
    order = ["dependent_edema", "congestive_heart_failure", "pulmonary_hypertension",
             "cor_pulmonale", "p_pulmonale", "erythrocythemia", "cluster_headache"]
    facts.findings = [f for f in order if f in present]  # type: ignore[misc]
    for f, m in present.items():
        facts.fact_evidence[f"finding:{f}"] = m.run.evidence(m.start, m.end)
    facts.negated_findings = [f for f in order  # type: ignore[misc]
                              if f in negated and f not in present]
    for f in facts.negated_findings:
        m = negated[f]
        facts.fact_evidence[f"negated:{f}"] = m.run.evidence(m.start, m.end)
    facts.uncertain_findings = [
        UncertainFinding(finding=f, status=m.status,
                         evidence=m.run.evidence(m.start, m.end))
        for f, m in uncertain.items() if f not in present and f not in negated]
