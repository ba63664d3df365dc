"""`oxygen-intake extract FILE... --json`: read documents and print the extraction contract.

stdout gets exactly one JSON array (one object per file, in order); progress and warnings go
to stderr and never contain patient values. Exit 0 when every file was read, 1 when at least
one could not be, 2 for bad arguments (``--pages`` that is not a page range).

``--pages 1-40,88`` reads only those pages of each file (``200-`` means page 200 to the end);
chosen pages past a file's end are named in a warning. Pages are read one at a time, so a
chart of any length is read in bounded memory.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any


class _StderrProgress:
    def __init__(self, name: str) -> None:
        self.name = name

    def page_done(self, page: int, total: int, stage: str) -> None:
        print(f"{self.name}: page {page}/{total} read ({stage})", file=sys.stderr)


def add_parser(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser("extract", help="read PDFs/TIFFs and print values")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--json", action="store_true", help="print the extraction contract JSON")
    p.add_argument("--quiet", action="store_true", help="no progress on stderr")
    p.add_argument("--pages", metavar="RANGES",
                   help="read only these pages, e.g. 1-40,88 or 200- (default: all)")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from extractors import extract_document
    from extractors.read.page_ranges import PageSelection, parse_pages

    pages: PageSelection | None = None
    if getattr(args, "pages", None) is not None:
        try:
            pages = parse_pages(args.pages)
        except ValueError as exc:
            print(f"oxygen-intake extract: --pages: {exc}", file=sys.stderr)
            return 2
    results: list[dict[str, Any]] = []
    failed = False
    for name in args.files:
        progress = None if getattr(args, "quiet", False) else _StderrProgress(name)
        extraction = extract_document(name, progress=progress, pages=pages)
        if extraction.error:
            failed = True
            print(f"{name}: error: {extraction.error}", file=sys.stderr)
        for warning in extraction.warnings:
            print(f"{name}: warning: {warning}", file=sys.stderr)
        results.append(extraction.to_contract_dict())
    if args.json:
        json.dump(results, sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        for r in results:
            status = r["error"] or f"{len(r['measurements'])} values, {r['pages']} pages"
            print(f"{r['source']}: {status}")
    return 1 if failed else 0
