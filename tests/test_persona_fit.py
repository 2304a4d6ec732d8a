"""Persona fit with teeth: for the personas a reader tried (issue 11), the computer's files say what that life would.

Each case names a poor pick seen before (a pharma trial manager's audit of "our wards", hectares on a Kentucky farm,
a purchase order from a cattle seller, a job search for a WWII veteran) and reads the generated files for it. The
causes are rules by family, life stage and country (tables and the classifier), so each case stands for a class.
"""

from __future__ import annotations

import re

import pytest
from generator_cache import file_text, generated

from synthcomp_agents.computers import GeneratedComputer
from synthcomp_agents.personas import region_cities

_TEXT = (".docx", ".xlsx", ".pptx", ".pdf", ".md", ".txt", ".csv")


def computer(text: str) -> GeneratedComputer:
    return generated(text, seed=7)


def texts(c: GeneratedComputer) -> dict[str, str]:
    """Every user document's path and text."""
    out: dict[str, str] = {}
    for f in c.blueprint.file_list:
        if f.path.endswith(_TEXT):
            try:
                out[f.path] = file_text(c, f.path)
            except Exception:
                continue
    return out


def kinds(c: GeneratedComputer) -> set[str]:
    return {f.archetype for f in c.blueprint.file_list if f.archetype}


def project_names(c: GeneratedComputer) -> list[str]:
    return [p.name for p in c.blueprint.project_index.projects]


def test_kentucky_farmer_counts_acres_bushels_and_dollars() -> None:
    c = computer("A Kentucky farmer raising beef cattle")
    body = "\n".join(texts(c).values())
    assert re.search(r"\bacres?\b|\(ac\)|bu/ac", body), "a US farm's records are in acres"
    assert not re.search(r"hectare|\(ha\)|t/ha|per ha\b", body, re.IGNORECASE), "no hectares on a Kentucky farm"
    assert "$" in body and "€" not in body
    town = c.blueprint.user_profile.location.split(",")[0]
    assert c.blueprint.user_profile.location.endswith("Kentucky, United States")
    assert town in {name for name, _tz in region_cities("US", "Kentucky")}, "a town of Kentucky, not Columbus"
    assert "livestock_sale_record" in kinds(c), "a beef farm keeps its cattle sales"


def test_cattle_seller_sells_rather_than_buys() -> None:
    c = computer("A cattle seller")
    assert "purchase_order" not in kinds(c), "a cattle seller issues no purchase orders to suppliers"
    assert "livestock_sale_record" in kinds(c)
    sales = [p for p, t in texts(c).items() if "Sold to" in t or p.split("/")[-1].startswith("Invoice")]
    assert sales, "sales records or invoices to buyers"


def test_wwii_veteran_has_no_job_search() -> None:
    c = computer("A WWII veteran who didn't finish high school")
    names = " ".join(project_names(c)).casefold()
    folders = " ".join(f.path.casefold() for f in c.blueprint.file_list)
    assert "job" not in names and "jobs after" not in folders
    assert not kinds(c) & {"job_applications_tracker", "cover_letter", "interview_prep_notes"}
    roles = {e.role for e in c.blueprint.user_profile.career_history}
    assert not roles & {"Retiree", "Homemaker"}, "past jobs are jobs, not 'Retiree at a trust company'"


def test_stay_at_home_parent_is_not_a_retiree() -> None:
    c = computer("A stay-at-home parent of three")
    names = " ".join(project_names(c)).casefold()
    assert not re.search(r"garden club|pension|grandchildren|memories|jobs", names)
    assert re.search(r"child|family|household|school|parent", names)


@pytest.mark.parametrize(
    "persona",
    ["A clinical project manager at a pharmaceutical company", "A clinical trial manager at a contract research org"],
)
def test_pharma_trial_manager_has_no_wards_or_bench_work(persona: str) -> None:
    c = computer(persona)
    assert not kinds(c) & {"clinical_audit", "lab_notebook"}
    own = {p: t for p, t in texts(c).items() if any(f.path == p and f.project_id for f in c.blueprint.file_list)}
    assert not [p for p, t in own.items() if re.search(r"\bour wards\b", t)], "a pharma company has no wards"


def test_musician_applies_to_an_arts_fund_not_wellcome() -> None:
    c = computer("A heavy metal musician who loves boxing")
    assert not [p for p, t in texts(c).items() if "Wellcome" in t or "Wellcome" in p]


def test_taipei_engineer_lives_in_taiwan() -> None:
    c = computer("A Taipei software engineer")
    assert c.blueprint.user_profile.location == "Taipei, Taiwan"
    assert c.blueprint.user_profile.time_zone == "Asia/Taipei"


def test_beekeeper_sells_honey_not_cattle() -> None:
    c = computer("A beekeeper in Vermont who sells honey at markets")
    names = " ".join(project_names(c)).casefold()
    assert "cattle" not in names and "honey" in names


def test_working_projects_hold_no_private_life_documents() -> None:
    """A nurse's ward projects get no memoir ("war" is not "ward") and no kitchen-refit budget."""
    c = computer("A nurse in Toronto")
    private = {"memoir_chapter", "renovation_budget", "travel_itinerary", "party_plan", "car_maintenance_record"}
    in_projects = {f.archetype for f in c.blueprint.file_list if f.project_id and f.archetype}
    assert not in_projects & private
