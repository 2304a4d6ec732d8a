"""PowerPoint (.pptx) reader: slides (title, text, tables, charts, SmartArt, pictures) with notes and comments."""

from __future__ import annotations

import io
import posixpath
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ._errors import OfficeError, OfficeFileError
from ._limits import ReadLimitError, checkpoint
from ._parse_cache import PARSE_CACHE
from ._read_common import Rendered, guard, parse_range, pipe_row
from ._safezip import check_ooxml

__all__ = [
    "SlideRead",
    "deck_text",
    "open_pptx",
    "outline_pptx",
    "parsed_pptx",
    "read_pptx_package",
    "render_pptx",
]


def open_pptx(data: bytes, filename: str = "deck.pptx") -> Any:
    """Check and open a pptx with python-pptx, raising OfficeFileError on any problem (a fresh, editable object)."""
    from pptx import Presentation

    check_ooxml(data, "pptx", filename)
    return guard(filename, "a PowerPoint presentation", lambda: Presentation(io.BytesIO(data)))


_P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
_DGM = "{http://schemas.openxmlformats.org/drawingml/2006/diagram}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_P188 = "{http://schemas.microsoft.com/office/powerpoint/2018/8/main}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_TITLE_TYPES = ("title", "ctrTitle")


@dataclass(frozen=True)
class SlideRead:
    """One slide as read: its number, title, rendered lines (title line first) and whether it has notes."""

    number: int
    title: str
    lines: list[str]
    has_notes: bool


class _Package:
    """The checked XML parts (bytes from :func:`check_ooxml`), parsed on demand, and their relationships."""

    def __init__(self, parts: dict[str, bytes]) -> None:
        from lxml import etree  # type: ignore[import-untyped]

        self.parts = parts
        self.names = set(parts)
        self._parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True)

    def xml(self, name: str) -> Any:
        from lxml import etree

        raw = self.parts.get(name)
        return None if raw is None else etree.fromstring(raw, parser=self._parser)

    def rels(self, part: str) -> dict[str, tuple[str, str]]:
        folder, base = posixpath.split(part)
        root = self.xml(posixpath.join(folder, "_rels", base + ".rels"))
        out: dict[str, tuple[str, str]] = {}
        for rel in root.iter(_PKG_REL) if root is not None else ():
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            out[rel.get("Id", "")] = (rel.get("Type", "").rsplit("/", 1)[-1], path)
        return out


def _text_of(el: Any) -> str:
    return "".join(t.text or "" for t in el.iter(_A + "t"))


def _paragraph(p: Any) -> str:
    out = []
    for r in p.iter(_A + "r", _A + "fld"):
        text = "".join(t.text or "" for t in r.iter(_A + "t"))
        rpr = r.find(_A + "rPr")
        if text.strip() and rpr is not None and rpr.get("b") in ("1", "true"):
            text = f"**{text.strip()}**"
        out.append(text)
    return "".join(out)


def _body_lines(tx_body: Any) -> Iterator[str]:
    for p in tx_body.iterchildren(_A + "p"):
        text = _paragraph(p)
        if text.strip():
            ppr = p.find(_A + "pPr")
            level = int(ppr.get("lvl", "0") or 0) if ppr is not None and (ppr.get("lvl") or "0").isdigit() else 0
            yield "  " * level + "- " + text.strip()


def _placeholder_type(shape: Any) -> str | None:
    for nv in shape.iterchildren():
        ph = nv.find(f"{_P}nvPr/{_P}ph")
        if ph is not None:
            return str(ph.get("type", "body"))
    return None


def _chart_lines(pkg: _Package, part: str, number: int) -> list[str]:
    root = pkg.xml(part)
    if root is None:
        return [f"[chart on slide {number} could not be read: its part is missing]"]
    chart = root.find(_C + "chart")
    title_el = chart.find(_C + "title") if chart is not None else None
    title = " ".join(_text_of(title_el).split()) if title_el is not None else ""
    plot_area = chart.find(_C + "plotArea") if chart is not None else None
    plots = [el for el in plot_area.iterchildren() if el.tag.endswith("Chart")] if plot_area is not None else []
    kind = plots[0].tag.rsplit("}", 1)[-1][: -len("Chart")].lower() if plots else "chart"

    def points(el: Any) -> list[str]:
        if el is None:
            return []
        cache = next(el.iter(_C + "strCache", _C + "numCache", _C + "strLit", _C + "numLit"), None)
        if cache is None:
            return []
        pts = sorted((int(pt.get("idx", "0")), pt.findtext(_C + "v") or "") for pt in cache.iter(_C + "pt"))
        return [v for _i, v in pts]

    def number_text(v: str) -> str:
        try:
            return f"{float(v):g}"
        except ValueError:
            return v

    first = plots[0].find(f"{_C}ser/{_C}cat") if plots else None
    head = f"[chart ({kind})" + (f": {title}" if title else "") + f"; categories: {', '.join(points(first))}]"
    lines = [head]
    axis_titles = []
    for axis in plot_area.iterchildren() if plot_area is not None else ():
        if axis.tag in (_C + "catAx", _C + "valAx", _C + "dateAx", _C + "serAx"):
            at = axis.find(_C + "title")
            if at is not None and _text_of(at).strip():
                axis_titles.append(" ".join(_text_of(at).split()))
    if axis_titles:
        lines.append(f"  axis titles: {'; '.join(axis_titles)}")
    for plot in plots:
        for ser in plot.iterchildren(_C + "ser"):
            tx = ser.find(_C + "tx")
            name = " ".join((points(tx)[0] if points(tx) else (_text_of(tx) if tx is not None else "")).split())
            val = ser.find(_C + "val")
            vals = ", ".join(number_text(v) for v in points(val if val is not None else ser.find(_C + "yVal")))
            lines.append(f"  series {name}: {vals}")
    return lines


def _smartart_lines(pkg: _Package, part: str) -> list[str]:
    root = pkg.xml(part)
    if root is None:
        return []
    texts = []
    for pt in root.iter(_DGM + "pt"):
        if pt.get("type", "node") not in ("node", ""):
            continue
        t = pt.find(_DGM + "t")
        if t is not None:
            for p in t.iter(_A + "p"):
                text = " ".join(_text_of(p).split())
                if text:
                    texts.append(text)
    return ["[SmartArt]", *(f"- {t}" for t in texts)] if texts else []


def _shape_lines(pkg: _Package, shape: Any, rels: dict[str, tuple[str, str]], number: int) -> Iterator[str]:
    checkpoint()
    tag = shape.tag
    if tag == _MC + "AlternateContent":
        choice = shape.find(_MC + "Choice")
        branch = choice if choice is not None else shape.find(_MC + "Fallback")
        for sub in branch.iterchildren() if branch is not None else ():
            yield from _shape_lines(pkg, sub, rels, number)
        return
    if tag == _P + "grpSp":
        for sub in shape.iterchildren():
            yield from _shape_lines(pkg, sub, rels, number)
        return
    if tag == _P + "sp":
        if _placeholder_type(shape) in _TITLE_TYPES:
            return
        body = shape.find(_P + "txBody")
        if body is not None:
            yield from _body_lines(body)
        return
    if tag == _P + "pic":
        pr = shape.find(f"{_P}nvPicPr/{_P}cNvPr")
        alt = " ".join((pr.get("descr") or pr.get("title") or pr.get("name") or "").split()) if pr is not None else ""
        yield f"[image: {alt}]"
        return
    if tag != _P + "graphicFrame":
        return
    data = shape.find(f"{_A}graphic/{_A}graphicData")
    if data is None:
        return
    tbl = data.find(_A + "tbl")
    if tbl is not None:
        rows = [[" ".join(_text_of(tc).split()) for tc in tr.iterchildren(_A + "tc")] for tr in tbl.iter(_A + "tr")]
        if rows:
            yield pipe_row(rows[0])
            yield pipe_row(["---"] * len(rows[0]))
            for row in rows[1:]:
                yield pipe_row(row)
        return
    chart = data.find(_C + "chart")
    if chart is not None:
        target = rels.get(chart.get(_R + "id", ""), ("", ""))[1]
        try:
            yield from _chart_lines(pkg, target, number)
        except ReadLimitError:
            raise
        except Exception as exc:
            yield f"[chart on slide {number} could not be read: {type(exc).__name__}]"
        return
    diagram = data.find(_DGM + "relIds")
    if diagram is not None:
        target = rels.get(diagram.get(_R + "dm", ""), ("", ""))[1]
        try:
            yield from _smartart_lines(pkg, target)
        except ReadLimitError:
            raise
        except Exception as exc:
            yield f"[SmartArt on slide {number} could not be read: {type(exc).__name__}]"


def _authors(pkg: _Package, pres_rels: dict[str, tuple[str, str]]) -> dict[str, str]:
    out: dict[str, str] = {}
    for kind, target in pres_rels.values():
        if kind in ("commentAuthors", "authors"):
            root = pkg.xml(target)
            for a in root.iter(_P + "cmAuthor", _P188 + "author") if root is not None else ():
                out[a.get("id", "")] = a.get("name", "")
    return out


def _comment_lines(pkg: _Package, target: str, authors: dict[str, str]) -> Iterator[str]:
    root = pkg.xml(target)
    if root is None:
        return
    for cm in root.iter(_P + "cm", _P188 + "cm", _P188 + "reply"):
        text_el = cm.find(_P + "text")
        body = cm.find(_P188 + "txBody")
        text = (text_el.text or "") if text_el is not None else _text_of(body if body is not None else cm)
        text = " ".join(text.split())
        if text:
            who = authors.get(cm.get("authorId", ""), "")
            yield f"[comment by {who}: {text}]" if who else f"[comment: {text}]"


def _slide(pkg: _Package, part: str, number: int, authors: dict[str, str]) -> SlideRead:
    root = pkg.xml(part)
    rels = pkg.rels(part)
    tree = root.find(f"{_P}cSld/{_P}spTree") if root is not None else None
    title = ""
    for shape in tree.iter(_P + "sp") if tree is not None else ():
        if _placeholder_type(shape) in _TITLE_TYPES:
            title = " ".join(_text_of(shape).split())
            break
    lines = [f"## Slide {number}: {title}" if title else f"## Slide {number}"]
    for shape in tree.iterchildren() if tree is not None else ():
        lines.extend(_shape_lines(pkg, shape, rels, number))
    has_notes = False
    for kind, target in rels.values():
        if kind == "notesSlide":
            notes = pkg.xml(target)
            for sp in notes.iter(_P + "sp") if notes is not None else ():
                if _placeholder_type(sp) == "body":
                    body = sp.find(_P + "txBody")
                    paras = [_paragraph(p).strip() for p in body.iterchildren(_A + "p")] if body is not None else []
                    text = "\n".join(p for p in paras if p).strip()
                    if text:
                        has_notes = True
                        lines.append("Notes: " + text.replace("\n", "\n  "))
        elif kind == "comments":
            lines.extend(_comment_lines(pkg, target, authors))
    return SlideRead(number=number, title=title, lines=lines, has_notes=has_notes)


def read_pptx_package(data: bytes, filename: str = "deck.pptx") -> list[SlideRead]:
    """Read every slide of a deck (.pptx, .pptm, .potx, .ppsx) straight from its XML parts, without python-pptx.

    Per slide: title, text (with list levels and bold), tables, pictures with alt text, charts (type, title, axis
    titles, categories, series), SmartArt text, speaker notes and comments (classic and modern). A chart or SmartArt
    that cannot be read becomes a note naming its slide; the rest of the deck is still read.
    """
    report = check_ooxml(data, "pptx", filename, keep_xml=True, inflate_media=False)

    def build() -> list[SlideRead]:
        pkg = _Package(report.xml)
        main = next((t for k, t in pkg.rels("").values() if k == "officeDocument"), "ppt/presentation.xml")
        pres = pkg.xml(main)
        if pres is None:
            raise OfficeFileError(f"{filename} is not a PowerPoint presentation: the zip has no {main}.")
        rels = pkg.rels(main)
        authors = _authors(pkg, rels)
        slides: list[SlideRead] = []
        ids = pres.find(_P + "sldIdLst")
        for sld in ids.iterchildren(_P + "sldId") if ids is not None else ():
            target = rels.get(sld.get(_R + "id", ""), ("", ""))[1]
            if target in pkg.names:
                slides.append(_slide(pkg, target, len(slides) + 1, authors))
        return slides

    return guard(filename, "a PowerPoint presentation", build)


def parsed_pptx(data: bytes, filename: str = "deck.pptx") -> list[SlideRead]:
    """:func:`read_pptx_package`, once per content (shared by pages, outline and search)."""
    return PARSE_CACHE.get(f"pptx:{filename}", data, lambda: read_pptx_package(data, filename))


def outline_pptx(data: bytes, filename: str) -> str:
    """Slide titles, with a marker for slides that have notes."""
    slides = parsed_pptx(data, filename)
    lines = [f"{filename}: PowerPoint presentation, {len(slides)} slide(s)."]
    for s in slides:
        lines.append(f"- slide {s.number}: {s.title or '(no title)'}{' [notes]' if s.has_notes else ''}")
    return "\n".join(lines)


def deck_text(data: bytes, filename: str) -> str:
    """Every slide's lines, for full-text search."""
    return "\n".join(line for s in parsed_pptx(data, filename) for line in s.lines)


def render_pptx(data: bytes, filename: str, part: str | None) -> Rendered:
    """Render all slides or part='slide 3' / 'slides 2-5'."""
    slides = parsed_pptx(data, filename)
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
            yield from slides[n - 1].lines

    return Rendered(lines=lines(), parts=parts, part=part)
