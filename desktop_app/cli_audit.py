"""`oxygen-intake audit`: check the audit trail's seals and export a case's trail.

``audit verify`` walks the whole chain and prints either that every seal holds or the first
row that does not (exit 0 intact, 1 broken); ``audit cases`` lists the cases the trail
mentions; ``audit export CASE --csv|--pdf`` writes one case's rows with their seal status.
All three open the case store read-only, without its lock: they work while the window is
open, and change nothing.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desktop_app.case_store import CaseStore


def add_parser(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "audit", help="check the audit trail's seals, export a case's trail",
        description="Check the sealed audit trail of a case store, or export one case's rows.")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", metavar="DIR",
                        help="case store folder (default: the user data folder, or "
                             "$OXYGEN_INTAKE_DATA_DIR)")
    actions = p.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    actions.add_parser("verify", parents=[common],
                       help="check every seal; exit 1 if the trail is broken")
    actions.add_parser("cases", parents=[common], help="list the cases the trail mentions")
    export = actions.add_parser("export", parents=[common],
                                help="one case's rows as CSV or PDF")
    export.add_argument("case", metavar="CASE", help="case id (or its first 4+ characters)")
    kind = export.add_mutually_exclusive_group(required=True)
    kind.add_argument("--csv", action="store_true", help="CSV (to OUT, else standard output)")
    kind.add_argument("--pdf", action="store_true", help="PDF (to OUT, else audit-CASE.pdf)")
    export.add_argument("-o", "--output", metavar="OUT", help="file to write")
    p.set_defaults(handler=run)


def _open(data_dir: str | None) -> CaseStore | None:
    from desktop_app.audit_key import AuditKeyUnavailable
    from desktop_app.case_store import CaseStore, default_data_dir

    folder = default_data_dir(data_dir)
    try:
        return CaseStore(folder, read_only=True)
    except FileNotFoundError:
        print(f"oxygen-intake audit: no case store in {folder}", file=sys.stderr)
    except AuditKeyUnavailable as exc:
        print(f"oxygen-intake audit: {exc}; the seals cannot be checked", file=sys.stderr)
    return None


def run(args: argparse.Namespace) -> int:
    store = _open(args.data_dir)
    if store is None:
        return 2
    try:
        return _run(args, store)
    finally:
        store.close()


def _run(args: argparse.Namespace, store: CaseStore) -> int:
    from desktop_app import audit_export

    report = store.audit.verify()
    if args.audit_command == "verify":
        where = store.key.where if store.key else "nowhere (not found)"
        print(f"case store: {store.path}")
        print(f"audit key: {where}")
        for note in report.notes:
            print(f"note: {note}")
        print(("ok  " if report.ok else "BROKEN  ") + report.summary())
        return 0 if report.ok else 1
    if args.audit_command == "cases":
        for known in audit_export.case_ids(store):
            print(f"{known}  {len(store.audit.entries(known))} row(s)")
        return 0
    case_id = audit_export.find_case(store, args.case)
    if case_id is None:
        print(f"oxygen-intake audit: no case {args.case!r} in the trail "
              "('oxygen-intake audit cases' lists them)", file=sys.stderr)
        return 2
    rows = audit_export.case_rows(store, case_id, report)
    if args.csv:
        if args.output:
            with open(args.output, "w", encoding="utf-8", newline="") as fh:
                audit_export.write_csv(rows, fh)
        else:
            audit_export.write_csv(rows, sys.stdout)
    else:
        out = Path(args.output or f"audit-{case_id}.pdf")
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        # A QApplication, not a bare QGuiApplication: the same process may later open
        # the window (tests, the self-test), which needs widgets.
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance() or QApplication([sys.argv[0]])
        pages = audit_export.write_pdf(
            audit_export.export_html(case_id, rows, report, store.path), out)
        del app
        print(f"{len(rows)} row(s) of case {case_id} written to {out} ({pages} page(s))")
    if not report.ok:
        print(f"warning: {report.summary()}", file=sys.stderr)
    return 0 if report.ok else 1
