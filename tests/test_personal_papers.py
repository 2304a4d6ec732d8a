"""A person keeps one set of personal papers (issue 11 review): one CV, one health log, one budget, the tax receipts
of a year beside that year's return, all in one home tree; never a parallel ``Documents/Personal`` tree with a
second CV, a second appointments log and a second budget, nor payslip reminders for a retiree."""

from __future__ import annotations

import io
from collections import Counter

import pytest
from generator_cache import generated

from synthcomp_agents.computers import GeneratedComputer
from synthcomp_agents.personas import Persona, sample_personas

OUTSIDE = ("A retired postman in Cardiff who sings in a male voice choir", "A self-employed plumber in Leeds")


def computer(index: int) -> GeneratedComputer:
    personas: list[Persona | str] = [*sample_personas(4, seed=21), *OUTSIDE]
    return generated(personas[index], seed=index)


@pytest.mark.parametrize("index", range(6))
def test_one_set_of_personal_papers(index: int) -> None:
    c = computer(index)
    files = c.blueprint.file_list
    assert not [f.path for f in files if f.path.startswith("Documents/Personal/")]
    kinds = Counter(f.archetype for f in files)
    assert kinds["cv"] <= 1
    assert not (kinds["medical_log"] and kinds["medical_appointment_log"])
    # the fallback "monthly budget.csv" only where no other household budget was written
    assert not (kinds["household_budget"] > 1 and any(f.path.endswith("monthly budget.csv") for f in files))
    tax_folders = {f.path.rsplit("/", 1)[0] for f in files if f.archetype in ("tax_receipts", "tax_return_workings")}
    years = Counter(folder.split("/Tax/")[1][:4] for folder in tax_folders if "/Tax/" in folder)
    assert all(n == 1 for n in years.values()), tax_folders  # one folder per tax year
    conventions = c.blueprint.filesystem_policy.folder_conventions
    assert any(conv.startswith("Documents/Home/") for conv in conventions) and c.disk.is_dir("Documents/Home")


def test_a_retirees_tax_notes_speak_of_pensions_not_payslips() -> None:
    c = computer(4)
    notes = [c.disk.read_text(f.path) for f in c.blueprint.file_list if f.archetype == "tax_notes"]
    assert notes
    assert all("payslip" not in n and "home office" not in n for n in notes)
    assert any("pension" in n for n in notes)


@pytest.mark.parametrize(
    ("persona", "office"),
    [
        ("A Vietnam veteran in Ohio who restores old trucks", "Department of Veterans Affairs"),
        ("A Korean War veteran in Seoul", "Ministry of Patriots and Veterans Affairs"),
        ("A WWII veteran who didn't finish high school", "veterans' pension office"),
    ],
)
def test_a_veterans_pension_claim_encloses_the_discharge_papers(persona: str, office: str) -> None:
    """A veteran's "Military pension" project holds the claim letter to the country's veterans' office with the
    discharge papers enclosed and a log of the claim's steps; it used to hold a household budget, a savings sheet and
    a club's committee minutes."""
    from docx import Document

    c = generated(persona, seed=7)
    files = c.blueprint.file_list
    claims = [f for f in files if f.archetype == "military_pension_claim" and "/Military pension/" in f.path]
    assert claims, [f.path for f in files if "pension" in f.path.lower()]
    doc = Document(io.BytesIO(c.disk.read_bytes(claims[0].path)))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert office in text and "discharge" in text.lower() and "Yours faithfully" in text
    project = claims[0].path.rsplit("/Military pension/", 1)[0] + "/Military pension/"
    kinds = {f.archetype for f in files if f.path.startswith(project)}
    assert not kinds & {"household_budget", "savings_overview", "meeting_minutes"}, kinds


@pytest.mark.parametrize(
    "persona", ["A retired teacher", "A retired postman in Cardiff who sings in a male voice choir"]
)
def test_only_a_veteran_claims_a_military_pension(persona: str) -> None:
    """A retired teacher wrote a military pension claim letter among his life documents (the archetype was open to
    every retiree)."""
    c = generated(persona, seed=7)
    assert not [f.path for f in c.blueprint.file_list if f.archetype == "military_pension_claim"]
