"""Turning the user's paths into input files, and opening each one as a byte stream.

Paths may be files, folders (walked recursively in sorted order, hidden files and folders
skipped, so two runs see the same files in the same order), glob patterns (expanded only when
no such file exists, ``**`` allowed) or ``-`` for stdin. Each problem with a path (missing,
empty folder, pattern matching nothing, unreadable folder) is recorded, never raised.

``open_input`` sniffs gzip by its magic bytes (not the file name) and reads the first
``HEAD_SIZE`` decompressed bytes for format detection, while keeping the stream whole:

    >>> for path in expand_paths(["examples"], ProblemLog()):  # doctest: +SKIP
    ...     with open_input(path) as src:
    ...         print(src.name, src.gzip, src.head[:20])

Each input is read once, front to back, without being held in memory, through two small
raw streams:

* ``Prefixed`` serves bytes already read (the head used to sniff the format) and then the
  rest of the underlying stream, so stdin and pipes need no seeking;
* ``GzipMembers`` decompresses a gzip file, member after member, and remembers where each
  member starts in the compressed file. Unlike ``gzip.GzipFile`` it raises ``GzipError`` (an
  ``OSError``, never ``EOFError``, which warcio would swallow as a clean end) when the data
  stops early, and it lets a WARC record be named by its offset in the ``.warc.gz`` file, as
  CDX indexes and replay tools do.

    >>> import gzip, io
    >>> raw = io.BytesIO(gzip.compress(b"one\\n") + gzip.compress(b"two\\n"))
    >>> g = GzipMembers(raw)
    >>> g.read()
    b'one\\ntwo\\n'
    >>> g.compressed_offset(4) > 0
    True
"""

from __future__ import annotations

import bisect
import glob
import io
import os
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from wiretrace.ingest.decode import GZIP_MAGIC
from wiretrace.run import ProblemLog

STDIN = "-"
STDIN_NAME = "<stdin>"
HEAD_SIZE = 64 * 1024
GLOB_CHARS = "*?["


def os_reason(exc: OSError) -> str:
    """A short lower-case reason for an OS error: "permission denied", "is a directory"."""
    text = exc.strerror or str(exc) or type(exc).__name__
    return text[:1].lower() + text[1:]


def expand_paths(paths: Iterable[str], problems: ProblemLog) -> Iterator[str]:
    """Every input file named by ``paths``, in order, each once; ``-`` passes through.

    Paths are normalised (``./a/../b.txt`` becomes ``b.txt``), so an article's id does not
    depend on how its path was spelled, and a file named twice (``pages pages/a.txt``) is
    read once: the same file read twice would pair with itself.
    """
    seen: set[tuple[int, int]] = set()
    for path in _expand(paths, problems):
        if path == STDIN:
            yield path
            continue
        try:
            info = os.stat(path)
            key = (info.st_dev, info.st_ino)
        except OSError:
            key = None  # reported when it is opened
        if key is not None:
            if key in seen:
                continue
            seen.add(key)
        yield os.path.normpath(path)


def _expand(paths: Iterable[str], problems: ProblemLog) -> Iterator[str]:
    for path in map(os.fspath, paths):  # pathlib.Path works too
        if path == STDIN:
            yield path
        elif os.path.isdir(path):
            yield from _walk(path, problems)
        elif os.path.lexists(path):
            yield path
        elif any(c in path for c in GLOB_CHARS):
            matches = sorted(glob.glob(path, recursive=True))
            if not matches:
                problems.add(path, "no files match this pattern")
            for match in matches:
                yield from (_walk(match, problems) if os.path.isdir(match) else [match])
        else:
            problems.add(path, "no such file or directory")


def _walk(top: str, problems: ProblemLog) -> Iterator[str]:
    """Files under ``top`` in sorted path order (``a/c``, ``a/z``, ``b``), hidden ones skipped.

    Symlinked folders are followed once: a folder already visited (same device and inode)
    is not entered again, so a link loop cannot run forever.
    """
    seen: set[tuple[int, int]] = set()
    found = False
    for path in _walk_folder(top, seen, problems):
        found = True
        yield path
    if not found:
        problems.add(top, "no files in directory")


def _walk_folder(folder: str, seen: set[tuple[int, int]], problems: ProblemLog) -> Iterator[str]:
    try:
        info = os.stat(folder)
        if (info.st_dev, info.st_ino) in seen:
            return
        seen.add((info.st_dev, info.st_ino))
        with os.scandir(folder) as it:
            names = sorted(e.name for e in it if not e.name.startswith("."))
    except OSError as exc:
        problems.add(folder, os_reason(exc))
        return
    for name in names:
        path = os.path.join(folder, name)
        if os.path.isdir(path):
            yield from _walk_folder(path, seen, problems)
        else:
            yield path


# --- the byte streams of an input ------------------------------------------------------------

CHUNK = 64 * 1024
MAX_OUT = 256 * 1024  # decompressed bytes per step, so a gzip bomb cannot fill memory at once


class GzipError(OSError):
    """A gzip stream is truncated or corrupt; the message says which."""


class Prefixed(io.RawIOBase):
    """``head`` followed by the rest of ``stream``; ``error`` (if any) raised after ``head``.

    ``error`` carries a failure met while reading the head, so the bytes read before it
    are still served and the failure surfaces exactly where the data breaks.
    """

    def __init__(self, head: bytes, stream: BinaryIO | None, error: Exception | None = None):
        super().__init__()
        self._head = memoryview(head)
        self._stream = stream
        self._error = error
        self._pos = 0

    def readable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._pos

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]
        want = len(buffer)
        if self._head:
            n = min(want, len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
        elif self._error is not None:
            error, self._error, self._stream = self._error, None, None
            raise error
        elif self._stream is None:
            return 0
        else:
            data = self._stream.read(want)
            n = len(data)
            buffer[:n] = data
        self._pos += n
        return n


class GzipMembers(io.RawIOBase):
    """Decompressed bytes of a (multi-member) gzip stream; see the module docstring."""

    def __init__(self, raw: BinaryIO) -> None:
        super().__init__()
        self._raw = raw
        self._inflate: zlib._Decompress | None = None
        self._pending = b""  # compressed bytes read but not yet given to zlib
        self._out = memoryview(b"")  # decompressed bytes not yet returned
        self._consumed = 0  # compressed bytes read from ``raw``
        self._pos = 0  # decompressed bytes returned
        self._produced = 0  # decompressed bytes produced
        self._starts: list[int] = []  # decompressed offset where each member starts
        self._cstarts: list[int] = []  # compressed offset of that member
        self._done = False

    def readable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._pos

    def compressed_offset(self, offset: int) -> int | None:
        """Compressed offset of the member starting exactly at decompressed ``offset``."""
        i = bisect.bisect_left(self._starts, offset)
        if i < len(self._starts) and self._starts[i] == offset:
            return self._cstarts[i]
        return None

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]
        while not self._out and not self._done:
            self._step()
        n = min(len(buffer), len(self._out))
        buffer[:n] = self._out[:n]
        self._out = self._out[n:]
        self._pos += n
        return n

    def _feed(self) -> bytes:
        if self._pending:
            data, self._pending = self._pending, b""
            return data
        data = self._raw.read(CHUNK)
        self._consumed += len(data)
        return data

    def _step(self) -> None:
        """Produce some decompressed bytes, start the next member, or reach the end."""
        if self._inflate is None:
            raw = self._feed()
            if not raw:
                self._done = True
                return
            data = raw.lstrip(b"\x00")  # zero padding after a member is allowed
            if not data:
                return
            if self._starts and len(data) >= 2 and data[:2] != b"\x1f\x8b":
                raise GzipError("corrupt gzip data (trailing bytes are not a gzip member)")
            self._starts.append(self._produced)
            self._cstarts.append(self._consumed - len(data))
            self._inflate = zlib.decompressobj(16 + zlib.MAX_WBITS)
            self._pending = data
            return
        data = self._inflate.unconsumed_tail or self._feed()
        if not data:
            raise GzipError("truncated gzip (compressed data ends early)")
        try:
            out = self._inflate.decompress(data, MAX_OUT)
        except zlib.error as exc:
            raise GzipError(f"corrupt gzip data ({exc})") from None
        self._out = memoryview(out)
        self._produced += len(out)
        if self._inflate.eof:
            self._pending = self._inflate.unused_data
            self._inflate = None


# --- opening an input -----------------------------------------------------------------------


@dataclass
class Input:
    """One opened input: its display ``name``, decompressed ``content`` and its ``head``.

    ``content`` starts at byte 0 (the head is served again). ``gunzip`` is set for gzip
    files, to map WARC record offsets back to the compressed file.
    """

    name: str
    content: Prefixed
    head: bytes
    gunzip: GzipMembers | None = None
    _closer: BinaryIO | None = field(default=None, repr=False)

    @property
    def gzip(self) -> bool:
        return self.gunzip is not None

    def close(self) -> None:
        if self._closer is not None:
            self._closer.close()

    def __enter__(self) -> Input:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_input(path: str, stdin: BinaryIO | None = None) -> Input:
    """Open ``path`` (or stdin for ``-``); raises ``OSError`` when it cannot be opened.

    A gzip error met while reading the head is not raised here: the bytes before it are
    kept and the error is raised where the content stream reaches it.
    """
    if path == STDIN:
        raw: BinaryIO = stdin if stdin is not None else sys.stdin.buffer
        name, closer = STDIN_NAME, None
    else:
        raw = open(path, "rb")  # noqa: SIM115 - closed by Input.close
        name, closer = path, raw
    try:
        magic = _read_upto(raw, len(GZIP_MAGIC))
        stream = Prefixed(magic, raw)
        gunzip = GzipMembers(stream) if magic == GZIP_MAGIC else None
        source = gunzip if gunzip is not None else stream
        error: OSError | None = None
        try:
            head = _read_upto(source, HEAD_SIZE)
        except OSError as exc:
            head, error = getattr(exc, "partial", b""), exc
        return Input(name, Prefixed(head, source, error), head, gunzip, closer)
    except BaseException:
        if closer is not None:
            closer.close()
        raise


def _read_upto(stream, size: int) -> bytes:  # type: ignore[no-untyped-def]
    """Up to ``size`` bytes (fewer only at the end); a failure carries what was read."""
    parts: list[bytes] = []
    got = 0
    while got < size:
        try:
            data = stream.read(size - got)
        except OSError as exc:
            exc.partial = b"".join(parts)  # type: ignore[attr-defined]
            raise
        if not data:
            break
        parts.append(data)
        got += len(data)
    return b"".join(parts)
