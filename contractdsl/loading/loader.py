"""Files to model: reads agreement texts and schedules into one :class:`Agreement`."""

from __future__ import annotations

from pathlib import Path

from ..errors import AgreementError, Diagnostic, InputError
from ..model import Agreement
from ..syntax import parse_document
from . import cache as parse_cache


def parse(text: str, filename: str = "<string>") -> Agreement:
    """One agreement or schedule text as an :class:`Agreement`."""
    return Agreement(documents=(parse_document(text, filename),))


MAX_BYTES = 8 * 1024 * 1024
STDIN = "-"  # a file name that stands for standard input


def source_name(path) -> str:
    """The name a file is known by in messages: standard input is `<stdin>`."""
    return "<stdin>" if str(path) == STDIN else str(path)


def _stdin_bytes(_read: list = []) -> bytes:
    """Standard input's bytes, read once however many times `-` is named."""
    if not _read:
        import sys

        _read.append(sys.stdin.buffer.read(MAX_BYTES + 1))
    return _read[0]


def read_text(path) -> str:
    """A file's text (`-`: standard input), or :class:`InputError` saying why it cannot be
    read."""
    if str(path) == "":
        raise InputError("a file name is empty")
    path = Path(path)
    try:
        if str(path) == STDIN:
            data = _stdin_bytes()
            if len(data) > MAX_BYTES:
                raise InputError(f"standard input is larger than {MAX_BYTES // (1024 * 1024)} "
                                 "MiB; agreement and usage files are small texts")
        elif path.is_file() and path.stat().st_size > MAX_BYTES:
            raise InputError(f"`{path}` is larger than {MAX_BYTES // (1024 * 1024)} MiB; "
                             "agreement and usage files are small texts")
        else:
            data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"no such file: `{path}`") from None
    except IsADirectoryError:
        raise InputError(f"`{path}` is a folder, not a file") from None
    except OSError as err:
        raise InputError(f"cannot read `{path}`: {err.strerror.lower()}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        column = err.start - (data.rfind(b"\n", 0, err.start) + 1) + 1
        message = "the file is not UTF-8 text"
        raise AgreementError(message, [Diagnostic(
            file=source_name(path), line=line, column=column, message=message,
            help="save the file as UTF-8", code="not-text")]) from None


def load(*paths, cache: bool = True) -> Agreement:
    """Read every file; all syntax errors of all files are reported together.

    Parsed files are kept in the parse cache (see :mod:`contractdsl.loading.cache`) unless
    ``cache`` is false or the environment disables it.
    """
    if not paths:
        raise InputError("no agreement files given")
    folder = parse_cache.folder() if cache else None
    documents, diagnostics = [], []
    for path in paths:
        try:
            text, name = read_text(path), source_name(path)
            document = parse_cache.get(folder, text, name) if folder else None
            if document is None:
                document = parse_document(text, name)
                if folder:
                    parse_cache.put(folder, text, name, document)
            documents.append(document)
        except AgreementError as err:
            diagnostics.extend(err.diagnostics)
    if diagnostics:
        raise AgreementError(f"{len(diagnostics)} error(s) in the agreement files", diagnostics)
    return Agreement(documents=tuple(documents))
