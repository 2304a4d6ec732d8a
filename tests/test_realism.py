"""Realism statistics: exact numbers on hand-built trees (VirtualDisk, materialized folder, folder backend)."""

from __future__ import annotations

import io
import json
import math
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from pptx import Presentation
from rich.console import Console

from synthcomp_agents.computers import (
    REALISM_ANCHORS,
    TreeStats,
    check_bands,
    format_stats,
    kind_category,
    tree_stats,
)
from synthcomp_agents.disk import VirtualDisk

LN2 = math.log(2)


def build_shape_disk(disk: VirtualDisk) -> VirtualDisk:
    """6 counted folders (home included), 1 of them empty; 4 counted files; hidden and app-data entries besides."""
    disk.write_bytes("Documents/Projects/Atlas/plan.docx", b"d" * 2048)
    disk.write_bytes("Documents/Projects/Atlas/data.csv", b"c" * 1024)
    disk.mkdir("Documents/Projects/Borealis")
    disk.write_bytes("Documents/notes.txt", b"")
    disk.write_bytes("Downloads/setup.dmg", b"x" * 2**20)
    # excluded by default: dotfiles, dotfolders, app data, shell files
    disk.write_text(".config/app.json", "{}")
    disk.write_text(".zshrc", "export EDITOR=vim\n")
    disk.mkdir("AppData/Roaming")
    disk.write_text("Documents/desktop.ini", "[.ShellClassInfo]\n")
    return disk


def expected_shape() -> dict[str, Any]:
    logs = [11 * LN2, 10 * LN2, 20 * LN2]
    mean = sum(logs) / 3
    return {
        "files": 4,
        "folders": 6,
        "bytes_total": 2048 + 1024 + 2**20,
        "hidden_files": 3,
        "hidden_folders": 3,
        "files_per_folder": 4 / 6,
        "empty_folder_share": 1 / 6,
        "branching_factor": 5 / 3,  # home 2, Documents 1, Projects 2
        "leaf_folder_share": 3 / 6,  # Atlas, Borealis, Downloads
        "folder_depth_mean": (0 + 1 + 2 + 3 + 3 + 1) / 6,
        "folder_depth_max": 3,
        "file_depth_mean": (3 + 3 + 1 + 1) / 4,
        "size_median_kb": 1.5,
        "zero_byte_share": 0.25,
        "size_log_mean": mean,
        "size_log_sd": math.sqrt(sum((x - mean) ** 2 for x in logs) / 3),
        "size_top5pct_byte_share": 2**20 / (2048 + 1024 + 2**20),
        "kind_counts": {"text_document": 2, "spreadsheet": 1, "deck": 0, "email": 0, "image": 0, "other": 1},
        "text_document_share": 0.5,
    }


def assert_stats(stats: TreeStats, expected: dict[str, Any]) -> None:
    for key, value in expected.items():
        got = getattr(stats, key)
        if isinstance(value, float):
            assert got == pytest.approx(value, rel=1e-12), key
        else:
            assert got == value, key


def test_three_folders_one_empty() -> None:
    disk = VirtualDisk(user="ana")
    disk.write_text("Documents/todo.txt", "call Nordfrakt")
    disk.mkdir("Documents/Old")
    stats = tree_stats(disk)
    assert (stats.folders, stats.files) == (3, 1)  # home, Documents, Documents/Old
    assert stats.empty_folder_share == pytest.approx(1 / 3)
    assert stats.leaf_folder_share == pytest.approx(1 / 3)
    assert stats.branching_factor == 1.0
    assert stats.folder_depth_mean == 1.0


def test_shape_and_sizes_on_a_virtual_disk() -> None:
    stats = tree_stats(build_shape_disk(VirtualDisk(user="ana", os="windows")))
    assert_stats(stats, expected_shape())
    assert stats.kind_mix["other"] == 0.25
    assert stats.root == "C:\\Users\\ana"
    assert stats.workbooks_read == 0 and stats.sheets_per_workbook is None and stats.unreadable == []


def test_same_numbers_on_a_materialized_folder(tmp_path: Path) -> None:
    disk = build_shape_disk(VirtualDisk(user="ana"))
    home = disk.materialize(tmp_path / "home")
    on_disk, on_folder = tree_stats(disk).to_json(), tree_stats(home).to_json()
    assert on_folder.pop("root") == str(home.resolve())
    on_disk.pop("root")
    assert on_folder == on_disk
    assert_stats(tree_stats(str(home)), expected_shape())


def test_folder_backend_metadata_is_not_counted(tmp_path: Path) -> None:
    disk = build_shape_disk(VirtualDisk(user="ana", root=tmp_path / "fb"))
    disk.close()
    assert (tmp_path / "fb" / ".synthcomp").is_dir()
    stats = tree_stats(tmp_path / "fb", include_hidden=True)
    assert (stats.files, stats.folders) == (7, 9)  # .synthcomp never counted, even with hidden entries


def test_include_hidden_counts_everything() -> None:
    stats = tree_stats(build_shape_disk(VirtualDisk()), include_hidden=True)
    assert (stats.files, stats.folders, stats.hidden_files, stats.hidden_folders) == (7, 9, 0, 0)


def test_empty_home() -> None:
    stats = tree_stats(VirtualDisk())
    assert (stats.files, stats.folders, stats.empty_folder_share) == (0, 1, 1.0)
    assert stats.branching_factor is None and stats.size_median_kb is None and stats.file_depth_mean is None
    assert "n/a" in format_stats(stats)


def test_not_a_folder(tmp_path: Path) -> None:
    with pytest.raises(NotADirectoryError):
        tree_stats(tmp_path / "missing")


# ---------------------------------------------------------------------------------------------------------------------
# Office internals
# ---------------------------------------------------------------------------------------------------------------------


def xlsx(sheets: int, formula: bool) -> bytes:
    wb = Workbook()
    wb.active.title = "Summary"
    for i in range(1, sheets):
        wb.create_sheet(f"Sheet{i}")
    ws = wb["Summary"]
    ws.append(["Supplier", "Spend"])
    ws.append(["Nordfrakt", 1200])
    ws.append(["Iberlog", 800])
    if formula:
        ws["B4"] = "=SUM(B2:B3)"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def pptx(slides: int, bullets: int) -> bytes:
    prs = Presentation()
    for i in range(slides):
        slide = prs.slides.add_slide(prs.slide_layouts[1])
        slide.shapes.title.text = f"Shortlist {i + 1}"
        body = slide.placeholders[1].text_frame
        for j in range(bullets):
            para = body.paragraphs[0] if j == 0 else body.add_paragraph()
            para.text = f"Lane {j + 1}: rate per pallet"
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()


def eml(
    subject: str,
    mid: str,
    *,
    reply_to: list[str] | None = None,
    body: str = "See below.",
    attachment: str | None = None,
) -> bytes:
    msg = EmailMessage()
    msg["From"] = "Ana Ruiz <ana.ruiz@hartwell-logistics.example>"
    msg["To"] = "Tom Becker <tom.becker@hartwell-logistics.example>"
    msg["Subject"] = subject
    if mid:
        msg["Message-ID"] = mid
    if reply_to:
        msg["In-Reply-To"] = reply_to[-1]
        msg["References"] = " ".join(reply_to)
    msg.set_content(body)
    if attachment:
        msg.add_attachment(b"PK\x03\x04", maintype="application", subtype="octet-stream", filename=attachment)
    return bytes(msg)


def build_office_disk() -> VirtualDisk:
    disk = VirtualDisk(user="ana", os="macos")
    disk.write_bytes("Documents/a.xlsx", xlsx(3, formula=True))
    disk.write_bytes("Documents/b.xlsx", xlsx(5, formula=False))
    disk.write_bytes("Documents/broken.xlsx", b"not a zip")
    disk.write_bytes("Documents/deck1.pptx", pptx(3, bullets=2))  # 3 slides x (title + 2) = 9 lines
    disk.write_bytes("Documents/deck2.pptx", pptx(1, bullets=0))  # 1 slide, title only = 1 line
    mails = {
        "a1": eml("Tender shortlist", "<a1@x>"),
        "a2": eml("RE: Tender shortlist", "<a2@x>", reply_to=["<a1@x>"]),
        "a3": eml("Re: Tender shortlist", "<a3@x>", reply_to=["<a1@x>", "<a2@x>"]),
        "b1": eml("Rates for Q4", "<b1@x>", attachment="rates_q4.xlsx"),
        "c1": eml("Budget", ""),
        "c2": eml("RE:  budget", "", body="Numbers are in budget_2025.xlsx, tab Summary."),
    }
    for name, data in mails.items():
        disk.write_bytes(f"Documents/Mail/{name}.eml", data)
    return disk


def test_office_internals() -> None:
    stats = tree_stats(build_office_disk())
    assert stats.unreadable == ["Documents/broken.xlsx"]
    assert (stats.workbooks_read, stats.sheets_per_workbook, stats.workbook_formula_share) == (2, 4.0, 0.5)
    assert (stats.decks_read, stats.slides_per_deck_median, stats.slides_per_deck_mean) == (2, 2.0, 2.0)
    assert stats.slide_text_lines_mean == pytest.approx(10 / 4)
    assert (stats.emails_read, stats.email_threads) == (6, 3)  # {a1,a2,a3}, {b1}, {c1,c2}
    assert (stats.email_thread_length_mean, stats.email_thread_length_median) == (2.0, 2.0)
    assert stats.email_spreadsheet_share == pytest.approx(2 / 6)  # b1 carries one, c2 names one
    assert stats.kind_counts["email"] == 6 and stats.kind_counts["deck"] == 2


def test_office_reading_is_bounded() -> None:
    disk = build_office_disk()
    stats = tree_stats(disk, max_files_read=1)
    assert (stats.workbooks_read, stats.decks_read, stats.emails_read) == (1, 1, 1)
    stats = tree_stats(disk, max_read_bytes=100)
    assert stats.workbooks_read == 0 and stats.decks_read == 0 and stats.emails_read == 0


# ---------------------------------------------------------------------------------------------------------------------
# Anchors, bands, formatting
# ---------------------------------------------------------------------------------------------------------------------


def test_anchors_are_well_formed() -> None:
    metrics = [a.metric for a in REALISM_ANCHORS]
    assert len(metrics) == len(set(metrics))
    fields = set(TreeStats().to_json())
    for anchor in REALISM_ANCHORS:
        assert anchor.low <= anchor.high and anchor.source and anchor.label and anchor.published
        assert (anchor.metric in fields) == (anchor.measured_by == "tree"), anchor.metric
    by_metric = {a.metric: a for a in REALISM_ANCHORS}
    assert (by_metric["files_per_folder"].low, by_metric["files_per_folder"].high) == (6.0, 12.0)
    assert (by_metric["branching_factor"].low, by_metric["branching_factor"].high) == (3.8, 5.0)
    assert (by_metric["folder_depth_mean"].low, by_metric["folder_depth_mean"].high) == (3.0, 7.7)
    assert by_metric["distinct_content_share"].low == 0.85


def test_check_bands() -> None:
    stats = TreeStats(files_per_folder=8.0, empty_folder_share=0.2, branching_factor=5.0, size_median_kb=None)
    results = {r.metric: r for r in check_bands(stats)}
    assert set(results) == {"files_per_folder", "empty_folder_share", "branching_factor"}
    assert results["files_per_folder"].ok and results["branching_factor"].ok  # bounds inclusive
    assert not results["empty_folder_share"].ok
    assert results["empty_folder_share"].label == "share of empty folders"
    sim = check_bands({"changed_files_per_day": 12, "zero_byte_share": None})
    assert [(r.metric, r.ok) for r in sim] == [("changed_files_per_day", True)]


def test_format_stats_and_json() -> None:
    stats = tree_stats(build_shape_disk(VirtualDisk(user="ana")))
    text = format_stats(stats)
    for anchor in REALISM_ANCHORS:
        assert anchor.label in text
    assert "0.67 " in text and "0.167" in text  # ours: files per folder, empty share
    assert "6.00 .. 12.00" in text
    assert "OUT" in text and "info" in text and "sim" in text
    assert TreeStats.from_json(json.loads(json.dumps(stats.to_json()))) == stats
    console = Console(record=True, width=160)
    console.print(stats)
    assert "share of empty folders" in console.export_text()


def test_kind_category() -> None:
    assert [kind_category(p) for p in ["a.PDF", "b.numbers", "c.key", "d.msg", "e.heic", "f", ".bashrc"]] == [
        "text_document",
        "spreadsheet",
        "deck",
        "email",
        "image",
        "other",
        "other",
    ]
