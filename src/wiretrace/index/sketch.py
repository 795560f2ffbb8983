"""From tokens to what the index needs: bucket keys per text, and exact shingle sets.

Shingles. A shingle is ``k`` consecutive word ids (default ``k = 5``: long enough that
unrelated texts rarely share one, short enough that a swapped word only spoils the ``k``
shingles around it), hashed to uint64 with full avalanche (``_kernels.py``); collisions
between distinct shingles have probability ~2^-64 per pair. A text shorter than ``k`` words
(a title) gets a single shingle of all its words, so it is not invisible.

Content-anchored windows: why partial reprints are still found. Whole-document MinHash
estimates Jaccard ``|A∩B| / |A∪B|``, which is small when B reprints only half of A, or a few
of A's paragraphs glued into unrelated text. So each text is cut into windows of consecutive
shingles and every window is sketched on its own. Windows start where the content says, not
at fixed positions (an insertion would shift those): shingle ``s`` is an *anchor* when
``mix(s) mod spacing == 0`` (probability ``1/spacing``, the same shingles in every text), and
each anchor opens a window of the next ``width`` shingles. A shared passage of ``L``
shingles then holds about ``(L - width) / spacing`` windows *identical* in both texts. The
first shingle of a text, and any shingle ``width`` past the previous anchor, is an anchor
too, so every shingle is covered.

MinHash. For a random permutation ``h`` of the shingle universe and two sets A and B,

    P[ min h(A) = min h(B) ] = |A ∩ B| / |A ∪ B| = J(A, B)        (Broder, 1997)

because the smallest element of A ∪ B under ``h`` is equally likely to be any of its
elements. The "permutations" are multiply-shift hashes ``h_i(x) = (a_i * x + b_i) mod 2^64
>> 32`` (``a_i`` odd, ``a_i, b_i`` random: ``Permutations``), a 2-independent family applied
to shingle hashes that are already avalanche-mixed. Each window's ``bands * rows`` minima are
cut into bands, each hashed to one uint64 bucket key (``__init__.py`` has the S-curve).

All of it is one compiled pass per block of texts (``_kernels.sketch_block``), which writes
into arrays sized here. Blocks bound the transient memory (a block's window minima are
dropped once banded) and, with ``jobs > 1``, run on threads, since every kernel releases the
GIL. Each function is pure over its batch.

    >>> from wiretrace.text import tokenize_many
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
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple, TypeVar

import numpy as np

from wiretrace.index._kernels import Into, Setting, radix_sort_kernel, sketch_block
from wiretrace.text import TextBatch, Tokens, batch_range

T = TypeVar("T")
NONE = np.empty(0, dtype=np.uint64)  # no output of that kind


@dataclass(frozen=True)
class Permutations:
    """The ``num_perm`` hash functions ``(a_i, b_i)``; same seed, same signatures (persisted)."""

    num_perm: int = 32
    seed: int = 1
    a: np.ndarray = field(init=False, repr=False)
    b: np.ndarray = field(init=False, repr=False)

    def __post_init__(self) -> None:
        rng = np.random.default_rng(self.seed)
        hi = np.iinfo(np.uint64).max
        a = rng.integers(1, hi, size=self.num_perm, dtype=np.uint64, endpoint=True)
        b = rng.integers(0, hi, size=self.num_perm, dtype=np.uint64, endpoint=True)
        object.__setattr__(self, "a", a | np.uint64(1))
        object.__setattr__(self, "b", b)


@dataclass(frozen=True)
class SketchParams:
    """Every knob of the index; an archive records ``signature()`` and refuses others.

    Windows of ``width`` = 16 shingles open at content anchors every ~``spacing`` = 8
    shingles: a reprinted 50-word paragraph holds ~4 windows of its own.
    ``bands * rows`` = ``num_perm``: 6 x 3 puts the S-curve threshold at J ≈ 0.55 per window
    (``__init__.py``). Tuned on the benchmark corpus: recall 0.998 at precision 1.0 with ~270 bucket
    memberships per 400-word article (8 x 4 bands of 24-shingle windows every 12: 0.991).
    ``max_bucket``: an archive lookup returns at most this many stored texts per key, the
    earliest (archive.py); a batch's own big buckets give a star of pairs (``__init__.py``).
    Verification thresholds ``min_shared`` / ``min_containment``: ``__init__.py``.
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
    """How many shingles each text has (``n - k + 1``, 1 for a short text)."""
    lengths = np.fromiter((len(t.ids) for t in tokens), dtype=np.int64, count=len(tokens))
    return np.where(lengths > 0, lengths - np.minimum(lengths, k) + 1, 0)


def keys_bound(shingles: int, texts: int, bands: int) -> int:
    """Room ``sketch_block`` may need for the keys of a block: a window per shingle."""
    return bands * (shingles + texts)


def unique_key_docs(keys: np.ndarray, docs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct ``(key, doc)`` rows sorted by key then doc (a text counts once per bucket).

    When ``docs`` is non-decreasing (as sketching produces it) a stable radix argsort of the
    keys alone keeps each bucket's docs in order, without a two-key lexsort.
    """
    if len(docs) < 2 or bool(np.all(docs[1:] >= docs[:-1])):
        order = np.argsort(keys, kind="stable")
    else:
        order = np.lexsort((docs, keys))
    k, d = keys[order], docs[order]
    keep = np.ones(len(k), dtype=bool)
    keep[1:] = (k[1:] != k[:-1]) | (d[1:] != d[:-1])
    return k[keep], d[keep]


def doc_bits(ndocs: int) -> int:
    """Bits needed for a text index in a packed entry."""
    return max(1, (max(ndocs, 1) - 1).bit_length())


def pack(keys: np.ndarray, docs: np.ndarray, bits: int) -> np.ndarray:
    """One uint64 per membership: the key's top ``64 - bits`` bits, then the text index.

    Why: sorting one uint64 array in place takes a third of the memory of sorting keys and
    texts together (64M memberships at 200k articles). Dropping the key's low bits merges
    unrelated buckets with probability ~ n / 2^(64 - bits) per key (~1e-6 at 200k texts),
    which only adds a few candidates that verification then rejects.
    """
    high = np.uint64(((1 << 64) - 1) ^ ((1 << bits) - 1))
    return (keys & high) | docs.astype(np.uint64)


def block_pass(
    tokens: Sequence[Tokens], params: SketchParams, *, doc_base: int = 0, bits: int = 0,
    keys_out: np.ndarray = NONE, keys_at: int = 0, sets_out: np.ndarray = NONE,
    sets_at: int = 0, flat: tuple[np.ndarray, np.ndarray] | None = None,
) -> tuple[int, np.ndarray, np.ndarray]:
    """``sketch_block`` (_kernels.py) over a (small) batch, writing keys and sets into
    the arrays given: ``(keys written, set_offsets, windows per text)``. ``flat`` is
    ``concat_ids(tokens)`` when the caller has it already (a ``TextBatch``'s arrays)."""
    perms = permutations(params.num_perm, params.seed)
    ids, offsets = concat_ids(tokens) if flat is None else flat
    setting = Setting(params.k, params.spacing, params.width, params.bands, params.rows,
                      perms.a, perms.b)
    return sketch_block(ids, offsets, setting, Into(keys_out, keys_at, sets_out, sets_at,
                                                    doc_base, bits))


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


def _flat(batch: TextBatch | None, start: int, stop: int) -> tuple[np.ndarray, np.ndarray] | None:
    """``concat_ids`` of texts ``start:stop`` read from ``batch`` (views), or None."""
    if batch is None:
        return None
    ids, _, _, offsets = batch_range(batch, start, stop)
    return ids, offsets


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
    """A batch sketched: ``packed`` memberships (key high bits | text, sorted; repeats are possible) with
    ``bits`` text bits, and, when kept, every text's shingle set
    ``sets[set_offsets[d]:set_offsets[d+1]]`` (else both None)."""

    packed: np.ndarray
    bits: int
    sets: np.ndarray | None
    set_offsets: np.ndarray | None


def sketch_batch(
    tokens: Sequence[Tokens], params: SketchParams = DEFAULT_PARAMS, jobs: int = 1,
    keep_sets: bool = False, batch: TextBatch | None = None,
) -> Sketch:
    """Packed memberships of a batch and (``keep_sets``) the shingle sets, in one pass.

    Why keep the sets: exact verification needs them and the pass has every text's shingles
    in cache anyway, so keeping them saves hashing the shingles a second time; it costs 8
    bytes per shingle of every text, needed or not (the caller decides: ``__init__.py``).
    Blocks write straight into the batch's arrays (no per-block parts to concatenate);
    with ``jobs > 1`` they run on threads into their own arrays, copied in order.
    ``batch``, the ``TextBatch`` of the texts (the pipeline's), gives the word ids in place.
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
                                   sets_out=own, flat=_flat(batch, start, start + len(block)))
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
                                       sets_at=nset, flat=_flat(batch, start, start + len(block)))
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
    sort_inplace(packed)
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


# Sorting the memberships in place. They are the largest array of the index stage (5M at
# 20k articles, 50M at 200k) and their high bits are hash values, spread evenly: the case a
# most-significant-digit radix sort handles best (each pass splits a range into 256 by one
# byte, in place, until ranges hold at most ``SMALL`` entries; skewed input costs at most one
# pass per byte, never a quadratic case). Where the CPU has AVX-512, numpy (>= 2) sorts
# with vectorised kernels (x86-simd-sort, also in place), so ``sort_inplace`` takes it there
# and ``radix_sort`` elsewhere; both give the same order.
SMALL = 32  # ranges this short are finished by insertion sort
# numpy's names for dispatch targets at (or above) the AVX-512 Skylake-X level: ``X86_V4``
# from numpy 2.4, the ``AVX512_*`` feature groups before.
_AVX512_TARGETS = frozenset({"X86_V4", "AVX512_SKX", "AVX512_CLX", "AVX512_CNL", "AVX512_ICL",
                             "AVX512_SPR"})


def _numpy_sort_is_vectorised() -> bool:
    """Does numpy sort uint64 with its AVX-512 kernels (x86-simd-sort) on this CPU?

    Why asked: vectorised kernels sort 8 keys per instruction, so where numpy has them
    (numpy >= 2 on a CPU with AVX-512 at the Skylake-X level) ``ndarray.sort`` is taken,
    and the radix passes elsewhere. Both sort in place and give the same order. Read from
    numpy's public dispatch report (``numpy.lib.introspect.opt_func_info``, numpy >= 2.1):
    the target the ``absolute`` ufunc runs on here, which has an AVX-512 kernel. Where
    numpy cannot say, the radix sort is used.
    """
    try:
        from numpy.lib.introspect import opt_func_info
    except ImportError:
        return False
    loops = opt_func_info(func_name="^absolute$").get("absolute", {})
    return any(loop.get("current") in _AVX512_TARGETS for loop in loops.values())


NUMPY_SORT_IS_VECTORISED = _numpy_sort_is_vectorised()


def _check(a: np.ndarray) -> None:
    if a.dtype != np.uint64 or a.ndim != 1 or not a.flags.c_contiguous:
        raise ValueError("sort_inplace takes a contiguous 1-d uint64 array")


def radix_sort(a: np.ndarray) -> None:
    """Sort a contiguous uint64 array in place with the radix passes, whatever the CPU."""
    _check(a)
    if len(a) > 1:
        radix_sort_kernel(a, SMALL)


def sort_inplace(a: np.ndarray) -> None:
    """Sort a contiguous uint64 array in place (the same result as ``a.sort()``): numpy's
    vectorised sort where the CPU has it, else ``radix_sort``."""
    _check(a)
    if NUMPY_SORT_IS_VECTORISED:
        a.sort()
    elif len(a) > 1:
        radix_sort_kernel(a, SMALL)
