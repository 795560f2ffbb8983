"""Word lists and characters that more than one stage reads: months, agencies, sentence
ends, function words (data only, no logic; stages import it as they import ``model``).

One copy of each list, so the stages cannot drift apart (a month the cleaner reads in a date
is a month the cluster stage reads in a date mention). Lists only one stage reads stay in
that stage: the cleaner's chrome phrases and patterns (``clean/vocabulary.py``), the compare
stage's figure and swap tables (``compare/words.py``).

Words are lower case (token text is compared after ``str.lower`` or ``casefold``) unless a
list says otherwise. Languages: English, German, Spanish, French; Arabic has no case and no
month names here (its dates are read from digits).
"""

from __future__ import annotations

import re


def _word_set(text: str) -> frozenset[str]:
    """A word list written as one space-separated string."""
    return frozenset(text.split())


# --- months (English, German, Spanish, French), for dates and date mentions ------------------
MONTHS: dict[str, int] = {
    # English
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
    # German
    "januar": 1, "jänner": 1, "februar": 2, "märz": 3, "mai": 5, "juni": 6, "juli": 7,
    "oktober": 10, "okt": 10, "dezember": 12, "dez": 12,
    # Spanish
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
    "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11,
    "diciembre": 12,
    # French
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "juin": 6,
    "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "décembre": 12, "decembre": 12,
}

# --- agencies ---------------------------------------------------------------------------------
# Canonical name -> pattern (case-sensitive where the short form is ambiguous).
# Start every alternative with ``\b`` and a literal word (not a group): ``credits`` scans body
# text with the union of these patterns, which is fast only while each branch opens with a literal.
AGENCIES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern))
    for name, pattern in (
        ("AFP", r"\bAFP\b|\bAgence France[- ]Presse\b"),
        ("Reuters", r"\bReuters\b|\bREUTERS\b"),
        ("AP", r"\bAP\b|\bAssociated Press\b"),
        ("Getty Images", r"\bGetty(?: Images)?\b"),
        ("EPA", r"\bEPA(?:-EFE)?\b"),
        ("EFE", r"\bEFE\b"),
        ("DPA", r"\bdpa\b|\bDPA\b"),
        ("Anadolu", r"\bAnadolu\b"),
        ("Xinhua", r"\bXinhua\b"),
        ("ANSA", r"\bANSA\b"),
        ("Kyodo", r"\bKyodo\b"),
        ("Yonhap", r"\bYonhap\b"),
        ("TASS", r"\bTASS\b"),
        ("RIA Novosti", r"\bRIA(?: Novosti)?\b"),
        ("SANA", r"\bSANA\b"),
        ("WAFA", r"\bWAFA\b"),
        ("KUNA", r"\bKUNA\b"),
        ("UPI", r"\bUPI\b"),
        ("Bloomberg", r"\bBloomberg\b"),
        ("PA Media", r"\bPA Media\b|\bPress Association\b"),
        ("AAP", r"\bAAP\b"),
        ("Sipa", r"\bSipa\b|\bSIPA\b"),
        ("Shutterstock", r"\bShutterstock\b"),
        ("Alamy", r"\bAlamy\b"),
        ("NurPhoto", r"\bNurPhoto\b"),
        ("ZUMA", r"\bZUMA\b|\bZuma Press\b"),
        ("Interfax", r"\bInterfax\b"),
        ("PTI", r"\bPTI\b"),
        ("IANS", r"\bIANS\b"),
        ("WAM", r"\bWAM\b"),
        ("SPA", r"\bSPA\b"),
        ("QNA", r"\bQNA\b"),
        ("IRNA", r"\bIRNA\b"),
        ("Bernama", r"\bBernama\b"),
        ("NNA", r"\bNNA\b"),
        ("KNA", r"\bKNA\b"),
        ("Europa Press", r"\bEuropa Press\b"),
        ("Belga", r"\bBelga\b"),
    )
)

# Picture agencies (and "EPA", also a US agency): credited from credit text only, never from
# body attribution ("the EPA said" is about the Environmental Protection Agency).
PHOTO_ONLY_AGENCIES: frozenset[str] = frozenset(
    {"Getty Images", "EPA", "Shutterstock", "Alamy", "NurPhoto", "ZUMA", "Sipa"}
)

#: Agency aliases as written (case-sensitive) -> the name reported, for figure attributions
#: (compare stage). Names as in ``AGENCIES``, the one table credits come from.
AGENCY_ALIASES: dict[str, str] = {
    "AFP": "AFP",
    "Agence France-Presse": "AFP",
    "Agence France Presse": "AFP",
    "Reuters": "Reuters",
    "AP": "AP",
    "Associated Press": "AP",
    "dpa": "DPA",
    "DPA": "DPA",
    "ANSA": "ANSA",
    "EFE": "EFE",
    "Xinhua": "Xinhua",
    "TASS": "TASS",
    "Anadolu": "Anadolu",
    "Anadolu Agency": "Anadolu",
    "Bloomberg": "Bloomberg",
    "UPI": "UPI",
    "Kyodo": "Kyodo",
    "Yonhap": "Yonhap",
    "Interfax": "Interfax",
    "PTI": "PTI",
    "IANS": "IANS",
    "KUNA": "KUNA",
    "WAM": "WAM",
    "SPA": "SPA",
    "QNA": "QNA",
    "IRNA": "IRNA",
    "Bernama": "Bernama",
    "Getty Images": "Getty Images",
    "EPA": "EPA",
    "NNA": "NNA",
    "APA": "APA",
    "KNA": "KNA",
    "Europa Press": "Europa Press",
    "Belga": "Belga",
}

# --- sentences -------------------------------------------------------------------------------

#: Characters after which a new clause or sentence starts (with a line break): the align
#: stage stretches passages to them, and a capitalised word right after one may be
#: capitalised only because it starts a sentence (cluster stage). Incl. the Arabic question
#: mark and full stop and the CJK full stop.
SENTENCE_BOUNDARY: frozenset[str] = frozenset(".!?:;\n\u061f\u06d4\u3002")

#: Words that end with a period without ending a sentence (compared lower case, no dot).
ABBREVIATIONS: frozenset[str] = _word_set(
    "mr mrs ms dr prof gen lt col sgt capt cpt maj adm brig cmdr gov sen rep rev st ft mt "
    "jan feb mar apr jun jul aug sep sept oct nov dec no nos vs v etc al approx est dept "
    "co corp inc ltd jr sr univ fig vol pp p"
)

#: Characters that end a sentence when white space follows (Latin, Arabic, Devanagari).
SENTENCE_ENDS = ".!?\u2026\u061f\u06d4\u0964"
#: Characters that end a sentence even without white space after them (CJK).
CJK_SENTENCE_ENDS = "\u3002\uff01\uff1f"

#: Closing punctuation that may follow a sentence end and still belongs to the sentence.
CLOSERS = "\"'\u201c\u201d\u2018\u2019\u00bb\u203a)]"

#: Apostrophes (a trailing one marks a plural possessive: "jihadists'").
APOSTROPHES = "'\u2019"

# --- function words ---------------------------------------------------------------------------

# Words often capitalised (sentence starts, titles, German nouns of no identifying value)
# that must never count as a name.
NOT_NAMES: frozenset[str] = _word_set(
    """
    a an the this that these those there their they them he she it its his her we our you
    your i my me us and or but nor so yet if then than when while where which who whom whose
    what why how after before since until as at by for from in into of on onto over under
    with without about above across against along among around behind below beside between
    beyond during inside near off out outside through throughout to toward towards up upon
    all any both each every few many more most much no none not one other some such also
    only just even still however meanwhile moreover although though because despite
    mr mrs ms dr sir madam president prime minister general gen col lt sgt capt major chief
    mayor governor senator councillor councilman judge bishop king queen prince princess pope
    lord lady professor prof rev
    police army government ministry minister officials official spokesman spokeswoman
    spokesperson agency reuters afp ap dpa efe ansa news breaking update updated live
    photo video read more said says according here now today yesterday tomorrow last next
    new first second third north south east west northern southern eastern western central
    monday tuesday wednesday thursday friday saturday sunday
    der die das den dem des ein eine einer eines einem einen und oder aber auch nach bei mit
    von vor zu zum zur im am um auf aus für über unter durch gegen ohne seit bis wie wenn als
    dass er sie es wir ihr sein seine ihre nicht noch nur schon sehr so man
    montag dienstag mittwoch donnerstag freitag samstag sonntag
    herr frau präsident präsidentin minister ministerin polizei regierung bundesregierung
    menschen mensch jahr jahre jahren tag tage tagen stadt land leute
    el la los las un una unos unas y o pero también después antes desde hasta como cuando
    en con sin sobre por para del al según este esta estos estas ese esa su sus lo le les
    lunes martes miércoles jueves viernes sábado domingo señor señora presidente ministra
    le les un une des et ou mais aussi après avant depuis jusqu comme quand dans avec sans
    sur sous par pour selon ce cet cette ces son sa ses leur leurs il elle ils elles nous vous
    lundi mardi mercredi jeudi vendredi samedi dimanche monsieur madame président ministre
    """
)

# Frequent German function words: their share of an article's words tells German text, where
# every noun is capitalised and a capital letter says little about names.
NOUN_CAPITALISING_MARKERS: frozenset[str] = _word_set(
    """
    der die das den dem des und ist nicht mit von sich auf für eine ein einer einem wurde
    wurden wird werden hat haben sind war zum zur nach bei aus auch dass
    """
)

#: Verbs of saying that close an attribution ("security sources said").
SAY_VERBS: frozenset[str] = _word_set(
    "said says told tells reported reports added stated announced quoted cited confirmed"
)
