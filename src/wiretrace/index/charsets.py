"""Character classes of the tokenizer, kept apart from its logic.

``QUOTES`` fold to an apostrophe ("'"), ``DQUOTES`` to '"', ``DASHES`` to "-". ``WORD`` is the
regex of one word character: a Unicode letter or digit (``\\w`` minus "_") or a combining mark
of the Latin or Arabic blocks (harakat), so vocalised Arabic and decomposed accents stay inside
their word.
"""

QUOTES = "\u2018\u2019\u201a\u201b\u2032\u0060\u00b4\u02bc"
DQUOTES = "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"
DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
WORD = r"[^\W_]|[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]"
