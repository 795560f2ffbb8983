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
when it is no wall and keeps ``MIN_PRECISE_SHARE`` of its words.

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
    pass when neither finds text, or when the text is a wall (``_wall``) and the recall
    pass's is none."""
    precise = _bare(html, url, EXTRACT_OPTIONS)
    balanced = _bare(html, url, BALANCED_OPTIONS)
    if precise is not None and _words(precise) >= MIN_PRECISE_SHARE * _words(balanced):
        chosen = precise
    else:
        chosen = balanced or _bare(html, url, FALLBACK_OPTIONS)
    if _wall(chosen):
        recall = _bare(html, url, FALLBACK_OPTIONS)
        if (recall is not None and not _wall(recall)
                and _words(recall) >= MIN_PRECISE_SHARE * _words(chosen)):
            return recall
    return chosen


def _squash(text: str) -> str:
    return " ".join(text.split())


def _same_start(line: str, head: str) -> bool:
    """Does one of ``line`` and ``head`` open the other (a non-blank line)?"""
    return bool(line) and (line.startswith(head) or head.startswith(line))


def _with_headings(tree: HtmlElement, text: str) -> str:
    """``text`` with the page's section headings (``<h2>`` to ``<h4>``) that the extractor
    dropped put back, each on its own line before the paragraph that follows it on the page.

    trafilatura drops the headings of some templates while keeping the paragraphs under them;
    a heading is where a section, or a second article glued on, begins, and the clean stage
    reads it there. A heading goes back only when its next element on the page is a
    paragraph of ``HEADING_PREFIX`` characters or more that opens a line of the text (then
    the heading sat right above kept text), and when neither that line nor the one before
    it is the heading give or take an end (it is there already, with or without an anchor
    after it: "... #")."""
    lines = text.split("\n")
    present = {_squash(line) for line in lines}
    opens: dict[str, int] = {}
    for k, line in enumerate(lines):
        opens.setdefault(_squash(line)[:HEADING_PREFIX], k)
    before: dict[int, str] = {}
    for heading in tree.iter("h2", "h3", "h4"):
        head, after = _squash(heading.text_content()), heading.getnext()
        if not head or head in present or after is None or not isinstance(after.tag, str):
            continue
        follow = _squash(after.text_content())
        k = opens.get(follow[:HEADING_PREFIX]) if len(follow) >= HEADING_PREFIX else None
        if k is not None and not any(_same_start(_squash(line), head)
                                     for line in lines[max(0, k - 1):k + 1]):
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
