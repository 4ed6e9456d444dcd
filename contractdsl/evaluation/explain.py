"""A usage's decision in words: the evaluator's trace (events) and the IR to reasons, duties
and missing facts, as phrases. It never decides: every outcome comes from :mod:`.decide`."""

from __future__ import annotations

import datetime as _dt
import itertools
import re
from bisect import bisect_right

import attrs

from .. import model as m
from ..decision import (DENIED, PERMITTED, SEVERITY, UNDETERMINED, Decision, Discretion, Duty,
                        Money, Part, Reason)
from ..errors import UsageError
from ..limits import MAX_OPEN_COMBINATIONS
from ..prose.phrase import (Against, Before, Exact, Joined, Owed, Phrase, Written, data_after,
                             one_of, phrase)
from ..semantics import ir
from ..usage import Usage, bounds, day_of
from .decide import (DAY, Tally, combinations, doing, facets_deny, falls_due, for_licensee,
                     judge, meeting, open_questions, outcomes_open, parts, reaches, stated_days,
                     terms_key, turned_by, with_answers)
from .money import Figure, figures


def explain(program: ir.Program, usage: Usage) -> Decision:
    """The decision on a usage with every reason, duty and missing fact in words."""
    program, usage = for_licensee(program, usage)
    open_ = open_questions(program, usage)
    if open_:
        return _explain_open(program, usage, open_)
    return _explain(program, usage)


def terms_clauses(program: ir.Program, usage: Usage) -> frozenset[str] | None:
    """The clauses that :func:`explain` names in the reasons a usage's terms give in each part
    of its period (the clauses that permit or prohibit it, and those that lift a prohibition),
    found without putting its amounts and duties into words; None where the usage leaves a
    question open, which :func:`explain` alone answers."""
    program, usage = for_licensee(program, usage)
    if open_questions(program, usage):
        return None
    return frozenset(r.clause for index, _, _, part, _ in parts(program, usage)
                     for r in _said_row(program, index, part)[1] if r.clause)


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
    first_said, shown = _explained(program, with_answers(usage, open_, first), money=False)
    owed, liable, owed_missing = _money(program, usage)
    outcomes = outcomes_open(program, usage, open_)  # (with too many, the extremes alone)
    if facets_deny(program, usage) if outcomes is None else len(set(outcomes.values())) == 1:
        # the same either way (or denied whatever the answers): said as it is
        return Decision(outcome=first_said.outcome, reasons=first_said.reasons,
                        obligations=first_said.obligations + owed,
                        missing=_once(first_said.missing + owed_missing), usage=usage,
                        licensor=first_said.licensor + liable)
    untold = phrase("why.question.too_many", count=count, most=MAX_OPEN_COMBINATIONS)
    plain: set = set()  # the questions whose words are the cap's alone
    if outcomes is None:
        said, plain = dict.fromkeys(questions, untold), set(questions)
    else:
        said = {}
        for at, question in enumerate(questions):
            answers = open_[question].answers
            settled = _settled(outcomes, at, len(answers))
            if any(got is not None for got in settled):
                said[question] = _turns(question, answers, settled)
            elif any(None not in (got := {outcomes.get(chosen[:at] + (pick,) + chosen[at + 1:])
                                          for pick in range(len(answers))}) and len(got) > 1
                     for chosen in outcomes):
                said[question] = phrase("why.standard.open_jointly")
            elif too_many:  # (only the extremes were tried: it may turn it in between)
                said[question], plain = untold, plain | {question}
            # else: this one changes nothing, whatever the others are answered
    reasons: dict[Reason, None] = {}
    missing: dict = {}
    spans = [_part(first_day, last, program.stretches[index].version, edges, usage)
             for index, first_day, last, _, edges in parts(program, usage)]
    for question, then in said.items():
        clauses: list[str] = []
        named: set[tuple[str, int]] = set()  # (clause, part) a reason names already
        reading = _turning(program, usage, question, open_[question])
        for index, items, at in reading:
            stretch = program.stretches[index]
            symbols = program.symbols[stretch.version_index]
            for item in items:
                if item.clause not in clauses:
                    clauses.append(item.clause)
                if (item.clause, at) in named or _owed_later(item, usage, shown, spans[at]):
                    continue
                part, asking = _asking(reading, spans, at, item.clause)
                named.update((item.clause, each) for each in asking)
                text = then if question in plain else _open_text(symbols, question, then, usage)
                reasons.update(dict.fromkeys(_located(program, stretch, [Reason(
                    clause=item.clause, title=item.title, effect="undetermined", text=text,
                    part=part)])))
        cited = phrase("clause_refs" if len(clauses) > 1 else "clause_ref",
                       ids=Joined(clauses, "and"))
        if question[0] == "standard":
            missing[phrase("why.finding", standard=_name(question[1]), cited=cited)] = None
        elif question[0] == "compare":
            missing[phrase("why.date", names=_undated(question[1], usage), cited=cited)] = None
        else:
            missing[phrase(f"why.value.{question[0]}", name=_name(question[1]),
                           cited=cited)] = None
    return Decision(outcome=UNDETERMINED, reasons=_joined(program, reasons), obligations=(),
                    missing=tuple(missing), usage=usage,
                    licensor=first_said.licensor + liable)


def _settled(outcomes: dict, at: int, count: int) -> list:
    """For each of the ``count`` answers to question ``at``: the outcome it gives whatever
    the other open questions are answered, or None where they still turn it (read off
    ``outcomes``, from :func:`outcomes_open`)."""
    seen: list[set] = [set() for _ in range(count)]
    for chosen, got in outcomes.items():
        seen[chosen[at]].add(got)
    return [next(iter(found)) if len(found) == 1 else None for found in seen]


def _turns(question: tuple, answers: tuple, outcomes: list) -> Phrase:
    """How the outcome turns on one open question: the outcome each answer gives whatever the
    other open questions are answered, or None (in ``outcomes``) where they still turn it.
    The answers that leave it to the others are said so, never as an outcome."""
    said = [None if o is None else phrase(f"outcome.{o}.said") for o in outcomes]
    if question[0] == "standard":
        if None not in said:
            return phrase("why.standard.open", met=said[1], unmet=said[0])
        return _otherwise(phrase("why.standard.open_met", met=said[1]) if said[0] is None
                          else phrase("why.standard.open_unmet", unmet=said[0]))
    if answers[:2] == (False, True):
        if len(answers) == 2:
            if None not in said:
                return phrase("why.attribute.open", yes=said[1], no=said[0])
            return _otherwise(phrase("why.attribute.open_yes", yes=said[1]) if said[0] is None
                              else phrase("why.attribute.open_no", no=said[0]))
        answers, said = answers[2:], said[2:]  # a name both an attribute and a measure
    # a measure: its values in order, joined into ranges that decide alike
    ranges, start = [], 0
    for at in range(1, len(answers) + 1):
        if at == len(answers) or said[at] != said[start]:
            if said[start] is not None:
                ranges.append(phrase("why.measure.case", outcome=said[start],
                                     range=_range(answers, start, at - 1)))
            start = at
    if not ranges:  # (only its answers as an attribute decide alike)
        return phrase("why.standard.open_jointly")
    cases = phrase("why.measure.open", cases=Joined(ranges, "and"))
    return cases if None not in said else _otherwise(cases)


def _otherwise(said: Phrase) -> Phrase:
    """What some answers to an open question decide, and that the others leave the outcome
    to the other questions the usage leaves open."""
    return phrase("why.open.otherwise", said=said)


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


def _open_text(symbols, question: tuple, then, usage: Usage) -> Phrase:
    """What a clause asks that the usage leaves open, and how the outcome turns on it."""
    if question[0] == "compare":
        return phrase("why.asks.compare", condition=_compared(question[1]),
                      names=_undated(question[1], usage), then=then)
    if question[0] == "standard":
        return phrase("why.standard", standard=_name(question[1]), then=then,
                      question=phrase("why.quoted", text=symbols.describe("standard",
                                                                          question[1])))
    return phrase(f"why.asks.{question[0]}", name=_name(question[1]), then=then,
                  question=_attribute_words(symbols, question[1]))


def _compared(key: tuple) -> Phrase:
    """A comparison of two facts' dates in words, from its key (see ``ir.DateGap.key``)."""
    if key[0] == "gap":
        _, first, how, count, unit, second = key
        return phrase("why.gap.plain", first=_name(first), second=_name(second),
                      comparison=phrase("why.range." + how.replace(" ", "_"),
                                        value=m.Duration(count=count, unit=unit)))
    _, first, unit, second = key
    return phrase("why.same.plain", first=_name(first), second=_name(second),
                  window=phrase(f"same.{unit}"))


def _undated(key: tuple, usage: Usage) -> Joined:
    """The facts of a comparison of dates that the usage states without a date."""
    dates = usage.dates
    return Joined([_name(n) for n in (key[1], key[-1]) if n in dates and dates[n] is None],
                  "and")


def _attribute_words(symbols, name: str) -> Phrase:
    """An attribute's or a measure's words, quoted."""
    kind = "attribute" if name in symbols.terms["attribute"] else "measure"
    return phrase("why.quoted", text=symbols.describe(kind, name))


def _turning(program: ir.Program, usage: Usage, question: tuple, entry) -> list:
    """The entries of an open question's :attr:`~.decide.Open.reading` (``entry``: its
    :class:`~.decide.Open`), each with the clauses whose answer may change what they do to the
    usage in its part (see :func:`~.decide.turned_by`): a clause that reads the question but
    does not cover the usage (another purpose, data, recipient or approval), or whose
    conditions hold or fail whatever the answer, is not named; where none is found (the
    question turns the outcome only through another), every clause that reads it is."""
    found = [(index, turned, at) for index, items, at in entry.reading
             if (turned := turned_by(program, usage, question, entry.answers,
                                     (index, items, at)))]
    return found or entry.reading


def _owed_later(item, usage: Usage, shown: list, part: Part) -> bool:
    """Whether ``item`` is a duty owed only from a later part of the usage's period than
    ``part``, as the decision shows its parts (``shown``: a cut that changes nothing for the
    usage is not shown; see :func:`_coalesce` and :func:`~.decide.falls_due`): what it asks is
    named from that part on, where its clause asks it too (a duty owes nothing after the last
    day it binds the usage, so its event falls within the days it binds)."""
    if not isinstance(item, ir.DutyRule):
        return False
    due = falls_due(item, None, usage)
    return due is not None and day_of(due) > next(
        each.end for each in shown if each.start <= part.start <= each.end)


def _asking(asked, spans: list, at: int, clause: str) -> tuple[Part, range]:
    """The days from part ``at`` of the usage's period (``spans``: each part's) on through the
    neighbouring parts of its version in which ``clause`` asks the same question (``asked``:
    :attr:`~.decide.Open.reading`), and those parts: a cut that changes nothing about it is not
    shown, and one where the clause stops asking it ends it."""
    part = spans[at]
    asking = {i for _, items, i in asked if any(item.clause == clause for item in items)}
    following = at + 1
    while following in asking and spans[following].version == part.version:
        part = attrs.evolve(part, end=spans[following].end)
        following += 1
    return part, range(at, following)


def _part(first: _dt.date, last: _dt.date, version, edges: tuple, usage: Usage) -> Part:
    """A part of the usage's period as its words name it (``edges``: see
    :func:`~.decide.parts`): where a fact's instant within a day cuts the period, the usage's
    own first and last instant bound its first and last part."""
    start_at, end_at = edges
    if start_at is not None or end_at is not None:
        if start_at is None and first == usage.first_day and \
                isinstance(usage.start, _dt.datetime):
            start_at = usage.start
        if end_at is None and last == usage.last_day and isinstance(usage.end, _dt.datetime):
            end_at = usage.end
    return Part(start=first, end=last, version=version, start_at=start_at, end_at=end_at)


def _explain(program: ir.Program, usage: Usage, money: bool = True) -> Decision:
    """The decision on a usage whose findings are all that count; without ``money``, without
    the money it owes and may recover."""
    return _explained(program, usage, money)[0]


def _explained(program: ir.Program, usage: Usage, money: bool = True) \
        -> tuple[Decision, list[Part]]:
    """:func:`_explain`'s decision, and the parts of the usage's period it shows (see
    :func:`_coalesce`)."""
    judged, problems = [], []
    for index, first, last, part, edges in parts(program, usage):
        try:
            judged.append((first, last, part, edges) + _said_row(program, index, part))
        except UsageError as err:
            problems.extend(d for d in err.diagnostics if d not in problems)
    if problems:
        raise UsageError(problems[0].message, problems)
    results, licensor = [], []
    owed, liable, owed_missing = _money(program, usage) if money else ((), (), ())
    whole = tuple((first, last, row) for first, last, _, _, row, _ in judged)
    spans = reaches(whole, [edges for _, _, _, edges, _, _ in judged])
    for (first, last, part, edges, row, reasons), reach in zip(judged, spans):
        licensor.extend(_licensor(program, row, part))
        tally = Tally(row, usage, first, last, True, reach, whole if len(whole) > 1 else None,
                      edges)
        outcome = tally.run()
        words = _Words(row, usage, reasons)
        for event in tally.events:
            words.say(event)
        results.append((_part(first, last, row.stretch.version, edges, usage), outcome,
                        _dated(program, row.stretch, words.reasons, words.later),
                        _dated(program, row.stretch, words.duties, words.later), words.missing))
    outcome, reasons, duties, missing, shown = PERMITTED, [], [], [], []
    for part, part_outcome, part_reasons, part_duties, part_missing in _coalesce(results):
        shown.append(part)
        if SEVERITY[part_outcome] > SEVERITY[outcome]:
            outcome = part_outcome
        reasons.extend(attrs.evolve(r, part=part) for r in part_reasons)
        duties.extend(attrs.evolve(d, part=part) for d in part_duties)
        missing.extend(part_missing)
    if outcome == DENIED:
        missing = []  # (what a part leaves open cannot decide a usage denied anyway)
    return Decision(outcome=outcome, reasons=_joined(program, reasons),
                    obligations=_once(_joined(program, duties) + owed),
                    missing=_once(missing + list(owed_missing)), usage=usage,
                    licensor=_once(licensor + list(liable))), shown


# ---- money ----------------------------------------------------------------------------------


def _licensors(item) -> bool:
    """Whether a money clause is the licensor's liability cap."""
    return isinstance(item, ir.CapRule) and item.party == "licensor"


def _money(program: ir.Program, usage: Usage) -> tuple[tuple, tuple, tuple]:
    """The money the usage owes (as duties) and may recover from the licensor (with the
    licensor's clauses), in words, and what to state where it turns on a question the usage
    leaves open: then each amount is given with the answers that make it owed, and is
    undetermined."""
    rows = [(first, last, _said_row(program, index, part)[0], edges)
            for index, first, last, part, edges in parts(program, usage)]
    open_ = open_questions(program, usage, money=True)
    if not open_:
        return _money_said(program, usage, [(f, None) for f in figures(usage, rows)]) + ((),)
    questions = tuple(open_)
    if combinations(open_) > MAX_OPEN_COMBINATIONS:
        asking = {item for entry in open_.values() for _, items, _ in entry.reading
                  for item in items}
        found = [(f, () if f.item in asking else None)
                 for f in figures(with_answers(usage, open_, (0,) * len(questions)), rows)]
        turning = set(questions) if any(not _licensors(item) for item in asking) else set()
    else:
        chosen_all = list(itertools.product(*(range(len(e.answers)) for e in open_.values())))
        under: dict[Figure, list] = {}
        for chosen in chosen_all:
            for figure in figures(with_answers(usage, open_, chosen), rows):
                under.setdefault(figure, []).append(chosen)
        found = [(f, None if len(when) == len(chosen_all) else when)
                 for f, when in under.items()]
        if not any(when is not None and f.value is not None for f, when in found):
            # no amount the usage shows turns on them: the figures of the first answers (a
            # standard not met, an attribute not had), as for the licensor's clauses
            first = chosen_all[0]
            found = [(f, None) for f, when in found if when is None or first in when]
        # (what the licensor may recover turns on them too, and says with which answers, but
        # asks nothing: the licensor's clauses never decide a usage, nor what it must state)
        turning = {q for f, when in found if when is not None and not _licensors(f.item)
                   for at, q in enumerate(questions)
                   if len({c[at] for c in when}) < len(open_[q].answers)}
    owed, liable = _money_said(program, usage, [
        (f, None if when is None else _answered(program, open_, questions, when))
        for f, when in found])
    missing = []
    for question in questions:
        if question in turning:
            clauses = list(dict.fromkeys(item.clause for _, items, _ in open_[question].reading
                                         for item in items))
            cited = phrase("clause_refs" if len(clauses) > 1 else "clause_ref",
                           ids=Joined(clauses, "and"))
            if question[0] == "compare":
                missing.append(phrase("why.date", names=_undated(question[1], usage),
                                      cited=cited))
                continue
            key = "why.finding" if question[0] == "standard" else f"why.value.{question[0]}"
            name = "standard" if question[0] == "standard" else "name"
            missing.append(phrase(key, cited=cited, **{name: _name(question[1])}))
    return owed, liable, tuple(missing)


def _answered(program, open_, questions, when) -> Phrase:
    """The answers to the questions a usage leaves open under which an amount is owed
    (``when``: the indexes of the answers of each combination that gives it)."""
    asked = [at for at, q in enumerate(questions)
             if len({c[at] for c in when}) < len(open_[q].answers)]
    if len(asked) != 1 or not when:
        return phrase("why.money.open")
    at = asked[0]
    question = questions[at]
    answers = open_[question].answers
    picks = sorted({c[at] for c in when})
    reading = open_[question].reading[0]
    symbols = program.symbols[program.stretches[reading[0]].version_index]
    name = _name(question[1])
    if question[0] == "compare":
        condition = _compared(question[1])
        return condition if answers[picks[0]] else phrase("why.answer.not", condition=condition)
    if question[0] == "standard":
        question_words = phrase("why.quoted", text=symbols.describe("standard", question[1]))
        key = "why.answer.met" if answers[picks[0]] else "why.answer.unmet"
        return phrase(key, question=question_words, standard=name)
    words = dict(name=name, question=_attribute_words(symbols, question[1]))
    if answers[:2] == (False, True) and len(answers) == 2:
        return phrase("why.attribute.is" if answers[picks[0]] else "why.attribute.is_not",
                      party=phrase(f"party.{question[0]}"), **words)
    # a measure: the ranges of values tried that give it
    ranges, start = [], picks[0]
    for index, pick in enumerate(picks):
        if index + 1 == len(picks) or picks[index + 1] != pick + 1:
            ranges.append(_range(answers, start, pick))
            if index + 1 < len(picks):
                start = picks[index + 1]
    return phrase("why.answer.measure", of=phrase(f"party.{question[0]}.of"),
                  range=Joined(ranges, "or"), **words)


def _money_said(program: ir.Program, usage: Usage, found) -> tuple[tuple, tuple]:
    """Figures in words: (the duties to pay, with the part of the usage's period each is owed
    for, and what the licensor is liable for); ``found`` holds each figure with the answers
    that make it owed (None: whatever they are)."""
    owed, liable = [], []
    for figure, answers in found:
        symbols = program.symbols[figure.stretch.version_index]
        text, amount = _figure_words(figure, symbols), None
        if figure.value is not None:
            amount = Money(amount=figure.value, currency=figure.currency)
        status = "pending"
        if answers is not None:
            text, amount, status = phrase("why.money.if", owed=text, answer=answers), None, \
                "undetermined"
        item = figure.item
        if _licensors(item):
            said = Discretion(clause=item.clause, title=item.title, kind="liable", text=text,
                              amount=amount)
            liable.extend(_located(program, figure.stretch, [said]))
            continue
        if isinstance(item, ir.CapRule):  # the licensee's liability: among its duties
            text = phrase("why.cap.licensee", said=text)
        part = None if figure.days is None else _part(*figure.days[:2], None,
                                                       figure.days[2], usage)
        duty, = _located(program, figure.stretch, [Duty(
            clause=item.clause, title=item.title, text=text, amount=amount, status=status,
            part=part)])
        owed.append(_also_located(program, figure.stretches, duty))
    return tuple(owed), tuple(liable)


def _also_located(program: ir.Program, stretches, duty: Duty) -> Duty:
    """A duty to pay, said once over the parts of several texts (a fee carried over
    unchanged), located ``also`` where each later text writes its clause, as a reason said
    once over a change of text is (see :func:`_joined`)."""
    if duty.file is None:
        return duty
    also: list = []
    for stretch in stretches:
        span = _spans(program, stretch).get(duty.clause)
        where = None if span is None else (span.file, span.line, span.end_line or span.line)
        if where is not None and where != (duty.file, duty.line, duty.end_line) \
                and where not in also:
            also.append(where)
    return attrs.evolve(duty, also=tuple(also)) if also else duty


def _figure_words(figure: Figure, symbols) -> Phrase:
    """What a figure says: the amount owed or recoverable, and what it is computed from."""
    item, basis, value = figure.item, figure.basis, figure.value
    case = basis[0]
    owed = None if value is None else Owed(value)  # (never said as 0.00 where it is not 0)
    if isinstance(item, ir.PriceRule):
        return phrase("why.tier.price_from" if item.minimum else "why.tier.price",
                      price=Written(item.amount), currency=item.currency, window=item.window,
                      tier=_name(item.tier))
    if isinstance(item, ir.FeeRule):
        price = _price_words(item, symbols)
        if case in ("price", "share", "overlap"):
            return price
        if case in ("together", "windows"):  # totals one window of the threshold holds
            totals = Joined([_total(symbols, volume, start, end)
                             for volume, start, end in basis[1]], "and")
            if case == "windows":
                return phrase("why.fee.windows", price=price, shares=totals,
                              window=_one(item.window))
            return phrase("why.fee.together", owed=owed, currency=item.currency, shares=totals,
                          counted=basis[2], unit=symbols.unit_words(basis[1][0][0].unit),
                          window=_one(item.window),
                          price=price)
        volume = basis[1]
        if case == "rate":
            window, count = basis[2], basis[3]
            if item.window is None:
                return phrase("why.fee.rate", owed=owed, currency=item.currency, window=window,
                              amount=Written(volume.amount),
                              unit=symbols.unit_words(volume.unit),
                              price=price)
            return phrase("why.fee.rate_past", owed=owed, currency=item.currency,
                          window=window, amount=Written(volume.amount),
                          unit=symbols.unit_words(volume.unit), per=volume.per, count=count,
                          price=price)
        return phrase("why.fee.peak" if case == "peak" else "why.fee.owed", owed=owed,
                      currency=item.currency, total=_total(symbols, volume, basis[2], basis[3]),
                      price=price, window=_one(item.window))
    if isinstance(item, ir.ChargeRule):
        charge = phrase("why.charge.part" if item.part else "why.charge",
                        percent=Exact(item.percent), period=phrase(f"unit.{item.period}"))
        payment, end, periods, *start = basis[1:]
        key = "why.charge.paid" if payment.paid else "why.charge.unpaid"
        return phrase(f"{key}.from" if start else key, owed=owed, currency=payment.unit,
                      amount=Written(payment.amount), due=payment.due, end=end,
                      late=m.Duration(count=periods, unit=item.period), charge=charge,
                      start=start[0] if start else None)
    cap = _cap_words(item.cap)
    claim, payments = basis[1:]
    worked = _cap_worked(item.cap, payments, claim.date, claim.unit)
    if value is None:
        return phrase("why.cap.unknown", cap=cap, claimed=Written(claim.amount),
                      currency=claim.unit, date=claim.date, worked=worked)
    # (what may be recovered is the claim or the cap: one of the amounts written, said so)
    return phrase("why.cap.claimed" if isinstance(item.cap, ir.Fixed) else "why.cap.claim",
                  owed=Written(value), claimed=Written(claim.amount), currency=claim.unit,
                  date=claim.date, worked=worked)


def _price_words(fee: ir.FeeRule, symbols) -> Phrase:
    """A fee's price, with its threshold: "pay 15,000 USD per 1,000,000 posts beyond
    1,000,000 posts per 24 hours"."""
    unit = symbols.unit_words(fee.stated_unit)
    # per one of a unit, as a window of one is said: "per API request"
    per = one_of(unit) if fee.per == 1 else phrase("why.fee.per", amount=fee.per, unit=unit)
    if fee.threshold is None:
        return phrase("why.fee", price=Written(fee.price), currency=fee.currency, per=per)
    return phrase("why.fee.beyond" if fee.beyond else "why.fee.if_more",
                  price=Written(fee.price), currency=fee.currency, per=per, unit=unit,
                  threshold=fee.threshold, window=fee.window)


def _cap_words(cap) -> Phrase:
    """An amount a liability is capped at, as the clause says it."""
    if isinstance(cap, ir.Fixed):
        return phrase("why.money", amount=Written(cap.amount), currency=cap.stated)
    if isinstance(cap, ir.AmountPaid):
        return phrase("why.cap.paid", duration=cap.duration)
    return phrase("why.cap.greater" if cap.greater else "why.cap.lesser",
                  amounts=Joined((_cap_words(op) for op in cap.operands), "and"))


def _cap_worked(cap, payments, event, currency: str) -> Phrase:
    """A cap worked out for a claim on ``event``: the amounts it compares, with the payments
    that make each up."""
    if isinstance(cap, ir.Fixed):
        return _cap_words(cap)
    if isinstance(cap, ir.AmountPaid):
        value = cap.value(payments, event)
        start, end = cap.since(event), event - DAY
        if value is None:
            return phrase("why.cap.paid_mixed", start=start, end=end)
        return phrase("why.cap.paid_from", amount=Written(value[0]),
                      currency=value[1] or currency, start=start, end=end)
    return phrase("why.cap.greater" if cap.greater else "why.cap.lesser", amounts=Joined(
        (_cap_worked(op, payments, event, currency) for op in cap.operands), "and"))


def _licensor(program: ir.Program, row, usage: Usage) -> tuple[Discretion, ...]:
    """What the licensor may still do, or must not, under the clauses of a stretch whose
    conditions the usage meets (with any one of its recipients)."""
    symbols = row.symbols
    rights = []
    for item in meeting(row, usage, row.stretch.licensor):
        if isinstance(item, ir.LimitRule):
            kind, text = "limit", phrase("why.licensor.limit", action=symbols.describe(
                symbols.doing(item.action), item.action), limit=limit_text(item, symbols))
        else:
            kind = "may" if item.effect == "permit" else "must-not"
            text = phrase("why.licensor.may" if kind == "may" else "why.licensor.must_not",
                          action=_activity_words(symbols, item.scope.activity))
        rights.append(Discretion(clause=item.clause, title=item.title, kind=kind, text=text))
    return _located(program, row.stretch, rights)


def _either(rules) -> Joined:
    """The clauses of permissions any one of which would do, joined with "or", in the order
    of their ids (numbers read as numbers), whatever the order the agreement writes them in."""
    return Joined(sorted({rule.clause for rule in rules}, key=lambda clause: [
        int(piece) if index % 2 else piece
        for index, piece in enumerate(re.split(r"(\d+)", clause))]), "or")


def _activity_words(symbols, activity) -> Phrase:
    """What a clause's activity names, in the agreement's words: the action, and the data,
    purposes and recipients it is confined to."""
    action = symbols.describe(symbols.doing(activity.action), activity.action)
    data = data_after(action, symbols.describe("data", activity.data)) \
        if activity.data is not None and activity.data != symbols.data_root else ""
    purposes = phrase("activity.for", purposes=Joined(
        (symbols.describe("purpose", p) for p in activity.purposes), "or")) \
        if activity.purposes else ""
    recipients = phrase("activity.with", recipients=Joined(
        (symbols.describe("recipient", r) for r in activity.recipients), "or")) \
        if activity.recipients else ""
    return phrase("why.activity", action=action, data=data, purposes=purposes,
                  recipients=recipients)


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
    key = terms_key(program, usage)
    found = table.get(key)
    if found is None:
        row = judge(program, index, usage, trace=True)
        words = _Words(row, usage)
        for event in row.events:
            words.say(event)
        found = (row, tuple(words.reasons))
        if len(table) >= _SAID_PER_STRETCH:
            table.clear()
        table[key] = found
    return found


def _spans(program: ir.Program, stretch: ir.Stretch) -> dict:
    """The span of each clause of a stretch, by its id, from the IR (kept)."""
    spans = program.runtime.setdefault("spans", {}).get(id(stretch))
    if spans is None:
        spans = program.runtime["spans"][id(stretch)] = {
            rule.clause: rule.span for rules in (stretch.permits, stretch.forbids,
                                                 stretch.limits, stretch.duties,
                                                 stretch.licensor, stretch.money,
                                                 stretch.precedence)
            for rule in rules if rule.span is not None}
    return spans


def _located(program: ir.Program, stretch: ir.Stretch, items) -> tuple:
    """Reasons or duties with the file and lines of their clause, copied from the IR's spans."""
    spans = _spans(program, stretch)
    located = []
    for item in items:
        span = spans.get(item.clause)
        located.append(item if span is None else attrs.evolve(
            item, file=span.file, line=span.line, end_line=span.end_line or span.line))
    return tuple(located)


def _dated(program: ir.Program, stretch: ir.Stretch, items, later: dict) -> tuple:
    """Reasons or duties, located (see :func:`_located`), each with the day from which it is
    said (None: the whole part; see ``_Words.later``)."""
    return tuple(zip(_located(program, stretch, items), (later.get(item) for item in items)))


def _coalesce(results):
    """Join neighbouring parts that were judged alike into one part: a split at a date that
    changed nothing for this usage is not shown. A breach due after a part is said alike in
    it, and shown where the part it falls in, so joined, reaches the day it is due: a cut
    before that day that changed nothing moves nothing. Each part's reasons and duties
    (``results``: with the day each is said from, see :func:`_dated`) come back as they are
    shown."""
    merged, signatures = [], []
    for part, outcome, reasons, duties, missing in results:
        signature = (part.version, outcome, [(r.clause, r.effect, r.text) for r, _ in reasons],
                     [duty for duty, _ in duties], missing)
        if signatures and signatures[-1] == signature:
            previous = merged[-1]
            merged[-1] = (attrs.evolve(previous[0], end=part.end, end_at=part.end_at),) + \
                previous[1:]
            continue
        merged.append((part, outcome, reasons, duties, missing))
        signatures.append(signature)
    return [(part, outcome, [r for r, day in reasons if day is None or day <= part.end],
             [d for d, day in duties if day is None or day <= part.end], missing)
            for part, outcome, reasons, duties, missing in merged]


def _joined(program: ir.Program, reasons):
    """The reasons (or duties), each said once over the run of neighbouring parts it holds
    in: a reason the same in the part after (the same clause, meaning the same there, in the
    same words) is said once, naming the days of the run, where the first of them was said:
    located where its first part's text writes the clause, and ``also`` where each later text
    writes it."""
    out: list = []
    last: dict = {}  # each reason without its part: where it was said last
    for reason in reasons:
        key = attrs.evolve(reason, part=None)
        at = last.get(key)
        if at is not None and _follows(program, out[at].part, reason.part, reason.clause):
            before, said = out[at].part, out[at]
            where = (reason.file, reason.line, reason.end_line)
            also = said.also if reason.file is None or where in said.also or \
                where == (said.file, said.line, said.end_line) else (*said.also, where)
            out[at] = attrs.evolve(said, also=also, part=attrs.evolve(
                before, end=reason.part.end, end_at=reason.part.end_at,
                version=before.version if before.version == reason.part.version else None))
            continue
        last[key] = len(out)
        out.append(reason)
    return tuple(out)


def _follows(program: ir.Program, before: Part | None, after: Part | None, clause: str) -> bool:
    """Whether part ``after`` begins where ``before`` ends, with ``clause`` meaning the same
    on both sides: within one version, or carried over unchanged into the next (its rules in
    the IR equal, as a limit that binds across a change is; see :func:`~.decide.reaches`)."""
    if before is None or after is None:
        return False
    if before.end_at is not None or after.start_at is not None:
        if before.end_at != after.start_at:
            return False
    elif after.start != before.end + DAY:
        return False
    changes = program.changes
    first = program.stretches[bisect_right(changes, before.end)]
    then = program.stretches[bisect_right(changes, after.start)]
    return first is then or first.version_index == then.version_index or \
        _meaning(program, first, clause) == _meaning(program, then, clause)


def _meaning(program: ir.Program, stretch: ir.Stretch, clause: str) -> tuple:
    """The rules of ``clause`` (a clause id, or `tier NAME`) in a stretch, kept."""
    rules = program.runtime.setdefault("meanings", {}).get(id(stretch))
    if rules is None:
        rules = program.runtime["meanings"][id(stretch)] = {}
        for rule in (*stretch.permits, *stretch.forbids, *stretch.limits, *stretch.duties,
                     *stretch.licensor, *stretch.money, *stretch.precedence):
            rules.setdefault(getattr(rule, "clause", None), []).append(rule)
        for earning in stretch.earning:
            rules.setdefault(f"tier {earning.tier}", []).append(earning)
    return tuple(rules.get(clause, ()))


def _name(name) -> str:
    """A name from the usage or the agreement, as the reasons show it: in backticks."""
    return f"`{name}`"


def _names(names) -> Joined | Phrase:
    """Names in backticks, separated by commas; "none" when there are none."""
    return Joined(map(_name, names), "comma") if names else phrase("why.none")


def _holds(key: str, ok: bool, **values) -> tuple[bool, Phrase]:
    return ok, phrase(f"{key}.is" if ok else f"{key}.is_not", **values)


def limit_text(lim: ir.LimitRule, symbols) -> Phrase:
    """A limit in words, the agreement's: "no more than 450 API requests per 15 minutes per
    app", "... 1,000 tokens in total", "... 4,096 tokens per request", "... 100 concurrent
    requests"."""
    scope = scope_words(lim.keys, symbols)
    if lim.endpoint is not None:
        scope = phrase("why.joined", first=scope, second=phrase(
            "endpoint.at", endpoint=symbols.describe("endpoint", lim.endpoint)))
    basis, unit = lim.basis, symbols.unit_words(lim.stated_unit)
    if basis == "window":
        return phrase("why.limit", amount=lim.amount, unit=unit, window=lim.window,
                      scope=scope)
    extra = {"per": one_of(symbols.unit_words(lim.stated_per))} if basis == "each" else {}
    return phrase(f"why.limit.{basis}", amount=lim.amount, unit=unit, scope=scope, **extra)


def scope_words(keys, symbols=None) -> Phrase | str:
    """What a limit counts per: " per app", " per app and channel of a server" (a scope the
    agreement declares in its words)."""
    if not keys:
        return ""
    return phrase("scope.per", keys=Joined([
        phrase(f"scope.{key}") if key in m.SCOPES else
        symbols.describe("scope", key) if symbols is not None else key for key in keys],
        "and"))


def _cited(lim: ir.LimitRule):
    """A limit's clause as a reason cites it: "clause 3.1", or a tier's "tier basic"."""
    return lim.clause if lim.tier is not None else phrase("clause_ref", ids=lim.clause)


def _moments(volume, start=None, end=None) -> tuple:
    """The first and last instant of a total where the usage states them, else its first and
    last day (``start`` and ``end`` where given, else its own)."""
    return volume.start_time or start or volume.start, volume.end_time or end or volume.end


def _total(symbols, volume, start=None, end=None) -> Phrase:
    """A total with its instants or days (see :func:`_moments`), in words (see
    :func:`_counted`)."""
    return _counted(symbols, volume, *_moments(volume, start, end))


def _counted(symbols, volume, start, end) -> Phrase:
    """A total over the time from ``start`` to ``end``, in words: "6,000 tokens from ... to
    ...", or "... on ..." where that is one day (or instant)."""
    return phrase("why.total.day" if start == end else "why.total",
                  amount=Written(volume.amount), unit=symbols.unit_words(volume.unit),
                  start=start, end=end)


def _stated(symbols, volume, usage: Usage) -> Phrase:
    """A total ``usage`` states, over its own days or else the usage's, in words."""
    return _total(symbols, volume, *stated_days(volume, usage))


def _totals(symbols, volumes, usage: Usage) -> Joined:
    """Totals of ``usage``, in words: "6,000 tokens from ... to ... and ..."."""
    return Joined([_stated(symbols, volume, usage) for volume in volumes], "and")


def _side_by_side(symbols, members, around, usage: Usage) -> Joined:
    """Totals stated side by side, in words, the shares of a total that they count said with
    it (``around``: (total, its shares, first, last), see :meth:`~.decide.Tally.together`):
    "5,000 tokens from ... (stated within 20,000 tokens from ... as its count on the days from
    ... to ... it binds the usage) and 4,000 tokens from ..."."""
    of = {id(share): entry for entry in around for share in entry[1]}
    parts, said = [], set()
    for member in members:
        entry = of.get(id(member))
        if entry is None:
            parts.append(_stated(symbols, member, usage))
        elif id(entry[0]) not in said:
            said.add(id(entry[0]))
            total, told, first, last = entry
            parts.append(phrase("why.shares.within", shares=_totals(symbols, told, usage),
                                total=_stated(symbols, total, usage),
                                first=first, last=last))
    return Joined(parts, "and")


def _shares(shares) -> Joined:
    """What each limit allows of a total on its days, as :meth:`~.decide.Tally.most` sums them:
    "1,000 from 2024-06-15 to 2024-06-30 (clause L)"."""
    return Joined([phrase("why.total.share", allowed=allowed, first=first, last=last,
                          cited=_cited(lim))
                   for lim, first, last, _, allowed in shares], "and")


def _one(window):
    """One limit window, as the sentences that speak of one say it: "day", "calendar month",
    "window of 30 seconds" (not "one 30 seconds")."""
    if window is None or window.calendar or window.count == 1:
        return window
    return phrase("why.window_of", window=window)


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
        # each reason and duty said only from a day after the part (a breach due later): that
        # day (see `_coalesce`)
        self.later: dict = {}
        self._from: _dt.date | None = None  # that day, for what is being said
        # the day the agreement ended, where the part lies after it: no use is permitted then
        self.ended: _dt.date | None = None

    def reason(self, clause: str, title, effect: str, text):
        self._give(Reason(clause=clause, title=title, effect=effect, text=text), self.reasons)

    def duty(self, clause, title, text, deadline=None, status="pending"):
        self._give(Duty(clause=clause, title=title, text=text, deadline=deadline,
                        status=status), self.duties)

    def _give(self, item, given: list):
        if item not in self._said:
            self._said.add(item)
            given.append(item)
            if self._from is not None:
                self.later[item] = self._from

    def say(self, event):
        getattr(self, "on_" + event[0].replace("-", "_"))(*event[1:])

    def unit(self, volume) -> str:
        """The words of the unit of a volume the usage states, the agreement's."""
        return self.symbols.unit_words(volume.unit)

    # -- what the terms decided -------------------------------------------------------------
    def on_no_version(self):
        self.reason("", None, "not-in-force", phrase("why.no_version"))

    def on_act(self, act):
        self.reason("", None, "permits", phrase("why.act", act=_name(act)))

    def on_terminated(self, date):
        self.ended = date
        self.reason("", None, "not-in-force", phrase("why.terminated", date=date))

    def on_permits(self, rule: ir.Rule, f: ir.Facts):
        u = self.u
        if self.ended is not None:  # a permission that survives the end permits no use after it
            self.reason(rule.clause, rule.title, "no-permission", phrase(
                "why.does_not_permit", why=phrase("why.ended_not", date=self.ended)))
            return
        self.reason(rule.clause, rule.title, "permits", phrase("why.says.permits", what=phrase(
            # (an act uses no data; nor does a use where the agreement names no kinds of data)
            "why.permitted_act" if f.data is None else "why.permitted", action=_name(f.action),
            **({} if f.data is None else {"data": _name(f.data)}),
            purpose=phrase("why.permits.for", purpose=_name(u.purpose)) if u.purpose else "",
            approved=phrase("why.permits.approved", app=_name(u.app))
            if rule.scope.approved else "",
            recipients=phrase("why.permits.with", names=_names([f.recipient]))
            if f.recipient else "")))

    def on_unconditioned(self, rule: ir.Rule, others: tuple, f: ir.Facts):
        self.reason(rule.clause, rule.title, "permits", phrase(
            "why.provisos_not_owed", clause=_either(others),
            recipients=phrase("why.permits.with", names=_names([f.recipient]))
            if f.recipient else ""))

    def on_unrelied(self, rule: ir.Rule, others: tuple):
        self.reason(rule.clause, rule.title, "permits",
                    phrase("why.provisos_not_relied", clause=_either(others)))

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
            "why.overridden.limit", limit=limit_text(lim, self.symbols),
            others=_conflicting(conflicts),
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
            "why.limit_excepted", limit=limit_text(lim, self.symbols),
            exception=_exception(lifted)))

    # -- what the amounts and dates decided -------------------------------------------------
    def on_earned(self, rule: ir.EarningRule, total, day, earned: bool, uncounted=()):
        said = phrase("why.earned" if earned else "why.unearned", amount=Written(rule.amount),
                      currency=rule.stated, paid=Against(total, rule.amount), date=day)
        if uncounted:  # paid in another currency: not counted, and said so
            said = phrase("why.unearned.other_one" if len(uncounted) == 1 else
                          "why.unearned.other_many", said=said, currency=rule.stated,
                          payments=Joined([phrase("why.payment", amount=Written(amount),
                                                  currency=currency, date=when)
                                           for amount, currency, when in uncounted], "and"))
        self.reason(f"tier {rule.tier}", rule.title, "earned" if earned else "not-earned", said)

    def on_zero(self, lim: ir.LimitRule):
        self.reason(lim.clause, lim.title, "exceeds", phrase(
            "why.zero_allowed", limit=limit_text(lim, self.symbols),
            action=_name(self.row.action)))

    def on_cap_used(self, lim: ir.LimitRule, volume, start, end):
        self.reason(lim.clause, lim.title, "exceeds", phrase(
            "why.cap.used", limit=limit_text(lim, self.symbols),
            counted=_counted(self.symbols, volume, start, end), action=_name(self.row.action)))

    def on_money_apart(self, lim: ir.LimitRule, other):
        spent = Joined([_stated(self.symbols, volume, self.u) if not volume.is_rate else phrase(
            "why.money.rate", amount=Written(volume.amount), unit=self.unit(volume),
            per=volume.per) for volume in other], "and")
        currency = self.symbols.unit_words(lim.unit)
        self.reason(lim.clause, lim.title, "undetermined", phrase(
            "why.money.other", limit=limit_text(lim, self.symbols), spent=spent,
            currency=currency))
        self.add_missing(phrase("why.money.missing", spent=spent, currency=currency,
                                cited=_cited(lim)))
        self.duty(lim.clause, lim.title, limit_text(lim, self.symbols))

    def on_endpoint_open(self, lim: ir.LimitRule):
        self.reason(lim.clause, lim.title, "undetermined", phrase(
            "why.endpoint.open", limit=limit_text(lim, self.symbols)))
        self.add_missing(phrase("why.value.endpoint"))  # one question for every such limit

    def on_endpoint_asked(self, lim: ir.LimitRule):
        self.add_missing(phrase("why.value.endpoint"))

    def on_limit_duty(self, lim: ir.LimitRule):
        self.duty(lim.clause, lim.title, limit_text(lim, self.symbols))

    def on_rate(self, lim: ir.LimitRule, volume, goal, source, exceeded):
        text = phrase("why.rate", limit=limit_text(lim, self.symbols),
                      amount=Written(volume.amount), unit=self.unit(volume), per=volume.per,
                      converted=Against(volume.amount * goal / source, lim.amount),
                      window=lim.window)
        self.reason(lim.clause, lim.title, "exceeds" if exceeded else "within", text)
        if not exceeded:
            self.duty(lim.clause, lim.title, limit_text(lim, self.symbols))

    def on_total(self, lim: ir.LimitRule, volume, verdict, windows, start, end, days, most):
        first, last = _moments(volume, start, end)
        stated = _total(self.symbols, volume, start, end)
        window, limit = _one(lim.window), limit_text(lim, self.symbols)
        if windows is None and verdict != PERMITTED:
            self.beyond(lim, volume, verdict, limit, stated, start, end, days, most)
        elif verdict == DENIED and windows == 1:  # (its average is the whole of it)
            self.reason(lim.clause, lim.title, "exceeds", phrase(
                "why.total.exceeds_one", limit=limit, total=stated, window=window))
        elif verdict == DENIED:
            self.reason(lim.clause, lim.title, "exceeds", phrase(
                "why.total.exceeds", limit=limit, total=stated,
                average=Against(volume.amount / windows, lim.amount), window=lim.window,
                count=windows, windows=_windows(lim.window, windows)))
        elif verdict == PERMITTED:
            self.reason(lim.clause, lim.title, "within", phrase(
                "why.total.fits", limit=limit, total=stated, window=window))
            self.duty(lim.clause, lim.title, limit)
        else:
            self.reason(lim.clause, lim.title, "undetermined", phrase(
                "why.total.may_exceed", limit=limit, total=stated, window=window))
            self.add_missing(phrase("why.peak", unit=self.unit(volume), window=window,
                                    start=first, end=last, cited=_cited(lim)))

    def on_total_shared(self, lim: ir.LimitRule, volume, start, end, told):
        self.reason(lim.clause, lim.title, "within", phrase(
            "why.total.shared", limit=limit_text(lim, self.symbols),
            total=_counted(self.symbols, volume, start, end),
            shares=_totals(self.symbols, told, self.u)))

    def on_in_total(self, lim: ir.LimitRule, volume, verdict, counted, start, end, days, most,
                    own=None, earlier=()):
        if volume.is_rate:
            stated = phrase("why.cap.rate", amount=Written(volume.amount), unit=self.unit(volume),
                            per=volume.per, counted=counted if own is None else own,
                            start=start, end=end)
            if earlier:  # with the totals stated before the period (see `Tally.in_total`)
                stated = phrase("why.cap.rate_after", rate=stated, counted=counted,
                                unit=self.unit(volume),
                                earlier=_totals(self.symbols, earlier, self.u))
        else:
            stated = _counted(self.symbols, volume, start, end)
        limit = limit_text(lim, self.symbols)
        if verdict == DENIED and most is None:
            self.reason(lim.clause, lim.title, "exceeds",
                        phrase("why.cap.exceeds", limit=limit, counted=stated))
        elif verdict == PERMITTED:
            self.reason(lim.clause, lim.title, "within",
                        phrase("why.cap.fits", limit=limit, counted=stated))
            self.duty(lim.clause, lim.title, limit)
        else:
            self.beyond(lim, volume, verdict, limit, stated, start, end, days, most)

    def on_cap_shared(self, lim: ir.LimitRule, volume, verdict, counted, start, end, days, told):
        limit = limit_text(lim, self.symbols)
        self.reason(lim.clause, lim.title, "exceeds" if verdict == DENIED else "within", phrase(
            "why.cap.shared_exceeds" if verdict == DENIED else "why.cap.shared_fits",
            limit=limit, total=_counted(self.symbols, volume, start, end),
            first=max(days[0], start), last=min(days[1], end), counted=counted,
            unit=self.unit(volume), shares=_totals(self.symbols, told, self.u)))
        if verdict != DENIED:
            self.duty(lim.clause, lim.title, limit)

    def on_together(self, lim: ir.LimitRule, verdict, least, most, members, around, windows):
        limit, window = limit_text(lim, self.symbols), _one(lim.window)
        shares = _side_by_side(self.symbols, members, around, self.u)
        unit = self.unit(members[0])
        if verdict == UNDETERMINED:
            moments = [_moments(member, *stated_days(member, self.u)) for member in members]
            first = min(moments, key=lambda pair: bounds(pair[0])[0])[0]
            last = max(moments, key=lambda pair: bounds(pair[1])[1])[1]
            if windows is None:  # one window meets them all, none holds them (`Tally.met`)
                self.reason(lim.clause, lim.title, "undetermined", phrase(
                    "why.shares.window_meet", limit=limit, shares=shares, most=most, unit=unit,
                    window=window))
                self.add_missing(phrase("why.peak", unit=unit, window=window, start=first,
                                        end=last, cited=_cited(lim)))
                return
            self.reason(lim.clause, lim.title, "undetermined", phrase(
                "why.shares.overlap" if window is None else "why.shares.window_overlap",
                limit=limit, shares=shares, least=least, most=most, unit=unit, window=window))
            self.add_missing(phrase("why.cap.missing", unit=unit, cited=_cited(lim),
                                    first=first, last=last))
            return
        counted = least if verdict == DENIED else most
        if windows == 0:  # up to a cap in total before the period (see `Tally.counted`)
            self.reason(lim.clause, lim.title, "exceeds", phrase(
                "why.shares.used", limit=limit, shares=shares, counted=counted, unit=unit,
                action=_name(self.row.action)))
            return
        if windows > 1:  # over the windows they span (see `Tally.spread`)
            self.reason(lim.clause, lim.title, "exceeds", phrase(
                "why.shares.average", limit=limit, shares=shares, counted=counted, unit=unit,
                average=Against(counted / windows, lim.amount), window=lim.window,
                count=windows, windows=_windows(lim.window, windows)))
            return
        key = "why.shares.fit" if verdict == PERMITTED else \
            "why.shares.exceed" if window is None else "why.shares.window_exceed"
        self.reason(lim.clause, lim.title, "exceeds" if verdict == DENIED else "within", phrase(
            key, limit=limit, shares=shares, counted=counted, unit=unit, window=window))
        if verdict != DENIED:
            self.duty(lim.clause, lim.title, limit)

    def beyond(self, lim: ir.LimitRule, volume, verdict, limit, stated, start, end, days, most):
        """A total that runs beyond the days a limit binds the usage, and is not within it:
        more than every limit binding it on those days allows together (``most``, see
        ``Tally.most``), or else its share of the limit's days is not stated."""
        if verdict == DENIED:
            self.reason(lim.clause, lim.title, "exceeds", phrase(
                "why.total.beyond_most", limit=limit, total=stated, most=most[0],
                unit=self.unit(volume), shares=_shares(most[1])))
            return
        first, last = max(days[0], start), min(days[1], end)
        # (where a fact's instant within a day cuts the days it binds, from or to that instant)
        if days[2] is not None and day_of(days[2]) == first:
            first = days[2]
        if days[3] is not None and day_of(days[3]) == last:
            last = Before(days[3])  # (the fact holds from it: the limit binds up to it)
        shared = phrase("why.cap.share", limit=limit, counted=stated, first=first, last=last)
        self.reason(lim.clause, lim.title, "undetermined", shared if most is None else phrase(
            "why.total.share_most", share=shared, most=most[0], unit=self.unit(volume),
            shares=_shares(most[1])))
        self.add_missing(phrase("why.cap.missing", unit=self.unit(volume), first=first,
                                last=last, cited=_cited(lim)))

    def on_peak(self, lim: ir.LimitRule, volume, exceeded):
        if volume.concurrent:
            text = phrase("why.cap.concurrent", limit=limit_text(lim, self.symbols),
                          amount=Written(volume.amount), unit=self.unit(volume))
        else:
            text = phrase("why.cap.each", limit=limit_text(lim, self.symbols),
                          amount=Written(volume.amount), unit=self.unit(volume),
                          per=one_of(self.symbols.unit_words(volume.each)))
        self.reason(lim.clause, lim.title, "exceeds" if exceeded else "within", text)
        if not exceeded:
            self.duty(lim.clause, lim.title, limit_text(lim, self.symbols))

    def on_duty(self, duty: ir.DutyRule, finding, ended=None, later: _dt.date | None = None):
        """A duty's finding in words; ``ended``: the last day a duty still pending binds the
        usage, before the usage's end (it owes nothing after that day, which its words say);
        ``later``: for a breach due after this part, the day it falls due: said only where
        the part shown (see `_coalesce`) reaches that day."""
        self._from = later
        self._duty_words(duty, finding, ended)
        self._from = None

    def _duty_words(self, duty: ir.DutyRule, finding, ended):
        text = phrase("why.duty", duty=duty.description,
                      deadline=_deadline(duty.deadline, finding, self.symbols,
                                         doing(self.symbols, self.u), self._since(duty),
                                         _name(self.u.act) if self.u.act in duty.done_by
                                         else _name(duty.shown_by)))
        if ended is not None:
            text = phrase("why.duty_ended", duty=text, date=ended)
        status, fact = finding.status, _name(duty.shown_by)
        by_act = bool(duty.done_by)  # done by an act of the licensee, not shown by a fact
        if duty.deadline.kind == "judged" and status in ("met", "late", "breached"):
            # whether it was in time is the finding on the deadline's standard
            standard = _name(duty.deadline.standard)
            if status == "breached":
                said = phrase("why.judged.breached", duty=text, standard=standard, undone=phrase(
                    "why.undone.act", act=fact) if by_act else self.fact(duty.shown_by, False))
            else:
                said = phrase(f"why.judged.{status}", duty=text, standard=standard, done=phrase(
                    "why.done.act", act=_name(self.u.act)) if self.u.act in duty.done_by
                    else phrase("why.fact.is", fact=fact))
            effect = "met" if status == "met" else "breached"
            self.duty(duty.clause, duty.title, text, finding.due, effect)
            self.reason(duty.clause, duty.title, effect, said)
        elif status == "met":
            self.duty(duty.clause, duty.title, text, finding.due, "met")
            self.reason(duty.clause, duty.title, "met", phrase(
                "why.met.act", act=_name(self.u.act), duty=text) if self.u.act in duty.done_by
                else phrase("why.met", fact=fact, duty=text))
        elif status == "breached":
            # a fact the usage dates after the time judged (its last day, or this part's) has
            # not happened by then: it is stated, and came after the duty was due
            after = self.u.fact_date(duty.shown_by) if duty.shown_by is not None and \
                duty.shown_by in self.u.stated_names() else None
            self.duty(duty.clause, duty.title, text, finding.due, "breached")
            self.reason(duty.clause, duty.title, "breached", phrase(
                "why.breached.act", act=fact, duty=text) if by_act else
                phrase("why.overdue", fact=fact, date=finding.done, duty=text)
                if finding.done is not None else
                phrase("why.late", fact=fact, date=after, duty=text) if after is not None else
                phrase("why.breached", fact=fact, duty=text))
        elif status == "late":
            self.duty(duty.clause, duty.title, text, finding.due, "breached")
            self.reason(duty.clause, duty.title, "breached", phrase(
                "why.late.act", act=_name(self.u.act), date=finding.done, duty=text)
                if self.u.act in duty.done_by else
                phrase("why.late", fact=fact, date=finding.done, duty=text))
        elif status == "refused":
            self.duty(duty.clause, duty.title, text, finding.due, "breached")
            self.reason(duty.clause, duty.title, "breached",
                        phrase("why.refused", name=_name(duty.duty), duty=text))
        elif status == "unknown" and finding.undated:
            # counted from its last time, or from its event, which may have come after it
            names = Joined([_name(n) for n in finding.undated], "and")
            self.duty(duty.clause, duty.title, text, finding.due)
            self.reason(duty.clause, duty.title, "undetermined", phrase(
                "why.duty_undated.undone", duty=text, names=names, fact=fact)
                if finding.done is None else phrase(
                "why.duty_undated.done", duty=text, names=names, fact=fact, date=finding.done)
                if duty.deadline.kind != "every" else phrase(
                "why.duty_undated", duty=text, names=names, fact=fact, date=finding.done,
                event=event_words(duty.deadline.after)))
            self.add_missing(phrase("why.date", names=names,
                                    cited=phrase("clause_ref", ids=duty.clause)))
        elif status == "unknown":
            self.duty(duty.clause, duty.title, text, finding.due)
            self.reason(duty.clause, duty.title, "undetermined",
                        phrase("why.duty_unknown", duty=text))
            names = [_name(duty.shown_by) if n == "done" else _name(n)
                     for n in finding.unknown]
            self.add_missing(phrase("why.time_of_day", names=Joined(names, "and"),
                                    cited=phrase("clause_ref", ids=duty.clause)))
        else:
            self.duty(duty.clause, duty.title, text, finding.due)

    def _since(self, duty: ir.DutyRule) -> _dt.date | None:
        """The day a time left to judgement is counted from where its event came before the
        clause binds (docs/semantics.md, section 18, item 3): that day; else None."""
        if duty.deadline.kind != "judged":
            return None
        event = self.u.fact_date(duty.deadline.event)
        owed = duty.deadline.owed_from(event)
        return None if owed is event else owed

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
        action = s.describe(s.doing(a.action), a.action)
        if a.data is not None and a.data != s.data_root:
            data = data_after(action, s.describe("data", a.data))
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
            "why.prohibited", action=action, data=data,
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
            if guard.subject == "data" and f.data is None:  # an act, which uses no data
                return ok, phrase("why.data.none", act=_name(u.act or f.action))
            return _holds(f"why.{guard.subject}", ok, value=_name(getattr(f, guard.subject)),
                          name=wanted)
        if isinstance(guard, ir.Approved):
            return ok, self.approved(f) or phrase("why.approved", purpose=_name(u.purpose),
                                                  app=_name(u.app))
        if isinstance(guard, ir.Subscribed):
            if u.tier is not None and not ok:  # (stated, but not offered in the stretch)
                return _holds("why.offered", False, tier=_name(u.tier))
            return _holds("why.subscribed", ok, tier=_name(u.tier))
        if isinstance(guard, ir.TierIs):
            if u.tier is None:
                return _holds("why.subscribed", False)
            if u.tier == guard.name and not guard.offered:
                return _holds("why.offered", False, tier=_name(u.tier))
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
            return ok, self.fact(guard.name, ok)
        if isinstance(guard, ir.Standard):
            question = phrase("why.quoted", text=self.symbols.describe("standard", guard.name))
            stated = dict(u.findings).get(guard.name)
            key = "why.found.open" if stated is None else "why.found.is" if ok else \
                "why.found.is_not"
            return ok, phrase(key, standard=_name(guard.name), question=question)
        if isinstance(guard, (ir.AttributeIs, ir.MeasureIs)):
            return ok, self.attribute(guard, f, ok)
        if isinstance(guard, (ir.DateGap, ir.SameWindow)):
            return ok, self.dates(guard, f, ok)
        if isinstance(guard, ir.AppsFor):
            count = guard.count(f)
            return ok, self.unstated("app") or self.unstated("purpose") or _holds(
                "why.apps_for.one" if count == 1 else "why.apps_for", ok, count=count,
                purpose=_name(u.purpose),
                comparison=phrase("why.range." + guard.comparison.replace(" ", "_"),
                                  value=guard.amount))[1]
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


    def fact(self, name: str, ok: bool) -> Phrase:
        """Whether a fact holds, or when it comes about where the usage states it for a later
        day (after its last day, or after the part of its period judged: see `decide.cuts`)."""
        u = self.u
        if not ok and name in u.stated_names():
            date = u.fact_date(name)
            return phrase("why.fact.not_yet" if not u.ends_before(date) else
                          "why.fact.after_end" if day_of(date) == u.last_day else
                          "why.fact.later", fact=_name(name), date=date)
        return _holds("why.fact", ok, fact=_name(name))[1]

    def dates(self, guard, f: ir.Facts, ok: bool) -> Phrase:
        """A comparison of two facts' dates, with the dates the usage states, or what it
        does not state (or states for a later day)."""
        first, second = guard.first, guard.second
        unstated = [n for n in (first, second) if n not in f.facts]
        if unstated:
            return self.fact(unstated[0], False)
        if f.dates[first] is None or f.dates[second] is None:
            return phrase("why.dates.open_either", names=_undated(guard.key, self.u),
                          condition=_compared(guard.key))
        words = dict(first=_name(first), a=f.dates[first], second=_name(second),
                     b=f.dates[second])
        if isinstance(guard, ir.DateGap):
            how = phrase("why.range." + guard.comparison.replace(" ", "_"),
                         value=guard.duration)
            return phrase("why.gap.is" if ok else "why.gap.is_not", comparison=how, **words)
        return phrase("why.same.is" if ok else "why.same.is_not",
                      window=phrase(f"same.{guard.unit}"), **words)

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


def _deadline(deadline: ir.Deadline, finding, symbols, action: str | None = None,
              since: _dt.date | None = None, last: str = "") -> Phrase | str:
    """A duty's deadline in words, with when it falls due where the usage tells; before an
    action the usage's ``action`` falls under, that action, said as a kind of it; a time left
    to judgement after an event that came before the clause binds, counted from ``since``,
    the day it binds. ``last``: what shows the duty last done (its fact, or the usage's act),
    which a recurring duty without an event is counted from."""
    due = finding.due
    if deadline.kind == "judged":
        return phrase("why.within_judged" if since is None else "why.within_judged.since",
                      event=_name(deadline.event), date=since,
                      standard=_name(deadline.standard), question=phrase(
                          "why.quoted", text=symbols.describe("standard", deadline.standard)))
    if deadline.kind in ("within", "upon", "every"):
        if due is None:
            when = ""
        elif deadline.kind == "every" and finding.done is not None and \
                finding.status == "met":
            when = phrase("why.due_next", due=due)
        elif deadline.kind == "upon" and not isinstance(due, _dt.datetime):
            when = phrase("why.due_on", date=due)
        elif finding.exact:
            when = phrase("why.due_by", due=due)
        else:
            # (a recurring duty without an event: counted from the last time it was done)
            when = phrase("why.due_during", date=due, event=last if deadline.after is None
                          else event_words(deadline.after))
        if deadline.kind == "upon":
            return phrase("why.upon", event=event_words(deadline.after), due=when)
        if deadline.kind == "every":
            after = phrase("why.every.after", event=event_words(deadline.after)) \
                if deadline.after is not None else ""
            return phrase("why.every", duration=deadline.duration, after=after, due=when)
        return phrase("why.within", duration=deadline.duration,
                      event=event_words(deadline.after), due=when)
    if deadline.kind in ("before-action", "before-fact"):
        due = phrase("why.due_on", date=due) if due is not None else ""
        if deadline.kind == "before-action" and action not in (None, deadline.event) and \
                symbols.under("action", action, deadline.event):
            return phrase("why.before.kind", action=action, event=_name(deadline.event),
                          due=due)
        return phrase("why.before", event=_name(deadline.event), due=due)
    if deadline.kind == "by":
        return phrase("why.by", date=deadline.date)
    return ""


def event_words(event) -> Phrase | str:
    """An event in words: a fact by its name in backticks, `termination` in words, or the
    later or earlier of several."""
    def one(name):
        return phrase("why.event.termination") if name == m.TERMINATION else _name(name)

    if event.pick is None:
        return one(event.names[0])
    return phrase(f"why.event.{event.pick}", events=Joined([one(n) for n in event.names],
                                                            "and"))
