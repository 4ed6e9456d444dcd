"""The linter (docs/lint.md): each rule finds what it is about in a file written to trigger it
and nothing in the same file put right; a finding's usage is one `permits` confirms;
suppressions, `--select`/`--ignore`, the output formats and the exit status."""

from __future__ import annotations

import json

import pytest

import contractdsl
from contractdsl.analysis.lint import RULES
from contractdsl.cli import main
from conftest import ROOT

HEAD = """\
agreement "Lint" version "1".
licensor "Licensor".
licensee "Developer".
effective 2024-01-01.
terminates 2025-12-31.
action use "use".
action read "read" under use.
action share "share" under use.
action sell "sell" under use.
data content "content".
data ids "ids" under content.
purpose research "research".
purpose marketing "marketing".
recipient third_party "any third party".
recipient data_broker "a data broker" under third_party.
fact notified "the licensor was notified".
fact request "a request".
fact answered "the request was answered".
duty notify "notify the licensor" shown by notified.
duty answer "answer the request" shown by answered.
unit requests "requests".
app dashboard "Dashboard" approved for research labelled production.
"""

# For each rule: clauses that trigger it, and the same put right.
CASES = {
    "CD101": (
        "clause A: licensee may read content when purpose is research and purpose is marketing.\n",
        "clause A: licensee may read content when purpose is research or purpose is marketing.\n"),
    "CD102": (
        "clause A: licensee may share ids with third_party.\n"
        "clause B: licensee must not share content with third_party.\n",
        "clause A: licensee may share ids with third_party.\n"
        "clause B: licensee must not share content with third_party except as permitted by A.\n"),
    "CD103": (
        "clause A: licensee may read content for research.\n"
        "clause B: licensee must not sell content to data_broker except as permitted by A.\n",
        "clause A: licensee may sell content to data_broker for research.\n"
        "clause B: licensee must not sell content to data_broker except as permitted by A.\n"),
    "CD104": (
        "clause A: licensee may use content for research notwithstanding B.\n"
        "clause B: licensee must not sell content to data_broker.\n",
        "clause A: licensee may sell content to data_broker for research notwithstanding B.\n"
        "clause B: licensee must not sell content to data_broker.\n"),
    "CD105": (
        "clause A: licensee may share content with third_party\n"
        "  provided licensee must notify before share.\n"
        "clause B: licensee must not share content with data_broker when notified.\n",
        "clause A: licensee may share content with third_party\n"
        "  provided licensee must notify before share.\n"
        "clause B: licensee must not share content with data_broker unless notified.\n"),
    "CD106": (
        "clause A: licensee must answer within 30 days after request.\n",
        "clause A survives 30 days: licensee must answer within 30 days after request.\n"),
    "CD107": (
        # every term, fact, duty and unit of the head is used, or a term above or below it...
        "clause A: licensee may read content for research.\n"
        "clause B: licensee must notify before share when request.\n"
        "clause C: licensee must not sell content for marketing to data_broker\n"
        "  unless notified.\n"
        "clause D: licensee must answer within 1 day after request.\n",
        # ... once a clause counts in `requests`
        "clause A: licensee may read content for research.\n"
        "clause B: licensee must notify before share when request.\n"
        "clause C: licensee must not sell content for marketing to data_broker\n"
        "  unless notified.\n"
        "clause D: licensee must answer within 1 day after request.\n"
        "clause E: licensee must not read more than 10 requests per minute.\n"),
    "CD108": (
        "clause A: licensee must not read more than 100 requests per hour.\n"
        "clause B: licensee must not read more than 1 requests per minute.\n",
        "clause A: licensee must not read more than 100 requests per hour.\n"
        "clause B: licensee must not read more than 2 requests per minute.\n"),
    "CD109": (
        "clause A: licensee may read ids for research.\n"
        "clause B \"Again\": licensee may read ids for research.\n",
        "clause A: licensee may read ids for research.\n"
        "clause B \"Again\": licensee may read ids for marketing.\n"),
    "CD110": (
        "clause A: licensee may read content provided licensee must notify by 2023-12-31.\n",
        "clause A: licensee may read content provided licensee must notify by 2024-01-01.\n"),
    "CD111": (
        "clause A survives 1 year: licensee may read content.\n",
        "clause A: licensee may read content.\n"),
}


def agreement(clauses: str, head: str = HEAD) -> contractdsl.Agreement:
    parsed = contractdsl.parse(head + clauses, "lint.agreement")
    assert contractdsl.check(parsed) == []
    return parsed


def test_every_rule_has_a_case_and_a_page():
    assert set(CASES) == set(RULES)
    page = (ROOT / "docs" / "lint.md").read_text(encoding="utf-8")
    for code, module in RULES.items():
        assert f"## {code} {module.RULE.name}" in page, code


@pytest.mark.parametrize("code", sorted(CASES))
def test_each_rule_finds_what_it_is_about_and_nothing_once_put_right(code):
    wrong, right = CASES[code]
    found = contractdsl.lint(agreement(wrong), select=[code])
    assert [f.code for f in found] == [code]
    finding = found[0]
    assert finding.name == RULES[code].RULE.name
    in_head = code == "CD107"  # a definition; every other finding is at a clause
    assert finding.span.file == "lint.agreement"
    assert (finding.span.line > HEAD.count("\n")) != in_head
    assert finding.message and finding.help
    assert contractdsl.lint(agreement(right), select=[code]) == []


def test_each_rules_page_shows_its_example_file_and_it_triggers_the_rule():
    page = (ROOT / "docs" / "lint.md").read_text(encoding="utf-8")
    for code in RULES:
        path = ROOT / "docs" / "examples" / "lint" / f"{code.lower()}.agreement"
        text = path.read_text(encoding="utf-8")
        assert f"```text\n{text}```" in page, code
        found = contractdsl.lint(contractdsl.parse(text, str(path)))
        assert [f.code for f in found] == [code]


def test_the_pages_suppression_example_lints_clean():
    page = (ROOT / "docs" / "lint.md").read_text(encoding="utf-8")
    block = page.split("## Suppressing a finding")[1].split("```text\n")[1].split("```")[0]
    assert "lint: allow CD106" in block and "lint: allow-file CD107" in block
    parsed = contractdsl.parse(block, "suppressed.agreement")
    assert contractdsl.lint(parsed) == []
    assert {f.code for f in contractdsl.lint(contractdsl.parse(
        block.replace("lint:", "note:"), "plain.agreement"))} == {"CD106", "CD107"}


# Clauses near a rule's case where the rule must find nothing: (the rule, the clauses).
QUIET = {
    # A also covers ids shared with no one
    "escapes-somewhere": ("CD102", "clause A: licensee may share ids.\n"
                          "clause B: licensee must not share content with third_party.\n"),
    # where C applies (ids), B is lifted and the usage A covers is permitted
    "another-exception-lifts": (
        "CD102", "clause A: licensee may share content with third_party.\n"
        "clause B: licensee must not share content with third_party except as permitted by C.\n"
        "clause C: licensee may share ids with third_party.\n"),
    # B forbids sharing with a data broker whether or not the duty is done
    "bites-either-way": (
        "CD105", "clause A: licensee may share content with third_party\n"
        "  provided licensee must notify before share.\n"
        "clause B: licensee must not share content with data_broker\n"
        "  when notified or not notified.\n"),
    # where C applies, B is lifted and A counts
    "lifted-where-stricter-is-not": (
        "CD108", "clause A: licensee must not read more than 100 requests per hour.\n"
        "clause B: licensee must not read more than 1 requests per minute\n"
        "  except as permitted by C.\n"
        "clause C: licensee may read content for research.\n"),
    # B binds research only
    "narrower-condition": (
        "CD108", "clause A: licensee must not read more than 100 requests per hour.\n"
        "clause B: licensee must not read more than 1 requests per minute\n"
        "  when purpose is research.\n"),
    # C names A alone as its exception, so A and B differ
    "named-alone-as-exception": (
        "CD109", "clause A: licensee may read ids for research.\n"
        "clause B: licensee may read ids for research.\n"
        "clause C: licensee must not read content except as permitted by A.\n"),
    # a surviving permission whose proviso stays owed after the end
    "surviving-permission-with-a-proviso": (
        "CD111", "clause A survives 1 year: licensee may read content\n"
        "  provided licensee must answer within 30 days after request.\n"),
    # a surviving prohibition beside a permission that ends with the agreement
    "surviving-prohibition": (
        "CD111", "clause A: licensee may read content.\n"
        "clause B survives: licensee must not sell content to data_broker.\n"),
    # a survival as long as the deadline
    "survives-as-long-as-the-deadline": (
        "CD106", "clause A survives 1 month: licensee must answer within 30 days after request.\n"),
}


@pytest.mark.parametrize("case", sorted(QUIET))
def test_nothing_is_found_where_the_rule_does_not_hold(case):
    code, clauses = QUIET[case]
    assert contractdsl.lint(agreement(clauses), select=[code]) == []


def _only(code, clauses):
    found = contractdsl.lint(agreement(clauses), select=[code])
    assert len(found) == 1, found
    return found[0]


def test_a_clause_whose_conditions_contradict_never_applies():
    finding = _only("CD101", CASES["CD101"][0])
    assert finding.clauses == ("A",)
    assert "can never apply" in finding.message


def test_a_clause_outside_the_agreements_days_never_applies():
    finding = _only("CD101", "clause A from 2020-01-01 until 2020-12-31: licensee may read.\n")
    assert "in force on no day" in finding.message and "2020-12-31" in finding.message


def test_a_clause_of_a_date_condition_that_never_holds_while_in_force():
    finding = _only("CD101", "clause A from 2025-01-01: licensee may read\n"
                    "  when date is before 2024-06-01.\n")
    assert "date conditions" in finding.message


def test_an_unreachable_limit_says_its_unit_in_the_agreements_words():
    """The limits and the most the stricter one lets through say the unit as the agreement
    declares it, whether a clause names the unit or its alias; the singular for one."""
    head = HEAD.replace('unit requests "requests".', 'unit requests "API requests" alias calls.')
    found = [f for f in contractdsl.lint(contractdsl.parse(
        head + "clause A: licensee must not read more than 100 calls per hour.\n"
        "clause B: licensee must not read more than 1 requests per minute.\n"))
        if f.code == "CD108"]
    assert [f.message for f in found] == [
        "the limit of clause A (no more than 100 API requests per hour) can never be reached: "
        "clause B (no more than 1 API request per minute) binds every usage it binds and lets "
        "through at most 60 API requests per hour"]


def test_of_two_limits_that_allow_the_same_only_the_later_is_unreachable():
    """A limit per day and one per 24 hours of the same amount each bind every usage the other
    binds and let through as much: each alone could go, not both. The later is found, never
    the pair, which would ask to remove every limit on reading; a looser limit is still found
    beside them."""
    found = [(f.clauses, f.message.split(":")[0]) for f in contractdsl.lint(agreement(
        "clause A: licensee must not read more than 10 requests per day.\n"
        "clause B: licensee must not read more than 310 requests per calendar month.\n"
        "clause C: licensee must not read more than 10 requests per 24 hours.\n"),
        select=["CD108"])]
    assert found == [
        (("B", "A"), "the limit of clause B (no more than 310 requests per calendar month) can "
                     "never be reached"),
        (("C", "A"), "the limit of clause C (no more than 10 requests per 24 hours) can never "
                     "be reached")]


def test_a_limit_per_app_is_unreachable_under_a_stricter_one_of_the_whole_licensee():
    """Every app's requests are part of the licensee's: 60 a day for the licensee as a whole
    let no app read more than 60, so 100 a day per app never counts, whichever clause comes
    first; a limit without a scope counts the licensee's as a whole too."""
    for clauses in ("clause A: licensee must not read more than 100 requests per day per app.\n"
                    "clause B: licensee must not read more than 60 requests per day per "
                    "licensee.\n",
                    "clause B: licensee must not read more than 60 requests per day per "
                    "licensee.\n"
                    "clause A: licensee must not read more than 100 requests per day per app.\n"):
        finding = _only("CD108", clauses)
        assert finding.clauses == ("A", "B")
        assert finding.message == (
            "the limit of clause A (no more than 100 requests per day per app) can never be "
            "reached: clause B (no more than 60 requests per day per licensee) binds every "
            "usage it binds and lets through at most 60 requests per day")
    unscoped = _only("CD108", "clause A: licensee must not read more than 100 requests per "
                     "day per app.\nclause B: licensee must not read more than 60 requests per "
                     "day.\n")
    assert unscoped.clauses == ("A", "B")
    # each app belongs to one Project, and to no one team as far as the agreement says
    head = HEAD + 'scope project "Project" holding apps.\nscope team "team".\n'
    found = contractdsl.lint(agreement(
        "clause A: licensee must not read more than 100 requests per day per app.\n"
        "clause B: licensee must not read more than 60 requests per day per project.\n"
        "clause C: licensee must not read more than 50 requests per day per team.\n", head),
        select=["CD108"])
    assert [f.clauses for f in found] == [("A", "B")]


def test_a_limit_of_the_whole_licensee_stays_reachable_under_a_stricter_one_per_app():
    """60 requests a day per app still let a licensee with two apps read 120 a day: its limit
    of 100 binds. Nor does a limit per licensee reach a per app one that allows less in a
    window, or a longer window that lets more through in the shorter one."""
    for clauses in ("clause A: licensee must not read more than 100 requests per day per "
                    "licensee.\n"
                    "clause B: licensee must not read more than 60 requests per day per app.\n",
                    "clause A: licensee must not read more than 60 requests per day per app.\n"
                    "clause B: licensee must not read more than 100 requests per day per "
                    "licensee.\n",
                    "clause A: licensee must not read more than 100 requests per day per app.\n"
                    "clause B: licensee must not read more than 5 requests per hour per "
                    "licensee.\n",
                    "clause A: licensee must not read more than 100 requests per day per app.\n"
                    "clause B: licensee must not read more than 150 requests per 2 days per "
                    "licensee.\n"):
        assert contractdsl.lint(agreement(clauses), select=["CD108"]) == [], clauses


TERMS = """\
agreement "Terms" version "1".
effective 2024-01-01.
action use "use".
action read "read" under use.
data content "content".
unit requests "requests".
clause 1: incorporates "Policy" prevailing over this agreement.
clause P: licensee may read content.
clause L1: licensee must not read more than 60 requests per minute.
clause L2: licensee must not read more than 5,000 requests per hour.
"""


def _with_policy(terms: str, policy_limit: str) -> contractdsl.Agreement:
    policy = ('agreement "Policy" version "1".\neffective 2024-01-01.\n'
              f"clause UP: licensee must not read more than {policy_limit} per minute.\n")
    read = contractdsl.Agreement(documents=contractdsl.parse(terms, "terms.agreement").documents
                                 + contractdsl.parse(policy, "policy.agreement").documents)
    assert contractdsl.check(read) == []
    return read


def test_a_limit_that_yields_to_a_prevailing_document_makes_no_other_unreachable():
    """Where the policy prevails, its 120 requests a minute bind in place of the terms' 60
    (L1), so the terms' 5,000 an hour (L2) is reached at 100 a minute; where the terms prevail,
    or the policy's own limit is the stricter, L2 never is."""
    read = _with_policy(TERMS, "120 requests")
    assert contractdsl.lint(read, select=["CD108"]) == []
    decision = contractdsl.permits(read, {"action": "read", "date": "2024-06-01", "volume": [
        {"amount": 100, "unit": "requests", "per": "minute"}]})
    assert decision.outcome == "denied"
    assert [r.clause for r in decision.reasons if r.effect == "exceeds"] == ["L2"]
    found = contractdsl.lint(_with_policy(TERMS.replace("prevailing over", "subject to"),
                                          "120 requests"), select=["CD108"])
    assert [f.clauses for f in found] == [("L2", "L1")]
    found = contractdsl.lint(_with_policy(TERMS, "30 requests"), select=["CD108"])
    assert [f.clauses for f in found] == [("L2", "UP")]


MONEY = HEAD + 'unit USD "US dollars" measures money.\n'


def test_a_fee_in_force_applies_and_one_outside_the_agreements_days_never_does():
    fee = "clause F from 2024-07-01: licensee must pay 0.24 USD per 1,000 requests.\n"
    assert contractdsl.lint(agreement(fee, MONEY), select=["CD101"]) == []
    late = fee.replace("2024-07-01", "2026-07-01")
    found = contractdsl.lint(agreement(late, MONEY), select=["CD101"])
    assert [(f.clauses, "in force on no day" in f.message) for f in found] == [(("F",), True)]


def test_conditions_on_apps_no_schedule_registers_yet_can_still_hold():
    head = HEAD.replace('app dashboard "Dashboard" approved for research labelled production.\n',
                        "")
    clauses = ("clause A: licensee may read content for an approved purpose.\n"
               "clause B: licensee must not read content when app is labelled staging.\n")
    assert contractdsl.lint(agreement(clauses, head), select=["CD101"]) == []


def test_a_condition_on_how_many_apps_are_approved_can_hold_once_a_schedule_registers_them():
    """The licensee's apps approved for a purpose are counted from its schedule (here three):
    a text read without it, or with a schedule of fewer apps, may yet be read with one of
    more. A count that contradicts itself still never holds."""
    clauses = ("clause A: licensee may read content.\n"
               "clause B: licensee must not read content\n"
               "  when licensee has more than 2 apps approved for the purpose.\n")
    assert contractdsl.lint(agreement(clauses), select=["CD101"]) == []
    schedule = contractdsl.parse(
        'schedule "Acme apps" for "Lint".\nlicensee "Acme".\n'
        'app one "One" approved for research.\napp two "Two" approved for research.\n'
        'app three "Three" approved for research.\n',
        "acme.agreement")
    together = contractdsl.Agreement(documents=agreement(clauses).documents + schedule.documents)
    assert contractdsl.check(together) == []
    decision = contractdsl.permits(together, {"app": "one", "action": "read",
                                              "purpose": "research", "date": "2024-06-01"})
    assert decision.outcome == "denied" and "B" in decision.clauses
    never = clauses.replace("purpose.\n", "purpose\n"
                            "    and licensee has at most 2 apps approved for the purpose.\n")
    assert [f.clauses for f in contractdsl.lint(agreement(never), select=["CD101"])] == [
        ("B",)]


def test_an_overridden_permissions_usage_is_denied_by_the_prohibition():
    finding = _only("CD102", CASES["CD102"][0])
    assert finding.clauses == ("A", "B")
    decision = contractdsl.permits(agreement(CASES["CD102"][0]), finding.usage)
    assert decision.outcome == "denied" and "B" in decision.clauses




def test_an_exception_that_never_lifts_is_found_where_it_is_named():
    finding = _only("CD103", CASES["CD103"][0])
    assert finding.clauses == ("B", "A")
    line = (HEAD + CASES["CD103"][0]).splitlines()[finding.span.line - 1]
    assert line[finding.span.column - 1:].startswith("A.")


def test_a_broad_exceptions_usage_is_one_the_prohibition_forbids_and_is_permitted():
    wrong = CASES["CD104"][0]
    finding = _only("CD104", wrong)
    usage = finding.usage
    assert usage.action == "sell" and usage.recipients == ("data_broker",)
    decision = contractdsl.permits(agreement(wrong), usage)
    assert decision.outcome == "permitted"
    assert any(r.clause == "B" and r.effect == "excepted" for r in decision.reasons)


def test_a_duty_that_a_prohibition_forbids_is_shown_by_a_usage_denied_either_way():
    wrong = CASES["CD105"][0]
    finding = _only("CD105", wrong)
    assert finding.clauses == ("A", "B")
    done = finding.usage
    assert "notified" in done.fact_names()
    parsed = agreement(wrong)
    assert contractdsl.permits(parsed, done).outcome == "denied"
    owed = done.from_dict({**finding.usage_data(), "facts": []})
    assert contractdsl.permits(parsed, owed).outcome == "denied"



def test_a_duty_forbidden_to_a_licensee_of_one_kind_is_shown_with_what_it_needs():
    """The prohibition bites only a small licensee, or only where one fact came long enough
    before another: the usage shown states the licensee's attribute and the facts' dates, and
    `permits` denies it with the fact (prohibited) and without it (breached)."""
    head = HEAD + 'attribute small "a small business" of licensee.\n'
    duty = ("clause A: licensee may share content with third_party\n"
            "  provided licensee must notify before share.\n")
    for condition, shown in (
            ("licensee is small", "facts: [notified], licensee: {small: true}"),
            ("request is at least 10 business days before notified",
             "facts: {notified: 2022-11-25, request: 2022-11-11}")):
        parsed = agreement(duty + "clause B: licensee must not share content with data_broker\n"
                           f"  when notified and {condition}.\n", head)
        (finding,) = contractdsl.lint(parsed, select=["CD105"])
        assert finding.clauses == ("A", "B")
        assert finding.usage_text() == ("{date: 2024-01-01, action: share, data: content, "
                                        f"recipients: [data_broker], {shown}}}")
        done = contractdsl.permits(parsed, finding.usage)
        assert done.outcome == "denied"
        assert any(r.clause == "B" and r.effect == "prohibits" for r in done.reasons)
        data = finding.usage_data()
        facts = data["facts"]
        data["facts"] = {n: w for n, w in facts.items() if n != "notified"} \
            if isinstance(facts, dict) else []
        owed = contractdsl.permits(parsed, finding.usage.from_dict(data))
        assert owed.outcome == "denied"
        assert any(r.clause == "A" and r.effect == "breached" for r in owed.reasons)


def test_a_deadline_by_a_date_after_the_clause_ends():
    finding = _only("CD106", "clause A until 2024-06-30: licensee must answer by 2024-07-31.\n")
    assert "2024-07-31" in finding.message and "2024-06-30" in finding.message



def test_unused_definitions_are_found_at_their_names():
    clauses = ("clause A: licensee may read content for research.\n"
               "clause B: licensee must notify before share when request.\n")
    found = contractdsl.lint(agreement(clauses), select=["CD107"])
    named = {HEAD.splitlines()[f.span.line - 1][f.span.column - 1:].split()[0] for f in found}
    # nothing names `sell` (`use`, above it, is only the action a usage defaults to),
    # `marketing`, `third_party` or `data_broker` (below it), the duty `answer` or the unit;
    # `answered` shows `answer` done
    assert named == {"sell", "marketing", "third_party", "data_broker", "answer", "requests"}




def test_duplicates_are_reported_at_the_later_clause():
    finding = _only("CD109", CASES["CD109"][0])
    assert finding.clauses == ("B", "A")


def test_limits_per_day_and_per_24_hours_are_duplicates():
    """A fixed window is any stretch of its length: `per day` is any 24 hours, not a calendar
    day, so the two limits say the same (as `per hour` and `per 60 minutes` do); a window of
    another length, or a calendar one, says something else."""
    finding = _only("CD109", "clause A: licensee must not read more than 100 requests per day.\n"
                    "clause B: licensee must not read more than 100 requests per 24 hours.\n")
    assert (finding.clauses, finding.message) == (("B", "A"), "clause B says the same as clause A")
    hour = _only("CD109", "clause A: licensee must not read more than 9 requests per hour.\n"
                 "clause B: licensee must not read more than 9 requests per 60 minutes.\n")
    assert hour.clauses == ("B", "A")
    for other in ("48 hours", "calendar month"):
        assert contractdsl.lint(agreement(
            "clause A: licensee must not read more than 100 requests per day.\n"
            f"clause B: licensee must not read more than 100 requests per {other}.\n"),
            select=["CD109"]) == [], other



# ---- suppression, selection -----------------------------------------------------------------


SURVIVAL = """\
agreement "Ending" version "1".
effective 2024-01-01.
act report "report to the licensor".
fact request "a request".
fact answered "the request was answered".
fact use_ceased "the licensee stopped using the data".
duty answer "answer the request" shown by answered.
clause A{a}: licensee must answer within 30 days after request.
clause B{b}: licensee must answer within 30 days after request.
"""


def test_clauses_that_survive_an_end_unalike_are_no_duplicates():
    """A licensee's agreement may end before the text's (a usage's `terminated`), and a
    clause's survival may count from facts its usage dates: a clause that survives binds
    then, one that does not (or survives for less) does not, so neither says the same as the
    other. Two that survive alike still do."""
    # a report a year after the licensee's end, with a request unanswered for 50 days
    report = {"act": "report", "date": "2025-09-20", "terminated": "2024-06-01",
              "facts": {"request": "2025-08-01", "use_ceased": "2024-06-01"}}
    for a, b in ((" survives", ""), (" survives", " survives 1 year"),
                 (" survives", " survives 1 year after use_ceased")):
        text = SURVIVAL.format(a=a, b=b)
        assert contractdsl.lint(agreement(text, ""), select=["CD109"]) == [], b
        decision = contractdsl.permits(agreement(text, ""), report)
        assert [(r.clause, r.effect) for r in decision.reasons if r.clause] == [
            ("A", "breached")], b
    for a, b in (("", ""), (" survives 1 year", " survives 12 months")):
        found = contractdsl.lint(agreement(SURVIVAL.format(a=a, b=b), ""), select=["CD109"])
        assert [f.clauses for f in found] == [("B", "A")], a


def test_a_comment_above_or_on_a_clause_suppresses_the_rules_it_names():
    wrong = CASES["CD109"][0]
    above = wrong.replace('clause B "Again"', '# lint: allow CD109 kept as the 2019 text had it\n'
                          'clause B "Again"')
    assert contractdsl.lint(agreement(above), select=["CD109"]) == []
    on = wrong.replace("for research.\n", "for research.  # lint: allow CD101, CD109\n")
    assert contractdsl.lint(agreement(on), select=["CD109"]) == []
    # a comment at the end of the first clause does not reach the second
    end_of_first = wrong.replace("for research.\n", "for research.  # lint: allow CD109\n", 1)
    assert len(contractdsl.lint(agreement(end_of_first), select=["CD109"])) == 1
    other = wrong.replace('clause B "Again"', '# lint: allow CD101\nclause B "Again"')
    assert len(contractdsl.lint(agreement(other), select=["CD109"])) == 1
    # a comment above the first clause does not reach the second
    first = "# lint: allow CD109\n" + wrong
    assert len(contractdsl.lint(agreement(first), select=["CD109"])) == 1


def test_a_file_comment_suppresses_a_rule_in_the_whole_file():
    wrong = CASES["CD107"][0]
    assert contractdsl.lint(agreement("# lint: allow-file CD107 a shared vocabulary\n" + wrong),
                            select=["CD107"]) == []


def test_select_and_ignore():
    text = CASES["CD109"][0] + CASES["CD106"][0].replace("clause A", "clause Z")
    parsed = agreement(text)
    assert {f.code for f in contractdsl.lint(parsed, ignore=["CD107"])} == {"CD106", "CD109"}
    assert [f.code for f in contractdsl.lint(parsed, select=["cd106"])] == ["CD106"]
    with pytest.raises(contractdsl.InputError, match="unknown lint rule `CD999`"):
        contractdsl.lint(parsed, select=["CD999"])
    # a text of codes reads as the command line's `--select` does, not letter by letter
    assert [f.code for f in contractdsl.lint(parsed, select="cd106")] == ["CD106"]
    assert {f.code for f in contractdsl.lint(parsed, select="CD106, CD109", ignore="CD109")} \
        == {"CD106"}


def test_the_shipped_agreements_lint_clean():
    folders = sorted({p.parent for p in (ROOT / "agreements").rglob("*.agreement")})
    assert len(folders) == 10
    for folder in folders:
        files = sorted(folder.glob("*.agreement"))
        assert contractdsl.lint(contractdsl.load(*files)) == [], folder.name


# ---- the command line ------------------------------------------------------------------------


@pytest.fixture
def wrong_file(tmp_path):
    path = tmp_path / "wrong.agreement"
    path.write_text(HEAD + CASES["CD102"][0], encoding="utf-8")
    return path


def test_the_command_prints_each_finding_and_exits_1(capsys, wrong_file):
    assert main(["lint", str(wrong_file), "--select", "CD102"]) == 1
    out, err = capsys.readouterr()
    assert f"{wrong_file}:{HEAD.count(chr(10)) + 1}:8: warning: clause A permits nothing" in out
    assert "help: shown by the usage {date: 2024-01-01, action: share, data: ids, recipients: " \
        "[third_party]" in out
    assert err == "1 finding(s)\n"
    assert main(["lint", str(wrong_file), "--select", "CD102", "--ignore", "CD102"]) == 0


@pytest.mark.parametrize("given", [["--select", ""], ["--select", ","], ["--select", " , "],
                                   ["--ignore", ""], ["--select", "CD102", "--select", ""]])
def test_a_selection_that_names_no_rule_is_refused(capsys, wrong_file, given):
    assert main(["lint", str(wrong_file), *given]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.startswith("error: no rule code given\nhelp: give comma-separated "
                                        "rule codes, such as `CD101,CD105`; the rules are `CD101`")
    parsed = contractdsl.load(str(wrong_file))
    for select in ("", ",", [], [" "]):
        with pytest.raises(contractdsl.InputError, match="^no rule code given\nhelp: give "):
            contractdsl.lint(parsed, select=select)
    assert len(contractdsl.lint(parsed, ignore="")) == len(contractdsl.lint(parsed))


def test_an_agreement_with_errors_is_reported_as_check_reports_it(capsys, tmp_path):
    path = tmp_path / "bad.agreement"
    path.write_text(HEAD + "clause A: licensee may read contnt.\n", encoding="utf-8")
    assert main(["lint", str(path)]) == 1
    assert "unknown data `contnt`" in capsys.readouterr().out
    assert main(["lint", str(tmp_path / "missing.agreement")]) == 2


def test_an_unknown_rule_is_bad_input(capsys, wrong_file):
    assert main(["lint", str(wrong_file), "--select", "CD1O2"]) == 2
    assert "unknown lint rule `CD1O2`\nhelp: did you mean `CD102`?" in capsys.readouterr().err


@pytest.mark.parametrize("given, help", [
    ("cd1o2", "did you mean `CD102`?"), ("102", "did you mean `CD102`?"),
    ("x", "the rules are `CD101`, `CD102`"), ("CD102,foo", "the rules are `CD101`")])
def test_an_unknown_rule_is_echoed_as_written(capsys, wrong_file, given, help):
    assert main(["lint", str(wrong_file), "--ignore", given]) == 2
    out, err = capsys.readouterr()
    written = given.split(",")[-1]
    assert out == "" and err.startswith(f"error: unknown lint rule `{written}`\nhelp: {help}")
    with pytest.raises(contractdsl.InputError, match=f"^unknown lint rule `{written}`\n"):
        contractdsl.lint(contractdsl.load(str(wrong_file)), ignore=given)


def test_json_follows_the_published_schema(capsys, wrong_file):
    jsonschema = pytest.importorskip("jsonschema")
    assert main(["lint", str(wrong_file), "--format", "json", "--select", "CD102"]) == 1
    data = json.loads(capsys.readouterr().out)
    schema = json.loads((ROOT / "docs" / "report.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    (finding,) = data["findings"]
    assert finding["code"] == "CD102" and finding["clauses"] == ["A", "B"]
    assert finding["usage"] == {"action": "share", "data": "ids", "recipients": ["third_party"],
                                "date": "2024-01-01"}
    assert data["problems"][0]["code"] == "CD102"


def test_junit_fails_a_test_case_per_finding(capsys, wrong_file):
    from xml.etree import ElementTree as ET

    assert main(["lint", str(wrong_file), "--format", "junit", "--select", "CD102"]) == 1
    suites = ET.fromstring(capsys.readouterr().out)
    assert suites.get("failures") == "1" and suites.get("errors") == "0"
    (case,) = suites.iter("testcase")
    assert case.find("failure").get("type") == "CD102"


def test_sarif_names_the_rule_and_validates(capsys, wrong_file):
    jsonschema = pytest.importorskip("jsonschema")
    assert main(["lint", str(wrong_file), "--format", "sarif", "--select", "CD102"]) == 1
    log = json.loads(capsys.readouterr().out)
    schema = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text())
    jsonschema.validate(log, schema)
    run = log["runs"][0]
    assert run["tool"]["driver"]["rules"][0]["name"] == "overridden-permission"
    assert run["results"][0]["ruleId"] == "CD102"
    assert run["results"][0]["level"] == "warning"


# ---- laws over generated agreements -------------------------------------------------------------

hypothesis = pytest.importorskip("hypothesis")


@hypothesis.given(hypothesis.strategies.data())
def test_every_finding_is_located_in_the_agreement_and_its_usage_confirmed(data):
    from contractdsl.strategies import agreements

    parsed = data.draw(agreements(max_clauses=8))
    files = {doc.file for doc in parsed.documents}
    for finding in contractdsl.lint(parsed):
        assert finding.code in RULES and finding.span.file in files
        assert set(finding.clauses) <= {c.id for d in parsed.documents for c in d.clauses}
        if finding.usage is not None:
            decision = contractdsl.permits(parsed, finding.usage)
            if finding.code in ("CD102", "CD105"):
                assert decision.outcome == "denied"
            else:
                assert finding.code == "CD104"
                assert any(r.clause == finding.clauses[0] and r.effect == "excepted"
                           for r in decision.reasons)


@hypothesis.given(hypothesis.strategies.data())
def test_a_clause_found_never_to_apply_decides_no_usage(data):
    from contractdsl.strategies import agreements, usages

    parsed = data.draw(agreements(max_clauses=6))
    # a clause carried over to a later version keeps its id, and may apply in one version and
    # never in the other: only ids of one version's clause tell which clause a reason cites
    ids = [c.id for v in parsed.versions for c in v.clauses]
    dead = {f.clauses[0] for f in contractdsl.lint(parsed, select=["CD101"])
            if ids.count(f.clauses[0]) == 1}
    if not dead:
        return
    usage = data.draw(usages(parsed))
    decision = contractdsl.permits(parsed, usage)
    assert not dead & {r.clause for r in decision.reasons
                       if r.effect in ("permits", "prohibits", "excepted", "breached", "met")}


def test_a_deadline_before_its_clause_binds_is_found_and_permits_shows_it_passed():
    """`by 2024-03-01` in a clause `from 2024-06-01`: every usage that does not state the
    duty done by then is denied from the clause's first day, as the finding says."""
    text = HEAD + "clause A \"Registration\" from 2024-06-01: licensee must answer by 2024-03-01.\n" \
        "clause L: licensee may read content.\n"
    parsed = agreement(text[len(HEAD):])
    (finding,) = contractdsl.lint(parsed, select=["CD110"])
    assert finding.message == (
        "clause A requires `answer` by 2024-03-01, but the clause binds only from 2024-06-01: "
        "only a duty done before the clause bound is met, and a usage that does not state it "
        "done by then is denied on every day the clause binds")
    assert (finding.span.line, finding.span.column) == (HEAD.count("\n") + 1, 63)
    usage = {"action": "read", "data": "content", "date": "2024-06-01"}
    denied = contractdsl.permits(parsed, usage)
    assert (denied.outcome, [r.clause for r in denied.reasons if r.decisive]) == (
        "denied", ["L", "A"])
    assert [d.status for d in denied.obligations] == ["breached"]
    assert contractdsl.permits(parsed, {**usage, "facts": {"answered": "2024-02-01"}}).outcome \
        == "permitted"
    # the day the clause binds, or later, is no finding; nor is a deadline in a text that
    # takes effect after it, read with an earlier one that binds before
    assert contractdsl.lint(agreement(text[len(HEAD):].replace("2024-03-01", "2024-06-01")),
                            select=["CD110"]) == []


def test_a_surviving_permission_of_a_use_is_found_and_permits_shows_it_permits_nothing():
    """A permission that survives permits no use after the end (docs/semantics.md, section 2):
    a usage after it is denied, the clause cited as not permitting it, as the finding says."""
    parsed = agreement("clause A survives 1 year: licensee may read content.\n")
    (finding,) = contractdsl.lint(parsed, select=["CD111"])
    assert finding.message == (
        "clause A survives the agreement's end, but it permits `read`, and no use of content is "
        "permitted after the end, whatever survives: the clause permits nothing while it "
        "survives")
    assert finding.clauses == ("A",)
    assert (finding.span.line, finding.span.column) == (HEAD.count("\n") + 1, 10)
    after = contractdsl.permits(parsed, {"action": "read", "data": "content",
                                         "date": "2026-03-01"})
    assert after.outcome == "denied"
    assert ("A", "no-permission") in {(r.clause, r.effect) for r in after.reasons}


def test_a_surviving_permission_of_an_act_is_not_found():
    """A permission of an act lifts a surviving prohibition of it after the end
    (docs/semantics.md, section 16): its survival says something."""
    head = HEAD + 'act register "register an app".\n'
    parsed = contractdsl.parse(
        head + "clause A survives: licensee may register.\n"
        "clause B survives: licensee must not register except as permitted by A.\n",
        "lint.agreement")
    assert contractdsl.check(parsed) == []
    assert contractdsl.lint(parsed, select=["CD111"]) == []
    assert contractdsl.permits(parsed, {"act": "register", "date": "2026-03-01"}).outcome == \
        "permitted"
