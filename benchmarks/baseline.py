"""The baseline of the compare benchmark: what one would write with datasketch and difflib.

Whole-document MinHash (num_perm 128) over word 5-gram shingle strings, ``MinHashLSH`` at
Jaccard threshold 0.3 (already generous: datasketch's examples use 0.5) for candidates, then
``difflib.SequenceMatcher`` over the two word lists, keeping pairs whose matching blocks
cover at least 30 words (about what wiretrace's 20 shared 5-grams mean).
"""

from __future__ import annotations

import difflib
import re

from datasketch import MinHash, MinHashLSH

from wiretrace.text import WORD, normalize

# the tokenizer's words as a regex (tests/reference/tokens.py holds the kernel to it), so
# the baseline reads the same words as wiretrace
TOKEN = re.compile(rf"(?:{WORD})+(?:'(?:{WORD})+)*")

NUM_PERM = 128
THRESHOLD = 0.3
MIN_WORDS = 30


def find_pairs(texts: list[str]) -> set[tuple[int, int]]:
    words = [TOKEN.findall(normalize(t)) for t in texts]
    sets = [[" ".join(w[i : i + 5]).encode("utf-8") for i in range(max(len(w) - 4, 1))]
            for w in words]
    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    sigs: list[MinHash] = MinHash.bulk(sets, num_perm=NUM_PERM)
    with lsh.insertion_session() as session:
        for n, sig in enumerate(sigs):
            session.insert(n, sig)
    found: set[tuple[int, int]] = set()
    for n, sig in enumerate(sigs):
        for m in lsh.query(sig):
            if m <= n:
                continue
            matcher = difflib.SequenceMatcher(None, words[n], words[m])
            if sum(block.size for block in matcher.get_matching_blocks()) >= MIN_WORDS:
                found.add((n, m))
    return found
