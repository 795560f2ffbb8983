"""Titles on real pages: wiretrace vs trafilatura's metadata title, against WCXB's gold titles.

``wcxb-dev-articles`` records a gold title for each of its 702 article pages (about 700
sites). Pages whose id % 5 is 0 or 1 are held out: the rules were tuned on the others (dev)
only, and the held-out figure is read, never tuned on.

Situations (rows):

* ``own page``: the page as published;
* ``real template``: page X's headline ``<h1>``, ``og:title`` and body set into page Y's
  HTML (Y the next page of the same split), Y's ``<title>``, site name and the rest of its
  template left in place: the title must be X's, not the template's leftovers
  (:func:`in_template`).

Systems: ``trafilatura`` = ``trafilatura.extract_metadata(html).title`` (the baseline);
``wiretrace`` = ``html_to_document`` + ``clean_document``, the first article's title.

Scores: ``exact`` = equal after folding (quotes and dashes unified, whitespace collapsed,
case ignored); ``lenient`` = rapidfuzz ratio >= ``LENIENT_RATIO`` on the folded texts.

    python -m eval.titles            # both splits, both situations
    python -m eval.titles --split dev
"""

from __future__ import annotations

import argparse
import ast
import gzip
import json
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import lxml.html
import trafilatura
from rapidfuzz import fuzz
from trafilatura.utils import load_html

from wiretrace.clean import clean_document
from wiretrace.clean.lines import normalise
from wiretrace.ingest.html import html_to_document

WCXB = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "wcxb-dev-articles"
LENIENT_RATIO = 95
SPLITS = ("dev", "held-out")


@dataclass(frozen=True)
class TitledPage:
    """One page with its gold title (``name`` is the WCXB file id)."""

    name: str
    html: str
    url: str | None
    title: str
    body: str = ""


def split_of(name: str) -> str:
    """``held-out`` for ids whose integer value % 5 is 0 or 1, else ``dev``."""
    return "held-out" if int(name) % 5 in (0, 1) else "dev"


def available() -> bool:
    return (WCXB / "ground-truth").is_dir()


def wcxb_pages(split: str) -> Iterator[TitledPage]:
    """The pages of one split (``dev`` or ``held-out``) that have a gold title, in id order."""
    for path in sorted((WCXB / "ground-truth").glob("*.json")):
        name = path.stem
        if split_of(name) != split:
            continue
        record = json.loads(path.read_text(encoding="utf-8"))
        truth = record["ground_truth"]
        if isinstance(truth, str):
            truth = ast.literal_eval(truth)
        if not truth.get("title"):
            continue
        with gzip.open(WCXB / "html" / f"{name}.html.gz", "rb") as fh:
            html = fh.read().decode("utf-8", errors="replace")
        yield TitledPage(name, html, record.get("url"), truth["title"],
                         truth.get("main_content") or "")


def fold(text: str | None) -> str:
    """Comparison form of a title: ``normalise`` (quotes, dashes, case, spaces unified)."""
    return normalise(text or "")


def title_scores(pairs: Sequence[tuple[str, str | None]]) -> tuple[float, float]:
    """(exact, lenient) match rates of (gold, found) title pairs; (0, 0) for none."""
    if not pairs:
        return 0.0, 0.0
    exact = sum(fold(gold) == fold(found) for gold, found in pairs)
    lenient = sum(fuzz.ratio(fold(gold), fold(found)) >= LENIENT_RATIO for gold, found in pairs)
    return exact / len(pairs), lenient / len(pairs)


def trafilatura_title(html: str, url: str | None) -> str | None:
    metadata = trafilatura.extract_metadata(html, default_url=url)
    return metadata.title if metadata else None


def wiretrace_title(html: str, url: str | None) -> str | None:
    articles = clean_document(html_to_document(html, "page.html", url=url))
    return articles[0].title if articles else None


SYSTEMS: dict[str, Callable[[str, str | None], str | None]] = {
    "trafilatura": trafilatura_title,
    "wiretrace": wiretrace_title,
}


def _headline_h1(tree: lxml.html.HtmlElement, gold: str) -> lxml.html.HtmlElement | None:
    """The page's ``<h1>`` closest to its gold title (ratio >= 80), if any."""
    best, best_ratio = None, 80.0
    for h1 in tree.iter("h1"):
        ratio = fuzz.ratio(fold(h1.text_content()), fold(gold))
        if ratio >= best_ratio:
            best, best_ratio = h1, ratio
    return best


def _og_title(tree: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    return next((m for m in tree.iter("meta") if m.get("property") == "og:title"), None)


def in_template(page: TitledPage, host: TitledPage) -> str | None:
    """``page``'s headline, ``og:title`` and body set into ``host``'s HTML (None if ``host``
    has no headline ``<h1>`` to replace).

    The host's headline ``<h1>`` (the one closest to its gold title) takes the text of
    ``page``'s own headline ``<h1>`` (its gold title when it has none); the host's
    ``og:title`` takes ``page``'s (or goes when ``page`` has none); the elements after the
    host's ``<h1>`` in its parent are replaced by ``page``'s gold body, one ``<p>`` a line.
    The host's ``<title>``, site name, logo and navigation stay: the template's leftovers.
    """
    own, tree = load_html(page.html), load_html(host.html)
    if own is None or tree is None:
        return None
    target = _headline_h1(tree, host.title)
    if target is None:
        return None
    source = _headline_h1(own, page.title)
    headline = " ".join(source.text_content().split()) if source is not None else page.title
    for child in list(target):
        target.remove(child)
    target.text = headline
    og_host, og_own = _og_title(tree), _og_title(own)
    if og_host is not None:
        if og_own is not None and og_own.get("content"):
            og_host.set("content", og_own.get("content"))
        else:
            og_host.getparent().remove(og_host)
    # the host's body: whatever follows the <h1> up to its <article> or <main> (or its parent)
    node = target
    while node.getparent() is not None:
        parent = node.getparent()
        for sibling in list(node.itersiblings()):
            parent.remove(sibling)
        if parent.tag in ("article", "main", "body") or node is target and not any(
                a.tag in ("article", "main") for a in target.iterancestors()):
            break
        node = parent
    parent = target.getparent()
    for line in page.body.splitlines():
        if line.strip():
            paragraph = lxml.html.Element("p")
            paragraph.text = line.strip().lstrip("#").strip()
            parent.append(paragraph)
    return lxml.html.tostring(tree, encoding="unicode")


def _run(job: tuple[str, str, str | None]) -> str | None:
    system, html, url = job
    return SYSTEMS[system](html, url)


def evaluate(pages: Sequence[TitledPage], systems: Sequence[str],
             situation: str = "own page") -> list[list[str]]:
    """Rows (situation, system, pages, exact, lenient, seconds) for one split's pages."""
    if situation == "real template":
        built = [(in_template(page, pages[(i + 1) % len(pages)]), page)
                 for i, page in enumerate(pages)]
        cases = [(html, None, page.title) for html, page in built if html]
    else:
        cases = [(page.html, page.url, page.title) for page in pages]
    rows = []
    for system in systems:
        started = time.perf_counter()
        with ProcessPoolExecutor(max_workers=2) as pool:
            found = list(pool.map(_run, [(system, html, url) for html, url, _ in cases],
                                  chunksize=8))
        seconds = time.perf_counter() - started
        exact, lenient = title_scores([(gold, f) for (_, _, gold), f in
                                       zip(cases, found, strict=True)])
        rows.append([situation, system, str(len(cases)), f"{exact:.3f}", f"{lenient:.3f}",
                     f"{seconds:.1f}"])
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.titles", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", choices=SPLITS, action="append",
                        help="split to run (default: both)")
    parser.add_argument("--system", choices=list(SYSTEMS), action="append",
                        help="system to run (default: all)")
    parser.add_argument("--situation", choices=["own page", "real template"], action="append",
                        help="situation to run (default: both)")
    args = parser.parse_args(argv)
    if not available():
        print(f"titles eval: {WCXB} not found; skipped")
        return 0
    header = ["split", "situation", "system", "pages", "exact", "lenient", "s"]
    rows = []
    for split in args.split or SPLITS:
        pages = list(wcxb_pages(split))
        for situation in args.situation or ["own page", "real template"]:
            for row in evaluate(pages, args.system or list(SYSTEMS), situation):
                rows.append([split, *row])
    print(f"titles vs WCXB gold: exact = equal after folding; lenient = rapidfuzz ratio >= "
          f"{LENIENT_RATIO}. held-out = ids % 5 in {{0, 1}} (never tuned on).")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, ["-" * w for w in widths], *rows]:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
