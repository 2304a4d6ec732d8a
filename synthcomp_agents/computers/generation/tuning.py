"""Last background stage: make the tree whole without padding.

Every folder the policy names exists; the OS's standard folders exist (empty when unused, as on a real machine);
the share of workbooks with formulas is brought into its band only by adding exports people do download (distinct
content, no formulas). Nothing here copies a file or adds generic folder chains.
"""

from __future__ import annotations

import io
import zipfile
from datetime import timedelta

from synthcomp_agents.office import (
    ColumnSpec,
    DocProperties,
    SheetSpec,
    SpreadsheetSpec,
    formulas_written,
    write_xlsx,
)

from .context import GenerationContext

__all__ = ["FORMULA_SHARE_MAX", "has_formulas", "tune_tree"]

FORMULA_SHARE_MAX = 0.66


def tune_tree(ctx: GenerationContext) -> None:
    """Create the layout's folders and balance formula workbooks with genuine exports."""
    led, lay = ctx.ledger, ctx.layout
    for folder in lay.top:
        if folder not in led.folders:
            led.folder(folder, empty=True)
    if lay.tidiness != "messy":
        led.folder(lay.archive_root)
        if not any(p.startswith(lay.archive_root + "/") for p in led.folders):
            led.empty.add(lay.archive_root)
    if lay.tidiness == "messy":
        led.folder(f"Documents/{lay.new_folder}", empty=True)
    if lay.tidiness == "tidy":  # the project folder template has a slot most projects never use
        for plan in ctx.plans:
            if plan.is_project:
                led.folder(f"{plan.folder}/06 Archive", empty=True)
    if lay.os == "windows":  # folders Windows makes for the camera, the photos app and the game bar
        for folder in ("Pictures/Camera Roll", "Pictures/Saved Pictures", "Videos/Captures"):
            if folder not in led.folders:
                led.folder(folder, empty=True)
    _balance_formulas(ctx)


def has_formulas(data: bytes) -> bool:
    """Whether a workbook has at least one formula cell (read from its sheet XML; a workbook this process wrote is
    known without inflating it again).

    Example:
        >>> from synthcomp_agents.office import SpreadsheetSpec, SheetSpec, ColumnSpec, write_xlsx
        >>> book = SpreadsheetSpec(sheets=[SheetSpec(name="S", columns=[ColumnSpec(header="a")], rows=[[1], ["=A2"]])])
        >>> has_formulas(write_xlsx(book))
        True
    """
    known = formulas_written(data)
    if known is not None:
        return known
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            sheets = (zf.read(n) for n in zf.namelist() if n.startswith("xl/worksheets/"))
            return any(b"<f>" in xml or b"<f " in xml for xml in sheets)  # each sheet inflated once
    except zipfile.BadZipFile:
        return False


def _balance_formulas(ctx: GenerationContext) -> None:
    """Add genuine exports (no formulas) while more than FORMULA_SHARE_MAX of the workbooks have formulas."""
    rng, led, lay = ctx.rng, ctx.ledger, ctx.layout
    tool = ctx.identity.family.tools[-1]
    cols = list(ctx.identity.family.spreadsheet_columns) or ["Item"]
    books = [p for p in led.files if p.endswith(".xlsx")]
    n_formula = sum(has_formulas(led.files[p].data) for p in books)
    n_books = len(books)
    k = 0
    while n_books and n_formula / n_books > FORMULA_SHARE_MAX and k < 24:
        day_ = ctx.now.date() - timedelta(days=rng.randint(3, 500))
        tx = led.clock.at(day_)
        header = ["ID", rng.choice(cols), "Status", "Owner", "Updated"]
        rows = [
            [
                f"{rng.choice('ABCDEFGH')}-{rng.randint(1000, 9999)}",
                f"{rng.choice(cols)} {i + 1}",
                rng.choice(["open", "closed", "in progress", "on hold"]),
                rng.choice(ctx.team.people).first,
                day_ - timedelta(days=rng.randint(0, 60)),
            ]
            for i in range(rng.randint(12, 40))
        ]
        owners = sorted({str(r[3]) for r in rows})
        sheets = [
            SheetSpec(name="Export", columns=[ColumnSpec(header=h) for h in header], rows=rows),
            SheetSpec(
                name="Open items",
                columns=[ColumnSpec(header=h) for h in header],
                rows=[r for r in rows if r[2] != "closed"],
            ),
            SheetSpec(
                name="Closed",
                columns=[ColumnSpec(header=h) for h in header],
                rows=[r for r in rows if r[2] == "closed"],
            ),
            SheetSpec(
                name="By owner",
                columns=[ColumnSpec(header="Owner"), ColumnSpec(header="Items")],
                rows=[[o, sum(1 for r in rows if r[3] == o)] for o in owners],
            ),
            SheetSpec(
                name="Filters",
                columns=[ColumnSpec(header="Filter"), ColumnSpec(header="Value")],
                rows=[["Exported", day_], ["Source", tool], ["Rows", len(rows)]],
            ),
        ]
        where = "Downloads" if k % 2 == 0 or lay.tidiness == "messy" else f"{lay.work_root}/Exports"
        led.add(
            f"{where}/{tool.replace(' ', '_')}_report_{day_.strftime('%Y%m%d')}_{tx.strftime('%H%M')}.xlsx",
            write_xlsx(SpreadsheetSpec(sheets=sheets, properties=DocProperties(author=tool, created=tx, modified=tx))),
            purpose=f"Report exported from {tool}",
            author=tool,
            created=tx,
            role="background",
            archetype="tool_export",
        )
        n_books += 1
        k += 1
