"""A usage's decision in words: the evaluator's trace (events) and the IR to reasons, duties
and missing facts, as phrases. It never decides: every outcome comes from :mod:`.decide`."""

from __future__ import annotations

import attrs

from ..decision import (DENIED, PERMITTED, SEVERITY, UNDETERMINED, Decision, Discretion, Duty,
                        Part, Reason)
from ..errors import UsageError
from ..limits import MAX_OPEN_COMBINATIONS
from ..prose.phrase import Joined, Phrase, phrase
from ..semantics import ir
from ..usage import Usage
from .decide import (Tally, combinations, in_force_for, judge, meeting, open_questions,
                     outcomes_open, parts, reaches, with_answers)


def explain(program: ir.Program, usage: Usage) -> Decision:
    """The decision on a usage with every reason, duty and missing fact in words."""
    program = in_force_for(program, usage)
    open_ = open_questions(program, usage)
    if open_:
        return _explain_open(program, usage, open_)
    return _explain(program, usage)


def _explain_open(program: ir.Program, usage: Usage, open_: dict) -> Decision:
    """The decision on a usage that leaves open questions the rules about it ask (``open_``,
    from :func:`open_questions`): a standard it states no finding on, an attribute or measure
    of a party it does not state; decided under every answer."""
    questions = tuple(open_)
    count = combinations(open_)
    too_many = count > MAX_OPEN_COMBINATIONS
    # the first answer to every question (a standard not met, an attribute not had): it
    # refuses a usage with unknown names, and gives the licensor's rights (and every word,
    # when the answers all decide alike)
    first = (0,) * len(questions)
    first_said = _explain(program, with_answers(usage, open_, first))
    if too_many:
        said = dict.fromkeys(questions, phrase("why.question.too_many", count=count,
                                               most=MAX_OPEN_COMBINATIONS))
    else:
        outcomes = outcomes_open(program, usage, open_)
        if len(set(outcomes.values())) == 1:  # the same either way: said as it is
            return Decision(outcome=first_said.outcome, reasons=first_said.reasons,
                            obligations=first_said.obligations, missing=first_said.missing,
                            usage=usage, licensor=first_said.licensor)
        said = {}
        for at, question in enumerate(questions):
            answers = open_[question].answers
            alone = [outcomes[first[:at] + (pick,) + first[at + 1:]]
                     for pick in range(len(answers))]
            if len(set(alone)) > 1:
                said[question] = _turns(question, answers, alone)
            elif any(len({outcomes[chosen[:at] + (pick,) + chosen[at + 1:]]
                          for pick in range(len(answers))}) > 1 for chosen in outcomes):
                said[question] = phrase("why.standard.open_jointly")
            # else: this one changes nothing, whatever the others are answered
    reasons: dict[Reason, None] = {}
    missing: dict = {}
    spans = {index: Part(start=first_day, end=last, version=program.stretches[index].version)
             for index, first_day, last in parts(program, usage)}
    for question, then in said.items():
        clauses: list[str] = []
        for index, items in open_[question].reading:
            stretch = program.stretches[index]
            symbols = program.symbols[stretch.version_index]
            for item in items:
                if item.clause not in clauses:
                    clauses.append(item.clause)
                    text = then if too_many else _open_text(symbols, question, then)
                    reasons.update(dict.fromkeys(_located(program, stretch, [Reason(
                        clause=item.clause, title=item.title, effect="undetermined",
                        text=text, part=_asking(open_[question].reading, spans, index,
                                                  item.clause))])))
        cited = phrase("clause_refs" if len(clauses) > 1 else "clause_ref",
                       ids=Joined(clauses, "and"))
        if question[0] == "standard":
            missing[phrase("why.finding", standard=_name(question[1]), cited=cited)] = None
        else:
            missing[phrase(f"why.value.{question[0]}", name=_name(question[1]),
                           cited=cited)] = None
    return Decision(outcome=UNDETERMINED, reasons=tuple(reasons), obligations=(),
                    missing=tuple(missing), usage=usage, licensor=first_said.licensor)


def _turns(question: tuple, answers: tuple, outcomes: list) -> Phrase:
    """How the outcome turns on one open question, the others given their first answer."""
    said = [phrase(f"outcome.{o}.said") for o in outcomes]
    if question[0] == "standard":
        return phrase("why.standard.open", met=said[1], unmet=said[0])
    if answers[:2] == (False, True):
        if len(answers) == 2:
            return phrase("why.attribute.open", yes=said[1], no=said[0])
        answers, said = answers[2:], said[2:]  # a name both an attribute and a measure
    # a measure: its values in order, joined into ranges that decide alike
    ranges, start = [], 0
    for at in range(1, len(answers) + 1):
        if at == len(answers) or said[at] != said[start]:
            ranges.append(phrase("why.measure.case", outcome=said[start],
                                 range=_range(answers, start, at - 1)))
            start = at
    return phrase("why.measure.open", cases=Joined(ranges, "and"))


def _range(values: tuple, low: int, high: int) -> Phrase:
    """The values from ``values[low]`` to ``values[high]`` in words: every value tried is a
    threshold, or lies strictly between two (or below the lowest, above the highest)."""
    # (tried: 0 when below the lowest, each threshold, one between each two, one above)
    thresholds = values[0::2] if len(values) % 2 == 0 else values[1::2]
    lower = upper = None
    if low > 0:
        lower = ("at_least", values[low]) if values[low] in thresholds else \
            ("more_than", values[low - 1])
    if high < len(values) - 1:
        upper = ("at_most", values[high]) if values[high] in thresholds else \
            ("less_than", values[high + 1])
    if lower and upper:
        if lower == ("at_least", upper[1]):
            return phrase("why.range.exactly", value=upper[1])
        return phrase("why.range.between", low=phrase(f"why.range.{lower[0]}", value=lower[1]),
                      high=phrase(f"why.range.{upper[0]}", value=upper[1]))
    key, value = lower or upper
    return phrase(f"why.range.{key}", value=value)


def _open_text(symbols, question: tuple, then) -> Phrase:
    """What a clause asks that the usage leaves open, and how the outcome turns on it."""
    if question[0] == "standard":
        return phrase("why.standard", standard=_name(question[1]), then=then,
                      question=phrase("why.quoted", text=symbols.describe("standard",
                                                                          question[1])))
    return phrase(f"why.asks.{question[0]}", name=_name(question[1]), then=then,
                  question=_attribute_words(symbols, question[1]))


def _attribute_words(symbols, name: str) -> Phrase:
    """An attribute's or a measure's words, quoted."""
    kind = "attribute" if name in symbols.terms["attribute"] else "measure"
    return phrase("why.quoted", text=symbols.describe(kind, name))


def _asking(asked, spans: dict, index: int, clause: str) -> Part:
    """The part from stretch ``index`` on through the neighbouring stretches of its version in
    which ``clause`` asks the same question: a cut that changes nothing about it is not shown."""
    part = spans[index]
    asking = {i for i, items in asked if any(item.clause == clause for item in items)}
    following = index + 1
    while following in asking and spans[following].version == part.version:
        part = attrs.evolve(part, end=spans[following].end)
        following += 1
    return part


def _explain(program: ir.Program, usage: Usage) -> Decision:
    """The decision on a usage whose findings are all that count."""
    judged, problems = [], []
    for index, first, last in parts(program, usage):
        try:
            judged.append((first, last) + _said_row(program, index, usage))
        except UsageError as err:
            problems.extend(d for d in err.diagnostics if d not in problems)
    if problems:
        raise UsageError(problems[0].message, problems)
    results, licensor = [], []
    fees = _fees(program, usage, [(first, last, row) for first, last, row, _ in judged])
    spans = reaches([(first, last, row) for first, last, row, _ in judged])
    for (first, last, row, reasons), reach in zip(judged, spans):
        licensor.extend(_licensor(program, row, usage))
        tally = Tally(row, usage, first, last, True, reach)
        outcome = tally.run()
        words = _Words(row, usage, reasons)
        for event in tally.events:
            words.say(event)
        results.append((Part(start=first, end=last, version=row.stretch.version), outcome,
                        _located(program, row.stretch, words.reasons),
                        list(_located(program, row.stretch, words.duties)), words.missing))
    outcome, reasons, duties, missing = PERMITTED, [], [], []
    for part, part_outcome, part_reasons, part_duties, part_missing in _coalesce(results):
        if SEVERITY[part_outcome] > SEVERITY[outcome]:
            outcome = part_outcome
        reasons.extend(attrs.evolve(r, part=part) for r in part_reasons)
        duties.extend(part_duties)
        missing.extend(part_missing)
    return Decision(outcome=outcome, reasons=tuple(reasons), obligations=_once(duties + fees),
                    missing=_once(missing), usage=usage, licensor=_once(licensor))


def _fees(program: ir.Program, usage: Usage, parts) -> list[Duty]:
    """The fees a usage owes, as duties: for each fee whose conditions it meets, the fee of
    each total in the fee's unit over every part of the total's period the same fee applies
    in; per window for a rate; else the price."""
    applying: dict[tuple, list] = {}  # a fee's terms: (the fee, its stretch), the parts it is in
    for first, last, row in parts:
        for fee in meeting(row, usage, row.stretch.fees):
            terms = (fee.clause, fee.price, fee.currency, fee.per, fee.unit)
            applying.setdefault(terms, []).append((fee, row, first, last))
    owed = []
    for found in applying.values():
        fee, row = found[0][:2]
        price = phrase("why.fee", price=fee.price, currency=fee.currency, per=fee.per,
                       unit=fee.stated_unit)
        volumes = [v for v in usage.volume if row.symbols.unit_of(v.unit) == fee.unit
                   and v.kind in ("rate", "total")]  # what is counted, not a peak
        said = []
        for volume in volumes:
            start, end = volume.start or usage.first_day, volume.end or usage.last_day
            due = volume.amount * fee.price / fee.per
            if volume.is_rate:
                said.append(phrase("why.fee.rate", owed=due, currency=fee.currency,
                                   window=volume.per, amount=volume.amount, unit=volume.unit,
                                   price=price))
            elif sum((min(last, end) - max(first, start)).days + 1
                     for _, _, first, last in found if first <= end and start <= last) \
                    == (end - start).days + 1:  # the fee applies on every day of the total
                said.append(phrase("why.fee.owed", owed=due, currency=fee.currency,
                                   amount=volume.amount, unit=volume.unit, start=start,
                                   end=end, price=price))
            else:  # the total runs where the fee does not apply: its share is unknown
                said.append(price)
        owed.extend(_located(program, row.stretch, [
            Duty(clause=fee.clause, title=fee.title, text=text) for text in said or [price]]))
    return owed


def _licensor(program: ir.Program, row, usage: Usage) -> tuple[Discretion, ...]:
    """What the licensor may still do, or must not, under the clauses of a stretch whose
    conditions the usage meets (with any one of its recipients)."""
    symbols = row.symbols
    rights = []
    for item in meeting(row, usage, row.stretch.licensor):
        if isinstance(item, ir.LimitRule):
            kind, text = "limit", phrase("why.licensor.limit", action=symbols.describe(
                "action", item.action), limit=limit_text(item))
        else:
            kind = "may" if item.effect == "permit" else "must-not"
            text = phrase("why.licensor.may" if kind == "may" else "why.licensor.must_not",
                          action=_activity_words(symbols, item.scope.activity))
        rights.append(Discretion(clause=item.clause, title=item.title, kind=kind, text=text))
    return _located(program, row.stretch, rights)


def _activity_words(symbols, activity) -> Phrase:
    """What a clause's activity names, in the agreement's words: the action, and the data,
    purposes and recipients it is confined to."""
    data = phrase("activity.data", data=symbols.describe("data", activity.data)) \
        if activity.data is not None and activity.data != symbols.data_root else ""
    purposes = phrase("activity.for", purposes=Joined(
        (symbols.describe("purpose", p) for p in activity.purposes), "or")) \
        if activity.purposes else ""
    recipients = phrase("activity.with", recipients=Joined(
        (symbols.describe("recipient", r) for r in activity.recipients), "or")) \
        if activity.recipients else ""
    return phrase("why.activity", action=symbols.describe("action", activity.action),
                  data=data, purposes=purposes, recipients=recipients)


def _once(items) -> tuple:
    """Each item once, in the order first given."""
    return tuple(dict.fromkeys(items))


_SAID_PER_STRETCH = 4096  # distinct usage terms whose words are kept per stretch of time


def _said_row(program: ir.Program, index: int, usage: Usage) -> tuple:
    """What the usage's terms decide in a stretch, traced, with the reasons its events give:
    they depend on the terms only, so they are said once per stretch and kept."""
    tables = program.runtime.get("said")
    if tables is None:
        tables = program.runtime["said"] = [{} for _ in program.stretches]
    table = tables[index]
    found = table.get(usage.key)
    if found is None:
        row = judge(program, index, usage, trace=True)
        words = _Words(row, usage)
        for event in row.events:
            words.say(event)
        found = (row, tuple(words.reasons))
        if len(table) >= _SAID_PER_STRETCH:
            table.clear()
        table[usage.key] = found
    return found


def _located(program: ir.Program, stretch: ir.Stretch, items) -> tuple:
    """Reasons or duties with the file and lines of their clause, copied from the IR's spans."""
    spans = program.runtime.setdefault("spans", {}).get(id(stretch))
    if spans is None:
        spans = program.runtime["spans"][id(stretch)] = {
            rule.clause: rule.span for rules in (stretch.permits, stretch.forbids,
                                                 stretch.limits, stretch.duties,
                                                 stretch.licensor, stretch.fees,
                                                 stretch.precedence)
            for rule in rules if rule.span is not None}
    located = []
    for item in items:
        span = spans.get(item.clause)
        located.append(item if span is None else attrs.evolve(
            item, file=span.file, line=span.line, end_line=span.end_line or span.line))
    return tuple(located)


def _coalesce(results):
    """Join neighbouring parts that were judged alike into one part: a split at a date that
    changed nothing for this usage is not shown."""
    merged, signatures = [], []
    for part, outcome, reasons, duties, missing in results:
        signature = (part.version, outcome, [(r.clause, r.effect, r.text) for r in reasons],
                     duties, missing)
        if signatures and signatures[-1] == signature:
            previous = merged[-1]
            merged[-1] = (attrs.evolve(previous[0], end=part.end),) + previous[1:]
            continue
        merged.append((part, outcome, reasons, duties, missing))
        signatures.append(signature)
    return merged


def _name(name) -> str:
    """A name from the usage or the agreement, as the reasons show it: in backticks."""
    return f"`{name}`"


def _names(names) -> Joined | Phrase:
    """Names in backticks, separated by commas; "none" when there are none."""
    return Joined(map(_name, names), "comma") if names else phrase("why.none")


def _holds(key: str, ok: bool, **values) -> tuple[bool, Phrase]:
    return ok, phrase(f"{key}.is" if ok else f"{key}.is_not", **values)


def limit_text(lim: ir.LimitRule) -> Phrase:
    """A limit in words: "no more than 450 requests per 15 minutes per app", "... 1,000
    tokens in total", "... 4,096 tokens per request", "... 100 concurrent requests"."""
    scope = phrase(f"scope.{lim.scope}") if lim.scope else ""
    basis = lim.basis
    if basis == "window":
        return phrase("why.limit", amount=lim.amount, unit=lim.stated_unit, window=lim.window,
                      scope=scope)
    extra = {"per": lim.stated_per} if basis == "each" else {}
    return phrase(f"why.limit.{basis}", amount=lim.amount, unit=lim.stated_unit, scope=scope,
                  **extra)


def _windows(window, count: int) -> Phrase:
    """What ``count`` limit windows are called: "calendar months", "days", "windows of 15
    minutes"."""
    plural = "" if count == 1 else "s"
    if window.calendar:
        return phrase(f"calendar.{window.unit}{plural}")
    if window.count == 1:
        return phrase(f"unit.{window.unit}{plural}")
    return phrase("why.windows_of", window=window)


class _Words:
    """Puts one part's events into reasons, duties and missing facts."""

    def __init__(self, row, usage: Usage, reasons=()):
        self.row, self.u, self.symbols = row, usage, row.symbols
        self.reasons: list[Reason] = list(reasons)
        self.duties: list[Duty] = []
        self.missing: list = []
        self._said = set(self.reasons)  # each reason and duty is given once

    def reason(self, clause: str, title, effect: str, text):
        reason = Reason(clause=clause, title=title, effect=effect, text=text)
        if reason not in self._said:
            self._said.add(reason)
            self.reasons.append(reason)

    def duty(self, clause, title, text, deadline=None, status="pending"):
        duty = Duty(clause=clause, title=title, text=text, deadline=deadline, status=status)
        if duty not in self._said:
            self._said.add(duty)
            self.duties.append(duty)

    def say(self, event):
        getattr(self, "on_" + event[0].replace("-", "_"))(*event[1:])

    # -- what the terms decided -------------------------------------------------------------
    def on_no_version(self):
        self.reason("", None, "not-in-force", phrase("why.no_version"))

    def on_terminated(self, date):
        self.reason("", None, "not-in-force", phrase("why.terminated", date=date))

    def on_permits(self, rule: ir.Rule, f: ir.Facts):
        u = self.u
        self.reason(rule.clause, rule.title, "permits", phrase("why.says.permits", what=phrase(
            "why.permitted", action=_name(f.action), data=_name(f.data),
            purpose=phrase("why.permits.for", purpose=_name(u.purpose)) if u.purpose else "",
            approved=phrase("why.permits.approved", app=_name(u.app))
            if rule.scope.approved else "",
            recipients=phrase("why.permits.with", names=_names([f.recipient]))
            if f.recipient else "")))

    def on_no_permission(self, rule: ir.Rule, facet: str, f: ir.Facts):
        self.reason(rule.clause, rule.title, "no-permission",
                    phrase("why.does_not_permit", why=self.why_not(rule, facet, f)))

    def on_no_clause(self, f: ir.Facts):
        self.reason("", None, "no-permission",
                    phrase("why.no_clause_permits", action=_name(f.action)))

    def on_excepted(self, rule: ir.Rule, lifted, f: ir.Facts):
        self.reason(rule.clause, rule.title, "excepted", phrase(
            "why.but", rule=self.prohibits_text(rule, f), exception=_exception(lifted)))

    def on_prohibits(self, rule: ir.Rule, f: ir.Facts, prevails=()):
        text = self.prohibits_text(rule, f)
        if prevails:  # permissions of documents it prevails over
            text = phrase("why.prevails.rule", rule=text, others=_conflicting(prevails),
                          precedence=self.precedence(prevails, f))
        self.reason(rule.clause, rule.title, "prohibits", text)

    def on_overridden(self, rule: ir.Rule, conflicts, f: ir.Facts):
        self.reason(rule.clause, rule.title, "overridden", phrase(
            "why.overridden.rule", rule=self.prohibits_text(rule, f),
            others=_conflicting(conflicts), precedence=self.precedence(conflicts, f)))

    def on_limit_overridden(self, lim: ir.LimitRule, conflicts, f: ir.Facts):
        self.reason(lim.clause, lim.title, "overridden", phrase(
            "why.overridden.limit", limit=limit_text(lim), others=_conflicting(conflicts),
            precedence=self.precedence(conflicts, f)))

    def precedence(self, conflicts, f: ir.Facts) -> Joined:
        """Which document prevails over which, by which clause (and, where a condition says
        when, whether it holds), for each precedence the conflicts were settled by."""
        said = []
        for precedence in dict.fromkeys(c.precedence for c in conflicts):
            prevailing, yielding = precedence.prevailing, precedence.yielding
            words = dict(cited=phrase("clause_ref", ids=precedence.clause))
            if precedence.guard is None:
                said.append(phrase("why.precedence", prevailing=prevailing,
                                   yielding=yielding, **words))
                continue
            holds, condition = self.condition(precedence.guard, f)
            if not holds:
                prevailing, yielding = yielding, prevailing
            said.append(phrase("why.precedence.as", prevailing=prevailing, yielding=yielding,
                               condition=condition, **words))
        return Joined(said, "and")

    def on_limit_excepted(self, lim: ir.LimitRule, lifted):
        self.reason(lim.clause, lim.title, "excepted", phrase(
            "why.limit_excepted", limit=limit_text(lim), exception=_exception(lifted)))

    # -- what the amounts and dates decided -------------------------------------------------
    def on_zero(self, lim: ir.LimitRule):
        self.reason(lim.clause, lim.title, "exceeds", phrase(
            "why.zero_allowed", limit=limit_text(lim), action=_name(self.row.action)))

    def on_limit_duty(self, lim: ir.LimitRule):
        self.duty(lim.clause, lim.title, limit_text(lim))

    def on_rate(self, lim: ir.LimitRule, volume, goal, source, exceeded):
        text = phrase("why.rate", limit=limit_text(lim), amount=volume.amount, unit=volume.unit,
                      per=volume.per, converted=volume.amount * goal / source, window=lim.window)
        self.reason(lim.clause, lim.title, "exceeds" if exceeded else "within", text)
        if not exceeded:
            self.duty(lim.clause, lim.title, limit_text(lim))

    def on_total(self, lim: ir.LimitRule, volume, verdict, windows, start, end):
        stated = phrase("why.total", amount=volume.amount, unit=volume.unit, start=start,
                        end=end)
        window, limit = lim.window, limit_text(lim)
        if verdict == DENIED:
            self.reason(lim.clause, lim.title, "exceeds", phrase(
                "why.total.exceeds", limit=limit, total=stated,
                average=volume.amount / windows, window=window, count=windows,
                windows=_windows(window, windows)))
        elif verdict == PERMITTED:
            self.reason(lim.clause, lim.title, "within", phrase(
                "why.total.fits", limit=limit, total=stated, window=window))
            self.duty(lim.clause, lim.title, limit)
        else:
            self.reason(lim.clause, lim.title, "undetermined", phrase(
                "why.total.may_exceed", limit=limit, total=stated, window=window))
            cited = lim.clause if lim.tier is not None else phrase("clause_ref", ids=lim.clause)
            self.add_missing(phrase("why.peak", unit=volume.unit, window=window, start=start,
                                    end=end, cited=cited))

    def on_in_total(self, lim: ir.LimitRule, volume, verdict, counted, start, end, days):
        if volume.is_rate:
            stated = phrase("why.cap.rate", amount=volume.amount, unit=volume.unit,
                            per=volume.per, counted=counted, start=start, end=end)
        else:
            stated = phrase("why.total", amount=volume.amount, unit=volume.unit, start=start,
                            end=end)
        limit = limit_text(lim)
        if verdict == DENIED:
            self.reason(lim.clause, lim.title, "exceeds",
                        phrase("why.cap.exceeds", limit=limit, counted=stated))
        elif verdict == PERMITTED:
            self.reason(lim.clause, lim.title, "within",
                        phrase("why.cap.fits", limit=limit, counted=stated))
            self.duty(lim.clause, lim.title, limit)
        else:
            first, last = days
            self.reason(lim.clause, lim.title, "undetermined", phrase(
                "why.cap.share", limit=limit, counted=stated, first=first, last=last))
            cited = lim.clause if lim.tier is not None else phrase("clause_ref", ids=lim.clause)
            self.add_missing(phrase("why.cap.missing", unit=volume.unit, first=first, last=last,
                                    cited=cited))

    def on_peak(self, lim: ir.LimitRule, volume, exceeded):
        if volume.concurrent:
            text = phrase("why.cap.concurrent", limit=limit_text(lim), amount=volume.amount,
                          unit=volume.unit)
        else:
            text = phrase("why.cap.each", limit=limit_text(lim), amount=volume.amount,
                          unit=volume.unit, per=volume.each)
        self.reason(lim.clause, lim.title, "exceeds" if exceeded else "within", text)
        if not exceeded:
            self.duty(lim.clause, lim.title, limit_text(lim))

    def on_duty(self, duty: ir.DutyRule, finding):
        text = phrase("why.duty", duty=duty.description,
                      deadline=_deadline(duty.deadline, finding))
        status, fact = finding.status, _name(duty.shown_by)
        if status == "met":
            self.duty(duty.clause, duty.title, text, finding.due, "met")
            self.reason(duty.clause, duty.title, "met", phrase("why.met", fact=fact, duty=text))
        elif status == "breached":
            self.duty(duty.clause, duty.title, text, finding.due, "breached")
            self.reason(duty.clause, duty.title, "breached",
                        phrase("why.breached", fact=fact, duty=text))
        elif status == "late":
            self.duty(duty.clause, duty.title, text, finding.due, "breached")
            self.reason(duty.clause, duty.title, "breached",
                        phrase("why.late", fact=fact, date=finding.done, duty=text))
        elif status == "refused":
            self.duty(duty.clause, duty.title, text, finding.due, "breached")
            self.reason(duty.clause, duty.title, "breached",
                        phrase("why.refused", name=_name(duty.duty), duty=text))
        elif status == "unknown":
            self.duty(duty.clause, duty.title, text, finding.due)
            self.reason(duty.clause, duty.title, "undetermined",
                        phrase("why.duty_unknown", duty=text))
            names = [phrase("why.of_usage") if n == "usage" else
                     _name(duty.shown_by) if n == "done" else _name(n)
                     for n in finding.unknown]
            self.add_missing(phrase("why.time_of_day", names=Joined(names, "and"),
                                    cited=phrase("clause_ref", ids=duty.clause)))
        else:
            self.duty(duty.clause, duty.title, text, finding.due)

    def add_missing(self, item):
        if ("missing", item) not in self._said:
            self._said.add(("missing", item))
            self.missing.append(item)

    # -- the words of a rule ----------------------------------------------------------------
    def quoted(self, kind: str, names) -> Joined:
        """What a clause names, in the agreement's words, quoted: “a” or “b”."""
        return Joined((phrase("why.quoted", text=self.symbols.describe(kind, n))
                       for n in names), "or")

    def unstated(self, field: str) -> Phrase | None:
        """When the usage does not name its app or purpose: the words that say so."""
        return phrase(f"why.unstated.{field}") if getattr(self.u, field) is None else None

    def approved(self, f: ir.Facts) -> Phrase | None:
        u = self.u
        app = self.symbols.apps.get(u.app) if u.app else None
        if app is None:
            return phrase("why.no_app")
        if f.approved:
            return None
        return self.unstated("purpose") or phrase(
            "why.not_approved", purpose=_name(u.purpose), app=_name(app.name),
            approved=_names(app.approved))

    def why_not(self, rule: ir.Rule, facet: str, f: ir.Facts) -> Phrase:
        activity = rule.scope.activity
        if facet == "data":
            return phrase("why.data_not", data=_name(f.data),
                          wanted=self.quoted("data", [activity.data]))
        if facet == "purpose":
            return self.unstated("purpose") or phrase(
                "why.purpose_not", purpose=_name(f.purpose),
                wanted=self.quoted("purpose", activity.purposes))
        if facet == "approved":
            return self.approved(f)
        if facet == "recipient":
            wanted = self.quoted("recipient", activity.recipients)
            if f.recipient is None:
                return phrase("why.no_recipient_named", wanted=wanted)
            return phrase("why.recipient_not", recipient=_name(f.recipient), wanted=wanted)
        return self.condition(rule.guard if facet == "when" else rule.unless, f)[1]

    def prohibits_text(self, rule: ir.Rule, f: ir.Facts) -> Phrase:
        a, s, u = rule.scope.activity, self.symbols, self.u
        data = purposes = recipients = when = unless = ""
        if a.data is not None and a.data != s.data_root:
            data = phrase("why.prohibits.data", data=s.describe("data", a.data))
        if a.purposes:
            purposes = phrase("why.prohibits.for", purpose=_name(u.purpose), wanted=Joined(
                (s.describe("purpose", p) for p in a.purposes), "or"))
        if a.recipients:
            recipients = phrase("why.prohibits.with", recipient=_name(f.recipient),
                                wanted=Joined((s.describe("recipient", x)
                                               for x in a.recipients), "or"))
        if rule.guard is not None:
            when = phrase("why.prohibits.when", condition=self.condition(rule.guard, f)[1])
        if rule.unless is not None:
            unless = phrase("why.prohibits.unless",
                            condition=self.condition(rule.unless, f)[1])
        return phrase("why.says.prohibits", what=phrase(
            "why.prohibited", action=s.describe("action", a.action), data=data,
            purposes=purposes, recipients=recipients, when=when, unless=unless))

    def condition(self, guard: ir.Guard, f: ir.Facts) -> tuple[bool, Phrase]:
        """Whether a guard holds (its one meaning, :meth:`ir.Guard.holds`), and why, with the
        usage's own values."""
        u = self.u
        ok = guard.holds(f)
        about = "app" if isinstance(guard, ir.AppIn) else getattr(guard, "subject", None)
        if about in ("app", "purpose") and getattr(u, about) is None:
            return ok, self.unstated(about)
        if isinstance(guard, ir.Is):
            wanted = self.quoted(guard.subject, [guard.name])
            if guard.subject == "app":
                return _holds("why.app", ok, app=_name(u.app), name=wanted)
            if guard.subject == "recipient":
                return _holds("why.recipient", ok, names=_names([f.recipient] if f.recipient
                                                                else []), wanted=wanted)
            return _holds(f"why.{guard.subject}", ok, value=_name(getattr(f, guard.subject)),
                          name=wanted)
        if isinstance(guard, ir.Approved):
            return ok, self.approved(f) or phrase("why.approved", purpose=_name(u.purpose),
                                                  app=_name(u.app))
        if isinstance(guard, ir.Subscribed):
            return _holds("why.subscribed", ok, tier=_name(u.tier))
        if isinstance(guard, ir.TierIs):
            if u.tier is None:
                return _holds("why.subscribed", False)
            return _holds("why.tier", ok, tier=_name(u.tier),
                          name=self.quoted("tier", [guard.name]))
        if isinstance(guard, ir.Const):  # a date condition, decided by the stretch
            return _holds(f"why.{guard.about}", ok, date=guard.date)
        if isinstance(guard, ir.AppIn):
            if guard.test == "labelled":
                return _holds("why.labelled", ok, app=_name(u.app), label=_name(guard.name))
            if guard.test == "serves":
                return _holds("why.serves", ok, app=_name(u.app),
                              recipient=self.quoted("recipient", [guard.name]))
            return _holds("why.scheduled", ok, app=_name(u.app),
                          schedule=phrase("why.quoted", text=guard.name))
        if isinstance(guard, ir.Fact):
            return _holds("why.fact", ok, fact=_name(guard.name))
        if isinstance(guard, ir.Standard):
            question = phrase("why.quoted", text=self.symbols.describe("standard", guard.name))
            stated = dict(u.findings).get(guard.name)
            key = "why.found.open" if stated is None else "why.found.is" if ok else \
                "why.found.is_not"
            return ok, phrase(key, standard=_name(guard.name), question=question)
        if isinstance(guard, (ir.AttributeIs, ir.MeasureIs)):
            return ok, self.attribute(guard, f, ok)
        if isinstance(guard, ir.Not):
            return ok, self.condition(guard.operand, f)[1]
        if isinstance(guard, (ir.All, ir.Any)):
            results = [self.condition(op, f) for op in guard.operands]
            if isinstance(guard, ir.All):
                shown = [t for r, t in results if r or ok] if ok else \
                    [t for r, t in results if not r]
            else:
                shown = [t for r, t in results if r] if ok else [t for _, t in results]
            return ok, phrase("why.each", items=Joined(shown, "semicolon"))
        raise TypeError(f"unknown guard {guard!r}")


    def attribute(self, guard, f: ir.Facts, ok: bool) -> Phrase:
        """An attribute or a measure of a party, as the usage (or the agreement) states it,
        or as it leaves it open."""
        party = guard.party
        words = dict(name=_name(guard.name), question=_attribute_words(self.symbols, guard.name))
        value = f.party(party).get(guard.name)
        if isinstance(guard, ir.AttributeIs):
            if value is None or (party, guard.name) in f.assumed:
                return phrase("why.attribute.open_either", party=phrase(f"party.{party}"),
                              **words)
            return phrase("why.attribute.is" if ok else "why.attribute.is_not",
                          party=phrase(f"party.{party}"), **words)
        of = phrase(f"party.{party}.of")
        if value is None or value is True or value is False or (party, guard.name) in f.assumed:
            return phrase("why.measure.open_either", of=of, **words)
        comparison = phrase("why.range." + guard.comparison.replace(" ", "_"),
                            value=guard.amount)
        return phrase("why.measure.is" if ok else "why.measure.is_not", of=of, value=value,
                      comparison=comparison, **words)


def _conflicting(conflicts) -> Joined:
    """The clauses of other documents a clause conflicts with: "clause 3.8 of “Policy”"."""
    return Joined((phrase("why.conflict.clause", clause=c.other, document=c.document)
                   for c in conflicts), "and")


def _exception(ids) -> Phrase:
    return phrase("why.exception" if len(ids) == 1 else "why.exceptions", ids=Joined(ids, "and"))


def _deadline(deadline: ir.Deadline, finding) -> Phrase | str:
    """A duty's deadline in words, with when it falls due where the usage tells."""
    due = finding.due
    if deadline.kind == "within":
        if due is None:
            when = ""
        elif finding.exact:
            when = phrase("why.due_by", due=due)
        else:
            when = phrase("why.due_during", date=due, event=_name(deadline.event))
        return phrase("why.within", duration=deadline.duration, event=_name(deadline.event),
                      due=when)
    if deadline.kind in ("before-action", "before-fact"):
        return phrase("why.before", event=_name(deadline.event),
                      due=phrase("why.due_on", date=due) if due is not None else "")
    if deadline.kind == "by":
        return phrase("why.by", date=deadline.date)
    return ""
