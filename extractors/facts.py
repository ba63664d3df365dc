"""Document-level facts: patient name, birth/admission/discharge dates, who performed the
test, clinical findings (negation-aware), requested equipment and HCPCS codes."""

from __future__ import annotations

import re

from extractors.labeled_dates import LabeledDate
from extractors.layout import Line
from extractors.models import AmbiguousDate, DocumentFacts, Evidence
from extractors.negation import is_negated
from extractors.patterns import Patterns

_NAME_TOKEN = re.compile(r"[A-Za-z][A-Za-z'\-]*\.?")


def _clean_name(raw: str, p: Patterns) -> str | None:
    tokens: list[str] = []
    comma = "," in raw
    for part in re.split(r"(\s*,\s*|\s+)", raw):
        if not part.strip() or part.strip() == ",":
            continue
        if part.lower().rstrip(".:") in p.name_stop_words:
            break
        # OCR glues the next label on: "LDate" = "L" + "Date", "NotrealDOB" = "Notreal" + "DOB"
        glued = re.fullmatch(r"([A-Za-z'\-]*?[a-z]|[A-Z])([A-Z][a-z]+|[A-Z]{2,4})\.?", part)
        if glued and glued.group(2).lower() in p.name_stop_words:
            tokens.append(glued.group(1))
            break
        tokens.append(part)
    if not comma and tokens and len(tokens[0]) > 2 and tokens[0].endswith("."):
        comma = True  # OCR read "Last, First" as "Last. First"
        tokens[0] = tokens[0][:-1]
    if len(tokens) < 2:
        return None
    if comma:
        last, rest = tokens[0], tokens[1:]
        tokens = [*rest, last]
    words = [t.capitalize() if t.isupper() and len(t) > 2 else t for t in tokens]
    name = " ".join(w.rstrip(",") for w in words)
    if name.isdigit():
        return None
    return name


def find_patient_name(p: Patterns, lines: list[Line]) -> tuple[str, Evidence] | None:
    for line in lines:
        for rx in p.patient_name_patterns:
            for m in rx.finditer(line.text):
                raw = m.group("name")
                raw = re.split(r"\s{3,}", raw)[0]
                name = _clean_name(raw, p)
                if name is not None:
                    a = m.start("name")
                    return name, line.evidence(a, a + len(raw))
    return None


def _dates_of(label: str, dates: list[LabeledDate]) -> list[LabeledDate]:
    return [d for d in dates if d.label == label]


def _performer(p: Patterns, lines: list[Line]) -> tuple[str, Evidence] | None:
    def search(text: str) -> str | None:
        for name, rxs in p.performed_by_cues.items():
            if any(rx.search(text) for rx in rxs):
                return name
        return None

    for line in lines:
        m = p.performed_by_labeled.search(line.text)
        if m:
            found = search(line.text[m.end():])
            if found:
                return found, line.evidence()
    first_page = [ln for ln in lines if ln.page == lines[0].page][:8] if lines else []
    for scope in (first_page, lines):
        for name, rxs in p.performed_by_cues.items():
            for line in scope:
                for rx in rxs:
                    m = rx.search(line.text)
                    if m and not is_negated(p, line.text, m.start(), m.end()):
                        return name, line.evidence(m.start(), m.end())
    return None


def _term_hits(p: Patterns, groups: dict[str, list[re.Pattern[str]]], lines: list[Line]
               ) -> tuple[dict[str, Evidence], set[str]]:
    """Affirmed terms (first evidence each) and names seen only negated."""
    affirmed: dict[str, Evidence] = {}
    negated: set[str] = set()
    for line in lines:
        text = line.text
        spans: list[tuple[int, int, str]] = []
        for name, rxs in groups.items():
            for rx in rxs:
                spans += [(m.start(), m.end(), name) for m in rx.finditer(text)]
        spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
        kept: list[tuple[int, int, str]] = []
        for s in spans:
            if any(k[0] <= s[0] < k[1] or s[0] <= k[0] < s[1] for k in kept):
                continue
            kept.append(s)
        for a, b, name in kept:
            if is_negated(p, text, a, b):
                negated.add(name)
            elif name not in affirmed:
                affirmed[name] = line.evidence(a, b)
    return affirmed, negated - set(affirmed)


def extract_facts(p: Patterns, lines: list[Line], dates: list[LabeledDate]) -> DocumentFacts:
    facts = DocumentFacts()
    ev = facts.fact_evidence
    found = find_patient_name(p, lines)
    if found:
        facts.patient_name, ev["patient_name"] = found
    for label in ("date_of_birth", "admission_date", "discharge_date"):
        for d in _dates_of(label, dates):
            line = lines[d.line_index]
            evidence = line.evidence(d.date.start, d.date.end)
            if d.date.ambiguous:
                facts.ambiguous_dates.append(AmbiguousDate(label=label, text=d.date.text,
                                                           evidence=evidence))
                continue
            if d.date.iso and getattr(facts, label) is None:
                setattr(facts, label, d.date.iso)
                ev[label] = evidence
    performer = _performer(p, lines)
    if performer:
        facts.performed_by = performer[0]  # type: ignore[assignment]
        ev["performed_by"] = performer[1]
    findings, negated = _term_hits(p, p.findings, lines)
    facts.findings = [f for f in p.findings if f in findings]  # type: ignore[misc]
    facts.negated_findings = sorted(negated)  # type: ignore[arg-type]
    for name, evidence in findings.items():
        ev[f"finding:{name}"] = evidence
    codes: dict[str, Evidence] = {}
    for line in lines:
        for m in p.hcpcs_pattern.finditer(line.text.upper()):
            code = m.group(0)
            if line.source == "ocr" and code not in p.hcpcs_equipment and \
                    "E" + code[1:] in p.hcpcs_equipment and code[0] in "FB":
                code = "E" + code[1:]  # OCR reads E as F
            codes.setdefault(code, line.evidence(m.start(), m.end()))
    facts.hcpcs = sorted(codes)
    for code, evidence in codes.items():
        ev[f"hcpcs:{code}"] = evidence
    equipment, _ = _term_hits(p, p.equipment, lines)
    for code, evidence in codes.items():
        kind = p.hcpcs_equipment.get(code)
        if kind and kind not in equipment:
            equipment[kind] = evidence
    facts.requested_equipment = [e for e in ("stationary", "portable") if e in equipment]
    for name, evidence in equipment.items():
        ev[f"equipment:{name}"] = evidence
    return facts
