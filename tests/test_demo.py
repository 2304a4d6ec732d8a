"""The quick-start demo: the README's first command must keep working and stay deterministic."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from synthcomp_agents._demo import TRACKER, build_demo_disk, run_demo
from synthcomp_agents.cli import app
from synthcomp_agents.disk import VirtualDisk
from synthcomp_agents.office import evaluate_workbook, extract_text


def test_demo_numbers_agree_across_files() -> None:
    disk, facts = build_demo_disk()
    computed = evaluate_workbook(disk.read_bytes(TRACKER))["By supplier"]
    assert abs(float(computed["B7"]) - facts["total_spend"]) < 0.005  # type: ignore[arg-type]
    quoted = f"{facts['total_spend']:,.2f}"
    report = extract_text(
        "r.docx", disk.read_bytes("Documents/Procurement/Steel_Contracts_2026/Steel_Spend_Review_Q1_2026_v2.docx")
    )
    mail = disk.read_text("Documents/Mail/Inbox/2026-04-03_Q1_calloff_tracker.eml")
    assert quoted in report
    assert quoted in mail
    # A derived file is newer than its source.
    assert (
        disk.stat(TRACKER).modified
        < disk.stat("Documents/Procurement/Steel_Contracts_2026/Steel_Spend_Review_Q1_2026_v2.docx").modified
    )


def test_demo_run_agent_writes_summary_and_archive(tmp_path: Path) -> None:
    result = run_demo(tmp_path / "out")
    summary = "Documents/Procurement/Steel_Contracts_2026/Exec_Summary_Steel_Q1.docx"
    assert summary in result.files
    text = extract_text("s.docx", (result.home / summary).read_bytes())
    assert f"EUR {result.facts['total_spend']:,.2f}" in text
    assert any("read_file" in line for line in result.transcript)
    restored = VirtualDisk.from_archive(result.archive)
    assert restored.read_bytes(summary) == (result.home / summary).read_bytes()
    # Same inputs, same bytes.
    again = run_demo(tmp_path / "again")
    assert again.archive.read_bytes() == result.archive.read_bytes()


def test_cli_demo(tmp_path: Path) -> None:
    out = tmp_path / "cli"
    res = CliRunner().invoke(app, ["demo", "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert "Exec_Summary_Steel_Q1.docx" in res.output
    assert (out / "disk.scdisk").is_file()
    assert (out / "home" / "Desktop" / "todo.md").read_text().startswith("# This week")
