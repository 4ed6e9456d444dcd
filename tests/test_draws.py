"""The draws of the laws under the `ci` profile follow the test alone: not the modules
imported before it, nor where the package is installed (see `tests/conftest.py`)."""

import sys
import types

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import given, settings, strategies as st  # noqa: E402
from hypothesis.internal.conjecture import providers  # noqa: E402


def _drawn() -> list[int]:
    seen: list[int] = []

    @settings(derandomize=True, max_examples=200, database=None)
    @given(st.integers(0, 10**9))
    def law(n):
        seen.append(n)

    law()
    return seen


@pytest.mark.skipif(not settings.default.derandomize, reason="only a profile that fixes the "
                    "draws keeps the pool of the code's constants empty")
def test_a_constant_written_in_a_module_imported_later_is_never_drawn(tmp_path, monkeypatch):
    before = _drawn()
    # a module of the code under test, written where Hypothesis reads constants from
    source = tmp_path / "late_module.py"
    source.write_text("MAGIC = 987654321\n")
    module = types.ModuleType("late_module")
    module.__file__ = str(source)
    exec(compile(source.read_text(), str(source), "exec"), module.__dict__)
    monkeypatch.setitem(sys.modules, "late_module", module)
    after = _drawn()
    assert len(providers._get_local_constants().integers) == 0
    assert 987654321 not in after
    assert after == before


def test_a_property_that_sets_its_own_count_takes_more_under_a_profile_of_more():
    from conftest import examples

    current = settings.get_current_profile_name()
    settings.register_profile("tenfold", parent=settings.default, max_examples=600)
    try:
        settings.load_profile("tenfold")
        assert examples(20) == 200
        assert examples(4) == 40
    finally:
        settings.load_profile(current)
    assert examples(20) == round(20 * settings.default.max_examples / 60)
