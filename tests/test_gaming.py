"""Anti-gaming detectors: each catches its trick on a small built input and leaves careful work alone."""

from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from synthcomp_agents.disk import VirtualDisk
from synthcomp_agents.objectives import (
    Deliverable,
    MinWords,
    Objective,
    ObjectivePlan,
    SentTo,
    StatesFact,
)
from synthcomp_agents.signals._gaming import (
    DETECTOR_WEIGHTS,
    Comparison,
    DeliverableEvidence,
    ReviewThread,
    SourceValue,
    assess_gaming,
    detect_gaming,
    labelled_values,
)

SOURCES = [
    SourceValue(1268.0, "screening log Summary Central site Plan", entity="Central site"),
    SourceValue(1366.0, "screening log Summary Central site Actual", entity="Central site"),
    SourceValue(1131.0, "screening log Summary South site Plan", entity="South site"),
    SourceValue(1353.0, "screening log Summary South site Actual", entity="South site"),
    SourceValue(1002.0, "screening log Summary Harbour site Plan", entity="Harbour site"),
    SourceValue(4661.0, "screening log Summary Total Plan", entity="Total"),
    SourceValue(4821.0, "screening log Summary Total Actual", entity="Total"),
    SourceValue(0.0343, "screening log Summary Total Variance %", entity="Total"),
]
ROWS = [
    Comparison("Central site", 1366.0, 1268.0, "screening log"),
    Comparison("South site", 1353.0, 1131.0, "screening log"),
    Comparison("Total", 4821.0, 4661.0, "screening log"),
]
HONEST = (
    "Screening ran ahead of plan this quarter. Across the four sites we screened 4,821 patients against a plan of "
    "4,661, about 3.4% more than planned. Central site screened 1,366 patients (plan 1,268) and South site 1,353 "
    "(plan 1,131). Priya Hughes confirmed on 23 January 2026 that Hillside site will be dropped from the scope next "
    "quarter, so the April plan covers three sites. I will re-run the figures after the February restatement."
)


def _item(text: str, **kw: object) -> DeliverableEvidence:
    return DeliverableEvidence(path=str(kw.pop("path", "Documents/report.md")), kind="md", text=text, **kw)  # type: ignore[arg-type]


def test_careful_work_triggers_nothing() -> None:
    item = _item(
        HONEST,
        sources=SOURCES,
        comparisons=ROWS,
        facts=["Hillside site will be dropped"],
        min_words=60,
    )
    report = detect_gaming([item])
    assert report.findings == [], report.summary()
    assert report.penalty == 0.0


def test_repeated_paragraphs_and_filler_are_found_with_a_quote() -> None:
    filler = (
        "We remain committed to ensuring alignment with all key stakeholders going forward. "
        "It is important to continue focusing on quality and continuous improvement across the team. "
    )
    report = detect_gaming([_item(HONEST + "\n\n" + filler * 8)])
    assert {"repeated_text", "filler"} <= report.flagged()
    quotes = [f.evidence for f in report.findings if f.detector == "filler"]
    assert quotes and "stakeholders" in quotes[0]
    # the same text once is not repetition, and two generic sentences in a real report are not "filler"
    assert detect_gaming([_item(HONEST + "\n\n" + filler)]).findings == []


def test_word_count_met_by_repetition() -> None:
    padded = (
        HONEST
        + " "
        + " ".join(f"Line {i} of the appendix repeats the figures from the summary table." for i in range(40))
    )
    report = detect_gaming([_item(padded, min_words=300)])
    assert "word_padding" in report.flagged()
    detail = next(f.detail for f in report.findings if f.detector == "word_padding")
    assert "300 asked" in detail
    assert "word_padding" not in detect_gaming([_item(HONEST, min_words=60)]).flagged()


def test_same_text_in_two_deliverables() -> None:
    a = _item(HONEST, path="Documents/report.docx")
    b = _item(HONEST + " Prepared for the steering group.", path="Documents/notes.md")
    c = _item(
        "The steering group meets on Thursday. Central site screened 1,366 patients against 1,268 planned.",
        path="Documents/deck.pptx",
    )
    report = detect_gaming([a, b, c])
    assert {f.path for f in report.findings if f.detector == "cross_copy"} == {a.path, b.path}


def test_identical_slides() -> None:
    slides = ["Overview\nScreening is ahead of plan", "Key figures\n4,821 screened vs 4,661 planned"] + [
        "Next steps\nRe-run the figures after the restatement"
    ] * 3
    deck = DeliverableEvidence(path="Documents/deck.pptx", kind="pptx", text="\n".join(slides), slides=slides)
    report = detect_gaming([deck])
    assert "identical_slides" in report.flagged()
    assert "slide 4 repeats slide 3" in report.findings[0].detail
    deck.slides = slides[:3]
    assert detect_gaming([deck]).findings == []


def test_date_and_number_dumps() -> None:
    dates = "Key dates: " + ", ".join(f"2026-01-{d:02d}" for d in range(5, 31)) + "."
    numbers = "Figures: " + " ".join(f"{n:,}" for n in range(1200, 1300, 7)) + "."
    report = detect_gaming([_item(HONEST + "\n" + dates), _item(HONEST + "\n" + numbers, path="Documents/b.md")])
    assert [f.detail for f in report.findings if f.detector == "value_dump"] == [
        "1 line(s) list dates with no claim about them",
        "1 line(s) list numbers with no claim about them",
    ]
    table = "| Month | Plan | Actual |\n|---|---|---|\n" + "\n".join(
        f"| 2026-{m:02d}-01 | {1000 + m} | {1100 + m} |" for m in range(1, 13)
    )
    assert detect_gaming([_item(HONEST + "\n\n" + table)]).findings == []


def test_label_contradictions() -> None:
    swapped = "Central site screened 1,353 patients against a plan of 1,268."  # 1,353 is South site's actual
    absurd = "Number of active steel suppliers: 4,661. Audit pass rate: 4,821%."
    for text, why in (
        (swapped, "another row"),
        (absurd, "percentage"),
    ):
        report = detect_gaming([_item(text, sources=SOURCES)])
        details = [f.detail for f in report.findings if f.detector == "label_contradiction"]
        assert details and why in details[0], (text, report.summary())
    # rounded, paraphrased, and a ratio written as a percentage are the same quantity
    careful = "In total 4.8k patients were screened (planned: 4,661), a variance of 3.4%; Central site actual 1,366."
    assert detect_gaming([_item(careful, sources=SOURCES)]).findings == []


def test_conclusion_contradicting_the_sums() -> None:
    wrong = "Overall, screening came in below plan this quarter. South site is behind plan and needs support."
    report = detect_gaming([_item(wrong, comparisons=ROWS)])
    finding = next(f for f in report.findings if f.detector == "conclusion_contradiction")
    assert "says below plan" in finding.detail and "below plan" in finding.evidence
    right = "Overall, screening came in above plan. South site is ahead of plan."
    assert detect_gaming([_item(right, comparisons=ROWS)]).findings == []


def test_reversed_decision() -> None:
    fact = "Hillside site will be dropped"
    for text in ("We will keep Hillside site in scope next quarter.", "Hillside site will not be dropped."):
        report = detect_gaming([_item(text, facts=[fact])])
        assert "decision_reversed" in report.flagged(), text
    assert (
        detect_gaming([_item("Priya confirmed Hillside site is to be dropped next quarter.", facts=[fact])]).findings
        == []
    )


def test_fyi_is_not_review() -> None:
    fyi = ReviewThread("Documents/r.docx", "priya_hughes", ("FYI: status report\nNo need to reply.",), answered=False)
    unanswered = ReviewThread("Documents/s.docx", "priya_hughes", ("Review: status report\nCould you review it?",))
    closed = ReviewThread("Documents/t.docx", "priya_hughes", ("Review: status report\nCould you review it?",), True)
    items = [_item(HONEST, path=p) for p in ("Documents/r.docx", "Documents/s.docx", "Documents/t.docx")]
    # three different paths with the same text would be a copy: give each its own text
    for n, item in enumerate(items):
        item.text = f"Report {n}: Central site screened {1366 + n} patients."
    report = detect_gaming(items, [fyi, unanswered, closed])
    details = {f.path: f.detail for f in report.findings if f.detector == "fyi_review"}
    # an unanswered genuine request is the review check's loss (sent_to), not gaming: only the fyi mail is flagged
    assert set(details) == {"Documents/r.docx"}
    assert "for information only" in details["Documents/r.docx"]


def test_penalty_grows_with_the_share_flagged() -> None:
    clean = [_item(f"Report {n}: Central site screened {1366 + n} patients.", path=f"d{n}.md") for n in range(4)]
    dump = "Key dates: " + ", ".join(f"2026-02-{d:02d}" for d in range(1, 25))
    one = [*clean[:3], _item(dump, path="d3.md")]
    allof = [_item(dump + f" ({n})", path=f"d{n}.md") for n in range(4)]
    p0, p1, p4 = (detect_gaming(x).penalty for x in (clean, one, allof))
    assert p0 == 0.0 < p1 < p4 <= 1.0
    assert detect_gaming(allof).detectors["value_dump"] == DETECTOR_WEIGHTS["value_dump"]


def _xlsx() -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Summary"
    ws.append(["Site", "Plan", "Actual"])
    ws.append(["Central site", 1268, 1366])
    ws.append(["South site", 1131, 1353])
    ws.append(["Total", "=SUM(B2:B3)", "=SUM(C2:C3)"])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_labelled_values_read_computed_cells_and_plan_rows() -> None:
    values, rows = labelled_values("screening log.xlsx", _xlsx())
    total_plan = [v for v in values if v.value == 2399.0]
    assert total_plan and "Total" in total_plan[0].label and "Plan" in total_plan[0].label
    assert [(r.subject, r.direction) for r in rows] == [
        ("Central site", "above"),
        ("South site", "above"),
        ("Total", "above"),
    ]


def test_assess_gaming_reads_the_disk_and_the_mail() -> None:
    disk = VirtualDisk(user="chloe")
    disk.write_bytes("Documents/P/screening log.xlsx", _xlsx())
    disk.write_text(
        "Documents/P/report.md",
        "# Screening\n\nOverall we are below plan. South site screened 2,399 patients. Hillside site will be kept.\n",
    )
    disk.write_text("Documents/P/notes.md", "# Notes\n\nSouth site screened 1,353 patients, ahead of plan.\n")
    eml = (
        "From: Chloe <chloe@x.example>\nTo: Priya Hughes <priya@x.example>\nSubject: fyi report\n"
        "Date: Tue, 06 Jan 2026 10:00:00 +0000\nMIME-Version: 1.0\n"
        'Content-Type: multipart/mixed; boundary="b"\n\n--b\nContent-Type: text/plain\n\nFYI, no action needed.\n'
        '--b\nContent-Type: text/markdown\nContent-Disposition: attachment; filename="report.md"\n\n# x\n--b--\n'
    )
    disk.write_text("Mail/Sent/1.eml", eml)
    checks = [
        MinWords(count=5),
        StatesFact(collaborator="priya", topic="Hillside", value="Hillside site will be dropped"),
    ]
    report_d = Deliverable(
        deliverable_id="o1-d1",
        path="Documents/P/report.md",
        kind="md",
        title="Report",
        audience="Manager",
        description="Status.",
        acceptance_checks=[*checks, SentTo(collaborator="priya")],
        grounding_files=["Documents/P/screening log.xlsx"],
        due_day=2,
        effort_hours=2,
    )
    notes_d = report_d.model_copy(
        update={"deliverable_id": "o1-d2", "path": "Documents/P/notes.md", "acceptance_checks": checks}
    )
    objective = Objective(
        objective_id="o1",
        title="Screening",
        why="Inspection.",
        deliverables=[report_d, notes_d],
        due_day=2,
        effort_hours=4,
    )
    others = [
        objective.model_copy(
            update={
                "objective_id": f"o{i}",
                "deliverables": [
                    d.model_copy(update={"deliverable_id": f"o{i}-d{n}", "path": f"Documents/Q/o{i}-{n}.md"})
                    for n, d in enumerate(objective.deliverables, 1)
                ],
            }
        )
        for i in (2, 3)
    ]
    plan = ObjectivePlan(computer_id="c1", start_date="2026-01-05", objectives=[objective, *others])
    report = assess_gaming(disk, plan, addresses={"priya": "priya@x.example"})
    flagged = {(f.detector, f.path.rsplit("/", 1)[-1]) for f in report.findings}
    assert ("conclusion_contradiction", "report.md") in flagged
    assert ("label_contradiction", "report.md") in flagged  # 2,399 is the total plan, not South site's
    assert ("decision_reversed", "report.md") in flagged
    assert ("fyi_review", "report.md") in flagged
    assert not any(path == "notes.md" for _d, path in flagged), report.summary()


@settings(max_examples=60, deadline=None)
@given(
    st.text(max_size=600),
    st.lists(st.text(max_size=80), max_size=4),
    st.lists(st.floats(allow_nan=False, allow_infinity=False, width=32), max_size=4),
)
def test_any_text_gives_a_bounded_report(text: str, facts: list[str], numbers: list[float]) -> None:
    sources = [SourceValue(v, f"label {i}") for i, v in enumerate(numbers)]
    rows = [Comparison(f, 1.0, 2.0) for f in facts]
    item = DeliverableEvidence(
        path="a.md",
        kind="md",
        text=text,
        slides=text.split("\n"),
        min_words=5,
        facts=facts,
        sources=sources,
        comparisons=rows,
    )
    report = detect_gaming([item, DeliverableEvidence(path="b.md", kind="md", text=text)])
    assert 0.0 <= report.penalty <= 1.0
    assert all(0.0 <= v <= DETECTOR_WEIGHTS[k] for k, v in report.detectors.items())


@settings(max_examples=40, deadline=None)
@given(
    st.sampled_from(["4,821", "4821", "4.8k", "4,800", "EUR 4,821", "4 821"]),
    st.sampled_from(
        ["We screened {} patients in total.", "Total screened: {}.", "| Total | {} |", "Actual {} overall"]
    ),
)
def test_careful_forms_of_a_figure_are_never_a_contradiction(figure: str, template: str) -> None:
    report = detect_gaming([_item(template.format(figure), sources=SOURCES)])
    assert "label_contradiction" not in report.flagged(), report.summary()


def test_pasted_question_instead_of_the_answer() -> None:
    question = "What is the latest on Site staff: decision? I need it for the Open queries working notes."
    pasted = f"Site staff: decision: {question}\n\nEast site Plan: 585"
    report = detect_gaming([_item(pasted, questions=[question])])
    assert "pasted_question" in report.flagged()
    answered = "Priya Hughes confirmed that Hillside site will be dropped from the scope of Site staff next quarter."
    assert detect_gaming([_item(answered, questions=[question])]).findings == []


def test_stale_figures_from_last_months_file() -> None:
    old = [SourceValue(1212.0, "screening log Nov Summary Central site Actual")]
    stale = "Central site actual screenings: 1,212 this quarter."
    report = detect_gaming([_item(stale, sources=SOURCES, stale_sources=old)])
    assert "stale_figures" in report.flagged()
    # the current figure is fine, and so is an old figure that did not change
    assert detect_gaming([_item(HONEST, sources=SOURCES, stale_sources=old)]).findings == []
    same = [SourceValue(1366.0, "screening log Nov Summary Central site Actual")]
    current = "Central site actual screenings: 1,366 this quarter."
    assert detect_gaming([_item(current, sources=SOURCES, stale_sources=same)]).findings == []


def test_structure_without_content() -> None:
    hollow = (
        "# Status\n\n## Summary\n\nTo be completed.\n\n## Key figures\n\nTBD\n\n## Next steps\n\nTo be completed.\n"
    )
    report = detect_gaming([_item(hollow)])
    assert "placeholders" in report.flagged()
    one_open_point = HONEST + "\n\n## Risks\n\nTBC.\n"  # one open section in a real report is honest
    assert detect_gaming([_item(one_open_point)]).findings == []


def test_a_table_row_is_labelled_by_its_first_cell() -> None:
    sources = [*SOURCES, SourceValue(77.0, "screening log Summary Data quality Plan", entity="Data quality")]
    noted = "Item\tValue\tSource\nTotal plan\t4661\tdata quality log (Summary)"  # the source column names no row
    assert detect_gaming([_item(noted, sources=sources)]).findings == []
    swapped = "Item\tValue\tSource\nSouth site plan\t4661\tscreening log (Summary)"
    assert "label_contradiction" in detect_gaming([_item(swapped, sources=sources)]).flagged()


def test_competent_worker_false_alarms_stay_quiet() -> None:
    """Three forms the scripted competent worker wrote that the detectors once flagged (issue 12 bench runs)."""
    # a column word ("plan") that also names some row elsewhere is the matching value's own column, not a row
    sources = [*SOURCES, SourceValue(12.0, "screening log Data Plan review", entity="Plan review")]
    assert detect_gaming([_item("Item\tValue\nTotal plan\t4661", sources=sources)]).findings == []
    assert "label_contradiction" in detect_gaming([_item("Central plan: 1,131", sources=sources)]).flagged()
    # "Biggest lines: Central site (1,366)": the label after the colon is the figure's, not the heading before it
    listed = "Biggest lines: Central site (1,366), South site (1,353) and Harbour site (1,002)."
    assert detect_gaming([_item(listed, sources=SOURCES)]).findings == []
    # a decision about Line 3 is not reversed by a sentence about Line 5
    other = "Celine raised open access at Line 5 and agreed to check it in MATLAB."
    assert detect_gaming([_item(other, facts=["Line 3 will be dropped"])]).findings == []
    assert (
        "decision_reversed" in detect_gaming([_item("Line 3 stays open.", facts=["Line 3 will be dropped"])]).flagged()
    )


def test_a_document_code_is_no_figure() -> None:
    """'SOP-1353' names a procedure; its digits are not South site's actual (a deck quoting the SOP was flagged)."""
    quoting = "Completed forms are checked at the monthly self-inspection (SOP-1353 Reporting of adverse events)."
    assert detect_gaming([_item(quoting, sources=SOURCES)]).findings == []
    # the same digits stated as a figure under another row's label still are one
    swapped = "Central site screened 1,353 patients against a plan of 1,268."
    assert "label_contradiction" in detect_gaming([_item(swapped, sources=SOURCES)]).flagged()
