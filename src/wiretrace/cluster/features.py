"""Rare identifying features of an article: names, places, dates, figures, repeated rare words.

Why: two outlets reporting one event in their own words share almost no word n-grams, but
they name the same town, the same officials, the same date and often the same figures. Those
features are what the same-event linker (:mod:`wiretrace.cluster.same_event`) counts.

Kinds (each feature is a 63-bit int mixing its kind and word ids, so features of all
articles fit in one numpy array for the inverted index):

* ``NAME``: a run of two or more capitalised words ("Red Cross", "Hadi Kassar"), Unicode-aware
  (``str.isupper`` on the first letter, so Überlingen, Ángel, Élysée count); the last word of a
  two- or three-word name is also a ``WORD`` (an alias: "Jane Harlow" is later "Harlow");
* ``WORD``: a single capitalised word that is not a function word (:mod:`.wordlists`) and is
  not capitalised merely because it starts a sentence (it must also appear capitalised inside
  a sentence, or start a multi-word name);
* ``FIGURE``: a number written in digits with the word after it ("18 civilians");
* ``DATE``: a day with a month name ("27 September", "Sept. 27", "3 mars");
* ``RARE``: for text without case (Arabic) or capitalising every noun (German), a word of at
  least 4 letters used at least twice in the article.

Each feature also records whether it is *key*: named in the title (or, when the title names
nothing, in the first paragraph). Reports of one event name its town or person in their
headlines; two floods on one day share the Red Cross, not the headline town.

How: ``batch_features`` handles a whole batch at once (``article_features`` is a batch of
one): the texts' code points and tokens are concatenated, one compiled pass
(:func:`.features_kernels.token_flags`) gives every token its flags (capitalised, digit,
sentence-initial, ...), Python settles the rare possessives and odd numbers, and a second
pass (:func:`.features_kernels.extract`) emits each article's distinct features. Output is
identical to the plain per-article definition in :mod:`.features_reference` (tested), at
~0.035 ms instead of ~0.3-0.45 ms per article.

    >>> from wiretrace.index.tokens import tokenize
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

from wiretrace.cluster import features_kernels as K
from wiretrace.cluster.wordlists import (
    MONTHS,
    NOT_NAMES,
    NOUN_CAPITALISING_MARKERS,
    SENTENCE_END,
)
from wiretrace.index.tokens import Tokens, normalize, tokenize_many, word_id
from wiretrace.model import Article


def _bloom(sorted_set: np.ndarray) -> np.ndarray:
    """A bit per ``id & BLOOM_MASK``: set for members (so unset means "not a member")."""
    bloom = np.zeros(K.BLOOM_MASK + 1, dtype=bool)
    bloom[sorted_set & K.BLOOM_MASK] = True
    return bloom


NAME, WORD, FIGURE, DATE, RARE = range(5)
KIND_NAMES = ("NAME", "WORD", "FIGURE", "DATE", "RARE")
_MASK = (1 << 63) - 1
_P = 0x100000001B3

_NOT_NAME_IDS = np.array(sorted({word_id(w) for w in [*NOT_NAMES, *MONTHS]}), dtype=np.uint32)
_MARKER_IDS = np.array(sorted({word_id(w) for w in NOUN_CAPITALISING_MARKERS}), dtype=np.uint32)
_NOT_NAME_BLOOM, _MARKER_BLOOM = _bloom(_NOT_NAME_IDS), _bloom(_MARKER_IDS)
_MONTH_IDS = {word_id(name): number for name, number in MONTHS.items()}
_MONTH_ID_ARRAY = np.array(sorted(_MONTH_IDS), dtype=np.uint32)
_MONTH_NUMBERS = np.array([_MONTH_IDS[int(m)] for m in _MONTH_ID_ARRAY], dtype=np.int64)
_BIG = 10**18  # a figure above this is compared as this (far outside date and year ranges)
_UPPER = np.array([chr(c).isupper() or chr(c).istitle() for c in range(0x10000)], dtype=bool)
_CASED = np.array([chr(c).lower() != chr(c).upper() for c in range(0x10000)], dtype=bool)
_DIGIT = np.array([chr(c).isdigit() for c in range(0x10000)], dtype=bool)
# digit value of a BMP code point: 0-9, -1 not str.isdigit, -2 a digit without a value ("²")
_DECIMAL = np.full(0x10000, -1, dtype=np.int8)
_DECIMAL[_DIGIT] = [unicodedata.decimal(chr(c), -2) for c in np.flatnonzero(_DIGIT).tolist()]
_SENTENCE_END = np.zeros(0x10000, dtype=bool)
_SENTENCE_END[[ord(c) for c in SENTENCE_END]] = True
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
        h = ((h ^ int(v)) * _P) & _MASK
    return h


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


def _fix_up(text_of, off, starts, ends, ids, flags, status, value) -> tuple:
    """The rare tokens Python decides: possessives ("Iraq's" names Iraq) and odd numbers.

    Returns ``(name_ids, value_hash)``: ids with a trailing 's dropped from capitalised
    tokens holding an apostrophe, and figure values reduced to 63 bits for the hash (``value``
    is capped in place, enough for its range tests).
    """
    name_ids = ids
    possessive = np.flatnonzero((flags & (K.UPPER | K.APOSTROPHE)) == (K.UPPER | K.APOSTROPHE))
    ask = np.flatnonzero(status == K.ASK_PYTHON)
    value_hash = value.copy()
    if len(possessive) or len(ask):
        article = np.searchsorted(off, np.concatenate((possessive, ask)), side="right") - 1
        name_ids = ids.copy()
        for t, a in zip(possessive.tolist(), article[: len(possessive)].tolist(), strict=True):
            word = normalize(text_of(a)[starts[t] : ends[t]])
            if word.endswith("'s"):
                name_ids[t] = word_id(word[:-2])
        for t, a in zip(ask.tolist(), article[len(possessive) :].tolist(), strict=True):
            raw = text_of(a)[starts[t] : ends[t]]
            try:
                number = int(raw) if raw.isdigit() else None
            except ValueError:  # digits without a decimal value ("²"): not a figure
                number = None
            if number is not None:
                status[t] = K.NUMBER
                value[t] = min(number, _BIG)
                value_hash[t] = number & _MASK
            else:
                status[t] = K.NOT_NUMBER
    return name_ids, value_hash


def batch_features(
    articles: Sequence[Article],
    tokens: Sequence[Tokens | None] | None = None,
    chunk_chars: int = 1 << 22,
) -> list[Features]:
    """The features of every article: ``article_features`` of each, the same output.

    ``tokens[k]`` is ``tokenize(articles[k].text)`` (or None: tokenised here). Articles are
    handled in runs of about ``chunk_chars`` characters, each in two compiled passes, so the
    transient memory (the run's joined text and token arrays) stays a few tens of MB.

        >>> from wiretrace.model import Article
        >>> arts = [Article(id="x", source="x", index=1, text="Rain hit Kellby, Kellby said.")]
        >>> [KIND_NAMES[k] for k in batch_features(arts)[0].kinds.tolist()]
        ['WORD']
    """
    out: list[Features] = []
    start, size = 0, 0
    for k, article in enumerate(articles):
        size += len(article.text) + len(article.title or "")
        if size >= chunk_chars or k == len(articles) - 1:
            run = tokens[start : k + 1] if tokens is not None else None
            out += _batch_run(articles[start : k + 1], run)
            start, size = k + 1, 0
    return out


def _batch_run(articles: Sequence[Article], tokens: Sequence[Tokens | None] | None):
    n = len(articles)
    titles = [a.title or "" for a in articles]
    texts = [f"{t}\n\n{a.text}" if t else a.text for t, a in zip(titles, articles, strict=True)]
    body = list(tokens) if tokens is not None else [None] * n
    missing = [k for k, t in enumerate(body) if t is None]
    for k, t in zip(missing, tokenize_many([articles[k].text for k in missing]), strict=True):
        body[k] = t
    with_title = [k for k, t in enumerate(titles) if t]
    heads: list[Tokens | None] = [None] * n
    for k, t in zip(with_title, tokenize_many([titles[k] for k in with_title]), strict=True):
        heads[k] = t
    pieces: list[Tokens] = []
    shifts: list[int] = []
    for k in range(n):
        if heads[k] is not None:
            pieces.append(heads[k])
            shifts.append(0)
        pieces.append(body[k])
        shifts.append(len(titles[k]) + 2 if titles[k] else 0)
    piece_len = np.fromiter((len(p) for p in pieces), dtype=np.int64, count=len(pieces))
    shift = np.repeat(np.array(shifts, dtype=np.int64), piece_len)
    ids = np.concatenate([p.ids for p in pieces]).astype(np.uint32, copy=False)
    starts = np.concatenate([p.starts for p in pieces]).astype(np.int64) + shift
    ends = np.concatenate([p.ends for p in pieces]).astype(np.int64) + shift
    n_body = np.fromiter((len(t) for t in body), dtype=np.int64, count=n)
    n_head = np.fromiter((len(h) if h is not None else 0 for h in heads), np.int64, count=n)
    off = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(n_body + n_head, out=off[1:])
    text_len = np.fromiter((len(t) for t in texts), dtype=np.int64, count=n)
    base = np.zeros(n, dtype=np.int64)
    np.cumsum(text_len[:-1], out=base[1:])
    title_len = np.fromiter((len(t) for t in titles), dtype=np.int64, count=n)
    lead_end = np.fromiter(
        (t.find("\n\n", len(h) + 2 if h else 0) for t, h in zip(texts, titles, strict=True)),
        dtype=np.int64,
        count=n,
    )
    lead_end = np.where(lead_end < 0, text_len, lead_end)
    cps = _codepoints("".join(texts))
    flags, status, value = K.token_flags(
        cps, base, off, starts, ends, _UPPER, _CASED, _DIGIT, _SENTENCE_END, _DECIMAL
    )
    name_ids, value_hash = _fix_up(texts.__getitem__, off, starts, ends, ids, flags, status, value)
    row_off, fid, kind, key = K.extract(
        off,
        n_body,
        title_len,
        lead_end,
        ids,
        name_ids,
        starts,
        ends,
        flags,
        status,
        value,
        value_hash,
        _NOT_NAME_IDS,
        _NOT_NAME_BLOOM,
        _MARKER_IDS,
        _MARKER_BLOOM,
        _MONTH_ID_ARRAY,
        _MONTH_NUMBERS,
        _RARE_MIN_CHARS,
        _MARKER_SHARE,
    )
    bounds = row_off.tolist()
    return [
        Features(ids=fid[x:y], kinds=kind[x:y], key=key[x:y])
        for x, y in zip(bounds[:-1], bounds[1:], strict=True)
    ]


def article_features(article: Article, tokens: Tokens | None = None) -> Features:
    """The features of ``article`` (title included); ``tokens`` is ``tokenize(article.text)``."""
    return batch_features([article], [tokens])[0]
