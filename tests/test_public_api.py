"""The public surface: every name the README, notebooks, docs and examples import still imports, and every ``__all__``
holds only documented names (what those pages use, or the package docstring's own example).

Names outside ``__all__`` stay importable from their subpackage (explicit ``X as X`` re-exports); ``__all__`` is the
documented surface, kept small on purpose.
"""

from __future__ import annotations

import ast
import importlib
import json
import re
from pathlib import Path

import pytest

import synthcomp_agents

ROOT = Path(__file__).resolve().parents[1]
SUBPACKAGES = sorted(p.parent.name for p in (ROOT / "synthcomp_agents").glob("*/__init__.py"))


def _documentation() -> str:
    """README, docs, examples and the notebooks' code and markdown cells, as one text."""
    parts = [(ROOT / "README.md").read_text(encoding="utf-8")]
    for pattern in ("docs/**/*.md", "examples/**/*.md", "examples/**/*.yaml"):
        parts += [p.read_text(encoding="utf-8") for p in sorted(ROOT.glob(pattern))]
    for notebook in sorted(ROOT.glob("notebooks/*.ipynb")):
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        parts += ["".join(cell["source"]) for cell in cells]
    return "\n".join(parts)


def _documented_imports(text: str) -> list[tuple[str, str]]:
    """``(module, name)`` for every ``from synthcomp_agents... import a, b as c`` (parenthesised too) in ``text``."""
    found: list[tuple[str, str]] = []
    for match in re.finditer(r"from (synthcomp_agents[\w.]*) import (\([^)]*\)|[^\n]*)", text):
        for item in match.group(2).strip("()").replace("\n", " ").split("#")[0].split(","):
            name = item.strip().split(" as ")[0].strip().strip("`")
            if name.isidentifier():
                found.append((match.group(1), name))
    return found


DOCS = _documentation()
DOC_WORDS = set(re.findall(r"[A-Za-z_]\w*", DOCS))
DOC_IMPORTS = sorted(set(_documented_imports(DOCS)))


def test_the_documentation_imports_something() -> None:
    # the parser finds the README's and notebooks' imports (a parser that finds nothing would pass the next test)
    assert ("synthcomp_agents", "Simulation") in DOC_IMPORTS
    assert ("synthcomp_agents.env", "SyntheticComputerEnv") in DOC_IMPORTS
    assert len(DOC_IMPORTS) >= 20


@pytest.mark.parametrize(("module", "name"), DOC_IMPORTS)
def test_every_documented_import_works(module: str, name: str) -> None:
    assert hasattr(importlib.import_module(module), name), f"the docs import {name} from {module}"


@pytest.mark.parametrize("package", ["", *SUBPACKAGES])
def test_all_is_documented_and_resolves(package: str) -> None:
    module = importlib.import_module(f"synthcomp_agents.{package}" if package else "synthcomp_agents")
    docstring_words = set(re.findall(r"[A-Za-z_]\w*", module.__doc__ or ""))
    for name in module.__all__:
        assert hasattr(module, name), f"{module.__name__}.__all__ names {name}, which does not exist"
        assert name == "__version__" or name in DOC_WORDS or name in docstring_words, (
            f"{module.__name__}.__all__ holds {name}, which no README/notebook/docs page or the package docstring uses"
        )


def test_undocumented_names_stay_importable_from_their_subpackage() -> None:
    """A trimmed ``__all__`` hides nothing: each re-export in a subpackage ``__init__`` imports from the package."""
    checked = 0
    for package in SUBPACKAGES:
        tree = ast.parse((ROOT / "synthcomp_agents" / package / "__init__.py").read_text(encoding="utf-8"))
        module = importlib.import_module(f"synthcomp_agents.{package}")
        for node in tree.body:
            if isinstance(node, ast.ImportFrom):
                for alias in node.names:
                    assert hasattr(module, alias.asname or alias.name)
                    checked += 1
    assert checked > 300  # e.g. synthcomp_agents.tools.ReadFileTool, synthcomp_agents.office.write_docx
    from synthcomp_agents.tools import ReadFileTool

    assert ReadFileTool.__name__ == "ReadFileTool"


def test_top_level_lazy_names_resolve() -> None:
    for name in synthcomp_agents._LAZY:
        assert getattr(synthcomp_agents, name) is not None
