"""Tests of the align stage on invented articles: reprints with cuts, reorders, insertions, swaps."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wiretrace.align import align_ids, align_pair, passage_edits
from wiretrace.model import Article, Passage
from wiretrace.text import tokenize

P1 = (
    "Rebel fighters seized two villages near Dornhaven, north of the capital, on Tuesday in "
    "what officials called an attempt to draw troops away from the siege of their last "
    "northern strongholds, but were pushed back by evening, police sources said."
)
P2 = (
    "The attackers briefly held the villages of Kessel Ridge and Old Marrow, which lie on the "
    "main road between the river port and the mountain passes, the sources said."
)
P3 = (
    "After several hours of heavy fighting in which there were casualties on both sides, "
    "government forces retook both villages and began searching nearby farms for gunmen."
)
P4 = (
    '"Our forces and local volunteers have restored order in the whole district," regional '
    "governor Halvard Oystrem told reporters at a briefing in the provincial capital."
)
P5 = (
    "A hospital official in Dornhaven said three police officers were killed and eleven "
    "civilians wounded, while the army said it had killed fourteen rebels during the operation."
)
P6 = (
    "A night curfew has been imposed on Dornhaven and the surrounding villages until further "
    "notice to prevent new infiltrations, the governor added in a statement."
)
ORIGINAL = [P1, P2, P3, P4, P5, P6]

UNRELATED = [
    "Rebel fighters attacked an army convoy near the southern border town of Esterlin on "
    "Friday, killing two soldiers, according to a statement from the defence ministry.",
    "The ministry said the convoy was carrying supplies to troops stationed in the hills and "
    "that reinforcements had been sent to the area after the attack on the road.",
    "Government forces have been fighting the rebels for more than three years, and officials "
    "say the insurgents are now weaker than at any time since the conflict began, the sources said.",
    "Police sources said several suspects were detained in the town after the attack, and a "
    "curfew was imposed on the main market district until further notice.",
]


def article(aid: str, paragraphs: list[str]) -> Article:
    return Article(id=aid, source=aid, index=1, paragraphs=paragraphs, text="\n\n".join(paragraphs))


def aligned(a: Article, b: Article, **kw):
    return align_pair(a, tokenize(a.text), b, tokenize(b.text), **kw)


def texts(pair, a: Article, b: Article) -> list[tuple[str, str]]:
    return [(a.text[slice(*p.a)], b.text[slice(*p.b)]) for p in pair.passages]


def test_identical_articles_align_fully():
    a, b = article("a", ORIGINAL), article("b", ORIGINAL)
    pair = aligned(a, b)
    assert pair is not None and pair.relation == "reuse"
    assert texts(pair, a, b) == [(a.text[:-1], b.text[:-1])]  # up to the final full stop
    assert pair.shared_fraction_a == pytest.approx(1.0)
    assert pair.shared_fraction_b == pytest.approx(1.0)


def test_trimmed_ends_give_one_passage_at_right_offsets():
    a = article("a", ORIGINAL)
    b = article("b", ["Breaking news from the north.", P1, P2, P3, P4])
    pair = aligned(a, b)
    assert pair is not None
    [(in_a, in_b)] = texts(pair, a, b)
    assert in_a == in_b
    assert in_a.startswith("Rebel fighters seized") and in_a.endswith(
        "at a briefing in the provincial capital"
    )
    assert pair.passages[0].a[0] == 0
    assert pair.passages[0].b[0] == b.text.index("Rebel fighters")
    assert 0.5 < pair.shared_fraction_a < 0.8
    assert pair.shared_fraction_b > 0.9


def test_reordered_paragraphs_are_all_found():
    a = article("a", ORIGINAL)
    b = article("b", [P4, P5, P1, P2, P3, P6])
    pair = aligned(a, b)
    assert pair is not None
    found = texts(pair, a, b)
    assert all(x == y for x, y in found)
    joined = " ".join(x for x, _ in found)
    for para in ORIGINAL:
        assert para.strip('".')[:-1] in joined
    starts_b = sorted(p.b[0] for p in pair.passages)
    assert starts_b[0] == b.text.index("Our forces")  # quote mark is not a word: snapped
    assert pair.shared_fraction_a > 0.95 and pair.shared_fraction_b > 0.95


def test_inserted_paragraph_splits_passage_around_it():
    extra = (
        "Residents described hearing explosions through the night and said many families had "
        "fled towards the coast in cars and on foot before the roads were closed by the army."
    )
    a = article("a", ORIGINAL)
    b = article("b", [P1, P2, P3, extra, P4, P5, P6])
    pair = aligned(a, b)
    assert pair is not None
    found = texts(pair, a, b)
    assert len(found) == 2
    assert found[0][1].endswith("searching nearby farms for gunmen")
    assert found[1][1].startswith("Our forces")
    assert extra[:30] not in " ".join(y for _, y in found)
    assert pair.shared_fraction_a > 0.95
    assert pair.shared_fraction_b < 0.9


def test_word_swaps_do_not_split_a_passage():
    swapped = (
        P1.replace("Rebel fighters", "Insurgents")
        .replace("their last northern strongholds", "the armed group's last northern strongholds")
        .replace("police sources said", "security sources said")
    )
    p5 = P5.replace("three police officers", "at least five police officers")
    a = article("a", ORIGINAL)
    b = article("b", [swapped, P2, P3, P4, p5, P6])
    pair = aligned(a, b)
    assert pair is not None
    assert len(pair.passages) == 1
    in_a, in_b = texts(pair, a, b)[0]
    # the swap at the sentence start is taken inside the passage, up to the text start
    assert in_a.startswith("Rebel fighters seized two villages")
    assert in_b.startswith("Insurgents seized two villages")
    ta, tb = tokenize(a.text), tokenize(b.text)
    swaps = [
        (a.text[slice(*e.a_span)], b.text[slice(*e.b_span)])
        for e in passage_edits(a, ta, b, tb, pair.passages[0])
        if e.tag != "equal"
    ]
    assert swaps == [
        ("Rebel fighters", "Insurgents"),
        ("their", "the armed group's"),
        ("police", "security"),
        ("three", "at least five"),
    ]
    assert "the armed group's last northern strongholds" in in_b
    assert "their last northern strongholds" in in_a
    assert "at least five police officers" in in_b


def test_phrase_swap_edits_are_single_replacements():
    a = article("a", ORIGINAL)
    b_text = P1.replace("their last", "the terrorist organization's last")
    b = article("b", [b_text])
    ta, tb = tokenize(a.text), tokenize(b.text)
    pair = align_pair(a, ta, b, tb)
    assert pair is not None and len(pair.passages) == 1
    edits = passage_edits(a, ta, b, tb, pair.passages[0])
    changed = [
        (e.tag, a.text[slice(*e.a_span)], b.text[slice(*e.b_span)])
        for e in edits
        if e.tag != "equal"
    ]
    assert changed == [("replace", "their", "terrorist organization's")] or changed == [
        ("replace", "their", "the terrorist organization's")
    ]
    # equal + replace spans tile the passage in order
    assert edits[0].a_span[0] == pair.passages[0].a[0]
    assert edits[-1].a_span[1] == pair.passages[0].a[1]


def test_insert_and_delete_edits_have_empty_spans():
    a = article("a", [P2])
    b = article(
        "b",
        [
            P2.replace("the main road", "the busy main road").replace(
                "river port and the ", "river port and "
            )
        ],
    )
    ta, tb = tokenize(a.text), tokenize(b.text)
    pair = align_pair(a, ta, b, tb)
    assert pair is not None
    edits = passage_edits(a, ta, b, tb, pair.passages[0])
    tags = [e.tag for e in edits]
    assert "insert" in tags and "delete" in tags
    ins = next(e for e in edits if e.tag == "insert")
    assert ins.a_span[0] == ins.a_span[1] and b.text[slice(*ins.b_span)] == "busy"
    dele = next(e for e in edits if e.tag == "delete")
    assert dele.b_span[0] == dele.b_span[1] and a.text[slice(*dele.a_span)] == "the"


def test_cut_at_sentence_end_is_inside_the_passage():
    a = article("a", [P4, P5])
    b = article("b", [P4.replace(" in the provincial capital", "")])
    ta, tb = tokenize(a.text), tokenize(b.text)
    pair = align_pair(a, ta, b, tb)
    assert pair is not None and len(pair.passages) == 1
    edits = passage_edits(a, ta, b, tb, pair.passages[0])
    cuts = [a.text[slice(*e.a_span)] for e in edits if e.tag == "delete"]
    assert cuts == ["in the provincial capital"]
    assert pair.passages[0].a[1] == a.text.index(" in the provincial capital") + 26


def test_empty_and_tiny_articles_give_none():
    empty, tiny = article("e", [""]), article("t", ["Rebel fighters"])
    full = article("f", ORIGINAL)
    assert aligned(empty, full) is None and aligned(full, empty) is None
    assert aligned(tiny, full) is None


def test_unrelated_same_topic_article_gives_none():
    a = article("a", ORIGINAL)
    b = article("b", UNRELATED)
    assert aligned(a, b) is None
    assert aligned(b, a) is None


def test_partial_reprint_of_one_paragraph_is_found():
    a = article("a", ORIGINAL)
    b = article("b", UNRELATED[:2] + [P5] + UNRELATED[2:])
    pair = aligned(a, b)
    assert pair is not None
    assert texts(pair, a, b) == [(P5[:-1], P5[:-1])]


def test_non_english_texts_align():
    de = [
        "Schwere Unwetter haben am Dienstag in der Stadt Überlingen Straßen überflutet und "
        "zahlreiche Keller unter Wasser gesetzt, teilte die Feuerwehr mit.",
        "Nach Angaben der Behörden wurden mindestens zwölf Menschen verletzt, zwei von ihnen "
        "schwer; die Aufräumarbeiten würden noch mehrere Tage dauern.",
    ]
    ar = [
        "قالت مصادر أمنية إن مسلحين هاجموا قرية قرب المدينة يوم الثلاثاء قبل أن تستعيد القوات "
        "الحكومية السيطرة عليها بعد ساعات من القتال العنيف",
    ]
    a = article("a", de + ar)
    b = article("b", [de[1].replace("zwölf", "15"), ar[0], de[0]])
    pair = aligned(a, b)
    assert pair is not None
    found = dict(texts(pair, a, b))
    assert any(x.endswith(ar[0]) and y.endswith(ar[0]) for x, y in found.items())
    assert any("Überlingen" in x and x == y for x, y in found.items())
    assert any("Behörden" in y and "15" in y for y in found.values())


def test_repeated_phrase_is_aligned_once():
    a = article("a", [P3, P3])
    b = article("b", [P3])
    pair = aligned(a, b)
    assert pair is not None
    assert len(pair.passages) == 1
    assert pair.shared_fraction_a == pytest.approx(0.5, abs=0.02)
    assert pair.shared_fraction_b == pytest.approx(1.0)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.integers(0, 30), min_size=0, max_size=80),
    st.lists(st.integers(0, 30), min_size=0, max_size=80),
)
def test_align_ids_invariants(xs, ys):
    """On random id arrays: passages are inside bounds and never reuse a word of either side."""
    a, b = np.array(xs, dtype=np.uint32), np.array(ys, dtype=np.uint32)
    passages = align_ids(a, b, min_words=5, min_extra_words=5)
    used_a, used_b = np.zeros(len(a), int), np.zeros(len(b), int)
    for a0, a1, b0, b1, matched in passages:
        assert 0 <= a0 < a1 <= len(a) and 0 <= b0 < b1 <= len(b)
        assert matched <= min(a1 - a0, b1 - b0)
        assert a[a0] == b[b0] and a[a1 - 1] == b[b1 - 1]
        used_a[a0:a1] += 1
        used_b[b0:b1] += 1
    assert used_a.max(initial=0) <= 1 and used_b.max(initial=0) <= 1


def test_passage_edits_on_given_passage_are_consistent():
    a = article("a", [P4])
    b = article("b", [P4.replace("regional governor", "the regional governor,")])
    ta, tb = tokenize(a.text), tokenize(b.text)
    edits = passage_edits(a, ta, b, tb, Passage((0, len(a.text)), (0, len(b.text))))
    equal_a = [a.text[slice(*e.a_span)] for e in edits if e.tag == "equal"]
    equal_b = [b.text[slice(*e.b_span)] for e in edits if e.tag == "equal"]
    assert [tokenize(x).ids.tolist() for x in equal_a] == [
        tokenize(y).ids.tolist() for y in equal_b
    ]
    assert [e.tag for e in edits if e.tag != "equal"] == ["insert"]
