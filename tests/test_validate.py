"""validate_computer: files open in their libraries, edges are honoured (reading both files), times agree.

A valid computer (the scripted LLM fixture) passes; each kind of damage to its saved folder is reported in plain
words; a procedural computer is checked too.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from llm_computer_fixture import PERSONA, F, ScriptedStageClient, generator_kwargs, wrong_report

from synthcomp_agents.computers import GeneratedComputer, ProceduralComputerGenerator
from synthcomp_agents.computers._llm import LLMComputerGenerator
from synthcomp_agents.computers._validate import check_edge, check_file, figures, validate_computer
from synthcomp_agents.office import extract_text, write_docx


@pytest.fixture(scope="module")
def computer() -> GeneratedComputer:
    return LLMComputerGenerator(ScriptedStageClient(), **generator_kwargs()).generate(PERSONA, seed=3)


@pytest.fixture()
def folder(computer: GeneratedComputer, tmp_path: Path) -> Path:
    return computer.save(tmp_path / "c1")


def _problems_about(folder: Path, needle: str) -> list[str]:
    report = validate_computer(folder)
    assert not report.ok
    return [p for p in report.problems if needle in p]


def test_valid_computer_passes_in_memory_and_on_disk(computer: GeneratedComputer, folder: Path) -> None:
    for source in (computer, folder, folder / "home"):
        report = validate_computer(source)
        assert report.ok, report.problems
        assert report.computer_id == computer.computer_id
        assert len(report.files) == len(computer.blueprint.file_list)
        assert len(report.edges) == len(computer.blueprint.file_graph.edges)
    data = report.to_json()
    assert json.loads(json.dumps(data))["ok"] is True and data["edges_ok"] == len(report.edges)


def test_corrupt_file_is_reported(folder: Path) -> None:
    target = folder / "home" / F["deck"]
    target.write_bytes(b"PK\x03\x04 this is not a presentation")
    problems = _problems_about(folder, F["deck"])
    assert any("does not open as a pptx file" in p for p in problems)


def test_report_quoting_wrong_figures_breaks_derived_from(folder: Path) -> None:
    target = folder / "home" / F["rep1"]
    mtime = target.stat().st_mtime_ns
    target.write_bytes(write_docx(wrong_report()))
    os.utime(target, ns=(mtime, mtime))
    problems = _problems_about(folder, "-derived_from->")
    assert any("412,500" in p and "none of the figures" in p and F["rep1"] in p for p in problems)


def test_attachment_bytes_must_match(folder: Path) -> None:
    pdf = folder / "home" / F["pdf"]
    mtime = pdf.stat().st_mtime_ns
    pdf.write_bytes(pdf.read_bytes() + b"\n% edited after sending\n")
    os.utime(pdf, ns=(mtime, mtime))
    problems = _problems_about(folder, "-attachment_of->")
    assert any("differs from the source file's bytes" in p for p in problems)


def test_version_identical_to_its_predecessor_is_reported(folder: Path) -> None:
    v1, v2 = folder / "home" / F["rep1"], folder / "home" / F["rep2"]
    mtime = v2.stat().st_mtime_ns
    shutil.copyfile(v1, v2)
    os.utime(v2, ns=(mtime, mtime))
    problems = _problems_about(folder, "-version_of->")
    assert any("byte-identical" in p for p in problems)


def test_missing_reference_and_times_and_extra_files(folder: Path) -> None:
    notes = folder / "home" / F["notes"]
    notes.write_text("# Steering\n\nAgreed to go ahead.\n", encoding="utf-8")  # new mtime, no mention of the deck
    (folder / "home" / "Desktop" / "stray.txt").write_text("left over", encoding="utf-8")
    (folder / "home" / F["csv"]).unlink()
    report = validate_computer(folder)
    text = "\n".join(report.problems)
    assert "mentions neither the file name '2025-10-22_tender_steering_deck.pptx'" in text
    assert f"{F['notes']}: file mtime" in text
    assert "Desktop/stray.txt: on disk but not in file_list" in text
    assert f"{F['csv']}: planned in file_list but missing from the home" in text


def test_bare_home_folder_checks_files_only(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("# Plan", encoding="utf-8")
    (tmp_path / "data.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "empty.docx").write_bytes(b"")
    report = validate_computer(tmp_path)
    assert report.computer_id is None and len(report.files) == 3
    assert any("data.json: does not open as a json file" in p for p in report.problems)
    assert any("empty.docx: empty file" in p for p in report.problems)
    assert any("only the files were checked" in n for n in report.notes)
    with pytest.raises(NotADirectoryError):
        validate_computer(tmp_path / "notes.md")


def test_figures_and_edge_checks() -> None:
    values = [(f.value, f.percent) for f in figures("EUR 1,284,650 (-4.9%) vs 1.3m; 2025-03-10 and 12,3456")]
    assert (1284650.0, False) in values and (-4.9, True) in values and (1300000.0, False) in values
    assert not any(v == 123456.0 or v == 3456.0 for v, _ in values)
    csv_data = b"lane,rate\nMadrid,742\nBarcelona,659\n"
    ok = check_edge(("a.csv", "b.md", "derived_from"), csv_data, b"Madrid costs 742 a load.")
    bad = check_edge(("a.csv", "b.md", "derived_from"), csv_data, b"Madrid costs 745 a load.")
    none = check_edge(("a.csv", "b.md", "summarizes"), csv_data, b"Madrid is cheaper now.")
    assert ok.status == "ok" and bad.status == "problem" and "745" in bad.detail
    assert none.status == "problem" and "states no figures" in none.detail
    ref = check_edge(("x/Plan_v2.docx", "n.md", "references"), b"", b"See plan v2 for the scope.")
    assert ref.status == "ok"
    assert check_file("a.zip", b"not a zip") is not None and check_file("a.txt", b"\xff\xfe\x00") is not None


def test_procedural_computer_files_and_data_edges_hold() -> None:
    computer = ProceduralComputerGenerator().generate("A payroll specialist in Leeds", seed=2)
    report = validate_computer(computer)
    assert all(f.ok for f in report.files), [f.problem for f in report.files if not f.ok][:5]
    data_edges = [e for e in report.edges if e.type != "references"]
    assert data_edges and all(e.status == "ok" for e in data_edges), [e.detail for e in data_edges if e.status != "ok"]
    time_problems = [p for p in report.problems if "times" in p or "mtime" in p or "core properties" in p]
    assert not time_problems, time_problems[:5]


def test_document_dated_after_its_own_save_is_reported(folder: Path) -> None:
    notes = folder / "home" / F["notes"]
    mtime = notes.stat().st_mtime_ns
    notes.write_text(notes.read_text(encoding="utf-8") + "\nRevised 2031-02-03: figures restated.\n", encoding="utf-8")
    os.utime(notes, ns=(mtime, mtime))
    problems = _problems_about(folder, "Revised 2031-02-03")
    assert problems and "last saved" in problems[0] and F["notes"] in problems[0]


def test_no_procedural_document_cites_a_date_after_its_save() -> None:
    c = ProceduralComputerGenerator().generate("A procurement manager in Valencia", seed=4)
    report = validate_computer(c)
    assert not [p for p in report.problems if "last saved" in p], report.problems
    briefs = [f.path for f in c.blueprint.file_list if "brief" in f.path and f.path.endswith(".docx")]
    assert any("Revised " in extract_text(p, c.disk.read_bytes(p)) for p in briefs)
