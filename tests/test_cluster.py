"""Tests of the cluster stage on invented articles: families, stories, same-event links."""

from __future__ import annotations

import numpy as np
import pytest

from reference.same_event import pairs_in_groups
from wiretrace.align import align_pair
from wiretrace.cluster import (
    EventRule,
    UnionFind,
    article_features,
    build_stories,
    same_event_links,
)
from wiretrace.cluster.features import DATE, FIGURE, NAME, RARE, WORD, feature_id
from wiretrace.model import Article, Pair
from wiretrace.text import tokenize, word_id

FLOOD_WIRE = [
    "The River Tessel burst its banks in Millbrook on Tuesday, flooding 120 homes and forcing "
    "the evacuation of the town centre, mayor Jane Harlow said.",
    "Emergency crews and volunteers from the Red Cross worked through the night to move "
    "elderly residents from the low-lying Saint Aldric district, the mayor added.",
    "The National Weather Service warned that more rain was expected across the county until "
    "Thursday and that river levels in Millbrook could rise again by the weekend.",
]
FLOOD_REPRINT = [
    "Millbrook residents spent the night in shelters.",
    FLOOD_WIRE[0].replace("mayor Jane Harlow said", "the town's mayor Jane Harlow said"),
    FLOOD_WIRE[2],
]
FLOOD_OWN_WORDS = [
    "Mayor Jane Harlow declared an emergency in Millbrook after the Tessel overflowed, leaving "
    "some 120 homes under water on June 4.",
    "Speaking at the Millbrook fire station, Harlow said the Saint Aldric district was the "
    "worst hit, and thanked firefighters for working without a break since dawn.",
    "Forecasters expect further showers, and local schools will stay shut until the water "
    "recedes, she said.",
]
OTHER_FLOOD = [
    "Flash floods swept through Dunmore on Tuesday after a week of storms, damaging 45 shops "
    "on the high street, council leader Peter Quayle said.",
    "Volunteers from the Red Cross handed out blankets and hot meals at the Dunmore parish "
    "hall, where dozens of families spent the night.",
    "The National Weather Service said the storms were moving east and that the worst was "
    "over for the region, though roads around Dunmore remain closed.",
]
SPORT = [
    "Westfield Rovers beat Harbour City 3-1 on Saturday to move to the top of the league, "
    "with striker Tomas Reyes scoring twice in the second half.",
]


def art(aid: str, paragraphs: list[str], title: str | None = None, date: str | None = None):
    return Article(
        id=aid,
        source=aid,
        index=1,
        title=title,
        date=date,
        paragraphs=paragraphs,
        text="\n\n".join(paragraphs),
    )


def corpus() -> list[Article]:
    return [
        art("sport", SPORT, "Rovers go top", "2024-06-08"),
        art(
            "wire",
            FLOOD_WIRE,
            "Floods hit Millbrook as River Tessel bursts its banks",
            "2024-06-04",
        ),
        art("other", OTHER_FLOOD, "Flash floods hit Dunmore", "2024-06-04"),
        art("reprint", FLOOD_REPRINT, "Millbrook floods: 120 homes hit", "2024-06-05"),
        art("own", FLOOD_OWN_WORDS, "Millbrook declares flood emergency", "2024-06-04"),
    ]


def reuse_pairs(articles: list[Article]) -> list[Pair]:
    tokens = [tokenize(a.text) for a in articles]
    found = []
    for x in range(len(articles)):
        for y in range(x + 1, len(articles)):
            pair = align_pair(articles[x], tokens[x], articles[y], tokens[y], min_words=10)
            if pair is not None:
                found.append(pair)
    return found


def test_reuse_family_same_event_story_and_separate_flood():
    articles = corpus()
    pairs = reuse_pairs(articles)
    assert [(p.a, p.b) for p in pairs] == [("wire", "reprint")]
    stories, kept = build_stories(articles, pairs, [tokenize(a.text) for a in articles])
    assert [(s.id, s.articles) for s in stories] == [
        ("story-1", ["sport"]),
        ("story-2", ["wire", "reprint", "own"]),
        ("story-3", ["other"]),
    ]
    assert stories[1].families == [["wire", "reprint"], ["own"]]
    assert [(p.a, p.b, p.relation) for p in kept] == [
        ("wire", "reprint", "reuse"),
        ("wire", "own", "same-event"),
    ]
    same = kept[1]
    assert same.passages == [] and same.shared_fraction_a == 0.0 == same.shared_fraction_b


def test_every_article_in_exactly_one_story_and_output_is_deterministic():
    articles = corpus()
    pairs = reuse_pairs(articles)
    first = build_stories(articles, pairs)
    second = build_stories(articles, list(reversed(pairs)))
    assert [s.to_dict() for s in first[0]] == [s.to_dict() for s in second[0]]
    assert [p.to_dict() for p in first[1]] == [p.to_dict() for p in second[1]]
    members = [aid for s in first[0] for aid in s.articles]
    assert sorted(members) == sorted(a.id for a in articles)
    for story in first[0]:
        assert sorted(x for fam in story.families for x in fam) == sorted(story.articles)


def test_different_floods_in_different_towns_stay_apart_even_without_reuse_or_dates():
    articles = [
        art("m", FLOOD_WIRE, "Floods hit Millbrook"),
        art("d", OTHER_FLOOD, "Flash floods hit Dunmore"),
    ]
    stories, kept = build_stories(articles, [])
    assert [s.articles for s in stories] == [["m"], ["d"]]
    assert kept == []


def test_floods_on_same_day_sharing_agencies_and_date_stay_apart():
    """The hard case: same day, same date mention, same aid agencies, different towns."""
    other = [
        OTHER_FLOOD[0].replace("on Tuesday", "on June 4") + " The Red Cross opened a shelter.",
        *OTHER_FLOOD[1:],
    ]
    own = [*FLOOD_OWN_WORDS, "The Red Cross and the National Weather Service were on site."]
    articles = [
        art("m", own, "Millbrook declares flood emergency", "2024-06-04"),
        art("d", other, "Flash floods hit Dunmore", "2024-06-04"),
    ]
    stories, kept = build_stories(articles, [])
    assert [s.articles for s in stories] == [["m"], ["d"]]
    assert kept == []


def test_date_window_keeps_same_names_on_distant_dates_apart():
    a = art("a", FLOOD_WIRE, "Floods hit Millbrook", "2024-06-04")
    b = art("b", FLOOD_OWN_WORDS, "Millbrook declares flood emergency", "2024-09-20")
    stories, _ = build_stories([a, b], [])
    assert len(stories) == 2
    stories, kept = build_stories([a, b], [], rule=EventRule(window_days=None))
    assert len(stories) == 1 and kept[0].relation == "same-event"


def test_same_event_off_gives_reuse_families_only():
    articles = corpus()
    stories, kept = build_stories(articles, reuse_pairs(articles), same_event=False)
    assert ["own"] in [s.articles for s in stories]
    assert all(p.relation == "reuse" for p in kept)


def test_unknown_article_in_pair_is_an_error():
    with pytest.raises(ValueError):
        build_stories([art("a", SPORT)], [Pair(a="a", b="zzz", relation="reuse")])


def test_repeated_article_id_does_not_crash_and_keeps_every_article():
    arts = [art("a", SPORT), art("b", FLOOD_WIRE), art("a", SPORT)]
    stories, _ = build_stories(arts, [Pair(a="a", b="b", relation="reuse")], same_event=False)
    assert [s.articles for s in stories] == [["a", "b"], ["a"]]


def test_transitive_reuse_makes_one_family():
    arts = [art(x, SPORT) for x in "abcd"]
    pairs = [Pair(a="c", b="a", relation="reuse"), Pair(a="d", b="c", relation="reuse")]
    stories, _ = build_stories(arts, pairs, same_event=False)
    assert [(s.id, s.articles, s.families) for s in stories] == [
        ("story-1", ["a", "c", "d"], [["a", "c", "d"]]),
        ("story-2", ["b"], [["b"]]),
    ]


def test_features_find_names_places_dates_and_figures():
    a = art("wire", FLOOD_WIRE, "Floods hit Millbrook as River Tessel bursts its banks")
    f = article_features(a, tokenize(a.text))
    kinds = f.kinds.tolist()
    assert kinds.count(FIGURE) == 1  # "120 homes"
    assert NAME in kinds and WORD in kinds and DATE not in kinds
    own = art("own", FLOOD_OWN_WORDS)
    g = article_features(own)
    assert DATE in g.kinds.tolist()  # "June 4"
    common = set(f.ids.tolist()) & set(g.ids.tolist())
    assert len(common) >= 4  # Millbrook, Jane Harlow, Saint Aldric, 120 homes ...


def test_sentence_initial_common_words_are_not_names():
    a = art("x", ["Troops moved in. Emergency crews followed. Kellby was quiet, Kellby said."])
    f = article_features(a)
    # only "Kellby" (capitalised inside a sentence) is a name
    assert f.kinds.tolist() == [WORD]


SPANISH_A = [
    "Un terremoto de magnitud 5,8 sacudió el 4 de marzo la localidad de Villaverde del Río, "
    "según informó Protección Civil, y dejó al menos 12 heridos.",
    "El alcalde Jorge Ramírez pidió calma a los vecinos y confirmó que la iglesia de San Telmo "
    "sufrió daños graves.",
]
SPANISH_B = [
    "Protección Civil elevó a 12 heridos el balance del sismo que afectó a Villaverde del Río "
    "en la madrugada del 4 de marzo.",
    "Jorge Ramírez, alcalde del municipio, explicó que los equipos revisan la iglesia de San "
    "Telmo y varias escuelas.",
]
SPANISH_OTHER = [
    "Un incendio forestal obligó el 4 de marzo a evacuar la localidad de Montealto, según "
    "informó Protección Civil, que movilizó 30 bomberos.",
    "La alcaldesa Lucía Ferrer agradeció el trabajo de los equipos de emergencia.",
]


def test_spanish_same_event_linked_and_other_event_apart():
    articles = [
        art("es1", SPANISH_A, "Terremoto en Villaverde del Río", "2024-03-04"),
        art("es2", SPANISH_B, "Doce heridos por el sismo de Villaverde del Río", "2024-03-04"),
        art("es3", SPANISH_OTHER, "Incendio en Montealto", "2024-03-04"),
    ]
    stories, kept = build_stories(articles, [])
    assert [s.articles for s in stories] == [["es1", "es2"], ["es3"]]
    assert [(p.a, p.b, p.relation) for p in kept] == [("es1", "es2", "same-event")]


ARABIC_A = [
    "ضرب زلزال بقوة 5 درجات مدينة الزرقاء صباح الاثنين وقالت السلطات إن 14 شخصا أصيبوا",
    "وأعلن الدفاع المدني في الزرقاء أن فرق الإنقاذ تعمل في حي الهاشمية حيث انهارت عدة منازل",
    "وأضاف الدفاع المدني أن سكان حي الهاشمية نقلوا إلى مدارس قريبة",
]
ARABIC_B = [
    "أصيب 14 شخصا في زلزال هز الزرقاء وفق بيان الدفاع المدني الذي أشار إلى أضرار في حي الهاشمية",
    "وقال مسؤول في الزرقاء إن فرق الدفاع المدني ما زالت تبحث عن مفقودين في حي الهاشمية",
]
ARABIC_OTHER = [
    "اندلع حريق في سوق مدينة إربد مساء الاثنين وقال الدفاع المدني إن 3 أشخاص أصيبوا",
    "وأوضح الدفاع المدني في إربد أن الحريق التهم عشرات المحلات في سوق إربد القديم",
]


def test_arabic_same_event_uses_repeated_rare_words_and_figures():
    articles = [
        art("ar1", ARABIC_A, date="2024-05-06"),
        art("ar2", ARABIC_B, date="2024-05-06"),
        art("ar3", ARABIC_OTHER, date="2024-05-06"),
    ]
    kinds = article_features(articles[0]).kinds.tolist()
    assert RARE in kinds and FIGURE in kinds and WORD not in kinds
    stories, kept = build_stories(articles, [])
    assert [s.articles for s in stories] == [["ar1", "ar2"], ["ar3"]]
    assert [p.relation for p in kept] == ["same-event"]


GERMAN_A = [
    "Nach heftigen Regenfällen ist in Bad Kellheim die Lauter über die Ufer getreten, wie die "
    "Feuerwehr am Montag mitteilte. Rund 80 Keller wurden überflutet.",
    "Bürgermeisterin Anna Roth sagte, das Hochwasser in Bad Kellheim sei das schwerste seit "
    "Jahrzehnten, und die Feuerwehr sei mit allen Kräften im Einsatz.",
]
GERMAN_OTHER = [
    "Nach heftigen Regenfällen ist in Oberwinkel ein Hang abgerutscht, wie die Feuerwehr am "
    "Montag mitteilte. Drei Häuser wurden beschädigt.",
    "Bürgermeister Klaus Berger sagte, das Hochwasser habe die Feuerwehr und die Polizei die "
    "ganze Nacht in Atem gehalten.",
]


def test_german_common_nouns_do_not_link_different_events():
    a = art("de1", GERMAN_A, "Hochwasser in Bad Kellheim", "2024-06-03")
    b = art("de2", GERMAN_OTHER, "Hangrutsch in Oberwinkel", "2024-06-03")
    fa = article_features(a)
    words = {int(i) for i, k in zip(fa.ids, fa.kinds, strict=True) if k == WORD}
    # German nouns are capitalised: single words are names only as aliases of multi-word names
    assert words == {feature_id(WORD, word_id("kellheim")), feature_id(WORD, word_id("roth"))}
    stories, _ = build_stories([a, b], [])
    assert len(stories) == 2


def test_rare_features_over_max_df_are_ignored():
    arts = [art(f"s{k}", FLOOD_OWN_WORDS, date="2024-06-04") for k in range(4)]
    feats = [article_features(a) for a in arts]
    assert len(same_event_links(feats, [a.date for a in arts])) == 6
    assert same_event_links(feats, [a.date for a in arts], EventRule(max_df=3)) == []


def test_pairs_in_groups_enumerates_all_pairs_of_each_group():
    p, q = pairs_in_groups(np.array([0, 3, 5]), np.array([3, 2, 1]))
    assert sorted(zip(p.tolist(), q.tolist(), strict=True)) == [(0, 1), (0, 2), (1, 2), (3, 4)]


def test_union_find_components():
    uf = UnionFind(5)
    assert uf.union(4, 1) and uf.union(1, 3) and not uf.union(3, 4)
    assert uf.components() == [[0], [1, 3, 4], [2]]
    assert uf.labels() == [0, 1, 2, 1, 1]


MINE_A = [
    "Rescue teams brought 14 miners to the surface at the Corrow Vale colliery late on Friday, "
    "ending a 52-hour ordeal that began when a tunnel roof gave way.",
    "Operations chief Edda Vinter said the men had survived on water piped down through a "
    "narrow borehole drilled by the Halberg Drilling crew.",
    "The Korsund Mining Authority has opened an inquiry. Its director, Pavel Ostrak, said the "
    "roof supports would be examined.",
]
MINE_B = [
    "Families waiting at the pithead cheered as the last of the men stepped out of the cage "
    "shortly before midnight.",
    "Edda Vinter, who led the operation, told reporters the Halberg Drilling team had reached "
    "the chamber through a second shaft sunk at Corrow Vale.",
    "Pavel Ostrak of the Korsund Mining Authority promised a full review of safety at the pit.",
]


def test_independent_reports_sharing_rare_names_in_their_bodies_are_one_story():
    """No shared sentence, no name in either headline or both leads: the bodies decide."""
    articles = [
        art("a", MINE_A, "Miners freed after two days underground", "2024-03-08"),
        art("b", MINE_B, "Cheers at the pithead as the cage comes up", "2024-03-09"),
    ]
    assert reuse_pairs(articles) == []
    headline_only = EventRule(min_cosine=float("inf"))
    assert len(build_stories(articles, [], rule=headline_only)[0]) == 2
    stories, kept = build_stories(articles, [])
    assert [s.articles for s in stories] == [["a", "b"]]
    assert [(p.a, p.b, p.relation) for p in kept] == [("a", "b", "same-event")]
    far = [articles[0], art("b", MINE_B, articles[1].title, "2024-04-20")]
    assert len(build_stories(far, [])[0]) == 2  # the date window still holds


CONTRACT = [
    "Tomas Reyes has signed a four-year contract extension with Westfield Rovers worth a "
    "reported 9 million pounds, the club announced on Monday.",
    "Sporting director Ines Dahl said Reyes had turned down offers from Porto Azul and "
    "Lindholm Athletic, whose scouts had watched him since the winter.",
    "His agent, Marta Kessler of the Nordvik Sports Agency, said the talks with chairman "
    "Oskar Brandvold had taken three months.",
    "Coach Bruno Sattler called the deal a statement of intent. Reyes joined from Calvera FC "
    "in 2019 and is the Rovers' record signing.",
]
GAME = [
    "Westfield Rovers beat Harbour City 3-1 on Saturday, with Tomas Reyes scoring twice in the "
    "second half at Marlow Park.",
    "Harbour City goalkeeper Leo Brandt saved a penalty from Kasim Oduya before the break, and "
    "Dario Menke put the visitors ahead just after the hour.",
    "Reyes levelled from a Yusuf Arkan cross and then headed in the winner; Pim Voskuil added a "
    "third in stoppage time.",
    "Coach Bruno Sattler said the Rovers would go top if Eastmoor United lose at Crestwood "
    "Town on Sunday.",
]


def test_topical_neighbours_same_player_different_events_stay_apart():
    """A player's contract and the same player at a game: same names, different stories."""
    articles = [
        art("contract", CONTRACT, "Reyes commits his future to the club", "2024-06-03"),
        art("game", GAME, "Late goals keep the title race alive", "2024-06-01"),
    ]
    stories, kept = build_stories(articles, [])
    assert [s.articles for s in stories] == [["contract"], ["game"]] and kept == []
    # what keeps them apart is the share of what each names, not a lack of shared names
    loose = EventRule(min_cosine=0.1)
    assert len(build_stories(articles, [], rule=loose)[0]) == 1
