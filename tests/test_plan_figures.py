"""A plan asks deliverables to quote only figures the grounding check can trace.

The grounding check counts an integer below 100 as a list or day number, not a figure; a plan that asked a
photographer's exhibition note to quote "Plan, Total = 89" failed every honest note ("states no substantive
numbers, but it should quote figures from its sources"): 0.875 for the competent worker on that computer. A total
of 1,982 reads as a year to the same check.
"""

from __future__ import annotations

import pytest
from test_plan_quality import _plan

from synthcomp_agents.models._scripted_setter import _pick_value
from synthcomp_agents.objectives import QuotesValue
from synthcomp_agents.signals._grounding import substantive_numbers


@pytest.mark.parametrize("index", range(20))
def test_every_quoted_value_is_a_substantive_figure(index: int) -> None:
    plan, _computer = _plan(index, 20)
    for deliverable in plan.deliverables():
        for check in deliverable.acceptance_checks:
            if isinstance(check, QuotesValue):
                assert substantive_numbers(f"{check.value:,}"), (deliverable.deliverable_id, check.label, check.value)


def test_a_workbook_of_small_counts_offers_no_figure_to_quote() -> None:
    read = (
        "## Sheet Summary — A1:C3\n| row | A | B | C |\n| --- | --- | --- | --- |\n| 1 | Venue | Plan | Actual |\n"
        "| 2 | Galeria Sete | 41 | 38 |\n| 3 | Total | =SUM(B2:B2) -> 41 | =SUM(C2:C2) -> 38 |\n"
    )
    assert _pick_value(read) is None
    assert _pick_value(read.replace("-> 41", "-> 141")) == ("Summary!B3", 141.0, "Plan, Total (Summary)")
