"""What the bytes of an input are: which format, which encoding, or why they are not text.

The byte marks, regular expressions and character tables come first (data only), then
``detect_format`` and ``decode``.

**Format**, from the first bytes of the content, never from the file name.

Checked in this order, the first that fits wins:

* ``warc``: the content starts with a WARC version line (``WARC/1.0``, ``WARC/1.1``);
* ``parquet``: the content starts with Parquet's magic bytes ``PAR1``;
* ``jsonl``: the first non-blank line is a JSON object (or, when that line is longer than
  the head read, opens one with a key: ``{"text": ...``);
* ``html``: a doctype, ``<html>``, ``<head>`` or ``<body>`` at the start (after an optional
  XML declaration and comments), or a clearly tag-dense start (a fragment such as
  ``<div><p>...</p>``);
* ``text``: anything else.

    >>> detect_format(b"WARC/1.0\\r\\nWARC-Type: warcinfo\\r\\n")
    'warc'
    >>> detect_format(b"PAR1\\x15\\x04")
    'parquet'
    >>> detect_format(b'\\n{"text": "Rain in Lyon."}\\n')
    'jsonl'
    >>> detect_format(b"<!DOCTYPE html><html><body><p>Hi</p></body></html>")
    'html'
    >>> detect_format(b"Rain fell on Lyon on Monday.")
    'text'

**Encoding**: bytes to text: which encoding, or why the bytes are not text at all.

Order of evidence, strongest first:

1. a byte-order mark (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE);
2. NUL bytes or many control bytes: binary, not text;
3. strict UTF-8 (most input today), or UTF-8 with a few broken sequences among many good
   ones (a mostly-UTF-8 file with stray bytes: replaced, and said so in ``warning``);
4. a declared charset (HTTP header or ``<meta charset>``) that decodes the bytes cleanly;
5. charset-normalizer's candidates, with one correction: for short Western European text it
   guesses among look-alike code pages (cp1250, mac_roman...) almost at random, so when the
   cp1252 reading is plausible Western prose (every non-ASCII character a Latin letter or
   common punctuation, at most ``MAX_NON_ASCII_LETTER_SHARE`` of the letters non-ASCII),
   cp1252 wins: by far the most common legacy encoding on the web, and what browsers assume.
   Its Turkish sibling cp1254 differs only where cp1252 has the rare Icelandic letters
   (Ý ý Þ þ Ð ð stand for İ ı Ş ş Ğ ğ), so text showing those is read as cp1254.
   Known limit: Czech or Baltic legacy text whose cp1252 reading happens to be all Latin
   letters is misread as cp1252; no detector tells them apart reliably on short text.

Characters are never replaced silently: ``Decoded.warning`` says how many were.

    >>> decode("Müller".encode("cp1252")).text
    'Müller'
    >>> decode(b"\\x00\\x01\\x02").error
    'binary file, not text'
"""

from __future__ import annotations

import codecs
import json
import re
import unicodedata
from dataclasses import dataclass

from charset_normalizer import from_bytes

GZIP_MAGIC = b"\x1f\x8b"

#: Byte-order marks, longest first (the UTF-32 LE mark starts with the UTF-16 LE one).
BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)

#: A WARC file starts with its version line.
WARC_START = b"WARC/1."
PARQUET_MAGIC = b"PAR1"  # a Parquet file starts (and ends) with it

#: The start of an HTML document: optional XML declaration and comments, then a doctype,
#: <html>, <head> or <body>.
HTML_START = re.compile(
    r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
    re.IGNORECASE | re.DOTALL,
)
#: One HTML/XML tag, opening or closing, e.g. ``<p>``, ``</div>``, ``<img src="x"/>``.
HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]*)?/?>")
#: How many tags in the first ``TAG_SAMPLE`` characters make a start "tag-dense".
TAG_SAMPLE = 2048
TAGS_WHEN_STARTING_WITH_TAG = 3
TAGS_ANYWHERE = 8

#: A line that opens a JSON object with a key: ``{"text": ...`` (even if cut short).
JSON_OBJECT_START = re.compile(r'\A\s*\{\s*"')

#: ``<meta charset="...">`` or ``<meta http-equiv=... content="text/html; charset=...">``.
META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
#: ``charset=`` parameter of an HTTP Content-Type header.
HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)

#: Declared charsets that browsers (WHATWG Encoding standard) read as windows-1252: pages
#: labelled Latin-1 or ASCII are in practice cp1252, whose extra characters (curly quotes,
#: dashes, euro sign) Latin-1 would turn into C1 control characters.
CP1252_LABELS = frozenset(
    {
        "iso-8859-1",
        "iso8859-1",
        "latin1",
        "latin-1",
        "l1",
        "ascii",
        "us-ascii",
        "iso_8859-1",
        "windows-1252",
        "cp1252",
        "x-cp1252",
    }
)

#: Non-letter characters of cp1252 that ordinary Western European prose uses: quotes, dashes,
#: ellipsis, currency, degree, guillemets, inverted marks, no-break space...
WESTERN_PUNCTUATION = frozenset("\u00a0–—‘’‚“”„•…€£¥¢©®™°±«»¿¡§¶·×÷‰‹›†‡ªº´¨¸")

#: What Turkish's own letters (İ ı Ş ş Ğ ğ) look like when cp1254 text is read as cp1252.
TURKISH_IN_CP1252 = frozenset("ÝýÞþÐð")

NON_ASCII = re.compile(r"[^\x00-\x7f]")
ASCII_LETTER = re.compile(r"[A-Za-z]")

#: At most this share of the letters of Western European prose is non-ASCII (French and
#: Portuguese about 4%, German 2%); text in another script read as cp1252 scores far higher.
MAX_NON_ASCII_LETTER_SHARE = 0.3

#: C0 control bytes that do not occur in text files (all but TAB, LF, VT, FF, CR and ESC).
CONTROL_BYTES = bytes([*range(1, 9), *range(14, 27), *range(28, 32)])
#: Above this share of control bytes a file is binary even without a NUL byte.
MAX_CONTROL_SHARE = 0.05

#: Magic bytes of other compressors, to say why such a file is not read.
OTHER_COMPRESSION: tuple[tuple[bytes, str], ...] = (
    (b"BZh", "bzip2"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"PK\x03\x04", "zip"),
    (b"\x28\xb5\x2f\xfd", "zstd"),
)


EMPTY = "empty file"
BINARY = "binary file, not text"
REPLACEMENT = "\ufffd"
SAMPLE = 64 * 1024  # bytes inspected for control characters
HTML_META_WINDOW = 4096  # a <meta charset> counts only near the start of the page


@dataclass(frozen=True)
class Decoded:
    """The text (``None`` when the bytes are not text, ``error`` says why), its encoding,
    and a ``warning`` when some characters had to be replaced by U+FFFD."""

    text: str | None
    encoding: str | None = None
    error: str | None = None
    warning: str | None = None


def normalize_newlines(text: str) -> str:
    """CRLF and lone CR become LF, so every later stage sees one kind of line break."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def decode(data: bytes, declared: str | None = None) -> Decoded:
    """Decode ``data``; ``declared`` is a charset named by the input itself (may be wrong)."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            text, _, replaced = _decode_lossy(data[len(bom) :], encoding)
            if _looks_binary(text.encode("utf-8", "surrogatepass")) or replaced > 0.01 * len(text):
                return Decoded(None, error=_binary_reason(data))
            return _finish(text, encoding, replaced)
    if not data.strip():
        return Decoded(None, error=EMPTY)
    if _looks_binary(data):
        return Decoded(None, error=_binary_reason(data))
    try:
        return _finish(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    mostly_utf8 = _mostly_utf8(data)
    if mostly_utf8 is not None:
        return _finish(*mostly_utf8)
    encoding = _charset(declared)
    if encoding is not None:
        try:
            return _finish(data.decode(encoding), encoding)
        except UnicodeDecodeError:
            pass
    return _guess(data)


def html_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a ``<meta>`` tag near its start, if any."""
    match = META_CHARSET.search(data[:HTML_META_WINDOW])
    return match.group(1).decode("ascii", "replace") if match else None


def _charset(label: str | None) -> str | None:
    if not label:
        return None
    label = label.strip().lower()
    if label in CP1252_LABELS:
        return "cp1252"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _decode_lossy(data: bytes, encoding: str) -> tuple[str, str, int]:
    """Decode, replacing bad sequences; also return how many replacements were made."""
    try:
        return data.decode(encoding), encoding, 0
    except UnicodeDecodeError:
        text = data.decode(encoding, errors="replace")
        before = data.decode(encoding, errors="ignore").count(REPLACEMENT)
        return text, encoding, text.count(REPLACEMENT) - before


def _finish(text: str, encoding: str, replaced: int = 0) -> Decoded:
    text = normalize_newlines(text)
    if not text.strip():
        return Decoded(None, encoding, error=EMPTY)
    warning = None
    if replaced:
        s = "" if replaced == 1 else "s"
        warning = f"{replaced} invalid {encoding} byte sequence{s} replaced with U+FFFD"
    return Decoded(text, encoding, warning=warning)


def _looks_binary(data: bytes) -> bool:
    if b"\x00" in data:
        return True
    sample = data[:SAMPLE]
    controls = len(sample) - len(sample.translate(None, CONTROL_BYTES))
    return controls > MAX_CONTROL_SHARE * len(sample)


def _binary_reason(data: bytes) -> str:
    for magic, name in OTHER_COMPRESSION:
        if data.startswith(magic):
            return f"{BINARY} ({name}-compressed; only gzip is read)"
    return BINARY


def _mostly_utf8(data: bytes) -> tuple[str, str, int] | None:
    """UTF-8 with a few broken sequences among clearly more good multi-byte ones."""
    text, _, bad = _decode_lossy(data, "utf-8")
    good = len(NON_ASCII.findall(text)) - bad
    return (text, "utf-8", bad) if good > bad else None


def _guess(data: bytes) -> Decoded:
    cp1252 = _plausible_cp1252(data)
    if cp1252 is not None:
        if any(ch in TURKISH_IN_CP1252 for ch in cp1252):
            try:
                return _finish(data.decode("cp1254"), "cp1254")
            except UnicodeDecodeError:
                pass
        return _finish(cp1252, "cp1252")
    best = from_bytes(data).best()
    if best is None:
        return Decoded(None, error=_binary_reason(data))
    return _finish(str(best), best.encoding)


def _plausible_cp1252(data: bytes) -> str | None:
    """The cp1252 reading of ``data`` if it looks like Western European prose, else None."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    other_letters = 0
    for ch in NON_ASCII.findall(text):
        if ch.isalpha() and unicodedata.name(ch, "").startswith("LATIN"):
            other_letters += 1
        elif ch not in WESTERN_PUNCTUATION:
            return None
    letters = len(ASCII_LETTER.findall(text)) + other_letters
    if not letters or other_letters > MAX_NON_ASCII_LETTER_SHARE * letters:
        return None
    return text


FORMATS = ("text", "html", "jsonl", "warc", "parquet")


def detect_format(head: bytes) -> str:
    """The format of content starting with ``head`` (a few KiB are enough)."""
    if head.startswith(WARC_START):
        return "warc"
    if head.startswith(PARQUET_MAGIC):
        return "parquet"
    text = _head_text(head)
    if _first_line_is_object(text):
        return "jsonl"
    if looks_like_html(text):
        return "html"
    return "text"


def looks_like_html(text: str) -> bool:
    """A document start or a tag-dense start; a plain text that mentions a tag is not HTML."""
    if HTML_START.match(text):
        return True
    sample = text[:TAG_SAMPLE]
    tags = len(HTML_TAG.findall(sample))
    if sample.lstrip().startswith("<") and tags >= TAGS_WHEN_STARTING_WITH_TAG:
        return True
    return tags >= TAGS_ANYWHERE


def _head_text(head: bytes) -> str:
    """The head as text, good enough for ASCII markers; UTF-16/32 heads decoded by BOM."""
    for bom, encoding in BOMS:
        if head.startswith(bom):
            return head[len(bom) :].decode(encoding, errors="replace")
    return head.decode("latin-1")


def _first_line_is_object(text: str) -> bool:
    """The first non-blank line is a JSON object; or it is a broken one ("{...") and one of
    the next few lines is an object, so a dump whose first record is damaged is still read
    as JSONL (and the damage reported) rather than as one big text article."""
    lines = [line for line in text.split("\n")[:-1] if line.strip()][:5]
    if not lines:
        return bool(text.strip()) and _is_object(text)
    if _is_object(lines[0]):
        return True
    return lines[0].lstrip().startswith("{") and any(_is_object(line) for line in lines[1:])


def _is_object(line: str) -> bool:
    if JSON_OBJECT_START.match(line):
        return True
    try:
        return isinstance(json.loads(line), dict)
    except (ValueError, RecursionError):
        return False
