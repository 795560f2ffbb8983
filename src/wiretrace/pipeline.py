"""The whole pipeline, readable top to bottom.

    ingest -> clean -> index -> align -> cluster -> compare

``run(paths, options)`` reads files and returns a ``Result``; ``compare_documents`` starts
from ``Document`` objects already in memory (pages a library user scraped, a benchmark's
synthetic corpus) and ``compare_articles`` from clean ``Article`` objects. Each step is a call
into one stage package; nothing here knows how a stage works, so the same stage functions can
be driven by another orchestrator. Every text is tokenised once, into one ``TextBatch``
(``wiretrace.text``) that the index, align and cluster stages read.

    >>> from wiretrace.run import Options
    >>> result = run(["examples/pages"], Options(quiet=True))      # doctest: +SKIP
    >>> [len(s.articles) for s in result.stories]                  # doctest: +SKIP
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from itertools import chain, islice
from multiprocessing import get_context

import numpy as np

from wiretrace.align import BATCH as ALIGN_BATCH
from wiretrace.align import aligned_batches
from wiretrace.clean import clean_batch, strip_boilerplate
from wiretrace.clean.boilerplate import fold_emptied, strip_for_archive
from wiretrace.cluster import EventRule, build_stories, derivation_links
from wiretrace.compare import explain
from wiretrace.index import find_candidates
from wiretrace.index.archive import Archive
from wiretrace.ingest import expand_paths, from_memory, read
from wiretrace.ingest.sources import STDIN
from wiretrace.model import Article, Document, Pair, Result
from wiretrace.run import Options, ProblemLog, Progress, compile_note, paused_gc
from wiretrace.text import TextBatch, Tokens, batch_tokens, text_batch, tokenize_many

CLEAN_BATCH = 256  # documents cleaned per call (a few MB of pages at most, usually)


def read_articles(
    paths: Iterable[str], options: Options, problems: ProblemLog, progress: Progress | None = None,
    batch: int = CLEAN_BATCH,
) -> Iterator[Article]:
    """Stages ingest + clean: every article found in ``paths``, in input order.

    Documents are cleaned ``batch`` at a time (see ``clean_documents``).
    """
    progress = progress or Progress(enabled=None if not options.quiet else False)
    paths = list(paths)
    if options.jobs > 1 and not problems.strict and STDIN not in paths:
        yield from _read_articles_in_processes(paths, options, problems, progress)
        return
    documents = read(paths, input_format=options.input_format, problems=problems,
                     exclude=options.exclude)
    if progress.enabled:  # the files to read, counted once up front for the bar's total
        files = sum(1 for _ in expand_paths(paths, ProblemLog()))
        opened = problems.files
        documents = progress.track_files(documents, "Reading", files,
                                         lambda: problems.files - opened)
    # strict: one document at a time, so the run stops at the first problem in file order
    # (a batch reads ahead, and the reader logs its problems as it goes)
    yield from clean_documents(documents, problems, 1 if problems.strict else batch)


def _read_articles_in_processes(
    paths: list[str], options: Options, problems: ProblemLog, progress: Progress
) -> Iterator[Article]:
    """``read_articles`` with ``options.jobs`` processes: the input files are read and
    cleaned in workers, a group of files per task (parsing HTML is most of the time of a
    crawl, and it holds the GIL), and the results come back in input order, so the articles
    and their ids are those of one process, and so are the problem lines (a path that names
    no file is told first).

    Why groups: a task's documents are cleaned together (``clean_batch``: one compiled line
    scan per batch, as in one process) and its results sent back in one message, not one
    compiled call and one message per file. Groups are small enough
    (at most ``READ_GROUP`` files, and at least eight tasks per worker) that the workers
    end together."""
    files = list(expand_paths(paths, problems))
    size = max(1, min(READ_GROUP, len(files) // (8 * options.jobs)))
    jobs = [(files[k:k + size], options.input_format, tuple(options.exclude))
            for k in range(0, len(files), size)]
    opened = problems.files
    seen: set[str] = set()
    with ProcessPoolExecutor(options.jobs, mp_context=get_context("fork")) as pool:
        done = chain.from_iterable(pool.map(_articles_of_files, jobs))
        for articles, found, opened_files in progress.track_files(
            done, "Reading", len(files), lambda: problems.files - opened
        ):
            problems.files += opened_files
            for problem in found:
                problems.add(problem.source, problem.reason, where=problem.where)
            yield from unique_ids(articles, seen, problems)


READ_GROUP = 16  # files read and cleaned per task of a worker, at most


def _articles_of_files(job: tuple[list[str], str, tuple[str, ...]]
                       ) -> list[tuple[list[Article], list, int]]:
    """A worker's task in ``_read_articles_in_processes``: for each file of a group, its
    articles, its problems and the number of files it opened (0 or 1); the documents of the
    group cleaned ``CLEAN_BATCH`` at a time, across its files."""
    paths, input_format, exclude = job
    logs = [ProblemLog() for _ in paths]
    articles: list[list[Article]] = [[] for _ in paths]
    documents = ((k, doc) for k, path in enumerate(paths)
                 for doc in read([path], input_format=input_format, problems=logs[k],
                                 exclude=exclude))
    while batch := list(islice(documents, CLEAN_BATCH)):
        for (k, _), found in zip(batch, clean_batch([doc for _, doc in batch]), strict=True):
            articles[k] += found
    return [(found, log.problems, log.files) for found, log in zip(articles, logs, strict=True)]


def clean_documents(
    documents: Iterable[Document], problems: ProblemLog, batch: int = CLEAN_BATCH
) -> Iterator[Article]:
    """Stage clean: the articles of each document, in order, with ids made unique.

    Documents are cleaned ``batch`` at a time (``clean_batch``: one compiled line scan per
    batch), still streaming: a batch is read, cleaned and handed on. When the documents are
    read from files as they come, the reader's problems for a batch are logged before the
    duplicate-id problems of its articles.
    """
    return unique_ids(_cleaned(documents, batch), set(), problems)


def _cleaned(documents: Iterable[Document], batch: int) -> Iterator[Article]:
    """The articles of ``documents``, cleaned ``batch`` documents at a time, in order."""
    pending = iter(documents)
    while docs := list(islice(pending, batch)):
        yield from chain.from_iterable(clean_batch(docs))


def unique_ids(articles: Iterable[Article], seen: set[str], problems: ProblemLog
               ) -> Iterator[Article]:
    """``articles`` with every id made unique against ``seen`` (updated): a JSONL "id" used
    twice becomes ``id~2``, with a problem line saying so."""
    for article in articles:
        if article.id in seen:
            given, n = article.id, 2
            while f"{given}~{n}" in seen:
                n += 1
            article.id = f"{given}~{n}"
            problems.add(article.source, f"article id {given!r} was already used; "
                         f"this one is renamed {article.id!r}")
        seen.add(article.id)
        yield article


def run(paths: Iterable[str], options: Options, problems: ProblemLog | None = None) -> Result:
    """Read ``paths`` and compare every article with every other (and with the archive)."""
    problems = problems if problems is not None else ProblemLog(strict=options.strict)
    progress = Progress(enabled=None if not options.quiet else False)
    with paused_gc():
        articles = list(read_articles(paths, options, problems, progress))
        result = compare_articles(articles, options, progress)
    return _with_problems(result, problems)


def compare_documents(
    documents: Iterable[Document], options: Options, problems: ProblemLog | None = None
) -> Result:
    """``run`` for documents already in memory: clean, then compare.

    A Document of format ``html`` whose text is still markup is parsed like an HTML file.
    """
    problems = problems if problems is not None else ProblemLog(strict=options.strict)
    with paused_gc():
        articles = list(clean_documents(from_memory(documents, problems), problems))
        result = compare_articles(articles, options)
    return _with_problems(result, problems)


def _with_problems(result: Result, problems: ProblemLog) -> Result:
    for problem in result.problems:  # a later stage's trouble with one article or story
        problems.add(problem.source, problem.reason, where=problem.where)
    result.problems = list(problems.problems)
    result.files = problems.files
    return result


@paused_gc()
def compare_articles(
    articles: Sequence[Article], options: Options, progress: Progress | None = None
) -> Result:
    """Stages clean (site boilerplate) -> index -> align -> cluster -> compare over articles
    already in memory (the boilerplate pass edits their texts in place)."""
    progress = progress or Progress(enabled=False)
    articles = list(articles)

    # clean: paragraphs the sites' templates repeat are no evidence of reuse
    with progress.status("Removing site boilerplate"):
        if options.db:  # what recurs on a host across the archive too
            with Archive(options.db, create=False) as archive:
                strip_boilerplate(articles, archive)
        else:
            strip_boilerplate(articles)
        articles = fold_emptied(articles)

    # index: candidate pairs inside the batch, then (optionally) against the archive;
    # every text is tokenised once, into the TextBatch the later stages read
    note = compile_note() if progress.enabled else ""  # looked up only for a person watching
    with progress.status(f"Indexing {len(articles)} articles{note}"):
        batch = text_batch([article.text for article in articles])
        tokens = batch_tokens(batch)
        dates = [article.date for article in articles]
        candidates = [
            (c.i, c.j)
            for c in find_candidates(
                tokens, dates=dates, window_days=options.window_days, jobs=options.jobs,
                all_pairs=options.all_pairs, batch=batch,
            )
        ]
    if options.db:
        stored, stored_tokens, matched = _match_archive(articles, tokens, options)
        offset = len(articles)
        articles += stored
        candidates += [(i, offset + k) for i, k in matched]
        batch = _with_stored(batch, stored, stored_tokens)
        tokens = batch_tokens(batch)  # views of the joined batch (the old arrays freed)
        del stored_tokens

    # align: exact verification and shared passages
    pairs: list[Pair] = []
    steps = aligned_batches(articles, tokens, candidates, batch=batch)
    total = -(-len(candidates) // ALIGN_BATCH)
    for found in progress.track(steps, "Aligning", total=total):
        pairs += found

    # cluster: reuse families and stories (adds same-event pairs)
    window = options.window_days if options.window_days is not None else EventRule.window_days
    with progress.status("Grouping stories"):
        stories, pairs = build_stories(
            articles, pairs, tokens, rule=EventRule(window_days=window), batch=batch
        )
        # each version linked to its closest source (every pair with --all-pairs)
        pairs = derivation_links(articles, pairs, all_pairs=options.all_pairs, stories=stories)
    result = Result(articles=articles, stories=stories, pairs=pairs)

    # compare: what each version added, cut, swapped, and where the figures disagree
    del candidates
    if options.explain:
        columns = list(batch)  # the batch's arrays, held here alone (the views dropped)
        del batch, tokens
        by_id = _explained_tokens(result, columns)
        explain(result, tokens=by_id, progress=progress, jobs=options.jobs)
    return result


def _explained_tokens(result: Result, columns: list[np.ndarray]) -> dict[str, Tokens]:
    """The tokens of the articles the compare stage explains, by article id, as compact
    copies: the ends of reuse pairs and the versions of stories of several. ``columns`` are
    the fields of the run's ``TextBatch`` (the caller's only reference to them), emptied
    here: each field is freed once its kept tokens are copied, so explaining holds the
    tokens it reads, not the whole corpus's (a large crawl's single articles, often most of
    them, are never explained). An article not kept would be tokenised again by the
    compare stage, to the same tokens."""
    wanted = {a for story in result.stories if len(story.articles) > 1 for a in story.articles}
    wanted.update(x for pair in result.pairs if pair.relation == "reuse" for x in (pair.a, pair.b))
    keep = np.fromiter((article.id in wanted for article in result.articles), dtype=np.bool_,
                       count=len(result.articles))
    offsets = columns.pop()
    sizes = np.diff(offsets)
    kept = np.repeat(keep, sizes)  # per token: its article is explained
    ids, starts, ends = (columns.pop(0)[kept] for _ in range(3))  # each field freed in turn
    columns.clear()
    del kept
    cuts = np.zeros(int(keep.sum()) + 1, dtype=np.int64)
    np.cumsum(sizes[keep], out=cuts[1:])
    cut = cuts.tolist()
    explained = [article.id for article, k in zip(result.articles, keep.tolist(), strict=True)
                 if k]
    return {aid: Tokens(ids[a:b], starts[a:b], ends[a:b])
            for aid, a, b in zip(explained, cut, cut[1:], strict=False)}


def _with_stored(batch: TextBatch, stored: list[Article], tokens: list[Tokens]) -> TextBatch:
    """``batch`` followed by the stored articles matched in the archive (their tokens)."""
    if not stored:
        return batch
    more = text_batch([article.text for article in stored], tokens)
    offsets = np.concatenate((batch.token_offsets, more.token_offsets[1:] + len(batch.ids)))
    return TextBatch(*(np.concatenate((x, y)) for x, y in zip(batch[:-1], more[:-1],
                                                               strict=True)), offsets)


def _match_archive(
    articles: list[Article], tokens: list[Tokens], options: Options
) -> tuple[list[Article], list[Tokens], list[tuple[int, int]]]:
    """Stored articles matching the batch: (articles, their tokens, (batch i, stored k))."""
    assert options.db is not None
    with Archive(options.db, create=False) as archive:
        matches = archive.match(
            tokens,
            dates=[a.date for a in articles],
            window_days=options.window_days,
            exclude_ids={a.id for a in articles} | {stored_id(a) for a in articles},
        )
        wanted = sorted({stored_id for _, stored_id, _ in matches})
        stored = archive.get(wanted)
    position = {article.id: k for k, article in enumerate(stored)}
    stored_tokens = tokenize_many([article.text for article in stored])
    matched = [(i, position[stored_id]) for i, stored_id, _ in matches if stored_id in position]
    return stored, stored_tokens, matched


@paused_gc()
def index_add(
    paths: Iterable[str], options: Options, problems: ProblemLog, seconds: float = 2.0
) -> tuple[int, int]:
    """Read ``paths`` and store their articles in the archive: (articles read, newly stored).

    Streams: the articles read in about ``seconds`` (and at most ``MAX_ADD_BATCH``) are stored
    in one transaction, so an archive can grow past memory and a kill loses at most those
    seconds of work. Stored ids name files by absolute path (``stored_id``), so they do not
    depend on the folder the command ran in. Each batch is cleaned of site boilerplate as
    ``compare_articles`` cleans its own: the paragraphs recurring across the articles of one
    host in the batch and in the archive, whose counts each batch adds to.
    """
    assert options.db is not None
    progress = Progress(enabled=None if not options.quiet else False)
    seen = added = 0
    with Archive(options.db) as archive:
        # small cleaning batches: an article is stored seconds after its page is read
        articles = read_articles(paths, options, problems, progress, batch=ADD_CLEAN_BATCH)
        for batch in _batched(articles, seconds):
            footprints = strip_for_archive(batch, archive)  # its sites' templates
            for article in batch:
                article.id = stored_id(article)
            added += archive.add(batch, tokenize_many([article.text for article in batch]),
                                 footprints)
            seen += len(batch)
    return seen, added


MAX_ADD_BATCH = 5000  # articles stored per transaction at most
ADD_CLEAN_BATCH = 16  # documents cleaned per call by index_add (HTML: about a second)


def stored_id(article: Article) -> str:
    """The article's id with its file named by absolute path (ids given by JSONL stay)."""
    source = article.source
    if source != "<stdin>" and article.id.startswith(source):
        path, rest = _file_part(source)
        if path is not None:
            return os.path.abspath(path) + rest + article.id[len(source):]
    return article.id


def _file_part(source: str) -> tuple[str | None, str]:
    """``source`` split into an existing file and what follows it (``:LINE``, ``@OFFSET``)."""
    if os.path.isfile(source):
        return source, ""
    for mark in (":", "@"):
        path, _, tail = source.rpartition(mark)
        if path and tail.isdigit() and os.path.isfile(path):
            return path, mark + tail
    return None, ""


def _batched(items: Iterable[Article], seconds: float) -> Iterator[list[Article]]:
    """``items`` in lists of what arrives within ``seconds`` (at most ``MAX_ADD_BATCH``)."""
    batch: list[Article] = []
    started = 0.0
    for item in items:
        if not batch:
            started = time.monotonic()  # the clock runs from the batch's first article
        batch.append(item)
        if len(batch) == MAX_ADD_BATCH or time.monotonic() - started >= seconds:
            yield batch
            batch = []
    if batch:
        yield batch
