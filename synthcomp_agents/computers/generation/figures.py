"""A project's figures as its own workbook holds them on a given day: what scratch notes and weekly notes quote, so
no note invents a number that disagrees with the tracking workbook."""

from __future__ import annotations

from datetime import date

from .._content import fmt_num
from .context import GenerationContext
from .plans import ProjectPlan

__all__ = ["workbook_figures"]


def workbook_figures(ctx: GenerationContext, plan: ProjectPlan, day: date) -> dict[str, str] | None:
    """Totals of the newest tracking workbook of ``plan`` created on or before ``day``, as notes quote them
    (``actual``, ``plan`` with their unit, ``worst`` entity and ``worst_var``); None before the first workbook."""
    d = plan.domain
    if d is None:
        return None
    books = [
        f
        for path, f in ctx.ledger.files.items()
        if f.project_id == plan.pid
        and f.archetype == "tracking_workbook"
        and f.created.date() <= day
        and "total_actual" in ctx.ledger.facts.get(path, {})
        and "worst_entity" in ctx.ledger.facts.get(path, {})
    ]
    if not books:
        return None
    newest = max(books, key=lambda f: (f.created, f.path))
    facts = ctx.ledger.facts[newest.path]
    return {
        "actual": d.amount(int(facts["total_actual"])),
        "plan": d.amount(int(facts["total_plan"])),
        "worst": str(facts["worst_entity"]),
        "worst_var": fmt_num(int(facts["worst_variance"])),
    }
