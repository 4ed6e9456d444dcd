"""The intermediate representation: one symbol table, stretches, rules in normal form, JSON."""

import contextlib
import datetime as dt
import io
import json
import re

from hypothesis import given

import contractdsl
from contractdsl.evaluation.decide import RuleIndex, mismatch
from contractdsl.strategies import agreements_with_usages
from contractdsl.syntax import parse_document
from contractdsl.semantics import ir
from contractdsl.semantics.ir import to_json
from contractdsl.semantics.lower import lower
from contractdsl.semantics.symbols import SymbolTable
from conftest import ROOT, TWITTER_FILES

TEXT = """
agreement "Licence" version "1".
licensee "Developer".
effective 2024-01-01.
terminates 2025-12-31.
action use "use".
action read "read" under use.
data content "the data".
data records "records" under content.
data research "research data sets" under content.
purpose analysis "analysis".
purpose research "research" under analysis.
recipient third_party "a third party".
recipient government "a government" under third_party.
fact notified "notified".
duty notify "notify" shown by notified.
unit records "records" alias rows.
tier pro "Pro": read no more than 1,000 rows per day.
app tool "Tool" approved for research labelled production serving government.
clause 1: licensee may use content for analysis when app is labelled production and date is before 2024-07-01.
clause 2: licensee must not read research with third_party except as permitted by 3.
clause 3 survives 1 year: licensee may read content with government provided licensee must notify within 2 hours after notified.
clause 4: licensee must not read more than 3 records per 2 hours per app.
"""


def program():
    return lower(contractdsl.Agreement(documents=(parse_document(TEXT, "licence.agreement"),)))


def test_one_symbol_table_keeps_each_kind_apart():
    symbols = SymbolTable([parse_document(TEXT)])
    assert symbols.describe("data", "research") == "research data sets"
    assert symbols.describe("purpose", "research") == "research"
    assert symbols.covered("recipient", ["third_party"]) == {"third_party", "government"}
    assert symbols.unit_of("rows") == "records"
    assert symbols.approved_purposes("tool") == {"research"}


def test_time_is_cut_into_stretches_at_every_change():
    p = program()
    assert p.changes == (dt.date(2024, 1, 1), dt.date(2024, 7, 1), dt.date(2026, 1, 1),
                         dt.date(2027, 1, 1))
    assert [s.state for s in p.stretches] == ["none", "in-force", "in-force", "surviving",
                                              "surviving"]
    # after termination only the clause that survives is left, for a year
    assert [r.clause for r in p.stretches[3].permits] == ["3"]
    assert p.stretches[4].permits == () and p.stretches[4].limits == ()
    assert p.stretches[3].terminated == dt.date(2025, 12, 31)


def test_a_clause_lowered_again_for_its_date_keeps_what_the_symbol_table_alone_decides():
    text = """
agreement "Licence" version "1".
effective 2024-01-01.
action use "use".
data content "the data".
purpose research "research".
recipient partner "a partner".
clause 1: licensee may use content for research when recipient is partner and date is before 2024-07-01.
"""
    p = lower(contractdsl.Agreement(documents=(parse_document(text, "licence.agreement"),)))
    before, after = (s.permits[0] for s in p.stretches[1:3])
    # the date's test is lowered for each stretch, the scope and the name's test once
    assert [op.value for op in before.guard.operands[1:]] == [True]
    assert [op.value for op in after.guard.operands[1:]] == [False]
    assert before.scope is after.scope
    assert before.guard.operands[0] is after.guard.operands[0]
    assert after.guard.operands[0].covers == {"partner"}


def test_rules_are_in_normal_form():
    first, second = program().stretches[1:3]
    licence = first.permits[0]
    assert licence.scope.actions == {"use", "read"}
    assert licence.scope.purposes == {"analysis", "research"}
    # the date condition is decided by the stretch; the label resolved to the apps it names
    when = licence.guard
    assert isinstance(when, ir.All)
    assert [type(g).__name__ for g in when.operands] == ["AppIn", "Const"]
    assert when.operands[0].apps == {"tool"}
    assert when.operands[1].value is True
    assert second.permits[0].guard.operands[1].value is False
    ban = first.forbids[0]
    assert ban.scope.recipients == {"third_party", "government"} and ban.lifted_by == ("3",)
    limit, allowance = first.limits
    assert (limit.amount, limit.unit, limit.scope) == (3, "records", "app")
    assert limit.window.count == 2
    assert (allowance.clause, allowance.tier, allowance.stated_unit) == ("tier pro", "pro",
                                                                           "rows")
    (proviso,) = first.permits[1].provisos
    assert (proviso.deadline.kind, proviso.deadline.after.names) == ("within", ("notified",))


def test_the_ir_is_json():
    data = json.loads(to_json(program()))
    assert data["node"] == "Program"
    rule = data["stretches"][1]["permits"][0]
    assert rule["node"] == "Rule" and rule["clause"] == "1"
    assert rule["scope"]["purposes"] == ["analysis", "research"]
    assert rule["span"]["file"] == "licence.agreement" and rule["span"]["line"] == 20
    assert data["stretches"][1]["limits"][0]["amount"] == "3"


def test_a_guard_has_one_meaning():
    symbols_facts = ir.Facts("tool", "read", "records", "research", "government", None,
                             frozenset({"notified"}), True)
    guard = ir.All(operands=(ir.Fact(name="notified"),
                             ir.Not(operand=ir.Is(subject="recipient", name="government",
                                                  covers=frozenset({"government"})))))
    assert ir.holds(guard, symbols_facts) is False
    assert ir.holds(None, symbols_facts) is True
    assert guard.constant is None and ir.Not(operand=ir.Const(
        value=False, about="date_before", date=dt.date(2024, 1, 1))).constant is True


def test_the_caller_owns_the_compiled_agreement():
    agreement = contractdsl.parse(TEXT)
    compiled = contractdsl.compile(agreement)
    assert agreement.compiled is compiled and contractdsl.compile(agreement) is compiled
    usage = {"app": "tool", "action": "read", "purpose": "research", "date": "2024-02-01"}
    contractdsl.permits(compiled, usage)
    assert compiled.runtime["rows"]  # decisions are kept by this program only
    other = contractdsl.parse(TEXT)
    assert other == agreement and other.compiled is None


def test_decide_without_the_garbage_collector_switch():
    import gc

    assert gc.isenabled()
    contractdsl.permits_many(contractdsl.parse(TEXT), [
        {"app": "tool", "action": "read", "purpose": "research", "date": "2024-02-01"}] * 3)
    assert gc.isenabled()


def test_the_worked_example_of_the_architecture_page_runs_as_shown():
    page = (ROOT / "docs" / "architecture.md").read_text()
    example = page[page.index("### A worked example"):]
    blocks = re.findall(r"```(\w+)\n(.*?)```", example, re.S)
    code = next(body for kind, body in blocks if kind == "python")
    shown = [body for kind, body in blocks if kind == "text"]
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed), contextlib.chdir(ROOT):
        exec(code, {})
    assert printed.getvalue() == shown[1]
    agreement = contractdsl.load(*TWITTER_FILES)
    decision = contractdsl.permits(agreement, {
        "app": "bing_pages", "purpose": "search_results_display", "recipients": ["government"],
        "date": "2022-06-30"})
    assert decision.explain() + "\n" == shown[2].split("\n", 1)[1]  # after the `$ command`
    assert contractdsl.permits(agreement, {
        "app": "bing_pages", "purpose": "search_results_display", "recipients": ["government"],
        "date": "2022-06-30", "facts": ["licensor_notified"]}).outcome == "permitted"


@given(agreements_with_usages())
def test_the_rule_index_finds_exactly_the_rules_that_apply(case):
    """The bit-set index is an index of :func:`mismatch`, the meaning of a rule's scope and
    guards, and nothing more."""
    agreement, usage = case
    p = lower(agreement)
    for stretch in p.stretches:
        if stretch.version_index is None:
            continue
        symbols = p.symbols[stretch.version_index]
        app = symbols.apps.get(usage.app)
        approved = app is not None and usage.purpose in symbols.approved_purposes(app.name)
        for recipient in usage.recipients or (None,):
            for action in symbols.terms["action"]:
                f = ir.Facts(usage.app, action, usage.data or symbols.data_root, usage.purpose,
                             recipient, usage.tier, usage.fact_names(), approved)
                for rules in (stretch.permits, stretch.forbids):
                    index = RuleIndex(rules)
                    expected = [r for r in rules
                                if action in r.scope.actions and mismatch(r, f) is None]
                    assert index.pick(index.matching(f)) == expected
                    assert index.of_action(action) == [r for r in rules
                                                       if action in r.scope.actions]


def test_the_command_line_raises_the_collectors_thresholds_while_it_runs_alone(tmp_path,
                                                                              monkeypatch):
    import gc

    from contractdsl import cli
    from contractdsl.cli import check

    path = tmp_path / "a.agreement"
    path.write_text(TEXT, encoding="utf-8")
    seen = []
    run = check.run
    monkeypatch.setattr(check, "run", lambda args: seen.append(gc.get_threshold()) or run(args))
    before = gc.get_threshold()
    assert cli.main(["check", str(path)]) == 0
    # while the command ran, and put back as found when it returned
    assert seen == [(100_000, 50, 1_000)] and gc.get_threshold() == before
