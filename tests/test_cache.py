"""The parse cache: reuses parsed files, never trusts a stale, corrupt or foreign entry."""

import hashlib
import hmac
import os
import pickle
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

import contractdsl
from contractdsl.loading import cache
from contractdsl.syntax import parser
from contractdsl.syntax.parser import build_uncached

ROOT = Path(__file__).resolve().parent.parent
TEXT = 'agreement "A".\naction use "use".\ndata content "c".\nclause A: licensee may use content.\n'


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("CONTRACTDSL_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("CONTRACTDSL_NO_CACHE", raising=False)
    return tmp_path / "cache"


@pytest.fixture
def agreement_file(tmp_path):
    path = tmp_path / "a.agreement"
    path.write_text(TEXT)
    return path


@pytest.fixture
def fresh_parser():
    """The parser is built once per process: forget it, so that it is read from the cache."""
    parser._lark.cache_clear()
    yield
    parser._lark.cache_clear()


def entries(folder, kind="documents"):
    return sorted((folder / kind).rglob("*.pickle"))


class Planted:
    """A pickle that, once loaded, creates a file: what a planted cache entry could run."""

    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return Path.touch, (self.marker,)


def test_load_fills_and_reuses_the_cache(folder, agreement_file):
    first = contractdsl.load(agreement_file)
    (entry,) = entries(folder)
    second = contractdsl.load(agreement_file)
    assert first == second
    assert second.documents[0].comments == first.documents[0].comments
    assert second.documents[0].clauses[0].span.line == 4


def test_a_changed_file_is_parsed_again(folder, agreement_file):
    contractdsl.load(agreement_file)
    agreement_file.write_text(TEXT.replace("may use", "must not use"))
    agreement = contractdsl.load(agreement_file)
    assert agreement.documents[0].clauses[0].kind == "prohibition"
    assert len(entries(folder)) == 2


@pytest.mark.parametrize("garbage", [b"", b"not a cache entry", cache.MAGIC + b"\x80\x04trunc",
                                     cache.MAGIC + pickle.dumps(("wrong key", "not a doc"))])
def test_a_corrupt_entry_is_ignored_and_rewritten(folder, agreement_file, garbage):
    contractdsl.load(agreement_file)
    (entry,) = entries(folder)
    entry.write_bytes(garbage)
    agreement = contractdsl.load(agreement_file)
    assert agreement.documents[0].clauses[0].id == "A"
    assert entry.read_bytes().startswith(cache.MAGIC) and len(entry.read_bytes()) > 100


def test_a_signed_entry_for_other_text_is_not_trusted(folder, agreement_file):
    contractdsl.load(agreement_file)
    (entry,) = entries(folder)
    other = contractdsl.parse(TEXT.replace('"A"', '"B"'), str(agreement_file)).documents[0]
    cache.write(folder, "documents", entry.stem, pickle.dumps(other))
    assert contractdsl.load(agreement_file).documents[0].title == "A"


def test_the_cache_can_be_disabled(folder, agreement_file, monkeypatch):
    contractdsl.load(agreement_file, cache=False)
    assert not (folder / "documents").exists()
    monkeypatch.setenv("CONTRACTDSL_NO_CACHE", "1")
    contractdsl.load(agreement_file)
    assert not (folder / "documents").exists()


def test_failures_to_write_are_ignored(folder, agreement_file, tmp_path, monkeypatch):
    folder.mkdir(mode=0o700)
    (folder / "documents").write_text("a file where the entries' folder should be")
    assert contractdsl.load(agreement_file).documents[0].title == "A"
    monkeypatch.setenv("CONTRACTDSL_CACHE_DIR", str(agreement_file / "cache"))  # under a file
    assert contractdsl.load(agreement_file).documents[0].title == "A"


def test_the_grammar_builds_in_strict_mode_without_any_cache():
    built = build_uncached()
    assert built.options.strict and built.options.parser == "lalr"
    assert built.parse(TEXT) is not None


def test_the_cached_parser_is_the_built_one(folder, fresh_parser):
    built = parser._lark()
    (saved,) = entries(folder, "parser")
    parser._lark.cache_clear()
    loaded = parser._lark()
    assert loaded is not built
    assert loaded.options.strict and loaded.options.lexer_callbacks == built.options.lexer_callbacks
    assert loaded.parse(TEXT) == built.parse(TEXT)
    # The lexer's callbacks came back with it: comments are kept and nesting is bounded.
    assert contractdsl.parse(TEXT + "# a note\n").documents[0].comments
    nested = TEXT.replace("content.\n", "content when " + "(" * 101 + "x" + ")" * 101 + ".\n")
    with pytest.raises(contractdsl.ContractError, match="nested more than"):
        contractdsl.parse(nested)


# What a cached object is keyed by.

REBUILT = '''

_made = _document


def _document(*args, **kwargs):
    import attrs

    document = _made(*args, **kwargs)
    return attrs.evolve(document, title=document.title + " (rebuilt)")
'''


def test_a_change_to_the_package_is_never_served_old_objects(folder, agreement_file, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(ROOT / "contractdsl", copy / "contractdsl",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "grammars", copy / "grammars")
    script = ("import contractdsl, sys\n"
              "assert contractdsl.__file__.startswith(sys.argv[1]), contractdsl.__file__\n"
              "print(contractdsl.load(sys.argv[2]).documents[0].title)\n")

    def title():  # `python -c` puts its working folder first on the path: run it in the copy
        return subprocess.run([sys.executable, "-c", script, str(copy), str(agreement_file)],
                              cwd=copy, env={**os.environ, "PYTHONPATH": str(copy)},
                              capture_output=True, text=True, check=True).stdout.strip()

    assert title() == "A"
    assert len(entries(folder)) == 1
    with (copy / "contractdsl" / "syntax" / "build.py").open("a") as handle:
        handle.write(REBUILT)
    assert title() == "A (rebuilt)"
    assert len(entries(folder)) == 2


@pytest.mark.parametrize("module",
                         ["model.py", "syntax/build.py", "loading/cache.py", "__init__.py"])
def test_the_key_covers_every_module_of_the_package(tmp_path, monkeypatch, module):
    copy = tmp_path / "contractdsl"
    shutil.copytree(ROOT / "contractdsl", copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(cache, "_package", lambda: copy)
    cache.toolchain.cache_clear()
    try:
        before = cache.key(TEXT, "a.agreement")
        with (copy / module).open("a") as handle:
            handle.write("\n# changed\n")
        cache.toolchain.cache_clear()
        assert cache.key(TEXT, "a.agreement") != before
    finally:
        monkeypatch.undo()
        cache.toolchain.cache_clear()


def test_importing_the_package_hashes_nothing():
    script = "import contractdsl.loading.cache as c; print(c.toolchain.cache_info().currsize)"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.stdout.strip() == "0"


# Where the cache lives during the tests.

def test_the_tests_keep_the_cache_in_a_temporary_folder(agreement_file):
    import platformdirs

    user = Path(platformdirs.user_cache_dir("contractdsl"))
    before = sorted(user.rglob("*")) if user.exists() else None
    configured = cache.configured_folder()
    assert configured is not None
    assert Path(tempfile.gettempdir()).resolve() in configured.resolve().parents
    assert user.resolve() != configured.resolve()
    contractdsl.load(agreement_file)
    assert entries(configured)
    assert (sorted(user.rglob("*")) if user.exists() else None) == before


# Entries the library did not write itself.

def forged(original: bytes, payload: bytes, how: str) -> bytes:
    if how == "unsigned":  # the file's first line kept, the rest replaced
        return original[:original.index(b"\n") + 1] + payload
    wrong = hmac.new(os.urandom(32), payload, hashlib.sha256).digest()
    return cache.MAGIC + wrong + payload


@pytest.mark.parametrize("how", ["unsigned", "signed with another key"])
def test_a_planted_document_entry_is_never_unpickled(folder, agreement_file, tmp_path, how):
    marker = tmp_path / "ran"
    contractdsl.load(agreement_file)
    (entry,) = entries(folder)
    entry.write_bytes(forged(entry.read_bytes(), pickle.dumps(Planted(marker)), how))
    assert contractdsl.load(agreement_file).documents[0].title == "A"
    assert not marker.exists()


@pytest.mark.parametrize("how", ["unsigned", "signed with another key"])
def test_a_planted_parser_cache_is_never_unpickled(folder, agreement_file, tmp_path,
                                                   fresh_parser, how):
    marker = tmp_path / "ran"
    contractdsl.load(agreement_file, cache=False)  # builds the parser and caches it
    saved = [path for path in folder.rglob("*") if path.is_file() and path.name != "secret"]
    assert saved
    for path in saved:
        path.write_bytes(forged(path.read_bytes(), pickle.dumps(Planted(marker)), how))
    parser._lark.cache_clear()
    assert contractdsl.load(agreement_file, cache=False).documents[0].title == "A"
    assert not marker.exists()


def plant_signed(folder, agreement_file, marker):
    """An entry signed with the folder's own key, as anyone able to write the folder could."""
    contractdsl.load(agreement_file)
    (entry,) = entries(folder)
    cache.write(folder, "documents", entry.stem, pickle.dumps(Planted(marker)))


def test_the_signature_is_what_keeps_a_planted_entry_out(folder, agreement_file, tmp_path):
    marker = tmp_path / "ran"
    plant_signed(folder, agreement_file, marker)
    contractdsl.load(agreement_file)
    assert marker.exists()  # signed with the key: read (the checks below are what refuse it)


@pytest.mark.parametrize("mode", [0o770, 0o707, 0o777])
def test_a_folder_others_may_write_is_not_used(folder, agreement_file, tmp_path, mode):
    marker = tmp_path / "ran"
    plant_signed(folder, agreement_file, marker)
    folder.chmod(mode)
    assert cache.folder() is None
    agreement_file.write_text(TEXT + "# another text\n")
    contractdsl.load(agreement_file)
    agreement_file.write_text(TEXT)
    assert contractdsl.load(agreement_file).documents[0].title == "A"
    assert not marker.exists()
    assert len(entries(folder)) == 1  # nothing written either


def test_another_users_folder_is_not_used(folder, agreement_file, tmp_path, monkeypatch):
    marker = tmp_path / "ran"
    plant_signed(folder, agreement_file, marker)
    uid = os.getuid()
    monkeypatch.setattr(os, "getuid", lambda: uid + 1)
    assert cache.folder() is None
    assert contractdsl.load(agreement_file).documents[0].title == "A"
    assert not marker.exists()


def test_a_key_others_may_read_is_not_used(folder, agreement_file, tmp_path):
    marker = tmp_path / "ran"
    plant_signed(folder, agreement_file, marker)
    (folder / cache.SECRET_FILE).chmod(0o644)
    assert contractdsl.load(agreement_file).documents[0].title == "A"
    assert not marker.exists()


def test_the_folder_and_its_key_are_private(folder, agreement_file):
    contractdsl.load(agreement_file)
    assert folder.stat().st_mode & 0o777 == 0o700
    assert (folder / cache.SECRET_FILE).stat().st_mode & 0o777 == 0o600
    assert len((folder / cache.SECRET_FILE).read_bytes()) == 32


def test_a_file_with_problems_is_never_kept(folder, tmp_path):
    """A file read to its end with problems (a date not in the calendar) is refused each time
    with every problem, and its document, placeholders and all, is never kept."""
    from contractdsl.syntax import parse_document

    text = TEXT.replace('agreement "A".', 'agreement "A".\neffective 2024-02-30.') + \
        "clause B: licensee must not use more than 5 uses per 0 days.\n"
    path = tmp_path / "flawed.agreement"
    path.write_text(text)
    for _ in range(2):
        with pytest.raises(contractdsl.AgreementError) as refused:
            contractdsl.load(path)
        assert [(d.line, d.code) for d in refused.value.diagnostics] == [
            (2, "bad-date"), (6, "unknown-name"), (6, "bad-number")]
    assert entries(folder) == []
    with pytest.raises(contractdsl.AgreementError) as read:
        parse_document(text, str(path))
    cache.put(folder, text, str(path), read.value.document)
    assert entries(folder) == [] and cache.get(folder, text, str(path)) is None


def test_a_file_with_syntax_errors_is_never_kept(folder, tmp_path):
    """Each syntax error of a file is said, each time it is loaded, and nothing is kept."""
    path = tmp_path / "slips.agreement"
    path.write_text(TEXT.replace("use content.", "use content") +
                    "clause B: licensee may use content.\nclause C: licensee shall use content.\n")
    for _ in range(2):
        with pytest.raises(contractdsl.AgreementError) as refused:
            contractdsl.load(path)
        assert [(d.line, d.code) for d in refused.value.diagnostics] == [
            (4, "syntax"), (6, "syntax")]
    assert entries(folder) == []
