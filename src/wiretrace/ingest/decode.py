"""Bytes to text: which encoding, or why the bytes are not text at all.

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
import unicodedata
from dataclasses import dataclass

from charset_normalizer import from_bytes

from wiretrace.ingest.patterns import (
    ASCII_LETTER,
    BOMS,
    CONTROL_BYTES,
    CP1252_LABELS,
    MAX_CONTROL_SHARE,
    MAX_NON_ASCII_LETTER_SHARE,
    META_CHARSET,
    NON_ASCII,
    OTHER_COMPRESSION,
    TURKISH_IN_CP1252,
    WESTERN_PUNCTUATION,
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
