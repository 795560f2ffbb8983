"""Word-level differences inside matched sentences: swaps versus added or cut clauses.

A matched group of sentences is compared as two sequences of word ids with rapidfuzz's
Levenshtein opcodes. Adjacent non-equal opcodes form one *change block* ``(a words, b words)``.

* Known swaps anchor longer blocks: a one-word-for-one-word block ("Daesh" -> "ISIS") seen
  anywhere in the pair splits a longer block that contains both words ("Daesh group fighters"
  -> "ISIS militants" becomes "Daesh" -> "ISIS" and "group fighters" -> "militants").
* Two blocks separated by a single shared word merge when the merged block is longer than
  a swap, so a rewritten clause is not shredded into word swaps around a shared "the".
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
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from wiretrace.compare.matching import Analysed, Span
from wiretrace.compare.words import APOSTROPHES, NUMBER_WORDS
from wiretrace.index.tokens import normalize


@dataclass
class Block:
    """One change: words ``[a0, a1)`` of the a-side sequence replaced by ``[b0, b1)`` of b."""

    a0: int
    a1: int
    b0: int
    b1: int
    a_spans: list[Span]
    b_spans: list[Span]

    @property
    def a_words(self) -> int:
        return self.a1 - self.a0

    @property
    def b_words(self) -> int:
        return self.b1 - self.b0


def _concat(doc: Analysed, indices: Iterable[int]) -> tuple[list[int], list[Span]]:
    ids: list[int] = []
    spans: list[Span] = []
    for i in indices:
        ids.extend(doc.ids[i])
        spans.extend(doc.spans[i])
    return ids, spans


def _raw_blocks(ia: list[int], ib: list[int]) -> list[tuple[int, int, int, int]]:
    blocks: list[tuple[int, int, int, int]] = []
    for op in Levenshtein.opcodes(ia, ib):
        if op.tag == "equal":
            continue
        if blocks and blocks[-1][1] == op.src_start and blocks[-1][3] == op.dest_start:
            a0, _, b0, _ = blocks[-1]
            blocks[-1] = (a0, op.src_end, b0, op.dest_end)
        else:
            blocks.append((op.src_start, op.src_end, op.dest_start, op.dest_end))
    return blocks


def _merge_close(
    blocks: list[tuple[int, int, int, int]], max_swap_words: int
) -> list[tuple[int, int, int, int]]:
    merged: list[tuple[int, int, int, int]] = []
    for block in blocks:
        if merged:
            a0, a1, b0, b1 = merged[-1]
            gap_a, gap_b = block[0] - a1, block[2] - b1
            size = max(block[1] - a0, block[3] - b0)
            both = (a1 > a0 or b1 > b0) and (block[1] > block[0] or block[3] > block[2])
            if gap_a == gap_b == 1 and both and size > max_swap_words + 1:
                merged[-1] = (a0, block[1], b0, block[3])
                continue
        merged.append(block)
    return merged


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


def diff_group(
    a: Analysed,
    sa: list[int],
    b: Analysed,
    sb: list[int],
    known: set[tuple[int, int]] | None = None,
    max_swap_words: int = 4,
) -> list[Block]:
    """Change blocks between a's sentences ``sa`` and b's sentences ``sb`` (both matched)."""
    ia, spans_a = _concat(a, sa)
    ib, spans_b = _concat(b, sb)
    raw = _merge_close(_raw_blocks(ia, ib), max_swap_words)
    if known:
        raw = [part for block in raw for part in _anchor(block, ia, ib, known)]
    return [Block(a0, a1, b0, b1, spans_a[a0:a1], spans_b[b0:b1]) for a0, a1, b0, b1 in raw]


def one_word_swaps(a: Analysed, sa: list[int], b: Analysed, sb: list[int]) -> set[tuple[int, int]]:
    """Word-id pairs swapped one for one in this group (the anchors of ``diff_group``)."""
    ia, _ = _concat(a, sa)
    ib, _ = _concat(b, sb)
    return {
        (ia[a0], ib[b0]) for a0, a1, b0, b1 in _raw_blocks(ia, ib) if a1 - a0 == 1 and b1 - b0 == 1
    }


def span_text(text: str, spans: list[Span]) -> str:
    """The text from the first to the last span (punctuation between words kept), with a
    trailing possessive apostrophe ("jihadists'") that the tokenizer leaves out."""
    if not spans:
        return ""
    end = spans[-1][1]
    if end < len(text) and text[end] in APOSTROPHES and not text[end + 1 : end + 2].isalnum():
        end += 1
    return text[spans[0][0] : end]


def number_value(word: str) -> float | None:
    """The value of a lone number written in digits or words, else None."""
    word = normalize(word).replace(",", "")
    if word in NUMBER_WORDS:
        return float(NUMBER_WORDS[word])
    try:
        return float(word)
    except ValueError:
        return None


def is_typography(a_text: str, b_text: str) -> bool:
    """True when two surface forms differ only in typography or in how a number is written."""
    if normalize(a_text) == normalize(b_text):
        return True
    va, vb = number_value(a_text), number_value(b_text)
    return va is not None and va == vb
