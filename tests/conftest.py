"""Shared fixtures: paths of the agreements shipped with the project."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
AGREEMENTS = ROOT / "agreements"
TWITTER = AGREEMENTS / "twitter"
TWITTER_FILES = sorted(TWITTER.glob("*.agreement"))


@pytest.fixture(scope="session")
def twitter():
    import contractdsl

    return contractdsl.load(*TWITTER_FILES)
