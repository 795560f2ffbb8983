"""Explaining one reuse pair: swaps, sentences and clauses in one version only, figures, credits.

The work is done from the two texts alone, so the stage runs whether or not the alignment
stage has filled ``pair.passages`` (when it has, its passages let weaker sentence matches
through; see ``matching``):

1. split both texts into sentences and match them across versions, order-independently
   (``matching.match_sentences``); a dateline opening either text is left out
   (``clean.lines.dateline_end``);
2. diff each matched group word by word (``worddiff.diff_group``): short replaced runs are
   substitutions, grouped and counted by their case-kept, typography-folded surface forms;
   inserted, deleted or rewritten runs of ``min_clause_words`` words or more are clauses in
   one version only; unmatched sentences are sentences in one version only;
   a figure (a whole token: "10,000", "1.5 million", "40%") is never a swap: changed in a
   matched sentence, it is a ``changed`` conflict (the sentence and span of each version);
   each swap gets its class (``worddiff.swap_kind``);
3. compare the figures of sentences one version alone has, slot by slot (``competing``
   conflicts, see ``conflicts``), and credits (``clean.credits.credits_diff``).

Each text is analysed once (sentences, word ids) and each sentence's figures read once, so
explaining all the pairs of a story costs one analysis per article plus one cheap diff per
pair. ``explain`` passes one ``Analyses`` per story that holds them (built from the tokens
the pipeline already has); alone, ``explain_pair`` caches analyses by text.

    >>> from wiretrace.model import Article, Pair
    >>> a = Article(id="a#1", source="a", index=1, text="Daesh fighters attacked. Two died.")
    >>> b = Article(id="b#1", source="b", index=1, text="ISIS fighters attacked.")
    >>> p = explain_pair(a, b, Pair(a="a#1", b="b#1", relation="reuse"))
    >>> [(s.a, s.b, s.count) for s in p.substitutions], p.only_in_a
    ([('Daesh', 'ISIS', 1)], ['Two died.'])
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from wiretrace.clean.credits import credits_diff
from wiretrace.clean.lines import dateline_end
from wiretrace.compare.conflicts import changed_in_place, competing_conflicts, may_compete, touched
from wiretrace.compare.figures import extract_figures, range_end
from wiretrace.compare.matching import Analysed, Span, match_groups
from wiretrace.compare.sentences import CLAUSE_MARK, clause_around
from wiretrace.compare.worddiff import (
    Block,
    diff_group,
    is_typography,
    one_word_swaps,
    raw_blocks,
    span_text,
    swap_kind,
)
from wiretrace.model import Article, Conflict, Figure, Pair, Substitution
from wiretrace.text import Tokens, normalize
from wiretrace.vocabulary import ABBREVIATIONS, APOSTROPHES, DANGLING

MIN_CLAUSE_WORDS = 3
MAX_SWAP_WORDS = 4

@lru_cache(maxsize=256)
def analyse(text: str, skip: int = 0) -> Analysed:
    """The sentences and word ids of ``text`` (cached by text)."""
    return Analysed.of(text, skip=skip)


class Analyses:
    """What a run has worked out about its articles, shared by the pairs and stories of one
    story: each article's analysis (from ``tokens[id]`` when given: the pipeline has
    tokenised every article already) and figures, and the diffs that do not depend on
    alignment passages (a story diffs its base against versions its pairs diffed already).
    Drop it to free the memory.
    """

    def __init__(self, tokens: Mapping[str, Tokens] | None = None) -> None:
        self.tokens = tokens
        self.docs: dict[tuple[str, int], Analysed] = {}
        self.figures: dict[str, list[Figure]] = {}
        self.diffs: dict[tuple[str, int, str, int], Diff] = {}

    def __call__(self, article: Article, skip: int) -> Analysed:
        """``article.text`` analysed, its first ``skip`` chars masked (``Analysed.of``)."""
        key = (article.id, skip)
        doc = self.docs.get(key)
        if doc is None:
            given = self.tokens.get(article.id) if self.tokens is not None else None
            doc = Analysed.of(article.text, given, skip) if given is not None else analyse(
                article.text, skip
            )
            self.docs[key] = doc
        return doc

    def figures_of(self, article: Article, doc: Analysed) -> list[Figure]:
        """The figures of ``article`` (analysed as ``doc``), dateline included."""
        found = self.figures.get(article.id)
        if found is None:
            found = self.figures[article.id] = extract_figures(doc.text, doc.full)
        return found

    def diff(
        self,
        a: Article,
        b: Article,
        passages: list[tuple[tuple[int, int], tuple[int, int]]] | None = None,
    ) -> Diff:
        """``diff_analysed`` of two articles, each dateline masked (see ``masked``)."""
        skip_a, skip_b = masked(a, [b]), masked(b, [a])
        key = (a.id, skip_a, b.id, skip_b)
        found = self.diffs.get(key)
        if found is not None:
            return found
        diff = diff_analysed(self(a, skip_a), self(b, skip_b), passages)
        if not diff.needs_passages:
            self.diffs[key] = diff
        return diff


def masked(article: Article, others: Iterable[Article]) -> int:
    """Where the dateline prefix of ``article`` ends: its own dateline, else one of the
    other versions' (the cleaning stage may record it on one version only)."""
    return dateline_end(article.text, [article.dateline, *(o.dateline for o in others)])


@lru_cache(maxsize=16384)
def fold(surface: str) -> str:
    """Typography folded, case kept: the grouping key of a substitution."""
    folded = normalize(surface)
    return "".join(o if o.lower() == f else f for o, f in zip(surface, folded, strict=True))


@dataclass
class Diff:
    """What differs between two texts: swaps with counts, and (offset, text) one-side runs."""

    substitutions: list[Substitution] = field(default_factory=list)
    only_a: list[tuple[int, str]] = field(default_factory=list)
    only_b: list[tuple[int, str]] = field(default_factory=list)
    shared_a: list[int] = field(default_factory=list)  # a's sentences matched in b
    shared_b: list[int] = field(default_factory=list)  # b's sentences matched in a
    a_of_b: dict[int, int] = field(default_factory=dict)  # matched b sentence -> its a sentence
    changed: list[Conflict] = field(default_factory=list)  # figures changed in place
    needs_passages: bool = False  # True when the passages changed the sentence match


def diff_texts(
    text_a: str,
    text_b: str,
    passages: list[tuple[tuple[int, int], tuple[int, int]]] | None = None,
    min_clause_words: int = MIN_CLAUSE_WORDS,
    max_swap_words: int = MAX_SWAP_WORDS,
    skip_a: int = 0,
    skip_b: int = 0,
) -> Diff:
    """Substitutions and one-side sentences/clauses between two texts (the first ``skip_a``
    and ``skip_b`` chars left out: a dateline prefix)."""
    return diff_analysed(
        analyse(text_a, skip_a), analyse(text_b, skip_b), passages, min_clause_words,
        max_swap_words,
    )


def diff_analysed(
    a: Analysed,
    b: Analysed,
    passages: list[tuple[tuple[int, int], tuple[int, int]]] | None = None,
    min_clause_words: int = MIN_CLAUSE_WORDS,
    max_swap_words: int = MAX_SWAP_WORDS,
) -> Diff:
    """``diff_texts`` on texts analysed already."""
    text_a, text_b = a.text, b.text
    groups, linked = match_groups(a, b, passages or ())
    # the change blocks of each matched group that changes (most pair two identical
    # sentences: nothing to diff)
    raws: dict[int, list[tuple[int, int, int, int]]] = {}
    known: set[tuple[int, int]] = set()
    a_ids, b_ids = a.ids, b.ids
    for k, (sa, sb) in enumerate(groups):
        if not sa or not sb or (
            len(sa) == 1 and len(sb) == 1 and a_ids[sa[0]] == b_ids[sb[0]]
        ):
            continue
        raw = raw_blocks(a, sa, b, sb)
        if raw:
            raws[k] = raw
            known |= one_word_swaps(a, sa, b, sb, raw)
    diff = Diff(needs_passages=linked)
    only_a, only_b, shared_a, shared_b = diff.only_a, diff.only_b, diff.shared_a, diff.shared_b
    a_of_b = diff.a_of_b
    for sa, sb in groups:
        if not sb:
            only_a.extend((a.sentences[i][0], a.sentence(i)) for i in sa)
        elif not sa:
            only_b.extend((b.sentences[j][0], b.sentence(j)) for j in sb)
        else:
            shared_a += sa
            shared_b += sb
            first = sa[0]
            for j in sb:
                a_of_b[j] = first
    counts: dict[tuple[str, str], Substitution] = {}
    seen_figures: set[tuple[Span, Span]] = set()
    for k, raw in raws.items():
        sa, sb = groups[k]
        for block in diff_group(a, sa, b, sb, known, max_swap_words, raw=raw):
            # a longer block is a reworded clause whether or not it holds a number: its
            # figures are not looked for
            short = max(block.a_words, block.b_words) <= max_swap_words
            fa = touched(a, block.a_spans) if short else ()
            fb = touched(b, block.b_spans) if short else ()
            if fa or fb:
                # a figure is never a swap: changed in place, or dropped with its words
                # (figures paired in order; unequal numbers of them are a rewrite, no pairs);
                # a longer block is a reworded clause that happens to hold a number
                for (span_a, va), (span_b, vb) in zip(fa, fb, strict=True) if len(
                    fa) == len(fb) else ():
                    key2 = (span_a, span_b)
                    if va == vb:  # a range with the same start: its end may differ
                        ends = (range_end(text_a[span_a[0] : span_a[1]]),
                                range_end(text_b[span_b[0] : span_b[1]]))
                        if None not in ends:
                            va, vb = ends
                    if va != vb and key2 not in seen_figures:
                        seen_figures.add(key2)
                        diff.changed.append(changed_in_place(a, span_a, va, b, span_b, vb))
                continue
            ta, tb = span_text(text_a, block.a_spans), span_text(text_b, block.b_spans)
            if (
                block.a_words
                and block.b_words
                and max(block.a_words, block.b_words) <= max_swap_words
                and block.a_words + block.b_words <= max_swap_words + 2
            ):
                if is_typography(ta, tb):
                    continue
                ta, tb = _possessive(ta, tb)
                ta = with_period(text_a, block.a_spans[-1][1], ta)
                tb = with_period(text_b, block.b_spans[-1][1], tb)
                key = (fold(ta), fold(tb))
                if key in counts:
                    counts[key].count += 1
                else:
                    counts[key] = Substitution(a=key[0], b=key[1], count=1)
                continue
            if _fragment(block.a_words, ta, block.b_words, tb, min_clause_words, max_swap_words):
                # a rewrite or a fragment: the whole clauses (or sentences) on both sides,
                # unless the rewrite is a clause's whole opening or ending on both sides
                # (a subject reworded: "Fighters of the X front" -> "X rebels")
                wa = _widened(a, sa, block.a_spans, block.a_at)
                wb = _widened(b, sb, block.b_spans, block.b_at)
                if not (block.a_words and block.b_words and _edge(block, wa, wb, ta, tb)):
                    diff.only_a.append(wa[:2])
                    diff.only_b.append(wb[:2])
                    continue
            if block.a_words >= min_clause_words:
                diff.only_a.append((block.a_spans[0][0], ta))
            if block.b_words >= min_clause_words:
                diff.only_b.append((block.b_spans[0][0], tb))
    diff.only_a = _outermost(diff.only_a)
    diff.only_b = _outermost(diff.only_b)
    for sub in counts.values():
        sub.kind = swap_kind(sub.a, sub.b, sub.count)
    diff.substitutions = sorted(counts.values(), key=lambda s: -s.count)
    diff.changed.sort(key=lambda c: c.a.span)
    return diff


def _fragment(
    a_words: int, ta: str, b_words: int, tb: str, min_words: int, max_swap: int
) -> bool:
    """Whether a change too long for a swap is no clause of its own: a rewrite of at least
    ``min_words`` words a side, or a cut or added run of that many ending in a word that
    cannot end a clause ("Fighters of the"). A rewrite with a swap-sized side facing a
    clause mark, or a cut or added run holding one, is left as it is: a clause cut or added
    next to a swap ("as smoke rose, firefighters" for "the fire brigade") or with the word
    linking it to the next ("as smoke rose, and") reads better apart."""
    if a_words and b_words:
        if min(a_words, b_words) <= max_swap and (
            CLAUSE_MARK.search(ta) or CLAUSE_MARK.search(tb)
        ):
            return False
        return min(a_words, b_words) >= min_words
    text = ta or tb
    return (
        max(a_words, b_words) >= min_words
        and _dangles(text)
        and not CLAUSE_MARK.search(text)  # a clause and its link: "as smoke rose, and"
    )


def _widened(
    doc: Analysed, group: list[int], spans: list[Span], at: int
) -> tuple[int, str, Span]:
    """The clause of ``doc`` around the changed words ``spans`` (or the gap at ``at``) of
    one of the sentences ``group``, as (offset, text, clause span before the whole-sentence
    rule); the whole sentence when the clause is most of it (``sentences.clause_around``)."""
    lo, hi = (spans[0][0], spans[-1][1]) if spans else (at, at)
    sentence = next(
        (doc.sentences[i] for i in group if doc.sentences[i][0] <= lo <= doc.sentences[i][1]),
        doc.sentences[group[0]],
    )
    clause, whole = clause_around(doc.text, sentence, lo, hi)
    s, e = sentence if whole else clause
    return s, doc.text[s:e], clause


def _edge(
    block: Block, wa: tuple[int, str, Span], wb: tuple[int, str, Span], ta: str, tb: str
) -> bool:
    """Whether a rewrite (texts ``ta``, ``tb``) opens its clause on both sides, ending in
    no dangling word, or ends its clause on both sides: a whole phrase reworded."""
    (sa, ea), (sb, eb) = wa[2], wb[2]
    a_lo, a_hi = block.a_spans[0][0], block.a_spans[-1][1]
    b_lo, b_hi = block.b_spans[0][0], block.b_spans[-1][1]
    opens = a_lo <= sa and b_lo <= sb and not _dangles(ta) and not _dangles(tb)
    return opens or (a_hi >= ea and b_hi >= eb)


def _dangles(text: str) -> bool:
    """Whether ``text`` ends in a word that cannot end a clause ("of the")."""
    words = text.split()
    return bool(words) and words[-1].lower() in DANGLING


def _outermost(items: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The (offset, text) runs in order, each once, none inside another."""
    out: list[tuple[int, str]] = []
    for at, text in sorted(set(items), key=lambda x: (x[0], -len(x[1]))):
        if out and at + len(text) <= out[-1][0] + len(out[-1][1]):
            continue
        out.append((at, text))
    return out


def _possessive(ta: str, tb: str) -> tuple[str, str]:
    """A possessive ending both sides share, dropped: "rebels'" -> "rebels", "program's"."""
    if ta[-1] in APOSTROPHES and tb[-1] in APOSTROPHES:
        return ta[:-1], tb[:-1]
    if ta[-2:-1] in APOSTROPHES and tb[-2:-1] in APOSTROPHES and ta[-1] == tb[-1] == "s":
        return ta[:-2], tb[:-2]
    return ta, tb


def with_period(text: str, end: int, surface: str) -> str:
    """``surface`` with the period that follows it in ``text`` when its last word is an
    abbreviation ("Gov." keeps its period; a sentence's full stop stays out)."""
    if text[end : end + 1] == "." and surface.rsplit(None, 1)[-1].lower() in ABBREVIATIONS:
        return surface + "."
    return surface


def explain_pair(a: Article, b: Article, pair: Pair, analyses: Analyses | None = None) -> Pair:
    """Fill ``pair``'s substitutions, only_in_a/b, conflicts and credits (in place; returned).

    ``analyses`` shares the work between the pairs and the story of a run.
    """
    analyses = analyses or Analyses()
    passages = [(tuple(p.a), tuple(p.b)) for p in pair.passages]
    diff = analyses.diff(a, b, passages)  # type: ignore[arg-type]
    pair.substitutions = diff.substitutions
    pair.only_in_a = [text for _, text in diff.only_a]
    pair.only_in_b = [text for _, text in diff.only_b]
    doc_a, doc_b = analyses(a, masked(a, [b])), analyses(b, masked(b, [a]))
    competing = (
        competing_conflicts(
            analyses.figures_of(a, doc_a), doc_a, analyses.figures_of(b, doc_b), doc_b, diff
        )
        if may_compete(doc_a, diff.shared_a) or may_compete(doc_b, diff.shared_b)
        else []
    )
    pair.conflicts = sorted([*diff.changed, *competing], key=lambda c: c.a.span)
    pair.credits = credits_diff(a, b)
    return pair
