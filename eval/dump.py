"""A dump of every field the pipeline produces, to check that a refactoring changed nothing.

For each corpus, the whole pipeline runs (ingest, clean, index, align, cluster, compare) and
the JSON document of ``wiretrace compare --format json`` (``result_record``: every field of
the articles, stories and pairs, with the explanations, each pair with its story, and the
problems) is written one record per line, each tagged with its corpus and kind:

    {"corpus": "extraction", "kind": "article", "record": {...}}

Two dumps are then compared byte for byte (``cmp before.jsonl after.jsonl``).

Corpora (default: all, in this order):

* ``extraction``: ../shared/corpora/scrapinghub-aeb/html and fundus-eval/dataset/html;
* ``wcxb``: ../shared/corpora/wcxb-dev-articles/html;
* ``seeds``: ../shared/seeds;
* ``synthetic``: ``benchmarks.synthetic.generate(SYNTHETIC_ARTICLES, seed=SYNTHETIC_SEED)``,
  each page as scraped text (title, chrome lines, body), so cleaning runs too.

A corpus whose folder is absent is skipped with a note (nothing is copied into the project).

    python -m eval dump /tmp/before.jsonl              # every corpus
    python -m eval dump /tmp/seeds.jsonl seeds         # one
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

import orjson

from wiretrace.model import Document, Result
from wiretrace.pipeline import compare_documents, run
from wiretrace.report.data import result_record
from wiretrace.run import Options

SHARED = Path(__file__).resolve().parents[2] / "shared"
SYNTHETIC_ARTICLES = 2000
SYNTHETIC_SEED = 7
OPTIONS = Options(quiet=True)


def _paths(*parts: str) -> Callable[[], Result | None]:
    folders = [SHARED / part for part in parts]

    def go() -> Result | None:
        if not all(folder.is_dir() for folder in folders):
            return None
        return run([str(folder) for folder in folders], OPTIONS)

    return go


def _synthetic() -> Result:
    from benchmarks.synthetic import generate

    corpus = generate(SYNTHETIC_ARTICLES, seed=SYNTHETIC_SEED)
    documents = [
        Document(source=page.id.split("#")[0], text=page.page_text(), format="text",
                 date=page.date, outlet=page.outlet)
        for page in corpus.pages
    ]
    return compare_documents(documents, OPTIONS)


CORPORA: dict[str, Callable[[], Result | None]] = {
    "extraction": _paths("corpora/scrapinghub-aeb/html", "corpora/fundus-eval/dataset/html"),
    "wcxb": _paths("corpora/wcxb-dev-articles/html"),
    "seeds": _paths("seeds"),
    "synthetic": _synthetic,
}


def _write(out: TextIO, corpus: str, kind: str, record: Any) -> None:
    line = {"corpus": corpus, "kind": kind, "record": record}
    try:
        out.write(orjson.dumps(line).decode())
    except orjson.JSONEncodeError:  # a lone surrogate: json writes it escaped
        import json

        out.write(json.dumps(line, ensure_ascii=True, separators=(",", ":")))
    out.write("\n")


def dump(names: list[str], out: TextIO) -> int:
    """Write the records of each named corpus to ``out``; returns the number written."""
    written = 0
    for name in names:
        result = CORPORA[name]()
        if result is None:
            print(f"dump: {name}: corpus folder absent, skipped", file=sys.stderr)
            continue
        data = result_record(result)
        for kind in ("articles", "stories", "pairs", "problems"):
            for record in data[kind]:
                _write(out, name, kind.removesuffix("s"), record)
                written += 1
        print(f"dump: {name}: {len(data['articles'])} articles, {len(data['stories'])} "
              f"stories, {len(data['pairs'])} pairs, {len(data['problems'])} problems",
              file=sys.stderr)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval dump", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("output", metavar="OUT.jsonl")
    parser.add_argument("corpora", nargs="*", metavar="CORPUS",
                        help=f"corpora to dump (default: all): {', '.join(CORPORA)}")
    args = parser.parse_args(argv)
    unknown = [name for name in args.corpora if name not in CORPORA]
    if unknown:
        parser.error(f"unknown corpus {unknown[0]!r}; choose from {', '.join(CORPORA)}")
    with open(args.output, "w", encoding="utf-8") as out:
        dump(args.corpora or list(CORPORA), out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
