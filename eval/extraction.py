"""Body extraction quality on the shared HTML benchmarks: trafilatura alone vs wiretrace.

Systems, all run in this process on the same decoded pages:

* ``trafilatura``: ``trafilatura.extract(html)`` with default settings (the baseline);
* ``trafilatura -comments``: ``include_comments=False``, as the scrapinghub benchmark runs it;
* ``wiretrace extract``: ``html_to_document`` alone (tuned trafilatura options, no cleaning);
* ``wiretrace``: ``html_to_document`` + ``clean_document``; body = all articles' paragraphs.

Measures (see ``eval.extraction_metrics``): scrapinghub-aeb word-4-gram shingle P/R/F1 against
``articleBody`` (goal >= 0.970), fundus-eval ROUGE-LSum F1 against the ``body`` paragraphs
(goal >= 0.955), title exact-match rate against the page's <h1> headline (neither gold set
records titles; see ``Page.headline``), and false splits: pages
that wiretrace cut into more than one article (each page holds one; goal 0).

    python -m eval extraction          # or: python -m eval.extraction --corpus aeb
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor

import trafilatura

from eval.extraction_corpora import Page, aeb_pages, available, fundus_pages
from eval.extraction_metrics import RougeLsum, f1, mean_pr, shingle_prf
from wiretrace.clean import clean_document
from wiretrace.ingest.html import html_to_document

GOALS = {"aeb": 0.970, "fundus": 0.955}


class Output:
    """What one system extracted from one page."""

    def __init__(self, paragraphs: list[str], title: str | None = None, articles: int = 1):
        self.paragraphs = paragraphs
        self.title = title
        self.articles = articles


def _lines(text: str | None) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def run_trafilatura(page: Page) -> Output:
    """Body from ``extract``; title from its metadata extractor (``extract`` gives none)."""
    metadata = trafilatura.extract_metadata(page.html)
    return Output(_lines(trafilatura.extract(page.html)), metadata.title if metadata else None)


def run_trafilatura_nocomments(page: Page) -> Output:
    return Output(_lines(trafilatura.extract(page.html, include_comments=False)))


def run_extract(page: Page) -> Output:
    doc = html_to_document(page.html, page.name)
    return Output(_lines(doc.text), doc.title)


def run_wiretrace(page: Page) -> Output:
    articles = clean_document(html_to_document(page.html, page.name))
    paragraphs = [p for art in articles for p in art.paragraphs]
    title = articles[0].title if articles else None
    return Output(paragraphs, title, len(articles))


SYSTEMS: dict[str, Callable[[Page], Output]] = {
    "trafilatura": run_trafilatura,
    "trafilatura -comments": run_trafilatura_nocomments,
    "wiretrace extract": run_extract,
    "wiretrace": run_wiretrace,
}


def _title_rate(gold: list[str | None], outputs: list[Output]) -> str:
    """Exact-match rate (whitespace collapsed) over the pages that have a gold title."""
    judged = [(g, o.title) for g, o in zip(gold, outputs, strict=True) if g]
    if not judged:
        return "n/a"
    hits = sum(" ".join(g.split()) == " ".join((o or "").split()) for g, o in judged)
    return f"{hits / len(judged):.3f} of {len(judged)}"


_ROUGE: RougeLsum | None = None


def _rouge_f1(pair: tuple[list[str], list[str]]) -> float:
    """ROUGE-LSum F1 of (gold, predicted) paragraphs; run in worker processes (it is slow)."""
    global _ROUGE
    if _ROUGE is None:
        _ROUGE = RougeLsum()
    return _ROUGE.f1(*pair)


def evaluate(corpus: str, pages: list[Page], systems: Iterable[str]) -> list[list[str]]:
    """Table rows (corpus, system, P, R, F1, titles, false splits, seconds) for one corpus."""
    rouge = corpus == "fundus"
    gold_titles = [p.title or p.headline for p in pages]
    rows = []
    for name in systems:
        started = time.perf_counter()
        outputs = [SYSTEMS[name](page) for page in pages]
        seconds = time.perf_counter() - started  # extraction time only, not scoring
        if not rouge:
            pr = [shingle_prf(p.gold[0], "\n".join(o.paragraphs)) for p, o in zip(pages, outputs, strict=True)]
            precision, recall = mean_pr(pr)
            score, p_txt, r_txt = f1(precision, recall), f"{precision:.4f}", f"{recall:.4f}"
        else:
            with ProcessPoolExecutor(max_workers=2) as pool:
                pairs = [(p.gold, o.paragraphs) for p, o in zip(pages, outputs, strict=True)]
                scores = list(pool.map(_rouge_f1, pairs))
            score, p_txt, r_txt = sum(scores) / len(scores), "", ""
        splits = sum(o.articles > 1 for o in outputs)
        has_title = sum(bool(o.title) for o in outputs)
        rows.append([corpus, name, p_txt, r_txt, f"{score:.4f}", _title_rate(gold_titles, outputs),
                     f"{has_title}/{len(pages)}", str(splits), f"{seconds:.1f}"])
    return rows


def _print_table(rows: list[list[str]]) -> None:
    header = ["corpus", "system", "P", "R", "F1", "title=", "titled", "splits", "s"]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, ["-" * w for w in widths], *rows]:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.extraction", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", choices=["aeb", "fundus"], action="append",
                        help="corpus to run (default: both)")
    parser.add_argument("--system", choices=list(SYSTEMS), action="append",
                        help="system to run (default: all)")
    args = parser.parse_args(argv)
    corpora = args.corpus or ["aeb", "fundus"]
    systems = args.system or list(SYSTEMS)
    rows: list[list[str]] = []
    for corpus in corpora:
        if not available(corpus):
            print(f"extraction eval: corpus {corpus!r} not found under ../shared/corpora; skipped")
            continue
        pages = list(aeb_pages() if corpus == "aeb" else fundus_pages())
        rows.extend(evaluate(corpus, pages, systems))
    if not rows:
        return 0
    print("F1: aeb = word-4-gram shingle F1 vs articleBody; fundus = ROUGE-LSum F1 vs body.")
    print("title= : exact title match with the page's one <h1> headline (neither gold set"
          " has titles), over the pages with one; splits: pages cut into >1 article.")
    _print_table(rows)
    for corpus, goal in GOALS.items():
        mine = [r for r in rows if r[0] == corpus and r[1] == "wiretrace"]
        if mine:
            verdict = "met" if float(mine[0][4]) >= goal else "NOT met"
            print(f"goal {corpus} F1 >= {goal}: {verdict} ({mine[0][4]}); false splits: {mine[0][7]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
