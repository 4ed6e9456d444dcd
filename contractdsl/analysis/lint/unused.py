"""CD107: a term, fact, duty or unit defined and never used."""

from __future__ import annotations

from ... import model as m
from .finding import Rule

RULE = Rule("CD107", "unused-definition", "a term, fact, duty or unit defined and never used")


def used(documents) -> dict[str, set[str]]:
    """The names, by kind, that the clauses, tiers, apps and definitions of ``documents`` use;
    units by the names written (aliases too)."""
    names: dict[str, set[str]] = {kind: set() for kind in (*m.TERM_CLASSES, "unit")}
    for doc in documents:
        for clause in doc.clauses:
            for ref in clause.refs:
                # `before X` names an action, an act or a fact; a condition, a fact or a
                # standard; what a rule says is done, an action or an act
                for kind in {"event": ("action", "act", "fact"), "fact": ("fact", "standard"),
                             "action": ("action", "act")}.get(ref.kind, (ref.kind,)):
                    if kind in names:
                        names[kind].add(ref.name)
        for tier in doc.tiers:
            if tier.price is not None:
                names["unit"].add(tier.price.quantity.unit)
            for allowance in tier.allowances:
                names["action"].add(allowance.action)
                names["act"].add(allowance.action)
                names["unit"].add(allowance.quantity.unit)
        for app in doc.apps:
            names["purpose"].update(app.approved)
            names["recipient"].update(app.serving)
        for term in doc.terms:
            if isinstance(term, m.Duty) and term.shown_by:  # a fact, or an act
                names["fact"].add(term.shown_by)
                names["act"].add(term.shown_by)
        for value in doc.values:  # what a file states of its licensee
            names["attribute" if isinstance(value.value, bool) else "measure"].add(value.name)
        names["fact"].update(stated.name for stated in doc.dated)
    return names


# A usage that names no action is taken to `use` (or, with recipients, to `share`) the data.
DEFAULT_ACTIONS = ("use", "share")


def _unused(symbols, names, kind: str, name: str) -> bool:
    if kind == "unit":
        unit = symbols.units.get(name)
        return unit is not None and not any(symbols.unit_of(n) == unit.name
                                            for n in names["unit"])
    if (kind == "data" and name == symbols.data_root) or \
            (kind == "action" and name in DEFAULT_ACTIONS):
        return False
    hierarchy = symbols.hierarchies[kind]
    return not any(hierarchy.under(name, n) or hierarchy.under(n, name) for n in names[kind])


def check(linted):
    groups = []
    for symbols in linted.program.symbols:  # a version, with what is read with it
        groups.append((symbols.documents, symbols, used(symbols.documents)))
    for doc in linted.agreement.documents:
        mine = [(symbols, names) for docs, symbols, names in groups if doc in docs]
        if not mine:
            continue
        for item, kind in ([(t, t.kind) for t in doc.terms] + [(u, "unit") for u in doc.units]):
            if not all(_unused(symbols, names, kind, item.name) for symbols, names in mine):
                continue
            what = "it or a term above or below it" if kind in ("purpose", "recipient", "data",
                                                                "action", "act") else "it"
            yield linted.finding(
                RULE, f"{kind} `{item.name}` is defined but never used: no clause, tier or app "
                f"names {what}", item.name_span or item.span, (),
                f"remove the definition of `{item.name}`, or use it in a clause")
