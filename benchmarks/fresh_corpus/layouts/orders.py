"""Orders: a supplier's check-box standard written order, a hand-written prescription pad,
and an EHR order print with question/answer rows."""

from __future__ import annotations

from datetime import datetime, timedelta

from ..context import Ctx
from ..pen import Pen
from ..synth import digits, fmt_date, fmt_flow, fmt_time, rand_time
from ..truth import Facts, M, Page, Part
from .common import LEFT, RIGHT, W, ehr_footer, letterhead, signature

CATALOGUE = [("E1390", "Oxygen concentrator, stationary (single port)"),
             ("E1392", "Portable oxygen concentrator (POC), rental"),
             ("E0431", "Portable gaseous system (E/D cylinders), rental"),
             ("E0443", "Portable oxygen contents, gaseous (1 month)"),
             ("E0439", "Stationary liquid oxygen system, rental"),
             ("E0434", "Portable liquid oxygen system, rental"),
             ("E0442", "Stationary liquid contents (1 month)"),
             ("K0738", "Home fill system (transfilling compressor)"),
             ("E0424", "Stationary compressed gaseous system, rental")]
PLANS = (["E1390", "E0431", "E0443"], ["E1390", "E1392"], ["E1390"], ["E0439", "E0434", "E0442"],
         ["E1392"], ["E1390", "K0738"], ["E0424", "E0431"])


def swo_checkbox(ctx: Ctx) -> Part:
    """Supplier SWO listing every item with a check box; only checked items are ordered."""
    rng, p = ctx.rng, ctx.patient
    chosen = set(rng.choice(PLANS))
    flow = float(rng.choice((1, 2, 2, 3, 4)))
    freq = rng.choice(("Continuous", "Nocturnal (sleep) only", "With exertion", "PRN"))
    sat = rng.randint(82, 88)
    cond = rng.choice(("At rest", "During exertion", "During sleep"))
    test_day = ctx.anchor
    for key, label in (("sleep_result", "During sleep"), ("walk_result", "During exertion")):
        hint = ctx.extra.get(key)            # in a packet, quote the enclosed test
        if isinstance(hint, tuple):
            sat, test_day, cond = hint[0], hint[1], label
    order_day = test_day + timedelta(days=rng.randint(1, 9))
    signed = order_day + timedelta(days=rng.randint(0, 5))
    title = rng.choice(("STANDARD WRITTEN ORDER (SWO) - HOME OXYGEN",
                        "DETAILED WRITTEN ORDER - OXYGEN THERAPY"))
    setting = {"At rest": "rest", "During exertion": "exercise", "During sleep": "sleep"}[cond]
    m = [M("spo2", sat, setting, "room_air", None, "oximetry", test_day, 1, optional=True)]
    f = Facts(p.truth_name, p.dob, None, None, None)
    f.add_codes(sorted(chosen))
    hard = ["every item printed with a HCPCS code; only checked boxes are ordered",
            "qualifying value quoted on the order (a copy, optional)",
            "titration goal is not a result", "order date vs test date vs signature date"]

    def draw(pen: Pen) -> None:
        y = letterhead(pen, ctx.supplier, rng.choice(("band", "center")))
        pen.text(W / 2, y + 2, title, "Helvetica-Bold", 11.5, "center")
        y += 14
        pairs = [("Beneficiary:", p.name("first_last")), ("DOB:", fmt_date(p.dob, "mdy")),
                 ("MBI:", p.mbi), ("Phone:", p.phone),
                 ("Order date:", fmt_date(order_day, "mdy")),
                 ("Start date:", fmt_date(order_day, "mdy"))]
        for i, (k, v) in enumerate(pairs):
            pen.kv(LEFT + (i % 2) * 270, y + 12 + (i // 2) * 14, k, v, "Helvetica", 9)
        y += 60
        rows = [["", "HCPCS", "Item description", "Qty"]]
        for code, desc in CATALOGUE:
            rows.append(["", code, desc, "1" if code in chosen else ""])
        y0 = y
        y = pen.table(LEFT, y, [24, 60, 360, 40], rows, "Helvetica", 8.8, 16, rules="grid",
                      header_fill=0.88)
        mark = rng.choice(("x", "tick", "fill"))
        for i, (code, _desc) in enumerate(CATALOGUE):
            pen.checkbox(LEFT + 8, y0 + 16 * (i + 1) + 4, mark if code in chosen else None, 8)
        y += 20
        pen.text(LEFT, y, "Flow rate:", "Helvetica-Bold", 9.5)
        pen.blank(LEFT + 55, y, 34)
        pen.hand(LEFT + 62, y - 1, fmt_flow(flow), 12)
        pen.text(LEFT + 92, y, "L/min   via", "Helvetica", 9.5)
        for i, dev in enumerate(("Nasal cannula", "Mask", "Other ______")):
            pen.checkbox(LEFT + 150 + i * 100, y - 8, "x" if i == 0 else None)
            pen.text(LEFT + 163 + i * 100, y, dev, "Helvetica", 9.5)
        y += 18
        pen.text(LEFT, y, "Frequency:", "Helvetica-Bold", 9.5)
        opts = ("Continuous", "Nocturnal (sleep) only", "With exertion", "PRN")
        for i, o in enumerate(opts):
            pen.checkbox(LEFT + 65 + i * 118, y - 8, "x" if o == freq else None)
            pen.text(LEFT + 78 + i * 118, y, o, "Helvetica", 9.5)
        y += 18
        pen.text(LEFT, y, "Length of need:", "Helvetica-Bold", 9.5)
        lifetime = rng.random() < 0.7
        pen.checkbox(LEFT + 90, y - 8, "x" if lifetime else None)
        pen.text(LEFT + 103, y, "99 months (lifetime)", "Helvetica", 9.5)
        pen.checkbox(LEFT + 230, y - 8, None if lifetime else "x")
        pen.text(LEFT + 243, y, "_____ months", "Helvetica", 9.5)
        if not lifetime:
            pen.hand(LEFT + 248, y - 2, "12", 12)
        y += 18
        pen.text(LEFT, y, "Diagnosis (ICD-10):", "Helvetica-Bold", 9.5)
        pen.text(LEFT + 100, y, rng.choice(("J44.9 COPD", "J84.10 ILD", "J96.11 Chronic resp "
                                            "failure w/ hypoxia")), "Helvetica", 9.5)
        y += 18
        pen.text(LEFT, y, "Titrate to keep SpO2 at or above 90%; do not exceed 4 L/min unless "
                 "instructed.", "Helvetica-Oblique", 9)
        y += 22
        pen.rect(LEFT, y, RIGHT - LEFT, 44, lw=0.6)
        pen.text(LEFT + 6, y + 12, "Qualifying test (for supplier file): SpO2", "Helvetica", 9)
        pen.blank(LEFT + 190, y + 12, 30)
        pen.hand(LEFT + 195, y + 11, str(sat), 12)
        pen.text(LEFT + 223, y + 12, "%  on room air", "Helvetica", 9)
        for i, o in enumerate(("At rest", "During exertion", "During sleep")):
            pen.checkbox(LEFT + 10 + i * 110, y + 20, "x" if o == cond else None)
            pen.text(LEFT + 23 + i * 110, y + 28, o, "Helvetica", 9)
        pen.text(LEFT + 350, y + 28, "Test date:", "Helvetica", 9)
        pen.hand(LEFT + 400, y + 27, fmt_date(test_day, "mdy_short"), 11)
        y += 60
        pen.text(LEFT, y, f"Practitioner: {ctx.physician.name}   NPI {ctx.physician.npi}",
                 "Helvetica", 9.5)
        signature(pen, LEFT, y + 12, ctx.physician, signed, False, "Practitioner signature")
        pen.text(W / 2, 750, f"Please fax signed order to {ctx.supplier.fax}. Thank you!",
                 "Helvetica-Bold", 9, "center")

    return Part("order", [Page(draw)], m, f, hard, last_date=signed)


def rx_pad(ctx: Ctx) -> Part:
    """Half-letter prescription pad filled in by hand; equipment in words, codes only if written."""
    rng, p = ctx.rng, ctx.patient
    flow = float(rng.choice((1, 2, 2, 3)))
    variant = rng.choice(("conc_tanks", "poc", "conc_poc_codes", "liquid"))
    lines, codes, equip = [], [], set()
    if variant == "conc_tanks":
        lines.append("O2 concentrator + portable E tanks")
        equip = {"stationary", "portable"}
    elif variant == "poc":
        lines.append("Portable O2 concentrator (POC)")
        equip = {"portable"}
    elif variant == "conc_poc_codes":
        lines.append("Concentrator E1390 + POC E1392")
        codes = ["E1390", "E1392"]
    else:
        lines.append("Liquid O2 - stationary + portable")
        equip = {"stationary", "portable"}
    quote = rng.random() < 0.5
    sat = rng.randint(83, 88)
    test_day = ctx.anchor - timedelta(days=rng.randint(0, 5))
    day = ctx.anchor
    m = [M("spo2", sat, "rest", "room_air", None, "oximetry", test_day, 1, optional=True,
           accept={"date": [day, None]})] if quote else []
    f = Facts(p.truth_name, p.dob, None, None, None)
    f.add_codes(codes)
    f.requested_equipment |= equip
    hard = ["half-letter page", "everything hand-written", "equipment in words",
            "copied saturation (optional)" if quote else "no test value"]

    def draw(pen: Pen) -> None:
        pen.text(198, 30, ctx.clinic.name, "Times-Bold", 11.5, "center")
        pen.text(198, 42, ctx.clinic.address, "Times-Roman", 7, "center")
        pen.text(198, 52, f"{ctx.physician.name}   NPI {ctx.physician.npi}   {ctx.clinic.phone}",
                 "Times-Roman", 7, "center")
        pen.line(20, 58, 376, 58, 0.8)
        pen.text(24, 80, "Name", "Times-Roman", 9)
        pen.blank(52, 80, 190)
        pen.hand(58, 78, p.name("first_last"), 13)
        pen.text(250, 80, "Date", "Times-Roman", 9)
        pen.blank(274, 80, 95)
        pen.hand(278, 78, fmt_date(day, "mdy_short"), 12)
        pen.text(24, 102, "Address", "Times-Roman", 9)
        pen.blank(62, 102, 180)
        pen.hand(66, 100, f"{p.street}", 11)
        pen.text(250, 102, "DOB", "Times-Roman", 9)
        pen.blank(274, 102, 95)
        pen.hand(278, 100, fmt_date(p.dob, "mdy_short"), 12)
        pen.text(26, 150, "R", "Times-Bold", 34)
        pen.text(46, 158, "x", "Times-Bold", 20)
        rx = [f"Home O2 {fmt_flow(flow)} L/min via NC",
              rng.choice(("continuous 24h/day", "w/ sleep + exertion", "continuous + w/ exertion")),
              *lines, rng.choice(("Dx: COPD J44.9", "Dx: J96.11 chr hypoxic resp failure",
                                  "Dx: ILD J84.10")),
              "LON: 99 mo (lifetime)"]
        if quote:
            rx.append(f"SpO2 {sat}% RA at rest {fmt_date(test_day, 'md')}")
        y = 190
        for line in rx:
            pen.hand(80, y, line, 13.5)
            y += 26
        pen.text(24, 540, "Substitution permitted", "Times-Roman", 8)
        pen.text(220, 540, "Dispense as written", "Times-Roman", 8)
        pen.line(24, 575, 200, 575, 0.5)
        pen.scribble(30, 570, 140)
        pen.text(24, 586, "Prescriber signature", "Times-Roman", 8)
        pen.text(376, 600, f"Rx {digits(rng, 7)}", "Times-Roman", 6.5, "right")

    return Part("order", [Page(draw, (396.0, 612.0))], m, f, hard)


def ehr_order(ctx: Ctx) -> Part:
    """EHR order-detail print: several orders, question/answer rows, order comments quoting a
    saturation, a future test ordered (not a result)."""
    rng, p = ctx.rng, ctx.patient
    flow = float(rng.choice((1, 2, 3)))
    sat = rng.randint(83, 88)
    cond = rng.choice(("At rest, room air", "With exertion, room air"))
    test_day = ctx.anchor
    placed = datetime.combine(test_day + timedelta(days=rng.randint(0, 6)), rand_time(rng, 8, 17))
    equip_opts = rng.choice((("Stationary concentrator", "Portable concentrator"),
                             ("Stationary concentrator",), ("Portable gaseous cylinders",),
                             ("Stationary concentrator", "Portable gaseous cylinders")))
    show_code = rng.random() < 0.5
    setting = "rest" if cond.startswith("At rest") else "exercise"
    m = [M("spo2", sat, setting, "room_air", None, "oximetry", test_day, 1, optional=True)]
    f = Facts(p.truth_name, p.dob, None, None, None)
    for e in equip_opts:
        f.requested_equipment.add("stationary" if e.startswith("Stationary") else "portable")
    if show_code:
        f.add_codes(["E1390"] if "Stationary concentrator" in equip_opts else [])
    hard = ["question/answer rows of an EHR order", "qualifying value in the order (optional)",
            "'Overnight oximetry' ordered for the future is not a result",
            "order IDs and NPIs among the numbers"]

    def draw(pen: Pen) -> None:
        pen.text(LEFT, 36, "Orders - Signed", "Helvetica-Bold", 13)
        pen.text(RIGHT, 36, ctx.clinic.name, "Helvetica", 8.5, "right")
        pen.rect(LEFT, 44, RIGHT - LEFT, 28, lw=0, fill=0.93, stroke=False)
        pen.text(LEFT + 6, 56, f"{p.name('Last_First')} (MRN {p.mrn})", "Helvetica-Bold", 9.5)
        pen.text(LEFT + 6, 67, f"DOB {fmt_date(p.dob, 'mdy')}  {p.age_on(test_day)} y.o. {p.sex}"
                 f"   PCP {ctx.physician.name}", "Helvetica", 8)
        y = 92
        pen.text(LEFT, y, f"DME Home Oxygen  [Order #{digits(rng, 9)}]", "Helvetica-Bold", 10)
        y += 6
        rows = [["Question", "Answer"],
                ["Oxygen delivery", "Nasal cannula"],
                ["Flow rate (L/min)", fmt_flow(flow)],
                ["Frequency", rng.choice(("Continuous", "With exertion and sleep"))],
                ["Equipment", "; ".join(equip_opts)],
                ["Qualifying SpO2 (%)", str(sat)],
                ["Qualifying test condition", cond],
                ["Qualifying test date", fmt_date(test_day, "mdy")],
                ["Length of need", "Lifetime (99 months)"],
                ["Preferred supplier", ctx.supplier.name]]
        if show_code and "Stationary concentrator" in equip_opts:
            rows.append(["Billing code", "E1390"])
        y = pen.table(LEFT, y, [180, 348], rows, "Helvetica", 8.8, 15, rules="rows")
        y += 14
        pen.kv(LEFT, y, "Ordered by:", f"{ctx.physician.name} (NPI {ctx.physician.npi})",
               "Helvetica", 8.8)
        pen.kv(LEFT + 300, y, "Placed:", f"{fmt_date(placed.date(), 'mdy')} "
               f"{fmt_time(placed.time(), 'ampm')}", "Helvetica", 8.8)
        y += 14
        y = pen.para(LEFT, y, 528, f"Order comments: Pt desaturates with activity; please deliver "
                     f"and set up. Goal SpO2 88-92%. Contact {ctx.clinic.phone} with questions.",
                     "Helvetica", 8.8)
        y += 16
        pen.text(LEFT, y, f"Overnight Oximetry (ONO)  [Order #{digits(rng, 9)}]", "Helvetica-Bold",
                 10)
        y += 6
        rows = [["Question", "Answer"], ["Status", "Ordered - to be scheduled"],
                ["On room air or oxygen", "Room air"],
                ["Reason", "Rule out nocturnal hypoxemia; qualify if SpO2 <= 88% for 5 min"],
                ["Expected date", fmt_date(placed.date() + timedelta(days=14), "mdy")]]
        y = pen.table(LEFT, y, [180, 348], rows, "Helvetica", 8.8, 15, rules="rows")
        y += 16
        pen.text(LEFT, y, f"Ambulatory referral to Pulmonology  [Order #{digits(rng, 9)}]",
                 "Helvetica-Bold", 10)
        pen.text(LEFT, y + 14, "Reason: COPD with exertional hypoxemia. Priority: Routine.",
                 "Helvetica", 8.8)
        pen.text(LEFT, y + 36, f"Electronically signed by {ctx.physician.name} on "
                 f"{fmt_date(placed.date(), 'mdy')}", "Helvetica-Oblique", 8.5)
        ehr_footer(pen, ctx.clinic.name, 1, 1, placed + timedelta(days=rng.randint(0, 3),
                                                                  hours=2))

    return Part("order", [Page(draw)], m, f, hard)


LAYOUTS = {
    "order_swo_checkbox": swo_checkbox,
    "order_rx_pad": rx_pad,
    "order_ehr_print": ehr_order,
}
