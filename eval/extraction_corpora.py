"""The two shared HTML benchmark sets, read in place from ``../shared/corpora``.

Nothing is copied into the project: when the folder is absent, ``available()`` says so and
the eval (and the tests that use these pages) skip.

    scrapinghub-aeb/ground-truth.json  {page id: {"articleBody": str, "url": str}}
    scrapinghub-aeb/html/<id>.html.gz
    fundus-eval/dataset/ground_truth.json  {file name: {"body": [paragraphs], "url", ...}}
    fundus-eval/dataset/html/<file name>
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import lxml.etree
import lxml.html

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"
AEB = CORPORA / "scrapinghub-aeb"
FUNDUS = CORPORA / "fundus-eval" / "dataset"


@dataclass
class Page:
    """One benchmark page: its HTML and gold body (paragraphs; title when the set has one).

    Neither set records a title, so ``headline`` stands in for one: the text of the page's
    ``<h1>`` when all its non-empty ``<h1>`` elements say the same thing (the headline as
    the publisher marked it up), else None.
    """

    name: str
    html: str
    url: str | None
    gold: list[str]
    title: str | None = None

    @property
    def headline(self) -> str | None:
        try:
            root = lxml.html.fromstring(self.html)
        except (ValueError, lxml.etree.ParserError):
            return None
        found = {" ".join(h.text_content().split()) for h in root.iter("h1")} - {""}
        return found.pop() if len(found) == 1 else None


def _read_html(path: Path) -> str:
    with gzip.open(path, "rb") as fh:
        return fh.read().decode("utf-8", errors="replace")


def available(corpus: str) -> bool:
    """Is the named corpus ("aeb" or "fundus") on disk?"""
    root = AEB / "ground-truth.json" if corpus == "aeb" else FUNDUS / "ground_truth.json"
    return root.is_file()


def aeb_pages() -> Iterator[Page]:
    """Pages of scrapinghub-aeb; gold is ``[articleBody]`` (one string)."""
    truth = json.loads((AEB / "ground-truth.json").read_text(encoding="utf-8"))
    for key, item in sorted(truth.items()):
        yield Page(key, _read_html(AEB / "html" / f"{key}.html.gz"), item.get("url"),
                   [item.get("articleBody") or ""], item.get("title"))


def fundus_pages() -> Iterator[Page]:
    """Pages of fundus-eval; gold is the list of ``body`` paragraphs."""
    truth = json.loads((FUNDUS / "ground_truth.json").read_text(encoding="utf-8"))
    for key, item in sorted(truth.items()):
        yield Page(key, _read_html(FUNDUS / "html" / key), item.get("url"),
                   list(item.get("body") or []), item.get("title"))
