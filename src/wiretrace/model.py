"""The plain data model passed between the pipeline stages.

Every stage takes and returns these dataclasses and nothing else, so each stage can be used
alone from Python and the JSON output is simply ``to_dict()`` of them:

    ingest  -> Document        one unit of input (a file, a JSONL line, a WARC record)
    clean   -> Article         one article cut out of a Document, chrome removed
    align   -> Pair, Passage   two articles that share text, and where (SharedQuote: quotations)
    cluster -> Story           articles grouped into reuse families and stories
    compare -> Pair fields     substitutions, only_in_a/b, conflicts, credits
               Story fields    core, additions, cuts, terminology
    report  <- Result          everything above, plus the problems met on the way

Offsets are character offsets into ``Article.text`` (a Python ``str``), end exclusive.
Field names are a public contract (JSON output): later stages add fields, never rename.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

Span = tuple[int, int]


@dataclass
class Document:
    """One unit of input as read by the ingest stage, before cleaning.

    ``source`` names where it came from precisely enough to find it again: a file path, or
    ``path:LINE`` for a JSONL line, or ``path@OFFSET`` for a WARC record. ``text`` is the
    extracted plain text (for HTML: trafilatura's main text, one paragraph or line per line);
    the metadata fields are filled when the input carried them.
    """

    source: str
    text: str
    format: str  # "text" | "html" | "jsonl" | "warc"
    title: str | None = None
    date: str | None = None  # ISO 8601 date (YYYY-MM-DD) when known
    url: str | None = None
    outlet: str | None = None  # site or outlet name
    author: str | None = None
    id: str | None = None  # an id given by the input itself (JSONL ``id``)


@dataclass(init=False)
class Article:
    """One news article, cleaned of page chrome.

    ``text`` is ``"\\n\\n".join(paragraphs)``; all passage offsets point into it.
    Every line of the source document ends up in exactly one of ``title``, ``paragraphs``,
    ``captions`` or ``removed``: nothing is dropped without a trace.

    The body is stored once, as ``text``: ``paragraphs`` is read from it (a paragraph is one
    line of the page, so it holds no blank line) instead of being a second copy, which at
    200,000 articles saved about 700 MB. ``Article(..., paragraphs=[...])`` still builds the
    text when no ``text`` is given, and ``to_dict`` lists both, as the JSON contract says.

        >>> art = Article(id="a#1", source="a", index=1, paragraphs=["One.", "Two."])
        >>> art.text, art.paragraphs
        ('One.\\n\\nTwo.', ['One.', 'Two.'])
    """

    id: str  # stable: "<document id or source>#<index>"
    source: str
    index: int  # 1-based position of the article in its source document
    title: str | None = None
    date: str | None = None  # publication/update date, ISO (YYYY-MM-DD), or None
    dateline: str | None = None  # e.g. "RAMADI, Iraq"
    credits: list[str] = field(default_factory=list)  # agencies / photo credits named
    captions: list[str] = field(default_factory=list)
    text: str = ""
    removed: list[str] = field(default_factory=list)  # every chrome line dropped
    url: str | None = None
    outlet: str | None = None
    format: str = "text"

    def __init__(
        self,
        id: str,
        source: str,
        index: int,
        title: str | None = None,
        date: str | None = None,
        dateline: str | None = None,
        credits: list[str] | None = None,
        captions: list[str] | None = None,
        paragraphs: list[str] | None = None,
        text: str = "",
        removed: list[str] | None = None,
        url: str | None = None,
        outlet: str | None = None,
        format: str = "text",
    ) -> None:
        self.id, self.source, self.index = id, source, index
        self.title, self.date, self.dateline = title, date, dateline
        self.credits = credits if credits is not None else []
        self.captions = captions if captions is not None else []
        self.text = text or ("\n\n".join(paragraphs) if paragraphs else "")
        self.removed = removed if removed is not None else []
        self.url, self.outlet, self.format = url, outlet, format

    @property
    def site(self) -> str | None:
        """The site it was published on: its url's host without "www.", else its outlet
        (as ``outlet:<name>``), else None."""
        if self.url:
            netloc = urlsplit(self.url).netloc.lower().rsplit("@", 1)[-1].split(":", 1)[0]
            if netloc:
                return netloc.removeprefix("www.")
        return "outlet:" + self.outlet.casefold() if self.outlet else None

    @property
    def paragraphs(self) -> list[str]:
        """The body paragraphs, in order (a new list each time: set it to change them)."""
        return self.text.split("\n\n") if self.text else []

    @paragraphs.setter
    def paragraphs(self, paragraphs: list[str]) -> None:
        self.text = "\n\n".join(paragraphs)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "source": self.source, "index": self.index, "title": self.title,
            "date": self.date, "dateline": self.dateline, "credits": list(self.credits),
            "captions": list(self.captions), "paragraphs": self.paragraphs, "text": self.text,
            "removed": list(self.removed), "url": self.url, "outlet": self.outlet,
            "format": self.format,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        known = {*cls.__dataclass_fields__, "paragraphs"}
        return cls(**{k: v for k, v in data.items() if k in known})


@dataclass
class Passage:
    """A stretch of text shared by two articles: ``a`` and ``b`` are char spans in each text."""

    a: Span
    b: Span

    def to_dict(self) -> dict[str, Any]:
        return {"a": list(self.a), "b": list(self.b)}


@dataclass
class Substitution:
    """A word or phrase of version ``a`` replaced by another in version ``b``, ``count`` times.

    ``kind`` classes the swap: ``spelling`` (color/colour), ``abbreviation`` (December/Dec.),
    ``term`` (house style or framing: Daesh/ISIS, jihadists/militants), ``name`` (a person or
    place written another way) or ``wording`` (any other short rewording).
    """

    a: str
    b: str
    count: int = 1
    kind: str = "wording"

    def to_dict(self) -> dict[str, Any]:
        return {"a": self.a, "b": self.b, "count": self.count, "kind": self.kind}


@dataclass
class Figure:
    """A number stated about something: "at least 7 soldiers were dead", per Reuters.

    ``value`` is the number as a float (``2`` for "two"); ``text`` is how it was written.
    ``noun`` is what is counted ("soldiers"), ``predicate`` what happened to them ("dead",
    "killed", "wounded", "arrested"), ``qualifier`` an "at least"/"about"/"more than" hedge,
    ``attribution`` who is cited ("Reuters", "a military source"), ``sentence`` the sentence
    it was read from and ``span`` its char span in the article text.
    """

    value: float
    text: str
    noun: str
    predicate: str
    sentence: str
    span: Span
    qualifier: str | None = None
    attribution: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "value": self.value, "text": self.text, "noun": self.noun,
            "predicate": self.predicate, "sentence": self.sentence, "span": list(self.span),
            "qualifier": self.qualifier, "attribution": self.attribution,
        }


@dataclass
class Conflict:
    """Two figures about the same thing (``what``) that disagree between two versions.

    ``kind`` is ``changed`` when both figures sit in the same (matched) sentence of the two
    versions, the number changed in place ("Chrysler 270" -> "Chrysler 300"), or
    ``competing`` when different sentences give a figure for the same counted thing (a toll
    another agency reports against the carried one).
    """

    what: str  # e.g. "soldiers / security personnel dead"
    a: Figure
    b: Figure
    note: str = "figures differ"
    kind: str = "competing"

    def to_dict(self) -> dict[str, Any]:
        return {"what": self.what, "kind": self.kind, "a": self.a.to_dict(),
                "b": self.b.to_dict(), "note": self.note}


@dataclass
class CreditsDiff:
    """Agencies credited by each version, and which ``b`` added or dropped relative to ``a``."""

    a: list[str] = field(default_factory=list)
    b: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"a": list(self.a), "b": list(self.b), "added": list(self.added),
                "dropped": list(self.dropped)}


@dataclass
class SharedQuote:
    """A quotation two articles both carry: its text (as in ``a``), its char span in each
    article, and who says it when the text names them ("said John Smith")."""

    text: str
    a: Span
    b: Span
    speaker: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "a": list(self.a), "b": list(self.b),
                "speaker": self.speaker}


@dataclass
class Pair:
    """Two related articles: ``reuse`` (shared source text) or ``same-event`` (no shared prose).

    ``passages`` are the stretches of text both carry; ``shared_fraction_a`` is the share of
    ``a``'s text they cover (0..1), likewise b. A ``same-event`` pair has passages only when
    what it shares is quotations and lists (the align stage's rule,
    :mod:`wiretrace.align.evidence`); ``shared_quotes`` then lists the quotations.
    The compare stage fills the explanation fields for ``reuse`` pairs.

    Within a reuse family, the cluster stage marks the derivation links
    (:mod:`wiretrace.cluster.families`): ``source`` is the id of the end the other was
    derived from, and ``link`` grades how much was taken, ``wholly`` (the source with
    edits) or ``partially`` (some passages in otherwise own text); both None on a pair that
    is not a link. An ``excerpt`` pair (relation and link) joins two stories without merging
    them: one end carries a few paragraphs of the other's story (a roundup, a digest;
    :mod:`wiretrace.cluster.families`), and ``source`` names the quoted end.
    ``date_a`` and ``date_b`` are the two ends' dates.
    """

    a: str
    b: str
    relation: str  # "reuse" | "same-event" | "excerpt"
    shared_fraction_a: float = 0.0
    shared_fraction_b: float = 0.0
    passages: list[Passage] = field(default_factory=list)
    substitutions: list[Substitution] = field(default_factory=list)
    only_in_a: list[str] = field(default_factory=list)
    only_in_b: list[str] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    credits: CreditsDiff | None = None
    shared_quotes: list[SharedQuote] = field(default_factory=list)
    link: str | None = None  # "wholly" | "partially" | "excerpt"; None: not a link
    source: str | None = None  # on a link: the id of the end the other derives from
    date_a: str | None = None
    date_b: str | None = None

    def to_dict(self) -> dict[str, Any]:
        # Written out rather than ``dataclasses.asdict``, whose generic deep copy of every
        # field would be most of the work of writing a large report.
        return {
            "a": self.a, "b": self.b, "relation": self.relation,
            "shared_fraction_a": self.shared_fraction_a,
            "shared_fraction_b": self.shared_fraction_b,
            "passages": [p.to_dict() for p in self.passages],
            "substitutions": [x.to_dict() for x in self.substitutions],
            "only_in_a": list(self.only_in_a), "only_in_b": list(self.only_in_b),
            "conflicts": [c.to_dict() for c in self.conflicts],
            "credits": self.credits.to_dict() if self.credits is not None else None,
            "shared_quotes": [q.to_dict() for q in self.shared_quotes],
            "link": self.link, "source": self.source,
            "date_a": self.date_a, "date_b": self.date_b,
        }


@dataclass
class Story:
    """Articles about one story. ``families`` groups those that share source text.

    Every article belongs to exactly one story (a singleton story when alone). The compare
    stage picks a ``base`` version and fills ``core`` (passages, as text, shared by all
    versions), per-article
    ``additions`` and ``cuts`` (sentences), and ``terminology``: one row per concept, mapping
    article id to the term that version uses ({"art1#1": "Daesh", "art2#1": "ISIS"}).
    """

    id: str
    articles: list[str]
    families: list[list[str]] = field(default_factory=list)
    core: list[str] = field(default_factory=list)
    additions: dict[str, list[str]] = field(default_factory=dict)
    cuts: dict[str, list[str]] = field(default_factory=dict)
    terminology: list[dict[str, str]] = field(default_factory=list)
    base: str | None = None  # the version additions and cuts are measured against
    # per family (in ``families`` order): the root of its derivation links, the likeliest
    # source (cluster.families); the family's links are a tree, every version joined to
    # it by one path of links
    roots: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "articles": list(self.articles),
            "families": [list(f) for f in self.families], "core": list(self.core),
            "additions": {k: list(v) for k, v in self.additions.items()},
            "cuts": {k: list(v) for k, v in self.cuts.items()},
            "terminology": [dict(row) for row in self.terminology], "base": self.base,
            "roots": list(self.roots),
        }


@dataclass
class Problem:
    """A user-facing problem with one input: which file, where in it, and why.

    Rendered as one line: ``path: line 12: not valid JSON (Expecting ',' ...)``.
    """

    source: str
    reason: str
    where: str | None = None  # "line 12", "record 3", "byte 4096"

    def __str__(self) -> str:
        where = f"{self.where}: " if self.where else ""
        return f"{self.source}: {where}{self.reason}"

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "reason": self.reason, "where": self.where}


@dataclass
class Result:
    """Everything one run produced; what the report stage renders."""

    articles: list[Article] = field(default_factory=list)
    stories: list[Story] = field(default_factory=list)
    pairs: list[Pair] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "articles": [a.to_dict() for a in self.articles],
            "stories": [s.to_dict() for s in self.stories],
            "pairs": [p.to_dict() for p in self.pairs],
            "problems": [p.to_dict() for p in self.problems],
        }
