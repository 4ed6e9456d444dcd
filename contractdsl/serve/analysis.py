"""The files of one agreement set to what an editor asks about them: each file's problems, and
every name written in them (where it is defined, where it is used), read from the model's spans
and the symbol table of each version."""

from __future__ import annotations

from collections import OrderedDict
from typing import Iterable

import attrs

from .. import model as m
from ..checker import CLAUSE_REFS, check, is_money
from ..errors import AgreementError, ContractError, Diagnostic
from ..semantics.symbols import SymbolTable
from ..syntax import parse_document

# Statements that define a name, and the kind of name each defines (a term: its own kind).
DEFINITIONS = {m.Unit: "unit", m.Scope: "scope", m.App: "app", m.Tier: "tier",
               m.Clause: "clause"}


@attrs.frozen
class Occurrence:
    """A name written in a file: its kind (a term kind, `unit`, `app`, `tier`, `label`,
    `clause`), the name, where it is written, and the statement it defines (None: a use)."""

    kind: str
    name: str
    span: m.Span
    defines: object = None

    def contains(self, line: int, column: int) -> bool:
        span = self.span
        return span.line == line and span.column <= column <= (span.end_column or span.column)


# Files parsed before, by name and text: while one file is edited, the others of its set are
# not read again.
_PARSED: OrderedDict[tuple[str, str], m.Document | AgreementError] = OrderedDict()
_KEPT = 64
# The last text of each file that parsed: while a statement is half typed, the names the file
# defined before still count in its set's symbol tables.
_LAST_PARSED: dict[str, m.Document] = {}


def parsed(filename: str, text: str) -> m.Document | AgreementError:
    """A file's document, or the error that refuses it (a syntax error; or problems, with
    the file as read: see :func:`contractdsl.syntax.parse_document`)."""
    key = (filename, text)
    found = _PARSED.get(key)
    if found is None:
        try:
            found = parse_document(text, filename)
        except AgreementError as err:
            found = err
        _PARSED[key] = found
        while len(_PARSED) > _KEPT:
            _PARSED.popitem(last=False)
    else:
        _PARSED.move_to_end(key)
    return found


class SetAnalysis:
    """The files of an agreement set (name -> text, versions and schedules) read together."""

    def __init__(self, texts: dict[str, str], remember: bool = True):
        self.texts = dict(texts)
        self.documents: dict[str, m.Document] = {}
        self.diagnostics: dict[str, list[Diagnostic]] = {name: [] for name in texts}
        # the files read to their end that hold problems: checked with the set, never used
        flawed: dict[str, m.Document] = {}
        for name, text in texts.items():
            found = parsed(name, text)
            if isinstance(found, AgreementError) and found.document is not None:
                flawed[name] = found.document
            elif isinstance(found, AgreementError):
                self.diagnostics[name].extend(found.diagnostics)
            else:
                self.documents[name] = found
        self.agreement = m.Agreement(documents=tuple(self.documents.values()))
        if remember:
            self.remember()
        if len(self.documents) + len(flawed) == len(texts):
            # the set's names are known only when every file is read (the problems of a flawed
            # one are the first of the checker's findings)
            read = m.Agreement(documents=tuple(self.documents.get(name) or flawed[name]
                                               for name in texts))
            for diagnostic in check(read):
                self.diagnostics.setdefault(diagnostic.file, []).append(diagnostic)
        else:
            for name, document in flawed.items():
                self.diagnostics[name].extend(document.problems)
        known = [self.documents.get(name) or _LAST_PARSED.get(name) for name in texts]
        self.tables = self._tables(m.Agreement(documents=tuple(d for d in known if d)))
        self._occurrences: dict[str, list[Occurrence]] = {}
        self._lint: dict[str, list[Diagnostic]] | None = None

    def remember(self) -> None:
        """Make the files that parse in this set the texts their files last parsed as: the
        texts the editor holds (a text written again, as by an undo, included), never a text
        a request only weighs (``remember=False``: what a rename would make)."""
        _LAST_PARSED.update(self.documents)

    def lint(self) -> dict[str, list[Diagnostic]]:
        """The linter's findings as warnings, by file: once every file of the set parses and
        the set checks clean (else none); found once per analysis."""
        if self._lint is None:
            self._lint = {}
            clean = len(self.documents) == len(self.texts) and not any(
                d.severity == "error" for found in self.diagnostics.values() for d in found)
            if clean and self.agreement.versions:
                from ..analysis import lint

                try:
                    findings = lint(self.agreement)
                except ContractError:
                    findings = []
                for finding in findings:
                    self._lint.setdefault(finding.span.file, []).append(finding.to_diagnostic())
        return self._lint

    # -- symbol tables --------------------------------------------------------------------
    @staticmethod
    def _tables(agreement: m.Agreement) -> dict[str, list[SymbolTable]]:
        """The symbol tables a file's names are read in: a version's own (read with the
        documents it incorporates and its schedules), or those of every version that reads an
        incorporated document or a schedule with it. A file that does not parse as it stands
        is read as it last did."""
        versions = agreement.versions
        schedules = agreement.schedules
        tables: dict[str, list[SymbolTable]] = {}
        for version in versions:
            table = SymbolTable([version, *agreement.incorporated_with(version),
                                 *(s for s in schedules if s.schedule_for == version.title)])
            tables[version.file] = [table]
            for other in table.documents[1:]:  # the documents it incorporates, its schedules
                tables.setdefault(other.file, []).append(table)
        for schedule in schedules:
            tables.setdefault(schedule.file, [SymbolTable([schedule])])
        return tables

    def tables_of(self, filename: str) -> list[SymbolTable]:
        return self.tables.get(filename, [])

    def kind_of(self, filename: str, ref: m.Ref) -> str:
        """What a written name is: `before X` names an action (or an act) where one is
        defined, else a fact; what a rule says is done, and what shows a duty done, may be an
        act."""
        tables = self.tables_of(filename)
        if ref.kind in ("event", "action", "fact") and any(ref.name in t.terms["act"]
                                                           for t in tables):
            return "act"
        if ref.kind != "event":
            return ref.kind
        actions = any(ref.name in t.terms["action"] for t in tables)
        return "action" if actions else "fact"

    def defined(self, filename: str, kind: str, name: str) -> list[object]:
        """The statements that define ``name`` as a ``kind``, as read from ``filename``."""
        found = []
        for table in self.tables_of(filename):
            if kind in table.terms:
                named = table.terms[kind].get(name)
            else:
                named = {"unit": table.unit_names, "scope": table.scopes, "app": table.apps,
                         "tier": table.tiers, "clause": table.clauses}.get(kind, {}).get(name)
            if named is not None and named not in found:
                found.append(named)
        return found

    def names(self, filename: str, kind: str, role: str | None = None) -> list[str]:
        """Every name of ``kind`` a file may use (`event`: actions and facts; `label`: the apps'
        labels); with a ``role``, those the checker accepts in it: the clauses of the kind the
        words ``role`` name (`notwithstanding`: prohibitions and limits), the units that are
        money (`money`) or not (`counted`), or the unit `counted like posts` names (if it is
        one), the attributes and measures of a party (`licensee`, `user`), the
        actions without the acts (`use`)."""
        found: dict[str, None] = {}
        for table in self.tables_of(filename):
            if role is not None and kind == "clause":
                kinds = CLAUSE_REFS[role][0]
                found.update(dict.fromkeys(ident for ident, clause in table.clauses.items()
                                           if isinstance(clause, kinds)))
                continue
            if role is not None and kind == "unit":
                measures, _, like = role.partition(" like ")
                same = table.unit_names.get(like)
                found.update(dict.fromkeys(
                    name for name, unit in table.unit_names.items()
                    if is_money(unit) == (measures == "money")
                    and (same is None or unit.name == same.name)))
                continue
            if role is not None and kind in ("attribute", "measure"):
                found.update(dict.fromkeys(name for name, term in table.terms[kind].items()
                                           if term.party == role))
                continue
            if kind == "event":
                found.update(dict.fromkeys([*table.terms["action"], *table.terms["act"],
                                            *table.terms["fact"]]))
            elif kind == "label":
                found.update(dict.fromkeys(label for app in table.apps.values()
                                           for label in app.labels))
            elif kind in table.terms:
                found.update(dict.fromkeys(table.terms[kind]))
            else:
                found.update(dict.fromkeys({"unit": table.unit_names, "scope": table.scopes,
                                            "app": table.apps, "tier": table.tiers,
                                            "clause": table.clauses}.get(kind, ())))
            if kind == "action" and role is None:  # what is done: an action, or an act
                found.update(dict.fromkeys(table.terms["act"]))
        return list(found)

    # -- names as written -----------------------------------------------------------------
    def occurrences(self, filename: str) -> list[Occurrence]:
        """Every name written in a file, defined or used, in the order written."""
        found = self._occurrences.get(filename)
        if found is None:
            doc = self.documents.get(filename)
            found = self._occurrences[filename] = list(self._read(doc)) if doc else []
        return found

    def _read(self, doc: m.Document) -> Iterable[Occurrence]:
        statements = (*doc.terms, *doc.units, *doc.scopes, *doc.apps, *doc.tiers, *doc.clauses)
        for statement in statements:
            kind = statement.kind if isinstance(statement, m.Term) else next(
                k for cls, k in DEFINITIONS.items() if isinstance(statement, cls))
            name = statement.id if isinstance(statement, m.Clause) else statement.name
            if statement.name_span is not None:
                yield Occurrence(kind, name, statement.name_span, statement)
            for ref in statement.refs:
                if ref.span is not None:
                    yield Occurrence(self.kind_of(doc.file, ref), ref.name, ref.span)
        for value in doc.values:  # what the file states of its licensee's attributes
            if value.name_span is not None:
                kind = "attribute" if isinstance(value.value, bool) else "measure"
                yield Occurrence(kind, value.name, value.name_span)
        for stated in doc.dated:  # the facts a schedule dates
            if stated.name_span is not None:
                yield Occurrence("fact", stated.name, stated.name_span)

    def at(self, filename: str, line: int, column: int) -> Occurrence | None:
        """The name written at a position (1-based line and column), if any."""
        return next((o for o in self.occurrences(filename) if o.contains(line, column)), None)

    def statement_at(self, filename: str, line: int, column: int):
        """The statement (a term, unit, app, tier or clause) written over a position."""
        doc = self.documents.get(filename)
        if doc is None:
            return None
        for statement in (*doc.terms, *doc.units, *doc.scopes, *doc.apps, *doc.tiers, *doc.clauses):
            span = statement.span
            if span and (span.line, span.column) <= (line, column) <= (
                    span.end_line or span.line, span.end_column or span.column):
                return statement
        return None

    def same_name(self, occurrence: Occurrence) -> list[Occurrence]:
        """Every occurrence of a name across the set's files: a name means one thing in the
        files of an agreement set (a unit's aliases stand for the unit)."""
        target = self._identity(occurrence)
        return [o for filename in self.texts for o in self.occurrences(filename)
                if o.kind == occurrence.kind and self._identity(o) == target]

    def _identity(self, occurrence: Occurrence) -> str:
        if occurrence.kind != "unit":
            return occurrence.name
        for tables in self.tables.values():
            for table in tables:
                if occurrence.name in table.unit_names:
                    return table.unit_of(occurrence.name)
        return occurrence.name
