"""The parse cache: reuses parsed files, never trusts a stale or corrupt entry."""

import pickle

import pytest

import contractdsl
from contractdsl import cache
from contractdsl.parser import build_uncached

TEXT = 'agreement "A".\naction use "use".\ndata content "c".\nclause A: licensee may use content.\n'


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("CONTRACTDSL_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("CONTRACTDSL_NO_CACHE", raising=False)
    return tmp_path / "cache"


def entries(folder):
    return sorted((folder / "documents").rglob("*.pickle"))


def test_load_fills_and_reuses_the_cache(folder, tmp_path):
    path = tmp_path / "a.agreement"
    path.write_text(TEXT)
    first = contractdsl.load(path)
    (entry,) = entries(folder)
    second = contractdsl.load(path)
    assert first == second
    assert second.documents[0].comments == first.documents[0].comments
    assert second.documents[0].clauses[0].span.line == 4


def test_a_changed_file_is_parsed_again(folder, tmp_path):
    path = tmp_path / "a.agreement"
    path.write_text(TEXT)
    contractdsl.load(path)
    path.write_text(TEXT.replace("may use", "must not use"))
    agreement = contractdsl.load(path)
    assert agreement.documents[0].clauses[0].kind == "prohibition"
    assert len(entries(folder)) == 2


@pytest.mark.parametrize("garbage", [b"", b"not a cache entry", cache.MAGIC + b"\x80\x04trunc",
                                     cache.MAGIC + pickle.dumps(("wrong key", "not a doc"))])
def test_a_corrupt_entry_is_ignored_and_rewritten(folder, tmp_path, garbage):
    path = tmp_path / "a.agreement"
    path.write_text(TEXT)
    contractdsl.load(path)
    (entry,) = entries(folder)
    entry.write_bytes(garbage)
    agreement = contractdsl.load(path)
    assert agreement.documents[0].clauses[0].id == "A"
    assert entry.read_bytes().startswith(cache.MAGIC) and len(entry.read_bytes()) > 100


def test_a_stale_entry_for_other_text_is_not_trusted(folder, tmp_path):
    path = tmp_path / "a.agreement"
    path.write_text(TEXT)
    contractdsl.load(path)
    (entry,) = entries(folder)
    other = contractdsl.parse(TEXT.replace('"A"', '"B"'), str(path)).documents[0]
    entry.write_bytes(cache.MAGIC + pickle.dumps((entry.stem, other)))
    assert contractdsl.load(path).documents[0].title == "A"


def test_the_cache_can_be_disabled(folder, tmp_path, monkeypatch):
    path = tmp_path / "a.agreement"
    path.write_text(TEXT)
    contractdsl.load(path, cache=False)
    assert not (folder / "documents").exists()
    monkeypatch.setenv("CONTRACTDSL_NO_CACHE", "1")
    contractdsl.load(path)
    assert not (folder / "documents").exists()


def test_the_grammar_builds_in_strict_mode_without_any_cache():
    parser = build_uncached()
    assert parser.options.strict and parser.options.parser == "lalr"
    assert parser.parse(TEXT) is not None
