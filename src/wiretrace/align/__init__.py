"""Align stage: exact verification of candidate pairs and the shared passages of each.

``align_pair`` turns two tokenised articles into a ``reuse`` Pair (passages as char spans) or
None; ``passage_edits`` gives the word-level edits inside one passage (to inspect an
alignment; the compare stage diffs matched sentences itself, ``compare.worddiff``);
``align_ids`` is the same verification over bare id arrays, for batch/distributed runners.
``align_candidates`` verifies many candidate pairs (``aligned_batches``: the same, one list per
``BATCH`` candidates, a run's progress steps), reading the texts from the pipeline's
``TextBatch`` when given one.

This module holds these functions and the pair rules, ``evidence.py`` what counts as prose,
quotation, list and template voice, and
``_kernels.py`` every compiled function (seeds, one-to-one selection, chaining, sentence
edges, a whole batch of pairs in one call over a ``TextBatch``).

Candidate generation (MinHash/LSH in the index stage) is approximate; this step decides.
It runs on tens of thousands of pairs, so it is compiled array code: seeds by n-gram
hashing (:mod:`wiretrace.align._kernels`), one-to-one selection and chaining across small
edits (the same module), then two thresholds:

* the pair shares text only when some passage has at least ``min_words`` identical words
  (same-topic articles share short phrases, "the security forces said on", never a dozen
  identical words in a row plus their neighbours);
* passage ends are stretched over a swap at a sentence edge (:mod:`wiretrace.align._kernels`);
* once it is reuse, shorter passages (at least ``min_extra_words`` identical words, e.g. a
  reprinted headline) are kept too: in a known reprint they are reuse, not coincidence;
* the pair is ``reuse`` only when enough of what it shares is prose outside quotations and
  lists (:mod:`wiretrace.align.evidence`); otherwise it is ``same-event``, keeps its passages
  and lists the quotations both carry in ``shared_quotes``;
* a pair that shares only a template's text is no link: one site's recurring text or frame
  (``_site_template``), or a frame that sister sites of one network print around bodies of
  their own and that does not read as reported prose (``_network_template``).

``shared_fraction_a`` is the share of ``a``'s tokens inside passages (gaps inside a passage,
i.e. swapped words, count as covered), likewise for ``b``.

    >>> from wiretrace.text import tokenize
    >>> from wiretrace.model import Article
    >>> a = Article(id="a", source="a", index=1, text="Heavy rain flooded the old town of "
    ...     "Kellby on Monday and the river rose above the bridge, the mayor said.")
    >>> b = Article(id="b", source="b", index=1, text="Torrential rain flooded the old town of "
    ...     "Kellby on Monday and the river rose above the bridge, the mayor told reporters.")
    >>> pair = align_pair(a, tokenize(a.text), b, tokenize(b.text), min_words=8)
    >>> b.text[slice(*pair.passages[0].b)]  # stretched over the swaps at both sentence edges
    'Torrential rain flooded the old town of Kellby on Monday and the river rose above the \
bridge, the mayor told reporters'

The edits of ``passage_edits`` are the LCS script the evidence rules pair a passage's words
by (:func:`wiretrace.text.token_edits`), as char spans into ``a.text`` / ``b.text`` (end
exclusive). An ``insert`` has an empty ``a_span`` placed where the words would go in ``a``
(end of the previous word of the passage), likewise an empty ``b_span`` for a ``delete``.

    >>> from wiretrace.model import Passage
    >>> a = Article(id="a", source="a", index=1, text="the jihadists' last two footholds")
    >>> b = Article(id="b", source="b", index=1, text="the terrorist group's last two footholds")
    >>> edits = passage_edits(a, tokenize(a.text), b, tokenize(b.text), Passage((0, 33), (0, 40)))
    >>> [(e.tag, a.text[slice(*e.a_span)], b.text[slice(*e.b_span)]) for e in edits]
    [('equal', 'the', 'the'), ('replace', 'jihadists', "terrorist group's"), \
('equal', 'last two footholds', 'last two footholds')]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import NamedTuple

import numpy as np

from wiretrace.align._kernels import Settings, align_batch, passages_kernel
from wiretrace.align.evidence import evidence, excluded_tokens, shared_quotes, template_voice
from wiretrace.clean.lines import related_titles
from wiretrace.index import UNKNOWN, day_number
from wiretrace.model import Article, Pair, Passage, Span
from wiretrace.text import TextBatch, Tokens, text_batch, token_edits, token_range

__all__ = [
    "Edit",
    "align_candidates",
    "align_ids",
    "align_pair",
    "aligned_batches",
    "passage_edits",
]

# a passage in token indices: (a_start, a_end, b_start, b_end, matched words), ends exclusive
TokenPassage = tuple[int, int, int, int, int]

MIN_WORDS = 12
MIN_EXTRA_WORDS = 6
NGRAM = 4
MAX_GAP = 6
MAX_OCCURRENCES = 8  # n-grams more frequent than this in ``b`` seed nothing (boilerplate)
BATCH = 8192  # candidate pairs aligned per compiled call (one progress step of a run)


def align_ids(
    a: np.ndarray,
    b: np.ndarray,
    *,
    min_words: int = MIN_WORDS,
    min_extra_words: int = MIN_EXTRA_WORDS,
    ngram: int = NGRAM,
    max_gap: int = MAX_GAP,
) -> list[TokenPassage]:
    """Shared passages of two word-id arrays as token spans ``(a0, a1, b0, b1, matched)``.

    A pure function over arrays (no articles, no offsets), so batch and distributed runners
    can call it directly. Empty when no passage reaches ``min_words`` identical words.
    """
    found = passages_kernel(a, b, ngram, MAX_OCCURRENCES, min_words, min_extra_words, max_gap)
    return [tuple(p) for p in found.tolist()]


def align_pair(
    a: Article,
    ta: Tokens,
    b: Article,
    tb: Tokens,
    *,
    min_words: int = MIN_WORDS,
    min_extra_words: int = MIN_EXTRA_WORDS,
    ngram: int = NGRAM,
    max_gap: int = MAX_GAP,
) -> Pair | None:
    """A Pair with char-offset passages, or None when ``a`` and ``b`` share too little.

    ``reuse`` when the passages hold enough prose, ``same-event`` with ``shared_quotes`` when
    they hold little but quotations and lists (:mod:`wiretrace.align.evidence`).

    ``ta``/``tb`` are ``tokenize(a.text)``/``tokenize(b.text)``. Passages are sorted by their
    start in ``a`` and snapped to token boundaries (first char of the first word to the last
    char of the last one); a swap within ``max_gap`` words of a sentence edge on both sides is
    taken inside the passage (:mod:`wiretrace.align._kernels`), so the compare stage sees it.
    A batch of one: :func:`align_candidates` is the same computation for many pairs.
    """
    found = align_candidates(
        [a, b],
        [ta, tb],
        [(0, 1)],
        min_words=min_words,
        min_extra_words=min_extra_words,
        ngram=ngram,
        max_gap=max_gap,
    )
    return found[0] if found else None


def _settings(
    *,
    min_words: int = MIN_WORDS,
    min_extra_words: int = MIN_EXTRA_WORDS,
    ngram: int = NGRAM,
    max_gap: int = MAX_GAP,
) -> dict[str, int]:
    """The options of :func:`align_pair` with their defaults (unknown names raise TypeError)."""
    return {
        "min_words": min_words,
        "min_extra_words": min_extra_words,
        "ngram": ngram,
        "max_gap": max_gap,
    }


def align_candidates(
    articles: list[Article],
    tokens: list[Tokens],
    candidates: Iterable[tuple[int, int]],
    *,
    batch: TextBatch | None = None,
    **options: int,
) -> list[Pair]:
    """Verify candidate pairs given as article indices; returns the pairs found, in order.

    ``options`` are those of :func:`align_pair` (``min_words``, ``max_gap``, ...). Exactly
    :func:`align_pair` on each candidate; see :func:`aligned_batches` for how, and for
    ``batch``.
    """
    return [pair for found in aligned_batches(articles, tokens, candidates, batch=batch,
                                              **options) for pair in found]


def aligned_batches(
    articles: list[Article],
    tokens: list[Tokens],
    candidates: Iterable[tuple[int, int]],
    *,
    batch: TextBatch | None = None,
    **options: int,
) -> Iterator[list[Pair]]:
    """:func:`align_candidates`, one list of found pairs per ``BATCH`` candidates (a run's
    progress steps).

    The texts are read from ``batch``, the ``TextBatch`` of ``articles`` (``text_batch`` of
    their texts and ``tokens``, index for index) that the pipeline builds once; called
    without one, the stage lays out only the articles the candidates name. Each ``BATCH`` of
    candidates is aligned in one compiled call (:mod:`wiretrace.align._kernels`), and the Pair
    objects are built in one loop here.
    """
    settings = _settings(**options)
    pairs = np.array(list(candidates), dtype=np.int64).reshape(-1, 2)
    if batch is None:  # alone: the texts the candidates name, each once
        members, local = np.unique(pairs, return_inverse=True)
        order = members.tolist()
        batch = text_batch([articles[k].text for k in order], [tokens[k] for k in order])
        local = local.reshape(-1, 2)
    else:
        local = pairs
    kernel = Settings(settings["ngram"], MAX_OCCURRENCES, settings["min_words"],
                      settings["min_extra_words"], settings["max_gap"])
    excluded: dict[int, np.ndarray | None] = {}  # article -> quoted/listed tokens, or None
    for start in range(0, len(pairs), BATCH):
        step = slice(start, start + BATCH)
        found = []
        for x, y, pair in _align_batch(articles, pairs[step], batch, local[step], kernel):
            if not (_site_template(articles[x], articles[y], pair)
                    or _network_template(articles[x], tokens[x], articles[y], tokens[y],
                                         pair)):
                found.append(_judged(articles, tokens, x, y, pair, excluded,
                                     settings["min_words"]))
        yield found


SITE_TEMPLATE_SHARE = 0.25  # two articles of one site sharing less of each share its template
FOLLOW_UP_DAYS = 7  # ... unless dated this close: a follow-up repeating its own story


def _site_template(a: Article, b: Article, pair: Pair) -> bool:
    """Whether what two articles of one site share is that site's own recurring text.

    A site does not reprint a small part of one article in an unrelated one: text that two of
    its articles share while each is mostly its own (less than ``SITE_TEMPLATE_SHARE`` of
    both) is its template, an author box or a company's description reworded between two
    releases, the boilerplate the clean stage could not match line for line. Such a pair is no
    link at all. Two such articles dated within ``FOLLOW_UP_DAYS`` of each other are kept: a
    follow-up that repeats a few paragraphs of the site's own story is reuse. The site is the
    url's host or the outlet; articles with neither are never judged so (pages of many sites
    can sit in one folder). Whatever its share and dates, a pair that shares only the frame
    around two bodies of their own, under unrelated titles, shares the template
    (:func:`_framing`).
    """
    if a.site is None or a.site != b.site:
        return False
    if _framing(a, b, pair):
        return True
    if max(pair.shared_fraction_a, pair.shared_fraction_b) >= SITE_TEMPLATE_SHARE:
        return False
    days = day_number(a.date), day_number(b.date)
    return UNKNOWN in days or abs(days[0] - days[1]) > FOLLOW_UP_DAYS


def _framing(a: Article, b: Article, pair: Pair) -> bool:
    """Whether two articles of one site share only the frame around their bodies.

    A site's template frames every article alike: a byline box, a table of contents or a share
    bar above the body, an author box, a disclosure or "Previous Post" links below it. What
    such a pair shares is a prefix and/or a suffix of both texts, around one body of its own
    in each: in both articles, the text outside the passages is one gap of at least
    ``FRAME_BODY_CHARS`` characters (the body) and gaps that together hold at most
    ``FRAME_SLACK`` of it (a template may set a disclosure above the body on one page and
    below it on another, so the gaps' places are not compared). A reprint or a follow-up
    shares its story's body; an update that rewrote only the lede shares its suffix too, so
    the titles must also be unrelated (:func:`wiretrace.clean.lines.related_titles`).
    """
    if not pair.passages or related_titles(a.title, b.title):
        return False
    return _one_body([p.a for p in pair.passages], len(a.text)) and _one_body(
        [p.b for p in pair.passages], len(b.text)
    )


def _network_template(a: Article, ta: Tokens, b: Article, tb: Tokens, pair: Pair) -> bool:
    """Whether two articles not known to be of one site share only a template's text: the
    frame of sister sites of one network (a column footer, a newsletter or privacy paragraph,
    an author box, an FAQ under every article).

    The shared text frames one body of each article's own (``_one_body``, as for one site's
    frame: the bodies share nothing), and it does not read as reported prose
    (:func:`wiretrace.align.evidence.template_voice` in either article: it addresses the
    reader, or is largely headings, rows, asides, questions and their answers; one page may
    print an FAQ's questions that the other's reader dropped). A wire story reprinted in
    part, under another outlet's own introduction, is framed alike, but its shared
    paragraphs are the agency's reported prose and stay reuse; so does a whole reprint,
    which leaves no body of its own outside the passages.

    The clean stage removes such a template line by line where it recurs on enough pages
    (``clean.boilerplate``, reason ``recurring-sites``); this rule holds for a pair alone,
    whatever the template's lines around it look like on each page. The lines one page set
    aside (``_set_aside``) count as the other page's frame too.
    """
    if a.site is not None and a.site == b.site:
        return False  # one site's frame: ``_site_template``
    spans_a, spans_b = [p.a for p in pair.passages], [p.b for p in pair.passages]
    if (not spans_a or max(_gaps(spans_a, len(a.text))) < FRAME_BODY_CHARS
            or max(_gaps(spans_b, len(b.text))) < FRAME_BODY_CHARS):
        return False  # a whole reprint: more spans only shrink the gaps (the usual case, quick)
    return (_one_body(spans_a + _set_aside(a.text, b), len(a.text))
            and _one_body(spans_b + _set_aside(b.text, a), len(b.text))
            and (template_voice(a.text, ta, spans_a) or template_voice(b.text, tb, spans_b)))


_MARKED = re.compile(r"^\[boilerplate:[^\]]*\] ")  # clean.boilerplate.MARK, any reason


def _set_aside(text: str, other: Article) -> list[Span]:
    """Char spans of the paragraphs of ``text`` that the clean stage removed from ``other``
    (its ``removed``: chrome, or boilerplate after its mark): what one page set aside as no
    part of its story frames the other page's body too (a template block that recurred on
    one network site's pages and went there, but stays on its sister site's single page)."""
    lines = {_MARKED.sub("", line, count=1) for line in other.removed}
    spans: list[Span] = []
    if not lines:
        return spans
    start = 0
    for paragraph in text.split("\n\n"):
        if paragraph in lines:
            spans.append((start, start + len(paragraph)))
        start += len(paragraph) + 2
    return spans


FRAME_BODY_CHARS = 400  # an article's own body between its frame (about 60 words) at least
FRAME_SLACK = 0.25  # the other unshared gaps hold at most this share of the body


def _gaps(spans: list[tuple[int, int]], length: int) -> list[int]:
    """Lengths of the text outside ``spans`` before, between and after them (0 where spans
    overlap or nest)."""
    gaps, covered = [], 0
    for start, end in sorted(spans):
        gaps.append(max(0, start - covered))
        covered = max(covered, end)
    gaps.append(max(0, length - covered))
    return gaps


def _one_body(spans: list[tuple[int, int]], length: int) -> bool:
    """Whether the text outside ``spans`` is one large gap (the body) and small ones."""
    gaps = _gaps(spans, length)
    body = max(gaps)
    return body >= FRAME_BODY_CHARS and sum(gaps) - body <= FRAME_SLACK * body


def _judged(
    articles: list[Article],
    tokens: list[Tokens],
    x: int,
    y: int,
    pair: Pair,
    excluded: dict[int, np.ndarray | None],
    min_words: int,
) -> Pair:
    """``pair`` as is when its passages hold enough prose; else ``same-event`` with the
    quotations it shares (:mod:`wiretrace.align.evidence`)."""
    for k in (x, y):
        if k not in excluded:
            mask = excluded_tokens(articles[k].text, tokens[k])
            excluded[k] = mask if mask.any() else None
    found = evidence(
        pair.passages,
        tokens[x],
        tokens[y],
        excluded[x],
        excluded[y],
        min_run=min_words,
        shared=(pair.shared_fraction_a, pair.shared_fraction_b),
    )
    if not found.is_reuse:
        pair.relation = "same-event"
        pair.shared_quotes = shared_quotes(
            articles[x].text, tokens[x], articles[y].text, tokens[y], pair.passages
        )
    return pair


def _align_batch(
    articles: list[Article], pairs: np.ndarray, batch: TextBatch, local: np.ndarray,
    settings: Settings,
) -> list[tuple[int, int, Pair]]:
    """The pairs that share a passage, as (index of a, index of b, reuse Pair); ``local`` is
    ``pairs`` as indices into ``batch``."""
    spans, counts, shared_a, shared_b = align_batch(
        batch, np.ascontiguousarray(local[:, 0]), np.ascontiguousarray(local[:, 1]),
        settings,
    )
    a0, a1, b0, b1 = spans.T.tolist()
    passages = list(map(Passage, zip(a0, a1, strict=True), zip(b0, b1, strict=True)))
    found = []
    start = 0
    for (x, y), n, fa, fb in zip(
        pairs.tolist(), counts.tolist(), shared_a.tolist(), shared_b.tolist(), strict=True
    ):
        if n:  # positional: a, b, relation, shared fractions, passages
            shared = passages[start : start + n]
            found.append((x, y, Pair(articles[x].id, articles[y].id, "reuse", fa, fb, shared)))
            start += n
    return found


# --- the word edits of a passage, to inspect an alignment ------------------------------------

class Edit(NamedTuple):
    """One operation: ``tag`` is "equal", "replace", "delete" (only in a) or "insert" (only in b)."""

    tag: str
    a_span: Span
    b_span: Span


def _char_span(tokens: Tokens, lo: int, hi: int, floor: int) -> Span:
    """Char span of tokens ``[lo, hi)``; empty at the end of token ``lo - 1`` when ``lo == hi``."""
    if hi > lo:
        return int(tokens.starts[lo]), int(tokens.ends[hi - 1])
    pos = (
        int(tokens.ends[lo - 1])
        if lo > floor
        else int(tokens.starts[lo])
        if lo < len(tokens)
        else 0
    )
    return pos, pos


def passage_edits(a: Article, ta: Tokens, b: Article, tb: Tokens, passage: Passage) -> list[Edit]:
    """The word-level edits turning ``a``'s side of ``passage`` into ``b``'s side, in order."""
    a0, a1 = token_range(ta, passage.a)
    b0, b1 = token_range(tb, passage.b)
    ops = token_edits(ta.ids[a0:a1].tolist(), tb.ids[b0:b1].tolist())
    return [
        Edit(tag, _char_span(ta, a0 + i0, a0 + i1, a0), _char_span(tb, b0 + j0, b0 + j1, b0))
        for tag, i0, i1, j0, j1 in ops
    ]
