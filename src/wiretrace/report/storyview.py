"""What every report shows about one story, worked out once from a ``Result``.

The text and HTML reports must tell the same thing, so both read a ``StoryView``: the
versions lettered A, B, C…, A being the story's base (``Story.base``, the version additions,
cuts, swaps and credits are measured against) and the others in story order, the pairs inside the story, each version's
additions and cuts, which of its sentences other versions cut, the swaps table (term per
version; ``term`` swaps first, then the others gathered by class when the compare stage
gives each substitution a ``kind``), the conflicting figures and the credits each version adds or drops.

The compare stage fills ``Story.additions``/``cuts``/``terminology``; when it did not (a run
without the compare stage, or a story it left empty) they are derived from the pairs:
a sentence of V listed as only-in-V by *every* reuse pair of V is an addition of V, one
listed by some pairs only is a sentence those other versions cut.

    >>> views = story_views(result)  # doctest: +SKIP
    >>> [v.letter for v in views[0].versions]  # doctest: +SKIP
    ['A', 'B', 'C']
"""

from __future__ import annotations

import os
import re
import string
from dataclasses import dataclass, field

from wiretrace.model import Article, Conflict, Figure, Pair, Result, Story
from wiretrace.report.console import counted

CONFLICT_KINDS = ("changed", "competing")  # the order reports show them in
# Swap classes in the order reports list them: house style and framing first.
SWAP_CLASSES = ("term", "name", "spelling", "abbreviation", "wording")


@dataclass
class Version:
    """One article of a story, with its letter and the name to show for it."""

    letter: str
    article: Article

    @property
    def name(self) -> str:
        return outlet_name(self.article)


@dataclass
class ConflictView:
    """A conflicting figure pair with the versions that state each side."""

    what: str
    a: Version
    fig_a: Figure
    b: Version
    fig_b: Figure
    note: str
    kind: str = "competing"  # "changed": one sentence, another figure; "competing": two sentences


@dataclass
class ConflictGroup:
    """All versions' figures for one counted thing (``what``) that some pair found in conflict.

    One row per version that states it, in story order, so "A: three, B: at least nine,
    C: three" reads as one line instead of one conflict per pair. ``kind`` as the conflicts'.
    """

    what: str
    note: str
    sides: list[tuple[Version, Figure]]
    kind: str = "competing"


@dataclass
class CreditsView:
    """The agencies a version credits and, relative to the base (A), what it adds or drops."""

    credits: list[str]
    added: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)


@dataclass
class StoryView:
    """Everything the reports show about one story (see the module docstring)."""

    story: Story
    versions: list[Version]
    pairs: list[Pair]
    additions: dict[str, list[str]] = field(default_factory=dict)
    cuts: dict[str, list[str]] = field(default_factory=dict)
    cut_by: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    swaps: list[dict[str, str]] = field(default_factory=list)
    swap_kinds: list[str | None] = field(default_factory=list)  # each row's class, if known
    conflicts: list[ConflictView] = field(default_factory=list)
    credits: dict[str, CreditsView] = field(default_factory=dict)

    @property
    def singleton(self) -> bool:
        return len(self.versions) < 2

    @property
    def relation(self) -> str:
        """"reuse" if any pair shares text, else "same-event" (or "single")."""
        relations = {p.relation for p in self.pairs}
        if "reuse" in relations:
            return "reuse"
        return "same-event" if relations else "single"

    @property
    def label(self) -> str:
        """How every format names the story: "Story 2" for ``story-2`` (JSON's ``id``)."""
        found = re.fullmatch(r"story-(\d+)", self.story.id)
        return f"Story {found.group(1)}" if found else f"Story {self.story.id}"

    @property
    def anchor(self) -> str:
        """The HTML id of the story: ``Story.id`` itself when it is a plain name, so a
        link ``#story-2`` and JSON's ``"id": "story-2"`` name the same story."""
        if re.fullmatch(r"[A-Za-z][\w-]*", self.story.id):
            return self.story.id
        return "story-" + re.sub(r"[^\w-]+", "-", self.story.id).strip("-")

    @property
    def base(self) -> Version:
        """The version the others are measured against: ``Story.base`` (chosen by the
        compare stage), always lettered A; the first version when no base was chosen."""
        return self.versions[0]

    def version(self, article_id: str) -> Version:
        return next(v for v in self.versions if v.article.id == article_id)

    def conflict_count(self, kind: str | None = None) -> int:
        """How many conflicts the pairs report (of ``kind``): the pair table's total."""
        return sum(kind is None or c.kind == kind for c in self.conflicts)

    def conflict_summary(self) -> str:
        """ "2 conflicting figures (1 changed, 1 competing)": the pair table's column total,
        so a story's header and its pair table never disagree."""
        total = counted(self.conflict_count(), "conflicting figure")
        parts = [f"{self.conflict_count(kind)} {kind}" for kind in CONFLICT_KINDS
                 if self.conflict_count(kind)]
        return f"{total} ({', '.join(parts)})" if parts else total

    def conflict_groups(self, kind: str | None = None) -> list[ConflictGroup]:
        """The conflicts (of ``kind``) grouped, each version's figures once; changed first.

        A changed figure is one figure read differently in each version, so its group is
        the figures linked by some conflict (one figure of A changed in B and in C is one
        group of three); competing figures are grouped by what they count.
        """
        groups: dict[tuple[str, str], ConflictGroup] = {}
        owner: dict[tuple[str, tuple[int, int]], tuple[str, str]] = {}
        for c in self.conflicts:
            if kind is not None and c.kind != kind:
                continue
            sides = ((c.a, c.fig_a), (c.b, c.fig_b))
            if c.kind == "changed":
                keys = [owner.get((v.article.id, tuple(f.span))) for v, f in sides]
                key = next((k for k in keys if k is not None), ("changed", str(len(groups))))
            else:
                key = (c.kind, c.what)
            group = groups.setdefault(key, ConflictGroup(c.what, c.note, [], c.kind))
            for ver, fig in sides:
                owner.setdefault((ver.article.id, tuple(fig.span)), key)
                if not any(v is ver and tuple(f.span) == tuple(fig.span) for v, f in group.sides):
                    group.sides.append((ver, fig))
        for group in groups.values():
            group.sides.sort(key=lambda side: self.versions.index(side[0]))
        return sorted(groups.values(), key=lambda g: g.kind != "changed")


def outlet_name(article: Article) -> str:
    """The outlet if known, else the source file's base name."""
    if article.outlet:
        return article.outlet
    return os.path.basename(article.source.rstrip("/")) or article.source or article.id


def letters(n: int) -> list[str]:
    """A, B, … Z, then A2, B2, … for very large stories."""
    abc = string.ascii_uppercase
    return [abc[i % 26] + (str(i // 26 + 1) if i >= 26 else "") for i in range(n)]


def story_views(result: Result) -> list[StoryView]:
    """One view per story: multi-version stories in order first, then singletons.

    Articles that no story names (e.g. the compare stage was not run) become singletons,
    so nothing in the result is left out of a report.
    """
    by_id = {a.id: a for a in result.articles}
    seen: set[str] = set()
    stories: list[Story] = []
    for story in result.stories:
        ids = [i for i in story.articles if i in by_id and i not in seen]
        seen.update(ids)
        if ids:
            stories.append(story if ids == story.articles else _with_articles(story, ids))
    stories += [Story(id=f"article:{a.id}", articles=[a.id]) for a in result.articles
                if a.id not in seen]
    pairs = pairs_by_story(stories, result.pairs)
    views = [_build(story, by_id, pairs.get(story.id, [])) for story in stories]
    return [v for v in views if not v.singleton] + [v for v in views if v.singleton]


def summary_pairs(view: StoryView, limit: int) -> list[Pair]:
    """The pairs a report lists: every pair of a story of up to ``limit`` versions; of a
    larger one, its derivation links (each version against its source, ``Pair.link``), or,
    where the cluster stage made none, each version against the base."""
    if len(view.versions) <= limit:
        return view.pairs
    links = [p for p in view.pairs if p.link in ("wholly", "partially")]
    if links:
        return links
    base = view.base.article.id
    return [p for p in view.pairs if base in (p.a, p.b)]


def source_first(view: StoryView, p: Pair) -> bool:
    """Is ``p`` to be shown b-side first? A link shows its source first, any other pair
    the base first."""
    return p.source == p.b if p.link and p.source else p.b == view.base.article.id


def relation_label(p: Pair) -> str:
    """"reuse · wholly" on a derivation link, the bare relation otherwise."""
    return f"{p.relation} · {p.link}" if p.link and p.link != p.relation else p.relation


def pairs_by_story(stories: list[Story], pairs: list[Pair]) -> dict[str, list[Pair]]:
    """Story id -> the pairs whose two articles both belong to it, in ``pairs`` order.

    One pass over each list (a map from article to story), so reports stay linear in the
    corpus size instead of scanning every pair for every story.
    """
    story_of: dict[str, str] = {}
    for story in stories:
        for article_id in story.articles:
            story_of.setdefault(article_id, story.id)
    out: dict[str, list[Pair]] = {}
    for pair in pairs:
        sid = story_of.get(pair.a)
        if sid is not None and story_of.get(pair.b) == sid:
            out.setdefault(sid, []).append(pair)
    return out


def _with_articles(story: Story, ids: list[str]) -> Story:
    return Story(id=story.id, articles=ids, families=story.families, core=story.core,
                 additions=story.additions, cuts=story.cuts, terminology=story.terminology,
                 base=story.base)


def _build(story: Story, by_id: dict[str, Article], pairs: list[Pair]) -> StoryView:
    order = list(story.articles)
    if story.base in order:  # the base is A, so "relative to A" always means "to the base"
        order.remove(story.base)
        order.insert(0, story.base)
    versions = [Version(letter, by_id[i]) for letter, i in
                zip(letters(len(order)), order, strict=True)]
    view = StoryView(story=story, versions=versions, pairs=pairs)
    _fill_additions_and_cuts(view)
    rows = _swap_rows(view)
    known = _swap_kinds(view)
    kinds = [_row_kind(known, row) for row in rows]
    order = sorted(range(len(rows)), key=lambda i: SWAP_CLASSES.index(kinds[i])
                   if kinds[i] in SWAP_CLASSES else len(SWAP_CLASSES))
    view.swaps = [rows[i] for i in order]
    view.swap_kinds = [kinds[i] for i in order]
    view.conflicts = _conflicts(view)
    view.credits = _credits(view)
    return view


def _missing_from(view: StoryView) -> dict[str, dict[str, list[str]]]:
    """For each version: its sentences that a reuse partner lacks -> the partners' letters."""
    out: dict[str, dict[str, list[str]]] = {v.article.id: {} for v in view.versions}
    for pair in view.pairs:
        if pair.relation != "reuse":
            continue
        for side, other, sentences in ((pair.a, pair.b, pair.only_in_a),
                                       (pair.b, pair.a, pair.only_in_b)):
            letter = view.version(other).letter
            for sentence in sentences:
                out[side].setdefault(sentence, [])
                if letter not in out[side][sentence]:
                    out[side][sentence].append(letter)
    return out


def _partners(view: StoryView, article_id: str) -> set[str]:
    return {view.version(p.b if p.a == article_id else p.a).letter for p in view.pairs
            if p.relation == "reuse" and article_id in (p.a, p.b)}


def _fill_additions_and_cuts(view: StoryView) -> None:
    story = view.story
    missing = _missing_from(view)
    filled = any(story.additions.values()) or any(story.cuts.values())
    for v in view.versions:
        aid = v.article.id
        partners = _partners(view, aid)
        derived_added = [s for s, who in missing[aid].items() if partners and set(who) == partners]
        view.additions[aid] = list(story.additions.get(aid, [])) if filled else derived_added
        added = set(view.additions[aid])
        view.cut_by[aid] = {s: who for s, who in missing[aid].items() if s not in added}
    for v in view.versions:
        aid = v.article.id
        if filled:
            view.cuts[aid] = list(story.cuts.get(aid, []))
        else:
            cut: list[str] = []
            for other in view.versions:
                for sentence, who in view.cut_by[other.article.id].items():
                    if v.letter in who and sentence not in cut:
                        cut.append(sentence)
            view.cuts[aid] = cut
    if filled:  # story-level cuts of other versions that this version's text carries
        for v in view.versions:
            for other in view.versions:
                if other is v:
                    continue
                for sentence in view.cuts[other.article.id]:
                    if sentence in v.article.text:
                        who = view.cut_by[v.article.id].setdefault(sentence, [])
                        if other.letter not in who:
                            who.append(other.letter)


def _swap_rows(view: StoryView) -> list[dict[str, str]]:
    """Terminology rows (article id -> term) where at least two versions differ."""
    rows = view.story.terminology
    if not rows:
        rows = [{p.a: s.a, p.b: s.b} for p in view.pairs for s in p.substitutions]
    out: list[dict[str, str]] = []
    for row in rows:
        kept = {aid: term for aid, term in row.items() if aid in {v.article.id for v in view.versions}}
        if len(set(kept.values())) > 1 and kept not in out:
            out.append(kept)
    return out


def cell_terms(cell: str | None) -> list[str]:
    """The terms of one swaps-table cell ("harbour / port" lists two)."""
    return [t.strip() for t in cell.split(" / ")] if cell else []


def _swap_kinds(view: StoryView) -> dict[tuple[str, str], str]:
    """(term, other term) -> the ``kind`` the compare stage gave that substitution."""
    kinds: dict[tuple[str, str], str] = {}
    for pair in view.pairs:
        for sub in pair.substitutions:
            kinds.setdefault((sub.a, sub.b), sub.kind)
            kinds.setdefault((sub.b, sub.a), sub.kind)
    return kinds


def _row_kind(kinds: dict[tuple[str, str], str], row: dict[str, str]) -> str | None:
    """A swaps row's class: the ``kind`` of a substitution between two of its terms."""
    terms = list(dict.fromkeys(t for cell in row.values() for t in cell_terms(cell)))
    for x in terms:
        for y in terms:
            if (x, y) in kinds:
                return kinds[(x, y)]
    return None


def _conflicts(view: StoryView) -> list[ConflictView]:
    out: list[ConflictView] = []
    for pair in view.pairs:
        for c in pair.conflicts:
            out.append(_conflict_view(view, pair, c))
    return out


def _conflict_view(view: StoryView, pair: Pair, c: Conflict) -> ConflictView:
    return ConflictView(what=c.what, a=view.version(pair.a), fig_a=c.a,
                        b=view.version(pair.b), fig_b=c.b, note=c.note,
                        kind=conflict_kind(c))


def conflict_kind(conflict: Conflict) -> str:
    """``changed`` or ``competing``: the compare stage's ``kind``."""
    return conflict.kind


def _credits(view: StoryView) -> dict[str, CreditsView]:
    """Credits of each version; added/dropped relative to the base, A (from the pair if any).

    Only versions of A's reuse family are compared with A: a same-event article carries its
    own text, so nothing it "drops" was ever in it."""
    first = view.versions[0].article
    family = next((set(f) for f in view.story.families if first.id in f), {first.id})
    out = {first.id: CreditsView(list(first.credits))}
    for v in view.versions[1:]:
        art = v.article
        if art.id not in family and view.story.families:
            out[art.id] = CreditsView(list(art.credits))
            continue
        pair = next((p for p in view.pairs if {p.a, p.b} == {first.id, art.id} and p.credits),
                    None)
        if pair is not None and pair.credits is not None:
            diff = pair.credits
            if pair.a == first.id:
                out[art.id] = CreditsView(list(diff.b or art.credits), list(diff.added),
                                          list(diff.dropped))
            else:
                out[art.id] = CreditsView(list(diff.a or art.credits), list(diff.dropped),
                                          list(diff.added))
        else:
            out[art.id] = CreditsView(list(art.credits),
                                      [c for c in art.credits if c not in first.credits],
                                      [c for c in first.credits if c not in art.credits])
    return out
