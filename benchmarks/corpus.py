"""Writes the synthetic corpus (text PDF, fax TIFF, fax image PDF) into a gitignored folder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from extractors.testing.generator import (
    SyntheticDoc,
    corpus,
    write_fax_pdf,
    write_fax_tiff,
    write_text_pdf,
)

DEFAULT_DIR = Path(__file__).resolve().parent.parent / "corpus_out"
FORMATS = ("text_pdf", "fax_tiff", "fax_pdf")


@dataclass
class CorpusFile:
    doc: SyntheticDoc
    fmt: str
    path: Path


def build(out_dir: Path = DEFAULT_DIR, count: int = 63,
          formats: tuple[str, ...] = FORMATS) -> list[CorpusFile]:
    out_dir.mkdir(parents=True, exist_ok=True)
    files: list[CorpusFile] = []
    for doc in corpus(count):
        if "text_pdf" in formats:
            files.append(CorpusFile(doc, "text_pdf",
                                    write_text_pdf(doc, out_dir / f"{doc.name}.pdf")))
        if "fax_tiff" in formats:
            files.append(CorpusFile(doc, "fax_tiff",
                                    write_fax_tiff(doc, out_dir / f"{doc.name}.fax.tif")))
        if "fax_pdf" in formats:
            files.append(CorpusFile(doc, "fax_pdf",
                                    write_fax_pdf(doc, out_dir / f"{doc.name}.fax.pdf")))
    return files
