"""Word material of the synthetic corpus (invented: no real article text is ever used)."""

# Syllables invented words are built from (content words, names, places).
SYLLABLES = [
    "ka", "lo", "mi", "ren", "tas", "vu", "pel", "dor", "an", "si", "ur", "be", "nok", "fa",
    "tri", "gel", "mo", "za", "pi", "ste", "ral", "vin", "cor", "bru", "del", "fen", "gor",
    "hal", "jun", "kes", "lam", "mur", "nar", "ost", "pra", "quen", "rus", "sol", "tem", "ud",
    "vel", "wor", "yan", "zel"
]

# English function words, most frequent first (their Zipfian rank order).
FUNCTION_WORDS = [
    "the", "of", "and", "to", "a", "in", "that", "is", "was", "for", "on", "with", "as", "by",
    "at", "from", "it", "he", "said", "his", "were", "be", "this", "which", "an", "are", "has",
    "have", "had", "not", "but", "they", "or", "their", "its", "after", "who", "been", "more",
    "also", "would", "will", "two", "one", "than", "about", "into", "over", "three", "other",
    "during", "some", "when", "where"
]

# Sign-off lines outlets append (boilerplate shared by unrelated articles of one outlet).
SIGNOFFS = [
    "Reporting by {a}; editing by {b}",
    "Additional reporting by {a}",
    "Writing by {a}; editing by {b}",
]
