"""The `oxygen-intake` command: argument parsing and dispatch to the subcommands.

`oxygen-intake decide …`, `extract …`, `watch …` and `export …` share their code with the
window, `oxygen-intake audit …` checks and exports the sealed audit trail; this module only
parses arguments and picks the subcommand. Without a subcommand
the window opens (`oxygen-intake [FILE …] [--sample] [--screenshot OUT.png]`); Qt is
imported only then.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from desktop_app import cli_audit, cli_decide, cli_export, cli_extract, cli_watch

SUBCOMMANDS = ("decide", "extract", "audit", "watch", "export")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="oxygen-intake",
        description="Read home-oxygen paperwork and check it against the coverage criteria.",
        epilog="Without a COMMAND the review window opens: oxygen-intake [FILE ...] [--sample] "
               "[--screenshot OUT.png] [--data-dir DIR] [--reviewer NAME].",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    cli_decide.add_parser(sub)
    cli_extract.add_parser(sub)
    cli_audit.add_parser(sub)
    cli_watch.add_parser(sub)
    cli_export.add_parser(sub)
    return parser


def build_window_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="oxygen-intake",
        description="Open the review window. Subcommands: 'oxygen-intake decide --help', "
                    "'oxygen-intake extract --help', 'oxygen-intake watch --help', "
                    "'oxygen-intake export --help'.",
    )
    parser.add_argument("files", nargs="*", metavar="FILE",
                        help="documents to queue (PDF, TIFF, PNG, JPEG, or folders)")
    parser.add_argument("--sample", action="store_true",
                        help="queue the bundled synthetic sample referral")
    parser.add_argument("--screenshot", metavar="OUT.png",
                        help="read the documents offscreen, save the window to OUT.png, exit")
    parser.add_argument("--data-dir", metavar="DIR",
                        help="case store folder (default: the user data folder, or "
                             "$OXYGEN_INTAKE_DATA_DIR)")
    parser.add_argument("--reviewer", metavar="NAME", help="reviewer name for this session")
    return parser


def run_window(args: argparse.Namespace) -> int:
    """Open the window; Qt is imported only here."""
    from desktop_app.app import run_window as open_window

    return open_window(args.files, sample=args.sample, screenshot=args.screenshot,
                       data_dir=args.data_dir, reviewer=args.reviewer)


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list == ["--self-test"]:
        from desktop_app.self_test import run_self_test

        return run_self_test()
    parser = build_parser()
    if not args_list or args_list[0] not in (*SUBCOMMANDS, "-h", "--help"):
        window_args = build_window_parser().parse_args(args_list)
        absent = [name for name in window_args.files if not Path(name).exists()]
        if absent:  # most often a mistyped subcommand; never open a window for it
            print(f"oxygen-intake: no such file or command: {absent[0]} (commands: "
                  f"{', '.join(SUBCOMMANDS)})", file=sys.stderr)
            return 2
        return run_window(window_args)
    args = parser.parse_args(args_list)
    handler = args.handler
    result: int = handler(args)
    return result
