"""Shared fixtures: paths of the agreements shipped with the project."""

import os
import shutil
import tempfile
from pathlib import Path

import pytest

# The parse cache lives in a temporary folder for the whole run (and for the commands the tests
# start, which inherit the environment): the tests never read nor write the user's own cache.
# contractdsl reads the variable on each use of the cache, so setting it here, before any test
# runs, is enough.
CACHE_DIR = tempfile.mkdtemp(prefix="contractdsl-test-cache-")
os.environ["CONTRACTDSL_CACHE_DIR"] = CACHE_DIR


@pytest.hookimpl(trylast=True)
def pytest_configure(config):
    """A seed given on the command line (`--hypothesis-seed=N`) draws other examples, also
    under a profile that fixes them."""
    try:
        from hypothesis import settings
    except ImportError:
        return
    if config.getoption("hypothesis_seed", None) is not None and settings.default.derandomize:
        settings.register_profile("seeded", parent=settings.default, derandomize=False)
        settings.load_profile("seeded")
    elif settings.default.derandomize:
        _constants_of_the_code_alone()


def pytest_unconfigure(config):
    shutil.rmtree(CACHE_DIR, ignore_errors=True)


ROOT = Path(__file__).resolve().parent.parent
# Where the package the tests import lies (installed, the source tree, or the copy a mutant is
# made in): a command run in a subprocess with it on PYTHONPATH, and PYTHONSAFEPATH set (so
# that `python -m` run from the source tree does not put that tree first), runs the code the
# tests test.
PACKAGE_PATH = str(Path(__import__("contractdsl").__file__).resolve().parent.parent)
AGREEMENTS = ROOT / "agreements"
TWITTER = AGREEMENTS / "twitter"
TWITTER_FILES = sorted(TWITTER.glob("*.agreement"))
# A condensed Twitter amendment, small enough for the semantic diff's exhaustive enumeration
AMENDMENT = ROOT / "docs" / "examples" / "amendment"
AMENDMENT_FILES = sorted(AMENDMENT.glob("*.agreement"))


@pytest.fixture(scope="session")
def twitter():
    import contractdsl

    return contractdsl.load(*TWITTER_FILES)


# Hypothesis profiles: `ci` is bounded so the whole suite stays quick on two cores, and draws
# the same examples on every run of the same code (a failure in CI is one a rerun shows again);
# `deep` runs each law 10,000 times: `pytest tests/test_laws.py --hypothesis-profile=deep`.
try:
    from hypothesis import HealthCheck, settings

    settings.register_profile("ci", max_examples=60, deadline=None, derandomize=True,
                              suppress_health_check=[HealthCheck.too_slow])
    settings.register_profile("deep", max_examples=10_000, deadline=None,
                              suppress_health_check=[HealthCheck.too_slow,
                                                     HealthCheck.data_too_large])
    settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
except ImportError:  # hypothesis is a test dependency; without it the property tests skip
    pass


def examples(count: int) -> int:
    """The examples for a property that sets its own number, ``count`` under the `ci` profile's
    60: under a profile of more (or fewer), as many more (or fewer) in proportion, so that the
    `deep` profile reaches it too."""
    try:
        from hypothesis import settings
    except ImportError:
        return count
    return max(1, round(count * settings.default.max_examples / 60))


def _constants_of_the_code_alone():
    """Under a profile that fixes the draws, Hypothesis draws now and then a constant written
    in the code under test, from a pool of every such module imported so far: so a law's
    examples would depend on which tests ran before it and on where the package is installed
    (its own modules count when installed editable, not otherwise). The pool is kept empty
    then, so that a law draws the same examples alone, in the whole run and on any install; a
    seed given on the command line or another profile keeps it."""
    try:
        from hypothesis.internal.conjecture import providers
    except ImportError:
        return
    if hasattr(providers, "_get_local_constants"):
        empty = providers.Constants()
        providers._get_local_constants = lambda: empty
        providers.CONSTANTS_CACHE.cache.clear()
