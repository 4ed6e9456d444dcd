"""A user's script: `mypy --strict` must find nothing wrong with it (tests/test_types.py)."""

from __future__ import annotations

from typing import Literal, Sequence

import contractdsl
from contractdsl.decision import Decision, Duty, Reason
from contractdsl.usage import Usage, read_usages

FILES = ["agreements/twitter/developer-agreement-2022.agreement",
         "agreements/twitter/microsoft-apps.agreement"]


def gate(paths: list[str], manifest: str) -> int:
    agreement: contractdsl.Agreement = contractdsl.load(*paths)
    problems: list[contractdsl.Diagnostic] = contractdsl.check(agreement)
    for problem in problems:
        print(f"{problem.file}:{problem.line}:{problem.column}: {problem.message}")
    usages: list[Usage] = read_usages(manifest)
    decisions: Sequence[Decision] = contractdsl.permits_many(agreement, usages)
    outcomes: tuple[Literal["permitted", "denied", "undetermined"], ...] = \
        contractdsl.permits_many(agreement, usages).outcomes
    denied = 0
    for decision in decisions:
        outcome: Literal["permitted", "denied", "undetermined"] = decision.outcome
        if outcome == "denied":
            denied += 1
        for reason in decision.reasons:
            cited: Reason = reason
            where: str | None = cited.file
            line: int | None = cited.line
            print(cited.clause, cited.effect, where, line)
        duties: tuple[Duty, ...] = decision.obligations
        print(decision.explain(locale="nl"), len(duties), decision.to_dict()["outcome"])
    one = contractdsl.permits(agreement, {"app": "bing_pages", "date": "2022-06-30"})
    if not one.permitted and not bool(one):
        print(one.missing, one.clauses)
    try:
        contractdsl.permits(agreement, "usage.yaml")
    except contractdsl.ContractError as err:
        print(err.diagnostics)
    text: str = contractdsl.render(agreement, locale="fr", format="markdown")
    program: contractdsl.Program = contractdsl.compile(agreement)
    print(len(text), program.title)
    return 1 if denied else 0


if __name__ == "__main__":
    raise SystemExit(gate(FILES, "agreements/twitter/usages/microsoft-2022.yaml"))
