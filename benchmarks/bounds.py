"""Time and peak memory of reading hostile files and long charts, each in a fresh process.

Run: ``.venv/bin/python -m benchmarks.bounds [--quick] [--out DIR]``. It writes the crafted
files of `extractors.testing.crafted` (a 200-inch page, a 20000 × 20000 image, thousands of
tiny images, forms nested or fanning out, a content stream inflating to a gigabyte, TIFF
bombs, a 500-page fax) and text charts of 100, 300 and 1,000 pages, then reads each one in a
child process and prints its wall time and peak resident memory (the child's own maximum, so
one file never inherits another's peak) and CPU time (user + system, all threads: less
sensitive than wall time to other work on the machine), with the outcome: read, read with a
warning, or refused and why. The real OCR engine is used, as in the app (its models alone
are ~300 MB).

Modes measured per file (``--modes``): ``extract`` (what ``oxygen-intake extract`` does: the
whole pipeline), ``read`` (stage 1 only, to show that reading stays flat however long the
chart), ``window`` (the review window offscreen: the file read in the background, then every
page scrolled into view) and ``view`` (the document view's renderer alone, every page once).
Budget: ~1.5 GiB for any input; a row over it is marked ``OVER``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

BUDGET_MB = 1536
CHARTS = (100, 300, 1000)


def peak_rss_mb() -> float:
    """This process's peak resident memory in MB (Linux, macOS and Windows)."""
    if sys.platform == "win32":
        import ctypes
        from ctypes import wintypes

        class Counters(ctypes.Structure):
            _fields_ = [("cb", wintypes.DWORD), ("PageFaultCount", wintypes.DWORD),
                        ("PeakWorkingSetSize", ctypes.c_size_t),
                        ("WorkingSetSize", ctypes.c_size_t),
                        ("QuotaPeakPagedPoolUsage", ctypes.c_size_t),
                        ("QuotaPagedPoolUsage", ctypes.c_size_t),
                        ("QuotaPeakNonPagedPoolUsage", ctypes.c_size_t),
                        ("QuotaNonPagedPoolUsage", ctypes.c_size_t),
                        ("PagefileUsage", ctypes.c_size_t),
                        ("PeakPagefileUsage", ctypes.c_size_t)]

        counters = Counters()
        counters.cb = ctypes.sizeof(counters)
        ctypes.windll.psapi.GetProcessMemoryInfo(  # type: ignore[attr-defined]
            ctypes.windll.kernel32.GetCurrentProcess(),  # type: ignore[attr-defined]
            ctypes.byref(counters), counters.cb)
        return float(counters.PeakWorkingSetSize) / (1024 * 1024)
    status = Path("/proc/self/status")
    if status.exists():  # Linux: VmHWM starts afresh at exec; ru_maxrss keeps the parent's
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def child(mode: str, path: Path) -> dict[str, Any]:
    """Read ``path`` one way in this (fresh) process; the figures as a dict."""
    started = time.perf_counter()
    out: dict[str, Any] = {}
    if mode == "extract":
        from extractors import extract_document

        result = extract_document(path)
        out = {"pages": result.pages, "error": result.error, "warnings": result.warnings,
               "values": len(result.measurements)}
    elif mode == "read":
        from extractors.pipeline import shared_ocr_engine
        from extractors.read import read_pages
        from extractors.read.files import page_count, sniff

        read = errors = 0
        try:
            for page in read_pages(path, shared_ocr_engine):
                read += 1
                errors += page.info.error is not None
            out = {"pages": page_count(path, sniff(path)), "error": None,
                   "warnings": [f"{errors} page(s) not read"] if errors else []}
        except Exception as exc:  # an ExtractionError: the file is refused
            out = {"pages": 0, "error": str(exc), "warnings": []}
        out["read"] = read
    elif mode == "window":
        out = _window(path)
    elif mode == "view":
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from desktop_app.page_render import PageSource

        shown, notes = 0, []
        try:
            with PageSource(path) as source:
                for index in range(source.count):
                    try:
                        source.render(index, 2.0)
                        shown += 1
                    except ValueError as exc:
                        notes.append(f"page {index + 1} not shown: {exc}")
            out = {"pages": source.count, "error": None, "warnings": notes}
        except Exception as exc:
            out = {"pages": 0, "error": f"cannot be shown: {exc}", "warnings": []}
        out["shown"] = shown
    out["seconds"] = round(time.perf_counter() - started, 2)
    cpu = os.times()
    out["cpu_seconds"] = round(cpu.user + cpu.system, 2)
    out["peak_rss_mb"] = round(peak_rss_mb())
    return out


def _window(path: Path) -> dict[str, Any]:
    """The review window, offscreen: the file dropped, read in the background, then every
    page scrolled into view (rendered, and kept or evicted by the view's page cache)."""
    import tempfile

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["OXYGEN_INTAKE_HEADLESS"] = "1"
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    from desktop_app.app import make_application, make_window

    app = make_application()
    with tempfile.TemporaryDirectory(prefix="bounds-window-") as data:
        window = make_window(data, reviewer="Benchmark")
        window.settings = None
        window.show()
        (doc_id,) = window.add_files([str(path)])
        loop = QEventLoop()
        window.reader.idle.connect(loop.quit)
        if window.reader.busy():
            loop.exec()
        window.show_document(doc_id)
        view = window.document
        for page in range(view.page_count()):
            view.go_to_page(page)
            view.view.viewport().grab()
            app.processEvents()
        doc = window.session.docs[doc_id]
        extraction = window.session.extraction(doc_id)
        out = {"pages": extraction.pages if extraction else 0, "error": doc.error,
               "warnings": extraction.warnings if extraction else [],
               "shown": view.page_count()}
        window.close()
    QApplication.processEvents()
    return out


def measure(mode: str, path: Path, timeout: float) -> dict[str, Any]:
    cmd = [sys.executable, "-m", "benchmarks.bounds", "--child", mode, str(path)]
    started = time.perf_counter()
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout,
                              check=False)
    except subprocess.TimeoutExpired:
        return {"error": f"TIMEOUT after {timeout:.0f} s", "seconds": timeout,
                "peak_rss_mb": None, "warnings": []}
    lines = [ln for ln in done.stdout.splitlines() if ln.startswith("{")]
    if done.returncode != 0 or not lines:
        return {"error": f"child failed (exit {done.returncode})", "peak_rss_mb": None,
                "seconds": round(time.perf_counter() - started, 2), "warnings": []}
    result: dict[str, Any] = json.loads(lines[-1])
    return result


def build(out: Path, quick: bool) -> list[tuple[str, Path]]:
    from extractors.testing import crafted

    out.mkdir(parents=True, exist_ok=True)
    makers: list[tuple[str, Callable[[Path], Path]]] = [
        (name, maker) for name, maker in crafted.CRAFTED.items()]
    makers = [(n, m) for n, m in makers if n != "content_bomb.pdf"]
    bomb_mb = 256 if quick else 1024
    makers.append((f"content_bomb_{bomb_mb}mb.pdf",
                   partial(crafted.content_bomb, megabytes=bomb_mb)))
    makers.append(("fax_500_pages.tif", partial(crafted.tiff_pages, pages=500)))
    for pages in CHARTS[:2] if quick else CHARTS:
        makers.append((f"chart_{pages}_pages.pdf", partial(crafted.text_chart, pages=pages)))
    files = []
    for name, maker in makers:
        path = out / name
        if not path.exists():
            maker(path)
        files.append((name, path))
    return files


def _outcome(result: dict[str, Any]) -> str:
    if result.get("error"):
        return "refused: " + str(result["error"])
    warnings = result.get("warnings") or []
    extra = ""
    if "values" in result:
        extra = f"{result['values']} values, "
    if "shown" in result:
        extra = f"{result['shown']} shown, "
    text = f"read ({extra}{result.get('pages', '?')} pages)"
    if warnings:
        text += f"; {len(warnings)} warning(s): {warnings[0]}"
    return text


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--child", nargs=2, metavar=("MODE", "FILE"), help=argparse.SUPPRESS)
    ap.add_argument("--build", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--out", type=Path, default=Path("corpus_out/bounds"),
                    help="where the crafted files are written (kept for reuse)")
    ap.add_argument("--quick", action="store_true",
                    help="skip the 1,000-page chart and shrink the content bomb")
    ap.add_argument("--modes", default="extract,read,window",
                    help="comma-separated: extract, read, view, window")
    ap.add_argument("--timeout", type=float, default=1800.0, help="seconds per child")
    ap.add_argument("--json", action="store_true", help="print the rows as JSON")
    args = ap.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child[0], Path(args.child[1]))))
        return 0
    if args.build:
        build(args.build, args.quick)
        return 0
    # the files are written by a child too, so this process stays small (on macOS a child's
    # peak memory counts its parent's)
    subprocess.run([sys.executable, "-m", "benchmarks.bounds", "--build", str(args.out),
                    *(["--quick"] if args.quick else [])], check=True)
    files = build(args.out, args.quick)
    modes = [m.strip() for m in args.modes.split(",") if m.strip()]
    print(f"# {os.cpu_count()} CPUs, budget {BUDGET_MB} MB peak RSS per process",
          file=sys.stderr)
    rows = []
    for name, path in files:
        for mode in modes:
            result = measure(mode, path, args.timeout)
            rss = result.get("peak_rss_mb")
            over = " OVER" if rss is not None and rss > BUDGET_MB else ""
            row = {"file": name, "bytes": path.stat().st_size, "mode": mode,
                   "seconds": result.get("seconds"), "cpu_seconds": result.get("cpu_seconds"),
                   "peak_rss_mb": rss, "outcome": _outcome(result)}
            rows.append(row)
            if not args.json:
                print(f"{name:24} {path.stat().st_size:>9,} B  {mode:7} "
                      f"{result.get('seconds') or 0:>7.1f} s  "
                      f"{result.get('cpu_seconds') or 0:>7.1f} cpu-s  "
                      f"{rss if rss is not None else '?':>5} MB{over}  {row['outcome'][:100]}",
                      flush=True)
    if args.json:
        print(json.dumps(rows, indent=1))
    return 1 if any(r["peak_rss_mb"] and r["peak_rss_mb"] > BUDGET_MB for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
