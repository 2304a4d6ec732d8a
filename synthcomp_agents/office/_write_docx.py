"""Render a :class:`DocumentSpec` to a Word document (.docx).

The output uses real Word styles (Title, Subtitle, Heading 1-4, List Bullet, List Number, Caption, Table Grid), real
bold/italic runs, a repeated and shaded table header row, page breaks, a running header, a footer with PAGE /
NUMPAGES fields and filled core properties. It is deterministic: same spec, same bytes.

Speed: python-docx is used once per process to build the template (its default template, pruned to the styles a
professional document uses, with a header and a footer part). That template is serialized once per header/footer
combination; every document then only emits its body, header, footer, numbering and core properties as strings
(exactly what python-docx would serialize) and zips them with the static parts, which are compressed once.
"""

from __future__ import annotations

import copy
import io
import re
import threading
from dataclasses import dataclass
from typing import Any, cast

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.pkgwriter import _ContentTypesItem

from ._errors import OfficeError
from ._inline import cell_text
from ._ooxml import build_zip, core_values
from ._specs import BulletList, CellText, DocumentSpec, Heading, NumberedList, PageBreak, Paragraph, Table
from ._xml_office import core_xml, esc, inline_pieces

__all__ = ["write_docx"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_VAL = _W + "val"
_BODY_WIDTH = 8640  # twips: Letter page minus the template's 1.25" margins
_BAD_XML_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_HEADER_FILL = "D9E2F3"
_KEEP_TABLE_STYLES = {
    "Normal Table",
    "Table Grid",
    "Light Shading",
    "Light Shading Accent 1",
    "Light List",
    "Light List Accent 1",
    "Light Grid",
    "Light Grid Accent 1",
    "Medium Shading 1 Accent 1",
    "Medium Grid 1 Accent 1",
}
_STYLE_NAMES = ("Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3", "Heading 4", "List Bullet", "List Number",
                "Caption", "Table Grid")  # fmt: skip
_STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
_CORE = "docProps/core.xml"
_DOCUMENT = "word/document.xml"
_NUMBERING = "word/numbering.xml"
_HF_PARA_END = "</w:pPr></w:p>"
_FIELD_SZ = '<w:r><w:rPr><w:sz w:val="18"/></w:rPr>'


@dataclass(frozen=True)
class _Variant:
    """The serialized package for one header/footer combination; ``None`` marks a member written per document."""

    entries: list[tuple[str, bytes | None]]
    doc_head: str
    doc_tail: str


@dataclass(frozen=True)
class _Prototype:
    """Template parts serialized once, plus facts resolved once."""

    variants: dict[tuple[bool, bool], _Variant]
    style_ids: dict[str, str]
    list_number_abstract_id: str | None
    next_num_id: int
    header_name: str
    footer_name: str
    header_head: str
    header_tail: str
    footer_head: str
    footer_tail: str
    numbering: bytes
    numbering_head: str
    numbering_tail: str


_prototype: _Prototype | None = None
_prototype_lock = threading.Lock()


def _load_template() -> Any:
    """Load python-docx's template, drop parts a fresh Word file does not need, prune table styles."""
    doc = docx.Document()
    main = doc.part
    for rel_id, rel in list(main.rels.items()):
        if rel.reltype in (RT.CUSTOM_XML, _STYLES_WITH_EFFECTS):
            main.drop_rel(rel_id)
    pkg_rels = main.package.rels
    for rel_id, rel in list(pkg_rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del pkg_rels[rel_id]
    styles = doc.styles.element
    for style in list(styles.iterchildren(_W + "style")):
        if style.get(_W + "type") == "table":
            name = style.find(_W + "name")
            if name is None or name.get(_VAL) not in _KEEP_TABLE_STYLES:
                styles.remove(style)
    section = doc.sections[0]
    _ = section.header.paragraphs, section.footer.paragraphs  # create both parts once
    # Re-open from bytes so the package holds only the parts still referenced.
    buf = io.BytesIO()
    doc.save(buf)
    return docx.Document(io.BytesIO(buf.getvalue()))


def _drop_reference(doc: Any, tag: str) -> None:
    """Remove an unused header/footer reference and its part."""
    sect_pr = doc.element.body.find(_W + "sectPr")
    for ref in sect_pr.findall(_W + tag):
        rel_id = ref.get(_R_ID)
        sect_pr.remove(ref)
        doc.part.drop_rel(rel_id)


def _package_entries(doc: Any) -> list[tuple[str, bytes]]:
    package = doc.part.package
    parts = list(package.iter_parts())
    entries = [
        ("[Content_Types].xml", cast(Any, _ContentTypesItem).from_parts(parts).blob),
        ("_rels/.rels", package.rels.xml),
    ]
    for part in parts:
        entries.append((part.partname.membername, part.blob))
        if len(part.rels):
            entries.append((part.partname.rels_uri.membername, part.rels.xml))
    return entries


def _split_paragraph(blob: bytes) -> tuple[str, str]:
    """Split a header/footer part around the end of its single empty, styled paragraph."""
    text = blob.decode()
    at = text.rindex(_HF_PARA_END)
    return text[:at], text[at + len(_HF_PARA_END) :]


def _build_prototype() -> _Prototype:
    doc = _load_template()
    style_ids = {name: doc.styles[name].style_id for name in _STYLE_NAMES}
    abstract_id: str | None = None
    num_id = doc.styles["List Number"].element.find(f"{_W}pPr/{_W}numPr/{_W}numId")
    numbering_el = doc.part.numbering_part.element
    if num_id is not None:
        for num in numbering_el.iterchildren(_W + "num"):
            if num.get(_W + "numId") == num_id.get(_VAL):
                abstract_id = num.find(_W + "abstractNumId").get(_VAL)
    used = [int(n.get(_W + "numId")) for n in numbering_el.iterchildren(_W + "num")]
    section = doc.sections[0]
    header_name = section.header.part.partname.membername
    footer_name = section.footer.part.partname.membername
    header_head, header_tail = _split_paragraph(section.header.part.blob)
    footer_head, footer_tail = _split_paragraph(section.footer.part.blob)
    numbering = doc.part.numbering_part.blob
    numbering_text = numbering.decode()
    at = numbering_text.rindex("</w:numbering>")
    dynamic = {_CORE, _DOCUMENT, header_name, footer_name, _NUMBERING}
    variants: dict[tuple[bool, bool], _Variant] = {}
    for has_header in (False, True):
        for has_footer in (False, True):
            variant = copy.deepcopy(doc)
            if not has_header:
                _drop_reference(variant, "headerReference")
            if not has_footer:
                _drop_reference(variant, "footerReference")
            entries = _package_entries(variant)
            document = dict(entries)[_DOCUMENT].decode()
            body_at = document.index("<w:body>") + len("<w:body>")
            sect_at = document.index("<w:sectPr", body_at)
            if sect_at != body_at:
                raise OfficeError("internal error: the docx template body is not empty")
            variants[(has_header, has_footer)] = _Variant(
                [(name, None if name in dynamic else data) for name, data in entries],
                document[:body_at],
                document[sect_at:],
            )
    return _Prototype(
        variants, style_ids, abstract_id, max(used, default=0) + 1, header_name, footer_name, header_head,
        header_tail, footer_head, footer_tail, numbering, numbering_text[:at], numbering_text[at:],
    )  # fmt: skip


def _get_prototype() -> _Prototype:
    global _prototype
    if _prototype is None:
        with _prototype_lock:
            if _prototype is None:
                _prototype = _build_prototype()
    return _prototype


def _validate(spec: DocumentSpec) -> None:
    for index, block in enumerate(spec.blocks):
        if isinstance(block, Table):
            width = len(block.header)
            for row_no, row in enumerate(block.rows, start=1):
                if len(row) > width:
                    raise OfficeError(
                        f"blocks[{index}] (table {block.header!r}): row {row_no} has {len(row)} cells but the header "
                        f"has {width} columns; shorten the row or add header columns"
                    )


def _text(text: str) -> str:
    """Run content for text, mapping newlines to w:br and tabs to w:tab like Word does."""
    text = _BAD_XML_CHARS.sub("", text)
    if "\n" not in text and "\t" not in text:
        if not text:
            return ""
        if text[0].isspace() or text[-1].isspace():
            return f'<w:t xml:space="preserve">{esc(text)}</w:t>'
        return f"<w:t>{esc(text)}</w:t>"
    out: list[str] = []
    for line_no, line in enumerate(text.split("\n")):
        if line_no:
            out.append("<w:br/>")
        for piece_no, piece in enumerate(line.split("\t")):
            if piece_no:
                out.append("<w:tab/>")
            if piece:
                if piece[0].isspace() or piece[-1].isspace():
                    out.append(f'<w:t xml:space="preserve">{esc(piece)}</w:t>')
                else:
                    out.append(f"<w:t>{esc(piece)}</w:t>")
    return "".join(out)


def _runs(text: str, bold: bool = False, extra: str = "") -> str:
    """w:r elements for inline-marked text; ``extra`` is run-property XML after b/i (color, size)."""
    out: list[str] = []
    for piece, piece_bold, italic in inline_pieces(text):
        props = ("<w:b/>" if bold or piece_bold else "") + ("<w:i/>" if italic else "") + extra
        content = _text(piece)
        if props:
            out.append(
                f"<w:r><w:rPr>{props}</w:rPr>{content}</w:r>" if content else f"<w:r><w:rPr>{props}</w:rPr></w:r>"
            )
        else:
            out.append(f"<w:r>{content}</w:r>" if content else "<w:r/>")
    return "".join(out)


def _paragraph(content: str, style_id: str | None = None, *, num_id: str | None = None,
               keep_next: bool = False) -> str:  # fmt: skip
    if style_id or num_id or keep_next:
        ppr = (f'<w:pStyle w:val="{style_id}"/>' if style_id else "") + ("<w:keepNext/>" if keep_next else "")
        if num_id:
            ppr += f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'
        return f"<w:p><w:pPr>{ppr}</w:pPr>{content}</w:p>"
    return f"<w:p>{content}</w:p>" if content else "<w:p/>"


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _table(block: Table, style_ids: dict[str, str]) -> str:
    out: list[str] = []
    if block.caption:
        out.append(_paragraph(_runs(block.caption), style_ids["Caption"], keep_next=True))
    cols = len(block.header)
    col_width = _BODY_WIDTH // cols
    grid = f'<w:gridCol w:w="{col_width}"/>' * cols
    out.append(
        f'<w:tbl><w:tblPr><w:tblStyle w:val="{style_ids["Table Grid"]}"/><w:tblW w:w="0" w:type="auto"/>'
        '<w:jc w:val="center"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" '
        f'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid><w:tr><w:trPr>'
        "<w:tblHeader/></w:trPr>"
    )
    head_pr = (f'<w:tc><w:tcPr><w:tcW w:w="{col_width}" w:type="dxa"/><w:shd w:val="clear" w:color="auto" '
               f'w:fill="{_HEADER_FILL}"/></w:tcPr>')  # fmt: skip
    for heading in block.header:
        content = _runs(heading, bold=True)
        out.append(f"{head_pr}<w:p>{content}</w:p></w:tc>" if content else f"{head_pr}<w:p/></w:tc>")
    out.append("</w:tr>")
    cell_pr = f'<w:tc><w:tcPr><w:tcW w:w="{col_width}" w:type="dxa"/></w:tcPr>'
    for row in block.rows:
        out.append("<w:tr>")
        for c in range(cols):
            value: CellText = row[c] if c < len(row) else None
            content = _runs(cell_text(value))
            if _is_number(value):
                out.append(f'{cell_pr}<w:p><w:pPr><w:jc w:val="right"/></w:pPr>{content}</w:p></w:tc>')
            else:
                out.append(f"{cell_pr}<w:p>{content}</w:p></w:tc>" if content else f"{cell_pr}<w:p/></w:tc>")
        out.append("</w:tr>")
    out.append("</w:tbl><w:p/>")  # breathing space after a table, as people type it
    return "".join(out)


def _field(instr: str, placeholder: str) -> str:
    """A complex field (e.g. PAGE) in 9-point runs: begin, instruction, separate, cached result, end."""
    return (
        f'{_FIELD_SZ}<w:fldChar w:fldCharType="begin"/></w:r>'
        f'{_FIELD_SZ}<w:instrText xml:space="preserve"> {instr} </w:instrText></w:r>'
        f'{_FIELD_SZ}<w:fldChar w:fldCharType="separate"/></w:r>'
        f"{_FIELD_SZ}<w:t>{placeholder}</w:t></w:r>"
        f'{_FIELD_SZ}<w:fldChar w:fldCharType="end"/></w:r>'
    )


def _header_xml(proto: _Prototype, text: str) -> bytes:
    runs = _runs(text, extra='<w:color w:val="595959"/><w:sz w:val="18"/>')
    return f'{proto.header_head}<w:jc w:val="right"/></w:pPr>{runs}</w:p>{proto.header_tail}'.encode()


def _footer_xml(proto: _Prototype, text: str) -> bytes:
    size = '<w:sz w:val="18"/>'
    content = (
        _runs(text + "  |  Page ", extra=size)
        + _field("PAGE", "1")
        + _runs(" of ", extra=size)
        + _field("NUMPAGES", "1")
    )
    return f'{proto.footer_head}<w:jc w:val="center"/></w:pPr>{content}</w:p>{proto.footer_tail}'.encode()


def _body(spec: DocumentSpec, proto: _Prototype) -> tuple[str, list[str]]:
    """The body XML and the extra w:num elements (one per numbered list after the first, so each restarts at 1)."""
    ids = proto.style_ids
    out = [_paragraph(_runs(spec.title), ids["Title"])]
    if spec.subtitle:
        out.append(_paragraph(_runs(spec.subtitle), ids["Subtitle"]))
    nums: list[str] = []
    lists = 0
    for block in spec.blocks:
        if isinstance(block, Heading):
            out.append(_paragraph(_runs(block.text), ids[f"Heading {block.level}"], keep_next=True))
        elif isinstance(block, Paragraph):
            out.append(_paragraph(_runs(block.text)))
        elif isinstance(block, BulletList):
            style = ids["List Bullet"]
            out.extend(_paragraph(_runs(item), style) for item in block.items)
        elif isinstance(block, NumberedList):
            lists += 1
            num_id: str | None = None
            if lists > 1 and proto.list_number_abstract_id is not None:
                num_id = str(proto.next_num_id + len(nums))
                nums.append(
                    f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{proto.list_number_abstract_id}"/>'
                    '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
                )
            style = ids["List Number"]
            out.extend(_paragraph(_runs(item), style, num_id=num_id) for item in block.items)
        elif isinstance(block, Table):
            out.append(_table(block, ids))
        elif isinstance(block, PageBreak):
            out.append('<w:p><w:r><w:br w:type="page"/></w:r></w:p>')
    return "".join(out), nums


def write_docx(spec: DocumentSpec) -> bytes:
    """Render a document spec as a .docx file.

    Args:
        spec: The document: title, optional subtitle, blocks, running header/footer and properties.

    Returns:
        The .docx bytes (identical for identical specs).

    Raises:
        OfficeError: If a table row has more cells than its header.

    Example:
        >>> from synthcomp_agents.office import DocumentSpec, Heading, Paragraph
        >>> spec = DocumentSpec(title="Q3 Supplier Review", blocks=[Heading(text="Summary"),
        ...                     Paragraph(text="Spend fell **4%** against plan.")])
        >>> write_docx(spec)[:2]
        b'PK'
    """
    _validate(spec)
    proto = _get_prototype()
    variant = proto.variants[(bool(spec.header), bool(spec.footer))]
    body, nums = _body(spec, proto)
    dynamic: dict[str, bytes] = {
        _CORE: core_xml(core_values(spec.properties, spec.title)),
        _DOCUMENT: f"{variant.doc_head}{body}{variant.doc_tail}".encode(),
        _NUMBERING: (
            f"{proto.numbering_head}{''.join(nums)}{proto.numbering_tail}".encode() if nums else proto.numbering
        ),
    }
    if spec.header:
        dynamic[proto.header_name] = _header_xml(proto, spec.header)
    if spec.footer:
        dynamic[proto.footer_name] = _footer_xml(proto, spec.footer)
    return build_zip([(name, data if data is not None else dynamic[name]) for name, data in variant.entries])
