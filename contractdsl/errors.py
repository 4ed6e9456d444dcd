"""Diagnostics and exceptions: problems as data, printed as `file:line:col: message`."""

from __future__ import annotations

import difflib
import functools
import re
from typing import Iterable, Sequence

import attrs

# How many characters of a long source line are shown under a problem, around it.
SHOWN = 200

# The file a problem without a place in one is said of (a file that cannot be read, a wrong
# command line): machine formats need a file; text says the problem alone.
NOWHERE = "<input>"


@attrs.frozen(kw_only=True)
class Diagnostic:
    """One problem in an input, with where it is and, where a fix is likely, a `help:` line.

    ``code`` names the rule broken (`syntax`, `unknown-name`, `bad-date`, ...);
    it is the same for every problem of a kind, whatever the message says.
    The problem runs from ``line``:``column`` to ``end_line``:``end_column`` (just after its
    last character); where the end is not given, it is ``width`` characters on.
    """

    file: str
    line: int
    column: int
    message: str
    severity: str = "error"  # or "warning"
    help: str | None = None
    code: str | None = None
    source_line: str | None = attrs.field(default=None, eq=False)
    width: int = attrs.field(default=1, eq=False)
    end_line: int = attrs.field(eq=False, default=attrs.Factory(
        lambda self: self.line, takes_self=True))
    end_column: int = attrs.field(eq=False, default=attrs.Factory(
        lambda self: self.column + max(self.width, 1), takes_self=True))

    def format(self) -> str:
        """`file:line:col: error: message` (`error: message` for a problem of no file), the
        source line with a caret, then `help:`; control characters of the input are shown as
        visible symbols."""
        place = "" if self.file == NOWHERE else f"{self.file}:{self.line}:{self.column}: "
        text = inline(f"{place}{self.severity}: {self.message}")
        if self.source_line is not None:
            gutter = f"{self.line} | "
            line, start = self.source_line.rstrip(), max(self.column - 1, 0)
            # a long line (a minified or binary file) is shown around the problem
            first = max(0, min(start - SHOWN // 2, len(line) - SHOWN))
            last = first + SHOWN
            more = "…" if first else ""
            before = more + self.source_line[first:start]
            marked = self.source_line[start:][: max(min(self.width, last - start), 1)]
            caret = " " * len(gutter) + _blank(before) + "^" * max(_cells(marked), 1)
            shown = more + line[first:last] + ("…" if last < len(line) else "")
            text += f"\n{gutter}{visible(shown)}\n{caret}"
        if self.help:
            text += f"\nhelp: {shown_message(self.help)}"
        return text

    def to_dict(self) -> dict:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
            "help": self.help,
        }

    def __str__(self) -> str:
        return self.format()


class ContractError(Exception):
    """Base of every error contractdsl raises for bad input."""

    def __init__(self, message: str, diagnostics: Iterable[Diagnostic] = (),
                 help: str | None = None):
        super().__init__(message)
        self.diagnostics = list(diagnostics)
        self.help = help

    def __str__(self) -> str:
        if self.diagnostics:
            return "\n".join(d.format() for d in self.diagnostics)
        text = super().__str__()
        return f"{text}\nhelp: {self.help}" if self.help else text


class AgreementError(ContractError):
    """An agreement file could not be read: a syntax error or a semantic error. ``document``
    is the file as far as it could be read, when every statement was read but some hold
    problems (its ``problems``), for the checker to find the file's other problems in; it is
    never judged by."""

    def __init__(self, message: str, diagnostics: Iterable[Diagnostic] = (),
                 help: str | None = None, *, document=None):
        super().__init__(message, diagnostics, help)
        self.document = document


class UsageError(ContractError):
    """A usage does not fit the agreement it is checked against, or is malformed."""


class InputError(ContractError):
    """A file could not be read, or a command line is wrong."""


def _cells(text: str) -> int:
    """How many columns of a terminal ``text`` takes: a wide character (CJK, fullwidth) two."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _blank(text: str) -> str:
    """Blanks as wide as ``text`` on a terminal: a tab stays a tab, so the caret lines up."""
    return "".join(c if c == "\t" else " " * _cells(c) for c in text)


# Characters that would act on a terminal, break a line or turn text around where it is shown.
_CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
_INVISIBLE = re.compile(f"[{_CONTROLS}]")


def _symbol(match) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the control pictures: ␛ for ESC
    return "\u2421" if code == 0x7F else "\ufffd"


def visible(text: str) -> str:
    """``text`` with its control characters (other than tab and newline) shown as one visible
    symbol each, so output cannot act on a terminal or forge lines, and columns stay put."""
    return _INVISIBLE.sub(_symbol, text)


# The same, and a line feed: what a name or a quoted value may not hold where it is shown.
_BREAKING = re.compile(f"[\n{_CONTROLS}]")


def inline(text: str) -> str:
    """``text`` on one line: as :func:`visible` shows it, and a line feed shown as `␊`, so a
    name or a value quoted in a message cannot start a line of the output."""
    return _BREAKING.sub(_symbol, text)


def shown_message(text: str) -> str:
    """A message and its `help:` lines, each on one line however many line feeds the values
    quoted in them hold."""
    return "\nhelp: ".join(inline(part) for part in text.split("\nhelp: "))


def suggest(word: str, candidates: Iterable[str]) -> str | None:
    """The closest candidate to a misspelt word, if one is close enough (none, at once, for a
    word more than 7/3 as long as every candidate: their ratio is below 0.6 however alike)."""
    candidates = sorted(set(candidates))
    if 3 * len(word) > 7 * max(map(len, candidates), default=0):
        return None  # (a long value of a log, say, not read through for nothing)
    matches = difflib.get_close_matches(word, candidates, n=1, cutoff=0.6)
    return matches[0] if matches else None


def did_you_mean(word: str, candidates: Iterable[str]) -> str | None:
    """A `help:` text proposing the closest candidate, or None."""
    best = suggest(word, candidates)
    return f"did you mean `{best}`?" if best else None


def defined_help(name: str, defined: Iterable[str], kind: str) -> str:
    """The help for an unknown name of a ``kind`` (`fact`, `attribute of the users`): the
    closest name the agreement defines, else every one of them, else that it defines none."""
    defined = sorted(set(defined))
    return did_you_mean(name, defined) or (f"the agreement defines: {', '.join(defined)}"
                                           if defined else f"the agreement defines no {kind}")


def unknown_choice(value, choices: Sequence[str], what: str) -> InputError:
    """The error for a ``value`` not among ``choices`` (`unknown locale `de``), with the choices,
    or the closest one, on a `help:` line."""
    said = str(value)
    cased = next((c for c in choices if c.lower() == said.lower()), None)  # `EN`: `en`
    return InputError(f"unknown {what} `{said}`\nhelp: "
                      + (f"did you mean `{cased}`?" if cased else did_you_mean(said, choices)
                         or f"choose {one_of(choices)}"))


def with_article(kind: str) -> str:
    """``kind`` after `a` or `an`, as it is said: `an action`, `a unit` (the kinds that begin
    with a `u` say it as in `unit` and `user`)."""
    return f"an {kind}" if kind[:1] in ("a", "e", "i", "o") else f"a {kind}"


def one_of(choices: Sequence[str]) -> str:
    """The choices as a `help:` line lists them: `` `a`, `b` or `c` ``."""
    quoted = [f"`{c}`" for c in choices]
    return ", ".join(quoted[:-1]) + f" or {quoted[-1]}" if len(quoted) > 1 else quoted[0]


def proposed(help: str | None) -> str | None:
    """The word a :func:`did_you_mean` help text proposes, or None."""
    found = re.fullmatch(r"did you mean `([^`]+)`\?", help or "")
    return found[1] if found else None


def source_line(text: str | None, line: int) -> str | None:
    """Line ``line`` of ``text``, lines ending at `\\n` only, as the parser counts them."""
    if text is None:
        return None
    lines = _lines(text)
    return lines[line - 1].rstrip("\r") if 0 < line <= len(lines) else None


@functools.lru_cache(maxsize=4)
def _lines(text: str) -> list[str]:
    # kept: the problems of one file each show a line of it
    return text.split("\n")


def expect_text(text) -> None:
    """A TypeError, saying what to give, unless ``text`` (an agreement's) is a str."""
    if not isinstance(text, str):
        raise TypeError(f"expected the text of an agreement as a str, not {type(text).__name__}"
                        + (" (decode it first)" if isinstance(text, (bytes, bytearray)) else ""))
