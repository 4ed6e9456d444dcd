"""Inputs that once crashed, hung or misled: each is answered now, within the documented limits
(docs/limits.md), by a decision or a located error."""

import pytest

import contractdsl
from contractdsl.errors import AgreementError
from contractdsl.format import format_text

BASE = '''agreement "A".
action use "u".
data d "d".
fact f "f".
fact g "g".
duty do "do" shown by g.
unit req "requests".
app a "A".
'''


def decide(text, **usage):
    decision = contractdsl.permits(contractdsl.parse(BASE + text),
                                   {"app": "a", "action": "use", "date": "2024-01-01", **usage})
    # every way of saying it works too
    decision.explain(), decision.to_dict(), decision.explain(locale="fr")
    return decision.outcome


def diagnostic(text):
    with pytest.raises(AgreementError) as raised:
        contractdsl.parse(text)
    (found,) = raised.value.diagnostics
    return found


# ---- dates at the ends of the calendar -----------------------------------------------------

@pytest.mark.parametrize("text, usage, outcome", [
    ("terminates 9999-12-31.\nclause 1: licensee may use.\n", {}, "permitted"),
    ("clause 1 until 9999-12-31: licensee may use.\n", {"date": "9999-12-31"}, "permitted"),
    ("terminates 2024-12-31.\nclause 1 survives 8000 years: licensee must do.\n",
     {"date": "9999-12-31"}, "denied"),
    ("terminates 9999-12-31.\nclause 1 survives 1 day: licensee may use.\n",
     {"date": "9999-12-31"}, "permitted"),
    ("clause 1: licensee may use.\nclause 2: licensee must do within 999999999999 days after f.\n",
     {"facts": {"f": "2024-01-01"}}, "permitted"),
    ("clause 1: licensee may use provided licensee must do within 999999999999 weeks after f.\n",
     {"facts": {"f": "9999-12-31"}, "date": "9999-12-31"}, "permitted"),
    ("clause 1: licensee may use.\nclause 2: licensee must do within 2 years after f.\n",
     {"facts": {"f": "9999-12-31"}, "date": "9999-12-31"}, "permitted"),
    ("clause 1: licensee may use.\nclause 2: licensee must do within 2 hours after f.\n",
     {"facts": {"f": "9999-12-31T23:00:00Z"}, "date": "9999-12-31T23:30:00Z"}, "permitted"),
    ("clause 1 from 0001-01-01: licensee may use when date is before 0001-01-01.\n",
     {"date": "0001-01-01"}, "denied"),
    ("terminates 2025-01-01.\ntier t \"T\" from 2026-01-01: use no more than 5 req per day.\n"
     "clause 1 survives 10 years: licensee may use.\n",
     {"tier": "t", "date": "2026-06-01", "volume": [{"amount": 3, "unit": "req", "per": "day"}]},
     "denied"),
])
def test_dates_at_the_ends_of_the_calendar_are_decided(text, usage, outcome):
    assert decide(text, **usage) == outcome


# ---- nesting ---------------------------------------------------------------------------------

def nested(kind: str, levels: int) -> str:
    """A condition ``levels`` operators deep, each a `not`, `and` or `or` around the next."""
    operators = {"not": ["not"], "not-or": ["not", "or", "not", "and"], "and-or": ["or", "and"]}
    condition = "f"
    for level in range(levels):
        operator = operators[kind][level % len(operators[kind])]
        condition = f"not ({condition})" if operator == "not" else f"(g {operator} {condition})"
    return condition


@pytest.mark.parametrize("kind", ["not", "not-or", "and-or"])
def test_a_condition_at_the_depth_limit_is_read_said_and_decided(kind):
    text = (BASE + f"clause 1: licensee may use when {nested(kind, 50)}.\n"
            f"clause 2: licensee must not use unless {nested(kind, 50)}.\n")
    agreement = contractdsl.parse(text)
    assert contractdsl.check(agreement) == []
    for locale in ("en", "nl", "fr"):
        for form in ("markdown", "html", "text"):
            assert "f)))" in contractdsl.render(agreement, locale, form) or kind != "and-or"
    assert contractdsl.parse(format_text(text)) == agreement
    decision = contractdsl.permits(agreement, {"app": "a", "date": "2024-01-01", "facts": ["f"]})
    assert decision.explain(locale="nl", agreement=agreement)


@pytest.mark.parametrize("condition", [
    "not " * 489 + "f", nested("not-or", 51), nested("and-or", 90)])
def test_a_condition_nested_too_deep_is_refused_where_it_is(condition):
    found = diagnostic(BASE + f"clause 1: licensee may use when {condition}.\n")
    assert (found.code, found.line) == ("too-deep", 9)
    assert "nested more than 50 levels" in found.message and found.help


@pytest.mark.parametrize("operator", ["and", "or"])
def test_a_long_chain_of_and_or_is_one_level(operator):
    text = BASE + "clause 1: licensee may use when " + f" {operator} ".join(["f"] * 5000) + ".\n"
    (clause,) = contractdsl.parse(text).documents[0].clauses
    assert len(clause.when.operands) == 5000
    assert len(contractdsl.render(contractdsl.parse(text))) > 5000


def test_a_deep_hierarchy_is_checked_and_rendered():
    chain = "".join(f'action a{i} "step {i}"' + (f" under a{i - 1}" if i else "") + ".\n"
                    for i in range(3000))
    agreement = contractdsl.parse(BASE + chain + "clause 1: licensee may a0.\n")
    assert contractdsl.check(agreement) == []
    assert "step 2999" in contractdsl.render(agreement)
    assert decide(chain + "clause 1: licensee may a0.\n", action="a2999") == "permitted"


# ---- numbers ---------------------------------------------------------------------------------

def test_sixty_digit_amounts_render_and_format_to_text_that_reads_back():
    text = BASE + "clause 1: licensee must not use more than " + "9" * 60 + " req per day.\n"
    agreement = contractdsl.parse(text)
    assert "999,999" in contractdsl.render(agreement)
    assert contractdsl.render(agreement, locale="fr")
    assert contractdsl.parse(format_text(text)) == agreement


def test_an_amount_over_sixty_digits_is_refused():
    found = diagnostic(BASE + "clause 1: licensee must not use more than " + "9" * 61 +
                       " req per day.\n")
    assert found.code == "bad-number" and "60 digits" in found.help


# ---- names and texts -------------------------------------------------------------------------

def test_a_name_over_the_limit_is_refused_where_it_is():
    found = diagnostic(BASE + f'action {"x" * 201} "long".\n')
    assert (found.code, found.line, found.column) == ("too-long", 9, 8)


@pytest.mark.parametrize("char", ["\r", "\x1b", "\x0b", "\x85", "\u2028", "\u202e"])
def test_a_quoted_text_cannot_hold_a_control_character(char):
    found = diagnostic(BASE + f'clause 1 "Lic{char}# heading": licensee may use.\n')
    assert (found.code, found.line) == ("not-text", 9)


@pytest.mark.parametrize("before", ["\f", "\r", "# a\x0bb\n", "# a\x85b\n", "# a\u2028b\n"])
def test_the_line_shown_under_an_error_is_the_line_of_the_error(before):
    found = diagnostic(BASE + before + "clause 1: licensee may use 5.\n")
    assert found.source_line.endswith("clause 1: licensee may use 5.")
    assert found.source_line[found.column - 1:] == "5."
