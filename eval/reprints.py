"""Invented reprint sets with known edits: the ground truth of the compare evaluation.

A handful of invented base stories (fictional places and people, varied topics) are written
in a small markup:

* ``[, a clause,]``: a clause a reprint may cut (the bracket content, comma included);
* ``{three}``: the story's main figure (its noun and predicate are given in ``toll``), which a
  reprint may change in place.

``make_set(story, seed, versions)`` applies random edits to the base for each version and
records exactly what was done: house-style swaps applied to every occurrence (counted only
where the text stays shared), whole sentences cut (including the closing paragraphs), clauses
cut, clauses added (at the end or after a comma), sentences added (some from another agency
with a different toll), the main figure changed, sentences merged into one with ", and",
paragraphs reordered, quotes made curly (typography: no swap).

    >>> sets = list(reprint_sets(seeds=1, versions=2))
    >>> len(sets), len(sets[0].versions)
    (6, 2)
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

NUMBER_NAMES = {
    1: "one",
    2: "two",
    3: "three",
    4: "four",
    5: "five",
    6: "six",
    7: "seven",
    8: "eight",
    9: "nine",
    10: "ten",
    11: "eleven",
    12: "twelve",
    14: "fourteen",
    15: "fifteen",
    17: "seventeen",
    20: "twenty",
}
WORD_VALUES = {name: value for value, name in NUMBER_NAMES.items()}
AGENCIES = ("Reuters", "AP", "dpa", "Xinhua")


@dataclass
class BaseStory:
    name: str
    paragraphs: list[str]  # markup: [cuttable clause], {main figure}
    swaps: list[tuple[str, str]]  # house-style pairs (a word or phrase -> another)
    clauses: list[str]  # clauses a reprint may add before a sentence's final period
    extra: list[str]  # sentences a reprint may add
    toll: tuple[str, str]  # (noun, predicate) of the {figure}, e.g. ("soldiers", "killed")


@dataclass
class Version:
    """One reprint and the truth about it relative to the base text."""

    text: str
    substitutions: dict[tuple[str, str], int] = field(default_factory=dict)
    added: list[str] = field(default_factory=list)  # sentences and clauses only in the reprint
    cut: list[str] = field(default_factory=list)  # sentences and clauses only in the base
    conflicts: list[tuple[float, float]] = field(
        default_factory=list
    )  # (base value, reprint value)


@dataclass
class ReprintSet:
    story: str
    base: str
    versions: list[Version]


STORIES = [
    BaseStory(
        name="border raid",
        paragraphs=[
            "KORVAN, Estrava: Insurgents of the Ardent Front stormed a border post near Korvan "
            "on Tuesday in an apparent bid to reopen a smuggling route, officials said.",
            "The insurgents crossed the river at dawn and attacked the post with rifles and "
            "armoured trucks, regional governor Tomas Velik told AFP.",
            '"The post was retaken within hours," he said[, using the local name for the '
            "Kilometer Nine crossing].",
            "A police source said {three} soldiers were killed and 11 civilians injured in the "
            "fighting.",
            "The Ardent Front[, which the government calls a terrorist organisation,] has stepped "
            "up attacks this year.",
            "The insurgents' last raid on the crossing, in March, was repelled by the army.",
            "Estrava has asked its neighbours for help to patrol the long river border.",
            "Talks on a joint patrol force are due to resume in Lenmark next month.",
        ],
        swaps=[
            ("insurgents", "rebels"),
            ("Kilometer", "Kilometre"),
            ("armoured", "armored"),
            ("organisation", "organization"),
            ("neighbours", "neighbors"),
        ],
        clauses=["despite heavy rain in the valley", "according to local residents"],
        extra=[
            "The border post had been reinforced only last week.",
            "Smuggling of fuel and cigarettes has long fed the conflict in the region.",
        ],
        toll=("soldiers", "killed"),
    ),
    BaseStory(
        name="river flood",
        paragraphs=[
            "Floodwaters swept through the lowland town of Merrow on Sunday after the Tessel "
            "river burst its banks following a week of storms, emergency services said.",
            "At least {twelve} people were killed and hundreds of homes were left under water, "
            "the regional civil defence centre said.",
            "Rescue teams in boats searched the flooded streets[, where the water reached the "
            "first floor of many houses,] for residents trapped on their roofs.",
            "The mayor of Merrow, Ilse Brandvik, said the town's flood defences had been "
            "overwhelmed within an hour.",
            "Forecasters warned that more rain was expected over the catchment on Tuesday.",
            "The government has promised an emergency programme to rebuild the damaged "
            "bridges and roads.",
            "Merrow was last flooded in 1998, when the river rose more than four metres.",
            "Critics say the defence programme has been underfunded for a decade.",
        ],
        swaps=[
            ("defence", "defense"),
            ("centre", "center"),
            ("programme", "program"),
            ("metres", "meters"),
            ("defences", "defenses"),
        ],
        clauses=["many of them elderly", "as the rain eased in the afternoon"],
        extra=[
            "Schools across the district will remain closed until further notice.",
            "Volunteers handed out blankets and hot food at the town's sports hall.",
        ],
        toll=("people", "killed"),
    ),
    BaseStory(
        name="factory fire",
        paragraphs=[
            "A fire tore through a textile factory in the industrial port of Saldane on "
            "Thursday, trapping workers on its upper floors, the fire brigade said.",
            "{Seven} workers were injured, two of them seriously, and were taken to the city "
            "hospital.",
            "Witnesses said the blaze started in a storage room[, where bales of cotton and "
            "synthetic fibre were kept,] shortly after the morning shift began.",
            "The factory, owned by the Varenne Group, employs about 600 people.",
            "Firefighters battled the flames for six hours before bringing them under control.",
            "Labour unions have long complained about blocked emergency exits at plants in the "
            "district.",
            "The company said it was cooperating fully with the investigation.",
            "An inspection report last year had flagged faulty wiring on two floors.",
        ],
        swaps=[
            ("fibre", "fiber"),
            ("Labour", "Labor"),
            ("blaze", "fire"),
            ("the fire brigade", "firefighters"),
        ],
        clauses=["according to a union official", "as smoke rose over the harbour"],
        extra=[
            "Production at two nearby plants was halted as a precaution.",
            "The city council called an emergency session for Friday.",
        ],
        toll=("workers", "injured"),
    ),
    BaseStory(
        name="protest",
        paragraphs=[
            "Police in the capital Ostrava Nova fired tear gas on Saturday to disperse "
            "thousands of demonstrators protesting against a rise in fuel prices, witnesses said.",
            "Officers arrested {fifteen} protesters after stones were thrown at the parliament "
            "building, a police spokesman said.",
            "The protest was organised by a coalition of unions and student groups[, which "
            "accuse the government of ignoring the cost of living,] and was largely peaceful.",
            "Prime Minister Aurel Damsky said the price rise was needed to balance the budget.",
            "Opposition parties have called for a second demonstration next weekend.",
            "Fuel prices have risen by a quarter since the start of the year.",
            "The government survived a confidence vote in parliament last month.",
        ],
        swaps=[
            ("organised", "organized"),
            ("demonstrators", "protesters"),
            ("Prime Minister", "Premier"),
        ],
        clauses=["chanting slogans against the finance minister", "despite a ban on gatherings"],
        extra=[
            "Shops along the main avenue closed early as the crowd grew.",
            "Several roads into the city centre were blocked for hours.",
        ],
        toll=("protesters", "arrested"),
    ),
    BaseStory(
        name="train crash",
        paragraphs=[
            "A passenger train collided with a freight train near the village of Dunmere late "
            "on Monday, the national rail operator said.",
            "{Nine} passengers were killed and dozens were injured, a spokeswoman for the "
            "regional health authority said.",
            "The passenger train was travelling from Castor to the coast[, a route popular with "
            "holidaymakers in summer,] when it hit the freight wagons.",
            "Investigators were examining whether a signalling fault was to blame.",
            "The transport minister, Petra Lunden, visited the site on Tuesday morning.",
            "Rail unions have warned for years about ageing signalling equipment on rural lines.",
            "It is the country's deadliest rail accident since 2009.",
        ],
        swaps=[
            ("travelling", "traveling"),
            ("signalling", "signaling"),
            ("ageing", "aging"),
            ("freight", "cargo"),
        ],
        clauses=["shortly after nightfall", "according to the rail operator"],
        extra=[
            "Traffic on the line is expected to remain suspended for several days.",
            "Relatives gathered at the station in Castor awaiting news.",
        ],
        toll=("passengers", "killed"),
    ),
    BaseStory(
        name="earthquake",
        paragraphs=[
            "A strong earthquake struck the mountainous north of Valdoria on Wednesday, "
            "toppling houses and cutting roads, the national seismology institute said.",
            "The quake had a magnitude of 6.1 and was centred near the town of Brisk, about 80 "
            "kilometres from the capital.",
            "At least {twenty} people were killed in Brisk and surrounding villages, the "
            "interior ministry said.",
            "Rescuers dug through the rubble with their bare hands[, helped by residents and "
            "soldiers,] as aftershocks shook the region.",
            "The government declared three days of national mourning.",
            "The region lies on a major fault line and was hit by a deadly quake in 1976.",
            "Aid agencies said tents and clean water were urgently needed.",
        ],
        swaps=[
            ("centred", "centered"),
            ("kilometres", "kilometers"),
            ("quake", "tremor"),
            ("Rescuers", "Rescue workers"),
        ],
        clauses=["many of them built of mud brick", "as night fell over the valley"],
        extra=[
            "Neighbouring countries offered to send search and rescue teams.",
            "Power was cut to much of the north for several hours.",
        ],
        toll=("people", "killed"),
    ),
]

_CLAUSE = re.compile(r"\[([^\]]*)\]")
_FIGURE = re.compile(r"\{(\w+)\}")


def _clause_text(markup: str) -> str:
    return markup.strip(" ,;")


def _value(word: str) -> float:
    return float(WORD_VALUES.get(word.lower(), 0) or word)


def _write_number(value: int, capital: bool, rng: random.Random) -> str:
    if value in NUMBER_NAMES and rng.random() < 0.5:
        word = NUMBER_NAMES[value]
        return word.capitalize() if capital else word
    if capital:  # a sentence does not start with digits in wire style
        return NUMBER_NAMES.get(value, str(value)).capitalize()
    return str(value)


def base_text(story: BaseStory) -> str:
    """The base version: clauses kept, figure as written, markup removed."""
    paras = [_FIGURE.sub(r"\1", _CLAUSE.sub(r"\1", p)) for p in story.paragraphs]
    return "\n\n".join(paras)


def base_value(story: BaseStory) -> float:
    for para in story.paragraphs:
        match = _FIGURE.search(para)
        if match:
            return _value(match.group(1))
    raise ValueError(f"story {story.name!r} has no figure")


def _apply_swaps(text: str, swaps: list[tuple[str, str]], counts: dict | None) -> str:
    for a, b in swaps:
        pattern = re.compile(rf"(?<!\w){re.escape(a)}(?!\w)")
        n = len(pattern.findall(text))
        if n and counts is not None:
            counts[(a, b)] = counts.get((a, b), 0) + n
        text = pattern.sub(b, text)
    return text


def make_version(story: BaseStory, rng: random.Random) -> Version:
    """One reprint of ``story`` with random edits, and the truth about them."""
    truth = Version(text="")
    swaps = rng.sample(story.swaps, rng.randint(1, min(3, len(story.swaps))))
    old_value = base_value(story)
    new_values = rng.sample([v for v in NUMBER_NAMES if v != old_value], 2)
    change_figure = rng.random() < 0.3
    n = len(story.paragraphs)
    closing = rng.choice([0, 0, 1, 2])
    paragraphs: list[str] = []
    for k, markup in enumerate(story.paragraphs):
        plain = _FIGURE.sub(r"\1", _CLAUSE.sub(r"\1", markup))
        if k >= n - closing or (k > 0 and rng.random() < 0.12):
            truth.cut.append(plain)
            continue
        text = markup
        for clause in _CLAUSE.findall(markup):
            if rng.random() < 0.5:
                truth.cut.append(_clause_text(clause))
                text = text.replace(f"[{clause}]", "")
        text = _CLAUSE.sub(r"\1", text)
        figure = _FIGURE.search(text)
        if figure and change_figure:
            new = _write_number(new_values[0], figure.start() == 0, rng)
            truth.conflicts.append((old_value, float(new_values[0])))
            text = text[: figure.start()] + new + text[figure.end() :]
        text = _FIGURE.sub(r"\1", text)
        text = _apply_swaps(text, swaps, truth.substitutions)
        if rng.random() < 0.2 and text.endswith(".") and not text.endswith('."'):
            clause = _apply_swaps(rng.choice(story.clauses), swaps, None)
            commas = [m.start() for m in re.finditer(", ", text)]
            if commas and rng.random() < 0.5:  # in the middle, after a comma
                at = rng.choice(commas)
                text = f"{text[:at]}, {clause}{text[at:]}"
            else:
                text = f"{text[:-1]}, {clause}."
            truth.added.append(clause)
        if (
            paragraphs
            and rng.random() < 0.1
            and paragraphs[-1].endswith(".")
            and not paragraphs[-1].endswith('."')
            and text[:2] != text[:2].upper()
            and not any(text.startswith(b) for _, b in truth.substitutions)
        ):
            # merge with the previous sentence: "A did x. B did y." -> "A did x, and b did y."
            text = f"{paragraphs.pop()[:-1]}, and {text[0].lower()}{text[1:]}"
        paragraphs.append(text)
    for extra in rng.sample(story.extra, rng.randint(0, 2)):
        extra = _apply_swaps(extra, swaps, None)
        paragraphs.insert(rng.randint(1, len(paragraphs)), extra)
        truth.added.append(extra)
    if rng.random() < 0.5:
        noun, predicate = story.toll
        agency = rng.choice(AGENCIES)
        value = new_values[1]
        toll = (
            f"But {agency} said that according to a hospital official, at least "
            f"{_write_number(value, False, rng)} {noun} were {predicate}."
        )
        paragraphs.insert(rng.randint(1, len(paragraphs)), toll)
        truth.added.append(toll)
        truth.conflicts.append((old_value, float(value)))
    if len(paragraphs) > 3 and rng.random() < 0.5:
        i, j = rng.sample(range(1, len(paragraphs)), 2)
        paragraphs[i], paragraphs[j] = paragraphs[j], paragraphs[i]
    text = "\n\n".join(paragraphs)
    if rng.random() < 0.5:
        text = re.sub(r'"([^"]*)"', "\u201c\\1\u201d", text).replace("'", "\u2019")
    truth.text = text
    return truth


def make_set(story: BaseStory, seed: int, versions: int = 3) -> ReprintSet:
    rng = random.Random(f"{story.name}/{seed}")
    return ReprintSet(
        story=story.name,
        base=base_text(story),
        versions=[make_version(story, rng) for _ in range(versions)],
    )


def reprint_sets(seeds: int = 10, versions: int = 3) -> Iterator[ReprintSet]:
    """``seeds`` reprint sets of every base story, ``versions`` reprints each."""
    for seed in range(seeds):
        for story in STORIES:
            yield make_set(story, seed, versions)
