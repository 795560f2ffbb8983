"""Features of a batch as flat arrays: the Python side of the compiled pass.

Why flat: the same-event linker reads every article's features as one array anyway, so
``build_stories`` keeps them in a :class:`FeatureTable` (rows of article ``a`` at
``row_off[a]:row_off[a + 1]``) and never builds an object per article.

A batch is handled in runs of ~``chunk_chars`` characters (bounded transient memory). Per
run, the bodies' tokens and code points are laid end to end, the titles are joined by
"\\n" and tokenised in one call (a title's tokens are those of the joined string inside its
span: "\\n" ends every token, and without a "Σ", whose case folding depends on its
neighbours, lower-casing the joined string is lower-casing each title), and one compiled
pass (:func:`.features_kernels.extract`) emits the features. When it asks about a rare token
(a possessive holding "Σ", a digit token beyond the BMP), Python answers and the run is
passed again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from wiretrace.cluster.features_kernels import extract
from wiretrace.cluster.features_rules import NOT_NUMBER, NUMBER
from wiretrace.cluster.features_tables import _DIGIT, _MARKER_SHARE, BIG, MASK, TABLES, Features
from wiretrace.index.tokens import Tokens, normalize, tokenize, tokenize_many, word_id
from wiretrace.model import Article

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
) -> FeatureTable:
    """The features of every article (as ``article_features`` of each), in flat arrays.

    ``tokens[k]`` is ``tokenize(articles[k].text)`` (or None: tokenised here).
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
        run = tokens[start:stop] if tokens is not None else None
        runs.append(_run(texts[start:stop], titles[start:stop], run))
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


def _run(texts: list[str], titles: list[str], tokens: Sequence[Tokens | None] | None):
    body = list(tokens) if tokens is not None else [None] * len(texts)
    missing = [k for k, t in enumerate(body) if t is None]
    for k, t in zip(missing, tokenize_many([texts[k] for k in missing]), strict=True):
        body[k] = t
    id_arrays = [t.ids for t in body]
    bids = np.concatenate(id_arrays).astype(np.uint32, copy=False)
    bstarts = np.concatenate([t.starts for t in body]).astype(np.int32, copy=False)
    bends = np.concatenate([t.ends for t in body]).astype(np.int32, copy=False)
    boff = _offsets(np.fromiter(map(len, id_arrays), np.int64, len(body)))
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
    args = (bcps, bbase, boff, bids, bstarts, bends, tcps, hoff, hids, hstarts, hends, TABLES)
    row_off, fid, kind, key, n_asked = extract(*args, (*_NO_ANSWERS, asked), _MARKER_SHARE)
    if n_asked:
        raw = [
            joined[hstarts[q - len(bids)] : hends[q - len(bids)]]
            if q >= len(bids)
            else texts[np.searchsorted(boff, q, side="right") - 1][bstarts[q] : bends[q]]
            for q in asked[:n_asked].tolist()
        ]
        answers = _answers(asked[:n_asked], raw)
        row_off, fid, kind, key, n_asked = extract(*args, (*answers, asked), _MARKER_SHARE)
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
