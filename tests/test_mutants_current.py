"""The mutants of tests/mutants.py still name the code they break: each change's text occurs
exactly once in its file, and each test meant to catch it exists. (Running them is the script's
work, for minutes; this only keeps them from going stale unnoticed.)"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
PACKAGE = TESTS.parent / "contractdsl"


def _mutants():
    spec = importlib.util.spec_from_file_location("mutants", TESTS / "mutants.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("mutants", module)
    spec.loader.exec_module(module)
    return [*module.MUTANTS, module.CANARY]


MUTANTS = _mutants()


def _source(file: str) -> str:
    path = TESTS.parent / file if file.startswith("grammars/") else PACKAGE / file
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("mutant", MUTANTS, ids=lambda m: m.name)
def test_each_mutant_names_code_that_occurs_once(mutant):
    assert _source(mutant.file).count(mutant.old) == 1, (
        f"the text mutant `{mutant.name}` replaces no longer occurs exactly once in "
        f"{mutant.file}")


@pytest.mark.parametrize("mutant", MUTANTS, ids=lambda m: m.name)
def test_each_mutants_tests_exist(mutant):
    for law in mutant.laws:
        file, _, name = law.rpartition("::") if "::" in law else ("tests/test_laws.py", "",
                                                                   law)
        name = name.split("[")[0]
        text = (TESTS.parent / file).read_text(encoding="utf-8")
        assert re.search(rf"^def {re.escape(name)}\(", text, re.MULTILINE), (
            f"mutant `{mutant.name}` is meant to be caught by `{law}`, which does not exist")
