"""Files to model: reads agreement texts and schedules into one :class:`Agreement`."""

from __future__ import annotations

from ..errors import AgreementError, InputError
from ..files import paths_given, read_once, read_text, source_name
from ..model import Agreement
from ..syntax import parse_document
from . import cache as parse_cache


def parse(text: str, filename: str = "<string>") -> Agreement:
    """One agreement or schedule text as an :class:`Agreement`."""
    return Agreement(documents=(parse_document(text, filename),))


def load(*paths, cache: bool = True) -> Agreement:
    """Read every file; all syntax errors of all files are reported together.

    Parsed files are kept in the parse cache (see :mod:`contractdsl.loading.cache`) unless
    ``cache`` is false or the environment disables it.
    """
    if not paths:
        raise InputError("no agreement files given", help="give the paths of the agreement files")
    paths_given(paths, "load takes the paths of agreement files, each a str or a "
                "Path (`-`: standard input)",
                "for a list of paths, `load(*paths)`")
    read_once(paths, "one agreement file")
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
