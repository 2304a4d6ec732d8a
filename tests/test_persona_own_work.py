"""A computer's projects, career and words follow the persona's own trade, country and household (issue 11).

Each case is a defect read on generated computers: every teacher rewrote a "Year 9 science scheme of work", a
pharmacist's and a practice manager's careers were a doctor's, a retiree in Lyon had Medicare, a Lake District ranger
patrolled the US backcountry, a self-employed student tutor was a student, adjectives became key nouns, a carer of
her mother organised children's after-school activities.
"""

from __future__ import annotations

import io
import re
import zipfile
from functools import lru_cache

import pytest
from generator_cache import generated

from synthcomp_agents.computers._blueprint import ComputerBlueprint
from synthcomp_agents.personas import OCCUPATIONAL_FAMILIES, classify_persona, family_for_stage, parse_profile

_TEXT = (".docx", ".xlsx", ".pptx", ".md", ".txt", ".csv", ".eml", ".ics")


@lru_cache(maxsize=16)
def _computer(text: str, seed: int = 3) -> tuple[ComputerBlueprint, str]:
    """The blueprint and all text of the files of one computer (XML parts of office files, plain text files)."""
    c = generated(text, seed=seed)
    parts: list[str] = []
    for f in c.blueprint.file_list:
        if not f.path.lower().endswith(_TEXT):
            continue
        data = c.disk.read_bytes(f.path)
        if f.path.lower().endswith((".docx", ".xlsx", ".pptx")):
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                data = b" ".join(z.read(n) for n in z.namelist() if n.endswith(".xml"))
        parts.append(f.path + "\n" + data.decode("utf-8", "ignore"))
    return c.blueprint, "\n".join(parts)


def _projects(blueprint: ComputerBlueprint) -> list[str]:
    return [p.name for p in blueprint.project_index.projects]


def _career(blueprint: ComputerBlueprint) -> list[str]:
    return [job.role.casefold() for job in blueprint.user_profile.career_history]


def test_teachers_projects_follow_level_subject_and_country() -> None:
    lyon, _ = _computer("A primary school teacher in Lyon")
    texas, _ = _computer("A high school history teacher in Texas")
    chem, _ = _computer("A university lecturer in chemistry")
    names = {k: " | ".join(_projects(b)) for k, b in (("lyon", lyon), ("texas", texas), ("chem", chem))}
    for joined in names.values():
        assert "year 9 science" not in joined.casefold(), joined
    assert re.search(r"\b(CP|CE1|CE2|CM1|CM2)\b", names["lyon"]), names["lyon"]  # French school years
    assert "Year " not in names["lyon"] and "grade" not in names["lyon"].casefold()
    assert re.search(r"\b(9th|10th|11th) grade\b", names["texas"]) and "history" in names["texas"].casefold()
    assert "chemistry" in names["chem"].casefold() and "lecture" in names["chem"].casefold()
    assert len({frozenset(_projects(b)) for b in (lyon, texas, chem)}) == 3
    for text in ("A high school history teacher in Texas", "A primary school teacher in Lyon"):
        # the teaching documents' classes too: no English "Year 9" in Texas or Lyon (the project workbooks' class
        # rows, "Year 12 group", come from computers/_content.py's row pool and are not yet the country's)
        files = re.sub(r"Year 7 maths set 2|Year 1[23] group", "", _computer(text)[1])
        assert not re.search(r"\bYear (1[0-3]|[1-9])\b", files), re.findall(r".{40}\bYear \d+.{20}", files)[:3]


def test_careers_follow_the_roles_own_ladder() -> None:
    pharmacist, _ = _computer("A pharmacist in Cairo, Egypt")
    manager, _ = _computer("A practice manager at a GP surgery in Leeds")
    doctors = re.compile(r"doctor|physician|resident|consultant|registrar")
    for b in (pharmacist, manager):
        assert not any(doctors.search(role) for role in _career(b)), _career(b)
    assert all("pharmac" in role for role in _career(pharmacist)), _career(pharmacist)
    ladder = re.compile(r"receptionist|administrator|office manager|practice manager")
    assert all(ladder.search(role) for role in _career(manager)), _career(manager)
    assert not any("clinic" in name.casefold() for name in _projects(manager))


def test_health_words_are_the_countrys() -> None:
    texts = [_computer("A retiree in Lyon", seed)[1] for seed in (1, 3)]
    assert not any("Medicare" in text for text in texts)
    assert any(re.search(r"Assurance Maladie|mutuelle|carte Vitale", text) for text in texts)
    retiree = OCCUPATIONAL_FAMILIES["home_retirement_life"]
    from synthcomp_agents.personas import fit_family

    assert "Medicare" in fit_family(retiree, "retiree", "A retiree in Ohio", "US").jargon
    assert "Medicare" in fit_family(retiree, "retiree", "A retiree in Perth", "AU").jargon  # Australia's own
    german = fit_family(retiree, "retiree", "A retiree in Bremen", "DE").jargon
    assert "GKV" in german and "Medicare" not in german and "co-pay" not in german


def test_parks_words_are_the_countrys() -> None:
    _, lakes = _computer("A park ranger in the Lake District, England")
    assert not re.search(r"backcountry|park superintendent|bear-proof", lakes, re.IGNORECASE)
    assert re.search(r"countryside ranger|footpath|rights of way|stile", lakes, re.IGNORECASE)
    from synthcomp_agents.personas import fit_family

    parks = OCCUPATIONAL_FAMILIES["parks_conservation"]
    assert fit_family(parks, "park ranger", "A park ranger in Yellowstone, Wyoming", "US") is parks


@pytest.mark.parametrize(
    ("text", "stage"),
    [
        ("A self-employed student tutor", "self_employed"),
        ("A student loan adviser", "employee"),
        ("A student nurse", "student"),
        ("A student teacher in Leeds", "student"),
        ("A university student who tutors maths", "student"),
    ],
)
def test_people_served_are_no_life_stage(text: str, stage: str) -> None:
    assert parse_profile(text).life_stage == stage


def test_self_employed_student_tutor_is_not_a_student() -> None:
    p = classify_persona("A self-employed student tutor")
    assert p.life_stage == "self_employed" and p.family == "education_teaching"
    assert not {"coursework", "assignment", "grades"} & set(p.key_nouns), p.key_nouns


def test_key_nouns_are_nouns() -> None:
    nouns = parse_profile("A doctor with experience in private and differential diagnosis").key_nouns
    assert "differential diagnosis" in nouns and not {"private", "differential"} & set(nouns), nouns
    tutor = parse_profile("A private tutor for maths in Athens").key_nouns
    assert "private" not in tutor and {"tutor", "private tutor"} <= set(tutor), tutor
    social = parse_profile("A social worker supporting refugees in Athens, Greece").key_nouns
    assert "social worker" in social and "social" not in social, social  # a noun phrase, never the adjective
    device = parse_profile("A sales representative for a medical device firm").key_nouns
    assert "medical device" in device and "medical" not in device, device
    kept = parse_profile("A detective who studies chemicals").key_nouns
    assert {"detective", "chemicals"} <= set(kept), kept


def test_stock_work_presumes_no_children_the_persona_lacks() -> None:
    text = "A caregiver for her elderly mother in Ohio"
    carer = family_for_stage("home_retirement_life", "homemaker", text)
    child = re.compile(r"child|school|after-school|birthday party|PTA|playdate", re.IGNORECASE)
    for field in (carer.focuses, carer.recurring_meetings, carer.jargon, carer.collaborators, carer.report_types):
        assert not any(child.search(item) for item in field), field
    assert "school run" not in parse_profile(text).key_nouns
    blueprint, _ = _computer(text)
    names = _projects(blueprint)
    assert not any(child.search(n) for n in names), names
    dad = family_for_stage("home_retirement_life", "homemaker", "A stay-at-home dad of three who enjoys woodworking")
    assert any("after-school" in f for f in dad.focuses)  # a parent keeps the children's work
    retiree = family_for_stage("home_retirement_life", "retiree", "A retiree in Lyon")
    assert not any("grandchildren" in f for f in retiree.focuses + retiree.recurring_meetings)
    grandma = family_for_stage("home_retirement_life", "retiree", "A grandmother in Ohio who knits blankets")
    assert any("grandchildren" in f for f in grandma.focuses)


def test_own_state_shows_in_the_users_address() -> None:
    for text, state in (("A caregiver for her elderly mother in Ohio", "OH"), ("A retired postman in Alabama", "AL")):
        found = []
        for seed in (1, 3):
            blueprint, files = _computer(text, seed)
            town = blueprint.user_profile.location.split(",")[0]
            found.append(re.search(rf"\b{re.escape(town)}, {state}\b", files))  # ZIP only where the town's is known
        assert any(found), (text, town)
    import random

    from synthcomp_agents.computers._locale import locale_for

    lyon = locale_for("FR").home_address(random.Random(1), "Lyon", one_line=True)
    assert re.search(r"\b\d{5} Lyon$", lyon), lyon
