"""Reading a large generated agreement (about 2.5 MB) with and without syntax errors: the file
as written, with one slip in its first clause, one in its last, and one every 1,000 clauses.
A file with a syntax error is read on past each one to say them all (`contractdsl.parse`).

    python benchmarks/syntax_errors.py [CLAUSES] [REPEATS]

Prints the median (minimum and maximum) of several runs of each; nothing is asserted."""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import contractdsl  # noqa: E402
from contractdsl.errors import AgreementError  # noqa: E402


def agreement(clauses: int, slips=()) -> str:
    """A generated agreement of ``clauses`` clauses, `shall` for `may` in those of ``slips``."""
    lines = ['agreement "Generated" version "1".', 'licensor "Licensor".',
             'licensee "Developer".', "effective 2024-01-01.", 'action use "use".',
             'action share "share" under use.', 'data content "content".',
             'unit requests "requests".']
    lines += [f'purpose q{i} "p{i}".' for i in range(200)]
    lines += [f'recipient s{i} "r{i}".' for i in range(50)]
    for i in range(clauses):
        if i in slips:
            lines.append(f"clause P-{i}: licensee shall use content for q{i % 200}.")
        elif i % 3 == 0:
            lines.append(f"clause P-{i}: licensee may use content for q{i % 200} "
                         "when app is labelled x.")
        elif i % 3 == 1:
            lines.append(f"clause R-{i}: licensee must not share content with s{i % 50} "
                         f"unless purpose is q{i % 200}.")
        else:
            lines.append(f"clause L-{i}: licensee must not use more than {i} requests per "
                         "day per app.")
    return "\n".join(lines) + "\n"


def timed(text: str, repeats: int) -> tuple[list[float], int]:
    """The seconds each reading took, and how many errors it said."""
    samples, said = [], 0
    for _ in range(repeats):
        start = time.perf_counter()
        try:
            contractdsl.parse(text, "generated.agreement")
            said = 0
        except AgreementError as err:
            said = len(err.diagnostics)
        samples.append(time.perf_counter() - start)
    return samples, said


def main() -> None:
    clauses = int(sys.argv[1]) if len(sys.argv) > 1 else 33_000
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    cases = {"as written": agreement(clauses),
             "a slip in the first clause": agreement(clauses, {0}),
             "a slip in the last clause": agreement(clauses, {clauses - 1}),
             "a slip every 1,000 clauses": agreement(clauses, set(range(0, clauses, 1000)))}
    size = len(cases["as written"].encode())
    print(f"{clauses:,} clauses, {size:,} bytes; seconds, median (min-max) of {repeats}")
    for name, text in cases.items():
        samples, said = timed(text, repeats)
        print(f"  {name:<28} {statistics.median(samples):6.2f} "
              f"({min(samples):.2f}-{max(samples):.2f})  {said} error(s)")


if __name__ == "__main__":
    main()
