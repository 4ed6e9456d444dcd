"""An editor's Language Server Protocol requests to answers about agreement files.

Each request reads the file with the other files of its agreement set (the project file says
which; a file of no set is read alone), from the editor's open text where the file is open and
from disk otherwise, through :class:`~contractdsl.serve.analysis.SetAnalysis`.
"""

from __future__ import annotations

import difflib
import logging
import re
import sys
from pathlib import Path

from lsprotocol import types as t
from pygls.exceptions import JsonRpcException, JsonRpcInvalidParams, JsonRpcInvalidRequest
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.protocol.json_rpc import RPCRequest
from pygls.uris import from_fs_path, to_fs_path

from .. import __version__
from .. import model as m
from ..errors import AgreementError, Diagnostic, InputError, proposed, visible, with_article
from ..format import format_text
from ..limits import MAX_LSP_MESSAGE
from ..files import read_text
from ..project import find, real_path as real
from ..syntax.parser import keywords, patterns
from ..prose.phrase import markdown_escape
from ..prose.render import Speaker
from .analysis import DEFINITIONS, Occurrence, SetAnalysis
from .complete import expected

logger = logging.getLogger(__name__)
_UNREAD = object()  # a message whose fields do not fit its method: answered or said already


class Protocol(LanguageServerProtocol):
    """pygls's protocol, less its traceback for a message whose fields do not fit its method
    (a position at line -1): a request is answered with an error (invalid params), and the
    problem is said in one line on standard error, the messages that follow served."""

    def structure_message(self, data):
        ident = data.get("id") if "jsonrpc" in data else None
        if not isinstance(ident, (str, int, float, type(None))):
            # JSON-RPC: an id is a number, a text or null; any other is an invalid request,
            # answered with the id null (pygls would fail on it, an id being a key it keeps)
            method = data.get("method") if isinstance(data.get("method"), str) else None
            message = f"invalid request{f' `{method}`' if method else ''}: its id is " \
                      f"{'an object' if isinstance(ident, dict) else 'an array'}, not a " \
                      "number, a text or null"
            logger.warning("%s", message)
            if method is not None:  # (written whole: pygls leaves out an id that is null)
                self._send_data({"jsonrpc": "2.0", "id": None, "error": {
                    "code": JsonRpcInvalidRequest.CODE, "message": message}})
            return _UNREAD
        try:
            return super().structure_message(data)
        except JsonRpcException as error:
            cause = error.__cause__
            try:
                import cattrs

                said = "; ".join(cattrs.transform_error(cause)) \
                    if isinstance(cause, cattrs.BaseValidationError) else str(cause)
            except Exception:  # noqa: BLE001 - a problem that cannot be put in words
                said = type(cause).__name__
            method = data.get("method") if isinstance(data.get("method"), str) else None
            message = f"invalid params{f' for `{method}`' if method else ''}: {said}"
            logger.warning("%s", message)
            if "id" in data and method is not None:
                self._send_response(data["id"], error=JsonRpcInvalidParams(
                    message).to_response_error())
            return _UNREAD

    def handle_message(self, message):
        if message is _UNREAD:
            return
        if self._shutdown and isinstance(message, RPCRequest) and message.method != t.EXIT:
            # the protocol: a request after `shutdown` is answered with an invalid request error
            said = f"`{message.method}` came after `shutdown`: the server takes no more requests"
            logger.warning("%s", said)
            self._send_response(message.id, error=JsonRpcInvalidRequest(said).to_response_error())
            return
        super().handle_message(message)


# pygls says such a message with its traceback: Protocol says it in one line instead
logging.getLogger("pygls.protocol.json_rpc").addFilter(
    lambda record: not str(record.msg).startswith("Unable to deserialize message"))

server = LanguageServer("contractdsl", __version__, protocol_cls=Protocol,
                        text_document_sync_kind=t.TextDocumentSyncKind.Incremental)

SYMBOL_KINDS = {"action": t.SymbolKind.Function, "data": t.SymbolKind.Struct,
                "purpose": t.SymbolKind.Enum, "recipient": t.SymbolKind.Interface,
                "fact": t.SymbolKind.Boolean, "duty": t.SymbolKind.Event,
                "unit": t.SymbolKind.Constant, "app": t.SymbolKind.Object,
                "tier": t.SymbolKind.Package, "clause": t.SymbolKind.Class}
COMPLETION_KINDS = {"clause": t.CompletionItemKind.Reference, "unit": t.CompletionItemKind.Unit,
                    "app": t.CompletionItemKind.Module, "tier": t.CompletionItemKind.Module,
                    "label": t.CompletionItemKind.Constant}


# ---- the files of a set -----------------------------------------------------------------------

def set_files(path: Path) -> list[Path]:
    """The files read with ``path``: its agreement set's versions and schedules (``path`` among
    them), or ``path`` alone."""
    try:
        project = find(path.parent)
    except (InputError, AgreementError):  # a bad project file: the file is read alone
        return [path]
    found = project.set_of(path)
    if found is None or real(path) not in [real(p) for p in found.files]:
        return [path]
    return [real(p) for p in found.files]


def text_of(ls: LanguageServer, path: Path) -> str:
    """The editor's text of a file where it is open, else the file's text on disk."""
    document = ls.workspace.text_documents.get(from_fs_path(str(path)))
    if document is not None:
        return document.source
    try:
        return read_text(path)
    except (InputError, AgreementError):
        return ""


# The sets analysed last, by their files' names and texts: the requests that follow a change
# (hover, definition, completion) read the analysis the change made.
_ANALYSED: dict[tuple, SetAnalysis] = {}
_KEPT = 8


def path_of(uri: str) -> Path:
    """The file a document's URI names; a request about a URI that names none is answered
    with an error (invalid params)."""
    found = to_fs_path(uri)
    if found is None:
        raise JsonRpcInvalidParams(f"`{uri}` is not the URI of a file")
    return Path(found)


def analyse(ls: LanguageServer, uri: str) -> tuple[SetAnalysis, str]:
    """The analysis of the set a document belongs to, and the document's file name in it."""
    path = real(path_of(uri))
    texts = {str(p): text_of(ls, p) for p in set_files(path)}
    key = tuple(texts.items())
    analysis = _ANALYSED.pop(key, None)
    if analysis is None:
        analysis = SetAnalysis(texts)
    else:
        analysis.remember()  # the texts again (an undo): their names are the files' last
    _ANALYSED[key] = analysis  # the newest last
    while len(_ANALYSED) > _KEPT:
        del _ANALYSED[next(iter(_ANALYSED))]
    return analysis, str(path)


# ---- positions: the model counts code points from 1, the protocol UTF-16 units from 0 -------

def _line(text: str, line: int) -> str:
    lines = text.split("\n")
    return lines[line - 1] if 0 < line <= len(lines) else ""


def to_position(text: str, line: int, column: int) -> t.Position:
    before = _line(text, line)[: max(column - 1, 0)]
    return t.Position(line=max(line - 1, 0), character=len(before.encode("utf-16-le")) // 2)


def from_position(text: str, position: t.Position) -> tuple[int, int]:
    """A protocol position as the model's 1-based line and column."""
    line = _line(text, position.line + 1)
    units, column = 0, 0
    while column < len(line) and units < position.character:
        units += len(line[column].encode("utf-16-le")) // 2
        column += 1
    return position.line + 1, column + 1


def span_range(text: str, span: m.Span) -> t.Range:
    end_line = span.end_line or span.line
    end_column = span.end_column or span.column + 1
    return t.Range(start=to_position(text, span.line, span.column),
                   end=to_position(text, end_line, end_column))


def offset_of(text: str, line: int, column: int) -> int:
    lines = text.split("\n")
    return sum(len(part) + 1 for part in lines[: line - 1]) + column - 1


def position_of(text: str, offset: int) -> t.Position:
    """The protocol position of a code point offset into ``text``."""
    return to_position(text, text.count("\n", 0, offset) + 1,
                       offset - text.rfind("\n", 0, offset))


# ---- diagnostics ------------------------------------------------------------------------------

def to_diagnostic(text: str, d: Diagnostic) -> t.Diagnostic:
    severity = t.DiagnosticSeverity.Warning if d.severity == "warning" else \
        t.DiagnosticSeverity.Error
    message = d.message + (f"\nhelp: {d.help}" if d.help else "")
    return t.Diagnostic(
        range=t.Range(start=to_position(text, d.line, d.column),
                      end=to_position(text, d.end_line, d.end_column)),
        message=message, severity=severity, code=d.code, source="contractdsl",
        data={"replace": proposed(d.help)} if proposed(d.help) else None)


def publish(ls: LanguageServer, uri: str) -> None:
    """Send the problems of every file of the set ``uri`` belongs to (none: clears them): the
    syntax and checker's at once, then, where the linter finds anything, all of them again
    with its findings. A document that is no file is passed over."""
    if to_fs_path(uri) is None:
        logger.warning("`%s` is not the URI of a file; it is not read", uri)
        return
    analysis, _ = analyse(ls, uri)
    _send(ls, analysis, {})
    linted = analysis.lint()
    if linted:
        _send(ls, analysis, linted)


def _send(ls: LanguageServer, analysis: SetAnalysis, linted: dict) -> None:
    for filename, text in analysis.texts.items():
        found = analysis.diagnostics.get(filename, []) + linted.get(filename, [])
        ls.text_document_publish_diagnostics(t.PublishDiagnosticsParams(
            uri=from_fs_path(filename), diagnostics=[to_diagnostic(text, d) for d in found]))


@server.feature(t.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: LanguageServer, params: t.DidOpenTextDocumentParams):
    publish(ls, params.text_document.uri)


@server.feature(t.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: LanguageServer, params: t.DidChangeTextDocumentParams):
    publish(ls, params.text_document.uri)


@server.feature(t.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: LanguageServer, params: t.DidSaveTextDocumentParams):
    publish(ls, params.text_document.uri)


@server.feature(t.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: LanguageServer, params: t.DidCloseTextDocumentParams):
    publish(ls, params.text_document.uri)  # read again from disk


# ---- names ------------------------------------------------------------------------------------

def located(ls: LanguageServer, params) -> tuple[SetAnalysis, str, tuple[int, int]]:
    analysis, filename = analyse(ls, params.text_document.uri)
    return analysis, filename, from_position(analysis.texts[filename], params.position)


def name_at(ls: LanguageServer, params) -> tuple[SetAnalysis, str, Occurrence | None]:
    """The set, the file and the name written where a request points."""
    analysis, filename, (line, column) = located(ls, params)
    return analysis, filename, analysis.at(filename, line, column)


def location(analysis: SetAnalysis, span: m.Span) -> t.Location:
    return t.Location(uri=from_fs_path(span.file),
                      range=span_range(analysis.texts.get(span.file, ""), span))


def definitions(analysis: SetAnalysis, filename: str, found: Occurrence) -> list[object]:
    """The statements a name written in ``filename`` stands for."""
    if found.defines is not None:
        return [found.defines]
    return analysis.defined(filename, found.kind, found.name)


@server.feature(t.TEXT_DOCUMENT_DEFINITION)
def definition(ls: LanguageServer, params: t.DefinitionParams):
    analysis, filename, found = name_at(ls, params)
    if found is None:
        return None
    return [location(analysis, s.name_span) for s in definitions(analysis, filename, found)
            if s.name_span is not None]


@server.feature(t.TEXT_DOCUMENT_REFERENCES)
def references(ls: LanguageServer, params: t.ReferenceParams):
    analysis, filename, found = name_at(ls, params)
    if found is None:
        return None
    return [location(analysis, o.span) for o in analysis.same_name(found)
            if params.context.include_declaration or o.defines is None]


@server.feature(t.TEXT_DOCUMENT_PREPARE_RENAME)
def prepare_rename(ls: LanguageServer, params: t.PrepareRenameParams):
    analysis, filename, found = name_at(ls, params)
    if found is None:
        return None
    return t.PrepareRenamePlaceholder(range=span_range(analysis.texts[filename], found.span),
                                      placeholder=found.name)


@server.feature(t.TEXT_DOCUMENT_RENAME)
def rename(ls: LanguageServer, params: t.RenameParams):
    analysis, filename, found = name_at(ls, params)
    if found is None:
        return None
    pattern = patterns()["CLAUSE_ID" if found.kind == "clause" else "NAME"]
    if not pattern.fullmatch(params.new_name) or params.new_name in keywords().values():
        raise JsonRpcInvalidParams(f"`{params.new_name}` cannot be {with_article(found.kind)} "
                                   "name: a name is a word of letters, digits and `_` that is not "
                                   "a keyword")
    written = [o for o in analysis.same_name(found)
               if o.name == found.name]  # a unit's aliases keep their own names
    problem = made_by_renaming(analysis, written, params.new_name)
    if problem is not None:
        raise JsonRpcInvalidParams(
            f"`{found.name}` cannot be renamed `{params.new_name}`: the set would no longer "
            f"check ({Path(problem.file).name}:{problem.line}:{problem.column}: "
            f"{problem.message})")
    changes: dict[str, list[t.TextEdit]] = {}
    for o in written:
        changes.setdefault(from_fs_path(o.span.file), []).append(
            t.TextEdit(range=span_range(analysis.texts[o.span.file], o.span),
                       new_text=params.new_name))
    return t.WorkspaceEdit(changes=changes)


def made_by_renaming(analysis: SetAnalysis, written: list[Occurrence],
                     new_name: str) -> Diagnostic | None:
    """A problem of the set that renaming the occurrences ``written`` would make (a name
    defined twice, a name of two kinds), or None: the set read again with the new name, its
    errors counted against those it has."""
    texts = dict(analysis.texts)
    for o in sorted(written, key=lambda o: (o.span.line, o.span.column), reverse=True):
        text, span = texts[o.span.file], o.span
        start = offset_of(text, span.line, span.column)
        end = offset_of(text, span.end_line or span.line,
                        span.end_column or span.column + len(o.name))
        texts[span.file] = text[:start] + new_name + text[end:]
    errors = [d for found in analysis.diagnostics.values() for d in found
              if d.severity == "error"]
    after = [d for found in SetAnalysis(texts, remember=False).diagnostics.values()
             for d in found if d.severity == "error"]
    if len(after) <= len(errors):
        return None
    known = {(d.file, d.line, d.code) for d in errors}
    return next((d for d in after if (d.file, d.line, d.code) not in known), after[0])


# ---- hover ------------------------------------------------------------------------------------

def prose(analysis: SetAnalysis, filename: str, statement) -> str:
    """A statement in words, as `render` says it, with what it is: Markdown, in which the
    agreement's words (titles, descriptions) are escaped, as `render` escapes them, so that
    none of them becomes markup, raw HTML or a link."""
    tables = analysis.tables_of(filename)
    speaker = Speaker("en", tables[0].documents if tables else ())
    said = markdown_escape(speaker.say(statement))
    if isinstance(statement, m.Clause):
        title = f" \"{markdown_escape(statement.title)}\"" if statement.title else ""
        return f"**clause {statement.id}**{title}\n\n{said}"
    if isinstance(statement, m.Term):
        under = f" (under `{statement.parent}`)" if statement.parent else ""
        return f"**{statement.kind}** `{statement.name}`{under}: {said}"
    kind = DEFINITIONS[type(statement)]
    return f"**{kind}** `{statement.name}`: {said}"


def described(analysis: SetAnalysis, filename: str, statements: list) -> str:
    """The statements a name stands for, in words (see :func:`prose`), each said once; where
    the versions of a set say it in different words (a schedule read with each), each headed
    by the version and the place that says it so."""
    said = {}
    for statement in statements:
        said.setdefault(prose(analysis, filename, statement), statement)
    if len(said) == 1:
        return next(iter(said))
    return "\n\n---\n\n".join(f"{source(analysis, statement)}\n\n{words}"
                                for words, statement in said.items())


def source(analysis: SetAnalysis, statement) -> str:
    """Where a statement is written, as a hover heads it: *version 2023 (v2.agreement, line
    7)*."""
    span = statement.span
    document = analysis.documents.get(span.file)
    version = f"version {document.version} " if document is not None and document.version \
        else ""
    return f"*{markdown_escape(f'{version}({Path(span.file).name}, line {span.line})')}*"


@server.feature(t.TEXT_DOCUMENT_HOVER)
def hover(ls: LanguageServer, params: t.HoverParams):
    analysis, filename, (line, column) = located(ls, params)
    found = analysis.at(filename, line, column)
    text = analysis.texts[filename]
    if found is not None:
        statements = definitions(analysis, filename, found)
        if not statements:
            return None
        return t.Hover(contents=t.MarkupContent(kind=t.MarkupKind.Markdown,
                                                value=described(analysis, filename, statements)),
                       range=span_range(text, found.span))
    statement = analysis.statement_at(filename, line, column)
    if isinstance(statement, m.Clause):
        return t.Hover(contents=t.MarkupContent(kind=t.MarkupKind.Markdown,
                                                value=prose(analysis, filename, statement)),
                       range=span_range(text, statement.span))
    return None


# ---- completion -------------------------------------------------------------------------------

@server.feature(t.TEXT_DOCUMENT_COMPLETION,
                t.CompletionOptions(trigger_characters=[" "]))
def completion(ls: LanguageServer, params: t.CompletionParams):
    analysis, filename, (line, column) = located(ls, params)
    text = analysis.texts[filename]
    wanted = expected(text, offset_of(text, line, column))
    tables = analysis.tables_of(filename)
    # each item replaces the word typed up to the cursor, as the grammar reads it: a clause id
    # is one word (`XII.C` becomes `XII.C.1`), where an editor's own words end at `.` or `-`
    typed = t.Range(start=position_of(text, wanted.start), end=params.position)
    items = []
    for kind, role in zip(wanted.kinds, wanted.roles):
        for name in analysis.names(filename, kind, role):
            detail = kind
            if tables and kind == "clause":  # what kind of clause, and its title
                clause = next(table.clauses[name] for table in tables if name in table.clauses)
                detail = f"{clause.kind}: {clause.title}" if clause.title else clause.kind
            elif tables and kind not in ("label", "event"):
                detail = f"{kind}: {tables[0].describe(kind, name)}"
            items.append(t.CompletionItem(
                label=name, detail=detail, text_edit=t.TextEdit(range=typed, new_text=name),
                kind=COMPLETION_KINDS.get(kind, t.CompletionItemKind.Variable)))
    items.extend(t.CompletionItem(label=word, kind=t.CompletionItemKind.Keyword,
                                  text_edit=t.TextEdit(range=typed, new_text=word))
                 for word in wanted.keywords)
    return t.CompletionList(is_incomplete=False, items=items)


# ---- formatting -------------------------------------------------------------------------------

def formatted(ls: LanguageServer, uri: str) -> tuple[str, str] | None:
    """A document's text and its canonical layout; None when it does not parse. A document
    the editor has not opened is read from disk (a file that cannot be read: nothing)."""
    text = text_of(ls, path_of(uri))
    try:
        return text, format_text(text, to_fs_path(uri))
    except AgreementError:
        return None


def line_edits(old: str, new: str, first: int = 0, last: int | None = None) -> list[t.TextEdit]:
    """The edits that turn ``old`` into ``new``, line by line (each line with its end, so that
    a last line without one, or lines ended otherwise, are put right too); only those that
    touch lines ``first`` to ``last`` (0-based) when a range is asked for."""
    before, after = old.splitlines(keepends=True), new.splitlines(keepends=True)
    starts = [0]
    for line in before:
        starts.append(starts[-1] + len(line))

    def at(index: int) -> t.Position:  # where line ``index`` of ``old`` starts (or old ends)
        offset = starts[index]
        row = old.count("\n", 0, offset)
        return t.Position(line=row, character=len(
            old[old.rfind("\n", 0, offset) + 1: offset].encode("utf-16-le")) // 2)

    edits = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal" or (last is not None and (i2 < first or i1 > last)):
            continue
        edits.append(t.TextEdit(range=t.Range(start=at(i1), end=at(i2)),
                                new_text="".join(after[j1:j2])))
    return edits


@server.feature(t.TEXT_DOCUMENT_FORMATTING)
def formatting(ls: LanguageServer, params: t.DocumentFormattingParams):
    found = formatted(ls, params.text_document.uri)
    return line_edits(*found) if found else None


@server.feature(t.TEXT_DOCUMENT_RANGE_FORMATTING)
def range_formatting(ls: LanguageServer, params: t.DocumentRangeFormattingParams):
    found = formatted(ls, params.text_document.uri)
    if not found:
        return None
    return line_edits(*found, params.range.start.line, params.range.end.line)


# ---- outline and fixes ------------------------------------------------------------------------

@server.feature(t.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
def document_symbols(ls: LanguageServer, params: t.DocumentSymbolParams):
    analysis, filename = analyse(ls, params.text_document.uri)
    doc = analysis.documents.get(filename)
    if doc is None:
        return []
    text = analysis.texts[filename]
    symbols = []
    for statement in (*doc.terms, *doc.units, *doc.scopes, *doc.apps, *doc.tiers, *doc.clauses):
        if statement.span is None or statement.name_span is None:
            continue
        is_clause = isinstance(statement, m.Clause)
        kind = statement.kind if isinstance(statement, m.Term) else DEFINITIONS[
            m.Clause if is_clause else type(statement)]
        symbols.append(t.DocumentSymbol(
            name=f"clause {statement.id}" if is_clause else statement.name,
            detail=(statement.title or "") if is_clause else kind,
            kind=SYMBOL_KINDS.get(kind, t.SymbolKind.Variable),
            range=span_range(text, statement.span),
            selection_range=span_range(text, statement.name_span)))
    return symbols


@server.feature(t.TEXT_DOCUMENT_CODE_ACTION,
                t.CodeActionOptions(code_action_kinds=[t.CodeActionKind.QuickFix]))
def code_actions(ls: LanguageServer, params: t.CodeActionParams):
    actions = []
    for d in params.context.diagnostics:
        word = (d.data or {}).get("replace") if isinstance(d.data, dict) else None
        if not word:
            continue
        edit = t.WorkspaceEdit(changes={params.text_document.uri: [
            t.TextEdit(range=d.range, new_text=word)]})
        actions.append(t.CodeAction(title=f"change to `{word}`", kind=t.CodeActionKind.QuickFix,
                                    diagnostics=[d], edit=edit, is_preferred=True))
    return actions


# ---- the stream -------------------------------------------------------------------------------

# The header pygls reads a message's length from, and the longest header line it is given.
CONTENT_LENGTH = re.compile(rb"Content-Length: (\d+)\r\n")
# The same header at the end of a line with other bytes before it: the rest of a message whose
# length was misstated, or a body that followed headers without a length.
AFTER = re.compile(rb"Content-Length: \d+\r\n\Z")
_LINE = 1024
_PIECE = 1024 * 1024


class Messages:
    """Standard input as pygls reads it, less every message longer than ``MAX_LSP_MESSAGE``:
    such a message's body is read past in pieces, never held, and said on standard error, so
    the messages after it are read as the client sent them. Bytes before a `Content-Length`
    header on its line (left of a message whose length was wrong or missing) are skipped and
    said, so that the message the header starts is read, and the ones after it."""

    def __init__(self, stream):
        self.stream = stream

    def _line(self) -> bytes:
        """The next line, or the header at its end where other bytes come before it; a line
        longer than a header is read in pieces, of which only the last few bytes are kept."""
        line, skipped = self.stream.readline(_LINE), 0
        while line and not line.endswith(b"\n"):
            more = self.stream.readline(_LINE)
            if not more:
                break
            skipped += max(len(line) - 64, 0)
            line = line[-64:] + more
        found = AFTER.search(line)
        if found and found.start():
            skipped += found.start()
            line = found.group()
        elif line.startswith(b"Content-Length:") and not CONTENT_LENGTH.fullmatch(line):
            logger.warning("`%s` is not a length in bytes; the message it heads is skipped",
                           line.strip().decode("utf-8", "replace")[:100])
        if skipped:
            logger.warning("%d bytes that are no message are skipped", skipped)
        return line

    def readline(self) -> bytes:
        while True:
            line = self._line()
            match = CONTENT_LENGTH.fullmatch(line)
            if match is None or int(match.group(1)) <= MAX_LSP_MESSAGE:
                return line
            length = int(match.group(1))
            logger.warning("a message of %d bytes is longer than the %d MiB a message may be; "
                           "it is skipped", length, MAX_LSP_MESSAGE // (1024 * 1024))
            while (rest := self.stream.readline(_LINE)).strip():  # its other headers
                pass
            while rest and length > 0:
                rest = self.stream.read(min(length, _PIECE))
                length -= len(rest)
            if not rest:
                return b""  # the stream ended within the message

    def read(self, size: int) -> bytes:
        return self.stream.read(size)


class OneLine(logging.Formatter):
    """A record as one line, its control characters shown (as the command line shows them): its
    message and the error it reports, never a traceback."""

    def format(self, record: logging.LogRecord) -> str:
        said = f"contractdsl lsp: {record.getMessage()}"
        if record.exc_info and record.exc_info[1] is not None:
            error = record.exc_info[1]
            said += f": {type(error).__name__}: {error}"
        return visible(" ".join(said.split()))


def serve(quiet: bool = False) -> None:
    """Answer an editor's requests on standard input and output until it exits; its notes on
    standard error are of warnings and errors (``quiet``: errors only)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(OneLine())
    for name in ("pygls", __name__):
        said = logging.getLogger(name)
        said.handlers[:] = [handler]
        said.setLevel(logging.ERROR if quiet else logging.WARNING)
        said.propagate = False
    # pygls calls no more of its input than ``readline`` and ``read``
    server.start_io(stdin=Messages(sys.stdin.buffer))  # type: ignore[arg-type]
