"""The fused index kernels give exactly what the stage-by-stage reference kernels give."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from benchmarks.stagewise import (
    band_keys,
    chunk_batch,
    minhash_chunks,
    pack,
    shingle_batch,
    unique_sorted_segments,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from wiretrace.index import REPS
from wiretrace.index._kernels import bucket_pairs, intersections, sort_unique_into
from wiretrace.index.sketch import (
    DEFAULT_PARAMS,
    NONE,
    Permutations,
    SketchParams,
    block_keys,
    block_pass,
    keys_bound,
    permutations,
    shingle_counts,
)
from wiretrace.text import Tokens

PARAMS = [
    DEFAULT_PARAMS,
    replace(DEFAULT_PARAMS, k=3, bands=8, rows=4, spacing=12, width=24),
    replace(DEFAULT_PARAMS, k=1, bands=2, rows=5, spacing=5, width=7),
    replace(DEFAULT_PARAMS, k=2, bands=1, rows=1, spacing=1, width=1),
    replace(DEFAULT_PARAMS, spacing=3, width=2),
]


def as_tokens(docs: list[np.ndarray]) -> list[Tokens]:
    empty = np.empty(0, np.int32)
    return [Tokens(ids=d.astype(np.uint32), starts=empty, ends=empty) for d in docs]


def reference(docs_in: list[np.ndarray], params: SketchParams, doc_base: int, bits: int):
    """The stage kernels one after the other (what sketch.py did before fusing them)."""
    perms = permutations(params.num_perm, params.seed)
    lengths = np.array([len(d) for d in docs_in], dtype=np.int64)
    offsets = np.concatenate(([0], np.cumsum(lengths))).astype(np.int64)
    ids = np.concatenate(docs_in).astype(np.uint32) if docs_in else np.empty(0, np.uint32)
    sh, sh_off = shingle_batch(ids, offsets, params.k)
    starts, ends, window_doc = chunk_batch(sh, sh_off, params.spacing, params.width)
    sigs = minhash_chunks(sh, starts, ends, perms.a, perms.b)
    keys = band_keys(sigs, params.bands, params.rows)  # (windows, bands)
    if bits:  # packed, a key equal to the previous window's of the text in its band left out
        docs = np.repeat(window_doc.astype(np.int64)[:, None], params.bands, axis=1)
        keys = pack(keys.ravel(), docs.ravel() + doc_base, bits).reshape(keys.shape)
        repeat = np.zeros(keys.shape, dtype=bool)
        repeat[1:] = (keys[1:] == keys[:-1]) & (docs[1:] == docs[:-1])
        keys = keys[~repeat]
    windows = np.bincount(window_doc, minlength=len(docs_in))
    sets, set_off = unique_sorted_segments(sh, sh_off)
    return keys.ravel(), windows, sets, set_off


def run_block(docs: list[np.ndarray], params: SketchParams, doc_base: int = 0, bits: int = 0,
              keys: bool = True, sets: bool = True):
    """``block_pass`` with outputs allocated (and guarded: nothing written past them)."""
    counts = shingle_counts(as_tokens(docs), params.k)
    room = keys_bound(int(counts.sum()), len(docs), params.bands) if keys else 0
    keys_out = np.full(room + 5, 7, dtype=np.uint64) if keys else NONE
    sets_out = np.full(int(counts.sum()) + 8, 7, dtype=np.uint64) if sets else NONE
    n, set_off, windows = block_pass(as_tokens(docs), params, doc_base=doc_base, bits=bits,
                                     keys_out=keys_out, keys_at=2, sets_out=sets_out,
                                     sets_at=3)
    if keys:
        assert np.all(keys_out[:2] == 7) and np.all(keys_out[2 + n :] == 7)
    if sets:
        assert np.all(sets_out[:3] == 7) and np.all(sets_out[set_off[-1] :] == 7)
    return keys_out[2 : 2 + n], windows, sets_out[set_off[0] : set_off[-1]], set_off - 3


def random_docs(rng: np.random.Generator, n: int, vocab: int) -> list[np.ndarray]:
    lengths = rng.choice([0, 1, 2, 4, 5, 6, 17, 40, 300], size=n)
    docs = [rng.integers(0, vocab, size=L) for L in lengths]
    if n > 2:  # a reprint and a repetitive text
        docs[1] = np.concatenate([docs[0], docs[0][: len(docs[0]) // 2]])
        docs[2] = np.tile(np.arange(3), 40)
    return docs


@pytest.mark.parametrize("params", PARAMS)
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_sketch_block_equals_the_stage_kernels(params: SketchParams, seed: int) -> None:
    rng = np.random.default_rng(seed)
    docs = random_docs(rng, 40, vocab=[2**32, 50, 4][seed - 1])
    for doc_base, bits in [(0, 0), (0, 6), (1000, 11)]:
        got = run_block(docs, params, doc_base, bits)
        ref = reference(docs, params, doc_base, bits)
        for part, expected in zip(got, ref, strict=True):
            assert np.array_equal(part, expected)
    keys_only = run_block(docs, params, sets=False)
    assert np.array_equal(keys_only[0], reference(docs, params, 0, 0)[0])
    sets_only = run_block(docs, params, keys=False)
    assert len(sets_only[0]) == 0 and not sets_only[1].any()
    assert np.array_equal(sets_only[2], ref[2]) and np.array_equal(sets_only[3], ref[3])


def test_block_keys_are_the_stage_kernels_keys_window_by_window() -> None:
    docs = random_docs(np.random.default_rng(7), 30, vocab=100)
    keys, texts = block_keys(as_tokens(docs), DEFAULT_PARAMS, distinct=False)
    ref_keys, windows, _, _ = reference(docs, DEFAULT_PARAMS, 0, 0)
    assert np.array_equal(keys, ref_keys)
    assert np.array_equal(texts, np.repeat(np.arange(len(docs)), windows * DEFAULT_PARAMS.bands))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.integers(0, 30), max_size=60), max_size=8),
       st.sampled_from(PARAMS))
def test_sketch_block_on_any_small_batch(docs: list[list[int]], params: SketchParams) -> None:
    arrays = [np.array(d, dtype=np.int64) for d in docs]
    for part, expected in zip(run_block(arrays, params, 0, 5), reference(arrays, params, 0, 5),
                              strict=True):
        assert np.array_equal(part, expected)


@pytest.mark.parametrize("values", [
    np.array([5, 3, 5, 1], dtype=np.uint64),
    np.arange(100, dtype=np.uint64)[::-1].copy(),  # all in the lowest bucket: the fallback
    np.tile(np.array([7, 6], dtype=np.uint64), 2000),  # two values, one bucket, interleaved
    np.random.default_rng(4).integers(0, 2**64 - 1, 5000, dtype=np.uint64, endpoint=True),
    np.full(33, 2**64 - 1, dtype=np.uint64),
    np.array([0, 2**64 - 1, 0, 2**63], dtype=np.uint64),
])
def test_sort_unique_into_equals_np_unique(values: np.ndarray) -> None:
    n = len(values)
    out = np.full(n + 3, 9, dtype=np.uint64)
    end = sort_unique_into(values, n, np.empty(n, np.uint64), np.empty(2 * n + 2, np.int64),
                           out, 3)
    assert np.array_equal(out[3:end], np.unique(values)) and np.all(out[:3] == 9)


def python_pairs(packed: np.ndarray, bits: int, star_above: int, reps: int = 3) -> list[int]:
    """The definition: every pair of a bucket of up to ``star_above`` texts; in a bigger one,
    each member with each of the bucket's first ``reps`` members."""
    buckets: dict[int, set[int]] = {}
    for v in packed.tolist():
        buckets.setdefault(v >> bits, set()).add(v & ((1 << bits) - 1))
    found = set()
    for docs in buckets.values():
        ordered = sorted(docs)
        if len(docs) <= star_above:
            found.update((x << 32) | y for i, x in enumerate(ordered) for y in ordered[i + 1 :])
        else:
            found.update((x << 32) | y for x in ordered[:reps] for y in ordered if y > x)
    return sorted(found)


@pytest.mark.parametrize("seed", range(4))
def test_bucket_pairs_equals_grouping_in_python(seed: int) -> None:
    rng = np.random.default_rng(seed)
    bits = 9
    keys = rng.integers(0, [3, 40, 2000, 30][seed], size=6000).astype(np.uint64) << np.uint64(20)
    docs = rng.integers(0, 1 << bits, size=6000)
    packed = np.sort(pack(keys, docs, bits))
    for star_above in (2, 5, 200):
        for reps in (1, 3):
            assert bucket_pairs(packed, bits, star_above, reps).tolist() == python_pairs(
                packed, bits, star_above, reps)
    assert bucket_pairs(packed, bits, -1, REPS).tolist() == python_pairs(packed, bits, 1 << 30)


def test_bucket_pairs_grows_its_set_past_one_bucket() -> None:
    bits = 12
    keys = np.repeat(np.arange(400, dtype=np.uint64) << np.uint64(30), 200)
    docs = np.random.default_rng(5).integers(0, 4000, size=len(keys))
    packed = np.sort(pack(keys, docs, bits))
    got = bucket_pairs(packed, bits, 200, REPS)
    assert len(got) > 1 << 16 and got.tolist() == python_pairs(packed, bits, 200)
    assert len(bucket_pairs(np.empty(0, np.uint64), bits, 200, REPS)) == 0


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sets(st.integers(0, 60), max_size=40), min_size=1, max_size=9),
       st.lists(st.tuples(st.integers(0, 8), st.integers(0, 8)), max_size=15))
def test_intersections_equal_set_sizes(sets: list[set[int]],
                                       pairs: list[tuple[int, int]]) -> None:
    pairs = [(i % len(sets), j % len(sets)) for i, j in pairs]
    flat = np.array([v for s in sets for v in sorted(s)], dtype=np.uint64)
    off = np.concatenate(([0], np.cumsum([len(s) for s in sets]))).astype(np.int64)
    pi = np.array([i for i, _ in pairs], dtype=np.int64)
    pj = np.array([j for _, j in pairs], dtype=np.int64)
    got = intersections(flat, off, flat, off, pi, pj)
    assert got.tolist() == [len(sets[i] & sets[j]) for i, j in pairs]


def test_minhash_chunks_is_the_column_minimum_of_the_permuted_values() -> None:
    # chunks of every length around the kernel's four-at-a-time step, empty ones included
    rng = np.random.default_rng(11)
    sh = rng.integers(0, 2**64 - 1, 400, dtype=np.uint64, endpoint=True)
    perms = Permutations(num_perm=24, seed=5)
    starts = rng.integers(0, 390, 60)
    ends = np.minimum(starts + np.arange(60) % 11, 400)
    sigs = minhash_chunks(sh, starts, ends, perms.a, perms.b)
    for row, s, e in zip(sigs, starts, ends, strict=True):
        if s == e:
            assert (row == 0xFFFFFFFF).all()
            continue
        with np.errstate(over="ignore"):
            permuted = (perms.a[None, :] * sh[s:e, None] + perms.b[None, :]) >> np.uint64(32)
        assert np.array_equal(row, permuted.astype(np.uint32).min(axis=0))
