"""The page's headline from its own markup: the article's ``<h1>``, ``og:title``, ``<title>``.

A page states its headline up to three times, each with its own noise:

* ``<h1>``: the headline as readers see it, but a page may have several, and some are a
  logo (the site's name, often a link to the home page), a section name ("News", "The
  Blog") or a teaser's pull quote;
* ``og:title`` (or ``twitter:title``): written for sharing, often with " | Site" or " - Site";
* ``<title>``: the browser tab, with the site's name before or after a separator, and the
  most likely to be a template's leftover when a body is set into another page.

The signals are read in that order of trust, and agreement between them decides:

1. an ``<h1>`` that agrees with ``og:title``, else one that agrees with ``<title>`` (once
   the site name is cut off both), is the headline: two statements of one text; the
   metadata's statement is taken instead when the ``<h1>`` is a damaged copy of it (set in
   capitals, or with characters an encoding error turned into "?");
2. else the first headline-like ``<h1>`` inside ``<article>`` or ``<main>`` (or marked as a
   headline by ``itemprop``), then the page's only headline-like ``<h1>``; an ``<h1>`` of one
   or two words is taken only when the page has no metadata title to prefer (those are
   section names far more often than headlines);
3. else ``og:title``, then ``<title>``, without the site name;
4. else nothing: the cleaner then takes the body's first headline-like line.

"Agrees" is fuzzy (rapidfuzz ratio >= ``AGREE_RATIO`` on the folded texts, or one is the
other's start): pages retouch typography and case between their copies. A segment at either
end of a title is the site's name when it is the declared site name, a start of it, or the
host name's main label ("Move.org", "SiliconANGLE"); see :func:`wiretrace.clean.lines.
without_site_name`.

    >>> page = ('<html><head><title>Daily Example - Storm hits coast</title>'
    ...         '<meta property="og:title" content="Storm hits coast | Daily Example"></head>'
    ...         '<body><header><h1><a href="/">Daily Example</a></h1></header>'
    ...         '<article><h1>Storm hits coast</h1><p>Text.</p></article></body></html>')
    >>> page_title(page)
    'Storm hits coast'
"""

from __future__ import annotations

import html as htmllib
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from lxml.html import HtmlElement
from rapidfuzz import fuzz
from trafilatura.utils import load_html

from wiretrace.clean.lines import is_site_name, normalise, without_site_name

AGREE_RATIO = 90  # rapidfuzz ratio (0-100) above which two statements of a title agree
MAX_WORDS = 40  # an <h1> longer than this is a paragraph set in a heading
MAX_LOST_CHARS = 3  # a heading damaged by its encoding differs from its metadata by no more
SHORT_WORDS = 2  # an <h1> this short that no metadata confirms is a section name, not a headline
_ARTICLE_TAGS = frozenset({"article", "main"})
_CHROME_TAGS = frozenset({"nav", "footer", "aside"})
_META_TITLE = ("og:title", "twitter:title")
_META_SITE = ("og:site_name", "application-name")
_SEPARATOR = re.compile(r"\s+(?:[|•·»]|-{1,2}|::)\s+")  # after ``normalise``: dashes are "-"


@dataclass(frozen=True)
class Heading:
    """One ``<h1>``: its text and whether it sits inside the article's own markup."""

    text: str
    in_article: bool


@dataclass(frozen=True)
class TitleSignals:
    """What a page says about its headline (texts whitespace-collapsed, entities undone)."""

    headings: tuple[Heading, ...] = ()
    og_title: str | None = None
    title: str | None = None
    sites: tuple[str, ...] = ()  # names the page gives itself (og:site_name, the host's label)


def _text(value: str | None) -> str:
    """Whitespace collapsed and HTML entities undone (some pages escape them twice)."""
    return " ".join(htmllib.unescape(value or "").split())


def _host_label(url: str | None) -> str | None:
    """The registered name of a host: "www.move.org" -> "move", "blog.example.co.uk" -> "example"."""
    try:
        host = urlsplit(url).hostname if url else None
    except ValueError:
        return None
    if not host:
        return None
    labels = [label for label in host.split(".") if label and label != "www"]
    if len(labels) >= 3 and len(labels[-2]) <= 3:  # co.uk, com.au
        labels = labels[:-1]
    return labels[-2] if len(labels) >= 2 else None


def _heading(h1: HtmlElement) -> Heading | None:
    """The ``<h1>``'s text and place, or None when it is chrome (navigation, footer, aside)."""
    in_article = h1.get("itemprop") == "headline"
    for parent in h1.iterancestors():
        tag = parent.tag
        if tag in _CHROME_TAGS:
            return None
        if tag in _ARTICLE_TAGS or parent.get("itemprop") == "articleBody":
            in_article = True
    text = _text(h1.text_content())
    if not text or any(_is_home_link(a) and _text(a.text_content()) == text
                       for a in h1.iter("a")):
        return None  # empty, or a logo: the whole heading links to the home page
    return Heading(text, in_article)


def _is_home_link(link: HtmlElement) -> bool:
    """Does ``link`` point at a site's home page ("/", "https://example.com/")?"""
    href = (link.get("href") or "").strip()
    try:
        path = urlsplit(href).path
    except ValueError:
        return False
    return bool(href) and path in ("", "/") and "?" not in href and "#" not in href


def title_signals(tree: HtmlElement, url: str | None = None, site: str | None = None) -> TitleSignals:
    """The headline statements of a parsed page; ``site`` adds a known site name."""
    meta: dict[str, str] = {}
    for element in tree.iter("meta"):
        key = (element.get("property") or element.get("name") or "").lower()
        if key in _META_TITLE or key in _META_SITE or key == "og:url":
            content = _text(element.get("content"))
            if content:
                meta.setdefault(key, content)
    title_element = tree.find(".//title")
    headings = tuple(h for h in (_heading(e) for e in tree.iter("h1")) if h is not None)
    og_title = meta.get("og:title") or meta.get("twitter:title")
    title = _text(title_element.text_content()) or None if title_element is not None else None
    names = [meta.get(key) for key in _META_SITE] + [site, _host_label(url or meta.get("og:url"))]
    # a "site name" that is the page's title (some templates fill one field from the other)
    # would cut the headline itself
    titles = {normalise(t) for t in (og_title, title) if t}
    return TitleSignals(
        headings=headings,
        og_title=og_title,
        title=title,
        sites=tuple(dict.fromkeys(n for n in names if n and normalise(n) not in titles)),
    )


def _agree(a: str, b: str) -> bool:
    """Two statements of one title: equal up to typography, or one the other's start."""
    a, b = normalise(a), normalise(b)
    if a == b or a in _segments(b):
        return True
    shorter = min(a, b, key=len)
    if len(shorter.split()) >= 3 and (a.startswith(b) or b.startswith(a)):
        return True
    return fuzz.ratio(a, b) >= AGREE_RATIO


def _segments(title: str) -> set[str]:
    """The parts of a (normalised) title between separators: "coffee - a university" ->
    {"coffee", "a university"}."""
    return set(_SEPARATOR.split(title)) if _SEPARATOR.search(title) else set()


def _damaged(heading: str, meta: str) -> bool:
    """Whether a heading lost what its agreeing metadata title keeps: its case (set in
    capitals by the page, where the metadata has small letters too) or characters an encoding
    error turned into "?" or U+FFFD (two statements of one title: the intact one is meant)."""
    if heading.isupper() and not meta.isupper():
        return True
    if abs(len(heading) - len(meta)) > MAX_LOST_CHARS:  # another wording, not a damaged copy
        return False
    inner = heading[:-1], meta[:-1]  # a closing "?" asks a question
    lost = [text.count("\ufffd") + text.count("?") for text in inner]
    return lost[0] > lost[1]


def _headline_like(text: str) -> bool:
    """A heading that can be a headline: not a paragraph and not a sentence-ending label."""
    n = len(text.split())
    return 0 < n <= MAX_WORDS and not (text[-1] in ".:;," and n > SHORT_WORDS + 4)


def choose_title(signals: TitleSignals) -> str | None:
    """The headline a page states (the rules in the module's docstring), or None."""
    sites = signals.sites
    metas = [without_site_name(t, *sites) for t in (signals.og_title, signals.title) if t]
    # the article's own headings first: a logo heading may equal the site's part of a title
    own = sorted((h for h in signals.headings if not is_site_name(h.text, *sites)),
                 key=lambda h: not h.in_article)
    texts = [without_site_name(h.text, *sites) for h in own]
    for meta in metas:  # og:title first: <title> is the likelier template leftover
        for text in texts:
            if _agree(text, meta):
                return meta if _damaged(text, meta) else text
    likely = [h for h in own if _headline_like(h.text)
              and (len(h.text.split()) > SHORT_WORDS or not metas)]
    in_article = [h for h in likely if h.in_article]
    if in_article:
        return without_site_name(in_article[0].text, *sites)
    if len(likely) == 1 and len(own) == 1:
        return without_site_name(likely[0].text, *sites)
    return metas[0] if metas else None


def page_title(html: str | HtmlElement, url: str | None = None, site: str | None = None) -> str | None:
    """The headline of an HTML page (text or parsed tree), or None when it states none."""
    tree = html if isinstance(html, HtmlElement) else load_html(html)
    if tree is None:
        return None
    return choose_title(title_signals(tree, url, site))
