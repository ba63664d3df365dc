"""`oxygen-intake decide`: evaluate fact files (spec §0) and print JSON or a readable report."""

from __future__ import annotations

import argparse
import json
import sys
from importlib import resources
from pathlib import Path
from typing import Any

from rules import POLICIES, FactsError, decide
from rules.report import render_text

EXAMPLE = "example_case.json"


def add_parser(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "decide",
        help="check facts (JSON) against the coverage criteria",
        description="Evaluate one or more FACTS.json files ('-' reads standard input).",
    )
    p.add_argument("files", nargs="*", metavar="FACTS.json")
    p.add_argument("--policy", choices=POLICIES, default="medicare",
                   help="coverage policy profile (default: medicare)")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.add_argument("--example", action="store_true",
                   help="evaluate the bundled synthetic example case")
    p.set_defaults(handler=run)


def _read(name: str) -> Any:
    if name == "-":
        text = sys.stdin.read()
    else:
        path = Path(name)
        if not path.is_file():
            raise FactsError(f"{name}: no such file")
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise FactsError(f"{name}: cannot be read ({exc.__class__.__name__})") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno}, column {exc.colno}"
        raise FactsError(f"{name}: not valid JSON ({where})") from None


def run(args: argparse.Namespace) -> int:
    sources: list[tuple[str, Any]] = []
    try:
        if args.example:
            text = resources.files("desktop_app.samples").joinpath(EXAMPLE).read_text("utf-8")
            sources.append(("example case", json.loads(text)))
        for name in args.files:
            sources.append((name, _read(name)))
        if not sources:
            print("oxygen-intake decide: give FACTS.json files, '-' or --example", file=sys.stderr)
            return 2
        results = []
        for name, data in sources:
            try:
                results.append((name, decide(data, args.policy)))
            except FactsError as exc:
                raise FactsError(f"{name}: {exc}") from None
    except FactsError as exc:
        print(f"oxygen-intake decide: {exc}", file=sys.stderr)
        return 2
    if args.json:
        payload = [r.to_json_dict() for _, r in results]
        out = payload[0] if len(payload) == 1 and len(args.files) <= 1 else payload
        print(json.dumps(out, indent=2, ensure_ascii=False))
    else:
        for name, result in results:
            sys.stdout.write(render_text(result, title=name if len(results) > 1 else None))
    return 0
