"""Persona-understanding leftovers of issue 11: someone in work who wants a move, an employee of a small workplace,
a veteran's service, a solo act's papers. Each test reads what a generated computer holds."""

from __future__ import annotations

import re
from functools import cache

import pytest

from synthcomp_agents.computers import ProceduralComputerGenerator
from synthcomp_agents.computers._generator import GeneratedComputer
from synthcomp_agents.office import extract_text
from synthcomp_agents.personas import classify_persona

_TEXT_EXTS = (".docx", ".xlsx", ".md", ".txt", ".eml", ".csv", ".pptx", ".ics", ".url", ".webloc")


@cache
def _computer(text: str, seed: int = 1) -> GeneratedComputer:
    return ProceduralComputerGenerator().generate(text, seed=seed)


def _text(c: GeneratedComputer, path: str) -> str:
    try:
        return extract_text(path, c.disk.read_bytes(path))
    except Exception:
        return ""


# -- 1. in work and looking for a move ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "stage"),
    [
        ("A nurse looking for a new job", "employee"),
        ("A teacher in Leeds looking for a new job", "employee"),
        ("A marketing manager seeking a new role", "employee"),
        ("A paralegal who is job hunting while working at a law firm", "employee"),
        ("A software engineer in Berlin who wants to move to a startup", "employee"),
        ("An unemployed nurse looking for a new job", "job_seeker"),
        ("A laid-off welder looking for a new job", "job_seeker"),
        ("A former teacher looking for a new job", "job_seeker"),
        ("A welder out of work in Glasgow", "job_seeker"),
        ("A recent graduate looking for a new job", "job_seeker"),
    ],
)
def test_looking_for_a_move_is_no_job_seeker_unless_the_job_is_gone(text: str, stage: str) -> None:
    assert classify_persona(text).life_stage == stage


def test_a_nurse_looking_for_a_new_job_keeps_her_job_and_applies_from_it() -> None:
    c = _computer("A nurse looking for a new job")
    prof = c.blueprint.user_profile
    assert not prof.employer.startswith("Looking for work")
    assert any(j.end_year is None for j in prof.career_history)  # the current job goes on
    files = c.blueprint.file_list
    kinds = {f.archetype for f in files}
    # the job's own papers are still there, beside a search under way
    assert "job_applications_tracker" in kinds and "cover_letter" in kinds and "interview_prep_notes" in kinds
    search = [f.path for f in files if f.archetype in ("job_applications_tracker", "cover_letter")]
    assert all(p.startswith("Documents/Jobs/") for p in search), search  # kept off the employer's drive
    # no claim: no benefit office, no unemployment, no layoff
    assert "benefit_appointment_log" not in kinds
    assert not [
        f.path for f in files if re.search(r"unemploy|benefit|jobcentre|employment office|layoff", f.path, re.I)
    ]
    work = prof.email.partition("@")[2]
    mails = [f.path for f in files if f.path.startswith("Documents/Jobs/") and f.path.endswith(".eml")]
    assert mails and not [m for m in mails if work in _text(c, m)]  # applications go from a personal mailbox
    letter = next(f.path for f in files if f.archetype == "cover_letter")
    body = _text(c, letter)
    assert "@" in body and prof.employer.split()[0].casefold() not in body.split("\n")[1].casefold()
    assert not re.search(r"\b(my last role|laid off|redundan)", body, re.I)


# -- 2. an employee of a small workplace vs its owner ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "stage"),
    [
        ("A hairdresser working in a salon", "employee"),
        ("A florist working in a flower shop", "employee"),
        ("A baker in a busy bakery", "employee"),
        ("A baker employed by a bakery in Lyon", "employee"),
        ("A mechanic who works at a garage", "employee"),
        ("A chef at a restaurant in Madrid", "employee"),
        ("A hairdresser who runs her own salon", "small_business_owner"),
        ("A hairdresser who owns a salon in Dublin", "small_business_owner"),
        ("A freelance hairdresser", "self_employed"),
        ("A mobile hairdresser in Kent", "self_employed"),
        ("A hairdresser in Leeds", "self_employed"),
    ],
)
def test_working_in_a_workplace_is_an_employee_of_it(text: str, stage: str) -> None:
    assert classify_persona(text).life_stage == stage


def test_employed_by_names_no_role_word() -> None:
    assert classify_persona("A baker employed by a bakery in Lyon").role == "baker"


def test_a_hairdresser_working_in_a_salon_is_paid_by_it() -> None:
    c = _computer("A hairdresser working in a salon")
    kinds = {f.archetype for f in c.blueprint.file_list}
    assert "payslip" in kinds  # on the salon's payroll
    assert not kinds & {"invoice", "quote", "tax_return_workings_business"}


# -- 4. a solo act -------------------------------------------------------------------------------------------------

_BAND = re.compile(
    r"band members?|bandmates?|band rehearsal|band meeting|band agreement|band shared drive|members' split", re.I
)


@pytest.mark.parametrize(
    "text", ["A solo singer-songwriter in Nashville", "A solo acoustic guitarist in Austin", "A solo DJ in Ibiza"]
)
def test_a_solo_act_keeps_no_band_papers(text: str) -> None:
    c = _computer(text)
    assert c.blueprint.user_profile.employer.endswith("Music")  # plays under their own name, not a band's
    hits = []
    for f in c.blueprint.file_list:
        if "Backup old laptop" in f.path:
            continue  # an old band of years ago may be on an old laptop
        if _BAND.search(f.path) or (f.path.endswith(_TEXT_EXTS) and _BAND.search(_text(c, f.path))):
            hits.append(f.path)
    assert not hits, hits
    names = {p.name for p in c.blueprint.project_index.projects}
    assert not [n for n in names if re.search(r"\bband\b|rehears", n, re.I)], names


# -- 3. a veteran's service ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "country", "words"),
    [
        (
            "A retired sailor who served in the navy and fought in the Falklands",
            "GB",
            ("Royal Navy", "HMS ", "South Atlantic Medal", "Falklands", "Association", "Veterans UK"),
        ),
        (
            "A Vietnam veteran who served in the US Army",
            "US",
            ("US Army", "DD Form 214", "Vietnam Service Medal", "VA"),
        ),
        ("A Korean War veteran in Ohio", "US", ("US Army", "Korean Service Medal", "Veterans of Foreign Wars")),
    ],
)
def test_a_veteran_keeps_the_service_in_the_country_words(text: str, country: str, words: tuple[str, ...]) -> None:
    from synthcomp_agents.computers._fidelity import persona_fidelity

    assert classify_persona(text).country_code == country  # where they fought is not where they live
    c = _computer(text)
    papers = [f.path for f in c.blueprint.file_list if f.path.startswith("Documents/Military service/")]
    assert len(papers) == 3, papers  # discharge papers, the association's reunion letter, the memoirs
    body = " ".join(_text(c, p) for p in papers)
    missing = [w for w in words if w not in body]
    assert not missing, missing
    fid = persona_fidelity(c.blueprint, c.disk.read_bytes)
    assert (fid.files_share or 0) >= 0.8, [w for w in fid.key_words if w not in fid.in_files]


@pytest.mark.parametrize("text", ["A veteran journalist in Leeds", "A waitress who served in a diner in Ohio"])
def test_no_service_papers_without_service(text: str) -> None:
    from synthcomp_agents.computers.generation.pension import is_veteran

    assert not is_veteran(text)
