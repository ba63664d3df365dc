"""Whole documents through `extract_document`: text PDFs, bad files, progress and cancel."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from extractors import DocumentExtraction, extract_document
from extractors.testing.generator import generate, write_text_pdf
from extractors.testing.pdf_writer import TextItem, text_pdf


def _tuples(result: DocumentExtraction) -> list[tuple[object, ...]]:
    return sorted((m.kind, m.value, m.setting, m.oxygen, m.flow_lpm, m.method, m.date,
                   m.minutes) for m in result.measurements)


@pytest.mark.parametrize("index", range(7))
def test_each_generated_kind_reads_exactly(index: int, tmp_path: Path) -> None:
    doc = generate(index)
    result = extract_document(write_text_pdf(doc, tmp_path / f"{doc.name}.pdf"))
    want = sorted(tuple(m[k] for k in ("kind", "value", "setting", "oxygen", "flow_lpm",
                                       "method", "date", "minutes"))
                  for m in doc.truth["measurements"])
    assert result.error is None
    assert _tuples(result) == want
    facts = result.to_contract_dict()["facts"]
    for name, value in doc.truth["facts"].items():
        assert (sorted(facts[name]) if isinstance(value, list) else facts[name]) == \
            (sorted(value) if isinstance(value, list) else value), name


def test_contract_shape_and_evidence_inside_the_page(tmp_path: Path) -> None:
    doc = generate(0)
    result = extract_document(write_text_pdf(doc, tmp_path / "a.pdf"))
    contract = result.to_contract_dict()
    assert list(contract)[:6] == ["source", "pages", "ocr_pages", "error", "measurements",
                                  "facts"]
    assert contract["ocr_pages"] == [] and contract["pages"] == len(doc.pages)
    sizes = {p.page: (p.width, p.height) for p in result.page_info}
    for m in contract["measurements"]:
        assert set(m) >= {"kind", "value", "setting", "oxygen", "flow_lpm", "method", "date",
                          "minutes", "confidence", "evidence"}
        x0, top, x1, bottom = m["evidence"]["bbox"]
        width, height = sizes[m["evidence"]["page"]]
        assert 0 <= x0 < x1 <= width and 0 <= top < bottom <= height
        assert 0 < m["confidence"] <= 1
        assert str(int(m["value"])) in m["evidence"]["text"] or "kPa" in str(m["evidence"])
    for key in ("patient_name", "date_of_birth", "performed_by"):
        assert key in result.facts.fact_evidence


def test_values_on_page_two_keep_their_page(tmp_path: Path) -> None:
    page1 = [TextItem(54, 54, "OVERNIGHT OXIMETRY REPORT", 14, True),
             TextItem(54, 80, "Study date: 05/01/2026   Recorded on room air")]
    page2 = [TextItem(54, 54, "Lowest SpO2 during the study: 81%")]
    result = extract_document(_write(tmp_path / "two.pdf", text_pdf([page1, page2])))
    assert [(m.value, m.setting, m.oxygen, m.date, m.evidence.page)
            for m in result.measurements] == [(81.0, "sleep", "room_air", "2026-05-01", 2)]


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("content,message", [
    (b"", "empty"),
    (b"hello, this is not a document", "not a PDF"),
    (b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog", "damaged"),
    (b"II*\x00garbage", "damaged"),
])
def test_bad_files_give_a_one_line_error(tmp_path: Path, content: bytes, message: str) -> None:
    result = extract_document(_write(tmp_path / "bad.pdf", content))
    assert result.error is not None and message in result.error
    assert "\n" not in result.error
    assert result.measurements == []


def test_truncated_pdf_is_an_error(tmp_path: Path) -> None:
    data = write_text_pdf(generate(1), tmp_path / "full.pdf").read_bytes()
    result = extract_document(_write(tmp_path / "cut.pdf", data[: len(data) // 2]))
    assert result.error is not None


def test_missing_file_and_folder(tmp_path: Path) -> None:
    assert extract_document(tmp_path / "nope.pdf").error == "file not found"
    assert "folder" in (extract_document(tmp_path).error or "")


def test_long_documents_are_read_to_the_last_page(tmp_path: Path) -> None:
    """A 250-page chart used to be refused (at most 200 pages were read)."""
    pages = [[TextItem(54, 54, f"Progress note, chart page {i + 1}: no new findings.")]
             for i in range(250)]
    pages[-1].append(TextItem(54, 70, "SpO2 87% on room air at rest."))
    result = extract_document(_write(tmp_path / "long.pdf", text_pdf(pages)))
    assert result.error is None and result.pages == 250 and len(result.page_info) == 250
    assert [(m.value, m.evidence.page) for m in result.measurements] == [(87.0, 250)]


def test_progress_is_reported_per_page(tmp_path: Path) -> None:
    calls: list[tuple[int, int, str]] = []

    class Recorder:
        def page_done(self, page: int, total: int, stage: str) -> None:
            calls.append((page, total, stage))

    doc = generate(3)
    extract_document(write_text_pdf(doc, tmp_path / "p.pdf"), progress=Recorder())
    n = len(doc.pages)
    assert calls == [(i, n, "text") for i in range(1, n + 1)]


def test_cancel_stops_reading(tmp_path: Path) -> None:
    cancel = threading.Event()
    cancel.set()
    result = extract_document(write_text_pdf(generate(2), tmp_path / "c.pdf"), cancel=cancel)
    assert result.error == "reading was cancelled"


def test_the_users_file_is_not_modified(tmp_path: Path) -> None:
    path = write_text_pdf(generate(5), tmp_path / "keep.pdf")
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    extract_document(path)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.pdf"]


def test_text_pages_are_fast(tmp_path: Path) -> None:
    path = write_text_pdf(generate(4), tmp_path / "speed.pdf")
    result = extract_document(path)
    assert result.seconds / max(1, result.pages) < 0.5


def test_values_typed_into_form_fields_are_read(tmp_path: Path) -> None:
    page = [TextItem(54, 54, "CMN oxygen   Date of test: 03/02/2026"),
            TextItem(54, 80, "Most recent arterial blood gas PO2:"),
            TextItem(250, 80, "52", field=True),
            TextItem(280, 80, "mm Hg at rest on room air")]
    result = extract_document(_write(tmp_path / "form.pdf", text_pdf([page])))
    assert [(m.value, m.setting, m.oxygen, m.date) for m in result.measurements] == [
        (52.0, "rest", "room_air", "2026-03-02")]
    x0, _, x1, _ = result.measurements[0].evidence.bbox
    assert x0 <= 251 and x1 >= 262


_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def _rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out, i, j = bytearray(), 0, 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def _password_protected(pdf: bytes, user: bytes = b"secret") -> bytes:
    """Add a Standard security handler (RC4-40, revision 2) with a user password: enough
    for a reader to ask for the password (the content itself is left as it is)."""
    import hashlib

    padded_user = (user + _PAD)[:32]
    owner_key = hashlib.md5((b"owner" + _PAD)[:32]).digest()[:5]
    o_entry = _rc4(owner_key, padded_user)
    file_id = b"0123456789abcdef"
    permissions = (-4).to_bytes(4, "little", signed=True)
    key = hashlib.md5(padded_user + o_entry + permissions + file_id).digest()[:5]
    u_entry = _rc4(key, _PAD)
    encrypt = (b"<< /Filter /Standard /V 1 /R 2 /O <" + o_entry.hex().encode() + b"> /U <"
               + u_entry.hex().encode() + b"> /P -4 >>")
    trailer = (b"/Encrypt " + encrypt + b" /ID [<" + file_id.hex().encode() + b"> <"
               + file_id.hex().encode() + b">] /Root")
    return pdf.replace(b"/Root", trailer, 1)


def test_password_protected_pdf_says_so(tmp_path: Path) -> None:
    data = write_text_pdf(generate(0), tmp_path / "plain.pdf").read_bytes()
    result = extract_document(_write(tmp_path / "locked.pdf", _password_protected(data)))
    assert result.error is not None and "password" in result.error
