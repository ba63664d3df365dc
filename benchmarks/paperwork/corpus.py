"""Builds the corpus: every layout in every rendering, truth files and INDEX.tsv."""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import broken, fax
from .case import Case, make_case, random_qual
from .layouts import (
    abg,
    cmn,
    common,
    discharge,
    exercise,
    fax_cover,
    notes,
    nursing,
    orders,
    overnight,
    packets,
)
from .page import Page
from .part import DocPart
from .pdf_out import pdf_bytes
from .truth import Facts, Measurement, Segment, Truth, ambiguous

Builder = Callable[[random.Random, Case, int], DocPart]
FAX_RENDERINGS = (
    "tiff_fine",
    "tiff_std",
    "fax_pdf_fine",
    "fax_pdf_std",
    "png_fine",
    "tiff_std",
    "fax_pdf_std",
    "tiff_fine",
)


@dataclass(frozen=True)
class Layout:
    name: str
    doc_type: str  # truth doc_type, or "fax_packet"
    build: Builder | None  # None for packets
    pediatric: bool | None = None  # None: drawn at random (about 15 % children)
    cmn_era: bool = False
    quote: bool = False  # the case carries a qualifying result to quote


def _registry() -> list[Layout]:
    out: list[Layout] = []
    groups: list[tuple[str, dict[str, Builder], dict[str, object]]] = [
        ("abg_lab_report", abg.LAYOUTS, {}),
        ("overnight_oximetry", overnight.LAYOUTS, {}),
        ("exercise_oximetry", exercise.LAYOUTS, {"pediatric": False}),
        ("cmn_484", cmn.LAYOUTS, {"cmn_era": True}),
        ("written_order", orders.LAYOUTS, {}),
        ("progress_note", notes.LAYOUTS, {"pediatric": False}),
        ("discharge_summary", discharge.LAYOUTS, {}),
        ("nursing_visit_note", nursing.LAYOUTS, {"pediatric": False}),
        ("fax_cover", fax_cover.LAYOUTS, {"quote": True}),
    ]
    for doc_type, table, opts in groups:
        for name, fn in table.items():
            kw = dict(opts)
            if name == "pediatric_clinic_note":
                kw["pediatric"] = True
            out.append(Layout(name, doc_type, fn, **kw))  # type: ignore[arg-type]
    for variant in ("packet_in_order", "packet_shuffled", "packet_with_duplicate"):
        out.append(Layout(variant, "fax_packet", None))
    return out


LAYOUTS = _registry()


@dataclass
class Doc:
    pages: list[Page]
    measurements: list[Measurement]
    facts: Facts
    segments: list[Segment]
    hard: list[str]
    doc_type: str
    variant: str
    anchor: dt.date
    sender: str
    sender_fax: str
    to_fax: str


def make_doc(layout: Layout, seed: str, j: int) -> tuple[Doc, random.Random]:
    """Draw one document of LAYOUT (J rotates the layout's traps). A draw whose truth holds two
    interchangeable results (see ``truth.ambiguous``) is redrawn with the next seed."""
    for attempt in range(60):
        rng = random.Random(f"{seed}:{attempt}")
        doc = _draw(layout, rng, j)
        if not ambiguous(doc.measurements):
            return doc, rng
    raise RuntimeError(f"{layout.name}: no unambiguous draw")


def _draw(layout: Layout, rng: random.Random, j: int) -> Doc:
    if layout.build is None:
        pk = packets.build_packet(rng, j, layout.name)
        return Doc(
            pk.pages,
            pk.measurements,
            pk.facts,
            pk.segments,
            pk.hard,
            "fax_packet",
            layout.name,
            pk.sent.date(),
            "",
            "",
            "",
        )
    case = make_case(rng, pediatric=layout.pediatric, cmn_era=layout.cmn_era)
    if layout.quote:
        case.qual = random_qual(rng, case, case.anchor)
    part = layout.build(rng, case, j)
    sender = rng.choice([case.hospital, case.clinic, case.idtf])
    return Doc(
        part.pages,
        part.measurements,
        part.facts,
        [Segment(list(range(1, len(part.pages) + 1)), part.doc_type)],
        part.hard,
        part.doc_type,
        part.variant,
        case.anchor,
        sender.name,
        sender.fax,
        case.supplier.fax,
    )


def _fax_style(rng: random.Random, doc: Doc, rendering: str) -> fax.FaxStyle:
    fine = rendering.endswith("fine")
    n = len(doc.pages)
    st = fax.FaxStyle(
        fine=fine,
        skew=rng.uniform(-1.1, 1.1),
        noise=rng.uniform(0.0005, 0.0025),
        threshold=rng.uniform(0.52, 0.62),
    )
    if rng.random() < 0.18:
        st.upside_down_page = rng.randrange(n)
        doc.hard.append("a page fed upside down")
    if any(p.landscape for p in doc.pages):
        doc.hard.append("landscape page turned 90 degrees on the fax")
    if doc.sender:  # packets carry their own header lines already
        sent = dt.datetime.combine(
            doc.anchor + dt.timedelta(days=rng.randint(2, 20)),
            dt.time(rng.randint(7, 18), rng.randint(0, 59)),
        )
        style = rng.randint(0, 2)
        st.header = [
            common.fax_line(
                sent + dt.timedelta(seconds=20 * i),
                doc.sender_fax,
                doc.sender,
                doc.to_fax,
                i + 1,
                n,
                style,
            )
            for i in range(n)
        ]
    else:
        rcvd = doc.anchor + dt.timedelta(days=rng.randint(0, 1))
        st.header = (
            [
                f"RCVD {rcvd.strftime('%m/%d/%Y')} "
                f"{rng.randint(8, 17):02d}:{rng.randint(0, 59):02d}"
                f"  PAGE {i + 1}/{n}"
                for i in range(n)
            ]
            if rng.random() < 0.5
            else None
        )
    return st


def write_doc(
    out: Path, name: str, doc: Doc, group: str, rendering: str, rng: random.Random
) -> tuple[str, int]:
    """Write the file of DOC; returns (file name, pages)."""
    pdf = pdf_bytes(doc.pages, title=name)
    if group == "text":
        fname = f"{name}.pdf"
        (out / fname).write_bytes(pdf)
        return fname, len(doc.pages)
    st = _fax_style(rng, doc, rendering)
    imgs = fax.rasterise(pdf, st, rng)
    doc.hard.append(f"fax {'fine' if st.fine else 'standard'} resolution, 1-bit, skewed")
    if rendering.startswith("tiff"):
        fname, data = f"{name}.tif", fax.write_tiff(imgs, st)
    elif rendering.startswith("png"):
        fname, data = f"{name}.png", fax.write_png(imgs, st)
    else:
        fname, data = f"{name}.pdf", fax.write_image_pdf(imgs, st)
    (out / fname).write_bytes(data)
    return fname, len(imgs)


def build(
    out: Path,
    seed: int = 1,
    per_layout: int = 2,
    groups: tuple[str, ...] = ("text", "fax"),
    log: Callable[[str], None] = print,
) -> int:
    """Generate the corpus into OUT; returns the number of files written."""
    out.mkdir(parents=True, exist_ok=True)
    jobs = [(lay, i, g) for lay in LAYOUTS for i in range(per_layout) for g in groups]
    order = list(range(len(jobs)))
    random.Random(f"names:{seed}").shuffle(order)
    index_rows: list[tuple[str, str, str, str, int]] = []
    fax_counter = 0
    width = max(3, len(str(len(jobs) + len(broken.KINDS))))
    for num, ji in enumerate(order, start=1):
        lay, i, group = jobs[ji]
        j = 2 * i + (1 if group == "fax" else 0)
        doc, rng = make_doc(lay, f"{seed}:{lay.name}:{i}:{group}", j)
        rendering = "text"
        if group == "fax":
            rendering = FAX_RENDERINGS[fax_counter % len(FAX_RENDERINGS)]
            fax_counter += 1
            if rendering.startswith("png") and len(doc.pages) > 1:
                rendering = "tiff_fine" if rendering.endswith("fine") else "tiff_std"
        name = f"pw_{num:0{width}d}"
        fname, pages = write_doc(out, name, doc, group, rendering, rng)
        truth = Truth(
            fname,
            pages,
            doc.measurements,
            doc.facts,
            doc.segments,
            {
                "group": group,
                "layout": lay.doc_type,
                "variant": doc.variant,
                "rendering": rendering,
                "hard": list(dict.fromkeys(doc.hard)),
            },
        )
        _write_truth(out, name, truth)
        index_rows.append((fname, group, lay.doc_type, rendering, pages))
    for k, kind in enumerate(broken.KINDS, start=len(jobs) + 1):
        rng = random.Random(f"{seed}:broken:{kind}")
        data, ext = broken.broken_file(kind, rng)
        name = f"pw_{k:0{width}d}"
        fname = f"{name}.{ext}"
        (out / fname).write_bytes(data)
        truth = Truth(
            fname,
            0,
            [],
            Facts(),
            [],
            {
                "group": "bad",
                "layout": "broken",
                "variant": kind,
                "rendering": "broken",
                "hard": [kind.replace("_", " ")],
            },
            expect_error=True,
        )
        _write_truth(out, name, truth)
        index_rows.append((fname, "bad", "broken", "broken", 0))
    with open(out / "INDEX.tsv", "w") as f:
        f.write("file\tgroup\tlayout\trendering\tpages\n")
        for row in sorted(index_rows):
            f.write("\t".join(str(x) for x in row) + "\n")
    log(f"wrote {len(index_rows)} files to {out}")
    return len(index_rows)


def _write_truth(out: Path, name: str, truth: Truth) -> None:
    with open(out / f"{name}.truth.json", "w") as f:
        json.dump(truth.to_json(), f, indent=1, ensure_ascii=False)
        f.write("\n")
