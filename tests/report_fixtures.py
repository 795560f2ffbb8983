"""An invented example ``Result``, built by hand, for the report tests.

The story is made up (a ferry accident off an invented port, "Port Avelin", in an invented
country): three outlets reprint one AFP wire text.

- A, *Coastal Herald*: the AFP text as sent (British spelling), credits AFP.
- B, *Harbor Times*: US house style ("harbor", "coast guard", "kilometers", "the island
  chain"), adds a Reuters paragraph with a toll that disagrees with the AFP one (three
  passengers killed, per a coastguard official, vs at least nine people dead, per Reuters),
  credits AFP and Reuters.
- C, *Island Post*: "rough seas" for "heavy swell", cuts the two closing paragraphs,
  credits AFP and Getty Images (a photo credit).

Plus one unrelated singleton story (a tram line). Pairs, passages, substitutions, only-in
sentences, conflicts, credits and the story fields are filled the way the compare stage
fills them; every char span is computed from the texts, so the fixture stays consistent.
"""

from __future__ import annotations

from wiretrace.model import (
    Article,
    Conflict,
    CreditsDiff,
    Figure,
    Pair,
    Passage,
    Problem,
    Result,
    Story,
    Substitution,
)

A_ID = "examples/coastal-herald.html#1"
B_ID = "examples/harbor-times.html#1"
C_ID = "examples/island-post.txt#1"
D_ID = "examples/island-post.txt#2"

P1_A = (
    "A passenger ferry capsized in heavy swell off the harbour of Port Avelin on Tuesday, "
    "killing three passengers, a coastguard official said."
)
REUTERS = (
    "At least nine people were dead and 20 missing, Reuters reported, citing a hospital "
    "official in Port Avelin."
)
P2_A = (
    "The vessel, carrying about 140 people, overturned two kilometres from the harbour mouth "
    "shortly after leaving for the island of Serro."
)
P3 = (
    "Rescuers pulled 112 survivors from the water, the coastguard official told AFP, speaking "
    "on condition of anonymity."
)
P4 = "The Serro Line operator blamed the storm, which local forecasters had warned of on Monday."
P5 = "Fishermen joined the search overnight, using their own boats to reach survivors clinging to debris."
P6_A = (
    "The route to Serro is the busiest in the archipelago, carrying some two million "
    "passengers a year."
)
P7 = "A similar accident in 2019 left 11 people dead and prompted new safety rules for ageing vessels."


def _us(text: str) -> str:
    """Harbor Times house style."""
    return (
        text.replace("harbour", "harbor")
        .replace("coastguard", "coast guard")
        .replace("kilometres", "kilometers")
        .replace("the archipelago", "the island chain")
    )


def _article(art_id: str, outlet: str, title: str, date: str, credits: list[str],
             paragraphs: list[str], **extra: object) -> Article:
    source, index = art_id.rsplit("#", 1)
    return Article(
        id=art_id, source=source, index=int(index), title=title, date=date,
        dateline="PORT AVELIN, Marenia" if "Port Avelin" in paragraphs[0] else None,
        credits=credits, paragraphs=paragraphs, text="\n\n".join(paragraphs),
        outlet=outlet, format="html" if source.endswith(".html") else "text", **extra,
    )


def _span(text: str, start: str, end: str | None = None) -> tuple[int, int]:
    """Char span from the first occurrence of ``start`` to the end of ``end`` after it."""
    s = text.index(start)
    last = end if end is not None else start
    e = text.index(last, s) + len(last)
    return (s, e)


def _figure(art: Article, value: float, text: str, noun: str, predicate: str, sentence: str,
            phrase: str, qualifier: str | None, attribution: str) -> Figure:
    return Figure(value=value, text=text, noun=noun, predicate=predicate, sentence=sentence,
                  span=_span(art.text, phrase), qualifier=qualifier, attribution=attribution)


def example_articles() -> list[Article]:
    """The four invented articles: three versions of the ferry story and a tram story."""
    a = _article(A_ID, "Coastal Herald", "Ferry capsizes off Port Avelin, three dead",
                 "2024-03-12", ["AFP"], [P1_A, P2_A, P3, P4, P5, P6_A, P7],
                 url="https://coastal-herald.example/world/ferry",
                 captions=["Rescuers at the harbour of Port Avelin. (AFP)"],
                 removed=["Share", "Follow us", "Updated 12 March 2024"])
    b = _article(B_ID, "Harbor Times", "Ferry Capsizes Off Port Avelin, Several Dead",
                 "2024-03-12", ["AFP", "Reuters"],
                 [_us(P1_A), REUTERS, _us(P2_A), _us(P3), P4, P5, _us(P6_A), P7],
                 removed=["Read more", "12"])
    c = _article(C_ID, "Island Post", "Three dead as ferry capsizes off Port Avelin",
                 "2024-03-13", ["AFP", "Getty Images"],
                 [P1_A.replace("heavy swell", "rough seas"), P2_A, P3, P4, P5],
                 captions=["The harbour mouth at dawn. Getty Images"])
    d = Article(
        id=D_ID, source="examples/island-post.txt", index=2,
        title="Council approves tram line to the old docks", date="2024-03-13",
        credits=[], outlet="Island Post",
        paragraphs=[
            "The city council voted 31 to 9 on Wednesday to build a tram line linking the "
            "station to the old docks, a project first proposed a decade ago.",
            "Works are due to start next spring and last about three years.",
        ],
    )
    d.text = "\n\n".join(d.paragraphs)
    return [a, b, c, d]


def example_result() -> Result:
    """The full invented ``Result``: one 3-version reuse story and one singleton."""
    a, b, c, d = example_articles()
    us_p1, us_p2, us_p6 = _us(P1_A), _us(P2_A), _us(P6_A)
    c_p1 = P1_A.replace("heavy swell", "rough seas")

    fig_a = _figure(a, 3, "three", "passengers", "killed", P1_A, "three passengers", None,
                    "a coastguard official")
    fig_b_own = _figure(b, 9, "nine", "people", "dead", REUTERS, "At least nine people were dead",
                        "at least", "Reuters")
    fig_b_afp = _figure(b, 3, "three", "passengers", "killed", us_p1, "three passengers", None,
                        "a coast guard official")
    fig_c = _figure(c, 3, "three", "passengers", "killed", c_p1, "three passengers", None,
                    "a coastguard official")

    ab = Pair(
        a=A_ID, b=B_ID, relation="reuse", shared_fraction_a=1.0, shared_fraction_b=0.88,
        passages=[
            Passage(a=_span(a.text, P1_A), b=_span(b.text, us_p1)),
            Passage(a=_span(a.text, P2_A, P7), b=_span(b.text, us_p2, P7)),
        ],
        substitutions=[
            Substitution("harbour", "harbor", 2), Substitution("coastguard", "coast guard", 2),
            Substitution("kilometres", "kilometers", 1),
            Substitution("the archipelago", "the island chain", 1),
        ],
        only_in_a=[], only_in_b=[REUTERS],
        conflicts=[Conflict(what="people dead", a=fig_a, b=fig_b_own)],
        credits=CreditsDiff(a=["AFP"], b=["AFP", "Reuters"], added=["Reuters"], dropped=[]),
    )
    ac = Pair(
        a=A_ID, b=C_ID, relation="reuse", shared_fraction_a=0.72, shared_fraction_b=1.0,
        passages=[Passage(a=_span(a.text, P1_A, P5), b=_span(c.text, c_p1, P5))],
        substitutions=[Substitution("heavy swell", "rough seas", 1)],
        only_in_a=[P6_A, P7], only_in_b=[], conflicts=[],
        credits=CreditsDiff(a=["AFP"], b=["AFP", "Getty Images"], added=["Getty Images"]),
    )
    bc = Pair(
        a=B_ID, b=C_ID, relation="reuse", shared_fraction_a=0.66, shared_fraction_b=1.0,
        passages=[
            Passage(a=_span(b.text, us_p1), b=_span(c.text, c_p1)),
            Passage(a=_span(b.text, us_p2, P5), b=_span(c.text, P2_A, P5)),
        ],
        substitutions=[
            Substitution("harbor", "harbour", 2), Substitution("coast guard", "coastguard", 2),
            Substitution("kilometers", "kilometres", 1), Substitution("heavy swell", "rough seas", 1),
        ],
        only_in_a=[REUTERS, us_p6, P7], only_in_b=[],
        conflicts=[Conflict(what="people dead", a=fig_b_own, b=fig_c)],
        credits=CreditsDiff(a=["AFP", "Reuters"], b=["AFP", "Getty Images"],
                            added=["Getty Images"], dropped=["Reuters"]),
    )
    del fig_b_afp  # B also carries the AFP toll; no conflict with itself
    ferry = Story(
        id="story-1", articles=[A_ID, B_ID, C_ID], families=[[A_ID, B_ID, C_ID]],
        core=[P1_A, P2_A, P3, P4, P5],
        additions={A_ID: [], B_ID: [REUTERS], C_ID: []},
        cuts={A_ID: [], B_ID: [], C_ID: [P6_A, P7]},
        terminology=[
            {A_ID: "harbour", B_ID: "harbor", C_ID: "harbour"},
            {A_ID: "coastguard", B_ID: "coast guard", C_ID: "coastguard"},
            {A_ID: "kilometres", B_ID: "kilometers", C_ID: "kilometres"},
            {A_ID: "heavy swell", B_ID: "heavy swell", C_ID: "rough seas"},
            {A_ID: "the archipelago", B_ID: "the island chain"},
        ],
    )
    tram = Story(id="story-2", articles=[D_ID], families=[[D_ID]])
    return Result(
        articles=[a, b, c, d], stories=[ferry, tram], pairs=[ab, ac, bc],
        problems=[Problem("examples/broken.jsonl", "not valid JSON", where="line 3")], files=4,
    )


def with_kind(obj, kind: str):
    """``obj`` (a Conflict or Substitution) with its ``kind`` set."""
    obj.kind = kind
    return obj


def changed_figure_result() -> Result:
    """The example with a figure changed in place: Island Post (C) prints "118 survivors"
    where A and B print "112" (same length, so every span stays valid). The compare stage
    reports it as a ``changed`` conflict in A↔C and B↔C; the toll conflicts are
    ``competing``."""
    result = example_result()
    a, b, c = result.articles[:3]
    c.text = c.text.replace("pulled 112 survivors", "pulled 118 survivors")
    c_p3 = P3.replace("112", "118")
    for pair in result.pairs:
        for conflict in pair.conflicts:
            with_kind(conflict, "competing")
    for pair, art, sentence in ((result.pairs[1], a, P3), (result.pairs[2], b, _us(P3))):
        mine = _figure(art, 112, "112", "survivors", "pulled", sentence, "112 survivors", None,
                       "the coastguard official")
        theirs = _figure(c, 118, "118", "survivors", "pulled", c_p3, "118 survivors", None,
                         "the coastguard official")
        mine.span = (mine.span[0], mine.span[0] + 3)
        theirs.span = (theirs.span[0], theirs.span[0] + 3)
        pair.conflicts.insert(0, with_kind(Conflict(what="survivors pulled", a=mine, b=theirs),
                                           "changed"))
    return result


SWAP_KINDS = {"harbour": "spelling", "harbor": "spelling", "coastguard": "spelling",
              "coast guard": "spelling", "kilometres": "spelling", "kilometers": "spelling",
              "heavy swell": "wording", "the archipelago": "term",
              "the island chain": "term"}


def _flipped(pair: Pair) -> Pair:
    """The same pair seen from the other side."""
    return Pair(
        a=pair.b, b=pair.a, relation=pair.relation, shared_fraction_a=pair.shared_fraction_b,
        shared_fraction_b=pair.shared_fraction_a,
        passages=[Passage(a=p.b, b=p.a) for p in pair.passages],
        substitutions=[Substitution(s.b, s.a, s.count, s.kind) for s in pair.substitutions],
        only_in_a=list(pair.only_in_b), only_in_b=list(pair.only_in_a),
        conflicts=[Conflict(c.what, c.b, c.a, c.note, c.kind) for c in pair.conflicts],
        credits=None,
    )


def many_versions_result(n: int = 11) -> Result:
    """The ferry story in ``n`` versions: A, B, C and copies of them by "Outlet 1"…, every
    pair of the ``n * (n - 1) / 2`` filled as the compare stage would (a copy of a version
    and the version itself: one passage, nothing different). Substitutions carry a class
    (``SWAP_KINDS``); conflicts carry ``competing``."""
    result = changed_figure_result()
    a, b, c, d = result.articles
    for pair in result.pairs:
        for sub in pair.substitutions:
            with_kind(sub, SWAP_KINDS[sub.a])
    template = {a.id: a.id, b.id: b.id, c.id: c.id}
    originals = {(p.a, p.b): p for p in result.pairs}
    story = result.stories[0]
    for k in range(n - 3):
        like = (b, c, a)[k % 3]
        copy = Article(id=f"examples/outlet-{k + 1}.html#1", source=f"examples/outlet-{k + 1}.html",
                       index=1, title=like.title, date=f"2024-03-{14 + k:02d}",
                       credits=list(like.credits), text=like.text,
                       outlet=f"Outlet {k + 1}")
        template[copy.id] = like.id
        result.articles.insert(len(result.articles) - 1, copy)
        story.articles.append(copy.id)
        for row in story.terminology:
            if like.id in row:
                row[copy.id] = row[like.id]
    pairs: list[Pair] = []
    ids = story.articles
    for i, x in enumerate(ids):
        for y in ids[i + 1:]:
            tx, ty = template[x], template[y]
            if tx == ty:
                n_chars = len(next(a for a in result.articles if a.id == x).text)
                pair = Pair(x, y, "reuse", 1.0, 1.0, [Passage((0, n_chars), (0, n_chars))])
            else:
                pair = originals.get((tx, ty)) or _flipped(originals[(ty, tx)])
                pair = _flipped(_flipped(pair)) if (tx, ty) in originals else pair
                pair.a, pair.b = x, y
            pairs.append(pair)
    result.pairs = pairs
    del d
    return result
