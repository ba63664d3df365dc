"""The one-page decision summary: HTML built from the case, printed or exported as PDF.

`build_summary` collects what the page shows (patient, request, policy and version, each
confirmed value with its file, page and who confirmed it, the criteria table, the decision,
what is missing, reviewer, date and time); `summary_html` lays it out; `render_to_pdf` and
`paint_to_printer` put it on paper, shrinking the type until it fits one page. Letter paper in
US-style locales, A4 elsewhere.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QLocale, QMarginsF, QSizeF
from PySide6.QtGui import (
    QFont,
    QGuiApplication,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPdfWriter,
    QTextDocument,
)
from PySide6.QtPrintSupport import QPrinter

import rules
from desktop_app.decision_panel import DECISION_TEXT, POLICY_TEXT, REQUEST_TEXT, STATUS_TEXT
from desktop_app.review_model import STATUS_TEXT as VALUE_STATUS
from desktop_app.review_model import label, value_text
from desktop_app.session import ReviewSession

LETTER_TERRITORIES = {
    QLocale.Country.UnitedStates, QLocale.Country.Canada, QLocale.Country.Mexico,
    QLocale.Country.Chile, QLocale.Country.Colombia, QLocale.Country.Venezuela,
    QLocale.Country.Philippines, QLocale.Country.PuertoRico,
    QLocale.Country.UnitedStatesOutlyingIslands, QLocale.Country.UnitedStatesVirginIslands,
}


def default_page_size(locale: QLocale | None = None) -> QPageSize.PageSizeId:
    """Letter in the US and other Letter countries, A4 elsewhere."""
    territory = (locale or QLocale.system()).territory()
    return (QPageSize.PageSizeId.Letter if territory in LETTER_TERRITORIES
            else QPageSize.PageSizeId.A4)


@dataclass
class SummaryValue:
    text: str
    source: str
    status: str
    reviewer: str


@dataclass
class Summary:
    """Everything the printed page shows."""

    patient: str
    date_of_birth: str
    request: str
    policy: str
    decision: rules.Decision | None
    error: str | None
    values: list[SummaryValue] = field(default_factory=list)
    answers: list[tuple[str, str]] = field(default_factory=list)
    excluded: int = 0
    conflicts: int = 0
    reviewer: str = ""
    printed_at: str = ""


def build_summary(session: ReviewSession, case_id: str) -> Summary:
    """Collect one case's summary (confirmed values only; the rest is counted as excluded)."""
    result = session.decide(case_id)
    case = session.cases[case_id]
    items = session.case_items(case_id)
    counted = [i for i in items if i.counted]

    def first(key: str) -> str:
        return next((str(i.value) for i in counted if i.key == key), "not confirmed")

    values = []
    for item in counted:
        if item.doc_id is None:
            source = "typed by hand"
        else:
            source = Path(session.docs[item.doc_id].path).name
            if item.page:
                source += f", page {item.page}"
        values.append(SummaryValue(f"{label(item)}: {value_text(item)}", source,
                                   VALUE_STATUS[item.status], item.reviewer or ""))
    answers = [(rules.fact_label(name), "yes" if value else "no")
               for name, value in session.answers.get(case_id, {}).items()]
    d = result.decision
    request = REQUEST_TEXT.get(case.request_type, case.request_type)
    request += f", dated {result.case_facts.facts.get('request_date', 'today')}"
    equipment = result.case_facts.facts.get("requested_equipment")
    if equipment:
        request += "; requested: " + ", ".join(equipment)
    policy = POLICY_TEXT.get(case.policy, case.policy)
    if d is not None:
        policy += f" (version {d.policy_version})"
    return Summary(
        patient=first("patient_name"), date_of_birth=first("date_of_birth"), request=request,
        policy=policy, decision=d, error=result.error, values=values, answers=answers,
        excluded=len(result.case_facts.excluded), conflicts=len(result.case_facts.conflicts),
        reviewer=session.reviewer,
        printed_at=dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"))


def _e(text: object) -> str:
    return html.escape(str(text))


def summary_html(s: Summary) -> str:
    d = s.decision
    out = ["<html><body>",
           "<h2 style='margin:0'>Home oxygen coverage — decision summary</h2>",
           "<table width='100%' cellspacing='0' cellpadding='1'>",
           f"<tr><td width='18%'><b>Patient</b></td><td>{_e(s.patient)} "
           f"(born {_e(s.date_of_birth)})</td></tr>",
           f"<tr><td><b>Request</b></td><td>{_e(s.request)}</td></tr>",
           f"<tr><td><b>Policy</b></td><td>{_e(s.policy)}</td></tr>"]
    if d is not None:
        decision = DECISION_TEXT[d.decision]
        extra = []
        if d.group:
            extra.append(f"Group {d.group}")
        if d.equipment:
            items = [n for n in ("stationary", "portable") if getattr(d.equipment, n)]
            extra.append("equipment: " + (", ".join(items) or "none"))
        out.append(f"<tr><td><b>Decision</b></td><td><b>{_e(decision.upper())}</b>"
                   f"{' — ' + _e('; '.join(extra)) if extra else ''}</td></tr>")
    else:
        out.append(f"<tr><td><b>Decision</b></td><td>cannot decide: {_e(s.error)}</td></tr>")
    out.append("</table>")
    if s.excluded or s.conflicts:
        out.append(f"<p><i>{s.excluded} value(s) read but not confirmed were excluded"
                   + (f"; {s.conflicts} conflicting value(s) excluded" if s.conflicts else "")
                   + ".</i></p>")
    out.append("<h3>Confirmed values</h3><table width='100%' border='1' cellspacing='0' "
               "cellpadding='1'><tr><th align='left'>Value</th><th align='left'>Source</th>"
               "<th align='left'>Status</th><th align='left'>By</th></tr>")
    for v in s.values:
        out.append(f"<tr><td>{_e(v.text)}</td><td>{_e(v.source)}</td><td>{_e(v.status)}</td>"
                   f"<td>{_e(v.reviewer)}</td></tr>")
    for name, answer in s.answers:
        out.append(f"<tr><td>{_e(name)}: {answer}</td><td>answered by reviewer</td>"
                   f"<td>entered by user</td><td>{_e(s.reviewer)}</td></tr>")
    if not s.values and not s.answers:
        out.append("<tr><td colspan='4'>none</td></tr>")
    out.append("</table>")
    if d is not None:
        if d.missing_facts:
            out.append("<h3>Missing</h3><p>" + "; ".join(
                "☐ " + _e(rules.fact_label(f)) for f in d.missing_facts) + "</p>")
        if d.review_reasons:
            out.append("<h3>For a reviewer</h3><p>" + "<br>".join(
                _e(r) for r in d.review_reasons) + "</p>")
        out.append("<h3>Criteria</h3><table width='100%' border='1' cellspacing='0' "
                   "cellpadding='1'><tr><th align='left'>Status</th>"
                   "<th align='left'>Criterion and clause</th></tr>")
        for rule in d.rules:
            out.append(f"<tr><td>{_e(STATUS_TEXT[rule.status])}</td>"
                       f"<td><b>{_e(rule.id)}</b> {_e(rule.explanation)} "
                       f"<i>[{_e(rule.citation)}]</i></td></tr>")
        out.append("</table>")
    out.append(f"<p>Reviewer: <b>{_e(s.reviewer)}</b> &nbsp; · &nbsp; Printed "
               f"{_e(s.printed_at)} &nbsp; · &nbsp; Signature: ____________________</p>"
               "<p><i>Oxygen Intake: only the values listed above, each confirmed by the "
               "reviewer, were used for this decision.</i></p>")
    out.append("</body></html>")
    return "\n".join(out)


def _fit_document(html_text: str, page_rect: QSizeF) -> QTextDocument:
    """A document laid out for one page, shrinking the type (down to 6 pt) to fit."""
    doc = QTextDocument()
    doc.setHtml(html_text)
    doc.setPageSize(page_rect)
    size = 9.0
    while True:
        font = QFont("Helvetica")
        font.setPointSizeF(size)
        doc.setDefaultFont(font)
        doc.setHtml(html_text)
        if doc.pageCount() <= 1 or size <= 6.0:
            return doc
        size -= 0.5


def _layout(page_size: QPageSize.PageSizeId) -> QPageLayout:
    return QPageLayout(QPageSize(page_size), QPageLayout.Orientation.Portrait,
                       QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter)


def _print_onto(device: QPagedPaintDevice, html_text: str) -> int:
    """Lay out for ``device``'s page and print; returns the number of pages."""
    # QTextDocument lays out at the screen's resolution and scales to the device when
    # printing, so the page is sized in screen pixels.
    rect = device.pageLayout().paintRect(QPageLayout.Unit.Point)
    screen = QGuiApplication.primaryScreen()
    dpi = screen.logicalDotsPerInchY() if screen is not None else 96.0
    doc = _fit_document(html_text, QSizeF(rect.width() * dpi / 72.0,
                                          rect.height() * dpi / 72.0))
    doc.print_(device)
    return int(doc.pageCount())


def render_to_pdf(html_text: str, path: str | Path,
                  page_size: QPageSize.PageSizeId | None = None) -> int:
    """Write the summary to a PDF file; returns the page count (1 when it fit)."""
    writer = QPdfWriter(str(path))
    writer.setResolution(300)
    writer.setTitle("Home oxygen decision summary")
    writer.setCreator("Oxygen Intake")
    writer.setPageLayout(_layout(page_size or default_page_size()))
    pages = _print_onto(writer, html_text)
    del writer
    return pages


def make_printer(page_size: QPageSize.PageSizeId | None = None) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(_layout(page_size or default_page_size()))
    return printer


def paint_to_printer(printer: QPrinter, html_text: str) -> None:
    _print_onto(printer, html_text)
