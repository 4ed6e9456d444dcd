"""Command line: arguments to output and an exit status (docs/cli.md); :func:`main` is the entry."""

from __future__ import annotations

import argparse
import contextlib
import re
import importlib
import sys
from typing import Callable, Sequence

from ..errors import (ContractError, InputError, did_you_mean, inline, one_of, shown_message,
                      unknown_choice, visible)

# Each command lives in its own module with `add_parser(subparsers)` and `run(args) -> int`.
COMMANDS = ("check", "permits", "test", "fmt", "render", "lint", "diff", "audit", "lsp")

EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 70  # a fault of contractdsl itself, never an outcome (sysexits' EX_SOFTWARE)


def choice(what: str, choices: Sequence[str]) -> Callable[[str], str]:
    """An argument `type` that accepts one of ``choices`` and otherwise raises the project's own
    error: `unknown locale `de``, with the choices (or the closest one) on a `help:` line."""

    def accept(value: str) -> str:
        if value in choices:
            return value
        raise unknown_choice(value, choices, what)

    accept.__name__ = what
    return accept


def add_choice(parser: argparse.ArgumentParser, *flags: str, what: str, choices: Sequence[str],
               **options) -> None:
    parser.add_argument(*flags, type=choice(what, choices), metavar="{" + ",".join(choices) + "}",
                        **options)


def add_common(parser: argparse.ArgumentParser) -> None:
    """Options every command takes."""
    parser.add_argument("--quiet", "-q", action="store_true",
                        help="print only what fails: problems, usages denied or undetermined, "
                        "failing tests, files that would change")


def writer(output: str | None) -> Callable[[str], object]:
    """Where `-o FILE` sends a command's result: FILE, written atomically; standard output
    without it or with `-o -`. An empty name is bad input, said before any work is done."""
    if output == "":
        raise InputError("the output file name is empty",
                         help="give the file to write to, or `-` for standard output")
    if output is None or output == "-":
        return sys.stdout.write
    from ..format import write_atomically

    return lambda text: write_atomically(output, text)


class _Once(argparse._StoreAction):
    """An option that takes its value once: given again, it is refused, naming it, rather than
    the last value taken silently (`render -f html -f text`). Options that may be repeated
    (`--usage`, `--log`) append instead."""

    def __call__(self, parser, namespace, values, option_string=None):
        given = namespace.__dict__.setdefault("_given", set())
        if self.dest in given:
            name = max(self.option_strings, key=len)
            raise InputError(f"option `{name}` is given twice",
                             help=f"`{name}` takes one value: give it once" if self.nargs is None
                             else f"`{name}` is read once: give it once, with all its values")
        given.add(self.dest)
        super().__call__(parser, namespace, values, option_string)


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.register("action", None, _Once)
        self.register("action", "store", _Once)

    def error(self, message):
        """argparse's complaint about the command line, said as the project's own error (one
        line, the user's words in backticks, and a `help:` line) rather than its usage text."""
        raise InputError(_said(self, message))


def _said(parser: argparse.ArgumentParser, message: str) -> str:
    """An argparse message in the project's words, with its `help:` line."""
    command = parser.prog.split()[-1]
    lists = (f"`contractdsl {command} --help` lists its options" if command != "contractdsl"
             else "`contractdsl --help` lists the commands")
    required = re.fullmatch(r"the following arguments are required: (.+)", message)
    if required:
        names = required[1].split(", ")
        if names == ["COMMAND"]:
            return f"no command given\nhelp: the commands are {one_of(COMMANDS)}"
        actions = {a.metavar if not a.option_strings else a.option_strings[0]: a
                   for a in parser._actions}
        first = names[0]
        action = actions.get(first)
        if action is not None and action.option_strings:
            return (f"`contractdsl {command}` needs `{first} {action.metavar}`\nhelp: {lists}")
        return f"`contractdsl {command}` needs at least one {first}\nhelp: {lists}"
    option = re.fullmatch(r"argument ([^:]+): (.+)", message, re.S)
    if option:
        name = max(option[1].split("/"), key=len)
        problem = option[2]
        action = next((a for a in parser._actions if name in a.option_strings), None)
        metavar = getattr(action, "metavar", None)
        if isinstance(metavar, tuple):
            metavar = " ".join(metavar)
        if problem.startswith("expected "):
            count = re.fullmatch(r"expected (\d+) arguments", problem)
            needs = f"{count[1]} values" if count else "a value"
            if metavar and metavar.startswith("{"):
                choices = metavar.strip("{}").split(",")
                return f"option `{name}` needs a value\nhelp: choose {one_of(choices)}"
            return (f"option `{name}` needs {needs}\nhelp: write `{name} {metavar or 'VALUE'}`")
        ignored = re.fullmatch(r"ignored explicit argument '(.*)'", problem, re.S)
        if ignored:
            return (f"option `{name}` takes no value, not `{ignored[1]}`\nhelp: write `{name}` "
                    "alone")
        return f"option `{name}`: {problem}\nhelp: {lists}"
    return f"{message[:1].lower()}{message[1:]}\nhelp: {lists}"


def build_parser() -> argparse.ArgumentParser:
    from .. import __version__

    parser = _Parser(prog="contractdsl",
                     description="Check developer agreements and the usages they license.")
    parser.add_argument("--version", action="version", version=f"contractdsl {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True
    for name in COMMANDS:
        command = importlib.import_module(f".{name}", __package__)
        command.add_parser(sub)
    return parser


def _command_of(argv: list[str]) -> str | None:
    """The command word: the first argument that is not an option."""
    return next((a for a in argv if not a.startswith("-")), None)


def parse(argv: list[str]) -> argparse.Namespace:
    """Arguments to a namespace. A mistyped command or option is the project's own error, with
    the closest command or option proposed. After `--`, every argument is a file: a usage file
    for `permits`, a path for the others."""
    before, after = argv, []
    if "--" in argv:
        cut = argv.index("--")
        before, after = argv[:cut], argv[cut + 1:]
    command = _command_of(before)
    if command is not None and command not in COMMANDS and not {"-h", "--help", "--version"} \
            & set(before[:before.index(command)]):
        listed = ", ".join(f"`{c}`" for c in COMMANDS)
        raise InputError(f"unknown command `{command}`\nhelp: "
                         + (did_you_mean(command, COMMANDS) or f"the commands are {listed}"))
    if command is None:
        unknown = next((a for a in before if a not in ("-h", "--help", "--version")), None)
        if unknown is not None:
            raise InputError(f"unknown option `{unknown.split('=')[0]}`\nhelp: give a command "
                             f"first: {one_of(COMMANDS)}")
    parser = build_parser()
    args, extras = parser.parse_known_args(before)
    if extras:
        subparser = _subparser(parser, args.command)
        options = [o for action in subparser._actions for o in action.option_strings]
        unknown = extras[0]
        if unknown.startswith("-"):
            name = unknown.split("=")[0]
            raise InputError(f"unknown option `{name}` of `{args.command}`\nhelp: "
                             + (did_you_mean(name, options)
                                or f"`contractdsl {args.command} --help` lists the options"))
        raise InputError(f"unexpected argument `{unknown}`\nhelp: "
                         f"`contractdsl {args.command} --help` says what it takes")
    if after:
        target = getattr(args, "after_dashes", "paths")
        setattr(args, target, list(getattr(args, target) or []) + after)
    return args


def _subparser(parser: argparse.ArgumentParser, command: str) -> argparse.ArgumentParser:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action.choices[command]
    raise LookupError(command)  # pragma: no cover - every parser has its commands


@contextlib.contextmanager
def _one_run():
    """A command that reads its files, does one thing and ends keeps most of what it builds
    until it ends: Python's collector, left to its thresholds, would walk that growing heap
    again and again (more than half of `fmt`'s time on a file of 20,000 clauses). The process
    is the command's own, so it has the collector look at the young objects less often and
    scan the whole heap rarely, until the command returns; the language server, which runs
    on, keeps the defaults."""
    import gc

    before = gc.get_threshold()
    gc.set_threshold(100_000, 50, 1_000)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        args = parse(argv)
        if args.command == "lsp":
            return args.run(args)
        with _one_run():
            return args.run(args)
    except InputError as err:
        # located, each diagnostic says `error:` after its place
        print(visible(str(err)) if err.diagnostics else shown_message(f"error: {err}"),
              file=sys.stderr)
        return EXIT_BAD_INPUT
    except ContractError as err:
        # an agreement or usage error is located; one of no place is said as any error is
        print(visible(str(err)) if err.diagnostics else shown_message(f"error: {err}"),
              file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except OSError as err:  # a file that vanished or could not be written mid-run
        from ..files import access_help

        where = f" `{err.filename}`" if err.filename else ""
        reason = (err.strerror or str(err)).lower()
        print(inline(f"error: cannot access{where}: {reason}"), file=sys.stderr)
        print(inline(f"help: {access_help(err, 'check the path and its permissions')}"),
              file=sys.stderr)
        return EXIT_BAD_INPUT
    except Exception as err:  # noqa: BLE001 - whatever it is, it is not an outcome
        print(shown_message(
            f"error: internal error in contractdsl ({type(err).__name__}: {err})\nhelp: this is "
            "a fault of contractdsl, not of the input; please report it with the command and "
            "its files"), file=sys.stderr)
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
