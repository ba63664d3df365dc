"""Certificates of medical necessity (CMS-484 style): the 484.3 form answered with circles, the
2020 print with typed check boxes, the older ten-question 484.2 with hand-written letters, and
a supplier draft followed by the physician's corrected, signed return."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from ..context import Ctx
from ..pen import Pen
from ..synth import Clinician, clinician, fmt_date, fmt_flow
from ..truth import Facts, M, Page, Part

X0, X1 = 30.0, 582.0
SETTING = {1: "rest", 2: "exercise", 3: "sleep"}
Q_484_3 = [
    "Enter the result of most recent test taken on or before the certification date listed in "
    "Section A. Enter (a) arterial blood gas PO2 and/or (b) oxygen saturation test; (c) date of "
    "test.",
    "Was the test in Question 1 performed (1) with the patient in a chronic stable state as an "
    "outpatient, (2) within two days prior to discharge from an inpatient facility to home, or "
    "(3) under other circumstances?",
    "Circle the one number for the condition of the test in Question 1: (1) At Rest; (2) During "
    "Exercise; (3) During Sleep",
    "If you are ordering portable oxygen, is the patient mobile within the home? If you are not "
    "ordering portable oxygen, circle D.",
    "Enter the highest oxygen flow rate ordered for this patient in liters per minute. If less "
    "than 1 LPM, enter a \"X\".",
    "If greater than 4 LPM is prescribed, enter results of most recent test taken on 4 LPM. This "
    "may be (a) arterial blood gas PO2 and/or (b) oxygen saturation test with patient in a "
    "chronic stable state. Enter date of test (c).",
    "Does the patient have dependent edema due to congestive heart failure?",
    "Does the patient have cor pulmonale or pulmonary hypertension documented by P pulmonale on "
    "an EKG or by an echocardiogram, gated blood pool scan or direct pulmonary artery pressure "
    "measurement?",
    "Does the patient have a hematocrit greater than 56%?",
]
BANNER = "ANSWER QUESTIONS 7-9 ONLY IF PO2 = 56-59 OR OXYGEN SATURATION = 89 IN QUESTION 1"
ATTEST = ("I certify that I am the treating physician identified in Section A of this form. I "
          "have received Sections A, B and C of the Certificate of Medical Necessity (including "
          "charges for items ordered). Any statement on my letterhead attached hereto, has been "
          "reviewed and signed by me. I certify that the medical necessity information in "
          "Section B is true, accurate and complete, to the best of my knowledge, and I "
          "understand that any falsification, omission, or concealment of material fact in that "
          "section may subject me to civil or criminal liability.")
CODE_TEXT = {"E1390": "Oxygen concentrator, single delivery port",
             "E0431": "Portable gaseous oxygen system, rental",
             "E0443": "Portable oxygen contents, gaseous", "E1392": "Portable oxygen concentrator",
             "E0439": "Stationary liquid oxygen system, rental",
             "E0434": "Portable liquid oxygen system, rental", "K0738": "Home fill system"}


@dataclass
class CMN:
    """The answers on one certificate."""

    cert_type: str
    cert_date: date
    codes: list[str]
    lon: int
    dx: list[str]
    q1a: int | None
    q1b: int | None
    q1c: date
    q2: int
    q3: int
    q4: str
    q5: float | None                       # None = "X" (< 1 LPM)
    q6: tuple[int | None, int | None, date | None] = (None, None, None)
    g2: dict[int, str | None] = field(default_factory=dict)     # 7,8,9 -> Y/N/D/None
    answerer: tuple[str, str, str] | None = None
    signed: date | None = None
    height: int = 66
    weight: int = 170


def make_cmn(rng: random.Random, ctx: Ctx, old: bool = False) -> CMN:
    """Answers for a plausible certificate, Group I or Group II."""
    test_day = ctx.anchor
    group2 = rng.random() < 0.5
    kind = rng.choice(("pao2", "sat", "sat", "both"))
    if group2:
        a = rng.randint(56, 59) if kind != "sat" else None
        b = 89 if kind != "pao2" else None
    else:
        a = rng.randint(44, 55) if kind != "sat" else None
        b = rng.randint(80, 88) if kind != "pao2" else None
    codes = rng.choice((["E1390", "E0431"], ["E1390", "E0431", "E0443"], ["E1390"],
                        ["E1392"], ["E0439", "E0434"], ["E1390", "K0738"]))
    portable = any(c in ("E0431", "E1392", "E0434", "K0738") for c in codes)
    q5 = rng.choice((2.0, 2.0, 3.0, 1.0, 5.0, None)) if not old else rng.choice((2.0, 3.0, 6.0))
    q6: tuple[int | None, int | None, date | None] = (None, None, None)
    if q5 and q5 > 4:
        q6 = (rng.randint(58, 70) if rng.random() < 0.4 else None, rng.randint(88, 93),
              test_day + timedelta(days=rng.randint(0, 2)))
    g2: dict[int, str | None] = {}
    for q in (7, 8, 9):
        if group2:
            g2[q] = rng.choice(("Y", "N", "N", "Y"))
        else:
            g2[q] = rng.choice(("D", None, None, "N"))
    if group2 and all(v != "Y" for v in g2.values()):
        g2[rng.choice((7, 8, 9))] = "Y"
    dx = rng.choice((["J44.9", "J96.11"], ["J44.1", "R09.02"], ["J84.10"], ["J43.9", "I27.23"]))
    if old:
        dx = rng.choice((["496", "799.02"], ["491.21"], ["515", "416.8"]))
    answerer = None
    if rng.random() < 0.35:
        who = clinician(rng, "NP", ctx.patient.last)
        answerer = (f"{who.first} {who.last}", "Nurse Practitioner", ctx.clinic.name)
    c = CMN(rng.choice(("INITIAL", "INITIAL", "REVISED", "RECERTIFICATION")),
            test_day + timedelta(days=rng.randint(1, 20)), codes,
            rng.choice((99, 99, 12, 6)), dx, a, b, test_day, rng.choice((1, 1, 2, 3)),
            rng.choice((1, 1, 2, 3)), "Y" if portable else "D", q5, q6, g2, answerer,
            None, rng.randint(60, 74), rng.randint(105, 260))
    hint = ctx.extra.get("sleep_result")      # a packet's room-air oximetry, copied into Q1
    if isinstance(hint, tuple):
        c.q1a, c.q1b, c.q1c, c.q3 = None, hint[0], hint[1], 3
        c.cert_date = hint[1] + timedelta(days=rng.randint(3, 10))
        if hint[0] != 89:
            c.g2 = {q: rng.choice(("D", None)) for q in (7, 8, 9)}
    return c


def cmn_truth(c: CMN, page: int, optional: bool = False) -> list[M]:
    """Q1 and Q6 values; setting from Q3, oxygen not stated for Q1, 4 LPM for Q6."""
    out = []
    setting = SETTING[c.q3]
    base = {"oxygen": None, "flow_lpm": None, "date": c.q1c, "page": page, "optional": optional,
            "accept": {"oxygen": ["room_air"]}}
    if c.q1a is not None:
        out.append(M("pao2", c.q1a, setting, method="abg", **base))
    if c.q1b is not None:
        out.append(M("spo2", c.q1b, setting, method="oximetry",
                     **{**base, "accept": {"oxygen": ["room_air"], "method": ["abg", None]}}))
    a6, b6, d6 = c.q6
    acc = {"setting": ["rest", setting]}
    if a6 is not None:
        out.append(M("pao2", a6, None, "supplemental", 4.0, "abg", d6, page, optional=optional,
                     accept=acc))
    if b6 is not None:
        out.append(M("spo2", b6, None, "supplemental", 4.0, "oximetry", d6, page,
                     optional=optional, accept={**acc, "method": ["abg", None]}))
    return out


def cmn_facts(ctx: Ctx, c: CMN, performer: str | None = None) -> Facts:
    """Patient, codes, and Group II answers: Y affirms, N negates, D or blank says nothing."""
    f = Facts(ctx.patient.truth_name, ctx.patient.dob, None, None, performer)
    f.add_codes(c.codes)
    names = {7: ("dependent_edema", "congestive_heart_failure"),
             8: ("pulmonary_hypertension", "cor_pulmonale"), 9: ("erythrocythemia", None)}
    for q, ans in c.g2.items():
        main, extra = names[q]
        if ans == "Y":
            f.finding(main, "affirmed")
            if extra:
                f.finding(extra, "optional")
        elif ans == "N":
            f.finding(main, "negated")
            if extra and q == 8:
                f.finding(extra, "negated")
    return f


def slashes(d: date | None) -> str:
    return fmt_date(d, "mdy_2") if d else "__/__/__"


# ---------------------------------------------------------------------------------------------
@dataclass
class Style:
    """How the 484.3 form is filled in."""

    marks: str = "circle"           # circle | box_typed | box_hand
    section_b_hand: bool = True
    draft: bool = False
    corrected_q1: int | None = None  # the typed value struck through, replaced by hand
    footer: str = "Form CMS-484 (09/05)"


def draw_484_3(pen: Pen, ctx: Ctx, c: CMN, st: Style, doctor: Clinician) -> None:
    """The one-page 484.3 form: sections A-D, answers in the left column."""
    p, sup = ctx.patient, ctx.supplier
    pen.text(X0, 30, "DEPARTMENT OF HEALTH AND HUMAN SERVICES", "Helvetica", 6.5)
    pen.text(X0, 38, "CENTERS FOR MEDICARE & MEDICAID SERVICES", "Helvetica", 6.5)
    pen.text(X1, 30, "Form Approved", "Helvetica", 6.5, "right")
    pen.text(X1, 38, "OMB No. 0938-0534", "Helvetica", 6.5, "right")
    pen.text(306, 52, "CERTIFICATE OF MEDICAL NECESSITY", "Helvetica-Bold", 10.5, "center")
    pen.text(X1, 52, "DME 484.3", "Helvetica-Bold", 9, "right")
    pen.text(306, 63, "CMS-484 - OXYGEN", "Helvetica-Bold", 10, "center")
    typed = "Courier"
    # Section A
    pen.rect(X0, 68, X1 - X0, 12, lw=0.6, fill=0.85)
    pen.text(X0 + 3, 77, "SECTION A   Certification Type/Date:", "Helvetica-Bold", 7.5)
    x = 200
    for label in ("INITIAL", "REVISED", "RECERTIFICATION"):
        pen.text(x, 77, label, "Helvetica", 7)
        val = slashes(c.cert_date) if label == c.cert_type else "__/__/__"
        pen.text(x + pen.width(label, "Helvetica", 7) + 4, 77, val, typed, 7.5)
        x += 120
    pen.rect(X0, 80, 276, 62, lw=0.6)
    pen.rect(X0 + 276, 80, 276, 62, lw=0.6)
    pen.text(X0 + 3, 87, "PATIENT NAME, ADDRESS, TELEPHONE and MEDICARE ID", "Helvetica", 5.8)
    pen.lines(X0 + 6, 99, [p.name("last_first"), p.street, f"{p.town}, {p.state} {p.zip}",
                           f"{p.phone}   MEDICARE ID {p.mbi}"], typed, 8, 10)
    pen.text(X0 + 279, 87, "SUPPLIER NAME, ADDRESS, TELEPHONE and NSC or NPI #", "Helvetica", 5.8)
    pen.lines(X0 + 282, 99, [sup.name.upper(), sup.street, f"{sup.town}, {sup.state} {sup.zip}",
                             f"{sup.phone}   NSC/NPI {sup.ident}"], typed, 8, 10)
    pen.rect(X0, 142, X1 - X0, 26, lw=0.6)
    pen.text(X0 + 3, 149, "PLACE OF SERVICE", "Helvetica", 5.8)
    pen.text(X0 + 10, 162, "12", typed, 8.5)
    pen.text(X0 + 80, 149, "HCPCS CODE", "Helvetica", 5.8)
    for i, code in enumerate(c.codes[:4]):
        pen.rect(X0 + 80 + i * 52, 152, 50, 13, lw=0.4)
        pen.text(X0 + 84 + i * 52, 162, code, typed, 8.5)
    pen.text(X0 + 300, 149, "PT DOB", "Helvetica", 5.8)
    pen.text(X0 + 300, 162, slashes(p.dob), typed, 8.5)
    pen.text(X0 + 360, 149, "Sex (M/F)", "Helvetica", 5.8)
    pen.text(X0 + 368, 162, p.sex, typed, 8.5)
    pen.text(X0 + 400, 149, "HT (in)", "Helvetica", 5.8)
    pen.text(X0 + 404, 162, str(c.height), typed, 8.5)
    pen.text(X0 + 450, 149, "WT (lbs)", "Helvetica", 5.8)
    pen.text(X0 + 454, 162, str(c.weight), typed, 8.5)
    pen.rect(X0, 168, 390, 40, lw=0.6)
    pen.rect(X0 + 390, 168, 162, 40, lw=0.6)
    pen.text(X0 + 3, 175, "PHYSICIAN NAME, ADDRESS, TELEPHONE and UPIN or NPI #", "Helvetica", 5.8)
    pen.lines(X0 + 6, 186, [f"{doctor.name.upper()}   NPI {doctor.npi}",
                            f"{ctx.clinic.street}, {ctx.clinic.town}, {ctx.clinic.state}"], typed,
              8, 10)
    pen.text(X0 + 393, 175, "PHYSICIAN'S TELEPHONE #", "Helvetica", 5.8)
    pen.text(X0 + 396, 192, ctx.clinic.phone, typed, 8.5)
    # Section B
    y = 208
    pen.rect(X0, y, X1 - X0, 12, lw=0.6, fill=0.85)
    pen.text(X0 + 3, y + 9, "SECTION B   Information in this Section May Not Be Completed by the "
             "Supplier of the Items/Supplies.", "Helvetica-Bold", 7.5)
    y += 24
    pen.text(X0 + 3, y, "EST. LENGTH OF NEED (# OF MONTHS):", "Helvetica-Bold", 7)
    pen.text(X0 + 230, y, "1-99 (99=LIFETIME)", "Helvetica", 6.5)
    pen.text(X0 + 310, y, "DIAGNOSIS CODES:", "Helvetica-Bold", 7)
    fill = pen.hand if st.section_b_hand else None

    def val(x: float, yy: float, s: str, size: float = 11) -> None:
        if fill:
            fill(x, yy, s, size)
        else:
            pen.text(x, yy, s, typed, 8.5)

    val(X0 + 180, y, str(c.lon))
    for i, code in enumerate(c.dx):
        pen.blank(X0 + 390 + i * 62, y, 56)
        val(X0 + 394 + i * 62, y - 1, code, 10)
    pen.blank(X0 + 175, y, 40)
    y += 8
    pen.rect(X0, y, 100, 16, lw=0.6)
    pen.text(X0 + 50, y + 11, "ANSWERS", "Helvetica-Bold", 7.5, "center")
    pen.rect(X0 + 100, y, X1 - X0 - 100, 16, lw=0.6)
    how = "Circle" if st.marks == "circle" else "Check"
    pen.text(X0 + 104, y + 11, f"ANSWER QUESTIONS 1-9.  ({how} Y for Yes, N for No, or D for Does "
             "Not Apply, unless otherwise noted.)", "Helvetica-Bold", 7)
    y += 16
    qx, qw = X0 + 118, X1 - X0 - 124

    def question(n: int, yy: float) -> float:
        pen.text(X0 + 104, yy, f"{n}.", "Helvetica-Bold", 7.2)
        q = Q_484_3[n - 1]
        if st.marks != "circle":          # the 2020 print says Check where 09/05 said Circle
            q = q.replace("Circle the", "Check the").replace("circle D", "check D")
        return pen.para(qx, yy, qw, q, "Helvetica", 7.2, 8.8)

    def options(yy: float, opts: list[str], chosen: str | None) -> None:
        for i, o in enumerate(opts):
            ox = X0 + 12 + i * 28
            if st.marks == "circle":
                pen.text(ox, yy, o, "Helvetica", 8.5)
                if o == chosen:
                    pen.circle_word(ox, yy, o, "Helvetica", 8.5)
            else:
                pen.checkbox(ox - 2, yy - 7.5, ("x" if o == chosen else None), 7.5,
                             hand=st.marks == "box_hand")
                pen.text(ox + 8, yy, o, "Helvetica", 8)

    # Q1
    top = y + 12
    col_top = y
    pen.text(X0 + 4, top, "a)", "Helvetica", 7.5)
    pen.blank(X0 + 16, top, 40)
    pen.text(X0 + 60, top, "mm Hg", "Helvetica", 7)
    pen.text(X0 + 4, top + 12, "b)", "Helvetica", 7.5)
    pen.blank(X0 + 16, top + 12, 40)
    pen.text(X0 + 60, top + 12, "%", "Helvetica", 7)
    pen.text(X0 + 4, top + 24, "c)", "Helvetica", 7.5)
    pen.blank(X0 + 16, top + 24, 56)
    if c.q1a is not None:
        val(X0 + 22, top - 1, str(c.q1a))
    if c.q1b is not None:
        if st.corrected_q1 is not None:
            w = pen.text(X0 + 20, top + 12, str(st.corrected_q1), typed, 8.5)
            pen.strike(X0 + 20, top + 12, w)
            pen.hand(X0 + 40, top + 10, str(c.q1b), 11)
        else:
            val(X0 + 22, top + 11, str(c.q1b))
    val(X0 + 18, top + 23, slashes(c.q1c), 10)
    y = max(question(1, top), top + 34) + 8
    # Q2, Q3
    for n, chosen in ((2, c.q2), (3, c.q3)):
        options(y, ["1", "2", "3"], str(chosen))
        y = question(n, y) + 4
    options(y, ["Y", "N", "D"], c.q4)
    y = question(4, y) + 4
    pen.blank(X0 + 12, y, 40)
    val(X0 + 18, y - 1, fmt_flow(c.q5) if c.q5 else "X")
    pen.text(X0 + 56, y, "LPM", "Helvetica", 7)
    y = question(5, y) + 4
    a6, b6, d6 = c.q6
    for i, (lab, v, unit) in enumerate((("a)", a6, "mm Hg"), ("b)", b6, "%"), ("c)", None, ""))):
        pen.text(X0 + 4, y + i * 11, lab, "Helvetica", 7.5)
        pen.blank(X0 + 16, y + i * 11, 40)
        pen.text(X0 + 60, y + i * 11, unit, "Helvetica", 7)
        if v is not None:
            val(X0 + 22, y + i * 11 - 1, str(v))
    if d6:
        val(X0 + 18, y + 21, slashes(d6), 10)
    y = max(question(6, y), y + 30) + 6
    pen.rect(X0 + 100, y - 8, X1 - X0 - 100, 11, lw=0.4, fill=0.9)
    pen.text(X0 + 104, y, BANNER, "Helvetica-Bold", 6.8)
    y += 14
    for n in (7, 8, 9):
        options(y, ["Y", "N", "D"], c.g2.get(n))
        y = question(n, y) + 4
    pen.line(X0, y - 4, X1, y - 4, 0.6)
    pen.line(X0, col_top, X0, y - 4, 0.6)
    pen.line(X0 + 100, col_top, X0 + 100, y - 4, 0.6)
    pen.line(X1, col_top, X1, y - 4, 0.6)
    pen.text(X0 + 3, y + 6, "NAME OF PERSON ANSWERING SECTION B QUESTIONS, IF OTHER THAN PHYSICIAN "
             "(Please Print):", "Helvetica-Bold", 6.5)
    y += 18
    for i, label in enumerate(("NAME:", "TITLE:", "EMPLOYER:")):
        pen.text(X0 + 3 + i * 180, y, label, "Helvetica", 7)
        pen.blank(X0 + 45 + i * 180, y, 130)
        if c.answerer:
            val(X0 + 48 + i * 180, y - 1, c.answerer[i][:24], 9)
    y += 10
    # Section C
    pen.rect(X0, y, X1 - X0, 12, lw=0.6, fill=0.85)
    pen.text(X0 + 3, y + 9, "SECTION C   Narrative Description Of Equipment And Cost",
             "Helvetica-Bold", 7.5)
    y += 22
    pen.text(X0 + 3, y, "(1) Narrative description of all items, accessories and options ordered; "
             "(2) Supplier's charge; and (3) Medicare Fee Schedule Allowance for each item",
             "Helvetica", 6.3)
    y += 11
    for code in c.codes:
        pen.text(X0 + 10, y, f"{code}  {CODE_TEXT[code]:<44} ${200 + 37 * len(code):>7.2f}  "
                 f"${180 + 31 * len(code):>7.2f}", typed, 7.8)
        y += 10
    # Section D
    y = max(y + 4, 682)
    pen.rect(X0, y, X1 - X0, 12, lw=0.6, fill=0.85)
    pen.text(X0 + 3, y + 9, "SECTION D   PHYSICIAN Attestation and Signature/Date",
             "Helvetica-Bold", 7.5)
    y = pen.para(X0 + 3, y + 21, X1 - X0 - 6, ATTEST, "Helvetica", 5.9, 7.2)
    pen.text(X0 + 3, y + 12, "PHYSICIAN'S SIGNATURE", "Helvetica-Bold", 7)
    pen.blank(X0 + 100, y + 12, 230)
    pen.text(X0 + 360, y + 12, "DATE", "Helvetica-Bold", 7)
    pen.blank(X0 + 385, y + 12, 80)
    if c.signed:
        pen.scribble(X0 + 110, y + 12, 150)
        pen.hand(X0 + 390, y + 11, slashes(c.signed), 10)
    pen.text(X0, 778, st.footer, "Helvetica", 6.5)
    pen.text(X1, 778, "Signature and Date Stamps Are Not Acceptable.", "Helvetica-Bold", 6.5,
             "right")
    if st.draft:
        pen.stamp(150, 520, "DRAFT - FOR PHYSICIAN REVIEW", 26, 28)


def cmn_circles(ctx: Ctx) -> Part:
    """484.3 with the physician's circles and hand-written values; typed Section A."""
    rng = ctx.rng
    c = make_cmn(rng, ctx)
    c.signed = c.cert_date + timedelta(days=rng.randint(0, 10))
    m = cmn_truth(c, 1)
    hard = ["answers are circles around printed Y/N/D and 1/2/3", "question text is not an answer",
            "units pre-printed on the Q1 blanks", "supplier and physician names beside the patient",
            "Section A date is a certification date, Q1c the test date"]
    if c.q6[2]:
        hard.append("Q6 values are on 4 LPM")
    return Part("cmn", [Page(lambda pen: draw_484_3(pen, ctx, c, Style("circle"), ctx.physician))],
                m, cmn_facts(ctx, c), hard, last_date=c.signed)


def cmn_checkbox_2020(ctx: Ctx) -> Part:
    """2020 print with check boxes, completed electronically (typed X, typed values)."""
    rng = ctx.rng
    c = make_cmn(rng, ctx)
    c.signed = c.cert_date + timedelta(days=rng.randint(0, 10))
    m = cmn_truth(c, 1)
    hard = ["typed X in check boxes (box text extracts as the letter)", "Courier typed values",
            "question numbers vs answer marks"]
    st = Style("box_typed", section_b_hand=False, footer="Form CMS-484 (10/20)")
    return Part("cmn", [Page(lambda pen: draw_484_3(pen, ctx, c, st, ctx.physician))], m,
                cmn_facts(ctx, c), hard, last_date=c.signed)


def cmn_draft_and_signed(ctx: Ctx) -> Part:
    """Page 1: the supplier's typed draft (stamped DRAFT, unsigned). Page 2: the signed return
    with the saturation struck through and corrected by hand; only page 2 is the certificate."""
    rng = ctx.rng
    c = make_cmn(rng, ctx)
    if c.q1b is None:
        c.q1b = 89 if c.q1a and 56 <= c.q1a <= 59 else rng.randint(82, 88)
    draft = CMN(**{**c.__dict__})
    draft.q1b = (c.q1b or 88) + rng.choice((-2, -1, 1, 2))
    c.signed = c.cert_date + timedelta(days=rng.randint(1, 12))
    m = cmn_truth(draft, 1, optional=True) + cmn_truth(c, 2)
    st1 = Style("box_typed", section_b_hand=False, draft=True)
    st2 = Style("box_hand", section_b_hand=True, corrected_q1=draft.q1b)
    hard = ["supplier draft and signed return in one file (draft values optional)",
            "typed value struck through and corrected by hand", "two copies, same patient"]
    pages = [Page(lambda pen: draw_484_3(pen, ctx, draft, st1, ctx.physician)),
             Page(lambda pen: draw_484_3(pen, ctx, c, st2, ctx.physician))]
    return Part("cmn", pages, m, cmn_facts(ctx, c), hard, last_date=c.signed)


# ---------------------------------------------------------------------------------------------
Q_484_2 = [
    "Enter the result of most recent test taken on or before the certification date listed in "
    "Section A. Enter (a) arterial blood gas PO2 and/or (b) oxygen saturation test; (c) date of "
    "test.",
    "Was the test in Question 1 performed EITHER with the patient in a chronic stable state as an "
    "outpatient OR within two days prior to discharge from an inpatient facility to home?",
    "Circle the one number for the condition of the test in Question 1: (1) At Rest; (2) During "
    "Exercise; (3) During Sleep",
    "Physician/provider performing test in Question 1 (and, if applicable, Question 7). Print/type "
    "name and address below:",
    "If you are ordering portable oxygen, is the patient mobile within the home? If you are not "
    "ordering portable oxygen, circle D.",
    "Enter the highest oxygen flow rate ordered for this patient in liters per minute. If less "
    "than 1 LPM, enter a \"X\".",
    "If greater than 4 LPM is prescribed, enter results of most recent test taken on 4 LPM. This "
    "may be (a) arterial blood gas PO2 and/or (b) oxygen saturation test with patient in a "
    "chronic stable state. Enter date of test (c).",
    "Does the patient have dependent edema due to congestive heart failure?",
    "Does the patient have cor pulmonale or pulmonary hypertension documented by P pulmonale on "
    "an EKG or by an echocardiogram, gated blood pool scan or direct pulmonary artery pressure "
    "measurement?",
    "Does the patient have a hematocrit greater than 56%?",
]


def cmn_4842_letters(ctx: Ctx) -> Part:
    """Old ten-question DME 484.2 with Y/N written by hand on answer blanks, ICD-9 codes,
    the testing provider named in Q4 and the > 4 LPM test as Q7."""
    rng, p = ctx.rng, ctx.patient
    ctx.anchor = ctx.anchor.replace(year=rng.randint(2011, 2014))
    c = make_cmn(rng, ctx, old=True)
    c.signed = c.cert_date + timedelta(days=rng.randint(0, 8))
    tester_kind = rng.choice(("hospital_lab", "idtf", "physician"))
    tester = {"hospital_lab": ctx.hospital, "idtf": ctx.idtf, "physician": ctx.clinic}[tester_kind]
    m = cmn_truth(c, 1)
    hard = ["ten-question 484.2: Q7 is the > 4 LPM test, Q8-10 the findings",
            "answers hand-written as letters on blanks", "testing provider named in Q4",
            "ICD-9 codes, 2-digit years", "older dates (2011-2015)"]
    f = cmn_facts(ctx, c, tester_kind)

    def draw(pen: Pen) -> None:
        pen.text(X0, 32, "DEPARTMENT OF HEALTH AND HUMAN SERVICES", "Times-Roman", 7)
        pen.text(X0, 40, "CENTERS FOR MEDICARE & MEDICAID SERVICES", "Times-Roman", 7)
        pen.text(X1, 32, "FORM APPROVED  OMB NO. 0938-0534", "Times-Roman", 7, "right")
        pen.text(306, 58, "CERTIFICATE OF MEDICAL NECESSITY: OXYGEN", "Times-Bold", 12, "center")
        pen.text(X1, 58, "DME 484.2", "Times-Bold", 10, "right")
        pen.rect(X0, 64, X1 - X0, 12, lw=0.6)
        pen.text(X0 + 3, 73, "SECTION A:", "Times-Bold", 8)
        pen.text(X0 + 60, 73, f"Certification Type/Date:  INITIAL {slashes(c.cert_date)}   "
                 "REVISED __/__/__   RECERTIFICATION __/__/__", "Times-Roman", 8)
        rows = [("PATIENT NAME, ADDRESS, TELEPHONE and HIC NUMBER",
                 [p.name("last_first"), f"{p.street}, {p.town}, {p.state} {p.zip}",
                  f"{p.phone}   HICN {p.mbi.replace('-', '')[:9]}A"]),
                ("SUPPLIER NAME, ADDRESS, TELEPHONE and NSC NUMBER",
                 [ctx.supplier.name, ctx.supplier.address, f"{ctx.supplier.phone}  NSC "
                  f"{ctx.supplier.ident[:10]}"])]
        for i, (label, lines) in enumerate(rows):
            pen.rect(X0 + i * 276, 76, 276, 46, lw=0.6)
            pen.text(X0 + 3 + i * 276, 83, label, "Times-Roman", 6)
            pen.lines(X0 + 6 + i * 276, 94, lines, "Courier", 7.8, 9.5)
        pen.rect(X0, 122, X1 - X0, 22, lw=0.6)
        pen.text(X0 + 3, 137, f"PLACE OF SERVICE  12     HCPCS  {'  '.join(c.codes)}     PT DOB "
                 f"{slashes(p.dob)}   Sex {p.sex}   HT {c.height}   WT {c.weight}", "Courier", 8)
        pen.rect(X0, 144, X1 - X0, 22, lw=0.6)
        pen.text(X0 + 3, 158, f"PHYSICIAN: {ctx.physician.name.upper()}   UPIN/NPI "
                 f"{ctx.physician.npi}   TEL {ctx.clinic.phone}", "Courier", 8)
        pen.rect(X0, 166, X1 - X0, 12, lw=0.6)
        pen.text(X0 + 3, 175, "SECTION B:  Information in this Section May Not Be Completed by "
                 "the Supplier of the Items/Supplies.", "Times-Bold", 8)
        y = 192
        pen.text(X0 + 3, y, "EST. LENGTH OF NEED (# OF MONTHS):", "Times-Roman", 8)
        pen.blank(X0 + 150, y, 30)
        pen.hand(X0 + 156, y - 1, str(c.lon), 11)
        pen.text(X0 + 200, y, "1-99 (99=LIFETIME)   DIAGNOSIS CODES (ICD-9):", "Times-Roman", 8)
        for i, code in enumerate(c.dx):
            pen.blank(X0 + 380 + i * 55, y, 50)
            pen.hand(X0 + 384 + i * 55, y - 1, code, 11)
        y += 14
        pen.text(X0 + 3, y, "ANSWERS", "Times-Bold", 8)
        pen.text(X0 + 90, y, "ANSWER QUESTIONS 1-10.  (Circle Y for Yes, N for No, or D for Does "
                 "Not Apply, unless otherwise noted.)", "Times-Bold", 8)
        pen.line(X0, y + 4, X1, y + 4, 0.6)
        y += 18
        qx, qw = X0 + 104, X1 - X0 - 108

        def q(n: int, yy: float) -> float:
            pen.text(X0 + 88, yy, f"{n}.", "Times-Bold", 8)
            return pen.para(qx, yy, qw, Q_484_2[n - 1], "Times-Roman", 8, 9.6)

        def letter(yy: float, ans: str | None) -> None:
            pen.blank(X0 + 10, yy, 26)
            pen.text(X0 + 40, yy, "Y N D", "Times-Roman", 7.5)
            if ans:
                pen.hand(X0 + 16, yy - 1, ans, 13)

        for i, (lab, v, unit) in enumerate((("a)", c.q1a, "mm Hg"), ("b)", c.q1b, "%"))):
            pen.text(X0 + 3, y + i * 12, lab, "Times-Roman", 8)
            pen.blank(X0 + 16, y + i * 12, 34)
            pen.text(X0 + 53, y + i * 12, unit, "Times-Roman", 7.5)
            if v is not None:
                pen.hand(X0 + 22, y + i * 12 - 1, str(v), 11)
        pen.text(X0 + 3, y + 24, "c)", "Times-Roman", 8)
        pen.hand(X0 + 16, y + 23, slashes(c.q1c), 10)
        y = max(q(1, y), y + 30) + 6
        letter(y, "Y" if c.q2 in (1, 2) else "N")
        y = q(2, y) + 5
        for i in range(3):
            pen.text(X0 + 10 + i * 16, y, str(i + 1), "Times-Roman", 8)
        pen.circle(X0 + 12 + (c.q3 - 1) * 16, y - 3, 6, 6.5)
        y = q(3, y) + 4
        y = q(4, y)
        pen.hand(qx + 10, y + 2, f"{tester.name}, {tester.address}", 10)
        y += 18
        letter(y, c.q4)
        y = q(5, y) + 5
        pen.blank(X0 + 10, y, 30)
        pen.hand(X0 + 16, y - 1, fmt_flow(c.q5) if c.q5 else "X", 11)
        pen.text(X0 + 44, y, "LPM", "Times-Roman", 7.5)
        y = q(6, y) + 5
        a6, b6, d6 = c.q6
        for i, (lab, v, unit) in enumerate((("a)", a6, "mm Hg"), ("b)", b6, "%"))):
            pen.text(X0 + 3, y + i * 12, lab, "Times-Roman", 8)
            pen.blank(X0 + 16, y + i * 12, 34)
            pen.text(X0 + 53, y + i * 12, unit, "Times-Roman", 7.5)
            if v is not None:
                pen.hand(X0 + 22, y + i * 12 - 1, str(v), 11)
        pen.text(X0 + 3, y + 24, "c)", "Times-Roman", 8)
        pen.hand(X0 + 16, y + 23, slashes(d6) if d6 else "", 10)
        y = max(q(7, y), y + 30) + 6
        pen.text(X0 + 88, y, "IF PO2 = 56-59 OR OXYGEN SATURATION = 89%, AT LEAST ONE OF THE "
                 "FOLLOWING CRITERIA MUST BE MET.", "Times-Bold", 7.8)
        y += 14
        for n, key in ((8, 7), (9, 8), (10, 9)):
            letter(y, c.g2.get(key))
            y = q(n, y) + 5
        pen.line(X0, y, X1, y, 0.6)
        y += 12
        pen.text(X0 + 3, y, "NAME OF PERSON ANSWERING SECTION B QUESTIONS, IF OTHER THAN PHYSICIAN "
                 "(Please Print): NAME __________  TITLE ________  EMPLOYER __________",
                 "Times-Roman", 7.2)
        y += 12
        pen.rect(X0, y, X1 - X0, 12, lw=0.6)
        pen.text(X0 + 3, y + 9, "SECTION C:  Narrative Description Of Equipment And Cost",
                 "Times-Bold", 8)
        y += 24
        for code in c.codes:
            pen.text(X0 + 10, y, f"{code} {CODE_TEXT[code]}  charge ${240 + 17 * len(code)}.00",
                     "Courier", 7.8)
            y += 10
        y = max(y, 680)
        pen.rect(X0, y, X1 - X0, 12, lw=0.6)
        pen.text(X0 + 3, y + 9, "SECTION D:  PHYSICIAN Attestation and Signature/Date",
                 "Times-Bold", 8)
        y = pen.para(X0 + 3, y + 21, X1 - X0 - 6, ATTEST, "Times-Roman", 6, 7.2)
        pen.text(X0 + 3, y + 12, "PHYSICIAN'S SIGNATURE", "Times-Bold", 7.5)
        pen.scribble(X0 + 110, y + 12, 150)
        pen.text(X0 + 360, y + 12, "DATE", "Times-Bold", 7.5)
        pen.hand(X0 + 390, y + 11, slashes(c.signed), 10)
        pen.text(X0, 778, "Form CMS-484 (09/05)  DME 484.2", "Times-Roman", 6.5)

    return Part("cmn", [Page(draw)], m, f, hard, last_date=c.signed)


LAYOUTS = {
    "cmn_484_circles": cmn_circles,
    "cmn_484_checkbox_typed": cmn_checkbox_2020,
    "cmn_484_draft_and_signed": cmn_draft_and_signed,
    "cmn_4842_handletters": cmn_4842_letters,
}


def cmn_for_signature(ctx: Ctx) -> Part:
    """The typed 2020 print a supplier sends for signature: Section D still blank."""
    c = make_cmn(ctx.rng, ctx)
    st = Style("box_typed", section_b_hand=False, footer="Form CMS-484 (10/20)")
    hard = ["unsigned CMN prepared by the supplier", "Q1 copies the enclosed oximetry"]
    return Part("cmn", [Page(lambda pen: draw_484_3(pen, ctx, c, st, ctx.physician))],
                cmn_truth(c, 1), cmn_facts(ctx, c), hard, last_date=c.cert_date)
