"""From tokens to what the index needs: bucket keys per text, and exact shingle sets.

One pure function over a batch of arrays, ``sketch(tokens, params)``: shingles ->
content-defined chunks -> MinHash per chunk -> LSH band keys, plus each text's sorted unique
shingle set for exact verification. It runs over blocks of texts (bounded memory: the
per-chunk signatures of a block are dropped once banded) and, with ``jobs > 1``, over
threads: every kernel releases the GIL. The same function is what a Spark job would map over
partitions.

    >>> from wiretrace.index.tokens import tokenize_many
    >>> sk = sketch(tokenize_many(["a short text about nothing much at all", ""]))
    >>> sk.set_offsets.tolist()
    [0, 4, 4]
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np

from wiretrace.index.chunks import chunk_batch
from wiretrace.index.lsh import band_keys, unique_key_docs
from wiretrace.index.minhash import Permutations, minhash_chunks
from wiretrace.index.shingles import shingle_batch, unique_sorted_segments
from wiretrace.index.tokens import Tokens


@dataclass(frozen=True)
class SketchParams:
    """Every knob of the index; an archive records them and refuses others (see archive.py).

    Chunks average ``chunk_min + chunk_divisor`` ≈ 32 shingles (about two short news
    paragraphs), small enough that a reprinted paragraph pair fills a chunk of its own.
    ``bands * rows`` = ``num_perm``: 8 x 4 puts the S-curve threshold at J ≈ 0.59 per chunk
    (see lsh.py). Verification: see verify.py.
    """

    k: int = 5
    bands: int = 8
    rows: int = 4
    seed: int = 1
    chunk_min: int = 8
    chunk_divisor: int = 24
    chunk_max: int = 128
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
            f"chunks={self.chunk_min}/{self.chunk_divisor}/{self.chunk_max}"
        )


DEFAULT_PARAMS = SketchParams()


@dataclass
class Sketch:
    """Index data of a batch: ``(keys[n], docs[n])`` distinct bucket memberships sorted by key,
    and text ``d``'s shingle set ``sets[set_offsets[d]:set_offsets[d+1]]`` (sorted unique)."""

    keys: np.ndarray  # uint64
    docs: np.ndarray  # int64, index into the batch
    sets: np.ndarray  # uint64
    set_offsets: np.ndarray  # int64, len = texts + 1

    def set_sizes(self) -> np.ndarray:
        return np.diff(self.set_offsets)


def concat_ids(tokens: Sequence[Tokens]) -> tuple[np.ndarray, np.ndarray]:
    """All word ids of a batch in one array, with text offsets."""
    lengths = np.fromiter((len(t.ids) for t in tokens), dtype=np.int64, count=len(tokens))
    offsets = np.concatenate(([0], np.cumsum(lengths))).astype(np.int64)
    if not tokens:
        return np.empty(0, np.uint32), offsets
    return np.concatenate([t.ids for t in tokens]).astype(np.uint32, copy=False), offsets


def _sketch_block(tokens: Sequence[Tokens], p: SketchParams, perms: Permutations) -> Sketch:
    ids, offsets = concat_ids(tokens)
    sh, sh_off = shingle_batch(ids, offsets, p.k)
    bounds, chunk_doc = chunk_batch(sh, sh_off, p.chunk_min, p.chunk_divisor, p.chunk_max)
    sigs = minhash_chunks(sh, bounds, perms.a, perms.b)
    keys = band_keys(sigs, p.bands, p.rows).ravel()
    docs = np.repeat(chunk_doc.astype(np.int64), p.bands)
    keys, docs = unique_key_docs(keys, docs)
    sets, set_off = unique_sorted_segments(sh, sh_off)
    return Sketch(keys=keys, docs=docs, sets=sets, set_offsets=set_off)


def sketch(
    tokens: Sequence[Tokens], params: SketchParams = DEFAULT_PARAMS, jobs: int = 1
) -> Sketch:
    """Bucket keys and shingle sets of a batch of tokenised texts (pure; see module doc)."""
    perms = Permutations(num_perm=params.num_perm, seed=params.seed)
    blocks = [tokens[s : s + params.block] for s in range(0, len(tokens), params.block)]
    if jobs > 1 and len(blocks) > 1:
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            parts = list(pool.map(lambda b: _sketch_block(b, params, perms), blocks))
    else:
        parts = [_sketch_block(b, params, perms) for b in blocks]
    if not parts:
        return Sketch(np.empty(0, np.uint64), np.empty(0, np.int64), np.empty(0, np.uint64),
                      np.zeros(1, np.int64))
    if len(parts) == 1:
        return parts[0]
    doc_base = np.cumsum([0] + [len(b) for b in blocks])
    set_base = np.cumsum([0] + [len(p.sets) for p in parts])
    keys = np.concatenate([p.keys for p in parts])
    docs = np.concatenate([p.docs + doc_base[n] for n, p in enumerate(parts)])
    order = np.argsort(keys, kind="stable")
    set_offsets = np.concatenate(
        [np.zeros(1, np.int64)] + [p.set_offsets[1:] + set_base[n] for n, p in enumerate(parts)]
    )
    return Sketch(
        keys=keys[order],
        docs=docs[order],
        sets=np.concatenate([p.sets for p in parts]),
        set_offsets=set_offsets,
    )
