"""Consistency check of a built corpus (a test of the generator, not of any reader).

    python -m benchmarks.fresh_corpus.check CORPUS_DIR

For every text-PDF document: each truth value must be printed on the page the truth names
(as an integer, with one decimal, or in kPa), and the patient's surname must be in the text.
Every file in INDEX.tsv must exist with its truth beside it.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import pypdfium2 as pdfium

from .truth import KPA_TO_MMHG


def page_texts(path: Path) -> list[str]:
    doc = pdfium.PdfDocument(str(path))
    out = [doc[i].get_textpage().get_text_range() for i in range(len(doc))]
    doc.close()
    return out


def spellings(kind: str, value: float) -> list[str]:
    """How a value may be printed."""
    out = [f"{value:.1f}", f"{value / 100:.3f}"]
    if value == int(value):
        out.append(str(int(value)))
    if kind == "pao2":
        out.append(f"{value / KPA_TO_MMHG:.1f}")
    return out


def check(corpus: Path) -> list[str]:
    problems = []
    rows = (corpus / "INDEX.tsv").read_text().splitlines()[1:]
    for row in rows:
        name, group, layout, _rendering, _pages = row.split("\t")
        if not (corpus / name).exists() or not (corpus / f"{name}.truth.json").exists():
            problems.append(f"{name}: file or truth missing")
            continue
        if group != "text":
            continue
        truth = json.loads((corpus / f"{name}.truth.json").read_text())
        texts = page_texts(corpus / name)
        if truth["pages"] != len(texts):
            problems.append(f"{name} ({layout}): {len(texts)} pages, truth says {truth['pages']}")
        for m in truth["measurements"]:
            if m["minutes"] is not None and m.get("optional"):
                continue                  # a '< 90 %' time read as 'at or below 89'
            page = texts[m["page"] - 1] if 0 < m["page"] <= len(texts) else ""
            flat = re.sub(r"\s+", " ", page)
            if not any(re.search(rf"(?<![\d.]){re.escape(s)}(?![\d])", flat)
                       for s in spellings(m["kind"], m["value"])):
                problems.append(f"{name} ({layout}): {m['kind']} {m['value']} not on page "
                                f"{m['page']}")
        who = truth["facts"]["patient_name"]
        if who and who.split()[-1].lower() not in " ".join(texts).lower():
            problems.append(f"{name} ({layout}): patient {who} not in the text")
    return problems


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    a = ap.parse_args(argv)
    problems = check(a.corpus)
    for p in problems:
        print(p)
    print(f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
