"""Properties: any document the model can hold prints to text that parses back to it, and
formatting that text again changes nothing; formatting never drops a statement, even one a
file repeats."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import contractdsl
from contractdsl import model as m
from contractdsl.format import format_document, format_text, statements_of
from contractdsl.syntax.parser import parse_tree
from conftest import examples

# Names that are never keywords of the language.
NAMES = st.sampled_from(["alpha", "beta", "gamma_1", "delta", "ads", "gov", "posts", "told",
                         "research", "end_users", "post_ids", "x", "Y2"])
IDS = st.sampled_from(["A", "B.1", "DP-3.6", "II.A(b2)", "XII.C.1", "7", "RL-v2"])
TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\n\r"),
               max_size=20)
DATES = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31))
AMOUNTS = st.one_of(st.integers(0, 10**12),
                    st.decimals(0, 10**6, places=2, allow_nan=False, allow_infinity=False)
                    .map(lambda d: d if d != d.to_integral_value() else Decimal(int(d)) + Decimal("0.5")))
FIXED = ("second", "minute", "hour", "day", "week")

quantities = st.builds(m.Quantity, amount=AMOUNTS, unit=NAMES)
windows = st.one_of(
    st.builds(m.Window, count=st.integers(1, 100), unit=st.sampled_from(FIXED)),
    st.builds(m.Window, count=st.just(1), unit=st.sampled_from(("month", "year")),
              calendar=st.just(True)))
durations = st.builds(m.Duration, count=st.integers(1, 100),
                      unit=st.sampled_from(FIXED + ("month", "year")))
atoms = st.one_of(
    st.builds(m.TermIs, subject=st.sampled_from(("purpose", "recipient", "action", "data",
                                                  "app")), name=NAMES),
    st.builds(m.PurposeApproved), st.builds(m.Subscribed), st.builds(m.TierIs, name=NAMES),
    st.builds(m.DateBefore, date=DATES), st.builds(m.DateFrom, date=DATES),
    st.builds(m.AppLabelled, label=NAMES), st.builds(m.AppServes, recipient=NAMES),
    st.builds(m.FactHolds, name=NAMES),
    st.builds(m.AttributeIs, party=st.sampled_from(m.PARTIES), name=NAMES),
    st.builds(m.MeasureIs, party=st.sampled_from(m.PARTIES), name=NAMES,
              comparison=st.sampled_from(m.COMPARISONS), amount=AMOUNTS))


def _compound(children):
    # the parser flattens `a and (b and c)`, so an All never holds an All directly
    return st.one_of(
        st.builds(m.Not, operand=children),
        st.lists(children.filter(lambda c: not isinstance(c, m.All)), min_size=2, max_size=3)
        .map(lambda ops: m.All(operands=tuple(ops))),
        st.lists(children.filter(lambda c: not isinstance(c, m.Any)), min_size=2, max_size=3)
        .map(lambda ops: m.Any(operands=tuple(ops))))


conditions = st.recursive(atoms, _compound, max_leaves=6)
optional_condition = st.none() | conditions
names_tuple = st.lists(NAMES, min_size=1, max_size=3).map(tuple)
deadlines = st.none() | st.one_of(st.builds(m.Within, duration=durations, event=NAMES),
                                  st.builds(m.Before, event=NAMES), st.builds(m.By, date=DATES))
WORDING = dict(preposition=st.sampled_from(("with", "to")), recipients_first=st.booleans())
activities = st.one_of(
    st.builds(m.Activity, action=NAMES, data=st.none() | NAMES,
              purposes=st.just(()) | names_tuple, recipients=st.just(()) | names_tuple,
              **WORDING),
    st.builds(m.Activity, action=NAMES, data=st.none() | NAMES, approved_purpose=st.just(True),
              recipients=st.just(()) | names_tuple, **WORDING))
refs = st.just(()) | st.lists(IDS, min_size=1, max_size=3).map(tuple)
parties = st.sampled_from(("licensee", "licensor"))


def clause_fields():
    return dict(id=IDS, title=st.none() | TEXT, party=parties, valid_from=st.none() | DATES,
                valid_until=st.none() | DATES, survives=st.none() | durations,
                when=optional_condition, unless=optional_condition)


clauses = st.one_of(
    st.builds(m.Permission, activity=activities, notwithstanding=refs,
              provisos=st.lists(st.builds(m.Proviso, party=parties, duty=NAMES,
                                          deadline=deadlines), max_size=2).map(tuple),
              **clause_fields()),
    st.builds(m.Prohibition, activity=activities, exceptions=refs, **clause_fields()),
    st.builds(m.Limit, action=NAMES, quantity=quantities, window=windows,
              scope=st.none() | st.sampled_from(("app", "licensee", "recipient", "user")),
              exceptions=refs, **clause_fields()),
    st.builds(m.Obligation, duty=NAMES, deadline=deadlines, **clause_fields()))

terms = st.one_of(*[st.builds(cls, name=NAMES, description=TEXT, parent=st.none() | NAMES)
                    for cls in (m.Purpose, m.Recipient, m.DataKind, m.Action, m.Fact)],
                  st.builds(m.Duty, name=NAMES, description=TEXT, parent=st.none() | NAMES,
                            shown_by=st.none() | NAMES),
                  *[st.builds(cls, name=NAMES, description=TEXT, party=st.sampled_from(m.PARTIES))
                    for cls in (m.Attribute, m.Measure)])
values = st.builds(m.AttributeValue, name=NAMES, value=st.booleans() | AMOUNTS)
units = st.builds(m.Unit, name=NAMES, description=TEXT,
                  dimension=st.none() | st.just("money"),
                  aliases=st.just(()) | names_tuple)
apps = st.builds(m.App, name=NAMES, title=TEXT, approved=st.just(()) | names_tuple,
                 labels=st.just(()) | names_tuple, serving=st.just(()) | names_tuple)
tiers = st.builds(
    m.Tier, name=NAMES, title=TEXT,
    price=st.none() | st.builds(m.Price, quantity=quantities, window=windows,
                                minimum=st.booleans()),
    valid_from=st.none() | DATES, valid_until=st.none() | DATES,
    allowances=st.lists(st.builds(m.Allowance, action=NAMES, quantity=quantities,
                                  window=windows, scope=st.none() | st.just("app")),
                        max_size=2).map(tuple))
documents = st.one_of(
    st.builds(m.Document, kind=st.just("agreement"), title=TEXT.filter(bool),
              version=st.none() | TEXT),
    st.builds(m.Document, kind=st.just("schedule"), title=TEXT, schedule_for=TEXT),
).flatmap(lambda head: st.builds(
    m.Document, kind=st.just(head.kind), title=st.just(head.title),
    version=st.just(head.version), schedule_for=st.just(head.schedule_for),
    parties=st.lists(st.builds(m.Party, role=parties, name=TEXT), max_size=2).map(tuple),
    effective=st.none() | DATES, terminates=st.none() | DATES,
    terms=st.lists(terms, max_size=3).map(tuple), units=st.lists(units, max_size=2).map(tuple),
    apps=st.lists(apps, max_size=2).map(tuple), tiers=st.lists(tiers, max_size=2).map(tuple),
    clauses=st.lists(clauses, max_size=3).map(tuple),
    values=st.lists(values, max_size=2).map(tuple)))


@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_printed_document_parses_back_to_itself(doc):
    text = format_document(doc)
    assert contractdsl.parse(text).documents[0] == doc
    assert format_text(text) == text


def statements(doc: m.Document) -> list[list]:
    """What a parsed document says, statement by statement: each kind of header statement and
    each group of definitions in the order written (the order the canonical layout keeps),
    with how each activity words its recipients."""
    headers = [[h for h in doc.headers if isinstance(h, cls)]
               for cls in (m.Heading, m.Party, m.Effective, m.Terminates)]
    wording = [(c.activity.preposition, c.activity.recipients_first) for c in doc.clauses
               if isinstance(c, (m.Permission, m.Prohibition))]
    return headers + [list(doc.terms), list(doc.units), list(doc.tiers), list(doc.apps),
                      list(doc.clauses), wording]


@settings(max_examples=examples(100), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_formatting_keeps_every_statement_even_a_repeated_one(data):
    """The statements of two documents, some written twice, in any order: a file with repeated
    header lines, terms, apps and clauses is in error, and `fmt` still writes all of them."""
    pieces = ["\n".join(s.lines) for doc in (data.draw(documents), data.draw(documents))
              for s in statements_of(doc)]
    if pieces:
        pieces += data.draw(st.lists(st.sampled_from(pieces), max_size=6))
    text = "\n".join(data.draw(st.permutations(pieces))) + "\n"
    out = format_text(text)
    assert len(parse_tree(out)[0].children) == len(parse_tree(text)[0].children) == len(pieces)
    assert statements(contractdsl.parse(out).documents[0]) == statements(
        contractdsl.parse(text).documents[0])
    assert format_text(out) == out


TWITTER_2022 = (Path(__file__).resolve().parent.parent / "agreements" / "twitter"
                / "developer-agreement-2022.agreement").read_text(encoding="utf-8")


@settings(max_examples=examples(60), deadline=None)
@given(st.data())
def test_comments_anywhere_are_all_kept(data):
    """Comments at the end of any line or on a line of their own, anywhere in a real file."""
    from contractdsl.syntax.parser import parse_tree

    lines = TWITTER_2022.splitlines()
    count = data.draw(st.integers(1, 8))
    for n in range(count):
        index = data.draw(st.integers(0, len(lines) - 1))
        if data.draw(st.booleans()):
            lines[index] += f"  # note {n}"
        else:
            lines.insert(index, f"# note {n}")
    text = "\n".join(lines) + "\n"
    out = format_text(text)
    assert contractdsl.parse(out) == contractdsl.parse(text)
    assert format_text(out) == out
    assert sorted(str(c) for c in parse_tree(out)[1]) == sorted(
        str(c).rstrip() for c in parse_tree(text)[1])


# A quoted text as a file may spell it: letters, escaped quotes, backslashes alone or doubled.
SPELT = st.lists(st.sampled_from(["a", "n", " ", "é", "\\n", "\\q", "\\\\", '\\"']),
                 min_size=1, max_size=8).map("".join)


@settings(max_examples=examples(100), deadline=None)
@given(SPELT, SPELT, st.sampled_from(["\n", "\r\n"]))
def test_quoted_texts_and_line_ends_are_kept_as_written(title, description, end):
    text = end.join(['agreement "' + title + '".', 'licensor "L".', '',
                     'purpose research "' + description + '".', ''])
    assert format_text(text) == text
    untidy = text.replace(end + end, "   ")
    assert format_text(untidy) == text
    assert contractdsl.parse(untidy) == contractdsl.parse(text)
