"""Cutting a page that holds several articles into one run of lines per article.

Scraped pages sometimes carry a second, unrelated article glued after the first (a "next
story" teaser rendered in full, an infinite-scroll page). Two rules find where it starts;
both need the current article to hold ``MIN_BODY`` body paragraphs (lines of at least
``BODY_WORDS`` words) already, and a headline-like line *i* (``is_title_like``: short, not
ending like a sentence) whose text has not appeared earlier on the page (recurring
subheadings are not headlines).

**Chrome rule.** The second article opens like a page: line *i + 1* is chrome or a caption
(a new page block, not a section of the story) and either (a) the same headline is repeated
within the next ``WINDOW`` lines, before any body paragraph (a block of text that recurs, such
as a newsletter box or quoted mail headers, has text between its copies), or (b) at least
``MIN_GAP`` blank lines precede it.

**Topic rule.** The second article opens with its headline and its text, and the text is
about something else (lexical cohesion, as in TextTiling). Line *i* is a headline
(``_headline``: title-like once the emphasis marks an extractor keeps are dropped,
``HEAD_MIN_WORDS`` words of letters, no full stop ending a sentence inside it, no closing
parenthesis naming an agency or an ad, "(Sponsored)", and beyond ``LONG_HEAD_WORDS`` words
neither a second sentence, "Score free shipping on all orders! For more ..." is a blurb, nor
a label and a colon opening it, "Species: a dog's vet bills outpace ..." is a list item)
followed, at most
``OPENING_LINES`` lines on, by a body paragraph. Its words are the page's content tokens
(``wiretrace.text``, at least ``CONTENT_CHARS`` characters long: shorter ones are
mostly function words), and the *share across* line *i* is the share of the distinct words
among the first ``TOPIC_WORDS`` tokens from line *i* on that also occur among the last
``TOPIC_WORDS`` before it; the *share within* is the lower of the same share inside each
side (its ``2 * TOPIC_WORDS`` tokens nearest to *i*, cut in halves). Both sides need
``MIN_TOPIC_WORDS`` tokens to be judged. Then line *i* opens an article when either

* the page announces one, and the share across is at most ``MAX_SHARED_MARKED`` and at most
  ``MAX_RELATIVE_MARKED`` times the share within. Announcements: a separator line just
  before the headline ("Related:", "Read more", "More from ...", "Next story": a section end
  of ``vocabulary.SECTION_END`` or ``SEPARATOR``; one naming articles in the plural,
  "Related articles:", "More stories", heads a list of teasers, a title and a line each, and
  announces none) or a byline of ``BYLINE_WORDS`` words or
  more (the author line that closes the article before); more blank lines before the headline than
  before any earlier line of the page; a byline or a date line between the headline and the
  text, unless another headline follows it (then it closes the article before that one:
  "last line / By Jane Doe / Next headline / text"; and when the text never echoes the
  line before a byline, ``MIN_ECHO``, that line is the last of the article before and the
  new article, its headline gone, opens at the byline); a wire dateline opening the text
  (``_wire_dateline``: "BEIRUT (Reuters) -", "LONDON —"; "TODO:" or "LIGHTEN YOUR LOAD –"
  open the items of many a list);
* or nothing announces it, and one of three tests holds at line *i* and at no other
  candidate line of the page (the sections of a round-up of reviews each read like a new
  article: an unannounced break must be the page's only one of its kind):

  - *the two sides share almost nothing*: the share across is at most ``MAX_SHARED`` and
    at most ``MAX_RELATIVE`` times the share within, both sides hold ``MIN_SIDE`` tokens,
    prose opens the text and takes up one of the headline's words at least (a headline
    names its article; a line the text after it never uses, "Not to mention ...!", is the
    closing remark of the article before);
  - *a fresh headline*: a headline names its article's subject, so a new article's
    headline uses words its page has not used before and its text takes them up. The
    headline's words (tokens of ``HEAD_CHARS`` characters or more, neither figures nor the
    English stop words that justext ships) occur in the current article before it at most
    ``MAX_SEEN`` of them, and among the ``TOPIC_WORDS`` words after it ``MIN_ECHO`` of them
    at least; then a looser topic break does: a share across of at most
    ``MAX_SHARED_FRESH`` and ``MAX_RELATIVE_FRESH`` times the share within. Fresh
    headlines that all lie within ``MIN_SIDE`` tokens of the first count as one, the one
    with the lowest share across (a headline and its standfirst, or the last section
    heading of the article before and the next headline: ``_Topics.opening``) among those
    whose words the text after the last of them takes up at all (a section heading names its
    short section only: its words die with it), and the article it ends holds ``MIN_SIDE``
    tokens;
  - *the page's title stops*: the page's own title (``<h1>``, ``og:title``: the first
    article's) names the first article, so its words recur through it. Where at least
    ``MIN_TITLE_BEFORE`` of them occur before line *i* and at most ``MAX_TITLE_AFTER``
    after it, the headline at most ``MAX_SEEN_TITLED`` seen and ``MIN_ECHO`` echoed, a
    share across of at most ``MAX_SHARED_TITLED`` (and ``MAX_RELATIVE_FRESH`` times the
    share within) ends the first article. Where no line passes that test but the title is
    *gone for good* at line *i* (none of its words after it) and the headline is fresh
    (``MAX_SEEN``, ``MIN_ECHO``), the two signals agree and a looser dip does (the lines
    that pass it must be one, as above): a share across of at most ``MAX_SHARED_GONE`` and
    at most ``MAX_RELATIVE_GONE`` times the share within (the texts of two loose features
    cohere little within, so a glued one is no deep relative dip; a section of one article
    still takes up its title's words: the subject, its names).

  The last two need ``MIN_SIDE`` tokens before and ``MIN_AFTER`` after the headline (a whole
  article, not a template's closing FAQ or promotion block), and prose to open the text (a
  table row or another headline opens none: a caption over a table, a list of teasers; nor
  does the answer under a question with another question one answer away, before it or
  after its first paragraph: an FAQ, ``_question_item``). A
  standfirst may stand between the headline and the prose: a headline-like line right under
  it that repeats ``STANDFIRST_WORDS`` of its counted words (all, when it has fewer),
  restating it, where the next title of a list of teasers names another subject.

  No unannounced break cuts where an announced one follows within ``OPENING_LINES`` lines
  or ``MIN_SIDE`` tokens (too little for an article between them): it is the last section
  of the article before (a list of works consulted, the last review of a round-up), which
  the announced one ends.

* or, announced or not, the page's *deepest break* (TextTiling's depth, taken over the page's
  candidate lines): weak signals that agree. The share across at line *i* is at most
  ``MAX_SHARED_DEEP`` and at most ``DEEP_RATIO`` times the lowest share across at any other
  candidate of the first article but those less than ``MIN_SIDE`` tokens after it (the
  sections of one article dip alike; a glued article's start is the page's clear minimum;
  a standfirst right under its headline dips with it), both sides hold ``DEEP_SIDE``
  tokens, the headline is fresh (``MAX_SEEN_DEEP`` of its words seen before, ``MIN_ECHO`` echoed after), the page's
  title stops there (as above), and prose opens the text. It ends the first article only.

**Topical reading.** The shares above count every content token, stop words of five
letters or more among them ("about", "which", and the common nouns justext lists: "people",
"business", "company"). Two unrelated articles of one register (two blogs on money, two
product guides) share many of those, which lifts the share across a glued article's start
toward the shares within. The *topical reading* takes the same shares over the content
tokens that are no justext stop words (TextTiling leaves stop words out for this reason),
the sides still counted in content tokens so that ``MIN_SIDE`` and the other side bounds
keep their meaning. It serves

* the announced test (and the separator rule): a page's own marker already vouches for an
  article, and the topic's words are what the cohesion should judge;
* the fresh-headline test as a second reading (its bounds unchanged), where two signals
  agree: at a headline of ``TOPICAL_HEAD_WORDS`` counted words or more where the page's
  title leaves (``_title_leaves``). A headline of one counted word ("Follow us") says too
  little to vouch for a break that only the topical reading sees; neither does a page
  without a title. The other unannounced tests (the strict one, ``MAX_SHARED``; the title
  rule; the deepest break) keep the first reading: their fixed bounds were set on it, and
  on the topical one they cut sections of single articles or a template's closing block.

**Separator rule.** An extractor may drop the second article's headline and keep what
surrounds it: a separator line (as in the topic rule) that the page shows once, then a body
paragraph that is no list item. That paragraph opens an article when the topic rule's
announced test holds there and both sides hold ``MIN_SIDE`` tokens (no headline vouches for
it).

A subheading of one long article is followed by text on the same subject: its words recur
(names, the topic's nouns), so the share across stays high, its own words were mostly used
before, and the page's title recurs after it: the article is not cut (checked on the 261
benchmark pages and the 702 wcxb-dev-articles pages by the test suite, and by the realnews
eval).

    >>> from wiretrace.clean.tagging import tag_page
    >>> body = "A long paragraph of body text that tells the story in detail here.\\n"
    >>> page = "First\\n" + body * 3 + "\\n\\nSecond story\\nShare\\nSecond story\\n" + body
    >>> split_page(tag_page(page))
    [(0, 4), (4, 8)]

Cost: the chrome rule's candidates come from the lines the tagger flagged; the topic rule's
from the short lines that do not end like a sentence and have a body paragraph right after.
A page without either is a single article at once; a page with topic candidates is
tokenised once, in one compiled call, and each candidate costs a set intersection of at
most ``TOPIC_WORDS`` ids (two more where the share across is low), and as many again on
the topical reading where the page's title leaves (its tokens filtered once, on first use);
a headline's or the title's words are looked up in the page's words sorted once (``np.argsort``), a binary
search each.
"""

from __future__ import annotations

import re
from functools import cache
from itertools import accumulate

import numpy as np

from wiretrace.clean.lines import TITLE_MAX_WORDS, find_dateline, is_title_like
from wiretrace.clean.tagging import TaggedPage
from wiretrace.text import english_stop_ids, tokenize
from wiretrace.vocabulary import (
    ABOUT_HEADING,
    AGENCIES,
    SECTION_END,
    SECTION_END_MAX_CHARS,
    SENTENCE_ENDS,
    UI_PHRASES,
)

MIN_BODY = 2  # body paragraphs the current article needs before another may start
BODY_WORDS = 8  # a line this long (in words) counts as a body paragraph
WINDOW = 8  # lines after a headline where its repeat is looked for
MIN_GAP = 2  # blank lines before a headline followed by chrome
CHROME_TAGS = frozenset({"ui", "date", "credit", "byline", "caption"})

HEAD_MIN_WORDS = 2  # a headline of the topic rule has this many words at least
OPENING_LINES = 3  # the text of a new article starts this many lines after its headline, at most
CONTENT_CHARS = 5  # shorter tokens are mostly function words and carry no topic
TOPIC_WORDS = 150  # content tokens compared on each side of a boundary
MIN_TOPIC_WORDS = 40  # fewer content tokens on a side: too little text to judge a topic
MAX_SHARED = 0.03  # share of the new text's words found before it, at most (no marker)
MAX_SHARED_MARKED = 0.15  # the same after a separator, a byline or date line, or a dateline
MAX_RELATIVE = 0.25  # ... and at most this share of the cohesion within each side (no marker)
MAX_RELATIVE_MARKED = 1.25  # the same after a marker
BYLINE_WORDS = 3  # a byline this long (in words) before a headline announces an article
LONG_HEAD_WORDS = 15  # a line longer than this that holds two sentences is no headline
# a sentence end (``vocabulary.SENTENCE_ENDS``) after a word of two characters or more, then
# white space and a capital ("J.D. Power" is no sentence break)
_SENTENCE_BREAK = re.compile(rf"\w{{2}}[{re.escape(SENTENCE_ENDS)}]\s+[A-Z]")
# a label of one or two words and a colon opening a line: "Species: a dog's bills ..." is a
# list item when the line runs long
_LABEL = re.compile(r"^\S+(?: \S+)?: ")
# "... tasks. Credit:", not "U.S. Senate" nor "Laptop vs. Desktop"
_FULL_STOP = re.compile(r"(?<![A-Za-z])(?!vs\.)[A-Za-z]*[a-z]{2}\.\s+[A-Z]")
MIN_SIDE = 120  # content tokens each side needs for an unannounced break
MIN_AFTER = 150  # content tokens after a fresh headline or where the title stops, at least
MAX_SHARED_FRESH = 0.07  # share across, at most, under a fresh headline (no marker)
MAX_RELATIVE_FRESH = 0.5  # ... and at most this share of the cohesion within each side
MAX_SEEN = 0.25  # share of a fresh headline's words found in its article before it, at most
MIN_ECHO = 0.34  # share of a fresh headline's words found in the text after it, at least
HEAD_CHARS = 3  # headline words shorter than this (or stop words, or figures) are not counted
MAX_SHARED_TITLED = 0.1  # share across, at most, where the page's title stops recurring
MIN_TITLE_WORDS = 2  # a page title with fewer counted words says too little
MIN_TITLE_BEFORE = 0.5  # share of the title's words found before the headline, at least
MAX_TITLE_AFTER = 0.34  # ... and found after it, at most
MAX_SEEN_TITLED = 0.4  # share of the headline's words found before it, at most (title rule)
MAX_SHARED_DEEP = 0.12  # share across, at most, at the page's deepest break
DEEP_RATIO = 0.7  # ... and at most this share of the lowest share across at any other candidate
DEEP_SIDE = 200  # content tokens each side of the deepest break needs
MAX_SEEN_DEEP = 0.5  # share of its headline's words found before it, at most
MAX_SHARED_GONE = 0.12  # share across, at most, where the page's title is gone for good
MAX_RELATIVE_GONE = 1.0  # ... and at most this share of the cohesion within each side
STANDFIRST_WORDS = 2  # headline words a standfirst repeats, at least
TOPICAL_HEAD_WORDS = 2  # counted words of a fresh headline that the topical reading splits at
# Separator lines besides the section ends of vocabulary.py (the whole line: "Read more: <a
# teaser's title>" inside an article is a link, not a separator).
SEPARATOR = re.compile(
    r"^(?:(?:next|previous) (?:story|article|post)|up next|see also|(?:also )?read (?:more|also)|"
    r"continue reading)\s*:?$", re.IGNORECASE)
# a separator naming articles in the plural ("Related articles:", "More stories") heads a list
# of teasers (a title and a line each), not one article
_LIST_HEAD = re.compile(r"\b(?:articles|stories|posts)\s*:?$", re.IGNORECASE)
# words set in emphasis at the start of a line, as markdown writes it: "*Moby Dick* (1851)"
_EMPHASIS = re.compile(r"^(\*{1,2}|_{1,2})(\S(?:.*?\S)?)\1(?!\w)")
# an initialism of capitals with full stops ("U.S.", "U.K.") ending a line
_INITIALISM_END = re.compile(r"(?<![\w.])(?:[A-Z]\.){2,}$")
_ITEM = "-•*|"  # the first character of a list item or table row
_OPENING_CHROME = frozenset({"byline", "date"})  # a credit line also follows photos mid-story


def _starts_article(page: TaggedPage, i: int, first_seen: dict[str, int]) -> bool:
    """Chrome rule for line ``i``, a short line of text followed by chrome; ``first_seen``
    maps each key to the first line that has it."""
    key = page.keys[i]
    if first_seen[key] < i or not is_title_like(page.lines[i], n_words=page.words[i]):
        return False
    if page.gaps[i] >= MIN_GAP:
        return True
    for k in range(i + 1, min(len(page), i + 1 + WINDOW)):
        if page.keys[k] == key:
            return True
        if page.tags[k] == "text" and page.words[k] >= BODY_WORDS:
            return False  # text came first: a block that recurs (a widget, quoted mail)
    return False


def _chrome_heads(page: TaggedPage) -> list[int]:
    tags, words = page.tags, page.words
    return [
        k - 1 for k in page.flagged
        if k - 1 >= MIN_BODY and tags[k] in CHROME_TAGS and tags[k - 1] == "text"
        and words[k - 1] <= TITLE_MAX_WORDS
    ]


def _opening(page: TaggedPage, i: int) -> int | None:
    """The first body paragraph among the ``OPENING_LINES`` lines after ``i``, if any (a
    table row, "| Onions | 3 | 6 |", is no paragraph: a caption over a table is no headline)."""
    words, tags, lines = page.words, page.tags, page.lines
    for k in range(i + 1, min(len(page), i + 1 + OPENING_LINES)):
        if tags[k] == "text" and words[k] >= BODY_WORDS and not lines[k].startswith("|"):
            return k
    return None


def _headline(line: str, n_words: int) -> bool:
    """A headline for the topic rule: ``is_title_like`` (or so but for a closing
    parenthesis that names no agency: "How to bake bread (One Loaf Recipe)", "Best hikes
    (2026)", "Open licence (OCL)", not "(AFP)", a credit; or for the full stop of a closing
    initialism: "Best towns in the U.S."), with ``HEAD_MIN_WORDS`` words of
    letters ("10 / 10", "Oil change" are labels). Emphasis marks that the extractor kept
    around words at its start count for nothing ("*Moby Dick* (1851)" is "Moby Dick
    (1851)")."""
    line = _EMPHASIS.sub(r"\2", line)
    if line[-1] == ")" and "(" in line:
        head, _, tail = line[:-1].rpartition("(")
        if not head.strip() or _agency(tail.strip()) or tail.strip().casefold() in UI_PHRASES:
            return False
        line = head.rstrip()
        n_words = len(line.split())
    elif _INITIALISM_END.search(line):
        line = line[:-1]  # its last full stop closes an initialism, not a sentence
    if _FULL_STOP.search(line) or (n_words > LONG_HEAD_WORDS and (
            _SENTENCE_BREAK.search(line) or _LABEL.match(line))):
        return False
    return (n_words >= HEAD_MIN_WORDS and is_title_like(line, n_words=n_words)
            and sum(not word.isdigit() and any(map(str.isalpha, word))
                    for word in line.split()) >= HEAD_MIN_WORDS)


def _agency(text: str) -> bool:
    """Is ``text`` an agency's name and nothing else ("AFP", "Reuters")?"""
    return any(pattern.fullmatch(text) for _, pattern in AGENCIES)


def _topic_heads(page: TaggedPage) -> list[int]:
    """Lines that may open an article by the topic rule: short text lines not ending like
    a sentence (an initialism's full stop ends none), with a body paragraph among the next ``OPENING_LINES`` lines
    (``is_title_like`` and the first sighting are checked later, on these few)."""
    lines, words, tags = page.lines, page.words, page.tags
    return [
        i for i in range(MIN_BODY, len(lines) - 1)
        if words[i] <= TITLE_MAX_WORDS and tags[i] == "text"
        and (lines[i][-1] not in ".:;,…" or _INITIALISM_END.search(lines[i]))
        and _opening(page, i) is not None
    ]


def _separated_texts(page: TaggedPage) -> list[int]:
    """Body paragraphs right after a flagged separator line ("Related:", "Read more") that
    the page shows once (a "Read more" under every teaser of a list is a link), past the
    first ``MIN_BODY`` lines, and not list items: where an article may open without its
    headline (a page's extractor can drop the headline of a second article and keep the
    separator and text)."""
    lines, words, tags, keys = page.lines, page.words, page.tags, page.keys
    found = [k + 1 for k in page.flagged
             if MIN_BODY <= k < len(lines) - 1 and tags[k + 1] == "text"
             and words[k + 1] >= BODY_WORDS and lines[k + 1][0] not in _ITEM
             and _is_separator(lines[k])]
    return [i for i in found if keys.count(keys[i - 1]) == 1]


def _is_separator(line: str) -> bool:
    return bool(SEPARATOR.match(line)) or (
        (len(line) <= SECTION_END_MAX_CHARS or line[-1] == ":") and bool(SECTION_END.match(line)))


def _marked(page: TaggedPage, start: int, i: int, widest: int) -> bool:
    """Does the page announce a new article at headline ``i`` (a separator or a closing
    byline before it, or
    more blank lines than ``widest``, the most before any earlier line of the page; a
    byline or date line after it, or a dateline opening its text)?"""
    before = page.lines[i - 1]
    if i - 1 > start and ((_is_separator(before) and not _LIST_HEAD.search(before))
                          or _closing_byline(page, i - 1)):
        return True
    if page.gaps[i] > widest:
        return True
    text = _opening(page, i)
    if text is None:
        return False
    return any((page.tags[k] in _OPENING_CHROME and not _closes(page, k, text))
               or _wire_dateline(page.lines[k]) for k in range(i + 1, text + 1))


def _byline_after(page: TaggedPage, start: int, i: int) -> int | None:
    """The byline right after line ``i`` when it alone announces an article there (body
    text right after it, no separator nor closing byline before ``i``). If the text does
    not echo line ``i``, the line is the last of the article before, whose byline closes
    it or opens the next one ("... / Contact us at the office / By Jane Doe / text"): the
    next article's headline is gone, and it opens at the byline."""
    k = i + 1
    if (k + 1 < len(page) and page.tags[k] == "byline" and _opening(page, i) == k + 1
            and not (i - 1 > start and (_is_separator(page.lines[i - 1])
                                        or _closing_byline(page, i - 1)))):
        return k
    return None


def _closes(page: TaggedPage, k: int, text: int) -> bool:
    """Is the byline or date line ``k`` followed by another headline (up to the ``text``)?
    Then it closes the article before that headline ("... last line / By Jane Doe / Next
    headline / text"), not opens one at the line before it."""
    return any(page.tags[m] == "text" and _headline(page.lines[m], page.words[m])
               for m in range(k + 1, text + 1))


def _closing_byline(page: TaggedPage, k: int) -> bool:
    """A byline of ``BYLINE_WORDS`` words or more ("By Jane Doe, Staff Writer"; "By
    Functionality" heads a section) on line ``k``: before a headline, it closes an article."""
    return page.tags[k] == "byline" and page.words[k] >= BYLINE_WORDS


def _wire_dateline(line: str) -> bool:
    """A dateline as wires write it: with the agency ("BEIRUT (Reuters) -"), or a place of
    one or two words and a dash ("LONDON —"). Capitals and a colon alone ("TODO: ...",
    "INTERVAL: ...") open the items of many a list."""
    found = find_dateline(line)
    if found is None:
        return False
    place, agency = found
    return agency is not None or (
        len(place.split(",")[0].split()) <= 2 and line[len(place):].lstrip()[:1] in "-–—")


def _share(before: list[int], after: list[int]) -> float:
    """Share of the distinct words among the first ``TOPIC_WORDS`` of ``after`` that occur
    among the last ``TOPIC_WORDS`` of ``before`` (sets of a few hundred ids: Python's own
    set operations beat numpy's at this size)."""
    words = set(after[:TOPIC_WORDS])
    return len(words.intersection(before[-TOPIC_WORDS:])) / len(words)


@cache
def _stop_set() -> frozenset[int]:
    """``text.english_stop_ids`` as a set, for looking up the words of one line."""
    return frozenset(english_stop_ids().tolist())


class _Topics:
    """The page's content tokens (word ids) and the line each is on, found once; and its
    headline words (tokens of ``HEAD_CHARS`` characters or more, neither stop words nor
    figures) with their lines, indexed by word for the fresh-headline test."""

    def __init__(self, page: TaggedPage) -> None:
        text = "\n".join(page.lines)
        tokens = tokenize(text)
        size = tokens.ends - tokens.starts
        keep = size >= CONTENT_CHARS
        line_starts = np.cumsum([0] + [len(line) + 1 for line in page.lines[:-1]])
        line_of = np.searchsorted(line_starts, tokens.starts, side="right") - 1
        self.ids = tokens.ids[keep]
        self.line_of = line_of[keep]
        self._topical: tuple[np.ndarray, np.ndarray] | None = None
        self._tokens, self._text, self._all_lines = tokens, text, line_of
        self._words: tuple[np.ndarray, ...] | None = None

    def _headline_words(self) -> tuple[np.ndarray, ...]:
        """(ids, lines, starts, ends) of the headline words in page order, and (ids, lines)
        sorted by word, built on first use."""
        if self._words is None:
            t = self._tokens
            keep = ((t.ends - t.starts) >= HEAD_CHARS) & ~np.isin(t.ids, english_stop_ids())
            ids, lines = t.ids[keep], self._all_lines[keep]
            order = np.argsort(ids, kind="stable")
            self._words = ids, lines, t.starts[keep], t.ends[keep], ids[order], lines[order]
        return self._words

    def words_of(self, text: str) -> set[int]:
        """The counted words of ``text`` (a headline or a title): tokens of ``HEAD_CHARS``
        characters or more, neither stop words nor figures."""
        tokens = tokenize(text)
        stop = _stop_set()
        return {w for w, a, b in zip(tokens.ids.tolist(), tokens.starts, tokens.ends, strict=True)
                if b - a >= HEAD_CHARS and w not in stop and not text[a:b].isdigit()}

    def spans(self, words: set[int]) -> list[tuple[int, int]]:
        """The first and last line of each word of ``words`` that the page holds."""
        _, _, _, _, by_word, lines_by_word = self._headline_words()
        out = []
        for word in words:
            a, b = np.searchsorted(by_word, [word, word + 1])
            if b > a:
                out.append((int(lines_by_word[a]), int(lines_by_word[b - 1])))
        return out

    def freshness(self, start: int, i: int, past: int | None = None) -> tuple[float, float]:
        """``(seen, echo)`` of headline line ``i`` in the article opened at line ``start``:
        the shares of its words (figures aside) found on lines ``start .. i - 1`` and among
        the ``TOPIC_WORDS`` headline words after line ``past`` (``i`` by default); (1, 0)
        for a headline without such words."""
        ids, lines, starts, ends, by_word, lines_by_word = self._headline_words()
        lo, hi = np.searchsorted(lines, [i, i + 1])
        words = {w for w, a, b in zip(ids[lo:hi].tolist(), starts[lo:hi], ends[lo:hi], strict=True)
                 if not self._text[a:b].isdigit()}
        if not words:
            return 1.0, 0.0
        if past is not None:
            hi = int(np.searchsorted(lines, past + 1))
        after = set(ids[hi:hi + TOPIC_WORDS].tolist())
        seen = 0
        for word in words:
            a, b = np.searchsorted(by_word, [word, word + 1])
            on = lines_by_word[a:b]  # ascending: the stable sort kept page order
            seen += bool(np.any((on >= start) & (on < i)))
        return seen / len(words), len(words & after) / len(words)

    def tokens(self, start: int, end: int) -> int:
        """The number of content tokens on lines ``start .. end - 1``."""
        a, b = np.searchsorted(self.line_of, [start, end])
        return int(b - a)

    def opening(self, lines: set[int], across: dict[int, float]) -> set[int]:
        """``lines`` (candidate headlines, ``across`` their shares across) as one of them
        alone, the one with the lowest share across, when they all lie within ``MIN_SIDE``
        content tokens of the first: a headline is often followed at once by a standfirst or
        a first section heading, or preceded by the last section heading of the article
        before, which read as fresh headlines too. The article opens at the deepest break
        among them, leaving out any whose words the text after the last one never takes up:
        a section heading names its own short section only, so its words die with it (a
        headline names its whole article)."""
        if len(lines) < 2:
            return lines
        last = max(lines)
        if self.tokens(min(lines), last) >= MIN_SIDE:
            return lines
        named = {i for i in lines if i == last or self.freshness(i, i, last)[1] > 0}
        return {min(named, key=lambda i: (across[i], i))}

    def cohesion(self, i: int, topical: bool = False) -> tuple[float, float, int, int] | None:
        """``(across, within, before, after)`` at line ``i``: the shares across and within
        (module docstring) and the number of content tokens before and after line ``i``;
        None when a side has fewer than ``MIN_TOPIC_WORDS``. ``topical``: the shares over
        the content tokens that are no stop words (the topical reading; the sides are still
        counted in content tokens)."""
        ids, line_of = self.ids, self.line_of
        if topical:
            if self._topical is None:  # built on first use
                keep = ~np.isin(self.ids, english_stop_ids())
                self._topical = self.ids[keep], self.line_of[keep]
            ids, line_of = self._topical
        at = int(np.searchsorted(line_of, i))
        if at < MIN_TOPIC_WORDS or len(ids) - at < MIN_TOPIC_WORDS:
            return None
        left = ids[max(0, at - 2 * TOPIC_WORDS):at].tolist()
        right = ids[at:at + 2 * TOPIC_WORDS].tolist()
        across = _share(left, right)
        within = 0.0  # not needed: every rule asks for across <= MAX_SHARED_MARKED first
        if across <= MAX_SHARED_MARKED:
            within = min(_share(left[: len(left) // 2], left[len(left) // 2:]),
                         _share(right[: len(right) // 2], right[len(right) // 2:]))
        at = int(np.searchsorted(self.line_of, i))
        return across, within, at, len(self.ids) - at


def _break(cohesion: tuple[float, float, int, int] | None, marked: bool) -> bool:
    if cohesion is None:
        return False
    across, within, before, after = cohesion
    if marked:  # (sharing next to nothing, as a list that has no cohesion within)
        return across <= MAX_SHARED_MARKED and (
            across <= MAX_RELATIVE_MARKED * within or across <= MAX_SHARED)
    return (before >= MIN_SIDE and after >= MIN_SIDE and across <= MAX_SHARED
            and across <= MAX_RELATIVE * within)


def _separated_break(cohesion: tuple[float, float, int, int] | None) -> bool:
    """The cohesion test of a separator followed by text: the marked one, with
    ``MIN_SIDE`` tokens on each side (no headline vouches for a new article)."""
    return (cohesion is not None and min(cohesion[2:]) >= MIN_SIDE
            and _break(cohesion, True))


def _prose_opening(page: TaggedPage, i: int, topics: _Topics) -> bool:
    """Does the text after headline ``i`` open with prose? (Under a list of teasers'
    titles, the next title is no text.) A standfirst may come first: a headline-like line
    right under the headline that restates it (``_standfirst``), then prose."""
    k = _opening(page, i)
    if k is None or _question_item(page, i, k):
        return False
    if not _headline(page.lines[k], page.words[k]):
        return True
    if k != i + 1 or not _standfirst(topics, page.lines[i], page.lines[k]):
        return False
    k = _opening(page, k)
    return k is not None and not _headline(page.lines[k], page.words[k])


def _question_item(page: TaggedPage, i: int, k: int) -> bool:
    """Is headline ``i`` (its text opening at line ``k``) a question of a list of questions
    and answers (an FAQ): a question with another question-headline one answer away, just
    before it or right after its first paragraph? An article's headline may ask a question,
    but its text runs on under it."""
    return page.lines[i][-1] == "?" and any(
        0 <= j < len(page) and page.tags[j] == "text" and page.lines[j][-1] == "?"
        and _headline(page.lines[j], page.words[j]) for j in (i - 2, k + 1))


def _standfirst(topics: _Topics, head: str, line: str) -> bool:
    """Does ``line`` restate headline ``head`` (``STANDFIRST_WORDS`` of the headline's
    counted words in it, all when it has fewer)? A standfirst says again what its headline
    says ("Clinic hours cut in Norland" / "Why the Norland health board cuts clinic hours this
    winter"); the next teaser's title in a list names another subject."""
    named = topics.words_of(head)
    return bool(named) and len(named & topics.words_of(line)) >= min(STANDFIRST_WORDS, len(named))


def _cohesion_break(cohesion: tuple[float, float, int, int] | None, max_shared: float,
                    max_relative: float = MAX_RELATIVE_FRESH) -> bool:
    """The cohesion test of the fresh-headline rule (``MAX_SHARED_FRESH``; its headline test
    is ``_fresh``) and of the title rule (``MAX_SHARED_TITLED``; ``MAX_SHARED_GONE`` and
    ``MAX_RELATIVE_GONE`` where the title is gone for good): enough text on both sides, and
    few words shared across the line, absolutely and relative to within each side."""
    if cohesion is None:
        return False
    across, within, before, after = cohesion
    return (before >= MIN_SIDE and after >= MIN_AFTER and across <= max_shared
            and across <= max_relative * within)


def _fresh(topics: _Topics, start: int, i: int, max_seen: float = MAX_SEEN) -> bool:
    """Is headline ``i`` new to the article opened at line ``start`` (at most ``max_seen``
    of its words used before it) and echoed by the text after it (``MIN_ECHO``)? The
    fresh-headline rule's test (``MAX_SEEN``); the title rule's (``MAX_SEEN_TITLED``) and the
    deepest break's (``MAX_SEEN_DEEP``) differ only in the bound."""
    seen, echo = topics.freshness(start, i)
    return seen <= max_seen and echo >= MIN_ECHO


def _named(page: TaggedPage, topics: _Topics, start: int, i: int) -> bool:
    """Does the text after headline ``i`` take up one of its words at least? A headline
    names its article's subject, so its text echoes it; a line whose words the text after
    it never uses names none (the last line of an article, a closing remark)."""
    return topics.freshness(start, i)[1] > 0 and _prose_opening(page, i, topics)


def _title_leaves(spans: list[tuple[int, int]], n_words: int, i: int) -> bool:
    """Does the page's title (its words' first and last lines, ``spans``, of ``n_words``
    counted words) recur before line ``i`` and stop there (``MIN_TITLE_BEFORE``,
    ``MAX_TITLE_AFTER``)?"""
    before = sum(first < i for first, _ in spans)
    after = sum(last > i for _, last in spans)
    return before >= MIN_TITLE_BEFORE * n_words and after <= MAX_TITLE_AFTER * n_words


def _title_gone(spans: list[tuple[int, int]], n_words: int, i: int) -> bool:
    """Does the page's title recur before line ``i`` (``MIN_TITLE_BEFORE``) and never after
    it?"""
    before = sum(first < i for first, _ in spans)
    return before >= MIN_TITLE_BEFORE * n_words and all(last < i for _, last in spans)


def _announced_soon(page: TaggedPage, topics: _Topics,
                    shares: dict[int, tuple[float, float, int, int] | None],
                    widest: list[int], i: int) -> bool:
    """Is an article announced at a headline among the ``OPENING_LINES`` lines after ``i``,
    or less than ``MIN_SIDE`` content tokens after it (too little for an article between
    them)? Then the unannounced break at ``i`` is the last section of the article before it
    (the page's title and the topic leave at that section already: a list of works
    consulted, a last review of a round-up)."""
    for j in range(i + 1, len(page)):
        if j > i + OPENING_LINES and topics.tokens(i, j) >= MIN_SIDE:
            return False
        if j in shares and _marked(page, i, j, widest[j - 1]) and _break(shares[j], True):
            return True
    return False


def _deepest(first: dict[int, tuple[float, float, int, int] | None]) -> int | None:
    """The candidate whose share across is at most ``MAX_SHARED_DEEP`` and ``DEEP_RATIO``
    times every other candidate's (``first``: the first article's candidates), with
    ``DEEP_SIDE`` tokens on each side; None when there is none. Candidates less than
    ``MIN_SIDE`` content tokens after it are its own break (a standfirst or a first section
    heading right under a headline dips with it), not others."""
    ranked = sorted((c[0], i, c[2], c[3]) for i, c in first.items() if c is not None)
    if not ranked:
        return None
    across, i, before, after = ranked[0]
    runner_up = min((c for c, _, at, _ in ranked[1:] if not 0 < at - before < MIN_SIDE),
                    default=1.0)
    if (across <= MAX_SHARED_DEEP and across <= DEEP_RATIO * runner_up
            and min(before, after) >= DEEP_SIDE):
        return i
    return None


def split_page(page: TaggedPage, title: str | None = None) -> list[tuple[int, int]]:
    """The page's lines cut into one ``(start, end)`` range per article ([] for no lines);
    ``title`` is the page's own title (its ``<h1>`` or ``og:title``), when it has one."""
    n = len(page)
    tags, words, keys = page.tags, page.words, page.keys
    chrome = _chrome_heads(page)
    topic = _topic_heads(page)
    separated = _separated_texts(page)
    if not chrome and not topic and not separated:
        return [(0, n)] if n else []
    first_seen: dict[str, int] = {}
    for k, key in enumerate(keys):
        first_seen.setdefault(key, k)
    topic = [i for i in topic if first_seen[keys[i]] == i and _headline(page.lines[i], words[i])]
    by_chrome = set(chrome)
    shares: dict[int, tuple[float, float, int, int] | None] = {}
    fresh: set[int] = set()
    titled: set[int] = set()  # where the page's title stops recurring (first article only)
    deep: set[int] = set()  # the page's deepest break (first article only)
    if topic or separated:
        topics = _Topics(page)
        shares = {i: topics.cohesion(i) for i in topic}
        # candidates of the first article (with its MIN_BODY body paragraphs before them)
        bodies = list(accumulate(tags[k] == "text" and words[k] >= BODY_WORDS for k in range(n)))
        first = {i: c for i, c in shares.items() if bodies[i - 1] >= MIN_BODY}
        across = {i: c[0] for i, c in first.items() if c is not None}
        fresh = {i for i, c in first.items() if _cohesion_break(c, MAX_SHARED_FRESH)
                 and _prose_opening(page, i, topics) and _fresh(topics, 0, i)}
        loose = {i: c for i, c in first.items()
                 if _cohesion_break(c, MAX_SHARED_GONE, MAX_RELATIVE_GONE)
                 and _prose_opening(page, i, topics)}
        broken = [i for i, c in loose.items() if _cohesion_break(c, MAX_SHARED_TITLED)]
        deepest = _deepest(first)
        if deepest is not None and not (_prose_opening(page, deepest, topics)
                                        and _fresh(topics, 0, deepest, MAX_SEEN_DEEP)):
            deepest = None
        named = topics.words_of(title) if title and first else set()
        if len(named) >= MIN_TITLE_WORDS:
            spans = topics.spans(named)
            titled = {i for i in broken if _title_leaves(spans, len(named), i)
                      and _fresh(topics, 0, i, MAX_SEEN_TITLED)}
            # the looser test where the title rule finds no candidate (its own stand)
            titled = titled or {i for i in loose if _title_gone(spans, len(named), i)
                                and _fresh(topics, 0, i)}
            # the fresh-headline test on the topical reading (stop words left out), at a
            # headline of TOPICAL_HEAD_WORDS counted words where the title leaves (the cheap
            # tests first)
            fresh |= {i for i, c in first.items() if c is not None
                      and _title_leaves(spans, len(named), i)
                      and _cohesion_break(topics.cohesion(i, topical=True), MAX_SHARED_FRESH)
                      and len(topics.words_of(page.lines[i])) >= TOPICAL_HEAD_WORDS
                      and _prose_opening(page, i, topics) and _fresh(topics, 0, i)}
            if deepest is not None and _title_leaves(spans, len(named), deepest):
                deep = {deepest}
        fresh = topics.opening(fresh, across)
    # sections of one article on unrelated subjects (a round-up of reviews) each look like
    # a new article: an unannounced break must be the page's only one
    breaks = sum(1 for c in shares.values() if c is not None and c[0] <= MAX_SHARED)
    separated = [i for i in separated if i not in shares]
    shares.update((i, topics.cohesion(i)) for i in separated)
    widest = [0, *accumulate(page.gaps[1:], max)] if shares else []  # before lines 1..k
    starts = [0]
    body = 0  # body paragraphs in lines[starts[-1]:at]
    at = 0
    for i in sorted(by_chrome.union(shares)):
        for k in range(at, i):
            body += tags[k] == "text" and words[k] >= BODY_WORDS
        at = i
        if body < MIN_BODY or ABOUT_HEADING.match(page.lines[i]):
            continue  # an about block ("About the author") closes an article, opens none
        if i in by_chrome and _starts_article(page, i, first_seen):
            starts.append(i)
            body = 0
            continue
        if shares.get(i) is None:
            continue
        if i in separated:  # a separator, then text: an article whose headline is gone
            cut = _separated_break(topics.cohesion(i, topical=True))  # (topical reading)
        elif _marked(page, starts[-1], i, widest[i - 1]):
            cut = _break(topics.cohesion(i, topical=True), True) or (
                deep == {i} and len(starts) == 1)
            if cut and (k := _byline_after(page, starts[-1], i)) is not None and (
                    topics.freshness(starts[-1], i)[1] < MIN_ECHO):
                i = k  # the text never echoes line i: the article opens at its byline
        else:
            cut = ((breaks == 1 and _break(shares[i], False) and _named(page, topics, starts[-1], i))
                   or (fresh == {i} and _fresh(topics, starts[-1], i)
                       and topics.tokens(starts[-1], i) >= MIN_SIDE)
                   or (titled == {i} and len(starts) == 1)
                   or (deep == {i} and len(starts) == 1)) and not _announced_soon(
                       page, topics, shares, widest, i)
        if cut:
            starts.append(i)
            body = 0
    return list(zip(starts, [*starts[1:], n], strict=True))
