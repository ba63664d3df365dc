"""Per-field precision, recall and F1 of the extractor on the synthetic corpus.

Run: ``.venv/bin/python -m benchmarks.accuracy [--count N] [--formats text_pdf,fax_tiff]``.
Text PDFs and faxes are scored separately. Fields:
- ``pao2``/``spo2``/``hematocrit``: the values found (kind + value);
- ``setting``, ``oxygen``, ``flow_lpm``, ``method``, ``date``, ``minutes``: (kind, value, field)
  triples, counted when stated;
- ``measurement``: the whole measurement tuple;
- the document facts (scalars compared exactly, lists item by item).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from benchmarks.corpus import DEFAULT_DIR, FORMATS, build
from extractors import extract_document

ATTRS = ("setting", "oxygen", "flow_lpm", "method", "date", "minutes")
SCALARS = ("patient_name", "date_of_birth", "admission_date", "discharge_date", "performed_by")
LISTS = ("findings", "requested_equipment", "hcpcs")


def _norm(value: Any) -> Any:
    if isinstance(value, str):
        return " ".join(value.lower().split())
    if isinstance(value, float):
        return round(value, 1)
    return value


def field_items(doc: dict[str, Any]) -> dict[str, Counter[Any]]:
    """What one contract object (or truth) states, as countable items per field."""
    items: dict[str, Counter[Any]] = {}
    for m in doc["measurements"]:
        key = (m["kind"], _norm(float(m["value"])))
        items.setdefault(m["kind"], Counter())[key] += 1
        for attr in ATTRS:
            if m.get(attr) is not None:
                items.setdefault(attr, Counter())[(*key, _norm(m[attr]))] += 1
        whole = (*key, *(_norm(m.get(a)) for a in ATTRS))
        items.setdefault("measurement", Counter())[whole] += 1
    facts = doc["facts"]
    for name in SCALARS:
        if facts.get(name) is not None:
            items.setdefault(name, Counter())[_norm(facts[name])] += 1
    for name in LISTS:
        for value in facts.get(name) or []:
            items.setdefault(name, Counter())[value] += 1
    return items


def score(pairs: list[tuple[dict[str, Any], dict[str, Any]]]) -> dict[str, dict[str, float]]:
    """Micro-averaged precision/recall/F1 per field over (predicted, truth) pairs."""
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for predicted, truth in pairs:
        got, want = field_items(predicted), field_items(truth)
        for name in set(got) | set(want):
            g, w = got.get(name, Counter()), want.get(name, Counter())
            hit = sum((g & w).values())
            tp[name] += hit
            fp[name] += sum(g.values()) - hit
            fn[name] += sum(w.values()) - hit
    out: dict[str, dict[str, float]] = {}
    for name in sorted(set(tp) | set(fp) | set(fn)):
        out[name] = _prf(tp[name], fp[name], fn[name])
    out["ALL"] = _prf(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    return out


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
            "support": tp + fn}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=63)
    ap.add_argument("--formats", default=",".join(FORMATS))
    ap.add_argument("--out", type=Path, default=DEFAULT_DIR)
    ap.add_argument("--errors", action="store_true", help="list the documents with differences")
    args = ap.parse_args(argv)
    formats = tuple(f for f in args.formats.split(",") if f)
    files = build(args.out, args.count, formats)
    groups: dict[str, list[tuple[dict[str, Any], dict[str, Any]]]] = {}
    wrong: list[str] = []
    for f in files:
        result = extract_document(f.path).to_contract_dict()
        group = "text" if f.fmt == "text_pdf" else "fax"
        groups.setdefault(group, []).append((result, f.doc.truth))
        groups.setdefault(f.fmt, []).append((result, f.doc.truth))
        if field_items(result) != field_items(f.doc.truth):
            got, want = field_items(result), field_items(f.doc.truth)
            diffs = sorted(n for n in set(got) | set(want) if got.get(n) != want.get(n))
            wrong.append(f"{f.path.name}: {', '.join(diffs)}")
    report = {name: score(pairs) for name, pairs in groups.items()}
    for name, fields in report.items():
        print(f"== {name} ({len(groups[name])} documents)")
        for field, s in fields.items():
            print(f"  {field:22s} P={s['precision']:.3f} R={s['recall']:.3f} F1={s['f1']:.3f}"
                  f"  n={s['support']}")
    if args.errors:
        print("== documents with differences")
        for line in wrong:
            print("  " + line)
    (args.out / "accuracy.json").write_text(json.dumps({"report": report, "wrong": wrong},
                                                       indent=2), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
