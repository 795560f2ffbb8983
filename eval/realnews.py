"""Relations, splitting and titles on real pages, each figure beside a baseline of the same run.

1. **pairs-dev**: the pipeline over the 261 real pages of scrapinghub-aeb and fundus-eval,
   scored by ``../shared/corpora/pairs-dev/score.py`` (false_reuse, same_event_r,
   negatives_linked). Baseline: a plain text-reuse detector, for which any two texts sharing a
   run of ``RUN`` identical words are reuse.
2. **Real bodies in real templates** (wcxb-dev-articles, 702 article pages of ~700 sites):
   real article bodies set into other real pages' templates (``eval.realnews_pages`` says
   how). Variants, each one pipeline run of its pages (``compare_documents`` with the CLI's
   default options, on the Documents of the project's HTML reader), each body used once in a
   run:

   a. boilerplate: unrelated bodies X, Y in the same T, once as is and once with T's
      boilerplate appended inside the content element: X-in-T and Y-in-T must not be linked;
   b. glued: X, then (sometimes a separator line) Y's title and body in one T: 2 articles,
      the first ending within one paragraph of X's end. Pages of a and c must stay 1 article;
   c. reprints: X in T1 and an edited copy in T2 (neighbouring words swapped, a sentence cut,
      a sentence added from another real body, a figure changed): must be reuse; scored apart
      for quote-heavy bodies (>= 20% of characters inside quotation marks, up to half as many);
   d. titles: the first article's title is X's gold title.

   Files whose id % 5 is 0 or 1 are HELD OUT (read them for the final figures only).

    python -m eval realnews            # or: python -m eval.realnews --templates 20
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterable
from itertools import combinations

from rapidfuzz import fuzz

from eval.extraction_corpora import CORPORA
from eval.realnews_pages import (
    RUN,
    SEED,
    WCXB,
    Page,
    Source,
    build_variants,
    fold,
    load_sources,
    runs,
    words,
)
from eval.titles import trafilatura_title
from wiretrace.ingest import read
from wiretrace.ingest.html import html_to_document
from wiretrace.model import Document, Result
from wiretrace.pipeline import compare_documents
from wiretrace.run import Options, ProblemLog

SCORE = CORPORA / "pairs-dev" / "score.py"
PAIR_DIRS = [CORPORA / "scrapinghub-aeb" / "html", CORPORA / "fundus-eval" / "dataset" / "html"]


def plain_reuse(texts: list[str], n: int = RUN) -> set[tuple[int, int]]:
    """Pairs (i < j) of texts sharing a run of ``n`` identical words: plain text reuse."""
    owners: dict[str, set[int]] = defaultdict(set)
    for i, text in enumerate(texts):
        for run in runs(text, n):
            owners[run].add(i)
    return {pair for docs in owners.values() if len(docs) > 1
            for pair in combinations(sorted(docs), 2)}


class Links:
    """What one pipeline run linked, by page: text links (any relation but same-event), any
    link (a pair or one story), the shared fraction of text links, each page's articles."""

    def __init__(self, result: Result) -> None:
        page = {a.id: a.source for a in result.articles}
        self.articles: dict[str, list] = defaultdict(list)
        for article in result.articles:
            self.articles[article.source].append(article)
        self.text: dict[frozenset[str], float] = {}
        self.any: set[frozenset[str]] = set()
        for pair in result.pairs:
            key = frozenset((page[pair.a], page[pair.b]))
            self.any.add(key)
            if pair.relation != "same-event":
                share = min(pair.shared_fraction_a, pair.shared_fraction_b)
                self.text[key] = max(share, self.text.get(key, 0.0))
        for story in result.stories:
            members = sorted({page[x] for x in story.articles})
            self.any.update(frozenset(c) for c in combinations(members, 2))


def run_pages(pages: list[Page]) -> tuple[Links, list[Document], set[frozenset[str]]]:
    """One pipeline run over ``pages`` (the project's HTML reader, then ``compare_documents``),
    and the baseline's reuse pairs over the same extracted texts."""
    docs = [html_to_document(p.html, p.name) for p in pages]
    result = compare_documents(docs, Options(quiet=True))
    base = plain_reuse([d.text for d in docs])
    return Links(result), docs, {frozenset((docs[i].source, docs[j].source)) for i, j in base}


def _rate(hits: int, total: int) -> str:
    return f"{hits}/{total} = {hits / total:.3f}" if total else "n/a"


def template_rows(split: str, sources: list[Source], n: int) -> list[list[str]]:
    """Variants a-d on one split: table rows (split, check, count, wiretrace, baseline, goal).

    Templates come from one half of the split (shuffled with a fixed seed), bodies from the
    other half (those of >= 3 paragraphs and >= 100 words)."""
    rng = random.Random(f"{SEED}-{split}")
    pool = sorted(sources, key=lambda s: s.id)
    rng.shuffle(pool)
    templates = pool[: len(pool) // 2]
    bodies = [s for s in pool[len(pool) // 2 :]
              if len(s.paragraphs) >= 3 and len(words(" ".join(s.paragraphs))) >= 100]
    variants = build_variants(templates, bodies, n, rng)
    rows, single, titled = [], [], []

    def row(check: str, count: str, ours: str, base: str, goal: str = "") -> None:
        rows.append([split, check, count, ours, base, goal])

    for variant in "acb":  # b last: its unglued check reads the pages of a and c
        pages, pairs = variants[variant]
        links, docs, base = run_pages(pages)
        titled += [(p, links.articles[p.name], trafilatura_title(p.html, None)) for p in pages]
        if variant != "b":
            single += [links.articles[p.name] for p in pages]
        for kind in sorted({k for _, _, k in pairs}):
            keys = [frozenset((a, b)) for a, b, k in pairs if k == kind]
            n_keys = f"{len(keys)} pairs"
            if kind.startswith("reprint"):
                found = [k for k in keys if k in links.text]
                row(f"c {kind}: reuse recall", n_keys, _rate(len(found), len(keys)),
                    _rate(sum(k in base for k in keys), len(keys)), "1.0")
                row(f"c {kind}: and min shared >= 0.5", n_keys,
                    _rate(sum(links.text[k] >= 0.5 for k in found), len(keys)), "-")
                continue
            row(f"a {kind}: false reuse X-in-T vs Y-in-T", n_keys,
                _rate(sum(k in links.text for k in keys), len(keys)),
                _rate(sum(k in base for k in keys), len(keys)), "0")
            row(f"a {kind}: linked at all", n_keys,
                _rate(sum(k in links.any for k in keys), len(keys)), "-", "0")
        if variant in "ac":
            judged = {frozenset(p[:2]) for p in pairs}
            row(f"{variant} other text links in the run (all false)", f"{len(pages)} pages",
                str(len(set(links.text) - judged)), str(len(base - judged)), "0")
        if variant == "b":
            right = sum(_split_right(p, links.articles[p.name]) for p in pages)
            two = sum(len(links.articles[p.name]) == 2 for p in pages)
            row("b glued: 2 articles, any boundary", f"{len(pages)} pages", _rate(two, len(pages)),
                _rate(0, len(pages)) + " (trafilatura)")
            row("b glued: split right", f"{len(pages)} pages", _rate(right, len(pages)),
                _rate(0, len(pages)) + " (trafilatura)", ">= 0.90")
    row("b unglued (a, c pages): false split", f"{len(single)} pages",
        _rate(sum(len(arts) > 1 for arts in single), len(single)), _rate(0, len(single)), "0")
    exact = sum(bool(arts) and fold(arts[0].title) == p.title for p, arts, _ in titled)
    near = sum(bool(arts) and _near(arts[0].title, p.title) for p, arts, _ in titled)
    row("d titles exact", f"{len(titled)} pages", _rate(exact, len(titled)),
        _rate(sum(fold(t) == p.title for p, _, t in titled), len(titled)), ">= 0.90")
    row("d titles ratio >= 95", f"{len(titled)} pages", _rate(near, len(titled)),
        _rate(sum(_near(t, p.title) for p, _, t in titled), len(titled)))
    return rows


def _near(a: str | None, b: str) -> bool:
    return fuzz.ratio(fold(a).casefold(), fold(b).casefold()) >= 95


def _split_right(page: Page, articles: list) -> bool:
    """Two articles, the second starting within one block of the glued title."""
    if len(articles) != 2:
        return False
    second = fold(" ".join([articles[1].title or "", *articles[1].paragraphs])).casefold()
    starts = [k for k, block in enumerate(page.blocks)
              if (k == page.second or len(block.split()) >= 3) and fold(block).casefold() in second]
    return bool(starts) and abs(min(starts) - page.second) <= 1


def pairs_dev_rows() -> list[list[str]]:
    """The pipeline and the baseline over the pairs-dev pages, each scored by score.py."""
    docs = list(read([str(p) for p in PAIR_DIRS], problems=ProblemLog()))
    result = compare_documents(docs, Options(quiet=True)).to_dict()
    base = {"articles": [{"id": f"{d.source}#1"} for d in docs], "stories": [],
            "pairs": [{"a": f"{docs[i].source}#1", "b": f"{docs[j].source}#1", "relation": "reuse"}
                      for i, j in sorted(plain_reuse([d.text for d in docs]))]}
    scores = [_score(result), _score(base)]
    goals = {"false_reuse": "0", "same_event_r": ">= 0.70", "negatives_linked": "0"}
    return [["pairs-dev", name, f"{len(docs)} pages", *(s[name] for s in scores), goal]
            for name, goal in goals.items()]


def _score(result: dict) -> dict[str, str]:
    with tempfile.NamedTemporaryFile("w", suffix=".json", encoding="utf-8") as fh:
        json.dump(result, fh)
        fh.flush()
        last = subprocess.run([sys.executable, str(SCORE), fh.name], capture_output=True,
                              text=True, check=True).stdout.strip().splitlines()[-1]
    return dict(item.split("=", 1) for item in last.split()[1:])


def print_table(rows: Iterable[list[str]]) -> None:
    header = ["split", "check", "n", "wiretrace", "baseline", "goal"]
    rows = list(rows)
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, ["-" * w for w in widths], *rows]:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip(),
              flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.realnews", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pairs", type=int, default=20,
                        help="pairs of each kind per split (glued pages: twice as many; "
                             "default 20)")
    parser.add_argument("--skip-pairs-dev", action="store_true")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    print(f"Real data: every body, title, template and boilerplate line below comes from real "
          f"pages (pairs-dev: the 261 pages as published; wcxb: real bodies in other real pages' "
          f"templates); only the glue separators and the reprint edits are invented.\n"
          f"Baselines: a shared run of {RUN} words = reuse; trafilatura (never splits; its "
          f"metadata title).")
    if args.skip_pairs_dev:
        pass
    elif SCORE.is_file():
        print_table(pairs_dev_rows())
    else:
        print("realnews eval: ../shared/corpora/pairs-dev not found; pairs-dev skipped")
    if (WCXB / "ground-truth").is_dir():
        sources = load_sources()
        print(f"\nwcxb: {len(sources)} pages with a gold title and body; a sample of up to "
              f"{args.pairs} pairs of each kind a split (seed {SEED}). HELD-OUT = ids with "
              f"id % 5 in (0, 1): final figures only, never tuned on; dev = the rest.")
        for split, held in (("dev", False), ("HELD-OUT", True)):
            print_table(template_rows(split, [s for s in sources if s.held_out == held],
                                      args.pairs))
    else:
        print("realnews eval: ../shared/corpora/wcxb-dev-articles not found; skipped")
    print(f"({time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
