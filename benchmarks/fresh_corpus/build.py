"""Build the corpus: every layout K times as a text PDF and K times as a fax, plus bad files."""

from __future__ import annotations

import json
import multiprocessing
import random
import time as clock
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from . import broken, fax
from .context import make_ctx
from .layouts import PEDIATRIC, REGISTRY
from .render import render_pdf
from .transmit import fax_overlay
from .truth import Part

INDEX_COLUMNS = ("file", "group", "layout", "rendering", "pages")


@dataclass(frozen=True)
class Job:
    """One document to build."""

    number: int
    layout: str
    group: str          # text | fax
    k: int
    seed: int

    @property
    def stem(self) -> str:
        return f"fc{self.number:03d}"


def truth_record(source: str, part: Part, group: str, layout: str,
                 rendering: str) -> dict[str, Any]:
    """The scorer's truth object for one built document."""
    # required before optional: the scorer pairs equal candidates in list order
    ms = [m.to_json() for m in sorted(part.measurements, key=lambda m: m.optional)]
    return {"source": source, "expect_error": False, "pages": len(part.pages),
            "measurements": ms, "facts": part.facts.to_json(),
            "meta": {"group": group, "layout": layout, "rendering": rendering,
                     "doc_type": part.doc_type, "hard": part.hard}}


def latest_date(part: Part, anchor: date) -> date:
    """The latest date the truth knows of (or two weeks after the anchor): faxes come later."""
    days = [m.date for m in part.measurements if m.date]
    days += [d for d in (part.facts.admission_date, part.facts.discharge_date,
                         part.last_date) if d]
    return max([*days, anchor + timedelta(days=14)])


def run_job(job: Job, out: Path) -> tuple[dict[str, Any], list[str]]:
    """Build, render and write one document and its truth; returns truth and index row."""
    rng = random.Random(f"{job.seed}|{job.layout}|{job.group}|{job.k}")
    ctx = make_ctx(rng, pediatric=job.layout in PEDIATRIC)
    part = REGISTRY[job.layout][1](ctx)
    wire = random.Random(f"{job.seed}|{job.layout}|{job.group}|{job.k}|wire")
    overlays = list(part.overlays) if part.overlays is not None else []
    if part.overlays is None and (job.group == "fax" or wire.random() < 0.25):
        day = latest_date(part, ctx.anchor) + timedelta(days=wire.randint(10, 25))
        sent = datetime.combine(day, time(wire.randint(7, 18), wire.randint(0, 59)))
        overlays = fax_overlay(ctx, wire, sent=sent)
    pdf = render_pdf(part.pages, overlays, seed=f"{job.seed}|{job.stem}", title="")
    hard = list(part.hard)
    if job.group == "text":
        name, rendering = f"{job.stem}.pdf", "text-pdf"
        (out / name).write_bytes(pdf)
    else:
        vdpi = wire.choice((196, 196, 98))
        n = len(part.pages)
        flip = {i for i in range(1, n + 1) if n > 1 and wire.random() < 0.12}
        images = fax.rasterise(pdf, wire, vdpi, flip)
        res = "fine" if vdpi == 196 else "standard"
        kind = wire.choice(("tiff", "tiff", "pdf", "png") if n == 1 else ("tiff", "pdf"))
        if kind == "tiff":
            name, rendering = f"{job.stem}.tif", f"fax-tiff-g4-{res}"
            fax.save_tiff(images, out / name, vdpi)
        elif kind == "png":
            name, rendering = f"{job.stem}.png", f"fax-png-{res}"
            fax.save_png(images[0], out / name, vdpi)
        else:
            name, rendering = f"{job.stem}.pdf", f"fax-image-pdf-{res}"
            fax.save_image_pdf(images, out / name, vdpi)
        hard.append(f"fax {res} resolution")
        if flip:
            hard.append(f"page(s) {sorted(flip)} upside down")
        part.hard = hard
    rec = truth_record(name, part, job.group, job.layout, rendering)
    (out / f"{name}.truth.json").write_text(json.dumps(rec, indent=1) + "\n")
    return rec, [name, job.group, job.layout, rendering, str(len(part.pages))]


def _run(args: tuple[Job, Path]) -> tuple[dict[str, Any], list[str]]:
    return run_job(*args)


def build(out: Path, seed: int = 7, per_layout: int = 2, only: list[str] | None = None,
          processes: int = 2) -> dict[str, Any]:
    """Write the corpus into ``out``; returns counts and the wall time."""
    start = clock.time()
    out.mkdir(parents=True, exist_ok=True)
    names = [n for n in REGISTRY if not only or n in only]
    jobs, number = [], 1
    for name in names:
        for group in ("text", "fax"):
            for k in range(per_layout):
                jobs.append(Job(number, name, group, k, seed))
                number += 1
    if processes > 1:
        with multiprocessing.get_context("fork").Pool(processes) as pool:
            results = pool.map(_run, [(j, out) for j in jobs], chunksize=1)
    else:
        results = [run_job(j, out) for j in jobs]
    rows = [row for _, row in results]
    rows += broken.write_all(out, seed, number)
    with open(out / "INDEX.tsv", "w") as f:
        f.write("\t".join(INDEX_COLUMNS) + "\n")
        for row in rows:
            f.write("\t".join(row) + "\n")
    return {"files": len(rows), "layouts": len(names), "seconds": round(clock.time() - start, 1),
            "measurements": sum(len(r["measurements"]) for r, _ in results)}
