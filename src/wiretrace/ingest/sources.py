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
"""

from __future__ import annotations

import glob
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from wiretrace.ingest.decode import GZIP_MAGIC
from wiretrace.ingest.streams import GzipMembers, Prefixed
from wiretrace.problems import ProblemLog

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
