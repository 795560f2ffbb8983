"""MinHash throughput: wiretrace's compiled kernel vs datasketch's bulk MinHash, same process.

Both sides start from the article text and end with signatures over the same word 5-gram
shingles (same tokens: datasketch is fed the reference tokenizer's regex tokens, joined into
shingle strings as one would in Python). Throughput is MB of UTF-8 text per CPU second of
this single-threaded process (``time.process_time``: robust to other load on the machine),
best of ``repeat`` runs.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash

from benchmarks.baseline import TOKEN
from benchmarks.stagewise import band_keys, chunk_batch, minhash_chunks, shingle_batch
from wiretrace.index.sketch import DEFAULT_PARAMS, Permutations, concat_ids
from wiretrace.text import normalize, tokenize_many


@dataclass
class Row:
    name: str
    num_perm: int
    mb_per_s: float


def cpu_best(fn: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        fn()
        best = min(best, time.process_time() - start)
    return best


def wiretrace_documents(texts: list[str], num_perm: int) -> np.ndarray:
    """One whole-document signature per text (tokenising included)."""
    perms = Permutations(num_perm=num_perm, seed=1)
    ids, offsets = concat_ids(tokenize_many(texts))
    sh, sh_off = shingle_batch(ids, offsets, 5)
    return minhash_chunks(sh, sh_off[:-1], sh_off[1:], perms.a, perms.b)


def wiretrace_windows(texts: list[str]) -> np.ndarray:
    """What the index computes: per-window signatures and their band keys."""
    p = DEFAULT_PARAMS
    perms = Permutations(num_perm=p.num_perm, seed=p.seed)
    ids, offsets = concat_ids(tokenize_many(texts))
    sh, sh_off = shingle_batch(ids, offsets, p.k)
    starts, ends, _ = chunk_batch(sh, sh_off, p.spacing, p.width)
    return band_keys(minhash_chunks(sh, starts, ends, perms.a, perms.b), p.bands, p.rows)


def datasketch_documents(texts: list[str], num_perm: int) -> list:
    """The straightforward Python way: tokens, shingle strings, ``MinHash.bulk``."""
    sets = []
    for text in texts:
        words = TOKEN.findall(normalize(text))
        sets.append([" ".join(words[i : i + 5]).encode("utf-8")
                     for i in range(max(len(words) - 4, 1))])
    return MinHash.bulk(sets, num_perm=num_perm)


def run(texts: list[str], repeat: int = 3) -> list[Row]:
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    wiretrace_documents(texts[:5], 128)  # compile / load the kernels outside the timing
    wiretrace_windows(texts[:5])
    w = DEFAULT_PARAMS.num_perm
    return [
        Row("wiretrace, whole document", 128,
            mb / cpu_best(lambda: wiretrace_documents(texts, 128), repeat)),
        Row("datasketch MinHash.bulk, whole document", 128,
            mb / cpu_best(lambda: datasketch_documents(texts, 128), 1)),
        Row("wiretrace index sketch (windows + bands)", w,
            mb / cpu_best(lambda: wiretrace_windows(texts), repeat)),
        Row("datasketch MinHash.bulk, whole document", w,
            mb / cpu_best(lambda: datasketch_documents(texts, w), 1)),
    ]


def report(rows: list[Row], mb: float) -> str:
    lines = [f"MinHash signatures, {mb:.1f} MB of text, 1 core (MB per CPU second)",
             f"  {'method':44} {'num_perm':>8} {'MB/s':>8} {'ratio':>7}"]
    for k, row in enumerate(rows):
        ratio = ""
        if k % 2 == 0:
            ratio = f"{row.mb_per_s / rows[k + 1].mb_per_s:6.1f}x"
        lines.append(f"  {row.name:44} {row.num_perm:8d} {row.mb_per_s:8.1f} {ratio:>7}")
    lines.append("  goals: >= 60 MB/s per core, >= 15x datasketch at the same num_perm")
    return "\n".join(lines)
