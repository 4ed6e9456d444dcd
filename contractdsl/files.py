"""Input files to text: a file read as every input file is (standard input read once, only a
regular file, its size bounded, UTF-8); :func:`read_text` is the entry."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from .errors import AgreementError, Diagnostic, InputError, source_line
from .limits import MAX_BYTES

STDIN = "-"  # a file name that stands for standard input


def source_name(path) -> str:
    """The name a file is known by in messages: standard input is `<stdin>`."""
    return "<stdin>" if str(path) == STDIN else str(path)


def access_help(err: OSError, usual: str) -> str:
    """The help for a file that cannot be read or written: ``usual`` (its permissions, a folder
    to write in), unless the error says what else to check (a name too long, a file where the
    path has a folder)."""
    if err.errno == errno.ENAMETOOLONG:
        return "a file name has at most 255 bytes, and a path 4,096: check how it was made"
    if err.errno == errno.ENOTDIR:
        return "a name in the path before the last is a file, not a folder: check the path"
    return usual


def refuse_nul(path) -> None:
    """An :class:`InputError` for a file name that holds a NUL character, which the system
    refuses to look up (Python raises a ValueError)."""
    if "\0" in str(path):
        raise InputError(f"the file name `{str(path).replace(chr(0), '^@')}` holds a NUL "
                         "character, which no file name does", help="check how the name was made")


def refuse_slash(path) -> None:
    """An :class:`InputError` for a file's name written as a folder's (`terms.agreement/`):
    the system refuses to open it (not a directory), but a :class:`~pathlib.Path` drops the
    `/` and would read the file."""
    name = str(path)
    if name.endswith(os.sep) and os.path.isfile(name.rstrip(os.sep)):
        raise InputError(f"`{name}` ends with `{os.sep}`, but `{name.rstrip(os.sep)}` is a file, "
                         "not a folder", help=f"write the file's path without the `{os.sep}` at "
                         "its end")


def paths_given(paths, takes: str, listed: str | None = None) -> None:
    """A TypeError unless each of ``paths`` is a path, a text or an ``os.PathLike``: ``takes``
    says what the function called takes (`load takes the paths of agreement files, each a str
    or a Path`), and ``listed`` what to write for a list given as one path."""
    for path in paths:
        if not isinstance(path, (str, os.PathLike)):
            raise TypeError(f"{takes}, not {type(path).__name__}"
                            + (f"; {listed}" if listed and isinstance(path, (list, tuple))
                               else ""))


def _stdin_bytes(_read: list = []) -> bytes:
    """Standard input's bytes (at most ``MAX_BYTES`` and one more), read once however many
    times `-` is named."""
    if not _read:
        import sys

        _read.append(sys.stdin.buffer.read(MAX_BYTES + 1))
    return _read[0]


# What a folder given in place of a file of each kind holds: the files to give instead.
FOLDER_HELP = {"agreement": "give the agreement files in it, e.g. `{}/*.agreement`",
               "usage": "give the usage or manifest files in it, e.g. `{}/*.yaml`",
               "facts": "give the facts file in it, e.g. `{}/facts.yaml`"}


def read_text(path, kind: str = "agreement") -> str:
    """A file's text (`-`: standard input), or :class:`InputError` saying why it cannot be
    read; ``kind`` (a key of :data:`FOLDER_HELP`) says what file it is meant to be.

    Only a regular file (or a link to one) is read, and at most ``MAX_BYTES`` of it: a folder,
    a pipe or a device is refused before it is opened. A UTF-8 byte order mark is skipped; a
    second one after it is refused, in every kind of file alike.
    """
    if str(path) == "":
        raise InputError("a file name is empty", help="give the path of an agreement or usage "
                         "file")
    refuse_nul(path)
    refuse_slash(path)
    given, path = str(path), Path(path)  # (a Path drops a `/` at the end: said as written)
    try:
        if str(path) == STDIN:
            data = _stdin_bytes()
        else:
            mode = path.stat().st_mode
            if stat.S_ISDIR(mode):
                raise InputError(f"`{given}` is a folder, not a file",
                                 help=FOLDER_HELP[kind].format(given.rstrip(os.sep) or os.sep))
            if not stat.S_ISREG(mode):
                raise InputError(f"`{given}` is not a regular file",
                                 help="agreement and usage files are text files, not pipes or "
                                 "devices")
            with path.open("rb") as handle:
                data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise InputError(f"no such file: `{given}`",
                         help="check the path; it is read from the current folder") from None
    except OSError as err:
        raise InputError(f"cannot read `{given}`: {(err.strerror or str(err)).lower()}",
                         help=access_help(err, "check the file's permissions")) from None
    if len(data) > MAX_BYTES:
        raise InputError(f"`{source_name(given)}` is larger than {MAX_BYTES // (1024 * 1024)} MiB; "
                         "agreement and usage files are small texts",
                         help="split the file, e.g. a schedule or a list of usages per file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        start = data.rfind(b"\n", 0, err.start) + 1
        line = data[: err.start].count(b"\n") + 1
        before = data[start: err.start].decode("utf-8-sig", "replace")
        message = "the file is not UTF-8 text"
        text = data.decode("utf-8-sig", "replace")
        raise AgreementError(message, [Diagnostic(
            file=source_name(path), line=line, column=len(before) + 1, message=message,
            help="save the file as UTF-8", code="not-text",
            source_line=source_line(text, line))]) from None
    if text.startswith("\ufeff"):  # one is skipped; YAML would skip the next one too
        message = "the file starts with two byte order marks"
        raise AgreementError(message, [Diagnostic(
            file=source_name(path), line=1, column=1, message=message,
            help="remove the second one: a UTF-8 file starts with one at most", code="not-text",
            source_line=source_line(text, 1))])
    return text


def read_once(names, which: str, files: bool = True) -> None:
    """Refuse standard input named more than once among ``names`` where each name is a
    different input: it is read once. ``which`` says what may be `-`, e.g. "one `--log`".
    Unless ``files`` is false, refuse a file named twice too (by any path to it): read twice,
    a version would overlap itself and a log be counted twice."""
    if sum(str(name) == STDIN for name in names) > 1:
        raise InputError("standard input is named twice", help=f"it is read once: give {which} "
                         "as `-`, and the others as files")
    seen: set[str] = set()
    for name in names if files else ():
        if str(name) in ("", STDIN) or "\0" in str(name):  # reading it says what is wrong
            continue
        real = os.path.realpath(name)
        if real in seen:
            raise InputError(f"the file `{name}` is named twice",
                             help="each file is read once: name it once")
        seen.add(real)
