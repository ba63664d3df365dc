"""Twenty faxes written slowly into a watched folder: is each taken exactly once?

A fax service is imitated: 14 generated referral PDFs and 6 generated fax TIFFs (synthetic
patients) are written one after another in 1 KB bursts, with pauses drawn from
0.05 (3 in 5), 0.3 and 2.5 s, so a half-written file often sits unchanged for more than one scan
(the scan interval is 1 s). The `watch` command's loop (`desktop_app.cli_watch.watch`) reads
each file that is ready with the real extractor (OCR for the TIFFs) and writes its JSON.

Prints: files written, JSON written, lost, doubled, read while incomplete, how often the
content check held back a file whose size had stopped changing, and the delay from the
writer closing a file to its JSON appearing (median, worst).

    .venv/bin/python benchmarks/inbox_slow_writer.py [--interval 1.0] [--seed 13]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import statistics
import tempfile
import threading
import time
from pathlib import Path

import desktop_app.inbox.scanner as scanner_module
from desktop_app.cli_watch import contract_extract, watch
from extractors.testing.generator import generate, write_fax_tiff, write_text_pdf


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--interval", type=float, default=1.0)
    ap.add_argument("--seed", type=int, default=13)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="inbox-bench-"))
    staging, inbox, out = work / "staging", work / "inbox", work / "out"
    for d in (staging, inbox):
        d.mkdir()
    for n in range(14):
        write_text_pdf(generate(n), staging / f"referral-{n:02d}.pdf")
    for n in range(14, 20):
        write_fax_tiff(generate(n), staging / f"fax-{n:02d}.tif")
    files = {p.name: p.read_bytes() for p in sorted(staging.iterdir())}

    held_back = 0
    real_check = scanner_module.is_complete

    def counting_check(path: str | Path) -> bool:
        nonlocal held_back
        ok = real_check(path)
        held_back += not ok
        return ok

    scanner_module.is_complete = counting_check
    closed_at: dict[str, float] = {}
    json_at: dict[str, float] = {}
    read_digests: list[tuple[str, str]] = []

    def extract(path: str) -> dict[str, object]:
        read_digests.append((Path(path).name,
                             hashlib.sha256(Path(path).read_bytes()).hexdigest()))
        return contract_extract(path)

    def written(path: Path) -> None:
        json_at[path.name.removesuffix(".json")] = time.monotonic()

    rng = random.Random(args.seed)

    def fax_service() -> None:
        for name, data in files.items():
            with open(inbox / name, "wb") as f:
                for i in range(0, len(data), 1024):
                    f.write(data[i:i + 1024])
                    f.flush()
                    time.sleep(rng.choice((0.05, 0.05, 0.05, 0.3, 2.5)))
            closed_at[name] = time.monotonic()

    stop = threading.Event()
    watcher = threading.Thread(target=watch, args=([str(inbox)], out), kwargs={
        "interval_s": args.interval, "extract": extract, "stop": stop,
        "note": lambda _m: None, "written": written}, daemon=True)
    started = time.monotonic()
    watcher.start()
    writer = threading.Thread(target=fax_service)
    writer.start()
    writer.join()
    deadline = time.monotonic() + 300
    while len(json_at) < len(files) and time.monotonic() < deadline:
        time.sleep(0.1)
    time.sleep(3 * args.interval)  # long enough for any second hand-over to show
    stop.set()
    watcher.join(60)
    names = [n for n, _ in read_digests]
    doubled = len(names) - len(set(names))
    lost = sorted(set(files) - set(names))
    truncated = sum(1 for n, d in read_digests
                    if d != hashlib.sha256(files[n]).hexdigest())
    outputs = sorted(p.name for p in out.glob("*.json"))
    delays = [json_at[n] - closed_at[n] for n in files if n in json_at]
    sizes = [len(d) for d in files.values()]
    print(f"files written          {len(files)} ({min(sizes) // 1024}-{max(sizes) // 1024} KB, "
          f"1 KB bursts, pauses up to 2.5 s, scan every {args.interval:g} s)")
    print(f"JSON written           {len(outputs)}")
    print(f"queued (read) once     {len(set(names)) - doubled}")
    print(f"lost                   {len(lost)}")
    print(f"doubled                {doubled}")
    print(f"read while incomplete  {truncated}")
    print(f"held back by the content check (size already unchanged): {held_back} time(s)")
    print(f"file closed → JSON     median {statistics.median(delays):.1f} s, "
          f"worst {max(delays):.1f} s")
    print(f"total run              {time.monotonic() - started:.0f} s")
    sample = json.loads((out / outputs[0]).read_text("utf-8"))
    print(f"first JSON has the contract fields: {sorted(sample)[:6]} …")


if __name__ == "__main__":
    main()
