"""One case's audit trail for an auditor: CSV, or a PDF that states whether the seals hold.

Each row: number, time (UTC), reviewer, action, what it concerned (the value's name, the
question, the policy), the value before and after, the first characters of its seal, and
whether the seal was verified (every row before the first broken one is; from there on none
can be vouched for). Qt is imported only to write the PDF.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

import rules
from desktop_app.audit_log import AuditEntry, ChainReport
from desktop_app.case_store import CaseStore
from desktop_app.review_model import label

HEADER = ("row", "time_utc", "reviewer", "action", "concerning", "before", "after", "seal",
          "seal_verified")


@dataclass(frozen=True)
class ExportRow:
    seq: int
    at: str
    reviewer: str
    action: str
    concerning: str
    before: str
    after: str
    seal: str
    verified: bool

    def cells(self) -> tuple[str, ...]:
        return (str(self.seq), self.at, self.reviewer, self.action, self.concerning,
                self.before, self.after, self.seal, "yes" if self.verified else "NO")


def _text(value: Any) -> str:
    return "" if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def _concerning(store: CaseStore, entry: AuditEntry) -> str:
    if entry.action == "answer" and entry.subject:
        return rules.fact_label(entry.subject)
    if entry.action == "decision":
        return f"decision under {entry.subject}"
    item = next((i for i in store.items() if i.id == entry.subject), None)
    return label(item) if item is not None else str(entry.subject or "")


def case_ids(store: CaseStore) -> list[str]:
    """Every case the trail mentions, in order of first mention."""
    seen: dict[str, None] = {}
    for entry in store.audit.entries():
        if entry.case_id:
            seen.setdefault(entry.case_id)
    return list(seen)


def find_case(store: CaseStore, given: str) -> str | None:
    """The case id ``given`` names: itself, or a unique beginning of one (4+ characters)."""
    known = case_ids(store)
    if given in known:
        return given
    matches = [c for c in known if len(given) >= 4 and c.startswith(given)]
    return matches[0] if len(matches) == 1 else None


def case_rows(store: CaseStore, case_id: str, report: ChainReport) -> list[ExportRow]:
    limit = report.first_broken if not report.ok and report.first_broken else None
    return [ExportRow(e.seq, e.at, e.reviewer, e.action, _concerning(store, e), _text(e.before),
                      _text(e.after), (e.hash or "")[:16],
                      report.ok or (limit is not None and e.seq < limit))
            for e in store.audit.entries(case_id)]


def write_csv(rows: list[ExportRow], out: TextIO) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for row in rows:
        writer.writerow(row.cells())


def export_html(case_id: str, rows: list[ExportRow], report: ChainReport, store: Path) -> str:
    e = html.escape
    status = ("<p style='color:#0a7d32'><b>Seals verified:</b> every row of the trail "
              f"({report.rows}) matches its seal.</p>" if report.ok else
              f"<p style='color:#b00020'><b>The trail is broken at row {report.first_broken}"
              f"</b>: {e(report.problem or '')}. Rows from {report.first_broken} on cannot be "
              "vouched for.</p>")
    out = ["<html><body>", f"<h2>Audit trail of case {e(case_id)}</h2>",
           f"<p>Case store: {e(str(store))}<br>Exported "
           f"{dt.datetime.now(dt.UTC).strftime('%Y-%m-%d %H:%M UTC')} with oxygen-intake "
           "audit export</p>", status,
           "<table border='1' cellspacing='0' cellpadding='2' width='100%'><tr>",
           *(f"<th align='left'>{e(h.replace('_', ' '))}</th>" for h in HEADER), "</tr>"]
    for row in rows:
        colour = "" if row.verified else " style='color:#b00020'"
        out.append(f"<tr{colour}>" + "".join(f"<td>{e(c)}</td>" for c in row.cells())
                   + "</tr>")
    if not rows:
        out.append(f"<tr><td colspan='{len(HEADER)}'>no rows</td></tr>")
    out.append("</table></body></html>")
    return "\n".join(out)


def write_pdf(html_text: str, path: Path) -> int:
    """Landscape pages, as many as the rows need; returns the page count."""
    from PySide6.QtCore import QMarginsF, QSizeF
    from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPdfWriter, QTextDocument

    writer = QPdfWriter(str(path))
    writer.setResolution(300)
    writer.setTitle("Audit trail")
    writer.setCreator("Oxygen Intake")
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                     QPageLayout.Orientation.Landscape,
                                     QMarginsF(12, 12, 12, 12), QPageLayout.Unit.Millimeter))
    rect = writer.pageLayout().paintRect(QPageLayout.Unit.Point)
    doc = QTextDocument()
    font = QFont("Helvetica")
    font.setPointSizeF(7.5)
    doc.setDefaultFont(font)
    doc.setHtml(html_text)
    doc.setPageSize(QSizeF(rect.width() * 96 / 72, rect.height() * 96 / 72))
    doc.print_(writer)
    pages = int(doc.pageCount())
    del writer
    return pages
