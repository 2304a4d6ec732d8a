"""The package's layer contract (``[tool.importlinter]`` in pyproject.toml, drawn in docs/ARCHITECTURE.md).

``disk | _version`` < ``office`` < ``tools`` < ``personas`` < ``computers | models | _demo`` < ``objectives`` <
``world`` < ``agents | testing`` < ``simulation`` < ``signals`` < ``export | report | env`` < ``scale`` < ``cli``.
The first test runs import-linter over the package as it is; the second copies the package, adds one upward import
and shows the same contract then fails and names that import.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "synthcomp_agents"


def _lint(config: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run ``lint-imports`` in a fresh interpreter whose ``synthcomp_agents`` is the one under ``cwd``."""
    env = {**os.environ, "PYTHONPATH": str(cwd)}
    code = "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())"
    return subprocess.run(
        [sys.executable, "-c", code, "--config", str(config), "--no-cache"],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _copy_package(tmp_path: Path) -> Path:
    shutil.copytree(PACKAGE, tmp_path / "synthcomp_agents", ignore=shutil.ignore_patterns("__pycache__", "data"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_layer_contract_holds() -> None:
    result = _lint(ROOT / "pyproject.toml", ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "synthcomp_agents layers KEPT" in result.stdout
    assert "1 kept, 0 broken" in result.stdout


@pytest.mark.parametrize(
    ("lower", "upper"),
    [
        ("disk", "simulation"),  # the bottom layer reaching for the orchestrator
        ("world", "agents"),  # the cycle this contract broke: the world needing an agent
        ("objectives", "world"),  # ... and objectives needing the live world
    ],
)
def test_an_upward_import_breaks_the_contract(tmp_path: Path, lower: str, upper: str) -> None:
    copy = _copy_package(tmp_path)
    clean = _lint(copy / "pyproject.toml", copy)
    assert clean.returncode == 0, clean.stdout + clean.stderr  # the copy itself is clean ...

    upward = copy / "synthcomp_agents" / lower / "_upward.py"
    upward.write_text(f'"""A deliberate layer violation."""\n\nfrom .. import {upper}\n', encoding="utf-8")
    broken = _lint(copy / "pyproject.toml", copy)

    assert broken.returncode != 0  # ... and one upward import breaks it, naming the import
    assert "synthcomp_agents layers BROKEN" in broken.stdout
    assert f"synthcomp_agents.{lower}._upward -> synthcomp_agents.{upper}" in broken.stdout


def _private_cross_package_imports(package: Path) -> list[str]:
    """``file:line module`` for every import (function-level ones too) of another subpackage's private module."""
    import ast

    found: list[str] = []
    for path in sorted(package.rglob("*.py")):
        is_pkg = path.name == "__init__.py"
        parts = path.relative_to(package.parent).with_suffix("").parts[: -1 if is_pkg else None]
        in_subpackage = len(parts) > (1 if is_pkg else 2)
        own = parts[1] if in_subpackage else None  # the importer's subpackage (None: a top-level module)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, (ast.Import, ast.ImportFrom)):
                continue
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                if node.level:
                    base = list(parts[: len(parts) - node.level + (1 if is_pkg else 0)])
                    module = ".".join(base + ([node.module] if node.module else []))
                else:
                    module = node.module or ""
                targets = [module] + [f"{module}.{alias.name}" for alias in node.names if alias.name.startswith("_")]
            for target in targets:
                names = target.split(".")
                if names[0] != package.name or len(names) < 3 or names[1] == own:
                    continue
                if any(n.startswith("_") and not n.startswith("__") for n in names[2:]):
                    found.append(f"{path.relative_to(package.parent)}:{node.lineno} {target}")
    return found


def test_no_package_imports_another_packages_private_modules() -> None:
    """Packages meet through their ``__init__`` (public entry points), never through another's ``_module``."""
    assert _private_cross_package_imports(PACKAGE) == []


def test_the_private_import_scan_sees_one(tmp_path: Path) -> None:
    copy = _copy_package(tmp_path) / "synthcomp_agents"
    (copy / "signals" / "_peek.py").write_text("def f() -> None:\n    from ..office._limits import read_scope\n")
    assert _private_cross_package_imports(copy) == [
        "synthcomp_agents/signals/_peek.py:2 synthcomp_agents.office._limits"
    ]
