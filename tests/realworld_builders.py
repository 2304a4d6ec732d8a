"""Small files that carry what real office files carry (comments, notes, headers, content controls, text boxes, alt
text, SmartArt, 3D charts, HTML mail, forwarded mail, CSV encodings), built with the format libraries plus raw XML
edits, for the reader feature tests."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from email.message import EmailMessage
from typing import Any

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def edit_zip(data: bytes, edits: dict[str, Callable[[str], str] | str]) -> bytes:
    """Rewrite (callable) or add (string) parts of a zip package."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        names = src.namelist()
        for name in names:
            raw = src.read(name)
            edit = edits.get(name)
            if callable(edit):
                raw = edit(raw.decode("utf-8")).encode("utf-8")
            dst.writestr(name, raw)
        for name, edit in edits.items():
            if name not in names and isinstance(edit, str):
                dst.writestr(name, edit)
    return out.getvalue()


_TEXT_BOX = (
    '<w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
    '<mc:Choice xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" Requires="wps">'
    '<w:drawing><wp:anchor xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" behindDoc="0" locked="0" '
    'layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column">'
    '<wp:posOffset>0</wp:posOffset></wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>0'
    '</wp:posOffset></wp:positionV><wp:extent cx="2000000" cy="500000"/><wp:wrapSquare wrapText="bothSides"/>'
    '<wp:docPr id="90" name="Text Box 1"/><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/'
    'main"><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp>'
    "<wps:txbx><w:txbxContent><w:p><w:r><w:t>Callout: renewal due 30 June</w:t></w:r></w:p></w:txbxContent>"
    "</wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
    '<mc:Fallback><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml" id="tb1"><v:textbox><w:txbxContent>'
    "<w:p><w:r><w:t>Callout: renewal due 30 June</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict>"
    "</mc:Fallback></mc:AlternateContent></w:r>"
)

_CONTENT_CONTROL = (
    "<w:sdt><w:sdtPr><w:alias w:val='Objective'/></w:sdtPr><w:sdtContent><w:p><w:r><w:t>Objective: lead the "
    "Lisbon data-centre migration with zero unplanned downtime</w:t></w:r></w:p></w:sdtContent></w:sdt>"
)

_FOOTNOTES = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="{W_NS}">'
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p>'
    '</w:footnote><w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Source: '
    "FY2025 audited accounts, note 14.</w:t></w:r></w:p></w:footnote></w:footnotes>"
)


def docx_with_features() -> bytes:
    """A docx with a comment, a footnote, a header and footer, a body-level content control, a text box and alt
    text, plus a style without a type (which python-docx's style factory cannot load)."""
    import docx
    from docx.shared import Inches
    from PIL import Image

    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "Northwind Logistics - Confidential"
    d.sections[0].footer.paragraphs[0].text = "Prepared by Finance Operations"
    d.add_heading("Vendor review", 1)
    para = d.add_paragraph("Freight costs rose 12% against plan")
    d.add_comment(para.runs, text="Check the Q3 fuel surcharge before sending", author="Priya Nair")
    d.add_paragraph("Anchor paragraph for the callout.")
    img = io.BytesIO()
    Image.new("RGB", (20, 10), (30, 90, 160)).save(img, "PNG")
    img.seek(0)
    d.add_picture(img, width=Inches(1))
    d.add_paragraph("Closing remarks.")
    buf = io.BytesIO()
    d.save(buf)

    def body(xml: str) -> str:
        xml = xml.replace(
            "Freight costs rose 12% against plan</w:t></w:r>",
            'Freight costs rose 12% against plan</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r>',
        )
        xml = xml.replace(
            "Anchor paragraph for the callout.</w:t></w:r>", "Anchor paragraph for the callout.</w:t></w:r>" + _TEXT_BOX
        )
        xml = re.sub(r'(<wp:docPr [^>]*?name="Picture \d+")', r'\1 descr="Bar chart of freight cost per region"', xml)
        return xml.replace("<w:body>", "<w:body>" + _CONTENT_CONTROL, 1)

    def rels(xml: str) -> str:
        return xml.replace(
            "</Relationships>",
            '<Relationship Id="rIdFn1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'footnotes" Target="footnotes.xml"/></Relationships>',
        )

    def types(xml: str) -> str:
        return xml.replace(
            "</Types>",
            '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'wordprocessingml.footnotes+xml"/></Types>',
        )

    def styles(xml: str) -> str:  # a style without w:type, as some generators write
        return xml.replace("</w:styles>", '<w:style w:styleId="Orphan"><w:name w:val="Orphan"/></w:style></w:styles>')

    return edit_zip(
        buf.getvalue(),
        {
            "word/document.xml": body,
            "word/_rels/document.xml.rels": rels,
            "[Content_Types].xml": types,
            "word/styles.xml": styles,
            "word/footnotes.xml": _FOOTNOTES,
        },
    )


def as_macro_enabled(data: bytes, main_type: str) -> bytes:
    """The same package declared as another variant (e.g. a .docm or .dotx main content type)."""

    def types(xml: str) -> str:
        return re.sub(
            r'(PartName="/(?:word/document|ppt/presentation|xl/workbook)\.xml" ContentType=")[^"]+"',
            rf'\1{main_type}"',
            xml,
        )

    return edit_zip(data, {"[Content_Types].xml": types})


_P_NS = "http://schemas.openxmlformats.org/presentationml/2006/main"
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_DGM_NS = "http://schemas.openxmlformats.org/drawingml/2006/diagram"
_A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"

_SMARTART_FRAME = (
    f'<p:graphicFrame xmlns:a="{_A_NS}" xmlns:r="{_REL_NS}"><p:nvGraphicFramePr><p:cNvPr id="77" name="Diagram 1"/>'
    '<p:cNvGraphicFramePr/><p:nvPr/></p:nvGraphicFramePr><p:xfrm><a:off x="0" y="0"/><a:ext cx="100" '
    'cy="100"/></p:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/diagram">'
    f'<dgm:relIds xmlns:dgm="{_DGM_NS}" r:dm="rIdDgm1" r:lo="rIdDgm1" r:qs="rIdDgm1" r:cs="rIdDgm1"/>'
    "</a:graphicData></a:graphic></p:graphicFrame>"
)
_SMARTART_DATA = (
    f'<?xml version="1.0" encoding="UTF-8"?><dgm:dataModel xmlns:dgm="{_DGM_NS}" xmlns:a="{_A_NS}"><dgm:ptLst>'
    '<dgm:pt modelId="0" type="doc"><dgm:t><a:p><a:r><a:t>ignored document node</a:t></a:r></a:p></dgm:t></dgm:pt>'
    '<dgm:pt modelId="1"><dgm:t><a:bodyPr/><a:p><a:r><a:t>Discovery workshops</a:t></a:r></a:p></dgm:t></dgm:pt>'
    '<dgm:pt modelId="2"><dgm:t><a:bodyPr/><a:p><a:r><a:t>Pilot in Porto warehouse</a:t></a:r></a:p></dgm:t></dgm:pt>'
    "</dgm:ptLst></dgm:dataModel>"
)
_COMMENTS = (
    f'<?xml version="1.0" encoding="UTF-8"?><p:cmLst xmlns:p="{_P_NS}"><p:cm authorId="0" dt="2026-01-05T09:00:00" '
    'idx="1"><p:pos x="10" y="10"/><p:text>Replace the pilot dates with the signed schedule</p:text></p:cm></p:cmLst>'
)
_AUTHORS = (
    f'<?xml version="1.0" encoding="UTF-8"?><p:cmAuthorLst xmlns:p="{_P_NS}"><p:cmAuthor id="0" name="Tomas Berg" '
    'initials="TB" lastIdx="1" clrIdx="0"/></p:cmAuthorLst>'
)


def pptx_with_features() -> bytes:
    """A deck whose slide 2 has a 3D column chart with a title and axis title, slide 3 SmartArt and a comment."""
    from pptx import Presentation
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE
    from pptx.util import Inches

    prs = Presentation()
    s1 = prs.slides.add_slide(prs.slide_layouts[1])
    s1.shapes.title.text = "Warehouse programme"
    s1.placeholders[1].text = "Scope agreed with operations"
    s2 = prs.slides.add_slide(prs.slide_layouts[5])
    s2.shapes.title.text = "Throughput"
    data: Any = CategoryChartData()  # type: ignore[no-untyped-call]
    data.categories = ["Lisbon", "Porto"]
    data.add_series("Pallets per day", (1180, 940))
    frame = s2.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, Inches(1), Inches(1), Inches(6), Inches(4), data)
    frame.chart.has_title = True
    frame.chart.chart_title.text_frame.text = "Pallets handled per site"
    frame.chart.value_axis.has_title = True
    frame.chart.value_axis.axis_title.text_frame.text = "Pallets per day"
    s3 = prs.slides.add_slide(prs.slide_layouts[5])
    s3.shapes.title.text = "Roll-out plan"
    buf = io.BytesIO()
    prs.save(buf)
    raw = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    chart_part = next(n for n in raw.namelist() if re.fullmatch(r"ppt/charts/chart\d+\.xml", n))

    def chart(xml: str) -> str:  # make it a 3D chart, which python-pptx cannot read back
        xml = xml.replace("<c:barChart>", "<c:bar3DChart>").replace("</c:barChart>", "</c:bar3DChart>")
        return xml.replace("<c:chart>", '<c:chart><c:view3D><c:rotX val="15"/><c:rotY val="20"/></c:view3D>', 1)

    def slide3(xml: str) -> str:
        return xml.replace("</p:spTree>", _SMARTART_FRAME + "</p:spTree>")

    def slide3_rels(xml: str) -> str:
        return xml.replace(
            "</Relationships>",
            f'<Relationship Id="rIdDgm1" Type="{_REL_NS}/diagramData" Target="../diagrams/data1.xml"/>'
            f'<Relationship Id="rIdCm1" Type="{_REL_NS}/comments" Target="../comments/comment1.xml"/>'
            "</Relationships>",
        )

    def pres_rels(xml: str) -> str:
        return xml.replace(
            "</Relationships>",
            f'<Relationship Id="rIdAu1" Type="{_REL_NS}/commentAuthors" Target="commentAuthors.xml"/></Relationships>',
        )

    return edit_zip(
        buf.getvalue(),
        {
            chart_part: chart,
            "ppt/slides/slide3.xml": slide3,
            "ppt/slides/_rels/slide3.xml.rels": slide3_rels,
            "ppt/_rels/presentation.xml.rels": pres_rels,
            "ppt/diagrams/data1.xml": _SMARTART_DATA,
            "ppt/comments/comment1.xml": _COMMENTS,
            "ppt/commentAuthors.xml": _AUTHORS,
        },
    )


def xlsx_with_features() -> bytes:
    """A workbook with a cell comment, a formula whose value is stored in the file, and a chart with a title."""
    import openpyxl
    from openpyxl.chart import BarChart, Reference
    from openpyxl.comments import Comment

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Budget"
    ws.append(["Site", "Cost"])
    ws.append(["Lisbon", 48250])
    ws.append(["Porto", 31900])
    ws["C1"] = "Total"
    ws["C2"] = "=SUM(B2:B3)"
    ws["B2"].comment = Comment("Includes the Q3 fuel surcharge", "Priya Nair")
    chart = BarChart()
    chart.title = "Cost per site"
    chart.add_data(Reference(ws, min_col=2, min_row=1, max_row=3), titles_from_data=True)
    ws.add_chart(chart, "E2")
    buf = io.BytesIO()
    wb.save(buf)

    def sheet(xml: str) -> str:  # store the computed value next to the formula, as Excel does
        return xml.replace("<f>SUM(B2:B3)</f><v></v>", "<f>SUM(B2:B3)</f><v>80150</v>").replace(
            "<f>SUM(B2:B3)</f></c>", "<f>SUM(B2:B3)</f><v>80150</v></c>"
        )

    return edit_zip(buf.getvalue(), {"xl/worksheets/sheet1.xml": sheet})


def eml_with_html_and_forward() -> bytes:
    """A message whose text/plain part is empty and whose HTML holds the content, nested in multipart/mixed, with a
    forwarded message inline."""
    inner = EmailMessage()
    inner["From"] = "Lena Vogt <lena.vogt@northwind.example>"
    inner["To"] = "Priya Nair <priya.nair@northwind.example>"
    inner["Subject"] = "Carrier rates for 2026"
    inner["Date"] = "Mon, 05 Jan 2026 09:00:00 +0000"
    inner.set_content("The new carrier rate is 1.42 EUR per pallet-kilometre from February.")
    msg = EmailMessage()
    msg["From"] = "Priya Nair <priya.nair@northwind.example>"
    msg["To"] = "Tomas Berg <tomas.berg@northwind.example>"
    msg["Subject"] = "Fwd: Carrier rates for 2026"
    msg["Date"] = "Mon, 05 Jan 2026 10:00:00 +0000"
    msg.set_content("")
    msg.add_alternative(
        "<html><head><style>p {color: red}</style><script>track()</script></head><body>"
        "<p>Tomas, see the rates below &amp; update the budget by Friday.</p>"
        "<ul><li>Lisbon &ndash; 48,250 EUR</li><li>Porto &ndash; 31,900 EUR</li></ul></body></html>",
        subtype="html",
    )
    msg.make_mixed()
    msg.attach(_as_rfc822(inner))
    return msg.as_bytes()


def _as_rfc822(inner: EmailMessage) -> EmailMessage:
    part = EmailMessage()
    part.set_content(inner)
    return part
