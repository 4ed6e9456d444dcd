"""Model to diagnostics: every semantic problem in an agreement, collected at once."""

from __future__ import annotations

import difflib
import re
from collections import Counter

from . import model as m
from .errors import Diagnostic, defined_help, did_you_mean, source_line, suggest
from .errors import with_article as _a
from .format import number
from .semantics.symbols import SymbolTable
from .syntax.friendly import WINDOW_WORDS, underscored

# The clauses a clause may name, by the words that name them, and those kinds in words: a
# permission prevails over the prohibitions and limits it names with `notwithstanding`; a
# prohibition or a limit yields to the permissions it names with `except as permitted by`.
CLAUSE_REFS: dict[str, tuple[tuple[type, ...], str]] = {
    "notwithstanding": ((m.Prohibition, m.Limit), "a prohibition or a limit"),
    "except as permitted by": ((m.Permission,), "a permission"),
}


def is_money(unit: m.Unit) -> bool:
    """Whether a unit is a currency (`measures money`): prices, fees and liability caps are
    amounts of one; what a limit, a fee's `per` or a threshold counts is not."""
    return unit.measures == "money"


class _Checker:
    def __init__(self, agreement: m.Agreement):
        self.agreement = agreement
        self.diagnostics: list[Diagnostic] = []
        self.reported_apps: set[int] = set()
        self.sources = {d.file: d.source for d in agreement.documents}
        self._names: dict[tuple, list] | None = None

    def report(self, node, message: str, help: str | None = None, severity: str = "error",
               word: str | None = None, *, code: str, at: m.Span | None = None):
        """Record a problem at ``node`` (a clause: at `clause ID`), or at the span ``at`` in
        it; with ``word``, point at that word inside it. ``code`` names the rule broken."""
        span = at or getattr(node, "span", None) or m.Span()
        end = (span.end_line, span.end_column) if span.end_line and span.end_column else None
        if isinstance(node, m.Clause) and at is None:
            end = (span.line, span.column + len(f"clause {node.id}"))
        written = self.written(span, word) if word else None
        if written is not None:
            span, end = written, (written.line, written.column + len(word))
        line_text = source_line(self.sources.get(span.file), span.line)
        width = max(end[1] - span.column, 1) if end and end[0] == span.line else 1
        ends = {"end_line": end[0], "end_column": end[1]} if end else {}
        self.diagnostics.append(Diagnostic(
            file=span.file, line=span.line, column=span.column, message=message, help=help,
            severity=severity, code=code, source_line=line_text, width=width, **ends))

    def written(self, span: m.Span, word: str) -> m.Span | None:
        """Where the name ``word`` is first written within ``span`` (from its line and column to
        its end: a clause's `except as permitted by` may stand on a line after `clause ID`), as
        the parser found it (every name a statement defines or uses keeps its own span)."""
        if self._names is None:
            self._names = {}
            for doc in self.agreement.documents:
                for node in (*doc.terms, *doc.units, *doc.scopes, *doc.apps, *doc.tiers,
                             *doc.clauses, *doc.values, *doc.dated):
                    spans = [(ref.name, ref.span) for ref in getattr(node, "refs", ())]
                    if getattr(node, "name_span", None) is not None:  # (a clause: its id)
                        spans.append((getattr(node, "name", None) or node.id, node.name_span))
                    for name, where in spans:
                        if where is not None:
                            self._names.setdefault((where.file, where.line), []).append(
                                (where.column, name, where))
        last = (span.end_line or span.line, span.end_column or span.column)
        return min(((line, column, where) for line in range(span.line, last[0] + 1)
                    for column, name, where in self._names.get((span.file, line), ())
                    if name == word and (span.line, span.column) <= (line, column) <= last),
                   default=(None, None, None), key=lambda c: c[:2])[2]

    # -- entry ----------------------------------------------------------------------------
    def run(self) -> list[Diagnostic]:
        for doc in self.agreement.documents:
            self.diagnostics.extend(doc.problems)  # what its statements could not be read as
            self.check_duplicates(doc)
            self.check_repeated(doc)
            self.check_reserved(doc)
        self.check_versions()
        self.check_incorporations()
        for version in self.agreement.versions:
            schedules = [s for s in self.agreement.schedules if s.schedule_for == version.title]
            self.check_version(version, schedules, self.agreement.incorporated_with(version))
        titles = {v.title for v in self.agreement.versions}
        strays = self.agreement.strays
        for schedule in self.agreement.schedules:
            meant = _title_meant(schedule.schedule_for, titles)
            if meant is not None:  # a slip in the title: its apps would be no agreement's
                self.report(schedule, f"schedule for `{schedule.schedule_for}`, a title no "
                            "agreement read with it has, so its apps belong to no agreement",
                            f"did you mean `{meant}`?",
                            code="unknown-name")
            elif any(schedule is s for s in strays):
                self.stray_schedule(schedule)
            elif schedule.schedule_for not in titles:
                self.report(schedule, f"schedule for `{schedule.schedule_for}` is read without "
                            "that agreement, so its names are not checked",
                            "check it together with the agreement file", severity="warning",
                            code="unchecked-schedule")
        if self.agreement.incorporated and not any(d.severity == "error"
                                                   for d in self.diagnostics):
            self.check_conflicts()
        # (a file read with several versions is checked with each: each problem once)
        return sorted(dict.fromkeys(self.diagnostics),
                      key=lambda d: (d.file, d.line, d.column, d.message))

    def stray_schedule(self, schedule: m.Document):
        """A schedule for another title than the agreement's: its apps would be no usage's."""
        lead = self.agreement.lead
        given = f"`{lead.title}` (`{lead.file}`)"
        if any(d.title == schedule.schedule_for for v in self.agreement.versions
               if v.title == lead.title for d in self.agreement.incorporated_with(v)):
            message = (f"this file is a schedule for `{schedule.schedule_for}`, a document "
                       f"that {given} incorporates, but apps are registered under the "
                       "agreement itself")
            help = f'write `for "{lead.title}"` in its `schedule` line'
        else:
            message = (f"this file is a schedule for `{schedule.schedule_for}`, but the "
                       f"agreement read with it is {given}")
            help = (f"read it with the text of `{schedule.schedule_for}`, apart from "
                    f'`{lead.title}`; if its apps are `{lead.title}`\'s, write `for '
                    f'"{lead.title}"` in its `schedule` line')
        self.report(_heading(schedule), message, help, code="mixed-agreements")

    # -- incorporated documents -------------------------------------------------------------
    def check_incorporations(self):
        """What a document incorporates is read with it, and never itself, by a clause of an
        agreement's text; conditions say when a precedence holds."""
        graph: dict[str, set[str]] = {}
        titles = {d.title for d in self.agreement.texts}
        for doc in self.agreement.documents:
            for clause in doc.clauses:
                if not isinstance(clause, m.Incorporation):
                    continue
                if doc.kind == "schedule":
                    self.report(clause, "a schedule cannot incorporate a document",
                                "write the incorporation in the agreement's text",
                                code="incorporation")
                    continue
                if clause.prevailing is None and (clause.when or clause.unless):
                    self.report(clause, f"clause `{clause.id}` says when a precedence holds, "
                                "but declares none", "add `subject to this agreement` or "
                                "`prevailing over this agreement`", code="incorporation")
                if clause.survives is not None:
                    self.report(clause, f"clause `{clause.id}` incorporates documents and "
                                "cannot survive termination", "mark the clauses of the "
                                "incorporated document that survive, with `survives`",
                                code="incorporation")
                for title in clause.documents:
                    graph.setdefault(doc.title, set()).add(title)
                    if title not in titles:
                        self.report(clause, f"clause `{clause.id}` incorporates `{title}`, "
                                    "which is not read with it, so none of its clauses apply",
                                    "read the file of that document together with this one",
                                    severity="warning", word=None, code="unread-document")
        for doc in self.agreement.texts:
            for clause in doc.clauses:
                if isinstance(clause, m.Incorporation):
                    for title in clause.documents:
                        path = _path(graph, title, doc.title)
                        if path is not None:
                            self.report(clause, f"`{doc.title}` incorporates `{title}`, "
                                        + ("which is itself" if title == doc.title else
                                           "which incorporates " + " → ".join(
                                               f"`{t}`" for t in path[1:]))
                                        + ": no document can be part of itself",
                                        "remove one of the incorporations",
                                        code="incorporation-cycle")

    def check_texts_together(self, texts: list[m.Document]):
        """A text and the documents it incorporates are read as one: a clause id is defined
        once among them, and a name defined in two of them means the same in each."""
        first: dict[tuple, tuple[object, m.Document]] = {}
        for doc in texts:
            items = [(("clause", c.id), c) for c in doc.clauses] + \
                [(("term", t.name), t) for t in doc.terms] + \
                [(("unit", u.name), u) for u in doc.units]
            for key, item in items:
                earlier, earlier_doc = first.setdefault(key, (item, doc))
                if earlier_doc is doc or earlier_doc.title == doc.title:
                    continue  # two versions of one document are never read on the same day
                if key[0] != "clause" and earlier == item:
                    continue  # defined alike in both
                where = f" (first in `{earlier_doc.file}` at line {earlier.span.line})" \
                    if earlier.span else ""
                what = f"clause `{key[1]}`" if key[0] == "clause" else \
                    f"{getattr(item, 'kind', 'unit')} `{key[1]}`"
                self.report(item, f"{what} is defined twice{where}" if key[0] == "clause" else
                            f"{what} is defined otherwise in `{earlier_doc.file}` (line "
                            f"{earlier.span.line if earlier.span else 1})",
                            "a document and the documents it incorporates are read as one: "
                            + ("give each clause its own id" if key[0] == "clause" else
                               "define the name once, or alike in both"),
                            word=None if key[0] == "clause" else key[1],
                            code="duplicate-definition")

    def check_conflicts(self):
        """A conflict between clauses of documents read together needs the precedence
        between the two documents declared (the evaluator's own reading: the lowering)."""
        from .semantics.lower import lower

        unresolved: list = []
        lower(self.agreement, unresolved=unresolved)
        reported = set()
        for one, own, other, theirs in unresolved:
            if (id(one), id(other)) in reported:
                continue
            reported.add((id(one), id(other)))
            at = f" ({one.span.file}:{one.span.line})" if one.span else ""
            if isinstance(other, m.Limit):
                what = (f"clause `{other.id}` of `{theirs}` limits the same as clause "
                        f"`{one.id}` of `{own}`{at} with another amount")
            elif isinstance(other, m.LiabilityCap):
                what = (f"clause `{other.id}` of `{theirs}` caps the {other.party}'s liability "
                        f"otherwise than clause `{one.id}` of `{own}`{at}")
            elif isinstance(other, m.Prohibition):
                what = (f"clause `{other.id}` of `{theirs}` forbids all that clause `{one.id}` "
                        f"of `{own}`{at} permits")
            else:
                what = (f"clause `{other.id}` of `{theirs}` permits only what clause "
                        f"`{one.id}` of `{own}`{at} forbids")
            self.report(other, f"{what}, and the two documents declare no precedence "
                        "between them", "where one incorporates the other, say which prevails "
                        "(`subject to this agreement` or `prevailing over this agreement`)"
                        + ("" if isinstance(other, (m.Limit, m.LiabilityCap)) else
                           ", or make one an exception to the other (`except as permitted "
                           "by`)"), code="undeclared-precedence")

    # -- per file -------------------------------------------------------------------------
    def check_repeated(self, doc: m.Document):
        """A name written twice in one list of a statement, whose second says nothing more (a
        warning, at the second): `except as permitted by 4 and 4`, `notwithstanding 3, 3`,
        `incorporates "X" and "X"`, `for research or research`, `with partners or partners`,
        `labelled x labelled x` (`per app and app` is told with the scopes)."""
        for clause in doc.clauses:
            for phrase, ids in (("notwithstanding", getattr(clause, "notwithstanding", ())),
                                ("except as permitted by", getattr(clause, "exceptions", ()))):
                for ident in _repeated(ids):
                    self.report(clause, f"clause `{clause.id}` says `{phrase} {ident}` twice",
                                f"name `{ident}` once", severity="warning",
                                code="repeated-name", at=_second(clause, "clause", ident))
            for title in _repeated(getattr(clause, "documents", ())):
                self.report(clause, f"clause `{clause.id}` incorporates `{title}` twice",
                            f"name `{title}` once", severity="warning", code="repeated-name")
            activity = getattr(clause, "activity", None)
            for kind, values in (("purpose", activity.purposes if activity else ()),
                                 ("recipient", activity.recipients if activity else ())):
                for name in _repeated(values):
                    self.report(clause, f"clause `{clause.id}` names {kind} `{name}` twice",
                                f"write `{name}` once", severity="warning",
                                code="repeated-name", at=_second(clause, kind, name))
        for app in doc.apps:
            for kind, values, said in (("label", app.labels, "labelled"),
                                       ("purpose", app.approved, "approved for"),
                                       ("recipient", app.serving, "serving")):
                for name in _repeated(values):
                    self.report(app, f"app `{app.name}` is {said} `{name}` twice",
                                f"write `{name}` once", severity="warning",
                                code="repeated-name", at=_second(app, kind, name))

    def check_duplicates(self, doc: m.Document):
        groups = [
            ("term", [(f"{t.kind} `{t.name}`", t) for t in doc.terms]),
            ("unit", [(f"unit `{n}`", u) for u in doc.units for n in (u.name, *u.aliases)]),
            ("scope", [(f"scope `{s.name}`", s) for s in doc.scopes]),
            ("app", [(f"app `{a.name}`", a) for a in doc.apps]),
            ("tier", [(f"tier `{t.name}`", t) for t in doc.tiers]),
            ("clause", [(f"clause `{c.id}`", c) for c in doc.clauses]),
            ("value", [(f"the licensee's `{v.name}`", v) for v in doc.values]),
            ("value", [(f"the date of `{d.name}`", d) for d in doc.dated]),
        ]
        for group, items in groups:
            seen: dict[str, object] = {}
            for label, node in items:
                if label in seen:
                    first = getattr(seen[label], "span", None)
                    where = f" (first at line {first.line})" if first else ""
                    said = "stated" if group == "value" else "defined"
                    self.report(node, f"{label} is {said} twice{where}",
                                "state it once" if group == "value" else
                                "give each one its own name, or remove one",
                                code="duplicate-definition")
                else:
                    seen[label] = node
        self.check_headers(doc)
        if doc.kind == "agreement" and not doc.title:
            self.report(doc, "the file has no `agreement` line",
                        'start it with e.g. `agreement "Developer Agreement" version "1".`',
                        code="missing-heading")
        if doc.effective and doc.terminates and doc.terminates < doc.effective:
            self.report(doc, f"the agreement terminates on {doc.terminates}, before it takes "
                        f"effect on {doc.effective}", "swap the dates, or correct one of them",
                        code="dates-out-of-order")

    def check_reserved(self, doc: m.Document):
        """A fact cannot take a word the language gives a meaning of its own."""
        for term in doc.terms:
            if term.kind == "fact" and term.name == m.TERMINATION:
                self.report(term, "a fact cannot be named `termination`: an event written "
                            "`termination` is the agreement's end for the licensee",
                            "name the fact otherwise, e.g. `termination_notice`; "
                            "`after termination` already counts from the agreement's end",
                            word=term.name, code="reserved-name")

    def check_headers(self, doc: m.Document):
        """A file says once what it is, when it takes effect and terminates, and who each party
        is; a repeated statement is an error (the first one counts)."""
        seen: dict[object, m.Header] = {}
        for header in doc.headers:
            key = ("party", header.role) if isinstance(header, m.Party) else type(header)
            first = seen.setdefault(key, header)
            if first is header:
                continue
            at = f" (first at line {first.span.line})" if first.span else ""
            if isinstance(header, m.Heading):
                article = "an" if first.kind == "agreement" else "a"
                message = f"the file already has {article} `{first.kind}` line{at}"
                help = ("a file holds one version of an agreement or one schedule; put the "
                        "other in a file of its own")
            elif isinstance(header, m.Party):
                message = f"`{header.role}` is named twice{at}"
                help = f"a file names its {header.role} once; remove one of the two lines"
            elif isinstance(header, m.Effective):
                message = f"`effective` is written twice{at}"
                help = ("a version takes effect once; a text in force from another day is a "
                        "new version, in a file of its own")
            else:
                message = f"`terminates` is written twice{at}"
                help = "an agreement terminates once; remove one of the two lines"
            self.report(header, message, help, code="duplicate-header")

    def check_versions(self):
        by_title: dict[str, list[m.Document]] = {}
        for version in self.agreement.texts:  # the agreement's and each incorporated document's
            by_title.setdefault(version.title, []).append(version)
        for versions in by_title.values():
            for older, newer in zip(versions, versions[1:]):
                if older.effective is None or newer.effective is None:
                    self.report(newer, f"versions `{older.version}` and `{newer.version}` of "
                                f"`{newer.title}` both need an `effective` date to be ordered",
                                "add `effective YYYY-MM-DD.` to each version",
                                code="unordered-versions")
                elif older.effective == newer.effective or (
                        older.terminates and older.terminates >= newer.effective):
                    self.report(newer, f"version `{newer.version}` of `{newer.title}` overlaps "
                                f"version `{older.version}` (in force from {older.effective})",
                                "versions of one agreement must follow one another",
                                code="overlapping-versions")
        lead = self.agreement.lead
        for text in self.agreement.strays:
            if text.kind == "agreement":
                self.report(_heading(text), f"this file holds `{text.title}`, another agreement "
                            f"than `{lead.title}` (`{lead.file}`), which does not incorporate "
                            "it", f"read each agreement's files apart; a version of "
                            f"`{lead.title}` keeps its title, and a document it includes is "
                            f"named in a clause of it: `incorporates \"{text.title}\".`",
                            code="mixed-agreements")

    # -- per version ----------------------------------------------------------------------
    def check_version(self, version: m.Document, schedules: list[m.Document],
                      incorporated: list[m.Document] = ()):
        vocab = SymbolTable([version, *incorporated, *schedules])
        self.vocab = vocab
        self.check_apps_across([version, *incorporated, *schedules])
        self.check_hierarchies(vocab)
        if incorporated:
            self.check_texts_together([version, *incorporated])
        for doc in (version, *incorporated, *schedules):
            for scope in doc.scopes:
                if scope.name in m.SCOPES:
                    self.report(scope, f"`{scope.name}` is a scope of the language already",
                                f"write `per {scope.name}` without declaring it, or give the "
                                "scope another name", word=scope.name,
                                code="duplicate-definition")
            for term in doc.terms:
                if isinstance(term, m.Duty) and term.shown_by and \
                        term.shown_by not in vocab.terms["act"]:
                    self.name(term, "fact", term.shown_by,
                              also="act" if vocab.terms["act"] else None)
                if isinstance(term, m.Act) and term.name in vocab.terms["action"]:
                    self.report(term, f"`{term.name}` is both an action and an act, so a clause "
                                "that names it is ambiguous", "give the act a name of its own",
                                word=term.name, code="duplicate-definition")
                if isinstance(term, m.Standard) and term.name in vocab.terms["fact"]:
                    self.report(term, f"`{term.name}` is both a fact and a standard, so a "
                                f"condition that names it is ambiguous",
                                "give the standard a name of its own", word=term.name,
                                code="duplicate-definition")
                if isinstance(term, m.Measure) and term.name in vocab.terms["attribute"]:
                    self.report(term, f"`{term.name}` is both an attribute and a measure, so a "
                                "usage that states it is ambiguous",
                                "give the measure a name of its own", word=term.name,
                                code="duplicate-definition")
            self.check_values(doc, version)
            for app in doc.apps:
                for purpose in app.approved:
                    self.name(app, "purpose", purpose,
                              f"app `{app.name}` is approved for `{purpose}`, which the "
                              "agreement does not define as a purpose")
                for recipient in app.serving:
                    self.name(app, "recipient", recipient)
            for tier in doc.tiers:
                self.check_window(tier, tier.valid_from, tier.valid_until)
                if tier.price is not None:
                    self.money(tier.price.quantity)
                if tier.earning is not None:
                    self.earning(tier)
                for allowance in tier.allowances:
                    self.doing(allowance, allowance.action)
                    if not self.spent(allowance.quantity):
                        self.counted(allowance.quantity)
                    self.scope(allowance, allowance.scope)
            for clause in doc.clauses:
                self.check_clause(clause)

    def check_values(self, doc: m.Document, version: m.Document):
        """What a file states of its licensee: attributes and measures of the licensee (a
        schedule agreeing with its agreement's text), and (in a schedule) the dates of
        facts."""
        for stated in doc.dated:
            if doc.kind == "agreement":
                self.report(stated, f"`{stated.name}` is dated in an agreement's text, but "
                            "a fact is dated for one licensee, in its schedule",
                            "move the line into the schedule of the licensee's apps",
                            code="not-in-schedule")
            else:
                self.name(stated, "fact", stated.name)
        said = {v.name: v.value for v in version.values}
        for value in doc.values:
            term = self.attribute(value, "licensee", value.name, isinstance(value.value, bool))
            if term is not None and doc.kind == "schedule" and \
                    said.get(value.name, value.value) != value.value:
                self.report(value, f"the schedule states the licensee's `{value.name}` "
                            "otherwise than the agreement does", "state it in one of the two "
                            "files, or make them agree", word=value.name,
                            code="conflicting-values")

    def attribute(self, node, party: str, name: str, yes_no: bool) -> m.Term | None:
        """The attribute (``yes_no``) or measure ``name`` of ``party``, or None after reporting
        why it is not one."""
        kind, other = ("attribute", "measure") if yes_no else ("measure", "attribute")
        stating = isinstance(node, m.AttributeValue)
        term = self.vocab.terms[kind].get(name)
        if term is None:
            if name in self.vocab.terms[other]:
                if not yes_no:
                    help = f"write `{party} is {name}` or `{party} is not {name}`"
                elif stating:
                    help = f"state its number, e.g. `{party}'s {name} is 1,000.`"
                else:
                    help = f"compare it with a number, e.g. `{party}'s {name} is at least 18`"
                self.report(node, f"`{name}` is {_a(other)}, not {_a(kind)}", help,
                            word=name, code="wrong-attribute-kind")
            else:
                self.name(node, kind, name)
            return None
        if term.party != party:
            written = f"{term.party} is {name}" if yes_no else f"{term.party}'s {name}"
            self.report(node, f"`{name}` is {_a(kind)} of the {term.party}, not of the "
                        f"{party}", f"write `{written}`, or define {_a(kind)} of the {party}",
                        word=name, code="wrong-attribute-kind")
            return None
        return term

    def check_apps_across(self, documents: list[m.Document]):
        """An app defined in one file and again in another read with it (a second schedule):
        the second definition would be ignored. Twice in one file is `check_duplicates`'s."""
        first: dict[str, tuple[m.App, m.Document]] = {}
        for doc in documents:
            for app in doc.apps:
                earlier, earlier_doc = first.setdefault(app.name, (app, doc))
                # a schedule is read with every version of its agreement: report it once
                if earlier_doc is doc or id(app) in self.reported_apps:
                    continue
                self.reported_apps.add(id(app))
                where = (f" (first in `{earlier.span.file}` at line {earlier.span.line})"
                         if earlier.span else "")
                self.report(app, f"app `{app.name}` is defined twice{where}",
                            "define each app once, in one schedule", word=app.name,
                            code="duplicate-definition")

    def check_hierarchies(self, vocab: SymbolTable):
        for kind, terms in vocab.terms.items():
            state: dict[str, int] = {}  # 1: on the path being followed, 2: done
            for term in terms.values():
                if term.parent is not None and term.parent not in terms:
                    others = [name for name in terms if name != term.name]  # not under itself
                    self.report(term, f"{kind} `{term.name}` is under `{term.parent}`, which is "
                                f"not a {kind}", defined_help(term.parent, others, kind),
                                word=term.parent, code="unknown-name")
                # follow the parents up to a term already seen: each term is followed once
                path, name = [], term.name
                while name in terms and name not in state:
                    state[name] = 1
                    path.append(name)
                    name = terms[name].parent
                if name in terms and state[name] == 1:
                    cycle = path[path.index(name):]
                    for at, member in enumerate(cycle):
                        self.report(terms[member], f"{kind} hierarchy has a cycle: "
                                    f"{_cycle_text(cycle[at:] + cycle[:at])}",
                                    "a term cannot fall under itself", code="hierarchy-cycle")
                for name in path:
                    state[name] = 2

    def check_window(self, node, start, end):
        if start and end and end < start:
            self.report(node, f"`until {end}` comes before `from {start}`",
                        "swap the dates, or correct one of them", code="dates-out-of-order",
                        at=node.window_span)

    def check_clause(self, clause: m.Clause):
        self.check_window(clause, clause.valid_from, clause.valid_until)
        if clause.survives is not None and clause.survives.event is not None:
            self.event(clause.survives.event)
        if isinstance(clause, (m.Permission, m.Prohibition)):
            activity = clause.activity
            self.doing(activity, activity.action)
            if activity.data is not None:
                if activity.action in self.vocab.terms["act"]:
                    self.report(activity, f"`{activity.action}` is an act, not a use of "
                                f"content: it takes no data (`{activity.data}`)",
                                f"remove `{activity.data}`, or name an action",
                                word=activity.data, code="act-with-data")
                else:
                    self.name(activity, "data", activity.data)
            for purpose in activity.purposes:
                self.name(activity, "purpose", purpose)
            for recipient in activity.recipients:
                self.name(activity, "recipient", recipient)
        if isinstance(clause, m.Permission):
            self.refs(clause, clause.notwithstanding, "notwithstanding")
            for proviso in clause.provisos:
                self.name(proviso, "duty", proviso.duty)
                self.deadline(proviso, proviso.deadline)
                if proviso.party == "licensee" and _from_termination(proviso.deadline):
                    self.report(proviso.deadline, "a proviso cannot count its deadline from "
                                "termination: after it, the permission no longer applies",
                                "write the duty as an obligation of its own that survives "
                                f"termination, e.g. `clause X survives: licensee must "
                                f"{proviso.duty} upon termination.`",
                                word=m.TERMINATION, code="not-surviving")
        if isinstance(clause, (m.Prohibition, m.Limit)):
            self.refs(clause, clause.exceptions, "except as permitted by")
        if isinstance(clause, m.Limit):
            self.doing(clause, clause.action)
            self.counted(clause.quantity)
            # (`per app per day` is said once, of both, by `swapped_scope`)
            if clause.per is None or not self.swapped_scope(clause):
                if clause.per is not None:  # `per request`: where the clause names it
                    self.per_unit(clause)
                self.scope(clause, clause.scope)
            if clause.endpoint is not None:
                where = next((r for r in clause.refs if r.kind == "endpoint"
                              and r.span is not None), clause)
                self.name(where, "endpoint", clause.endpoint)
        if isinstance(clause, m.Obligation):
            self.name(clause, "duty", clause.duty)
            self.deadline(clause, clause.deadline)
            if clause.party == "licensee" and clause.survives is None and \
                    _from_termination(clause.deadline):
                self.report(clause, f"clause `{clause.id}` counts its deadline from "
                            "termination, but does not survive termination, so the duty never "
                            "binds", f"add `survives` to its heading (`clause {clause.id} "
                            "survives:`), or `survives` and how long", code="not-surviving")
        if isinstance(clause, m.Fee):
            self.money(clause.price)
            self.counted(clause.per, "a fee is charged per things counted")
            if clause.per.amount == 0:
                self.report(clause.per, "a fee cannot be charged per 0 of anything",
                            "write the number of units the price is for, e.g. `per 1,000 "
                            "requests`", code="bad-number")
            if clause.threshold is not None:
                self.threshold(clause)
        if isinstance(clause, m.LateCharge) and clause.percent == 0:
            self.report(clause, "a late charge of `0 %` charges nothing",
                        "write the percentage the text charges, e.g. `1.5 % per month`",
                        word=str(clause.percent), code="bad-number")
        if isinstance(clause, m.LiabilityCap):
            self.cap(clause.cap)
        for condition in (clause.when, clause.unless):
            if condition is not None:
                for node in condition.walk():
                    self.condition(node)

    def swapped_scope(self, clause: m.Limit) -> bool:
        """Report a limit whose scope is written before its window (`per app per day`), read
        as counting per one of a unit `app` in a scope `day`; whether it is one."""
        keys = m.scope_keys(clause.scope)
        if clause.per in self.vocab.unit_names or len(keys) != 1 or \
                clause.per not in (*m.SCOPES, *self.vocab.scopes) or \
                keys[0] not in WINDOW_WORDS:
            return False
        span = next((r.span for r in clause.refs if r.kind == "unit" and r.name == clause.per),
                    clause.span)
        self.report(m.Quantity(amount=1, unit=clause.per, span=span),
                    f"the time window `per {keys[0]}` must come before `per {clause.per}`",
                    f"write `per {WINDOW_WORDS[keys[0]]} per {clause.per}`",
                    word=clause.per, code="scope-order")
        return True

    def per_unit(self, clause: m.Limit):
        """The unit a limit counts per one of (`per request`): a counted unit; a misspelt
        window (`per mnth`) is said to be one."""
        span = next((r.span for r in clause.refs if r.kind == "unit" and r.name == clause.per),
                    clause.span)
        window = suggest(clause.per, WINDOW_WORDS)
        if clause.per not in self.vocab.unit_names and window is not None:
            self.report(m.Quantity(amount=1, unit=clause.per, span=span),
                        f"`{clause.per}` is not a time window, nor a unit",
                        f"did you mean `{WINDOW_WORDS[window]}`?", word=clause.per,
                        code="unknown-name")
            return
        self.counted(m.Quantity(amount=1, unit=clause.per, span=span),
                     "a limit counts per one of the things counted")

    def threshold(self, fee: m.Fee):
        """A fee's threshold counts what its price is charged per, in whole things."""
        quantity = fee.threshold.quantity
        self.counted(quantity, "a threshold counts things")
        known = self.vocab.unit_names
        if quantity.unit in known and fee.per.unit in known and \
                known[quantity.unit].name != known[fee.per.unit].name and \
                not (is_money(known[fee.per.unit]) or is_money(known[quantity.unit])):
            self.report(quantity, f"the threshold counts `{quantity.unit}`, but the fee is "
                        f"charged per `{fee.per.unit}`",
                        f"count the threshold in `{fee.per.unit}` too, e.g. `beyond 1,000 "
                        f"{fee.per.unit} per day`", word=quantity.unit, code="unit-mismatch")

    def cap(self, cap: m.Cap):
        """The amounts of a liability cap are money, and those compared are in one currency."""
        operands = cap.operands if isinstance(cap, m.Extreme) else (cap,)
        currencies = {}
        for operand in operands:
            if isinstance(operand, m.Quantity):
                self.money(operand, "a liability cap")
                unit = self.vocab.unit_names.get(operand.unit)
                if unit is not None:
                    currencies.setdefault(unit.name, operand)
        if len(currencies) > 1:
            first, other = list(currencies.values())[:2]
            self.report(other, f"amounts in `{first.unit}` and in `{other.unit}` cannot be "
                        "compared", "state every amount of the cap in one currency",
                        word=other.unit, code="unit-mismatch")

    def refs(self, clause, ids, phrase):
        kinds, kind_words = CLAUSE_REFS[phrase]
        for ident in ids:
            target = self.vocab.clauses.get(ident)
            if target is None:
                self.report(clause, f"clause `{clause.id}` says `{phrase} {ident}`, but there is "
                            f"no clause `{ident}`", did_you_mean(ident, [
                                other for other, named in self.vocab.clauses.items()
                                if isinstance(named, kinds) and other != clause.id])
                            or f"define clause `{ident}`, or correct the id",
                            word=ident if ident != clause.id else None, code="unknown-name")
            elif not isinstance(target, kinds):
                # (a clause naming itself lands here too: it is never of the kind it names)
                self.report(clause, f"clause `{clause.id}` says `{phrase} {ident}`, but "
                            f"`{ident}` is a {target.kind}, not {kind_words}",
                            f"name {kind_words} there: a permission lifts a prohibition or a "
                            "limit, which names it with `except as permitted by`, or it names "
                            "them with `notwithstanding`",
                            word=ident if ident != clause.id else None,
                            code="wrong-clause-kind")

    def deadline(self, node, deadline):
        if isinstance(deadline, (m.Within, m.Upon, m.Every)):
            if deadline.event is not None:
                self.event(deadline.event)
            if _from_termination(deadline) and getattr(deadline, "duration", None) is not None \
                    and deadline.duration.unit in ("second", "minute", "hour"):
                self.report(deadline.duration, "termination is a day, the agreement's last, so "
                            "a deadline counted from it is counted in days, not hours",
                            f"write the duration in days, e.g. `within "
                            f"{_days(max(1, deadline.duration.count // 24))} after "
                            "termination`",
                            code="date-precision")
        if isinstance(deadline, m.WithinJudged):
            self.name(deadline, "fact", deadline.event)
            self.name(deadline, "standard", deadline.standard,
                      f"`within {deadline.standard}` names no standard: a time left to "
                      "judgement is a standard")
        elif isinstance(deadline, m.Before):
            if deadline.event not in self.vocab.terms["action"] and \
                    deadline.event not in self.vocab.terms["act"]:
                self.name(deadline, "fact", deadline.event,
                          f"`before {deadline.event}` names neither an action, an act nor a "
                          "fact")

    def doing(self, node, name: str):
        """What a clause says is done: an action (a use of content) or an act."""
        acts = self.vocab.terms["act"]
        if name not in acts:
            self.name(node, "action", name, also="act" if acts else None)

    def scope(self, node, scope: str | None):
        """Each key a limit counts per: a scope of the language or one the agreement declares,
        each once (a key written twice says nothing more: a warning, as `repeated-name`)."""
        keys = m.scope_keys(scope)
        # where the scope is written: a declared one's name, else the window before it
        at_window = getattr(node, "window", None) or node
        for at, key in enumerate(keys):
            where = next((r for r in getattr(node, "refs", ()) if r.kind == "scope"
                          and r.name == key and r.span is not None), at_window)
            if key in keys[:at]:
                self.report(where, f"`per {scope}` names `{key}` twice",
                            f"write `{key}` once", severity="warning", code="repeated-scope")
            elif key not in m.SCOPES and key not in self.vocab.scopes:
                known = [*m.SCOPES, *self.vocab.scopes]
                self.report(where, f"unknown scope `{key}`", did_you_mean(key, known) or
                            f"declare it, e.g. `scope {key} \"...\".`, or count per one of "
                            f"{', '.join(m.SCOPES)}", code="unknown-name")
            elif "app" in keys and key in self.vocab.scopes \
                    and self.vocab.scopes[key].holds_apps:
                # each app belongs to one value of a scope holding apps: per app and it is
                # per app
                rest = " and ".join(k for k in keys if k != key)
                self.report(where, f"`per {scope}` counts per app alone: each app belongs to "
                            f"one `{key}`", f"write `per {rest}`", severity="warning",
                            code="redundant-scope")

    def event(self, event: m.Event):
        """Each fact an event names is a fact (`termination` is the agreement's end)."""
        for name in event.facts:
            self.name(event, "fact", name)

    def condition(self, node):
        if isinstance(node, m.TermIs):
            if node.subject == "app":
                # (a text read without its schedules and defining no app of its own cannot
                # tell: its apps may be defined where it is read with them)
                if node.name not in self.vocab.apps and (self.agreement.schedules or
                                                         self.vocab.apps):
                    self.report(node, f"unknown app `{node.name}`",
                                defined_help(node.name, self.vocab.apps, "app"),
                                word=node.name, code="unknown-name")
            else:
                self.name(node, node.subject, node.name)
        elif isinstance(node, m.TierIs):
            if node.name not in self.vocab.tiers:
                self.report(node, f"unknown tier `{node.name}`",
                            defined_help(node.name, self.vocab.tiers, "tier"), word=node.name,
                            code="unknown-name")
        elif isinstance(node, m.FactHolds):
            if node.name not in self.vocab.terms["standard"]:
                self.name(node, "fact", node.name, also="standard")
        elif isinstance(node, m.AppServes):
            self.name(node, "recipient", node.recipient)
        elif isinstance(node, (m.AttributeIs, m.MeasureIs)):
            self.attribute(node, node.party, node.name, isinstance(node, m.AttributeIs))
        elif isinstance(node, (m.DateGap, m.SameWindow)):
            for name in (node.first, node.second):
                self.name(node, "fact", name, f"unknown fact `{name}`: only the dates of facts "
                          "are compared")

    def name(self, node, kind: str, name: str, message: str | None = None,
             also: str | None = None):
        """Report ``name`` unless it is a term of ``kind`` (or, where a condition may name
        either, of ``also``)."""
        terms = self.vocab.terms[kind]
        if name not in terms:
            known = [*terms, *self.vocab.terms[also]] if also else terms
            other = next((other for other in _CONDITION_SUBJECTS if other != kind and
                          name in self.vocab.terms[other]), None) if kind == "fact" else None
            help = f"`{name}` is a {other}: write `{other} is {name}`" if other else \
                did_you_mean(name, known) or f"define it, e.g. `{kind} {name} \"...\".`"
            self.report(node, message or f"unknown {kind}{' or ' + also if also else ''} "
                        f"`{name}`", help, word=name, code="unknown-name")

    def unit(self, quantity: m.Quantity) -> m.Unit | None:
        unit = self.vocab.unit_names.get(quantity.unit)
        said = underscored(number(quantity.amount), quantity.unit) if unit is None else None
        if said is not None:  # `per 1_000`: the number `1` of a unit `_000`
            self.report(quantity, *said, code="syntax")
        elif unit is None:
            self.report(quantity, f"unknown unit `{quantity.unit}`",
                        did_you_mean(quantity.unit, self.vocab.unit_names) or
                        f"define it, e.g. `unit {quantity.unit} \"...\".`", word=quantity.unit,
                        code="unknown-name")
        return unit

    def money(self, quantity: m.Quantity, what: str = "a price"):
        unit = self.unit(quantity)
        if unit is not None and not is_money(unit):
            self.report(quantity, f"{what} must be an amount of money, not `{unit.name}`",
                        "declare a money unit, e.g. `unit USD \"US dollars\" measures money.`",
                        code="price-not-money")

    def earning(self, tier: m.Tier):
        """What earns a tier: an amount of money more than nothing."""
        quantity = tier.earning.quantity
        self.money(quantity, "what earns a tier")
        if quantity.amount == 0:
            self.report(quantity, f"tier `{tier.name}` earned by paying at least `0 "
                        f"{quantity.unit}` is earned by every licensee",
                        f"write the amount the text requires, e.g. `at least 5 {quantity.unit} "
                        "in total`, or leave out `earned by`", code="bad-number")

    def spent(self, quantity: m.Quantity) -> bool:
        """Whether an allowance is in money (what the usage may spend)."""
        unit = self.vocab.unit_names.get(quantity.unit)
        return unit is not None and is_money(unit)

    def counted(self, quantity: m.Quantity, what: str = "a limit counts things"):
        unit = self.unit(quantity)
        if unit is not None and is_money(unit):
            self.report(quantity, f"{what}, not money (`{unit.name}`)",
                        "use a counted unit such as `posts` or `requests`",
                        code="limit-in-money")
        if unit is not None and not isinstance(quantity.amount, int):
            written = str(quantity.amount)
            help = f"count whole {unit.name}, e.g. `{int(quantity.amount) or 1} {quantity.unit}`"
            if re.fullmatch(r"\d{1,3}\.\d{3}", written):  # `1.000`: a thousands separator
                help = f"thousands are separated by a comma: write `{written.replace('.', ',')}`"
            self.report(quantity, f"`{written}` is not a whole number of {unit.name}", help,
                        code="fractional-count")


# The kinds of term a condition names with `KIND is NAME`.
_CONDITION_SUBJECTS = ("purpose", "recipient", "action", "data")


def _heading(doc: m.Document):
    """Where a file says what it holds: its `agreement` or `schedule` line (else the file)."""
    return next((h for h in doc.headers if isinstance(h, m.Heading)), doc)


def _title_meant(title: str | None, titles: set[str]) -> str | None:
    """The title of an agreement read that a schedule's `for` misspells (a letter's case, a
    letter left out), or None: where it names one read, or none alike, it is no slip."""
    if title is None or title in titles:
        return None
    folded = {" ".join(t.casefold().split()): t for t in titles}
    best = difflib.get_close_matches(" ".join(title.casefold().split()), folded, n=1,
                                     cutoff=0.9)  # (not another agreement's title, alike)
    return folded[best[0]] if best else None


def _path(graph: dict[str, set[str]], start: str, goal: str) -> list[str] | None:
    """The titles from ``start`` through what each incorporates to ``goal`` (None: none)."""
    paths, seen = [[start]], {start}
    while paths:
        path = paths.pop(0)
        if path[-1] == goal:
            return path
        for title in sorted(graph.get(path[-1], ())):
            if title not in seen:
                seen.add(title)
                paths.append(path + [title])
    return None


def _days(count: int) -> str:
    """A count of days as the language writes it: `1 day`, `2 days`."""
    return f"{count} day" if count == 1 else f"{count} days"


def _from_termination(deadline) -> bool:
    """Whether a deadline is counted from termination, so that it falls due only after it:
    termination alone, or the later of it and other events (the earlier of it and a fact may
    come before it, when the fact does)."""
    event = getattr(deadline, "event", None)
    return isinstance(event, m.Event) and m.TERMINATION in event.names and \
        event.pick != "earlier"


def _repeated(names) -> list[str]:
    """The names a list holds more than once, each once, in the order written."""
    return [name for name, count in Counter(names).items() if count > 1]


def _second(node, kind: str, name: str) -> m.Span | None:
    """Where a statement writes a name of ``kind`` the second time (None: the statement)."""
    spans = [ref.span for ref in getattr(node, "refs", ()) if ref.kind == kind
             and ref.name == name and ref.span is not None]
    return spans[1] if len(spans) > 1 else None


def _cycle_text(cycle: list[str]) -> str:
    """`a → b → a`; a long cycle by its first names and its length."""
    if len(cycle) <= 8:
        return " → ".join([*cycle, cycle[0]])
    return " → ".join(cycle[:8]) + f" → … → {cycle[0]} ({len(cycle)} terms)"


def check(agreement: m.Agreement) -> list[Diagnostic]:
    """Every semantic problem in ``agreement``, sorted by file and line."""
    return _Checker(agreement).run()
