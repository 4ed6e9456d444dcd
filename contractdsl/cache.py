"""Parse cache: file text to Document, kept on disk keyed by the text, the library and the grammar.

An entry is trusted only when its key matches exactly; a stale, unreadable or corrupt entry is
ignored and rewritten. Set CONTRACTDSL_NO_CACHE=1 (or pass ``cache=False`` to ``load``) to read
every file afresh, and CONTRACTDSL_CACHE_DIR to keep the cache elsewhere.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import tempfile
from pathlib import Path

from .model import Document

MAGIC = b"contractdsl-parse-cache-1\n"


@functools.cache
def _salt() -> str:
    from . import __version__
    from .parser import grammar_text

    grammar = hashlib.sha256(grammar_text().encode()).hexdigest()
    return f"{__version__}:{grammar}"


def key(text: str, filename: str) -> str:
    """The cache key of one file: its text, its name (kept in spans) and the toolchain."""
    digest = hashlib.sha256()
    for part in (_salt(), filename, text):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


def _path(folder: Path, cache_key: str) -> Path:
    return folder / "documents" / cache_key[:2] / f"{cache_key}.pickle"


def get(folder: Path, text: str, filename: str) -> Document | None:
    """The cached Document for this text, or None when absent, stale or corrupt."""
    cache_key = key(text, filename)
    path = _path(folder, cache_key)
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if not data.startswith(MAGIC):
        return None
    try:
        stored_key, document = pickle.loads(data[len(MAGIC):])
    except Exception:  # a truncated or foreign file: never trusted
        return None
    if stored_key != cache_key or not isinstance(document, Document) or \
            document.source != text:
        return None
    return document


def put(folder: Path, text: str, filename: str, document: Document) -> None:
    """Store a Document; failures to write are ignored (the cache is only an aid)."""
    cache_key = key(text, filename)
    path = _path(folder, cache_key)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(MAGIC + pickle.dumps((cache_key, document), protocol=5))
        os.replace(temporary, path)
    except Exception:
        try:
            os.unlink(temporary)
        except Exception:
            pass
