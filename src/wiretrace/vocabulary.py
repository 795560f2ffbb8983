"""Word lists, characters and patterns the stages match text against (data only, no logic;
stages import it as they import ``model``).

One copy of each list, so the stages cannot drift apart (a month the cleaner reads in a date
is a month the cluster stage reads in a date mention; the agencies the cleaner credits are the
agencies the compare stage reports). Three parts:

* shared lists: months, agencies, sentence ends, function words;
* page chrome, read by the clean stage: whole-line UI phrases and patterns, promotions,
  credit lines, date-line prefixes, section ends, bylines, site boilerplate shapes,
  attribution phrases. A new outlet's chrome or a new agency is a one-line change here;
* figures and swaps, read by the compare stage (English only: other languages yield no
  figures): number words, hedges, predicates and the classes of counted nouns, British
  spellings, framing terms.

Words are lower case (token text is compared after ``str.lower`` or ``casefold``) unless a
list says otherwise; chrome phrases are compared after ``clean.lines.normalise_ui``
(casefolded, punctuation and symbols stripped, spaces collapsed), so they are written in lower
case without punctuation. Languages: English, German, Spanish, French; Arabic has no case and
no month names here (its dates are read from digits), but has its chrome phrases.
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
#: (compare stage, "40 died, AFP said"): every name of ``AGENCIES`` but the picture agencies
#: and the few a figure is not read from, plus the long forms and spellings below ("APA", the
#: Austria Presse Agentur, is attributed but never credited).
AGENCY_ALIASES: dict[str, str] = {
    **{name: name for name, _ in AGENCIES if name not in {
        "RIA Novosti", "SANA", "WAFA", "PA Media", "AAP",
        "Sipa", "Shutterstock", "Alamy", "NurPhoto", "ZUMA",
    }},
    "Agence France-Presse": "AFP",
    "Agence France Presse": "AFP",
    "Associated Press": "AP",
    "dpa": "DPA",
    "Anadolu Agency": "Anadolu",
    "APA": "APA",
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


# === page chrome (clean stage) ================================================================

# --- UI lines: a whole line equal to one of these is page chrome --------------------------------
UI_PHRASES: frozenset[str] = frozenset(
    {
        # English
        "follow", "following", "unfollow", "share", "shares", "share this", "share this article",
        "share this story", "share on facebook", "share on twitter", "share on x",
        "share on whatsapp", "share on linkedin", "share via email", "share via",
        "tweet", "email", "e-mail", "print", "save", "saved", "copy link", "link copied",
        "read more", "read next", "more", "show more", "see more", "load more",
        "continue reading", "subscribe", "subscribe now", "sign up", "sign in", "log in",
        "login", "register", "newsletter", "advertisement", "advertising", "sponsored",
        "ad", "ads", "story continues below advertisement", "article continues below",
        "skip advertisement", "close", "menu", "search", "home", "top", "back to top",
        "tt", "aa", "a a", "text size", "font size", "listen", "listen to this article",
        "comments", "comment", "leave a comment", "view comments", "show comments",
        "related", "related articles", "related stories", "related news", "related topics",
        "most read", "most popular", "trending", "you may also like", "recommended",
        "more from", "more on this story", "latest news", "topics", "tags", "photo", "photos",
        "popular", "more stories", "more news",
        "video", "image", "gallery", "view gallery", "open gallery", "expand", "enlarge",
        "toggle caption", "hide caption", "caption", "zoom", "play", "pause", "watch",
        "whatsapp", "facebook", "twitter", "x", "linkedin", "telegram", "reddit", "pinterest",
        "flipboard", "messenger", "mail", "gift this article", "gift article",
        "updated", "published", "breaking", "breaking news", "live", "exclusive",
        # German
        "teilen", "folgen", "drucken", "merken", "speichern", "weiterlesen", "mehr lesen",
        "mehr zum thema", "anzeige", "werbung", "abonnieren", "kommentare", "schließen",
        "artikel teilen", "artikel merken", "vorlesen", "zum thema", "lesen sie auch",
        # Spanish
        "compartir", "seguir", "imprimir", "guardar", "leer más", "lee también",
        "lea también", "suscríbete", "suscribirse", "publicidad", "comentarios", "cerrar",
        "ver más", "te puede interesar", "noticias relacionadas", "relacionado",
        # French
        "partager", "suivre", "imprimer", "enregistrer", "lire aussi", "lire la suite",
        "lire plus", "à lire aussi", "s'abonner", "sabonner", "abonnez-vous", "publicité",
        "commentaires", "fermer", "voir plus", "sur le même sujet",
        # Arabic
        "مشاركة", "شارك", "تابع", "متابعة", "طباعة", "حفظ", "اقرأ أيضا", "اقرأ أيضاً",
        "اقرأ المزيد", "المزيد", "اشترك", "إعلان", "تعليقات", "إغلاق", "أخبار ذات صلة",
    }
)

# Whole-line UI patterns (matched against the stripped line, case-insensitive).
UI_PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        r"^[\d.,\s]+[km]?$",  # lone numbers: share counts, "1.2K", "20"
        r"^\d+\s*(comments?|shares?|kommentare|comentarios|commentaires|تعليق)$",
        r"^(share|teilen|compartir|partager)\s+(on|auf|en|sur|via)\s+\w+$",
        r"^\d+\s*(min|mins|minutes?|minuten|minutos)\.?\s*(read|lesezeit|de lectura|de lecture)?$",
        r"^(reading time|lesezeit|temps de lecture|tiempo de lectura)\b.{0,20}$",
        r"^(advertisement|anzeige|publicidad|publicité)\b.{0,40}$",
        r"^(sign up|subscribe|register|jetzt abonnieren|suscríbete|abonnez-vous)\b.{0,80}$",
        r"^(click here|tap here|download the app)\b.{0,80}$",
        r"^\[?(read more|read next|related|related video|see also|also read|more from|watch|listen|"
        r"recommended|most read|more on this)\s*[:|»›>-].{0,160}$",
        r"^also on \S+\.\w+\b.{0,160}$",  # "Also on example.com: <headline>"
        r"^(like|enjoyed|liked) this (story|article)\?.{0,80}$",
        r"^(our|editorial) standards\s*:.{0,80}$",
        r"^(updated|published|posted|last updated)(\s+(at|on))?\s+\d{1,2}[:.]\d{2}\s*([ap]\.?m\.?)?"
        r"(\s+[A-Z]{2,4})?\.?$",
        r"^(copyright|©|\(c\))\s*.{0,100}$",
        r"^tell us what you think\b.{0,20}$",
        r"^join (our|the) (commenting|comment|conversation|discussion)\b.{0,40}$",
        r"^join\b.{0,80}\b(conversations?|discussions?|readers|community)\b.{0,60}$",
        r"^.{0,40}\bswipe\b.{0,40}$",
        r"^(lesen sie auch|mehr zum thema|lea también|lee también|lire aussi|à lire aussi|اقرأ أيضا)\s*[:|»›>-]?.{0,120}$",
    )
)

# Newsletter promotions: a short line naming both a newsletter/inbox and signing up to it.
PROMO_NOUN = re.compile(
    r"\b(newsletters?|inbox|e-?mail alerts?|subscription|premium)\b", re.IGNORECASE
)
# A line PROMO_NOUN matches holds one of these once lower-cased ("ſ", "ı", "İ" folded first:
# the only other characters IGNORECASE equates with their letters; tested).
PROMO_NOUN_CORES = ("newsletter", "inbox", "mail alert", "subscription", "premium")
PROMO_VERB = re.compile(
    r"\b(subscrib\w*|sign(ing)? up|sign-up|delivered|register|get|start your|bookmark)\b",
    re.IGNORECASE,
)
PROMO_MAX_WORDS = 40

# The agencies (names of ``AGENCIES``) a short "Jane Doe / Agency" line is a credit line of.
CREDIT_LINE_AGENCIES: tuple[str, ...] = (
    "AFP", "Reuters", "AP", "Getty Images", "EPA", "DPA", "Anadolu", "Xinhua",
)

# Lines that only carry a picture credit: "Photo: Jane Doe/AFP", "Credit: Getty Images".
CREDIT_LINE_PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        r"^\(?(photo|photos|picture|image|images|credit|photograph|file photo|foto|fotos|bild|"
        r"imagen|crédit|crédits|صورة)\s*(by|:|/|©|-|–)\s*.{1,80}\)?$",
        r"^©\s*.{1,80}$",
        r"^\(?[^()]{0,60}/\s*("
        + "|".join(name.lower() for name in CREDIT_LINE_AGENCIES)
        + r")[^()]{0,40}\)?$",
    )
)

# Words that make a closing parenthesis a picture credit: "(Photo by X / AFP)", "(File photo)".
PHOTO_WORDS: tuple[str, ...] = (
    "photo", "photos", "picture", "image", "images", "file", "handout", "courtesy", "pool",
    "credit", "foto", "bild", "imagen", "crédit", "صورة",
)

# Lines announcing a (publication or update) date: "Updated 27 September 2017".
DATE_LINE_PREFIX = re.compile(
    r"^(last\s+updated|updated|published|posted|first published|modified|"
    r"aktualisiert|veröffentlicht|stand|actualizado|publicado|mis à jour|publié|publié le|"
    r"mise à jour|تم التحديث|نشر|تحديث)(\s+on|\s+am|\s+le|\s+el)?\s*[:\-–—]?\s*",
    re.IGNORECASE,
)

# Lines after which the rest of a page is teasers for other articles ("More from The Nation").
SECTION_END_PHRASES = (
    r"more from\b.{0,40}|more stories|more news|related( articles| stories| news| content)?|"
    r"recommended( for you)?|you may also like|you might also like|most (read|popular)|popular|"
    r"read next|trending( now)?|latest( news| stories)?|mehr zum thema|das könnte sie auch "
    r"interessieren|te puede interesar|noticias relacionadas|à lire aussi|sur le même sujet|"
    r"اقرأ أيضا|أخبار ذات صلة"
)
SECTION_END = re.compile(rf"^({SECTION_END_PHRASES})\s*:?$", re.IGNORECASE)
SECTION_END_MAX_CHARS = 49  # longest phrase: a stripped match is no longer unless it ends in ":"

# An author's bio closing an article: "Jane Doe is a reporter for Example News. Follow her ...".
AUTHOR_BIO = re.compile(
    r"^(?:[A-Z][\w.'’-]*\s){1,3}[A-Z][\w.'’-]*\s(?:is|was|has been)\s(?:a|an|the)\s"
    r"(?:\S+\s){0,6}?(?:writer|reporter|editor|correspondent|journalist|columnist|contributor|"
    r"producer|author|critic|anchor)\b"
)
BIO_LAST_LINES = 3  # a bio is only looked for among an article's last lines
TEASER_MAX_WORDS = 45  # teaser blurbs after "More from ..." are shorter than this

# --- site boilerplate (``boilerplate``): paragraphs of the site's template, not the story ----
# "About Acme" / "About the author": the heading of a closing about-us block.
ABOUT_HEADING = re.compile(
    r"^(?:(?:about|über|uber|acerca de|sobre)\s+|(?:à|a) propos d(?:e\s+|'|’))"
    r"(?P<name>\S.{0,60}?)\s*:?$",
    re.IGNORECASE,
)
# One paragraph of boilerplate wherever it stands: (reason, cues, pattern searched in the
# line). A pattern is only tried on a line holding one of its cues once lower-cased (a
# substring test is far cheaper than the scan, and almost every paragraph holds none).
BOILERPLATE_SHAPES: tuple[tuple[str, tuple[str, ...], re.Pattern[str]], ...] = tuple(
    (reason, cues, re.compile(p, re.IGNORECASE))
    for reason, cues, p in (
        ("copyright", ("reserved", "copyright", "©", "(c)"),
         r"\ball rights reserved\b|^(?:copyright|©|\(c\))\s*(?:©\s*)?(?:19|20)\d\d\b"),
        ("newsletter", ("newsletter", "mail", "alert", "inbox", "journalism", "promotions",
                        "special offers"),
         r"\b(?:sign up|subscribe|register)\b.{0,60}\b(?:our|free)\b.{0,40}"
         r"\b(?:newsletters?|e-?mails?|alerts?)\b|\b(?:newsletters?|alerts?)\b"
         r".{0,60}\b(?:to|in) your inbox\b|\bsupport(?:ing)? our\b.{0,40}\bjournalism\b"
         r"|\breceive\b.{0,100}\b(?:updates|news)\b.{0,40}\b(?:promotions|special offers)\b"),
        ("privacy", ("agree", "accept", "consent", "unsubscribe", "privacy"),
         r"\b(?:by (?:signing up|subscribing|registering|clicking)\b.{0,80}\b"
         r"(?:agree|accept|consent)|you (?:agree|consent) to (?:our|the)\b.{0,40}"
         r"\b(?:privacy|terms)|unsubscribe at any time|read our privacy (?:policy|notice))"),
        # a publisher's own disclosure: affiliate links, sponsored or branded content
        ("disclosure", ("commission", "affiliate", "branded content", "sponsored content"),
         r"\b(?:we|us|I)\b(?: may| might| can| could| will)?(?: \w+){0,2}? (?:earn|receive|get)"
         r"\b.{0,40}\bcommissions?\b|\baffiliate links?\b.{0,80}\b(?:supports? (?:us|our|me)"
         r"|earns? us|at no (?:extra|additional) cost)|^(?:this|the) (?:story|article|post|"
         r"content|piece) (?:was|is) (?:developed|produced|created|paid for)\b.{0,80}"
         r"\b(?:branded|sponsored) content\b"),
    )
)
# ... and among an article's last paragraphs only (in a body these can be prose).
TAIL_SHAPES: tuple[tuple[str, tuple[str, ...], re.Pattern[str]], ...] = tuple(
    (reason, cues, re.compile(p, re.IGNORECASE))
    for reason, cues, p in (
        ("author", ("written by", "edited by", "compiled by", "produced by", "reported by"),
         r"\b(?:is|are) (?:written|edited|compiled|produced) by\b|^(?:this|the) "
         r"(?:story|article|column|report|piece)\b.{0,60}\b(?:was|is) (?:written|"
         r"reported|produced) by\b"),
        ("contact", ("www.", "http", "@"),
         r"^(?:contact|reach|e-?mail|write to|follow)\b.{0,80}?\b(?:at|via|on)\s+"
         r"(?:www\.|https?://|[\w.+-]+@[\w-]+\.)"),
    )
)
# Words of a site addressing its readers ("We're here to help you", "Hi there! I'm ..."):
# first and second person, which reported prose uses only inside quotations. Lower case,
# apostrophes straight (the tokenizer's folding).
ADDRESS_WORDS: frozenset[str] = _word_set(
    "i me my mine myself i'm i've i'd i'll we us our ours ourselves we're we've we'd we'll "
    "let's you your yours yourself yourselves you're you've you'd you'll"
)

# Bylines: "By Jane Doe", "Von Max Muster", "Por Ana Ruiz", "Par Jean Dupont".
BYLINE = re.compile(r"^(by|von|por|par|بقلم)\s+\S.{0,80}$", re.IGNORECASE)

# Attribution phrases around an agency name in body text; ``{a}`` is the agency pattern.
ATTRIBUTION_TEMPLATES: tuple[str, ...] = (
    r"\b(?i:told|tells|telling|to|according to|quoted by|cited by|reported by|speaking to|"
    r"said to|sagte (?:der|dem)|a déclaré à|dijo a|declaró a|selon|según|laut)\s+"
    r"(?i:the\s+)?(?:{a})",
    r"(?:{a})\s+(?i:said|says|reported|reports|learned|has learned|news agency|correspondent|"
    r"reporter|photographer|journalist|tally|count|berichtete|meldete|informó|rapporte)\b",
    r"\((?:{a})\)",
)


# === compare stage: figures (English only) and swaps ==========================================
# Figures are read from English sentences only (other languages yield no figures).

# --- figures: numbers -----------------------------------------------------------------------

NUMBER_WORDS = {
    "a dozen": 12, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "a hundred": 100, "one hundred": 100, "dozen": 12,
}
#: Words that cannot end a clause (an article, a preposition, a conjunction waiting for what
#: follows): a cut or added run of words ending in one is a fragment ("Fighters of the").
DANGLING = _word_set(
    "a an the of to in on at by for with from into onto about over under after before "
    "than that which who whose whom and or but as if because while its their his her"
)
#: Multipliers after a number ("two hundred", "3 million").
MULTIPLIERS = {
    "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
}

#: Hedges before a number, longest first.
QUALIFIERS = (
    "at least", "more than", "fewer than", "less than", "at most", "up to", "as many as",
    "an estimated", "about", "around", "nearly", "almost", "approximately", "roughly", "some",
    "over", "under", "only",
)

# --- figures: what happened ----------------------------------------------------------------

#: Predicate class -> the words that state it (verbs, adjectives, nouns).
PREDICATES = {
    "dead": (
        "killed", "dead", "died", "slain", "perished", "killing", "kills", "kill", "deaths",
        "fatalities", "bodies", "murdered", "executed",
    ),
    "wounded": (
        "wounded", "injured", "hurt", "wounding", "injuring", "injuries", "injures", "wounds",
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
PREDICATE_NOUNS = _word_set("deaths fatalities bodies injuries arrests")

#: Words between a counted noun and its predicate ("were", "have been", "reportedly").
AUXILIARIES = _word_set(
    "was were is are be been being has have had also reportedly later all both confirmed "
    "believed feared thought said now still"
)

#: Words before a number that link a predicate to it ("death toll rose to 12").
TOLL_WORDS = _word_set("toll tolls")
TOLL_LINKS = _word_set("rose risen climbed reached stood stands stood is was at to of")

# --- figures: who is counted ---------------------------------------------------------------

#: Noun class -> nouns (singular and plural; multi-word allowed). Figures compare within a
#: class; a noun outside every class compares only with itself.
NOUN_CLASSES = {
    "security forces": (
        "soldier", "soldiers", "troop", "troops", "security personnel", "personnel",
        "security forces", "security force members", "members of the security forces", "police",
        "policemen", "policeman", "police officers", "officers", "officer", "servicemen",
        "serviceman", "guards", "guard", "security members", "paramilitaries",
        "fighters of the army", "army", "marines", "sailors", "airmen",
    ),
    "militants": (
        "militants", "militant", "jihadists", "jihadist", "insurgents", "insurgent", "fighters",
        "fighter", "rebels", "rebel", "gunmen", "gunman", "terrorists", "terrorist", "infiltrators",
        "attackers", "attacker", "extremists", "members",
    ),
    "civilians": (
        "civilians", "civilian", "residents", "resident", "children", "child", "women", "villagers",
        "bystanders", "passers-by", "pedestrians", "worshippers", "students",
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
NOUN_STOPS = _word_set(
    "and or but nor on in at since after before during by to for with near across when "
    "while as than that who which until into onto over under"
)
#: Plural nouns of measure, time and money: "five minutes" or "12 percent" count no thing, so
#: they make no bare count (a figure without a predicate, "270 workers").
UNITS = _word_set(
    "years months weeks days hours minutes seconds nights decades centuries times percent "
    "points dollars cents euros pounds pence yen rupees francs miles kilometers kilometres "
    "meters metres feet inches yards acres hectares degrees grams kilograms kilos tons "
    "tonnes ounces lbs litres liters gallons cups tablespoons teaspoons calories bytes "
    "pixels steps levels pages ways things times reasons tips ideas words items parts "
    "percentages seasons episodes chapters rounds laps sets reps games goals runs votes"
)
#: Words that may continue a counted noun once it has begun ("members of the security forces").
NOUN_LINKERS = _word_set("of the")

# --- swaps ---------------------------------------------------------------------------------

#: British endings (regex over a lower-case word) -> American ones: two words equal once both
#: are folded this way are one word spelled two ways ("colour"/"color", "kilometre").
BRITISH_ENDINGS = (
    (r"our(s|ed|ing|ful|ite|ites|hood|able)?$", r"or\1"),
    (r"tre(s)?$", r"ter\1"),
    (r"tred$", r"tered"),
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
TERM_WORDS = _word_set(
    "daesh isis isil is islamic state jihadist jihadists jihadi jihadis militant militants "
    "terrorist terrorists terror insurgent insurgents rebel rebels extremist extremists "
    "fighters fighter gunmen gunman separatists separatist guerrillas guerrilla regime "
    "junta occupation occupied settlers settlements martyrs martyr freedom resistance "
    "group organisation organization movement faction"
)
