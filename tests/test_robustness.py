"""Robustness: generated and mutated input raises only contractdsl's own errors, with a location."""

import random

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from hypothesis.extra.lark import from_lark

import contractdsl
from contractdsl.errors import ContractError, InputError
from contractdsl.syntax.parser import build_uncached
from conftest import TWITTER_FILES, examples

NAME = st.from_regex(r"[a-z][a-z0-9_]{0,6}", fullmatch=True).filter(
    lambda s: s not in {"a", "an", "and", "or", "not", "when", "unless", "for", "with", "to",
                        "under", "shown", "by", "except", "notwithstanding", "provided",
                        "more", "than", "per", "no", "is", "the", "from", "until", "survives",
                        "may", "must", "costs", "calendar", "approved", "labelled", "serving",
                        "measures", "alias", "before", "after", "within", "on", "date", "tier",
                        "app", "purpose", "recipient", "data", "action", "fact", "duty",
                        "licensee", "licensor", "agreement", "schedule", "effective",
                        "terminates", "unit", "clause", "version", "second", "seconds",
                        "minute", "minutes", "hour", "hours", "day", "days", "week", "weeks",
                        "month", "months", "year", "years", "subscribed", "serves", "app",
                        "user", "purpose"})
TERMINALS = {
    "NAME": NAME,
    "STRING": st.from_regex(r'"[a-zA-Z ,.]{0,12}"', fullmatch=True),
    "DATE": st.dates().map(lambda d: d.isoformat()).filter(lambda s: len(s) == 10),
    "NUMBER": st.integers(0, 10**9).map(lambda n: f"{n:,}"),
    "CLAUSE_ID": st.from_regex(r"[A-Z][A-Z0-9]{0,3}(\.[0-9]{1,2}){0,2}", fullmatch=True),
    "COMMENT": st.just("# note"),
}


@settings(max_examples=examples(40), deadline=None, suppress_health_check=list(HealthCheck))
@given(from_lark(build_uncached(), start="start", explicit=TERMINALS))
def test_generated_text_parses_and_checks_with_only_our_errors(text):
    # Tokens are generated without separators: space them as a writer would.
    try:
        agreement = contractdsl.parse(text)
    except ContractError as err:
        diagnostic = err.diagnostics[0]
        assert diagnostic.line >= 1 and diagnostic.column >= 1
        return
    contractdsl.check(agreement)  # never raises


def mutate(text: str, rng: random.Random) -> str:
    tokens = text.split(" ")
    kind = rng.randrange(5)
    i, j = rng.randrange(len(tokens)), rng.randrange(len(tokens))
    if kind == 0:
        del tokens[i]
    elif kind == 1:
        tokens.insert(i, tokens[j])
    elif kind == 2:
        tokens[i], tokens[j] = tokens[j], tokens[i]
    elif kind == 3:
        position = rng.randrange(len(text))
        junk = "".join(chr(rng.randrange(1, 0x2FF)) for _ in range(rng.randrange(1, 6)))
        return text[:position] + junk + text[position:]
    else:
        position = rng.randrange(len(text))
        return text[:position] + text[position + rng.randrange(1, 40):]
    return " ".join(tokens)


@settings(max_examples=examples(150), deadline=None)
@given(st.sampled_from(TWITTER_FILES), st.randoms(use_true_random=False))
def test_mutated_agreements_raise_only_located_errors(path, rng):
    text = mutate(path.read_text(), rng)
    try:
        agreement = contractdsl.parse(text, path.name)
        contractdsl.check(agreement)
    except ContractError as err:
        assert err.diagnostics and all(d.line >= 1 for d in err.diagnostics)


def test_a_ten_megabyte_file_is_refused_clearly(tmp_path):
    path = tmp_path / "huge.agreement"
    path.write_text('agreement "A".\n' + "# padding\n" * 1_100_000)
    with pytest.raises(InputError, match="larger than 8 MiB"):
        contractdsl.load(path)


def test_many_statements_parse_without_recursion(tmp_path):
    text = 'agreement "A".\naction use "u".\n' + "".join(
        f"clause C{i}: licensee may use.\n" for i in range(5000))
    assert len(contractdsl.parse(text).documents[0].clauses) == 5000
