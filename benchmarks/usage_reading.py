"""Reading a manifest of 500 usages: the YAML parsed twice by PyYAML's pure-Python loader (once
for the positions, once for the data: how usage files were read before) against once by its C
loader, positions and data from the one parse (`contractdsl.usage.read_usages`).

    python benchmarks/usage_reading.py

Prints the median of several runs of each; nothing is asserted."""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from contractdsl.usage import _marks, read_usages  # noqa: E402

USAGE = """\
- name: usage {i}
  app: bing_pages
  action: read
  purpose: search_results_display
  recipients: [end_users]
  period: {{from: 2022-01-01, until: 2022-12-31}}
  volume:
    - {{amount: {i}000, unit: posts, per: day}}
  facts: {{licensor_notified: 2022-01-0{d}}}
"""


def twice_in_python(text: str):
    class Loader(yaml.SafeLoader):
        pass

    Loader.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers
                if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}
    node = yaml.compose(text, Loader=Loader)
    data = yaml.load(text, Loader=Loader)
    return _marks(node), data


def median(work, repeat: int = 7) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    text = "".join(USAGE.format(i=i, d=1 + i % 9) for i in range(500))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "manifest.yaml"
        path.write_text(text)
        assert len(read_usages(path)) == 500
        before = median(lambda: twice_in_python(text))
        after = median(lambda: read_usages(path))
    print(f"500 usages, {len(text):,} bytes; PyYAML C loader available: "
          f"{getattr(yaml, '__with_libyaml__', False)}")
    print(f"  before: parsed twice in pure Python (YAML only): {before * 1000:7.1f} ms")
    print(f"  after:  read_usages (one C parse, validated usages): {after * 1000:7.1f} ms")
    print(f"  {before / after:.1f}x faster")


if __name__ == "__main__":
    main()
