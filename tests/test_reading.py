"""A file read without its tree (each node built as the parser reduces it, placed by the tokens
it spans) gives the same document, every source range included, as Lark's whole tree of the
file built node by node; and a file with errors reports the error the whole tree reports
first."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

from contractdsl import strategies
from contractdsl.errors import AgreementError
from contractdsl.format import format_document
from contractdsl.syntax import parse_document
from contractdsl.syntax.build import build, read
from contractdsl.syntax.parser import parse_tree
from conftest import examples

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted({*ROOT.glob("agreements/**/*.agreement"), *ROOT.glob("docs/**/*.agreement"),
                *ROOT.glob("tests/**/*.agreement")})


def whole(text: str, name: str):
    tree, comments = parse_tree(text, name)
    return build(tree, comments, text, name)


def every_field(value):
    """A record as nested tuples of every field, spans too (they take no part in equality)."""
    if attrs.has(type(value)):
        return (type(value).__name__, tuple((f.name, every_field(getattr(value, f.name)))
                                            for f in attrs.fields(type(value))))
    if isinstance(value, (tuple, list, frozenset)):
        return tuple(every_field(item) for item in value)
    if isinstance(value, dict):
        return tuple((key, every_field(item)) for key, item in value.items())
    return value


def test_the_files_are_many():
    assert len(FILES) >= 20


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_a_shipped_file_reads_the_same_without_its_tree(path):
    text, name = path.read_text(encoding="utf-8"), str(path)
    try:
        expected = whole(text, name)
    except AgreementError as err:
        with pytest.raises(AgreementError) as raised:
            parse_document(text, name)
        assert raised.value.diagnostics == err.diagnostics
        return
    assert every_field(read(text, name)) == every_field(expected)


@settings(max_examples=examples(60), deadline=None, suppress_health_check=list(HealthCheck))
@given(strategies.agreements())
def test_a_generated_agreement_reads_the_same_without_its_tree(agreement):
    for document in agreement.documents:
        text = format_document(document)
        assert every_field(read(text, "gen.agreement")) == every_field(whole(text, "gen.agreement"))


BLANKS = '''agreement "Blanks" version "1".
effective 2024-01-01.   #a_comment_after_a_statement
action use "use".
purpose research "research".
recipient partners "partners".
clause A "Use":	licensee may use   for research
    with partners when not (recipient is partners and date is before 2025-01-01).
#a_comment_of_its_own
clause B: licensee must not use for research unless purpose is research.'''


@pytest.mark.parametrize("blank", [" ", "\t", "\f", "\r\n", "\n\n", " \t\n\f  ", "\n# c\n"],
                         ids=repr)
def test_each_kind_of_blank_space_places_the_records_as_the_whole_tree_does(blank):
    """The lexer skips the blank space before a token in the token's own match: every record's
    place is still the one Lark's own lexer gives it, whatever the blanks are and wherever."""
    text = BLANKS.replace(" ", blank)  # (no comment or quoted text holds a space)
    for variant in (text, blank + text, text + blank, text + blank + "# the last line"):
        assert every_field(read(variant, "b.agreement")) == \
            every_field(whole(variant, "b.agreement"))


TWO_ERRORS = '''agreement "Two errors".
action use "use".
clause A from 2024-02-30: licensee may use.
clause B: licensee may use when {name}.
'''


def refused(text: str, name: str):
    """The whole tree's reading of a file, refused as :func:`parse_document` refuses it."""
    document = whole(text, name)
    if document.problems:
        raise AgreementError("problems", document.problems)
    return document


@pytest.mark.parametrize("later", [f"x{'y' * 300}", "a and", "(((" * 30])
def test_of_two_errors_those_the_whole_tree_reports_are_reported(later):
    text = TWO_ERRORS.format(name=later)
    with pytest.raises(AgreementError) as expected:
        refused(text, "two.agreement")
    with pytest.raises(AgreementError) as raised:
        parse_document(text, "two.agreement")
    assert raised.value.diagnostics == expected.value.diagnostics
    # a syntax error stops the reading, and is told alone; a name too long does not
    assert [d.line for d in raised.value.diagnostics] == ([3, 4] if later[0] == "x" else [4])
