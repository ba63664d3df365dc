"""Multi-document fax packets: a cover plus 2-4 documents of one patient, in order or shuffled,
sometimes with a document twice, every page under a transmission header line.

Truth: measurements keep their pages in the packet; a result quoted by an order, CMN or letter
whose source report is also in the packet is listed once (at the source); a document sent twice
is listed once (its first copy). Facts are merged over the parts; segments list the parts.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass

from .. import marks, synth
from ..case import Case, Qual, make_case
from ..page import Page
from ..part import DocPart
from ..truth import Facts, Measurement, Segment
from . import abg, cmn, discharge, exercise, fax_cover, notes, nursing, orders, overnight
from .common import fax_line

Builder = Callable[[random.Random, Case, int], DocPart]

# recipe: (name, test builders, other builders); builders are chosen per packet
RECIPES: list[tuple[str, list[list[Builder]], list[list[Builder]]]] = [
    (
        "hospital discharge",
        [[abg.lis_single, abg.cumulative_transposed, abg.ehr_results]],
        [
            [discharge.dc_narrative, discharge.dc_structured],
            [orders.swo_checkbox, orders.dwo_typed],
        ],
    ),
    (
        "office qualification",
        [[exercise.titration_sheet, exercise.sixmwt_worksheet, exercise.rt_narrative]],
        [
            [notes.soap_note, notes.consult_letter],
            [cmn.cmn_4843_circled, cmn.cmn_4843_checkbox, cmn.cmn_4842_letters],
        ],
    ),
    (
        "sleep referral",
        [[overnight.ono_vendor_summary, overnight.hst_report, overnight.ono_histogram]],
        [[orders.rx_free_text, orders.dwo_typed], [notes.lomn]],
    ),
    (
        "home health",
        [],
        [[nursing.hh_flowsheet, nursing.hh_narrative], [orders.swo_checkbox], [notes.soap_note]],
    ),
]


@dataclass
class Packet:
    pages: list[Page]
    measurements: list[Measurement]
    facts: Facts
    segments: list[Segment]
    hard: list[str]
    recipe: str
    sent: dt.datetime


def pick_qual(parts: list[DocPart]) -> Qual | None:
    """The qualifying result of the packet's test report, for the other parts to quote."""
    for part in parts:
        req = [m for m in part.measurements if not m.optional and m.oxygen == "room_air"]
        pao2 = [m for m in req if m.kind == "pao2"]
        if pao2:
            m = min(pao2, key=lambda x: x.value)
            sat = [
                s
                for s in req
                if s.kind == "spo2" and s.method == "abg" and s.date == m.date and s.page == m.page
            ]
            q = Qual("pao2", m.value, "rest", m.date or dt.date(2020, 1, 1), "abg", m.key)
            if sat:
                q.sat, q.sat_key = sat[0].value, sat[0].key
            return q
        ex = [m for m in req if m.kind == "spo2" and m.setting == "exercise" and m.minutes is None]
        if ex:
            m = min(ex, key=lambda x: x.value)
            return Qual(
                "spo2", m.value, "exercise", m.date or dt.date(2020, 1, 1), "oximetry", m.key
            )
        sl = [m for m in req if m.kind == "spo2" and m.setting == "sleep" and m.minutes is None]
        if sl:
            m = min(sl, key=lambda x: x.value)
            t88 = [t for t in req if t.minutes is not None and t.value == 88 and t.date == m.date]
            q = Qual("spo2", m.value, "sleep", m.date or dt.date(2020, 1, 1), "oximetry", m.key)
            if t88:
                q.minutes, q.minutes_key = t88[0].minutes, t88[0].key
            return q
    return None


def build_packet(rng: random.Random, j: int, variant: str) -> Packet:
    name, tests, others = RECIPES[j % len(RECIPES)]
    has_cmn = any(cmn.cmn_4843_circled in group for group in others)
    case = make_case(rng, pediatric=False, cmn_era=has_cmn)
    case.in_packet = True
    case.abg_in_packet = name == "hospital discharge"
    case.other["exercise_in_packet"] = name == "office qualification"
    if name == "hospital discharge":
        discharge.stay(rng, case)
    test_parts = [rng.choice(group)(rng, case, j + k) for k, group in enumerate(tests)]
    case.qual = pick_qual(test_parts)
    other_parts = [rng.choice(group)(rng, case, j + k) for k, group in enumerate(others)]
    parts = test_parts + other_parts
    n_docs = len(parts)
    order = list(range(n_docs))
    hard = [f"fax packet ({name})"]
    if variant != "packet_in_order":
        rng.shuffle(order)
        hard.append("documents in any order")
    seq = [parts[i] for i in order]
    if variant == "packet_with_duplicate":
        dup_index = rng.randrange(len(seq))
        seq.insert(rng.randint(dup_index + 1, len(seq)), seq[dup_index])
        hard.append("a document sent twice")
    total = 1 + sum(len(p.pages) for p in seq)
    sent = synth.at(case.anchor + dt.timedelta(days=rng.randint(3, 15)), rng, 8, 18)
    cover_builder = rng.choice(list(fax_cover.COVERS.values()))
    cover = cover_builder(rng, case, j, sent=sent, pages=total)
    # page list, with reversed pages of a multi-page part now and then
    pages: list[Page] = list(cover.pages)
    segments = [Segment([1], "fax_cover")]
    measurements: list[Measurement] = []
    seen_parts: set[int] = set()
    keys_in_file: set[str] = set()
    page_of: dict[int, list[int]] = {}
    for part in seq:
        first = len(pages) + 1
        local = list(range(len(part.pages)))
        if variant == "packet_shuffled" and len(local) > 1 and rng.random() < 0.5:
            local.reverse()
            hard.append("pages of one document out of order")
        for li in local:
            src = part.pages[li]
            pages.append(Page(src.width, src.height, list(src.ops)))
        mapping = {li + 1: first + pos for pos, li in enumerate(local)}
        segments.append(Segment([mapping[li + 1] for li in local], part.doc_type))
        if id(part) in seen_parts:
            continue
        seen_parts.add(id(part))
        page_of[id(part)] = list(mapping.values())
        for m in part.measurements:
            m.page = mapping[m.page]
            measurements.append(m)
            keys_in_file.add(m.key)
    # a quote whose source is in the file is the same measurement
    measurements = [m for m in measurements if not (m.quote_of and m.quote_of in keys_in_file)]
    facts = Facts()
    facts.merge(cover.facts)
    for part in parts:  # test reports first: their performer is the packet's
        facts.merge(part.facts)
    # transmission header on every page, RECEIVED stamp now and then
    style = rng.randint(0, 2)
    sender = rng.choice([case.hospital, case.clinic, case.supplier])
    for i, pg in enumerate(pages):
        line = fax_line(
            sent + dt.timedelta(seconds=25 * i),
            sender.fax,
            sender.name,
            case.supplier.fax,
            i + 1,
            total,
            style,
        )
        pg.rect(0, 0, pg.width, 13, 0, (1, 1, 1), fill=(1, 1, 1), stroke=False)
        pg.text(18, 10, line, "mono", 7.2)
    if rng.random() < 0.6:
        k = rng.randrange(1, len(pages))
        marks.stamp(
            pages[k],
            rng,
            pages[k].width - 190,
            24,
            [
                "RECEIVED",
                synth.fmt_date(sent.date() + dt.timedelta(days=rng.randint(0, 2)), "mon").upper(),
            ],
        )
        hard.append("RECEIVED stamp")
    hard.append("transmission header on every page")
    for p in parts:
        hard += [h for h in p.hard if h not in hard]
    return Packet(pages, measurements, facts, segments, hard, name, sent)
