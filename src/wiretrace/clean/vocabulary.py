"""Word lists and patterns the cleaner matches against (data only, no logic).

Kept apart from the code so a new outlet's chrome or a new agency is a one-line change here.
All phrases are compared after ``normalise_ui`` (casefolded, punctuation and symbols stripped,
spaces collapsed), so write them in lower case without punctuation.
"""

from __future__ import annotations

import re

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

# Lines that only carry a picture credit: "Photo: Jane Doe/AFP", "Credit: Getty Images".
CREDIT_LINE_PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        r"^\(?(photo|photos|picture|image|images|credit|photograph|file photo|foto|fotos|bild|"
        r"imagen|crédit|crédits|صورة)\s*(by|:|/|©|-|–)\s*.{1,80}\)?$",
        r"^©\s*.{1,80}$",
        r"^\(?[^()]{0,60}/\s*(afp|reuters|ap|getty images|epa|dpa|anadolu|xinhua)[^()]{0,40}\)?$",
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
        ("newsletter", ("newsletter", "mail", "alert", "inbox", "journalism"),
         r"\b(?:sign up|subscribe|register)\b.{0,60}\b(?:our|free)\b.{0,40}"
         r"\b(?:newsletters?|e-?mails?|alerts?)\b|\b(?:newsletters?|alerts?)\b"
         r".{0,60}\b(?:to|in) your inbox\b|\bsupport(?:ing)? our\b.{0,40}\bjournalism\b"),
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
