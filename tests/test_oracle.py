"""The evaluator on the IR against the evaluator it replaced, kept here as an oracle.

On generated agreements and on every shipped usage, both must give the same outcome, reasons,
duties and missing facts, except where the IR evaluator fixes a defect on purpose:

- several recipients are judged one by one (the old one required every recipient to fall under
  an exception's recipients while a prohibition bit on any one);
- the clauses of a schedule apply to that schedule's apps (the old one ignored them);
- deadlines are judged in the unit they are written in, a fact stated after its deadline is
  reported as late, and a deadline the facts' precision cannot decide is undetermined (the old
  one judged hours from midnight and said a late fact was not stated);
- a reason is given once: the old one repeated it for a volume stated twice;
- a limit that binds a usage on both sides of a cut of its period (a date where anything in the
  agreement changes) is judged over all the days it binds (the old one judged each part alone,
  and a total across parts came out undetermined).

The old evaluator predates standards (questions left to judgement), fees and refusals, so the
law compares the two on the agreements and usages without them.
"""


import attrs
from hypothesis import given

import contractdsl
from contractdsl import model as m
from contractdsl.evaluation import explain
from contractdsl.semantics.lower import lower
from contractdsl.strategies import agreements_with_usages
from contractdsl.usage import read_usages
from conftest import TWITTER, TWITTER_FILES
from test_laws import busy_cases, cases

import oracle_evaluator


def old(agreement, usage):
    return oracle_evaluator.CompiledAgreement(agreement).explain(usage)


def new(agreement, usage):
    return explain(lower(agreement), usage)


def words(decision):
    return (decision.outcome, tuple(dict.fromkeys(decision.reasons)), decision.obligations,
            decision.missing)


CHANGED_ON_PURPOSE = {"why.late", "why.duty_unknown", "why.due_during", "why.scheduled.is",
                      "why.scheduled.is_not"}


def _keys(text):
    key = getattr(text, "key", None)
    if key is None:
        return
    yield key
    for value in text.values.values():
        for item in (value.items if hasattr(value, "items") and not isinstance(value, dict)
                     else (value,)):
            yield from _keys(item)


def deliberately_changed(agreement: m.Agreement, usage, decision) -> bool:
    """Whether the usage is one of the cases the IR evaluator fixes on purpose."""
    if len(usage.recipients) > 1 or any(s.clauses for s in agreement.schedules):
        return True
    texts = [r.text for r in decision.reasons] + [d.text for d in decision.obligations] + \
        list(decision.missing)
    if any(key in CHANGED_ON_PURPOSE for text in texts for key in _keys(text)):
        return True
    if usage.volume and any(usage.first_day < day <= usage.last_day
                            for day in lower(agreement).changes):
        return True
    # a `within` deadline whose trigger is dated: the old one printed it from midnight
    return any("why.within" in set(_keys(d.text)) and d.deadline is not None
               for d in decision.obligations)


def agree(agreement, usage):
    usage = attrs.evolve(usage, refuses=())  # the old evaluator predates refusals
    try:
        expected = words(old(agreement, usage))
    except contractdsl.ContractError as err:
        try:
            new(agreement, usage)
        except contractdsl.ContractError as found:
            assert type(found) is type(err) and found.diagnostics == err.diagnostics
            return
        raise AssertionError(f"the old evaluator refused the usage: {err}")
    decision = new(agreement, usage)
    if deliberately_changed(agreement, usage, decision):
        return
    assert words(decision) == expected


@given(cases(standards=False, fees=False))
def test_the_ir_evaluator_agrees_with_the_oracle(case):
    agree(*case)


@given(busy_cases(standards=False, fees=False))
def test_the_ir_evaluator_agrees_with_the_oracle_on_duties_and_limits(case):
    agree(*case)


@given(agreements_with_usages(standards=False, fees=False))
def test_the_ir_evaluator_agrees_with_the_oracle_on_any_usage(case):
    agree(*case)


def test_the_ir_evaluator_agrees_with_the_oracle_on_every_shipped_usage():
    agreement = contractdsl.load(*(p for p in TWITTER_FILES if not p.name.startswith("x-")))
    usages = [attrs.evolve(u, refuses=()) for path in sorted((TWITTER / "usages").glob("*.yaml"))
              if not path.name.startswith("x-") for u in read_usages(path)]
    assert len(usages) > 20
    for usage in usages:
        assert not deliberately_changed(agreement, usage, new(agreement, usage))
        assert words(new(agreement, usage)) == words(old(agreement, usage))
