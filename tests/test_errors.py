"""Syntax and semantic errors: the exact text (golden files) and the friendly message per mistake."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

import contractdsl
import contractdsl.usage
from contractdsl.errors import AgreementError, ContractError
from contractdsl.format import format_text
from regen_golden import ERRORS, check_output

BAD = sorted(ERRORS.glob("*_bad.agreement"))


@pytest.mark.parametrize("path", BAD, ids=lambda p: p.stem)
def test_golden_error_text(path):
    expected = path.with_suffix(".expected").read_text(encoding="utf-8")
    assert check_output(path) == expected, "run `python tests/regen_golden.py` and review the diff"


FRIENDLY = {
    "missing_dot": ("this statement is missing its closing `.`", (5, 35)),
    "may_not": ("`may not` is not a clause form", (5, 20)),
    "unquoted_title": ("the title `Licence` must be in double quotes", (5, 10)),
    "misspelt_keyword": ("unknown word `clasue`", (5, 1)),
    "no_unit": ("the number `1,500` has no unit", (5, 43)),
    "unclosed_string": ("this quoted text is never closed", (5, 10)),
    "no_id": ("a clause needs an id before its title", (5, 8)),
    "bad_date": ("`2022-13-45` is not a date in the calendar", (5, 11)),
    "unbalanced": ("this `(` is never closed", (6, 41)),
    "mustnt": ("`shall` is not a clause form", (5, 20)),
    "missing_colon": ("the clause heading must end with `:`", (5, 10)),
    "calendar_s": ("`calendar months` is not a window", (6, 64)),
    "except_on_permission": ("a permission cannot say `except as permitted by`", (6, 36)),
    "notwithstanding_on_prohibition": ("a prohibition cannot say `notwithstanding`", (6, 41)),
}


@pytest.mark.parametrize("name", sorted(FRIENDLY))
def test_friendly_message_and_location(name):
    path = ERRORS / f"{name}_bad.agreement"
    with pytest.raises(AgreementError) as err:
        contractdsl.parse(path.read_text(), path.name)
    (diagnostic,) = err.value.diagnostics
    message, (line, column) = FRIENDLY[name]
    assert diagnostic.message == message
    assert (diagnostic.line, diagnostic.column) == (line, column)
    # No grammar terminal names ever reach the writer.
    for internal in ("NAME", "STRING", "CLAUSE_ID", "__ANON", "LPAR", "$END"):
        assert internal not in diagnostic.format()


def test_help_lines_for_likely_fixes():
    def help_for(name):
        path = ERRORS / f"{name}_bad.agreement"
        with pytest.raises(AgreementError) as err:
            contractdsl.parse(path.read_text(), path.name)
        return err.value.diagnostics[0].help

    assert help_for("misspelt_keyword") == "did you mean `clause`?"
    assert help_for("may_not") == "write `must not` for a prohibition"
    assert "`notwithstanding`" in help_for("except_on_permission")


def test_a_misspelt_window_is_said_to_be_one():
    # `per NAME` may name a unit (`per request`): only the checker knows which, so a
    # misspelt window is found there, with the window it is closest to
    path = ERRORS / "bad_window_bad.agreement"
    (diagnostic,) = contractdsl.check(contractdsl.parse(path.read_text(), path.name))
    assert diagnostic.message == "`mnth` is not a time window, nor a unit"
    assert (diagnostic.line, diagnostic.column, diagnostic.help) == (
        6, 59, "did you mean `calendar month`?")


@pytest.mark.parametrize("condition, at", [
    ("when (x and (x or x)\n  unless x.", (7, 8)),    # the outer `(`, on the line above
    ("when (x and (x or x.", (7, 15)),                # the inner one is the last left open
    ("when (x # (a remark\n  and x.", (7, 8)),      # a bracket in a comment is not counted
    ("when (x and x", (7, 8)),                         # the file ends inside the brackets
])
def test_the_bracket_left_open_is_pointed_at(condition, at):
    text = HEADER + "clause A: licensee may use content\n  " + condition
    with pytest.raises(AgreementError) as err:
        contractdsl.parse(text, "t.agreement")
    diagnostic = err.value.diagnostics[0]
    assert diagnostic.message == "this `(` is never closed"
    assert (diagnostic.line, diagnostic.column) == at


def test_a_limit_cannot_say_notwithstanding():
    text = (HEADER + 'unit posts "posts".\nclause A: licensee may use content.\n'
            'clause B: licensee must not use more than 5 posts per day notwithstanding A.\n')
    with pytest.raises(AgreementError) as err:
        contractdsl.parse(text, "t.agreement")
    (diagnostic,) = err.value.diagnostics
    assert (diagnostic.message, diagnostic.line) == ("a limit cannot say `notwithstanding`", 8)


HEADER = 'agreement "T".\nlicensee "D".\naction use "use".\ndata content "c".\nfact x "x".\n'


def assert_clean_error(text, *, line=None):
    with pytest.raises(ContractError) as err:
        contractdsl.check(contractdsl.parse(text, "t.agreement"))
    diagnostic = err.value.diagnostics[0]
    assert diagnostic.file == "t.agreement" and diagnostic.line >= 1 and diagnostic.column >= 1
    if line is not None:
        assert diagnostic.line == line
    return diagnostic


def test_deeply_nested_conditions_are_refused_cleanly():
    text = HEADER + "clause A: licensee may use content when " + "(" * 10_000 + "x" + \
        ")" * 10_000 + ".\n"
    diagnostic = assert_clean_error(text, line=6)
    assert "nested more than" in diagnostic.message


def test_reasonably_nested_conditions_parse():
    text = HEADER + "clause A: licensee may use content when " + "(" * 50 + "x" + ")" * 50 + ".\n"
    assert contractdsl.check(contractdsl.parse(text)) == []


def test_a_thousand_digit_number():
    text = HEADER + 'unit posts "p".\nclause A: licensee must not use more than ' + "9" * 1000 + \
        " posts per day.\n"
    diagnostic = assert_clean_error(text, line=7)
    assert "too long" in diagnostic.message


def test_nul_byte():
    diagnostic = assert_clean_error(HEADER + "clause A\x00: licensee may use content.\n", line=6)
    assert diagnostic.message == "the file contains a NUL byte"


def test_a_carriage_return_alone_is_refused_where_it_stands_and_crlf_is_read(tmp_path):
    mac = tmp_path / "mac.agreement"
    mac.write_bytes(b'# the terms\ragreement "T".\rlicensee "D".\r')
    before = mac.read_bytes()
    said = ("mac.agreement:1:12: error: a carriage return without a line feed does not end a "
            "line\n1 | # the terms\n               ^\nhelp: end the lines with a line feed (LF) "
            "or CRLF, not with a carriage return alone as old Mac files do\n")
    for command, status in (("check", 1), ("fmt", 2)):
        result = subprocess.run([sys.executable, "-m", "contractdsl", command, mac.name],
                                capture_output=True, text=True, cwd=tmp_path)
        assert result.returncode == status, result.stderr
        assert said in result.stdout + result.stderr
        assert "Traceback" not in result.stdout + result.stderr
    assert mac.read_bytes() == before
    windows = tmp_path / "windows.agreement"
    windows.write_bytes(b'# the terms\r\nagreement "T".\r\nlicensee "D".\r\n')
    result = subprocess.run([sys.executable, "-m", "contractdsl", "fmt", "--stdout",
                             windows.name], capture_output=True, text=True, cwd=tmp_path)
    assert (result.returncode, result.stdout) == (0, '# the terms\nagreement "T".\n'
                                                     'licensee "D".\n')


def test_unreadable_files_via_cli(tmp_path):
    binary = tmp_path / "latin1.agreement"
    binary.write_bytes(HEADER.encode() + b'purpose p "caf\xe9".\n')
    folder = tmp_path / "folder.agreement"
    folder.mkdir()
    for path, status, text in ((binary, 1, "latin1.agreement:6:"),
                               (folder, 2, "is a folder"),
                               (tmp_path / "missing.agreement", 2, "no such file")):
        result = subprocess.run([sys.executable, "-m", "contractdsl", "check", str(path)],
                                capture_output=True, text=True)
        assert result.returncode == status, result.stderr
        assert "Traceback" not in result.stderr + result.stdout
        assert text in result.stdout + result.stderr


@pytest.mark.parametrize("call", [
    lambda: contractdsl.permits(None, {"date": "2024-01-01"}),
    lambda: contractdsl.permits_many("terms.agreement", []),
    lambda: contractdsl.compile({}),
    lambda: contractdsl.check(None),
    lambda: contractdsl.lint(["a.agreement"]),
    lambda: contractdsl.render(None),
    lambda: contractdsl.diff(contractdsl.parse(
        'agreement "T" version "1".\neffective 2024-01-01.\n'), None),
], ids=["permits", "permits_many", "compile", "check", "lint", "render", "diff"])
def test_an_agreement_of_the_wrong_type_says_what_to_give(call):
    # a caller's mistake in Python, not bad input: a TypeError, but one that says what to give
    with pytest.raises(TypeError, match=r"expected an Agreement \(from `contractdsl.load` or "
                                        r"`contractdsl.parse`\)"):
        call()


@pytest.mark.parametrize("usages", ["usages.yaml", {"date": "2024-01-02"}, b"x", 5,
                                    Path("u.yaml")], ids=["str", "dict", "bytes", "int", "path"])
def test_permits_many_takes_a_list_of_usages_not_one(usages):
    terms = contractdsl.parse('agreement "T" version "1".\neffective 2024-01-01.\n'
                              'action use "use".\nclause 1: licensee may use.\n')
    with pytest.raises(TypeError, match=r"^permits_many takes a list of usages \(each a "
                       r"Usage, a mapping or a usage file path\), not " + type(usages).__name__):
        contractdsl.permits_many(terms, usages)
    usage = {"date": "2024-01-02"}
    assert contractdsl.permits_many(terms, (u for u in [usage])).outcomes == ("permitted",)


@pytest.mark.parametrize("text, words", [(b"agreement", "not bytes (decode it first)"),
                                         (None, "not NoneType"), (["agreement"], "not list")])
@pytest.mark.parametrize("read", [contractdsl.parse, format_text], ids=["parse", "format_text"])
def test_the_text_to_parse_must_be_a_str(read, text, words):
    with pytest.raises(TypeError) as raised:
        read(text)
    assert str(raised.value) == f"expected the text of an agreement as a str, {words}"


def test_the_agreement_a_decision_is_explained_with_must_be_one():
    terms = contractdsl.parse('agreement "T" version "1".\neffective 2024-01-01.\n'
                              'action use "use".\nclause 1: licensee may use.\n')
    decision = contractdsl.permits(terms, {"date": "2024-01-02"})
    assert "The licensee may use." in decision.explain(agreement=terms)
    for wrong in ("terms.agreement", {}, contractdsl.compile(terms)):
        with pytest.raises(TypeError, match=r"expected the Agreement the decision was made "
                                            r"under \(from `contractdsl.load`"):
            decision.explain(agreement=wrong)


@pytest.mark.parametrize("select", [b"CD101", 101, [b"CD101"]])
def test_lint_codes_must_be_texts(select):
    terms = contractdsl.parse('agreement "T" version "1".\neffective 2024-01-01.\n')
    with pytest.raises(TypeError, match="expected lint rule codes as a list of texts"):
        contractdsl.lint(terms, select=select)


@pytest.mark.parametrize("call", [
    lambda: contractdsl.load("a\0b.agreement"),
    lambda: contractdsl.permits(contractdsl.parse(
        'agreement "T" version "1".\neffective 2024-01-01.\n'), "u\0.yaml"),
    lambda: contractdsl.usage.read_usages("u\0.yaml"),
], ids=["load", "permits", "read_usages"])
def test_a_file_name_with_a_nul_character_is_an_input_error(call):
    # (Python's own `embedded null byte` ValueError came through)
    with pytest.raises(ContractError, match="holds a NUL character, which no file name does"):
        call()


@pytest.mark.parametrize("args", [
    ["check", "a\0b.agreement"], ["lint", "a\0b.agreement"], ["fmt", "a\0b.agreement"],
    ["fmt", "--check", "a\0b.agreement"], ["test", "a\0b.yaml"],
    ["render", "{terms}", "-o", "a\0b.md"]], ids=["check", "lint", "fmt", "fmt-check", "test",
                                                  "render-output"])
def test_a_file_name_with_a_nul_character_on_the_command_line_is_bad_input(
        tmp_path, capsys, monkeypatch, args):
    # (Python's `embedded null byte` ValueError, when the file was looked for in the project
    # file or resolved to be written, was an internal error: exit status 70)
    from contractdsl.cli import main

    monkeypatch.chdir(tmp_path)
    terms = tmp_path / "terms.agreement"
    terms.write_text('agreement "T" version "1".\neffective 2024-01-01.\n')
    assert main([arg.format(terms=terms) for arg in args]) == 2
    name = next(arg for arg in args if "\0" in arg).replace("\0", "^@")
    assert capsys.readouterr().err == (f"error: the file name `{name}` holds a NUL character, "
                                       "which no file name does\nhelp: check how the name was "
                                       "made\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["terms.agreement"]


@pytest.mark.parametrize("paths, said", [
    ((5,), "not int"), ((None,), "not NoneType"),
    ((["a.agreement"],), "not list; for a list of paths, `load(*paths)`")])
def test_load_says_what_to_give_for_a_path_of_the_wrong_type(paths, said):
    # (a TypeError from deep in os.path came through)
    with pytest.raises(TypeError) as raised:
        contractdsl.load(*paths)
    assert str(raised.value) == ("load takes the paths of agreement files, each a str or a Path "
                                 f"(`-`: standard input), {said}")


def test_the_characters_inline_shows_are_those_visible_shows_and_the_line_feed():
    from contractdsl.errors import _BREAKING, _INVISIBLE

    breaking = "[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
    for code in range(0x3000):
        char = chr(code)
        assert bool(_BREAKING.match(char)) == bool(re.match(breaking, char)), hex(code)
        assert bool(_BREAKING.match(char)) == (bool(_INVISIBLE.match(char)) or char == "\n")


def test_the_characters_a_quoted_text_may_not_hold_are_those_inline_shows():
    from contractdsl.errors import _BREAKING
    from contractdsl.syntax import build

    assert build._CONTROL is _BREAKING  # (written once, in errors)
    text = 'agreement "T{}" version "1".\neffective 2024-01-01.\n'
    for char in ("\x1b", "\x85", "\u2028", "\u202e"):
        with pytest.raises(ContractError, match=f"control character `U\\+{ord(char):04X}`"):
            contractdsl.parse(text.format(char))


@pytest.mark.parametrize("column, shown, caret", [
    (3, "ab" + "c" * 198 + "…", 2),  # near the start: from the start
    (400, "…" + "c" * 100 + "X" + "c" * 99 + "…", 101),  # in the middle: around it
    (600, "…" + "c" * 198 + "XZ", 199),  # near the end: to the end
])
def test_a_long_source_line_is_shown_around_the_problem(column, shown, caret):
    from contractdsl.errors import Diagnostic

    line = "ab" + "c" * 397 + "X" + "c" * 199 + "XZ"
    text = Diagnostic(file="f", line=1, column=column, message="m", source_line=line,
                      width=1).format()
    assert text == f"f:1:{column}: error: m\n1 | {shown}\n" + " " * (4 + caret) + "^"


# ---- every syntax error of a file at once --------------------------------------------------

SLIPS_HEAD = ('agreement "T" version "1".\nlicensee "Dev".\naction use "use".\n'
              'data content "content".\npurpose research "research".\n')


def test_every_syntax_error_of_a_file_is_said_at_once(tmp_path, capsys, monkeypatch):
    """Two slips in two clauses, a sound clause between them: `check` says both, each in its
    own words, where it stands, with its help."""
    from contractdsl.cli import main

    (tmp_path / "two.agreement").write_text(
        SLIPS_HEAD + 'clause A "Licence" licensee may use content.\n'
        'clause B: licensee may use content for research.\n'
        'clause C: licensee must not use content / day.\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "two.agreement"]) == 1
    said = capsys.readouterr()
    assert said.err == "2 error(s), 0 warning(s)\n"
    assert said.out.splitlines() == [
        "two.agreement:6:19: error: the clause heading must end with `:`",
        '6 | clause A "Licence" licensee may use content.',
        "                      ^",
        'help: write `clause A "Licence": licensee ...`',
        "two.agreement:8:41: error: unexpected character `/`",
        "8 | clause C: licensee must not use content / day.",
        "                                            ^",
        "help: write a rate with `per`, e.g. `100 requests per day`, and a date as YYYY-MM-DD, "
        "e.g. `2024-05-01`"]


@pytest.mark.parametrize("rest, found", [
    # a `.` left out: the next clause is read from its `clause`, and its slip is said too
    ('clause A: licensee may use content\nclause B "Sharing": licensee must not use content.\n'
     "clause C: licensee shall use content.\n",
     [(6, 35, "this statement is missing its closing `.`"),
      (8, 20, "`shall` is not a clause form")]),
    # a `.` left out, and a slip in the very next clause: it is read as a statement, and said
    ("clause A: licensee may use content\nclause B: licensee shall use content.\n"
     "clause C: licensee may use content.\n",
     [(6, 35, "this statement is missing its closing `.`"),
      (7, 20, "`shall` is not a clause form")]),
    ('clause A: licensee may use content\nclause B "Sharing" licensee may use content.\n',
     [(6, 35, "this statement is missing its closing `.`"),
      (7, 19, "the clause heading must end with `:`")]),
    # two `.`s left out one after the other
    ("clause A: licensee may use content\nclause B: licensee may use content for research\n"
     "clause C: licensee may use content.\n",
     [(6, 35, "this statement is missing its closing `.`"),
      (7, 48, "this statement is missing its closing `.`")]),
    # headings ended by `.` with no rule after them, and a slip in the clause that follows
    ('clause A "Licence".\nclause B "Sharing".\nclause C: licensee shall use content.\n',
     [(6, 19, "the clause heading ends with `.`, not `:`"),
      (7, 19, "the clause heading ends with `.`, not `:`"),
      (8, 20, "`shall` is not a clause form")]),
    # a misspelt first word, and a file that ends in the middle of a statement
    ("clause A: licensee may use content.\nclasue B: licensee may use content.\n"
     "clause C: licensee may use content for research\n",
     [(7, 1, "unknown word `clasue`"), (8, 48, "the file ends in the middle of a statement")]),
])
def test_each_slip_after_the_first_is_said_in_its_own_words(rest, found):
    with pytest.raises(AgreementError) as err:
        contractdsl.parse(SLIPS_HEAD + rest, "t.agreement")
    assert [(d.line, d.column, d.message) for d in err.value.diagnostics] == found
    assert err.value.document is None  # never judged
    assert {d.code for d in err.value.diagnostics} == {"syntax"}
    with pytest.raises(AgreementError) as unformatted:
        format_text(SLIPS_HEAD + rest, "t.agreement")
    assert unformatted.value.diagnostics == err.value.diagnostics


def test_a_file_is_read_no_further_than_its_fiftieth_syntax_error():
    text = SLIPS_HEAD + "clasue A: licensee may use content.\n" * 60
    with pytest.raises(AgreementError) as err:
        contractdsl.parse(text, "t.agreement")
    found = err.value.diagnostics
    assert len(found) == 51
    assert {(d.column, d.message) for d in found[:50]} == {(1, "unknown word `clasue`")}
    assert [d.line for d in found] == list(range(6, 57))
    assert (found[-1].message, found[-1].help) == (
        "this file has more than 50 syntax errors; the rest of it is not read",
        "put right the errors above and check it again")


NO_TREE = [
    'clause A: licensee may use content\nclause B: licensee shall use content.\n',
    'clause A "Licence"\nlicensee may use content.\nclause B: licensee shall use content.\n',
    'clause A "Licence".\nlicensee may use content.\nclause B: licensee shall use it.\n',
    'clause A "Licence".\nclause B "Sharing".\n  clause C: licensee shall use content.\n',
    "clause A: licensee may use content\n  clause B: licensee shall use content.\n"
    "clasue C: licensee may use content / day\nclause D: licensee may use content.\n",
    'clause A: licensee must not use more than 5 posts in\nclause B: licensee shall use.\n',
    'clause A "Licence. licensee may use content.\nclause B: licensee may use (content.\n',
    # a statement whose first word is a node of its own (`purpose`), its `.` left out
    'purpose analysis "analysis"\n  clause B: licensee shall use content.\n',
    'licensor "Acme"\n  clause B: licensee shall use content.\n',
]


@pytest.mark.parametrize("text", [SLIPS_HEAD + rest for rest in NO_TREE] + [
    path.read_text(encoding="utf-8") for path in BAD], ids=range(len(NO_TREE) + len(BAD)))
def test_a_file_read_with_no_tree_says_the_syntax_errors_its_tree_does(text):
    """Where the file is read with no tree (`parse`), its syntax errors are said as where it
    is read through Lark's tree (the formatter): the same errors, words and places."""
    from contractdsl.syntax.parser import parse_tree, refuse

    def said(read):
        try:
            read(text, "t.agreement")
        except AgreementError as err:
            return err.diagnostics
        return None

    assert said(refuse) == said(parse_tree)


@pytest.mark.parametrize("rest, at", [
    ('clause A "Licence"\n  licensee may use content.\n', (6, 19)),  # a heading without `:`
    ('clause A "Licence"\nlicensee may use content.\n', (6, 19)),  # its rule on the next line
    ("clause A:\n  . licensee must not use content.\n", (7, 3)),  # a `.` astray
    ('clause A "Licence. licensee may use content.\n', (6, 10)),  # a quote never closed
    ('clause A "Licence".\n  licensee may use content.\n', (6, 19)),  # a heading ended by `.`
    ('clause A "Licence".\nlicensee may use content.\n', (6, 19)),  # its rule read after it
    ("clause A: licensee must not use content per per day.\n", (6, 41)),
])
def test_one_slip_is_said_once_and_never_echoed(rest, at):
    """What follows a slip in its own statement is passed over: no second error from it."""
    text = SLIPS_HEAD + rest + "clause B: licensee may use content for research.\n"
    with pytest.raises(AgreementError) as err:
        contractdsl.parse(text, "t.agreement")
    assert [(d.line, d.column) for d in err.value.diagnostics] == [at]
