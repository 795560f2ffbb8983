"""Index stage: which texts of a batch (or of an archive) share running text.

    >>> from wiretrace.index.candidates import find_candidates

``sketch.py`` turns tokens into LSH bucket keys of content-anchored windows and exact
shingle sets; ``candidates.py`` turns shared buckets into candidate pairs and keeps those
whose containment ``|A∩B| / min(|A|, |B|)`` passes (``find_candidates``), with the optional
date window; ``archive.py`` keeps articles and their buckets in SQLite between runs.
``_kernels.py`` holds every compiled function of the stage with the helpers they inline.
"""
