"""Model to diagnostics: every semantic problem in an agreement, collected at once."""

from __future__ import annotations

import re

import attrs

from . import model as m
from .errors import Diagnostic, did_you_mean, source_line
from .semantics.symbols import SymbolTable


class _Checker:
    def __init__(self, agreement: m.Agreement):
        self.agreement = agreement
        self.diagnostics: list[Diagnostic] = []
        self.sources = {d.file: d.source for d in agreement.documents}

    def report(self, node, message: str, help: str | None = None, severity: str = "error",
               word: str | None = None):
        """Record a problem at ``node``; with ``word``, point at that word inside it."""
        span = getattr(node, "span", None) or m.Span()
        width = 1
        if span.end_line == span.line and span.end_column:
            width = max(span.end_column - span.column, 1)
        if isinstance(node, m.Clause):
            width = len(f"clause {node.id}")
        line_text = source_line(self.sources.get(span.file), span.line)
        if word and line_text:
            found = re.search(rf"(?<![\w.]){re.escape(word)}(?![\w])", line_text[span.column - 1:])
            if found:
                span = attrs.evolve(span, column=span.column + found.start())
                width = len(word)
        self.diagnostics.append(Diagnostic(
            file=span.file, line=span.line, column=span.column, message=message, help=help,
            severity=severity, source_line=source_line(self.sources.get(span.file), span.line),
            width=width))

    # -- entry ----------------------------------------------------------------------------
    def run(self) -> list[Diagnostic]:
        for doc in self.agreement.documents:
            self.check_duplicates(doc)
        self.check_versions()
        for version in self.agreement.versions:
            schedules = [s for s in self.agreement.schedules if s.schedule_for == version.title]
            self.check_version(version, schedules)
        for schedule in self.agreement.schedules:
            if not any(v.title == schedule.schedule_for for v in self.agreement.versions):
                self.report(schedule, f"schedule for `{schedule.schedule_for}` is read without "
                            "that agreement, so its names are not checked",
                            "check it together with the agreement file", severity="warning")
        return sorted(self.diagnostics, key=lambda d: (d.file, d.line, d.column, d.message))

    # -- per file -------------------------------------------------------------------------
    def check_duplicates(self, doc: m.Document):
        groups = [
            ("term", [(f"{t.kind} `{t.name}`", t) for t in doc.terms]),
            ("unit", [(f"unit `{n}`", u) for u in doc.units for n in (u.name, *u.aliases)]),
            ("app", [(f"app `{a.name}`", a) for a in doc.apps]),
            ("tier", [(f"tier `{t.name}`", t) for t in doc.tiers]),
            ("clause", [(f"clause `{c.id}`", c) for c in doc.clauses]),
        ]
        for _, items in groups:
            seen: dict[str, object] = {}
            for label, node in items:
                if label in seen:
                    first = getattr(seen[label], "span", None)
                    where = f" (first at line {first.line})" if first else ""
                    self.report(node, f"{label} is defined twice{where}",
                                "give each one its own name, or remove one")
                else:
                    seen[label] = node
        if doc.kind == "agreement" and not doc.title:
            self.report(doc, "the file has no `agreement` line",
                        'start it with e.g. `agreement "Developer Agreement" version "1".`')
        if doc.effective and doc.terminates and doc.terminates < doc.effective:
            self.report(doc, f"the agreement terminates on {doc.terminates}, before it takes "
                        f"effect on {doc.effective}")

    def check_versions(self):
        by_title: dict[str, list[m.Document]] = {}
        for version in self.agreement.versions:
            by_title.setdefault(version.title, []).append(version)
        for versions in by_title.values():
            for older, newer in zip(versions, versions[1:]):
                if older.effective is None or newer.effective is None:
                    self.report(newer, f"versions `{older.version}` and `{newer.version}` of "
                                f"`{newer.title}` both need an `effective` date to be ordered",
                                "add `effective YYYY-MM-DD.` to each version")
                elif older.effective == newer.effective or (
                        older.terminates and older.terminates >= newer.effective):
                    self.report(newer, f"version `{newer.version}` of `{newer.title}` overlaps "
                                f"version `{older.version}` (in force from {older.effective})",
                                "versions of one agreement must follow one another")
        if len(by_title) > 1:
            titles = ", ".join(f"`{t}`" for t in sorted(by_title))
            self.report(self.agreement.versions[-1],
                        f"the files hold different agreements ({titles})",
                        "load the versions and schedules of one agreement together",
                        severity="warning")

    # -- per version ----------------------------------------------------------------------
    def check_version(self, version: m.Document, schedules: list[m.Document]):
        vocab = SymbolTable([version, *schedules])
        self.vocab = vocab
        self.check_hierarchies(vocab)
        for doc in (version, *schedules):
            for term in doc.terms:
                if isinstance(term, m.Duty) and term.shown_by:
                    self.name(term, "fact", term.shown_by)
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
                    unit = self.unit(tier.price.quantity)
                    if unit is not None and unit.measures != "money":
                        self.report(tier.price.quantity, f"a price must be an amount of money, "
                                    f"not `{unit.name}`",
                                    "declare a money unit, e.g. `unit USD \"US dollars\" "
                                    "measures money.`")
                for allowance in tier.allowances:
                    self.name(allowance, "action", allowance.action)
                    self.counted(allowance.quantity)
            for clause in doc.clauses:
                self.check_clause(clause)

    def check_hierarchies(self, vocab: SymbolTable):
        for kind, terms in vocab.terms.items():
            for term in terms.values():
                if term.parent is None:
                    continue
                if term.parent not in terms:
                    self.report(term, f"{kind} `{term.name}` is under `{term.parent}`, which is "
                                f"not a {kind}", did_you_mean(term.parent, terms))
                    continue
                seen, node = [term.name], term
                while node.parent is not None and node.parent in terms:
                    if node.parent in seen:
                        if node.parent == term.name:
                            cycle = " → ".join([*seen, term.name])
                            self.report(term, f"{kind} hierarchy has a cycle: {cycle}",
                                        "a term cannot fall under itself")
                        break
                    seen.append(node.parent)
                    node = terms[node.parent]

    def check_window(self, node, start, end):
        if start and end and end < start:
            self.report(node, f"`until {end}` comes before `from {start}`",
                        "swap the dates, or correct one of them")

    def check_clause(self, clause: m.Clause):
        self.check_window(clause, clause.valid_from, clause.valid_until)
        if isinstance(clause, (m.Permission, m.Prohibition)):
            activity = clause.activity
            self.name(activity, "action", activity.action)
            if activity.data is not None:
                self.name(activity, "data", activity.data)
            for purpose in activity.purposes:
                self.name(activity, "purpose", purpose)
            for recipient in activity.recipients:
                self.name(activity, "recipient", recipient)
        if isinstance(clause, m.Permission):
            self.refs(clause, clause.notwithstanding, (m.Prohibition, m.Limit),
                      "notwithstanding", "a prohibition or a limit")
            for proviso in clause.provisos:
                self.name(proviso, "duty", proviso.duty)
                self.deadline(proviso, proviso.deadline)
        if isinstance(clause, (m.Prohibition, m.Limit)):
            self.refs(clause, clause.exceptions, (m.Permission,), "except as permitted by",
                      "a permission")
        if isinstance(clause, m.Limit):
            self.name(clause, "action", clause.action)
            self.counted(clause.quantity)
        if isinstance(clause, m.Obligation):
            self.name(clause, "duty", clause.duty)
            self.deadline(clause, clause.deadline)
        for condition in (clause.when, clause.unless):
            if condition is not None:
                for node in condition.walk():
                    self.condition(node)

    def refs(self, clause, ids, kinds, phrase, kind_words):
        for ident in ids:
            target = self.vocab.clauses.get(ident)
            if target is None:
                self.report(clause, f"clause `{clause.id}` says `{phrase} {ident}`, but there is "
                            f"no clause `{ident}`", did_you_mean(ident, self.vocab.clauses)
                            or f"define clause `{ident}`, or correct the id",
                            word=ident if ident != clause.id else None)
            elif not isinstance(target, kinds):
                # (a clause naming itself lands here too: it is never of the kind it names)
                self.report(clause, f"clause `{clause.id}` says `{phrase} {ident}`, but "
                            f"`{ident}` is a {target.kind}, not {kind_words}",
                            word=ident if ident != clause.id else None)

    def deadline(self, node, deadline):
        if isinstance(deadline, m.Within):
            self.name(deadline, "fact", deadline.event)
        elif isinstance(deadline, m.Before):
            if deadline.event not in self.vocab.terms["action"]:
                self.name(deadline, "fact", deadline.event,
                          f"`before {deadline.event}` names neither an action nor a fact")

    def condition(self, node):
        if isinstance(node, m.TermIs):
            if node.subject == "app":
                if node.name not in self.vocab.apps and self.agreement.schedules:
                    self.report(node, f"unknown app `{node.name}`",
                                did_you_mean(node.name, self.vocab.apps))
            else:
                self.name(node, node.subject, node.name)
        elif isinstance(node, m.TierIs):
            if node.name not in self.vocab.tiers:
                self.report(node, f"unknown tier `{node.name}`",
                            did_you_mean(node.name, self.vocab.tiers))
        elif isinstance(node, m.FactHolds):
            self.name(node, "fact", node.name)
        elif isinstance(node, m.AppServes):
            self.name(node, "recipient", node.recipient)

    def name(self, node, kind: str, name: str, message: str | None = None):
        terms = self.vocab.terms[kind]
        if name not in terms:
            self.report(node, message or f"unknown {kind} `{name}`",
                        did_you_mean(name, terms) or
                        f"define it, e.g. `{kind} {name} \"...\".`", word=name)

    def unit(self, quantity: m.Quantity) -> m.Unit | None:
        unit = self.vocab.unit_names.get(quantity.unit)
        if unit is None:
            self.report(quantity, f"unknown unit `{quantity.unit}`",
                        did_you_mean(quantity.unit, self.vocab.unit_names) or
                        f"define it, e.g. `unit {quantity.unit} \"...\".`", word=quantity.unit)
        return unit

    def counted(self, quantity: m.Quantity):
        unit = self.unit(quantity)
        if unit is not None and unit.measures == "money":
            self.report(quantity, f"a limit counts things, not money (`{unit.name}`)",
                        "use a counted unit such as `posts` or `requests`")
        if unit is not None and not isinstance(quantity.amount, int):
            self.report(quantity, f"`{quantity.amount}` is not a whole number of {unit.name}")


def check(agreement: m.Agreement) -> list[Diagnostic]:
    """Every semantic problem in ``agreement``, sorted by file and line."""
    return _Checker(agreement).run()
