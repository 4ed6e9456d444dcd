"""The bounded fuzz run of the test suite: tens of thousands of generated and mutated inputs,
each held to the oracle of harness.py (a decision or a located error, never a traceback; exit
statuses 0 to 3). The long run is `python tests/fuzz/run.py` (docs/testing.md#fuzzing)."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import harness  # noqa: E402

# inputs per kind: about a minute in all on one core
SMOKE = {"agreement": 1_500, "usage": 20_000, "cli": 300}
# seeds apart from those of the long run's first million, so the two runs try other inputs
FIRST_SEED = 10_000_000


@pytest.mark.parametrize("kind", sorted(SMOKE))
def test_fuzzed_inputs_meet_the_oracle(kind):
    findings = []
    for seed in range(FIRST_SEED, FIRST_SEED + SMOKE[kind]):
        try:
            harness.run_one(kind, seed)
        except Exception as err:  # noqa: BLE001 - every escape is a finding
            findings.append(f"{kind}:{seed} {type(err).__name__}: {err}"[:300])
    assert not findings, f"{len(findings)} findings, e.g.\n" + "\n".join(findings[:5])
