"""From tokens to what the index needs: bucket keys per text, and exact shingle sets.

Pure functions over a batch of arrays: shingles -> content-anchored windows -> MinHash per
window -> LSH band keys (``block_keys``, ``sketch_batch``), and each text's sorted unique
shingle set for exact verification (``shingle_sets``, or kept by ``sketch_batch``). All of it
is one compiled pass per block of texts (sketch_kernel.py), which writes into arrays sized
here. Blocks bound the transient memory (a block's window minima are dropped once banded)
and, with ``jobs > 1``, run on threads, since every kernel releases the GIL. Each is a pure
function of its batch, so another orchestrator can map it over partitions of a corpus.

    >>> from wiretrace.index.tokens import tokenize_many
    >>> toks = tokenize_many(["a short text about nothing much at all", ""])
    >>> keys, docs = sketch_keys(toks)
    >>> len(keys) == DEFAULT_PARAMS.bands and set(docs.tolist()) == {0}
    True
    >>> shingle_sets(toks)[1].tolist()
    [0, 4, 4]
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple, TypeVar

import numpy as np

from wiretrace.index.lsh import doc_bits, unique_key_docs
from wiretrace.index.minhash import Permutations
from wiretrace.index.radix import sort_inplace
from wiretrace.index.sketch_kernel import keys_bound, sketch_block
from wiretrace.index.tokens import Tokens

T = TypeVar("T")
NONE = np.empty(0, dtype=np.uint64)  # no output of that kind


@dataclass(frozen=True)
class SketchParams:
    """Every knob of the index; an archive records ``signature()`` and refuses others.

    Windows of ``width`` = 16 shingles open at content anchors every ~``spacing`` = 8
    shingles (chunks.py): a reprinted 50-word paragraph holds ~4 windows of its own.
    ``bands * rows`` = ``num_perm``: 6 x 3 puts the S-curve threshold at J ≈ 0.55 per window
    (lsh.py). Tuned on the benchmark corpus: recall 0.998 at precision 1.0 with ~270 bucket
    memberships per 400-word article (8 x 4 bands of 24-shingle windows every 12: 0.991).
    ``max_bucket``: an archive lookup returns at most this many stored texts per key, the
    earliest (store.py); a batch's own big buckets give a star of pairs (lsh.py).
    Verification thresholds ``min_shared`` / ``min_containment``: verify.py.
    """

    k: int = 5
    bands: int = 6
    rows: int = 3
    seed: int = 1
    spacing: int = 8
    width: int = 16
    max_bucket: int = 200
    min_shared: int = 20
    min_containment: float = 0.05
    block: int = 2048  # texts per sketching block

    @property
    def num_perm(self) -> int:
        return self.bands * self.rows

    def signature(self) -> str:
        """What must match for stored keys to be comparable with new ones."""
        return (
            f"k={self.k};bands={self.bands};rows={self.rows};seed={self.seed};"
            f"windows={self.spacing}/{self.width}"
        )


DEFAULT_PARAMS = SketchParams()


def concat_ids(tokens: Sequence[Tokens]) -> tuple[np.ndarray, np.ndarray]:
    """All word ids of a batch in one array, with text offsets."""
    lengths = np.fromiter((len(t.ids) for t in tokens), dtype=np.int64, count=len(tokens))
    offsets = np.concatenate(([0], np.cumsum(lengths))).astype(np.int64)
    if not tokens:
        return np.empty(0, np.uint32), offsets
    return np.concatenate([t.ids for t in tokens]).astype(np.uint32, copy=False), offsets


@lru_cache(maxsize=8)
def permutations(num_perm: int, seed: int) -> Permutations:
    """The MinHash functions of a setting (drawn once per process, not once per block)."""
    return Permutations(num_perm=num_perm, seed=seed)


def shingle_counts(tokens: Sequence[Tokens], k: int) -> np.ndarray:
    """How many shingles each text has (shingles.py: ``n - k + 1``, 1 for a short text)."""
    lengths = np.fromiter((len(t.ids) for t in tokens), dtype=np.int64, count=len(tokens))
    return np.where(lengths > 0, lengths - np.minimum(lengths, k) + 1, 0)


def block_pass(
    tokens: Sequence[Tokens], params: SketchParams, *, doc_base: int = 0, bits: int = 0,
    keys_out: np.ndarray = NONE, keys_at: int = 0, sets_out: np.ndarray = NONE,
    sets_at: int = 0,
) -> tuple[int, np.ndarray, np.ndarray]:
    """``sketch_block`` (sketch_kernel.py) over a (small) batch, writing keys and sets into
    the arrays given: ``(keys written, set_offsets, windows per text)``."""
    perms = permutations(params.num_perm, params.seed)
    ids, offsets = concat_ids(tokens)
    return sketch_block(ids, offsets, doc_base, params.k, params.spacing, params.width,
                        perms.a, perms.b, params.bands, params.rows, bits, keys_out, keys_at,
                        sets_out, sets_at)


def block_keys(
    tokens: Sequence[Tokens], params: SketchParams = DEFAULT_PARAMS, distinct: bool = True
) -> tuple[np.ndarray, np.ndarray]:
    """``(key, text)`` bucket memberships of a (small) batch: distinct and sorted by key, or
    (``distinct=False``) raw, texts non-decreasing, for callers that deduplicate later."""
    shingles = int(shingle_counts(tokens, params.k).sum())
    keys = np.empty(keys_bound(shingles, len(tokens), params.bands), dtype=np.uint64)
    n, _, windows = block_pass(tokens, params, keys_out=keys)
    keys.resize(n, refcheck=False)  # in place: the untouched rest is given back
    docs = np.repeat(np.arange(len(tokens), dtype=np.int64), windows * params.bands)
    return unique_key_docs(keys, docs) if distinct else (keys, docs)


def _blocks(tokens: Sequence[Tokens], size: int) -> list[tuple[int, Sequence[Tokens]]]:
    return [(s, tokens[s : s + size]) for s in range(0, len(tokens), size)]


def _map(fn: Callable[[tuple[int, Sequence[Tokens]]], T], blocks: list, jobs: int) -> list[T]:
    if jobs > 1 and len(blocks) > 1:
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            return list(pool.map(fn, blocks))
    return [fn(b) for b in blocks]


def sketch_keys(
    tokens: Sequence[Tokens], params: SketchParams = DEFAULT_PARAMS, jobs: int = 1
) -> tuple[np.ndarray, np.ndarray]:
    """Bucket memberships ``(keys uint64, texts int64)`` of a batch (what an archive stores)."""

    def run(block: tuple[int, Sequence[Tokens]]) -> tuple[np.ndarray, np.ndarray]:
        keys, docs = block_keys(block[1], params)
        return keys, docs + block[0]

    parts = _map(run, _blocks(tokens, params.block), jobs)
    if not parts:
        return np.empty(0, np.uint64), np.empty(0, np.int64)
    return np.concatenate([k for k, _ in parts]), np.concatenate([d for _, d in parts])


class Sketch(NamedTuple):
    """A batch sketched: ``packed`` memberships (lsh.pack, sorted; repeats are possible) with
    ``bits`` text bits, and, when kept, every text's shingle set
    ``sets[set_offsets[d]:set_offsets[d+1]]`` (else both None)."""

    packed: np.ndarray
    bits: int
    sets: np.ndarray | None
    set_offsets: np.ndarray | None


def sketch_batch(
    tokens: Sequence[Tokens], params: SketchParams = DEFAULT_PARAMS, jobs: int = 1,
    keep_sets: bool = False,
) -> Sketch:
    """Packed memberships of a batch and (``keep_sets``) the shingle sets, in one pass.

    Why keep the sets: exact verification needs them and the pass has every text's shingles
    in cache anyway, so keeping them saves hashing the shingles a second time; it costs 8
    bytes per shingle of every text, needed or not (the caller decides: candidates.py).
    Blocks write straight into the batch's arrays (no per-block parts to concatenate);
    with ``jobs > 1`` they run on threads into their own arrays, copied in order.
    """
    bits = doc_bits(len(tokens))
    counts = shingle_counts(tokens, params.k)
    blocks = _blocks(tokens, params.block)
    room = [keys_bound(int(counts[s : s + len(b)].sum()), len(b), params.bands)
            for s, b in blocks]
    packed = np.empty(params.bands * int(counts.sum()) // 4 + max(room, default=0), np.uint64)
    sets = np.empty(int(counts.sum()) if keep_sets else 0, dtype=np.uint64)
    set_offsets = np.zeros(len(tokens) + 1, dtype=np.int64)
    nkeys = nset = 0

    def run(item: tuple[tuple[int, Sequence[Tokens]], int]) -> tuple:
        (start, block), need = item
        keys = np.empty(need, dtype=np.uint64)
        own = np.empty(int(counts[start : start + len(block)].sum()) if keep_sets else 0,
                       dtype=np.uint64)
        n, offsets, _ = block_pass(block, params, doc_base=start, bits=bits, keys_out=keys,
                                   sets_out=own)
        return keys[:n], own[: offsets[-1]], offsets

    parallel = jobs > 1 and len(blocks) > 1
    results = _map(run, list(zip(blocks, room, strict=True)), jobs) if parallel else None
    for k, ((start, block), need) in enumerate(zip(blocks, room, strict=True)):
        if nkeys + need > len(packed):
            grown = np.empty(max(2 * len(packed), nkeys + need), dtype=np.uint64)
            grown[:nkeys] = packed[:nkeys]
            packed = grown
        if results is None:
            n, offsets, _ = block_pass(block, params, doc_base=start, bits=bits,
                                       keys_out=packed, keys_at=nkeys, sets_out=sets,
                                       sets_at=nset)
        else:
            keys, own, offsets = results[k]
            n = len(keys)
            packed[nkeys : nkeys + n] = keys
            sets[nset : nset + len(own)] = own
            offsets = offsets + nset
        nkeys += n
        set_offsets[start + 1 : start + 1 + len(block)] = offsets[1:]
        nset = int(offsets[-1])
    del results
    packed.resize(nkeys, refcheck=False)  # in place: the untouched rest is given back
    sort_inplace(packed)  # in place: radix.py picks the faster sort for this CPU
    if not keep_sets:
        return Sketch(packed, bits, None, None)
    sets.resize(nset, refcheck=False)
    return Sketch(packed, bits, sets, set_offsets)


def shingle_sets(
    tokens: Sequence[Tokens], params: SketchParams = DEFAULT_PARAMS
) -> tuple[np.ndarray, np.ndarray]:
    """Sorted unique shingle hashes of each text: ``sets[offsets[d]:offsets[d+1]]``.

    Built block by block into one preallocated array (8 bytes per shingle, no transient
    copies of the whole batch).
    """
    sets = np.empty(int(shingle_counts(tokens, params.k).sum()), dtype=np.uint64)
    offsets = np.zeros(len(tokens) + 1, dtype=np.int64)
    w = 0
    for start, block in _blocks(tokens, params.block):
        _, part_off, _ = block_pass(block, params, sets_out=sets, sets_at=w)
        offsets[start + 1 : start + 1 + len(block)] = part_off[1:]
        w = int(part_off[-1])
    sets.resize(w, refcheck=False)
    return sets, offsets
