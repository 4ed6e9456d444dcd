"""Suppressions written in the agreement: a comment naming rules, on or above a statement
(`# lint: allow CD106 the duty ends with the agreement by design`), or for the whole file
(`# lint: allow-file CD107 ...`)."""

from __future__ import annotations

import bisect
import re

from ... import model as m

PATTERN = re.compile(r"\blint:\s*allow(?P<file>-file)?\s+(?P<codes>CD\d{3}(?:\s*,\s*CD\d{3})*)")


def _statements(doc: m.Document):
    return [s for group in (doc.headers, doc.terms, doc.units, doc.tiers, doc.apps, doc.clauses)
            for s in group if s.span is not None]


class Suppressions:
    """The suppressions of some documents: per file, and per statement (its lines)."""

    def __init__(self, documents):
        self.files: dict[str, set[str]] = {}
        self.lines: dict[str, list[tuple[int, int, set[str]]]] = {}
        for doc in documents:
            # each statement's lines, from just after the statement that ends before it (a
            # comment above it is its own); statements do not overlap, so in the order of their
            # ends, their starts and the ends before them come in order too
            ends = sorted((s.span.end_line or s.span.line) for s in _statements(doc))
            ranges = []
            for statement in _statements(doc):
                start, end = statement.span.line, statement.span.end_line or statement.span.line
                earlier = bisect.bisect_left(ends, start)
                ranges.append((end, ends[earlier - 1] if earlier else 0, start))
            ranges.sort()
            last = [end for end, _, _ in ranges]
            for comment in doc.comments:
                match = PATTERN.search(comment.text)
                if match is None:
                    continue
                codes = set(re.findall(r"CD\d{3}", match["codes"]))
                if match["file"]:
                    self.files.setdefault(doc.file, set()).update(codes)
                    continue
                line = comment.span.line
                for end, before, start in ranges[bisect.bisect_left(last, line):]:
                    if before >= line:
                        break
                    self.lines.setdefault(doc.file, []).append((start, end, codes))

    def allows(self, finding) -> bool:
        """Whether a comment suppresses the finding."""
        span = finding.span
        if finding.code in self.files.get(span.file, ()):
            return True
        return any(start <= span.line <= end and finding.code in codes
                   for start, end, codes in self.lines.get(span.file, ()))
