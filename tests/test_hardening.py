"""Inputs that once crashed, hung or misled: each is answered now, within the documented limits
(docs/limits.md), by a decision or a located error."""

import datetime
import os

import pytest

import contractdsl
from contractdsl.errors import AgreementError
from contractdsl.format import format_text
from conftest import TWITTER

TWITTER_2022 = TWITTER / "developer-agreement-2022.agreement"

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
def test_a_condition_at_the_depth_limit_is_decided_and_one_past_it_is_refused_where_it_is(kind):
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
    found = diagnostic(BASE + f"clause 1: licensee may use when {nested(kind, 51)}.\n")
    assert (found.code, found.line) == ("too-deep", 9)


@pytest.mark.parametrize("condition", ["not " * 489 + "f", nested("not-or", 90),
                                       nested("and-or", 90)])
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


def test_sixty_digits_are_counted_without_separators_and_sixty_one_refused():
    written = f"{10 ** 60 - 1:,}.{'9' * 60}"
    agreement = contractdsl.parse(BASE + f"clause 1: licensee must not use more than {written} "
                                  "req per day.\n")
    assert str(agreement.documents[0].clauses[0].quantity.amount) == written.replace(",", "")
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


@pytest.mark.parametrize("before", ["\f", "# a\x0bb\n", "# a\x85b\n", "# a\u2028b\n"])
def test_the_line_shown_under_an_error_is_the_line_of_the_error(before):
    found = diagnostic(BASE + before + "clause 1: licensee may use 5.\n")
    assert found.source_line.endswith("clause 1: licensee may use 5.")
    assert found.source_line[found.column - 1:] == "5."


# ---- usages ----------------------------------------------------------------------------------

LIMITED = BASE + ("clause 1: licensee may use.\n"
                  "clause 2: licensee must not use more than 5 req per day.\n")


@pytest.mark.parametrize("amount", ["Infinity", "-inf", float("inf"), "1e+308", 1e308, "9" * 5000,
                                    10 ** 5000, "1e-999999", "0." + "0" * 60 + "1", 1e-300],
                         ids=lambda amount: type(amount).__name__)
def test_an_amount_out_of_range_is_a_located_usage_error(amount):
    with pytest.raises(contractdsl.UsageError) as raised:
        contractdsl.permits(contractdsl.parse(LIMITED), {
            "app": "a", "date": "2024-01-01",
            "volume": [{"amount": amount, "unit": "req", "per": "day"}]})
    assert raised.value.diagnostics[0].help


@pytest.mark.parametrize("digits", [61, 4301, 100_000])
def test_a_window_whose_count_has_over_sixty_digits_is_a_located_usage_error(tmp_path, digits):
    # (past 4,300 digits Python will not read the count as a number at all)
    path = tmp_path / "usage.yaml"
    path.write_text('app: a\ndate: 2024-01-01\n'
                    f'volume: [{{amount: 5, unit: req, per: "{"9" * digits} days"}}]\n')
    with pytest.raises(contractdsl.UsageError) as raised:
        contractdsl.permits(contractdsl.parse(LIMITED), path)
    (found,) = raised.value.diagnostics
    assert (found.line, found.column) == (3, 38)
    assert found.message == f"the window's count has {digits} digits, more than 60"
    assert found.help == ("a window's count has at most 60 digits, as in an agreement: write "
                          "e.g. `30 days` or `calendar year`")
    path.write_text('app: a\ndate: 2024-01-01\n'
                    f'volume: [{{amount: 5, unit: req, per: "{"9" * 60} days"}}]\n')
    assert contractdsl.permits(contractdsl.parse(LIMITED), path).outcome == "permitted"


@pytest.mark.parametrize("amount", [10 ** 60, -10 ** 60, 10 ** 75])
def test_a_whole_amount_over_sixty_digits_is_refused_by_how_many_it_has(amount):
    with pytest.raises(contractdsl.UsageError) as raised:
        contractdsl.permits(contractdsl.parse(LIMITED), {
            "app": "a", "date": "2024-01-01",
            "volume": [{"amount": amount, "unit": "req", "per": "day"}]})
    (found,) = raised.value.diagnostics
    digits = len(str(abs(amount)))
    assert found.message == f"the amount has {digits} digits, more than 60"
    assert found.help == "amounts have at most 60 digits before the decimal point"
    assert contractdsl.permits(contractdsl.parse(LIMITED), {
        "app": "a", "date": "2024-01-01",
        "volume": [{"amount": 10 ** 60 - 1, "unit": "req", "per": "day"}]}).outcome == "denied"


@pytest.mark.parametrize("fields", [
    {"date": 10 ** 5000}, {"terminated": 10 ** 5000}, {"facts": {"notified": 10 ** 5000}},
    {"volume": [{"amount": 1, "unit": "req", "per": 10 ** 5000}]},
    {"volume": [{"amount": 1, "unit": "req", "from": 10 ** 5000}]},
    {"expect": 10 ** 5000}, {"expect": {"outcome": "denied", "clauses": [10 ** 5000]}},
    {"expect": {"outcome": "denied", "amounts": {"1": 10 ** 5000}}}, {10 ** 5000: "app"},
    {"claim": {"amount": 1, "unit": "USD", "date": 10 ** 5000}},
    {"claim": {"amount": 1, "unit": "USD", "against": -10 ** 5000}},
], ids=["date", "terminated", "fact", "per", "from", "expect", "expected-clause",
        "expected-amount", "key", "claim-date", "claim-against"])
def test_a_number_too_long_to_write_out_anywhere_in_a_usage_is_a_usage_error(fields):
    # Python refuses to turn a whole number of over 4,300 digits into text: given in a mapping
    # (no file's loader holds it to the limit), it is refused as a usage file's would be
    with pytest.raises(contractdsl.UsageError) as raised:
        contractdsl.permits(contractdsl.parse(LIMITED), {"app": "a", "date": "2024-01-01",
                                                         **fields})
    (found,) = raised.value.diagnostics
    assert found.message == "this number has too many digits" and found.help


def _nested(depth: int, inner=1, mapping: bool = False):
    for _ in range(depth):
        inner = {"a": inner} if mapping else [inner]
    return inner


@pytest.mark.parametrize("fields", [
    {"users": {"age": _nested(100_000)}}, {"users": [_nested(100_000, mapping=True)]},
    {"facts": _nested(100_000)}, {"facts": _nested(100_000, mapping=True)},
    {"recipients": _nested(100_000)},
    {"expect": {"outcome": "denied", "clauses": _nested(100_000)}},
], ids=["users-values", "users-groups", "facts-lists", "facts-mappings", "recipients",
        "expected-clauses"])
def test_data_nested_deeper_than_python_recurses_in_a_usage_is_a_usage_error(fields):
    # a usage file's loader refuses lists and mappings nested more than 32 deep; a mapping given
    # in Python may nest them 100,000 deep, and is refused alike
    with pytest.raises(contractdsl.UsageError) as raised:
        contractdsl.permits(contractdsl.parse(LIMITED), {"app": "a", "date": "2024-01-01",
                                                         **fields})
    (found,) = raised.value.diagnostics
    assert found.message == "lists and mappings are nested more than 32 deep" and found.help


@pytest.mark.parametrize("amount", ["1e40", "9" * 60, 10 ** 59],
                         ids=lambda amount: type(amount).__name__)
@pytest.mark.parametrize("locale", ["en", "nl", "fr"])
def test_an_amount_within_the_limits_is_decided_and_said(amount, locale):
    agreement = contractdsl.parse(LIMITED)
    decision = contractdsl.permits(agreement, {
        "app": "a", "date": "2024-01-01",
        "volume": [{"amount": amount, "unit": "req", "per": "day"}]})
    assert decision.explain(locale=locale, agreement=agreement) and decision.to_dict()
    import json

    json.dumps(decision.to_dict())


def read_usage_text(tmp_path, text):
    from contractdsl.usage import read_usages

    path = tmp_path / "usage.yaml"
    path.write_text(text, encoding="utf-8")
    return read_usages(path)


@pytest.mark.parametrize("text, line, words", [
    ("[" * 1000, 1, "nested more than 32 deep"),
    ("app: a\ndate: &a [*a]\n", 2, "refers to the list or mapping it is in"),
    ('a: &a ["x","x","x","x","x","x","x","x","x"]\n' + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 9) + "]\n"
        for i in range(8)), 6, "aliases repeat more than 100,000 values"),
    ("".join(f"a{i}: &a{i} [{f'*a{i - 1}' if i else 1}]\n" for i in range(40)), 32,
     "nested more than 32 deep (through aliases)"),
    ("app: a\nvolume: [{amount: " + "9" * 5000 + ", unit: req}]\n", 2, "too many digits"),
])
def test_a_usage_file_beyond_the_limits_is_refused_where_it_is(tmp_path, text, line, words):
    with pytest.raises(contractdsl.UsageError) as raised:
        read_usage_text(tmp_path, text)
    (found,) = raised.value.diagnostics
    assert found.line == line and words in found.message and found.help


def test_a_byte_order_mark_is_read_alike_in_agreement_and_usage_files(tmp_path):
    path = tmp_path / "a.agreement"
    path.write_bytes(b"\xef\xbb\xbf" + LIMITED.encode())
    assert contractdsl.load(path, cache=False).documents[0].title == "A"
    (usage,) = read_usage_text(tmp_path, "\ufeffapp: a\ndate: 2024-01-01\n")
    assert usage.app == "a"


def test_two_byte_order_marks_are_refused_alike_in_agreement_and_usage_files(tmp_path, capsys):
    """One mark is skipped; a second was refused in an agreement (a stray character) but
    skipped by the YAML reader of a usage file. Both are refused, by one rule, at 1:1."""
    agreement = tmp_path / "a.agreement"
    agreement.write_bytes(b"\xef\xbb\xbf" * 2 + LIMITED.encode())
    usage = tmp_path / "usage.yaml"
    usage.write_bytes(b"\xef\xbb\xbf" * 2 + b"app: a\ndate: 2024-01-01\n")
    (tmp_path / "b.agreement").write_text(LIMITED)
    for argv, file in [(["render", agreement], agreement),
                       (["permits", tmp_path / "b.agreement", "-u", usage], usage)]:
        status, out, err = cli(*argv, capsys=capsys)
        assert (status, out) == (2, "")
        assert err.startswith(f"{file}:1:1: error: the file starts with two byte order marks\n")
        assert "help: remove the second one: a UTF-8 file starts with one at most\n" in err


def test_a_file_that_is_not_utf8_is_pointed_at_in_characters(tmp_path):
    path = tmp_path / "a.agreement"
    path.write_bytes('agreement "Ünïcödé \xff".\n'.encode("utf-8").replace(b"\xc3\xbf", b"\xff"))
    with pytest.raises(AgreementError) as raised:
        contractdsl.load(path, cache=False)
    (found,) = raised.value.diagnostics
    assert (found.line, found.column, found.code) == (1, 20, "not-text")
    assert found.source_line.startswith('agreement "Ünïcödé ')


# ---- files and the command line ----------------------------------------------------------------

def cli(*argv, capsys):
    from contractdsl.cli import main

    status = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return status, out, err


def test_a_pipe_or_a_device_is_refused_without_reading_it(tmp_path, capsys):
    import os

    fifo = tmp_path / "pipe.agreement"
    os.mkfifo(fifo)  # opening it would wait for a writer forever
    for path in (fifo, "/dev/zero"):
        status, _, err = cli("check", path, capsys=capsys)
        assert status == 2 and "is not a regular file" in err and "help:" in err
        status, _, err = cli("permits", TWITTER_2022, "--usage", path, capsys=capsys)
        assert status == 2 and "is not a regular file" in err


@pytest.mark.parametrize("argv", [["-", "--usage", "-"], [str(TWITTER_2022), "-", "-"]])
def test_permits_says_standard_input_is_named_twice(argv):
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    result = subprocess.run([sys.executable, "-m", "contractdsl", "permits", *argv],
                            input=TWITTER_2022.read_text(encoding="utf-8"), capture_output=True,
                            text=True, env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"})
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == ("error: standard input is named twice\nhelp: it is read once: give "
                             "one agreement or usage file as `-`, and the others as files\n")


@pytest.mark.parametrize("argv, which", [
    (["check", "-", "-"], "one agreement file"),
    (["lint", "-", "-"], "one agreement file"),
    (["render", "-", "-"], "one agreement file"),
    (["fmt", "-", "-"], "one agreement file"),  # formatted once, as if named once
    (["fmt", "--check", "-", "-"], "one agreement file"),
    (["diff", "-", "-"], "one of the files"),
    (["diff", "--old", "-", "--new", "-"], "one of the files")])
def test_each_command_that_reads_agreements_says_standard_input_is_named_twice(argv, which):
    """An agreement read from standard input twice was read as two files of the same text
    (`check - -` reported the version overlapping itself); it is refused, as `permits` refuses
    it."""
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    result = subprocess.run([sys.executable, "-m", "contractdsl", *argv],
                            input=TWITTER_2022.read_text(encoding="utf-8"), capture_output=True,
                            text=True, env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"})
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == ("error: standard input is named twice\nhelp: it is read once: give "
                             f"{which} as `-`, and the others as files\n")


@pytest.mark.parametrize("make, words", [
    (lambda tmp: tmp / "missing.agreement", "no such file"),
    (lambda tmp: tmp, "is a folder"),
    (lambda tmp: _big(tmp), "larger than 8 MiB"),
])
def test_a_file_that_cannot_be_read_gets_a_help_line(tmp_path, capsys, make, words):
    status, _, err = cli("render", make(tmp_path), capsys=capsys)
    assert status == 2 and words in err and "\nhelp: " in err


LONG_NAME = "x" * 300 + ".agreement"


@pytest.mark.parametrize("argv, words, helped", [
    (["check", LONG_NAME], "file name too long", "a file name has at most 255 bytes"),
    (["render", "a.agreement", "-o", LONG_NAME], "file name too long",
     "a file name has at most 255 bytes"),
    (["audit", "a.agreement", "--log", LONG_NAME], "file name too long",
     "a file name has at most 255 bytes"),
    (["check", "a.agreement/b.agreement"], "not a directory",
     "a name in the path before the last is a file, not a folder"),
    (["render", "a.agreement", "-o", "a.agreement/b.md"], "not a directory",
     "a name in the path before the last is a file, not a folder"),
])
def test_a_path_the_system_refuses_is_said_with_what_to_check(argv, words, helped, capsys,
                                                               tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.agreement").write_text(BASE + "clause 1: licensee may use.\n")
    status, _, err = cli(*argv, capsys=capsys)
    assert status == 2 and words in err and f"\nhelp: {helped}" in err, err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.agreement"]


@pytest.mark.parametrize("argv", [
    ["check", "a.agreement/"], ["render", "a.agreement//"], ["fmt", "a.agreement/"],
    ["fmt", "--check", "a.agreement/"], ["diff", "a.agreement", "a.agreement/"],
    ["permits", "a.agreement", "-u", "u.yaml/"], ["audit", "a.agreement", "--log", "l.csv/"],
    ["audit", "a.agreement", "--log", "l.csv", "--facts", "u.yaml/"]])
def test_a_file_named_with_a_slash_at_its_end_is_refused(argv, capsys, tmp_path, monkeypatch):
    """`a.agreement/` names a folder: the system refuses to open it as a file, but the name
    lost its `/` on the way and the file was read (and `fmt` rewrote it)."""
    monkeypatch.chdir(tmp_path)
    messy = BASE.replace("\n", "\n\n") + "clause 1: licensee may use.\n"
    (tmp_path / "a.agreement").write_text(messy)
    (tmp_path / "u.yaml").write_text("app: a\ndate: 2024-01-01\n")
    (tmp_path / "l.csv").write_text("time,app\n")
    named = argv[-1]
    assert cli(*argv, capsys=capsys) == (2, "", (
        f"error: `{named}` ends with `/`, but `{named.rstrip('/')}` is a file, not a folder\n"
        "help: write the file's path without the `/` at its end\n"))
    assert (tmp_path / "a.agreement").read_text() == messy


@pytest.mark.parametrize("name", ["out.md/", "a.agreement/"])
def test_render_refuses_to_write_a_file_named_with_a_slash_at_its_end(name, capsys, tmp_path,
                                                                        monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.agreement").write_text(BASE + "clause 1: licensee may use.\n")
    assert cli("render", "a.agreement", "-o", name, capsys=capsys) == (2, "", (
        f"error: `{name}` ends with `/`, which names a folder, not a file to write\n"
        "help: write the file's path without the `/` at its end\n"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.agreement"]
    assert (tmp_path / "a.agreement").read_text() == BASE + "clause 1: licensee may use.\n"


def test_audit_given_a_log_name_too_long_for_the_system_raises_an_input_error():
    agreement = contractdsl.parse(BASE + "clause 1: licensee may use.\n")
    with pytest.raises(contractdsl.InputError, match="file name too long") as raised:
        contractdsl.audit(agreement, "x" * 300 + ".csv")
    assert "help: a file name has at most 255 bytes" in str(raised.value)


def _big(tmp):
    path = tmp / "big.agreement"
    path.write_text('agreement "A".\n' + "#" * (8 * 1024 * 1024))
    return path


def test_fmt_and_render_write_through_a_link_to_its_target(tmp_path, capsys):
    target = tmp_path / "real.agreement"
    original = BASE.replace("\n", "\n\n\n")
    target.write_text(original)
    link = tmp_path / "link.agreement"
    link.symlink_to(target)
    assert cli("fmt", link, capsys=capsys)[0] == 0
    assert link.is_symlink() and target.read_text() == format_text(original) != original
    out = tmp_path / "out.md"
    out_link = tmp_path / "out-link.md"
    out.write_text("old")
    out_link.symlink_to(out)
    assert cli("render", target, "-o", out_link, capsys=capsys)[0] == 0
    assert out_link.is_symlink() and out.read_text().startswith("# A")


def test_render_refuses_to_write_to_a_pipe_or_a_device(tmp_path, capsys):
    import os

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    agreement = tmp_path / "a.agreement"
    agreement.write_text(BASE)
    for path in (fifo, "/dev/null"):
        status, _, err = cli("render", agreement, "-o", path, capsys=capsys)
        assert status == 2 and "is not a regular file" in err
    assert fifo.exists() and not fifo.is_file() and os.path.exists("/dev/null")


def test_fmt_never_writes_a_layout_that_would_read_back_otherwise(tmp_path, capsys, monkeypatch):
    from contractdsl import format as formatter

    path = tmp_path / "a.agreement"
    path.write_text(BASE + "\n\n")
    monkeypatch.setattr(formatter, "term", lambda t: [f'{t.kind} {t.name} "changed".'])
    status, _, err = cli("fmt", path, capsys=capsys)
    assert status == 2 and "would not read back the same" in err
    assert path.read_text() == BASE + "\n\n"


def test_an_internal_fault_has_its_own_status_and_no_traceback(capsys, monkeypatch):
    from contractdsl.cli import render

    def broken(args):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(render, "run", broken)
    status, _, err = cli("render", TWITTER_2022, capsys=capsys)
    assert status not in (0, 1, 2, 3) and "internal error" in err and "Traceback" not in err


def test_control_characters_never_reach_the_terminal_or_break_junit(tmp_path, capsys):
    from xml.etree import ElementTree

    agreement = tmp_path / "a.agreement"
    agreement.write_text(LIMITED)
    usages = tmp_path / "usages.yaml"
    usages.write_text('- {name: "ok\\e[31m\\x07\\x0c", app: a, date: 2024-01-01}\n')
    status, out, _ = cli("permits", agreement, "--usage", usages, capsys=capsys)
    assert status == 0 and "\x1b" not in out and "\x07" not in out and "␛[31m" in out
    status, out, _ = cli("permits", agreement, "--usage", usages, "--format", "junit",
                         capsys=capsys)
    assert ElementTree.fromstring(out.split("\n", 1)[1]).find(".//testcase") is not None
    usages.write_text('app: "\\e]0;owned\\a"\ndate: 2024-01-01\n')
    status, _, err = cli("permits", agreement, "--usage", usages, capsys=capsys)
    assert status == 2 and "\x1b" not in err and "\x07" not in err


def test_markdown_escapes_a_tilde():
    text = BASE.replace('"A"', '"~~struck~~"')
    assert "\\~\\~struck\\~\\~" in contractdsl.render(contractdsl.parse(text))


@pytest.mark.parametrize("moment", ["9999-12-31T23:59:59-05:00", "0001-01-01T00:00:00+01:00"])
def test_an_instant_outside_the_calendar_in_utc_is_a_located_usage_error(moment):
    with pytest.raises(contractdsl.UsageError, match="outside the calendar in UTC"):
        decide("clause 1: licensee may use.\n", date=moment)


def test_a_character_yaml_refuses_is_pointed_at(tmp_path):
    with pytest.raises(contractdsl.UsageError) as raised:
        read_usage_text(tmp_path, "app: a\ndate: 2024-01-01\nname: x\x0by\n")
    (found,) = raised.value.diagnostics
    assert (found.line, found.column) == (3, 8) and "U+000B" in found.message


@pytest.mark.parametrize("argv, words", [
    (["permits", "usage.yaml"], "no agreement file given"),
    (["permits", "a.agreement"], "no usage given"),
    (["fmt", ""], "a file name is empty"),
])
def test_every_command_line_error_has_a_help_line(argv, words, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    status, _, err = cli(*argv, capsys=capsys)
    assert status == 2 and words in err and "\nhelp: " in err


def test_a_hierarchy_100000_deep_is_covered_without_listing_it():
    from contractdsl.semantics.symbols import Covered, SymbolTable

    chain = "".join(f'action a{i} "a{i}"' + (f" under a{i - 1}" if i else "") + ".\n"
                    for i in range(100_000))
    table = SymbolTable(contractdsl.parse(BASE + chain).documents)
    covered = table.covered("action", ["a99990"])
    assert covered == frozenset(f"a{i}" for i in range(99_990, 100_000)) == covered
    deep = table.covered("action", ["a0"])
    assert isinstance(deep, Covered) and len(deep) == 100_000
    assert "a99999" in deep and "use" not in deep and "nothing" not in deep
    assert table.under("action", "a99999", "a0") and not table.under("action", "a0", "a1")


@pytest.mark.parametrize("argv, named, out", [
    (["check", "t.agreement", "./t.agreement"], "./t.agreement", ""),
    (["lint", "t.agreement", "t.agreement"], "t.agreement", ""),
    (["render", "t.agreement", "link.agreement"], "link.agreement", ""),
    (["permits", "t.agreement", "-u", "u.yaml", "-u", "u.yaml"], "u.yaml", ""),
    (["test", "u.yaml", "-a", "t.agreement", "-a", "t.agreement"], "t.agreement",
     "0 passed, 0 failed, 1 problem(s) in the input\n"),
])
def test_a_file_named_twice_is_refused_rather_than_read_twice(argv, named, out, tmp_path,
                                                               capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "t.agreement").write_text(BASE + "effective 2024-01-01.\n"
                                          "clause 1: licensee may use.\n")
    (tmp_path / "link.agreement").symlink_to("t.agreement")
    (tmp_path / "u.yaml").write_text("app: a\ndate: 2024-06-01\nexpect: permitted\n")
    assert cli(*argv, capsys=capsys) == (2, out, f"error: the file `{named}` is named twice\n"
                                         "help: each file is read once: name it once\n")
    # the same file as the old and the new text is no mistake: nothing changed
    status, out, _ = cli("diff", "t.agreement", "t.agreement", capsys=capsys)
    assert status == 0 and "0 region(s) of change" in out


def test_fmt_formats_a_file_once_and_refuses_a_folder_without_agreements(tmp_path, capsys):
    (tmp_path / "in").mkdir()
    (tmp_path / "empty").mkdir()
    messy = tmp_path / "in" / "t.agreement"
    messy.write_text('agreement   "A".\n')
    status, out, _ = cli("fmt", "--check", tmp_path / "in", messy, capsys=capsys)
    assert (status, out) == (1, f"would reformat {messy}\n")
    assert cli("fmt", tmp_path / "empty", messy, capsys=capsys) == (
        2, "", f"error: the folder `{tmp_path / 'empty'}` holds no `*.agreement` file\n"
        "help: give the folder of the agreement files, or the files\n")
    assert messy.read_text() == 'agreement   "A".\n'  # nothing written


def test_render_writes_to_standard_output_for_a_dash_and_refuses_an_empty_name(tmp_path,
                                                                                 capsys,
                                                                                 monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "t.agreement").write_text(BASE + "effective 2024-01-01.\n"
                                          "clause 1: licensee may use.\n")
    status, out, _ = cli("render", "t.agreement", "-o", "-", "-f", "text", capsys=capsys)
    assert status == 0 and out.startswith("A\n=\n")
    assert cli("render", "t.agreement", "-o", "", capsys=capsys) == (
        2, "", "error: the output file name is empty\n"
        "help: give the file to write to, or `-` for standard output\n")
    assert sorted(os.listdir(tmp_path)) == ["t.agreement"]  # no file `-`, nor any other


@pytest.mark.parametrize("usage, help", [
    ({"recipients": [None]}, "write one name, as a text"),
    ({"app": datetime.date(2024, 1, 1)}, "write one name, as a text"),
])
def test_a_name_given_in_python_as_neither_text_nor_number_has_a_help_line(usage, help):
    with pytest.raises(contractdsl.UsageError) as raised:
        decide("clause 1: licensee may use.\n", **usage)
    (found,) = raised.value.diagnostics
    assert found.help == help


@pytest.mark.parametrize("option, value, said", [
    ("locale", "de", "unknown locale `de`\nhelp: choose `en`, `nl` or `fr`"),
    ("locale", "EN", "unknown locale `EN`\nhelp: did you mean `en`?"),
    ("format", "pdf", "unknown format `pdf`\nhelp: choose `markdown`, `html` or `text`"),
])
def test_render_and_explain_given_an_unknown_choice_say_it_as_the_command_line_does(
        option, value, said):
    agreement = contractdsl.parse(BASE + "clause 1: licensee may use.\n")
    decision = contractdsl.permits(agreement, {"app": "a", "date": "2024-01-01"})
    for call in (lambda: contractdsl.render(agreement, **{option: value}),
                 lambda: decision.explain(**{option: value})):
        with pytest.raises(contractdsl.InputError) as raised:
            call()
        assert str(raised.value) == said


@pytest.mark.parametrize("text", ["", "5\n"])
def test_a_facts_file_that_is_no_list_gets_a_help_line(tmp_path, text):
    agreement = contractdsl.parse(BASE + "clause 1: licensee may use.\n")
    (tmp_path / "log.csv").write_text("time,app\n2024-01-01T00:00:00Z,a\n")
    (tmp_path / "facts.yaml").write_text(text)
    with pytest.raises(contractdsl.UsageError) as raised:
        contractdsl.audit(agreement, str(tmp_path / "log.csv"), facts=str(tmp_path / "facts.yaml"))
    (found,) = raised.value.diagnostics
    assert found.message == "the facts file must be a list of `{fact: NAME, at: DATE}`"
    assert found.help == "write one fact a line, e.g. `- {fact: licensor_notified, at: 2022-09-01}`"
