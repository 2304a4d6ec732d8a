"""Benchmark: latency of every disk tool, office creation times, and office reading speed against markitdown.

Builds a disk of 1,000 files (text, csv, docx, xlsx, pptx in a realistic folder tree), then measures:

* per tool, through ``DiskWorkbench.call_tool`` exactly as an agent calls it: median and p95 latency (ms);
* the raw disk operations behind the cheapest tools (list, stat, text read) for reference;
* creating a 5-page docx, a 200-row xlsx and a 10-slide pptx (writer only, and through the tool);
* reading the same docx/xlsx/pptx files with our readers and with Microsoft ``markitdown`` in the same run
  (the ratio is what counts: the machines are shared and noisy).

Prints one JSON object on stdout. Usage::

    python tools/bench_tools.py            # full run (~1-2 min)
    python tools/bench_tools.py --quick    # fewer repetitions
    python tools/bench_tools.py --real /work/corpus --real-only   # real decks/documents/workbooks vs markitdown
"""

from __future__ import annotations

import argparse
import asyncio
import io
import json
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from synthcomp_agents.disk import VirtualDisk
from synthcomp_agents.office import (
    BulletList,
    BulletSlide,
    ChartSeries,
    ChartSlide,
    ColumnSpec,
    DocumentSpec,
    Heading,
    PresentationSpec,
    SheetSpec,
    SpreadsheetSpec,
    Table,
    TableSlide,
    TitleSlide,
    read_document,
    write_docx,
    write_pptx,
    write_xlsx,
)
from synthcomp_agents.office import Paragraph as Para
from synthcomp_agents.office._parse_cache import PARSE_CACHE
from synthcomp_agents.tools import disk_workbench

START = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)
SUPPLIERS = ["Kessler Stahl GmbH", "Brandt Logistik", "Nordform Plastics", "Vogt Elektronik", "Auer Gusswerk"]
PROJECTS = ["Supplier_Consolidation", "Steel_Contracts_2026", "Q1_Spend_Review", "Audit_Prep", "Onboarding"]


def _percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


def _summary(samples_s: list[float]) -> dict[str, float]:
    ms = [s * 1000 for s in samples_s]
    return {"median_ms": round(statistics.median(ms), 3), "p95_ms": round(_percentile(ms, 0.95), 3), "n": len(ms)}


def _time(fn: Callable[[], Any], repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def report_spec(pages: int) -> DocumentSpec:
    """A multi-page supplier review (about one page per section)."""
    blocks: list[Any] = []
    for p in range(pages):
        supplier = SUPPLIERS[p % len(SUPPLIERS)]
        blocks.append(Heading(text=f"{supplier}: performance and contract position"))
        for k in range(5):
            blocks.append(
                Para(
                    text=(
                        f"In quarter {k % 4 + 1}, {supplier} delivered {92 + k}.{p}% of purchase-order lines on time "
                        f"against a contractual target of 95%. Open claims total EUR {1200 + 37 * k + 11 * p:,}, "
                        "mostly for late dispatch notes and two quality holds on coil deliveries. The **renewal "
                        "decision** depends on the steel surcharge formula agreed with finance."
                    )
                )
            )
        blocks.append(BulletList(items=[f"Action {i + 1}: review index clause with {supplier}" for i in range(4)]))
        blocks.append(
            Table(
                header=["Month", "Spend (EUR)", "On-time %"],
                rows=[[f"2026-0{m + 1}", 41000 + 1300 * m + 97 * p, 93.0 + m / 10] for m in range(6)],
            )
        )
    return DocumentSpec(title="Supplier Performance Review Q1 2026", blocks=blocks)


def workbook_spec(rows: int) -> SpreadsheetSpec:
    data: list[list[Any]] = []
    for r in range(rows):
        data.append(
            [
                date(2026, 1, 1) + timedelta(days=r),
                SUPPLIERS[r % len(SUPPLIERS)],
                f"PO-{40000 + r}",
                round(1000 + (r * 137) % 9000 + 0.25 * r, 2),
                (r * 7) % 40 + 1,
                f"=D{r + 2}*E{r + 2}",
            ]
        )
    data.append(["", "Total", "", f"=SUM(D2:D{rows + 1})", f"=SUM(E2:E{rows + 1})", f"=SUM(F2:F{rows + 1})"])
    sheet = SheetSpec(
        name="Purchase Orders",
        columns=[
            ColumnSpec(header="Date", number_format="yyyy-mm-dd"),
            ColumnSpec(header="Supplier"),
            ColumnSpec(header="PO"),
            ColumnSpec(header="Unit price (EUR)", number_format="#,##0.00"),
            ColumnSpec(header="Qty"),
            ColumnSpec(header="Line total (EUR)", number_format="#,##0.00"),
        ],
        rows=data,
    )
    summary = SheetSpec(
        name="By Supplier",
        columns=[ColumnSpec(header="Supplier"), ColumnSpec(header="Spend (EUR)", number_format="#,##0.00")],
        rows=[
            [s, f"=SUMIF('Purchase Orders'!B2:B{rows + 1},A{i + 2},'Purchase Orders'!F2:F{rows + 1})"]
            for i, s in enumerate(SUPPLIERS)
        ],
    )
    return SpreadsheetSpec(sheets=[sheet, summary])


def deck_spec(slides: int) -> PresentationSpec:
    out: list[Any] = [TitleSlide(title="Supplier Consolidation", subtitle="Steering committee, March 2026")]
    for i in range(slides - 1):
        if i % 3 == 0:
            out.append(
                BulletSlide(
                    title=f"Finding {i // 3 + 1}",
                    bullets=[f"{s}: on-time {93 + i % 5}%, claims EUR {900 + 40 * i:,}" for s in SUPPLIERS],
                    notes="Stress that the on-time figures come from the ERP export of 28 February.",
                )
            )
        elif i % 3 == 1:
            out.append(
                TableSlide(
                    title="Spend by supplier",
                    header=["Supplier", "Spend (EUR)"],
                    rows=[[s, 41000 + 1000 * k + i] for k, s in enumerate(SUPPLIERS)],
                )
            )
        else:
            out.append(
                ChartSlide(
                    title="Monthly spend",
                    categories=["Jan", "Feb", "Mar"],
                    series=[ChartSeries(name="Spend", values=[41.2 + i, 43.9, 40.1])],
                )
            )
    return PresentationSpec(slides=out)


def build_disk(n_files: int) -> tuple[VirtualDisk, dict[str, str]]:
    """A 1,000-file home: notes, csv exports and office files spread over project folders."""
    tick = iter(range(10**9))
    disk = VirtualDisk(user="jonas", os="linux", clock=lambda: START + timedelta(seconds=next(tick)))
    docx = write_docx(report_spec(3))
    xlsx = write_xlsx(workbook_spec(60))
    pptx = write_pptx(deck_spec(6))
    samples: dict[str, str] = {}
    for i in range(n_files):
        project = PROJECTS[i % len(PROJECTS)]
        folder = f"Documents/Projects/{project}/{2024 + i % 3}"
        kind = i % 10
        if kind < 5:
            path = f"{folder}/meeting_notes_{i:04d}.md"
            disk.write_text(
                path, f"# Meeting {i}\n\nAttendees: procurement, finance.\nDecision: renew {SUPPLIERS[i % 5]}.\n"
            )
        elif kind < 7:
            path = f"{folder}/erp_export_{i:04d}.csv"
            disk.write_text(
                path, "po,supplier,amount\n" + "".join(f"PO-{j},{SUPPLIERS[j % 5]},{j * 13}\n" for j in range(40))
            )
        elif kind == 7:
            path = f"{folder}/supplier_review_{i:04d}.docx"
            disk.write_bytes(path, docx)
        elif kind == 8:
            path = f"{folder}/po_tracker_{i:04d}.xlsx"
            disk.write_bytes(path, xlsx)
        else:
            path = f"{folder}/steering_deck_{i:04d}.pptx"
            disk.write_bytes(path, pptx)
        samples.setdefault(path.rsplit(".", 1)[1], path)
    return disk, samples


async def bench_tools(disk: VirtualDisk, samples: dict[str, str], repeat: int) -> dict[str, Any]:
    wb = disk_workbench(disk, actor="bench")
    folder = samples["md"].rsplit("/", 1)[0]
    calls: dict[str, list[tuple[str, dict[str, Any]]]] = {
        "list_directory": [("list_directory", {"path": folder})],
        "file_info": [("file_info", {"path": samples["md"]})],
        "read_file (text)": [("read_file", {"path": samples["md"]})],
        "read_file (docx)": [("read_file", {"path": samples["docx"]})],
        "read_file (xlsx)": [("read_file", {"path": samples["xlsx"]})],
        "read_file (pptx)": [("read_file", {"path": samples["pptx"]})],
        "tree": [("tree", {"path": "Documents", "depth": 2})],
        "find_files": [("find_files", {"pattern": "**/*.xlsx"})],
        "search_text": [("search_text", {"query": "Kessler Stahl", "path": f"Documents/Projects/{PROJECTS[0]}"})],
        "write_text_file": [
            ("write_text_file", {"path": "Documents/scratch.md", "content": "draft", "overwrite": True})
        ],
        "make_folder": [("make_folder", {"path": "Documents/Tmp/a"})],
        "copy": [("copy", {"source": samples["md"], "destination": "Documents/copy_of_notes.md", "overwrite": True})],
    }
    results: dict[str, Any] = {}
    for label, plan in calls.items():
        name, args = plan[0]
        reps = repeat if label not in {"search_text", "find_files", "tree"} else max(5, repeat // 10)
        samples_s: list[float] = []
        error = None
        for _ in range(reps):
            t0 = time.perf_counter()
            res = await wb.call_tool(name, args)
            samples_s.append(time.perf_counter() - t0)
            if res.is_error:
                error = res.result[0].content[:200] if res.result else "error"
        results[label] = _summary(samples_s) | ({"error": error} if error else {})
    for label, name, path, spec in [
        ("create_document (5 pages)", "create_document", "Documents/bench/report.docx", report_spec(5)),
        ("create_spreadsheet (200 rows)", "create_spreadsheet", "Documents/bench/tracker.xlsx", workbook_spec(200)),
        ("create_presentation (10 slides)", "create_presentation", "Documents/bench/deck.pptx", deck_spec(10)),
    ]:
        args = {"path": path, "overwrite": True, **spec.model_dump(mode="json")}
        samples_s = []
        error = None
        for _ in range(max(5, repeat // 4)):
            t0 = time.perf_counter()
            res = await wb.call_tool(name, args)
            samples_s.append(time.perf_counter() - t0)
            if res.is_error:
                error = res.result[0].content[:200] if res.result else "error"
        results[label] = _summary(samples_s) | ({"error": error} if error else {})
    return results


def bench_raw(disk: VirtualDisk, samples: dict[str, str], repeat: int) -> dict[str, Any]:
    folder = samples["md"].rsplit("/", 1)[0]
    return {
        "disk.list": _summary(_time(lambda: disk.list(folder), repeat)),
        "disk.stat": _summary(_time(lambda: disk.stat(samples["md"]), repeat)),
        "disk.read_text": _summary(_time(lambda: disk.read_text(samples["md"]), repeat)),
        "disk.write_bytes": _summary(_time(lambda: disk.write_bytes("Documents/raw.bin", b"x" * 2048), repeat)),
        "write_docx (5 pages)": _summary(_time(lambda: write_docx(report_spec(5)), max(5, repeat // 4))),
        "write_xlsx (200 rows)": _summary(_time(lambda: write_xlsx(workbook_spec(200)), max(5, repeat // 4))),
        "write_pptx (10 slides)": _summary(_time(lambda: write_pptx(deck_spec(10)), max(5, repeat // 4))),
    }


def bench_vs_markitdown(disk: VirtualDisk, samples: dict[str, str], repeat: int) -> dict[str, Any]:
    try:
        from markitdown import MarkItDown, StreamInfo
    except ImportError:
        return {"skipped": "markitdown not installed (pip install -e '.[bench]')"}
    md = MarkItDown()
    out: dict[str, Any] = {}
    for ext in ("docx", "xlsx", "pptx"):
        path = samples[ext]
        data = disk.read_bytes(path)
        name = path.rsplit("/", 1)[1]

        def ours(data: bytes = data, name: str = name) -> str:
            # The whole document, as markitdown returns it, parsed afresh (the parse cache would make repeats free).
            PARSE_CACHE.clear()
            result = read_document(name, data, max_chars=10**7)
            return result.text

        def theirs(data: bytes = data, ext: str = ext) -> str:
            return md.convert_stream(io.BytesIO(data), stream_info=StreamInfo(extension="." + ext)).text_content

        ours()
        theirs()
        a = _time(ours, repeat)
        b = _time(theirs, repeat)
        out[ext] = {
            "ours": _summary(a),
            "markitdown": _summary(b),
            "speedup": round(statistics.median(b) / statistics.median(a), 2),
            "ours_chars": len(ours()),
            "markitdown_chars": len(theirs()),
        }
    return out


def bench_real_files(folder: Path, ext: str, repeat: int) -> dict[str, Any]:
    """Ours (cold parse, whole file) against markitdown on every ``*.ext`` file under ``folder`` both can read."""
    from markitdown import MarkItDown, StreamInfo

    md = MarkItDown()
    ratios: list[float] = []
    ours_ms: list[float] = []
    theirs_ms: list[float] = []
    skipped = 0
    for path in sorted(folder.rglob(f"*.{ext}")):
        data = path.read_bytes()

        def ours(data: bytes = data, name: str = path.name) -> str:
            PARSE_CACHE.clear()
            return read_document(name, data, max_chars=10**9).text

        def theirs(data: bytes = data) -> str:
            return md.convert_stream(io.BytesIO(data), stream_info=StreamInfo(extension="." + ext)).text_content

        try:
            ours()
            theirs()
        except Exception:
            skipped += 1
            continue
        a = statistics.median(_time(ours, repeat))
        b = statistics.median(_time(theirs, repeat))
        ours_ms.append(a * 1000)
        theirs_ms.append(b * 1000)
        ratios.append(b / a)
    if not ratios:
        return {"files": 0, "skipped": skipped}
    return {
        "files": len(ratios),
        "skipped (either reader failed)": skipped,
        "ours_median_ms": round(statistics.median(ours_ms), 2),
        "markitdown_median_ms": round(statistics.median(theirs_ms), 2),
        "median_speedup": round(statistics.median(ratios), 2),
        "min_speedup": round(min(ratios), 2),
        "share_at_least_3x": round(sum(r >= 3 for r in ratios) / len(ratios), 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument(
        "--real", type=Path, default=None, help="also time real files under this folder (tools/realworld_trial.py)"
    )
    parser.add_argument("--real-only", action="store_true", help="only the real-file comparison")
    args = parser.parse_args()
    if args.real_only:
        if args.real is None:
            parser.error("--real-only needs --real DIR")
        real = {ext: bench_real_files(args.real, ext, 3) for ext in ("pptx", "docx", "xlsx")}
        print(json.dumps({"benchmark": "bench_tools --real-only", "real_files_vs_markitdown": real}, indent=2))
        return
    repeat = 20 if args.quick else 100
    t0 = time.perf_counter()
    disk, samples = build_disk(args.files)
    build_s = time.perf_counter() - t0
    result = {
        "benchmark": "bench_tools",
        "python": sys.version.split()[0],
        "disk_files": disk.usage()[0],
        "build_disk_s": round(build_s, 2),
        "tools": asyncio.run(bench_tools(disk, samples, repeat)),
        "raw": bench_raw(disk, samples, repeat),
        "read_vs_markitdown": bench_vs_markitdown(disk, samples, max(5, repeat // 5)),
    }
    if args.real is not None:
        result["real_files_vs_markitdown"] = {ext: bench_real_files(args.real, ext, 3) for ext in ("pptx", "docx")}
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
