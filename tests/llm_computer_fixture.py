"""A scripted model for the LLM computer generator: realistic stage answers for one persona, offline.

``ScriptedStageClient`` is a ``ReplayChatCompletionClient`` whose next answer is computed from the request: the
``STAGE:`` / ``FILE:`` lines of the prompt select the fixture object (profile, collaborators, projects, policy,
per-project file plans, per-file contents). ``faults`` replace the first answers of a stage with bad ones, to
exercise the repair loop. Figures quoted by documents are computed here from the same rows the workbooks hold,
so the grounding checks see the workbooks' computed totals.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime, timedelta, timezone
from typing import Any

from autogen_core.models import LLMMessage, UserMessage
from autogen_ext.models.replay import ReplayChatCompletionClient

from synthcomp_agents.office import (
    BulletList,
    BulletSlide,
    CalendarSpec,
    ChartSeries,
    ChartSlide,
    ColumnSpec,
    CsvSpec,
    DocumentSpec,
    EventSpec,
    Heading,
    NumberedList,
    Paragraph,
    PresentationSpec,
    SheetSpec,
    SpreadsheetSpec,
    Table,
    TableSlide,
    TitleSlide,
)

MODEL_INFO = {
    "vision": False,
    "function_calling": True,
    "json_output": True,
    "structured_output": True,
    "family": "unknown",
}
PERSONA = "Procurement manager at a mid-size logistics company in Valencia, Spain; runs carrier tenders"
NOW = datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc)
USER = "Ana Ruiz"
ROOT = "OneDrive - Hartwell/Procurement"
P01 = f"{ROOT}/Projects/2025 Carrier tender"


def t(day: str, hour: int = 9, minute: int = 0) -> str:
    """An ISO timestamp in UTC (the fixture's files are dated in 2025)."""
    return datetime.fromisoformat(f"{day}T{hour:02d}:{minute:02d}:00+00:00").isoformat()


def eur(value: float) -> str:
    return f"{value:,.0f}"


# ---------------------------------------------------------------------------------------------------------------------
# Stages 1-4
# ---------------------------------------------------------------------------------------------------------------------

PROFILE: dict[str, Any] = {
    "name": USER,
    "role": "Procurement Manager",
    "employer": "Hartwell Logistics S.L.",
    "industry": "Logistics and transport",
    "seniority": "manager",
    "location": "Valencia, Spain",
    "time_zone": "Europe/Madrid",
    "os": "windows",
    "username": "aruiz",
    "email": "ana.ruiz@hartwell-logistics.example",
    "career_history": [
        {"employer": "Grupo Mediterráneo de Distribución", "role": "Buyer", "start_year": 2013, "end_year": 2018},
        {"employer": "Hartwell Logistics S.L.", "role": "Procurement Manager", "start_year": 2018, "end_year": None},
    ],
    "skills": ["Carrier tendering", "Should-cost modelling", "Contract negotiation", "Spend analysis", "Incoterms"],
    "tools_used": ["SAP Ariba", "Excel", "Power BI", "Outlook", "Teams"],
    "working_style": "Plans the week on Monday and keeps every supplier conversation in writing.",
    "document_habits": {
        "tidiness": "tidy",
        "naming_pattern": "<YYYY-MM-DD>_<topic>_v<N>",
        "versioning_style": "_v2",
        "archiving_habit": "moves closed projects to Archive/<YYYY> each January",
        "desktop_clutter": "low",
    },
}


def _person(
    name: str,
    ident: str,
    role: str,
    org: str,
    rel: str,
    email: str,
    persona: str,
    style: str,
    hours: float,
    facts: list[tuple[str, str]],
) -> dict[str, Any]:
    return {
        "name": name, "identifier": ident, "role": role, "organisation": org, "relationship": rel, "email": email,
        "persona": persona, "communication_style": style, "responsiveness": hours,
        "private_knowledge": [{"topic": a, "fact": b} for a, b in facts],
    }  # fmt: skip


COLLABORATORS: list[dict[str, Any]] = [
    _person(
        "Tomás Becker",
        "tomas_becker",
        "Chief Financial Officer",
        "Hartwell Logistics S.L.",
        "manager",
        "tomas.becker@hartwell-logistics.example",
        "A numbers-first CFO who wants savings proven before he signs.",
        "terse e-mails, decides in one line",
        6.0,
        [("budget", "The 2026 freight budget will be cut by 4% whatever the tender result.")],
    ),
    _person(
        "Lucía Ferrer",
        "lucia_ferrer",
        "Category Buyer",
        "Hartwell Logistics S.L.",
        "direct_report",
        "lucia.ferrer@hartwell-logistics.example",
        "A careful buyer who ran the second bidding round.",
        "detailed, asks before acting",
        2.0,
        [("carriers", "Transportes Turia hinted they could drop the Bilbao rate by another 3%.")],
    ),
    _person(
        "Marc Soler",
        "marc_soler",
        "Warehouse Operations Lead",
        "Hartwell Logistics S.L.",
        "cross_functional",
        "marc.soler@hartwell-logistics.example",
        "Runs the Riba-roja warehouse and counts every pallet.",
        "prefers a quick call",
        4.0,
        [("capacity", "Dock 3 will be closed for repairs for two weeks in February.")],
    ),
    _person(
        "Inés Navarro",
        "ines_navarro",
        "Key Account Manager",
        "Levante Freight S.A.",
        "vendor",
        "ines.navarro@levante-freight.example",
        "The incumbent carrier's account manager, keen to keep the volume.",
        "friendly, replies late in the evening",
        12.0,
        [("pricing", "Levante Freight will add a fuel surcharge clause from March.")],
    ),
    _person(
        "David Ortega",
        "david_ortega",
        "Finance Controller",
        "Hartwell Logistics S.L.",
        "peer",
        "david.ortega@hartwell-logistics.example",
        "Owns the cost-centre reporting and month-end close.",
        "precise, always asks for the source of a number",
        3.0,
        [("close", "November accruals for freight were understated by about EUR 18,000.")],
    ),
]

PROJECTS: list[dict[str, Any]] = [
    {"project_id": "p01", "name": "Carrier tender 2025", "kind": "project",
     "description": "Re-tender of the eight road-freight lanes out of Valencia for 2026.",
     "start_date": "2025-09-15", "end_date": "2026-01-31", "status": "active",
     "stakeholders": ["tomas_becker", "lucia_ferrer", "ines_navarro"], "folder": P01},
    {"project_id": "p02", "name": "Packaging supplier consolidation", "kind": "project",
     "description": "Reduce packaging suppliers from five to two.", "start_date": "2025-03-03",
     "end_date": "2025-06-30", "status": "completed", "stakeholders": ["lucia_ferrer", "marc_soler"],
     "folder": f"{ROOT}/Projects/2025 Packaging consolidation"},
    {"project_id": "p03", "name": "Forklift lease renewal", "kind": "project",
     "description": "Compare lease offers for the 14 forklifts at Riba-roja.", "start_date": "2025-05-05",
     "end_date": "2025-07-25", "status": "completed", "stakeholders": ["marc_soler", "david_ortega"],
     "folder": f"{ROOT}/Projects/2025 Forklift lease"},
    {"project_id": "p04", "name": "Q3 spend review", "kind": "project",
     "description": "Quarterly review of indirect spend by category with Finance.", "start_date": "2025-10-01",
     "end_date": "2025-10-31", "status": "completed", "stakeholders": ["david_ortega", "tomas_becker"],
     "folder": f"{ROOT}/Projects/2025 Q3 spend review"},
    {"project_id": "r01", "name": "Monthly procurement KPI pack", "kind": "recurring",
     "description": "Monthly KPIs for the management meeting.", "start_date": "2024-01-08", "end_date": None,
     "status": "active", "stakeholders": ["tomas_becker", "david_ortega"], "folder": f"{ROOT}/KPI pack"},
]  # fmt: skip

POLICY: dict[str, Any] = {
    "os": "windows",
    "home_layout": ["Desktop", "Documents", "Downloads", "Pictures", "Music", "Videos", "OneDrive - Hartwell"],
    "folder_conventions": [f"{ROOT}/Projects/<YYYY> <Project>/{{01 Data,02 Reports,03 Meetings,04 Correspondence}}"],
    "naming_patterns": ["<YYYY-MM-DD>_<topic>_v<N>.<ext>", "<YYYY-MM-DD> <Subject>.eml"],
    "version_markers": ["_v1", "_v2"],
    "depth_tendency": "deep",
    "clutter_tendency": "low",
    "dotfiles": [".gitconfig"],
    "app_folders": ["AppData/Roaming/Microsoft/Teams"],
}

# ---------------------------------------------------------------------------------------------------------------------
# Data behind the workbooks (totals computed here are what the documents quote)
# ---------------------------------------------------------------------------------------------------------------------

LANES = [  # lane, annual loads, incumbent rate, bids {carrier: rate}
    ("Valencia - Madrid", 620, 780, {"Transportes Turia": 742, "Levante Freight": 765, "Iberruta": 751}),
    ("Valencia - Barcelona", 540, 690, {"Transportes Turia": 671, "Levante Freight": 659, "Iberruta": 688}),
    ("Valencia - Zaragoza", 210, 610, {"Transportes Turia": 598, "Levante Freight": 605, "Iberruta": 579}),
    ("Valencia - Sevilla", 180, 1150, {"Transportes Turia": 1090, "Levante Freight": 1122, "Iberruta": 1104}),
    ("Valencia - Bilbao", 150, 1240, {"Transportes Turia": 1185, "Levante Freight": 1230, "Iberruta": 1212}),
    ("Valencia - Lisboa", 95, 1680, {"Transportes Turia": 1655, "Levante Freight": 1610, "Iberruta": 1642}),
    ("Valencia - Lyon", 70, 1890, {"Transportes Turia": 1840, "Levante Freight": 1872, "Iberruta": 1799}),
    ("Valencia - Milano", 55, 2310, {"Transportes Turia": 2265, "Levante Freight": 2290, "Iberruta": 2241}),
]
BEST = [(lane, loads, inc, min(bids.items(), key=lambda kv: (kv[1], kv[0]))) for lane, loads, inc, bids in LANES]
INCUMBENT_TOTAL = sum(loads * inc for _, loads, inc, _ in BEST)
BID_TOTAL = sum(loads * best[1] for _, loads, _, best in BEST)
SAVING = INCUMBENT_TOTAL - BID_TOTAL
SAVING_PCT = SAVING / INCUMBENT_TOTAL * 100

SIMPLE_BOOKS: dict[str, dict[str, Any]] = {
    "p02": {
        "title": "Packaging spend by supplier", "sheet": "Spend", "label": "Supplier",
        "cols": ["2024 spend (EUR)", "2025 plan (EUR)"],
        "rows": [("Cartonajes Levante", 184_300, 171_900), ("EmbalPack Ibérica", 96_450, 0),
                 ("Smurfit Westrock Valencia", 142_800, 168_200), ("Film Plast S.L.", 58_900, 0),
                 ("Palets Turia", 47_250, 52_600)],
        "topic": "the consolidation to two suppliers",
    },
    "p03": {
        "title": "Forklift lease offers", "sheet": "Offers", "label": "Lessor",
        "cols": ["Monthly rate per truck (EUR)", "Annual cost for 14 trucks (EUR)"],
        "rows": [("Linde Material Handling", 689, 115_752), ("Toyota Material Handling", 712, 119_616),
                 ("Jungheinrich Rent", 665, 111_720)],
        "topic": "the lease decision",
    },
    "p04": {
        "title": "Q3 indirect spend by category", "sheet": "Q3", "label": "Category",
        "cols": ["Budget (EUR)", "Actual (EUR)"],
        "rows": [("Facilities services", 212_000, 224_380), ("IT hardware", 96_000, 88_140),
                 ("Temporary staff", 318_000, 341_960), ("Travel", 54_000, 47_310),
                 ("Office supplies", 21_500, 19_870)],
        "topic": "the Q3 overspend in temporary staff",
    },
    "r01": {
        "title": "Procurement KPIs November 2025", "sheet": "KPIs", "label": "Month",
        "cols": ["Spend under management (EUR)", "Savings delivered (EUR)"],
        "rows": [("Aug 2025", 1_842_000, 21_400), ("Sep 2025", 1_905_500, 26_850), ("Oct 2025", 1_977_300, 31_200),
                 ("Nov 2025", 2_011_900, 28_640)],
        "topic": "the November KPI results",
    },
}  # fmt: skip
SIMPLE_DATES = {"p02": "2025-04-14", "p03": "2025-06-10", "p04": "2025-10-13", "r01": "2025-12-03"}


def _simple_paths(pid: str) -> tuple[str, str]:
    folder = next(p["folder"] for p in PROJECTS if p["project_id"] == pid)
    day = SIMPLE_DATES[pid]
    slug = SIMPLE_BOOKS[pid]["title"].lower().replace(" ", "_")
    return f"{folder}/{day}_{slug}.xlsx", f"{folder}/{day} {SIMPLE_BOOKS[pid]['title']} notes.md"


# ---------------------------------------------------------------------------------------------------------------------
# Stage 5: file plans
# ---------------------------------------------------------------------------------------------------------------------

F = {
    "csv": f"{P01}/01 Data/carrier_bids_export_2025-10-06.csv",
    "xlsx": f"{P01}/01 Data/2025-10-07_carrier_bid_comparison_v1.xlsx",
    "rep1": f"{P01}/02 Reports/2025-10-10_tender_recommendation_v1.docx",
    "rep2": f"{P01}/02 Reports/2025-10-20_tender_recommendation_v2.docx",
    "pdf": f"{P01}/02 Reports/2025-10-20_tender_recommendation_v2.pdf",
    "deck": f"{P01}/02 Reports/2025-10-22_tender_steering_deck.pptx",
    "mail": f"{P01}/04 Correspondence/2025-10-20 Carrier tender recommendation.eml",
    "reply": f"{P01}/04 Correspondence/2025-10-21 Re Carrier tender recommendation.eml",
    "ics": f"{P01}/03 Meetings/Tender steering committee.ics",
    "notes": f"{P01}/03 Meetings/2025-10-23 steering committee notes.md",
    "zip": f"{P01}/04 Correspondence/2025-10-22 tender pack.zip",
}


def _file(
    path: str, kind: str, purpose: str, pid: str, created: str, modified: str, size: int, author: str = USER
) -> dict[str, Any]:
    return {"path": path, "kind": kind, "purpose": purpose, "project_id": pid, "author": author,
            "created": created, "modified": modified, "target_size": size, "role": "core"}  # fmt: skip


def _edge(source: str, target: str, etype: str, note: str = "") -> dict[str, Any]:
    return {"source": F.get(source, source), "target": F.get(target, target), "type": etype, "note": note}


PLANS: dict[str, dict[str, Any]] = {
    "p01": {
        "files": [
            _file(
                F["csv"], "csv", "Raw bids exported from SAP Ariba", "p01", t("2025-10-06", 8), t("2025-10-06", 8), 900
            ),
            _file(F["xlsx"], "xlsx", "Bid comparison per lane", "p01", t("2025-10-07", 9), t("2025-10-07", 15), 14_000),
            _file(
                F["rep1"], "docx", "Draft tender recommendation", "p01", t("2025-10-10", 9), t("2025-10-10", 13), 30_000
            ),
            _file(
                F["rep2"], "docx", "Final tender recommendation", "p01", t("2025-10-20", 8), t("2025-10-20", 11), 32_000
            ),
            _file(
                F["pdf"],
                "pdf",
                "PDF of the final recommendation",
                "p01",
                t("2025-10-20", 11, 20),
                t("2025-10-20", 11, 20),
                40_000,
            ),
            _file(F["deck"], "pptx", "Steering committee deck", "p01", t("2025-10-22", 9), t("2025-10-22", 16), 60_000),
            _file(
                F["mail"],
                "eml",
                "Recommendation sent to the CFO",
                "p01",
                t("2025-10-20", 12),
                t("2025-10-20", 12),
                60_000,
            ),
            _file(
                F["reply"],
                "eml",
                "CFO's reply",
                "p01",
                t("2025-10-21", 7, 45),
                t("2025-10-21", 7, 45),
                3_000,
                "Tomás Becker",
            ),
            _file(
                F["ics"], "ics", "Steering committee invitation", "p01", t("2025-10-15", 10), t("2025-10-15", 10), 1_500
            ),
            _file(F["notes"], "md", "Steering committee notes", "p01", t("2025-10-23", 12), t("2025-10-23", 13), 2_500),
            _file(
                F["zip"],
                "zip",
                "Tender pack sent to the auditors",
                "p01",
                t("2025-10-22", 17),
                t("2025-10-22", 17),
                90_000,
            ),
        ],
        "edges": [
            _edge("csv", "xlsx", "input_to", "bids imported"),
            _edge("xlsx", "rep1", "derived_from", "quotes the lane totals"),
            _edge("rep1", "rep2", "version_of", "risk section and decision added"),
            _edge("xlsx", "rep2", "derived_from", "quotes the lane totals"),
            _edge("rep2", "pdf", "derived_from", "PDF export"),
            _edge("rep2", "deck", "summarizes", "headline numbers"),
            _edge("pdf", "mail", "attachment_of", "final report attached"),
            _edge("mail", "reply", "references", "reply in thread"),
            _edge("deck", "notes", "references", "walks through the deck"),
            _edge("ics", "notes", "references", "meeting on the calendar"),
            _edge("pdf", "zip", "attachment_of", "packed"),
            _edge("xlsx", "zip", "attachment_of", "packed"),
        ],
    },
}
for _pid, _day in SIMPLE_DATES.items():
    _book, _notes = _simple_paths(_pid)
    PLANS[_pid] = {
        "files": [
            _file(_book, "xlsx", SIMPLE_BOOKS[_pid]["title"], _pid, t(_day, 9), t(_day, 12), 12_000),
            _file(_notes, "md", f"Notes on {SIMPLE_BOOKS[_pid]['topic']}", _pid, t(_day, 14), t(_day, 15), 1_800),
        ],
        "edges": [_edge(_book, _notes, "derived_from", "quotes the totals")],
    }

# ---------------------------------------------------------------------------------------------------------------------
# Stage 6: contents
# ---------------------------------------------------------------------------------------------------------------------


def _csv() -> CsvSpec:
    rows: list[list[Any]] = []
    for lane, loads, _, bids in LANES:
        for carrier, rate in sorted(bids.items()):
            rows.append([lane, carrier, loads, rate])
    return CsvSpec(header=["lane", "carrier", "annual_loads", "rate_eur"], rows=rows)


def _bid_book() -> SpreadsheetSpec:
    rows: list[list[Any]] = []
    for i, (lane, loads, inc, (carrier, rate)) in enumerate(BEST, start=2):
        rows.append([lane, loads, inc, rate, carrier, f"=B{i}*C{i}", f"=B{i}*D{i}", f"=F{i}-G{i}"])
    last = len(BEST) + 1
    rows.append(
        ["Total", f"=SUM(B2:B{last})", None, None, None, f"=SUM(F2:F{last})", f"=SUM(G2:G{last})", f"=SUM(H2:H{last})"]
    )
    cols = [
        "Lane",
        "Annual loads",
        "Incumbent rate (EUR)",
        "Best bid (EUR)",
        "Best carrier",
        "Incumbent cost (EUR)",
        "Bid cost (EUR)",
        "Saving (EUR)",
    ]
    return SpreadsheetSpec(
        sheets=[SheetSpec(name="Comparison", columns=[ColumnSpec(header=c) for c in cols], rows=rows)]
    )


def _lane_table() -> Table:
    return Table(
        header=["Lane", "Loads", "Best carrier", "Saving (EUR)"],
        rows=[[lane, loads, carrier, eur(loads * (inc - rate))] for lane, loads, inc, (carrier, rate) in BEST],
    )


def _report(version: int) -> DocumentSpec:
    blocks: list[Any] = [
        Heading(text="Summary"),
        Paragraph(
            text=(
                f"Awarding each lane to its best bidder costs EUR {eur(BID_TOTAL)} a year against "
                f"EUR {eur(INCUMBENT_TOTAL)} with the incumbent rates, a saving of **EUR {eur(SAVING)}** "
                f"({SAVING_PCT:.1f}%). Source: 2025-10-07_carrier_bid_comparison_v1.xlsx."
            )
        ),
        Heading(text="Savings by lane"),
        _lane_table(),
        Heading(text="Recommendation"),
        BulletList(
            items=[
                "Award Madrid, Sevilla and Bilbao to Transportes Turia.",
                "Keep Levante Freight on Barcelona and Lisboa.",
                "Award Zaragoza, Lyon and Milano to Iberruta.",
            ]
        ),
    ]
    if version == 2:
        blocks += [
            Heading(text="Risks"),
            Paragraph(text="Iberruta is new to us: we start with a 90-day trial on Zaragoza before Lyon and Milano."),
            Heading(text="Decision requested"),
            NumberedList(items=["Approve the split award from 1 January 2026.", "Approve notice to Levante Freight."]),
        ]
    return DocumentSpec(title="Carrier tender 2025: recommendation", subtitle=f"Version {version}", blocks=blocks)


def _deck() -> PresentationSpec:
    return PresentationSpec(
        slides=[
            TitleSlide(title="Carrier tender 2025", subtitle="Steering committee, 22 October 2025"),
            BulletSlide(
                title="Headline",
                bullets=[
                    f"Saving EUR {eur(SAVING)} a year ({SAVING_PCT:.1f}%)",
                    f"Bid cost EUR {eur(BID_TOTAL)} vs EUR {eur(INCUMBENT_TOTAL)} today",
                    "Split award across three carriers",
                ],
            ),
            TableSlide(
                title="Savings by lane",
                header=["Lane", "Carrier", "Saving (EUR)"],
                rows=[[lane, carrier, eur(loads * (inc - rate))] for lane, loads, inc, (carrier, rate) in BEST],
            ),
            ChartSlide(
                title="Cost per lane",
                categories=[b[0].split(" - ")[1] for b in BEST],
                series=[
                    ChartSeries(name="Incumbent", values=[float(b[1] * b[2]) for b in BEST]),
                    ChartSeries(name="Best bid", values=[float(b[1] * b[3][1]) for b in BEST]),
                ],
            ),
            BulletSlide(title="Next steps", bullets=["Board approval 30 October", "Notice to carriers 3 November"]),
        ]
    )


def _simple_book(pid: str) -> SpreadsheetSpec:
    spec = SIMPLE_BOOKS[pid]
    n = len(spec["rows"])
    rows: list[list[Any]] = [[label, a, b, f"=C{i}-B{i}"] for i, (label, a, b) in enumerate(spec["rows"], start=2)]
    rows.append(["Total", f"=SUM(B2:B{n + 1})", f"=SUM(C2:C{n + 1})", f"=SUM(D2:D{n + 1})"])
    cols = [spec["label"], *spec["cols"], "Difference (EUR)"]
    return SpreadsheetSpec(
        sheets=[SheetSpec(name=spec["sheet"], columns=[ColumnSpec(header=c) for c in cols], rows=rows)]
    )


def _simple_notes(pid: str) -> DocumentSpec:
    spec = SIMPLE_BOOKS[pid]
    total_a = sum(r[1] for r in spec["rows"])
    total_b = sum(r[2] for r in spec["rows"])
    top = max(spec["rows"], key=lambda r: abs(r[2] - r[1]))
    return DocumentSpec(
        title=f"{spec['title']}: notes",
        blocks=[
            Paragraph(text=f"Notes on {spec['topic']}, from {_simple_paths(pid)[0].rsplit('/', 1)[1]}."),
            BulletList(
                items=[
                    f"{spec['cols'][0]}: EUR {eur(total_a)} in total.",
                    f"{spec['cols'][1]}: EUR {eur(total_b)} in total.",
                    f"Largest difference: {top[0]} (EUR {eur(top[2] - top[1])}).",
                ]
            ),
            Paragraph(text="Follow-up agreed with David Ortega for the next month-end close."),
        ],
    )


CONTENTS: dict[str, Any] = {
    F["csv"]: _csv(),
    F["xlsx"]: _bid_book(),
    F["rep1"]: _report(1),
    F["rep2"]: _report(2),
    F["pdf"]: _report(2),
    F["deck"]: _deck(),
    F["mail"]: {"sender": "Ana Ruiz <ana.ruiz@hartwell-logistics.example>",
                "to": ["Tomás Becker <tomas.becker@hartwell-logistics.example>"],
                "cc": ["Lucía Ferrer <lucia.ferrer@hartwell-logistics.example>"],
                "subject": "Carrier tender 2025: recommendation",
                "body": (f"Tomás,\n\nattached is the final recommendation (2025-10-20_tender_recommendation_v2.pdf). "
                         f"The split award saves EUR {eur(SAVING)} a year ({SAVING_PCT:.1f}%).\n\nAna")},
    F["reply"]: {"sender": "Tomás Becker <tomas.becker@hartwell-logistics.example>",
                 "to": ["Ana Ruiz <ana.ruiz@hartwell-logistics.example>"],
                 "subject": "Re: Carrier tender 2025: recommendation",
                 "body": "Ana, approved. Start the Iberruta trial on Zaragoza and report back in January.\n\nTomás"},
    F["ics"]: CalendarSpec(name="Carrier tender", events=[EventSpec(
        uid="tender-steering-2025-10-22@hartwell-logistics.example", summary="Carrier tender steering committee",
        start=datetime(2025, 10, 22, 15, 0, tzinfo=timezone.utc),
        end=datetime(2025, 10, 22, 16, 0, tzinfo=timezone.utc), location="Sala Albufera",
        organizer="Ana Ruiz <ana.ruiz@hartwell-logistics.example>",
        attendees=["Tomás Becker <tomas.becker@hartwell-logistics.example>"])]),
    F["notes"]: DocumentSpec(title="Carrier tender steering committee, 22 October", blocks=[
        Paragraph(text="Ana walked through 2025-10-22_tender_steering_deck.pptx."),
        BulletList(items=["Split award approved subject to the Iberruta trial.",
                          "Lucía to send award letters by 3 November."])]),
}  # fmt: skip
for _pid in SIMPLE_BOOKS:
    _book, _notes = _simple_paths(_pid)
    CONTENTS[_book] = _simple_book(_pid)
    CONTENTS[_notes] = _simple_notes(_pid)


def wrong_report() -> DocumentSpec:
    """A report quoting figures that are not in the workbook (to trigger a grounding repair)."""
    return DocumentSpec(title="Carrier tender 2025: recommendation", blocks=[
        Heading(text="Summary"),
        Paragraph(text="The best bids save EUR 412,500 a year against EUR 3,187,250 today."),
    ])  # fmt: skip


# ---------------------------------------------------------------------------------------------------------------------
# The scripted client
# ---------------------------------------------------------------------------------------------------------------------


def _dump(value: Any) -> str:
    if hasattr(value, "model_dump_json"):
        return str(value.model_dump_json())
    return json.dumps(value, ensure_ascii=False)


def answer_for(stage: str, file: str | None) -> str:
    """The fixture's valid answer for a stage (and file)."""
    if stage == "profile":
        return _dump(PROFILE)
    if stage == "collaborators":
        return _dump({"collaborators": COLLABORATORS, "summary": "A small procurement team and its partners."})
    if stage == "projects":
        return _dump({"projects": PROJECTS})
    if stage == "filesystem_policy":
        return _dump(POLICY)
    if stage.startswith("file_plan:"):
        return _dump(PLANS[stage.split(":", 1)[1]])
    if stage == "content" and file is not None:
        return _dump(CONTENTS[file])
    raise KeyError(f"no fixture answer for stage {stage!r} file {file!r}")


def _prompt_fields(messages: Sequence[LLMMessage]) -> tuple[str, str | None]:
    stage, file = "", None
    for message in messages:
        if isinstance(message, UserMessage) and isinstance(message.content, str):
            for line in message.content.splitlines():
                if line.startswith("STAGE: "):
                    stage = line[7:].strip()
                    if stage.startswith("content:"):  # repair prompts name the file in the stage
                        stage, file = "content", stage.split(":", 1)[1]
                elif line.startswith("FILE: "):
                    file = line[6:].strip()
    return stage, file


class ScriptedStageClient(ReplayChatCompletionClient):
    """Answers each stage from the fixture; ``faults[key]`` lists bad answers given first (key = stage or path)."""

    def __init__(self, faults: dict[str, list[str]] | None = None, model_info: dict[str, Any] | None = None) -> None:
        super().__init__([], model_info=model_info or MODEL_INFO)  # type: ignore[arg-type]
        self.faults = {k: list(v) for k, v in (faults or {}).items()}
        self.stages: list[str] = []

    async def create(self, messages: Sequence[LLMMessage], **kwargs: Any) -> Any:
        stage, file = _prompt_fields(messages)
        key = file if stage == "content" and file in self.faults else stage
        self.stages.append(f"{stage}:{file}" if file else stage)
        pending = self.faults.get(key)
        answer = pending.pop(0) if pending else answer_for(stage, file)
        self.chat_completions.append(answer)
        return await super().create(messages, **kwargs)


def bad_collaborators() -> str:
    """Valid JSON, but only three collaborators (the blueprint requires 4-10)."""
    return _dump({"collaborators": COLLABORATORS[:3]})


def generator_kwargs() -> dict[str, Any]:
    """Settings that fit the fixture (5 projects, 19 core files)."""
    return {"min_projects": 5, "min_core_files": 10, "now": NOW}


def later(days: int) -> datetime:
    return NOW + timedelta(days=days)
