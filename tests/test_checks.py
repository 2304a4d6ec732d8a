"""Deliverable checks (synthcomp_agents.signals): every acceptance check type passes and fails, in plain words."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from synthcomp_agents.disk import VirtualDisk
from synthcomp_agents.objectives import (
    Deliverable,
    FileExists,
    HasColumns,
    HasHeadings,
    HasSheets,
    Mentions,
    MinSlides,
    MinWords,
    Objective,
    ObjectivePlan,
    QuotesValue,
    SentTo,
    StatesFact,
    fact_statement,
)
from synthcomp_agents.office import (
    Attachment,
    BulletSlide,
    ColumnSpec,
    DocumentSpec,
    EmailSpec,
    Heading,
    Paragraph,
    PresentationSpec,
    SheetSpec,
    SpreadsheetSpec,
    TitleSlide,
    write_docx,
    write_eml,
    write_pptx,
    write_xlsx,
)
from synthcomp_agents.signals import (
    DeliverableAudit,
    audit_plan,
    check_deliverable,
    collaborator_addresses,
    load_sent_mail,
    parse_numbers,
)

REPORT = "Documents/Reports/Review.docx"
BOOK = "Documents/Reports/Figures.xlsx"
DECK = "Documents/Reports/Deck.pptx"
NOTES = "Documents/Reports/notes.md"
CSV = "Documents/Reports/suppliers.csv"
TOM = "Tom Li <tom.li@acme.example>"
ME = "Ana Ruiz <ana.ruiz@acme.example>"
ADDRESSES = {"tom_li": "tom.li@acme.example", "eva_sanz": "eva.sanz@acme.example"}


def _deliverable(path: str, kind: str, checks: list[Any], did: str = "o1-d1") -> Deliverable:
    return Deliverable(
        deliverable_id=did,
        path=path,
        kind=kind,
        title="Review",
        audience="Steering committee",
        description="Spend by supplier.",
        acceptance_checks=checks,
        due_day=5,
        effort_hours=4,
    )


def _docx() -> bytes:
    blocks = [
        Heading(text="Executive summary"),
        Paragraph(text="Q1 spend reached EUR 1,465,552.50 across **Holloway S.L.** and four other suppliers."),
        Heading(text="Spend by supplier", level=2),
        Paragraph(text="The next supplier audit report is due on 31 January 2026, as Tom confirmed."),
    ]
    return write_docx(DocumentSpec(title="Spend review", blocks=blocks))


def _xlsx() -> bytes:
    rows: list[list[Any]] = [["Holloway S.L.", 1200.5], ["Pinecrest", 800.25], ["Total", "=SUM(B2:B3)"]]
    sheets = [
        SheetSpec(name="By supplier", columns=[ColumnSpec(header="Supplier"), ColumnSpec(header="Spend")], rows=rows)
    ]
    return write_xlsx(SpreadsheetSpec(sheets=sheets))


def _pptx(n: int = 3) -> bytes:
    slides: list[Any] = [TitleSlide(title="Steering deck", subtitle="April")]
    slides += [BulletSlide(title=f"Point {i}", bullets=[f"Spend 1.47m, item {i}"]) for i in range(1, n)]
    return write_pptx(PresentationSpec(slides=slides))


@pytest.fixture()
def disk() -> VirtualDisk:
    d = VirtualDisk(user="ana")
    d.write_bytes(REPORT, _docx())
    d.write_bytes(BOOK, _xlsx())
    d.write_bytes(DECK, _pptx())
    d.write_text(NOTES, "# Notes\n\n## Open points\n\nThe margin is **12.5%** of spend; ask Tom.\n")
    d.write_text(CSV, "Supplier,Spend (EUR)\nHolloway,1200\n")
    return d


def _one(disk: VirtualDisk, path: str, kind: str, check: Any, **kwargs: Any) -> tuple[bool, str]:
    audit = check_deliverable(disk, _deliverable(path, kind, [check]), **kwargs)
    assert len(audit.checks) == 1 and audit.checks[0].check_type == check.type
    return audit.checks[0].passed, audit.checks[0].detail


# --- exists --------------------------------------------------------------------------------------------------------


def test_exists_passes_for_every_kind(disk: VirtualDisk) -> None:
    for path, kind in ((REPORT, "docx"), (BOOK, "xlsx"), (DECK, "pptx"), (NOTES, "md"), (CSV, "csv")):
        ok, detail = _one(disk, path, kind, FileExists())
        assert ok, detail
        assert "opens" in detail


def test_exists_fails_when_missing_and_points_at_a_misplaced_copy(disk: VirtualDisk) -> None:
    disk.write_bytes("Desktop/Review.docx", _docx())
    disk.delete(REPORT)
    audit = check_deliverable(disk, _deliverable(REPORT, "docx", [FileExists(), Mentions(text="Holloway")]))
    assert not audit.exists and not audit.passed and audit.fraction_passed == 0
    assert "does not exist" in audit.checks[0].detail and "Desktop/Review.docx" in audit.checks[0].detail
    assert "does not exist" in audit.checks[1].detail  # every file check says why


def test_exists_fails_when_the_file_does_not_open(disk: VirtualDisk) -> None:
    disk.write_bytes("Documents/Reports/Broken.docx", b"this is not a zip")
    audit = check_deliverable(
        disk, _deliverable("Documents/Reports/Broken.docx", "docx", [FileExists(), Mentions(text="x")])
    )
    assert audit.exists and not audit.passed
    assert "does not open" in audit.checks[0].detail
    assert "does not open" in audit.checks[1].detail


# --- structure -----------------------------------------------------------------------------------------------------


def test_headings_docx_md_and_pptx(disk: VirtualDisk) -> None:
    assert _one(disk, REPORT, "docx", HasHeadings(headings=["executive SUMMARY", "by supplier"]))[0]
    assert _one(disk, NOTES, "md", HasHeadings(headings=["Open points"]))[0]
    assert _one(disk, DECK, "pptx", HasHeadings(headings=["Point 2"]))[0]
    ok, detail = _one(disk, REPORT, "docx", HasHeadings(headings=["Summary", "Risks", "Next steps"]))
    assert not ok
    assert "'Risks', 'Next steps'" in detail and "'Executive summary'" in detail
    # body text is not a heading
    assert not _one(disk, REPORT, "docx", HasHeadings(headings=["supplier audit"]))[0]


def test_sheets(disk: VirtualDisk) -> None:
    assert _one(disk, BOOK, "xlsx", HasSheets(sheets=["by supplier"]))[0]
    ok, detail = _one(disk, BOOK, "xlsx", HasSheets(sheets=["By supplier", "Summary"]))
    assert not ok and "missing sheet(s) 'Summary'" in detail and "'By supplier'" in detail
    ok, detail = _one(disk, REPORT, "docx", HasSheets(sheets=["x"]))
    assert not ok and "no sheets" in detail


def test_columns_xlsx_and_csv(disk: VirtualDisk) -> None:
    assert _one(disk, BOOK, "xlsx", HasColumns(columns=["supplier", "Spend"]))[0]
    assert _one(disk, BOOK, "xlsx", HasColumns(sheet="By supplier", columns=["Spend"]))[0]
    assert _one(disk, CSV, "csv", HasColumns(columns=["Spend (EUR)"]))[0]
    ok, detail = _one(disk, BOOK, "xlsx", HasColumns(columns=["Supplier", "Owner"]))
    assert not ok and "lacks column(s) 'Owner'" in detail and "'Supplier', 'Spend'" in detail
    ok, detail = _one(disk, BOOK, "xlsx", HasColumns(sheet="Totals", columns=["Spend"]))
    assert not ok and "no sheet 'Totals'" in detail
    ok, detail = _one(disk, CSV, "csv", HasColumns(columns=["Owner"]))
    assert not ok and "'Supplier', 'Spend (EUR)'" in detail


def test_min_slides(disk: VirtualDisk) -> None:
    assert _one(disk, DECK, "pptx", MinSlides(count=3))[0]
    ok, detail = _one(disk, DECK, "pptx", MinSlides(count=5))
    assert not ok and detail == "3 slide(s); at least 5 required"


def test_min_words(disk: VirtualDisk) -> None:
    ok, detail = _one(disk, REPORT, "docx", MinWords(count=20))
    assert ok, detail
    ok, detail = _one(disk, NOTES, "md", MinWords(count=500))
    assert not ok and "at least 500 required" in detail


def test_mentions_ignores_case_whitespace_and_markup(disk: VirtualDisk) -> None:
    ok, detail = _one(disk, REPORT, "docx", Mentions(text="holloway   s.l."))
    assert ok and "holloway s.l." in detail
    assert _one(disk, NOTES, "md", Mentions(text="margin is 12.5%"))[0]  # **12.5%** in the Markdown source
    ok, detail = _one(disk, REPORT, "docx", Mentions(text="Northbridge"))
    assert not ok and "never mentions 'Northbridge'" in detail


def test_states_fact(disk: VirtualDisk) -> None:
    ok, detail = _one(disk, REPORT, "docx", StatesFact(collaborator="tom_li", topic="audit", value="31 january 2026"))
    assert ok and "tom_li" in detail
    ok, detail = _one(disk, REPORT, "docx", StatesFact(collaborator="tom_li", topic="audit", value="2026-01-31"))
    assert ok, detail  # the same date in another written form
    ok, detail = _one(
        disk, REPORT, "docx", StatesFact(collaborator="tom_li", topic="audit deadline", value="2026-02-28")
    )
    assert not ok and "'2026-02-28'" in detail and "'audit deadline' from tom_li" in detail


@pytest.mark.parametrize(
    ("text", "fact", "passes"),
    [
        ("The site audit is now booked for 23 January 2026.", "audit on 2026-01-23", True),
        ("Audit: Jan 23, 2026 (confirmed by Tom).", "audit on 2026-01-23", True),
        ("We meet the auditors on 23/01/2026.", "auditors on 2026-01-23", True),
        ("Key dates: 2026-01-21, 2026-01-22, 2026-01-23, 2026-01-26, 2026-01-27.", "audit on 2026-01-23", False),
        ("Central will be dropped from scope next quarter.", "Central site will be dropped", True),
        ("The audit happens. Its date is unknown. 23 January 2026 is a Friday.", "audit on 2026-01-23", False),
        # the decision the other way round is not the fact (issue 12: this passed while only a detector caught it)
        ("We will keep the Central site in scope.", "Central site will be dropped", False),
        ("The Central site will not be dropped.", "Central site will be dropped", False),
        ("Central site won't be closed after all.", "Central site will be closed", False),
        ("Caroline confirmed Central site is being dropped; no change to North.", "Central site will be dropped", True),
        ("The revised budget was not approved by the board.", "revised budget approved by the board", False),
        ("Revised budget was approved by the board; no comments.", "revised budget approved by the board", True),
    ],
)
def test_states_fact_needs_a_statement(disk: VirtualDisk, text: str, fact: str, passes: bool) -> None:
    disk.write_text("Documents/f.md", f"# Notes\n\n{text}\n")
    ok, detail = _one(disk, "Documents/f.md", "md", StatesFact(collaborator="tom_li", topic="audit", value=fact))
    assert ok is passes, detail


_SITES = st.sampled_from(["Central", "Harbour", "North", "Line 3"])
_FILLER = st.sampled_from(["", "After the review, ", "As agreed with Caroline, ", "For the record: "])


@given(site=_SITES, lead=_FILLER)
@settings(max_examples=40, deadline=None)
def test_a_reversed_decision_never_states_the_fact(site: str, lead: str) -> None:
    fact = f"{site} site will be dropped"
    for reversed_text in (f"{lead}we will keep the {site} site.", f"{lead}the {site} site will not be dropped."):
        assert fact_statement(reversed_text, fact) is None, reversed_text
    assert fact_statement(f"{lead}the {site} site will be dropped.", fact) is not None


# --- grounding -----------------------------------------------------------------------------------------------------


def _quote(value: float, tolerance: float = 0.005) -> QuotesValue:
    return QuotesValue(
        source="Documents/Tracker.xlsx", locator="By supplier!B7", value=value, label="Q1 spend", tolerance=tolerance
    )


def test_quotes_value_in_text(disk: VirtualDisk) -> None:
    assert _one(disk, REPORT, "docx", _quote(1465552.5))[0]
    assert _one(disk, REPORT, "docx", _quote(1465000.0))[0]  # within 0.5%
    assert _one(disk, DECK, "pptx", _quote(1465552.5))[0]  # "1.47m"
    assert _one(disk, NOTES, "md", _quote(0.125))[0]  # 12.5% for a fraction
    ok, detail = _one(disk, REPORT, "docx", _quote(1520000.0))
    assert not ok
    assert "expected Q1 spend 1,520,000 from Documents/Tracker.xlsx (By supplier!B7)" in detail
    assert "1,465,552.5" in detail and "closest 1,465,552.5" in detail


def test_quotes_value_uses_evaluated_workbook_cells(disk: VirtualDisk) -> None:
    ok, detail = _one(disk, BOOK, "xlsx", _quote(2000.75, tolerance=0.0))  # =SUM(B2:B3), stated nowhere as text
    assert ok, detail
    ok, detail = _one(disk, BOOK, "xlsx", _quote(2100.0))
    assert not ok and "2,000.75" in detail


def test_quotes_value_rounding_needs_enough_digits(disk: VirtualDisk) -> None:
    disk.write_text("Documents/r.md", "Spend was about 2m.\n")
    assert not _one(disk, "Documents/r.md", "md", _quote(1465552.5))[0]  # one digit: 2m stands for 1.5m-2.5m
    disk.write_text("Documents/r.md", "Spend was 1.466m.\n")
    assert _one(disk, "Documents/r.md", "md", _quote(1465552.5, tolerance=0.0))[0]  # rounds to the digits shown
    disk.write_text("Documents/r.md", "Spend was 1.5 million.\n")
    assert _one(disk, "Documents/r.md", "md", _quote(1465552.5, tolerance=0.0))[0]


@pytest.mark.parametrize("stated", ["-0.9%", "-0.94%", "-0.0094", "−0.9 %"])
def test_quotes_value_accepts_displayed_precision(disk: VirtualDisk, stated: str) -> None:
    disk.write_text("Documents/r.md", f"Q1 spend moved {stated} against plan.\n")
    assert _one(disk, "Documents/r.md", "md", _quote(-0.009439, tolerance=0.0))[0]


def test_quotes_value_needs_the_label(disk: VirtualDisk) -> None:
    disk.write_text("Documents/r.md", "Audit pass rate: 1,465,552.50.\n\nQ1 spend is on track.\n")
    ok, detail = _one(disk, "Documents/r.md", "md", _quote(1465552.5))
    assert not ok and "never under a label" in detail
    disk.write_text("Documents/r.md", "| Item | EUR |\n|---|---|\n| Q1 spend (all suppliers) | 1,465,552.50 |\n")
    assert _one(disk, "Documents/r.md", "md", _quote(1465552.5))[0]


def test_parse_numbers_formats() -> None:
    assert 1465552.5 in parse_numbers("1,465,552.50")
    assert 1465552.5 in parse_numbers("1.465.552,50")
    assert 1465552.5 in parse_numbers("1\u00a0465\u00a0552,50")
    assert 1465552.5 in parse_numbers("1 465 552,50")
    assert 1470000.0 in parse_numbers("EUR 1.47m")
    assert 2.5e9 in parse_numbers("2.5 billion")
    assert {12.5, 0.125} <= set(parse_numbers("12.5 %"))
    assert -1200.0 in parse_numbers("(1,200)")
    assert parse_numbers("o3-d1 2025-11") == [3.0, 1.0, 2025.0, 11.0]  # dashes glued to words are not minus signs


def _styles(value: float) -> list[str]:
    us = f"{value:,.2f}"
    eu = us.replace(",", "_").replace(".", ",").replace("_", ".")
    return [
        us,
        eu,
        us.replace(",", " ").replace(".", ","),
        us.replace(",", "\u202f"),
        f"{value:.2f}",
        f"EUR {us}",
        f"{us} EUR",
        f"-{us}",
    ]


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**12), st.sampled_from(range(8)))
def test_formatted_numbers_round_trip(cents: int, style: int) -> None:
    value = cents / 100
    text = f"Total: {_styles(value)[style]}."
    expected = -value if style == 7 else value
    assert any(abs(v - expected) <= 1e-6 * max(1.0, abs(expected)) for v in parse_numbers(text)), (text, expected)


@settings(max_examples=100, deadline=None)
@given(st.floats(min_value=1e3, max_value=1e12, allow_nan=False))
def test_scaled_numbers_round_trip_within_their_rounding(value: float) -> None:
    for scale, suffix in ((1e3, "k"), (1e6, "m"), (1e9, "bn")):
        if value >= scale:
            text = f"about {value / scale:,.2f}{suffix}"
            assert any(abs(v - value) <= 0.005 * scale + 1e-6 * value for v in parse_numbers(text)), text


# --- mail ----------------------------------------------------------------------------------------------------------


def _mail(
    disk: VirtualDisk, name: str, to: str, attachment: tuple[str, bytes] | None, *, hour: int = 9, subject: str = ""
) -> None:
    atts = [Attachment(filename=attachment[0], content=attachment[1])] if attachment else []
    spec = EmailSpec(
        sender=ME,
        to=[to],
        subject=subject or f"Review {name}",
        body="Please review.",
        attachments=atts,
        date=datetime(2026, 4, 14, hour, 0, tzinfo=timezone.utc),
        message_id=f"<{name}@acme.example>",
    )
    disk.write_bytes(f"Mail/Sent/{name}.eml", write_eml(spec))


def _reply(disk: VirtualDisk, name: str, body: str, *, hour: int = 11) -> None:
    spec = EmailSpec(
        sender=TOM,
        to=[ME],
        subject=f"Re: Review {name}",
        body=body,
        date=datetime(2026, 4, 14, hour, 0, tzinfo=timezone.utc),
        in_reply_to=f"<{name}@acme.example>",
    )
    disk.write_bytes(f"Mail/Inbox/re-{name}.eml", write_eml(spec))


def test_sent_to_passes_when_the_reviewer_approves(disk: VirtualDisk) -> None:
    _mail(disk, "m1", TOM, ("Review.docx", disk.read_bytes(REPORT)))
    ok, detail = _one(disk, REPORT, "docx", SentTo(collaborator="tom_li"), addresses=ADDRESSES)
    assert not ok and "no review came back" in detail  # sent, but nobody answered: not reviewed
    _reply(disk, "m1", "Hi Ana,\n\nRead it, looks good to me; approved.\n\nTom")
    ok, detail = _one(disk, REPORT, "docx", SentTo(collaborator="tom_li"), addresses=ADDRESSES)
    assert ok and "tom.li@acme.example" in detail and "approved" in detail
    # without the address book, the identifier matches the display name
    assert _one(disk, REPORT, "docx", SentTo(collaborator="tom_li"))[0]


def test_sent_to_needs_the_comments_answered(disk: VirtualDisk) -> None:
    _mail(disk, "m1", TOM, ("Review.docx", disk.read_bytes(REPORT)))
    _reply(disk, "m1", "Hi Ana,\n\nPlease add the audit date, it is missing.\n\nTom")
    ok, detail = _one(disk, REPORT, "docx", SentTo(collaborator="tom_li"), addresses=ADDRESSES)
    assert not ok and "asked for changes" in detail and "nothing answered them" in detail
    _mail(disk, "m2", TOM, None, hour=15, subject="Re: Review m1")  # an answer after the comments
    ok, detail = _one(disk, REPORT, "docx", SentTo(collaborator="tom_li"), addresses=ADDRESSES)
    assert ok and "answered by mail" in detail


def test_sent_to_counts_a_revision_after_the_comments(disk: VirtualDisk) -> None:
    _mail(disk, "m1", TOM, ("Review.docx", b"an older draft"))
    _reply(disk, "m1", "Hi Ana,\n\nPlease add the audit date, it is missing.\n\nTom")
    ok, detail = _one(disk, REPORT, "docx", SentTo(collaborator="tom_li"), addresses=ADDRESSES)
    assert ok and "revised after their comments" in detail


def test_fyi_mail_is_not_review(disk: VirtualDisk) -> None:
    _mail(disk, "m1", TOM, ("Review.docx", disk.read_bytes(REPORT)), subject="fyi: the report")
    ok, detail = _one(disk, REPORT, "docx", SentTo(collaborator="tom_li"), addresses=ADDRESSES)
    assert not ok and "no review came back" in detail


def test_sent_to_fails_without_mail_or_attachment(disk: VirtualDisk) -> None:
    ok, detail = _one(disk, REPORT, "docx", SentTo(collaborator="eva_sanz"), addresses=ADDRESSES)
    assert not ok and "no mail in the sent folder goes to eva_sanz <eva.sanz@acme.example>" in detail
    _mail(disk, "m2", TOM, ("Figures.xlsx", b"x"))
    ok, detail = _one(disk, REPORT, "docx", SentTo(collaborator="tom_li"), addresses=ADDRESSES)
    assert not ok and "none attaches 'Review.docx'" in detail and "'Figures.xlsx'" in detail
    # a mail in the inbox does not count as sent
    disk.move("Mail/Sent/m2.eml", "Mail/Inbox/m2.eml")
    assert load_sent_mail(disk) == []


def test_collaborator_addresses_from_collaboration_context() -> None:
    context = {"collaborators": [{"identifier": "tom_li", "email": "Tom.Li@acme.example", "name": "Tom Li"}]}
    assert collaborator_addresses(context) == {"tom_li": "tom.li@acme.example"}
    assert collaborator_addresses(context["collaborators"]) == {"tom_li": "tom.li@acme.example"}


# --- a plan ----------------------------------------------------------------------------------------------------------


def test_audit_plan_in_plan_order_with_summary(disk: VirtualDisk) -> None:
    _mail(disk, "m1", TOM, ("Review.docx", disk.read_bytes(REPORT)))
    _reply(disk, "m1", "Hi Ana,\n\nFine to submit.\n\nTom")

    def objective(n: int) -> Objective:
        report = _deliverable(
            REPORT if n == 1 else f"Documents/R{n}.docx",
            "docx",
            [
                FileExists(),
                HasHeadings(headings=["Executive summary"]),
                _quote(1465552.5),
                SentTo(collaborator="tom_li"),
            ],
            did=f"o{n}-d1",
        )
        deck = _deliverable(DECK if n == 1 else f"Documents/D{n}.pptx", "pptx", [MinSlides(count=2)], did=f"o{n}-d2")
        return Objective(
            objective_id=f"o{n}",
            title="Review",
            why="Renewals.",
            deliverables=[report, deck],
            due_day=5,
            effort_hours=8,
        )

    plan = ObjectivePlan(
        computer_id="c", start_date=datetime(2026, 4, 13).date(), objectives=[objective(n) for n in (1, 2, 3)]
    )
    audits = audit_plan(disk, plan, addresses=ADDRESSES)
    assert [a.deliverable_id for a in audits] == [d.deliverable_id for d in plan.deliverables()]
    assert [a.passed for a in audits] == [True, True, False, False, False, False]
    assert "4/4 checks passed" in audits[0].summary()
    missing = audits[2]
    assert isinstance(missing, DeliverableAudit) and missing.fraction_passed == 0.0
    assert "[FAIL] exists: Documents/R2.docx does not exist" in missing.summary()
    assert [c.check_type for c in missing.failures()] == ["exists", "has_headings", "quotes_value", "sent_to"]
    assert DeliverableAudit.model_validate_json(missing.model_dump_json()).checks == missing.checks


@given(st.text(alphabet="0123456789.,' \u00a0%-()mk", max_size=40))
@settings(max_examples=300, deadline=None)
def test_parse_numbers_never_raises_on_runs_of_digits_and_separators(text: str) -> None:
    assert all(isinstance(v, float) for v in parse_numbers(text))  # '1.002 987' once raised ValueError
