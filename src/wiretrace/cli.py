"""The ``wiretrace`` command: parses arguments, calls the library, reports problems.

Nothing here does pipeline work; see ``wiretrace.pipeline``. Exit codes: 0 when every input
was read without a problem, 1 when some input had problems (each printed as one line naming
the file and line or record, then a summary "N files, M articles, K problems"), 2 for a usage
error or an unusable archive.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
from collections.abc import Iterator, Sequence
from typing import TextIO

from wiretrace import __version__
from wiretrace.run import Options, ProblemLog, StrictStop

INPUT_FORMATS = ("auto", "text", "html", "jsonl", "warc", "parquet")

MAIN_EPILOG = """\
examples:
  wiretrace articles page.html            clean one scraped page, show its articles
  wiretrace articles dump.jsonl.gz --format json -o articles.json
  wiretrace compare pages/                which articles reprint which, and how they differ
  wiretrace compare pages/ --format html -o report.html
  wiretrace compare articles.parquet --format parquet -o tables/
                                          Parquet in; articles, pairs, stories tables out
  wiretrace index add crawl/*.warc.gz --db archive.sqlite
  wiretrace compare today/ --db archive.sqlite   also match against everything stored
  wiretrace index check --db archive.sqlite      is the archive sound?

Inputs (PATH): files, folders (read recursively), glob patterns, or - for stdin.
Plain text, HTML, JSONL (one article per line: "text" or "html", optional "id", "url",
"title", "date", "outlet"), WARC and Parquet (one article per row, the same columns as
JSONL's keys) are told apart by content; .gz is read transparently.
"""


class UsageError(Exception):
    """A combination of arguments that cannot work (exit code 2, one line)."""


class _Formatter(argparse.RawDescriptionHelpFormatter):
    def __init__(self, prog: str) -> None:
        super().__init__(prog, max_help_position=30)


def _add_input_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files, folders, globs, or -")
    parser.add_argument(
        "--input-format", choices=INPUT_FORMATS, default="auto",
        help="read every input as this format instead of detecting it (default: auto)",
    )
    parser.add_argument(
        "--jobs", type=_at_least(1), default=1, metavar="N",
        help="processes that read and clean the input files (HTML parsing is most of the "
             "time of a crawl); compare also checks candidates on N threads and explains "
             "the stories in N processes; the output is the same for any N (default 1; --strict and stdin read in one process)"
    )
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--keep-going", dest="strict", action="store_false",
                      help="report bad inputs and go on with the rest (the default)")
    mode.add_argument("--strict", dest="strict", action="store_true",
                      help="stop at the first bad input")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    parser.set_defaults(strict=False)


def _add_output_arguments(parser: argparse.ArgumentParser, formats: Sequence[str]) -> None:
    parser.add_argument("--format", choices=formats, default="text",
                        help="output format (default: text, a readable summary)")
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")


def _at_least(minimum: int):
    """An argparse type: a whole number no smaller than ``minimum``."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"must be {minimum} or more, not {value}")
        return value

    return parse


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (also used to render ``--help``)."""
    parser = argparse.ArgumentParser(
        prog="wiretrace",
        description="Find which news articles reproduce the same source text (wire copy, "
        "press releases), group them into stories, and explain how each outlet's version "
        "differs: shared core, additions, cuts, swapped words and conflicting figures.",
        epilog=MAIN_EPILOG,
        formatter_class=_Formatter,
    )
    parser.add_argument("--version", action="version", version=f"wiretrace {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    articles = commands.add_parser(
        "articles",
        help="clean pages into articles (chrome removed, multi-article pages split)",
        description="Read pages and print the articles found in them: title, date, "
        "dateline, credits, captions and body paragraphs, with every dropped chrome line "
        "kept in 'removed'.",
        formatter_class=_Formatter,
    )
    _add_input_arguments(articles)
    _add_output_arguments(articles, ("text", "json", "jsonl"))

    compare = commands.add_parser(
        "compare",
        help="find reprints and stories, explain how versions differ",
        description="Find every pair of articles that reproduce the same source text, align "
        "the shared passages, group articles into stories, and explain the differences.",
        epilog="JSON output: {articles, stories, pairs, problems}; see docs/json.md.\n"
        "Parquet output (--format parquet -o DIR): DIR/articles.parquet, pairs.parquet and\n"
        "stories.parquet, for pandas, polars, DuckDB or Spark; see docs/parquet.md.",
        formatter_class=_Formatter,
    )
    _add_input_arguments(compare)
    _add_output_arguments(compare, ("text", "json", "jsonl", "html", "parquet"))
    compare.add_argument(
        "--db", metavar="FILE", help="also match against the articles stored in this archive"
    )
    compare.add_argument(
        "--window-days",
        type=_at_least(0),
        metavar="N",
        help="only pair articles whose dates are at most N days apart (undated always pair)",
    )
    compare.add_argument(
        "--no-explain",
        dest="explain",
        action="store_false",
        help="skip the compare stage (faster: pairs and stories only)",
    )
    compare.add_argument(
        "--all-pairs",
        action="store_true",
        help="list every pair of versions that share text, not only each version's link to "
        "its closest source (quadratic in the copies of a widely carried story)",
    )
    compare.add_argument(
        "--engine",
        choices=("local", "spark"),
        default="local",
        help="run on this machine (local), or on Apache Spark (needs wiretrace[spark]; "
        "same answers; see docs/spark.md)",
    )
    compare.add_argument(
        "--master",
        metavar="URL",
        help="the Spark master of --engine spark: local[*] (the default; under spark-submit, "
        "its --master), local[2], spark://host:7077, yarn, ...",
    )

    index = commands.add_parser(
        "index",
        help="manage a persistent archive of articles (SQLite)",
        description="A persistent archive lets new articles be matched against everything "
        "seen before: `wiretrace index add` stores, `wiretrace compare --db` matches.",
        formatter_class=_Formatter,
    )
    index_commands = index.add_subparsers(dest="index_command", metavar="ACTION", required=True)
    add = index_commands.add_parser(
        "add",
        help="store articles (re-adding an article is a no-op)",
        description="Read PATHs and store their articles, signatures and LSH buckets in the "
        "archive FILE (created if missing). Each batch is one transaction.",
        formatter_class=_Formatter,
    )
    _add_input_arguments(add)
    add.add_argument("--db", metavar="FILE", required=True, help="the archive file")
    check = index_commands.add_parser(
        "check",
        help="check an archive: SQLite's integrity check and wiretrace's own invariants",
        description="Check the archive FILE: SQLite's integrity check, then that every stored "
        "article reads back whole and every LSH bucket entry names a stored article. Exit "
        "code 0 when sound, 1 with one line per fault otherwise.",
        formatter_class=_Formatter,
    )
    check.add_argument("--db", metavar="FILE", required=True, help="the archive file")
    parser.commands = {"articles": articles, "compare": compare, "add": add, "check": check}
    return parser


@contextlib.contextmanager
def _output(path: str | None) -> Iterator[TextIO]:
    """Standard output, or ``path`` written atomically.

    The report goes to a temporary file in the same folder, renamed over ``path`` only once
    it is complete: an interrupted run never leaves half a report, nor destroys the last one.
    """
    if path is None or path == "-":
        yield sys.stdout
        return
    folder = os.path.dirname(os.path.abspath(path))
    fd, temporary = tempfile.mkstemp(prefix=".wiretrace-", suffix=".part", dir=folder)
    try:
        with open(fd, "w", encoding="utf-8", newline="\n") as handle:
            yield handle
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)  # as open() would have made it, not mkstemp's 0600
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def _check_output(path: str | None, inputs: Sequence[str] = ()) -> None:
    """Fail before a long run, not after it, when ``-o`` cannot be written or is an input."""
    if path is None or path == "-":
        return
    folder = os.path.dirname(os.path.abspath(path))
    if os.path.isdir(path):
        raise OSError(21, "is a directory, not a file", path)
    if not os.path.isdir(folder):
        raise OSError(2, "no such folder for the output file", path)
    if not os.access(folder, os.W_OK):
        raise OSError(13, "cannot write into this folder", path)
    for given in inputs:
        if given != "-" and os.path.exists(given) and os.path.exists(path) \
                and os.path.samefile(given, path):
            raise UsageError(f"{path}: the output file is also an input; "
                             f"write the output elsewhere (-o)")


def _options(args: argparse.Namespace) -> Options:
    return Options(
        input_format=getattr(args, "input_format", "auto"),
        strict=getattr(args, "strict", False),
        quiet=getattr(args, "quiet", False),
        jobs=getattr(args, "jobs", 1),
        window_days=getattr(args, "window_days", None),
        db=getattr(args, "db", None),
        explain=getattr(args, "explain", True),
        all_pairs=getattr(args, "all_pairs", False),
        exclude=_written(args),
    )


def _written(args: argparse.Namespace) -> tuple[str, ...]:
    """The files this run writes, never read as its inputs (a report written into the folder
    being read; Parquet tables written into it, which are readable input)."""
    output = getattr(args, "output", None)
    if output in (None, "-"):
        return ()
    if getattr(args, "format", None) == "parquet":
        from wiretrace.report.data import table_paths

        return tuple(table_paths(output))
    return (output,)


def _check_folder(path: str | None) -> None:
    """``--format parquet`` writes a folder: fail before a long run when it cannot."""
    from wiretrace.report.data import pyarrow_module

    if path is None or path == "-":
        raise UsageError("Parquet output is a folder of three tables; add -o DIR")
    try:
        pyarrow_module()
    except ImportError as missing:
        raise UsageError(str(missing)) from None
    if os.path.exists(path) and not os.path.isdir(path):
        raise OSError(20, "not a folder (Parquet output is a folder of tables)", path)
    if not os.path.isdir(os.path.dirname(os.path.abspath(path))):
        raise OSError(2, "no such folder for the output folder", path)


def _check_archive(path: str, problems: ProblemLog) -> int:
    """``index check``: each fault is a problem of the archive file; returns the articles."""
    from wiretrace.index.archive import check_archive

    problems.files += 1
    stored, faults = check_archive(path)
    for fault in faults:
        problems.add(path, fault)
    if not faults:
        print(f"wiretrace: {path}: sound ({stored} articles)", file=sys.stderr)
    return stored


def _check_engine(args: argparse.Namespace) -> None:
    """Options of one engine given to the other: say so before a long run."""
    if getattr(args, "engine", "local") == "spark":
        if args.db:
            raise UsageError("--db (an archive) works with the local engine only")
    elif getattr(args, "master", None) is not None:
        raise UsageError("--master names a Spark master; add --engine spark")


def _spark_engine():  # type: ignore[no-untyped-def]
    """The Spark engine module, or a usage error saying what to install."""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        raise UsageError("--engine spark needs pyspark: pip install 'wiretrace[spark]'") from None
    from wiretrace import spark

    return spark


def _run(args: argparse.Namespace, problems: ProblemLog) -> int:
    """Run one command; returns the number of articles (for the summary)."""
    from wiretrace import pipeline, report

    options = _options(args)
    _check_engine(args)
    if getattr(args, "format", None) == "parquet":
        _check_folder(args.output)
    else:
        _check_output(getattr(args, "output", None), getattr(args, "paths", ()))
    if args.command == "articles":
        articles = list(pipeline.read_articles(args.paths, options, problems))
        with _output(args.output) as out:
            report.render_articles(articles, args.format, out)
        return len(articles)
    if args.command == "compare":
        if args.format == "html" and args.output is None and sys.stdout.isatty():
            raise UsageError("an HTML report would flood the terminal; add -o report.html")
        if args.engine == "spark":
            result = _spark_engine().run(args.paths, options, problems, master=args.master)
        else:
            result = pipeline.run(args.paths, options, problems)
        if args.format == "parquet":
            report.write_parquet(result, args.output)
            return len(result.articles)
        with _output(args.output) as out:
            report.render_result(result, args.format, out)
        return len(result.articles)
    if args.index_command == "check":
        return _check_archive(args.db, problems)
    read, added = pipeline.index_add(args.paths, options, problems)
    print(f"wiretrace: {added} new article{'' if added == 1 else 's'} stored in {args.db} "
          f"({read - added} already there)", file=sys.stderr)
    return read


def _parse(parser: argparse.ArgumentParser, argv: Sequence[str] | None) -> argparse.Namespace:
    """Parse ``argv``, letting input paths and options come in any order.

    argparse takes one run of positionals for ``PATH...``; paths after an option
    (``compare seeds --strict more/``) come back unparsed and are added to the paths here.
    An unknown option is still an error, reported with the usage of the command given.
    """
    args, extra = parser.parse_known_args(argv)
    unknown = [item for item in extra if item.startswith("-") and item != "-"]
    if unknown or (extra and not hasattr(args, "paths")):
        command = parser.commands.get(getattr(args, "index_command", None) or args.command, parser)
        command.error(f"unrecognized arguments: {' '.join(unknown or extra)}")
    if extra:
        args.paths = [*args.paths, *extra]
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``wiretrace`` console script."""
    parser = build_parser()
    args = _parse(parser, argv)
    problems = ProblemLog(strict=getattr(args, "strict", False), stream=sys.stderr)
    from wiretrace.index.archive import ArchiveError

    articles = 0
    try:
        articles = _run(args, problems)
    except StrictStop:
        print("wiretrace: stopped at the first problem (--strict)", file=sys.stderr)
    except (ArchiveError, UsageError) as error:
        print(f"wiretrace: error: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # output piped into `head`
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except OSError as error:  # e.g. -o into a missing folder
        name = f"{error.filename}: " if error.filename else ""
        print(f"wiretrace: error: {name}{error.strerror or error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("wiretrace: interrupted", file=sys.stderr)
        return 130
    print(f"wiretrace: {problems.summary(articles)}", file=sys.stderr)
    return 1 if problems.problems else 0


if __name__ == "__main__":
    sys.exit(main())
