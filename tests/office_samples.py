"""Realistic office specs shared by the writer tests, the LibreOffice tests and tools/bench_office_writers.py."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from synthcomp_agents.office import (
    Attachment,
    BulletList,
    BulletSlide,
    CalendarSpec,
    ChartSeries,
    ChartSlide,
    ChartSpec,
    ColumnSpec,
    CsvSpec,
    DocProperties,
    DocumentSpec,
    EmailSpec,
    EventSpec,
    Heading,
    ImageSpec,
    NumberedList,
    PageBreak,
    Paragraph,
    PresentationSpec,
    SheetSpec,
    SpreadsheetSpec,
    Table,
    TableSlide,
    TitleSlide,
    TwoColumnSlide,
)
from synthcomp_agents.office._specs import Block

UTC = timezone.utc
PROPS = DocProperties(
    title="Q3 Procurement Quarterly Review",
    author="Ana Ruiz",
    last_modified_by="Tomasz Nowak",
    subject="Indirect procurement",
    keywords="procurement, suppliers, Q3, savings",
    created=datetime(2025, 10, 2, 8, 30, tzinfo=UTC),
    modified=datetime(2025, 10, 9, 16, 45, tzinfo=UTC),
)

SUPPLIERS = [
    ("Nordlicht Logistics GmbH", "Freight", 412_300, 398_950, 0.962),
    ("Castellan Office Supply", "Stationery", 48_250, 51_020, 0.914),
    ("Meridian Facilities Ltd", "Facilities", 265_400, 259_100, 0.981),
    ("Aquila IT Services", "IT services", 538_900, 560_300, 0.947),
    ("Harbor Print & Mail", "Print", 31_780, 29_640, 0.899),
    ("Verdant Catering Co.", "Catering", 77_120, 74_860, 0.973),
]


def procurement_review(sections: int = 3) -> DocumentSpec:
    """A multi-page quarterly procurement review; ``sections=3`` is about five pages."""
    blocks: list[Block] = [
        Heading(text="Executive summary"),
        Paragraph(
            text="Indirect spend for the third quarter came in at **$1,373,750**, which is **2.1% below plan**. "
            "Savings were driven by the freight tender concluded in July and by consolidating stationery orders "
            "onto a single catalogue. IT services remain *above budget* because of the unplanned laptop refresh."
        ),
        BulletList(
            items=[
                "Freight: **$13,350** saved after the Nordlicht re-tender",
                "Facilities: cleaning scope reduced on floors 3 and 4 from *15 August*",
                "IT services: **$21,400** over plan; refresh pulled forward from Q1",
            ]
        ),
    ]
    regions = ["Central Europe", "Nordics", "Iberia", "United Kingdom", "Benelux"]
    for n in range(sections):
        region = regions[n % len(regions)]
        blocks += [
            Heading(text=f"Supplier performance: {region}"),
            Paragraph(
                text=f"The {region} category team reviewed {18 + n} active contracts this quarter. On-time delivery "
                "averaged 94.6%, against a service-level target of 95%. Two suppliers were placed on improvement "
                "plans; both have submitted corrective actions with dates owned by named account managers. "
                "Invoice accuracy improved after the purchase-order matching rule went live on 1 September, "
                "cutting manual exceptions in accounts payable by roughly a third."
            ),
            Heading(text="Spend against plan", level=2),
            Table(
                caption=f"Table {n + 1}. Q3 spend by supplier, {region} (USD)",
                header=["Supplier", "Category", "Plan", "Actual", "On-time rate"],
                rows=[[name, cat, plan, actual, f"{rate:.1%}"] for name, cat, plan, actual, rate in SUPPLIERS],
            ),
            Heading(text="Actions for Q4", level=2),
            NumberedList(
                items=[
                    "Finalise the catering framework agreement with Legal by **14 November**",
                    "Run a mini-competition for print and mail with three shortlisted vendors",
                    "Move IT accessories onto the punch-out catalogue to stop off-contract buying",
                ]
            ),
            Heading(text="Risks and dependencies", level=3),
            Paragraph(
                text="Fuel surcharges in the freight contract are indexed monthly; a sustained rise of ten percent "
                "would add about *$9,000* per quarter. The facilities contract renews in March and needs a "
                "decision on scope by the end of January so that the tender timetable holds."
            ),
            Heading(text="Owner notes", level=4),
            Paragraph(text="Figures reconcile to the ledger extract of 3 October (cost centres 4100-4190)."),
            PageBreak(),
        ]
    blocks.append(Heading(text="Appendix: method"))
    blocks.append(
        Paragraph(text="Plan figures come from the FY budget v3; actuals are invoice dates within the quarter.")
    )
    return DocumentSpec(
        title="Q3 Procurement Quarterly Review",
        subtitle="Indirect procurement · prepared for the Finance Leadership Team, 9 October 2025",
        blocks=blocks,
        header="Northwind Components · Procurement",
        footer="Internal · Q3 FY25 review",
        properties=PROPS,
    )


def clinical_budget(rows: int = 24) -> SpreadsheetSpec:
    """A clinical-trial site budget workbook: per-visit costs with formulas, a monthly tracker and a chart."""
    visits = ["Screening", "Baseline", "Week 2", "Week 4", "Week 8", "Week 12", "Week 24", "End of study"]
    budget_rows: list[list[object]] = []
    for i in range(rows):
        r = i + 2
        visit = visits[i % len(visits)]
        site = ["Lyon (site 101)", "Porto (site 104)", "Gdansk (site 107)"][i % 3]
        budget_rows.append(
            [
                f"{visit} - {site}",
                date(2025, 1, 6) + timedelta(days=14 * i),
                3 + i % 5,
                412.5 + 17.25 * (i % 7),
                f"=C{r}*D{r}",
                0.18 if i % 2 else 0.15,
                f"=E{r}*(1+F{r})",
                i % 4 != 0,
            ]
        )
    n = rows + 1
    budget_rows.append(["Total", None, f"=SUM(C2:C{n})", None, f"=SUM(E2:E{n})", None, f"=SUM(G2:G{n})", None])
    monthly = [[datetime(2025, m, 28, 17, 0), 18_400 + 650 * m, 17_950 + 610 * m + (m % 3) * 240] for m in range(1, 13)]
    tracker_rows: list[list[object]] = [
        [d, plan, act, f"=C{k + 2}-B{k + 2}"] for k, (d, plan, act) in enumerate(monthly)
    ]
    return SpreadsheetSpec(
        sheets=[
            SheetSpec(
                name="Visit budget",
                columns=[
                    ColumnSpec(header="Visit and site"),
                    ColumnSpec(header="Planned date", number_format="yyyy-mm-dd"),
                    ColumnSpec(header="Patients", number_format="#,##0"),
                    ColumnSpec(header="Cost per patient", number_format='"$"#,##0.00'),
                    ColumnSpec(header="Subtotal", number_format='"$"#,##0.00'),
                    ColumnSpec(header="Overhead", number_format="0.0%"),
                    ColumnSpec(header="Total with overhead", number_format='"$"#,##0.00', width=20),
                    ColumnSpec(header="Contract signed"),
                ],
                rows=budget_rows,
                chart=ChartSpec(kind="column", title="Cost per patient by visit", category_column=0, value_columns=[3]),
            ),
            SheetSpec(
                name="Monthly tracker",
                columns=[
                    ColumnSpec(header="Month end", number_format="yyyy-mm-dd hh:mm"),
                    ColumnSpec(header="Plan", number_format="#,##0"),
                    ColumnSpec(header="Actual", number_format="#,##0"),
                    ColumnSpec(header="Variance", number_format="#,##0;[Red]-#,##0"),
                ],
                rows=tracker_rows,
                chart=ChartSpec(
                    kind="line", title="Plan vs actual", category_column=0, value_columns=[1, 2], anchor="F2"
                ),
            ),
            SheetSpec(
                name="Assumptions",
                columns=[ColumnSpec(header="Item"), ColumnSpec(header="Value"), ColumnSpec(header="Source")],
                rows=[
                    ["Screen failure rate", 0.22, "Protocol v4.1, section 9.2"],
                    ["Site initiation fee", 6500, "CTA template, schedule B"],
                    ["Archiving fee per site", 1200, "Vendor quote Q-2291"],
                ],
                freeze_header=False,
            ),
        ],
        properties=DocProperties(
            title="Site budget - Study NVX-204",
            author="Dr. Claire Fontaine",
            subject="Clinical operations",
            keywords="budget, sites, NVX-204",
            created=datetime(2025, 1, 3, 9, 0, tzinfo=UTC),
            modified=datetime(2025, 2, 11, 14, 20, tzinfo=UTC),
        ),
    )


def quarterly_deck(slides: int = 10) -> PresentationSpec:
    """A supplier-review deck: title, bullets with sub-levels, two columns, table and chart slides."""
    deck: list[object] = [
        TitleSlide(
            title="Q3 Procurement Review",
            subtitle="Finance Leadership Team · 9 October 2025",
            notes="Open with the headline: 2.1% under plan.",
        ),
        BulletSlide(
            title="Headlines",
            bullets=[
                "Spend **$1.37M**, 2.1% below plan",
                "  Freight re-tender saved $13k",
                "  Stationery consolidated on one catalogue",
                "IT services *over plan* by $21k",
                "    Laptop refresh pulled forward",
            ],
            notes="Pause on IT: the refresh was approved by the CIO in June.",
        ),
        TwoColumnSlide(
            title="Risks and mitigations",
            left_heading="Risks",
            left=["Fuel surcharge indexation", "Facilities renewal in March"],
            right_heading="Mitigations",
            right=["Cap surcharge at 6% in addendum", "Scope decision by end of January"],
        ),
        TableSlide(
            title="Top suppliers",
            header=["Supplier", "Plan", "Actual"],
            rows=[[s[0], s[2], s[3]] for s in SUPPLIERS[:5]],
            notes="Numbers reconcile to the ledger extract of 3 October.",
        ),
        ChartSlide(
            title="Plan vs actual by category",
            chart_kind="column",
            categories=[s[1] for s in SUPPLIERS],
            series=[
                ChartSeries(name="Plan", values=[float(s[2]) for s in SUPPLIERS]),
                ChartSeries(name="Actual", values=[float(s[3]) for s in SUPPLIERS]),
            ],
            notes="Only IT services and stationery are above plan.",
        ),
    ]
    extra = 0
    while len(deck) < slides:
        extra += 1
        deck.append(
            BulletSlide(
                title=f"Category deep dive {extra}: {SUPPLIERS[extra % len(SUPPLIERS)][1]}",
                bullets=[
                    f"Main supplier: {SUPPLIERS[extra % len(SUPPLIERS)][0]}",
                    "  Contract renews in the next two quarters",
                    "On-time delivery tracked weekly",
                    "Next step: benchmark against two alternative vendors",
                ],
                notes="Keep to two minutes per category.",
            )
        )
    return PresentationSpec(slides=deck[:slides], properties=PROPS)


def supplier_csv() -> CsvSpec:
    """A supplier extract as CSV."""
    return CsvSpec(
        header=["Supplier", "Category", "Plan (USD)", "Actual (USD)", "On-time rate"],
        rows=[[s[0], s[1], s[2], s[3], s[4]] for s in SUPPLIERS],
    )


def review_email(attachment: bytes) -> EmailSpec:
    """An e-mail that carries the review as an attachment and replies into a thread."""
    return EmailSpec(
        sender="Ana Ruiz <ana.ruiz@northwind-components.com>",
        to=["Tomasz Nowak <tomasz.nowak@northwind-components.com>"],
        cc=["Finance Leadership <flt@northwind-components.com>"],
        subject="Re: Q3 procurement review - final draft",
        date=datetime(2025, 10, 9, 16, 52, tzinfo=timezone(timedelta(hours=2))),
        body="Hi Tomasz,\n\nAttached is the final draft of the Q3 review. The freight savings now reconcile to "
        "the ledger (cost centres 4100-4190).\n\nCould you check the IT services variance before Thursday?\n\n"
        "Thanks,\nAna",
        attachments=[
            Attachment(filename="Q3 Procurement Review.docx", content=attachment),
            Attachment(filename="suppliers.csv", content=b"Supplier,Plan\nNordlicht Logistics GmbH,412300\n"),
        ],
        in_reply_to="<q3-review-draft-2@northwind-components.com>",
        references=["<q3-review-draft-1@northwind-components.com>", "<q3-review-draft-2@northwind-components.com>"],
    )


def review_calendar() -> CalendarSpec:
    """A calendar with a weekly recurring check-in and a one-off review meeting."""
    return CalendarSpec(
        name="Procurement",
        events=[
            EventSpec(
                uid="q3-review-2025@northwind-components.com",
                summary="Q3 procurement review with FLT",
                start=datetime(2025, 10, 16, 9, 0, tzinfo=timezone(timedelta(hours=2))),
                end=datetime(2025, 10, 16, 10, 30, tzinfo=timezone(timedelta(hours=2))),
                location="Boardroom 4.02, Lyon office",
                description="Walk through the Q3 review and agree Q4 actions.",
                organizer="Ana Ruiz <ana.ruiz@northwind-components.com>",
                attendees=[
                    "Tomasz Nowak <tomasz.nowak@northwind-components.com>",
                    "Mei Lin <mei.lin@northwind-components.com>",
                ],
            ),
            EventSpec(
                uid="freight-checkin@northwind-components.com",
                summary="Freight supplier check-in",
                start=datetime(2025, 10, 6, 14, 0, tzinfo=UTC),
                end=datetime(2025, 10, 6, 14, 30, tzinfo=UTC),
                organizer="Ana Ruiz <ana.ruiz@northwind-components.com>",
                rrule="FREQ=WEEKLY;BYDAY=MO;COUNT=8",
            ),
        ],
    )


def images() -> list[ImageSpec]:
    """One image spec per subject."""
    return [
        ImageSpec(subject="photo", width=640, height=420, seed=7, format="jpg"),
        ImageSpec(
            subject="chart",
            title="Q3 spend by category (USD k)",
            labels=["Freight", "IT", "Facilities", "Catering", "Print"],
            values=[399, 560, 259, 75, 30],
        ),
        ImageSpec(
            subject="diagram",
            title="Purchase-to-pay flow",
            labels=["Requisition", "Approval", "Purchase order", "Goods receipt", "Invoice match", "Payment"],
            width=900,
            height=500,
        ),
        ImageSpec(subject="screenshot", title="Supplier portal - Invoices", width=1024, height=640, seed=3),
        ImageSpec(subject="scan", title="Signed delivery note 4471", width=620, height=877, seed=5, format="jpg"),
        ImageSpec(subject="logo", title="Northwind Components", width=400, height=200, seed=11),
    ]
