"""The WARC reader: HTML pages out of crawl files, one Document per successful HTML record.

Records are read with warcio's ``ArchiveIterator``, streamed. A record becomes an article
candidate when it is a ``response`` with a 2xx HTTP status, or a ``resource``, and its
content type is HTML (``text/html``, ``application/xhtml+xml``). Everything else (requests,
metadata, redirects, images...) is not an article and is skipped without a problem. The
page's URL is ``WARC-Target-URI``; ``WARC-Date`` is deliberately ignored: it is when the page
was crawled, not when the article was published.

A Document's source is ``path@OFFSET``, the record's byte offset in the file as given (for a
``.warc.gz``, the offset of its gzip member, as CDX indexes use). gzip is undone by
``sources.GzipMembers`` rather than by warcio, which takes a cut-off gzip for a clean end.
Damage is reported as ``path: record N: reason`` and the records before it are kept:
a record whose content stops before its ``Content-Length`` (a truncated file), a record
warcio cannot parse, or a record not followed by the blank lines the format requires.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from wiretrace.ingest.decode import EMPTY, HEADER_CHARSET, decode, html_charset
from wiretrace.ingest.sources import GzipError, Input
from wiretrace.model import Document
from wiretrace.run import ProblemLog

HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(src: Input, problems: ProblemLog) -> Iterator[Document]:
    """Documents from the HTML records of the WARC ``src`` (plain or gzip)."""
    stream = _Tail(src.content)
    records = ArchiveIterator(stream)
    number = 0
    while True:
        number += 1
        where = f"record {number}"
        warnings = records.err_count
        page: tuple[bytes, str | None] | None = None
        payload_error: Exception | None = None
        try:
            with contextlib.redirect_stderr(io.StringIO()):  # warcio prints its own warnings
                record = next(records, None)
                if record is None:
                    if not _ends_cleanly(stream.tail):
                        problems.add(src.name, "truncated WARC (ends inside a record header)",
                                     where=where)
                    return
                try:
                    page = _html_payload(record)
                except GzipError:
                    raise
                except Exception as exc:  # a damaged HTTP body: this record only
                    payload_error = exc
                offset = records.get_record_offset()
        except Exception as exc:  # warcio raises many kinds on damaged input
            problems.add(src.name, _damage(exc, number), where=where)
            return
        malformed = _malformed(record)
        if malformed is not None:
            problems.add(src.name, f"corrupt WARC ({malformed})", where=where)
            return
        if getattr(record.raw_stream, "limit", 0):
            problems.add(src.name, "truncated WARC (record content ends early)", where=where)
            return
        if records.err_count > warnings:
            problems.add(
                src.name,
                "corrupt WARC (record not followed by a blank line; wrong Content-Length?)",
                where=where,
            )
        if payload_error is not None:
            problems.add(src.name, f"unreadable HTTP body ({_detail(payload_error)})", where=where)
        if page is None:
            continue
        doc = _document(*page, record, src, offset, where, problems)
        if doc is not None:
            yield doc


class _Tail(io.RawIOBase):
    """A pass-through stream that remembers the last bytes read (``tail``).

    warcio ends its iteration quietly when a file stops inside a record header; a WARC ends
    with a record's closing blank line, so the last bytes tell a clean end from a cut one.
    """

    KEEP = 64

    def __init__(self, stream: io.RawIOBase) -> None:
        super().__init__()
        self._stream, self.tail = stream, b""

    def readable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._stream.tell()

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]
        n = self._stream.readinto(buffer)
        if n:
            self.tail = (self.tail + bytes(buffer[:n]))[-self.KEEP :]
        return n


def _ends_cleanly(tail: bytes) -> bool:
    """Whether a WARC whose last bytes are ``tail`` ends after a whole record (or is empty).

    A record ends with a blank line after its content. A file that stops right after a
    header block (its blank line, then nothing) looks the same, so a ``Content-Length`` among
    the last bytes means the content is missing, unless that length is 0.
    """
    if not tail.strip():
        return True
    if not tail.endswith((b"\r\n\r\n", b"\n\n")):
        return False
    before, mark, after = tail.rpartition(b"Content-Length:")
    return not mark or after.split(b"\n", 1)[0].strip() == b"0"


def _malformed(record) -> str | None:  # type: ignore[no-untyped-def]
    """Why warcio's lenient parse of a record cannot be trusted, or None when it can."""
    if record.rec_type is None:
        return "record without WARC-Type"
    length = record.rec_headers.get_header("Content-Length") or ""
    if not length.strip().isdigit():
        return "record without a valid Content-Length"
    return None


def _html_payload(record) -> tuple[bytes, str | None] | None:  # type: ignore[no-untyped-def]
    """The HTML body of an article-candidate record with its HTTP charset, else None."""
    if record.rec_type == "response":
        http = record.http_headers
        if http is None or not str(http.get_statuscode() or "").startswith("2"):
            return None
        content_type = http.get_header("Content-Type") or ""
    elif record.rec_type == "resource":
        content_type = record.rec_headers.get_header("Content-Type") or ""
    else:
        return None
    if content_type.split(";")[0].strip().lower() not in HTML_TYPES:
        return None
    match = HEADER_CHARSET.search(content_type)
    return record.content_stream().read(), match.group(1) if match else None


def _document(
    payload: bytes,
    charset: str | None,
    record,
    src: Input,
    offset: int,
    where: str,  # type: ignore[no-untyped-def]
    problems: ProblemLog,
) -> Document | None:
    decoded = decode(payload, declared=charset or html_charset(payload))
    if decoded.text is None:
        reason = "empty HTML page" if decoded.error == EMPTY else decoded.error or "not text"
        problems.add(src.name, reason, where=where)
        return None
    if decoded.warning:
        problems.add(src.name, decoded.warning, where=where)
    if src.gunzip is not None:
        member = src.gunzip.compressed_offset(offset)
        offset = member if member is not None else offset
    url = record.rec_headers.get_header("WARC-Target-URI") or None
    from wiretrace.ingest.html import document_from_html  # trafilatura with it

    return document_from_html(
        decoded.text,
        f"{src.name}@{offset}",
        problems,
        url=url,
        format="warc",
        problem_source=src.name,
        where=where,
    )


def _damage(exc: Exception, number: int) -> str:
    if isinstance(exc, GzipError):
        return str(exc)
    if number == 1 and isinstance(exc, ArchiveLoadFailed):
        return f"not a WARC file ({_detail(exc)})"
    return f"corrupt or truncated WARC ({_detail(exc)})"


def _detail(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0][:80] if text else type(exc).__name__
