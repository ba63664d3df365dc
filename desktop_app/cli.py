"""The `oxygen-intake` command: argument parsing and dispatch to the subcommands.

`oxygen-intake decide …` and `oxygen-intake extract …` share their code with the
window; this module only parses arguments and picks the subcommand.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from desktop_app import cli_decide, cli_extract

SUBCOMMANDS = ("decide", "extract")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="oxygen-intake",
        description="Read home-oxygen paperwork and check it against the coverage criteria.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    cli_decide.add_parser(sub)
    cli_extract.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    if not args_list or args_list[0] not in (*SUBCOMMANDS, "-h", "--help"):
        parser.print_help(sys.stderr)
        return 2
    args = parser.parse_args(args_list)
    handler = args.handler
    result: int = handler(args)
    return result
