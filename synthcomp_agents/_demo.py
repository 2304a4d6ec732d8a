"""The foundation demo: a small, interlinked computer on a VirtualDisk, used by an AutoGen agent through tools.

This is what `synthcomp demo` runs until the full pipeline (`synthcomp run`) exists. Everything is offline and
deterministic: the numbers the report, deck and e-mail quote are the workbook's computed totals, and the agent is
driven by AutoGen's `ReplayChatCompletionClient` with a fixed script.

Example:
    >>> from synthcomp_agents._demo import build_demo_disk
    >>> disk, facts = build_demo_disk()
    >>> round(facts["total_spend"], 2) > 0
    True
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from .disk import VirtualDisk
from .office import (
    Attachment,
    BulletList,
    BulletSlide,
    CalendarSpec,
    ChartSeries,
    ChartSlide,
    ChartSpec,
    ColumnSpec,
    DocProperties,
    DocumentSpec,
    EmailSpec,
    EventSpec,
    Heading,
    ImageSpec,
    Paragraph,
    PresentationSpec,
    SheetSpec,
    SpreadsheetSpec,
    Table,
    TableSlide,
    TitleSlide,
    evaluate_workbook,
    write_docx,
    write_eml,
    write_ics,
    write_image,
    write_pptx,
    write_xlsx,
)

DEMO_FACTS: dict[str, tuple[str, str]] = {
    "petra_lang": (
        "Steel contracts 2026: figures",
        "Kessler Stahl will issue a credit note of EUR 18,400 for the February quality claim; it is not booked in "
        "the tracker yet.",
    ),
    "klaus_richter": (
        "Steel contracts 2026: decision",
        "The board approved moving galvanised coil to two suppliers from 1 July 2026.",
    ),
    "sabine_koch": (
        "Supplier audits: deadline",
        "The Vogt Präzisionsrohr quality audit is booked for 12 May 2026.",
    ),
    "tobias_wolf": (
        "Steel contracts 2026: pricing",
        "Kessler can offer an index-linked surcharge tied to the CRU HRC index with a 2.5% cap.",
    ),
}
"""Each demo collaborator's private fact: identifier -> (topic, fact)."""

PERSONA = (
    "A senior procurement manager at a mid-size automotive parts supplier in Stuttgart, Germany, with 14 years of "
    "experience, currently renegotiating steel contracts and consolidating a sprawling supplier base."
)
USER = "jonas"
AUTHOR = "Jonas Weber"
START = datetime(2026, 4, 13, 8, 30, tzinfo=timezone.utc)


def _t(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=timezone.utc)


# When each artifact was created and last saved: a derived file is always newer than its sources.
TRACKER_TIMES = (_t(1, 5, 9, 10), _t(4, 2, 16, 40))
MAIL_TIME = _t(4, 3, 10, 12)
REPORT_TIMES = (_t(4, 7, 9), _t(4, 8, 15, 30))
DECK_TIMES = (_t(4, 9, 10), _t(4, 10, 17, 5))
INVITE_TIME = _t(4, 9, 11)
STEERCO = _t(4, 14, 10)
PROJECT = "Documents/Procurement/Steel_Contracts_2026"
TRACKER = f"{PROJECT}/Steel_Calloff_Tracker_Q1_2026.xlsx"

# (supplier, material, unit price EUR per tonne, tonnes per month Jan..Mar)
_SUPPLIERS: list[tuple[str, str, float, tuple[int, int, int]]] = [
    ("Kessler Stahl GmbH", "Cold-rolled coil DC04", 742.50, (180, 195, 170)),
    ("Auer Gusswerk AG", "Hot-dip galvanised coil DX51D", 811.00, (120, 110, 135)),
    ("Brandt Metall KG", "Hot-rolled strip S235", 655.80, (210, 205, 220)),
    ("Nordform Stahlhandel", "Electrical steel M270-50A", 1398.00, (35, 40, 38)),
    ("Vogt Präzisionsrohr", "Precision tube E355", 1120.40, (60, 52, 58)),
]


@dataclass
class DemoResult:
    """What the demo produced."""

    out: Path
    archive: Path
    home: Path
    files: list[str]
    facts: dict[str, float]
    transcript: list[str] = field(default_factory=list)


class _Clock:
    """Simulated time: set to an artifact's save time before writing it, then advancing a minute per operation."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def at(self, when: datetime) -> None:
        self.now = when

    def __call__(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now


def _props(title: str, times: tuple[datetime, datetime]) -> DocProperties:
    return DocProperties(title=title, author=AUTHOR, created=times[0], modified=times[1])


def _tracker() -> SpreadsheetSpec:
    rows: list[list[Any]] = []
    months = [date(2026, 1, 31), date(2026, 2, 28), date(2026, 3, 31)]
    for supplier, material, price, tonnes in _SUPPLIERS:
        for month, t in zip(months, tonnes, strict=True):
            r = len(rows) + 2
            rows.append([month, supplier, material, price, t, f"=D{r}*E{r}"])
    last = len(rows) + 1
    summary_rows: list[list[Any]] = [
        [
            s,
            f"=SUMIF('Call-offs'!B2:B{last},A{i + 2},'Call-offs'!F2:F{last})",
            f"=SUMIF('Call-offs'!B2:B{last},A{i + 2},'Call-offs'!E2:E{last})",
        ]
        for i, (s, *_rest) in enumerate(_SUPPLIERS)
    ]
    n = len(summary_rows) + 1
    summary_rows.append(["Total", f"=SUM(B2:B{n})", f"=SUM(C2:C{n})"])
    return SpreadsheetSpec(
        sheets=[
            SheetSpec(
                name="Call-offs",
                columns=[
                    ColumnSpec(header="Month end", number_format="yyyy-mm-dd", width=12),
                    ColumnSpec(header="Supplier", width=24),
                    ColumnSpec(header="Material", width=30),
                    ColumnSpec(header="Price (EUR/t)", number_format="#,##0.00"),
                    ColumnSpec(header="Tonnes"),
                    ColumnSpec(header="Value (EUR)", number_format="#,##0.00"),
                ],
                rows=rows,
            ),
            SheetSpec(
                name="By supplier",
                columns=[
                    ColumnSpec(header="Supplier", width=24),
                    ColumnSpec(header="Q1 value (EUR)", number_format="#,##0.00"),
                    ColumnSpec(header="Q1 tonnes"),
                ],
                rows=summary_rows,
                chart=ChartSpec(kind="bar", title="Q1 steel spend by supplier", value_columns=[1]),
            ),
        ],
        properties=_props("Steel call-off tracker Q1 2026", TRACKER_TIMES),
    )


def build_demo_disk() -> tuple[VirtualDisk, dict[str, float]]:
    """Build the demo computer in memory; returns the disk and the workbook's computed key figures."""
    clock = _Clock(_t(1, 2, 9))
    disk = VirtualDisk(user=USER, os="macos", clock=clock, default_actor=AUTHOR)
    for folder in ("Desktop", "Downloads", "Pictures", f"{PROJECT}/Archive", "Documents/Procurement/Supplier_Audits"):
        disk.mkdir(folder)

    tracker_spec = _tracker()
    tracker = write_xlsx(tracker_spec)
    clock.at(TRACKER_TIMES[1])
    disk.write_bytes(TRACKER, tracker, created=TRACKER_TIMES[0], modified=TRACKER_TIMES[1])
    values = evaluate_workbook(tracker)["By supplier"]
    per_supplier = {str(values[f"A{i + 2}"]): float(values[f"B{i + 2}"]) for i in range(len(_SUPPLIERS))}  # type: ignore[arg-type]
    total = float(values[f"B{len(_SUPPLIERS) + 2}"])  # type: ignore[arg-type]
    tonnes = float(values[f"C{len(_SUPPLIERS) + 2}"])  # type: ignore[arg-type]
    top = max(per_supplier, key=per_supplier.__getitem__)
    facts = {"total_spend": total, "total_tonnes": tonnes, "top_supplier_spend": per_supplier[top]}

    report = DocumentSpec(
        title="Q1 2026 Steel Spend Review",
        subtitle="Prepared for the supplier consolidation steering committee",
        header="Procurement | Confidential",
        footer="Steel spend review Q1 2026",
        properties=_props("Q1 2026 Steel Spend Review", REPORT_TIMES),
        blocks=[
            Heading(text="Summary"),
            Paragraph(
                text=(
                    f"Call-offs across our five steel suppliers came to **EUR {total:,.2f}** for "
                    f"{tonnes:,.0f} tonnes in the first quarter. {top} remains the largest supplier at "
                    f"EUR {per_supplier[top]:,.2f}; the figures come from the call-off tracker as closed on 2 April."
                )
            ),
            Heading(text="Spend by supplier"),
            Table(
                header=["Supplier", "Q1 value (EUR)"],
                rows=[[s, f"{v:,.2f}"] for s, v in per_supplier.items()],
            ),
            Heading(text="Recommendations"),
            BulletList(
                items=[
                    "Move the galvanised coil volume to a two-supplier model before the July price reset.",
                    "Ask Kessler Stahl for an index-linked surcharge instead of the fixed quarterly premium.",
                    "*Do not* renew the spot agreement for precision tube without a quality audit.",
                ]
            ),
        ],
    )
    clock.at(REPORT_TIMES[1])
    report_path = f"{PROJECT}/Steel_Spend_Review_Q1_2026_v2.docx"
    disk.write_bytes(report_path, write_docx(report), created=REPORT_TIMES[0], modified=REPORT_TIMES[1])

    deck = PresentationSpec(
        properties=_props("Supplier consolidation: steel", DECK_TIMES),
        slides=[
            TitleSlide(title="Steel supplier consolidation", subtitle="Steering committee, 14 April 2026"),
            BulletSlide(
                title="Where we stand",
                bullets=[
                    f"Q1 call-offs EUR {total:,.0f} for {tonnes:,.0f} t",
                    f"{top} largest at EUR {per_supplier[top]:,.0f}",
                    "  fixed quarterly premium expires in June",
                ],
                notes="Numbers are from the Q1 spend review, which quotes the call-off tracker.",
            ),
            TableSlide(
                title="Spend by supplier",
                header=["Supplier", "EUR"],
                rows=[[s, f"{v:,.0f}"] for s, v in per_supplier.items()],
            ),
            ChartSlide(
                title="Q1 spend by supplier (kEUR)",
                chart_kind="bar",
                categories=list(per_supplier),
                series=[ChartSeries(name="Q1 2026", values=[round(v / 1000, 1) for v in per_supplier.values()])],
            ),
        ],
    )
    clock.at(DECK_TIMES[1])
    deck_path = f"{PROJECT}/Steering_Committee_Steel_2026-04-14.pptx"
    disk.write_bytes(deck_path, write_pptx(deck), created=DECK_TIMES[0], modified=DECK_TIMES[1])

    mail = EmailSpec(
        sender="Petra Lang <petra.lang@hollmann-components.de>",
        to=[f"{AUTHOR} <jonas.weber@hollmann-components.de>"],
        subject="Q1 call-off tracker (final figures)",
        date=MAIL_TIME,
        body=(
            "Hi Jonas,\n\nattached is the tracker with the March call-offs booked. Total value for the quarter is "
            f"EUR {total:,.2f}. Finance wants the split by supplier for the steering committee.\n\nBest,\nPetra"
        ),
        attachments=[Attachment(filename="Steel_Calloff_Tracker_Q1_2026.xlsx", content=tracker)],
    )
    clock.at(mail.date)
    disk.write_bytes("Documents/Mail/Inbox/2026-04-03_Q1_calloff_tracker.eml", write_eml(mail))
    invite = CalendarSpec(
        events=[
            EventSpec(
                uid="steel-steerco-20260302@hollmann-components.de",
                summary="Steering committee: steel supplier consolidation",
                start=STEERCO,
                end=STEERCO + timedelta(hours=1),
                location="Room B2.14",
                organizer=f"{AUTHOR} <jonas.weber@hollmann-components.de>",
                attendees=["Petra Lang <petra.lang@hollmann-components.de>"],
            )
        ]
    )
    clock.at(INVITE_TIME)
    disk.write_bytes("Downloads/steerco_steel.ics", write_ics(invite))
    clock.at(REPORT_TIMES[0] + timedelta(minutes=40))
    disk.write_bytes(
        "Pictures/q1_spend_by_supplier.png",
        write_image(
            ImageSpec(
                subject="chart",
                title="Q1 steel spend by supplier (kEUR)",
                labels=[s.split()[0] for s in per_supplier],
                values=[round(v / 1000, 1) for v in per_supplier.values()],
            )
        ),
    )
    clock.at(START - timedelta(minutes=20))
    disk.write_text(
        "Desktop/todo.md",
        "# This week\n\n- [ ] send steerco deck to Petra\n- [ ] ask Kessler for index-linked surcharge proposal\n",
    )
    clock.at(START)
    return disk, facts


def _script(total: float) -> list[Any]:
    from autogen_core import FunctionCall
    from autogen_core.models import CreateResult, RequestUsage

    def call(i: int, name: str, args: str) -> CreateResult:
        return CreateResult(
            finish_reason="function_calls",
            content=[FunctionCall(id=f"call_{i}", name=name, arguments=args)],
            usage=RequestUsage(prompt_tokens=0, completion_tokens=0),
            cached=False,
        )

    import json

    summary = {
        "path": f"~/{PROJECT}/Exec_Summary_Steel_Q1.docx",
        "title": "Executive summary: Q1 steel spend",
        "blocks": [
            {"type": "paragraph", "text": f"Q1 steel call-offs totalled **EUR {total:,.2f}** (tracker, By supplier)."},
            {"type": "bullets", "items": ["Consolidate galvanised coil to two suppliers", "Index-link the surcharge"]},
        ],
    }
    return [
        call(1, "list_directory", json.dumps({"path": f"~/{PROJECT}"})),
        call(2, "read_file", json.dumps({"path": f"~/{TRACKER}", "part": "By supplier"})),
        call(3, "create_document", json.dumps(summary)),
        "I read the tracker's supplier totals and wrote the executive summary next to the review.",
    ]


async def run_agent(disk: VirtualDisk, total: float) -> list[str]:
    """Let a plain AutoGen AssistantAgent work on the disk through the workbench; returns a transcript."""
    from autogen_agentchat.agents import AssistantAgent
    from autogen_agentchat.conditions import MaxMessageTermination, TextMessageTermination
    from autogen_agentchat.teams import RoundRobinGroupChat
    from autogen_ext.models.replay import ReplayChatCompletionClient

    from .tools import disk_workbench

    client = ReplayChatCompletionClient(
        _script(total),
        model_info={
            "vision": False,
            "function_calling": True,
            "json_output": False,
            "family": "unknown",
            "structured_output": False,
        },
    )
    agent = AssistantAgent(
        "jonas",
        model_client=client,
        workbench=disk_workbench(disk, actor=AUTHOR),
        max_tool_iterations=5,
        system_message="You are Jonas Weber, a procurement manager. Use the tools to work on your computer.",
    )
    done = TextMessageTermination("jonas") | MaxMessageTermination(12)
    team = RoundRobinGroupChat([agent], termination_condition=done)
    result = await team.run(task="Write a one-page executive summary of Q1 steel spend from the call-off tracker.")
    lines: list[str] = []
    for message in result.messages:
        text = message.to_text()
        lines.append(f"[{message.source}] {type(message).__name__}: {text[:600]}")
    return lines


def run_demo(out: str | Path) -> DemoResult:
    """Build the demo computer, let an agent work on it, and write the archive and the materialized home."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    disk, facts = build_demo_disk()
    transcript = asyncio.run(run_agent(disk, facts["total_spend"]))
    archive = out / "disk.scdisk"
    disk.to_archive(archive)
    home = disk.materialize(out / "home")
    files = [info.path for info in disk.walk() if not info.is_dir]
    return DemoResult(out=out, archive=archive, home=home, files=files, facts=facts, transcript=transcript)
