"""Rare identifying features of an article: names, places, dates, figures, repeated rare words.

Why: two outlets reporting one event in their own words share almost no word n-grams, but
they name the same town, the same officials, the same date and often the same figures. Those
features are what the same-event linker (:mod:`wiretrace.cluster`) counts.

Kinds (each feature is a 63-bit int mixing its kind and word ids, so features of all
articles fit in one numpy array for the inverted index):

* ``NAME``: a run of two or more capitalised words ("Red Cross", "Hadi Kassar"), Unicode-aware
  (``str.isupper`` on the first letter, so Überlingen, Ángel, Élysée count); the last word of a
  two- or three-word name is also a ``WORD`` (an alias: "Jane Harlow" is later "Harlow");
* ``WORD``: a single capitalised word that is not a function word (:mod:`wiretrace.vocabulary`) and is
  not capitalised merely because it starts a sentence (it must also appear capitalised inside
  a sentence, or start a multi-word name);
* ``FIGURE``: a number written in digits with the word after it ("18 civilians");
* ``DATE``: a day with a month name ("27 September", "Sept. 27", "3 mars");
* ``RARE``: for text without case (Arabic) or capitalising every noun (German), a word of at
  least 4 letters used at least twice in the article.

Each feature also records whether it is *key*: named in the title (or, when the title names
nothing, in the first paragraph). Reports of one event name its town or person in their
headlines; two floods on one day share the Red Cross, not the headline town.

How: :func:`feature_table` handles a whole batch at once, into flat arrays (a
:class:`FeatureTable`, the form the same-event linker reads: it never builds an object per
article); ``batch_features`` splits them per article and ``article_features`` is a batch of
one. A batch is handled in runs of ~``chunk_chars`` characters (bounded transient memory).
Per run, the bodies' tokens and code points are laid end to end, the titles are joined by
"\\n" and tokenised in one call (a title's tokens are those of the joined string inside
its span: "\\n" ends every token, and without a "Σ", whose case folding depends on its
neighbours, lower-casing the joined string is lower-casing each title), and one compiled
pass (:func:`._kernels.extract`) classifies each article's tokens and emits its distinct
features. When it asks about a rare token (a possessive holding "Σ", a digit token beyond
the BMP), Python answers (:func:`_answers`) and the run is passed again. Output is
identical to the plain per-article definition in ``tests/reference/features.py`` (tested).

The constant tables the pass reads live here: character classes over the BMP (64 K
entries each, built at import; a code point beyond it is looked up as U+FFFF, caseless and
no digit, as in the reference) and word-id sets (sorted for the reference, hash tables for
the compiled pass).

    >>> from wiretrace.text import tokenize
    >>> from wiretrace.model import Article
    >>> art = Article(id="x", source="x", index=1, text="Floods hit Kellby on 3 May. The Red "
    ...     "Cross said 40 homes were lost in Kellby.")
    >>> f = article_features(art, tokenize(art.text))
    >>> sorted(KIND_NAMES[k] for k in f.kinds.tolist())  # 3 May, 40 homes, Red Cross, Cross, Kellby
    ['DATE', 'FIGURE', 'NAME', 'WORD', 'WORD']
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from wiretrace.cluster._kernels import (
    CASED,
    DIGIT,
    INITIAL,
    NOT_NUMBER,
    NOT_SPACE,
    NUMBER,
    UPPER,
    Batch,
    extract,
    static_set,
)
from wiretrace.model import Article
from wiretrace.text import (
    QUOTES,
    TextBatch,
    Tokens,
    batch_range,
    normalize,
    tokenize,
    tokenize_many,
    word_id,
)
from wiretrace.vocabulary import MONTHS, NOT_NAMES, NOUN_CAPITALISING_MARKERS, SENTENCE_BOUNDARY

__all__ = [
    "DATE",
    "FIGURE",
    "KIND_NAMES",
    "NAME",
    "RARE",
    "WORD",
    "FeatureTable",
    "Features",
    "article_features",
    "batch_features",
    "feature_id",
    "feature_table",
]


def _flags(*pairs: tuple[np.ndarray, int]) -> np.ndarray:
    """One uint8 table from boolean tables and their bits (one lookup instead of several)."""
    out = np.zeros(len(pairs[0][0]), dtype=np.uint8)
    for table, bit in pairs:
        out[table] |= bit
    return out


NAME, WORD, FIGURE, DATE, RARE = range(5)
KIND_NAMES = ("NAME", "WORD", "FIGURE", "DATE", "RARE")
MASK = (1 << 63) - 1  # feature ids and figure values are reduced to 63 bits
_P = 0x100000001B3

_NOT_NAME_IDS = np.array(sorted({word_id(w) for w in [*NOT_NAMES, *MONTHS]}), dtype=np.uint32)
_MARKER_IDS = np.array(sorted({word_id(w) for w in NOUN_CAPITALISING_MARKERS}), dtype=np.uint32)
_MONTH_IDS = {word_id(name): number for name, number in MONTHS.items()}
_MONTH_ID_ARRAY = np.array(sorted(_MONTH_IDS), dtype=np.uint32)
_MONTH_NUMBERS = np.array([_MONTH_IDS[int(m)] for m in _MONTH_ID_ARRAY], dtype=np.int64)
BIG = 10**18  # a figure above this is compared as this (far outside date and year ranges)
_UPPER = np.array([chr(c).isupper() or chr(c).istitle() for c in range(0x10000)], dtype=bool)
_CASED = np.array([chr(c).lower() != chr(c).upper() for c in range(0x10000)], dtype=bool)
_DIGIT = np.array([chr(c).isdigit() for c in range(0x10000)], dtype=bool)
# digit value of a BMP code point: 0-9, -1 not str.isdigit, -2 a digit without a value ("²")
_DECIMAL = np.full(0x10000, -1, dtype=np.int8)
_DECIMAL[_DIGIT] = [unicodedata.decimal(chr(c), -2) for c in np.flatnonzero(_DIGIT).tolist()]
_SENTENCE_END = np.zeros(0x10000, dtype=bool)
_SENTENCE_END[sorted(ord(c) for c in SENTENCE_BOUNDARY)] = True
_APOSTROPHES = np.array(sorted(ord(c) for c in QUOTES), dtype=np.int64)  # fold to "'"
_MARKER_SHARE = 0.06  # German function words above this share of the words: German-like text
_RARE_MIN_CHARS = 4


@dataclass(frozen=True)
class Features:
    """The distinct features of one article: ``ids[k]`` of kind ``kinds[k]``, ``key[k]`` flag."""

    ids: np.ndarray  # int64
    kinds: np.ndarray  # int8
    key: np.ndarray  # bool


def feature_id(kind: int, *values: int) -> int:
    """A 63-bit id for a kind and a sequence of word ids (FNV-style polynomial hash)."""
    h = kind + 1
    for v in values:
        h = ((h ^ int(v)) * _P) & MASK
    return h


# the constant inputs of the compiled pass, in the order it unpacks them
_NOT_SPACE = np.ones(0x10000, dtype=bool)
_NOT_SPACE[[32, 0xA0]] = False
_CHAR_CLASS = _flags(
    (_UPPER, UPPER),
    (_CASED, CASED),
    (_DIGIT, DIGIT),
    (_SENTENCE_END, INITIAL),
    (_NOT_SPACE, NOT_SPACE),
)
TABLES = (
    _CHAR_CLASS,
    _DECIMAL,
    _APOSTROPHES,
    static_set(_NOT_NAME_IDS),
    static_set(_MARKER_IDS),
    np.array([_RARE_MIN_CHARS]),
    static_set(_MONTH_ID_ARRAY, _MONTH_NUMBERS),
)


def batch_features(
    articles: Sequence[Article],
    tokens: Sequence[Tokens | None] | None = None,
    chunk_chars: int = 1 << 22,
) -> list[Features]:
    """The features of every article: ``article_features`` of each, the same output.

    ``tokens[k]`` is ``tokenize(articles[k].text)`` (or None: tokenised here). Articles are
    handled in runs of about ``chunk_chars`` characters, so the transient memory (the run's
    joined text and token arrays) stays a few tens of MB.

        >>> from wiretrace.model import Article
        >>> arts = [Article(id="x", source="x", index=1, text="Rain hit Kellby, Kellby said.")]
        >>> [KIND_NAMES[k] for k in batch_features(arts)[0].kinds.tolist()]
        ['WORD']
    """
    return feature_table(articles, tokens, chunk_chars).split()


def article_features(article: Article, tokens: Tokens | None = None) -> Features:
    """The features of ``article`` (title included); ``tokens`` is ``tokenize(article.text)``."""
    return batch_features([article], [tokens])[0]


_NO_ANSWERS = (
    np.zeros(0, np.int64),
    np.zeros(0, np.int64),
    np.zeros(0, np.int8),
    np.zeros(0, np.int64),
    np.zeros(0, np.int64),
)


@dataclass(frozen=True)
class FeatureTable:
    """Distinct features of a batch: article ``a``'s are rows ``row_off[a]:row_off[a + 1]``."""

    row_off: np.ndarray  # int64, one more than articles
    ids: np.ndarray  # int64
    kinds: np.ndarray  # int8
    key: np.ndarray  # bool

    def split(self) -> list[Features]:
        """One :class:`Features` per article (views into the table)."""
        bounds = self.row_off.tolist()
        ids, kinds, key = self.ids, self.kinds, self.key
        return [
            Features(ids=ids[x:y], kinds=kinds[x:y], key=key[x:y])
            for x, y in zip(bounds[:-1], bounds[1:], strict=True)
        ]


def feature_table(
    articles: Sequence[Article],
    tokens: Sequence[Tokens | None] | None = None,
    chunk_chars: int = 1 << 22,
    *,
    batch: TextBatch | None = None,
) -> FeatureTable:
    """The features of every article (as ``article_features`` of each), in flat arrays.

    ``tokens[k]`` is ``tokenize(articles[k].text)`` (or None: tokenised here); ``batch``, when
    given, is the ``TextBatch`` of the articles' texts (the pipeline's), whose token arrays
    are read in place and ``tokens`` ignored.
    """
    texts = [a.text for a in articles]
    titles = [a.title or "" for a in articles]
    ends = np.cumsum(np.fromiter(map(len, texts), np.int64, len(texts)))
    ends += np.cumsum(np.fromiter(map(len, titles), np.int64, len(titles)))
    runs: list[tuple[np.ndarray, ...]] = []
    start = 0
    while start < len(articles):  # a run ends once it holds chunk_chars (or at the end)
        before = ends[start - 1] if start else 0
        stop = int(np.searchsorted(ends, before + chunk_chars)) + 1
        stop = min(max(stop, start + 1), len(articles))
        if batch is not None:
            body = batch_range(batch, start, stop)
        else:
            body = _body(texts[start:stop], tokens[start:stop] if tokens is not None else None)
        runs.append(_run(texts[start:stop], titles[start:stop], body))
        start = stop
    if not runs:
        return FeatureTable(
            np.zeros(1, np.int64), np.zeros(0, np.int64), np.zeros(0, np.int8), np.zeros(0, bool)
        )
    if len(runs) == 1:
        return FeatureTable(*runs[0])
    shifts = np.cumsum([0] + [len(r[1]) for r in runs[:-1]])
    row_off = np.concatenate(
        [r[0][:-1] + s for r, s in zip(runs, shifts, strict=True)]
        + [np.array([shifts[-1] + len(runs[-1][1])])]
    )
    return FeatureTable(row_off, *(np.concatenate([r[i] for r in runs]) for i in (1, 2, 3)))


def _codepoints(text: str) -> np.ndarray:
    """Code points of ``text`` in the narrowest array that holds them (ASCII is a copy).

    Lone surrogates raise UnicodeEncodeError, as in the reference.
    """
    if text.isascii():
        return np.frombuffer(text.encode("ascii"), dtype=np.uint8)
    utf16 = text.encode("utf-16-le")
    if len(utf16) == 2 * len(text):  # no astral characters: code units are code points
        return np.frombuffer(utf16, dtype=np.uint16)
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)


def _offsets(lengths) -> np.ndarray:
    out = np.zeros(len(lengths) + 1, dtype=np.int64)
    np.cumsum(lengths, out=out[1:])
    return out


def _title_tokens(titles: list[str], joined: str) -> Tokens:
    """Tokens of ``"\\n".join(titles)``, as each title's tokens shifted to its place there."""
    if "\u03a3" not in joined:
        return tokenize(joined)
    each = tokenize_many(titles)  # "Σ": lower-case each title on its own
    shift = _offsets([len(t) + 1 for t in titles])[:-1]
    return Tokens(
        ids=np.concatenate([t.ids for t in each]),
        starts=np.concatenate([t.starts + s for t, s in zip(each, shift, strict=True)]),
        ends=np.concatenate([t.ends + s for t, s in zip(each, shift, strict=True)]),
    )


Body = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]  # ids, starts, ends, offsets


def _body(texts: list[str], tokens: Sequence[Tokens | None] | None) -> Body:
    """The tokens of a run of texts end to end (tokenised here where ``tokens`` has None)."""
    body = list(tokens) if tokens is not None else [None] * len(texts)
    missing = [k for k, t in enumerate(body) if t is None]
    for k, t in zip(missing, tokenize_many([texts[k] for k in missing]), strict=True):
        body[k] = t
    id_arrays = [t.ids for t in body]
    bids = np.concatenate(id_arrays).astype(np.uint32, copy=False)
    bstarts = np.concatenate([t.starts for t in body]).astype(np.int32, copy=False)
    bends = np.concatenate([t.ends for t in body]).astype(np.int32, copy=False)
    return bids, bstarts, bends, _offsets(np.fromiter(map(len, id_arrays), np.int64, len(body)))


def _run(texts: list[str], titles: list[str], body: Body):
    bids, bstarts, bends, boff = body
    bbase = _offsets(np.fromiter(map(len, texts), np.int64, len(texts)))
    joined = "\n".join(titles)
    head = _title_tokens(titles, joined)
    tbase = _offsets(np.fromiter((len(t) + 1 for t in titles), np.int64, len(titles)))
    hoff = np.searchsorted(head.starts, tbase).astype(np.int64)
    bcps, tcps = _codepoints("".join(texts)), _codepoints(joined)
    wide = np.promote_types(bcps.dtype, tcps.dtype)  # one dtype: one compiled variant
    bcps, tcps = bcps.astype(wide, copy=False), tcps.astype(wide, copy=False)
    bcps.flags.writeable = tcps.flags.writeable = False  # read-only as from bytes: one variant
    hids = head.ids.astype(np.uint32, copy=False)
    hstarts = head.starts.astype(np.int32, copy=False)
    hends = head.ends.astype(np.int32, copy=False)
    asked = np.empty(len(bids) + len(hids), dtype=np.int64)
    batch = Batch(bcps, bbase, boff, bids, bstarts, bends, tcps, hoff, hids, hstarts, hends)
    row_off, fid, kind, key, n_asked = extract(batch, TABLES, (*_NO_ANSWERS, asked), _MARKER_SHARE)
    if n_asked:
        raw = [
            joined[hstarts[q - len(bids)] : hends[q - len(bids)]]
            if q >= len(bids)
            else texts[np.searchsorted(boff, q, side="right") - 1][bstarts[q] : bends[q]]
            for q in asked[:n_asked].tolist()
        ]
        answers = _answers(asked[:n_asked], raw)
        row_off, fid, kind, key, n_asked = extract(batch, TABLES, (*answers, asked), _MARKER_SHARE)
        assert n_asked == 0, "every question was answered"
    return row_off, fid, kind, key


def _answers(keys: np.ndarray, raw: list[str]) -> tuple[np.ndarray, ...]:
    """What the compiled pass asked, sorted by token key: ``(key, name id or -1, number
    status, capped value, 63-bit value hash)``. A possessive's name id drops its "'s"; a
    digit token is a number when all its characters are decimal digits.
    """
    n = len(keys)
    name_id = np.full(n, -1, dtype=np.int64)
    status = np.full(n, NOT_NUMBER, dtype=np.int8)
    value, value_hash = np.zeros(n, dtype=np.int64), np.zeros(n, dtype=np.int64)
    for k, text in enumerate(raw):
        if _DIGIT[min(ord(text[0]), 0xFFFF)]:
            if text.isdecimal():  # "²" is a digit but no number (``int`` refuses it)
                number = int(text)
                status[k], value[k], value_hash[k] = NUMBER, min(number, BIG), number & MASK
        else:
            word = normalize(text)
            if word.endswith("'s"):
                name_id[k] = word_id(word[:-2])
    order = np.argsort(keys, kind="stable")
    return keys[order], name_id[order], status[order], value[order], value_hash[order]
