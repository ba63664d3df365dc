"""Blood-gas draws: physiologically plausible values, oxygen state, flags and their truth."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from ..part import DocPart
from ..truth import KPA_TO_MMHG, Measurement, kpa_to_mmhg

# oxygen delivery at the draw: (device label, flow L/min or None, FiO2 fraction or None)
DELIVERY = {
    "ra": ("Room air", None, 0.21),
    "nc": ("Nasal cannula", None, None),  # flow filled in per draw
    "venturi": ("Venturi mask", None, None),
    "bipap": ("BiPAP", None, None),
    "nrb": ("Non-rebreather", None, None),
    "hfnc": ("HFNC", 40.0, None),
}


def severinghaus(po2: float) -> float:
    """Oxygen saturation (%) from PO2 (mm Hg)."""
    return 100.0 / (23400.0 / (po2**3 + 150.0 * po2) + 1.0)


@dataclass
class Draw:
    collected: dt.datetime
    received: dt.datetime
    reported: dt.datetime
    specimen: str  # arterial | venous | capillary
    delivery: str  # key of DELIVERY, or "unknown"
    flow: float | None
    fio2: float | None
    ph: float
    pco2: float
    po2: float  # mm Hg at 37 C
    hco3: float
    be: float
    so2: float
    temp: float = 37.0
    hct: float | None = None
    site: str = "R radial"

    @property
    def oxygen(self) -> str | None:
        if self.delivery == "unknown":
            return None
        if self.delivery == "ra":
            return "room_air"
        return "supplemental"

    @property
    def flow_truth(self) -> float | None:
        return self.flow if self.oxygen == "supplemental" else None

    @property
    def device_label(self) -> str:
        return "" if self.delivery == "unknown" else DELIVERY[self.delivery][0]

    @property
    def short_device(self) -> str:
        if self.delivery == "unknown":
            return ""
        if self.delivery == "ra":
            return "RA"
        lab = {"nc": "NC", "venturi": "VM", "bipap": "BiPAP", "nrb": "NRB", "hfnc": "HFNC"}[
            self.delivery
        ]
        return f"{lab} {self.flow:g}L" if self.flow and self.delivery in ("nc", "hfnc") else lab

    @property
    def pao2_alveolar(self) -> float | None:
        if self.fio2 is None:
            return None
        return self.fio2 * 713 - self.pco2 / 0.8

    def po2_at_temp(self) -> float:
        """pO2 corrected to the patient's temperature (about 7 % per degree C)."""
        return float(self.po2 * 1.072 ** (self.temp - 37.0))

    def pco2_at_temp(self) -> float:
        return float(self.pco2 * 1.044 ** (self.temp - 37.0))

    def ph_at_temp(self) -> float:
        return self.ph - 0.0147 * (self.temp - 37.0)


def make_draw(
    rng: random.Random,
    when: dt.datetime,
    delivery: str,
    *,
    specimen: str = "arterial",
    level: str = "qualifying",
    pediatric: bool = False,
) -> Draw:
    """LEVEL for room-air arterial draws: qualifying (<= 55), group2 (56-59) or normalish."""
    flow: float | None = None
    fio2: float | None = None
    if delivery == "ra":
        fio2 = 0.21
        po2 = {
            "qualifying": rng.randint(44, 55),
            "group2": rng.randint(56, 59),
            "normalish": rng.randint(61, 84),
        }[level]
    elif delivery == "nc":
        flow = float(rng.choice([1, 2, 2, 3, 4] if not pediatric else [0.5, 1]))
        fio2 = round(0.21 + 0.04 * flow, 2) if rng.random() < 0.6 else None
        po2 = rng.randint(60, 92)
    elif delivery == "venturi":
        fio2 = rng.choice([0.28, 0.31, 0.35, 0.40])
        po2 = rng.randint(60, 96)
    elif delivery == "bipap":
        fio2 = rng.choice([0.35, 0.40, 0.45, 0.50])
        po2 = rng.randint(58, 120)
    elif delivery in ("nrb", "hfnc"):
        flow = DELIVERY[delivery][1]  # NRB: flow not charted
        fio2 = rng.choice([0.6, 0.8, 1.0]) if delivery == "hfnc" else None
        po2 = rng.randint(62, 190)
    else:  # not stated on the report
        po2 = rng.randint(48, 78)
    if specimen == "venous":
        po2 = rng.randint(26, 44)
    elif specimen == "capillary":
        po2 = rng.randint(38, 60)
    pco2 = rng.uniform(34, 64)
    ph = 7.40 - 0.006 * (pco2 - 40) + rng.uniform(-0.04, 0.04)
    hco3 = 0.0307 * pco2 * 10 ** (ph - 6.1)
    be = 0.93 * (hco3 - 24.4 + 14.8 * (ph - 7.4))
    so2 = severinghaus(po2) + rng.uniform(-1.2, 1.2)
    so2 = min(so2, 99.6)
    received = when + dt.timedelta(minutes=rng.randint(8, 45))
    reported = received + dt.timedelta(minutes=rng.randint(6, 50))
    return Draw(
        when,
        received,
        reported,
        specimen,
        delivery,
        flow,
        fio2,
        round(ph, 2),
        round(pco2),
        float(po2),
        round(hco3, 1),
        round(be, 1),
        round(so2, 1),
        hct=None,
    )


def po2_text(d: Draw, unit: str, temp_corrected: bool = False) -> str:
    v = d.po2_at_temp() if temp_corrected else d.po2
    return f"{v / KPA_TO_MMHG:.1f}" if unit == "kPa" else f"{v:.0f}"


def pco2_text(d: Draw, unit: str) -> str:
    return f"{d.pco2 / KPA_TO_MMHG:.1f}" if unit == "kPa" else f"{d.pco2:.0f}"


def po2_truth(d: Draw, unit: str, temp_corrected: bool = False) -> float:
    """The value a reader writes down for the pO2 as printed (kPa converted, 1 decimal)."""
    txt = po2_text(d, unit, temp_corrected)
    return kpa_to_mmhg(float(txt)) if unit == "kPa" else float(txt)


def flag(
    value: float,
    lo: float,
    hi: float,
    crit_lo: float | None = None,
    crit_hi: float | None = None,
    style: str = "HL",
) -> str:
    """Abnormal flag in the report's style: HL (H/L/HH/LL), star (* / **), arrow."""
    crit = (crit_lo is not None and value < crit_lo) or (crit_hi is not None and value > crit_hi)
    if lo <= value <= hi:
        return ""
    low = value < lo
    if style == "HL":
        return ("LL" if low else "HH") if crit else ("L" if low else "H")
    if style == "star":
        return "**" if crit else "*"
    if style == "arrow":
        return "↓" if low else "↑"
    if style == "crit":
        return ("C" if crit else "") or ("L" if low else "H")
    return ""


def record_draw(
    part: DocPart,
    d: Draw,
    unit: str,
    *,
    page: int | None = None,
    sat: bool = True,
    temp_twin: bool = False,
) -> list[Measurement]:
    """Truth for one arterial draw: PaO2, its SaO2, and (optional) a temperature twin."""
    if d.specimen != "arterial":
        return []
    out = [
        part.add(
            "pao2",
            po2_truth(d, unit),
            "rest",
            d.oxygen,
            "abg",
            d.collected.date(),
            flow=d.flow_truth,
            page=page,
        )
    ]
    if temp_twin:
        out.append(
            part.add(
                "pao2",
                po2_truth(d, unit, True),
                "rest",
                d.oxygen,
                "abg",
                d.collected.date(),
                flow=d.flow_truth,
                page=page,
                optional=True,
            )
        )
    if sat:
        out.append(
            part.add(
                "spo2",
                d.so2,
                "rest",
                d.oxygen,
                "abg",
                d.collected.date(),
                flow=d.flow_truth,
                page=page,
            )
        )
    return out


def hospital_course(
    rng: random.Random, start: dt.datetime, n: int, final_ra: bool = True, pediatric: bool = False
) -> list[Draw]:
    """N arterial draws of an admission: high FiO2 first, weaning, then (maybe) room air."""
    seq = {2: ["bipap", "ra"], 3: ["nrb", "nc", "ra"], 4: ["hfnc", "bipap", "nc", "ra"]}[n]
    if not final_ra:
        seq = [*seq[:-1], "nc"]
    if pediatric:
        seq = [s if s in ("ra", "nc") else "nc" for s in seq]
    draws, t = [], start
    for i, dev in enumerate(seq):
        level = rng.choice(["qualifying", "group2", "normalish"])
        draws.append(make_draw(rng, t, dev, level=level, pediatric=pediatric))
        t = t + dt.timedelta(hours=rng.randint(6, 40) if i < n - 2 else rng.randint(24, 60))
        t = t.replace(minute=rng.randint(0, 59))
    return draws
