"""Pydantic specs for office artifacts: what a model or a generator fills in, and a writer renders.

Every spec is plain data (JSON-serializable) so that an LLM can produce it with structured output and a tool can
accept it as arguments. Inline emphasis in text uses a tiny Markdown subset: ``**bold**`` and ``*italic*``.

Example:
    >>> from synthcomp_agents.office import DocumentSpec, Heading, Paragraph
    >>> blocks = [Heading(text="Summary"), Paragraph(text="Spend fell **4%**.")]
    >>> spec = DocumentSpec(title="Q3 Supplier Review", blocks=blocks)
    >>> spec.blocks[0].level
    1
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field


class _Spec(BaseModel):
    model_config = ConfigDict(extra="forbid")


# ---------------------------------------------------------------------------------------------------------------------
# Shared
# ---------------------------------------------------------------------------------------------------------------------


class DocProperties(_Spec):
    """Core document properties (docx/xlsx/pptx/pdf metadata). Times are simulated times, tz-aware or UTC."""

    title: str | None = Field(default=None, description="Document title stored in the file's properties.")
    author: str | None = Field(default=None, description="Author (creator) of the file, e.g. 'Ana Ruiz'.")
    last_modified_by: str | None = Field(default=None, description="Who saved it last; defaults to the author.")
    subject: str | None = Field(default=None, description="Subject or project the file belongs to.")
    keywords: str | None = Field(default=None, description="Comma-separated keywords.")
    created: datetime | None = Field(default=None, description="Creation time (simulated).")
    modified: datetime | None = Field(default=None, description="Last modification time (simulated).")


# ---------------------------------------------------------------------------------------------------------------------
# Documents (docx, pdf)
# ---------------------------------------------------------------------------------------------------------------------


class Heading(_Spec):
    """A section heading."""

    type: Literal["heading"] = "heading"
    text: str = Field(description="Heading text, e.g. 'Budget variance by cost centre'.")
    level: int = Field(default=1, ge=1, le=4, description="1 = top-level section, 2-4 = subsections.")


class Paragraph(_Spec):
    """A paragraph; **bold** and *italic* inline markup are rendered as real formatting."""

    type: Literal["paragraph"] = "paragraph"
    text: str = Field(description="Paragraph text; use **bold** and *italic* for emphasis.")


class BulletList(_Spec):
    """A bulleted list."""

    type: Literal["bullets"] = "bullets"
    items: list[str] = Field(min_length=1, description="One string per bullet; **bold**/*italic* allowed.")


class NumberedList(_Spec):
    """A numbered list."""

    type: Literal["numbered"] = "numbered"
    items: list[str] = Field(min_length=1, description="One string per item, in order.")


CellText = str | int | float | None


class Table(_Spec):
    """A table with a header row."""

    type: Literal["table"] = "table"
    header: list[str] = Field(min_length=1, description="Column headings.")
    rows: list[list[CellText]] = Field(description="Data rows; each as long as the header.")
    caption: str | None = Field(default=None, description="Optional caption shown above the table.")


class PageBreak(_Spec):
    """Start a new page."""

    type: Literal["page_break"] = "page_break"


Block = Annotated[Heading | Paragraph | BulletList | NumberedList | Table | PageBreak, Field(discriminator="type")]


class DocumentSpec(_Spec):
    """A word-processing document (rendered to docx, or to pdf by the pdf writer)."""

    title: str = Field(description="Title shown at the top of the first page.")
    subtitle: str | None = Field(default=None, description="Optional line under the title (e.g. date, audience).")
    blocks: list[Block] = Field(default_factory=list, description="Body content in order.")
    header: str | None = Field(default=None, description="Running header text on every page.")
    footer: str | None = Field(default=None, description="Running footer text on every page (page numbers added).")
    properties: DocProperties | None = Field(default=None, description="File metadata.")


# ---------------------------------------------------------------------------------------------------------------------
# Spreadsheets (xlsx) and csv
# ---------------------------------------------------------------------------------------------------------------------

CellValue = bool | int | float | date | datetime | str | None
"""A cell: number, date, text or None; a string starting with '=' is a formula (e.g. '=SUM(B2:B13)')."""


class ColumnSpec(_Spec):
    """One column of a sheet."""

    header: str = Field(description="Header text in row 1.")
    width: float | None = Field(default=None, description="Column width in characters; auto from content if omitted.")
    number_format: str | None = Field(
        default=None,
        description="Excel number format for the data cells, e.g. '#,##0.00', '\"$\"#,##0', '0.0%', 'yyyy-mm-dd'.",
    )


class ChartSpec(_Spec):
    """A native chart built from a sheet's columns (xlsx) or from explicit series (pptx)."""

    kind: Literal["bar", "column", "line", "pie"] = Field(default="column", description="Chart type.")
    title: str = Field(description="Chart title.")
    category_column: int = Field(default=0, ge=0, description="0-based column index holding the category labels.")
    value_columns: list[int] = Field(default_factory=lambda: [1], description="0-based column indexes of the series.")
    anchor: str | None = Field(
        default=None, description="Top-left cell for the chart, e.g. 'H2'; placed right of the data if omitted."
    )


class SheetSpec(_Spec):
    """One worksheet: a header row from ``columns`` then ``rows``."""

    name: str = Field(max_length=31, description="Sheet name (max 31 characters, no []:*?/\\).")
    columns: list[ColumnSpec] = Field(min_length=1, description="Columns in order.")
    rows: list[list[CellValue]] = Field(default_factory=list, description="Data rows below the header.")
    freeze_header: bool = Field(default=True, description="Keep the header row visible when scrolling.")
    chart: ChartSpec | None = Field(default=None, description="Optional native chart over this sheet's data.")


class SpreadsheetSpec(_Spec):
    """A workbook with one or more sheets."""

    sheets: list[SheetSpec] = Field(min_length=1, description="Worksheets in order.")
    properties: DocProperties | None = Field(default=None, description="File metadata.")


class CsvSpec(_Spec):
    """A CSV table."""

    header: list[str] = Field(min_length=1, description="Column names.")
    rows: list[list[CellText]] = Field(default_factory=list, description="Data rows.")
    delimiter: str = Field(default=",", min_length=1, max_length=1, description="Field separator.")


# ---------------------------------------------------------------------------------------------------------------------
# Presentations (pptx)
# ---------------------------------------------------------------------------------------------------------------------


class TitleSlide(_Spec):
    """Opening slide with a title and subtitle."""

    type: Literal["title"] = "title"
    title: str
    subtitle: str | None = None
    notes: str | None = Field(default=None, description="Speaker notes.")


class BulletSlide(_Spec):
    """Title plus bullets; indent a bullet with leading two spaces per level ('  sub-point')."""

    type: Literal["bullets"] = "bullets"
    title: str
    bullets: list[str] = Field(min_length=1)
    notes: str | None = None


class TwoColumnSlide(_Spec):
    """Title plus two bullet columns (e.g. 'Before' / 'After', 'Risks' / 'Mitigations')."""

    type: Literal["two_column"] = "two_column"
    title: str
    left_heading: str | None = None
    left: list[str] = Field(min_length=1)
    right_heading: str | None = None
    right: list[str] = Field(min_length=1)
    notes: str | None = None


class TableSlide(_Spec):
    """Title plus a table."""

    type: Literal["table"] = "table"
    title: str
    header: list[str] = Field(min_length=1)
    rows: list[list[CellText]]
    notes: str | None = None


class ChartSeries(_Spec):
    """One data series of a slide chart."""

    name: str
    values: list[float]


class ChartSlide(_Spec):
    """Title plus a native chart."""

    type: Literal["chart"] = "chart"
    title: str
    chart_kind: Literal["bar", "column", "line", "pie"] = "column"
    categories: list[str] = Field(min_length=1)
    series: list[ChartSeries] = Field(min_length=1, description="Each series has one value per category.")
    notes: str | None = None


Slide = Annotated[TitleSlide | BulletSlide | TwoColumnSlide | TableSlide | ChartSlide, Field(discriminator="type")]


class PresentationSpec(_Spec):
    """A slide deck."""

    slides: list[Slide] = Field(min_length=1, description="Slides in order; usually starts with a title slide.")
    properties: DocProperties | None = Field(default=None, description="File metadata.")


# ---------------------------------------------------------------------------------------------------------------------
# E-mail, calendar, images
# ---------------------------------------------------------------------------------------------------------------------


class Attachment(_Spec):
    """A file attached to an e-mail."""

    filename: str
    content: bytes = Field(description="Raw bytes of the attached file.")
    content_type: str | None = Field(default=None, description="MIME type; guessed from the filename if omitted.")


class EmailSpec(_Spec):
    """An RFC 5322 e-mail message (.eml)."""

    sender: str = Field(description="'Name <address>' of the sender.")
    to: list[str] = Field(min_length=1)
    cc: list[str] = Field(default_factory=list)
    subject: str
    date: datetime
    body: str = Field(description="Plain-text body.")
    attachments: list[Attachment] = Field(default_factory=list)
    message_id: str | None = Field(default=None, description="Message-ID; derived deterministically if omitted.")
    in_reply_to: str | None = None
    references: list[str] = Field(default_factory=list)


class EventSpec(_Spec):
    """A calendar event."""

    uid: str
    summary: str
    start: datetime
    end: datetime
    location: str | None = None
    description: str | None = None
    organizer: str | None = Field(default=None, description="'Name <address>'.")
    attendees: list[str] = Field(default_factory=list, description="'Name <address>' each.")
    rrule: str | None = Field(default=None, description="Recurrence rule, e.g. 'FREQ=WEEKLY;BYDAY=MO;COUNT=8'.")


class CalendarSpec(_Spec):
    """An iCalendar file (.ics) with one or more events."""

    events: list[EventSpec] = Field(min_length=1)
    name: str | None = Field(default=None, description="Calendar name.")


class ImageSpec(_Spec):
    """A real raster image (png or jpg), drawn deterministically from its fields."""

    format: Literal["png", "jpg"] = "png"
    width: int = Field(default=800, ge=16, le=4096)
    height: int = Field(default=600, ge=16, le=4096)
    subject: Literal["photo", "chart", "diagram", "screenshot", "scan", "logo"] = "photo"
    title: str | None = Field(default=None, description="Text drawn on charts, diagrams, screenshots and scans.")
    labels: list[str] = Field(default_factory=list, description="Category labels (chart) or box labels (diagram).")
    values: list[float] = Field(default_factory=list, description="Values for a chart, one per label.")
    seed: int = Field(default=0, description="Seed for the deterministic drawing.")
