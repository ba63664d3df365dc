"""`oxygen-intake export [CASE] --fhir OUT.json | --csv OUT.csv`: take results out of the store.

``--fhir`` writes the FHIR R4 Bundle of one signed-off case (CASE is its number in the queue,
1, 2, …, or its id) and logs the export in the audit log; ``-`` writes to stdout.
``--csv`` writes the worklist of every case (CASE not needed). Reads the case store of
``--data-dir`` (default: the user data folder, or ``$OXYGEN_INTAKE_DATA_DIR``). Exit 0 on
success, 1 when the case is not signed off (or changed since), 2 for bad arguments or an
unknown case. Messages never contain patient values.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desktop_app.session import ReviewSession


def add_parser(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "export", help="write a signed-off case as FHIR R4, or the worklist as CSV",
        description="Export from the case store: one case as a FHIR R4 Bundle (--fhir), or "
                    "every case as a CSV worklist (--csv).")
    p.add_argument("case", nargs="?", metavar="CASE",
                   help="the case's number in the queue (1, 2, ...) or its id")
    p.add_argument("--fhir", metavar="OUT.json", help="write the case's FHIR R4 Bundle")
    p.add_argument("--csv", metavar="OUT.csv", help="write the worklist of all cases")
    p.add_argument("--data-dir", metavar="DIR", help="case store folder")
    p.set_defaults(handler=run)


def find_case(session: ReviewSession, ref: str) -> str | None:
    """The id of the case ``ref`` names: its number in the queue, or its id."""
    ordered = [c.id for c in session.ordered_cases() if session.case_documents(c.id)]
    if ref.isdigit() and 1 <= int(ref) <= len(ordered) and ref not in session.cases:
        return ordered[int(ref) - 1]
    return ref if ref in session.cases else None


def run(args: argparse.Namespace) -> int:
    if not args.fhir and not args.csv:
        print("oxygen-intake export: give --fhir OUT.json (with CASE) or --csv OUT.csv",
              file=sys.stderr)
        return 2
    if args.fhir and not args.case:
        print("oxygen-intake export: --fhir needs a CASE (its number in the queue or its id)",
              file=sys.stderr)
        return 2
    from desktop_app.case_store import CaseStore
    from desktop_app.session import ReviewSession

    store = CaseStore(args.data_dir)
    try:
        session = ReviewSession(store)
        if args.csv:
            from desktop_app.export_csv import export_worklist

            count = export_worklist(session, args.csv)
            print(f"worklist of {count} case(s) written to {args.csv}", file=sys.stderr)
        if args.fhir:
            return _fhir(session, args.case, args.fhir)
        return 0
    finally:
        store.close()


def _fhir(session: ReviewSession, ref: str, out: str) -> int:
    from desktop_app.export_fhir import build_bundle, export_case
    from desktop_app.signoff import SignOffError

    case_id = find_case(session, ref)
    if case_id is None:
        print(f"oxygen-intake export: no case {ref!r} in {session.store.path}", file=sys.stderr)
        return 2
    try:
        if out == "-":
            sys.stdout.write(build_bundle(session, case_id))
            session.store.audit.append(reviewer=session.reviewer, case_id=case_id,
                                       action="export", subject="fhir-r4", before=None,
                                       after={"file": "-"})
        else:
            export_case(session, case_id, out)
            print(f"case {ref}: FHIR R4 bundle written to {out}", file=sys.stderr)
    except SignOffError as exc:
        print(f"oxygen-intake export: case {ref}: {exc}", file=sys.stderr)
        return 1
    return 0
