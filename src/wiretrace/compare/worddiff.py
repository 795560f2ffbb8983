"""Word-level differences inside matched sentences: swaps versus added or cut clauses, and
the class of each swap.

A matched group of sentences is compared as two sequences of word ids with rapidfuzz's Indel
opcodes (longest common subsequence: only insertions and deletions). Why not Levenshtein: its
"replace" steps pair unrelated words, so a clause cut next to a clause added swallows the
shared words between them (measured on the reprint eval: additions/cuts precision 0.97 with
Levenshtein, 1.00 with Indel). Adjacent non-equal opcodes form one *change block*
``(a words, b words)``.

* Known swaps anchor longer blocks: a one-word-for-one-word block ("Daesh" -> "ISIS") seen
  anywhere in the pair splits a longer block that contains both words ("Daesh group fighters"
  -> "ISIS militants" becomes "Daesh" -> "ISIS" and "group fighters" -> "militants").
* Spelling variants at the edge of a block split off as their own swap ("metres" ->
  "meters, as the rain eased" is a swap plus an added clause; "defence centre" -> "defense
  center" is two swaps): words whose characters are ``similar_chars`` (70 %) alike.
* A block with words on both sides and at most ``max_swap_words`` on each side is a
  substitution (a word or phrase swap); number words equal in value ("two" -> "2") are
  typography and dropped.
* Anything else (a pure insertion or deletion, or a long rewrite) is a clause present in one
  version only, reported when it has at least ``min_clause_words`` words.

    >>> a = Analysed.of("Daesh fighters seized the town, using tanks, police said.")
    >>> b = Analysed.of("ISIS fighters seized the town, police said.")
    >>> blocks = diff_group(a, [0], b, [0])
    >>> [(block.a_words, block.b_words) for block in blocks]
    [(1, 1), (2, 0)]

The class of a swap (``swap_kind``): spelling, abbreviation, term, name or wording, tested in
this order, the first that holds:

* ``spelling``: the same words once British endings are folded to American ones (our -> or,
  tre -> ter, ise/isation -> ize/ization, yse -> yze, lled -> led, ence -> ense, ogue -> og,
  mme -> m): "colour" / "color", "Kilometre" / "Kilometer", "programme" / "program";
* ``abbreviation``: one side is one word that abbreviates the other (with a period or a
  capital): same first letter, its letters a subsequence of the other's, at least two
  letters shorter ("Gov." / "Governor", "Dept" / "Department", "St." / "Street"; not "the" /
  "those");
* ``term``: both sides name a framing term of ``vocabulary.TERM_WORDS`` (Daesh / ISIS, jihadists /
  militants, terrorist group): the house style of an outlet;
* ``name``: every word on both sides capitalised (a person or place written another way:
  "Kiev" / "Kyiv"), or the two nearly the same (rapidfuzz ratio >= 80, a transliteration);
* ``term`` again when the swap is made ``TERM_MIN_COUNT`` times or more in one pair: a
  replacement made wherever the word occurs is house style, not a one-off rewording;
* ``wording``: any other short rewording.

Recurrence across a story counts too (``promote_recurring``, run when a story is
explained): a ``wording`` swap of two terms that ``TERM_MIN_PAIRS`` or more versions of one
story make against its base, in either direction, is a ``term``; a one-off pair of
unrelated words in one spot of one version stays ``wording``.

    >>> [swap_kind(a, b) for a, b in [("Governor", "Gov."), ("colour", "color"),
    ...  ("Daesh", "ISIS"), ("Kiev", "Kyiv"), ("blaze", "fire")]]
    ['abbreviation', 'spelling', 'term', 'name', 'wording']
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from wiretrace.compare.matching import Analysed, Span
from wiretrace.model import Substitution
from wiretrace.text import normalize
from wiretrace.vocabulary import APOSTROPHES, BRITISH_ENDINGS, NUMBER_WORDS, TERM_WORDS


@dataclass
class Block:
    """One change: words ``[a0, a1)`` of the a-side sequence replaced by ``[b0, b1)`` of b."""

    a0: int
    a1: int
    b0: int
    b1: int
    a_spans: list[Span]
    b_spans: list[Span]
    a_at: int = 0  # where the block sits in a's text (its first char, or the gap it fills)
    b_at: int = 0

    @property
    def a_words(self) -> int:
        return self.a1 - self.a0

    @property
    def b_words(self) -> int:
        return self.b1 - self.b0


def _concat(doc: Analysed, indices: Sequence[int]) -> tuple[list[int], list[Span]]:
    if len(indices) == 1:
        return doc.ids[indices[0]], doc.spans[indices[0]]
    ids: list[int] = []
    spans: list[Span] = []
    for i in indices:
        ids.extend(doc.ids[i])
        spans.extend(doc.spans[i])
    return ids, spans


def _concat_ids(doc: Analysed, indices: Sequence[int]) -> list[int]:
    """The word ids of ``_concat`` alone (no spans built)."""
    if len(indices) == 1:
        return doc.ids[indices[0]]
    return [w for i in indices for w in doc.ids[i]]


OPCODES = Indel.opcodes


#: Change blocks this few shared words apart are one rewrite when together they are longer
#: than a swap: a reworded clause keeps a "the" or "and" here and there, which would cut it
#: into short pieces that read as swaps of unrelated words.
REWRITE_GAP = 2


def _raw_blocks(
    ia: list[int], ib: list[int], max_swap: int = 4, gap: int = REWRITE_GAP
) -> list[tuple[int, int, int, int]]:
    blocks: list[tuple[int, int, int, int]] = []
    for op in OPCODES(ia, ib):
        if op.tag == "equal":
            continue
        if blocks and blocks[-1][1] == op.src_start and blocks[-1][3] == op.dest_start:
            a0, _, b0, _ = blocks[-1]
            blocks[-1] = (a0, op.src_end, b0, op.dest_end)
        else:
            blocks.append((op.src_start, op.src_end, op.dest_start, op.dest_end))
    return _rewrites(blocks, max_swap, gap)


def _rewrites(
    blocks: list[tuple[int, int, int, int]], max_swap: int, gap: int
) -> list[tuple[int, int, int, int]]:
    """Blocks at most ``gap`` shared words apart merged into one, while the merged block
    grows longer than ``max_swap`` words on a side and each part changes both sides (a
    reworded clause); short neighbours stay apart (two swaps a word apart are two swaps)."""
    out: list[tuple[int, int, int, int]] = []
    for block in blocks:
        if out:
            a0, a1, b0, b1 = out[-1]
            merged = (a0, block[1], b0, block[3])
            if (
                block[0] - a1 <= gap
                and max(merged[1] - merged[0], merged[3] - merged[2]) > max_swap
                and (a1 > a0 and b1 > b0 or block[1] > block[0] and block[3] > block[2])
            ):
                out[-1] = merged
                continue
        out.append(block)
    return out


def _anchor(
    block: tuple[int, int, int, int], ia: list[int], ib: list[int], known: set[tuple[int, int]]
) -> list[tuple[int, int, int, int]]:
    """Split a block at the first known one-word swap it contains, recursively."""
    a0, a1, b0, b1 = block
    if a1 - a0 <= 1 and b1 - b0 <= 1:
        return [block]
    for i in range(a0, a1):
        for j in range(b0, b1):
            if (ia[i], ib[j]) in known:
                parts = [(a0, i, b0, j), (i, i + 1, j, j + 1), (i + 1, a1, j + 1, b1)]
                out: list[tuple[int, int, int, int]] = []
                for part in parts:
                    if part[1] > part[0] or part[3] > part[2]:
                        out.extend(_anchor(part, ia, ib, known) if part != parts[1] else [part])
                return out
    return [block]


class _SpanWords:
    """The normalised words of some spans, each made when first read (most never are)."""

    def __init__(self, doc: Analysed, spans: list[Span]) -> None:
        self.doc, self.spans = doc, spans

    def __getitem__(self, k: int) -> str:
        return self.doc.word(self.spans[k])


def _variants(
    block: tuple[int, int, int, int], wa: _SpanWords, wb: _SpanWords, similar: float, max_swap: int
) -> list[tuple[int, int, int, int]]:
    """Split spelling variants off both edges of a block (see the module docstring).

    Only where it changes the reading: a block too long to be a swap (the variant would be
    lost in a clause), or a word-for-word block whose every pair is a variant. A short block
    stays whole ("Rescuers" -> "Rescue workers" is one swap, not a variant plus a word).
    """
    a0, a1, b0, b1 = block
    if max(a1 - a0, b1 - b0) <= max_swap and not (
        a1 - a0 == b1 - b0
        and all(fuzz.ratio(wa[a0 + k], wb[b0 + k]) >= similar for k in range(a1 - a0))
    ):
        return [block]
    head: list[tuple[int, int, int, int]] = []
    tail: list[tuple[int, int, int, int]] = []
    while a1 - a0 >= 1 and b1 - b0 >= 1 and (a1 - a0 > 1 or b1 - b0 > 1):
        if fuzz.ratio(wa[a0], wb[b0]) >= similar:
            head.append((a0, a0 + 1, b0, b0 + 1))
            a0, b0 = a0 + 1, b0 + 1
        elif fuzz.ratio(wa[a1 - 1], wb[b1 - 1]) >= similar:
            tail.insert(0, (a1 - 1, a1, b1 - 1, b1))
            a1, b1 = a1 - 1, b1 - 1
        else:
            break
    rest = [(a0, a1, b0, b1)] if a1 > a0 or b1 > b0 else []
    return head + rest + tail


def diff_group(
    a: Analysed,
    sa: list[int],
    b: Analysed,
    sb: list[int],
    known: set[tuple[int, int]] | None = None,
    max_swap_words: int = 4,
    similar_chars: float = 70.0,
    raw: list[tuple[int, int, int, int]] | None = None,
) -> list[Block]:
    """Change blocks between a's sentences ``sa`` and b's sentences ``sb`` (both matched).

    ``raw`` may pass the group's ``raw_blocks`` when the caller has them already.
    """
    ia, spans_a = _concat(a, sa)
    ib, spans_b = _concat(b, sb)
    raw = _raw_blocks(ia, ib) if raw is None else raw
    if not raw:
        return []
    if known:
        raw = [part for block in raw for part in _anchor(block, ia, ib, known)]
    wa, wb = _SpanWords(a, spans_a), _SpanWords(b, spans_b)
    raw = [
        part for block in raw for part in _variants(block, wa, wb, similar_chars, max_swap_words)
    ]
    return [
        Block(a0, a1, b0, b1, spans_a[a0:a1], spans_b[b0:b1], _at(spans_a, a0), _at(spans_b, b0))
        for a0, a1, b0, b1 in raw
    ]


def _at(spans: list[Span], k: int) -> int:
    """Where word ``k`` of ``spans`` starts (past the last word: where that one ends)."""
    if k < len(spans):
        return spans[k][0]
    return spans[-1][1] if spans else 0


def raw_blocks(
    a: Analysed, sa: list[int], b: Analysed, sb: list[int]
) -> list[tuple[int, int, int, int]]:
    """The group's change blocks ``(a0, a1, b0, b1)`` before anchoring and variant splits."""
    ia, ib = _concat_ids(a, sa), _concat_ids(b, sb)
    return [] if ia == ib else _raw_blocks(ia, ib)


def one_word_swaps(
    a: Analysed,
    sa: list[int],
    b: Analysed,
    sb: list[int],
    raw: list[tuple[int, int, int, int]] | None = None,
) -> set[tuple[int, int]]:
    """Word-id pairs swapped one for one in this group (the anchors of ``diff_group``)."""
    ia, ib = _concat_ids(a, sa), _concat_ids(b, sb)
    raw = _raw_blocks(ia, ib) if raw is None else raw
    return {(ia[a0], ib[b0]) for a0, a1, b0, b1 in raw if a1 - a0 == 1 and b1 - b0 == 1}


def span_text(text: str, spans: list[Span]) -> str:
    """The text from the first to the last span (punctuation between words kept), with a
    trailing possessive apostrophe ("jihadists'") that the tokenizer leaves out."""
    if not spans:
        return ""
    end = spans[-1][1]
    if end < len(text) and text[end] in APOSTROPHES and not text[end + 1 : end + 2].isalnum():
        end += 1
    return text[spans[0][0] : end]


@lru_cache(maxsize=16384)
def number_value(word: str) -> float | None:
    """The value of a lone number written in digits or words, else None."""
    word = normalize(word).replace(",", "")
    if word in NUMBER_WORDS:
        return float(NUMBER_WORDS[word])
    try:
        return float(word)
    except ValueError:
        return None


@lru_cache(maxsize=16384)
def is_typography(a_text: str, b_text: str) -> bool:
    """True when two surface forms differ only in typography or in how a number is written."""
    if normalize(a_text) == normalize(b_text):
        return True
    va, vb = number_value(a_text), number_value(b_text)
    return va is not None and va == vb


# --- the class of a swap ------------------------------------------------------------------

TERM_MIN_COUNT = 2
TERM_MIN_PAIRS = 2
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*")
_ENDINGS = [(re.compile(british), american) for british, american in BRITISH_ENDINGS]


def _abbreviates(short: str, full: str) -> bool:
    if not (short.endswith(".") or short[:1].isupper()):
        return False  # "the" / "those", "can" / "can't": words of their own
    short, full = short.rstrip(".").lower(), full.lower()
    if " " in short or " " in full or len(short) < 2 or len(short) > len(full) - 2:
        return False
    if short[0] != full[0]:
        return False
    rest = iter(full[1:])
    return all(ch in rest for ch in short[1:])


@lru_cache(maxsize=16384)
def _american(word: str) -> str:
    for pattern, american in _ENDINGS:
        # searched first: ``sub`` with a template parses it on every call, match or not
        if pattern.search(word) is not None:
            word = pattern.sub(american, word)
    return word


@lru_cache(maxsize=16384)
def swap_kind(a: str, b: str, count: int = 1) -> str:
    """The class of the swap ``a`` -> ``b`` made ``count`` times (see the module docstring)."""
    wa, wb = _WORD.findall(a), _WORD.findall(b)
    la, lb = [w.lower() for w in wa], [w.lower() for w in wb]
    if la != lb and len(la) == len(lb) and [_american(w) for w in la] == [
        _american(w) for w in lb
    ]:
        return "spelling"
    if _abbreviates(a, b) or _abbreviates(b, a):
        return "abbreviation"
    if not TERM_WORDS.isdisjoint(la) and not TERM_WORDS.isdisjoint(lb):
        return "term"
    if wa and wb and all(w[0].isupper() for w in wa + wb):
        return "name"
    if fuzz.ratio(a.lower(), b.lower()) >= 80:
        return "name" if a[:1].isupper() else "spelling"
    if count >= TERM_MIN_COUNT:
        return "term"
    return "wording"


def _terms(sub: Substitution) -> frozenset[str]:
    return frozenset((sub.a.lower(), sub.b.lower()))


def promote_recurring(
    versions: Iterable[Sequence[Substitution]], pairs: Iterable[Sequence[Substitution]] = ()
) -> None:
    """Class as ``term`` (in place) each ``wording`` swap whose two terms ``TERM_MIN_PAIRS``
    or more versions of one story swap against its base (``versions``: the substitutions of
    the base against each version): a replacement several outlets make is house style. The
    same swap in the story's other ``pairs`` is promoted too. A version's own one-off edit
    shows in every pair that version is part of, so only the pairs with the base count.
    One pass to count, one to promote: linear in the swaps of the story."""
    versions = [list(subs) for subs in versions]
    seen: Counter[frozenset[str]] = Counter()
    for subs in versions:
        seen.update({_terms(sub) for sub in subs})
    recurring = {terms for terms, n in seen.items() if n >= TERM_MIN_PAIRS}
    if not recurring:
        return
    for subs in [*versions, *pairs]:
        for sub in subs:
            if sub.kind == "wording" and _terms(sub) in recurring:
                sub.kind = "term"
