"""The licensor's discretion: what it may still do, must not do, or may do only so often, comes
back with every decision and never changes its outcome (docs/semantics.md, section 10)."""

from __future__ import annotations

import json

import pytest

import contractdsl

TEXT = """\
agreement "Data API Terms" version "1".
effective 2024-01-01.
action use "use".
action terminate "terminate the agreement at any time, for any reason".
action suspend "suspend access without notice".
action audit "audit the licensee's records".
data content "content".
purpose research "research".
purpose resale "reselling content".
fact unpaid "a fee is overdue".
unit audits "audits".
clause 1 "Licence": licensee may use content for research.
clause 5 "Termination": licensor may terminate.
clause 6 "Suspension": licensor may suspend when unpaid.
clause 7 "No suspension for research": licensor must not suspend when purpose is research.
clause 8 "Audit": licensor may audit.
clause 8.1 "Audit frequency": licensor must not audit more than 1 audits per 365 days.
"""


@pytest.fixture(scope="module")
def terms():
    agreement = contractdsl.parse(TEXT, "terms.agreement")
    assert contractdsl.check(agreement) == []
    return agreement


def rights(decision):
    return [(d.clause, d.kind, d.text) for d in decision.licensor]


def test_a_permitted_usage_lists_what_the_licensor_may_still_do(terms):
    decision = contractdsl.permits(terms, {"purpose": "research", "date": "2024-05-01"})
    assert decision.outcome == "permitted"
    assert rights(decision) == [
        ("5", "may", "may terminate the agreement at any time, for any reason"),
        ("7", "must-not", "must not suspend access without notice"),
        ("8", "may", "may audit the licensee's records"),
        ("8.1", "limit", "may audit the licensee's records, no more than 1 audit per 365 days")]
    assert [d.line for d in decision.licensor] == [13, 15, 16, 17]


def test_a_right_under_a_condition_comes_back_when_the_usage_meets_it(terms):
    decision = contractdsl.permits(terms, {"purpose": "resale", "date": "2024-05-01",
                                           "facts": ["unpaid"]})
    assert decision.outcome == "denied"  # the licensor's rights never decide a usage
    assert [d.clause for d in decision.licensor] == ["5", "6", "8", "8.1"]
    assert {r.clause for r in decision.reasons} == {"1"}


def test_the_licensor_is_said_apart_from_the_licensees_duties(terms):
    decision = contractdsl.permits(terms, {"purpose": "research", "date": "2024-05-01"})
    assert decision.obligations == ()
    text = decision.explain()
    assert text.endswith("  the licensor:\n"
                         "  - may terminate the agreement at any time, for any reason (5)\n"
                         "  - must not suspend access without notice (7)\n"
                         "  - may audit the licensee's records (8)\n"
                         "  - may audit the licensee's records, no more than 1 audit per 365 "
                         "days (8.1)")
    assert "De licentiegever:" in decision.explain(locale="nl")
    assert "ne doit pas suspend access without notice (7)" in decision.explain(locale="fr")
    as_data = json.loads(json.dumps(decision.to_dict()))
    assert as_data["licensor"][0] == {
        "clause": "5", "title": "Termination", "kind": "may",
        "text": "may terminate the agreement at any time, for any reason", "amount": None,
        "file": "terms.agreement", "line": 13, "end_line": 13}


def test_no_right_after_the_agreement_ends_unless_it_survives():
    agreement = contractdsl.parse(TEXT.replace("effective 2024-01-01.",
                                               "effective 2024-01-01.\nterminates 2024-12-31.")
                                  .replace('clause 8 "Audit":', 'clause 8 "Audit" survives 1 year:'),
                                  "terms.agreement")
    decision = contractdsl.permits(agreement, {"purpose": "research", "date": "2025-03-01"})
    assert decision.outcome == "denied"
    assert [d.clause for d in decision.licensor] == ["8"]


def test_a_right_names_what_its_clause_is_about_and_comes_with_an_open_question():
    agreement = contractdsl.parse(TEXT + 'data posts "posts" under content.\n'
                                  'standard large "the use is large".\n'
                                  'clause 2: licensee must not use content unless large.\n'
                                  'clause 9: licensor must not use posts for resale.\n',
                                  "terms.agreement")
    decision = contractdsl.permits(agreement, {"purpose": "research", "date": "2024-05-01"})
    assert decision.outcome == "undetermined"  # the question of clause 2 is left open
    assert ("9", "must-not", "must not use posts for reselling content") in rights(decision)


def test_a_right_comes_back_for_any_one_recipient_and_not_on_a_standard_without_a_finding():
    agreement = contractdsl.parse(
        TEXT + 'action share "share content" under use.\n'
        'recipient end_users "end users".\nrecipient government "a government".\n'
        'standard excessive "the use is excessive".\n'
        'clause 9 "Government use": licensor may audit when recipient is government.\n'
        'clause 10 "Excessive use": licensor may suspend when excessive.\n', "terms.agreement")
    assert contractdsl.check(agreement) == []

    def listed(**usage):
        decision = contractdsl.permits(agreement, {"purpose": "research",
                                                   "date": "2024-05-01", **usage})
        assert decision.outcome == "permitted"  # whatever the licensor may do
        return [d.clause for d in decision.licensor]

    share = {"action": "share"}
    assert listed(**share, recipients=["end_users"]) == ["5", "7", "8", "8.1"]
    assert listed(**share, recipients=["end_users", "government"]) == \
        ["5", "7", "8", "8.1", "9"]
    # a standard the usage states no finding on counts as not met, and leaves nothing open
    assert listed() == ["5", "7", "8", "8.1"]
    assert listed(findings={"excessive": False}) == ["5", "7", "8", "8.1"]
    assert listed(findings={"excessive": True}) == ["5", "7", "8", "8.1", "10"]


def test_a_liability_cap_of_the_licensor_on_a_standard_asks_nothing_of_the_usage():
    # what the licensor may recover turns on the standard, and says so; the usage is decided,
    # and nothing is asked of it: the licensor's clauses never decide a usage (section 15)
    agreement = contractdsl.parse(
        TEXT + 'unit USD "US dollars" measures money.\n'
        'standard gross_negligence "the licensor was grossly negligent".\n'
        'clause 11 "Cap": licensor\'s liability is at most 100 USD unless gross_negligence.\n',
        "terms.agreement")
    assert contractdsl.check(agreement) == []
    decision = contractdsl.permits(agreement, {
        "purpose": "resale", "date": "2024-05-01",
        "claim": {"amount": 25_000, "unit": "USD", "date": "2024-05-01"}})
    assert decision.outcome == "denied"
    assert list(decision.missing) == []
    assert [d.text for d in decision.licensor if d.clause == "11"] == [
        "is liable for at most 100 USD of the 25,000 USD claimed for the event of 2024-05-01, "
        "only if “the licensor was grossly negligent” (`gross_negligence`) is not found so"]


def test_the_licensors_clauses_are_formatted_and_read_back():
    from contractdsl.format import format_text

    formatted = format_text(TEXT)
    for rule in ("licensor may terminate.", "licensor may suspend when unpaid.",
                 "licensor must not suspend when purpose is research.",
                 "licensor must not audit more than 1 audits per 365 days."):
        assert f"\n  {rule}\n" in formatted
    assert contractdsl.parse(formatted) == contractdsl.parse(TEXT)
    assert format_text(formatted) == formatted
