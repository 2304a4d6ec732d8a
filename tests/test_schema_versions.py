"""Every on-disk format we write carries a ``schema_version``; the CHANGELOG names the package version.

One short real run (computer -> plan -> a few worker turns -> signals) produces every file format of a computer
folder and a run folder; each JSON document must say which schema version it follows, so readers can refuse or
migrate old files. JSON Lines files (trajectory, events) are checked too.
"""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from generator_cache import generated

from synthcomp_agents import Simulation, SimulationConfig, __version__
from synthcomp_agents.models import iter_jsonl_lines
from synthcomp_agents.signals import write_run_signals

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("schema")
    computer = generated("A procurement manager in Valencia", seed=7)
    computer_dir = computer.save(base / "computer", materialize=False)
    run_dir = base / "run"
    config = SimulationConfig(computer_dir=computer_dir, run_dir=run_dir, seed=7, days=5, max_worker_turns=5)
    Simulation(config).run_sync()
    assert write_run_signals(run_dir) == run_dir / "signals.json"
    return computer_dir, run_dir


def _version(document: dict[str, Any], where: str) -> int | str:
    assert "schema_version" in document, f"{where} has no schema_version (keys: {sorted(document)[:12]})"
    version = document["schema_version"]
    # an integer, or a "major[.minor]" string
    assert (isinstance(version, int) and not isinstance(version, bool) and version >= 1) or (
        isinstance(version, str) and re.fullmatch(r"\d+(\.\d+)?", version)
    ), f"{where}: schema_version {version!r}"
    return version


def _archive_manifest(path: Path) -> dict[str, Any]:
    with zipfile.ZipFile(path) as archive:
        manifest: dict[str, Any] = json.loads(archive.read("manifest.json"))
    return manifest


def test_computer_folder_formats(folders: tuple[Path, Path]) -> None:
    computer_dir, _ = folders
    _version(json.loads((computer_dir / "computer.json").read_text(encoding="utf-8")), "computer.json")
    _version(_archive_manifest(computer_dir / "computer.scdisk"), "computer.scdisk manifest.json")


def test_run_folder_json_formats(folders: tuple[Path, Path]) -> None:
    _, run_dir = folders
    for name in ["computer.json", "objectives.json", "run.json", "signals.json"]:
        _version(json.loads((run_dir / name).read_text(encoding="utf-8")), name)
    signals = json.loads((run_dir / "signals.json").read_text(encoding="utf-8"))
    assert 0.0 <= signals["outcome"]["reward"] <= 1.0  # a scored run, not an empty versioned shell
    with zipfile.ZipFile(run_dir / "final.delta.zip") as delta:
        _version(json.loads(delta.read("delta.json")), "final.delta.zip delta.json")
    checkpoints = sorted((run_dir / "checkpoints").glob("seg-*/checkpoint.json"))
    assert len(checkpoints) >= 2
    for path in checkpoints:
        _version(json.loads(path.read_text(encoding="utf-8")), str(path.relative_to(run_dir)))


def test_model_config_format_accepts_schema_version() -> None:
    from synthcomp_agents.models import RoleModels

    paths = sorted((ROOT / "examples" / "models").glob("*.yaml"))
    assert paths
    for path in paths:
        assert yaml.safe_load(path.read_text(encoding="utf-8"))["schema_version"] == 1, path.name
    assert RoleModels.from_mapping({"schema_version": 1, "roles": {}}).configured_roles() == []


@pytest.mark.parametrize("name", ["trajectory.jsonl.zst", "events.jsonl.zst"])
def test_jsonl_formats_are_versioned(folders: tuple[Path, Path], name: str) -> None:
    _, run_dir = folders
    lines = [json.loads(line) for line in iter_jsonl_lines(run_dir / name)]
    assert lines
    for number, line in enumerate(lines, 1):  # every line says which schema it follows
        assert _version(line, f"{name} line {number}") == 1


def test_changelog_names_the_package_version() -> None:
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert text.startswith("# Changelog") and "keepachangelog.com" in text
    headings = re.findall(r"^## \[([^\]]+)\]", text, re.M)
    assert headings[0] == "Unreleased" and __version__ in headings
    assert re.search(rf"^## \[{re.escape(__version__)}\] - \d{{4}}-\d{{2}}-\d{{2}}$", text, re.M)
    assert f"[{__version__}]:" in text  # the link reference at the bottom
    assert "schema_version" in text  # the on-disk format versions are listed
