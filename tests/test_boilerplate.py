"""Site boilerplate: shape rules on one article, recurrence over a batch (invented text)."""

from __future__ import annotations

import os

import pytest

from wiretrace.clean.boilerplate import (
    MARK,
    host,
    strip_boilerplate,
    strip_recurring,
    strip_shapes,
)
from wiretrace.clean.lines import related_titles
from wiretrace.model import Article
from wiretrace.pipeline import compare_articles
from wiretrace.run import Options

# Two unrelated invented stories of one fictional site.
HARBOUR = [
    "VELMORA, Estrava: The port authority of Velmora opened a third container terminal on "
    "Thursday, doubling the harbour's yearly capacity to four million boxes.",
    "The terminal, built on land reclaimed from the lagoon over six years, cost the city "
    "about 900 million korunas, harbour master Ilse Brandt told reporters.",
    "Twelve new cranes will unload ships of up to 18,000 containers, and a rail spur links "
    "the quays to the inland depot at Dorsk.",
    "Fishermen who lost their moorings to the works will receive berths in a new marina on "
    "the northern shore next spring, the authority said.",
    "Shipping lines have already booked most slots for the winter season, Brandt added.",
]
ORCHARD = [
    "A late frost destroyed about half of the apricot blossom in the Tessar valley this week, "
    "growers said, the worst damage in two decades.",
    "Temperatures fell to minus six degrees on Tuesday night, and smudge pots lit along the "
    "terraces could not save the lower orchards.",
    "The regional farmers' union asked the agriculture ministry for emergency loans and a "
    "delay on the repayment of last year's drought credits.",
    "Cherry trees, which flower later, escaped mostly unharmed, according to the union's "
    "first survey of the damage.",
    "Prices for dried apricots at the Lenmark market rose by a fifth on Wednesday.",
]
# The site's promotional paragraph, printed under every article.
PROMO = (
    "The Velmora Courier is the independent voice of the lagoon coast since 1921, with "
    "reporters in every harbour town from Dorsk to Lenmark, bringing readers the news that "
    "matters to families, fishermen and farmers every single day of the year."
)


def art(aid: str, paragraphs: list[str], url: str | None = None, outlet: str | None = None,
        source: str | None = None) -> Article:
    return Article(id=aid, source=source or aid, index=1, paragraphs=paragraphs, url=url,
                   outlet=outlet)


def marked(article: Article) -> list[str]:
    return [line for line in article.removed if line.startswith("[boilerplate:")]


# --- shape rules --------------------------------------------------------------------------------


def test_about_block_at_the_end_is_removed_with_its_heading():
    about = ["About Velmora Shipping",
             "Velmora Shipping is a container line founded in 1987 with 40 ships.",
             "Velmora Shipping is headquartered in Dorsk."]
    article = art("a", HARBOUR + about)
    assert strip_shapes(article) == 3
    assert article.paragraphs == HARBOUR
    assert article.removed == [MARK.format(reason="about") + line for line in about]


def test_about_heading_not_naming_the_next_paragraph_is_kept():
    # "About the terminal" followed by prose that does not open with the terminal: a section
    article = art("a", HARBOUR + ["About the costs", "Critics say the budget doubled."])
    assert strip_shapes(article) == 0
    # an "About" block longer than the body before it is the article itself
    long_block = ["About Velmora Shipping"] + ["Velmora Shipping runs ships. " * 3] * 4
    article = art("b", HARBOUR[:1] + long_block)
    assert strip_shapes(article) == 0


@pytest.mark.parametrize(
    "line, reason",
    [
        ("© 2031 The Velmora Courier. All rights reserved.", "copyright"),
        ("Copyright 2031 Lagoon Media Group", "copyright"),
        ("By signing up, you agree to our Terms of Use and Privacy Policy.", "privacy"),
        ("Sign up for our newsletter to get the top stories in your inbox.", "newsletter"),
        ("Receive the latest harbour photographs and reports along with Courier updates and "
         "promotions.", "newsletter"),
        ("The Harbour Notes column is written by Ilse Brandt, a former sea captain.", "author"),
        ("Contact Ilse Brandt at www.velmora-courier.example or on 555-0100.", "contact"),
        ("Email the reporter at ilse@velmora-courier.example", "contact"),
        ("When you buy through links on our site, we may earn an affiliate commission.",
         "disclosure"),
        ("This post contains affiliate links that may earn us a small fee at no extra cost "
         "to you.", "disclosure"),
        ("This story was developed in partnership with Velmora Cranes by the Courier's "
         "branded content team.", "disclosure"),
    ],
)
def test_one_paragraph_shapes(line, reason):
    article = art("a", HARBOUR + [line])
    assert strip_shapes(article) == 1
    assert article.paragraphs == HARBOUR
    assert article.removed == [MARK.format(reason=reason) + line]


def test_tail_shapes_are_prose_inside_the_body():
    prose = "The harbour anthem is written by Ilse Brandt, who sings it at every launch."
    article = art("a", [prose] + HARBOUR + ORCHARD)
    assert strip_shapes(article) == 0
    assert article.paragraphs[0] == prose
    # ... and a copyright-law story keeps its paragraph about copyright
    law = art("b", ["Copyright law in Estrava protects songs for 70 years."] + ORCHARD)
    assert strip_shapes(law) == 0
    # ... and a story about sales agents keeps its paragraph about their commissions
    sales = art("c", ORCHARD + ["Brokers earn a commission of two percent on every crate "
                                "sold through their affiliate links, the union said."])
    assert strip_shapes(sales) == 0


# --- recurrence ---------------------------------------------------------------------------------


def test_host_is_netloc_then_outlet_then_directory():
    assert host(art("a", ["x"], url="https://www.courier.example:443/a/b")) == "courier.example"
    assert host(art("a", ["x"], outlet="Velmora Courier")) == "outlet:velmora courier"
    assert host(art("a", ["x"], source="pages/site/1.html")) == "dir:" + os.path.abspath(
        "pages/site")  # absolute: the same folder under any working folder


def test_paragraph_only_two_articles_of_one_host_share_is_removed():
    a = art("a", HARBOUR + [PROMO], url="https://courier.example/harbour")
    b = art("b", ORCHARD + [PROMO], url="https://courier.example/orchard")
    assert strip_recurring([a, b]) == 2
    assert a.paragraphs == HARBOUR and b.paragraphs == ORCHARD
    assert marked(a) == marked(b) == [MARK.format(reason="recurring") + PROMO]


def test_shared_boilerplate_does_not_link_two_articles_of_one_host():
    def pairs(url_b: str) -> list:
        a = art("a", HARBOUR + [PROMO], url="https://courier.example/harbour")
        b = art("b", ORCHARD + [PROMO], url=url_b)
        return compare_articles([a, b], Options(explain=False)).pairs

    assert pairs("https://courier.example/orchard") == []
    # inside the body on another site the same paragraph is shared text: reuse (so the test
    # can fail)
    a = art("a", HARBOUR + [PROMO], url="https://courier.example/harbour")
    b = art("b", ORCHARD[:2] + [PROMO] + ORCHARD[2:], url="https://other.example/orchard")
    assert [p.relation for p in compare_articles([a, b], Options(explain=False)).pairs] == [
        "reuse"]


def test_two_updates_of_one_story_on_one_host_stay_reuse():
    first = art("a#1", HARBOUR[:4] + [PROMO], url="https://courier.example/harbour")
    update = art("a#2", HARBOUR + [PROMO], url="https://courier.example/harbour-update")
    texts = [first.text, update.text]
    assert strip_boilerplate([first, update]) == 0
    assert [first.text, update.text] == texts
    result = compare_articles([first, update], Options(explain=False))
    assert [p.relation for p in result.pairs] == ["reuse"]


def test_wire_paragraph_carried_by_two_hosts_is_kept():
    wire = HARBOUR[1]
    a = art("a", [wire] + ORCHARD, url="https://courier.example/a")
    b = art("b", [wire] + ORCHARD[:1], url="https://gazette.example/b")
    assert strip_recurring([a, b]) == 0
    assert a.paragraphs[0] == b.paragraphs[0] == wire


def test_a_background_paragraph_inside_two_articles_of_one_host_is_kept():
    # a follow-up story repeating a paragraph of the first one: reuse, not a template
    background = HARBOUR[1]
    a = art("a", HARBOUR, url="https://courier.example/a")
    b = art("b", ORCHARD[:2] + [background] + ORCHARD[2:], url="https://courier.example/b")
    assert strip_recurring([a, b]) == 0
    # the same paragraph closing both articles is the site's template
    b = art("b", ORCHARD + [background], url="https://courier.example/b")
    a = art("a", HARBOUR[:1] + HARBOUR[2:] + [background], url="https://courier.example/a")
    assert strip_recurring([a, b]) == 2


def test_a_witness_must_share_little_else():
    # one unrelated article and two versions of one story hold the paragraph: only one
    # article shares little else, which is not enough to call the paragraph boilerplate
    other = art("o", ORCHARD + [HARBOUR[1]], url="https://courier.example/o")
    v1 = art("v1", HARBOUR, url="https://courier.example/v1")
    v2 = art("v2", HARBOUR[:4], url="https://courier.example/v2")
    assert strip_recurring([other, v1, v2]) == 0


def test_about_block_that_changed_goes_with_its_recurring_opening():
    opening = "Velmora Shipping is a container line founded in 1987 with forty ships."
    a = art("a", HARBOUR + [opening, "Velmora Shipping employs 1,300 people."],
            source="releases/a.html")
    b = art("b", ORCHARD + [opening, "Velmora Shipping employs 1,400 people."],
            source="releases/b.html")
    assert strip_recurring([a, b]) == 4
    assert a.paragraphs == HARBOUR and b.paragraphs == ORCHARD


def test_an_article_of_template_text_only_is_kept():
    a = art("a", [PROMO], url="https://courier.example/a")
    b = art("b", [PROMO], url="https://courier.example/b")
    assert strip_recurring([a, b]) == 0
    assert a.paragraphs == [PROMO]


def test_index_add_stores_articles_without_their_sites_boilerplate(tmp_path):
    from wiretrace.index.archive import Archive
    from wiretrace.pipeline import index_add
    from wiretrace.run import ProblemLog

    pages = tmp_path / "site"
    pages.mkdir()
    (pages / "harbour.txt").write_text("\n\n".join(HARBOUR + [PROMO]) + "\n")
    (pages / "orchard.txt").write_text("\n\n".join(ORCHARD + [PROMO]) + "\n")
    db = str(tmp_path / "archive.sqlite")
    assert index_add([str(pages)], Options(db=db, quiet=True), ProblemLog()) == (2, 2)
    with Archive(db) as archive:
        stored = archive.get([f"{pages}/harbour.txt#1", f"{pages}/orchard.txt#1"])
    assert len(stored) == 2
    assert all(PROMO not in article.text for article in stored)
    assert all(MARK.format(reason="recurring") + PROMO in article.removed for article in stored)


# A long template block of invented text: a shop's promotion, longer than each story.
SHOP = [
    "Shop the Velmora Courier store for prints of our best harbour photographs, framed by "
    "hand in our Dorsk workshop and shipped anywhere on the lagoon coast within three days.",
    "Every purchase supports the independent local reporting that our newsroom has offered "
    "to readers of the lagoon coast for more than a century, from Dorsk to Lenmark and beyond.",
    "Members receive a ten percent discount on every order, early access to our limited "
    "edition calendars, and an invitation to the annual readers' evening at the old harbour.",
    "Gift cards are available in any amount and never expire, so they make a fine present "
    "for the fishermen, farmers and families of the lagoon coast at any time of the year.",
    "Questions about an order? Our customer desk answers every message within one working "
    "day, and returns are free for thirty days after delivery, with no questions asked.",
]


def test_a_template_block_split_off_as_its_own_article_is_removed():
    # the splitter cut the block off page a as an article of its own: it still closes a's
    # story (before, an article of template text only was kept, and linked a to b)
    a1 = art("a#1", HARBOUR, url="https://courier.example/a", source="a")
    a2 = Article(id="a#2", source="a", index=2, paragraphs=[PROMO],
                 url="https://courier.example/a")
    b = art("b", ORCHARD + [PROMO], url="https://courier.example/b")
    assert strip_recurring([a1, a2, b]) == 2
    assert a2.paragraphs == [] and b.paragraphs == ORCHARD
    assert marked(a2) == [MARK.format(reason="recurring") + PROMO]


@pytest.mark.parametrize("host_b, reason", [("courier", "recurring"),
                                            ("gazette", "recurring-sites")])
def test_a_block_longer_than_the_stories_under_unrelated_titles_is_removed(host_b, reason):
    # one site, or two sites of one network, print a block longer than each story under it:
    # neither has a low share, but each holds a story of its own before it, unrelated titles
    a = art("a", HARBOUR + SHOP, url="https://courier.example/a")
    b = art("b", ORCHARD + SHOP, url=f"https://{host_b}.example/b")
    a.title, b.title = "Velmora opens third container terminal", "Frost ruins apricot blossom"
    assert strip_boilerplate([a, b]) == 2 * len(SHOP)
    assert a.paragraphs == HARBOUR and b.paragraphs == ORCHARD
    assert marked(b) == [MARK.format(reason=reason) + p for p in SHOP]


@pytest.mark.parametrize("host_b, reason", [("courier", "recurring"),
                                            ("gazette", "recurring-sites")])
def test_titles_sharing_only_their_year_are_unrelated(host_b: str, reason: str):
    # a site's listicles all carry this year: "watch" and "2031" are half the words of
    # each title, but without the year they share one word of three
    a = art("a", HARBOUR + SHOP, url="https://courier.example/a")
    b = art("b", ORCHARD + SHOP, url=f"https://{host_b}.example/b")
    a.title = "Top 20 Harbour Cranes to Watch in 2031"
    b.title = "Top 12 Apricot Growers to Watch in 2031"
    assert strip_boilerplate([a, b]) == 2 * len(SHOP)
    assert a.paragraphs == HARBOUR and b.paragraphs == ORCHARD
    assert marked(b) == [MARK.format(reason=reason) + p for p in SHOP]


@pytest.mark.parametrize("host_b", ["courier", "gazette"])  # one site, then two sites
def test_a_long_shared_ending_under_related_titles_is_kept(host_b: str):
    # two versions of one story (on two sites: a reprint each opens with a lede of its
    # own): the same long ending, related titles, so the ending stays
    a = art("a", HARBOUR + SHOP, url="https://courier.example/a")
    b = art("b", ORCHARD + SHOP, url=f"https://{host_b}.example/b")
    a.title, b.title = "Velmora shop opens", "Velmora shop opens its doors"
    assert strip_boilerplate([a, b]) == 0


def test_a_template_paragraph_of_sister_sites_is_removed():
    # two sites of one network print one promotion under unrelated stories
    def pages() -> list[Article]:
        a = art("a", HARBOUR + [PROMO], url="https://courier.example/a")
        b = art("b", ORCHARD + [PROMO], url="https://gazette.example/b")
        a.title, b.title = "Velmora opens third container terminal", "Frost ruins apricot blossom"
        return [a, b]

    a, b = pages()
    assert strip_boilerplate([a, b]) == 2
    assert a.paragraphs == HARBOUR and b.paragraphs == ORCHARD
    assert marked(b) == [MARK.format(reason="recurring-sites") + PROMO]
    assert compare_articles(pages(), Options(explain=False)).pairs == []


def test_a_lightly_edited_reprint_on_two_sites_is_not_a_sister_template():
    # an edited reprint shares few paragraphs byte for byte (a low share) but keeps the
    # headline: its closing paragraphs are the story's
    edited = [p.replace(" the ", " a ", 1) for p in HARBOUR[:-1]] + HARBOUR[-1:]
    a = art("a", HARBOUR, url="https://courier.example/a")
    b = art("b", edited, url="https://gazette.example/b")
    a.title = b.title = "Velmora opens third container terminal"
    assert strip_boilerplate([a, b]) == 0
    b.title = "Frost ruins apricot blossom"  # so the test can fail
    assert strip_boilerplate([a, b]) == 2


def test_a_reprint_on_two_sites_is_not_a_sister_template():
    # the same paragraphs closing two articles that are mostly those paragraphs: a reprint
    a = art("a", HARBOUR[:1] + SHOP, url="https://courier.example/a")
    b = art("b", ORCHARD[:1] + SHOP, url="https://gazette.example/b")
    assert strip_boilerplate([a, b]) == 0


def test_a_sister_template_block_followed_by_a_page_s_own_short_lines_is_removed():
    # one site prints its author label and a one-line bio after the network's block: the
    # block still closes the story (before, those lines hid it and the two were linked)
    own = ["AUTHOR", "Harbour reporter at the Courier."]
    a = art("a", HARBOUR + [PROMO] + own, url="https://courier.example/a")
    b = art("b", ORCHARD + [PROMO], url="https://gazette.example/b")
    a.title, b.title = "Velmora opens third container terminal", "Frost ruins apricot blossom"
    assert strip_boilerplate([a, b]) == 2
    assert a.paragraphs == HARBOUR + own and b.paragraphs == ORCHARD


def test_a_shared_block_followed_by_a_long_paragraph_of_its_own_is_kept():
    # a paragraph of the story after the shared block: the block closes nothing
    own = ["Ferries to the islands will leave from the old quay until the new pier opens."]
    a = art("a", HARBOUR + [PROMO] + own, url="https://courier.example/a")
    b = art("b", ORCHARD + [PROMO], url="https://gazette.example/b")
    a.title, b.title = "Velmora opens third container terminal", "Frost ruins apricot blossom"
    assert strip_boilerplate([a, b]) == 0


def test_a_sister_block_cut_off_as_an_article_of_its_own_is_framed_by_the_page_s_story():
    # the splitter cut the network's block off page a under a heading, with a dateline of
    # the page's own before it: the story before it on the page frames it
    a1 = art("a#1", HARBOUR, url="https://courier.example/a", source="a")
    a2 = Article(id="a#2", source="a", index=2, paragraphs=["Published on Monday."] + SHOP,
                 url="https://courier.example/a", title="More from the network")
    b = art("b", ORCHARD + SHOP, url="https://gazette.example/b")
    a1.title, b.title = "Velmora opens third container terminal", "Frost ruins apricot blossom"
    assert strip_boilerplate([a1, a2, b]) == 2 * len(SHOP)
    assert a2.paragraphs == ["Published on Monday."] and b.paragraphs == ORCHARD


def test_a_short_line_of_a_page_s_own_inside_a_template_block_is_removed_with_it():
    # a site prints a short heading of its own between the network's paragraphs: the block
    # still closes the story, heading and all (before, the heading cut the block off)
    heading = "How can you get a print of the harbour?"  # 9 words
    block = [PROMO, heading, SHOP[0]]
    a = art("a", HARBOUR + block, url="https://courier.example/a")
    b = art("b", ORCHARD + [PROMO, SHOP[0]], url="https://courier.example/b")
    assert strip_boilerplate([a, b]) == 5
    assert a.paragraphs == HARBOUR and b.paragraphs == ORCHARD
    assert MARK.format(reason="recurring") + heading in a.removed


def test_a_long_line_of_a_page_s_own_inside_a_shared_block_keeps_it():
    # a paragraph of the story between shared ones is no template line: the block before
    # it closes nothing
    own = "Ferries to the islands will leave from the old quay until the new pier opens."
    a = art("a", HARBOUR + [PROMO, own, SHOP[0]], url="https://courier.example/a")
    b = art("b", ORCHARD + [PROMO, SHOP[0]], url="https://courier.example/b")
    strip_boilerplate([a, b])  # SHOP[0] alone closes both
    assert a.paragraphs == HARBOUR + [PROMO, own]


def test_an_about_heading_ending_a_sentence_is_no_heading():
    # "About the author…" ends like a sentence (an ellipsis), so it opens no about block
    body = HARBOUR + ["About Velmora…", "Velmora is a port city on the lagoon coast."]
    article = art("a", body)
    assert strip_shapes(article) == 0
    article = art("a", HARBOUR + ["About Velmora", body[-1]])  # so the test can fail
    assert strip_shapes(article) == 2


@pytest.mark.parametrize("text", [
    "", "mail", "x@", "@", "© 2024 the gazette", "ünïcödé ©", "the harbour reopened",
    "written b", "written by", "agre", "agree", "e-mail us", "ü@ü", "http", "wwww.",
])
def test_the_compiled_cue_scan_finds_what_a_substring_test_finds(text):
    import numpy as np

    from wiretrace.clean import boilerplate as bp

    data = text.encode()
    found = bp._scan_cues(np.frombuffer(data, np.uint8), bp._CUE_TABLE, bp._CUE_PATTERNS,
                          bp._CUE_OFFSETS, bp._CUE_TAIL)
    if any(cue in text for cue in bp._CUES):
        assert found == -2
    else:
        tails = [data.rfind(cue.encode()) for cue in bp._TAIL_CUES]
        assert found == max(tails, default=-1)


def test_an_article_the_pass_left_empty_is_folded_into_the_one_before_it() -> None:
    from wiretrace.clean.boilerplate import fold_emptied

    story = Article(id="p#1", source="p", index=1, title="Harbour fair opens",
                    paragraphs=["The harbour fair opened with forty stalls."])
    cut_off = Article(id="p#2", source="p", index=2, title="More from the Gazette",
                      paragraphs=[], captions=["A gull on a post."],
                      removed=["[boilerplate:recurring] Read the Gazette every morning."])
    empty_page = Article(id="q#1", source="q", index=1, paragraphs=[])  # empty as read
    other = Article(id="r#1", source="r", index=1, paragraphs=["A ferry sails at noon."])
    emptied_first = Article(id="s#1", source="s", index=1, paragraphs=[],
                            removed=["[boilerplate:recurring] Subscribe now."])
    kept = fold_emptied([story, cut_off, empty_page, other, emptied_first])
    assert [a.id for a in kept] == ["p#1", "q#1", "r#1", "s#1"]
    assert story.removed == ["[boilerplate:template-heading] More from the Gazette",
                             "[boilerplate:recurring] Read the Gazette every morning."]
    assert story.captions == ["A gull on a post."]
    assert story.paragraphs == ["The harbour fair opened with forty stalls."]


def test_words_holding_a_digit_relate_no_two_titles():
    # the shared mechanism, read by the boilerplate pass and by align's same-site template rule
    assert not related_titles("Top 20 Harbour Cranes to Watch in 2031",
                              "Top 12 Apricot Growers to Watch in 2031")
    assert related_titles("Harbour cranes stall in 2031", "Harbour cranes stall again")
    assert related_titles("Covid19 on 5 May", "Update 2031")  # no title words: nothing tells them apart
