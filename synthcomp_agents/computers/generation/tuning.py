"""Last background stage: make the tree whole without padding.

Every folder the policy names exists; the OS's standard folders exist (empty when unused, as on a real machine);
the share of workbooks with formulas is brought into its band only by adding exports people do download (distinct
content, no formulas). Nothing here copies a file or adds generic folder chains.
"""

from __future__ import annotations

from datetime import timedelta

from synthcomp_agents.office import ColumnSpec, DocProperties, SheetSpec, SpreadsheetSpec, write_xlsx

from .context import GenerationContext

__all__ = ["FORMULA_SHARE_MAX", "tune_tree"]

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


def _balance_formulas(ctx: GenerationContext) -> None:
    rng, led = ctx.rng, ctx.ledger
    tool = ctx.identity.family.tools[-1]
    cols = list(ctx.identity.family.spreadsheet_columns) or ["Item"]
    k = 0
    while True:
        books = [p for p in led.files if p.endswith(".xlsx")]
        formula_bytes = {led.files[p].data for p in led.formula_books}
        with_f = [p for p in books if led.files[p].data in formula_bytes]
        if not books or len(with_f) / len(books) <= FORMULA_SHARE_MAX or k > 12:
            return
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
        sheets = [
            SheetSpec(
                name=n,
                columns=[ColumnSpec(header=h) for h in header],
                rows=rows if n == "Export" else rows[: rng.randint(3, 8)],
            )
            for n in ("Export", "Open items", "Closed", "Notes")
        ]
        led.add(
            f"Downloads/{tool.replace(' ', '_')}_report_{day_.strftime('%Y%m%d')}.xlsx",
            write_xlsx(SpreadsheetSpec(sheets=sheets, properties=DocProperties(author=tool, created=tx, modified=tx))),
            purpose=f"Report exported from {tool}",
            author=tool,
            created=tx,
            role="background",
            archetype="tool_export",
        )
        k += 1
