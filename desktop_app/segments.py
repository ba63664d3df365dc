"""The parts of one file as the extractor found them ("p. 1 Fax cover sheet · pp. 2–4 ABG /
blood gas lab report"), for the line above the page view: each part links to its first page.

Pure Python: the window turns the text into a label."""

from __future__ import annotations

from html import escape

from extractors.doctypes import load_doctypes
from extractors.models import DocumentExtraction

UNKNOWN = "Other pages"


def _pages(pages: list[int]) -> str:
    if len(pages) == 1:
        return f"p. {pages[0]}"
    if pages == list(range(pages[0], pages[-1] + 1)):
        return f"pp. {pages[0]}–{pages[-1]}"
    return "pp. " + ", ".join(str(p) for p in pages)


def segment_parts(extraction: DocumentExtraction) -> list[tuple[int, str]]:
    """(first page, "pp. 2–3 ABG / blood gas lab report") for each part of the file."""
    titles = {name: dt.title for name, dt in load_doctypes().items()}
    out: list[tuple[int, str]] = []
    for seg in extraction.segments:
        if not seg.pages:
            continue
        title = titles.get(seg.doc_type, UNKNOWN)
        doubt = " (?)" if seg.doc_type != "unknown" and seg.confidence < 0.6 else ""
        out.append((seg.pages[0], f"{_pages(seg.pages)} {title}{doubt}"))
    return out


def segments_html(extraction: DocumentExtraction | None) -> str:
    """The parts as links (``page:N``) joined by middle dots; empty for nothing to show."""
    if extraction is None:
        return ""
    parts = segment_parts(extraction)
    return " · ".join(f'<a href="page:{first}">{escape(text)}</a>' for first, text in parts)
