"""Log paths, column mappings and dated facts to what an audit reads: the files of a log, the
column each field is read from, and the facts with their times."""

from __future__ import annotations

import csv
import datetime as _dt
import io
import json
import os
import re
from collections.abc import Mapping
from itertools import repeat
from pathlib import Path
from typing import NoReturn

import attrs

from ..errors import Diagnostic, InputError, UsageError, defined_help, did_you_mean
from ..files import access_help, refuse_slash
from ..limits import MAX_LOG_ENTRIES
from ..usage import STRIPPED

# The fields a log row may carry besides amounts (a column named after a unit of the agreement)
# and scope keys (a column named after the scope of a limit: `user`, `endpoint`, ...).
TERMS = ("app", "action", "data", "purpose", "recipient", "tier")
FIELDS = ("time",) + TERMS + ("amount", "unit")
# Standard input, as every command names it (`-`) and its messages know it.
STDIN, STDIN_NAME = "-", "<stdin>"
FORMATS = {".parquet": "parquet", ".pq": "parquet", ".csv": "csv", ".jsonl": "json",
           ".ndjson": "json", ".json": "json"}


@attrs.frozen(kw_only=True)
class LogFile:
    """One file of a log: its path (as given or found) and its format."""

    path: str
    format: str  # parquet, csv, json
    hive: bool = False  # under folders named `key=value`
    spooled: bool = False  # standard input, written to the temporary file `path`
    multiline: bool = False  # CSV with a quoted value across lines (found by check_csv)
    # the bytes of its longest row, line end included (0: not measured): a CSV file's, found by
    # check_csv; a JSON Lines file's, by longest_line where DuckDB refuses a row as too long
    longest: int = 0
    header: tuple[str, ...] = ()  # a CSV file's column names (found by check_csv)

    @property
    def name(self) -> str:
        """The name messages and findings know the file by: `<stdin>` for standard input."""
        return STDIN_NAME if self.spooled else self.path


@attrs.frozen(kw_only=True)
class FactEntry:
    """A dated fact: a notice, an approval, a request, for one app or (``app`` None) all."""

    name: str
    when: _dt.date | _dt.datetime
    app: str | None = None

    @property
    def micros(self) -> int:
        """The first instant it holds, in microseconds since 1970 (UTC): a day from its start."""
        when = self.when
        if not isinstance(when, _dt.datetime):
            when = _dt.datetime(when.year, when.month, when.day, tzinfo=_dt.timezone.utc)
        return (when - EPOCH) // _dt.timedelta(microseconds=1)


EPOCH = _dt.datetime(1970, 1, 1, tzinfo=_dt.timezone.utc)


def log_files(paths) -> list[LogFile]:
    """The files of a log given as files, folders (read whole, Hive-partitioned or not), glob
    patterns or `-` (standard input, written to a temporary file: see :func:`remove_spooled`),
    in a stable order."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    found: list[LogFile] = []
    try:
        for given in paths:
            _add_files(found, os.fspath(given))
    except BaseException:
        remove_spooled(found)
        raise
    return found


def remove_spooled(files: list[LogFile]) -> None:
    """Remove the temporary file standard input was written to."""
    for log in files:
        if log.spooled:
            Path(log.path).unlink(missing_ok=True)


def _add_files(found: list[LogFile], text: str) -> None:
    """Add the files one `--log` names."""
    if text == STDIN:
        found.append(_spooled())
    elif any(c in text for c in _MAGIC):
        matches = _matching_files(text)
        if not matches:
            raise InputError(f"no file matches `{text}`\nhelp: check the pattern; "
                             "quote it so that the shell does not expand it first")
        found.extend(_file(p, text) for p in matches)
    elif _is_folder(text):
        inside = _walk(text, text, _in_folder, True)
        if not inside:
            raise InputError(f"the folder `{text}` holds no log file\nhelp: a log is "
                             "Parquet (.parquet), CSV (.csv) or JSON Lines (.jsonl)")
        found.extend(_file(p, text) for p in inside)
    elif Path(text).is_file():  # (`log.csv/` too: a Path drops the `/`)
        refuse_slash(text)
        found.append(_file(Path(text), text))
    else:
        raise InputError(f"cannot read `{text}`: no such file or folder\nhelp: check the "
                         "path; it is read from the current folder")


def _is_folder(text: str) -> bool:
    """Whether a `--log` names a folder; a name the system refuses (too long) is bad input."""
    try:
        return Path(text).is_dir()
    except OSError as err:
        raise InputError(f"cannot read `{text}`: {(err.strerror or str(err)).lower()}\n"
                         "help: " + access_help(err, "check the path and its permissions")) \
            from None


# The characters that make a `--log` a glob pattern.
_MAGIC = "*?["


def _in_folder(state, name: str):
    """A folder of logs: the folders in it and its log files, but for those whose name starts
    with `.` or `_`."""
    if name.startswith((".", "_")):
        return None, False
    return state, Path(name).suffix.lower() in FORMATS


def _matching_files(pattern: str) -> list[Path]:
    """The files a glob pattern matches (`**` standing for any folders, none included), as
    :func:`glob.glob` with ``recursive=True`` finds them, but through the walk of a folder of
    logs: from the folder the pattern begins with, within its file system, not into a link to a
    folder and looking at no more than MAX_LOG_ENTRIES entries."""
    parts = pattern.split(os.sep)
    first = next(i for i, part in enumerate(parts) if any(c in part for c in _MAGIC))
    root, rest = os.sep.join(parts[:first]), tuple(p for p in parts[first:] if p)
    if not root and pattern.startswith(os.sep):
        root = os.sep
    if (root and not Path(root).is_dir()) or pattern.endswith(os.sep):
        return []  # (a pattern that ends with `/` matches folders alone)

    def step(states, name):
        after = _closure(rest, {i + 1 for i in states if i < len(rest)
                                and _matches(rest[i], name)}
                         | {i for i in states if i < len(rest) and rest[i] == "**"
                            and not name.startswith(".")})
        return ({i for i in after if i < len(rest)} or None), len(rest) in after

    return _walk(root, pattern, step, _closure(rest, {0}))


def _closure(parts: tuple[str, ...], states: set[int]) -> set[int]:
    """The places in a pattern's parts the states stand for: past any `**`, which may stand for
    no folder at all."""
    out = set()
    for i in states:
        out.add(i)
        while i < len(parts) and parts[i] == "**":
            i += 1
            out.add(i)
    return out


def _matches(part: str, name: str) -> bool:
    """Whether a name matches one part of a glob pattern; as for :mod:`glob`, a wildcard does
    not match a name that starts with `.` unless the part does too."""
    import fnmatch

    if part == "**":
        part = "*"
    if name.startswith(".") and not part.startswith(".") and any(c in part for c in _MAGIC):
        return False
    return fnmatch.fnmatchcase(name, part)


def _walk(folder: str, given: str, step, state) -> list[Path]:
    """The files under a folder that ``step(state, name)`` keeps, in order: it answers, for
    each name, the state to walk into it with if it is a folder (None: not) and whether it is
    kept if it is a file. A link to a folder is not followed (nor a loop of links); the walk
    stays in the folder's file system and looks at no more than MAX_LOG_ENTRIES entries."""
    if given == folder:
        what, holds = f"the folder `{given}`", "holds"
        fewer = "name the log's own folder, or its files with a glob pattern such as " \
                "`logs/*.parquet`"
        within = "a folder of logs is read within its own file system: name the log's own " \
                 "folder, and a folder on another file system as a `--log` of its own"
    else:
        what, holds = f"the pattern `{given}`", "looks through"
        fewer = "begin the pattern with the log's own folder, as in `logs/**/*.parquet`"
        within = "a pattern is matched within the file system of the folder it begins with: " \
                 "begin it with the log's own folder, and name a folder on another file " \
                 "system as a `--log` of its own"
    device, seen = os.stat(folder or os.curdir).st_dev, 0
    found, stack = [], [(folder, state)]
    while stack:
        current, state = stack.pop()
        try:
            with os.scandir(current or os.curdir) as entries:
                for entry in entries:
                    seen += 1
                    if seen > MAX_LOG_ENTRIES:
                        raise InputError(f"{what} {holds} more than {MAX_LOG_ENTRIES:,} "
                                         f"files and folders\nhelp: {fewer}")
                    into, keep = step(state, entry.name)
                    path = os.path.join(current, entry.name)
                    if entry.is_dir(follow_symlinks=False):
                        if into is None:
                            continue
                        if entry.stat(follow_symlinks=False).st_dev != device:
                            raise InputError(f"{what} reaches into another file system "
                                             f"at `{path}`\nhelp: {within}")
                        stack.append((path, into))
                    elif keep and _is_file(entry):
                        found.append(Path(path))
        except OSError as err:
            raise InputError(f"cannot read the folder `{current or os.curdir}`: "
                             f"{(err.strerror or str(err)).lower()}\nhelp: check the folder's "
                             "permissions, or name the log's own folder") from None
    return sorted(found)


def _is_file(entry: os.DirEntry) -> bool:
    """Whether an entry is a file or a link to one (a loop of links is neither)."""
    try:
        return entry.is_file()
    except OSError:
        return False


def _spooled() -> LogFile:
    """Standard input written whole to a temporary file, which the engines read: JSON Lines
    where its first character that is not blank is `{`, else CSV."""
    import shutil
    import sys
    import tempfile

    source, head = sys.stdin.buffer, b""
    while True:  # (up to the first character that is not blank, to tell the format)
        chunk = source.read(1 << 16)
        head += chunk
        first = head.lstrip(b" \t\r\n\f\v").removeprefix(b"\xef\xbb\xbf").lstrip()
        if first or not chunk:
            break
    kind = "json" if first.startswith(b"{") else "csv"
    handle, path = tempfile.mkstemp(prefix="contractdsl-log-", suffix=f".{kind}")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(head)
            shutil.copyfileobj(source, out)
    except BaseException:
        Path(path).unlink(missing_ok=True)
        raise
    return LogFile(path=path, format=kind, spooled=True)


def _file(path: Path, given: str) -> LogFile:
    kind = FORMATS.get(path.suffix.lower())
    if kind is None:
        raise InputError(f"`{path}` is not a log file the audit reads\nhelp: a log is Parquet "
                         "(.parquet), CSV (.csv) or JSON Lines (.jsonl)")
    hive = any("=" in part for part in path.parent.parts)
    return LogFile(path=str(path), format=kind, hive=hive)


# A CSV log is read in blocks of this many bytes (each ending at a line's end); a quoted value
# is read to at most LONGEST characters (a quote never closed would otherwise be read to the
# file's end, block after block), so a longer one is refused as a quote that may not be closed.
CSV_BLOCK, LONGEST = 1 << 23, 1 << 24
CSV_HELP = ("every row of a CSV log has as many values as its header, separated by commas; "
            'quote a value that holds a comma or a line break (`"a, b"`), and write a `"` '
            'within a quoted value twice (`""`)')
UNCLOSED = "has a quoted value not closed before a comma or the end of the row"
TOO_LONG = f"has a quoted value not closed within {LONGEST:,} characters"
TOO_LONG_HELP = (f"the audit reads quoted values of at most {LONGEST:,} characters: close the "
                 'quote where the value ends, and shorten a longer value')


def check_csv(log: LogFile) -> LogFile:
    """A CSV file as the audit reads it, checked before any engine reads it: its header on the
    first line, values separated by commas and quoted with `"` (doubled within), and every row
    as many values as the header (a blank line is no row). The first row that is not is an
    error at its first line, the same whichever engine reads the log. Gives the file, marked
    ``multiline`` where a quoted value holds a line break, with the bytes of its ``longest``
    row (that the engines read a row of any length).

    Blocks without a `"` are checked by counting each line's commas (in C); a block with one,
    by :mod:`csv` in strict mode (a row the block's end cuts is read again with the next)."""
    line, pending, width, multiline, longest = 0, b"", None, False, 0
    header: tuple[str, ...] = ()
    eol = None  # the line end of the header: every line ends so (b"": none yet)
    limit = csv.field_size_limit(LONGEST)  # (a longer value: see TOO_LONG)
    try:
        with open(log.path, "rb") as handle:
            rest = handle.read(min(CSV_BLOCK, 1 << 16)).removeprefix(b"\xef\xbb\xbf")
            while rest or pending:
                more = handle.read(CSV_BLOCK)
                last = not more
                # (after the last line end that is not a `\r` the read may have cut from
                # its `\n`)
                cut = len(rest) if last else max(rest.rfind(b"\n"),
                                                 rest.rfind(b"\r", 0, len(rest) - 1)) + 1
                block, rest = pending + rest[:cut], rest[cut:] + more
                pending = b""
                if width is not None and b'"' not in block:
                    lines = block.splitlines()
                    counts = list(map(bytes.count, lines, repeat(b",")))
                    blank = lines.count(b"") if width > 1 else 0
                    shaped = counts.count(width - 1) + blank == len(lines)
                    if not (shaped and _ends_alike(block, eol, len(lines))):
                        # (the first line not shaped as the header, or ending otherwise)
                        ends = block.splitlines(keepends=True)
                        at = next(i for i, (n, text, end) in enumerate(zip(counts, lines, ends))
                                  if _end(end) not in (eol, b"") or n != width - 1 and text)
                        if _end(ends[at]) not in (eol, b""):
                            _end_error(log, line + at + 1, ends[at], eol)
                        _shape_error(log, line + at + 1, counts[at] + 1, width)
                    if lines:  # (every line ends as the header does)
                        longest = max(longest, max(map(len, lines)) + len(eol or b""))
                    line += len(lines)
                    continue
                rows = csv.reader(io.StringIO(block.decode("utf-8", "replace"), newline=""),
                                  strict=True)
                split = block.splitlines(keepends=True)
                ends = None if eol and _ends_alike(block, eol) else \
                    split  # (to find the line end of each row)
                sizes = list(map(len, split))  # (each line's bytes)
                longest = max(longest, max(sizes, default=0))
                while True:
                    start = rows.line_num + 1
                    try:
                        row = next(rows)
                    except StopIteration:
                        break
                    except csv.Error as err:
                        if str(err).startswith("field larger than field limit"):
                            _shape_error(log, line + start, None, width, TOO_LONG)
                        if last or rows.line_num < len(split):
                            _shape_error(log, line + start, None, width)
                        pending = b"".join(split[start - 1:])  # read again with the next block
                        break
                    if rows.line_num > start:  # (a row of several lines: their bytes)
                        multiline = True
                        longest = max(longest, sum(sizes[start - 1:rows.line_num]))
                    if ends is not None and rows.line_num <= len(ends):
                        end = _end(ends[rows.line_num - 1])
                        if eol is None:
                            eol = end  # (the header's: the file's line end)
                        elif end not in (eol, b""):
                            _end_error(log, line + rows.line_num, ends[rows.line_num - 1], eol)
                    if width is None:
                        width = len(row)
                        if not width:
                            _shape_error(log, line + start, 0, None)
                        header = tuple(row)
                    elif row and len(row) != width:
                        _shape_error(log, line + start, len(row), width)
                line += start - 1
    except OSError as err:
        raise InputError(f"cannot read `{log.name}`: {(err.strerror or str(err)).lower()}\n"
                         "help: " + access_help(err, "check the file's permissions")) from None
    finally:
        csv.field_size_limit(limit)
    return attrs.evolve(log, multiline=multiline, longest=longest, header=header)


def longest_line(path: str) -> int:
    """The bytes of the longest line of a file, its line end included, in one streaming pass."""
    longest, carried = 0, 0  # (the bytes of the line the last block ended within)
    with open(path, "rb") as handle:
        while block := handle.read(CSV_BLOCK):
            lines = block.split(b"\n")
            if len(lines) == 1:
                carried += len(block)
                continue
            longest = max(longest, carried + len(lines[0]) + 1,
                          max(map(len, lines[1:-1]), default=-1) + 1)
            carried = len(lines[-1])
    return max(longest, carried)


def _end(line: bytes) -> bytes:
    """How a line ends: `\r\n`, `\n`, `\r`, or b"" (the last, ending the file)."""
    return line[-2:] if line.endswith(b"\r\n") else line[-1:] if line[-1:] in b"\r\n" else b""


def _ends_alike(block: bytes, eol: bytes | None, lines: int | None = None) -> bool:
    """Whether every line end in a block (quoted values' included) is ``eol``; ``lines``: how
    many lines the block has, where no `"` is in it (a `\r` then ends a line)."""
    if eol == b"\n":
        return b"\r" not in block
    if eol == b"\r":
        return b"\n" not in block
    if eol == b"\r\n":
        if lines is not None:  # (as many `\r\n` as line ends)
            return block.count(b"\r\n") == lines - (block[-1:] not in (b"\r", b"\n", b""))
        return block.count(b"\r") == block.count(b"\n") == block.count(b"\r\n")
    return True  # (no line end yet)


# Line ends as messages write them.
EOL_NAMES = {b"\n": "`\\n`", b"\r\n": "`\\r\\n`", b"\r": "`\\r`"}
EOL_HELP = ("end every line of a CSV log alike, with `\\n` or with `\\r\\n` throughout (a file "
            "pasted together from files of different systems mixes them): convert it with "
            "`dos2unix FILE`, or `mac2unix FILE` where a line ends with a lone `\\r`")


def _end_error(log: LogFile, line: int, text: bytes, eol: bytes) -> NoReturn:
    """A line (``text``, as read) of a CSV file that ends otherwise than its first line."""
    message = f"this line ends with {EOL_NAMES[_end(text)]} where the first line ends with " \
        f"{EOL_NAMES[eol]}"
    source = text_line(log.path, line)
    column = len(text[:len(text) - len(_end(text))].decode("utf-8", "replace")) + 1
    raise UsageError(message, [Diagnostic(file=log.name, line=line, column=column,
                                          message=message, help=EOL_HELP, source_line=source,
                                          width=len(_end(text)))])


def _shape_error(log: LogFile, line: int, values: int | None, width: int | None,
                 unclosed: str = UNCLOSED) -> NoReturn:
    """A CSV row not shaped as its header (``values`` None: a quote never closed, as
    ``unclosed`` says; ``width`` None: the row is the header), at its first line."""
    help = TOO_LONG_HELP if unclosed is TOO_LONG else CSV_HELP
    if width is None:
        message = f"the header {unclosed}" if values is None else \
            "the first line, the log's header, is blank"
        help = help if values is None else "a CSV log has its header, the names of its " \
            "columns separated by commas, on its first line"
    else:
        message = f"this row {unclosed}" if values is None else \
            f"this row has {values} value{'s' * (values != 1)} where the header has {width}"
    text = text_line(log.path, line)
    raise UsageError(message, [Diagnostic(file=log.name, line=line, column=1, message=message,
                                          help=help, source_line=text,
                                          width=len(text or ""))])


def check_header(log: LogFile, read: set[str]) -> None:
    """A CSV header names each column the audit ``read``s once, as the engines tell names
    apart (without regard to case): of two columns of one name, neither engine could say which
    holds the field. (Columns it does not read may share a name.)"""
    first: dict[str, int] = {}
    header = log.header
    wanted = {name.casefold() for name in read}
    for place, name in enumerate(header):
        seen = first.setdefault(name.casefold(), place)
        if seen == place or name.casefold() not in wanted:
            continue
        also = f"`{header[seen]}`, " if header[seen] != name else ""
        raise header_error(log, place, f"the header names the column `{name}` twice (first as "
                           f"{also}column {seen + 1})", "name each column of a CSV log once: "
                           "rename or remove one of them")


def check_cases(log: LogFile, columns: dict[str, str], names) -> None:
    """The log's columns (``names``: a CSV file's as its header writes them) hold none of
    those the audit reads (``columns``: field -> column) under a name that is not quite it,
    which would be read as no column at all, its values left unread without a word: one that
    differs from it only by case (`Requests` for `requests`), by blanks around it (`requests `,
    which DuckDB reads as `requests` and Spark does not) or by a final `s` (`request`); nor,
    in a JSON Lines or Parquet log, one both ways (the keys of a JSON Lines log are its names
    as written; DuckDB makes the second of a Parquet file's a column of its own,
    `Requests_1`). An amount has its unit. (A column of no name, as the index a data frame
    writes first, is no column the audit reads.) Refused at the name: in a CSV log's header,
    at the first row of a JSON Lines log that writes it."""
    names = list(names)
    have, read = set(names), set(columns.values())
    for field, column in columns.items():
        for place, name in enumerate(names):
            bare, near = name.strip(STRIPPED), name.casefold()
            if bare != name and bare.casefold() == column.casefold():
                raise header_error(log, place, f"the log has no column `{column}`, but a column "
                                   f"`{name}`, with blanks around its name", "write the name "
                                   f"without blanks: the audit reads the column `{column}`",
                                   key=name)
            if column in have or name in read or name in columns:  # (a field's own name)
                pass
            elif near == column.casefold():
                raise header_error(log, place, f"the log has no column `{column}`, but a column "
                                   f"`{name}`", "the audit tells the names of columns apart by "
                                   f"case: rename the column `{column}`, or map it with "
                                   f"`--map {field}={name}`", key=name)
            elif nearly(name, column):
                raise header_error(log, place, f"the log has no column `{column}`, but a column "
                                   f"`{name}`", f"the audit reads the column `{column}`: rename "
                                   f"the column `{name}` to `{column}`, or map it with "
                                   f"`--map {field}={name}`", key=name)
            # (DuckDB renames the second of a Parquet file's `Requests_1`)
            renamed = re.fullmatch(r"(.+)_\d+", name)
            other = renamed[1] if renamed and renamed[1] not in have else name
            if column in have and other != column and log.format != "csv" and \
                    other.casefold() == column.casefold():
                raise header_error(log, 0, f"the log names the column `{column}` also as "
                                   f"`{other}`", "write the name of a column alike in "
                                   "every row: the audit tells names apart by case", key=other)
    amount, unit = columns["amount"], columns["unit"]
    if (amount in have) != (unit in have):
        given, lacking, field = (amount, unit, "unit") if amount in have else \
            (unit, amount, "amount")
        says = "names the unit of each row's amount" if field == "unit" else \
            "holds each row's amount, in the unit the column `" + unit + "` names"
        raise header_error(log, names.index(given), f"the log has a column `{given}` but no "
                           f"column `{lacking}`", f"add a column `{lacking}` that {says}, or "
                           f"map one with `--map {field}=COLUMN`", key=given)


def nearly(name: str, column: str) -> bool:
    """Whether a column's name is one the audit reads but for a final `s`, or for case too
    (`request` or `Request` for `requests`)."""
    near = name.casefold()
    return column.casefold() in (near + "s", near.removesuffix("s"))


def header_error(log: LogFile, place: int, message: str, help: str,
                 key: str | None = None) -> UsageError:
    """An error at the ``place``-th name of a CSV log's header; in a JSON Lines log, at the
    ``key`` in the first row that writes it (see :func:`key_error`); else at the first line."""
    if key is not None and log.format == "json":
        return key_error(log, first_row_with(log.path, key), key, message, help)
    header, line = log.header, 1
    text = text_line(log.path, line) if log.format == "csv" else None
    quoted = text is None or '"' in text or place >= len(header)
    column = 1 if quoted else sum(len(n) + 1 for n in header[:place]) + 1
    return UsageError(message, [Diagnostic(
        file=log.name, line=line, column=column, message=message, help=help, source_line=text,
        width=len(text or "") if quoted else max(len(header[place]), 1))])


def key_error(log: LogFile, line: int, key: str, message: str, help: str) -> UsageError:
    """An error at a key of a JSON Lines log, on the line given (its first place there)."""
    text = text_line(log.path, line)
    written = json.dumps(key, ensure_ascii=False)
    position, width = (text or "").find(written) + 1 or 1, len(written)
    return UsageError(message, [Diagnostic(file=log.name, line=line, column=position,
                                           message=message, help=help, source_line=text,
                                           width=width)])


def first_row_with(path: str, key: str) -> int:
    """The first line of a JSON Lines file whose object writes ``key`` (1: none found). Read
    only to say where a log is refused: a line is parsed only where the key may be written
    in it (as it is, or with an escape)."""
    wanted = {json.dumps(key, ensure_ascii=flag).encode() for flag in (False, True)}
    try:
        with open(path, "rb") as handle:
            for line, text in enumerate(handle, 1):
                if not any(w in text for w in wanted) and b"\\" not in text:
                    continue
                try:
                    found = json.loads(text)
                except ValueError:
                    continue
                if isinstance(found, dict) and key in found:
                    return line
    except OSError:
        pass
    return 1


def text_line(path: str, number: int) -> str | None:
    """The ``number``-th line of a text file (None: it has fewer, or cannot be read)."""
    try:
        with open(path, encoding="utf-8", errors="replace", newline="") as handle:
            for index, line in enumerate(handle, 1):
                if index == number:
                    return line.rstrip("\r\n")
    except OSError:
        return None
    return None


def mapping(spec) -> dict[str, str]:
    """A column mapping: `time=ts,app=client_id`, the path of a YAML file mapping fields to
    columns, or a mapping already; field -> the log's column."""
    if spec is None:
        return {}
    if isinstance(spec, Mapping):
        pairs = dict(spec)
    elif isinstance(spec, (list, tuple)):
        pairs = {}
        for item in spec:
            pairs.update(mapping(item))
        return pairs
    elif "=" not in str(spec) and Path(spec).is_file():
        import yaml

        from ..usage import _KeyTwice, _marks, _parse_yaml, _Where, read_file, yaml_problem

        text = read_file(spec)
        try:
            node, data = _parse_yaml(text)
        except _KeyTwice as err:
            raise UsageError("a key is written twice in the column mapping",
                             err.diagnostics(str(spec), text)) from None
        except yaml.YAMLError as err:
            found = yaml_problem(err, str(spec), text, "the column mapping",
                                 "write e.g. `time: ts` and `app: client_id`, one a line")
            raise UsageError(found.message, [found]) from None
        if not isinstance(data, dict):
            raise InputError(f"the column mapping `{spec}` must map fields to columns\nhelp: "
                             "write e.g. `time: ts` and `app: client_id`, one a line")
        _names_only(data, _Where(str(spec), _marks(node), text=text))
        pairs = data
    else:
        pairs = {}
        for item in str(spec).split(","):
            field, sep, column = item.partition("=")
            if not sep or not field.strip() or not column.strip():
                raise InputError(f"`{item}` is not a column mapping\nhelp: write FIELD=COLUMN, "
                                 "e.g. `--map time=ts,app=client_id`")
            pairs[field.strip()] = column.strip()
    out = {}
    for field, column in pairs.items():
        if not isinstance(field, str) or not isinstance(column, str):
            raise InputError(f"`{field}: {column}` is not a column mapping\nhelp: map a field "
                             "name to a column name")
        out[field] = column
    return out


def _names_only(data: dict, where) -> None:
    """Every field and column a mapping file writes is a name: not a word YAML reads as a
    number, a boolean or null, a list or a mapping, nor an empty text; refused where it is."""
    from ..usage import KEY, _Reader, as_written

    example = "map each field to the name of one column, e.g. `time: ts`"
    for field, column in data.items():
        for path, value, what in (((field, KEY), field, "a field of the column mapping"),
                                  ((field,), column, f"the column of `{field}`")):
            if isinstance(value, str) and value.strip():
                continue
            # (blank, nothing written, a list, a mapping: the example)
            help = _Reader(where).name_help(path, value) or example
            raise where.error(path, f"{what} must be a name, not {as_written(value)}", help)


def check_mapping(columns: dict[str, str], known: set[str]) -> None:
    """Every mapped field is one the audit reads."""
    for field in columns:
        if field not in known:
            raise InputError(f"unknown log field `{field}` in the column mapping\nhelp: "
                             + (did_you_mean(field, known)
                                or "the fields are " + ", ".join(sorted(known))))


def read_facts(path, symbols, schedules=()) -> list[FactEntry]:
    """Dated facts from a YAML file: a list of `{fact: NAME, at: DATE-OR-INSTANT, app: APP}`
    (``app`` optional: every app), or a mapping `NAME: DATE`; each name a fact the agreement
    defines, each app one of its apps, and no fact dated otherwise than a schedule of
    ``schedules`` dates it for an app it registers."""
    import yaml

    from ..usage import (_KeyTwice, _marks, _parse_yaml, _Reader, _spelled, _Where, as_written,
                         day_of, read_file, yaml_problem)

    text = read_file(path, "facts")
    try:
        node, data = _parse_yaml(text)
    except _KeyTwice as err:
        raise UsageError("a key is written twice in the facts file",
                         err.diagnostics(str(path), text)) from None
    except yaml.YAMLError as err:
        found = yaml_problem(err, str(path), text, "the facts file",
                             "write a list of `{fact: NAME, at: DATE, app: APP}`")
        raise UsageError(found.message, [found]) from None
    marks = _marks(node) if node is not None else {}
    where = _Where(str(path), marks, text=text)
    if isinstance(data, dict):
        data = [{"fact": k, "at": v} for k, v in data.items()]
    if not isinstance(data, list):
        raise where.error((), "the facts file must be a list of `{fact: NAME, at: DATE}`",
                          "write one fact a line, e.g. `- {fact: licensor_notified, at: "
                          "2022-09-01}`")
    facts_known = set().union(*(s.terms["fact"] for s in symbols))
    apps_known = set().union(*(s.apps for s in symbols))
    out = []
    for index, entry in enumerate(data):
        if not isinstance(entry, dict) or "fact" not in entry or "at" not in entry:
            raise where.error((index,), "a fact needs `fact:` and `at:`",
                              "write e.g. `{fact: licensor_notified, at: 2022-09-01}`")
        for key in entry:
            if key not in ("fact", "at", "app"):
                raise where.error((index, key), f"unknown fact field `{_spelled(key)}`",
                                  "the fields are fact, at, app")
        reader = _Reader(where.child(index))  # a field named as in the file: `fact`
        for field in ("fact", "app"):
            value = entry.get(field)
            if (field == "fact" or value is not None) and not isinstance(value, str):
                raise where.error((index, field), f"`{field}` must be a name, not "
                                  f"{as_written(value)}", reader.name_help((field,), value)
                                  or "write one name the agreement defines")
        name = reader.name_at(("fact",), entry["fact"])
        if name not in facts_known:
            raise where.error((index, "fact"), f"unknown fact `{name}`",
                              defined_help(name, facts_known, "fact"))
        app = entry.get("app")
        if app is not None:
            app = reader.name_at(("app",), app)
            if app not in apps_known:
                raise where.error((index, "app"), f"unknown app `{app}`",
                                  defined_help(app, apps_known, "app"))
        when = reader.moment(("at",), entry["at"])
        for schedule in schedules:
            stated = next((d for d in schedule.dated if d.name == name), None)
            if stated is not None and stated.date != day_of(when) and (
                    app is None or app in {each.name for each in schedule.apps}):
                raise where.error((index, "at"), f"the facts file states `{name}` on "
                                  f"{day_of(when)}, but “{schedule.title}” dates it "
                                  f"{stated.date}", f"leave it out: “{schedule.title}” dates "
                                  "it for its apps")
        out.append(FactEntry(name=name, when=when, app=app))
    return out
