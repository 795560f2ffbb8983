"""Real pages rebuilt with other real pages' bodies: the page builder of ``eval.realnews``.

A template page T (a wcxb-dev-articles page) keeps all its HTML except the element that holds
its own gold main content: the element whose words best cover the gold (highest F1, counting a
word as a hit when the gold uses it; one bottom-up pass over the tree). That element's content
becomes another page's gold paragraphs, as ``<p>``; headings and text that showed T's title,
``og:title``/``twitter:title``, the JSON-LD headline and ``<title>`` get the new title (keeping
a suffix that names the site), and the canonical address gets a suffix of its own. T is used
only when its old body is gone from the built page (no run of ``RUN`` of T's gold words left)
and at least one visible title was set. T's own boilerplate is what the project's reader
extracts from T beyond its gold: lines of >= 8 words that the gold does not contain.

``build_variants`` makes the pages of the three variants (boilerplate pairs, glued pages,
edited reprints) that ``eval.realnews`` runs and scores.
"""

from __future__ import annotations

import ast
import gzip
import json
import random
import re
from collections.abc import Callable
from copy import deepcopy
from dataclasses import dataclass, field

import lxml.etree
import lxml.html
from rapidfuzz import fuzz

from eval.extraction_corpora import CORPORA
from wiretrace.ingest.html import html_to_document

WCXB = CORPORA / "wcxb-dev-articles"
RUN = 12  # words of the shortest shared run the baseline calls reuse
SEED = 10
MIN_BOILERPLATE_WORDS = 8
SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "head", "title"})
SEPARATORS = ("", "", "Related:", "Read more", "By Jane Morrow, Staff Writer")  # invented
_WORD = re.compile(r"\w+")
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*>")
_QUOTED = re.compile(r'[“"«„]([^”"»“]{10,}?)[”"»“]')
QUOTED = 0.2  # share of quoted text that makes a body quote-heavy
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"“])")


def words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def fold(text: str | None) -> str:
    return " ".join((text or "").split())


def runs(text: str, n: int = RUN) -> set[str]:
    """Every run of ``n`` consecutive words of ``text`` (the baseline's evidence)."""
    w = words(text)
    return {" ".join(w[k : k + n]) for k in range(len(w) - n + 1)}


@dataclass
class Source:
    """One wcxb page: its HTML and gold title and body paragraphs."""

    id: int
    html: str
    title: str
    paragraphs: list[str]
    url: str = ""

    @property
    def held_out(self) -> bool:
        return self.id % 5 in (0, 1)


def load_sources() -> list[Source]:
    sources = []
    for path in sorted((WCXB / "ground-truth").glob("*.json")):
        item = json.loads(path.read_text(encoding="utf-8"))
        gold = item["ground_truth"]
        gold = ast.literal_eval(gold) if isinstance(gold, str) else gold
        paragraphs = [fold(p) for p in (gold.get("main_content") or "").splitlines() if fold(p)]
        with gzip.open(WCXB / "html" / f"{path.stem}.html.gz", "rb") as fh:
            html = fh.read().decode("utf-8", errors="replace")
        if gold.get("title") and paragraphs:
            sources.append(Source(int(path.stem), html, fold(gold["title"]), paragraphs,
                                  item.get("url") or ""))
    return sources


def _tree(html: str) -> lxml.etree._Element:
    return lxml.html.document_fromstring(_XML_DECL.sub("", html))


def content_element(root: lxml.etree._Element, gold: list[str]) -> lxml.etree._Element | None:
    """The element (below ``<body>``) whose text has the best word F1 against ``gold``."""
    vocabulary = set(words(" ".join(gold)))
    size = len(words(" ".join(gold)))
    hits: dict[lxml.etree._Element, tuple[int, int]] = {}
    elements = [el for el in root.iter() if isinstance(el.tag, str)]
    best, best_f1 = None, 0.0
    for el in reversed(elements):  # children before their parent
        if el.tag in SKIP_TAGS:
            hits[el] = (0, 0)
            continue
        own = words(el.text or "")
        hit = total = 0
        for child in el:
            if isinstance(child.tag, str):
                hit, total = hit + hits[child][0], total + hits[child][1]
            own += words(child.tail or "")
        hit, total = hit + sum(w in vocabulary for w in own), total + len(own)
        hits[el] = (hit, total)
        if total and el.tag not in ("html", "body"):
            precision, recall = hit / total, min(hit, size) / size
            f1 = 2 * precision * recall / (precision + recall) if hit else 0.0
            if f1 > best_f1:
                best, best_f1 = el, f1
    return best


def _norm(text: str | None) -> str:
    return re.sub(r"[–—]", "-", fold(text)).casefold()


def _same(a: str | None, b: str) -> bool:
    return fuzz.ratio(_norm(a), _norm(b)) >= 90


def _title_names(root: lxml.etree._Element, old: str) -> list[str]:
    """How the page spells its title: the gold title, and every h1/h2 of >= 3 words that its
    ``<title>`` or ``og:title`` repeats or that starts with the gold (a page's headline is
    often not the gold's wording)."""
    head = _norm(" ".join([t.text_content() for t in root.iter("title")]
                          + [m.get("content") or "" for m in _title_metas(root)]))
    names = {fold(old)}
    for h in root.iter("h1", "h2"):
        text = fold(h.text_content())
        starts = len(old.split()) >= 3 and _norm(text).startswith(_norm(old))
        if len(text.split()) >= 3 and (_norm(text) in head or starts):
            names.add(text)
    return sorted(names, key=len, reverse=True)


def _title_metas(root: lxml.etree._Element) -> list[lxml.etree._Element]:
    return [m for m in root.iter("meta")
            if (m.get("property") or m.get("name") or "") in ("og:title", "twitter:title")]


def set_titles(root: lxml.etree._Element, old: str, new: str, host: str = "") -> int:
    """Show ``new`` wherever the page showed its title ``old``; the number of visible places.

    Headings and text nodes that read as the title are set; ``og:title``, ``twitter:title``
    and ``<title>`` always name the page, so the title part is set and a site suffix kept
    (a suffix the site name or ``host`` shows); JSON-LD ``headline`` fields are set too."""
    names = _title_names(root, old)
    dash = "[-–—]"
    pattern = re.compile("|".join(r"\s+".join(re.sub(r"\\-|[–—]", dash, re.escape(w))
                                               for w in n.split()) for n in names), re.IGNORECASE)
    sites = [m.get("content") or "" for m in root.iter("meta")
             if (m.get("property") or m.get("name")) in ("og:site_name", "application-name")]
    site_key = re.sub(r"\W", "", host.casefold().removeprefix("www.").rsplit(".", 1)[0])

    def is_site(suffix: str) -> bool:
        key = re.sub(r"\W", "", suffix.casefold())
        return any(_same(suffix, site) for site in sites) or bool(
            key and site_key and (key in site_key or site_key in key))

    def holds(text: str | None) -> bool:
        return bool(text and text.strip()) and any(_same(text, n) for n in names)

    done = 0
    for el in root.iter():
        if not isinstance(el.tag, str) or el.tag in SKIP_TAGS:
            continue
        if el.tag in ("h1", "h2", "h3") and holds(el.text_content()):
            for child in list(el):
                el.remove(child)
            el.text, done = new, done + 1
            continue
        if holds(el.text):
            el.text, done = new, done + 1
        if holds(el.tail) and el.getparent() is not None and el.getparent().tag != "head":
            el.tail, done = new, done + 1
    for meta in _title_metas(root):
        meta.set("content", _retitle(meta.get("content") or "", pattern, new, is_site))
    for title in root.iter("title"):
        title.text = _retitle(title.text_content(), pattern, new, is_site)
    for script in root.iter("script"):
        if (script.get("type") or "").endswith("ld+json") and script.text:
            script.text = re.sub(r'("(?:alternativeH|h)eadline"\s*:\s*)"(?:[^"\\]|\\.)*"',
                                 lambda m: m.group(1) + json.dumps(new), script.text)
    return done


def _retitle(text: str, pattern: re.Pattern[str], new: str,
             is_site: Callable[[str], bool]) -> str:
    """``text`` (a page title) naming ``new``: the old title replaced, or the part before the
    last separator when what follows is the site's name, or all of it."""
    if pattern.search(text):
        return pattern.sub(lambda _: new, text, count=1)
    parts = re.split(r"(\s+[|\-–—•·:]{1,2}\s+)(?!.*\s[|\-–—•·:]{1,2}\s)", fold(text), maxsplit=1)
    return new + "".join(parts[1:]) if len(parts) == 3 and is_site(parts[2]) else new


@dataclass
class Template:
    """A real page ready to take another body: its source and its own boilerplate lines."""

    source: Source
    boilerplate: list[str] = field(default_factory=list)

    def build(self, title: str, blocks: list[tuple[str, str]], slug: str = "") -> str | None:
        """T's HTML with ``blocks`` ((tag, text) in order) as its content and ``title`` as its
        title, at T's address + ``-slug`` (canonical link, ``og:url``); None when T's old body
        would stay visible or no title signal could be set."""
        root = _tree(self.source.html)
        if slug and self.source.url:
            address = f"{self.source.url.rstrip('/')}-{slug}"
            for el in root.iter("link", "meta"):
                if "canonical" in (el.get("rel") or "").split():
                    el.set("href", address)
                elif el.get("property") == "og:url":
                    el.set("content", address)
        element = content_element(root, self.source.paragraphs)
        if element is None:
            return None
        host = re.sub(r"^\w+://([^/]*).*", r"\1", self.source.url)
        if not set_titles(root, self.source.title, title, host):
            return None
        kept = [h for h in element.iter("h1") if fold(h.text_content()) == title]
        for child in list(element):
            element.remove(child)
        element.text = None
        for h1 in kept[:1]:
            element.append(h1)
            h1.tail = None
        for tag, text in blocks:
            lxml.etree.SubElement(element, tag).text = text
        if runs(visible_text(root)) & runs(" ".join(self.source.paragraphs)):
            return None
        return lxml.html.tostring(root.getroottree(), encoding="unicode")


def visible_text(root: lxml.etree._Element) -> str:
    """The page's text outside scripts, styles and the head."""
    copy = deepcopy(root)
    for el in list(copy.iter(*SKIP_TAGS)):
        el.drop_tree()
    return copy.text_content()


def boilerplate_lines(source: Source) -> list[str]:
    """Lines of >= 8 words that the project's reader extracts from the page beyond its gold."""
    gold = fold(" ".join(source.paragraphs)).casefold()
    lines = []
    for line in html_to_document(source.html, f"wcxb-{source.id}").text.splitlines():
        line = fold(line)
        if (len(line.split()) >= MIN_BOILERPLATE_WORDS and line.casefold() not in gold
                and not _same(line, source.title)
                and fuzz.partial_ratio(line.casefold(), gold) < 90):
            lines.append(line)
    return lines


@dataclass
class Page:
    """One built page: its HTML, the gold title of its first article, and its content blocks."""

    name: str
    html: str
    title: str
    blocks: list[str]
    second: int = -1  # glued pages: the block where the second article starts (its title)


def _blocks(source: Source) -> list[tuple[str, str]]:
    return [("p", p) for p in source.paragraphs]


def quote_share(source: Source) -> float:
    """The share of a body's characters inside quotation marks (of ten characters or more)."""
    text = " ".join(source.paragraphs)
    return sum(len(m.group(1)) for m in _QUOTED.finditer(text)) / max(1, len(text))


def edited(paragraphs: list[str], extra: str, rng: random.Random) -> list[str]:
    """A reprint's edits: three swaps of neighbouring words, a sentence cut, ``extra`` added at the
    end of a paragraph, a figure changed (when the text has one)."""
    split = [p.split(" ") for p in paragraphs]
    swappable = [(k, i) for k, w in enumerate(split) for i in range(len(w) - 1)
                 if w[i].isalpha() and w[i + 1].isalpha()]  # inside a sentence, no figures
    for k, i in rng.sample(swappable, min(3, len(swappable))):
        split[k][i], split[k][i + 1] = split[k][i + 1], split[k][i]
    text = [" ".join(w) for w in split]
    long = [k for k, p in enumerate(text) if len(_SENTENCE.split(p)) > 1]
    if long:
        k = rng.choice(long)
        sentences = _SENTENCE.split(text[k])
        del sentences[rng.randrange(len(sentences))]
        text[k] = " ".join(sentences)
    k = rng.randrange(len(text))
    text[k] = f"{text[k]} {extra}"
    figures = [(k, m) for k, p in enumerate(text) for m in re.finditer(r"\d+", p)]
    if figures:
        k, m = rng.choice(figures)
        text[k] = f"{text[k][:m.start()]}{int(m.group()) + 1}{text[k][m.end():]}"
    return text


def build_variants(templates: list[Source], bodies: list[Source], n: int, rng: random.Random
                   ) -> dict[str, tuple[list[Page], list[tuple[str, str, str]]]]:
    """The pages of variants a (boilerplate), b (glued) and c (reprints: n plain bodies and up
    to n/2 quote-heavy ones), and the page pairs each judges ((name, name, kind)). Bodies are
    used once per variant."""
    out: dict[str, tuple[list[Page], list[tuple[str, str, str]]]] = {}
    # a: two unrelated bodies in one template, as is (n pairs) and with its boilerplate (up to
    # n pairs, from the first 3n templates: fewer than half of the templates have any)
    pages, pairs, used, count = [], [], 0, {"plain": 0, "boilerplate": 0}
    for source in templates[: 3 * n]:
        t = Template(source)
        extra = [("p", line) for line in boilerplate_lines(source)] if count["boilerplate"] < n else []
        for kind, tail in (("plain", []), ("boilerplate", extra)):
            if count[kind] >= n or (kind == "boilerplate" and not tail) or used + 2 > len(bodies):
                continue
            x, y = bodies[used : used + 2]
            used += 2
            built = [t.build(b.title, _blocks(b) + tail, f"b{b.id}") for b in (x, y)]
            if None in built:
                break
            names = [f"a-{kind}-t{source.id}-b{b.id}" for b in (x, y)]
            pages += [Page(nm, h, b.title, b.paragraphs)
                      for nm, h, b in zip(names, built, (x, y), strict=True)]
            pairs.append((names[0], names[1], kind))
            count[kind] += 1
    out["a"] = (pages, pairs)
    # b: body X, then (a separator,) Y's title and body, in one template (up to 2n pages)
    pages, pending = [], list(zip(bodies[::2], bodies[1::2], strict=False))
    for source in templates:
        if len(pages) == 2 * n or not pending:
            break
        x, y = pending[0]
        separator = rng.choice(SEPARATORS)
        head = [("p", separator)] if separator else []
        tag = rng.choice(("h2", "p"))
        blocks = _blocks(x) + head + [(tag, y.title)] + _blocks(y)
        html = Template(source).build(x.title, blocks, f"b{x.id}")
        if html is not None:
            pages.append(Page(f"b-t{source.id}-b{x.id}-b{y.id}", html, x.title,
                              [text for _, text in blocks], len(x.paragraphs) + len(head)))
            pending.pop(0)
    out["b"] = (pages, [])
    # c: X in T1, an edited copy of X in T2; plain bodies, then quote-heavy ones
    pages, pairs = [], []
    quoted = [x for x in bodies if quote_share(x) >= QUOTED][: n // 2]
    plain = [x for x in bodies if quote_share(x) < QUOTED][:n]
    chosen = [(x, "reprint") for x in plain] + [(x, "reprint, quote-heavy") for x in quoted]
    used = {x.id for x, _ in chosen}
    donors = iter([b for b in reversed(bodies) if b.id not in used])  # the editor's additions
    spare = iter(zip(templates[::2], templates[1::2], strict=False))
    for x, kind in chosen:
        extra = next(donors).paragraphs[0]
        copy = edited(x.paragraphs, _SENTENCE.split(extra)[0], rng)
        for t1, t2 in spare:  # the next pair of templates that both take a body
            built = [Template(t1).build(x.title, _blocks(x), f"b{x.id}"),
                     Template(t2).build(x.title, [("p", p) for p in copy], f"b{x.id}")]
            if None not in built:
                names = [f"c-t{t1.id}-b{x.id}", f"c-t{t2.id}-b{x.id}-edited"]
                pages += [Page(names[0], built[0], x.title, x.paragraphs),
                          Page(names[1], built[1], x.title, copy)]
                pairs.append((names[0], names[1], kind))
                break
    out["c"] = (pages, pairs)
    return out
