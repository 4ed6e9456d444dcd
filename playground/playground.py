"""What the playground page asks of contractdsl, run inside Pyodide: the problems of the files,
the decisions on the usages, the agreement in prose. Each takes and returns JSON text."""

import json
import os

os.environ.setdefault("CONTRACTDSL_NO_CACHE", "1")  # the page's file system lives in memory

import contractdsl  # noqa: E402
from contractdsl.errors import ContractError  # noqa: E402
from contractdsl.model import Agreement  # noqa: E402
from contractdsl.serve.analysis import SetAnalysis  # noqa: E402
from contractdsl.usage import read_usages  # noqa: E402


def _agreement(files: dict) -> tuple[SetAnalysis, Agreement | None]:
    analysis = SetAnalysis(files)
    clean = not any(d.severity == "error" for found in analysis.diagnostics.values()
                    for d in found)
    return analysis, (analysis.agreement if clean else None)


def problems(files_json: str) -> str:
    """Every problem of the files (name -> text), syntax and checker, by file."""
    analysis, _ = _agreement(json.loads(files_json))
    return json.dumps({name: [d.to_dict() for d in found]
                       for name, found in analysis.diagnostics.items() if name in analysis.texts})


def decide(files_json: str, usage_text: str, locale: str) -> str:
    """The decision on each usage of a YAML or JSON text, in words."""
    _, agreement = _agreement(json.loads(files_json))
    if agreement is None:
        return json.dumps({"error": "the agreement has problems; fix them to decide"})
    with open("usage.yaml", "w", encoding="utf-8") as handle:
        handle.write(usage_text)
    try:
        usages = read_usages("usage.yaml")
    except ContractError as err:
        return json.dumps({"error": str(err)})
    decisions = []
    for usage in usages:
        decision = contractdsl.permits(agreement, usage)
        decisions.append({"outcome": decision.outcome,
                          "clauses": [r.clause for r in decision.reasons],
                          "text": decision.explain(locale, "text", agreement)})
    return json.dumps({"decisions": decisions})


def prose(files_json: str, locale: str) -> str:
    """The agreement as an HTML page in the locale."""
    _, agreement = _agreement(json.loads(files_json))
    if agreement is None:
        return json.dumps({"error": "the agreement has problems; fix them to read it in prose"})
    return json.dumps({"html": contractdsl.render(agreement, locale, "html")})
