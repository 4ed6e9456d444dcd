"""The evaluator that the IR evaluator replaced, kept only as the oracle of tests/test_oracle.py."""

from __future__ import annotations

import datetime as _dt
import gc
from bisect import bisect_right
from fractions import Fraction

import attrs

from contractdsl import model as m
from contractdsl.checker import check
from contractdsl.semantics.symbols import SymbolTable as Vocabulary
from contractdsl.decision import (DENIED, PERMITTED, SEVERITY, UNDETERMINED, Decision, Duty, Part,
                       Reason)
from contractdsl.errors import AgreementError, UsageError
# unchanged by the rewrite, so shared with it: the arithmetic of windows, and the joining of parts
from contractdsl.evaluation.arithmetic import count_windows, rate_ratio
from contractdsl.evaluation.explain import _coalesce
from contractdsl.prose.phrase import Joined, Phrase, phrase
from contractdsl.usage import Usage, Volume, as_usage, usage_problem, validate

DAY = _dt.timedelta(days=1)


# ---- compiled agreement -------------------------------------------------------------------


class _Limit:
    """A limit clause or a tier allowance, in one shape."""

    __slots__ = ("id", "title", "action", "amount", "num", "den", "unit", "window", "scope",
                 "clause", "stated_unit", "_text")

    def __init__(self, ident, title, action, quantity, window, scope, clause, unit):
        self.id, self.title, self.action = ident, title, action
        self.amount = Fraction(quantity.amount)
        self.num, self.den = self.amount.numerator, self.amount.denominator
        self.unit, self.stated_unit = unit, quantity.unit
        self.window, self.scope, self.clause = window, scope, clause
        self._text = None

    @property
    def text(self):
        """The limit in words: "no more than 450 requests per 15 minutes per app"."""
        if self._text is None:
            self._text = phrase("why.limit", amount=self.amount, unit=self.stated_unit,
                                window=self.window,
                                scope=phrase(f"scope.{self.scope}") if self.scope else "")
        return self._text

    def cited(self):
        """How a missing fact names the limit: "clause DP-3.6", or "tier pro"."""
        return self.id if self.id.startswith("tier ") else phrase("clause_ref", ids=self.id)


class CompiledVersion:
    """One version of an agreement with its schedules, indexed for evaluation."""

    def __init__(self, agreement: m.Agreement, version: m.Document):
        schedules = [s for s in agreement.schedules if s.schedule_for == version.title]
        self.document = version
        self.start, self.end = agreement.version_bounds(version)
        self.vocab = Vocabulary([version, *schedules])
        self.ancestors = {kind: _ancestors(terms) for kind, terms in self.vocab.terms.items()}
        roots = [n for n, t in self.vocab.terms["data"].items() if t.parent is None]
        self.data_root = roots[0] if len(roots) == 1 else None
        self.default_action = "use" if "use" in self.vocab.terms["action"] else None
        # A usage is the licensee's: clauses that bind the licensor do not decide it.
        clauses = [c for c in version.clauses if c.party == "licensee"]
        self.permissions = [c for c in clauses if isinstance(c, m.Permission)]
        self.prohibitions = [c for c in clauses if isinstance(c, m.Prohibition)]
        self.obligations = [c for c in clauses if isinstance(c, m.Obligation)]
        self._by_action: dict[str, tuple[list, list]] = {}
        self.limits = [_Limit(c.id, c.title, c.action, c.quantity, c.window, c.scope, c,
                              self.unit_of(c.quantity.unit))
                       for c in clauses if isinstance(c, m.Limit)]
        # Who excepts whom: prohibition/limit id -> permissions that lift it.
        self.excepted_by: dict[str, list[m.Permission]] = {}
        by_id = {c.id: c for c in clauses}
        for clause in clauses:
            if isinstance(clause, (m.Prohibition, m.Limit)):
                for ident in clause.exceptions:
                    if isinstance(by_id.get(ident), m.Permission):
                        self.excepted_by.setdefault(clause.id, []).append(by_id[ident])
            if isinstance(clause, m.Permission):
                for ident in clause.notwithstanding:
                    self.excepted_by.setdefault(ident, []).append(clause)
        # In an order of their own, so the reasons do not depend on the order of the clauses.
        self.excepted_by = {ident: sorted({p.id: p for p in found}.values(), key=lambda p: p.id)
                            for ident, found in self.excepted_by.items()}
        self.tier_limits = {
            tier.name: (tier, [_Limit(f"tier {tier.name}", tier.title, a.action, a.quantity,
                                      a.window, a.scope, tier, self.unit_of(a.quantity.unit))
                               for a in tier.allowances])
            for tier in self.vocab.tiers.values()}

    def for_action(self, action: str) -> tuple[list, list]:
        """The permissions and prohibitions whose action covers ``action`` (an index)."""
        found = self._by_action.get(action)
        if found is None:
            covering = self.ancestors["action"].get(action, frozenset((action,)))
            found = ([c for c in self.permissions if c.activity.action in covering],
                     [c for c in self.prohibitions if c.activity.action in covering])
            self._by_action[action] = found
        return found

    def unit_of(self, name: str) -> str:
        unit = self.vocab.unit_names.get(name)
        return unit.name if unit else name

    def under(self, kind: str, name: str | None, ancestor: str) -> bool:
        """Whether ``name`` is ``ancestor`` or falls under it in the ``kind`` hierarchy."""
        if name is None:
            return False
        return ancestor in self.ancestors[kind].get(name, (name,))

    def describe(self, kind: str, name: str) -> str:
        """What the agreement calls a name: a term's description, an app's or a tier's title."""
        if kind in ("app", "tier"):
            named = (self.vocab.apps if kind == "app" else self.vocab.tiers).get(name)
            return named.title if named else name
        term = self.vocab.terms[kind].get(name)
        return term.description if term else name


def _ancestors(terms: dict[str, m.Term]) -> dict[str, frozenset[str]]:
    out = {}
    for name in terms:
        seen, node = [name], terms[name]
        while node.parent is not None and node.parent in terms and node.parent not in seen:
            seen.append(node.parent)
            node = terms[node.parent]
        out[name] = frozenset(seen)
    return out


class CompiledAgreement:
    """An agreement compiled once: versions indexed, change dates precomputed."""

    def __init__(self, agreement: m.Agreement):
        problems = [d for d in check(agreement) if d.severity == "error"]
        if problems:
            raise AgreementError(f"{len(problems)} error(s) in the agreement", problems)
        self.agreement = agreement
        self.versions = [CompiledVersion(agreement, v) for v in agreement.versions]
        if not self.versions:
            raise AgreementError("there is no agreement text to judge a usage by, only schedules")
        changes: set[_dt.date] = set()
        for version in self.versions:
            if version.start:
                changes.add(version.start)
            if version.end:
                changes.add(version.end + DAY)
            for clause in version.document.clauses:
                changes.update(_window_changes(clause.valid_from, clause.valid_until))
                for cond in (clause.when, clause.unless):
                    for node in (cond.walk() if cond is not None else ()):
                        if isinstance(node, (m.DateBefore, m.DateFrom)):
                            changes.add(node.date)
                if clause.survives and version.document.terminates:
                    changes.add(clause.survives.after(_midnight(version.document.terminates))
                                .date() + DAY)
            for tier in version.vocab.tiers.values():
                changes.update(_window_changes(tier.valid_from, tier.valid_until))
        self.changes = sorted(changes)
        # One table per stretch of time between two changes: usage terms -> _Row.
        self._rows: list[dict] = [{} for _ in range(len(self.changes) + 1)]

    def decide(self, usage: Usage) -> Decision:
        """The decision on a usage; its reasons are put into words when first read."""
        start, end = usage.start, usage.end
        index = bisect_right(self.changes, start)
        if start != end and bisect_right(self.changes, end) != index:
            return self.explain(usage)  # the period straddles a change: judged in parts
        row = self._rows[index].get(usage.key)
        if row is None:
            row = self.row(index, usage, start, end)
        outcome = row.outcome
        if row.dynamic:
            outcome = _Tally(row, usage, start, end, False).run()
        return Decision.deferred(outcome, usage, self.explain)

    def explain(self, usage: Usage) -> Decision:
        """The decision on a usage with every reason, duty and missing fact in words."""
        judged, problems = [], []
        for start, end in self.parts(usage.start, usage.end):
            try:
                row = self.row(bisect_right(self.changes, start), usage, start, end)
            except UsageError as err:
                problems.extend(d for d in err.diagnostics if d not in problems)
                continue
            judged.append((start, end, row))
        if problems:
            raise UsageError(problems[0].message, problems)
        results = []  # per part: (part, outcome, reasons, duties, missing)
        for start, end, row in judged:
            version = row.version.document.version if row.version else None
            tally = _Tally(row, usage, start, end, True)
            outcome = tally.run()
            results.append((Part(start=start, end=end, version=version), outcome,
                            row.reasons + tuple(tally.reasons), tally.duties, tally.missing))
        outcome, reasons, duties, missing = PERMITTED, [], [], []
        for part, part_outcome, part_reasons, part_duties, part_missing in _coalesce(results):
            if SEVERITY[part_outcome] > SEVERITY[outcome]:
                outcome = part_outcome
            reasons.extend(attrs.evolve(r, part=part) for r in part_reasons)
            duties.extend(d for d in part_duties if d not in duties)
            missing.extend(x for x in part_missing if x not in missing)
        return Decision(outcome=outcome, reasons=tuple(reasons), obligations=tuple(duties),
                        missing=tuple(missing), usage=usage)

    def row(self, index: int, usage: Usage, start: _dt.date, end: _dt.date) -> "_Row":
        """What the usage's terms decide in the stretch of time ``index`` (from ``start`` to
        ``end``, within it): looked up, or judged once and kept."""
        table = self._rows[index]
        row = table.get(usage.key)
        if row is not None:
            return row
        version = self.version_at(start) or self.surviving_at(start)
        if version is None:
            row = _Row(DENIED, [_reason("", "not-in-force", phrase("why.no_version"))])
        else:
            problems = validate(usage, version.vocab)
            if problems:
                raise UsageError(problems[0].message, problems)
            action = usage.action or _default_action(version, usage)
            data = usage.data or version.data_root
            if data is None:
                kinds = ", ".join(f"`{n}`" for n, t in version.vocab.terms["data"].items()
                                  if t.parent is None)
                raise usage_problem(usage, ("data",), "the usage does not say which data it "
                                    "uses, and the agreement has several kinds",
                                    f"add `data:` with one of {kinds}")
            judge = _Judge(version, usage, start, end, action, data)
            if version.end is not None and start > version.end:
                judge.surviving = True
                judge.reason("", "not-in-force", phrase("why.terminated", date=version.end))
                judge.worsen(DENIED)
            judge.run()
            row = _Row(judge.outcome, judge.reasons, judge.limits, judge.pending, version, action)
        if len(table) >= _ROWS_PER_STRETCH:
            table.clear()
        table[usage.key] = row
        return row

    def version_at(self, day: _dt.date) -> CompiledVersion | None:
        for version in reversed(self.versions):
            if (version.start is None or version.start <= day) and (
                    version.end is None or day <= version.end):
                return version
        return None

    def surviving_at(self, day: _dt.date) -> CompiledVersion | None:
        """The last terminated version, if some of its clauses survive to ``day``."""
        for version in reversed(self.versions):
            end = version.document.terminates
            if end is not None and end < day:
                return version
        return None

    def parts(self, start: _dt.date, end: _dt.date) -> list[tuple[_dt.date, _dt.date]]:
        cuts = [d for d in self.changes if start < d <= end]
        bounds = [start, *cuts]
        return [(a, (bounds[i + 1] - DAY) if i + 1 < len(bounds) else end)
                for i, a in enumerate(bounds)]


_ROWS_PER_STRETCH = 8192  # distinct usage terms kept per stretch of time


def _window_changes(start, until):
    out = []
    if start:
        out.append(start)
    if until:
        out.append(until + DAY)
    return out


def _midnight(day: _dt.date) -> _dt.datetime:
    return _dt.datetime(day.year, day.month, day.day)


_COMPILED_BY_ID: dict[int, tuple[m.Agreement, CompiledAgreement]] = {}


def compile_agreement(agreement: m.Agreement) -> CompiledAgreement:
    """Compile an agreement once; later calls with the same object reuse the result."""
    if isinstance(agreement, CompiledAgreement):
        return agreement
    cached = _COMPILED_BY_ID.get(id(agreement))
    if cached is not None and cached[0] is agreement:
        return cached[1]
    compiled = CompiledAgreement(agreement)
    if len(_COMPILED_BY_ID) > 64:
        _COMPILED_BY_ID.clear()
    _COMPILED_BY_ID[id(agreement)] = (agreement, compiled)
    return compiled


# ---- evaluation: what the usage's terms decide --------------------------------------------


class _Account:
    """The outcome so far and the reasons given for it: what both passes keep."""

    __slots__ = ()

    def worsen(self, outcome: str):
        if SEVERITY[outcome] > SEVERITY[self.outcome]:
            self.outcome = outcome

    def reason(self, clause, effect: str, text: str):
        self.reasons.append(_reason(clause, effect, text))


class _Judge(_Account):
    """Judges what a usage's terms decide under one version: which permissions, prohibitions,
    limits and duties apply. Everything here depends only on the usage's names (app, action,
    data, purpose, recipients, tier, facts) and on the stretch of time, so its result is kept
    in a table and reused; amounts and dates are judged by :class:`_Tally`."""

    def __init__(self, version: CompiledVersion, usage: Usage, start: _dt.date, end: _dt.date,
                 action: str | None, data: str | None):
        self.v, self.u = version, usage
        self.start, self.end = start, end
        self.action, self.data = action, data
        self.facts = usage.fact_names()
        self.app = version.vocab.apps.get(usage.app) if usage.app else None
        anc = version.ancestors
        self.action_anc = anc["action"].get(action, frozenset((action,)))
        self.data_anc = anc["data"].get(data, frozenset((data,)))
        self.purpose_anc = anc["purpose"].get(usage.purpose, frozenset((usage.purpose,))) \
            if usage.purpose else frozenset()
        self.recipient_ancs = [anc["recipient"].get(r, frozenset((r,))) for r in usage.recipients]
        approved = self.app.approved if self.app else ()
        self.approved_ok = bool(self.purpose_anc.intersection(approved))
        self.reasons: list[Reason] = []
        self.outcome = PERMITTED
        self.applicable: dict[str, m.Permission] = {}
        self.limits: list[_Limit] = []
        self.pending: list[tuple] = []

    surviving = False  # True after the agreement terminated: only surviving clauses count

    def in_force(self, clause) -> bool:
        if self.surviving:
            ends = self.v.document.terminates
            if clause.survives is None or ends is None or \
                    self.end > clause.survives.after(_midnight(ends)).date():
                return False
        return ((clause.valid_from is None or clause.valid_from <= self.start) and
                (clause.valid_until is None or self.end <= clause.valid_until))

    # -- matching ---------------------------------------------------------------------------
    def why_not(self, permission: m.Permission) -> Phrase | None:
        """Why a permission whose action covers the usage's does not permit it, in words (the
        first mismatch of its activity, or the condition that stops it); None if it does."""
        v, u, activity = self.v, self.u, permission.activity
        if activity.data is not None and not v.under("data", self.data, activity.data):
            return phrase("why.data_not", data=_name(self.data),
                          wanted=self.quoted("data", [activity.data]))
        if activity.purposes and not any(v.under("purpose", u.purpose, p)
                                         for p in activity.purposes):
            return self.unstated("purpose") or phrase(
                "why.purpose_not", purpose=_name(u.purpose),
                wanted=self.quoted("purpose", activity.purposes))
        if activity.approved_purpose:
            failure = self.approved()
            if failure:
                return failure
        if activity.recipients:
            wanted = self.quoted("recipient", activity.recipients)
            if not u.recipients:
                return phrase("why.no_recipient_named", wanted=wanted)
            outside = [r for r in u.recipients
                       if not any(v.under("recipient", r, a) for a in activity.recipients)]
            if outside:
                return phrase("why.recipient_not", recipient=_name(outside[0]), wanted=wanted)
        return self.guards(permission)

    def quoted(self, kind: str, names) -> Joined:
        """What a clause names, in the agreement's words (its terms' descriptions, its apps' and
        tiers' titles), quoted: “a” or “b”."""
        return Joined((phrase("why.quoted", text=self.v.describe(kind, n)) for n in names), "or")

    def approved(self) -> Phrase | None:
        u = self.u
        if self.app is None:
            return phrase("why.no_app")
        if u.purpose is not None and any(self.v.under("purpose", u.purpose, p)
                                         for p in self.app.approved):
            return None
        return self.unstated("purpose") or phrase(
            "why.not_approved", purpose=_name(u.purpose), app=_name(self.app.name),
            approved=_names(self.app.approved))

    def unstated(self, field: str) -> Phrase | None:
        """When the usage does not name its app or purpose: the words that say so."""
        return phrase(f"why.unstated.{field}") if getattr(self.u, field) is None else None

    def condition(self, cond: m.Condition) -> tuple[bool, Phrase]:
        """Whether a condition holds for the usage, and why, with the usage's own values."""
        v, u = self.v, self.u
        about = "app" if isinstance(cond, (m.AppLabelled, m.AppServes)) else \
            getattr(cond, "subject", None)
        if about in ("app", "purpose") and getattr(u, about) is None:
            return False, self.unstated(about)
        if isinstance(cond, m.TermIs):
            wanted = self.quoted(cond.subject, [cond.name])
            if cond.subject == "app":
                return _holds("why.app", u.app == cond.name, app=_name(u.app), name=wanted)
            if cond.subject == "recipient":
                ok = any(v.under("recipient", r, cond.name) for r in u.recipients)
                return _holds("why.recipient", ok, names=_names(u.recipients), wanted=wanted)
            value = {"purpose": u.purpose, "action": self.action, "data": self.data}[cond.subject]
            return _holds(f"why.{cond.subject}", v.under(cond.subject, value, cond.name),
                          value=_name(value), name=wanted)
        if isinstance(cond, m.PurposeApproved):
            failure = self.approved()
            return failure is None, failure or phrase(
                "why.approved", purpose=_name(u.purpose), app=_name(u.app))
        if isinstance(cond, m.Subscribed):
            return _holds("why.subscribed", u.tier is not None, tier=_name(u.tier))
        if isinstance(cond, m.TierIs):
            if u.tier is None:
                return _holds("why.subscribed", False)
            return _holds("why.tier", u.tier == cond.name, tier=_name(u.tier),
                          name=self.quoted("tier", [cond.name]))
        if isinstance(cond, m.DateBefore):
            return _holds("why.date_before", self.end < cond.date, date=cond.date)
        if isinstance(cond, m.DateFrom):
            return _holds("why.date_from", self.start >= cond.date, date=cond.date)
        if isinstance(cond, m.AppLabelled):
            ok = self.app is not None and cond.label in self.app.labels
            return _holds("why.labelled", ok, app=_name(u.app), label=_name(cond.label))
        if isinstance(cond, m.AppServes):
            ok = self.app is not None and any(v.under("recipient", s, cond.recipient)
                                              for s in self.app.serving)
            return _holds("why.serves", ok, app=_name(u.app),
                          recipient=self.quoted("recipient", [cond.recipient]))
        if isinstance(cond, m.FactHolds):
            return _holds("why.fact", cond.name in self.facts, fact=_name(cond.name))
        if isinstance(cond, m.Not):
            ok, text = self.condition(cond.operand)
            return not ok, text
        if isinstance(cond, (m.All, m.Any)):
            results = [self.condition(op) for op in cond.operands]
            if isinstance(cond, m.All):
                ok = all(r for r, _ in results)
                shown = [t for r, t in results if r or ok] if ok else [t for r, t in results if not r]
            else:
                ok = any(r for r, _ in results)
                shown = [t for r, t in results if r] if ok else [t for _, t in results]
            return ok, phrase("why.each", items=Joined(shown, "semicolon"))
        raise TypeError(f"unknown condition {cond!r}")

    def guards(self, clause) -> Phrase | None:
        """None when the clause's `when`/`unless` let it apply, else why not."""
        if clause.when is not None:
            ok, text = self.condition(clause.when)
            if not ok:
                return text
        if clause.unless is not None:
            ok, text = self.condition(clause.unless)
            if ok:
                return text
        return None

    def covers(self, activity: m.Activity, every_recipient: bool) -> bool:
        """Whether the activity covers the usage: the fast test behind :meth:`why_not`."""
        if activity.action not in self.action_anc:
            return False
        if activity.data is not None and activity.data not in self.data_anc:
            return False
        if activity.purposes and self.purpose_anc.isdisjoint(activity.purposes):
            return False
        if activity.approved_purpose and not self.approved_ok:
            return False
        if activity.recipients:
            hits = [not a.isdisjoint(activity.recipients) for a in self.recipient_ancs]
            if every_recipient:
                return bool(hits) and all(hits)
            return any(hits)
        return True

    # -- the rules --------------------------------------------------------------------------
    def run(self):
        v = self.v
        applicable = self.applicable
        permissions, prohibitions = v.for_action(self.action)
        for permission in permissions:
            if self.in_force(permission) and self.covers(permission.activity, True) and \
                    self.guards(permission) is None:
                applicable[permission.id] = permission
        for permission in applicable.values():
            self.reason(permission, "permits", self.permits_text(permission))
        if not applicable:
            self.worsen(DENIED)
            failures = [(p, self.why_not(p)) for p in v.permissions
                        if self.in_force(p) and p.activity.action in self.action_anc]
            for permission, why_not in failures:
                self.reason(permission, "no-permission",
                            phrase("why.does_not_permit", why=why_not))
            if not failures:
                self.reason("", "no-permission",
                            phrase("why.no_clause_permits", action=_name(self.action)))
        for prohibition in prohibitions:
            if self.in_force(prohibition) and self.covers(prohibition.activity, False) and \
                    self.guards(prohibition) is None:
                self.prohibited(prohibition)
        self.find_limits()
        self.find_obligations()

    def permits_text(self, permission: m.Permission) -> Phrase:
        u = self.u
        return phrase("why.says.permits", what=phrase(
            "why.permitted", action=_name(self.action), data=_name(self.data),
            purpose=phrase("why.permits.for", purpose=_name(u.purpose)) if u.purpose else "",
            approved=phrase("why.permits.approved", app=_name(u.app))
            if permission.activity.approved_purpose else "",
            recipients=phrase("why.permits.with", names=_names(u.recipients))
            if u.recipients else ""))

    def lifted_by(self, clause_id: str) -> Phrase | None:
        """Which applicable permissions are exceptions to the clause, in words, if any."""
        ids = [p.id for p in self.v.excepted_by.get(clause_id, ()) if p.id in self.applicable]
        if not ids:
            return None
        return phrase("why.exception" if len(ids) == 1 else "why.exceptions",
                      ids=Joined(ids, "and"))

    def prohibited(self, prohibition: m.Prohibition):
        text = self.prohibits_text(prohibition)
        exception = self.lifted_by(prohibition.id)
        if exception is not None:
            self.reason(prohibition, "excepted", phrase("why.but", rule=text, exception=exception))
            return
        self.worsen(DENIED)
        self.reason(prohibition, "prohibits", text)

    def prohibits_text(self, prohibition: m.Prohibition) -> Phrase:
        a, v, u = prohibition.activity, self.v, self.u
        data = purposes = recipients = when = unless = ""
        if a.data is not None and a.data != v.data_root:
            data = phrase("why.prohibits.data", data=v.describe("data", a.data))
        if a.purposes:
            purposes = phrase("why.prohibits.for", purpose=_name(u.purpose), wanted=Joined(
                (v.describe("purpose", p) for p in a.purposes), "or"))
        if a.recipients:
            hit = [r for r in u.recipients if any(v.under("recipient", r, x) for x in a.recipients)]
            recipients = phrase("why.prohibits.with", recipient=_name(hit[0]), wanted=Joined(
                (v.describe("recipient", x) for x in a.recipients), "or"))
        if prohibition.when is not None:
            when = phrase("why.prohibits.when", condition=self.condition(prohibition.when)[1])
        if prohibition.unless is not None:
            unless = phrase("why.prohibits.unless",
                            condition=self.condition(prohibition.unless)[1])
        return phrase("why.says.prohibits", what=phrase(
            "why.prohibited", action=v.describe("action", a.action), data=data,
            purposes=purposes, recipients=recipients, when=when, unless=unless))

    # -- limits and duties that apply (judged on amounts and dates by _Tally) ---------------
    def find_limits(self):
        for lim in self.v.limits:
            clause = lim.clause
            if not self.in_force(clause) or not self.v.under("action", self.action, lim.action):
                continue
            if self.guards(clause) is not None:
                continue
            exception = self.lifted_by(clause.id)
            if exception is not None:
                self.reason(clause, "excepted", phrase("why.limit_excepted", limit=lim.text,
                                                       exception=exception))
                continue
            self.limits.append(lim)
        if self.u.tier is not None and self.u.tier in self.v.tier_limits:
            tier, allowances = self.v.tier_limits[self.u.tier]
            if self.in_force(tier):
                self.limits.extend(a for a in allowances
                                   if self.v.under("action", self.action, a.action))

    def find_obligations(self):
        for clause in self.v.obligations:
            if self.in_force(clause) and self.guards(clause) is None:
                self.pending.append((clause, clause.duty, clause.deadline))
        for permission in self.applicable.values():
            for proviso in permission.provisos:
                if proviso.party == "licensee":
                    self.pending.append((permission, proviso.duty, proviso.deadline))


def _name(name) -> str:
    """A name from the usage or the agreement, as the reasons show it: in backticks."""
    return f"`{name}`"


def _names(names) -> Joined | Phrase:
    """Names in backticks, separated by commas; "none" when there are none."""
    return Joined(map(_name, names), "comma") if names else phrase("why.none")


def _holds(key: str, ok: bool, **values) -> tuple[bool, Phrase]:
    """Whether a condition holds, and the phrase that says so: ``key.is`` or ``key.is_not``."""
    return ok, phrase(f"{key}.is" if ok else f"{key}.is_not", **values)


def _reason(clause, effect: str, text: str) -> Reason:
    """A reason citing ``clause`` (a clause, a limit, or "" for the agreement as a whole)."""
    if isinstance(clause, str):
        return Reason(clause=clause, title=None, effect=effect, text=text)
    return Reason(clause=clause.id, title=clause.title, effect=effect, text=text)


class _Row:
    """What a usage's terms decide in one stretch of time: kept and reused for every usage
    with the same terms there."""

    __slots__ = ("outcome", "reasons", "limits", "pending", "version", "action", "dynamic")

    def __init__(self, outcome, reasons, limits=(), pending=(), version=None, action=None):
        self.outcome, self.reasons = outcome, tuple(reasons)
        self.limits, self.pending = tuple(limits), tuple(pending)
        self.version, self.action = version, action
        # Amounts and dates can only make a usage worse; a denied one needs no more work.
        self.dynamic = outcome != DENIED and bool(self.limits or self.pending)


# ---- evaluation: what the usage's amounts and dates decide --------------------------------


class _Tally(_Account):
    """Judges a usage's volumes against the limits that apply, and the deadlines of its duties.
    With ``words`` false it only finds the outcome; with ``words`` true it also says why."""

    __slots__ = ("row", "v", "u", "start", "end", "words", "outcome", "reasons", "duties",
                 "missing")

    def __init__(self, row: _Row, usage: Usage, start: _dt.date, end: _dt.date, words: bool):
        self.row, self.v, self.u = row, row.version, usage
        self.start, self.end, self.words = start, end, words
        self.outcome = row.outcome
        self.reasons: list[Reason] = []
        self.duties: list[Duty] = []
        self.missing: list[str] = []

    def run(self) -> str:
        words = self.words
        for lim in self.row.limits:
            self.limit(lim)
            if not words and self.outcome == DENIED:
                return DENIED
        for clause, duty, deadline in self.row.pending:
            self.obligation(clause, duty, deadline)
            if not words and self.outcome == DENIED:
                return DENIED
        return self.outcome

    def duty(self, clause, text: Phrase, deadline=None, status: str = "pending"):
        self.duties.append(Duty(clause=clause.id, title=clause.title, text=text,
                                deadline=deadline, status=status))

    # -- limits -----------------------------------------------------------------------------
    def limit(self, lim: _Limit):
        unit_of = self.v.unit_of
        volumes = [vol for vol in self.u.volume if unit_of(vol.unit) == lim.unit]
        if not volumes:
            if lim.num == 0:
                self.worsen(DENIED)
                if self.words:
                    self.reason(lim, "exceeds", phrase("why.zero_allowed", limit=lim.text,
                                                       action=_name(self.row.action)))
            elif self.words:
                self.duty(lim, lim.text)
            return
        for volume in volumes:
            if volume.is_rate:
                self.rate(lim, volume)
            else:
                self.total(lim, volume)

    def rate(self, lim: _Limit, volume: Volume):
        goal, source = rate_ratio(volume.per, lim.window, self.start, self.end)
        amount = volume.amount
        exceeded = amount.numerator * goal * lim.den > lim.num * source * amount.denominator
        if exceeded:
            self.worsen(DENIED)
        if not self.words:
            return
        text = phrase("why.rate", limit=lim.text, amount=amount, unit=volume.unit,
                      per=volume.per, converted=amount * goal / source, window=lim.window)
        if exceeded:
            self.reason(lim, "exceeds", text)
        else:
            self.reason(lim, "within", text)
            self.duty(lim, lim.text)

    def total(self, lim: _Limit, volume: Volume):
        start, end = volume.start or self.u.start, volume.end or self.u.end
        if start < self.start or end > self.end:
            # The total runs beyond this part: its share here is unknown (at most the total).
            windows = None
        else:
            windows = count_windows(lim.window, start, end)
        amount = volume.amount
        scaled = amount.numerator * lim.den  # the amount and the limit over one denominator
        if windows is not None and scaled > lim.num * windows * amount.denominator:
            verdict = DENIED
        elif scaled <= lim.num * amount.denominator:
            verdict = PERMITTED
        else:
            verdict = UNDETERMINED
        self.worsen(verdict)
        if not self.words:
            return
        stated = phrase("why.total", amount=amount, unit=volume.unit, start=start, end=end)
        window = lim.window
        if verdict == DENIED:
            self.reason(lim, "exceeds", phrase(
                "why.total.exceeds", limit=lim.text, total=stated, average=amount / windows,
                window=window, count=windows, windows=_windows(window, windows)))
        elif verdict == PERMITTED:
            self.reason(lim, "within", phrase("why.total.fits", limit=lim.text, total=stated,
                                              window=window))
            self.duty(lim, lim.text)
        else:
            self.reason(lim, "undetermined", phrase("why.total.may_exceed", limit=lim.text,
                                                    total=stated, window=window))
            self.missing.append(phrase("why.peak", unit=volume.unit, window=window,
                                       start=start, end=end, cited=lim.cited()))

    # -- obligations ------------------------------------------------------------------------
    def obligation(self, clause, duty_name: str, deadline):
        v, u, words = self.v, self.u, self.words
        duty = v.vocab.terms["duty"].get(duty_name)
        shown_by = duty.shown_by if isinstance(duty, m.Duty) else None
        due = None
        passed = False
        if isinstance(deadline, m.Within):
            if deadline.event not in u.fact_names():
                return  # not triggered
            trigger = u.fact_date(deadline.event)
            if trigger is not None:
                due = deadline.duration.after(_midnight(trigger))
                passed = _midnight(self.end) > due
        elif isinstance(deadline, m.Before):
            if deadline.event in v.vocab.terms["action"]:
                if not v.under("action", self.row.action, deadline.event):
                    return
                due, passed = u.start, True  # before the first such use
            else:
                trigger = u.fact_date(deadline.event)
                if trigger is not None:
                    due, passed = trigger, self.end >= trigger
        elif isinstance(deadline, m.By):
            due, passed = deadline.date, self.end > deadline.date
        met = shown_by is not None and shown_by in u.fact_names()
        if met and due is not None:
            shown = u.fact_date(shown_by)
            due_day = due.date() if isinstance(due, _dt.datetime) else due
            if shown is not None and shown > due_day:
                met = False
        breached = not met and passed and shown_by is not None
        if breached:
            self.worsen(DENIED)
        if not words:
            return
        text = phrase("why.duty", duty=duty.description if duty else duty_name,
                      deadline=_deadline(deadline, due))
        if met:
            self.duty(clause, text, due, "met")
            self.reason(clause, "met", phrase("why.met", fact=_name(shown_by), duty=text))
        elif breached:
            self.duty(clause, text, due, "breached")
            self.reason(clause, "breached", phrase("why.breached", fact=_name(shown_by),
                                                   duty=text))
        else:
            self.duty(clause, text, due)


def _deadline(deadline, due) -> Phrase | str:
    """A duty's deadline in words, with the day it falls on when the usage tells."""
    if isinstance(deadline, m.Within):
        return phrase("why.within", duration=deadline.duration, event=_name(deadline.event),
                      due=phrase("why.due_by", due=due) if due is not None else "")
    if isinstance(deadline, m.Before):
        return phrase("why.before", event=_name(deadline.event),
                      due=phrase("why.due_on", date=due) if due is not None else "")
    if isinstance(deadline, m.By):
        return phrase("why.by", date=deadline.date)
    return ""


def _windows(window: m.Window, count: int) -> Phrase:
    """What ``count`` limit windows are called: "calendar months", "days", "windows of 15
    minutes"."""
    plural = "" if count == 1 else "s"
    if window.calendar:
        return phrase(f"calendar.{window.unit}{plural}")
    if window.count == 1:
        return phrase(f"unit.{window.unit}{plural}")
    return phrase("why.windows_of", window=window)


# ---- entry points -------------------------------------------------------------------------


def permits(agreement, usage) -> Decision:
    """Decide whether ``usage`` is licensed under ``agreement``; see docs/semantics.md."""
    compiled = compile_agreement(agreement)
    return compiled.decide(usage if type(usage) is Usage else as_usage(usage))


def permits_many(agreement, usages) -> list[Decision]:
    """Decide many usages against one agreement, compiling it once."""
    decide = compile_agreement(agreement).decide
    # The decisions hold no reference cycles, so the cycle collector has nothing to find in
    # them; pausing it while they are made doubles the speed of a large batch.
    paused = gc.isenabled()
    gc.disable()
    try:
        return [decide(u if type(u) is Usage else as_usage(u)) for u in usages]
    finally:
        if paused:
            gc.enable()


def _default_action(version: CompiledVersion, usage: Usage) -> str | None:
    if usage.recipients and "share" in version.vocab.terms["action"]:
        return "share"
    return version.default_action
