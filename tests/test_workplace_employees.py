"""An employee of a small workplace (a garage, a restaurant kitchen, a café, a small electrical contractor) has the
job's own papers, not an office's: time sheets and payslips from the workplace, its daily log (job cards, the fridge
temperature log, job sheets), the rota, a training certificate; no project brief, variance report, steering deck or
register, no HR, R&D or Sales department, a boss who works there; and a GP works for a practice, not a hospital
group (generated computers, read as text)."""

from __future__ import annotations

import re

import pytest
from generator_cache import file_text, generated

from synthcomp_agents.computers import GeneratedComputer

_TEXT = (".docx", ".xlsx", ".pptx", ".pdf", ".md", ".txt", ".csv")
_WORK_PAPERS = {"timesheet", "payslip", "work_log", "shift_rota", "training_certificate"}
# an office's project pack and its words
_OFFICE_KINDS = {"project_brief", "variance_report", "update_deck", "project_register", "project_status_report"}
_OFFICE_WORDS = re.compile(
    r"(?:^|[|\t,;])\s*(HR|R&D|Sales|Procurement|Marketing|Customer Service)\s*(?=[|\t,;]|$)"
    r"|\b(steering group|steering committee|variance report|project brief|cross-functional)\b",
    re.MULTILINE,
)


def _computer(text: str, seed: int) -> GeneratedComputer:
    return generated(text, seed=seed)


def _work_files(text: str, seed: int) -> dict[str, str]:
    """The text of the files of the user's work: its projects' and the workplace folder's (not the home papers)."""
    c = _computer(text, seed)
    return {
        f.path: file_text(c, f.path)
        for f in c.blueprint.file_list
        if f.path.endswith(_TEXT) and f.target_size < 2**20 and (f.project_id or f.archetype in _WORK_PAPERS)
    }


CASES = [
    # persona, seed, the workplace's daily log, words the workplace's name or papers carry
    ("A motor mechanic in Birmingham", 4, "Job cards", ["Payslip", "Timesheet", "IMI"]),
    ("A line cook in Chicago", 4, "temperature log", ["Pay stub", "Timesheet", "ServSafe", "Schedule week of"]),
    ("A chef in a busy Lyon bistro", 3, "temperature log", ["Payslip", "Timesheet", "HACCP", "Rota w-c"]),
    ("A barista in Melbourne", 2, "temperature log", ["Payslip", "Timesheet", "Food Safety Supervisor"]),
    ("An electrician employed by a small contractor in Texas", 4, "Job sheets", ["Pay stub", "OSHA"]),
    # a pub is a small workplace though its family's prose is a hotel's
    ("A bartender in a pub in Dublin", 4, "Cellar log", ["Payslip", "Timesheet", "Rota w-c", "PRSI"]),
]


@pytest.mark.parametrize(("text", "seed", "log", "papers"), CASES)
def test_a_small_workplaces_employee_keeps_the_jobs_papers(text: str, seed: int, log: str, papers: list[str]) -> None:
    files = _work_files(text, seed)
    paths = "\n".join(files)
    assert log.casefold() in paths.casefold(), paths
    for word in papers:
        assert word in paths or any(word in body for body in files.values()), (word, paths)
    employer = _computer(text, seed).blueprint.user_profile.employer
    # the payslip comes from the workplace and pays the hours the time sheets add up to
    slips = [body for path, body in files.items() if re.search(r"Pay(slip| stub) \d{4}-\d\d\.pdf$", path)]
    assert slips and all(employer in body and "Net pay" in body for body in slips), slips[:1]


@pytest.mark.parametrize(("text", "seed", "log", "papers"), CASES)
def test_a_small_workplaces_employee_writes_no_office_pack(text: str, seed: int, log: str, papers: list[str]) -> None:
    c = _computer(text, seed)
    kinds = {f.archetype or "" for f in c.blueprint.file_list if f.project_id}
    assert not kinds & _OFFICE_KINDS, sorted(kinds & _OFFICE_KINDS)
    hits = [
        (path, m.group(0).strip())
        for path, body in _work_files(text, seed).items()
        for m in [_OFFICE_WORDS.search(body)]
        if m
    ]
    assert not hits, hits[:5]


@pytest.mark.parametrize(
    ("text", "seed", "boss", "not_named"),
    [
        ("A motor mechanic in Birmingham", 4, r"Workshop manager|Garage owner|Service manager", r"Group|Inc\.|Ltd"),
        ("A line cook in Chicago", 4, r"Head chef", r"Group|Inc\.|Ltd|Restaurant$"),
        ("A chef in a busy Lyon bistro", 3, r"Head chef", r"Groupe|SAS|SARL|Lyon Restaurant"),
        (
            "An electrician employed by a small contractor in Texas",
            4,
            r"Contracts manager|Owner|Site foreman",
            r"Group",
        ),
    ],
)
def test_the_workplace_has_its_own_name_and_boss(text: str, seed: int, boss: str, not_named: str) -> None:
    bp = _computer(text, seed).blueprint
    employer = bp.user_profile.employer
    assert not re.search(not_named, employer), employer
    assert employer.split()[0] not in bp.user_profile.name.split(), (employer, bp.user_profile.name)  # not hers
    people = bp.collaboration_context.collaborators
    assert re.fullmatch(boss, people[0].role), people[0].role
    staff = [p.role for p in people if p.organisation == employer]
    assert not [r for r in staff if re.search(r"accountant|revenue manager|housekeeping|health officer", r, re.I)]


def test_a_chef_in_a_bistro_works_in_a_bistro() -> None:
    assert "Bistro" in _computer("A chef in a busy Lyon bistro", 3).blueprint.user_profile.employer


@pytest.mark.parametrize(
    "text", ["A general practitioner in Leeds", "A GP in Manchester", "A family doctor in Bristol"]
)
def test_a_gp_works_for_a_practice(text: str) -> None:
    employer = _computer(text, 7).blueprint.user_profile.employer
    assert re.search(r"Practice|Surgery|Health Centre|Medical Centre|Family Medicine|Primary Care", employer), employer
    assert not re.search(r"Hospital|Group|Ltd|Inc", employer), employer


def test_an_office_worker_keeps_the_office_pack() -> None:
    """The office chain is untouched for an office job: a buyer still has a brief and a variance report."""
    kinds = {f.archetype for f in _computer("A buyer in Stuttgart", 1).blueprint.file_list if f.project_id}
    assert {"project_brief", "variance_report"} <= kinds
