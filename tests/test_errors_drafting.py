"""The mistakes of someone drafting a first agreement: each gets its place, its words and a fix
that is right."""

import pytest

import contractdsl
from contractdsl.errors import AgreementError

HEADER = """agreement "Acme API Terms" version "1".
licensor "Acme Ltd".
licensee "Developer".
effective 2024-01-01.
action use "use the data".
action read "read records" under use.
data records "records".
purpose analysis "analysis".
purpose research "research" under analysis.
purpose marketing "marketing".
recipient government "a public authority".
fact written_approval "written approval given".
fact licensor_notified "licensor notified".
unit requests "API requests".
"""


def problem(text: str):
    """The one problem the parser or the checker finds in ``HEADER`` followed by ``text``."""
    try:
        found = contractdsl.check(contractdsl.parse(HEADER + text, "a.agreement"))
    except AgreementError as err:
        found = err.diagnostics
    (diagnostic,) = found
    line = diagnostic.line - HEADER.count("\n")
    return diagnostic.message, (line, diagnostic.column), diagnostic.help


SYNTAX = [
    # `nto` would be read as a duty's name; the error is where the slip is
    ("clause 1:\n  licensee must nto use records for marketing.\n",
     ("unknown word `nto`", (2, 17), "did you mean `not`?")),
    # a misspelt `when` at the start of a line is not a missing `.`
    ("clause 1:\n  licensee may read records for research\n    wehn licensor_notified.\n",
     ("unknown word `wehn`", (3, 5), "did you mean `when`?")),
    # the words that begin a statement are proposed only where a statement may begin, and
    # those of a permission (`notwithstanding`, `provided`) only in one
    ("clause 1:\n  licensee must not when written_approval use records.\n",
     ("unexpected `use`; expected `.`, `except`, `for`, `to`, `unless`, `when` or "
      "another word of the language", (2, 43),
      "compare the statement with its form in docs/language.md")),
    # no `(` is open: the purpose is written after the condition
    ("clause 1:\n  licensee must not use records unless written_approval for marketing.\n",
     ("`for` cannot follow the condition", (2, 57),
      "write `for ...` before `when` or `unless`: the condition comes last in a clause")),
    # a date in another form, and where the fix is plain, the date in the form asked for
    ("clause 1 from 2024-5-7:\n  licensee may read records.\n",
     ("unexpected `2024-5-7`; expected a date such as `2023-03-29`", (1, 15),
      "write dates as YYYY-MM-DD, e.g. `2024-05-07`")),
    ("clause 1 from 1 May 2024:\n  licensee may read records.\n",
     ("unexpected `1`; expected a date such as `2023-03-29`", (1, 15),
      "write dates as YYYY-MM-DD, e.g. `2024-05-01`")),
    ('clause 1 until "2024-06-30":\n  licensee may read records.\n',
     ('the date "2024-06-30" must not be in quotes', (1, 16), "write `2024-06-30`")),
    ("clause 1:\n  licensee must not read more than 100 requests/day per app.\n",
     ("unexpected character `/`", (2, 48), "write a rate with `per`, e.g. `100 requests per "
      "day`, and a date as YYYY-MM-DD, e.g. `2024-05-01`")),
    ("clause 3 1 \"Rate\":\n  licensee may read records.\n",
     ("the clause id `3 1` has a space in it", (1, 8), "write the id as one word, e.g. `3.1`")),
    ("clause Section 3.1:\n  licensee may read records.\n",
     ("the clause id `Section 3.1` has a space in it", (1, 8),
      "write the id as one word, e.g. `Section-3.1`")),
    # after an amount, the words of the clause being written, not those of a fee's amount
    # (`beyond`, `if`) or of the phrases an amount stands in elsewhere
    ("clause 1:\n  licensee must not read more than 100 requests daily.\n",
     ("unexpected `daily`; expected `in` or `per`", (2, 49),
      "compare the statement with its form in docs/language.md")),
    ("clause 1:\n  licensee must pay 100 requests daily.\n",
     ("unexpected `daily`; expected `per`", (2, 34),
      "compare the statement with its form in docs/language.md")),
    # a limit in everyday English: a double negative, `10k`, `a day`, `1 000`, `1,00`
    ("clause 1:\n  licensee must not read no more than 100 requests per day.\n",
     ("`must not` and `no` make a double negative", (2, 26),
      "write `must not read more than`")),
    ("clause 1:\n  licensee must not read more than 10k requests per day.\n",
     ("`10k` is not a number", (2, 36), "write the number in full: `10,000`")),
    ("clause 1:\n  licensee must not read more than 1.5k requests per day.\n",
     ("`1.5k` is not a number", (2, 36), "write the number in full: `1,500`")),
    ("clause 1:\n  licensee must not read more than 100 requests a day.\n",
     ("a rate is written with `per`, not `a`", (2, 49),
      "write `per` in place of `a`, e.g. `100 requests per day`")),
    ("clause 1:\n  licensee must not read more than 1 000 requests per day.\n",
     ("the number `1 000` has a space in it", (2, 36),
      "thousands are separated by a comma, e.g. `1,000`")),
    ("clause 1:\n  licensee must not read more than 1,000 000 requests per day.\n",
     ("the number `1,000 000` has a space in it", (2, 36),
      "thousands are separated by a comma, e.g. `1,000,000`")),
    # `1_000`, as a program writes it, reads as the number `1` and a name `_000`
    ("clause 1:\n  licensee must not read more than 1_000 requests per day.\n",
     ("`1_000` is not a number", (2, 36), "thousands are separated by a comma: write `1,000`")),
    ("clause 1:\n  licensee must not read more than 9 requests per 1_000 days.\n",
     ("`1_000` is not a number", (2, 51), "thousands are separated by a comma: write `1,000`")),
    ("measure mau \"users\" of licensee.\nlicensee's mau is 48_000_000.\n",
     ("`48_000_000` is not a number", (2, 19),
      "thousands are separated by a comma: write `48,000,000`")),
    ("clause 1:\n  licensee must not read more than 1,00 requests per day.\n",
     ("the comma after `1` does not separate thousands", (2, 37),
      "a comma in a number comes before each group of three digits, e.g. `1,000`; a number "
      "below a thousand has none, e.g. `100`")),
    # a heading with a title and no `:`: the caret is where the `:` goes
    ('clause 3 "Rate" licensee must not read records.\n',
     ("the clause heading must end with `:`", (1, 16), 'write `clause 3 "Rate": licensee ...`')),
    ('clause 3 "Rate"\n  licensee must not read records.\n',
     ("the clause heading must end with `:`", (1, 16), 'write `clause 3 "Rate": licensee ...`')),
    # a heading ended by `.`: the caret is on the `.`, not on the title's closing quote
    ('clause 3 "Rate".\n  licensee must not read records.\n',
     ("the clause heading ends with `.`, not `:`", (1, 16),
      'write `clause 3 "Rate": licensee ...`: a `.` ends the clause, after its rule')),
    ("clause 3.\n  licensee must not read records.\n",
     ("the clause heading ends with `.`, not `:`", (1, 9),
      "write `clause 3: licensee ...`: a `.` ends the clause, after its rule")),
    ('clause 3 "Rate" from 2024-01-01.\n  licensee must not read records.\n',
     ("the clause heading ends with `.`, not `:`", (1, 32),
      "write `:` in place of the `.`: a `.` ends the clause, after its rule")),
    # a quote inside a title ends it: the caret is on that quote
    ('clause 3 "The "Rate" limit":\n  licensee must not read records.\n',
     ('a `"` inside the title ends the title here', (1, 15),
      'write a quote inside a title as `\\"`, e.g. `"The \\"Rate\\" ..."`')),
]


@pytest.mark.parametrize("text, expected", SYNTAX, ids=lambda v: str(v)[:30])
def test_a_slip_of_form_is_named_where_it_is(text, expected):
    assert problem(text) == expected


def test_an_unquoted_title_after_an_id_is_still_a_title():
    assert problem('clause A Licence:\n  licensee may read records.\n')[0] == \
        "the title `Licence` must be in double quotes"


CHECKS = [
    # a fee per `1_000`: the number `1` of a unit `_000`, which parses
    ("unit USD \"US dollars\" measures money.\nclause 1:\n  licensee must pay 5 USD per 1_000.\n",
     ("`1_000` is not a number", (3, 31), "thousands are separated by a comma: write `1,000`")),
    # `1.000` is a thousand written with a full stop, not one and no thousandths
    ("clause 1:\n  licensee must not read more than 1.000 requests per day per app.\n",
     ("`1.000` is not a whole number of requests", (2, 36),
      "thousands are separated by a comma: write `1,000`")),
    ("clause 1:\n  licensee must not read more than 1.5 requests per day per app.\n",
     ("`1.5` is not a whole number of requests", (2, 36), "count whole requests, e.g. `1 "
      "requests`")),
    # the window and the scope swapped: no unit `app`, no scope `day`
    ("clause 1:\n  licensee must not read more than 100 requests per app per day.\n",
     ("the time window `per day` must come before `per app`", (2, 53),
      "write `per day per app`")),
    # a purpose written where a fact goes: the fix is `purpose is`, not a new fact
    ("clause 1:\n  licensee may read records when not marketing.\n",
     ("unknown fact or standard `marketing`", (2, 38),
      "`marketing` is a purpose: write `purpose is marketing`")),
    ("clause 1:\n  licensee may read records when licensor_notified or government.\n",
     ("unknown fact or standard `government`", (2, 55),
      "`government` is a recipient: write `recipient is government`")),
    # dates out of order are pointed at where they are written, not at the clause's id
    ("clause 1 from 2024-06-01 until 2024-01-01:\n  licensee may read records.\n",
     ("`until 2024-01-01` comes before `from 2024-06-01`", (1, 15),
      "swap the dates, or correct one of them")),
    ('tier pro "Pro" until 2024-01-01 from 2024-06-01.\n',
     ("`until 2024-01-01` comes before `from 2024-06-01`", (1, 22),
      "swap the dates, or correct one of them")),
    # a term is never proposed as its own parent
    ("purpose ads \"ads\" under adds.\n",
     ("purpose `ads` is under `adds`, which is not a purpose", (1, 25),
      "the agreement defines: analysis, marketing, research")),
]


@pytest.mark.parametrize("text, expected", CHECKS, ids=lambda v: str(v)[:30])
def test_a_slip_of_meaning_gets_a_fix_that_is_right(text, expected):
    assert problem(text) == expected
