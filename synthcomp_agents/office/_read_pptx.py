"""PowerPoint (.pptx) reader: slides (title, text, tables, charts, pictures) with speaker notes."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from ._errors import OfficeError
from ._limits import checkpoint
from ._parse_cache import PARSE_CACHE
from ._read_common import Rendered, guard, guard_iter, parse_range, pipe_row
from ._safezip import check_ooxml

__all__ = ["open_pptx", "outline_pptx", "parsed_pptx", "render_pptx", "slide_lines"]


def open_pptx(data: bytes, filename: str = "deck.pptx") -> Any:
    """Check and open a pptx with python-pptx, raising OfficeFileError on any problem (a fresh, editable object)."""
    from pptx import Presentation

    check_ooxml(data, "pptx", filename)
    return guard(filename, "a PowerPoint presentation", lambda: Presentation(io.BytesIO(data)))


def parsed_pptx(data: bytes, filename: str = "deck.pptx") -> Any:
    """The presentation opened once per content for reading (shared by pages, outline and search; never edit it)."""
    return PARSE_CACHE.get(f"pptx:{filename}", data, lambda: open_pptx(data, filename))


def _title(slide: Any) -> str:
    shape = slide.shapes.title
    return " ".join(shape.text_frame.text.split()) if shape is not None and shape.has_text_frame else ""


def _runs(paragraph: Any) -> str:
    out = []
    for run in paragraph.runs:
        text = run.text
        if text.strip() and run.font.bold:
            text = f"**{text.strip()}**"
        out.append(text)
    return "".join(out)


def _shape_lines(shape: Any, title_id: int | None) -> Iterator[str]:
    if shape.shape_id == title_id:
        return
    if shape.shape_type is not None and int(shape.shape_type) == 6:  # group
        for sub in shape.shapes:
            yield from _shape_lines(sub, title_id)
        return
    if getattr(shape, "has_table", False) and shape.has_table:
        rows = [[" ".join(c.text.split()) for c in r.cells] for r in shape.table.rows]
        if rows:
            yield pipe_row(rows[0])
            yield pipe_row(["---"] * len(rows[0]))
            for r in rows[1:]:
                yield pipe_row(r)
        return
    if getattr(shape, "has_chart", False) and shape.has_chart:
        chart = shape.chart
        kind = str(chart.chart_type).split(" ")[0].split(".")[-1].lower()
        cats = [str(c) for c in chart.plots[0].categories] if len(chart.plots) else []
        yield f"[chart ({kind}); categories: {', '.join(cats)}]"
        for plot in chart.plots:
            for series in plot.series:
                vals = ", ".join("" if v is None else f"{v:g}" for v in series.values)
                yield f"  series {series.name}: {vals}"
        return
    if shape.shape_type is not None and int(shape.shape_type) == 13:  # picture
        yield f"[image: {shape.name}]"
        return
    if shape.has_text_frame:
        for p in shape.text_frame.paragraphs:
            text = _runs(p)
            if text.strip():
                yield "  " * p.level + "- " + text.strip()


def slide_lines(slide: Any, number: int) -> Iterator[str]:
    """Render one slide: heading line, content, then notes."""
    title = _title(slide)
    yield f"## Slide {number}: {title}" if title else f"## Slide {number}"
    title_shape = slide.shapes.title
    title_id = title_shape.shape_id if title_shape is not None else None
    for shape in slide.shapes:
        checkpoint()
        yield from _shape_lines(shape, title_id)
    if slide.has_notes_slide:
        notes = slide.notes_slide.notes_text_frame
        text = notes.text.strip() if notes is not None else ""
        if text:
            yield "Notes: " + text.replace("\n", "\n  ")


def outline_pptx(data: bytes, filename: str) -> str:
    """Slide titles, with a marker for slides that have notes."""
    prs = parsed_pptx(data, filename)

    def build() -> str:
        slides = list(prs.slides)
        lines = [f"{filename}: PowerPoint presentation, {len(slides)} slide(s)."]
        for n, slide in enumerate(slides, 1):
            notes = slide.has_notes_slide and bool(slide.notes_slide.notes_text_frame.text.strip())
            lines.append(f"- slide {n}: {_title(slide) or '(no title)'}{' [notes]' if notes else ''}")
        return "\n".join(lines)

    return guard(filename, "a PowerPoint presentation", build)


def render_pptx(data: bytes, filename: str, part: str | None) -> Rendered:
    """Render all slides or part='slide 3' / 'slides 2-5'."""
    prs = parsed_pptx(data, filename)
    slides = guard(filename, "a PowerPoint presentation", lambda: list(prs.slides))
    parts = [f"slide {n}" for n in range(1, len(slides) + 1)]
    first, last = 1, len(slides)
    if part is not None:
        rng = parse_range(part, "slide")
        if rng is None:
            raise OfficeError(
                f"unknown part {part!r} for {filename}; use 'slide N' or 'slides N-M' (the deck has "
                f"{len(slides)} slides)."
            )
        first, last = rng
        if first < 1 or first > len(slides):
            raise OfficeError(f"{filename} has {len(slides)} slide(s); {part!r} is out of range.")
        last = min(last, len(slides))

    def lines() -> Iterator[str]:
        for n in range(first, last + 1):
            if n > first:
                yield ""
            yield from slide_lines(slides[n - 1], n)

    return Rendered(lines=guard_iter(filename, "a PowerPoint presentation", lines()), parts=parts, part=part)
