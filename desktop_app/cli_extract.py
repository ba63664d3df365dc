"""`oxygen-intake extract`: read documents and print what was found (placeholder until
the extractor lands)."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def add_parser(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser("extract", help="read PDFs/TIFFs and print values")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--json", action="store_true", help="print the extraction contract JSON")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    print("oxygen-intake extract: not available yet", file=sys.stderr)
    return 2
