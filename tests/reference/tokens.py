"""The plain-regex definition of the tokenizer, kept as the specification.

``wiretrace.text.tokenize`` and ``tokenize_many`` give the same tokens from one
compiled pass over UTF-8 (tested against this one). A token is a match of
``WORD+('WORD+)*`` in the normalised text (``normalize``: same length, so offsets carry
over), its id the FNV-1a hash of its UTF-8 bytes (``word_id``).

    >>> t = tokenize_reference("Daesh’s fighters")
    >>> t.starts.tolist(), t.ends.tolist()
    ([0, 8], [7, 16])
"""

from __future__ import annotations

import re

import numpy as np

from wiretrace.text import WORD, Tokens, normalize, word_id

_TOKEN = re.compile(rf"(?:{WORD})+(?:'(?:{WORD})+)*")


def tokenize_reference(text: str) -> Tokens:
    """Split ``text`` into word ids with char offsets."""
    norm = normalize(text)
    spans = [(m.start(), m.end()) for m in _TOKEN.finditer(norm)]
    ids = np.fromiter((word_id(norm[s:e]) for s, e in spans), dtype=np.uint32, count=len(spans))
    starts = np.fromiter((s for s, _ in spans), dtype=np.int32, count=len(spans))
    ends = np.fromiter((e for _, e in spans), dtype=np.int32, count=len(spans))
    return Tokens(ids=ids, starts=starts, ends=ends)
