"""Files to model: reads agreement texts and schedules into one :class:`Agreement`."""

from __future__ import annotations

from typing import NoReturn

from ..errors import AgreementError, InputError
from ..files import paths_given, read_once, read_text, source_name
from ..model import Agreement
from ..syntax import parse_document
from . import cache as parse_cache


def parse(text: str, filename: str = "<string>") -> Agreement:
    """One agreement or schedule text as an :class:`Agreement`."""
    try:
        return Agreement(documents=(parse_document(text, filename),))
    except AgreementError as err:
        refuse([err], [])


def refuse(errors: list[AgreementError], documents: list) -> NoReturn:
    """Raise one error with every problem of the files: where each file was read to its end
    (some with problems, the others clean: ``documents``), the checker's findings over them
    all, which begin with those problems; else (a syntax error) the errors' own."""
    read = [err.document for err in errors if err.document is not None]
    if len(read) == len(errors):
        from ..checker import check

        diagnostics = check(Agreement(documents=(*documents, *read)))
    else:
        diagnostics = [d for err in errors for d in err.diagnostics]
    count = sum(d.severity == "error" for d in diagnostics)
    raise AgreementError(f"{count} error(s) in the agreement files", diagnostics)


def load(*paths, cache: bool = True) -> Agreement:
    """Read every file; all syntax errors of all files are reported together, and where
    every file was read to its end, all problems of the files (see :func:`refuse`). A file
    that is none of the agreement's (a text or schedule of another title:
    :attr:`~contractdsl.model.Agreement.strays`) is refused with them.

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
    documents, errors = [], []
    for path in paths:
        try:
            text, name = read_text(path), source_name(path)
            document = parse_cache.get(folder, text, name) if folder else None
            if document is None:
                document = parse_document(text, name)  # (a file with problems is refused)
                if folder:
                    parse_cache.put(folder, text, name, document)
            documents.append(document)
        except AgreementError as err:
            errors.append(err)
    if errors:
        refuse(errors, documents)
    agreement = Agreement(documents=tuple(documents))
    if len(documents) > 1 and agreement.strays:  # files no decision would read
        refuse([], documents)
    return agreement
