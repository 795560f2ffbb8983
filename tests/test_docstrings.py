"""Every usage example in a docstring of the package, and of the references in
tests/reference/, runs and shows what it claims.

Docstrings are the first documentation a library user reads (``help()``, an editor's
hover); an example that no longer runs misleads. Examples that need a user's files are
marked ``# doctest: +SKIP``.
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import reference
import wiretrace

MODULES = sorted(
    m.name for m in pkgutil.walk_packages(wiretrace.__path__, "wiretrace.")
    if not m.name.endswith("__main__")  # runs the CLI when imported
) + [m.name for m in pkgutil.walk_packages(reference.__path__, "reference.")]


def test_the_package_has_examples() -> None:
    tried = sum(
        doctest.testmod(importlib.import_module(name), report=False).attempted
        for name in MODULES
    )
    assert tried > 50


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    failures, _ = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert failures == 0, f"{name}: {failures} failing example(s), see the output above"
