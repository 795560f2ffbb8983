"""The report as data: JSON and JSON Lines documents, and three flat tables for data-frame tools.

**JSON** (``write_result_json``, ``write_result_jsonl``, ``write_articles_*``). ``json``:
one document, ``Result.to_dict()`` (or ``{"articles": [...]}`` for the articles command), indented, non-ASCII kept as is. ``jsonl``: one compact object per line, so large
corpora stream: an article per line for ``articles``; for ``compare`` a story per line with
everything needed to read it alone::

    {"story": {...}, "articles": [...its articles...], "pairs": [...its pairs...]}

In both, each pair's conflicts list its ``changed`` figures first, and each pair names its
``story`` (the id of the story holding both its articles; for an ``excerpt`` across two
stories, the story of the page carrying the excerpt, whose record lists it).
Every story comes out (singletons included), in the order of ``Result.stories``; articles
that no story names come last, each as a singleton story, so no article is lost.

**Tables**: a ``Result`` as three flat tables, articles, pairs and stories, for data-frame tools.

The JSON output nests (a story's articles and pairs inside its record), which suits a reader
of one story, not an analyst: ``pd.read_json`` cannot load it. Here each entity is one row
of its own table, linked by ids as in a relational database:

* ``articles``: one row per article, with ``story``, the id of the story it belongs to;
* ``pairs``: one row per pair, with ``story``, the story both its articles belong to;
* ``stories``: one row per story, singletons included, so every article's story has a row.

Columns are flat; lists appear where a value is naturally a list (a story's article ids,
a pair's passages as ``{a_start, a_end, b_start, b_end}`` structs). The columns and their
Arrow types are ``schemas()``; docs/parquet.md describes each. ``record_batches`` builds a
table ``BATCH_ROWS`` rows at a time (the Parquet writer streams them to disk);
``frames`` gives the three as pandas DataFrames.

Building the tables needs pyarrow (``pip install pyarrow``), ``frames`` pandas too
(``pip install wiretrace[pandas]``); ``story_of_pairs`` and ``all_stories`` need neither.

Parquet output: ``compare --format parquet -o DIR`` writes DIR/articles.parquet,
DIR/pairs.parquet and DIR/stories.parquet, these tables (``write_parquet``). pandas, polars,
DuckDB and Spark read each file as it is (``pd.read_parquet(DIR + "/pairs.parquet")``,
``SELECT * FROM 'DIR/*.parquet'`` per table); docs/parquet.md lists the columns. The tables
are streamed to disk ``BATCH_ROWS`` rows at a time.

Written atomically, as the other outputs: each table goes to a temporary file in DIR, and
the three are renamed over their final names only once all three are complete, so an
interrupted or failed run never leaves a half-written table nor a mix of two runs' tables
beside files it could not finish. DIR is created when missing (its parent must exist).

    >>> write_parquet(result, "out")  # doctest: +SKIP
    ['out/articles.parquet', 'out/pairs.parquet', 'out/stories.parquet']

"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Iterator, Sequence
from datetime import date
from itertools import islice
from typing import Any, NamedTuple, TextIO

import orjson

from wiretrace.model import Article, Conflict, Figure, Pair, Result, Story
from wiretrace.run import paused_gc

TABLES = ("articles", "pairs", "stories")
BATCH_ROWS = 4096  # rows built and written at a time: a few tens of MB of article text
NEEDS_PYARROW = "Parquet tables need pyarrow: pip install pyarrow"
NEEDS_PANDAS = "wiretrace.frames needs pandas and pyarrow: pip install wiretrace[pandas]"


def all_stories(result: Result) -> list[Story]:
    """``result.stories``, then a singleton story ``article:<id>`` for each article no story
    names (as the JSON Lines output writes them), so every article has a story."""
    named = {article_id for story in result.stories for article_id in story.articles}
    return [*result.stories,
            *(Story(id=f"article:{a.id}", articles=[a.id], families=[[a.id]])
              for a in result.articles if a.id not in named)]


def story_of_pairs(stories: Sequence[Story], pairs: Sequence[Pair]) -> list[str | None]:
    """The story of each pair, in ``pairs`` order: the one holding both its articles, or, for
    an ``excerpt`` pair across two stories, the story of the carrying end (the article that is not
    ``source``), so the pair is listed once, with the page that carries the excerpt. None only
    when no story names the pair's article. One map from article to story: linear."""
    story_of = _story_of_articles(stories)
    out: list[str | None] = []
    for pair in pairs:
        carrier = pair.b if pair.source == pair.a else pair.a
        out.append(story_of.get(carrier))
    return out


def _story_of_articles(stories: Sequence[Story]) -> dict[str, str]:
    """Article id -> the id of the first story naming it."""
    story_of: dict[str, str] = {}
    for story in stories:
        for article_id in story.articles:
            story_of.setdefault(article_id, story.id)
    return story_of


def pyarrow_module():  # type: ignore[no-untyped-def]
    """pyarrow, or ``ModuleNotFoundError`` with the one line that says how to get it."""
    try:
        import pyarrow
    except ImportError:
        raise ModuleNotFoundError(NEEDS_PYARROW) from None
    return pyarrow


def schemas() -> dict[str, Any]:
    """Table name -> its Arrow schema (the documented columns, in order)."""
    pa = pyarrow_module()
    text, strings = pa.string(), pa.list_(pa.string())
    span = [pa.field(f"{side}_{end}", pa.int64()) for side in "ab" for end in ("start", "end")]
    figure = pa.struct([
        ("value", pa.float64()), ("text", text), ("noun", text), ("predicate", text),
        ("sentence", text), ("span_start", pa.int64()), ("span_end", pa.int64()),
        ("qualifier", text), ("attribution", text),
    ])
    by_article = pa.list_(pa.struct([("article", text), ("sentences", strings)]))
    return {
        "articles": pa.schema([
            ("id", text), ("story", text), ("source", text), ("index", pa.int64()),
            ("title", text), ("date", pa.date32()), ("dateline", text), ("url", text),
            ("outlet", text), ("site", text), ("format", text), ("credits", strings),
            ("captions", strings), ("text", text), ("removed", strings),
        ]),
        "pairs": pa.schema([
            ("story", text), ("a", text), ("b", text), ("relation", text),
            ("shared_fraction_a", pa.float64()), ("shared_fraction_b", pa.float64()),
            ("passages", pa.list_(pa.struct(span))),
            ("substitutions", pa.list_(pa.struct([
                ("a", text), ("b", text), ("count", pa.int64()), ("kind", text)]))),
            ("only_in_a", strings), ("only_in_b", strings),
            ("conflicts", pa.list_(pa.struct([
                ("what", text), ("kind", text), ("note", text), ("a", figure),
                ("b", figure)]))),
            ("credits_a", strings), ("credits_b", strings), ("credits_added", strings),
            ("credits_dropped", strings),
            ("shared_quotes", pa.list_(pa.struct([("text", text), *span,
                                                  ("speaker", text)]))),
        ]),
        "stories": pa.schema([
            ("id", text), ("base", text), ("size", pa.int64()), ("articles", strings),
            ("families", pa.list_(strings)), ("core", strings), ("additions", by_article),
            ("cuts", by_article),
            ("terminology", pa.list_(pa.list_(pa.struct([("article", text),
                                                         ("term", text)])))),
        ]),
    }


def record_batches(result: Result, table: str, schema: Any = None,
                   stories: Sequence[Story] | None = None) -> Iterator[Any]:
    """The rows of ``table`` (one of ``TABLES``) as Arrow record batches of ``schema``
    (``schemas()[table]`` by default), ``BATCH_ROWS`` rows each; at least one batch, so an
    empty table still carries its columns. ``stories``: ``all_stories(result)``, when the
    caller already has them (building them costs a Story per unnamed article)."""
    pa = pyarrow_module()
    schema = schema if schema is not None else schemas()[table]
    stories = stories if stories is not None else all_stories(result)
    rows: Iterator[dict[str, Any]]
    if table == "articles":
        story_of = _story_of_articles(stories)
        rows = (_article_row(a, story_of.get(a.id)) for a in result.articles)
    elif table == "pairs":
        rows = map(_pair_row, story_of_pairs(stories, result.pairs), result.pairs)
    elif table == "stories":
        rows = map(_story_row, stories)
    else:
        raise ValueError(f"unknown table {table!r}; expected one of {TABLES}")
    chunk = list(islice(rows, BATCH_ROWS))
    yield pa.RecordBatch.from_pylist(chunk, schema=schema)
    while chunk := list(islice(rows, BATCH_ROWS)):
        yield pa.RecordBatch.from_pylist(chunk, schema=schema)


class Frames(NamedTuple):
    """The three tables of a result as pandas DataFrames (unpack or use by name)."""

    articles: Any
    pairs: Any
    stories: Any


@paused_gc()
def frames(result: Result) -> Frames:
    """``articles``, ``pairs`` and ``stories`` of ``result`` as pandas DataFrames, with the
    columns of the Parquet output (docs/parquet.md): the tables built by pyarrow, then
    ``to_pandas`` (lists become arrays of objects, ``date`` Python dates)."""
    try:
        import pandas  # noqa: F401  (to_pandas needs it; this names the missing extra)
        pa = pyarrow_module()
    except ImportError:
        raise ModuleNotFoundError(NEEDS_PANDAS) from None
    shapes, stories = schemas(), all_stories(result)
    tables = [pa.Table.from_batches(list(record_batches(result, name, shapes[name], stories)),
                                    schema=shapes[name]) for name in TABLES]
    return Frames(*(table.to_pandas() for table in tables))


def _article_row(article: Article, story: str | None) -> dict[str, Any]:
    return {
        "id": article.id, "story": story, "source": article.source, "index": article.index,
        "title": article.title,
        "date": date.fromisoformat(article.date) if article.date else None,
        "dateline": article.dateline, "url": article.url, "outlet": article.outlet,
        "site": article.site, "format": article.format, "credits": article.credits,
        "captions": article.captions, "text": article.text, "removed": article.removed,
    }


def _span(prefix: str, span: tuple[int, int]) -> dict[str, int]:
    return {f"{prefix}_start": span[0], f"{prefix}_end": span[1]}


def _figure(figure: Figure) -> dict[str, Any]:
    return {
        "value": figure.value, "text": figure.text, "noun": figure.noun,
        "predicate": figure.predicate, "sentence": figure.sentence,
        **_span("span", figure.span), "qualifier": figure.qualifier,
        "attribution": figure.attribution,
    }


def _conflict(conflict: Conflict) -> dict[str, Any]:
    return {"what": conflict.what, "kind": conflict.kind, "note": conflict.note,
            "a": _figure(conflict.a), "b": _figure(conflict.b)}


def _pair_row(story: str | None, pair: Pair) -> dict[str, Any]:
    credits = pair.credits
    return {
        "story": story, "a": pair.a, "b": pair.b, "relation": pair.relation,
        "shared_fraction_a": pair.shared_fraction_a,
        "shared_fraction_b": pair.shared_fraction_b,
        "passages": [{**_span("a", p.a), **_span("b", p.b)} for p in pair.passages],
        "substitutions": [s.to_dict() for s in pair.substitutions],
        "only_in_a": pair.only_in_a, "only_in_b": pair.only_in_b,
        # changed figures first, as in the JSON output
        "conflicts": [_conflict(c) for c in sorted(pair.conflicts,
                                                   key=lambda c: c.kind != "changed")],
        "credits_a": credits.a if credits else None,
        "credits_b": credits.b if credits else None,
        "credits_added": credits.added if credits else None,
        "credits_dropped": credits.dropped if credits else None,
        "shared_quotes": [{"text": q.text, **_span("a", q.a), **_span("b", q.b),
                           "speaker": q.speaker} for q in pair.shared_quotes],
    }


def _story_row(story: Story) -> dict[str, Any]:
    return {
        "id": story.id, "base": story.base, "size": len(story.articles),
        "articles": story.articles, "families": story.families, "core": story.core,
        "additions": [{"article": k, "sentences": v} for k, v in story.additions.items()],
        "cuts": [{"article": k, "sentences": v} for k, v in story.cuts.items()],
        "terminology": [[{"article": k, "term": v} for k, v in row.items()]
                        for row in story.terminology],
    }


# --- Parquet ----------------------------------------------------------------------------------

def table_paths(folder: str) -> list[str]:
    """The files ``write_parquet`` writes into ``folder``, in ``TABLES`` order."""
    return [os.path.join(folder, f"{name}.parquet") for name in TABLES]


@paused_gc()
def write_parquet(result: Result, folder: str) -> list[str]:
    """Write the three tables of ``result`` into ``folder``; returns their paths.

    The rows are built with the cyclic collector paused (``run.paused_gc``: the many small
    objects made here would set it off again and again, freeing nothing).

    ``ModuleNotFoundError`` (one line: how to install pyarrow) when pyarrow is missing,
    ``OSError`` when ``folder`` cannot be made or written.
    """
    pyarrow_module()
    import pyarrow.parquet as pq

    os.makedirs(folder, exist_ok=True)
    shapes, stories = schemas(), all_stories(result)
    finals = table_paths(folder)
    temporaries: list[str] = []
    try:
        for name in TABLES:
            fd, temporary = tempfile.mkstemp(prefix=f".wiretrace-{name}-", suffix=".part",
                                             dir=folder)
            os.close(fd)
            temporaries.append(temporary)
            with pq.ParquetWriter(temporary, shapes[name]) as writer:
                for batch in record_batches(result, name, shapes[name], stories):
                    writer.write_batch(batch)
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporary, 0o666 & ~umask)  # as open() would make it, not mkstemp's 0600
        for temporary, final in zip(temporaries, finals, strict=True):
            os.replace(temporary, final)
    finally:
        for temporary in temporaries:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
    return finals


# --- JSON and JSON Lines ------------------------------------------------------------------------


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
