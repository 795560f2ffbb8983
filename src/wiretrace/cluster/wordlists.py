"""Word lists for same-event evidence: capitalised words that are not names, months, weekdays.

Kept apart from the logic (project rule) and lower-cased, as token text is compared after
``str.lower``. Languages: English, German, Spanish, French. Arabic has no case, so it needs no
list here (figures, dates and repeated rare tokens carry the evidence there).
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words often capitalised (sentence starts, titles, German nouns of no identifying value)
# that must never count as a name.
NOT_NAMES: frozenset[str] = _words(
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

# Month names (lower case) to their number, for date mentions like "27 September" or "3 mars".
MONTHS: dict[str, int] = {
    **dict.fromkeys(["january", "jan", "januar", "jänner", "enero", "janvier"], 1),
    **dict.fromkeys(["february", "feb", "februar", "febrero", "février", "fevrier"], 2),
    **dict.fromkeys(["march", "mar", "märz", "marzo", "mars"], 3),
    **dict.fromkeys(["april", "apr", "abril", "avril"], 4),
    **dict.fromkeys(["may", "mai", "mayo"], 5),
    **dict.fromkeys(["june", "jun", "juni", "junio", "juin"], 6),
    **dict.fromkeys(["july", "jul", "juli", "julio", "juillet"], 7),
    **dict.fromkeys(["august", "aug", "agosto", "août", "aout"], 8),
    **dict.fromkeys(["september", "sep", "sept", "septiembre", "setiembre", "septembre"], 9),
    **dict.fromkeys(["october", "oct", "oktober", "octubre", "octobre"], 10),
    **dict.fromkeys(["november", "nov", "noviembre", "novembre"], 11),
    **dict.fromkeys(["december", "dec", "dezember", "diciembre", "décembre", "decembre"], 12),
}

# Frequent German function words: their share of an article's words tells German text, where
# every noun is capitalised and a capital letter says little about names.
NOUN_CAPITALISING_MARKERS: frozenset[str] = _words(
    """
    der die das den dem des und ist nicht mit von sich auf für eine ein einer einem wurde
    wurden wird werden hat haben sind war zum zur nach bei aus auch dass
    """
)

# Sentence-ending punctuation: a capitalised word right after one of these (or a line break)
# may be capitalised only because it starts a sentence.
SENTENCE_END = ".!?:;\n\u061f\u06d4\u3002"  # incl. Arabic question mark and full stop
