"""Cutting a page that holds several articles into one run of lines per article.

Scraped pages sometimes carry a second, unrelated article glued after the first (a "next
story" teaser rendered in full, an infinite-scroll page). Such an article opens like a page:
a headline, then page chrome (the headline repeated, a photo caption, share counters).
A boundary is placed before line *i* when all of these hold:

1. the current article already has ``MIN_BODY`` body paragraphs (long lines of text);
2. line *i* is headline-like (``is_title_like``: short, not ending like a sentence) and its
   text has not appeared earlier on the page (recurring subheadings are not headlines);
3. the next line is chrome or a caption (a new page block, not a section of the story);
4. and either (a) the same headline is repeated within the next ``WINDOW`` lines, or
   (b) at least ``MIN_GAP`` blank lines precede it.

Subheadings inside one long article satisfy 1 and 2 but are followed by text, not by
chrome with a repeat or a wide gap, so a normal article is never split (checked on the 261
benchmark pages by the test suite and the extraction eval).

    >>> from wiretrace.clean.tagging import tag_lines
    >>> body = "A long paragraph of body text that tells the story in detail here.\\n"
    >>> page = "First\\n" + body * 3 + "\\n\\nSecond story\\nShare\\nSecond story\\n" + body
    >>> [len(s) for s in split_articles(tag_lines(page))]
    [4, 4]
"""

from __future__ import annotations

from wiretrace.clean.lines import TITLE_MAX_WORDS, is_title_like
from wiretrace.clean.tagging import Tagged

MIN_BODY = 2  # body paragraphs the current article needs before another may start
BODY_WORDS = 8  # a line this long (in words) counts as a body paragraph
WINDOW = 8  # lines after a headline where its repeat is looked for
MIN_GAP = 2  # blank lines before a headline followed by chrome
CHROME_TAGS = frozenset({"ui", "date", "credit", "byline", "caption"})


def _starts_article(lines: list[Tagged], i: int, seen: set[str]) -> bool:
    head = lines[i]
    if head.tag != "text" or head.key in seen or not is_title_like(head.text, n_words=head.n_words):
        return False
    following = lines[i + 1 : i + 1 + WINDOW]
    if not following or following[0].tag not in CHROME_TAGS:
        return False
    return head.gap >= MIN_GAP or any(t.key == head.key for t in following)


def split_articles(lines: list[Tagged]) -> list[list[Tagged]]:
    """The tagged lines cut into one list per article (never empty lists; [] for no lines)."""
    if not any(  # rules 1-3 need a short text line followed by chrome, after the body starts
        lines[i + 1].tag in CHROME_TAGS and lines[i].tag == "text"
        and lines[i].n_words <= TITLE_MAX_WORDS
        for i in range(MIN_BODY, len(lines) - 1)
    ):
        return [lines] if lines else []
    segments: list[list[Tagged]] = []
    current: list[Tagged] = []
    body = 0
    seen: set[str] = set()
    for i, tagged in enumerate(lines):
        if (
            body >= MIN_BODY
            and tagged.n_words <= TITLE_MAX_WORDS  # what is_title_like asks first, inline
            and _starts_article(lines, i, seen)
        ):
            segments.append(current)
            current, body = [], 0
        current.append(tagged)
        seen.add(tagged.key)
        if tagged.tag == "text" and tagged.n_words >= BODY_WORDS:
            body += 1
    if current:
        segments.append(current)
    return segments
