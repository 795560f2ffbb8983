"""HTML page -> ``Document``: main text and metadata through trafilatura.

trafilatura finds the article body and, through htmldate, the publication date; the site name
(our ``outlet``) and author come from its metadata pass, the title from the page's own
headline statements (``wiretrace.ingest.headline``: the article's ``<h1>``, ``og:title``,
``<title>`` without the site name). The page is parsed once; every pass reads a copy of that
tree. The text keeps one paragraph per line, which is what the clean stage expects.

Extraction settings (``EXTRACT_OPTIONS``) were chosen on the two benchmark sets measured by
``eval/extraction.py``: ``favor_precision`` drops more navigation and teaser blocks, comments
are never wanted, tables are kept. A balanced pass (without ``favor_precision``) is run too:
when the precise pass keeps less than ``MIN_PRECISE_SHARE`` of its words, precision threw
the article away (live blogs, bodies split into many blocks) and the balanced text is used.
When both find nothing, a recall-oriented pass is tried before giving up (an empty text is
returned, never an exception). The recall pass is tried too when the chosen text is a *wall*:
one line of at least ``WALL_WORDS`` words holding most of its words. No paragraph of prose is
that long; the extractor has lost the page's paragraph and heading breaks (some templates
nest the body so that trafilatura's main pass flattens it), and with them every boundary the
clean stage reads (headlines, a second article glued on). The recall pass's text replaces it
when it is no wall and keeps ``MIN_PRECISE_SHARE`` of its words; failing that, so does a
balanced pass over the page with its layout undone, as pages are built:

* a table whose cells hold paragraphs (``<p>``) is the page's layout, not data: trafilatura
  reads it as a ``<div>`` (``role="presentation"``, its mark of a layout table) instead of
  flattening the cell, and with it the whole article, into one table row;
* a chrome element (``<nav>``, ``<header>``, ``<footer>``, ``<aside>``, ``<menu>``) that
  holds the page's ``<article>`` or ``<main>`` is none: a menu element left open in the
  template put the rest of the page inside it, and the extractor drops or flattens chrome.

Section headings (``<h2>`` to ``<h4>``) the extractor dropped go back into the text, before
the paragraph they sit above on the page (``_with_headings``): a heading is where a section,
or a second article glued on, begins. The paragraph is found by its first
``HEADING_PREFIX`` characters, or, when the heading sits above short paragraphs (a one-line
lead or label), by those of the run of paragraphs after it.

    >>> doc = html_to_document("<html><head><title>Storm hits coast</title></head><body>"
    ...     "<article><p>" + "A storm hit the coast on Monday. " * 8 + "</p></article></body></html>",
    ...     "page.html")
    >>> doc.title, doc.text.startswith("A storm hit")
    ('Storm hits coast', True)

``document_from_html`` is the hand-off shared by the three readers that meet HTML (HTML files,
JSONL ``html`` lines, WARC records): the Document, or None after recording in the problem log
why the page gives none. The readers import this module when they first meet HTML, so reading
plain text or JSONL ``text`` lines never pays for loading trafilatura.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from copy import deepcopy
from typing import Any

import trafilatura
from lxml.html import HtmlElement
from trafilatura.utils import load_html

from wiretrace.ingest.headline import page_title
from wiretrace.model import Document
from wiretrace.run import ProblemLog

EXTRACT_OPTIONS: dict[str, Any] = {
    "include_comments": False,
    "include_tables": True,
    "favor_precision": True,
    "with_metadata": True,
    # Only dates the page states as such (meta tags, time elements, bylines): the extensive
    # search would read "Copyright 2019" in a footer as a publication date of 2019-01-01.
    "date_extraction_params": {"extensive_search": False, "original_date": True},
}
BALANCED_OPTIONS: dict[str, Any] = {**EXTRACT_OPTIONS, "favor_precision": False}
FALLBACK_OPTIONS: dict[str, Any] = {**BALANCED_OPTIONS, "favor_recall": True}
# Elements that hold a page's chrome; one that holds the article (<article>, <main>) is
# not chrome but a parse artifact: an element left open above the article.
CHROME_TAGS = ("nav", "header", "footer", "aside", "menu")
# When the precise pass keeps less than this share of the balanced pass's words, it has most
# likely dropped the article itself (live blogs, pages split into many blocks): keep balanced.
MIN_PRECISE_SHARE = 0.3
# A line this long (in words) that holds most of the text means the paragraph breaks were lost.
WALL_WORDS = 400
# A dropped heading goes back before a line that opens with this many characters of the
# paragraph after it on the page (shorter ones are labels that may open many lines).
HEADING_PREFIX = 40
NO_TEXT = "no article text found in HTML"
_ISO_DATE = re.compile(r"^(?:19|20)\d{2}-\d{2}-\d{2}$")

logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)


def _clean(value: Any) -> str | None:
    """A metadata string, or None when absent or blank."""
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def _bare(html: HtmlElement, url: str | None, options: dict[str, Any]) -> Any:
    """trafilatura's extraction result, or None when it finds no text (``html`` is not
    changed: trafilatura works on a copy of a tree it is given)."""
    try:
        result = trafilatura.bare_extraction(html, url=url, **options)
    except Exception:  # trafilatura/lxml raise assorted errors on broken markup
        return None
    if result is None or not (getattr(result, "text", None) or "").strip():
        return None
    return result


def _words(result: Any) -> int:
    """Words outside table rows (a big table must not decide which pass holds the article)."""
    if result is None:
        return 0
    return sum(len(line.split()) for line in result.text.splitlines() if not line.startswith("|"))


def _wall(result: Any) -> bool:
    """Is the text one line of ``WALL_WORDS`` words or more, holding most of its words?"""
    if result is None:
        return False
    longest = max(len(line.split()) for line in result.text.splitlines())
    return longest >= WALL_WORDS and 2 * longest > len(result.text.split())


def _extract(html: HtmlElement, url: str | None) -> Any:
    """Precise extraction, unless it lost most of what a balanced pass finds; the recall
    pass when neither finds text. When the text is a wall (``_wall``), the first of two
    rescues whose text is none: the recall pass, then a balanced pass over the tree with its
    layout undone (``_relaid``)."""
    precise = _bare(html, url, EXTRACT_OPTIONS)
    balanced = _bare(html, url, BALANCED_OPTIONS)
    if precise is not None and _words(precise) >= MIN_PRECISE_SHARE * _words(balanced):
        chosen = precise
    else:
        chosen = balanced or _bare(html, url, FALLBACK_OPTIONS)
    if _wall(chosen):
        for rescue in (lambda: _bare(html, url, FALLBACK_OPTIONS),
                       lambda: _bare(_relaid(html), url, BALANCED_OPTIONS)):
            result = rescue()
            if (result is not None and not _wall(result)
                    and _words(result) >= MIN_PRECISE_SHARE * _words(chosen)):
                return result
    return chosen


def _relaid(html: HtmlElement) -> HtmlElement:
    """A copy of the page's tree with the layout that made the extractor flatten the article
    undone: every table that holds a paragraph (``<p>``) is marked a layout table
    (``role="presentation"``, which trafilatura reads as a ``<div>``: a data table's cells
    hold values, not paragraphs, and a table cell is flattened into one row); every chrome
    element (``CHROME_TAGS``) that holds an ``<article>`` or ``<main>`` is a ``<div>`` (the
    extractor drops or flattens what chrome holds, and an element that holds the article is
    none)."""
    tree = deepcopy(html)
    for table in tree.iter("table"):
        if table.find(".//p") is not None:
            table.set("role", "presentation")
    for article in tree.iter("article", "main"):
        for chrome in article.iterancestors(*CHROME_TAGS):
            chrome.tag = "div"
    return tree


def _squash(text: str) -> str:
    return " ".join(text.split())


def _same_start(line: str, head: str) -> bool:
    """Does one of ``line`` and ``head`` open the other (a non-blank line)?"""
    return bool(line) and (line.startswith(head) or head.startswith(line))


def _run(parts: Iterator[str]) -> str | None:
    """The first ``HEADING_PREFIX`` characters of consecutive non-blank texts joined by line
    breaks, or None when a blank text, or the end, comes before that many."""
    run = ""
    for part in parts:
        if not part:
            return None
        run = f"{run}\n{part}" if run else part
        if len(run) >= HEADING_PREFIX:
            return run[:HEADING_PREFIX]
    return None


def _following(element: HtmlElement) -> Iterator[str]:
    """The squashed texts of the elements after ``element`` among its siblings."""
    for sibling in element.itersiblings():
        if not isinstance(sibling.tag, str):
            return
        yield _squash(sibling.text_content())


def _with_headings(tree: HtmlElement, text: str) -> str:
    """``text`` with the page's section headings (``<h2>`` to ``<h4>``) that the extractor
    dropped put back, each on its own line before the paragraph that follows it on the page.

    trafilatura drops the headings of some templates while keeping the paragraphs under them;
    a heading is where a section, or a second article glued on, begins, and the clean stage
    reads it there. A heading goes back only when the elements after it on the page open a
    run of lines of the text: their first ``HEADING_PREFIX`` characters (one paragraph, or
    as many short ones in a row as reach that length: a heading often sits above a one-line
    lead or label) equal those of the lines from line k on (then the heading sat right above
    kept text); and when neither line k nor the one before it is the heading give or take an
    end (it is there already, with or without an anchor after it: "... #")."""
    lines = text.split("\n")
    squashed = [_squash(line) for line in lines]
    present = set(squashed)
    opens: dict[str, int] = {}
    for k in range(len(lines)):
        key = _run(squashed[j] for j in range(k, len(squashed)))
        if key is not None:
            opens.setdefault(key, k)
    before: dict[int, str] = {}
    for heading in tree.iter("h2", "h3", "h4"):
        head = _squash(heading.text_content())
        if not head or head in present:
            continue
        key = _run(_following(heading))
        k = opens.get(key) if key is not None else None
        if k is not None and not any(_same_start(line, head) for line in squashed[max(0, k - 1):k + 1]):
            before.setdefault(k, head)
    if not before:
        return text
    return "\n".join(line for k, line in enumerate(lines)
                     for line in ((before[k], line) if k in before else (line,)))


def _parse(html: str) -> HtmlElement | None:
    """The page's tree as trafilatura reads it (None when it is not HTML at all)."""
    return load_html(html)


def html_to_document(
    html: str, source: str, *, url: str | None = None, format: str = "html"
) -> Document:
    """The main text and metadata of an HTML page as a ``Document``.

    ``source`` names the input (path, ``path@offset`` for a WARC record); ``url`` helps date
    and site detection. The text is empty when no main text can be found; the caller decides
    whether that is a problem to report.
    """
    tree = _parse(html) if html and html.strip() else None
    result = _extract(tree, url) if tree is not None else None
    if result is None:
        return Document(source=source, text="", format=format, url=url)
    date = _clean(getattr(result, "date", None))
    outlet = _clean(getattr(result, "sitename", None))
    url = url or _clean(getattr(result, "url", None))
    return Document(
        source=source,
        text=_with_headings(tree, result.text or ""),
        format=format,
        title=page_title(tree, url, outlet) or _clean(getattr(result, "title", None)),
        date=date if date and _ISO_DATE.match(date) else None,
        url=url,
        outlet=outlet,
        author=_clean(getattr(result, "author", None)),
    )


def document_from_html(
    html: str,
    source: str,
    problems: ProblemLog,
    *,
    url: str | None = None,
    format: str = "html",
    problem_source: str | None = None,
    where: str | None = None,
) -> Document | None:
    """The Document extracted from ``html``, or None after recording why there is none.

    ``source`` is the Document's source (``path``, ``path:LINE``, ``path@OFFSET``);
    ``problem_source`` and ``where`` name the place in a problem (default: ``source``).
    """
    try:
        doc = html_to_document(html, source, url=url, format=format)
    except (ValueError, TypeError, LookupError, RecursionError, AssertionError) as exc:
        # lxml and trafilatura raise these on pathological markup: the user's input, not a bug
        # of ours, so one problem line instead of a traceback.
        problems.add(problem_source or source, f"could not parse HTML ({exc})", where=where)
        return None
    if not doc.text.strip():
        problems.add(problem_source or source, NO_TEXT, where=where)
        return None
    return doc
