"""Clinical prose with its truth: Group II findings under every assertion (affirmed, negated,
possible, historical, family), saturations in the many ways notes write them, and plans or
goals that look like values but are not."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from ..synth import fmt_date, fmt_flow, sat_label
from ..truth import Facts, M

Sentence = tuple[str, list[M]]


@dataclass
class Story:
    """Sentences per note section, with the measurements each sentence carries."""

    rng: random.Random
    facts: Facts
    day: date
    sections: dict[str, list[Sentence]] = field(default_factory=dict)
    hard: list[str] = field(default_factory=list)

    def add(self, section: str, text: str, ms: list[M] | None = None) -> None:
        self.sections.setdefault(section, []).append((text, list(ms or [])))

    def text(self, section: str) -> tuple[str, list[M]]:
        """All sentences of a section joined, with their measurements."""
        parts = self.sections.get(section, [])
        return " ".join(t for t, _ in parts), [m for _, ms in parts for m in ms]


# -- findings --------------------------------------------------------------------------------
def findings(s: Story, which: tuple[str, ...] = ("dependent_edema", "pulmonary_hypertension",
                                                  "cor_pulmonale", "p_pulmonale",
                                                  "erythrocythemia", "congestive_heart_failure")
             ) -> None:
    """Write each finding under a random assertion and record the truth."""
    rng, f, day = s.rng, s.facts, s.day
    for name in which:
        status = rng.choices(("affirmed", "negated", "other", "absent"), (35, 30, 20, 15))[0]
        if status == "absent":
            continue
        WRITERS[name](s, status, rng, f, day)


def _dependent_edema(s: Story, status: str, rng: random.Random, f: Facts, day: date) -> None:
    grade = rng.choice(("1+", "2+", "2+", "3+"))
    level = rng.choice(("ankles", "mid-shin", "knees"))
    if status == "affirmed":
        if rng.random() < 0.3:
            s.add("exam", f"Edema: no change from last visit, still {grade} pitting to the "
                          f"{level} bilaterally.")
            s.hard.append("pseudo-negation 'no change' before an affirmed edema")
        else:
            s.add("exam", f"Ext: {grade} pitting edema of both lower extremities to the {level}.")
        f.finding("dependent_edema", "affirmed")
    elif status == "negated":
        s.add("exam", rng.choice(("Ext: no clubbing, cyanosis or edema.",
                                  "Extremities without edema.",
                                  "No peripheral edema noted.")))
        if rng.random() < 0.5:
            s.add("ros", "Denies leg swelling or orthopnea.")
        f.finding("dependent_edema", "negated")
    else:
        s.add("pmh", f"Remote history of leg edema ({day.year - rng.randint(2, 6)}), resolved "
                     f"after diuretic adjustment.")
        s.hard.append("historical edema is not a current finding")


def _pulmonary_hypertension(s: Story, status: str, rng: random.Random, f: Facts,
                            day: date) -> None:
    when = fmt_date(day - timedelta(days=rng.randint(20, 200)), "mdy_short")
    if status == "affirmed":
        if rng.random() < 0.5:
            s.add("data", f"Echo {when}: RVSP {rng.randint(48, 78)} mmHg, RV mildly dilated, "
                          f"consistent with pulmonary hypertension.")
        else:
            s.add("data", f"Right heart catheterization {when}: mPAP {rng.randint(26, 44)} mmHg, "
                          f"PCWP {rng.randint(8, 14)} - precapillary pulmonary hypertension.")
        f.finding("pulmonary_hypertension", "affirmed")
    elif status == "negated":
        s.add("data", f"Echo {when}: normal RV size and function, RVSP {rng.randint(22, 32)} mmHg; "
                      f"no evidence of pulmonary hypertension.")
        f.finding("pulmonary_hypertension", "negated")
    elif rng.random() < 0.5:
        s.add("fh", rng.choice(("Sister with idiopathic pulmonary hypertension.",
                                "Mother had pulmonary hypertension and was on home oxygen.")))
        s.hard.append("family history of pulmonary hypertension")
    else:
        s.add("plan", "Possible pulmonary hypertension - will obtain echocardiogram to evaluate.")
        f.finding("pulmonary_hypertension", "optional")
        s.hard.append("possible pulmonary hypertension (optional)")


def _cor_pulmonale(s: Story, status: str, rng: random.Random, f: Facts, day: date) -> None:
    if status == "affirmed":
        s.add("assessment", "Chronic cor pulmonale secondary to COPD, clinically stable.")
        f.finding("cor_pulmonale", "affirmed")
    elif status == "negated":
        s.add("assessment", "No clinical signs of cor pulmonale.")
        f.finding("cor_pulmonale", "negated")
    else:
        s.add("plan", "Rule out cor pulmonale if edema recurs.")
        s.hard.append("hypothetical 'rule out cor pulmonale'")


def _p_pulmonale(s: Story, status: str, rng: random.Random, f: Facts, day: date) -> None:
    if status == "affirmed":
        s.add("data", f"EKG today: sinus rhythm {rng.randint(70, 98)}, P pulmonale (P wave "
                      f"{rng.choice(('3', '3.5', '4'))} mm in II, III, aVF).")
        f.finding("p_pulmonale", "affirmed")
    elif status == "negated":
        s.add("data", "EKG: normal sinus rhythm, no P pulmonale, no RVH.")
        f.finding("p_pulmonale", "negated")


def _erythrocythemia(s: Story, status: str, rng: random.Random, f: Facts, day: date) -> None:
    lab_day = day - timedelta(days=rng.randint(0, 20))
    when = fmt_date(lab_day, "mdy_short")
    if status == "affirmed":
        hct = round(rng.uniform(56.6, 62.0), 1)
        s.add("data", f"CBC {when}: Hgb {hct / 2.95:.1f}, Hct {hct}% (secondary polycythemia).",
              [M("hematocrit", hct, None, None, None, "lab", lab_day, 0)])
        f.finding("erythrocythemia", "affirmed")
    elif status == "negated":
        hct = round(rng.uniform(38.0, 50.0), 1)
        s.add("data", f"CBC {when}: Hct {hct}%, no polycythemia.",
              [M("hematocrit", hct, None, None, None, "lab", lab_day, 0)])
        f.finding("erythrocythemia", "negated")
    else:
        s.add("pmh", f"Secondary polycythemia {day.year - rng.randint(3, 8)}, treated with "
                     f"phlebotomy; resolved after starting oxygen.")
        s.hard.append("historical polycythemia")


def _congestive_heart_failure(s: Story, status: str, rng: random.Random, f: Facts,
                              day: date) -> None:
    if status == "affirmed":
        s.add("pmh", f"Chronic diastolic heart failure (HFpEF), EF {rng.randint(50, 60)}%.")
        f.finding("congestive_heart_failure", "affirmed")
    elif status == "negated":
        s.add("pmh", "No history of congestive heart failure.")
        f.finding("congestive_heart_failure", "negated")
    else:
        s.add("fh", "Father died of congestive heart failure at age "
                    f"{rng.randint(60, 80)}.")
        s.hard.append("family history of CHF")


WRITERS = {"dependent_edema": _dependent_edema, "pulmonary_hypertension": _pulmonary_hypertension,
           "cor_pulmonale": _cor_pulmonale, "p_pulmonale": _p_pulmonale,
           "erythrocythemia": _erythrocythemia,
           "congestive_heart_failure": _congestive_heart_failure}


# -- saturations -----------------------------------------------------------------------------
def rest_sat(s: Story, section: str = "vitals", on_o2: float | None = None,
             when: date | None = None) -> tuple[str, M]:
    """'SpO2 89% RA' and friends; returns the phrase and its measurement (page set later)."""
    rng = s.rng
    v = rng.randint(84, 92) if on_o2 is None else rng.randint(90, 97)
    lab = sat_label(rng).replace("Sat %", "Sat")
    if on_o2 is None:
        ox = rng.choice(("RA", "on RA", "room air", "on room air", "(RA)", "r/a"))
        phrase = rng.choice((f"{lab} {v}% {ox}", f"{lab} {v} % {ox}", f"{ox}, {lab} {v}%"))
        m = M("spo2", v, "rest", "room_air", None, "oximetry", when or s.day, 0)
    else:
        fl = fmt_flow(on_o2)
        phrase = rng.choice((f"{lab} {v}% on {fl}L NC", f"{lab} {v}% ({fl} L)",
                             f"{lab} {v}% on {fl} LPM", f"on {fl}L, {lab} {v}%"))
        m = M("spo2", v, "rest", "supplemental", on_o2, "oximetry", when or s.day, 0)
    return phrase, m


def exertion_sentence(s: Story, flow: float, when: date | None = None) -> Sentence:
    """Room-air walk then oxygen, in one sentence."""
    rng = s.rng
    ex = rng.randint(79, 88)
    on = rng.randint(89, 95)
    d = when or s.day
    text = rng.choice((
        f"Ambulated in the hallway on room air, SpO2 dropped to {ex}%; on {fmt_flow(flow)} L NC "
        f"with ambulation SpO2 {on}%.",
        f"With exertion sats fell to {ex}% on RA and improved to {on}% on {fmt_flow(flow)} LPM "
        f"while walking.",
        f"pulse ox {ex}% RA with ambulation -> {on}% on {fmt_flow(flow)} L while walking."))
    return text, [M("spo2", ex, "exercise", "room_air", None, "oximetry", d, 0),
                  M("spo2", on, "exercise", "supplemental", flow, "oximetry", d, 0)]


def plan_sentences(s: Story) -> list[str]:
    """Thresholds, goals and plans: numbers that are never measurements."""
    rng = s.rng
    pool = [f"If SpO2 < {rng.choice((88, 89))}% at rest on follow-up, will start home oxygen.",
            f"Goal SpO2 {rng.choice(('88-92', '90-94', '>= 90'))}%.",
            "Will obtain overnight oximetry to rule out nocturnal hypoxemia.",
            "Titrate O2 to keep sats above 90% with activity.",
            "Return if saturation below 88% on home oximeter or worsening dyspnea."]
    return rng.sample(pool, rng.randint(2, 3))


def history_sentence(s: Story) -> Sentence:
    """An old qualifying value with only a year: optional, no date."""
    rng = s.rng
    v = rng.randint(84, 88)
    yr = s.day.year - rng.randint(2, 6)
    return (f"Originally qualified for home O2 in {yr} with a resting saturation of {v}% on room "
            f"air.", [M("spo2", v, "rest", "room_air", None, "oximetry", None, 0, optional=True,
                        accept={"date": [None]})])
