"""Word (.docx) reader: body blocks as Markdown-like text, addressable by heading or block range."""

from __future__ import annotations

import io
import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ._errors import OfficeError, OfficeFileError
from ._limits import checkpoint
from ._parse_cache import PARSE_CACHE
from ._read_common import Rendered, guard, parse_range, pipe_row
from ._safezip import check_ooxml

__all__ = [
    "DocxBlock",
    "DocxRead",
    "docx_blocks",
    "open_docx",
    "outline_docx",
    "parsed_docx",
    "read_docx_package",
    "render_docx",
]

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


@dataclass(frozen=True)
class DocxRead:
    """A Word file as the reader sees it: title property and blocks (body, text boxes, comments, notes, headers)."""

    title: str
    blocks: list[DocxBlock]


_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_DC = "{http://purl.org/dc/elements/1.1/}"


def _xml_parser() -> Any:
    from lxml import etree  # type: ignore[import-untyped]

    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True)


def _part_xml(zf: dict[str, bytes], name: str) -> Any:
    from lxml import etree

    raw = zf.get(name)
    return None if raw is None else etree.fromstring(raw, parser=_xml_parser())


def _part_rels(zf: dict[str, bytes], part: str) -> list[tuple[str, str]]:
    folder, base = posixpath.split(part)
    root = _part_xml(zf, posixpath.join(folder, "_rels", base + ".rels"))
    if root is None:
        return []
    out = []
    for rel in root.iter(_PKG_REL):
        if rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target", "")
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        out.append((rel.get("Type", "").rsplit("/", 1)[-1], path))
    return out


def _plain_paragraphs(root: Any) -> list[str]:
    lines = []
    for p in root.iter(_W + "p"):
        text = _runs_markup(p, _own_runs(p))[1].strip()
        if text:
            lines.append(" ".join(text.split()))
    return lines


def _notes(root: Any, tag: str) -> list[tuple[str, str]]:
    out = []
    for note in root.iterchildren(_W + tag) if root is not None else ():
        if note.get(_W + "type") in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        text = " ".join(_plain_paragraphs(note))
        if text:
            out.append((note.get(_W + "id", ""), text))
    return out


def read_docx_package(data: bytes, filename: str = "document.docx") -> DocxRead:
    """Read a Word file (.docx, .docm, .dotx, .dotm) straight from its XML parts, without python-docx.

    Besides the body (headings, lists, tables) it reads content controls, text boxes (once, on their own lines),
    image alt text, comments (after the paragraph they annotate), footnotes and endnotes (``[^N]`` markers, listed
    at the end), and headers and footers (each distinct text once).
    """
    report = check_ooxml(data, "docx", filename, keep_xml=True, inflate_media=False)

    def build() -> DocxRead:
        zf = report.xml
        main = next((t for k, t in _part_rels(zf, "") if k == "officeDocument"), "word/document.xml")
        root = _part_xml(zf, main)
        if root is None:
            raise OfficeFileError(f"{filename} is not a Word document: the zip has no {main}.")
        rels = _part_rels(zf, main)

        def first(kind: str) -> Any:
            return next((_part_xml(zf, t) for k, t in rels if k == kind and t in zf), None)

        styles: dict[str, str] = {}
        styles_root = first("styles")
        for st in styles_root.iterchildren(_W + "style") if styles_root is not None else ():
            name = st.find(_W + "name")
            sid = st.get(_W + "styleId") or ""
            styles[sid] = name.get(_W + "val", sid) if name is not None else sid
        comments: dict[str, tuple[str, str]] = {}
        comments_root = first("comments")
        for c in comments_root.iterchildren(_W + "comment") if comments_root is not None else ():
            text = " ".join(_plain_paragraphs(c))
            if text:
                comments[c.get(_W + "id", "")] = (c.get(_W + "author", ""), text)
        headers: list[str] = []
        footers: list[str] = []
        for kind, target in rels:
            if kind in ("header", "footer") and target in zf:
                for line in _plain_paragraphs(_part_xml(zf, target)):
                    bucket = headers if kind == "header" else footers
                    if line not in bucket and not line.isdigit():
                        bucket.append(line)
        extras = _Extras(
            comments=comments,
            footnotes=_notes(first("footnotes"), "footnote"),
            endnotes=_notes(first("endnotes"), "endnote"),
            headers=headers,
            footers=footers,
        )
        core = _part_xml(zf, "docProps/core.xml")
        title_el = core.find(_DC + "title") if core is not None else None
        title = " ".join((title_el.text or "").split()) if title_el is not None else ""
        walker = _BlockWalker(styles, _Numbering(element=first("numbering")), extras)
        for line in headers:
            walker.add("note", f"[header] {line}", line)
        body = root.find(_W + "body")
        for el in body.iterchildren() if body is not None else ():
            walker.element(el)
        for line in footers:
            walker.add("note", f"[footer] {line}", line)
        for marker, notes in (("", extras.footnotes), ("e", extras.endnotes)):
            for nid, text in notes:
                walker.add("note", f"[^{marker}{nid}]: {text}", text)
        return DocxRead(title=title, blocks=walker.blocks)

    return guard(filename, "a Word document", build)


def parsed_docx(data: bytes, filename: str = "document.docx") -> DocxRead:
    """:func:`read_docx_package`, once per content (shared by pages, outline and search)."""
    return PARSE_CACHE.get(f"docx:{filename}", data, lambda: read_docx_package(data, filename))


def _style_name(p: Any, styles: dict[str, str]) -> str:
    ppr = p.find(_W + "pPr")
    if ppr is None:
        return ""
    ps = ppr.find(_W + "pStyle")
    if ps is None:
        return ""
    sid = ps.get(_W + "val") or ""
    return styles.get(sid, sid)


def _runs_markup(p: Any, runs: Any = None) -> tuple[str, str]:
    """Render a w:p's runs (or the given ``runs``) with **bold** / *italic* markup; returns (markup, plain).

    Footnote and endnote references become ``[^N]`` / ``[^eN]`` markers matching the notes listed at the end.
    """
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

    for r in p.iter(_W + "r") if runs is None else runs:
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
            elif tag == _W + "footnoteReference":
                pieces.append(f"[^{child.get(_W + 'id', '')}]")
            elif tag == _W + "endnoteReference":
                pieces.append(f"[^e{child.get(_W + 'id', '')}]")
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
    def __init__(self, doc: Any = None, *, element: Any = None) -> None:
        self._fmt: dict[tuple[str, str], str] = {}
        numbering = element
        if numbering is None and doc is not None:
            try:
                numbering = doc.part.numbering_part.element
            except Exception:  # no numbering part
                return
        if numbering is None:
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
    """Return the body blocks of a python-docx Document in order, each rendered (one per body paragraph or table).

    Example:
        >>> import docx
        >>> d = docx.Document(); _ = d.add_heading("Budget", 1); _ = d.add_paragraph("Total is 5.")
        >>> [b.text for b in docx_blocks(d)]
        ['## Budget', 'Total is 5.']
    """
    styles = {s.style_id: s.name for s in doc.styles if getattr(s, "style_id", None)}
    walker = _BlockWalker(styles, _Numbering(doc))
    for el in doc.element.body.iterchildren():
        walker.element(el, nested=False)
    return walker.blocks


class _BlockWalker:
    """Turns body elements into :class:`DocxBlock` s; with ``extras`` it also reads what real files carry around the
    body text: content controls, text boxes (once, on their own lines), alt text, comments and note references."""

    def __init__(self, styles: dict[str, str], numbering: _Numbering, extras: _Extras | None = None) -> None:
        self.styles = styles
        self.numbering = numbering
        self.extras = extras
        self.blocks: list[DocxBlock] = []
        self.counters: dict[tuple[str, str], int] = {}

    def add(self, kind: str, text: str, plain: str, level: int = 0) -> None:
        self.blocks.append(DocxBlock(len(self.blocks), kind, text, plain, level))

    def element(self, el: Any, *, nested: bool = True) -> None:
        checkpoint()
        tag = el.tag
        if tag == _W + "tbl":
            text, plain = _table_text(el)
            self.add("table", text, plain)
            self.counters.clear()
            return
        if tag == _W + "p":
            self.paragraph(el)
            return
        if nested and tag in (_W + "sdt", _W + "customXml", _W + "ins", _W + "smartTag"):
            content = el.find(_W + "sdtContent") if tag == _W + "sdt" else el
            for child in content.iterchildren() if content is not None else ():
                self.element(child)

    def paragraph(self, el: Any) -> None:
        extras = self.extras
        runs = _own_runs(el) if extras is not None else None
        style = _style_name(el, self.styles)
        markup, plain = _runs_markup(el, runs)
        m = _HEADING_RE.match(style)
        if m or style.lower() == "title":
            level = int(m.group(1)) if m else 0
            text = plain.strip()
            self.add("heading", "#" * (level + 1) + " " + text, text, level)
            self.counters.clear()
        else:
            num = _num_pr(el)
            lower = style.lower()
            if num is not None or lower.startswith("list bullet") or lower.startswith("list number"):
                key = num or (style, "0")
                ordered = self.numbering.ordered(*num) if num else None
                if ordered is None:
                    ordered = "number" in lower
                depth = int(key[1]) if key[1].isdigit() else 0
                if ordered:
                    self.counters[key] = self.counters.get(key, 0) + 1
                    prefix = f"{self.counters[key]}. "
                else:
                    prefix = "- "
                self.add("list", "  " * depth + prefix + markup, plain)
            else:
                self.counters.clear()
                if extras is None or plain.strip() or not _has_extras(el):
                    self.add("paragraph", markup, plain)
        if extras is not None:
            self.paragraph_extras(el)

    def paragraph_extras(self, el: Any) -> None:
        extras = self.extras
        assert extras is not None
        for box in _own_text_boxes(el):
            lines = [_runs_markup(p, _own_runs(p))[1].strip() for p in box.iter(_W + "p")]
            lines = [line for line in lines if line]
            if lines:
                self.add("note", "[text box]\n" + "\n".join(lines), "\n".join(lines))
        for pr in _own_iter(el, _WP + "docPr"):
            alt = " ".join((pr.get("descr") or pr.get("title") or "").split())
            if alt:
                self.add("note", f"[image: {alt}]", alt)
        for ref in _own_iter(el, _W + "commentReference"):
            comment = extras.comments.get(ref.get(_W + "id", ""))
            if comment is not None:
                author, text = comment
                self.add("note", f"[comment by {author}: {text}]" if author else f"[comment: {text}]", text)


_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
_SKIP_INSIDE = (_W + "txbxContent", _MC + "Fallback")


def _own_iter(p: Any, tag: str) -> Iterator[Any]:
    """Descendants of ``p`` with ``tag`` that belong to ``p`` itself: not inside a text box or a fallback copy."""
    for node in p.iter(tag):
        parent = node.getparent()
        inside = False
        while parent is not None and parent is not p:
            if parent.tag in _SKIP_INSIDE:
                inside = True
                break
            parent = parent.getparent()
        if not inside:
            yield node


def _own_runs(p: Any) -> list[Any]:
    return list(_own_iter(p, _W + "r"))


def _own_text_boxes(p: Any) -> list[Any]:
    return list(_own_iter(p, _W + "txbxContent"))


def _has_extras(p: Any) -> bool:
    return any(True for _ in _own_iter(p, _W + "txbxContent")) or any(True for _ in _own_iter(p, _WP + "docPr"))


@dataclass
class _Extras:
    """Parts around the body: comments (id -> (author, text)), notes, headers and footers."""

    comments: dict[str, tuple[str, str]]
    footnotes: list[tuple[str, str]]
    endnotes: list[tuple[str, str]]
    headers: list[str]
    footers: list[str]


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
    read = parsed_docx(data, filename)
    blocks = read.blocks

    def build() -> str:
        n_tables = sum(1 for b in blocks if b.kind == "table")
        lines = [f"{filename}: Word document, {len(blocks)} blocks (paragraphs/list items/tables), {n_tables} tables."]
        if read.title:
            lines.append(f"Title property: {read.title}")
        for h, end in _sections(blocks):
            lines.append(f"{'  ' * max(h.level - 1, 0)}- [{h.index}-{end - 1}] {h.plain}")
        if not any(b.kind == "heading" for b in blocks):
            lines.append("(no headings; read by block range, e.g. part='paragraphs 0-40')")
        return "\n".join(lines)

    return guard(filename, "a Word document", build)


def render_docx(data: bytes, filename: str, part: str | None) -> Rendered:
    """Render the whole document, one section (``part`` = heading text) or a block range ('paragraphs 10-40')."""
    blocks = parsed_docx(data, filename).blocks
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
