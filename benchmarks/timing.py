"""Timing and printing for the benchmarks: samples, medians, ratios and targets."""

from __future__ import annotations

import statistics
import textwrap
import time


def per_call(function, items, repeats: int, clock=time.perf_counter) -> list[float]:
    """Seconds per call (by ``clock``: the wall's by default), one sample per repeat over all
    items."""
    samples = []
    for _ in range(repeats):
        start = clock()
        for item in items:
            function(item)
        samples.append((clock() - start) / len(items))
    return samples


def show(name: str, samples: list[float], unit: float = 1e-6, label: str = "µs",
         reference: float | None = None) -> float:
    median = statistics.median(samples)
    ratio = f"  {median / reference:8.1f}x floor" if reference else ""
    print(f"  {name:<28} {median / unit:10.2f} {label}  ({min(samples) / unit:.2f}–"
          f"{max(samples) / unit:.2f}){ratio}")
    return median


def target(wanted: str, measured: str, met: bool) -> None:
    """A target beside what was measured; printed, never asserted."""
    print(f"  {'':<28} target {wanted}: {measured}, {'met' if met else 'not met'}")


def say(text: str) -> None:
    """A paragraph of the report, indented under its section."""
    print(textwrap.fill(text, 96, initial_indent="   ", subsequent_indent="   "))
