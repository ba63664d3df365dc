"""`oxygen-intake watch FOLDER… --out DIR`: the inbox without a window, for scripts.

Each file that arrives complete in a watched folder (see `desktop_app.inbox.scanner`) is read
once and its extraction written to ``DIR/<file name>.json``: the same object that
``oxygen-intake extract --json`` prints for that file (one element of its array). Each JSON is
written to a temporary name and renamed, so a script never reads half a file; its path is
printed on stdout, one per line. Notes go to stderr. A file whose content was taken before
(same SHA-256, any name) is skipped; what was taken is kept in ``DIR/.oxygen-intake-watch.sqlite3``
so that holds across runs. Nothing in the folders is moved, renamed or deleted, and nothing is
sent anywhere: the output is local files only.

``--once`` stops when no file is waiting any more (exit 1 if a file could not be read or a
folder could not be listed); otherwise it runs until Ctrl+C.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # imported when a watch starts, so `oxygen-intake --help` stays quick
    from desktop_app.inbox.ledger import InboxLedger
    from desktop_app.inbox.scanner import ReadyFile

LEDGER_NAME = ".oxygen-intake-watch.sqlite3"

Extract = Callable[[str], dict[str, Any]]
"""Path → the extraction contract object for that file."""


def contract_extract(path: str) -> dict[str, Any]:
    """What ``oxygen-intake extract --json`` prints for one file."""
    from extractors import extract_document

    result: dict[str, Any] = extract_document(path).to_contract_dict()
    return result


@dataclass
class WatchSummary:
    written: list[Path] = field(default_factory=list)
    duplicates: int = 0
    errors: int = 0
    unreachable: set[str] = field(default_factory=set)


def add_parser(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "watch", help="read each file arriving in a folder and write its JSON",
        description="Watch folders; write one extraction JSON per new file into --out.")
    p.add_argument("folders", nargs="+", metavar="FOLDER")
    p.add_argument("--out", required=True, metavar="DIR", help="where the JSON files go")
    p.add_argument("--interval", type=float, default=2.0, metavar="S",
                   help="seconds between scans (default 2)")
    p.add_argument("--once", action="store_true",
                   help="stop when nothing is waiting any more, instead of running until Ctrl+C")
    p.add_argument("--quiet", action="store_true", help="no notes on stderr")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    folders = [str(Path(f).resolve()) for f in args.folders]
    out = Path(args.out).resolve()
    if args.interval <= 0:
        print("oxygen-intake watch: --interval must be positive", file=sys.stderr)
        return 2
    note: Callable[[str], None] = (lambda _m: None) if args.quiet else _stderr
    try:
        summary = watch(folders, out, interval_s=args.interval, once=args.once, note=note)
    except KeyboardInterrupt:
        return 0
    if args.once and (summary.errors or summary.unreachable):
        return 1
    return 0


def _stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _stdout(path: Path) -> None:
    print(path, flush=True)


def watch(folders: Sequence[str], out_dir: Path, *, interval_s: float = 2.0,
          once: bool = False, extract: Extract = contract_extract,
          stop: threading.Event | None = None, note: Callable[[str], None] = _stderr,
          written: Callable[[Path], None] = _stdout,
          truncated_grace_s: float | None = None) -> WatchSummary:
    """Scan ``folders`` every ``interval_s`` until ``stop`` is set (or, with ``once``, until
    nothing waits); write one JSON per new file into ``out_dir``. ``truncated_grace_s``:
    how long a file that stays truncated is waited for (default `TRUNCATED_GRACE_S`)."""
    import sqlite3

    from desktop_app.inbox.ledger import InboxLedger
    from desktop_app.inbox.scanner import TRUNCATED_GRACE_S, InboxScanner

    out_dir.mkdir(parents=True, exist_ok=True)
    stop = stop or threading.Event()
    conn = sqlite3.connect(out_dir / LEDGER_NAME)
    summary = WatchSummary()
    try:
        ledger = InboxLedger(conn)
        scanner = InboxScanner(folders, known=ledger.known_paths(),
                               truncated_grace_s=TRUNCATED_GRACE_S if truncated_grace_s is None
                               else truncated_grace_s)
        scans = 0
        while not stop.is_set():
            result = scanner.poll()
            scans += 1
            for folder, reason in result.unreachable.items():
                if folder not in summary.unreachable:
                    note(f"{folder}: cannot be read ({reason}); still watching")
            for folder in summary.unreachable - set(result.unreachable):
                note(f"{folder}: reachable again")
            summary.unreachable = set(result.unreachable)
            for ready in result.ready:
                _take(ready, ledger, out_dir, extract, summary, note, written)
            if once and (result.unreachable or (scans >= scanner.stable_scans
                                                and result.waiting == 0)):
                break
            stop.wait(interval_s)
    finally:
        conn.close()
    return summary


def _take(ready: ReadyFile, ledger: InboxLedger, out_dir: Path, extract: Extract,
          summary: WatchSummary, note: Callable[[str], None],
          written: Callable[[Path], None]) -> None:
    name = Path(ready.path).name
    first = ledger.lookup(ready.sha256)
    if first is not None:
        ledger.take(ready, None)
        summary.duplicates += 1
        note(f"{name}: same content as {Path(first.path).name}, already taken; skipped")
        return
    data = extract(ready.path)
    if data.get("error"):
        summary.errors += 1
        note(f"{name}: error: {data['error']}")
    elif not ready.complete:
        note(f"{name}: still looked incomplete after waiting; read as it is")
    target = _target(out_dir, name, ready.sha256, ledger)
    tmp = target.with_name(f".{target.name}.part")
    tmp.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, target)
    ledger.take(ready, target.name)
    summary.written.append(target)
    written(target)


def _target(out_dir: Path, name: str, sha256: str, ledger: InboxLedger) -> Path:
    """``<name>.json``, or ``<name>.<hash>.json`` when another file of that name was taken."""
    plain = out_dir / f"{name}.json"
    taken = {a.doc_id for a in ledger.by_document().values()}
    if plain.name not in taken:
        return plain
    return out_dir / f"{name}.{sha256[:12]}.json"
