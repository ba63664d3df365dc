"""`oxygen-intake extract`: stdout is exactly the contract JSON; errors go to stderr."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from desktop_app import cli_extract
from extractors.testing.generator import generate, write_text_pdf


def _run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    cli_extract.add_parser(parser.add_subparsers())
    args = parser.parse_args(["extract", *argv])
    return int(args.handler(args))


def test_json_for_good_and_bad_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = write_text_pdf(generate(0), tmp_path / "good.pdf")
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    code = _run([str(good), str(empty), "--json"])
    out, err = capsys.readouterr()
    data = json.loads(out)
    assert code == 1
    assert [d["source"] for d in data] == [str(good), str(empty)]
    assert data[0]["error"] is None and data[0]["measurements"]
    assert data[1]["error"] == "the file is empty (0 bytes)" and data[1]["measurements"] == []
    assert "empty.pdf: error:" in err and "page 1/" in err
    assert generate(0).truth["facts"]["patient_name"] not in err


def test_all_good_exits_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = write_text_pdf(generate(1), tmp_path / "g.pdf")
    assert _run([str(good), "--json", "--quiet"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)[0]["pages"] == len(generate(1).pages)
    assert err == ""


def test_pages_reads_a_range_and_warns_about_pages_past_the_end(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from extractors.testing.crafted import text_chart

    chart = text_chart(tmp_path / "chart.pdf", 12)
    assert _run([str(chart), "--json", "--quiet", "--pages", "1-2,11-14"]) == 0
    out, err = capsys.readouterr()
    (data,) = json.loads(out)
    assert data["error"] is None and data["pages"] == 12
    assert "pages 13-14 were chosen but the document has only 12 pages" in data["warnings"]
    assert "warning: only pages 1-2,11-12 of 12 were read" in err


@pytest.mark.parametrize("ranges", ["40-1", "1-40,x", "", "0"])
def test_a_bad_page_range_exits_2_with_one_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], ranges: str) -> None:
    good = write_text_pdf(generate(1), tmp_path / "g.pdf")
    assert _run([str(good), "--json", "--pages", ranges]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.startswith("oxygen-intake extract: --pages: ")
    assert err.count("\n") == 1
