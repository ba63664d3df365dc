"""The queue as a CSV worklist for the desk's own spreadsheet: one row per case.

Columns: case number (as in the queue), case id, patient, documents, status, decision,
policy, group, reviewer, created, arrived (first inbox arrival), last change, signed off.
Times are local, ``YYYY-MM-DD HH:MM``. The decision is the rules' answer on the confirmed
values, as the window shows it; computing it writes nothing (no audit entry, no status).

Written as UTF-8 with a byte-order mark so spreadsheet programs read accented names, and any
cell starting with ``= + - @`` (or a tab) is prefixed with ``'`` so a crafted name in a
document can never become a spreadsheet formula.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import rules
from desktop_app import signoff
from desktop_app.inbox.ledger import InboxLedger
from desktop_app.session import ReviewSession

COLUMNS = ("case", "case_id", "patient", "documents", "status", "decision", "policy",
           "group", "reviewer", "created", "arrived", "last_change", "signed_off")
_DECISION_TEXT = {"qualifies": "qualifies", "does_not_qualify": "does not qualify",
                  "needs_review": "needs review",
                  "insufficient_information": "insufficient information"}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def local_time(iso: str | None) -> str:
    """An ISO 8601 time (any offset) as local ``YYYY-MM-DD HH:MM``; '' for None."""
    if not iso:
        return ""
    try:
        when = dt.datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if when.tzinfo is not None:
        when = when.astimezone()
    return when.strftime("%Y-%m-%d %H:%M")


def safe_cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def case_status(session: ReviewSession, case_id: str, signed: bool) -> str:
    if signed:
        return "signed off"
    statuses = {d.status for d in session.case_documents(case_id)}
    if statuses & {"queued", "reading"}:
        return "reading"
    if statuses <= {"error", "cancelled"}:
        return "error"
    if "review" in statuses:
        return "needs review"
    return "decided"


def worklist_rows(session: ReviewSession) -> list[dict[str, str]]:
    """One dict per case, in queue order, keyed by `COLUMNS`."""
    created = dict(session.store.conn.execute("SELECT id, created_at FROM cases").fetchall())
    arrivals = InboxLedger(session.store.conn).by_document()
    rows = []
    for number, case in enumerate(session.ordered_cases(), start=1):
        docs = session.case_documents(case.id)
        if not docs:
            continue
        items = session.case_items(case.id)
        patient = next((str(i.value) for i in items
                        if i.key == "patient_name" and i.counted), "")
        signed = signoff.current(session, case.id)
        decision = group = ""
        if any(d.status in ("review", "decided") for d in docs):
            try:
                d = rules.decide(session.case_facts(case.id).facts, case.policy)
                decision, group = _DECISION_TEXT[d.decision], d.group or ""
            except rules.FactsError:
                decision = "cannot decide"
        entries = session.store.audit.entries(case.id)
        reviewer = signed.reviewer if signed else (entries[-1].reviewer if entries else "")
        arrived = sorted(a.arrived_at for doc in docs if (a := arrivals.get(doc.id)))
        rows.append({
            "case": str(number), "case_id": case.id, "patient": patient,
            "documents": str(len(docs)), "status": case_status(session, case.id, bool(signed)),
            "decision": decision, "policy": case.policy, "group": group,
            "reviewer": reviewer, "created": local_time(created.get(case.id)),
            "arrived": local_time(arrived[0]) if arrived else "",
            "last_change": local_time(entries[-1].at) if entries else "",
            "signed_off": local_time(signed.at) if signed else "",
        })
    return rows


def worklist_csv(session: ReviewSession) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for row in worklist_rows(session):
        writer.writerow({k: safe_cell(v) for k, v in row.items()})
    return out.getvalue()


def export_worklist(session: ReviewSession, path: str | Path) -> int:
    """Write the worklist to ``path``; returns the number of cases written."""
    text = worklist_csv(session)
    target = Path(path)
    target.write_text(text, encoding="utf-8-sig", newline="")
    return max(0, text.count("\r\n") - 1)
