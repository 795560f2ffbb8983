"""JSON and JSON Lines output (named ``jsonout`` so it never shadows the ``json`` module).

``json``: one document, ``Result.to_dict()`` (or ``{"articles": [...]}`` for the articles
command), indented, non-ASCII kept as is. ``jsonl``: one compact object per line, so large
corpora stream: an article per line for ``articles``; for ``compare`` a story per line with
everything needed to read it alone::

    {"story": {...}, "articles": [...its articles...], "pairs": [...its pairs...]}

In both, each pair's conflicts list its ``changed`` figures first, and each pair names its
``story`` (the id of the story holding both its articles; for an ``excerpt`` across two
stories, the story of the page carrying the excerpt, whose record lists it).
Every story comes out (singletons included), in the order of ``Result.stories``; articles
that no story names come last, each as a singleton story, so no article is lost.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any, TextIO

import orjson

from wiretrace.model import Article, Pair, Result
from wiretrace.report.tables import all_stories, story_of_pairs


def _encoded(data: Any, *, indent: bool) -> str:
    """``data`` as JSON text. Why orjson first: encoding was most of the time of writing a
    large report. Text orjson refuses (a lone surrogate from a JSON escape in the input)
    goes through ``json``, which writes the same JSON for everything else."""
    try:
        return orjson.dumps(data, option=orjson.OPT_INDENT_2 if indent else 0).decode()
    except orjson.JSONEncodeError:
        return json.dumps(data, ensure_ascii=False, indent=2 if indent else None,
                          separators=None if indent else (",", ":"))


def _dump(data: Any, out: TextIO, *, indent: bool) -> None:
    out.write(_encoded(data, indent=indent))
    out.write("\n")


def write_articles_json(articles: Sequence[Article], out: TextIO) -> None:
    _dump({"articles": [a.to_dict() for a in articles]}, out, indent=True)


def write_articles_jsonl(articles: Sequence[Article], out: TextIO) -> None:
    for article in articles:
        _dump(article.to_dict(), out, indent=False)


def _changed_first(pair: dict[str, Any]) -> dict[str, Any]:
    """A pair's conflicts with the ``changed`` figures first (order kept otherwise): a
    figure changed in place is the first thing a reader of either version needs."""
    pair["conflicts"].sort(key=lambda c: c.get("kind") != "changed")
    return pair


def result_record(result: Result) -> dict[str, Any]:
    """The JSON document of ``result``: ``to_dict()``, each pair with its ``story``."""
    data = result.to_dict()
    for pair, story in zip(data["pairs"], story_of_pairs(result.stories, result.pairs),
                           strict=True):
        _changed_first(pair)["story"] = story
    return data


def write_result_json(result: Result, out: TextIO) -> None:
    """``result_record(result)`` as indented JSON, the same bytes as one ``_dump`` of it,
    written item by item: each article, story and pair is turned into a dict and encoded
    only when it is written, so the report is never held whole in memory (as dicts, then
    as bytes, then as text: several times the size of the file, gigabytes at 200,000
    articles with explanations)."""
    stories = story_of_pairs(result.stories, result.pairs)
    sections = {
        "articles": (a.to_dict() for a in result.articles),
        "stories": (s.to_dict() for s in result.stories),
        "pairs": (_changed_first(p.to_dict()) | {"story": story}
                  for p, story in zip(result.pairs, stories, strict=True)),
        "problems": (p.to_dict() for p in result.problems),
    }
    out.write("{")
    for k, (key, items) in enumerate(sections.items()):
        out.write(f'{"," if k else ""}\n  {_encoded(key, indent=False)}: [')
        first = True
        for item in items:  # an item two levels deep: its lines indented by four more spaces
            out.write(("\n" if first else ",\n") + "    ")
            out.write(_encoded(item, indent=True).replace("\n", "\n    "))
            first = False
        out.write("]" if first else "\n  ]")
    out.write("\n}\n")


def story_records(result: Result) -> Iterator[dict[str, Any]]:
    """The JSON Lines records of ``result``: one per story (see the module docstring)."""
    by_id = {a.id: a for a in result.articles}
    stories = all_stories(result)
    pairs: dict[str | None, list[Pair]] = {}
    for pair, sid in zip(result.pairs, story_of_pairs(stories, result.pairs), strict=True):
        pairs.setdefault(sid, []).append(pair)
    for story in stories:
        yield {
            "story": story.to_dict(),
            "articles": [by_id[i].to_dict() for i in story.articles if i in by_id],
            "pairs": [_changed_first(p.to_dict()) | {"story": story.id}
                      for p in pairs.get(story.id, [])],
        }


def write_result_jsonl(result: Result, out: TextIO) -> None:
    for record in story_records(result):
        _dump(record, out, indent=False)
