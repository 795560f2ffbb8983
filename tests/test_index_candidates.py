"""find_candidates against a plain-Python definition, written out here from the index's
docstrings: shingle hashes, content-anchored windows, MinHash per window and band keys in
Python integers, buckets grouped in a dict, shingle sets as Python sets; on every path (sets
kept or recomputed, threads, small blocks). Only the MinHash functions' random parameters
(``Permutations``: drawn from the seed) come from the package."""

from __future__ import annotations

import random
from dataclasses import replace

import numpy as np
import pytest

from wiretrace import index
from wiretrace.index import REPS, STAR_ABOVE, Candidate, find_candidates
from wiretrace.index.sketch import DEFAULT_PARAMS, Permutations, SketchParams
from wiretrace.text import Tokens, tokenize_many


def corpus(seed: int, n: int = 60) -> list[str]:
    """Stories, partial and edited reprints of them, and short or empty texts."""
    rng = random.Random(seed)
    words = ["".join(rng.choice("aeioubdfgklmnprst") for _ in range(rng.randint(2, 8)))
             for _ in range(300)]
    stories = [" ".join(rng.choice(words) for _ in range(rng.randint(30, 400)))
               for _ in range(n // 3)]
    texts = list(stories)
    for story in stories:
        tokens = story.split()
        cut = tokens[rng.randrange(len(tokens)) :] if rng.random() < 0.5 else tokens
        edited = [rng.choice(words) if rng.random() < 0.05 else t for t in cut]
        texts.append(" ".join(edited))
    texts += ["", "one", "two words", "the same short title here", "the same short title here"]
    rng.shuffle(texts)
    return texts


M64 = (1 << 64) - 1


def mix(x: int) -> int:
    """splitmix64's finaliser on a Python int."""
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & M64
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & M64
    return x ^ (x >> 31)


def plain_shingles(ids: list[int], k: int) -> list[int]:
    """The hash of each run of ``k`` word ids (one run of all of them in a shorter text)."""
    k = min(k, len(ids))
    out = []
    for i in range(len(ids) - k + 1 if ids else 0):
        h = k
        for word in ids[i : i + k]:
            h = (h * 0x100000001B3 + word + 1) & M64
        out.append(mix(h))
    return out


def plain_windows(sh: list[int], spacing: int, width: int) -> list[list[int]]:
    """Windows of ``width`` shingles opening at anchors: the first shingle, a shingle whose
    hash is 0 mod ``spacing``, or one ``width`` past the last anchor; none after a window
    reaches the end."""
    windows, last = [], -width
    for i, s in enumerate(sh):
        if i - last >= width or mix(s ^ 0x5BD1E995) % spacing == 0:
            windows.append(sh[i : i + width])
            last = i
            if i + width >= len(sh):
                break
    return windows


def plain_band_keys(window: list[int], perms: Permutations, bands: int, rows: int) -> list[int]:
    """MinHash of the window (the top 32 bits of ``a * x + b`` mod 2^64, least over the
    window, per function), then one key per band hashing its ``rows`` minima."""
    sig = [min(((a * x + b) & M64) >> 32 for x in window)
           for a, b in zip(perms.a.tolist(), perms.b.tolist(), strict=True)]
    keys = []
    for band in range(bands):
        h = mix(((band + 1) * 0x9E3779B97F4A7C15) & M64)
        for minimum in sig[band * rows : (band + 1) * rows]:
            h = mix(h ^ minimum)
        keys.append(h)
    return keys


def reference(tokens: list[Tokens], params: SketchParams) -> list[Candidate]:
    perms = Permutations(num_perm=params.num_perm, seed=params.seed)
    bits = max(1, (len(tokens) - 1).bit_length())  # a bucket is a key's top 64 - bits bits
    buckets: dict[int, set[int]] = {}
    shingle_lists = [plain_shingles(t.ids.tolist(), params.k) for t in tokens]
    for doc, sh in enumerate(shingle_lists):
        for window in plain_windows(sh, params.spacing, params.width):
            for key in plain_band_keys(window, perms, params.bands, params.rows):
                buckets.setdefault(key >> bits, set()).add(doc)
    # a bucket of up to STAR_ABOVE texts gives every pair; a bigger one a star: each member
    # with the bucket's REPS smallest
    pairs = {(x, y) for b in buckets.values()
             for x in (b if len(b) <= STAR_ABOVE else sorted(b)[:REPS])
             for y in b if x != y}
    pairs = {(min(x, y), max(x, y)) for x, y in pairs}
    sets = [set(sh) for sh in shingle_lists]
    found = []
    for i, j in sorted(pairs):
        shared = len(sets[i] & sets[j])
        smaller = min(len(sets[i]), len(sets[j]))
        needed = min(params.min_shared, max(1, int(np.ceil(0.8 * smaller))))
        cont = shared / smaller if smaller else 0.0
        if shared >= needed and cont >= params.min_containment and shared > 0:
            found.append(Candidate(i, j, cont))
    return found


@pytest.mark.parametrize("seed", [1, 2])
@pytest.mark.parametrize("keep", [True, False])
def test_find_candidates_equals_the_python_definition(
    seed: int, keep: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(index, "KEEP_SETS_SHINGLES", 1 << 40 if keep else 0)
    tokens = tokenize_many(corpus(seed))
    expected = reference(tokens, DEFAULT_PARAMS)
    assert len(expected) > 10
    assert find_candidates(tokens) == expected
    small = replace(DEFAULT_PARAMS, block=7)
    assert find_candidates(tokens, params=small, jobs=2) == expected
    assert find_candidates(tokens, params=small) == expected


def test_other_settings_equal_the_python_definition() -> None:
    tokens = tokenize_many(corpus(3))
    params = replace(DEFAULT_PARAMS, k=4, bands=8, rows=2, spacing=6, width=12, block=16,
                     max_bucket=5, min_shared=5)
    assert find_candidates(tokens, params=params) == reference(tokens, params)
