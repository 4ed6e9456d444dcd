"""Golden files: the Twitter agreement, the example open-data terms, OpenAI's platform
documentation and every other agreement of the library (a file per folder) in three locales
(Markdown), a text that counts a limit per every scope of the language and caps in every way,
and the explanations of the Microsoft decisions, of the example terms' questions (the parties'
attributes among them) and of the OpenAI questions on its usage tiers (a tier earned by what
was paid). Regenerate after an intended change with `python3 tests/test_render_golden.py`."""

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
# the agreements of the library besides Twitter's texts and the examples, a golden file each
LIBRARY = ("discord", "github", "google-apis", "meta", "openai", "reddit", "stack-exchange",
           "twitter/x-terms-of-service")
# a limit per each scope of the language, per a declared one and per two at once; a cap in
# total, per one request and at once
SCOPES_AND_CAPS = """\
agreement "Scopes and caps" version "1".
effective 2024-01-01.
action use "use the API".
action read "retrieve content" under use.
action generate "generate text with a model" under use.
data content "content".
unit requests "API requests" alias request.
unit tokens "tokens".
endpoint search "GET /search".
scope group "corporate group (a company and its affiliates together)".
clause 1 "Licence": licensee may use content.
clause 2: licensee must not read more than 100 requests per minute per app.
clause 3: licensee must not read more than 1,000 requests per minute per licensee.
clause 4: licensee must not read more than 10 requests per minute per recipient.
clause 5: licensee must not read more than 20 requests per minute per recipient entity.
clause 6: licensee must not read more than 30 requests per minute per user.
clause 7: licensee must not read more than 40 requests per minute per endpoint.
clause 8: licensee must not read more than 50 requests per minute per client.
clause 9: licensee must not read more than 60 requests per minute per token.
clause 10: licensee must not generate more than 90,000 tokens per minute per model.
clause 11: licensee must not read more than 70 requests per minute per IP address.
clause 12: licensee must not read more than 5,000 requests per day per group.
clause 13: licensee must not read more than 45 requests per 15 minutes per app and user at search.
clause 14: licensee must not generate more than 1,000,000 tokens in total per licensee.
clause 15: licensee must not generate more than 4,096 tokens per request per model.
clause 16: licensee must not read more than 100 concurrent requests per IP address.
"""


def library_name(folder: str) -> str:
    return "library-" + folder.rsplit("/", 1)[-1]


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
    for folder in LIBRARY:
        texts = contractdsl.load(*sorted((ROOT / "agreements" / folder).glob("*.agreement")))
        for locale in LOCALES:
            out[f"{library_name(folder)}.{locale}.md"] = contractdsl.render(texts,
                                                                            locale=locale)
    scopes = contractdsl.parse(SCOPES_AND_CAPS, "scopes-and-caps.agreement")
    assert contractdsl.check(scopes) == []
    for locale in LOCALES:
        out[f"scopes-and-caps.{locale}.md"] = contractdsl.render(scopes, locale=locale)
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
                                                    ("openai-tiers-decisions", "txt"),
                                                    *((library_name(f), "md") for f in LIBRARY),
                                                    ("scopes-and-caps", "md"))])
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
