"""Archetype documents rendered by a real office suite: 14 files of 14 archetypes go through LibreOffice (one soffice
call) to PDF, then pdftoppm to PNG; every page must carry visible content and the PDF text must hold the document's
own words.

Set ``ARCHETYPE_PNG_DIR`` to keep the first page of each file as PNG (how ``docs/examples/*.png`` were made)::

    ARCHETYPE_PNG_DIR=/tmp/pngs python -m pytest -q tests/test_archetype_render.py
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from lo_helpers import SKIP_REASON, convert_to_pdf, find_soffice
from PIL import Image
from pypdf import PdfReader

from synthcomp_agents.computers._locale import locale_for
from synthcomp_agents.computers.archetypes import ArchetypeContext, Artifact, Counterpart, build_artifact
from synthcomp_agents.office import PresentationSpec

pytestmark = pytest.mark.libreoffice

# (archetype, kind, context index): documents, workbooks and decks of work and personal life
_CASES: list[tuple[str, str, int]] = [
    ("invoice", "docx", 0),
    ("setlist", "docx", 0),
    ("gig_booking", "docx", 0),
    ("harvest_record", "xlsx", 0),
    ("training_log", "xlsx", 0),
    ("lesson_plan", "docx", 1),
    ("scheme_of_work", "xlsx", 1),
    ("meeting_minutes", "docx", 1),
    ("survey_results", "pptx", 1),
    ("family_history_notes", "docx", 2),
    ("club_treasurer_accounts", "xlsx", 2),
    ("medical_appointment_log", "docx", 2),
    ("research_talk", "pptx", 3),
    ("project_status_report", "pptx", 3),
]


def _context(index: int) -> ArchetypeContext:
    rng = random.Random(11 + index)
    if index == 0:
        return ArchetypeContext(
            owner_name="Dale Carter", owner_role="farmer and bass player", organisation="Rust Anvil",
            org_type="farm", topic="Fall corn harvest", created=date(2025, 10, 14), rng=rng,
            life_stage="self_employed", interests=("heavy metal music", "boxing"),
            counterparts=(Counterpart("Mia Lopez", "client", "The Vault"),), locale=locale_for("US", region="KY"),
            city="Bowling Green", owner_email="dale@rustanvil.com", owner_phone="(270) 555-0143",
            owner_address="1200 Mill Rd, Bowling Green, KY 42101",
        )  # fmt: skip
    if index == 1:
        return ArchetypeContext(
            owner_name="Lucía Martín", owner_role="maths teacher", organisation="IES Cervantes", org_type="school",
            topic="Linear equations", created=date(2024, 11, 20), rng=rng, family="education_teaching",
            vocabulary=("linear equations", "fractions", "gradient"),
            counterparts=(Counterpart("Javier Ortega", "head of department"),), locale=locale_for("ES"), city="Madrid",
        )  # fmt: skip
    if index == 2:
        return ArchetypeContext(
            owner_name="Margaret Doyle", owner_role="retired postmistress", organisation="Greenhill Bowls Club",
            org_type="club", topic="Club year", created=date(2024, 3, 8), rng=rng, life_stage="retiree",
            interests=("family history", "bowls"), counterparts=(Counterpart("Dr Imran Shah", "GP"),),
            locale=locale_for("IE"), city="Ballina",
        )  # fmt: skip
    return ArchetypeContext(
        owner_name="Anja Becker", owner_role="research fellow", organisation="TU Dresden", org_type="university",
        topic="Sleep and shift work", created=date(2025, 5, 21), rng=rng, family="academic_research",
        vocabulary=("circadian misalignment", "night shifts", "actigraphy"),
        counterparts=(Counterpart("Jonas Weber", "co-author"), Counterpart("Prof. Lena Vogt", "sponsor")),
        locale=locale_for("DE"), city="Dresden",
    )  # fmt: skip


def _artifacts() -> dict[str, Artifact]:
    out: dict[str, Artifact] = {}
    for n, (archetype, kind, ctx_index) in enumerate(_CASES):
        art = build_artifact(archetype, _context(ctx_index), kind)  # type: ignore[arg-type]
        out[f"{n:02d}_{archetype}.{kind}"] = art
    return out


def _ink(png: Path) -> float:
    """Share of pixels that are clearly not paper-white."""
    with Image.open(png) as img:
        grey = img.convert("L")
        histogram: list[int] = grey.histogram()
    dark = sum(histogram[:200])
    return dark / max(sum(histogram), 1)


def test_fourteen_archetypes_render_in_libreoffice_with_content_on_every_page(tmp_path: Path) -> None:
    if find_soffice() is None:
        pytest.skip(SKIP_REASON)
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        pytest.skip("pdftoppm (poppler-utils) is not on PATH; install poppler-utils to rasterise the PDFs")
    artifacts = _artifacts()
    assert len({a.archetype for a in artifacts.values()}) >= 12
    result = convert_to_pdf({name: art.to_bytes() for name, art in artifacts.items()}, tmp_path, timeout=300)
    assert result.failures() == []
    keep = os.environ.get("ARCHETYPE_PNG_DIR")
    for name, art in artifacts.items():
        pdf = result.outputs[name]
        text = " ".join((page.extract_text() or "") for page in PdfReader(pdf).pages)
        words = [w for w in art.title.split() if len(w) > 3][:2] or art.title.split()[:1]
        if art.kind != "xlsx":  # a workbook's title lives in its properties, not on the sheet
            assert all(w in text for w in words), (name, words, text[:200])
        stem = tmp_path / "png" / Path(name).stem
        stem.parent.mkdir(exist_ok=True)
        subprocess.run([pdftoppm, "-png", "-r", "40", str(pdf), str(stem)], check=True, timeout=120)
        pages = sorted(stem.parent.glob(f"{stem.name}-*.png"))
        assert pages, f"{name}: pdftoppm produced no page"
        assert len(pages) <= 12, f"{name}: {len(pages)} pages – a layout that spills over"
        for number, page in enumerate(pages, start=1):
            ink = _ink(page)  # a last page may hold only a few lines; a blank page has none
            floor = 0.01 if number == 1 else 0.0008
            assert floor < ink < 0.6, f"{name} {page.name}: {ink:.3%} of the page is ink"
        if keep:  # a deck is shown by its first slide with a table or chart, other files by their first page
            first = 1
            if isinstance(art.spec, PresentationSpec):
                first += next((i for i, s in enumerate(art.spec.slides) if s.type in ("chart", "table")), 0)
            Path(keep).mkdir(parents=True, exist_ok=True)
            out = str(Path(keep) / f"{art.archetype}_{art.kind}")
            args = ["-png", "-r", "60", "-f", str(first), "-l", str(first), "-singlefile", str(pdf), out]
            subprocess.run([pdftoppm, *args], check=True, timeout=120)
