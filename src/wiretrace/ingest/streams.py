"""Byte streams for reading inputs once, front to back, without holding them in memory.

Two small raw streams:

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
import io
import zlib
from typing import BinaryIO

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
