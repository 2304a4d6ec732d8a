"""export_computers: the paper's 9-column layout as JSONL and parquet, loading back to the same rows."""

from __future__ import annotations

import json
from pathlib import Path

import datasets
import pytest
from llm_computer_fixture import PERSONA, ScriptedStageClient, generator_kwargs
from pyarrow import parquet

from synthcomp_agents.computers import ROW_COLUMNS, ComputerBlueprint
from synthcomp_agents.computers._llm import LLMComputerGenerator
from synthcomp_agents.export import ExportError, export_computers, find_computer_folders, load_computer_rows


@pytest.fixture(scope="module")
def computers(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two saved computers (different seeds) under one parent folder."""
    root = tmp_path_factory.mktemp("computers")
    for seed in (3, 4):
        gen = LLMComputerGenerator(ScriptedStageClient(), **generator_kwargs())
        computer = gen.generate(PERSONA, seed=seed)
        computer.save(root / computer.computer_id, archive=False)
    return root


def _blueprints(root: Path) -> list[ComputerBlueprint]:
    return [ComputerBlueprint.from_json((p / "computer.json").read_bytes()) for p in find_computer_folders([root])]


def test_jsonl_rows_are_the_blueprints_rows(computers: Path, tmp_path: Path) -> None:
    written = export_computers([computers], tmp_path / "out", formats=("jsonl",))
    lines = written["jsonl"].read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines]
    expected = [bp.to_row() for bp in _blueprints(computers)]
    assert rows == expected and len(rows) == 2
    assert all(list(row) == list(ROW_COLUMNS) for row in rows)
    assert [ComputerBlueprint.from_row(r) for r in rows] == _blueprints(computers)


def test_parquet_loads_back_to_the_same_rows(computers: Path, tmp_path: Path) -> None:
    written = export_computers([computers], tmp_path / "out")
    table = parquet.read_table(written["parquet"])
    assert table.column_names == list(ROW_COLUMNS)
    assert table.schema.metadata[b"schema_version"] == b"1.0"
    assert table.to_pylist() == [json.loads(line) for line in written["jsonl"].read_text("utf-8").splitlines()]


def test_datasets_loads_the_parquet(computers: Path, tmp_path: Path) -> None:
    written = export_computers([computers], tmp_path / "out", formats=("parquet",))
    ds = datasets.load_dataset("parquet", data_files=str(written["parquet"]), split="train")
    assert ds.column_names == list(ROW_COLUMNS) and len(ds) == 2


def test_run_folder_objectives_fill_the_monthly_objectives_column(computers: Path, tmp_path: Path) -> None:
    source = find_computer_folders([computers])[0]
    run = tmp_path / "run1"
    run.mkdir()
    (run / "computer.json").write_bytes((source / "computer.json").read_bytes())
    objectives = [{"title": "Close the carrier tender", "deliverables": [{"path": "Documents/award.docx"}]}]
    (run / "objectives.json").write_text(json.dumps({"objectives": objectives}), encoding="utf-8")
    (row,) = load_computer_rows([run])
    assert json.loads(row["monthly_objectives"]) == objectives
    with pytest.raises(ExportError, match="with different content"):
        load_computer_rows([run, source])  # one id, two different rows
    assert len(load_computer_rows([source, source, computers])) == 2  # duplicates are kept once


def test_bad_inputs_have_clear_errors(computers: Path, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="does not exist"):
        export_computers([tmp_path / "nope"], tmp_path / "out")
    (tmp_path / "empty").mkdir()
    with pytest.raises(ExportError, match=r"holds no computer\.json"):
        export_computers([tmp_path / "empty"], tmp_path / "out")
    with pytest.raises(ExportError, match="unknown format"):
        export_computers([computers], tmp_path / "out", formats=("csv",))
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "computer.json").write_text("{}", encoding="utf-8")
    with pytest.raises(ExportError, match="not a valid computer blueprint"):
        export_computers([broken], tmp_path / "out")
