"""Plain Python (or numpy) definitions of what the package's compiled kernels compute.

Each is the specification its kernel is tested against on invented and generated input:
easy to read, slow, and not shipped in the package (``from reference.features import ...``;
pytest puts ``tests/`` on the import path).

* :mod:`.tokens`: the tokenizer (``wiretrace.text``), by one regex;
* :mod:`.sentences`: the explanations' sentence splitter (``wiretrace.compare.sentences``), by one regex;
* :mod:`.align`: a pair's passages (seeds, selection, chaining, sentence edges) in numpy;
* :mod:`.features`: the cluster stage's rare features, article by article;
* :mod:`.same_event`: the same-event links, every pair of every rare feature in numpy;
* :mod:`.stories`: ``build_stories``, over Python lists and a union-find.
"""
