"""``make eval``: quality measurements, each printing its own table.

    python -m eval                 all evaluations
    python -m eval extraction      body extraction on the shared HTML corpora
    python -m eval compare         substitutions / additions / cuts / conflicts
    python -m eval realnews        reuse, splits and titles on real pages (pairs-dev, templates)
    python -m eval titles          titles of the 702 WCXB pages, as published and in templates
    python -m eval realedits       swaps and figure conflicts on reprints of real bodies (held out)

Tools, not part of the default set:

    python -m eval dump OUT.jsonl [CORPUS...]   every field of the output, for a byte comparison
    python -m eval gluedev [--docs F] [-v]      glued pages split right, ~340 dev pages (DEV ONLY)
    python -m eval boilerdev [-v] [--realnews]  DEV ONLY: unrelated bodies in one real template
                                                (with/without its boilerplate, sister sites)
"""

from __future__ import annotations

import argparse
import importlib
import sys

EVALUATIONS = {
    "extraction": "eval.extraction",
    "compare": "eval.compare_eval",
    "realnews": "eval.realnews",
    "titles": "eval.titles",
    "realedits": "eval.realedits",
}
TOOLS = {  # run only when named first, with their own arguments
    "dump": "eval.dump", "gluedev": "eval.gluedev", "boilerdev": "eval.boilerdev",
}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in TOOLS:
        return importlib.import_module(TOOLS[argv[0]]).main(argv[1:])
    parser = argparse.ArgumentParser(prog="python -m eval", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("names", nargs="*", metavar="NAME",
                        help=f"evaluations to run (default: all): {', '.join(EVALUATIONS)}")
    args = parser.parse_args(argv)
    unknown = [name for name in args.names if name not in EVALUATIONS]
    if unknown:
        parser.error(f"unknown evaluation {unknown[0]!r}; choose from {', '.join(EVALUATIONS)}")
    status = 0
    for name in args.names or list(EVALUATIONS):
        print(f"\n== eval: {name} ==", flush=True)
        module = importlib.import_module(EVALUATIONS[name])
        status |= module.main([])
    return status


if __name__ == "__main__":
    sys.exit(main())
