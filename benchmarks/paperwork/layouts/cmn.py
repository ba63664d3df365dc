"""CMS-484 certificates of medical necessity (oxygen): DME 484.3 and the older DME 484.2.

Structural variants: the narrow ANSWERS column on the left with circled options, the 2020 print
with check boxes at the right, the 484.2 (10 questions, a performing-provider question, other
numbering) with hand-written letters, and a supplier-filled draft. Section A has boxed fields
with their labels above the values; marks are drawn per option position; answers may be
corrected (first choice struck out).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from .. import marks
from ..case import Case, Qual, random_qual
from ..page import INK, Page, wrap
from ..part import Builder, DocPart
from .common import set_patient

Q1_TEXT = (
    "Enter the result of most recent test taken on or before the certification date listed "
    "in Section A. Enter (a) arterial blood gas PO2 and/or (b) oxygen saturation test; (c) "
    "date of test."
)
COND_TEXT = (
    "{verb} the one number for the condition of the test in Question 1: (1) At Rest; "
    "(2) During Exercise; (3) During Sleep"
)
PORTABLE_TEXT = (
    "If you are ordering portable oxygen, is the patient mobile within the home? If you "
    "are not ordering portable oxygen, {verb_l} D."
)
LPM_TEXT = (
    "Enter the highest oxygen flow rate ordered for this patient in liters per minute. If "
    'less than 1 LPM, enter a "X".'
)
HIGH_TEXT = (
    "If greater than 4 LPM is prescribed, enter results of most recent test taken on 4 LPM. "
    "This may be an (a) arterial blood gas PO2 and/or (b) oxygen saturation test with "
    "patient in a chronic stable state. Enter date of test (c)."
)
EDEMA_TEXT = "Does the patient have dependent edema due to congestive heart failure?"
CP_TEXT = (
    "Does the patient have cor pulmonale or pulmonary hypertension documented by P pulmonale "
    "on an EKG or by an echocardiogram, gated blood pool scan or direct pulmonary artery "
    "pressure measurement?"
)
HCT_TEXT = "Does the patient have a hematocrit greater than 56%?"

# (number, kind, text); kind: q1 | 123 | YND | YN | lpm | high | provider | banner
V3 = [
    (1, "q1", Q1_TEXT),
    (
        2,
        "123",
        "Was the test in Question 1 performed (1) with the patient in a chronic stable "
        "state as an outpatient, (2) within two days prior to discharge from an inpatient "
        "facility to home, or (3) under other circumstances?",
    ),
    (3, "123", COND_TEXT),
    (4, "YND", PORTABLE_TEXT),
    (5, "lpm", LPM_TEXT),
    (6, "high", HIGH_TEXT),
    (
        0,
        "banner",
        "ANSWER QUESTIONS 7-9 ONLY IF PO2 = 56-59 OR OXYGEN SATURATION = 89 IN QUESTION 1",
    ),
    (7, "YND", EDEMA_TEXT),
    (8, "YND", CP_TEXT),
    (9, "YND", HCT_TEXT),
]
V2 = [
    (1, "q1", Q1_TEXT.replace("; (c) date of test.", ". Enter date of test (c).")),
    (
        2,
        "YN",
        "Was the test in Question 1 performed EITHER with the patient in a chronic stable "
        "state as an outpatient OR within two days prior to discharge from an inpatient "
        "facility to home?",
    ),
    (3, "123", COND_TEXT),
    (
        4,
        "provider",
        "Physician/provider performing test in Question 1 (and, if applicable, "
        "Question 7). Print/type name and address below:",
    ),
    (5, "YND", PORTABLE_TEXT),
    (6, "lpm", LPM_TEXT),
    (7, "high", HIGH_TEXT),
    (
        0,
        "banner",
        "IF PO2 = 56-59 OR OXYGEN SATURATION = 89%, AT LEAST ONE OF THE FOLLOWING "
        "CRITERIA MUST BE MET.",
    ),
    (8, "YND", EDEMA_TEXT),
    (9, "YND", CP_TEXT),
    (10, "YND", HCT_TEXT),
]

STATIONARY = {
    "E1390": "Oxygen concentrator, single delivery port",
    "E0439": "Stationary liquid oxygen system, rental",
    "E0424": "Stationary compressed gaseous oxygen system, rental",
}
PORTABLE = {
    "E0431": "Portable gaseous oxygen system, rental",
    "E1392": "Portable oxygen concentrator, rental",
    "E0434": "Portable liquid oxygen system, rental",
    "K0738": "Portable gaseous system, home compressor (transfill)",
}


@dataclass
class Answers:
    """What is marked on Section B (None = left blank)."""

    po2: float | None = None
    sat: float | None = None
    test_date: dt.date | None = None
    circumstance: int | None = None  # 484.3 Q2: 1/2/3 ; 484.2 Q2: 1 = Y, 2 = N
    condition: int | None = None  # Q3: 1 rest, 2 exercise, 3 sleep
    portable: str | None = None  # Y N D
    lpm: str | None = None  # "2" or "X"
    high_po2: float | None = None
    high_sat: float | None = None
    high_date: dt.date | None = None
    edema: str | None = None
    cp: str | None = None
    hct: str | None = None
    provider: tuple[str, str] | None = None  # 484.2 Q4 (name, address)
    corrected: set[int] = field(default_factory=set)  # questions with a struck-out first choice
    los: str | None = None
    dx: list[str] = field(default_factory=list)


def _yn_for(case: Case, which: str, group2: bool, rng: random.Random) -> str | None:
    """The Group II answers a careful physician gives for this case."""
    st = case.findings
    if which == "edema":
        if (
            st.get("dependent_edema") == "affirmed"
            and st.get("congestive_heart_failure") == "affirmed"
        ):
            ans = "Y"
        elif (
            st.get("dependent_edema") in (None, "negated")
            or st.get("congestive_heart_failure") == "negated"
        ):
            ans = "N"
        else:
            ans = "D"
    elif which == "cp":
        if "affirmed" in (st.get("pulmonary_hypertension"), st.get("cor_pulmonale")):
            ans = "Y"
        elif st.get("pulmonary_hypertension") in (None, "negated") and st.get("cor_pulmonale") in (
            None,
            "negated",
        ):
            ans = "N"
        else:
            ans = "D"
    else:
        e = st.get("erythrocythemia")
        ans = "Y" if e == "affirmed" else "N" if e in (None, "negated") else "D"
    if not group2 and ans != "Y":
        return rng.choice([None, None, "D"])
    return ans


def make_answers(
    rng: random.Random, case: Case, qual: Qual, version: str, j: int, portable_listed: bool
) -> Answers:
    a = Answers(
        test_date=qual.date, los=rng.choice(["99", "99", "12", "6"]), dx=[c for c, _ in case.dx]
    )
    if qual.kind == "pao2":
        a.po2 = qual.value
        a.sat = qual.sat
    else:
        a.sat = qual.value
    a.condition = {"rest": 1, "exercise": 2, "sleep": 3}[qual.setting]
    a.circumstance = 1 if version == "484.2" else rng.choice([1, 1, 2])
    a.portable = ("Y" if rng.random() < 0.8 else "N") if portable_listed else "D"
    if case.flow > 4:
        a.lpm = f"{case.flow:g}"
        a.high_sat = float(rng.randint(89, 94))
        if qual.kind == "pao2" or rng.random() < 0.5:
            a.high_po2 = float(rng.randint(62, 72))
        a.high_date = qual.date + dt.timedelta(days=rng.randint(0, 3))
    else:
        a.lpm = "X" if case.flow < 1 else f"{case.flow:g}"
    group2 = (a.po2 is not None and 56 <= a.po2 <= 59) or (a.po2 is None and a.sat == 89)
    a.edema = _yn_for(case, "edema", group2, rng)
    a.cp = _yn_for(case, "cp", group2, rng)
    a.hct = _yn_for(case, "hct", group2, rng)
    return a


def record_answers(
    part: DocPart, a: Answers, qual: Qual, version: str, page: int, optional: bool = False
) -> None:
    """Truth for a CMN's Section B (see the CMN annotation conventions)."""
    setting = {1: "rest", 2: "exercise", 3: "sleep", None: None}[a.condition]
    both = a.po2 is not None and a.sat is not None
    if a.po2 is not None:
        part.add(
            "pao2",
            a.po2,
            setting,
            "room_air",
            "abg",
            a.test_date,
            page=page,
            accept={"oxygen": [None]},
            optional=optional,
            quote_of=qual.key,
        )
    if a.sat is not None:
        acc: dict[str, list[object]] = {"oxygen": [None]}
        if both:
            acc["method"] = ["oximetry"]
        part.add(
            "spo2",
            a.sat,
            setting,
            "room_air",
            "abg" if both else "oximetry",
            a.test_date,
            page=page,
            accept=acc,
            optional=optional,
            quote_of=(qual.sat_key if both else qual.key) if not optional else "",
        )
    if a.high_po2 is not None:
        part.add(
            "pao2",
            a.high_po2,
            "rest",
            "supplemental",
            "abg",
            a.high_date,
            flow=4.0,
            page=page,
            accept={"setting": [None, "rest"]},
            optional=optional,
        )
    if a.high_sat is not None:
        part.add(
            "spo2",
            a.high_sat,
            "rest",
            "supplemental",
            "abg" if a.high_po2 is not None else "oximetry",
            a.high_date,
            flow=4.0,
            page=page,
            accept={
                "setting": [None, "rest"],
                **({"method": ["oximetry"]} if a.high_po2 is not None else {}),
            },
            optional=optional,
        )
    f = part.facts
    if a.edema == "Y":
        f.finding("dependent_edema", "affirmed")
        f.finding("congestive_heart_failure", "affirmed")
    if a.cp == "Y":
        f.finding("pulmonary_hypertension", "affirmed")
        f.finding("cor_pulmonale", "optional")
    elif a.cp == "N":
        f.finding("pulmonary_hypertension", "negated")
        f.finding("cor_pulmonale", "negated")
    if a.hct == "Y":
        f.finding("erythrocythemia", "affirmed")
    elif a.hct == "N":
        f.finding("erythrocythemia", "negated")


# --- drawing --------------------------------------------------------------------------------


def _d2(d: dt.date | None) -> str:
    return "" if d is None else d.strftime("%m/%d/%y")


class CmnPainter:
    """Draws one CMN page from the answers with a given mark style and answer side."""

    def __init__(
        self, pg: Page, rng: random.Random, version: str, side: str, style: str, verb: str
    ) -> None:
        self.pg, self.rng, self.version, self.side, self.style, self.verb = (
            pg,
            rng,
            version,
            side,
            style,
            verb,
        )
        self.f = "helv"

    # a printed option list ("1 2 3" / "Y N D") with the chosen one marked
    def options(
        self,
        x: float,
        y: float,
        opts: list[str],
        chosen: str | None,
        corrected_from: str | None = None,
    ) -> None:
        pg, rng = self.pg, self.rng
        gap = 20.0
        for i, o in enumerate(opts):
            ox = x + i * gap
            if self.style == "check":
                marks.checkbox(pg, rng, ox, y - 7, 7.5, None)
                pg.text(ox + 10, y, o, self.f, 8)
                if o == chosen:
                    (marks.cross if rng.random() < 0.6 else marks.tick)(
                        pg, rng, ox + 0.5, y - 6.5, 6.5
                    )
                if o == corrected_from:
                    marks.cross(pg, rng, ox + 0.5, y - 6.5, 6.5)
                    pg.polyline(
                        [(ox - 2, y - 9), (ox + 10, y + 2), (ox - 1, y + 1), (ox + 9, y - 9)],
                        1.2,
                        INK,
                    )
            else:
                pg.text(ox, y, o, self.f + "-b", 8.5)
                if self.style == "circle" and o == chosen:
                    marks.circle_text(pg, rng, ox, y, o, self.f + "-b", 8.5)
                if self.style == "circle" and o == corrected_from:
                    marks.circle_text(pg, rng, ox, y, o, self.f + "-b", 8.5)
                    marks.strike(pg, rng, ox - 4, ox + 10, y + 1, double=True)
        if corrected_from:
            marks.hand(
                pg, rng, x + len(opts) * gap + 2, y, "ok " + rng.choice(["JR", "AW", "MK"]), 7.5
            )
        if self.style in ("letter", "typed") and chosen:
            if self.style == "letter":
                marks.hand(pg, rng, x + len(opts) * gap + 4, y + 1, chosen, 12)
            else:
                pg.text(x + len(opts) * gap + 4, y, chosen, "courier-b", 9)

    def blank(
        self, x: float, y: float, w: float, value: str | None, suffix: str, prefix: str = ""
    ) -> None:
        pg = self.pg
        if prefix:
            x += pg.text(x, y, prefix, self.f, 7.5) + 2
        pg.hline(x, x + w, y + 1.5, 0.5)
        if value:
            if self.style == "typed":
                pg.text(x + 3, y, value, "courier-b", 9)
            else:
                marks.hand(self.pg, self.rng, x + 3, y, value, 10.5)
        pg.text(x + w + 2, y, suffix, self.f, 7.5)


def _section_bar(pg: Page, y: float, title: str, rest: str) -> float:
    pg.rect(30, y, 552, 12, 0.8, fill=(0.82, 0.82, 0.82))
    w = pg.text(34, y + 9, title, "helv-b", 8)
    pg.text(40 + w, y + 9, rest, "helv", 7)
    return y + 12


def _box(
    pg: Page,
    x: float,
    y: float,
    w: float,
    h: float,
    label: str,
    lines: list[str],
    font: str = "courier",
    size: float = 8.5,
) -> None:
    pg.rect(x, y, w, h, 0.6)
    pg.text(x + 3, y + 7.5, label, "helv", 6)
    for i, ln in enumerate(lines):
        pg.text(x + 5, y + 19 + i * 10, ln, font, size)


def draw_cmn(
    part: DocPart,
    rng: random.Random,
    case: Case,
    a: Answers | None,
    version: str,
    side: str,
    style: str,
    codes: list[str],
    cert: dt.date,
    signed: dt.date | None,
    answerer: tuple[str, str, str] | None,
    draft: bool,
    draft_answers: Answers | None = None,
) -> None:
    pg = part.new_page()
    pt = case.patient
    revised = version == "484.3" and style == "check"
    verb = "Check" if revised else "Circle"
    p = CmnPainter(pg, rng, version, side, style if a is not None else "circle", verb)
    y = 28.0
    pg.text(30, y, "DEPARTMENT OF HEALTH AND HUMAN SERVICES", "helv-b", 6.5)
    pg.text(582, y, "Form Approved", "helv", 6.5, align="right")
    y += 8
    pg.text(30, y, "CENTERS FOR MEDICARE & MEDICAID SERVICES", "helv-b", 6.5)
    pg.text(582, y, "OMB No. 0938-0534", "helv", 6.5, align="right")
    y += 14
    pg.text(306, y, "CERTIFICATE OF MEDICAL NECESSITY", "helv-b", 10.5, align="center")
    label = {"484.3": rng.choice(["DME 484.3", "DME 484.03"]), "484.2": "DME 484.2"}[version]
    pg.text(582, y, label, "helv-b", 10, align="right")
    y += 11
    pg.text(306, y, "CMS-484 - OXYGEN", "helv-b", 9, align="center")
    y += 6
    # ---- Section A
    y = _section_bar(pg, y, "SECTION A", "Certification Type/Date:")
    x = 190.0
    for t in ("INITIAL", "REVISED", "RECERTIFICATION"):
        w = pg.text(x, y - 3, t, "helv", 7)
        pg.hline(x + w + 4, x + w + 50, y - 1.5, 0.5)
        if t == "INITIAL":
            pg.text(x + w + 8, y - 3.5, _d2(cert), "courier-b", 8.5)
        x += w + 80
    y += 2
    _box(
        pg,
        30,
        y,
        276,
        58,
        "PATIENT NAME, ADDRESS, TELEPHONE and MEDICARE ID",
        [pt.last_first, pt.street.upper(), pt.city_line.upper(), f"{pt.phone}   MBI {pt.mbi}"],
    )
    sup = case.supplier
    _box(
        pg,
        306,
        y,
        276,
        58,
        "SUPPLIER NAME, ADDRESS, TELEPHONE and NSC or NPI #",
        [
            sup.name.upper(),
            sup.street.upper(),
            sup.city_line.upper(),
            f"{sup.phone}  NSC {rng.randint(1000000, 9999999)}0001",
        ],
    )
    y += 58
    _box(pg, 30, y, 90, 30, "PLACE OF SERVICE", ["12"])
    _box(pg, 120, y, 186, 30, "HCPCS CODE", ["  ".join(codes)])
    dob = _d2(pt.dob)
    _box(
        pg,
        306,
        y,
        276,
        30,
        "PT DOB __/__/__   Sex (M/F)   Ht. (in.)   Wt. (lbs.)",
        [f"{dob}    {pt.sex}    {pt.height_in}    {pt.weight_lb}"],
    )
    y += 30
    doc = case.physician
    _box(pg, 30, y, 276, 54, "NAME and ADDRESS of FACILITY if applicable (see reverse)", [""])
    _box(
        pg,
        306,
        y,
        276,
        54,
        "PHYSICIAN NAME, ADDRESS, TELEPHONE and UPIN or NPI #",
        [
            f"{doc.last.upper()}, {doc.first.upper()} {doc.title}",
            case.clinic.street.upper(),
            f"{case.clinic.city_line.upper()}  {case.clinic.phone}",
            f"NPI {doc.npi}",
        ],
    )
    y += 58
    # ---- Section B
    y = _section_bar(
        pg,
        y,
        "SECTION B",
        "Information in this section may not be completed by the supplier of the items/supplies.",
    )
    y += 11
    show = a or draft_answers
    pg.text(34, y, "EST. LENGTH OF NEED (# OF MONTHS):", "helv-b", 7)
    p.style = "typed" if draft_answers is not None and a is None else p.style
    if show and show.los:
        p.blank(172, y, 24, show.los, "1-99 (99=LIFETIME)")
    else:
        p.blank(172, y, 24, None, "1-99 (99=LIFETIME)")
    pg.text(320, y, "DIAGNOSIS CODES:", "helv-b", 7)
    for i in range(4):
        val = show.dx[i] if show and i < len(show.dx) else None
        p.blank(392 + i * 48, y, 40, val, "")
    y += 7
    qs = V3 if version == "484.3" else V2
    n_q = qs[-1][0]
    aw = 132.0  # answers column width
    left = side == "left"
    ax = 30 if left else 582 - aw
    qx = 30 + aw if left else 30
    qw = 552 - aw
    hdr_txt = (
        f"ANSWER QUESTIONS 1-{n_q}. ({verb} Y for Yes, N for No, or D for Does Not Apply, "
        "unless otherwise noted.)"
    )
    pg.rect(30, y, 552, 14, 0.6)
    pg.text(ax + 4, y + 10, "ANSWERS", "helv-b", 7.5)
    pg.text(qx + 4, y + 10, hdr_txt, "helv-b", 6.6)
    y += 14
    ans = show
    for num, kind, text in qs:
        text = text.format(verb=verb, verb_l=verb.lower())
        if kind == "banner":
            pg.rect(30, y, 552, 12, 0.6)
            pg.text(306, y + 8.5, text, "helv-b", 6.8, align="center")
            y += 12
            continue
        lines = wrap(f"{num}. {text}", qw - 10, "helv", 7)
        h = max(len(lines) * 8.4 + 6, {"q1": 36, "high": 36, "provider": 34}.get(kind, 16))
        pg.rect(30, y, 552, h, 0.6)
        pg.line(ax + aw if left else ax, y, ax + aw if left else ax, y + h, 0.6)
        for i, ln in enumerate(lines):
            pg.text(qx + 4, y + 9 + i * 8.4, ln, "helv", 7)
        by = y + 11
        bx = ax + 6
        if kind in ("q1", "high"):
            po2 = (ans.po2 if kind == "q1" else ans.high_po2) if ans else None
            sat = (ans.sat if kind == "q1" else ans.high_sat) if ans else None
            dd = (ans.test_date if kind == "q1" else ans.high_date) if ans else None
            if kind == "high" and ans and ans.lpm not in (None, "X") and float(ans.lpm) <= 4:
                po2 = sat = dd = None
            p.blank(bx + 10, by - 1, 36, None if po2 is None else f"{po2:g}", "mm Hg", "a)")
            p.blank(bx + 10, by + 10, 36, None if sat is None else f"{sat:g}", "%", "b)")
            p.blank(bx + 10, by + 21, 50, _d2(dd) or None, "", "c)")
        elif kind in ("123", "YND", "YN"):
            opts = {"123": ["1", "2", "3"], "YND": ["Y", "N", "D"], "YN": ["Y", "N"]}[kind]
            chosen: str | None = None
            if ans:
                if num == 2:
                    chosen = (
                        (
                            str(ans.circumstance)
                            if kind == "123"
                            else ("Y" if ans.circumstance == 1 else "N")
                        )
                        if ans.circumstance
                        else None
                    )
                elif num == 3:
                    chosen = str(ans.condition) if ans.condition else None
                elif text.startswith("If you are ordering portable"):
                    chosen = ans.portable
                elif text == EDEMA_TEXT:
                    chosen = ans.edema
                elif text == CP_TEXT:
                    chosen = ans.cp
                elif text == HCT_TEXT:
                    chosen = ans.hct
            corrected_from = None
            if ans and num in ans.corrected and chosen:
                corrected_from = next(o for o in opts if o != chosen)
            p.options(
                bx + 10,
                by + 1,
                opts,
                chosen if a is not None or draft_answers is not None else None,
                corrected_from,
            )
        elif kind == "lpm":
            p.blank(bx + 10, by + 1, 40, ans.lpm if ans else None, "LPM")
        elif kind == "provider":
            pg.text(qx + 4, y + h - 13, "NAME:", "helv", 7)
            pg.text(qx + 4, y + h - 3, "ADDRESS:", "helv", 7)
            if ans and ans.provider and style == "typed":
                pg.text(qx + 32, y + h - 13, ans.provider[0], "courier-b", 8.5)
            elif ans and ans.provider:
                marks.hand(pg, rng, qx + 32, y + h - 13, ans.provider[0], 9.5)
            if ans and ans.provider:
                pg.text(qx + 44, y + h - 3, ans.provider[1], "courier", 7.5)
        y += h
    # name of person answering
    pg.rect(30, y, 552, 22, 0.6)
    pg.text(
        34,
        y + 8,
        "NAME OF PERSON ANSWERING SECTION B QUESTIONS, IF OTHER THAN PHYSICIAN (Please Print):",
        "helv-b",
        6.5,
    )
    pg.text(34, y + 18, "NAME:", "helv", 7)
    pg.text(230, y + 18, "TITLE:", "helv", 7)
    pg.text(380, y + 18, "EMPLOYER:", "helv", 7)
    if answerer:
        marks.hand(pg, rng, 62, y + 18, answerer[0], 9.5)
        marks.hand(pg, rng, 258, y + 18, answerer[1], 9.5)
        marks.hand(pg, rng, 422, y + 18, answerer[2], 9)
    y += 24
    # ---- Section C
    y = _section_bar(pg, y, "SECTION C", "Narrative Description of Equipment and Cost")
    pg.text(
        34,
        y + 8,
        "(1) Narrative description of all items, accessories and options ordered; "
        "(2) Supplier's charge; and (3) Medicare Fee Schedule Allowance for each item.",
        "helv",
        6.5,
    )
    y += 12
    for c in codes:
        desc = STATIONARY.get(c) or PORTABLE.get(c) or "Oxygen contents"
        chg = rng.uniform(180, 420)
        pg.text(36, y + 8, f"{c}  {desc.upper()}", "courier", 7.8)
        pg.text(440, y + 8, f"${chg:7.2f}   ${chg * 0.72:7.2f}", "courier", 7.8)
        y += 9.5
    y += 4
    # ---- Section D
    y = _section_bar(pg, y, "SECTION D", "PHYSICIAN Attestation and Signature/Date")
    att = (
        "I certify that I am the treating physician identified in Section A of this form. I have "
        "received Sections A, B and C of the Certificate of Medical Necessity (including charges "
        "for items ordered). Any statement on my letterhead attached hereto, has been reviewed and "
        "signed by me. I certify that the medical necessity information in Section B is true, "
        "accurate and complete, to the best of my knowledge, and I understand that any "
        "falsification, omission, or concealment of material fact in that section may subject me "
        "to civil or criminal liability."
    )
    y = pg.para(34, y + 8, 544, att, "helv", 6.3, 7.3)
    y += 10
    pg.text(34, y, "PHYSICIAN'S SIGNATURE", "helv-b", 7)
    pg.hline(130, 360, y + 1.5, 0.5)
    pg.text(380, y, "DATE", "helv-b", 7)
    pg.text(404, y, "__/__/__", "helv", 7)
    if signed and not draft:
        marks.signature(pg, rng, 150, y)
        marks.hand(pg, rng, 404, y - 1, _d2(signed), 10)
    pg.text(34, y + 12, "Signature and Date Stamps Are Not Acceptable.", "helv-i", 6.5)
    pg.text(
        582, y + 12, f"Form CMS-484 ({'02/20' if revised else '09/05'})", "helv", 6.5, align="right"
    )


def _codes(rng: random.Random, j: int) -> tuple[list[str], bool]:
    stat = rng.choice(["E1390", "E1390", "E0439", "E0424"])
    port = {"E1390": ["E0431", "E1392", "K0738"], "E0439": ["E0434"], "E0424": ["E0431"]}[stat]
    if j % 3 == 2:
        return [stat], False
    return [stat, rng.choice(port)], True


def _qual(rng: random.Random, case: Case, cert: dt.date) -> Qual:
    q = case.qual
    if q is None or q.date > cert:
        q = random_qual(rng, case, cert)
        q.date = min(q.date, cert)
    return q


def _provider(case: Case, qual: Qual) -> tuple[tuple[str, str], str]:
    if qual.setting == "sleep":
        pl, cat = case.idtf, "idtf"
    elif qual.method == "abg":
        pl, cat = case.hospital, "hospital_lab"
    else:
        pl, cat = case.clinic, "physician"
    return (pl.name.upper(), f"{pl.street}, {pl.city_line}".upper()), cat


def _build(
    rng: random.Random,
    case: Case,
    j: int,
    variant: str,
    version: str,
    side: str,
    style: str,
    draft: bool = False,
) -> DocPart:
    part = DocPart("cmn_484", variant)
    set_patient(part, case)
    cert = case.anchor + dt.timedelta(days=rng.randint(2, 12))
    qual = _qual(rng, case, cert)
    codes, portable_listed = _codes(rng, j)
    if not case.in_packet:  # rotate the rarer answers through the stand-alone forms
        if j % 4 in (0, 3) and not case.patient.pediatric:
            case.flow = 5.0  # Q6: a result on 4 LPM
        if j % 4 == 0:
            case.findings["pulmonary_hypertension"] = "affirmed"
    a = make_answers(rng, case, qual, version, j, portable_listed)
    if version == "484.2":
        a.provider, cat = _provider(case, qual)
        part.facts.performed_by = cat
        part.hard.append(
            "484.2 numbering: Q4 names the performing provider, Q7 is the > 4 LPM test"
        )
    if style == "circle" and j % 2 == 1:
        a.corrected = {3}
        part.hard.append("condition answer corrected: first circle struck out")
    if style == "check" and j % 2 == 0:
        a.corrected = {4} if a.portable else set()
        part.hard_if(bool(a.corrected), "a box X-ed then scribbled out")
    signed = cert + dt.timedelta(days=rng.randint(0, 14))
    answerer = None
    if j % 4 == 2 and not draft:
        answerer = (
            f"{rng.choice(['K. Dunn', 'R. Patel', 'S. Ito'])}",
            rng.choice(["RN", "NP", "LPN"]),
            case.clinic.name[:28],
        )
        part.hard.append("Section B answered by a clinician other than the physician")
    if draft:
        typed = j % 2 == 1
        da = a if typed else Answers(los="99", dx=[c for c, _ in case.dx])
        if typed:
            da.edema = da.cp = da.hct = None
            da.corrected = set()
        draw_cmn(
            part,
            rng,
            case,
            None,
            version,
            side,
            "typed",
            codes,
            cert,
            None,
            None,
            True,
            draft_answers=da,
        )
        pg = part.pages[-1]
        marks.stamp(pg, rng, 300, 262, ["DRAFT - NOT SIGNED", "PHYSICIAN TO COMPLETE SECTION B"])
        marks.sticky_note(
            pg,
            rng,
            392,
            560,
            170,
            [
                f"Dr {case.physician.last} -",
                "please complete B,",
                "sign & fax back",
                case.supplier.fax,
            ],
        )
        if typed:
            record_answers(part, da, qual, version, 1, optional=True)
            part.hard.append("supplier pre-typed Section B values on an unsigned draft")
        else:
            part.hard.append("unsigned supplier draft with Section B empty")
        portable_ok = True
    else:
        draw_cmn(part, rng, case, a, version, side, style, codes, cert, signed, answerer, False)
        record_answers(part, a, qual, version, 1)
        portable_ok = a.portable != "D"
        part.hard_if(a.high_sat is not None, "Q > 4 LPM result on 4 LPM")
        part.hard_if(a.lpm == "X", "flow less than 1 LPM written as X")
    part.facts.hcpcs |= set(codes)
    if any(c in STATIONARY for c in codes):
        part.facts.requested_equipment.add("stationary")
    if any(c in PORTABLE for c in codes) and portable_ok:
        part.facts.requested_equipment.add("portable")
    part.hard.append("two-digit years (MM/DD/YY)")
    part.hard.append("answers are marks per option position")
    return part


def cmn_4843_circled(rng: random.Random, case: Case, j: int) -> DocPart:
    return _build(rng, case, j, "cmn_4843_left_circled", "484.3", "left", "circle")


def cmn_4843_checkbox(rng: random.Random, case: Case, j: int) -> DocPart:
    return _build(rng, case, j, "cmn_4843_checkbox_right", "484.3", "right", "check")


def cmn_4842_letters(rng: random.Random, case: Case, j: int) -> DocPart:
    return _build(rng, case, j, "cmn_4842_written_letters", "484.2", "left", "letter")


def cmn_draft(rng: random.Random, case: Case, j: int) -> DocPart:
    return _build(rng, case, j, "cmn_supplier_draft", "484.3", "left", "typed", draft=True)


LAYOUTS: dict[str, Builder] = {
    "cmn_4843_left_circled": cmn_4843_circled,
    "cmn_4843_checkbox_right": cmn_4843_checkbox,
    "cmn_4842_written_letters": cmn_4842_letters,
    "cmn_supplier_draft": cmn_draft,
}
