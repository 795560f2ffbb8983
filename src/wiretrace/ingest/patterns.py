"""The byte marks, regular expressions and character tables the ingest readers look for.

Kept apart from the logic (decode.py, detect.py) so that the tables can be read and extended
on their own. Everything here is data: no function does more than hold a pattern.
"""

from __future__ import annotations

import re

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
