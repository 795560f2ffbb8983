"""Explaining a story: the core every version shares, each version's additions and cuts, and
the terms each version uses.

Base version: the *earliest-dated* version, the likeliest source; where dates are missing or
equal (often: dates are to the day), the longest, usually the fullest copy of the wire
story (then the smallest id). Measured against the longest instead, a reprint's own
additions read as the original's cuts. ``additions`` and ``cuts`` hold one entry per version except the base (the base is
the version without an entry); each lists, in order, the sentences or clauses that version has
and the base lacks (additions) or the base has and it lacks (cuts).

Versions: the reuse family of the base (``story.families`` when the clustering stage filled it,
else the articles linked to the base by ``reuse`` pairs, else, when no pair is given at all,
every article of the story). Articles that only report the same event share no text, so
they get no additions or cuts and do not empty the core.

``core``: the base's sentences matched in every other version, runs of consecutive sentences
of one paragraph joined into one passage (as base text). ``terminology``: one row per base term that some
version swaps, ``{article id: term}``; a version that keeps the base's word gets it too; a
version using several replacements lists them as "a / b" (most frequent first). Numbers are
not terminology; a possessive ending on both sides is dropped ("jihadists'" -> "jihadists").
A ``wording`` swap that several versions make against the base is promoted to ``term``, in
the story's pairs too (``worddiff.promote_recurring``).

    >>> from wiretrace.model import Article, Story
    >>> arts = {"a": Article(id="a", source="a", index=1, text="Daesh attacked. It rained."),
    ...         "b": Article(id="b", source="b", index=1, text="ISIS attacked.")}
    >>> s = explain_story(Story(id="s1", articles=["a", "b"]), arts, [])
    >>> s.core, s.cuts, s.terminology
    (['Daesh attacked.'], {'b': ['It rained.']}, [{'a': 'Daesh', 'b': 'ISIS'}])
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache

from wiretrace.compare.matching import Analysed
from wiretrace.compare.pairs import Analyses, Diff, diff_analysed, masked
from wiretrace.compare.worddiff import number_value, promote_recurring
from wiretrace.model import Article, Pair, Story


def _versions(story: Story, articles: Mapping[str, Article], pairs: Sequence[Pair]) -> list[str]:
    present = [aid for aid in story.articles if aid in articles]
    families = [[aid for aid in fam if aid in articles] for fam in story.families]
    families = [fam for fam in families if len(fam) > 1]
    if families:
        return max(families, key=len)
    reuse = [p for p in pairs if p.relation == "reuse" and p.a in articles and p.b in articles]
    if not pairs:
        return present
    best: list[str] = []
    seen: set[str] = set()
    for start in present:
        if start in seen:
            continue
        component, todo = {start}, [start]
        while todo:
            node = todo.pop()
            for p in reuse:
                for x, y in ((p.a, p.b), (p.b, p.a)):
                    if x == node and y not in component:
                        component.add(y)
                        todo.append(y)
        seen |= component
        if len(component) > len(best):
            best = [aid for aid in present if aid in component]
    return best


def base_version(versions: Sequence[str], articles: Mapping[str, Article]) -> str:
    """The earliest-dated version, the likeliest source (ties and undated versions: the
    longest, then the smallest id). Every section measures against it, so a reprint's own
    additions are never blamed on the original."""
    return min(
        versions, key=lambda aid: (articles[aid].date or "9999", -len(articles[aid].text), aid)
    )


def _core(doc: Analysed, diffs: Sequence[Diff]) -> list[str]:
    base_text = doc.text
    shared = set(range(len(doc.sentences)))
    for diff in diffs:
        shared &= set(diff.shared_a)
    passages: list[str] = []
    run: list[int] = []
    for i in [*sorted(shared), -2]:
        if run and (
            i != run[-1] + 1 or "\n" in base_text[doc.sentences[run[-1]][1] : doc.sentences[i][0]]
        ):
            passages.append(base_text[doc.sentences[run[0]][0] : doc.sentences[run[-1]][1]])
            run = []
        run.append(i)
    return passages


@lru_cache(maxsize=4096)
def _term_pattern(term: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(term)}(?!\w)", re.IGNORECASE)


def _uses(text: str, term: str, lowered: str | None = None) -> bool:
    """True when ``text`` uses ``term`` as a whole word, in any case.

    ``lowered``, ``_lowered(text)``, is a quick necessary test for an ASCII term: besides
    the ASCII letters, only "ı" and "ſ" match one ignoring case, and ``_lowered`` folds them.
    When lowering kept every char in place (same length), the hits of the lowered term in
    ``lowered`` are exactly the regex's case-insensitive matches, so their word boundaries
    are checked directly.
    """
    if lowered is not None and term.isascii() and term:
        needle = term.lower()
        at = lowered.find(needle)
        if at < 0:
            return False
        if len(lowered) == len(text):  # chars aligned: scan the hits, no regex
            while at >= 0:
                end = at + len(needle)
                if not (at and _is_word_char(text[at - 1])) and not (
                    end < len(text) and _is_word_char(text[end])
                ):
                    return True
                at = lowered.find(needle, at + 1)
            return False
    return _term_pattern(term).search(text) is not None


def _is_word_char(char: str) -> bool:
    """``re``'s ``\\w``: a Unicode alphanumeric or the underscore."""
    return char.isalnum() or char == "_"


def _lowered(text: str) -> str:
    return text.lower().replace("\u0131", "i").replace("\u017f", "s")


_WORD_RUN = re.compile(r"\w+")
_ASCII_WORD = re.compile(r"[0-9a-z_]+")


class _TermUses:
    """What ``_uses`` answers for a one-word ASCII term (``plain``), read from a set: the
    lowered words of a text (the maximal ``\\w`` runs of ``_lowered``: lowering a char to
    one char never changes whether it is a word char, so they lie where the text's own do),
    built once per text.

    When lowering keeps every char in place, a hit of such a term with a non-word char (or
    the text's end) on both sides is exactly one of these runs: no char outside ``\\w``
    lowers to an ASCII letter, digit or "_", so every char of the hit is a word char of the
    text. Other terms, and texts whose lowering moves chars, take ``_uses``. So do the first
    ``FIND_FIRST`` terms asked of a text: a few searches cost less than listing its words
    (a story of many versions and many swaps, a burst of copies, asks hundreds).
    """

    FIND_FIRST = 32

    def __init__(self, text: str) -> None:
        self.text, self.lowered = text, _lowered(text)
        self._runs: set[str] | None = None
        self._asked = 0

    def uses(self, term: str, plain: bool) -> bool:
        """``_uses(text, term)``; ``plain``: ``term`` is ASCII word chars alone."""
        if not plain or len(self.lowered) != len(self.text):
            return _uses(self.text, term, self.lowered)
        if self._runs is None:
            self._asked += 1
            if self._asked <= self.FIND_FIRST:
                return _uses(self.text, term, self.lowered)
            self._runs = set(_WORD_RUN.findall(self.lowered))
        return term.lower() in self._runs


def _plain(term: str) -> bool:
    """Whether ``term`` is made of ASCII word chars alone (see ``_TermUses``)."""
    return term.isascii() and _ASCII_WORD.fullmatch(term.lower()) is not None


def _unpossessive(a: str, b: str) -> tuple[str, str]:
    """Drop a possessive ending both terms share ("jihadists'" / "group's" -> the nouns)."""
    ends = ("'s", "'")
    ea = next((e for e in ends if a.endswith(e)), None)
    eb = next((e for e in ends if b.endswith(e)), None)
    if ea and eb:
        return a[: -len(ea)], b[: -len(eb)]
    return a, b


def _terminology(
    base: str, articles: Mapping[str, Article], diffs: Mapping[str, Diff]
) -> list[dict[str, str]]:
    rows: dict[str, dict[str, list[tuple[int, str]]]] = {}
    for aid, diff in diffs.items():
        for sub in diff.substitutions:
            if number_value(sub.a) is not None or number_value(sub.b) is not None:
                continue
            term, other = _unpossessive(sub.a, sub.b)
            rows.setdefault(term, {}).setdefault(aid, []).append((-sub.count, other))
    table: list[dict[str, str]] = []
    words = {aid: _TermUses(articles[aid].text) for aid in diffs} if rows else {}
    for term, uses in rows.items():
        row = {base: term}
        plain = _plain(term)
        for aid in diffs:
            if aid in uses:
                row[aid] = " / ".join(b for _, b in sorted(uses[aid]))
            elif words[aid].uses(term, plain):
                row[aid] = term
        table.append(row)
    return table


def explain_story(
    story: Story,
    articles: Mapping[str, Article],
    pairs: Sequence[Pair],
    analyses: Analyses | None = None,
) -> Story:
    """Fill ``story``'s base, core, additions, cuts and terminology (in place; returned).

    The base is ``base_version`` of the story's derivation roots (``Story.roots``) when it
    has any, else of all its versions, so the explanations and the links name one source.

    ``analyses`` shares the work with the pairs of the story (see ``pairs.Analyses``).
    """
    versions = _versions(story, articles, pairs)
    if len(versions) < 2:
        return story
    analyses = analyses or Analyses()
    # the roots of the story's derivation links, where the cluster stage found them: the
    # base is then the root the links start from (each root is its family's likeliest source)
    listed = set(versions)
    roots = [aid for aid in story.roots if aid in listed]
    base = base_version(roots or versions, articles)
    base_art = articles[base]
    others = [articles[aid] for aid in versions if aid != base]
    # one mask for the base: the core is read from one analysis of it
    skip = masked(base_art, others)
    doc = analyses(base_art, skip)
    diffs = {}
    for art in others:
        if masked(base_art, [art]) == skip:
            diffs[art.id] = analyses.diff(base_art, art)  # often the pair's diff, reused
        else:  # another version's dateline masks the base
            diffs[art.id] = diff_analysed(doc, analyses(art, masked(art, [base_art])))
    story.base = base
    story.core = _core(doc, list(diffs.values()))
    story.additions = {aid: [text for _, text in d.only_b] for aid, d in diffs.items()}
    story.cuts = {aid: [text for _, text in d.only_a] for aid, d in diffs.items()}
    story.terminology = _terminology(base, articles, diffs)
    promote_recurring(
        [diff.substitutions for diff in diffs.values()],
        [pair.substitutions for pair in pairs if pair.relation == "reuse"],
    )
    return story
