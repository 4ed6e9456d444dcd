"""Language server: `python benchmarks/lsp_diagnostics.py [--clauses 500] [--repeats 15]` prints
how long after a change to a file of N clauses its problems arrive in the editor.

An LSP client (pygls's) starts `contractdsl lsp` over stdio, opens the file, then changes one
clause at a time (a new title each time, alternately with and without an unknown name, so
no parse is reused) and times each change
from the moment it is sent to the moment the server's problems for the file arrive. Beside it,
the same analysis in this process (parse, check, symbol tables), without the protocol.
Nothing is asserted; the target is printed beside the median.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from lsprotocol import types as t  # noqa: E402
from pygls.lsp.client import LanguageClient  # noqa: E402
from pygls.uris import from_fs_path  # noqa: E402
from timing import show, target  # noqa: E402

from contractdsl.serve.analysis import SetAnalysis  # noqa: E402

TARGET = 0.300  # seconds from a change to its problems

HEAD = '''agreement "Benchmark" version "1".
licensor "Licensor".
licensee "Licensee".
effective 2024-01-01.
action use "use".
action share "share" under use.
data content "content".
purpose research "research".
recipient third_party "a third party".
fact consent "consent was given".
duty notify "notify" shown by consent.
unit requests "requests".
'''


def agreement(clauses: int) -> str:
    """A file of ``clauses`` clauses of every form."""
    forms = (
        'licensee may share content for research with third_party when consent',
        'licensee must not share content with third_party except as permitted by C{prev}',
        'licensee must not use more than 100 requests per day per app',
        'licensee must notify within 24 hours after consent',
    )
    lines = [HEAD]
    for n in range(clauses):
        rule = forms[n % 4].format(prev=n - 1 if n % 4 == 1 else n)
        lines.append(f'clause C{n} "Clause {n}":\n  {rule}.\n')
    return "\n".join(lines)


async def over_stdio(path: Path, text: str, repeats: int) -> list[float]:
    client = LanguageClient("benchmark", "1")
    arrived: asyncio.Queue = asyncio.Queue()

    @client.feature(t.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    async def diagnostics(params: t.PublishDiagnosticsParams):
        arrived.put_nowait((time.perf_counter(), len(params.diagnostics)))

    await client.start_io(sys.executable, "-m", "contractdsl", "lsp", cwd=path.parent)
    await client.initialize_async(t.InitializeParams(capabilities=t.ClientCapabilities()))
    client.initialized(t.InitializedParams())
    uri = from_fs_path(str(path))
    client.text_document_did_open(t.DidOpenTextDocumentParams(text_document=t.TextDocumentItem(
        uri=uri, language_id="contractdsl", version=1, text=text)))
    await arrived.get()
    samples = []
    for version in range(2, repeats + 2):
        changed = text.replace("Clause 0\"", f"Clause 0 ({version})\"", 1)  # never seen before
        if version % 2 == 0:
            changed = changed.replace("for research with", "for reserch with", 1)
        sent = time.perf_counter()
        client.text_document_did_change(t.DidChangeTextDocumentParams(
            text_document=t.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[t.TextDocumentContentChangeWholeDocument(text=changed)]))
        received, count = await arrived.get()
        assert count == (1 if version % 2 == 0 else 0), count
        samples.append(received - sent)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return samples


def in_process(path: Path, text: str, repeats: int) -> list[float]:
    samples = []
    for n in range(repeats):
        changed = text.replace("Clause 0\"", f"Clause 0 ({n})\"", 1)
        start = time.perf_counter()
        SetAnalysis({str(path): changed})
        samples.append(time.perf_counter() - start)
    return samples


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--clauses", type=int, default=500)
    options.add_argument("--repeats", type=int, default=15)
    args = options.parse_args()
    text = agreement(args.clauses)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "benchmark.agreement"
        path.write_text(text, encoding="utf-8")
        print(f"problems after a change to a file of {args.clauses} clauses "
              f"({len(text.splitlines())} lines), {args.repeats} changes")
        local = in_process(path, text, args.repeats)
        show("analysis in process", local, unit=1e-3, label="ms")
        remote = asyncio.run(over_stdio(path, text, args.repeats))
        median = show("change -> problems (stdio)", remote, unit=1e-3, label="ms",
                      reference=None)
        ordered = sorted(remote)
        target(f"{TARGET * 1000:.0f} ms", f"median {median * 1000:.0f} ms", median <= TARGET)
        print(f"  {'':<28} ratio to the analysis alone: "
              f"{ordered[len(ordered) // 2] / sorted(local)[len(local) // 2]:.2f}")


if __name__ == "__main__":
    main()
