"""Life fit, asserted on content (issue 11 reviewers' finds): a student's coursework is about the student's field
(never "ENGR2040" or "understood freshman properly" for a nursing freshman), an employee bills nobody, a retiree's
club documents are the club's (never the former employer's), private-life documents quote household money of a
household's size, and a park ranger is filed under parks and conservation (no backlog of planning applications)."""

from __future__ import annotations

import re

from generator_cache import file_text, generated

from synthcomp_agents.computers import GeneratedComputer
from synthcomp_agents.computers._generator import resolve_persona
from synthcomp_agents.computers.archetypes import ARCHETYPES, archetypes_for

_TEXT = (".docx", ".xlsx", ".pptx", ".pdf", ".md", ".txt", ".csv")
# balances and odometer readings are six figures of their own kind
_NOT_MONEY = frozenset({"savings_overview", "bank_statement", "car_maintenance_record", "vehicle_logbook"})
_TABLE = frozenset(ARCHETYPES)  # kinds of the archetype table (not "email", "screenshot"...)


def computer(text: str) -> GeneratedComputer:
    return generated(text, seed=7)


def texts(c: GeneratedComputer) -> dict[str, tuple[str, str]]:
    """Every user document's path -> (archetype, text)."""
    out: dict[str, tuple[str, str]] = {}
    for f in c.blueprint.file_list:
        if f.path.endswith(_TEXT):
            try:
                out[f.path] = (f.archetype or "", file_text(c, f.path))
            except Exception:
                continue
    return out


def test_a_nursing_freshmans_coursework_is_nursing() -> None:
    c = computer("A nursing freshman at the University of Texas")
    course = {p: x for p, (a, x) in texts(c).items() if a in ("lecture_notes", "personal_statement")}
    assert course, "a student keeps lecture notes or a personal statement"
    joined = "\n".join(course.values())
    for foreign in ("ENGR2040", "ECON1002", "HIST2210", "LAW1012", "Music performance", "Mechanical engineering"):
        assert foreign not in joined
    role_or_place = r"(?:freshman|student|university|texas)"
    assert not re.search(r"(?:understood|Definition of|mixing up|lecture on|taken|especially about) " + role_or_place,
                         joined, re.IGNORECASE)  # fmt: skip
    assert re.search(r"anatomy|physiology|pharmacology|patient assessment|infection control|wound care", joined)
    assert all("NURS" in p for p, (a, _x) in texts(c).items() if a == "lecture_notes")


def test_employees_bill_nobody_and_freelancers_still_do() -> None:
    for text in ("A graphic designer at an advertising agency in Leeds",
                 "A translator working for the European Commission in Brussels"):  # fmt: skip
        kinds = {f.archetype for f in computer(text).blueprint.file_list}
        assert not kinds & {"invoice", "quote", "contract"}, (text, kinds & {"invoice", "quote", "contract"})
    own = {a.id for a in archetypes_for(resolve_persona("A freelance graphic designer in Leeds"))}
    assert "invoice" in own
    assert all(ARCHETYPES[k].bills for k in ("invoice", "quote", "contract"))


def test_a_retirees_club_documents_are_the_clubs() -> None:
    c = computer("A retired machinist who runs the newsletter of his local model railway club")
    up = c.blueprint.user_profile
    employers = {j.employer for j in up.career_history}
    assert employers
    for path, (arch, x) in texts(c).items():
        # the old job's own documents, copied off its laptop, are that employer's; the club's never are
        if arch in _TABLE and arch not in ("cv", "cover_letter") and "/Backup old laptop " not in path:
            assert not any(e in x or e in path for e in employers), (path, arch)
    assert any("Model Railway Club" in x for _a, x in texts(c).values())


def test_private_life_documents_quote_household_money() -> None:
    for text in ("A retired nurse who volunteers at a church in Ohio",
                 "A retired machinist who runs the newsletter of his local model railway club"):  # fmt: skip
        for path, (arch, x) in texts(computer(text)).items():
            if arch in _TABLE and ARCHETYPES[arch].personal and arch not in _NOT_MONEY:
                big = [m for m in re.findall(r"\d{1,3}(?:,\d{3})+", x) if int(m.replace(",", "")) >= 100_000]
                assert not big, (path, big)
            assert "pension income" not in x.casefold() or arch not in ("old_export", "old_report"), path


def test_a_park_ranger_is_filed_under_parks_and_conservation() -> None:
    for text in ("A park ranger at Yellowstone National Park", "A forest ranger in the Black Forest"):
        c = computer(text)
        assert c.persona.family == "parks_conservation"
        joined = "\n".join(x for _a, x in texts(c).values()).casefold()
        assert "planning application" not in joined
        assert re.search(r"patrol|trail|wildlife|visitor", joined)


def test_a_high_school_student_attends_a_high_school() -> None:
    """'high-school' and 'high school' alike: the profile names a high school, never a college."""
    for text in ("A high-school student in Ohio", "A high school student who plays chess"):
        employer = computer(text).blueprint.user_profile.employer
        assert employer.endswith("High School") and "College" not in employer, (text, employer)


def test_a_recent_graduate_looking_for_work_has_no_layoff_behind_them() -> None:
    """ "A recent graduate looking for work in banking" looks for a first job: no career, no former employer, no
    layoff, no job centre; the projects are graduate schemes, a CV and interviews."""
    c = generated("A recent graduate in Lagos looking for work in banking", seed=7)
    profile = c.blueprint.user_profile
    assert profile.employer == "Looking for work" and not profile.career_history
    folders = " ".join(p.folder for p in c.blueprint.project_index.projects).lower()
    assert "graduate scheme" in folders and "layoff" not in folders and "unemployment" not in folders
    text = " ".join(
        file_text(c, f.path).lower() for f in c.blueprint.file_list if f.path.endswith((".docx", ".md", ".txt"))
    )
    assert "job centre" not in text and "laid off" not in text and "layoff" not in text


def test_a_lawyers_specialism_is_her_caseload() -> None:
    """ "A lawyer specialising in immigration cases" works on asylum appeals, visas and sponsorships, not on a
    cloud provider's master services agreement; a divorce lawyer on settlements and child arrangements."""
    cases = {
        "A lawyer specialising in immigration cases in Toronto": ("asylum", "visa", "sponsorship", "citizenship"),
        "A divorce lawyer in Dublin": ("settlement", "child arrangements", "prenuptial", "mediation"),
    }
    for text, words in cases.items():
        c = generated(text, seed=7)
        names = [p.folder.rsplit("/", 1)[-1].lower() for p in c.blueprint.project_index.projects]
        assert sum(any(w in n for w in words) for n in names) >= 3, (text, names)
        assert not any("supplier contracts" in n or "anti-bribery" in n for n in names), (text, names)
