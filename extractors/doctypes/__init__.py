"""Stage 3, document types: which kind of paper each page is, and how a file (a fax packet)
splits into segments.

Each type is defined in `definitions/<name>.yaml`: weighted title signals (looked for in the
first lines of a page) and body signals, the defaults a reading of that type assumes (an ABG
is a blood gas at rest; an oximetry recording is a sleep test unless it says otherwise) and
whether values on it are measurements at all (a fax cover's note is not evidence).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from extractors.layout import FAX_HEADER, PageLayout
from extractors.models import Evidence

TITLE_LINES = 12
"""Lines at the top of a page where a title signal counts."""
_CONTINUED = re.compile(r"\(page [2-9]\d*\)|\bcontinued\b|\bcont'?d\b|\bpage [2-9]\d* of \d+|"
                        r"\bpage [2-9]\d*\s*/\s*\d+", re.IGNORECASE)
"""A page that says it continues the document before it."""
_TRANSMITTED = re.compile(r"\b\d{1,2}:\d{2}\b|\(\d{3}\)\s*\d{3}-\d{4}|\b\d{10,11}\b|"
                          r"\b(?:from|fr|to)\s*:", re.IGNORECASE)
"""A fax transmission header ("05/16/2025 8:38 AM (804) 555-0137 … PAGE 3 OF 4") counts the
pages of the transmission, not of a document: it continues nothing."""
TITLE_WORDS = 10
"""A title signal counts only on a short line (a title, not a sentence that mentions it)."""
MIN_SCORE = 4.0
"""A page scoring less than this for every type is `unknown`."""
WINDOW_PAGES = 100
"""A document longer than this is handed on in windows of this many pages (a hospital chart
of one untitled run of pages), so that no more than a window's layouts are held at once."""


@dataclass(frozen=True)
class DocType:
    name: str
    title: str
    title_signals: tuple[tuple[re.Pattern[str], float], ...]
    signals: tuple[tuple[re.Pattern[str], float], ...]
    defaults: dict[str, str]
    measurements: bool


@dataclass
class PageType:
    """The best type for one page, its score and the line that weighed most."""

    doc_type: str
    score: float
    runner_up: float
    has_title: bool
    evidence: Evidence | None


@dataclass
class DocSegment:
    """Consecutive pages of one document of a packet."""

    doc_type: str
    pages: list[int]
    layouts: list[PageLayout]
    confidence: float
    evidence: Evidence | None
    definition: DocType | None = None
    page_types: list[PageType] = field(default_factory=list)
    continued: bool = False
    """A later window of a document longer than `WINDOW_PAGES`: its first page is not the
    document's, and the document's opening (title, date, letterhead) was in the window
    before."""

    @property
    def first_page(self) -> int | None:
        """The document's first page when this window holds it, else None."""
        return None if self.continued else self.pages[0]


def _compile(items: list[list[Any]]) -> tuple[tuple[re.Pattern[str], float], ...]:
    return tuple((re.compile(str(rx), re.IGNORECASE | re.MULTILINE), float(w)) for rx, w in items)


@lru_cache(maxsize=1)
def load_doctypes() -> dict[str, DocType]:
    """Every type definition shipped in `definitions/`."""
    out: dict[str, DocType] = {}
    folder = resources.files("extractors.doctypes").joinpath("definitions")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".yaml"):
            continue
        raw = yaml.safe_load(entry.read_text("utf-8"))
        out[raw["name"]] = DocType(
            name=str(raw["name"]), title=str(raw["title"]),
            title_signals=_compile(raw.get("title_signals") or []),
            signals=_compile(raw.get("signals") or []),
            defaults={str(k): str(v) for k, v in (raw.get("defaults") or {}).items()},
            measurements=bool(raw.get("measurements", True)))
    return out


_LABELLED = re.compile(r"^\s*(?P<label>[A-Za-z][A-Za-z .'/#&-]{0,30}?)\s*:\s*\S")
_SUBJECT = re.compile(r"^(?:re|subject|regarding)$", re.IGNORECASE)


def _title_lines(layout: PageLayout) -> list[int]:
    """The first lines of a page where a title may stand: not fax headers, and not the value
    of a field ("Attached: office note, oximetry and SWO" on a cover names other papers),
    except a subject line ("RE: Letter of medical necessity")."""
    lines = [ln for ln in layout.lines if not FAX_HEADER.search(ln.text)]
    out = []
    for ln in lines[:TITLE_LINES]:
        m = _LABELLED.match(ln.text)
        if m and not _SUBJECT.match(m.group("label").strip()):
            continue
        out.append(ln.index)
    return out


def classify_page(layout: PageLayout) -> PageType:
    """Score every type on one page."""
    types = load_doctypes()
    title_idx = set(_title_lines(layout))
    scores: dict[str, float] = {}
    best_line: dict[str, tuple[float, int, tuple[int, int]]] = {}
    titled: dict[str, bool] = {}
    for name, dt in types.items():
        score = 0.0
        for rx, weight in dt.title_signals:
            for line in layout.lines:
                if line.index not in title_idx or len(line.text.split()) > TITLE_WORDS:
                    continue
                m = rx.search(line.text)
                if m:
                    score += weight * 2
                    titled[name] = True
                    if weight * 2 > best_line.get(name, (0.0, 0, (0, 0)))[0]:
                        best_line[name] = (weight * 2, line.index, m.span())
                    break
        text = "\n".join(ln.text for ln in layout.lines)
        for rx, weight in dt.signals:
            if rx.search(text):
                score += weight
        scores[name] = score
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    best, best_score = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    evidence = None
    if best in best_line:
        _, idx, (a, b) = best_line[best]
        evidence = layout.lines[idx].run.evidence(a, b)
    if best_score < MIN_SCORE:
        return PageType("unknown", best_score, second, False, evidence)
    return PageType(best, best_score, second, titled.get(best, False), evidence)


def _confidence(pt: PageType) -> float:
    if pt.doc_type == "unknown":
        return 0.3
    margin = (pt.score - pt.runner_up) / max(1.0, pt.score)
    return round(min(0.99, 0.5 + 0.5 * margin + (0.1 if pt.has_title else 0.0)), 2)


_IDENTITY = re.compile(r"\b(?:patient|pt|name|dob|d\.o\.b|date of birth|birth ?date|mrn|"
                       r"medical record|beneficiary)\b\.?\s*(?:name)?\s*[:#]", re.IGNORECASE)


def _names_someone(layout: PageLayout) -> bool:
    """The page says whose it is (a patient or DOB field near its top): a page of the same
    kind that does not ("Oximetry summary" on page 2) continues the document before it."""
    return any(_IDENTITY.search(ln.text) for ln in layout.lines[:TITLE_LINES + 4])


class Segmenter:
    """Pages in, documents out, as the pages come: a new segment where the type changes, or
    where a page carries its own title of the same type; untitled weak pages continue the one
    before. A document reaching ``window`` pages is handed on and continued in a new window
    (`DocSegment.continued`)."""

    def __init__(self, window: int = WINDOW_PAGES) -> None:
        self.window = window
        self._current: DocSegment | None = None

    def add(self, layout: PageLayout) -> DocSegment | None:
        """Take the next page; the segment (or window) it closes, if any."""
        pt = classify_page(layout)
        current = self._current
        number = layout.page.number
        if current is not None and current.doc_type != "fax_cover" and \
                _continues(layout, pt, current):
            if len(current.pages) < self.window:
                current.pages.append(number)
                current.layouts.append(layout)
                current.page_types.append(pt)
                return None
            self._current = DocSegment(current.doc_type, [number], [layout],
                                       current.confidence, current.evidence,
                                       current.definition, [pt], continued=True)
            return current
        self._current = DocSegment(pt.doc_type, [number], [layout], _confidence(pt),
                                   pt.evidence, load_doctypes().get(pt.doc_type), [pt])
        return current

    def close(self) -> DocSegment | None:
        """The last segment, once every page was taken."""
        last, self._current = self._current, None
        return last


def _continues(layout: PageLayout, pt: PageType, current: DocSegment) -> bool:
    continued_page = any(_CONTINUED.search(ln.text) and not _TRANSMITTED.search(ln.text)
                         for ln in layout.lines[:4])
    return (continued_page
            or (pt.doc_type == current.doc_type and not pt.has_title)
            or (pt.doc_type == current.doc_type and not _names_someone(layout))
            or (not pt.has_title and pt.doc_type in ("unknown", current.doc_type))
            or (pt.doc_type == "unknown" and current.doc_type != "fax_cover"))


def split_segments(layouts: list[PageLayout], window: int = WINDOW_PAGES) -> list[DocSegment]:
    """All pages of a file grouped into documents (`Segmenter` over a list)."""
    segmenter = Segmenter(window)
    segments = [s for s in map(segmenter.add, layouts) if s is not None]
    last = segmenter.close()
    return segments + ([last] if last is not None else [])
