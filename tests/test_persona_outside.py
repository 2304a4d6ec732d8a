"""Outside personas read as their persona's (issue 11, a reviewer's finds): school pupils in any spelling are pupils,
a self-employed roofer is a roofer, a ranger's documents are a ranger's, lesson titles are topics of the subject,
sections do not leak across kinds, a retiree mails from a personal address and people in Cairo have Egyptian names.
Asserted on classification and on generated content."""

from __future__ import annotations

import pytest
from generator_cache import file_text, generated

from synthcomp_agents.computers import GeneratedComputer
from synthcomp_agents.personas import classify_persona, parse_profile


def computer(text: str) -> GeneratedComputer:
    return generated(text, seed=7)


# --- 1. pupils in any spelling ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "school"),
    [
        ("A highschool junior who plays varsity soccer", "high school"),
        ("A high school junior who plays varsity soccer", "high school"),
        ("A highschooler who loves chess", "high school"),
        ("An 11th grader in Ohio", "high school"),
        ("An 11th-grader in Ohio", "high school"),
        ("An eleventh grader who runs cross-country", "high school"),
        ("A 7th grader in Texas", "middle school"),
    ],
)
def test_school_pupils_are_students(text: str, school: str) -> None:
    p = classify_persona(text)
    assert (p.family, p.life_stage, p.seniority, p.org_type) == ("student_life", "student", "intern", school), p
    assert p.birth_year is not None and p.birth_year >= 2007, p.birth_year
    assert p.role is not None and p.role.lower() in text.lower()  # the persona's own words: "11th grader"


def test_an_eleventh_grader_is_sixteen_or_seventeen() -> None:
    assert parse_profile("An 11th grader in Ohio").birth_year_range == (2009, 2010)


def test_a_teacher_of_pupils_is_no_pupil() -> None:
    for text in ("A teacher of 11th graders in Ohio", "A director of student services at a university"):
        assert classify_persona(text).life_stage == "employee", text


def test_a_highschool_juniors_computer_is_a_pupils() -> None:
    user = computer("A highschool junior who plays varsity soccer").blueprint.user_profile
    assert user.employer.endswith("High School"), user.employer
    assert user.career_history == [] and user.seniority == "intern"


# --- 2. a self-employed roofer is a roofer --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "family"),
    [
        ("A self-employed roofer in Dublin", "skilled_trades"),
        ("A sole trader plasterer in Cork", "skilled_trades"),
        ("A self-employed bricklayer", "skilled_trades"),
        ("A freelance photographer in Berlin", "creative_arts_writing"),
        ("A freelance consultant in Leeds", "small_business"),  # status words still vote when nothing else is named
        ("A self-employed tradesperson", "small_business"),
        ("A self-employed hairdresser", "small_business"),
    ],
)
def test_status_words_do_not_outvote_a_named_trade(text: str, family: str) -> None:
    p = classify_persona(text)
    assert (p.family, p.life_stage) == (family, "self_employed"), p


def test_a_self_employed_roofers_computer_is_a_roofing_business() -> None:
    c = computer("A self-employed roofer in Dublin")
    user = c.blueprint.user_profile
    assert "Roofing" in user.employer and user.industry.startswith("Construction"), (user.employer, user.industry)
    paths = [f.path for f in c.blueprint.file_list]
    assert [p for p in paths if "Re-roof" in p or "Flashing repair" in p or "Gutter replacement" in p]
    assert not [p for p in paths if "craft" in p.lower() or "Crafts/" in p], "a roofer sells at no craft fair"
    assert not {f.archetype for f in c.blueprint.file_list} & {"craft_fair_sales"}


# --- 4. a lesson is a topic of the subject, not a project's name ----------------------------------------------------


def _teaching_titles(text: str) -> tuple[list[str], dict[str, str]]:
    """The computer's project names and, per lesson plan or scheme of work, its title."""

    c = computer(text)
    projects = [p.name for p in c.blueprint.project_index.projects]
    titles = {  # a document's title line; a workbook's file name (its first line is a sheet name)
        f.path: f.path.rsplit("/", 1)[-1] if f.path.endswith(".xlsx") else file_text(c, f.path).splitlines()[0]
        for f in c.blueprint.file_list
        if f.archetype in ("lesson_plan", "scheme_of_work")
    }
    return projects, titles


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("A history teacher in Manchester", "history"),
        ("A Spanish teacher at a secondary school in Leeds", "languages"),
        ("A primary school teacher in Lyon", None),
    ],
)
def test_lesson_titles_are_topics_of_the_subject(text: str, subject: str | None) -> None:
    projects, titles = _teaching_titles(text)
    assert titles, "a teacher keeps lesson plans or a scheme of work"
    for path, title in titles.items():
        assert not any(p.casefold() in title.casefold() for p in projects), (path, title, projects)
        assert not any(p.casefold() in path.rsplit("/", 1)[-1].casefold() for p in projects), path
    if subject is not None:
        schemes = [t for p, t in titles.items() if "Scheme of work" in p]
        assert schemes and all(subject in t.casefold() for t in schemes), schemes


def test_lesson_key_words_are_the_subjects_not_class_names() -> None:

    c = computer("A history teacher in Manchester")
    plans = [file_text(c, f.path) for f in c.blueprint.file_list if f.archetype == "lesson_plan"]
    assert plans
    for plan in plans:
        objectives = plan.split("Learning objectives", 1)[1].split("Lesson sequence", 1)[0]
        assert "group" not in objectives and "Year 1" not in objectives, objectives


# --- 5. a section belongs to its kind -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["A sheep farmer in New Zealand", "A Kentucky farmer", "A self-employed roofer in Dublin"]
)
def test_what_a_business_sells_carries_no_loan_or_cost_figures(text: str) -> None:
    """A price list, an invoice or a quote states what the business sells or bills: it never carries the loan
    repayments or the feed bills of the project it is filed with ("Loan contacts" in a farm's price list)."""
    import re

    c = computer(text)
    docs = {
        f.path: file_text(c, f.path) for f in c.blueprint.file_list if f.archetype in ("price_list", "invoice", "quote")
    }
    assert docs, "a business keeps a price list, an invoice or a quote"
    for path, body in docs.items():
        assert not re.search(r"\bloans?\b|loan repayments|feed and vet|Operating line", body, re.I), (path, body[-600:])


# --- 6. a retiree mails from a personal mailbox ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["A retired bank clerk in Lyon who sings in a choir", "A retired park ranger in Montana"]
)
def test_a_retiree_mails_from_a_personal_mailbox(text: str) -> None:
    user = computer(text).blueprint.user_profile
    former = user.career_history[-1].employer
    domain = user.email.rpartition("@")[2]
    assert not domain.endswith(".example"), user.email  # no employer's address: every org domain is .example
    assert not any(w.lower() in domain for w in former.split()[:1]), (user.email, former)
    gitconfig = computer(text).disk.read_text(".gitconfig") if computer(text).disk.exists(".gitconfig") else ""
    assert not gitconfig or user.email in gitconfig  # the machine's own settings name the same address


def test_personal_mailboxes_are_the_countrys() -> None:
    domains = {generated("A retired teacher in Lyon", seed=s).blueprint.user_profile.email for s in (1, 2, 3, 4)}
    assert all(not d.endswith(".example") for d in domains), domains
    assert any(d.endswith((".fr", ".net")) for d in domains), domains  # orange.fr, free.fr, laposte.net, ...
    employed = computer("A bank clerk in Lyon").blueprint.user_profile.email
    assert employed.endswith(".example"), employed  # someone in work keeps the employer's address


# --- 7. people are named as where they live -------------------------------------------------------------------------

_EGYPTIAN_GIVEN = frozenset(
    {"Ahmed", "Mohamed", "Mahmoud", "Mostafa", "Omar", "Youssef", "Karim", "Tarek", "Amr", "Hossam", "Khaled", "Hany",
     "Sherif", "Walid", "Ibrahim", "Hassan", "Mina", "Bishoy", "Ramy", "Islam", "Ayman", "Sameh", "Fatma", "Mona",
     "Nour", "Yasmin", "Heba", "Rania", "Dina", "Salma", "Mariam", "Aya", "Sara", "Nada", "Reem", "Ghada", "Marwa",
     "Eman", "Hend", "Mai", "Shaimaa", "Noha", "Marina", "Doaa"}
)  # fmt: skip


def test_people_in_cairo_have_egyptian_names() -> None:
    """Egypt has no name tables of its own in the persona layer: its user and colleagues were named from a fallback
    country ("Elliott Smith, Cairo", a Dutch name in Cairo); now from Egypt's."""
    c = computer("A pharmacist in Cairo")
    people = [c.blueprint.user_profile.name, *(x.name for x in c.blueprint.collaboration_context.collaborators)]
    contacts = [
        f.path.rsplit("/", 1)[-1].rsplit(".", 1)[0] for f in c.blueprint.file_list if f.path.startswith("Contacts/")
    ]
    assert "Egypt" in c.blueprint.user_profile.location
    for name in [*people, *contacts]:
        assert name.split()[0] in _EGYPTIAN_GIVEN, (name, people)


_FILIPINO_SURNAMES = ("Santos", "Reyes", "Cruz", "Garcia", "Mendoza", "Ramos", "Aquino", "Villanueva", "Castillo",
                      "Fernandez", "Navarro", "Torres", "Gonzales", "Domingo", "Soriano", "Mercado", "Pascual",
                      "Manalo", "Tolentino", "Macaraeg", "Bautista")  # fmt: skip


@pytest.mark.parametrize(
    ("text", "surnames"), [("A nurse in Manila", _FILIPINO_SURNAMES), ("An engineer in Riyadh", ("Al-",))]
)
def test_colleagues_are_named_as_where_the_user_lives(text: str, surnames: tuple[str, ...]) -> None:
    c = computer(text)
    people = [c.blueprint.user_profile.name, *(x.name for x in c.blueprint.collaboration_context.collaborators)]
    assert all(name.split()[-1].startswith(surnames) for name in people), people


# --- 3. a ranger's documents are a ranger's -------------------------------------------------------------------------

_PARKS_KINDS = {"patrol_log", "visitor_count", "wildlife_sighting_log", "trail_condition_survey"}


def _texts_of(c: GeneratedComputer, kinds: set[str]) -> dict[str, str]:

    return {f.path: file_text(c, f.path) for f in c.blueprint.file_list if f.archetype in kinds}


@pytest.mark.parametrize("text", ["A park warden in Kenya", "A park ranger in Montana"])
def test_a_rangers_computer_holds_a_rangers_documents(text: str) -> None:
    c = computer(text)
    kinds = {f.archetype for f in c.blueprint.file_list} & _PARKS_KINDS
    assert len(kinds) >= 3, kinds
    sheets = _texts_of(c, {"patrol_log", "visitor_count", "wildlife_sighting_log"})
    assert sheets
    joined = "\n".join(sheets.values())
    assert not any(team in joined for team in ("Marketing", "Legal", "Procurement", "Finance")), joined[:400]


def test_a_wardens_sightings_are_of_the_parks_animals() -> None:
    kenya = "\n".join(_texts_of(computer("A park warden in Kenya"), {"wildlife_sighting_log"}).values())
    montana = "\n".join(
        _texts_of(computer("A park ranger in Montana"), {"wildlife_sighting_log", "patrol_log"}).values()
    )
    assert kenya and montana
    assert any(a in kenya for a in ("African elephant", "Lion", "Maasai giraffe", "Cape buffalo", "Black rhino"))
    assert "Black bear" not in kenya and "Moose" not in kenya
    assert "African elephant" not in montana
    assert any(a in montana for a in ("Black bear", "Elk", "Mule deer", "Bald eagle", "Bighorn sheep", "Moose")) or (
        "Distance (mi)" in montana  # a patrol log walks in miles in the US
    )


def test_project_workbooks_of_a_ranger_count_by_park_place_not_by_department() -> None:

    c = computer("A park ranger in Montana")
    data = [file_text(c, f.path) for f in c.blueprint.file_list if f.path.endswith(".csv") and f.project_id]
    assert data
    header = {text.splitlines()[0].split(",")[1] for text in data if text.startswith("period,")}
    assert header and header <= {"site", "zone", "district", "trail", "area", "group"}, header


def test_a_retired_ranger_patrols_no_more() -> None:
    """No patrol of his own any more; the patrol logs kept from his ranger days sit in the old laptop's copy, dated
    before he retired."""
    c = computer("A retired park ranger in Montana")
    last = c.blueprint.user_profile.career_history[-1].end_year
    assert last is not None
    for f in c.blueprint.file_list:
        if f.archetype in {"patrol_log", "visitor_count"}:
            assert "/Backup old laptop " in f.path and f.created is not None and f.created.year <= last, f.path


def test_a_retirees_career_is_the_job_the_persona_names() -> None:
    """A retired park ranger was a ranger: the career's last job is the persona's own, its earlier ones of that
    field (not a logistics coordinator's); a retiree who names no job keeps an ordinary working life."""
    career = computer("A retired park ranger in Montana").blueprint.user_profile.career_history
    assert career and career[-1].role == "Park ranger", career
    assert all(e.end_year is not None for e in career)
    assert not any(w in e.role.lower() for e in career for w in ("logistics", "operations", "accountant"))
    teacher = computer("A retired teacher in Milan").blueprint.user_profile.career_history
    assert teacher and teacher[-1].role == "Teacher", teacher
