"""Command line: arguments to output and an exit status (docs/cli.md); :func:`main` is the entry."""

from __future__ import annotations

import argparse
import importlib
import re
import sys

from ..errors import ContractError, InputError, visible

# Each command lives in its own module with `add_parser(subparsers)` and `run(args) -> int`.
COMMANDS = ("check", "permits", "fmt", "render")

EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 70  # a fault of contractdsl itself, never an outcome (sysexits' EX_SOFTWARE)


_INVALID_CHOICE = re.compile(
    r"argument (?P<arg>[^:]+): invalid choice: '?(?P<value>.*?)'? \(choose from (?P<choices>.*)\)$")


def _friendly(message: str) -> str:
    """argparse's message in the words of the other errors: a bad choice names what was given
    in backticks, with the choices on a `help:` line."""
    found = _INVALID_CHOICE.match(message)
    if not found:
        return message
    what = found["arg"].split("/")[0].lstrip("-").lower()
    choices = [c.strip().strip("'") for c in found["choices"].split(",")]
    listed = ", ".join(f"`{c}`" for c in choices[:-1]) + f" or `{choices[-1]}`"
    return f"unknown {what} `{found['value']}`\nhelp: choose {listed}"


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # argparse's default already exits 2; keep its words lowercase
        self.print_usage(sys.stderr)
        self.exit(EXIT_BAD_INPUT, f"error: {_friendly(message)}\n")


def build_parser() -> argparse.ArgumentParser:
    from .. import __version__

    parser = _Parser(prog="contractdsl",
                     description="Check developer agreements and the usages they license.")
    parser.add_argument("--version", action="version", version=f"contractdsl {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True
    for name in COMMANDS:
        importlib.import_module(f".{name}", __package__).add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except InputError as err:
        print(visible(f"error: {err}"), file=sys.stderr)
        return EXIT_BAD_INPUT
    except ContractError as err:
        print(visible(str(err)), file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except OSError as err:  # a file that vanished or could not be written mid-run
        where = f" `{err.filename}`" if err.filename else ""
        reason = (err.strerror or str(err)).lower()
        print(visible(f"error: cannot access{where}: {reason}"), file=sys.stderr)
        return EXIT_BAD_INPUT
    except Exception as err:  # noqa: BLE001 - whatever it is, it is not an outcome
        print(visible(f"error: internal error in contractdsl ({type(err).__name__}: {err})\n"
                      "help: this is a fault of contractdsl, not of the input; please report it "
                      "with the command and its files"), file=sys.stderr)
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
