"""Command line: ``python -m benchmarks.fresh_corpus OUT_DIR [--seed N] [--per-layout K]``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .build import build
from .layouts import REGISTRY


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.fresh_corpus",
                                 description="Build the independent synthetic evaluation corpus.")
    ap.add_argument("out", type=Path, help="output directory (created if missing)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--per-layout", type=int, default=2,
                    help="documents per layout and rendering group (text, fax)")
    ap.add_argument("--only", nargs="*", help="build only these layouts")
    ap.add_argument("--jobs", type=int, default=2, help="worker processes")
    ap.add_argument("--list", action="store_true", help="list the layouts and exit")
    a = ap.parse_args(argv)
    if a.list:
        for name, (family, builder) in REGISTRY.items():
            print(f"{name:34} {family:10} {(builder.__doc__ or '').strip().splitlines()[0]}")
        return 0
    unknown = set(a.only or ()) - set(REGISTRY)
    if unknown:
        ap.error(f"unknown layouts: {', '.join(sorted(unknown))}")
    stats = build(a.out, a.seed, a.per_layout, a.only, a.jobs)
    print(f"wrote {stats['files']} files ({stats['layouts']} layouts, "
          f"{stats['measurements']} truth measurements) to {a.out} in {stats['seconds']} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
