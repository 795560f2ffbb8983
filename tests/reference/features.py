"""The plain per-article definition of feature extraction, kept as the specification.

:func:`wiretrace.cluster.features.batch_features` computes the same features for a whole
batch in compiled passes; tests check both agree on invented and generated text. This one is
easy to read (a dozen numpy calls and a Python loop per article).

    >>> from wiretrace.text import tokenize
    >>> from wiretrace.model import Article
    >>> art = Article(id="x", source="x", index=1, text="Floods hit Kellby on 3 May.")
    >>> f = article_features_reference(art, tokenize(art.text))
    >>> from wiretrace.cluster.features import KIND_NAMES
    >>> sorted(KIND_NAMES[k] for k in f.kinds.tolist())
    ['DATE', 'WORD']
"""

from __future__ import annotations

import numpy as np

from wiretrace.cluster.features import (
    _CASED,
    _DIGIT,
    _MARKER_IDS,
    _MARKER_SHARE,
    _MONTH_IDS,
    _NOT_NAME_IDS,
    _RARE_MIN_CHARS,
    _SENTENCE_END,
    _UPPER,
    DATE,
    FIGURE,
    NAME,
    RARE,
    WORD,
    Features,
    feature_id,
)
from wiretrace.model import Article
from wiretrace.text import Tokens, normalize, tokenize, word_id


def _member(values: np.ndarray, sorted_set: np.ndarray) -> np.ndarray:
    """``np.isin`` for a sorted set, by binary search."""
    if len(sorted_set) == 0:
        return np.zeros(len(values), dtype=bool)
    at = np.minimum(np.searchsorted(sorted_set, values), len(sorted_set) - 1)
    return sorted_set[at] == values


def _codepoints(text: str) -> np.ndarray:
    cps = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    return np.minimum(cps, 0xFFFF).astype(np.int64)  # astral chars: treated as caseless


def _token_masks(text: str, tokens: Tokens) -> dict[str, np.ndarray]:
    """Per-token booleans: capitalised, cased script, digits, sentence start, tight join."""
    cps = _codepoints(text)
    first = cps[tokens.starts]
    ends_cum = np.concatenate(([0], np.cumsum(_SENTENCE_END[cps])))
    space_cum = np.concatenate(([0], np.cumsum((cps != 32) & (cps != 0xA0))))
    apos_cum = np.concatenate(([0], np.cumsum((cps == 39) | (cps == 0x2019))))
    prev_end = np.concatenate(([0], tokens.ends[:-1]))
    initial = ends_cum[tokens.starts] - ends_cum[prev_end] > 0
    tight = space_cum[tokens.starts] - space_cum[prev_end] == 0  # only spaces since last token
    if len(tokens):
        initial[0] = True
        tight[0] = False
    return {
        "upper": _UPPER[first],
        "cased": _CASED[first],
        "digit": _DIGIT[first],
        "initial": initial,
        "tight": tight,
        "apostrophe": apos_cum[tokens.ends] - apos_cum[tokens.starts] > 0,
    }


def _strip_possessive(text: str, ids: np.ndarray, tokens: Tokens, where: np.ndarray) -> np.ndarray:
    """Ids with a trailing 's dropped at the token indices ``where`` ("Iraq's" names Iraq)."""
    ids = ids.copy()
    for i in where.tolist():
        word = normalize(text[tokens.starts[i] : tokens.ends[i]])
        if word.endswith("'s"):
            ids[i] = word_id(word[:-2])
    return ids


def _names(ids: np.ndarray, m: dict[str, np.ndarray], nouns_capitalised: bool) -> list[tuple]:
    """(kind, word ids, token index) of names: multi-word runs and single capitalised words."""
    cap = m["upper"] & ~m["digit"] & ~_member(ids, _NOT_NAME_IDS)
    inside = cap & ~m["initial"]
    ok = inside | (cap & _member(ids, np.sort(ids[inside])))
    # a sentence-initial capitalised word starting a multi-word run is a name too ("Hadi Kassar")
    nxt = np.zeros_like(ok)
    nxt[:-1] = ok[1:] & m["tight"][1:]
    ok |= cap & m["initial"] & nxt
    if nouns_capitalised:  # German: keep only multi-word runs inside sentences
        ok &= ~m["initial"]
    found: list[tuple] = []
    idx = np.flatnonzero(ok).tolist()
    k = 0
    while k < len(idx):
        run = [idx[k]]
        while k + 1 < len(idx) and idx[k + 1] == run[-1] + 1 and m["tight"][idx[k + 1]]:
            k += 1
            run.append(idx[k])
        k += 1
        if len(run) > 1:
            found.append((NAME, tuple(ids[run].tolist()), run[0]))
            if len(run) <= 3:  # "Jane Harlow" is later just "Harlow": the last word as alias
                found.append((WORD, (int(ids[run[-1]]),), run[-1]))
        elif not nouns_capitalised:
            found.append((WORD, (int(ids[run[0]]),), run[0]))
    return found


def _figures_and_dates(text: str, ids: np.ndarray, m: dict[str, np.ndarray], tokens: Tokens):
    found: list[tuple] = []
    digits = np.flatnonzero(m["digit"]).tolist()
    for i in digits:
        raw = text[tokens.starts[i] : tokens.ends[i]]
        if not raw.isdecimal():  # "²" is a digit but no number (``int`` refuses it)
            continue
        value = int(raw)
        month = None
        for j in (i - 1, i + 1):
            if 0 <= j < len(ids) and int(ids[j]) in _MONTH_IDS:
                month = _MONTH_IDS[int(ids[j])]
        if month is not None and 1 <= value <= 31:
            found.append((DATE, (month, value), i))
        elif i + 1 < len(ids) and not m["digit"][i + 1] and not (1900 <= value <= 2100):
            found.append((FIGURE, (value, int(ids[i + 1])), i))
    return found


def _rare_repeats(text: str, ids: np.ndarray, m: dict[str, np.ndarray], tokens: Tokens):
    lengths = tokens.ends - tokens.starts
    usable = (lengths >= _RARE_MIN_CHARS) & ~m["digit"] & ~_member(ids, _NOT_NAME_IDS)
    values, first, counts = np.unique(ids[usable], return_index=True, return_counts=True)
    where = np.flatnonzero(usable)[first]
    return [
        (RARE, (int(v),), int(w)) for v, w, c in zip(values, where, counts, strict=True) if c > 1
    ]


def article_features_reference(article: Article, tokens: Tokens | None = None) -> Features:
    """The features of ``article`` (title included); ``tokens`` is ``tokenize(article.text)``."""
    title = article.title or ""
    text = f"{title}\n\n{article.text}" if title else article.text
    if tokens is None:
        tokens = tokenize(article.text)
    n_body = len(tokens)
    if title:  # prepend the title's tokens, shifting the body's offsets past "title\n\n"
        head, shift = tokenize(title), len(title) + 2
        tokens = Tokens(
            ids=np.concatenate((head.ids, tokens.ids)),
            starts=np.concatenate((head.starts, tokens.starts + shift)),
            ends=np.concatenate((head.ends, tokens.ends + shift)),
        )
    ids = tokens.ids
    if len(ids) == 0:
        return Features(np.zeros(0, np.int64), np.zeros(0, np.int8), np.zeros(0, bool))
    m = _token_masks(text, tokens)
    body_ids = ids[len(ids) - n_body :]
    caseless = m["cased"].mean() < 0.5
    nouns_capitalised = (
        bool(_member(body_ids, _MARKER_IDS).mean() > _MARKER_SHARE) if n_body else False
    )
    name_ids = _strip_possessive(text, ids, tokens, np.flatnonzero(m["upper"] & m["apostrophe"]))
    found = _names(name_ids, m, nouns_capitalised) + _figures_and_dates(text, ids, m, tokens)
    if caseless or nouns_capitalised:
        found += _rare_repeats(text, ids, m, tokens)
    lead_end = text.find("\n\n", len(title) + 2 if title else 0)
    lead_end = len(text) if lead_end < 0 else lead_end
    title_names = any(
        k in (NAME, WORD, RARE) and tokens.starts[i] < len(title) for k, _, i in found
    )
    key_end = len(title) if title_names else lead_end
    seen: dict[int, list] = {}
    for kind, values, token_index in found:
        fid = feature_id(kind, *values)
        is_key = bool(tokens.starts[token_index] < key_end)
        if fid in seen:
            seen[fid][2] |= is_key
        else:
            seen[fid] = [kind, fid, is_key]
    rows = list(seen.values())
    return Features(
        ids=np.array([r[1] for r in rows], dtype=np.int64),
        kinds=np.array([r[0] for r in rows], dtype=np.int8),
        key=np.array([r[2] for r in rows], dtype=bool),
    )
