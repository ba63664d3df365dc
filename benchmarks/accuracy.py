"""Extraction accuracy on corpora written apart from the extractor, scored by the shared scorer.

Run: ``.venv/bin/python -m benchmarks.accuracy [CORPUS ...] [--groups text,fax] [--by-layout]``.
Each CORPUS is a folder with ``INDEX.tsv`` and ``NAME.truth.json`` beside each document (the
format of ``../shared/eval``). The default corpora are the shared evaluation corpus, the
project's paperwork corpus and the second writer's fresh corpus, generated into
``corpus_out/`` when missing (``--build``). Scoring is done by ``../shared/eval/score.py``:
strict and loose F1 by rendering group, attribute and fact accuracy, and here also strict F1
per document type (the ``layout`` column) and per rendering (pooled over the subset's
measurements as the scorer pools a group, and the mean of its documents' F1), and the facts
issue 11 names (findings precision / recall, negated findings reported, patient name,
measurement date, oxygen and setting).

``--ocr-cache DIR`` keeps each OCR reading keyed by the page image, so that a second run
over the same faxes measures the reading stages without waiting for OCR again (development
only: the figures are the same, the time is not). The key is the image alone: after changing
the OCR engine's settings (`extractors.read.ocr.rapid`), use a new folder.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import pickle
import subprocess
import sys
import tempfile
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def _shared_eval() -> Path:
    """``shared/eval`` beside the checkout (or beside a parent folder of it: worktrees)."""
    for folder in (ROOT, *ROOT.parents):
        candidate = folder.parent / "shared" / "eval"
        if (candidate / "score.py").exists():
            return candidate
    return ROOT.parent / "shared" / "eval"


SHARED = _shared_eval()
OUT = ROOT / "corpus_out"
GENERATED = {"paperwork": "benchmarks.paperwork", "fresh": "benchmarks.fresh_corpus"}


class CachingEngine:
    """The app's OCR engine behind a disk cache keyed by the page image (development aid)."""

    name = "rapidocr-cached"

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._inner: Any = None

    def availability(self) -> str | None:
        return None

    def read(self, image: Any) -> Any:
        key = hashlib.sha1(image.tobytes() + str(image.shape).encode()).hexdigest()
        path = self.folder / key
        if path.exists():
            return pickle.loads(path.read_bytes())
        if self._inner is None:
            from extractors.pipeline import shared_ocr_engine

            self._inner = shared_ocr_engine()
        segments = self._inner.read(image)
        tmp = path.with_suffix(f".{id(self)}.tmp")
        tmp.write_bytes(pickle.dumps(segments))
        tmp.replace(path)  # atomic: parallel runs never read half a file
        return segments


_ENGINE: CachingEngine | None = None


def _extract(job: tuple[str, str | None]) -> dict[str, Any]:
    global _ENGINE
    from extractors import extract_document

    path, cache = job
    if cache is not None and _ENGINE is None:
        _ENGINE = CachingEngine(Path(cache))
    return extract_document(path, ocr_engine=_ENGINE).to_contract_dict()


def corpus_dir(name: str, build: bool) -> Path:
    """A corpus folder by path or by name (``shared``, ``paperwork``, ``fresh``)."""
    if name == "shared":
        return SHARED / "corpus"
    if name in GENERATED:
        folder = OUT / name
        if build or not (folder / "INDEX.tsv").exists():
            subprocess.run([sys.executable, "-m", GENERATED[name], str(folder)], check=True,
                           cwd=ROOT)
        return folder
    return Path(name)


def run(folder: Path, groups: set[str] | None, cache: Path | None, workers: int
        ) -> tuple[list[dict[str, str]], list[dict[str, Any]]]:
    rows = list(csv.DictReader((folder / "INDEX.tsv").open(encoding="utf-8"), delimiter="\t"))
    if groups:
        rows = [r for r in rows if r["group"] in groups]
    jobs = [(str(folder / r["file"]), str(cache) if cache else None) for r in rows]
    with ProcessPoolExecutor(workers) as pool:
        preds = list(pool.map(_extract, jobs, chunksize=2))
    return rows, preds


def score(folder: Path, rows: list[dict[str, str]], preds: list[dict[str, Any]]
          ) -> tuple[str, dict[str, Any]]:
    """Run the shared scorer on the documents read (only those: a subset scores alone)."""
    truths: dict[str, Path] = {}
    for path in folder.glob("*.truth.json"):  # by the document each truth names
        truths[json.loads(path.read_text(encoding="utf-8"))["source"]] = path
    with tempfile.TemporaryDirectory() as tmp:
        sub = Path(tmp)
        with (sub / "INDEX.tsv").open("w", encoding="utf-8") as f:
            f.write("file\tgroup\tlayout\trendering\tpages\n")
            for r in rows:
                f.write("\t".join(r.get(k, "") for k in ("file", "group", "layout",
                                                          "rendering", "pages")) + "\n")
                truth = truths[r["file"]]
                (sub / truth.name).write_bytes(truth.read_bytes())
        pred_path, json_path = sub / "pred.json", sub / "score.json"
        pred_path.write_text(json.dumps(preds), encoding="utf-8")
        text = subprocess.run([sys.executable, str(SHARED / "score.py"), "--pred",
                               str(pred_path), "--corpus", str(sub), "--json",
                               str(json_path)], capture_output=True, text=True,
                              check=True).stdout
        return text, json.loads(json_path.read_text(encoding="utf-8"))


def by_column(rows: list[dict[str, str]], detail: dict[str, Any], column: str
              ) -> list[tuple[str, int, float]]:
    """Mean strict F1 of the documents per value of an INDEX column."""
    docs = {d["name"]: d for d in detail["docs"]}
    scores: dict[str, list[float]] = defaultdict(list)
    for r in rows:
        doc = docs.get(r["file"])
        if doc is not None and r["group"] != "bad":
            scores[r.get(column, "?")].append(float(doc["strict_f1"]))
    return [(k, len(v), sum(v) / len(v)) for k, v in sorted(scores.items())]


def pooled_by_column(folder: Path, rows: list[dict[str, str]], preds: list[dict[str, Any]],
                     column: str) -> dict[str, float]:
    """Strict F1 per value of an INDEX column as the scorer gives it for that subset alone:
    measurements pooled over its documents, as the scorer pools a rendering group."""
    keys = sorted({r.get(column, "?") for r in rows if r["group"] != "bad"})
    out: dict[str, float] = {}
    for key in keys:
        pairs = [(r, p) for r, p in zip(rows, preds, strict=True)
                 if r["group"] != "bad" and r.get(column, "?") == key]
        _, detail = score(folder, [r for r, _ in pairs], [p for _, p in pairs])
        out[key] = float(detail["groups"]["all"]["strict"]["f1"])
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpora", nargs="*", default=["shared", "paperwork", "fresh"])
    ap.add_argument("--groups", default="", help="only these INDEX groups (text,fax,bad)")
    ap.add_argument("--by-layout", action="store_true", help="strict F1 per layout")
    ap.add_argument("--build", action="store_true", help="regenerate the generated corpora")
    ap.add_argument("--ocr-cache", type=Path, help="keep OCR readings here (development)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--save", type=Path, help="write predictions and scores here")
    args = ap.parse_args(argv)
    groups = {g for g in args.groups.split(",") if g} or None
    if args.ocr_cache:
        args.ocr_cache.mkdir(parents=True, exist_ok=True)
    for name in args.corpora:
        folder = corpus_dir(name, args.build)
        rows, preds = run(folder, groups, args.ocr_cache, args.workers)
        text, detail = score(folder, rows, preds)
        print(f"=== {name} ({folder}, {len(rows)} files)")
        print(text.rstrip())
        for column, title in (("rendering", "rendering"),
                              ("layout", "INDEX layout (document type or layout)")):
            pooled = pooled_by_column(folder, rows, preds, column)
            print(f"strict F1 by {title}: pooled (the scorer on those documents alone), "
                  "and the mean of their documents' F1")
            for key, n, f1 in by_column(rows, detail, column):
                print(f"  {key:28s} n={n:3d}  pooled {pooled[key]:.3f}  mean {f1:.3f}")
        if args.save:
            args.save.mkdir(parents=True, exist_ok=True)
            (args.save / f"{name}.pred.json").write_text(json.dumps(preds), encoding="utf-8")
            (args.save / f"{name}.score.json").write_text(json.dumps(detail), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
