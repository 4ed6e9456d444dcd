"""Golden files: the Twitter agreement, the example open-data terms and OpenAI's platform
documentation in three locales (Markdown), and the explanations of the Microsoft decisions, of
the example terms' questions (the parties' attributes among them) and of the OpenAI questions on
its usage tiers (a tier earned by what was paid). Regenerate after an intended change with
`python3 tests/test_render_golden.py`."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TWITTER = ROOT / "agreements" / "twitter"
GOLDEN = ROOT / "tests" / "golden" / "render"
AGREEMENT_FILES = sorted(TWITTER.glob("*.agreement"))
# the texts whose prose is kept: the 2022, 2023 and 2025 texts with Microsoft's schedule (every
# text decides the usages)
RENDERED_FILES = [TWITTER / name for name in (
    "developer-agreement-2022.agreement", "developer-agreement-2023.agreement",
    "microsoft-apps.agreement", "x-developer-agreement-2025.agreement")]
USAGE_FILES = [TWITTER / "usages" / name for name in (
    "audit-2023.yaml", "bing-pages-2.yaml", "microsoft-2022.yaml", "microsoft-2023.yaml",
    "liability.yaml", "x-2025.yaml", "versions.yaml")]
EXAMPLES = ROOT / "agreements" / "examples"
OPENAI = ROOT / "agreements" / "openai"
LOCALES = ("en", "nl", "fr")


def rendered() -> dict[str, str]:
    """Golden file name -> the text it must hold."""
    import contractdsl
    from contractdsl.prose.render import render_decision
    from contractdsl.usage import read_usages

    agreement = contractdsl.load(*AGREEMENT_FILES)
    usages = [u for path in USAGE_FILES for u in read_usages(path)]
    decisions = contractdsl.permits_many(agreement, usages)
    out = {}
    texts = contractdsl.load(*RENDERED_FILES)
    for locale in LOCALES:
        out[f"twitter.{locale}.md"] = contractdsl.render(texts, locale=locale)
        out[f"microsoft-decisions.{locale}.txt"] = "\n".join(
            render_decision(d, locale=locale, format="text", agreement=agreement)
            for d in decisions)
    examples = contractdsl.load(*sorted(EXAMPLES.glob("*.agreement")))
    questions = contractdsl.permits_many(examples, read_usages(EXAMPLES / "usages" / "tests.yaml"))
    for locale in LOCALES:
        out[f"open-data.{locale}.md"] = contractdsl.render(examples, locale=locale)
        out[f"open-data-decisions.{locale}.txt"] = "\n".join(
            render_decision(d, locale=locale, format="text", agreement=examples)
            for d in questions)
    openai = contractdsl.load(*sorted(OPENAI.glob("*.agreement")))
    tiers = [u for u in read_usages(OPENAI / "usages" / "questions.yaml") if u.tier is not None]
    tiered = contractdsl.permits_many(openai, tiers)
    documentation = contractdsl.load(OPENAI / "documentation.agreement")
    for locale in LOCALES:
        out[f"openai-documentation.{locale}.md"] = contractdsl.render(documentation,
                                                                      locale=locale)
        out[f"openai-tiers-decisions.{locale}.txt"] = "\n".join(
            render_decision(d, locale=locale, format="text", agreement=openai)
            for d in tiered)
    return out


@pytest.fixture(scope="module")
def expected():
    return rendered()


@pytest.mark.parametrize("name", [f"{kind}.{locale}.{ext}" for locale in LOCALES
                                  for kind, ext in (("twitter", "md"),
                                                    ("microsoft-decisions", "txt"),
                                                    ("open-data", "md"),
                                                    ("open-data-decisions", "txt"),
                                                    ("openai-documentation", "md"),
                                                    ("openai-tiers-decisions", "txt"))])
def test_golden_file_matches(expected, name):
    path = GOLDEN / name
    assert path.exists(), f"missing {path}; run `python3 tests/test_render_golden.py`"
    assert expected[name] == path.read_text(encoding="utf-8"), (
        f"{name} differs; if the change is intended run `python3 tests/test_render_golden.py`")


def regenerate() -> None:
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for name, text in rendered().items():
        (GOLDEN / name).write_text(text, encoding="utf-8")
        print(f"wrote {GOLDEN / name}")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    regenerate()
