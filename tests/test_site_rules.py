"""Rules about one site's own articles: its template is no reprint, its posts no independent
reports of one event (invented text)."""

from __future__ import annotations

import random

from wiretrace.align import align_pair
from wiretrace.cluster import build_stories
from wiretrace.model import Article, Pair
from wiretrace.text import tokenize

COMPANY = ("Quillfern is the only fully independent maker of river barometers combined with "
           "hand-built tide clocks for harbours, marinas and the keepers of small lighthouses "
           "on every coast of the northern sea.")


def release(name: str, url: str, body: list[str], closing: str = COMPANY) -> Article:
    text = "\n\n".join([*body, closing])
    return Article(id=name, source=name, index=1, text=text, url=url)


def own_body(seed: str, n: int = 8) -> list[str]:
    """``n`` paragraphs of words no other seed uses (invented, pronounceable)."""
    rng = random.Random(seed)
    syllables = ["ka", "lo", "mi", "ren", "tas", "vu", "pel", "dor", "an", "si", "ur", "be"]
    words = ["".join(rng.choice(syllables) for _ in range(3)) + seed[:2] for _ in range(200)]
    return [" ".join(rng.choice(words) for _ in range(30)).capitalize() + "." for _ in range(n)]


def test_a_sites_recurring_description_is_no_reprint_but_the_same_text_elsewhere_is() -> None:
    a = release("a", "https://www.quillfern.example/news/1", own_body("harbour"))
    b = release("b", "https://quillfern.example/news/2", own_body("lighthouse"),
                COMPANY.replace("hand-built", "handmade"))
    assert align_pair(a, tokenize(a.text), b, tokenize(b.text)) is None
    elsewhere = release("c", "https://other-news.example/x", own_body("lighthouse"),
                        COMPANY.replace("hand-built", "handmade"))
    pair = align_pair(a, tokenize(a.text), elsewhere, tokenize(elsewhere.text))
    assert pair is not None and pair.relation == "reuse"  # the rule needs one site


def test_most_of_an_article_shared_on_one_site_is_still_reuse() -> None:
    body = own_body("harbour")
    a = release("a", "https://quillfern.example/news/1", body)
    b = release("b", "https://quillfern.example/news/1-updated", [*body[:6], "An update."])
    pair = align_pair(a, tokenize(a.text), b, tokenize(b.text))
    assert pair is not None and pair.relation == "reuse"


def test_same_event_links_only_join_different_sites() -> None:
    def report(name: str, url: str) -> Article:
        return Article(id=name, source=name, index=1, url=url, date="2024-05-02",
                       title="Ferrowind Quarry Collapse Traps Miners Near Dalmorrow",
                       text="\n\n".join([
                           "Rescuers at the Ferrowind quarry near Dalmorrow freed 14 miners on "
                           f"Thursday, said Ilse Varnholt of the Dalmorrow fire service ({name}).",
                           "Varnholt said the Ferrowind shaft had flooded after the collapse.",
                       ]))

    one, two = report("a", "https://post.example/1"), report("b", "https://post.example/2")
    other = report("c", "https://herald.example/9")
    stories, pairs = build_stories([one, two], [])
    assert len(stories) == 2 and pairs == []
    stories, pairs = build_stories([one, other], [])
    assert len(stories) == 1 and [p.relation for p in pairs] == ["same-event"]
    assert isinstance(pairs[0], Pair)


def test_a_follow_up_repeating_a_little_of_the_sites_own_story_is_reuse() -> None:
    a = release("a", "https://quillfern.example/news/1", own_body("harbour"))
    b = release("b", "https://quillfern.example/news/2", own_body("lighthouse"),
                COMPANY.replace("hand-built", "handmade"))
    a.date, b.date = "2024-05-02", "2024-05-04"  # days apart: a follow-up
    pair = align_pair(a, tokenize(a.text), b, tokenize(b.text))
    assert pair is not None and pair.relation == "reuse"
    b.date = "2024-09-30"  # months apart: the site's template
    assert align_pair(a, tokenize(a.text), b, tokenize(b.text)) is None


BYLINE = ("By Orla Pembry Full Bio Orla Pembry has covered harbour clocks and river barometers "
          "for the Quillfern Gazette since the first tide tables were printed in the old mill.")
FOOTER = ("Previous Post How to wind a tide clock before the spring tides Next Post Why every "
          "lighthouse keeper still trusts a brass barometer Written by Orla Pembry for the "
          "Gazette, reviewed by the harbour desk.")


def framed(name: str, url: str, title: str, seed: str) -> Article:
    text = "\n\n".join([BYLINE, *own_body(seed, 6), FOOTER])
    return Article(id=name, source=name, index=1, text=text, url=url, title=title,
                   date="2024-05-02")


def test_one_sites_frame_around_two_bodies_is_no_reprint_whatever_the_dates() -> None:
    a = framed("a", "https://quillfern.example/news/1", "Harbour clocks fall silent", "harbour")
    b = framed("b", "https://quillfern.example/news/2", "Lighthouse keepers vote on pay",
               "lighthouse")
    assert align_pair(a, tokenize(a.text), b, tokenize(b.text)) is None  # same day, too
    b.url = "https://herald.example/2"  # the frame of one site only
    pair = align_pair(a, tokenize(a.text), b, tokenize(b.text))
    assert pair is not None and pair.relation == "reuse"


def test_an_update_with_new_ledes_under_a_related_title_stays_reuse() -> None:
    body = own_body("harbour", 8)
    a = Article(id="a", source="a", index=1, url="https://quillfern.example/news/1",
                title="Harbour clocks fall silent in Quillfern",
                text="\n\n".join([*own_body("calm", 3), *body]))
    b = Article(id="b", source="b", index=1, url="https://quillfern.example/news/1-update",
                title="UPDATE 1-Harbour clocks fall silent after storm",
                text="\n\n".join([*own_body("storm", 3), *body]))
    pair = align_pair(a, tokenize(a.text), b, tokenize(b.text))
    assert pair is not None and pair.relation == "reuse"
    b.title = "Lighthouse keepers vote on pay"  # the same text under an unrelated title
    assert align_pair(a, tokenize(a.text), b, tokenize(b.text)) is None


# --- a network's template between sister sites (different hosts) ------------------------------

NETWORK_FOOTER = [
    "We're here to help you make sense of harbour life. Check out our guides or contact us if "
    "you have any questions about tide clocks, barometers or the lighthouses of the coast.",
    "Thanks for reading this far. If you liked this story, share it with a friend and join our "
    "community of keepers, clockmakers and sailors who love the northern sea as much as we do.",
]
FAQ = [
    "Which harbour has the oldest working tide clock?",
    "The clock of Quillfern harbour has run since the mill was built and is wound by hand "
    "every morning by the keeper of the northern light and two apprentices of the guild.",
    "How often must a river barometer be checked?",
    "Keepers of the coast check river barometers twice a week in winter and once a week in "
    "summer, when storms are rarer and the tide tables change less from month to month.",
]


def sister(name: str, url: str, title: str, seed: str, closing: list[str], n: int = 6
           ) -> Article:
    return Article(id=name, source=name, index=1, url=url, title=title,
                   text="\n\n".join([*own_body(seed, n), *closing]))


def sister_pair(closing: list[str]) -> tuple[Article, Article]:
    """Two articles of two sites, bodies of their own, both closing with ``closing``."""
    return (sister("a", "https://harbour-times.example/1", "Harbour clocks fall silent",
                   "harbour", closing),
            sister("b", "https://coast-post.example/7", "Lighthouse keepers vote on pay",
                   "lighthouse", closing))


def test_a_networks_footer_addressing_the_reader_is_no_reprint_between_sister_sites() -> None:
    a, b = sister_pair(NETWORK_FOOTER)
    assert align_pair(a, tokenize(a.text), b, tokenize(b.text)) is None
    # the same paragraphs told as reported prose, third person, are a reprint's evidence
    reported = [p.replace("We're here to help you", "The guild helps keepers")
                .replace("our guides or contact us if you have", "its guides or writes to "
                         "the guild with").replace("If you liked this story, share it",
                                                  "Readers shared the story").replace(
                    "join our", "joined its").replace("as we do", "as the guild does")
                .replace("Thanks for reading this far.", "The guild said so on Monday.")
                for p in NETWORK_FOOTER]
    a.text = "\n\n".join([*own_body("harbour", 6), *reported])
    b.text = "\n\n".join([*own_body("lighthouse", 6), *reported])
    pair = align_pair(a, tokenize(a.text), b, tokenize(b.text))
    assert pair is not None and pair.relation == "reuse"


def test_an_faq_shared_by_sister_sites_is_no_reprint() -> None:
    a, b = sister_pair(FAQ)
    assert align_pair(a, tokenize(a.text), b, tokenize(b.text)) is None


def test_a_partial_reprint_under_an_own_introduction_stays_reuse() -> None:
    """B is its own introduction and the last paragraphs of A: framed like a network's
    footer, but reported prose (first person only inside quotation marks)."""
    story = own_body("harbour", 8)
    story[-1] = (story[-1][:-1] + ', the keeper said. "We will wind every clock of the coast '
                 'ourselves if we must, and you will hear them again," she told us.')
    a = Article(id="a", source="a", index=1, url="https://wire.example/1",
                title="Harbour clocks fall silent", text="\n\n".join(story))
    b = Article(id="b", source="b", index=1, url="https://coast-post.example/7",
                title="Lighthouse keepers vote on pay",
                text="\n\n".join([*own_body("lighthouse", 4), *story[-3:]]))
    pair = align_pair(a, tokenize(a.text), b, tokenize(b.text))
    assert pair is not None and pair.relation == "reuse"


def test_a_networks_footer_one_page_partly_set_aside_is_no_reprint() -> None:
    """The rest of the footer went from one page as boilerplate (it recurred on that site)
    and stays on the sister site's page: there it frames the body too."""
    rest = [" ".join(p.split()[::-1]).capitalize() + "." for p in own_body("footer", 6)]
    a = sister("a", "https://harbour-times.example/1", "Harbour clocks fall silent", "harbour",
               NETWORK_FOOTER)
    a.removed = [f"[boilerplate:recurring] {line}" for line in rest]
    b = sister("b", "https://coast-post.example/7", "Lighthouse keepers vote on pay",
               "lighthouse", [*NETWORK_FOOTER, *rest], n=4)
    assert align_pair(a, tokenize(a.text), b, tokenize(b.text)) is None
    a.removed = []  # nothing set aside: the rest is a second body of b's own
    pair = align_pair(a, tokenize(a.text), b, tokenize(b.text))
    assert pair is not None and pair.relation == "reuse"


def test_a_networks_author_box_in_parentheses_is_no_reprint() -> None:
    """A third-person bio, set apart in parentheses, and the tags under it: no prose of a
    story, though no word of it addresses the reader."""
    box = ["(Orla Pembry is an associate keeper at the Quillfern Harbour Trust admitted to the "
           "guilds of the northern coast. She advises harbour boards on tide clocks, river "
           "barometers, lighthouse leases and the disputes that arise between them)",
           "Tags: Harbours, Tide Clocks, Lighthouses, Orla Pembry"]
    a, b = sister_pair(box)
    assert align_pair(a, tokenize(a.text), b, tokenize(b.text)) is None


def _voice(paragraphs: list[str]) -> bool:
    """``template_voice`` of a text, all of it asked about."""
    from wiretrace.align.evidence import template_voice

    text = "\n\n".join(paragraphs)
    return template_voice(text, tokenize(text), [(0, len(text))])


def test_template_voice_hears_a_footer_that_speaks_to_the_reader() -> None:
    assert _voice(["Thanks for reading! If you liked this post, share it with your friends "
                   "and tell us what you think in the comments below."])


def test_template_voice_reads_us_in_capitals_as_a_name() -> None:
    wire = ("The US Treasury said on Tuesday that it would extend sanctions on the shipping "
            "firm after inspectors found forged cargo papers at three ports, and US officials "
            "said the firm had moved grain through the strait in breach of the embargo.")
    assert not _voice([wire])
    assert _voice([wire.replace("US Treasury", "Treasury").replace("US officials", "we")
                   + " Write to us."])


def test_template_voice_reads_pronouns_only_in_english() -> None:
    italian = ("Il ministro ha detto lunedì che il governo non cambierà i suoi piani per il "
               "bilancio, nonostante le pressioni e i dubbi dei sindacati e delle regioni.")
    polish = ("Minister powiedział w poniedziałek, że rząd nie zmieni swoich planów i we "
              "wtorek przedstawi budżet, mimo presji opozycji i związków zawodowych.")
    assert not _voice([italian])
    assert not _voice([polish])


def test_template_voice_reads_cjk_full_stops_as_sentence_ends() -> None:
    assert not _voice(["政府周二宣布延长对该航运公司的制裁。", "官员表示，检查人员在三个港口发现了伪造的货运文件。"])


def test_template_voice_takes_a_quoted_question_for_prose() -> None:
    text = ["Asked whether the firm would stop trading, its chief executive said: "
            "\u201cWhy should it?\u201d",
            "The company has appealed against the ruling and expects a decision in May."]
    assert not _voice(text)
    faq = ["How do I cancel my subscription?", "Go to your account page and press Cancel."]
    assert _voice(faq)


def test_the_gaps_of_a_frame_count_nested_spans_once() -> None:
    from wiretrace.align import _gaps

    assert _gaps([(10, 20), (30, 40)], 50) == [10, 10, 10]
    assert _gaps([(0, 100), (50, 60)], 500) == [0, 0, 400]  # (50, 60) lies inside (0, 100)
    assert _gaps([], 7) == [7]


def test_member_is_isin_over_a_sorted_array() -> None:
    import numpy as np

    from wiretrace.align.evidence import _member

    rng = np.random.default_rng(3)
    for _ in range(200):
        table = np.unique(rng.integers(0, 50, rng.integers(1, 20)).astype(np.uint32))
        ids = rng.integers(0, 60, rng.integers(0, 30)).astype(np.uint32)
        assert (_member(ids, table) == np.isin(ids, table)).all()
