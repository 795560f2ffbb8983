"""A synthetic news corpus with known reuse: wire stories and their partial, edited reprints.

Deterministic for a seed. Text is English-like but invented: a Zipfian vocabulary of made-up
words mixed with real function words, in sentences and paragraphs, with per-story names.
Each wire story is printed by its agency and reprinted by 0..7 outlets, each reprint edited
the way outlets do: cut, trimmed and reordered paragraphs, an inserted paragraph from another
agency, house-style term swaps and word edits, a half-story reprint, two or three paragraphs
glued into an unrelated article, an unrelated article glued after it. Unrelated articles
(some on the same story, with the same names, but no shared text) complete the corpus.

Ground truth: a pair of pages is a reuse pair when they carry common source paragraphs
totalling at least ``TRUE_WORDS`` words; pairs of one family sharing less are "don't care"
(neither counted as found nor as missed), every other pair is a non-pair.

    >>> corpus = generate(200, seed=1)
    >>> len(corpus.pages), len(corpus.truth) > 0
    (200, True)
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from benchmarks.wordlists import FUNCTION_WORDS, SIGNOFFS, SYLLABLES
from wiretrace.model import Article

TRUE_WORDS = 40
OUTLETS = 40


@dataclass
class Page:
    """One synthetic article: its paragraphs, and which source paragraphs (story, index,
    words) it carries."""

    id: str
    title: str
    paragraphs: list[str]
    date: str
    outlet: str
    sources: dict[tuple[int, int], int] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)

    def page_text(self) -> str:
        """As a scraped page: title, chrome lines, body (for runs that include cleaning)."""
        return "\n".join([self.title, "Share", *self.paragraphs, "Read more"]) + "\n"

    def article(self) -> Article:
        return Article(id=self.id, source=self.id.split("#")[0], index=1, title=self.title,
                       date=self.date, paragraphs=list(self.paragraphs), text=self.text,
                       outlet=self.outlet)


@dataclass
class Corpus:
    pages: list[Page]
    truth: set[tuple[int, int]]  # (i, j), i < j, indices into pages
    dont_care: set[tuple[int, int]]

    def articles(self) -> list[Article]:
        return [p.article() for p in self.pages]

    @property
    def megabytes(self) -> float:
        return sum(len(p.text.encode("utf-8")) for p in self.pages) / 1e6

    def write_jsonl(self, path: Path) -> None:
        """The pages as the JSONL dump the command rows of ``make bench`` read (one per line:
        id, page text, date, outlet)."""
        with path.open("w", encoding="utf-8") as fh:
            for p in self.pages:
                fh.write(json.dumps({"id": p.id.split("#")[0], "text": p.page_text(),
                                     "date": p.date, "outlet": p.outlet}) + "\n")


class _Writer:
    """Random English-like text from one seeded generator (vectorised per article)."""

    def __init__(self, rng: np.random.Generator, vocab_size: int = 30000) -> None:
        self.rng = rng
        syl = np.array(SYLLABLES, dtype=object)
        parts = syl[rng.integers(len(SYLLABLES), size=(vocab_size, 4))]
        lengths = rng.integers(1, 5, size=vocab_size)
        words = {"".join(row[:n]) for row, n in zip(parts, lengths, strict=True)}
        self.vocab = np.array(sorted(words), dtype=object)
        rng.shuffle(self.vocab)
        ranks = np.arange(1, len(self.vocab) + 1)
        self.cdf = np.cumsum(1.0 / (ranks + 30.0) ** 1.1)  # Zipf-Mandelbrot
        self.cdf /= self.cdf[-1]
        self.function = np.array(FUNCTION_WORDS, dtype=object)
        fr = np.arange(1, len(FUNCTION_WORDS) + 1)
        self.fcdf = np.cumsum(1.0 / fr)
        self.fcdf /= self.fcdf[-1]

    def name(self) -> str:
        n = int(self.rng.integers(2, 4))
        return "".join(self.rng.choice(SYLLABLES, size=n)).capitalize()

    def content(self, n: int) -> np.ndarray:
        return self.vocab[np.searchsorted(self.cdf, self.rng.random(n))]

    def paragraphs(self, names: list[str], lo: int, hi: int) -> list[str]:
        """``lo..hi-1`` paragraphs of 2-3 sentences of 9-27 words."""
        rng = self.rng
        n_par = int(rng.integers(lo, hi))
        per_par = rng.integers(2, 4, size=n_par)
        lengths = rng.integers(9, 28, size=int(per_par.sum()))
        total = int(lengths.sum())
        words = np.where(rng.random(total) < 0.45,
                         self.function[np.searchsorted(self.fcdf, rng.random(total))],
                         self.content(total))
        if names:
            picks = np.flatnonzero(rng.random(total) < 0.08)
            words[picks] = np.array(names, dtype=object)[rng.integers(len(names), size=len(picks))]
        numbers = np.flatnonzero(rng.random(total) < 0.015)
        words[numbers] = rng.integers(2, 500, size=len(numbers)).astype(str)
        commas = rng.random(len(lengths)) < 0.4
        out, pos, s = [], 0, 0
        for count in per_par.tolist():
            sents = []
            for _ in range(count):
                n = int(lengths[s])
                ws = words[pos : pos + n].tolist()
                if commas[s]:
                    ws[n // 2] += ","
                text = " ".join(ws)
                sents.append(text[0].upper() + text[1:] + ".")
                pos += n
                s += 1
            out.append(" ".join(sents))
        return out

    def paragraph(self, names: list[str]) -> str:
        return self.paragraphs(names, 1, 2)[0]

    def sentence(self, names: list[str]) -> str:
        return self.paragraph(names).split(". ")[0].rstrip(".") + "."


def _date(rng: np.random.Generator, base: int | None = None, spread: int = 365) -> str:
    day = base if base is not None else 737000 + int(rng.integers(spread))
    return dt.date.fromordinal(day).isoformat()


def _edit_words(w: _Writer, text: str, rate: float, swaps: dict[str, str]) -> str:
    words = text.split(" ")
    edits = np.flatnonzero(w.rng.random(len(words)) < rate)
    for k, new in zip(edits.tolist(), w.content(len(edits)).tolist(), strict=True):
        words[k] = new
    out = " ".join(words)
    for old, new in swaps.items():
        out = out.replace(old, new)
    return out


def _reprint(w: _Writer, story: list[str], names: list[str]) -> tuple[list[tuple[int, str]], str]:
    """An outlet's version: list of (source paragraph index or -1, text), and its kind."""
    rng = w.rng
    kind = rng.choice(["edited", "half", "glued-paragraphs", "glued-after", "verbatim"],
                      p=[0.45, 0.2, 0.15, 0.1, 0.1])
    idx = list(range(len(story)))
    if kind == "half":
        half = max(2, len(story) // 2)
        idx = idx[:half] if rng.random() < 0.6 else idx[-half:]
    elif kind == "glued-paragraphs":
        start = int(rng.integers(0, len(story) - 2))
        idx = idx[start : start + int(rng.integers(2, 4))]
    elif kind != "verbatim":
        idx = [k for k in idx if k == 0 or rng.random() > 0.15]  # cuts
        idx = idx[: max(3, int(len(idx) * rng.uniform(0.6, 1.0)))]  # trimmed end
        if len(idx) > 3 and rng.random() < 0.4:  # reorder two paragraphs
            a, b = rng.choice(range(1, len(idx)), size=2, replace=False)
            idx[a], idx[b] = idx[b], idx[a]
    swaps = {}
    if kind != "verbatim" and rng.random() < 0.5:
        swaps[names[0]] = w.name()  # house style: "Daesh" -> "ISIS"
    rate = 0.0 if kind == "verbatim" else float(rng.uniform(0.0, 0.03))
    body = [(k, _edit_words(w, story[k], rate, swaps)) for k in idx]
    if kind == "edited" and rng.random() < 0.5:  # another agency's paragraph
        body.insert(int(rng.integers(1, len(body) + 1)), (-1, w.paragraph(names)))
    if kind == "glued-paragraphs":
        host = w.paragraphs([], 5, 12)
        cut = int(rng.integers(1, len(host)))
        body = [(-1, p) for p in host[:cut]] + body + [(-1, p) for p in host[cut:]]
    if kind == "glued-after":
        body += [(-1, p) for p in w.paragraphs([], 4, 10)]
    return body, str(kind)


def generate(n_articles: int = 20000, seed: int = 1) -> Corpus:
    """``n_articles`` pages: ~45% wire originals and reprints in families, the rest
    unrelated (a quarter of those about an existing story, with its names)."""
    rng = np.random.default_rng(seed)
    w = _Writer(rng)
    outlets = [f"outlet{k:02d}" for k in range(OUTLETS)]
    signoff = {o: SIGNOFFS[k % len(SIGNOFFS)].format(a=w.name(), b=w.name())
               for k, o in enumerate(outlets)}
    pages: list[Page] = []
    families: list[list[int]] = []
    story_names: list[list[str]] = []

    def add(title: str, paras: list[str], date: str, sources: dict) -> int:
        outlet = outlets[int(rng.integers(OUTLETS))]
        if rng.random() < 0.5:
            paras = [*paras, signoff[outlet]]
        pages.append(Page(f"synthetic/{outlet}/{len(pages):07d}.txt#1", title, paras, date,
                          outlet, sources))
        return len(pages) - 1

    while len(pages) < n_articles:
        if rng.random() < 0.45 * 1.0 or not families:
            sid = len(story_names)
            names = [w.name() for _ in range(6)]
            story_names.append(names)
            story = w.paragraphs(names, 6, 16)
            day = 737000 + int(rng.integers(365))
            title = w.sentence(names)[:-1]
            fam = [add(title, story, _date(rng, day),
                       {(sid, k): len(p.split()) for k, p in enumerate(story)})]
            for _ in range(min(int(rng.geometric(0.35)) - 1, 7)):
                if len(pages) >= n_articles:
                    break
                body, _ = _reprint(w, story, names)
                src = {(sid, k): len(story[k].split()) for k, _ in body if k >= 0}
                fam.append(add(title, [t for _, t in body], _date(rng, day + int(rng.integers(3))),
                               src))
            families.append(fam)
        else:
            names = (story_names[int(rng.integers(len(story_names)))]
                     if rng.random() < 0.25 else [])
            add(w.sentence(names)[:-1], w.paragraphs(names, 4, 14), _date(rng), {})

    truth: set[tuple[int, int]] = set()
    dont_care: set[tuple[int, int]] = set()
    for fam in families:
        for i, j in itertools.combinations(fam, 2):
            common = pages[i].sources.keys() & pages[j].sources.keys()
            words = sum(min(pages[i].sources[c], pages[j].sources[c]) for c in common)
            (truth if words >= TRUE_WORDS else dont_care).add((min(i, j), max(i, j)))
    return Corpus(pages=pages, truth=truth, dont_care=dont_care)


def score(found: set[tuple[int, int]], corpus: Corpus) -> tuple[float, float]:
    """Recall and precision of found pairs (page indices, i < j) against the ground truth."""
    judged = found - corpus.dont_care
    hits = len(judged & corpus.truth)
    recall = hits / len(corpus.truth) if corpus.truth else 1.0
    precision = hits / len(judged) if judged else 1.0
    return recall, precision
