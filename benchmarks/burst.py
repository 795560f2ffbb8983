"""A burst: one wire story carried by ``n`` outlets on the same days, each copy lightly edited.

Real wire copy is one AP or AFP story reprinted by hundreds or thousands of sites within a
day or two; this is that shape in invented text (the writer of synthetic.py). Copy 0 is the
agency's own, verbatim and dated first; every other copy is dated 0 to 2 days later, edits
about 1% of its words, drops a paragraph one time in three and adds a paragraph of its own
one time in three. Every copy carries most of the story, so all ``n`` belong to one story.

    >>> records = burst(5)
    >>> len(records), records[0]["id"], len({r["outlet"] for r in records})
    (5, 'copy00000', 5)
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from benchmarks.synthetic import _edit_words, _Writer

PARAGRAPHS = 14  # ~2.6 KB a copy


def burst(n: int, seed: int = 1) -> list[dict]:
    """``n`` JSONL records (id, text, date, outlet, url) of one story."""
    rng = np.random.default_rng(seed)
    w = _Writer(rng)
    names = [w.name() for _ in range(3)]
    story = w.paragraphs(names, PARAGRAPHS, PARAGRAPHS + 1)
    day = dt.date(2026, 3, 2).toordinal()
    records = []
    for k in range(n):
        paragraphs = list(story)
        if k:
            if rng.random() < 1 / 3:
                del paragraphs[int(rng.integers(1, len(paragraphs)))]
            paragraphs = [_edit_words(w, p, 0.01, {}) for p in paragraphs]
            if rng.random() < 1 / 3:
                paragraphs.append(w.paragraph([]))
        date = dt.date.fromordinal(day + (int(rng.integers(3)) if k else 0)).isoformat()
        records.append({"id": f"copy{k:05d}", "text": "\n\n".join(paragraphs), "date": date,
                        "outlet": f"site{k:05d}", "url": f"https://site{k:05d}.example/story"})
    return records
