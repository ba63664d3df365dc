"""Requested equipment and HCPCS codes.

A code counts where it is printed outside a fax cover — on a check-box form only where its box
is checked. Equipment is requested where it is ordered: by a code, on an order or CMN, or in a
sentence that orders, prescribes, arranges or continues it (a plan, a disposition, a physician's
"Recommendations:" list), never in a recommendation made in passing or by a test report, a
consideration or a conditional. A CMN whose "mobile within the home" question
is answered D orders no portable system.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractors.interpret.assertion import assertion
from extractors.interpret.context import SegmentContext
from extractors.models import Evidence
from extractors.patterns import Patterns

_ORDER_WORDS = re.compile(r"\b(?:order(?:ed|s)?|prescrib\w*|rx|arrang\w*|dispens\w*|deliver\w*|"
                          r"provid\w*|renew\w*|continu\w*|start\w*|set up|setup|initiat\w*|"
                          r"request\w*|supply|supplied|issue[ds]?|home oxygen|discharged? "
                          r"(?:home )?(?:on|with))\b", re.IGNORECASE)
_NOT_ORDER = re.compile(r"\b(?:recommend\w*|consider\w*|may benefit|would benefit|discuss\w*|"
                        r"suggest\w*|evaluat\w*|if\b|qualif\w*|candidate|declin\w*|refus\w*|"
                        r"no longer|discontinu\w*)", re.IGNORECASE)
_ORDER_SECTIONS = re.compile(r"\b(?:plan|disposition|orders?|discharge (?:orders|instructions|"
                             r"equipment)|equipment|dme|prescription|rx)\b", re.IGNORECASE)
_INVENTORY = re.compile(r"\b(?:in (?:the )?(?:home|use)|on hand|currently (?:has|have|uses?|using)|"
                        r"(?:existing|current|present) (?:equipment|dme|oxygen|o2)|"
                        r"equipment (?:in (?:the )?home|used|present|available))\b", re.IGNORECASE)
"""What the patient already has ("OXYGEN / EQUIPMENT IN HOME", "O2 in use"): no order."""
_PLAN_LABEL = re.compile(r"^\s*(?:recommendations?|plan)\s*:\s*(?:\(?\d{1,2}[.)]\s*)?",
                         re.IGNORECASE)
"""A physician's note or letter opening its plan ("Recommendations: (1) Home oxygen …"): the
plan of care, not a suggestion."""
_NOTES = ("progress_note", "discharge_summary")
_ITEM_CODE = re.compile(r"^\s*[A-Z]\d{4}\s*$")
_OXYGEN_CODE = re.compile(r"^(?:E0(?:4[2-4]\d)|E1(?:3[9]\d|40\d)|K07\d\d)$")
_SPLIT_CODE = re.compile(r"\b[EK][01]\s[0-9]{3}\b")
"""A code OCR split after its second character ("E1 390"); taken only when it joins into a
known oxygen code."""


@dataclass
class EquipmentFound:
    hcpcs: dict[str, Evidence] = field(default_factory=dict)
    requested: dict[str, Evidence] = field(default_factory=dict)


def _fix_code(code: str, ocr: bool, known: dict[str, str]) -> str:
    if ocr and code not in known and "E" + code[1:] in known and code[0] in "FB":
        return "E" + code[1:]
    return code


def read_equipment(p: Patterns, ctx: SegmentContext, found: EquipmentFound,
                   checklist_form: bool) -> None:
    name = ctx.doc_type.name if ctx.doc_type else "unknown"
    if name == "fax_cover":
        return
    order_doc = name in ("written_order", "cmn_484")
    for layout in ctx.segment.layouts:
        page = layout.page.number
        unchecked: list[tuple[int, int, int]] = []  # (line, x0, x1) of unchecked box labels
        for box in layout.checkboxes:
            if box.label is not None and not box.checked:
                x0, _, x1, _ = box.label.bbox
                if _ITEM_CODE.match(box.label.text):
                    # "☐ E1392   Portable oxygen concentrator": the item runs on to the next
                    # box of the line
                    later = [b.label.bbox[0] for b in layout.checkboxes if b.line == box.line
                             and b.label is not None and b.label.bbox[0] > x1]
                    x1 = min(later) - 1 if later else layout.lines[box.line].bbox[2]
                unchecked.append((box.line, int(x0), int(x1)))
        units = [(para.run, para.lines[0]) for para in layout.paragraphs]
        in_para = {i for para in layout.paragraphs for i in para.lines}
        units += [(ln.run, ln.index) for ln in layout.lines if ln.index not in in_para]
        for run, line in units:
            text = run.text.upper().replace("EL", "E1") if run.source == "ocr" else \
                run.text.upper()
            ocr = run.source == "ocr"
            section = ctx.section(page, line)
            split = [m for m in _SPLIT_CODE.finditer(text)
                     if m.group(0).replace(" ", "") in p.hcpcs_equipment] if ocr else []
            for m in [*p.hcpcs_pattern.finditer(text), *split]:
                code = _fix_code(m.group(0).replace(" ", ""), ocr, p.hcpcs_equipment)
                if not _OXYGEN_CODE.match(code) and code not in p.hcpcs_equipment:
                    continue
                span = run.span_bbox(m.start(), m.end())
                if checklist_form and any(u[0] == line and u[1] - 2 <= span[0] <= u[2] + 2
                                          for u in unchecked):
                    continue
                evidence = run.evidence(m.start(), m.end())
                found.hcpcs.setdefault(code, evidence)
                kind = p.hcpcs_equipment.get(code)
                status = assertion(run.text, m.start(), m.end(),
                                   section.label if section else None)
                if kind and status == "present":
                    found.requested.setdefault(kind, evidence)
            for kind, rxs in p.equipment.items():
                for rx in rxs:
                    for m in rx.finditer(run.text):
                        sentence = _sentence(run.text, m.start())
                        plan = _PLAN_LABEL.match(sentence) if name in _NOTES else None
                        if plan is not None:
                            sentence = sentence[plan.end():]
                        ordered = order_doc or plan is not None or bool(
                            _ORDER_WORDS.search(sentence)) or (
                            section is not None and _ORDER_SECTIONS.search(section.label))
                        inventory = bool(_INVENTORY.search(sentence)) or (
                            section is not None and bool(_INVENTORY.search(section.label)))
                        if not ordered or inventory or _NOT_ORDER.search(sentence):
                            continue
                        status = assertion(run.text, m.start(), m.end(),
                                           section.label if section else None)
                        span = run.span_bbox(m.start(), m.end())
                        if checklist_form and any(u[0] == line and u[1] - 2 <= span[0] <= u[2] + 2
                                                  for u in unchecked):
                            continue
                        if status == "present":
                            found.requested.setdefault(kind, run.evidence(m.start(), m.end()))


def _sentence(text: str, pos: int) -> str:
    start = max(text.rfind(". ", 0, pos), text.rfind("; ", 0, pos), -1) + 1
    ends = [i for i in (text.find(". ", pos), text.find("; ", pos)) if i >= 0]
    return text[start:min(ends) if ends else len(text)]
