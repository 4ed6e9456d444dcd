"""Bad usages: one clear error each, with the field and, for files, the line; never a traceback."""

import subprocess
import sys
from fractions import Fraction

import pytest

import contractdsl
from contractdsl.cli import main
from contractdsl.errors import UsageError
from contractdsl.usage import read_usages
from conftest import TWITTER_FILES

GOOD = ("app: bing_pages\naction: read\npurpose: search_results_display\n")


@pytest.mark.parametrize("text, line, message", [
    (GOOD + "date: 2022-06-31\n", 4, "`2022-06-31` is not a date or a date-time"),
    # the other forms of ISO 8601 that Python reads are no dates of a usage
    (GOOD + "date: 20220630\n", 4, "`20220630` is not a date or a date-time"),
    (GOOD + "date: 2022-W26-4\n", 4, "`2022-W26-4` is not a date or a date-time"),
    (GOOD + "date: 20220630T14:05:00Z\n", 4,
     "`20220630T14:05:00Z` is not a date or a date-time"),
    (GOOD + "date: 2022-06-30\nfacts: {deletion_request: 2022W264}\n", 5,
     "`2022W264` is not a date or a date-time"),
    (GOOD + "period: {from: 2022-01-01,\n         utnil: 2022-12-31, until: 2022-12-31}\n", 5,
     "unknown period field `utnil`"),
    (GOOD + "period: {from: 2022-12-31, until: 2022-01-01}\n", 4,
     "the period ends on 2022-01-01, before it starts on 2022-12-31"),
    (GOOD + "date: 2022-06-30\nvolume:\n  - {amount: -5, unit: posts, per: day}\n", 6,
     "the amount `-5` is negative"),
    (GOOD + "date: 2022-06-30\npurpse: x\n", 5, "unknown usage field `purpse`"),
    (GOOD, 1, "the usage has no `date` or `period`"),
    (GOOD + "date: 2022-06-30\nvolume:\n  - {amount: lots, unit: posts, per: day}\n", 6,
     "`lots` is not an amount"),
])
def test_malformed_usage_files(tmp_path, text, line, message):
    path = tmp_path / "usage.yaml"
    path.write_text(text)
    with pytest.raises(UsageError) as err:
        read_usages(path)
    diagnostic = err.value.diagnostics[0]
    assert diagnostic.message == message
    assert diagnostic.line == line
    assert diagnostic.file == str(path)



@pytest.mark.parametrize("text, line, message, help", [
    (GOOD + "date: 2022-06-30\nperiod: {from: 2022-01-01, until: 2022-12-31}\n", 5,
     "a usage has either a `date` or a `period`, not both",
     "keep `date:` for one day or instant, or `period:` for a stretch of time"),
    (GOOD + "date: 2022-06-30\nvolume: 5\n", 5, "`volume` must be a list",
     "write its entries in brackets, e.g. `volume: [{amount: 450, unit: requests, per: 15 "
     "minutes}]`"),
    (GOOD + "date: 2022-06-30\nrefuses: 5\n", 5, "`refuses` must be a list",
     "write its entries in brackets, e.g. `refuses: [cooperate_with_audit]`"),
    (GOOD + "date: 2022-06-30\nvolume: [5]\n", 5,
     "a volume must be a mapping such as `{amount: 450, unit: requests, per: 15 minutes}`",
     "write each volume in braces, with its fields"),
    (GOOD + "date: 2022-06-30\npayments: [5]\n", 5,
     "a payment must be a mapping such as `{amount: 2000, unit: USD, due: 2023-07-01, paid: "
     "2023-09-15}`", "write each payment in braces, with its fields"),
    (GOOD + "date: 2022-06-30\nvolume: [{amount: 5}]\n", 5,
     "a volume needs an `amount` and a `unit`",
     "write e.g. `{amount: 450, unit: requests, per: 15 minutes}`"),
    (GOOD + "date: 2022-06-30\nvolume: [{amount: 5, unit: posts, zzz: 1}]\n", 5,
     "unknown volume field `zzz`", "the fields are amount, unit, per, from, until, concurrent"),
    (GOOD + "date: 2022-06-30\nvolume: [{amount: 5, unit: posts, per: day, from: 2022-06-30}]\n",
     5, "a volume is either a rate (`per`) or a total over a period (`from`, `until`), not both",
     "remove `per:` for a total, or `from:` and `until:` for a rate"),
    (GOOD + "date: 2022-06-30\nfacts: 5\n", 5,
     "`facts` must be a list of fact names or a mapping fact -> date",
     "write e.g. `facts: [licensor_notified]` or `facts: {audit_notice: 2024-03-02}`"),
    (GOOD + "date: 2022-06-30\ntier: [pro]\n", 5, "`tier` must be a name, not a list",
     "write one name, not a list, a mapping or an empty text"),
    ("- 5\n", 1, "a usage must be a mapping of fields such as `app:` and `purpose:`",
     "write one field a line, e.g. `app: tool`, `purpose: research` and `date: 2024-06-30`"),
])
def test_a_malformed_usage_says_how_to_put_it_right(tmp_path, text, line, message, help):
    path = tmp_path / "usage.yaml"
    path.write_text(text)
    with pytest.raises(UsageError) as err:
        read_usages(path)
    diagnostic = err.value.diagnostics[0]
    assert (diagnostic.message, diagnostic.help, diagnostic.line) == (message, help, line)


def test_a_usage_of_no_kind_python_reads_says_what_to_give():
    with pytest.raises(UsageError) as err:
        contractdsl.permits(contractdsl.parse('''agreement "T" version "1".
effective 2024-01-01.
action use "use".
clause 1: licensee may use.
'''), [{"date": "2024-06-01"}])
    assert str(err.value) == ("cannot read a usage from a list\nhelp: give a mapping of its "
                              "fields, a `Usage`, or the path of a file that holds one usage")

OFFSET_HELP = "write the offset from UTC in hours and minutes, such as `+02:00` or `-05:30`"


@pytest.mark.parametrize("time, offset, wrong", [
    ("2022-06-30T14:05:00+05:60", "+05:60", "from `-23:59` to `+23:59`"),
    ("2022-06-30T14:05:00+24:00", "+24:00", "from `-23:59` to `+23:59`"),
    ("2022-06-30T14:05-2400", "-2400", "from `-23:59` to `+23:59`"),
    ("2022-06-30 14:05:00+99:99", "+99:99", "from `-23:59` to `+23:59`"),
    # (`-5` hours is within the range: it is not written as one)
    ("2022-06-30T14:05:00+05:30:15", "+05:30:15", "written in hours and minutes"),
    ("2022-06-30 14:05:00 -5", "-5", "written in hours and minutes"),
    ("2022-06-30T14:05:00-5", "-5", "written in hours and minutes"),
])
@pytest.mark.parametrize("field", ["date: {}", "period: {{from: 2022-06-01, until: {}}}",
                                   "date: 2022-06-30\nfacts: {{licensor_notified: {}}}"])
def test_an_offset_no_clock_has_is_refused_where_it_is_written(tmp_path, time, offset, wrong,
                                                                field):
    path = tmp_path / "usage.yaml"
    text = GOOD + field.format(time) + "\n"
    path.write_text(text)
    with pytest.raises(UsageError) as err:
        read_usages(path)
    (diagnostic,) = err.value.diagnostics
    assert diagnostic.message == f"`{time}` has the offset `{offset}`, which is not {wrong}"
    assert diagnostic.help == OFFSET_HELP
    line = text.count("\n", 0, text.index(time)) + 1
    assert (diagnostic.line, diagnostic.column) == (line, text.split("\n")[line - 1].index(time)
                                                    + 1)


@pytest.mark.parametrize("time", ["2022-06-30T14:05:00+23:59", "2022-06-30T14:05:00-23:59",
                                  "2022-06-30T14:05+0530", "2022-06-30T14:05:00.5-00:01",
                                  "2022-06-30 14:05:00+05", "2022-06-30T14:05:00Z"])
def test_an_offset_up_to_23_59_is_read(tmp_path, time):
    import datetime as dt

    path = tmp_path / "usage.yaml"
    path.write_text(GOOD + f"date: {time}\n")
    (found,) = read_usages(path)
    assert found.start == dt.datetime.fromisoformat(time).astimezone(dt.timezone.utc)


DATED = "app: bing_pages\ndate: 2022-06-30\n"


@pytest.mark.parametrize("text, message", [
    ("app: yes\ndate: 2022-06-30\n", "`app` must be a name, not a boolean (`true`)"),
    ("app: [a, b]\ndate: 2022-06-30\n", "`app` must be a name, not a list"),
    (DATED + "recipients: [~]\n", "`recipients` must be a name, not `null`"),
    (DATED + "purpose: ' '\n", "`purpose` must be a name, not an empty text"),
    (DATED + "purpose: {a: 1}\n", "`purpose` must be a name, not a mapping"),
    ("app: bing_pages\ndate: off\n", "a boolean (`false`) is not a date or a date-time"),
    ("app: bing_pages\ndate:\n", "`null` is not a date or a date-time"),
    ("app: bing_pages\ndate: [2022-06-30]\n", "a list is not a date or a date-time"),
    (DATED + "expect: yes\n", "a boolean (`true`) is not an outcome"),
    (DATED + "expect: {clauses: ['1.1']}\n", "an expectation needs an `outcome`"),
    (DATED + "expect: {outcome: denied, clauses: [{a: 1}]}\n", "a mapping is not a clause id"),
    (DATED + "expect: {outcome: denied, clauses: [true]}\n",
     "a boolean (`true`) is not a clause id"),
    (DATED + "expect: {outcome: denied, amounts: {'9.2': [1, USD]}}\n",
     "`1` is not an amount with its unit"),
    (DATED + "expect: {outcome: denied, amounts: {'9.2': {a: 1}}}\n",
     "a mapping is not an amount with its unit"),
    (DATED + "volume:\n  - {amount: yes, unit: posts, per: day}\n",
     "a boolean (`true`) is not an amount"),
    (DATED + "volume:\n  - {amount: 5, unit: posts, per: [day]}\n",
     "a list is not a window the agreement can count in"),
    (DATED + "volume:\n  - {amount: 5, unit: posts, concurrent: [1]}\n",
     "`concurrent` must be true or false, not a list"),
    (DATED + "claim: {amount: 5, unit: USD, against: null}\n",
     "a claim is against the `licensor` or the `licensee`, not `null`"),
    (DATED + "yes: 1\n", "unknown usage field `true`"),
    ("act: [x]\naction: read\ndate: 2022-06-30\n", "`act` must be a name, not a list"),
])
def test_a_value_of_the_wrong_kind_is_said_in_the_files_words(tmp_path, text, message):
    path = tmp_path / "usage.yaml"
    path.write_text(text)
    with pytest.raises(UsageError) as err:
        read_usages(path)
    (diagnostic,) = err.value.diagnostics
    assert diagnostic.message == message
    for python in ("True", "False", "None", "['", "{'", "[1", "[d"):
        assert python not in message + (diagnostic.help or "")


def test_a_name_yaml_reads_as_a_boolean_has_help_to_quote_it(tmp_path):
    path = tmp_path / "usage.yaml"
    path.write_text("app: bing_pages\ndate: 2022-06-30\nrecipients: [no]\n")
    with pytest.raises(UsageError) as err:
        read_usages(path)
    (diagnostic,) = err.value.diagnostics
    assert (diagnostic.line, diagnostic.column) == (3, 14)
    assert diagnostic.message == "`recipients` must be a name, not a boolean (`false`)"
    assert diagnostic.help == ("YAML reads `yes`, `no`, `on`, `off`, `true` and `false` as "
                               "booleans: put a name in quotes, such as `\"no\"`")


@pytest.mark.parametrize("text, where, message, word, kind", [
    ("app: 5\ndate: 2022-06-30\n", (1, 6), "`app` must be a name, not `5`", "5", "a number"),
    (DATED + "purpose: 1.5\n", (3, 10), "`purpose` must be a name, not `1.5`", "1.5",
     "a number"),
    (DATED + "tier: 1_7\n", (3, 7), "`tier` must be a name, not `17`", "1_7", "a number"),
    (DATED + "purpose: yes\n", (3, 10), "`purpose` must be a name, not a boolean (`true`)",
     "yes", None),
    (DATED + "recipients: [~]\n", (3, 14), "`recipients` must be a name, not `null`", "~",
     "null"),
    (DATED + "facts: [5]\n", (3, 9), "`facts` must be a name, not `5`", "5", "a number"),
    (DATED + "facts: {no: 2022-06-01}\n", (3, 9), "`facts` must be a name, not a boolean "
     "(`false`)", "no", None),
    (DATED + "facts: {null: 2022-06-01}\n", (3, 9), "`facts` must be a name, not `null`",
     "null", "null"),
])
def test_a_name_yaml_reads_as_a_number_a_boolean_or_null_has_help_to_quote_it(
        tmp_path, text, where, message, word, kind):
    """A usage's name that YAML reads as a number, a boolean or null is refused where it is
    written (a fact's name in a mapping at the name, not at its date), with help to quote the
    word as written; a number and null had none, as the column mapping of an audit has."""
    path = tmp_path / "usage.yaml"
    path.write_text(text)
    with pytest.raises(UsageError) as err:
        read_usages(path)
    (diagnostic,) = err.value.diagnostics
    assert (diagnostic.line, diagnostic.column) == where
    assert diagnostic.message == message
    assert diagnostic.help == (
        f"YAML reads `{word}` as {kind}: put a name in quotes, such as `\"{word}\"`" if kind
        else "YAML reads `yes`, `no`, `on`, `off`, `true` and `false` as booleans: put a name "
             f"in quotes, such as `\"{word}\"`")


UNCLEAR = [
    ("1:30", "90, a number in base 60",
     'write the number in digits, such as `90`, or a text in quotes, such as `"1:30"`'),
    ("12:30:00", "45000, a number in base 60",
     'write the number in digits, such as `45000`, or a text in quotes, such as `"12:30:00"`'),
    ("1:30.5", "90.5, a number in base 60",
     'write the number in digits, such as `90.5`, or a text in quotes, such as `"1:30.5"`'),
    ("010", "8, a number in octal, for its leading zero",
     'write the number without the leading zero, such as `10`, or a text in quotes, such as '
     '`"010"`'),
    ("-0_10", "-8, a number in octal, for its leading zero",
     'write the number without the leading zero, such as `-10`, or a text in quotes, such as '
     '`"-0_10"`'),
    ("0x1F", "31, a number in hexadecimal",
     'write the number in the digits 0 to 9, such as `31`, or a text in quotes, such as '
     '`"0x1F"`'),
    ("0b101", "5, a number in binary",
     'write the number in the digits 0 to 9, such as `5`, or a text in quotes, such as '
     '`"0b101"`'),
]


@pytest.mark.parametrize("written, read, help", UNCLEAR)
@pytest.mark.parametrize("field", ["amount", "clause", "name"])
def test_a_number_yaml_1_1_reads_otherwise_than_written_is_refused_where_it_is(
        tmp_path, field, written, read, help):
    """YAML 1.1 reads `1:30` in base 60 (90), `010` in octal (8), `0x1F` and `0b101` in
    hexadecimal and binary, where a reader of the file (and JSON, and YAML 1.2) sees a time,
    ten, or no number: an amount of 90 was decided, a clause `90` expected. Each is refused
    where it is written, with the help to write the number plainly or the text in quotes."""
    lines = {"amount": f"volume:\n  - {{amount: {written}, unit: posts, per: day}}\n",
             "clause": f"expect: {{outcome: denied, clauses: [{written}]}}\n",
             "name": f"facts: {{{written}: 2022-06-01}}\n"}
    path = tmp_path / "usage.yaml"
    path.write_text(DATED + lines[field])
    with pytest.raises(UsageError) as err:
        read_usages(path)
    (diagnostic,) = err.value.diagnostics
    assert diagnostic.message == f"cannot read the usage file: `{written}` would be read as {read}"
    assert diagnostic.help == help
    line = path.read_text().splitlines()[diagnostic.line - 1]
    assert line[diagnostic.column - 1:][:diagnostic.width] == written


@pytest.mark.parametrize("written, amount", [("1_000", 1000), ("007", 7), ("0_7", 7), ("0", 0),
                                             ("0.5", Fraction(1, 2)), ('"1:30"', None)])
def test_a_number_every_reading_agrees_on_is_read(tmp_path, written, amount):
    """A leading zero that changes nothing (`007` is 7 in octal too), digits grouped by
    underscores: one reading, so the number is read; `"1:30"` in quotes is a text, not an
    amount (refused as one)."""
    path = tmp_path / "usage.yaml"
    path.write_text(DATED + f"volume:\n  - {{amount: {written}, unit: posts, per: day}}\n")
    if amount is None:
        with pytest.raises(UsageError) as err:
            read_usages(path)
        assert err.value.diagnostics[0].message == "`1:30` is not an amount"
    else:
        assert read_usages(path)[0].volume[0].amount == amount


def test_an_equals_sign_is_a_text(tmp_path):
    # (YAML 1.1 reads it as a tag of its own, refused as `the tag `=` is not allowed`)
    path = tmp_path / "usage.yaml"
    path.write_text("app: =\ndate: 2022-06-30\n")
    assert read_usages(path)[0].app == "="


def test_an_amount_yaml_reads_as_infinite_is_said_as_written(tmp_path):
    path = tmp_path / "usage.yaml"
    path.write_text(DATED + "volume:\n  - {amount: .inf, unit: posts, per: day}\n")
    with pytest.raises(UsageError) as err:
        read_usages(path)
    assert err.value.diagnostics[0].message == "`.inf` is not an amount"  # (was `inf`)


@pytest.mark.parametrize("per", ["٥ minutes", "１５ minutes"])
def test_a_window_counted_in_other_digits_than_0_to_9_is_refused(tmp_path, per):
    # (`٥ minutes` was a window of 5 minutes)
    path = tmp_path / "usage.yaml"
    path.write_text(DATED + f"volume:\n  - {{amount: 5, unit: posts, per: {per}}}\n",
                    encoding="utf-8")
    with pytest.raises(UsageError) as err:
        read_usages(path)
    assert err.value.diagnostics[0].message == (f"`{per}` is not a window the agreement can "
                                                "count in")


@pytest.mark.parametrize("text, line, column", [("[]\n", 1, 1),
                                                ("# none yet\nusages: []\n", 2, 9)])
def test_a_file_of_an_empty_list_of_usages_is_refused(tmp_path, capsys, text, line, column):
    """A manifest of no usage passed `contractdsl test` as "0 passed, 0 failed", and
    `permits` decided nothing with exit status 0, where an empty file is refused."""
    path = tmp_path / "usage.yaml"
    path.write_text(text)
    with pytest.raises(UsageError) as err:
        read_usages(path)
    (found,) = err.value.diagnostics
    assert (found.line, found.column, found.message) == (line, column,
                                                         "the list of usages is empty")
    assert found.help == ("write a usage in it, e.g. `- {app: my_app, purpose: research, date: "
                          "2024-06-30}`, or remove the file")
    terms = tmp_path / "terms.agreement"
    terms.write_text('agreement "T" version "1".\neffective 2024-01-01.\naction use "use".\n'
                     'clause 1: licensee may use.\n')
    for command in (["permits", str(terms), "--usage"], ["test", "-a", str(terms)]):
        assert main([*command, str(path)]) == 2
        err = capsys.readouterr().err
        assert f"{path}:{line}:{column}: error: the list of usages is empty" in err


@pytest.mark.parametrize("path", [None, 5, ["usage.yaml"]])
def test_read_usages_says_what_to_give_for_a_path_of_the_wrong_type(path):
    # (a TypeError from deep in pathlib came through)
    with pytest.raises(TypeError) as raised:
        read_usages(path)
    assert str(raised.value) == ("read_usages takes the path of a usage file, a str or a Path "
                                 f"(`-`: standard input), not {type(path).__name__}")


def test_a_name_given_in_python_as_a_number_has_no_help_about_a_null_not_written():
    """A usage given as a mapping in Python names no word YAML read: a number still has the
    help to quote it (as the file would), a None the help to write a name, not to quote a word
    that was never written."""
    terms = contractdsl.load(*TWITTER_FILES)
    for value, help in ((5, 'YAML reads `5` as a number: put a name in quotes, such as `"5"`'),
                        (None, "write one name, as a text")):
        with pytest.raises(UsageError) as err:
            contractdsl.permits(terms, {"app": "bing_pages", "date": "2022-06-30",
                                        "recipients": [value]})
        assert err.value.diagnostics[0].help == help


@pytest.mark.parametrize("key, shown", [("1", "`1`"), ("yes", "a boolean (`true`)"),
                                        ("~", "`null`")])
def test_a_key_yaml_reads_as_other_than_text_is_found_at_its_line(tmp_path, key, shown):
    # (it was shown at the line of the mapping it is in)
    path = tmp_path / "usage.yaml"
    path.write_text(f"app: bing_pages\ndate: 2022-06-30\nlicensee:\n  age: 3\n  {key}: true\n")
    with pytest.raises(UsageError) as err:
        read_usages(path)
    (diagnostic,) = err.value.diagnostics
    assert (diagnostic.line, diagnostic.column) == (5, 3)
    assert diagnostic.message == f"`licensee` must be a name, not {shown}"


def test_a_volume_per_neither_a_window_nor_a_unit_points_at_its_line(tmp_path, twitter):
    # `per:` names a window, or a unit the amount is counted per one of (`per: request`):
    # which, only the agreement can tell
    path = tmp_path / "usage.yaml"
    path.write_text(GOOD + "date: 2022-06-30\nvolume:\n  - {amount: 5, unit: posts, "
                    "per: fortnight}\n")
    with pytest.raises(UsageError) as err:
        contractdsl.permits(twitter, str(path))
    diagnostic = err.value.diagnostics[0]
    assert (diagnostic.line, diagnostic.message) == (
        6, "`fortnight` is not a window the agreement can count in, nor one of its units")
    assert diagnostic.help.startswith("write a window, e.g. `15 minutes`")


def test_unknown_purpose_in_a_file_points_at_its_line(tmp_path, twitter):
    path = tmp_path / "usage.yaml"
    path.write_text("app: bing_pages\ndate: 2022-06-30\npurpose: serch_results_display\n")
    with pytest.raises(UsageError) as err:
        contractdsl.permits(twitter, str(path))
    diagnostic = err.value.diagnostics[0]
    assert (diagnostic.line, diagnostic.column) == (3, 10)  # the value, not its key
    assert diagnostic.message == "unknown purpose `serch_results_display`"
    assert diagnostic.help == "did you mean `search_results_display`?"


def test_invalid_yaml(tmp_path):
    path = tmp_path / "usage.yaml"
    path.write_text("app: [unclosed\n")
    with pytest.raises(UsageError) as err:
        read_usages(path)
    # where the list opens, not the end of the file where YAML finds it open
    assert (err.value.diagnostics[0].line, err.value.diagnostics[0].column) == (1, 6)


@pytest.mark.parametrize("name, text, line, column", [
    ("usage.yaml", GOOD + "date: 2022-06-30\npurpose: ads\n", 5, 1),
    ("usage.json", '{"app": "bing_pages", "date": "2022-06-30",\n "app": "x"}', 2, 2),
    ("usage.yaml", GOOD + "date: 2022-06-30\nfacts: {licensor_notified: 2022-01-01, "
     "licensor_notified: 2022-01-02}\n", 5, 40),
    ("usage.yaml", GOOD + "date: 2022-06-30\nexpect:\n  outcome: denied\n  outcome: permitted\n",
     7, 3),
    ("usages.yaml", "- name: a\n  date: 2022-06-30\n- name: b\n  date: 2022-06-30\n"
     "  name: c\n", 5, 3),
])
def test_a_key_written_twice_is_refused_at_its_second_place(tmp_path, name, text, line, column):
    path = tmp_path / name
    path.write_text(text)
    with pytest.raises(UsageError) as err:
        read_usages(path)
    (found,) = err.value.diagnostics
    assert (found.line, found.column) == (line, column)
    assert "is written twice in one mapping (first at line" in found.message
    assert found.help == "a field is written once: keep the value meant and remove the other"


def test_a_key_written_twice_exits_2_on_the_command_line(tmp_path):
    path = tmp_path / "usage.yaml"
    path.write_text("app: bing_pages\npurpose: search_results_display\ndate: 2022-06-30\n"
                    "purpose: ads\n")
    result = subprocess.run([sys.executable, "-m", "contractdsl", "permits",
                             *map(str, TWITTER_FILES), "--usage", str(path)],
                            capture_output=True, text=True)
    assert result.returncode == 2, result.stdout
    assert result.stderr.startswith(
        f"{path}:4:1: error: the key `purpose` is written twice in one mapping (first at line "
        "2)\n4 | purpose: ads\n    ^^^^^^^\n")
    assert "Traceback" not in result.stderr


def test_a_manifest_of_named_usages(tmp_path):
    path = tmp_path / "usages.yaml"
    path.write_text("- name: first\n  app: a\n  date: 2022-01-01\n- app: b\n  date: 2022-01-02\n")
    usages = read_usages(path)
    assert [u.name for u in usages] == ["first", "usages.yaml#2"]


def test_json_usage_and_keyword_usage_agree(tmp_path, twitter):
    from contractdsl.usage import usage

    path = tmp_path / "usage.json"
    path.write_text('{"app": "bing_pages", "action": "read", '
                    '"purpose": "search_results_display", "date": "2022-06-30"}')
    by_file = contractdsl.permits(twitter, str(path))
    by_keywords = contractdsl.permits(twitter, usage(app="bing_pages", action="read",
                                                     purpose="search_results_display",
                                                     date="2022-06-30"))
    # its request volume is left to judgement (II.D-volume), and no finding is stated
    assert by_file.outcome == by_keywords.outcome == "undetermined"
    assert by_file.reasons == by_keywords.reasons


def test_cli_bad_usage_exits_2_without_traceback(tmp_path):
    path = tmp_path / "usage.yaml"
    path.write_text("app: bing_pages\ndate: 2022-06-30\npurpose: serch_results_display\n")
    result = subprocess.run([sys.executable, "-m", "contractdsl", "permits",
                             *map(str, TWITTER_FILES), "--usage", str(path)],
                            capture_output=True, text=True)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert f"{path}:3:10: error: unknown purpose `serch_results_display`" in result.stderr
    assert "3 | purpose: serch_results_display\n             ^^^^^" in result.stderr
    assert "help: did you mean `search_results_display`?" in result.stderr


@pytest.mark.parametrize("args", [
    ["permits"],
    ["permits", "missing.agreement", "--usage", "missing.yaml"],
    ["permits", str(TWITTER_FILES[0])],
    ["permits", str(TWITTER_FILES[0]), "--format", "xml", "--usage", "u.yaml"],
])
def test_cli_bad_command_lines_exit_2(args):
    result = subprocess.run([sys.executable, "-m", "contractdsl", *args], capture_output=True,
                            text=True)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "error" in result.stderr


def test_a_usage_error_shows_the_line_with_a_caret_under_the_value(tmp_path, twitter):
    path = tmp_path / "usage.yaml"
    path.write_text("app: bing_pages\npurpose: serch_results_display\ndate: 2022-06-30\n"
                    "facts:\n  licensor_notified: 2022-01-01\n  licensr_notified: 2022-01-02\n")
    with pytest.raises(UsageError) as err:
        contractdsl.permits(twitter, str(path))
    assert str(err.value) == (
        f"{path}:2:10: error: unknown purpose `serch_results_display`\n"
        "2 | purpose: serch_results_display\n"
        "             ^^^^^^^^^^^^^^^^^^^^^\n"
        "help: did you mean `search_results_display`?\n"
        f"{path}:6:3: error: unknown fact `licensr_notified`\n"
        "6 |   licensr_notified: 2022-01-02\n"
        "      ^^^^^^^^^^^^^^^^\n"
        "help: did you mean `licensor_notified`?")


def test_an_unknown_field_is_pointed_at_by_its_key(tmp_path):
    path = tmp_path / "usage.yaml"
    path.write_text("date: 2022-06-30\nvolume:\n  - {amount: 5, unit: posts, pre: day}\n")
    with pytest.raises(UsageError) as err:
        read_usages(path)
    assert str(err.value) == (
        f"{path}:3:30: error: unknown volume field `pre`\n"
        "3 |   - {amount: 5, unit: posts, pre: day}\n"
        "                                 ^^^\n"
        "help: did you mean `per`?")


@pytest.mark.parametrize("text, place, message, help", [
    ('app: "bing_pages\ndate: 2022-06-30\n', (1, 6), "this quoted text is never closed",
     "close it with the quote it opens with"),
    ("app: [bing_pages\n", (1, 6), "this `[` is never closed",
     "close the list with `]`, its items separated by `,`"),
    ("app: {a: bing_pages\n", (1, 6), "this `{` is never closed",
     "close the mapping with `}`, its fields separated by `,`"),
    ("app: bing_pages: x\n", (1, 16), "a `:` and a space start a mapping where none may start",
     'put a value that holds `: ` in quotes, e.g. `"a: b"`'),
    ("app: bing_pages\n\taction: read\n", (2, 1), "a tab indents this line",
     "indent with spaces: YAML does not allow tabs"),
    # a tab before a list's item, which YAML reads as a character of a value
    ("app: bing_pages\nvolume:\n\t- {amount: 5, unit: posts, per: day}\n", (3, 1),
     "a tab indents this line", "indent with spaces: YAML does not allow tabs"),
    # a field indented under the one above, which YAML reads as going on with its value
    ("app: bing_pages\npurpose: search\n  date: 2022-06-30\n", (3, 3),
     "this line is indented more than the line above it",
     "line `date:` up with the fields above it"),
    ("app: @bing\n", (1, 6), "`@` cannot start a value", "put the value in quotes"),
    ("app: `bing`\n", (1, 6), "`` ` `` cannot start a value", "put the value in quotes"),
    ("app: !!python/object:os.system x\n", (1, 6),
     "the tag `!!python/object:os.system` is not allowed",
     "remove it: a file holds names, numbers, texts, lists and mappings only"),
    ("app: *bing\n", (1, 6), "the alias `*bing` refers to no anchor",
     "write the value, or an anchor (`&name`) before the alias"),
    ("app: a\n---\napp: b\n", (2, 1), "the file holds more than one YAML document",
     "remove the `---`: one document holds every usage, in a list"),
    ("? [a]\n: 1\n", (1, 3), "a list or a mapping is written as a key",
     "a key is a name, such as `app`"),
])
def test_what_yaml_cannot_read_is_said_in_words_where_it_is(tmp_path, text, place, message,
                                                            help):
    path = tmp_path / "usage.yaml"
    path.write_text(text)
    with pytest.raises(UsageError) as err:
        read_usages(path)
    (found,) = err.value.diagnostics
    assert ((found.line, found.column), found.message, found.help) == (
        place, f"cannot read the usage file: {message}", help)


@pytest.mark.parametrize("amount, message, help", [
    ("1.000", "`1.000` is the number 1: a full stop marks decimals, not thousands",
     "for 1,000 write `1000`; for 1 write `1`"),
    ("250.000.000", "`250.000.000` is not an amount", "write a number such as `1500000`"),
])
def test_an_amount_with_full_stops_between_its_thousands_is_not_read_as_less(tmp_path, amount,
                                                                              message, help):
    path = tmp_path / "usage.yaml"
    path.write_text(GOOD + f"date: 2022-06-30\nvolume: [{{amount: {amount}, unit: posts, "
                    "per: day}]\n")
    with pytest.raises(UsageError) as err:
        read_usages(path)
    (found,) = err.value.diagnostics
    assert ((found.line, found.column), found.message, found.help) == (
        (GOOD.count("\n") + 2, 19), message, help)
    path.write_text(GOOD + "date: 2022-06-30\nvolume: [{amount: 1.5, unit: posts, per: day}]\n")
    (usage,) = read_usages(path)
    assert usage.volume[0].amount == Fraction(3, 2)


@pytest.mark.parametrize("per, help", [
    ("0 minutes", "a window is at least one unit long, e.g. `1 minute`"),
    ("2 calendar months", "calendar windows are one `calendar month` or one `calendar year`"),
])
def test_a_window_no_usage_can_count_in_gets_the_help_for_its_mistake(tmp_path, per, help):
    path = tmp_path / "usage.yaml"
    path.write_text(GOOD + f"date: 2022-06-30\nvolume: [{{amount: 5, unit: posts, per: {per}}}]\n")
    with pytest.raises(UsageError) as err:
        read_usages(path)
    (found,) = err.value.diagnostics
    assert (found.message, found.help) == (
        f"`{per}` is not a window the agreement can count in", help)


EXAMPLE = ("write a usage as fields, e.g. `app: my_app`, `purpose: research` and `date: "
           "2024-06-30`, one a line (docs/api.md#the-usage-format)")


@pytest.mark.parametrize("text, message, help", [
    ("", "the usage file is empty", EXAMPLE),
    ("hello\n", "a usage file holds a usage or a list of usages", EXAMPLE),
    (GOOD + "date: 2022-06-30\nrecipients: {a: 1}\n",
     "`recipients` must be a list of recipient names", "write e.g. `recipients: [end_users]`"),
])
def test_a_file_that_holds_no_usage_says_what_one_looks_like(tmp_path, text, message, help):
    path = tmp_path / "usage.yaml"
    path.write_text(text)
    with pytest.raises(UsageError) as err:
        read_usages(path)
    (found,) = err.value.diagnostics
    assert (found.message, found.help) == (message, help)



VERSIONED = ('agreement "Terms" version "{version}".\neffective {day}.\naction use "use".\n'
             'action share "share" under use.\ndata d "data".\n{recipients}'
             'clause P1: licensee may share d with partner.\n')


@pytest.mark.parametrize("when, name, help", [
    # a day of the first text, and a period that runs into the second: a name of the later texts
    ("date: 2024-02-10", "broker", "`broker` is defined from 2024-03-01 (texts `v2` to `v3`); "
     "the text in force from 2024-01-01 to 2024-02-29 defines: affiliates, partner, reseller"),
    ("period: {from: 2024-02-01, until: 2024-03-31}", "broker",
     "`broker` is defined from 2024-03-01 (texts `v2` to `v3`); the text in force from "
     "2024-01-01 to 2024-02-29 defines: affiliates, partner, reseller"),
    # a name the first text alone defines, on a day of the last
    ("date: 2024-07-01", "reseller", "`reseller` is defined from 2024-01-01 to 2024-02-29 "
     "(text `v1`); the text in force from 2024-06-01 defines: affiliate, broker, partner"),
    # a name of a later text, close to one of the text in force
    ("date: 2024-02-10", "affiliate", "`affiliate` is defined from 2024-03-01 (texts `v2` to "
     "`v3`); in the text in force from 2024-01-01 to 2024-02-29, did you mean `affiliates`?"),
    # a name no text defines
    ("date: 2024-02-10", "resellr", "did you mean `reseller`?"),
])
def test_a_name_another_text_defines_says_from_when_it_is_defined(tmp_path, when, name, help):
    paths = []
    for version, day, recipients in (("v1", "2024-01-01", ("partner", "reseller", "affiliates")),
                                      ("v2", "2024-03-01", ("partner", "broker", "affiliate")),
                                      ("v3", "2024-06-01", ("partner", "broker", "affiliate"))):
        paths.append(tmp_path / f"{version}.agreement")
        paths[-1].write_text(VERSIONED.format(version=version, day=day, recipients="".join(
            f'recipient {r} "a {r}".\n' for r in recipients)))
    usage = tmp_path / "u.yaml"
    usage.write_text(f"action: share\ndata: d\nrecipients: [{name}]\n{when}\n")
    with pytest.raises(UsageError) as err:
        contractdsl.permits(contractdsl.load(*paths), str(usage))
    assert str(err.value) == (f"{usage}:3:14: error: unknown recipient `{name}`\n"
                              f"3 | recipients: [{name}]\n"
                              f"                 {'^' * len(name)}\n"
                              f"help: {help}")
