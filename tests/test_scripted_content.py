"""Content quality of the scripted policies: distinctive checks, professional titles, facts edited in place."""

from __future__ import annotations

from typing import Any

from synthcomp_agents.models._scripted_setter import _fact_value, _imperative, _more_parts, _pick_value
from synthcomp_agents.models._scripted_text import PlanDeliverable, WorkerPlan
from synthcomp_agents.models._scripted_worker import _Author

FACT = "The Nov 2025 patients screened for Central site will be restated by about 4% once the entries are booked."


def test_fact_value_is_distinctive() -> None:
    assert _fact_value(FACT) == "restated by about 4%"
    assert _fact_value("The DSMB meeting moved the next report deadline to 2026-01-15.") == "2026-01-15"
    assert _fact_value("Lakeside site will be dropped from the scope next quarter.") == "Lakeside site will be dropped"
    for fact in (FACT, "The May 2025 budget rises by EUR 12,500 after the review."):
        value = _fact_value(fact)
        assert value in fact and not value.startswith(("The ", "Nov", "May"))


def test_quotes_value_picks_a_distinctive_computed_total() -> None:
    text = (
        "## Sheet Data — A1:D4 (4 rows x 4 columns)\n| row | A | B | C | D |\n| --- | --- | --- | --- | --- |\n"
        "| 1 | Item | Plan | Var | Var % |\n| 2 | East | 50 | =B2-40 -> 10 | =C2/B2 -> 20.0% |\n"
        "| 3 | West | 1,234.5 | =B3-1000 -> 234.5 | =C3/B3 -> 19.0% |\n| 4 | Total | 1,284.5 | =C2+C3 -> 244.5 | |\n"
    )
    assert _pick_value(text) == ("Data!C4", 244.5, "Var, Total (Data)")
    # a formula filled down shows only '-> value' (office/_read_xlsx): still a computed cell to the setter
    filled = text.replace("=B3-1000 -> 234.5", "-> 234.5").replace("=C2+C3 -> 244.5", "-> 2,244.5")
    assert _pick_value(filled) == ("Data!C4", 2244.5, "Var, Total (Data)")


def test_the_sheet_a_page_cuts_is_read_whole_before_picking() -> None:
    """A first page that ends inside a sheet (its total row may come after the cut) leads to reading that sheet."""
    page = (
        "Parts (read one with part=...): 'Data', 'Summary'\n\n## Sheet Data — A1:B3 (3 rows x 2 columns)\n"
        "| row | A | B |\n| --- | --- | --- |\n| 1 | Site | Plan |\n| 2 | East | 10 |\n| 3 | West | 20 |\n\n"
        "## Sheet Summary — A1:B9 (9 rows x 2 columns)\n| row | A | B |\n| --- | --- | --- |\n"
        "| 1 | Site | Plan |\n| 2 | East | =SUMIF(Data!A2:A3,A2,Data!B2:B3) -> 1,234.5 |\n"
    )
    assert _more_parts(page) == []  # the whole workbook was on the page
    cut = page + "\n[... 300 more characters: call read_file with offset=400 to continue. ...]"
    assert _more_parts(cut) == ["Summary"]


def test_imperative_titles() -> None:
    words = ["Preparing", "chasing", "planning", "retraining", "negotiating", "auditing", "rolling", "compiling"]
    assert [_imperative(w) for w in words] == [
        "Prepare", "chase", "plan", "retrain", "negotiate", "audit", "roll", "compile",
    ]  # fmt: skip


def _author(kind: str, ds: dict[str, Any]) -> _Author:
    d = PlanDeliverable("o1-d1", kind, "TMF status report", "o1", path=f"Docs/report.{kind}", due=5)
    d.quotes = [("Plan total", "Docs/log.xlsx", "Summary!B6")]
    d.facts = [("priya", "TMF: deadline")]
    d.headings = ["Summary", "Key figures", "Next steps"]
    plan = WorkerPlan(name="Chloe Shaw", first="Chloe", people={"priya": "Priya Hughes"})
    return _Author(d, ds, plan)


def test_fact_replaces_the_placeholder_in_every_kind() -> None:
    ds: dict[str, Any] = {"v": {"Summary!B6": "4,661"}, "q": [["@section", 2]]}
    xlsx = _author("xlsx", ds)
    rows = xlsx.sheets()[0]["rows"]
    row = ds["ph"]["priya"]
    assert rows[row - 2][1] == "to be confirmed"
    ds["f"] = {"priya": "The deadline moved to 2026-02-02."}
    step = xlsx.fact_fix("priya", {})
    cells = step[1]["edits"][0]["cells"]
    assert step[0] == "edit_spreadsheet" and cells[f"B{row}"] == "The deadline moved to 2026-02-02."
    docx = _author("docx", ds).fact_fix("priya", {})
    edit = docx[1]["edits"][0]
    assert edit["op"] == "replace_text" and edit["old"] == "TMF: deadline: to be confirmed with Priya Hughes."
    assert "2026-02-02" in edit["new"]
    pptx = _author("pptx", ds).fact_fix("priya", {})
    slide = pptx[1]["edits"][0]["slide"]
    assert pptx[1]["edits"][0]["op"] == "replace_slide" and any("2026-02-02" in b for b in slide["bullets"])
    assert not any("to be confirmed" in b for b in slide["bullets"])
    md = _author("md", ds).fact_fix("priya", {})
    assert md[0] == "create_document" and "to be confirmed" not in md[1]["markdown"]
    assert "2026-02-02" in md[1]["markdown"] and ds["q"] == []


def test_document_sentences_are_not_repeated() -> None:
    ds: dict[str, Any] = {"v": {"Summary!B6": "4,661"}, "f": {"priya": "The deadline moved to 2026-02-02."}}
    ds["tab"] = [["East", "1,200"], ["West", "900"], ["Total", "2,100"]]
    markdown = _author("md", ds).document_markdown()
    lines = [line for line in markdown.splitlines() if line.strip() and not line.startswith(("|", "#"))]
    assert len(lines) == len(set(lines))
    assert "Notes " not in markdown and markdown.count("2026-02-02") == 1
