"""No false splits: every benchmark page holds one article (skipped when the corpora are absent).

Runs html_to_document + clean_document on the 181 scrapinghub-aeb and 80 fundus-eval pages
and on the 702 wcxb-dev-articles pages (blogs, guides and news of about 700 sites: long
articles with subheadings, the splitter's main risk), read in place from ../shared/corpora
(never copied into the project).
"""

from __future__ import annotations

import gzip
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from wiretrace.clean import clean_document
from wiretrace.ingest.html import html_to_document

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"
PAGES = sorted((CORPORA / "scrapinghub-aeb" / "html").glob("*.html.gz")) + sorted(
    (CORPORA / "fundus-eval" / "dataset" / "html").glob("*.html.gz")
)
WCXB = sorted((CORPORA / "wcxb-dev-articles" / "html").glob("*.html.gz"))


def _articles_in(path: Path) -> tuple[str, int, int]:
    with gzip.open(path, "rb") as fh:
        html = fh.read().decode("utf-8", errors="replace")
    doc = html_to_document(html, str(path))
    return path.name, len(clean_document(doc)), len(doc.text)


def test_no_benchmark_page_is_split() -> None:
    if len(PAGES) < 261:
        pytest.skip(f"benchmark corpora not found under {CORPORA}")
    with ProcessPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(_articles_in, PAGES, chunksize=8))
    split = [(name, n) for name, n, _ in results if n > 1]
    assert split == []
    assert sum(1 for _, n, size in results if n == 1 and size > 0) >= 255  # text found on nearly all


def test_no_wcxb_article_page_is_split() -> None:
    if len(WCXB) < 702:
        pytest.skip(f"wcxb-dev-articles not found under {CORPORA}")
    with ProcessPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(_articles_in, WCXB, chunksize=8))
    split = [(name, n) for name, n, _ in results if n > 1]
    assert split == []
    assert sum(1 for _, n, size in results if n == 1 and size > 0) >= 690  # text found on nearly all
