"""``explain`` in several processes fills every pair and story as one process does."""

from __future__ import annotations

import copy
import random

from wiretrace.compare import explain
from wiretrace.model import Document
from wiretrace.pipeline import compare_documents
from wiretrace.run import Options

SUBJECTS = ["The harbour board", "Firefighters", "The council", "Officials", "Police"]
VERBS = ["said", "reported", "confirmed", "announced", "warned"]
THINGS = ["the quay plan", "a new levy", "the northern wall", "three arrests", "the storm"]


def stories(count: int, copies: int, seed: int = 3) -> list[Document]:
    """``count`` invented stories, each in ``copies`` lightly edited versions."""
    rng = random.Random(seed)
    documents = []
    for s in range(count):
        # each story its own invented words, so that stories share no prose
        words = ["".join(rng.choice("bcdfglmnprstv") + rng.choice("aeiou") for _ in range(3))
                 for _ in range(40)]
        sentences = [
            f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} that {rng.randint(2, 900)} "
            + " ".join(rng.choice(words) for _ in range(12)) + f" near {rng.choice(THINGS)}."
            for _ in range(8)
        ]
        for c in range(copies):
            text = list(sentences)
            if c % 2:
                text[2] = text[2].replace(" that ", " on Monday that ")
            if c % 3 == 1:
                text[5] = text[5].replace(" near ", " beside ")
            if c == 2:
                del text[6]
                text.append(f"An editor of outlet {c} added a line of its own about {s}.")
            documents.append(Document(source=f"s{s}c{c}", text="\n".join(text), format="text"))
    return documents


def test_two_processes_fill_what_one_fills() -> None:
    result = compare_documents(stories(12, 4), Options(quiet=True, explain=False))
    assert len(result.stories) >= 8 and sum(p.relation == "reuse" for p in result.pairs) >= 12
    one, two = copy.deepcopy(result), copy.deepcopy(result)
    explain(one, jobs=1)
    explain(two, jobs=2)
    assert one.to_dict() == two.to_dict()
    # the explanations were filled (the test compares something)
    assert any(p.substitutions for p in two.pairs) and any(s.core for s in two.stories)
    assert any(s.additions.get(a) for s in two.stories for a in s.additions)
