"""Narrative documents: a SOAP progress note, a two-page consult letter, a letter of medical
necessity (sometimes for cluster headache), and a two-column inpatient H&P."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from ..context import Ctx
from ..flow import Flow, wrap
from ..pen import Pen
from ..synth import MONTHS, clinician, digits, fmt_date, fmt_flow, fmt_time, rand_time
from ..truth import Facts, M, Page, Part
from . import clinical
from .clinical import Story
from .common import LEFT, RIGHT, letterhead, signature

DX = ("COPD (J44.9)", "Emphysema (J43.9)", "Interstitial lung disease (J84.10)",
      "Chronic hypoxemic respiratory failure (J96.11)", "Obesity hypoventilation (E66.2)")
CODE_WORDS = {"E1390": "stationary concentrator", "E1392": "portable concentrator",
              "E0431": "portable gaseous system"}
BODY = 12.0       # consult letters are set large, so they run onto a second page
JOBS = ("machinist", "farmer", "teacher", "welder", "bus driver")
MEDS = ("tiotropium 18 mcg daily", "budesonide/formoterol 160/4.5 2 puffs BID",
        "albuterol HFA PRN", "furosemide 20 mg daily", "lisinopril 10 mg daily",
        "atorvastatin 40 mg nightly", "prednisone 10 mg daily", "metoprolol 25 mg BID")


def _abg_slash(s: Story, on_flow: float | None, day: date, label: str = "ABG") -> clinical.Sentence:
    """'ABG 7.38/48/55 on RA': pH/pCO2/pO2 shorthand."""
    rng = s.rng
    po2 = rng.randint(48, 60) if on_flow is None else rng.randint(60, 80)
    ox = "on RA" if on_flow is None else f"on {fmt_flow(on_flow)}L NC"
    text = (f"{label} {fmt_date(day, 'mdy_short')}: {rng.choice(('7.36', '7.38', '7.41', '7.34'))}"
            f"/{rng.randint(40, 58)}/{po2} {ox}.")
    return text, [M("pao2", po2, "rest", "room_air" if on_flow is None else "supplemental",
                    on_flow, "abg", day, 0, accept={"setting": [None]})]


def progress_note(ctx: Ctx) -> Part:
    """SOAP office note with vitals line, negations, family history and plan thresholds."""
    rng, p = ctx.rng, ctx.patient
    day = ctx.anchor
    f = Facts(p.truth_name, p.dob, None, None, "physician", accept={"performed_by": [None]})
    s = Story(rng, f, day)
    clinical.findings(s)
    home_o2 = rng.random() < 0.35
    flow = float(rng.choice((1, 2, 2, 3)))
    vit_ms: list[M] = []
    if home_o2:
        phrase, m1 = clinical.rest_sat(s, on_o2=flow)
        vit_ms.append(m1)
        off, m2 = clinical.rest_sat(s)
        vit = phrase
        extra = f"Off oxygen for 5 minutes at rest: {off}."
        vit_ms.append(m2)
    else:
        vit, m1 = clinical.rest_sat(s)
        vit_ms.append(m1)
        extra = ""
    exert = rng.random() < 0.5
    hist = rng.random() < 0.4
    abg = rng.random() < 0.3
    hard = ["vitals line with pipes", "negations in ROS/exam", "plan thresholds and goals",
            *s.hard]
    if home_o2:
        hard.append("resting value on home O2 plus an off-O2 value")
    ds = rng.choice(("mdy", "long", "mdy_short"))
    head_style = rng.choice(("center", "left"))

    def decor(pen: Pen, page: int, total: int) -> float:
        if page == 1:
            y = letterhead(pen, ctx.clinic, head_style)
            pen.text(LEFT, y + 4, "PROGRESS NOTE", "Helvetica-Bold", 12)
            pen.text(RIGHT, y + 4, f"Date of service: {fmt_date(day, ds)}", "Helvetica", 9,
                     "right")
            pen.rect(LEFT, y + 10, RIGHT - LEFT, 28, lw=0.6)
            pen.text(LEFT + 6, y + 22, f"Patient: {p.name('Last_First')}    DOB: "
                     f"{fmt_date(p.dob, 'mdy')}    MRN: {p.mrn}", "Helvetica", 9)
            pen.text(LEFT + 6, y + 34, f"Provider: {ctx.physician.name}    Visit type: "
                     f"Follow-up, established patient", "Helvetica", 9)
            first = y + 44
        else:
            pen.text(LEFT, 40, f"{p.name('Last_First')}  DOB {fmt_date(p.dob, 'mdy')}  "
                     f"DOS {fmt_date(day, 'mdy')}", "Helvetica", 8)
            first = 50
        pen.text(RIGHT, 770, f"Page {page} of {total}", "Helvetica", 7.5, "right")
        return first

    fl = Flow(LEFT, RIGHT - LEFT, 745, decor)
    fl.add(rng.choice(("Shortness of breath, follow-up COPD.", "Dyspnea on exertion.",
                       "Oxygen evaluation.")), "CC:")
    hpi = (f"{p.age_on(day)}-year-old {'woman' if p.sex == 'F' else 'man'} with "
           f"{rng.choice(DX)} presents for follow-up. Reports dyspnea after one flight of stairs. "
           + ("Uses home oxygen " + rng.choice(("continuously", "at night and with exertion"))
              + f" at {fmt_flow(flow)} L/min. " if home_o2 else "Not on home oxygen. ")
           + rng.choice(("No recent exacerbation or hospitalization.",
                         "Completed prednisone burst 4 weeks ago, now back to baseline.")))
    hms: list[M] = []
    if hist:
        t, hm = clinical.history_sentence(s)
        hpi += " " + t
        hms += hm
    fl.add(hpi, "HPI:", ms=hms)
    pmh, pm = s.text("pmh")
    fl.add("; ".join(rng.sample(DX, 2)) + ". Hypertension. " + pmh, "PMH:", ms=pm)
    fl.add(", ".join(rng.sample(MEDS, 4)) + ".", "Medications:")
    fh, fm = s.text("fh")
    fl.add(fh or "Noncontributory.", "Family history:", ms=fm)
    fl.add(f"Former smoker, {rng.randint(20, 60)} pack-years, quit {day.year - rng.randint(1, 15)}."
           " Lives with spouse.", "Social:")
    ros, rm = s.text("ros")
    fl.add((ros + " " if ros else "") + "Denies chest pain, fever or hemoptysis.", "ROS:", ms=rm)
    vl = (f"BP {rng.randint(110, 160)}/{rng.randint(60, 94)} | HR {rng.randint(64, 104)} | RR "
          f"{rng.randint(14, 24)} | Temp {rng.uniform(97.2, 99.0):.1f} F | {vit} | Wt "
          f"{rng.randint(120, 260)} lb")
    fl.add(vl + (" " + extra if extra else ""), "Vitals:", ms=vit_ms)
    exam, em = s.text("exam")
    fl.add("General: no acute distress. Lungs: " + rng.choice((
        "diminished breath sounds bilaterally, prolonged expiration.",
        "bibasilar fine crackles.", "scattered expiratory wheezes.")) + " CV: regular rate. "
        + exam, "Exam:", ms=em)
    data, dm = s.text("data")
    if exert:
        t, xm = clinical.exertion_sentence(s, flow)
        data = (data + " " + t).strip()
        dm += xm
    if abg:
        t, am = _abg_slash(s, None, day - timedelta(days=rng.randint(1, 20)))
        data = (data + " " + t).strip()
        dm += am
        hard.append("ABG in pH/pCO2/pO2 slash shorthand")
    if data:
        fl.add(data, "Data:", ms=dm)
    fl.heading("Assessment and Plan:", size=9.5, space_before=8)
    asmt, asm = s.text("assessment")
    plan, pl = s.text("plan")
    items = [f"1. {rng.choice(DX)} - {asmt} Continue inhalers.".replace("-  ", "- "),
             "2. Hypoxemia - " + " ".join(clinical.plan_sentences(s)) + (" " + plan if plan
                                                                          else ""),
             f"3. Follow up in {rng.choice((4, 6, 8, 12))} weeks."]
    fl.add(items[0], ms=asm, x_indent=10)
    fl.add(items[1], ms=pl, x_indent=10)
    fl.add(items[2], x_indent=10)
    pages = fl.pages(tail=lambda pen, y: signature(pen, LEFT, y + 6, ctx.physician, day,
                                                           rng.random() < 0.6), tail_height=40)
    ms = [m for b in fl.blocks for m in b.ms]
    return Part("progress_note", pages, ms, f, hard)


def consult_letter(ctx: Ctx) -> Part:
    """Pulmonary consult letter: letterhead, prose with month-day dates, running header."""
    rng, p = ctx.rng, ctx.patient
    day = ctx.anchor
    f = Facts(p.truth_name, p.dob, None, None, "physician", accept={"performed_by": [None]})
    s = Story(rng, f, day)
    clinical.findings(s)
    pulm = clinician(rng, "MD", p.last)
    abg_day = day - timedelta(days=rng.randint(2, 25))
    if abg_day.year != day.year:
        abg_day = day.replace(day=1)
    po2 = rng.randint(49, 62)
    ex_day = day
    rest = rng.randint(86, 92)
    ex = rng.randint(80, 88)
    flow = float(rng.choice((2, 3)))
    on = rng.randint(90, 95)
    ms_abg = [M("pao2", po2, "rest", "room_air", None, "abg", abg_day, 0,
                accept={"setting": [None]})]
    ms_walk = [M("spo2", rest, "rest", "room_air", None, "oximetry", ex_day, 0),
               M("spo2", ex, "exercise", "room_air", None, "oximetry", ex_day, 0),
               M("spo2", on, "exercise", "supplemental", flow, "oximetry", ex_day, 0)]
    hard = ["prose dates without a year ('on March 3')", "letterhead full of digits",
            "running header on page 2", "PFT numbers next to saturations", *s.hard]
    month_day = f"{MONTHS[abg_day.month - 1]} {abg_day.day}"
    dx = rng.choice(DX)

    def decor(pen: Pen, page: int, total: int) -> float:
        if page == 1:
            y = letterhead(pen, ctx.clinic, "left", sub="Pulmonary, Critical Care & Sleep "
                           "Medicine")
            pen.text(LEFT, y + 6, fmt_date(day + timedelta(days=1), "long"), "Times-Roman", 11)
            y = pen.lines(LEFT, y + 32, [ctx.physician.name, "Referring physician",
                                         ctx.hospital.name, ctx.hospital.address], "Times-Roman",
                          10.5, 13)
            pen.text(LEFT, y + 8, f"Re: {p.full}, DOB {fmt_date(p.dob, 'mdy')}", "Times-Bold",
                     11)
            return y + 16
        pen.lines(LEFT, 44, [ctx.physician.name, f"Re: {p.full}", f"Page {page}"],
                  "Times-Roman", 10, 12.5)
        return 86

    fl = Flow(LEFT + 18, RIGHT - LEFT - 36, 700, decor)
    body = "Times-Roman"
    fl.add(f"Dear {ctx.physician.dr},", font=body, size=BODY, space_before=10)
    fl.add(f"Thank you for asking me to see {p.first} {p.last} in pulmonary consultation on "
           f"{fmt_date(day, 'long')} for progressive dyspnea and evaluation for home oxygen.",
           font=body, size=BODY, space_before=8)
    she = "She" if p.sex == "F" else "He"
    fl.add(f"Over the past {rng.randint(3, 12)} months {she.lower()} has noticed breathlessness "
           f"walking about {rng.choice((50, 100, 150))} feet on level ground and needs to rest "
           f"halfway up a flight of stairs. {she} sleeps on {rng.randint(2, 3)} pillows and wakes "
           f"with morning headaches {rng.randint(2, 5)} times a week. There were "
           f"{rng.randint(1, 3)} exacerbations treated with prednisone in the past year, one "
           f"requiring admission to {ctx.hospital.name} in {MONTHS[rng.randint(0, 11)]} "
           f"{day.year - 1}, when {she.lower()} needed supplemental oxygen for several days.",
           font="Times-Roman", size=BODY, space_before=8)
    pmh, pm = s.text("pmh")
    fl.add(f"{she} has a history of {dx} and "
           f"hypertension. {pmh} Current medications include " + ", ".join(rng.sample(MEDS, 3))
           + ".", font=body, size=BODY, space_before=8, ms=pm)
    fh, fm = s.text("fh")
    if fh:
        fl.add("Family history: " + fh, font=body, size=BODY, space_before=8, ms=fm)
    exam, em = s.text("exam")
    fl.add(f"On examination today the resting oxygen saturation was {rest}% on room air, heart "
           f"rate {rng.randint(70, 100)}. {exam} With ambulation in the clinic corridor "
           f"{'her' if p.sex == 'F' else 'his'} saturation fell to {ex}% on room air and was "
           f"{on}% on {fmt_flow(flow)} L/min by nasal cannula while walking.", font=body, size=BODY,
           space_before=8, ms=em + ms_walk)
    data, dm = s.text("data")
    fl.add(f"On {month_day} an arterial blood gas on room air showed pH 7.{rng.randint(35, 44)}, "
           f"PaCO2 {rng.randint(38, 55)} mm Hg and PaO2 {po2} mm Hg. Spirometry showed FEV1 "
           f"{rng.uniform(0.7, 1.6):.2f} L ({rng.randint(28, 60)}% predicted), FEV1/FVC "
           f"{rng.uniform(0.4, 0.65):.2f}. " + data, font=body, size=BODY, space_before=8,
           ms=ms_abg + dm)
    asmt, asm = s.text("assessment")
    plan, pl = s.text("plan")
    fl.add(f"Social history: former smoker, {rng.randint(25, 70)} pack-years, quit in "
           f"{day.year - rng.randint(2, 20)}. Retired {rng.choice(JOBS)}. "
           f"Lives with {rng.choice(('spouse', 'daughter', 'a roommate'))} in a two-story home. "
           f"CT chest {fmt_date(day - timedelta(days=rng.randint(30, 300)), 'mdy_short')}: "
           f"{rng.choice(('centrilobular emphysema', 'basilar reticulation', 'mild emphysema'))}, "
           f"no pulmonary embolism, main pulmonary artery {rng.uniform(2.6, 3.6):.1f} cm.",
           font=body, size=BODY, space_before=8)
    fl.add("Impression: " + dx + " with resting and exertional hypoxemia. " + asmt,
           font=body, size=BODY, space_before=8, ms=asm)
    fl.add("Recommendations: (1) Home oxygen at " + fmt_flow(flow) + " L/min continuous and with "
           "exertion, stationary concentrator with a portable system. (2) " +
           " ".join(clinical.plan_sentences(s)) + " " + plan + " (3) Pulmonary rehabilitation "
           "referral. I will see " + ("her" if p.sex == "F" else "him") + " again in three "
           "months.", font=body, size=BODY, space_before=8, ms=pl)
    fl.add("Thank you for this kind referral.", font=body, size=BODY, space_before=10)
    f.requested_equipment |= {"stationary", "portable"}

    def tail(pen: Pen, y: float) -> float:
        pen.text(LEFT, y + 6, "Sincerely,", "Times-Roman", 11)
        pen.scribble(LEFT, y + 34, 120)
        pen.text(LEFT, y + 50, pulm.name, "Times-Roman", 11)
        pen.text(LEFT, y + 63, f"cc: {ctx.supplier.name}", "Times-Roman", 9)
        return y + 70

    pages = fl.pages(tail, 75)
    ms = [m for b in fl.blocks for m in b.ms]
    return Part("consult_letter", pages, ms, f, hard)


def lomn(ctx: Ctx) -> Part:
    """Letter of medical necessity to a plan: bullets, relative dates, codes in the request;
    one in five is for cluster headache (no saturations at all)."""
    rng, p = ctx.rng, ctx.patient
    letter_day = ctx.anchor + timedelta(days=rng.randint(2, 6))
    cluster = rng.random() < 0.25
    f = Facts(p.truth_name, p.dob, None, None, "physician", accept={"performed_by": [None]})
    member = f"{rng.choice('ABCHKMW')}{digits(rng, 9)}"
    hard = ["letterhead, member ID and NPI digits", "bulleted test summary"]
    ms: list[M] = []
    bullets: list[str] = []
    if cluster:
        f.finding("cluster_headache", "affirmed")
        f.add_codes(["E0424"])
        hard.append("cluster headache indication, no saturations")
        paras = [f"I am writing on behalf of my patient, {p.full}, who has episodic cluster "
                 f"headache (G44.019) with {rng.randint(2, 6)} attacks daily during cycles "
                 f"lasting {rng.randint(4, 10)} weeks. Each untreated attack lasts "
                 f"{rng.randint(45, 120)} minutes.",
                 "Sumatriptan injections are limited by chest tightness. High-flow oxygen at "
                 "12-15 L/min by non-rebreather mask for 15 minutes aborts attacks reliably in "
                 "clinic.",
                 "I request a stationary compressed gas system (E0424) with regulator capable of "
                 "15 L/min and non-rebreather masks. The patient has no lung disease; oxygen "
                 "saturation is normal and is not the indication."]
    else:
        test_day = letter_day - timedelta(days=rng.randint(3, 20))
        walk_day = letter_day - timedelta(days=1)
        rest = rng.randint(84, 88)
        ex = rng.randint(80, 87)
        on = rng.randint(90, 95)
        flow = float(rng.choice((2, 3)))
        codes = rng.choice((["E1390", "E1392"], ["E1390", "E0431"], ["E1390"]))
        f.add_codes(codes)
        ms = [M("spo2", rest, "rest", "room_air", None, "oximetry", test_day, 1),
              M("spo2", ex, "exercise", "room_air", None, "oximetry", walk_day, 1),
              M("spo2", on, "exercise", "supplemental", flow, "oximetry", walk_day, 1)]
        hard += ["'on 3/4' without a year", "'yesterday' relative to the letter date"]
        paras = [f"I am writing to document the medical necessity of home oxygen for my patient, "
                 f"{p.full}, who has {rng.choice(DX)}.",
                 f"On {fmt_date(test_day, 'md')} {'her' if p.sex == 'F' else 'his'} resting "
                 f"oxygen saturation on room air was {rest}%. Yesterday, during a supervised walk "
                 f"in my office, saturation fell to {ex}% on room air and improved to {on}% on "
                 f"{fmt_flow(flow)} L/min.",
                 f"{'She' if p.sex == 'F' else 'He'} has been treated with maximal inhaled "
                 "therapy and pulmonary rehabilitation; alternatives have been considered and "
                 "found ineffective. Oxygen is expected to improve exercise tolerance. Target "
                 "saturation is 90% or above.",
                 "I am requesting: " + ", ".join(f"{c} ({CODE_WORDS[c]})" for c in codes)
                 + f", {fmt_flow(flow)} L/min continuous, length of need 99 months."]
        bullets = [f"Resting SpO2, room air: {rest}%", f"Exertional SpO2, room air: {ex}%",
                   f"Exertional SpO2 on {fmt_flow(flow)} L/min: {on}%"]

    def draw(pen: Pen) -> None:
        y = letterhead(pen, ctx.clinic, rng.choice(("left", "center")))
        pen.text(LEFT, y + 6, fmt_date(letter_day, "long"), "Helvetica", 10)
        y = pen.lines(LEFT, y + 30, ["Medical Review Department", "Heartland Community Health "
                                     "Plan", "PO Box 4410", "Millbrook, OH 43001"], "Helvetica",
                      10, 13)
        pen.text(LEFT, y + 8, "RE: LETTER OF MEDICAL NECESSITY - HOME OXYGEN", "Helvetica-Bold",
                 10)
        pen.text(LEFT, y + 22, f"Patient: {p.full}    DOB: {fmt_date(p.dob, 'mdy')}    "
                 f"Member ID: {member}", "Helvetica", 10)
        y += 44
        pen.text(LEFT, y, "To whom it may concern:", "Helvetica", 10)
        y += 18
        for i, para in enumerate(paras):
            y = pen.para(LEFT, y, 528, para, "Helvetica", 10) + 6
            if i == 1 and bullets:
                for b in bullets:
                    pen.text(LEFT + 14, y, "-", "Helvetica", 10)
                    pen.text(LEFT + 26, y, b, "Helvetica", 10)
                    y += 14
                y += 6
        pen.text(LEFT, y + 6, "Please contact my office with any questions.", "Helvetica", 10)
        pen.text(LEFT, y + 30, "Sincerely,", "Helvetica", 10)
        pen.scribble(LEFT, y + 56, 120)
        pen.text(LEFT, y + 72, f"{ctx.physician.name}   NPI {ctx.physician.npi}", "Helvetica", 10)

    return Part("lomn", [Page(draw)], ms, f, hard)


def hp_two_column(ctx: Ctx) -> Part:
    """Inpatient H&P in two columns: a narrow vitals/labs flowsheet on the left (SpO2, device
    and flow in separate rows), narrative on the right."""
    rng, p = ctx.rng, ctx.patient
    admit = datetime.combine(ctx.anchor, rand_time(rng, 0, 23))
    f = Facts(p.truth_name, p.dob, admit.date(), None, "hospital_lab",
              accept={"performed_by": [None, "physician"]})
    s = Story(rng, f, admit.date())
    clinical.findings(s, ("dependent_edema", "pulmonary_hypertension", "congestive_heart_failure"))
    t1 = admit
    t2 = admit + timedelta(minutes=rng.randint(20, 90))
    sat1, sat2 = rng.randint(78, 88), rng.randint(90, 96)
    flow = float(rng.choice((2, 3, 4)))
    hct = round(rng.uniform(36, 61), 1)
    po2 = rng.randint(50, 66)
    d = admit.date()
    ms = [M("spo2", sat1, "rest", "room_air", None, "oximetry", d, 1),
          M("spo2", sat2, "rest", "supplemental", flow, "oximetry", d, 1),
          M("hematocrit", hct, None, None, None, "lab", d, 1),
          M("pao2", po2, "rest", "supplemental", flow, "abg", d, 1, accept={"setting": [None]})]
    if hct > 56:
        f.finding("erythrocythemia", "optional")
    hard = ["two columns", "SpO2 / O2 device / flow on separate flowsheet rows",
            "acute admission values", "ABG in slash shorthand on oxygen", *s.hard]

    def draw(pen: Pen) -> None:
        pen.text(LEFT, 38, ctx.hospital.name, "Helvetica-Bold", 11)
        pen.text(RIGHT, 38, "HISTORY AND PHYSICAL", "Helvetica-Bold", 11, "right")
        pen.text(LEFT, 52, f"{p.name('last_first')}  |  MRN {p.mrn}  |  DOB "
                 f"{fmt_date(p.dob, 'mdy')}  |  Admit {fmt_date(d, 'mdy')}  |  Attending "
                 f"{clinician(rng, 'MD', p.last).name}", "Helvetica", 8)
        pen.line(LEFT, 58, RIGHT, 58, 0.8)
        lx, lw_, rx = LEFT, 160, LEFT + 175
        pen.line(rx - 8, 64, rx - 8, 740, 0.4)
        y = 74
        pen.rect(lx, y - 9, lw_, 13, lw=0, fill=0.88, stroke=False)
        pen.text(lx + 3, y, "VITALS (ED)", "Helvetica-Bold", 8.5)
        y += 14
        for t, rows in ((t1, [("Temp", f"{rng.uniform(36.8, 38.4):.1f} C"),
                              ("HR", str(rng.randint(96, 124))),
                              ("BP", f"{rng.randint(120, 170)}/{rng.randint(70, 100)}"),
                              ("RR", str(rng.randint(22, 32))), ("SpO2", f"{sat1} %"),
                              ("O2 Device", "Room air")]),
                        (t2, [("SpO2", f"{sat2} %"), ("O2 Device", "Nasal cannula"),
                              ("O2 Flow Rate (L/min)", fmt_flow(flow))])):
            pen.text(lx + 3, y, f"{fmt_date(t.date(), 'mdy_short')} {fmt_time(t.time())}",
                     "Helvetica-Bold", 8)
            y += 11
            for k, v in rows:
                pen.text(lx + 6, y, k, "Helvetica", 8)
                pen.text(lx + lw_ - 3, y, v, "Helvetica", 8, "right")
                y += 10.5
            y += 6
        pen.rect(lx, y - 9, lw_, 13, lw=0, fill=0.88, stroke=False)
        pen.text(lx + 3, y, "LABS", "Helvetica-Bold", 8.5)
        y += 14
        labs = [("WBC", f"{rng.uniform(6, 16):.1f}"), ("Hgb", f"{hct / 3:.1f}"), ("Hct", f"{hct}"),
                ("Na", str(rng.randint(133, 144))), ("Creat", f"{rng.uniform(0.7, 1.6):.2f}"),
                ("BNP", str(rng.randint(40, 900))), ("Trop", "<0.01")]
        for k, v in labs:
            pen.text(lx + 6, y, k, "Helvetica", 8)
            pen.text(lx + lw_ - 3, y, v, "Helvetica", 8, "right")
            y += 10.5
        y += 6
        pen.text(lx + 3, y, f"ABG {fmt_time(t2.time())}", "Helvetica-Bold", 8)
        y += 11
        for line in wrap(f"7.{rng.randint(30, 40)}/{rng.randint(45, 65)}/{po2}/"
                         f"{rng.randint(24, 34)} on {fmt_flow(flow)}L NC", "Helvetica", 8, lw_ - 6):
            pen.text(lx + 6, y, line, "Helvetica", 8)
            y += 10.5
        ry = 74
        rw = RIGHT - rx
        secs = [("Chief complaint", "Worsening shortness of breath for 3 days."),
                ("HPI", f"{p.age_on(d)} y/o with {rng.choice(DX)} presenting with increased "
                        "dyspnea, cough with purulent sputum and wheeze. In the ED saturation on "
                        "room air was low and improved on nasal cannula. Not on home O2."),
                ("PMH", "; ".join(rng.sample(DX, 2)) + ". " + s.text("pmh")[0]),
                ("Family history", s.text("fh")[0] or "Mother with COPD."),
                ("Exam", "Tachypneic, speaking in short sentences. Diffuse expiratory wheezes. "
                         + s.text("exam")[0]),
                ("Data", s.text("data")[0] or "CXR: hyperinflation, no consolidation."),
                ("Assessment/Plan", "Acute on chronic hypoxemic respiratory failure due to COPD "
                                    "exacerbation. Nebulized bronchodilators, prednisone 40 mg, "
                                    "doxycycline. Wean O2 to keep SpO2 88-92%. " +
                 s.text("assessment")[0] + " " + s.text("plan")[0] +
                 " Ambulatory oximetry before discharge to assess home O2 needs.")]
        for title, txt in secs:
            pen.text(rx, ry, title, "Helvetica-Bold", 9)
            ry = pen.para(rx, ry + 12, rw, txt, "Helvetica", 8.8) + 4
        signature(pen, rx, ry + 8, clinician(rng, "MD", p.last), d, True)

    return Part("history_physical", [Page(draw)], ms, f, hard)


LAYOUTS = {
    "note_soap_progress": progress_note,
    "note_consult_letter": consult_letter,
    "note_lomn": lomn,
    "note_hp_two_column": hp_two_column,
}
