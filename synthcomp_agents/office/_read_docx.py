"""Word (.docx) reader: body blocks as Markdown-like text, addressable by heading or block range."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ._errors import OfficeError
from ._limits import checkpoint
from ._parse_cache import PARSE_CACHE
from ._read_common import Rendered, guard, parse_range, pipe_row
from ._safezip import check_ooxml

__all__ = ["DocxBlock", "docx_blocks", "open_docx", "outline_docx", "parsed_docx", "render_docx"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HEADING_RE = re.compile(r"^heading\s*(\d)$", re.IGNORECASE)


@dataclass(frozen=True)
class DocxBlock:
    """One body-level block: a paragraph (possibly heading or list item) or a table, already rendered."""

    index: int
    kind: str  # "heading" | "paragraph" | "list" | "table"
    text: str  # rendered text (Markdown-like)
    plain: str  # text without markup
    level: int = 0  # heading level (0 = Title)


def open_docx(data: bytes, filename: str = "document.docx") -> Any:
    """Check and open a docx with python-docx, raising OfficeFileError on any problem.

    Example:
        >>> open_docx(b"PK-not-really", "x.docx")
        Traceback (most recent call last):
        ...
        synthcomp_agents.office._errors.OfficeFileError: x.docx is not a valid Office file: damaged zip archive ...
    """
    import docx

    check_ooxml(data, "docx", filename)
    return guard(filename, "a Word document", lambda: docx.Document(io.BytesIO(data)))


def parsed_docx(data: bytes, filename: str = "document.docx") -> tuple[Any, list[DocxBlock]]:
    """The document and its rendered blocks, parsed once per content (shared by pages, outline and search)."""

    def build() -> tuple[Any, list[DocxBlock]]:
        doc = open_docx(data, filename)
        return doc, guard(filename, "a Word document", lambda: docx_blocks(doc))

    return PARSE_CACHE.get(f"docx:{filename}", data, build)


def _style_name(p: Any, styles: dict[str, str]) -> str:
    ppr = p.find(_W + "pPr")
    if ppr is None:
        return ""
    ps = ppr.find(_W + "pStyle")
    if ps is None:
        return ""
    sid = ps.get(_W + "val") or ""
    return styles.get(sid, sid)


def _runs_markup(p: Any) -> tuple[str, str]:
    """Render a w:p's runs with **bold** / *italic* markup; returns (markup, plain)."""
    out: list[str] = []
    plain: list[str] = []
    prev: tuple[bool, bool] = (False, False)
    buf: list[str] = []

    def flush() -> None:
        if not buf:
            return
        text = "".join(buf)
        bold, italic = prev
        core = text.strip()
        if core and (bold or italic):
            mark = "**" if bold and not italic else "*" if italic and not bold else "***"
            lead = text[: len(text) - len(text.lstrip())]
            trail = text[len(text.rstrip()) :]
            out.append(f"{lead}{mark}{core}{mark}{trail}")
        else:
            out.append(text)
        buf.clear()

    for r in p.iter(_W + "r"):
        rpr = r.find(_W + "rPr")
        bold = italic = False
        if rpr is not None:
            b = rpr.find(_W + "b")
            i = rpr.find(_W + "i")
            bold = b is not None and b.get(_W + "val", "true") not in ("0", "false", "off")
            italic = i is not None and i.get(_W + "val", "true") not in ("0", "false", "off")
        pieces: list[str] = []
        for child in r:
            tag = child.tag
            if tag == _W + "t":
                pieces.append(child.text or "")
            elif tag == _W + "tab":
                pieces.append("\t")
            elif tag in (_W + "br", _W + "cr"):
                pieces.append("" if child.get(_W + "type") == "page" else "\n")
        text = "".join(pieces)
        if not text:
            continue
        plain.append(text)
        if (bold, italic) != prev:
            flush()
            prev = (bold, italic)
        buf.append(text)
    flush()
    return "".join(out), "".join(plain)


class _Numbering:
    def __init__(self, doc: Any) -> None:
        self._fmt: dict[tuple[str, str], str] = {}
        try:
            numbering = doc.part.numbering_part.element
        except Exception:  # no numbering part
            return
        abstract: dict[str, dict[str, str]] = {}
        for an in numbering.iterchildren(_W + "abstractNum"):
            levels: dict[str, str] = {}
            for lvl in an.iterchildren(_W + "lvl"):
                fmt = lvl.find(_W + "numFmt")
                levels[lvl.get(_W + "ilvl") or "0"] = fmt.get(_W + "val") if fmt is not None else "bullet"
            abstract[an.get(_W + "abstractNumId") or ""] = levels
        for num in numbering.iterchildren(_W + "num"):
            ref = num.find(_W + "abstractNumId")
            levels = abstract.get(ref.get(_W + "val") if ref is not None else "", {})
            for ilvl, fmt in levels.items():
                self._fmt[(num.get(_W + "numId") or "", ilvl)] = fmt

    def ordered(self, num_id: str, ilvl: str) -> bool | None:
        fmt = self._fmt.get((num_id, ilvl))
        return None if fmt is None else fmt not in ("bullet", "none")


def _num_pr(p: Any) -> tuple[str, str] | None:
    ppr = p.find(_W + "pPr")
    if ppr is None:
        return None
    num_pr = ppr.find(_W + "numPr")
    if num_pr is None:
        return None
    nid = num_pr.find(_W + "numId")
    ilvl = num_pr.find(_W + "ilvl")
    num_id = nid.get(_W + "val") if nid is not None else ""
    if not num_id or num_id == "0":
        return None
    return num_id, (ilvl.get(_W + "val") if ilvl is not None else "0") or "0"


def _table_text(tbl: Any) -> tuple[str, str]:
    rows: list[list[str]] = []
    for n, tr in enumerate(tbl.iterchildren(_W + "tr")):
        cells = []
        for tc in tr.iterchildren(_W + "tc"):
            # header cells are bold by style; markup there is noise
            paras = [_runs_markup(p)[1 if n == 0 else 0] for p in tc.iter(_W + "p")]
            cells.append(" ".join(x for x in paras if x).strip())
        rows.append(cells)
    if not rows:
        return "", ""
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    lines = [pipe_row(rows[0]), pipe_row(["---"] * width), *(pipe_row(r) for r in rows[1:])]
    plain = "\n".join("\t".join(r) for r in rows)
    return "\n".join(lines), plain


def docx_blocks(doc: Any) -> list[DocxBlock]:
    """Return the body blocks of a python-docx Document in order, each rendered.

    Example:
        >>> import docx
        >>> d = docx.Document(); _ = d.add_heading("Budget", 1); _ = d.add_paragraph("Total is 5.")
        >>> [b.text for b in docx_blocks(d)]
        ['## Budget', 'Total is 5.']
    """
    styles = {s.style_id: s.name for s in doc.styles if getattr(s, "style_id", None)}
    numbering = _Numbering(doc)
    blocks: list[DocxBlock] = []
    counters: dict[tuple[str, str], int] = {}
    for el in doc.element.body.iterchildren():
        checkpoint()
        tag = el.tag
        if tag == _W + "tbl":
            text, plain = _table_text(el)
            blocks.append(DocxBlock(len(blocks), "table", text, plain))
            counters.clear()
            continue
        if tag != _W + "p":
            continue
        style = _style_name(el, styles)
        markup, plain = _runs_markup(el)
        m = _HEADING_RE.match(style)
        if m or style.lower() == "title":
            level = int(m.group(1)) if m else 0
            text = plain.strip()
            blocks.append(DocxBlock(len(blocks), "heading", "#" * (level + 1) + " " + text, text, level))
            counters.clear()
            continue
        num = _num_pr(el)
        lower = style.lower()
        if num is not None or lower.startswith("list bullet") or lower.startswith("list number"):
            key = num or (style, "0")
            ordered = numbering.ordered(*num) if num else None
            if ordered is None:
                ordered = "number" in lower
            depth = int(key[1]) if key[1].isdigit() else 0
            if ordered:
                counters[key] = counters.get(key, 0) + 1
                prefix = f"{counters[key]}. "
            else:
                prefix = "- "
            blocks.append(DocxBlock(len(blocks), "list", "  " * depth + prefix + markup, plain))
            continue
        counters.clear()
        blocks.append(DocxBlock(len(blocks), "paragraph", markup, plain))
    return blocks


def _sections(blocks: list[DocxBlock]) -> list[tuple[DocxBlock, int]]:
    """Headings with the index one past their section end."""
    heads = [b for b in blocks if b.kind == "heading" and b.plain]
    out = []
    for h in heads:
        end = len(blocks)
        for other in heads:
            if other.index > h.index and other.level <= h.level:
                end = other.index
                break
        out.append((h, end))
    return out


def find_section(blocks: list[DocxBlock], heading: str, filename: str, *, error: type[OfficeError]) -> tuple[int, int]:
    """Locate the section under ``heading``: (heading block index, end index exclusive).

    Matching is case- and whitespace-insensitive; a unique prefix or substring also matches.
    """
    wanted = " ".join(heading.split()).lower()
    if wanted.startswith("heading:"):
        wanted = wanted[len("heading:") :].strip()
    wanted = wanted.lstrip("#").strip()
    secs = _sections(blocks)
    norm = [(" ".join(h.plain.split()).lower(), h, e) for h, e in secs]
    exact = [(h, e) for t, h, e in norm if t == wanted]
    if exact:
        return exact[0][0].index, exact[0][1]
    for hits in (
        [(h, e) for t, h, e in norm if t.startswith(wanted)] if wanted else [],
        [(h, e) for t, h, e in norm if wanted in t] if wanted else [],
    ):
        if len(hits) == 1:
            return hits[0][0].index, hits[0][1]
        if len(hits) > 1:
            matches = ", ".join(repr(h.plain) for h, _ in hits[:20])
            raise error(f"heading {heading!r} is ambiguous in {filename}: it matches {matches}; give the full heading.")
    names = [h.plain for h, _ in secs]
    listing = "; ".join(repr(n) for n in names[:60]) if names else "(the document has no headings)"
    raise error(
        f"heading {heading!r} not found in {filename}. Available headings: {listing}. "
        f"You can also use a block range such as 'paragraphs 0-{max(len(blocks) - 1, 0)}'."
    )


def outline_docx(data: bytes, filename: str) -> str:
    """Headings with their block indexes, plus block counts."""
    doc, blocks = parsed_docx(data, filename)

    def build() -> str:
        n_tables = sum(1 for b in blocks if b.kind == "table")
        lines = [f"{filename}: Word document, {len(blocks)} blocks (paragraphs/list items/tables), {n_tables} tables."]
        title = doc.core_properties.title
        if title:
            lines.append(f"Title property: {title}")
        for h, end in _sections(blocks):
            lines.append(f"{'  ' * max(h.level - 1, 0)}- [{h.index}-{end - 1}] {h.plain}")
        if not any(b.kind == "heading" for b in blocks):
            lines.append("(no headings; read by block range, e.g. part='paragraphs 0-40')")
        return "\n".join(lines)

    return guard(filename, "a Word document", build)


def render_docx(data: bytes, filename: str, part: str | None) -> Rendered:
    """Render the whole document, one section (``part`` = heading text) or a block range ('paragraphs 10-40')."""
    _doc, blocks = parsed_docx(data, filename)
    parts = [h.plain for h, _ in _sections(blocks)]
    if part is None:
        selected = blocks
    else:
        rng = parse_range(part, "paragraph") or parse_range(part, "block")
        if rng is not None:
            first, last = rng
            if first >= len(blocks):
                raise OfficeError(
                    f"{filename} has {len(blocks)} blocks (0-{len(blocks) - 1}); {part!r} is out of range."
                )
            selected = blocks[first : last + 1]
        else:
            start, end = find_section(blocks, part, filename, error=OfficeError)
            selected = blocks[start:end]

    def lines() -> Iterator[str]:
        prev: DocxBlock | None = None
        for b in selected:
            if prev is not None and not (prev.kind == "list" and b.kind == "list"):
                yield ""
            yield from b.text.split("\n")
            prev = b

    return Rendered(lines=lines(), parts=parts, part=part)
