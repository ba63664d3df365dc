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
