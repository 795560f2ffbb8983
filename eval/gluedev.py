"""Glued articles on many pages, DEV ONLY: the split check to tune on (``eval.realnews``
builds 40 glued pages a split; this builds one a dev template, about 400).

Every page comes from the dev part of wcxb-dev-articles (ids with id % 5 not in {0, 1}):
held-out pages are never read. Each dev page T that takes a body (``Template.build``) is
used two or three times, with bodies drawn (seeded) from the other dev pages of >= 3
paragraphs and >= 100 words:

* glued: X's body, then (sometimes) a separator line, then Y's title (as ``<h2>`` or ``<p>``)
  and body, as ``eval.realnews`` variant b builds it; split right when the page gives 2
  articles, the second starting within one block of Y's title (``eval.realnews._split_right``);
* unglued: another body Z alone in T; must give 1 article;
* boilerplate (templates that have any): another body W alone in T with T's own boilerplate
  lines appended after it (``eval.realnews_pages.boilerplate_lines``, as ``eval.realnews``
  variant a builds it: a template's closing blurbs after a body); must give 1 article. W is
  drawn by a generator of its own, so the glued and unglued pages of a seed stay the same.

Pages go through the project's HTML reader and the clean stage (``clean_batch``: the split
is made there). ``--docs FILE`` keeps the extracted Documents in FILE (JSON lines) and reads
them from it on the next run (the templates' boilerplate lines in ``FILE.boilerplate.json``),
so a change of the splitter is measured in seconds; delete the files after a change of the
reader. ``--seed N`` pairs the pages afresh (tune on some seeds, check on others). ``-v``
lists the pages split wrong.

    python -m eval gluedev [--docs /tmp/glued-docs.jsonl] [--seed N] [-v]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from dataclasses import asdict
from pathlib import Path

import orjson

from eval.realnews import _rate, _split_right
from eval.realnews_pages import (
    SEED,
    SEPARATORS,
    WCXB,
    Page,
    Source,
    Template,
    boilerplate_lines,
    load_sources,
    words,
)
from wiretrace.clean import clean_batch
from wiretrace.ingest.html import html_to_document
from wiretrace.model import Document


def _blocks(source: Source) -> list[tuple[str, str]]:
    return [("p", p) for p in source.paragraphs]


def _bodies(sources: list[Source]) -> list[Source]:
    if any(s.held_out for s in sources):
        raise ValueError("gluedev reads dev pages only")
    return [s for s in sources
            if len(s.paragraphs) >= 3 and len(words(" ".join(s.paragraphs))) >= 100]


def build_pages(sources: list[Source], rng: random.Random) -> tuple[list[Page], list[Page]]:
    """(glued, unglued) pages, one of each per dev template that takes a body."""
    bodies = _bodies(sources)
    glued, single = [], []
    for t in sorted(sources, key=lambda s: s.id):
        x, y, z = rng.sample([b for b in bodies if b.id != t.id], 3)
        separator = rng.choice(SEPARATORS)
        head = [("p", separator)] if separator else []
        blocks = _blocks(x) + head + [(rng.choice(("h2", "p")), y.title)] + _blocks(y)
        template = Template(t)
        html = template.build(x.title, blocks, f"b{x.id}")
        if html is None:
            continue
        glued.append(Page(f"g-t{t.id}-b{x.id}-b{y.id}", html, x.title,
                          [text for _, text in blocks], len(x.paragraphs) + len(head)))
        html = template.build(z.title, _blocks(z), f"b{z.id}")
        if html is not None:
            single.append(Page(f"u-t{t.id}-b{z.id}", html, z.title, z.paragraphs))
    return glued, single


def boilerplate_pages(sources: list[Source], boilerplate: dict[int, list[str]],
                      rng: random.Random) -> list[Page]:
    """One page per dev template with lines in ``boilerplate``: another body alone, the
    template's boilerplate lines after it (a generator of its own: the glued and unglued
    pages of a seed stay the same)."""
    bodies = _bodies(sources)
    pages = []
    for t in sorted(sources, key=lambda s: s.id):
        w = rng.choice([b for b in bodies if b.id != t.id])
        if boilerplate.get(t.id):
            blocks = _blocks(w) + [("p", line) for line in boilerplate[t.id]]
            html = Template(t).build(w.title, blocks, f"b{w.id}")
            if html is not None:
                pages.append(Page(f"t-t{t.id}-b{w.id}", html, w.title, w.paragraphs))
    return pages


def template_boilerplate(sources: list[Source], cache: Path | None) -> dict[int, list[str]]:
    """Each template's own boilerplate lines (``boilerplate_lines``; from ``cache`` when it
    holds them all)."""
    if cache is not None and cache.is_file():
        kept = {int(k): v for k, v in orjson.loads(cache.read_bytes()).items()}
        if set(kept) == {s.id for s in sources}:
            return kept
    found = {s.id: boilerplate_lines(s) for s in sources}
    if cache is not None:
        cache.write_bytes(orjson.dumps({str(k): v for k, v in found.items()}))
    return found


def documents(pages: list[Page], cache: Path | None) -> list[Document]:
    """The project's reader on each page (from ``cache`` for the pages it holds; the others
    are read and added to it)."""
    kept: dict[str, Document] = {}
    if cache is not None and cache.is_file():
        kept = {d.source: d for d in (Document(**orjson.loads(line))
                                      for line in cache.read_bytes().splitlines())}
    missing = [p for p in pages if p.name not in kept]
    kept.update((p.name, html_to_document(p.html, p.name)) for p in missing)
    if cache is not None and missing:
        cache.write_bytes(b"".join(orjson.dumps(asdict(d)) + b"\n" for d in kept.values()))
    return [kept[p.name] for p in pages]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.gluedev", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=Path, help="JSON lines file caching the Documents")
    parser.add_argument("--seed", type=int, default=SEED, help="pairs the dev pages afresh")
    parser.add_argument("-v", "--verbose", action="store_true", help="list the wrong pages")
    args = parser.parse_args(argv)
    if not (WCXB / "ground-truth").is_dir():
        print("gluedev: ../shared/corpora/wcxb-dev-articles not found; skipped")
        return 0
    started = time.perf_counter()
    dev = [s for s in load_sources() if not s.held_out]
    lines = template_boilerplate(
        dev, args.docs.with_name(args.docs.name + ".boilerplate.json") if args.docs else None)
    glued, single = build_pages(dev, random.Random(f"{args.seed}-gluedev"))
    tailed = boilerplate_pages(dev, lines, random.Random(f"{args.seed}-gluedev-boilerplate"))
    pages = glued + single + tailed
    docs = documents(pages, args.docs)
    articles = dict(zip([p.name for p in pages], clean_batch(docs), strict=True))
    right = [p for p in glued if _split_right(p, articles[p.name])]
    two = sum(len(articles[p.name]) == 2 for p in glued)
    false = [p for p in single + tailed if len(articles[p.name]) > 1]
    false_tailed = sum(p.name.startswith("t-") for p in false)
    print(f"gluedev (DEV ONLY, seed {args.seed}, {len(dev)} dev pages as templates)")
    print(f"glued: split right {_rate(len(right), len(glued))}; 2 articles, any boundary "
          f"{_rate(two, len(glued))}")
    print(f"unglued: false split {_rate(len(false) - false_tailed, len(single))}")
    print(f"unglued, the template's boilerplate after the body: false split "
          f"{_rate(false_tailed, len(tailed))}")
    if args.verbose:
        ok = {p.name for p in right}
        for page in glued:
            if page.name not in ok:
                arts = articles[page.name]
                print(f"WRONG {page.name}: {len(arts)} articles; glued title "
                      f"{page.blocks[page.second]!r}; second article "
                      f"{(arts[1].title if len(arts) > 1 else None)!r}")
        for page in false:
            print(f"FALSE {page.name}: " + " | ".join(repr(a.title) for a in articles[page.name]))
    print(f"({time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
