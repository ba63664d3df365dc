"""Writes `sample_referral.pdf`: a synthetic 3-page home-oxygen referral (no real patient).

Run ``python -m desktop_app.samples.make_sample`` to regenerate it. Page 1 is a blood-gas
report (PaO2 and SaO2 at rest on room air), page 2 a progress note (findings, mobility, the
requested equipment), page 3 the order. Uses the extractor's tiny PDF writer, so the file has
a real text layer and stays a few kilobytes.
"""

from __future__ import annotations

import sys
from pathlib import Path

from extractors.testing.pdf_writer import TextItem, text_pdf

SAMPLE = Path(__file__).with_name("sample_referral.pdf")


def _lines(start: float, rows: list[str], size: float = 10.0, step: float = 16.0,
           x: float = 54.0) -> list[TextItem]:
    return [TextItem(x, start + i * step, text, size) for i, text in enumerate(rows)]


def sample_pages() -> list[list[TextItem]]:
    """The three pages of the synthetic referral."""
    header = [TextItem(54, 40, "Lakeside Regional Hospital - Respiratory Therapy", 9)]
    abg = [
        *header,
        TextItem(54, 70, "ARTERIAL BLOOD GAS REPORT", 16, bold=True),
        *_lines(110, [
            "Patient: Harriet Quill",
            "DOB: 1953-07-02",
            "Admission date: 2026-03-10",
            "Collected: 2026-03-14 06:40",
            "Performed by: Hospital Respiratory Therapy, inpatient blood gas lab",
        ]),
        TextItem(54, 210, "Arterial blood gas, patient awake at rest on room air", 11, bold=True),
        *_lines(236, [
            "pH 7.41",
            "PaCO2 44 mm Hg",
            "PaO2 54 mm Hg",
            "SaO2 87 %",
            "HCO3 26 mmol/L",
        ], x=72),
        *_lines(340, [
            "Drawn on room air (FiO2 21%) with the patient seated.",
            "Reported by: R. Okafor, RRT",
        ]),
    ]
    note = [
        TextItem(54, 40, "Lakeside Pulmonary Associates - Progress Note", 9),
        TextItem(54, 70, "PROGRESS NOTE", 16, bold=True),
        *_lines(110, [
            "Patient: Harriet Quill",
            "Visit date: 2026-03-15",
            "",
            "Assessment: COPD with chronic hypoxemia. Bilateral pedal edema 2+.",
            "Reviewed the arterial blood gas of 2026-03-14 with the patient.",
            "She walks around the house and to the mailbox with a cane.",
            "",
            "Plan: home oxygen 2 L/min continuous.",
            "Requested: stationary oxygen concentrator and portable oxygen concentrator.",
            "HCPCS E1390, E0431.",
        ]),
        TextItem(54, 300, "Signed: Dr. P. Ellery, MD (treating physician)", 10),
    ]
    order = [
        TextItem(54, 40, "Lakeside Pulmonary Associates - Order", 9),
        TextItem(54, 70, "HOME OXYGEN ORDER", 16, bold=True),
        *_lines(110, [
            "Patient: Harriet Quill",
            "Discharge date: 2026-03-15",
            "Order date: 2026-03-16",
            "Oxygen 2 L/min via nasal cannula, 24 hours a day.",
            "Length of need: 99 months.",
        ]),
    ]
    return [abg, note, order]


def main(out: Path = SAMPLE) -> int:
    out.write_bytes(text_pdf(sample_pages()))
    print(f"wrote {out} ({out.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else SAMPLE))
