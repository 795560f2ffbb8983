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

    >>> from wiretrace.clean.tagging import tag_page
    >>> body = "A long paragraph of body text that tells the story in detail here.\\n"
    >>> page = "First\\n" + body * 3 + "\\n\\nSecond story\\nShare\\nSecond story\\n" + body
    >>> split_page(tag_page(page))
    [(0, 4), (4, 8)]

Rules 1-3 need a short line of text followed by chrome, and chrome tags only ever sit on
the lines the tagger flagged, so the candidates come from those few lines; a page without
one (most pages) is a single article at once.
"""

from __future__ import annotations

from wiretrace.clean.lines import TITLE_MAX_WORDS, is_title_like
from wiretrace.clean.tagging import TaggedPage

MIN_BODY = 2  # body paragraphs the current article needs before another may start
BODY_WORDS = 8  # a line this long (in words) counts as a body paragraph
WINDOW = 8  # lines after a headline where its repeat is looked for
MIN_GAP = 2  # blank lines before a headline followed by chrome
CHROME_TAGS = frozenset({"ui", "date", "credit", "byline", "caption"})


def _starts_article(page: TaggedPage, i: int, first_seen: dict[str, int]) -> bool:
    """Rules 2-4 for line ``i``, a short line of text followed by chrome (rule 3's first
    half); ``first_seen`` maps each key to the first line that has it."""
    key = page.keys[i]
    if first_seen[key] < i or not is_title_like(page.lines[i], n_words=page.words[i]):
        return False
    return page.gaps[i] >= MIN_GAP or key in page.keys[i + 1 : i + 1 + WINDOW]


def split_page(page: TaggedPage) -> list[tuple[int, int]]:
    """The page's lines cut into one ``(start, end)`` range per article ([] for no lines)."""
    n = len(page)
    tags, words = page.tags, page.words
    heads = [
        k - 1 for k in page.flagged
        if k - 1 >= MIN_BODY and tags[k] in CHROME_TAGS and tags[k - 1] == "text"
        and words[k - 1] <= TITLE_MAX_WORDS
    ]
    if not heads:
        return [(0, n)] if n else []
    first_seen: dict[str, int] = {}
    for k, key in enumerate(page.keys):
        first_seen.setdefault(key, k)
    starts = [0]
    body = 0  # body paragraphs in lines[starts[-1]:at]
    at = 0
    for i in heads:
        for k in range(at, i):
            body += tags[k] == "text" and words[k] >= BODY_WORDS
        at = i
        if body >= MIN_BODY and _starts_article(page, i, first_seen):
            starts.append(i)
            body = 0
    return list(zip(starts, [*starts[1:], n], strict=True))
