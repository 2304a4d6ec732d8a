"""The notebooks in notebooks/ run top to bottom offline, and are stored without outputs.

Each notebook runs in a fresh ``python3`` kernel (this interpreter) with a temporary working directory. Cells
tagged ``skip-without-key`` need a real API key: they are removed before execution when ``OPENAI_API_KEY`` is
not set. Every notebook ends with a cell of sanity checks that prints ``... OK``; the assertions below check the
content the notebook showed on the way.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import ipykernel  # noqa: F401  (the kernel nbclient starts; a dev dependency like the other two)
import nbclient
import nbformat
import pytest

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
NAMES = [
    "01_quickstart",
    "02_simulate",
    "03_custom_collaborators",
    "04_in_your_autogen_app",
    "05_real_models",
]
SKIP_TAG = "skip-without-key"

# What each notebook must have shown (substrings of its cells' text outputs), besides its final "... OK" line.
EXPECTED: dict[str, list[str]] = {
    "01_quickstart": [
        "Procurement manager",
        "knows privately:",
        "read_file",
        " -> ",  # spreadsheet formulas shown with their computed values
        "dependency edges",
        "mean files per folder",
        "computer.json: schema_version",
        "edges checked, ok=True",
        "quickstart OK",
    ],
    "02_simulate": [
        "objectives, ",
        "ToolCallRequestEvent (worker)",  # the live Console stream
        "has no new mail",
        "worker turn budget (170) spent",
        "was asked:",
        "deliverable files the worker wrote:",
        "reward ",
        "checks passed",
        "simulate OK",
    ],
    "03_custom_collaborators": [
        "Dana Lee <dana.lee@harbour-logistics.example>",
        "Dear Ana,",
        "Hi Ana!",
        "The plan needs",
        "23.5%",
        "custom collaborators OK",
    ],
    "04_in_your_autogen_app": [
        "/Users/ana/Documents/Offsite/budget.xlsx",
        "Travel is cut by 15% from 1 October.",
        "EUR 10,075",
        "parent references are not allowed",
        "synthcomp_agents.agents.CollaboratorAgent",
        "autogen app OK",
    ],
    "05_real_models": [
        "synthcomp-scripted-worker",
        "usage reported by the endpoint",
        "OpenAIChatCompletionClient",
        "worker turns; the first one:",
        "per_role.yaml",
        "real models OK",
    ],
}


def _load(name: str) -> Any:
    return nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)  # type: ignore[no-untyped-call]


def _text_outputs(notebook: Any) -> str:
    parts: list[str] = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream":
                parts.append(output.get("text", ""))
            elif "data" in output:
                parts.append(str(output["data"].get("text/plain", "")))
    return "\n".join(parts)


def test_notebooks_are_stored_clean_and_valid() -> None:
    assert sorted(p.stem for p in NOTEBOOKS.glob("*.ipynb")) == NAMES
    for name in NAMES:
        raw = json.loads((NOTEBOOKS / f"{name}.ipynb").read_text(encoding="utf-8"))
        notebook = _load(name)
        nbformat.validate(notebook)
        assert notebook.metadata["kernelspec"]["name"] == "python3"
        code = [c for c in raw["cells"] if c["cell_type"] == "code"]
        assert code, name
        for cell in code:
            assert cell["outputs"] == [] and cell["execution_count"] is None, f"{name}: outputs must be stripped"
        assert raw["cells"][0]["cell_type"] == "markdown" and raw["cells"][0]["source"][0].startswith("# ")
        sources = "\n".join("".join(c["source"]) for c in code)
        assert "from synthcomp_agents import" in sources, name
    tagged = [c for c in _load("05_real_models").cells if SKIP_TAG in c.metadata.get("tags", [])]
    assert len(tagged) >= 2 and all("OPENAI_API_KEY" in c.source or "HAVE_KEY" in c.source for c in tagged)


@pytest.mark.parametrize("name", NAMES)
def test_notebook_runs_offline(name: str, tmp_path: Path) -> None:
    from jupyter_client.manager import KernelManager

    notebook = _load(name)
    if not os.environ.get("OPENAI_API_KEY"):
        notebook.cells = [c for c in notebook.cells if SKIP_TAG not in c.metadata.get("tags", [])]
    manager = KernelManager(kernel_name="python3")
    spec = manager.kernel_spec
    assert spec is not None, "no python3 kernel spec (pip install ipykernel)"
    spec.argv[0] = sys.executable  # the interpreter (and packages) running the tests
    client = nbclient.NotebookClient(
        notebook,
        km=manager,
        timeout=600,
        allow_errors=False,
        resources={"metadata": {"path": str(tmp_path)}},
    )
    client.execute()
    shown = _text_outputs(notebook)
    missing = [s for s in EXPECTED[name] if s not in shown]
    assert not missing, f"{name} did not show {missing}"
    errors = [o for c in notebook.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors
    assert (tmp_path / "synthcomp-notebooks").is_dir() or name == "04_in_your_autogen_app"
