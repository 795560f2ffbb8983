"""Handing an HTML page to the HTML extractor, and reporting a page with no article in it.

Shared by the three readers that meet HTML (HTML files, JSONL ``html`` lines, WARC records).
The extractor itself lives in ``wiretrace.ingest.html`` and is imported lazily, so reading
plain text or JSONL ``text`` lines never pays for loading trafilatura.
"""

from __future__ import annotations

from wiretrace.model import Document
from wiretrace.run import ProblemLog

NO_TEXT = "no article text found in HTML"


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
    from wiretrace.ingest.html import html_to_document

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
