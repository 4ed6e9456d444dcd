"""Parse cache: the built parser and each file's Document, kept on disk between runs.

An entry is keyed by what produced it: a file's text and name, and the toolchain (the source of
every module of the package, the grammar, the Python and Lark versions), so a change to any of
them is never served an old object. A stale, unreadable or corrupt entry is ignored and rewritten.

Entries are pickles, and unpickling runs code, so an entry is read only when the library wrote it
itself: the folder is used only when it belongs to the current user and no one else may write to
it (it is created private), and every entry is signed with a random key kept in the folder, in a
file only its owner may read; an entry whose signature does not match is never unpickled.

Set CONTRACTDSL_NO_CACHE=1 (or pass ``cache=False`` to ``load``) to read every file afresh, and
CONTRACTDSL_CACHE_DIR to keep the cache elsewhere.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import os
import pickle
import secrets
import stat
import sys
import tempfile
from pathlib import Path

from ..model import Document

MAGIC = b"contractdsl-cache-2\n"
SIGNATURE_BYTES = hashlib.sha256().digest_size
SECRET_FILE = "secret"


def configured_folder() -> Path | None:
    """The folder asked for (CONTRACTDSL_CACHE_DIR, else the user's cache folder); None if off."""
    if os.environ.get("CONTRACTDSL_NO_CACHE"):
        return None
    configured = os.environ.get("CONTRACTDSL_CACHE_DIR")
    if configured:
        return Path(configured)
    import platformdirs

    return Path(platformdirs.user_cache_dir("contractdsl"))


def _owned_alone(info: os.stat_result, others: int) -> bool:
    """Owned by the current user, with none of the ``others`` permission bits set."""
    if not hasattr(os, "getuid"):  # no POSIX owners (Windows): the signatures alone guard
        return True
    return info.st_uid == os.getuid() and not info.st_mode & others


def folder() -> Path | None:
    """The cache folder, created private if missing; None when caching is off or the folder is
    not safe to read (another user's, or writable by others)."""
    path = configured_folder()
    if path is None:
        return None
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = path.stat()
    except OSError:
        return None
    return path if stat.S_ISDIR(info.st_mode) and _owned_alone(info, 0o022) else None


def _secret(folder: Path) -> bytes | None:
    """The folder's signing key, created on first use; None if it is not the owner's alone."""
    path = folder / SECRET_FILE
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except FileNotFoundError:
        return _new_secret(path)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode) or not _owned_alone(info, 0o077):
            return None
        secret = handle.read(SIGNATURE_BYTES + 1)
    return secret if len(secret) == SIGNATURE_BYTES else None


def _new_secret(path: Path) -> bytes | None:
    """Write a fresh key readable by its owner only; if another process got there first, theirs."""
    temporary = None
    try:
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")  # 0o600
        with os.fdopen(fd, "wb") as handle:
            handle.write(secrets.token_bytes(SIGNATURE_BYTES))
        os.link(temporary, path)  # never replaces a key already in use
    except FileExistsError:
        pass
    except OSError:
        return None
    finally:
        if temporary is not None:
            _unlink(temporary)
    return _secret(path.parent)


def _unlink(path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _package() -> Path:
    """The package's folder: every Python file in it is code that shapes what the cache keeps."""
    return Path(__file__).resolve().parents[1]


@functools.cache
def toolchain() -> str:
    """A hash of everything that shapes a cached object; computed once, on first use."""
    from importlib.util import find_spec

    from ..syntax.parser import grammar_text

    # Lark's version is read from its source rather than by importing it, which a load served
    # wholly from the cache does not otherwise need.
    lark_source = Path(find_spec("lark").origin).read_text(encoding="utf-8")
    root = _package()
    digest = hashlib.sha256()
    for part in (sys.version, lark_source, grammar_text()):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    for path in sorted(root.rglob("*.py")):
        digest.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def parser():
    """The syntax stage's parser: loaded from the cache when it holds one built by this
    toolchain, else built and kept there."""
    import io

    import lark

    from ..syntax.parser import build_uncached

    path = folder()
    saved = read(path, "parser", toolchain()) if path else None
    if saved is not None:
        try:
            return lark.Lark.load(io.BytesIO(saved))
        except Exception:  # a signed entry that still does not load: build the parser again
            pass
    built = build_uncached()
    if path:
        buffer = io.BytesIO()
        built.save(buffer)
        write(path, "parser", toolchain(), buffer.getvalue())
    return built


def key(text: str, filename: str) -> str:
    """The cache key of one file: its text, its name (kept in spans) and the toolchain."""
    digest = hashlib.sha256()
    for part in (toolchain(), filename, text):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


def _path(folder: Path, kind: str, cache_key: str) -> Path:
    return folder / kind / cache_key[:2] / f"{cache_key}.pickle"


def _signature(secret: bytes, kind: str, cache_key: str, payload: bytes) -> bytes:
    return hmac.new(secret, f"{kind}\0{cache_key}\0".encode() + payload, "sha256").digest()


def read(folder: Path, kind: str, cache_key: str) -> bytes | None:
    """The payload stored under this key, only if it is signed with this folder's key."""
    secret = _secret(folder)
    if secret is None:
        return None
    try:
        data = _path(folder, kind, cache_key).read_bytes()
    except OSError:
        return None
    header = len(MAGIC) + SIGNATURE_BYTES
    if not data.startswith(MAGIC) or len(data) < header:
        return None
    payload = data[header:]
    if not hmac.compare_digest(data[len(MAGIC):header],
                               _signature(secret, kind, cache_key, payload)):
        return None
    return payload


def write(folder: Path, kind: str, cache_key: str, payload: bytes) -> None:
    """Store a payload, signed; failures to write are ignored (the cache is only an aid)."""
    secret = _secret(folder)
    if secret is None:
        return
    path = _path(folder, kind, cache_key)
    temporary = None
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(MAGIC + _signature(secret, kind, cache_key, payload) + payload)
        os.replace(temporary, path)
        temporary = None
    except Exception:
        pass
    finally:
        if temporary is not None:
            _unlink(temporary)


def get(folder: Path, text: str, filename: str) -> Document | None:
    """The cached Document for this text, or None when absent, stale or corrupt."""
    payload = read(folder, "documents", key(text, filename))
    if payload is None:
        return None
    try:
        document = pickle.loads(payload)
    except Exception:  # written by another version of a dependency: parse again
        return None
    if not isinstance(document, Document) or document.source != text:
        return None
    return document


def put(folder: Path, text: str, filename: str, document: Document) -> None:
    """Store a Document; failures to write are ignored, and a Document with problems (which
    is refused) is never kept."""
    if document.problems:
        return
    try:
        payload = pickle.dumps(document, protocol=5)
    except Exception:
        return
    write(folder, "documents", key(text, filename), payload)
