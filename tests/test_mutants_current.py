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


def _unbound(source: str, file: str) -> set[str]:
    """The global names a module's code reads that neither the module binds nor are builtins
    (each would be a NameError when its line runs)."""
    import builtins
    import dis

    module = compile(source, file, "exec")
    read, bound = set(), set(dir(builtins))
    codes = [module]
    while codes:
        code = codes.pop()
        for instruction in dis.get_instructions(code):
            if instruction.opname in ("LOAD_GLOBAL", "LOAD_NAME"):
                read.add(instruction.argval)
            elif instruction.opname in ("STORE_NAME", "STORE_GLOBAL", "DELETE_NAME",
                                        "IMPORT_FROM") or (
                    instruction.opname == "IMPORT_NAME" and code is module):
                bound.add(str(instruction.argval).split(".")[0])
        codes.extend(const for const in code.co_consts if hasattr(const, "co_code"))
    return read - bound


@pytest.mark.parametrize("mutant", [m for m in MUTANTS if m.file.endswith(".py")],
                         ids=lambda m: m.name)
def test_each_mutant_is_code_that_runs_as_written(mutant):
    # a mutant that reads a name its module does not bind is caught by a NameError, not by
    # the wrong answer it means to give: it would prove nothing of the tests meant to catch it
    source = _source(mutant.file)
    mutated = source.replace(mutant.old, mutant.new, 1)
    try:
        new = _unbound(mutated, mutant.file) - _unbound(source, mutant.file)
    except SyntaxError as err:
        pytest.fail(f"mutant `{mutant.name}` makes {mutant.file} invalid Python: {err}")
    assert not new, (f"mutant `{mutant.name}` reads names {mutant.file} does not bind: "
                     f"{', '.join(sorted(new))}")
