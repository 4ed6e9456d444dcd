"""Command line: `contractdsl check|permits|render|fmt`, exit codes as documented in docs/cli.md."""

from __future__ import annotations

import argparse
import importlib
import sys

from .errors import ContractError, InputError

# Each command lives in its own module with `add_parser(subparsers)` and `run(args) -> int`.
COMMANDS = ("check", "permits", "fmt", "render")

EXIT_BAD_INPUT = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # argparse's default already exits 2; keep its words lowercase
        self.print_usage(sys.stderr)
        self.exit(EXIT_BAD_INPUT, f"error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    from . import __version__

    parser = _Parser(prog="contractdsl",
                     description="Check developer agreements and the usages they license.")
    parser.add_argument("--version", action="version", version=f"contractdsl {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True
    for name in COMMANDS:
        importlib.import_module(f".cli_{name}", __package__).add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except InputError as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except ContractError as err:
        print(err, file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
