"""Command line: ``python -m benchmarks.paperwork OUT_DIR [--seed N] [--per-layout K]
[--renderings text,fax]``."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .corpus import LAYOUTS, build


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m benchmarks.paperwork",
        description="Generate the synthetic paperwork evaluation corpus.",
    )
    ap.add_argument("out_dir", type=Path, nargs="?")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument(
        "--per-layout",
        type=int,
        default=2,
        help="documents per layout and rendering group (default 2)",
    )
    ap.add_argument(
        "--renderings",
        default="text,fax",
        help="comma-separated rendering groups: text, fax (default both)",
    )
    ap.add_argument("--list-layouts", action="store_true", help="print the layouts and exit")
    a = ap.parse_args(argv)
    if a.list_layouts:
        for lay in LAYOUTS:
            print(f"{lay.doc_type}\t{lay.name}")
        return 0
    if a.out_dir is None:
        ap.error("OUT_DIR is required")
    groups = tuple(g.strip() for g in a.renderings.split(",") if g.strip())
    bad = [g for g in groups if g not in ("text", "fax")]
    if bad or not groups or a.per_layout < 1:
        ap.error(f"renderings must be text and/or fax, per-layout >= 1 (got {a.renderings!r})")
    t0 = time.time()
    build(a.out_dir, a.seed, a.per_layout, groups, log=lambda s: print(s, file=sys.stderr))
    print(f"done in {time.time() - t0:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
