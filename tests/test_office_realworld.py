"""What real files carry is read, each piece once and labelled: one small file built per feature."""

from __future__ import annotations

from pathlib import Path

import pytest
from realworld_builders import (
    as_macro_enabled,
    docx_with_features,
    edit_zip,
    eml_with_html_and_forward,
    pptx_with_features,
    xlsx_with_features,
)

from synthcomp_agents.office import OfficeFileError, extract_text, outline, read_document

FIXTURES = Path(__file__).parent / "fixtures" / "realworld"


@pytest.fixture(scope="module")
def feature_docx() -> bytes:
    return docx_with_features()


def _once(text: str, needle: str) -> None:
    assert text.count(needle) == 1, f"{needle!r} appears {text.count(needle)} times in:\n{text}"


def test_docx_comment_footnote_header_footer_content_control_text_box_alt_text(feature_docx: bytes) -> None:
    text = read_document("vendor-review.docx", feature_docx, max_chars=50_000).text
    _once(text, "[comment by Priya Nair: Check the Q3 fuel surcharge before sending]")
    _once(text, "Freight costs rose 12% against plan[^1]")
    _once(text, "[^1]: Source: FY2025 audited accounts, note 14.")
    _once(text, "[header] Northwind Logistics - Confidential")
    _once(text, "[footer] Prepared by Finance Operations")
    _once(text, "Objective: lead the Lisbon data-centre migration with zero unplanned downtime")
    _once(text, "[image: Bar chart of freight cost per region]")
    # the text box comes once (not again from its VML fallback), on its own lines, not glued to the anchor paragraph
    _once(text, "Callout: renewal due 30 June")
    assert "[text box]\nCallout: renewal due 30 June" in text
    assert "Anchor paragraph for the callout.\n" in text
    # search sees the same text
    plain = extract_text("vendor-review.docx", feature_docx)
    for needle in ("fuel surcharge", "audited accounts", "Northwind Logistics", "Lisbon data-centre", "renewal due"):
        _once(plain, needle)


@pytest.mark.parametrize(
    ("name", "main_type"),
    [
        ("review.docm", "application/vnd.ms-word.document.macroEnabled.main+xml"),
        ("review.dotx", "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"),
    ],
)
def test_docx_variants_go_to_the_word_reader(feature_docx: bytes, name: str, main_type: str) -> None:
    data = as_macro_enabled(feature_docx, main_type)
    text = read_document(name, data, max_chars=50_000).text
    _once(text, "Freight costs rose 12% against plan")
    assert "Word document" in outline(name, data)
    # and a variant saved under a misleading extension is sniffed by its content
    assert "Freight costs rose 12%" in read_document("review.bin", data, max_chars=50_000).text


def test_pptx_3d_chart_smartart_and_comment_are_read_once() -> None:
    data = pptx_with_features()
    text = read_document("programme.pptx", data, max_chars=50_000).text
    # the 3D chart (which python-pptx cannot read) does not fail the deck; its title and axis title are read
    _once(text, "[chart (bar3d): Pallets handled per site; categories: Lisbon, Porto]")
    _once(text, "  axis titles: Pallets per day")
    _once(text, "  series Pallets per day: 1180, 940")
    assert "[SmartArt]\n- Discovery workshops\n- Pilot in Porto warehouse" in text
    assert "ignored document node" not in text
    _once(text, "[comment by Tomas Berg: Replace the pilot dates with the signed schedule]")
    _once(text, "## Slide 1: Warehouse programme")
    assert "slide 3: Roll-out plan" in outline("programme.pptx", data)
    plain = extract_text("programme.pptx", data)
    for needle in ("Pallets handled per site", "Porto warehouse", "signed schedule"):
        _once(plain, needle)


def test_pptx_chart_that_cannot_be_read_stays_local() -> None:
    data = edit_zip(pptx_with_features(), {"ppt/charts/chart1.xml": lambda xml: xml[: len(xml) // 2]})
    text = read_document("programme.pptx", data, max_chars=50_000).text
    _once(text, "[chart on slide 2 could not be read: XMLSyntaxError]")
    _once(text, "Scope agreed with operations")
    _once(text, "Pilot in Porto warehouse")


def test_xlsx_comment_chart_title_and_formula_values_in_read_and_search() -> None:
    data = xlsx_with_features()
    text = read_document("budget.xlsx", data, max_chars=50_000).text
    _once(text, "[comment on B2 by Priya Nair: Includes the Q3 fuel surcharge]")
    _once(text, "[chart: Cost per site]")
    plain = extract_text("budget.xlsx", data)
    _once(plain, "fuel surcharge")
    _once(plain, "=SUM(B2:B3) 80,150")  # search_text finds a formula's value, not only its text


def test_eml_html_body_nested_multipart_and_forwarded_message() -> None:
    data = eml_with_html_and_forward()
    text = read_document("fwd.eml", data, max_chars=50_000).text
    _once(text, "Tomas, see the rates below & update the budget by Friday.")
    assert "- Lisbon – 48,250 EUR\n- Porto – 31,900 EUR" in text
    assert "track()" not in text and "color: red" not in text and "&amp;" not in text
    _once(text, "---------- Forwarded message ----------\nFrom: Lena Vogt <lena.vogt@northwind.example>")
    _once(text, "The new carrier rate is 1.42 EUR per pallet-kilometre from February.")
    plain = extract_text("fwd.eml", data)
    _once(plain, "1.42 EUR per pallet-kilometre")


@pytest.mark.parametrize("encoding", ["shift_jis", "gb18030", "utf-16-le", "cp1252"])
def test_csv_encodings_are_detected(encoding: str) -> None:
    rows = {
        "shift_jis": "担当者,金額,備考\n山田,1200,納期は来週\n鈴木,3400,確定済み\n",
        "gb18030": "负责人,金额,备注\n王伟,1200,下周交付\n李娜,3400,已确认\n",
        "utf-16-le": "Owner,Amount,Note\nAna,1200,due next week\nBen,3400,confirmed\n",
        "cp1252": "Responsable,Montant,Remarque\nRené,1200,échéance à Noël\nZoë,3400,confirmé\n",
    }[encoding]
    data = rows.encode(encoding)
    text = read_document("ledger.csv", data).text
    second = rows.splitlines()[1].split(",")
    assert f"| 1 | {second[0]} | {second[1]} | {second[2]} |" in text, text
    assert "\ufffd" not in text


def test_legacy_xls_msg_doc_and_encrypted_office_files() -> None:
    xls = (FIXTURES / "poi-SimpleWithColours.xls").read_bytes()
    text = read_document("colours.xls", xls).text
    assert "## Sheet " in text and "| row |" in text
    msg = (FIXTURES / "poi-ASCII_UTF-8_CP1252_LCID1031_HTML.msg").read_bytes()
    assert "Body öäü Body" in read_document("note.msg", msg).text
    doc = (FIXTURES / "poi-Bug53182.doc").read_bytes()
    assert "This sentence has a bold character style that has been overridden" in read_document("note.doc", doc).text
    ppt = (FIXTURES / "poi-52599.ppt").read_bytes()
    ppt_text = read_document("deck.ppt", ppt).text
    assert "this box should be shown just once" in ppt_text and "Click to edit Master" not in ppt_text
    for name, target in (
        ("poi-protected_agile.docx", "contract.docx"),  # an encrypted OOXML package is an OLE2 file
        ("poi-PasswordProtected.doc", "old.doc"),
        ("poi-Password_Protected-hello.ppt", "old.ppt"),
    ):
        with pytest.raises(OfficeFileError, match="password-protected"):
            read_document(target, (FIXTURES / name).read_bytes())


def test_pdf_page_that_fails_is_named_and_skipped(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from pypdf import PageObject, PdfReader, PdfWriter
    from test_office_limits import slow_pdf

    writer = PdfWriter()
    page = PdfReader(io.BytesIO(slow_pdf(2))).pages[0]
    for _ in range(3):
        writer.add_page(page)
    buf = io.BytesIO()
    writer.write(buf)
    real = PageObject.extract_text
    calls = {"n": 0}

    def flaky(self: PageObject, *args: object, **kwargs: object) -> str:
        calls["n"] += 1
        if calls["n"] == 2:  # pypdf's internal errors on one page of real files look like this
            raise KeyError("/Font")
        return str(real(self, *args, **kwargs))  # type: ignore[arg-type]

    monkeypatch.setattr(PageObject, "extract_text", flaky)
    text = read_document("minutes.pdf", buf.getvalue()).text
    assert "--- Page 2 of 3 ---\n[page 2 could not be read: KeyError: '/Font']" in text
    assert text.count("Budget lineBudget line") == 2  # pages 1 and 3 are still read
