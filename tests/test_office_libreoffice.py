"""Real-office check: every OOXML/CSV file the writers produce opens in LibreOffice and converts to a real PDF."""

from __future__ import annotations

from pathlib import Path

import pypdf
import pytest
from lo_helpers import SKIP_REASON, convert_to_pdf, find_soffice
from office_samples import clinical_budget, procurement_review, quarterly_deck, supplier_csv

from synthcomp_agents.office import write_csv, write_docx, write_pptx, write_xlsx

pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.skipif(find_soffice() is None, reason=SKIP_REASON),
]


def test_writer_outputs_open_in_libreoffice(tmp_path: Path) -> None:
    files = {
        "q3_review.docx": write_docx(procurement_review()),
        "site_budget.xlsx": write_xlsx(clinical_budget()),
        "q3_deck.pptx": write_pptx(quarterly_deck(10)),
        "suppliers.csv": write_csv(supplier_csv()),
    }
    result = convert_to_pdf(files, tmp_path)
    assert result.failures() == [], result.stderr
    texts = {
        name: "\n".join(p.extract_text() for p in pypdf.PdfReader(pdf).pages) for name, pdf in result.outputs.items()
    }
    assert "Supplier performance" in texts["q3_review.docx"]
    assert "Nordlicht" in texts["suppliers.csv"]
    assert "Plan vs actual by category" in texts["q3_deck.pptx"]
    assert len(pypdf.PdfReader(result.outputs["q3_deck.pptx"]).pages) == 10
    # LibreOffice recalculates the formulas openpyxl stored without cached values
    assert "Visit and site" in texts["site_budget.xlsx"]
    assert "$" in texts["site_budget.xlsx"]
