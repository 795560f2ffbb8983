"""Quality of the compare stage: recall and precision against invented reprints with known edits.

``eval.reprints`` writes reprint sets of six invented base stories with random edits and
records the truth. Every (base, reprint) pair goes through ``explain_pair`` and is scored:

* substitutions: per occurrence; a predicted swap (a, b, n) and a true one (a, b, m) share
  ``min(n, m)`` hits;
* additions / cuts: sentences and clauses; a predicted item matches an unused true item when
  their word sets (normalised word ids) have Dice overlap >= 0.8;
* conflicts: the pair of values (base figure, reprint figure), as a multiset.

Then, when ../shared/seeds is present, each point of issue 4's first paragraph is looked for
in the explanation of the two Ramadi versions (split crudely as in tests/test_compare_seeds).

    python -m eval compare            # or: python -m eval.compare_eval --seeds 20
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

from eval.reprints import reprint_sets
from wiretrace.compare import explain_pair
from wiretrace.model import Article, Pair
from wiretrace.text import tokenize

GOAL = 0.95
SEED_DIR = Path(__file__).resolve().parents[2] / "shared" / "seeds"


class Score:
    """Hits, predictions and truths of one measure."""

    def __init__(self) -> None:
        self.hits_p = self.hits_t = self.predicted = self.truth = 0

    def add(self, hits_p: int, predicted: int, hits_t: int, truth: int) -> None:
        self.hits_p += hits_p
        self.predicted += predicted
        self.hits_t += hits_t
        self.truth += truth

    @property
    def precision(self) -> float:
        return self.hits_p / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.hits_t / self.truth if self.truth else 1.0


def _words(text: str) -> set[int]:
    return set(tokenize(text).ids.tolist())


def match_items(predicted: list[str], truth: list[str], min_dice: float = 0.8) -> int:
    """How many predicted items match a distinct true item (greedy, best overlap first)."""
    wp, wt = [_words(p) for p in predicted], [_words(t) for t in truth]
    scored = sorted(
        (
            (2 * len(p & t) / (len(p) + len(t)) if p or t else 1.0, i, j)
            for i, p in enumerate(wp)
            for j, t in enumerate(wt)
        ),
        reverse=True,
    )
    used_p: set[int] = set()
    used_t: set[int] = set()
    for dice, i, j in scored:
        if dice < min_dice:
            break
        if i not in used_p and j not in used_t:
            used_p.add(i)
            used_t.add(j)
    return len(used_p)


def _multiset_hits(predicted: Counter, truth: Counter) -> int:
    return sum(min(n, truth[key]) for key, n in predicted.items())


def evaluate_reprints(
    seeds: int, versions: int, show: int = 0
) -> tuple[dict[str, Score], int, float]:
    scores = {name: Score() for name in ("substitutions", "additions", "cuts", "conflicts")}
    pairs = 0
    start = time.perf_counter()
    for rset in reprint_sets(seeds=seeds, versions=versions):
        base = Article(id="base#1", source=rset.story, index=1, text=rset.base)
        for k, truth in enumerate(rset.versions):
            other = Article(id=f"v{k}#1", source=rset.story, index=1, text=truth.text)
            pair = explain_pair(base, other, Pair(a=base.id, b=other.id, relation="reuse"))
            pairs += 1
            subs_p = Counter({(s.a, s.b): s.count for s in pair.substitutions})
            subs_t = Counter(truth.substitutions)
            hits = _multiset_hits(subs_p, subs_t)
            scores["substitutions"].add(hits, sum(subs_p.values()), hits, sum(subs_t.values()))
            for name, got, want in (
                ("additions", pair.only_in_b, truth.added),
                ("cuts", pair.only_in_a, truth.cut),
            ):
                hits = match_items(got, want)
                scores[name].add(hits, len(got), hits, len(want))
            conf_p = Counter((c.a.value, c.b.value) for c in pair.conflicts)
            conf_t = Counter(truth.conflicts)
            hits = _multiset_hits(conf_p, conf_t)
            scores["conflicts"].add(hits, sum(conf_p.values()), hits, sum(conf_t.values()))
            if show and (
                subs_p != subs_t
                or conf_p != conf_t
                or match_items(pair.only_in_b, truth.added)
                != max(len(pair.only_in_b), len(truth.added))
                or match_items(pair.only_in_a, truth.cut)
                != max(len(pair.only_in_a), len(truth.cut))
            ):
                show -= 1
                print(f"--- {rset.story} v{k}")
                print("  subs  got", dict(subs_p), "\n        want", dict(subs_t))
                print("  added got", pair.only_in_b, "\n        want", truth.added)
                print("  cut   got", pair.only_in_a, "\n        want", truth.cut)
                print("  conf  got", dict(conf_p), "want", dict(conf_t))
    return scores, pairs, time.perf_counter() - start


def _seed_body(lines: list[str]) -> str:
    counts = Counter(line.strip() for line in lines)
    return "\n\n".join(
        line.strip()
        for line in lines
        if len(line.split()) >= 6 and counts[line.strip()] == 1 and not line.rstrip().endswith(")")
    )


def seed_points(seed_dir: Path = SEED_DIR) -> list[tuple[str, bool]] | None:
    """Each point of issue 4's first paragraph, and whether the explanation shows it."""
    first, second = seed_dir / "000_2242158b115b75a8.txt", seed_dir / "002_891f048a54a096e6.txt"
    if not (first.is_file() and second.is_file()):
        return None
    lines_b = second.read_text(encoding="utf-8").splitlines()
    cut = next((i for i, line in enumerate(lines_b) if line.startswith("Hezbollah")), len(lines_b))
    a = Article(
        id="a#1",
        source=first.name,
        index=1,
        credits=["AFP"],
        text=_seed_body(first.read_text(encoding="utf-8").splitlines()),
    )
    b = Article(
        id="b#1",
        source=second.name,
        index=1,
        credits=["AFP", "Getty Images"],
        text=_seed_body(lines_b[:cut]),
    )
    p = explain_pair(a, b, Pair(a=a.id, b=b.id, relation="reuse"))
    swaps = {(s.a, s.b) for s in p.substitutions}
    cut_text = " ".join(p.only_in_a)
    toll = [c for c in p.conflicts if c.a.value == 2 and c.b.value == 7]
    return [
        ("Daesh -> ISIS", ("Daesh", "ISIS") in swaps),
        ("jihadists -> militants", ("jihadists", "militants") in swaps),
        (
            "jihadists -> terrorist group/organization",
            any(x.startswith("jihadist") and y.startswith("terrorist") for x, y in swaps),
        ),
        ("Kilometer -> Kilometre", ("Kilometer", "Kilometre") in swaps),
        (
            "Reuters toll (at least 7 soldiers dead) vs two security personnel killed",
            bool(toll)
            and toll[0].b.attribution == "Reuters"
            and toll[0].b.qualifier == "at least"
            and toll[0].a.attribution is not None
            and "military source" in toll[0].a.attribution,
        ),
        (
            "added suicide car bombs, mortars and machine guns",
            any("car bombs, mortars and machine guns" in x for x in p.only_in_b),
        ),
        (
            "cut 'using an Arabic acronym for Daesh'",
            any("using an Arabic acronym for Daesh" in x for x in p.only_in_a),
        ),
        (
            "cut closing paragraphs (Raqqa, Deir Ezzor, Sharqat, Anna)",
            all(place in cut_text for place in ("Raqqa", "Deir Ezzor", "Sharqat", "Anna")),
        ),
        (
            "credits: AFP in both, Reuters added",
            p.credits is not None
            and "AFP" in p.credits.a
            and "AFP" in p.credits.b
            and "Reuters" in p.credits.added,
        ),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m eval compare",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--seeds", type=int, default=10, help="reprint sets per base story")
    parser.add_argument("--versions", type=int, default=3, help="reprints per set")
    parser.add_argument("--show", type=int, default=0, help="print the first N imperfect pairs")
    args = parser.parse_args(argv)
    scores, pairs, seconds = evaluate_reprints(args.seeds, args.versions, args.show)
    print(
        f"compare stage on {pairs} invented (base, reprint) pairs "
        f"({seconds * 1000 / max(pairs, 1):.1f} ms per pair)"
    )
    print(f"{'measure':<15}{'truth':>7}{'found':>7}{'recall':>9}{'precision':>11}")
    ok = True
    for name, score in scores.items():
        print(
            f"{name:<15}{score.truth:>7}{score.predicted:>7}"
            f"{score.recall:>9.3f}{score.precision:>11.3f}"
        )
        ok &= score.recall >= GOAL and score.precision >= GOAL
    points = seed_points()
    if points is None:
        print(f"seeds: skipped ({SEED_DIR} not found)")
    else:
        print("seeds: the points of issue 4's first paragraph")
        for point, found in points:
            print(f"  {'yes' if found else 'NO ':<4} {point}")
        ok &= all(found for _, found in points)
    print(f"goal >= {GOAL} on every measure and every seed point: {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
