"""Word lists of the compare stage, kept apart from the logic that reads them.

Everything here is English: figures are only read from English sentences (other languages
flow through the stage untouched; they simply yield no figures). All entries are lower case
unless stated; multi-word entries are matched word by word.
"""

from __future__ import annotations


def _words(text: str) -> list[str]:
    """A word list written as one space-separated string."""
    return text.split()


# --- figures: numbers -----------------------------------------------------------------------

NUMBER_WORDS = {
    "a dozen": 12,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "a hundred": 100,
    "one hundred": 100,
    "dozen": 12,
}
#: Words that cannot end a clause (an article, a preposition, a conjunction waiting for what
#: follows): a cut or added run of words ending in one is a fragment ("Fighters of the").
DANGLING = frozenset(
    _words(
        "a an the of to in on at by for with from into onto about over under after before "
        "than that which who whose whom and or but as if because while its their his her"
    )
)
#: Multipliers after a number ("two hundred", "3 million").
MULTIPLIERS = {
    "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
}

#: Hedges before a number, longest first.
QUALIFIERS = (
    "at least",
    "more than",
    "fewer than",
    "less than",
    "at most",
    "up to",
    "as many as",
    "an estimated",
    "about",
    "around",
    "nearly",
    "almost",
    "approximately",
    "roughly",
    "some",
    "over",
    "under",
    "only",
)

# --- figures: what happened ----------------------------------------------------------------

#: Predicate class -> the words that state it (verbs, adjectives, nouns).
PREDICATES = {
    "dead": (
        "killed",
        "dead",
        "died",
        "slain",
        "perished",
        "killing",
        "kills",
        "kill",
        "deaths",
        "fatalities",
        "bodies",
        "murdered",
        "executed",
    ),
    "wounded": (
        "wounded",
        "injured",
        "hurt",
        "wounding",
        "injuring",
        "injuries",
        "injures",
        "wounds",
    ),
    "arrested": ("arrested", "detained", "arresting", "detaining", "arrests", "jailed"),
    "missing": ("missing", "unaccounted"),
    "displaced": ("displaced", "displacing", "homeless", "evacuated", "evacuating"),
    "kidnapped": ("kidnapped", "abducted", "kidnapping", "abducting"),
    "captured": ("captured", "capturing"),
    "rescued": ("rescued", "rescuing"),
}
PREDICATE_CLASS = {word: cls for cls, words in PREDICATES.items() for word in words}

#: Nouns that are themselves the predicate ("12 deaths"): counted noun is generic.
PREDICATE_NOUNS = frozenset(_words("deaths fatalities bodies injuries arrests"))

#: Words between a counted noun and its predicate ("were", "have been", "reportedly").
AUXILIARIES = frozenset(
    _words(
        "was were is are be been being has have had also reportedly later all both confirmed "
        "believed feared thought said now still"
    )
)

#: Words before a number that link a predicate to it ("death toll rose to 12").
TOLL_WORDS = frozenset(_words("toll tolls"))
TOLL_LINKS = frozenset(_words("rose risen climbed reached stood stands stood is was at to of"))

# --- figures: who is counted ---------------------------------------------------------------

#: Noun class -> nouns (singular and plural; multi-word allowed). Figures compare within a
#: class; a noun outside every class compares only with itself.
NOUN_CLASSES = {
    "security forces": (
        "soldier",
        "soldiers",
        "troop",
        "troops",
        "security personnel",
        "personnel",
        "security forces",
        "security force members",
        "members of the security forces",
        "police",
        "policemen",
        "policeman",
        "police officers",
        "officers",
        "officer",
        "servicemen",
        "serviceman",
        "guards",
        "guard",
        "security members",
        "paramilitaries",
        "fighters of the army",
        "army",
        "marines",
        "sailors",
        "airmen",
    ),
    "militants": (
        "militants",
        "militant",
        "jihadists",
        "jihadist",
        "insurgents",
        "insurgent",
        "fighters",
        "fighter",
        "rebels",
        "rebel",
        "gunmen",
        "gunman",
        "terrorists",
        "terrorist",
        "infiltrators",
        "attackers",
        "attacker",
        "extremists",
        "members",
    ),
    "civilians": (
        "civilians",
        "civilian",
        "residents",
        "resident",
        "children",
        "child",
        "women",
        "villagers",
        "bystanders",
        "passers-by",
        "pedestrians",
        "worshippers",
        "students",
    ),
    "people": ("people", "persons", "person", "others", "individuals", "victims"),
    "protesters": ("protesters", "protester", "demonstrators", "demonstrator"),
    "migrants": ("migrants", "migrant", "refugees", "refugee", "asylum seekers"),
    "suspects": ("suspects", "suspect"),
    "journalists": ("journalists", "journalist", "reporters"),
    "passengers": ("passengers", "passenger", "crew", "crew members"),
}
NOUN_CLASS = {noun: cls for cls, nouns in NOUN_CLASSES.items() for noun in nouns}
#: The class used when the noun is left out ("seven dead"): compares only with itself.
GENERIC_CLASS = "people"

#: Words that may sit between the number and the counted noun ("two Iraqi soldiers").
NOUN_MODIFIERS_MAX = 3
#: Words that end a counted noun ("1,200 on Friday": no noun; "20 people in the town").
NOUN_STOPS = frozenset(
    _words(
        "and or but nor on in at since after before during by to for with near across when "
        "while as than that who which until into onto over under"
    )
)
#: Plural nouns of measure, time and money: "five minutes" or "12 percent" count no thing, so
#: they make no bare count (a figure without a predicate, "270 workers").
UNITS = frozenset(
    _words(
        "years months weeks days hours minutes seconds nights decades centuries times percent "
        "points dollars cents euros pounds pence yen rupees francs miles kilometers kilometres "
        "meters metres feet inches yards acres hectares degrees grams kilograms kilos tons "
        "tonnes ounces lbs litres liters gallons cups tablespoons teaspoons calories bytes "
        "pixels steps levels pages ways things times reasons tips ideas words items parts "
        "percentages seasons episodes chapters rounds laps sets reps games goals runs votes"
    )
)
#: Words that may continue a counted noun once it has begun ("members of the security forces").
NOUN_LINKERS = frozenset(_words("of the"))

# --- swaps ---------------------------------------------------------------------------------

#: British endings (regex over a lower-case word) -> American ones: two words equal once both
#: are folded this way are one word spelled two ways ("colour"/"color", "kilometre").
BRITISH_ENDINGS = (
    (r"our(s|ed|ing|ful|ite|ites|hood|able)?$", r"or\1"),
    (r"tre(s|d)?$", r"ter\1"),
    (r"is(e|es|ed|ing|ation|ations|er|ers)$", r"iz\1"),
    (r"ys(e|es|ed|ing)$", r"yz\1"),
    (r"ll(ed|ing|er|ers)$", r"l\1"),
    (r"ence$", r"ense"),
    (r"ogue(s)?$", r"og\1"),
    (r"mme(s)?$", r"m\1"),
    (r"^grey", "gray"),
    (r"ae", "e"),
)

#: Words of framing and house style: a swap naming one on each side is a ``term`` swap
#: (Daesh / ISIS, jihadists / militants, terrorist group).
TERM_WORDS = frozenset(
    _words(
        "daesh isis isil is islamic state jihadist jihadists jihadi jihadis militant militants "
        "terrorist terrorists terror insurgent insurgents rebel rebels extremist extremists "
        "fighters fighter gunmen gunman separatists separatist guerrillas guerrilla regime "
        "junta occupation occupied settlers settlements martyrs martyr freedom resistance "
        "group organisation organization movement faction"
    )
)

# --- attribution and credits ---------------------------------------------------------------
