"""The computer blueprint: round trips (computer.json, 9-column row) and validation of every kind of problem."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from synthcomp_agents.computers import (
    EDGE_TYPES,
    ROW_COLUMNS,
    CollaborationContext,
    Collaborator,
    ComputerBlueprint,
    DocumentHabits,
    FileEdge,
    FileGraph,
    FilesystemPolicy,
    PlannedFile,
    Project,
    ProjectIndex,
    UserProfile,
    check_home_path,
    kind_for_path,
    to_identifier,
    validate_graph,
)

CET = timezone(timedelta(hours=1))
T0 = datetime(2025, 9, 1, 9, 0, tzinfo=CET)


def at(days: float, hours: float = 0) -> datetime:
    return T0 + timedelta(days=days, hours=hours)


def collaborator(name: str, relationship: str, role: str, org: str = "Hartwell Logistics", **kw: Any) -> Collaborator:
    ident = to_identifier(name)
    domain = "hartwell-logistics.example" if org == "Hartwell Logistics" else "partner.example"
    return Collaborator(
        name=name,
        identifier=ident,
        role=role,
        organisation=org,
        relationship=relationship,
        email=f"{ident.replace('_', '.')}@{domain}",
        persona=kw.pop("persona", f"{role} at {org} who works closely with Ana on supplier matters."),
        communication_style=kw.pop("communication_style", "short e-mails, bullet points, replies same day"),
        responsiveness=kw.pop("responsiveness", 4.0),
        **kw,
    )


def planned(path: str, created: datetime, modified: datetime | None = None, **kw: Any) -> PlannedFile:
    return PlannedFile(
        path=path,
        kind=kw.pop("kind", kind_for_path(path)),
        purpose=kw.pop("purpose", f"working file {path.rsplit('/', 1)[-1]}"),
        project_id=kw.pop("project_id", None),
        author=kw.pop("author", "Ana Ruiz"),
        created=created,
        modified=modified or created,
        target_size=kw.pop("target_size", 24_000),
        role=kw.pop("role", "core"),
    )


def blueprint_data() -> dict[str, Any]:
    """A small, realistic blueprint of a procurement manager's Windows laptop, as plain data."""
    habits = DocumentHabits(
        tidiness="tidy",
        naming_pattern="<YYYY-MM-DD>_<Topic>",
        versioning_style="_v2, _v3; _FINAL for what goes to the CFO",
        archiving_habit="moves closed projects to Documents/Archive/<YYYY> every January",
        desktop_clutter="medium",
    )
    profile = UserProfile(
        name="Ana Ruiz",
        role="Procurement Manager",
        employer="Hartwell Logistics",
        industry="logistics",
        seniority="manager",
        location="Valencia, Spain",
        time_zone="Europe/Madrid",
        os="windows",
        username="aruiz",
        email="ana.ruiz@hartwell-logistics.example",
        career_history=[
            {"employer": "Grupo Levante Foods", "role": "Junior Buyer", "start_year": 2013, "end_year": 2017},
            {"employer": "Hartwell Logistics", "role": "Senior Buyer", "start_year": 2017, "end_year": 2021},
            {"employer": "Hartwell Logistics", "role": "Procurement Manager", "start_year": 2021},
        ],
        skills=["supplier negotiation", "spend analysis", "contract management", "tendering"],
        tools_used=["SAP Ariba", "Excel", "PowerPoint", "Outlook", "Teams"],
        working_style="Plans the week on Monday mornings, keeps one tracker per supplier category.",
        document_habits=habits,
    )
    people = [
        collaborator(
            "Tom Becker",
            "manager",
            "CFO",
            private_knowledge=[
                {"topic": "budget", "fact": "The board will cut Q4 freight spend by 8% in the October meeting."}
            ],
        ),
        collaborator("Lucía Ferrer", "direct_report", "Buyer"),
        collaborator("Marco Silva", "peer", "Warehouse Operations Lead"),
        collaborator("Priya Nair", "cross_functional", "Finance Controller"),
        collaborator(
            "Jonas Weber",
            "vendor",
            "Key Account Manager",
            org="Nordfrakt GmbH",
            private_knowledge=[{"topic": "pricing", "fact": "Nordfrakt can give 3% more if volume is committed."}],
        ),
    ]
    projects = [
        Project(
            project_id="p01",
            name="Freight Tender 2025",
            kind="project",
            description="Re-tender road freight for the Iberian lanes.",
            start_date=date(2025, 6, 2),
            end_date=date(2025, 11, 28),
            status="active",
            stakeholders=["tom_becker", "jonas_weber", "lucia_ferrer"],
            folder="Documents/Projects/Freight Tender 2025",
        ),
        Project(
            project_id="p02",
            name="Packaging Supplier Consolidation",
            kind="project",
            description="Cut packaging suppliers from 14 to 6.",
            start_date=date(2025, 3, 3),
            end_date=date(2025, 9, 30),
            status="active",
            stakeholders=["marco_silva"],
            folder="Documents/Projects/Packaging Consolidation",
        ),
        Project(
            project_id="p03",
            name="Monthly Spend Report",
            kind="recurring",
            description="Spend by category for the CFO, first Monday of each month.",
            start_date=date(2021, 5, 3),
            status="active",
            stakeholders=["tom_becker", "priya_nair"],
            folder="Documents/Reporting/Spend",
        ),
        Project(
            project_id="p04",
            name="Supplier Risk Review",
            kind="recurring",
            description="Quarterly risk scoring of the top 40 suppliers.",
            start_date=date(2022, 1, 10),
            status="active",
            stakeholders=["priya_nair"],
            folder="Documents/Reporting/Risk",
        ),
        Project(
            project_id="p05",
            name="Ariba Catalogue Cleanup",
            kind="project",
            description="Retire stale catalogue items before the Ariba upgrade.",
            start_date=date(2024, 10, 1),
            end_date=date(2025, 2, 28),
            status="completed",
            stakeholders=["lucia_ferrer"],
            folder="Documents/Projects/Ariba Cleanup",
        ),
    ]
    policy = FilesystemPolicy(
        os="windows",
        home_layout=["Desktop", "Documents", "Downloads", "Pictures", "OneDrive - Hartwell Logistics"],
        folder_conventions=["Documents/Projects/<Project>", "Documents/Reporting/<Stream>", "Documents/Archive/<YYYY>"],
        naming_patterns=["<YYYY-MM-DD>_<Topic>.<ext>", "<Topic>_v<N>.<ext>"],
        version_markers=["_v2", "_v3", "_FINAL"],
        depth_tendency="deep",
        clutter_tendency="medium",
        dotfiles=[".gitconfig"],
        app_folders=["AppData/Roaming/Microsoft/Teams"],
    )
    tender = "Documents/Projects/Freight Tender 2025"
    spend = "Documents/Reporting/Spend"
    files = [
        planned(f"{tender}/rates_nordfrakt.xlsx", at(0), at(3), project_id="p01", author="Jonas Weber"),
        planned(f"{tender}/tender_evaluation.xlsx", at(4), at(6), project_id="p01"),
        planned(f"{tender}/tender_recommendation.docx", at(7), at(9), project_id="p01"),
        planned(f"{tender}/tender_recommendation_v2.docx", at(10), at(11), project_id="p01"),
        planned(f"{tender}/steering_committee.pptx", at(12), at(12, 3), project_id="p01", target_size=410_000),
        planned("Documents/Mail/2025-09-13_recommendation.eml", at(12, 4), project_id="p01", target_size=95_000),
        planned(f"{spend}/2025-08_spend_export.csv", at(-5), project_id="p03", author="SAP Ariba"),
        planned(f"{spend}/2025-08_spend_report.docx", at(-4), at(-3), project_id="p03"),
        planned(
            "Downloads/ClientSetup_Teams.exe", at(-200), role="background", author="Microsoft", target_size=2_400_000
        ),
        planned("Pictures/warehouse_visit.jpg", at(-30), role="background", author="Ana Ruiz", target_size=1_900_000),
    ]
    edges = [
        FileEdge(source=files[0].path, target=files[1].path, type="input_to", note="Nordfrakt rate card"),
        FileEdge(source=files[1].path, target=files[2].path, type="derived_from", note="quotes weighted scores"),
        FileEdge(source=files[2].path, target=files[3].path, type="version_of", note="CFO comments addressed"),
        FileEdge(source=files[3].path, target=files[4].path, type="summarizes", note="3 slides on the shortlist"),
        FileEdge(source=files[3].path, target=files[5].path, type="attachment_of", note="sent to Tom"),
        FileEdge(source=files[6].path, target=files[7].path, type="derived_from", note="totals by category"),
        FileEdge(source=files[7].path, target=files[2].path, type="references", note="cites August freight spend"),
    ]
    return {
        "computer_id": "c-0001",
        "persona": "A procurement manager at a Spanish logistics company who re-tenders freight contracts.",
        "generator": "hand-built",
        "generator_version": "0.1.0",
        "seed": 7,
        "user_profile": profile,
        "collaboration_context": CollaborationContext(collaborators=people, summary="Ana's tender team."),
        "monthly_objectives": [{"title": "Award the freight tender", "deliverables": [{"path": f"{tender}/x.docx"}]}],
        "project_index": ProjectIndex(projects=projects),
        "filesystem_policy": policy,
        "file_list": files,
        "file_graph": FileGraph(edges=edges),
    }


@pytest.fixture
def blueprint() -> ComputerBlueprint:
    return ComputerBlueprint(**blueprint_data())


def errors_of(exc: pytest.ExceptionInfo[ValidationError]) -> str:
    return str(exc.value)


# ---------------------------------------------------------------------------------------------------------------------
# Round trips
# ---------------------------------------------------------------------------------------------------------------------


def test_json_round_trip(blueprint: ComputerBlueprint) -> None:
    text = blueprint.to_json()
    again = ComputerBlueprint.from_json(text)
    assert again == blueprint
    assert again.to_json() == text
    data = json.loads(text)
    assert data["schema_version"] == "1.0"
    assert data["seed"] == 7 and data["generator"] == "hand-built"
    # tz-aware times keep their offset
    assert data["file_list"][0]["created"] == "2025-09-01T09:00:00+01:00"


def test_row_round_trip(blueprint: ComputerBlueprint) -> None:
    row = blueprint.to_row()
    assert tuple(row) == ROW_COLUMNS
    assert all(isinstance(v, str) for v in row.values())
    assert row["computer_id"] == "c-0001"
    assert row["persona"].startswith("A procurement manager")
    for column in ROW_COLUMNS[2:]:
        json.loads(row[column])
    assert json.loads(row["file_graph"])["edges"][0]["type"] == "input_to"
    assert len(json.loads(row["file_list"])) == 10
    assert ComputerBlueprint.from_row(row) == blueprint


def test_from_row_accepts_parsed_values_and_plain_provenance(blueprint: ComputerBlueprint) -> None:
    row: dict[str, Any] = {
        k: json.loads(v) if k not in ("computer_id", "persona") else v for k, v in blueprint.to_row().items()
    }
    del row["user_profile"]["_provenance"]
    row["file_graph"] = row["file_graph"]["edges"]  # a bare edge list is accepted too
    row["persona"] = json.dumps(blueprint.persona)  # a JSON-encoded persona is decoded
    again = ComputerBlueprint.from_row(row, generator="paper", generator_version="2604.28181")
    assert again.generator == "paper" and again.seed is None
    assert again.file_graph == blueprint.file_graph and again.persona == blueprint.persona


def test_from_row_reports_missing_and_bad_columns(blueprint: ComputerBlueprint) -> None:
    row = blueprint.to_row()
    with pytest.raises(ValueError, match="lacks column"):
        ComputerBlueprint.from_row({k: v for k, v in row.items() if k != "file_graph"})
    with pytest.raises(ValueError, match="'project_index' is not valid JSON"):
        ComputerBlueprint.from_row({**row, "project_index": "{not json"})


def test_views(blueprint: ComputerBlueprint) -> None:
    assert len(blueprint.core_files()) == 8
    assert blueprint.collaboration_context.by_identifier()["jonas_weber"].organisation == "Nordfrakt GmbH"
    assert blueprint.project_index.by_id()["p03"].kind == "recurring"
    tender = "Documents/Projects/Freight Tender 2025"
    assert blueprint.file_graph.downstream(f"{tender}/tender_recommendation_v2.docx") == [
        f"{tender}/steering_committee.pptx",
        "Documents/Mail/2025-09-13_recommendation.eml",
    ]
    assert blueprint.file_graph.upstream(f"{tender}/tender_recommendation.docx") == [
        f"{tender}/tender_evaluation.xlsx",
        "Documents/Reporting/Spend/2025-08_spend_report.docx",
    ]


# ---------------------------------------------------------------------------------------------------------------------
# Validation: each kind of problem
# ---------------------------------------------------------------------------------------------------------------------


def test_cycle_is_caught() -> None:
    data = blueprint_data()
    files = data["file_list"]
    edges = [*data["file_graph"].edges, FileEdge(source=files[4].path, target=files[1].path, type="references")]
    problems = validate_graph(files, edges)
    assert any(p.startswith("cycle: ") for p in problems)
    with pytest.raises(ValidationError, match="cycle"):
        FileGraph(edges=edges)


def test_temporal_inversion_is_caught() -> None:
    data = blueprint_data()
    files = list(data["file_list"])
    # the recommendation is now last saved after the deck that summarizes it was last saved
    files[3] = files[3].model_copy(update={"modified": at(13)})
    problems = validate_graph(files, data["file_graph"])
    assert len(problems) == 2, problems  # summarizes (deck older) and attachment_of (e-mail older)
    assert "older (modified" in problems[0]
    with pytest.raises(ValidationError, match="2 problem"):
        ComputerBlueprint(**{**data, "file_list": files})


@pytest.mark.parametrize(
    ("edge_type", "target_created", "target_modified", "ok"),
    [
        ("version_of", 5, 5, True),  # created after the old version was last saved
        ("version_of", 2, 5, False),  # started before the old one was finished
        ("references", 0, 1, True),  # only needs the referenced file to exist
        ("references", -3, -2, False),
        ("derived_from", 1, 2, False),  # last saved before its source's last save
        ("derived_from", -1, 5, False),  # created before its source existed
        ("derived_from", 0, 3, True),
    ],
)
def test_temporal_rules_per_type(edge_type: str, target_created: float, target_modified: float, ok: bool) -> None:
    source = planned("Documents/a.xlsx", at(0), at(3))
    target = planned("Documents/b.docx", at(target_created), at(target_modified))
    edge = FileEdge(source=source.path, target=target.path, type=edge_type)
    assert (validate_graph([source, target], [edge]) == []) is ok


def test_dangling_edge_is_caught(blueprint: ComputerBlueprint) -> None:
    data = blueprint_data()
    edge = FileEdge(source="Documents/ghost.xlsx", target=data["file_list"][1].path, type="input_to")
    problems = validate_graph(data["file_list"], [*data["file_graph"].edges, edge])
    assert problems == [
        "edge 'Documents/ghost.xlsx' -input_to-> 'Documents/Projects/Freight Tender 2025/tender_evaluation.xlsx': "
        "source 'Documents/ghost.xlsx' is not in the file list"
    ]
    with pytest.raises(ValidationError, match="not in the file list"):
        ComputerBlueprint(**{**data, "file_graph": FileGraph(edges=[*data["file_graph"].edges, edge])})


def test_self_edge_and_duplicate_edge_are_caught() -> None:
    with pytest.raises(ValidationError, match="self-edge"):
        FileEdge(source="Documents/a.docx", target="Documents/a.docx", type="references")
    data = blueprint_data()
    edges = data["file_graph"].edges
    with pytest.raises(ValidationError, match="duplicate edge"):
        FileGraph(edges=[*edges, edges[0]])
    assert any("duplicate edge" in p for p in validate_graph(data["file_list"], [*edges, edges[0]]))
    raw_self = FileEdge.model_construct(source=edges[0].source, target=edges[0].source, type="references", note="")
    assert any("self-edge" in p for p in validate_graph(data["file_list"], [raw_self]))


def test_attachment_needs_a_container() -> None:
    a = planned("Documents/a.xlsx", at(0))
    b = planned("Documents/b.docx", at(1))
    problems = validate_graph([a, b], [FileEdge(source=a.path, target=b.path, type="attachment_of")])
    assert problems and "eml, ics or zip" in problems[0]


def test_duplicate_file_path_is_caught() -> None:
    a = planned("Documents/a.xlsx", at(0))
    assert validate_graph([a, a], []) == ["file 'Documents/a.xlsx' is listed more than once"]


def test_duplicate_collaborator_identifier_is_caught() -> None:
    data = blueprint_data()
    people = list(data["collaboration_context"].collaborators)
    twin = people[1].model_copy(update={"name": "Lucia Ferrer-Gil", "email": "lferrergil@hartwell-logistics.example"})
    with pytest.raises(ValidationError, match="duplicate collaborator identifier"):
        CollaborationContext(collaborators=[*people, twin])


def test_collaborator_count_bounds() -> None:
    people = blueprint_data()["collaboration_context"].collaborators
    with pytest.raises(ValidationError, match="at least 4"):
        CollaborationContext(collaborators=people[:3])


def test_too_few_projects_is_caught() -> None:
    projects = blueprint_data()["project_index"].projects
    with pytest.raises(ValidationError, match="at least 5"):
        ProjectIndex(projects=projects[:4])
    with pytest.raises(ValidationError, match="duplicate project id"):
        ProjectIndex(projects=[*projects, projects[0].model_copy(update={"name": "Other"})])


@pytest.mark.parametrize("bad", ["tom becker", "3tom", "class", "tomás", "tom-becker", ""])
def test_bad_identifier_is_caught(bad: str) -> None:
    base = blueprint_data()["collaboration_context"].collaborators[0].model_dump()
    with pytest.raises(ValidationError, match="Python identifier"):
        Collaborator(**{**base, "identifier": bad})


def test_to_identifier_makes_valid_identifiers() -> None:
    for name in ["Tomás O'Brien", "3M Liaison", "class", "李雷", "  Ann--Marie  "]:
        ident = to_identifier(name)
        assert ident.isidentifier() and ident.isascii()
    assert to_identifier("Ann--Marie Smith") == "ann_marie_smith"


def test_cross_field_problems_are_all_reported() -> None:
    data = blueprint_data()
    projects = list(data["project_index"].projects)
    projects[1] = projects[1].model_copy(update={"stakeholders": ["nobody"]})
    files = list(data["file_list"])
    files[0] = files[0].model_copy(update={"project_id": "p99"})
    policy = data["filesystem_policy"].model_copy(update={"os": "macos"})
    with pytest.raises(ValidationError) as exc:
        ComputerBlueprint(
            **{
                **data,
                "project_index": ProjectIndex(projects=projects),
                "file_list": files,
                "filesystem_policy": policy,
            }
        )
    text = errors_of(exc)
    assert "3 problem(s)" in text
    assert "unknown stakeholder(s) nobody" in text
    assert "unknown project 'p99'" in text
    assert "filesystem_policy.os is 'macos'" in text


@pytest.mark.parametrize(
    "path",
    [
        "/Users/ana/a.docx",
        "C:/Users/a.docx",
        "~/a.docx",
        "Documents/../a.docx",
        "Documents//a.docx",
        "a\\b.docx",
        "Documents/CON.txt",
        "Documents/a?.docx",
        "Documents/a.",
        "Documents/\u202eexe.docx",
        "Documents/",
    ],
)
def test_bad_paths_are_rejected(path: str) -> None:
    with pytest.raises(ValueError):
        check_home_path(path)


def test_planned_file_checks() -> None:
    with pytest.raises(ValidationError, match=r"needs extension \.docx"):
        planned("Documents/report.pdf", at(0), kind="docx")
    with pytest.raises(ValidationError, match=r"modified .* is before created"):
        planned("Documents/report.docx", at(2), at(1))
    with pytest.raises(ValidationError, match="timezone"):
        planned("Documents/report.docx", datetime(2025, 1, 1))  # naive
    assert planned(".zshrc", at(0), kind="txt", role="background").kind == "txt"
    assert planned("Downloads/setup.tar.gz", at(0)).kind == "other"


def test_profile_field_checks() -> None:
    base = blueprint_data()["user_profile"].model_dump()
    for field, value in [("time_zone", "Mars/Olympus"), ("email", "ana at example"), ("username", "a r")]:
        with pytest.raises(ValidationError):
            UserProfile(**{**base, field: value})
    with pytest.raises(ValidationError, match="ends"):
        UserProfile(
            **{**base, "career_history": [{"employer": "X", "role": "Y", "start_year": 2020, "end_year": 2019}]}
        )
    with pytest.raises(ValidationError, match="extra"):
        UserProfile(**{**base, "favourite_colour": "teal"})


# ---------------------------------------------------------------------------------------------------------------------
# Property: random DAGs with consistent times validate; random inversions are caught
# ---------------------------------------------------------------------------------------------------------------------

KINDS = ["docx", "xlsx", "pptx", "md", "csv", "eml", "zip"]


@st.composite
def timed_dags(draw: st.DrawFn) -> tuple[list[PlannedFile], list[FileEdge]]:
    n = draw(st.integers(min_value=2, max_value=14))
    # each file: created offset, then a non-negative editing span; files in topological index order
    starts = sorted(draw(st.lists(st.integers(0, 400), min_size=n, max_size=n)))
    files: list[PlannedFile] = []
    last_modified = T0
    for i in range(n):
        kind = draw(st.sampled_from(KINDS))
        created = max(T0 + timedelta(hours=starts[i]), last_modified)
        modified = created + timedelta(hours=draw(st.integers(0, 48)))
        last_modified = modified
        files.append(planned(f"Documents/f{i:02d}.{kind}", created, modified))
    pairs = draw(
        st.lists(
            st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)).filter(lambda p: p[0] < p[1]),
            max_size=3 * n,
            unique=True,
        )
    )
    edges = []
    for a, b in pairs:
        types = [t for t in EDGE_TYPES if t != "attachment_of" or files[b].kind in ("eml", "zip")]
        edges.append(FileEdge(source=files[a].path, target=files[b].path, type=draw(st.sampled_from(types))))
    return files, edges


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(timed_dags())
def test_consistent_random_dags_validate(dag: tuple[list[PlannedFile], list[FileEdge]]) -> None:
    files, edges = dag
    assert validate_graph(files, FileGraph(edges=edges)) == []


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(timed_dags(), st.data())
def test_random_time_inversions_are_caught(dag: tuple[list[PlannedFile], list[FileEdge]], data: st.DataObject) -> None:
    files, edges = dag
    if not edges:
        return
    edge = data.draw(st.sampled_from(edges))
    index = {f.path: i for i, f in enumerate(files)}
    src, tgt = index[edge.source], index[edge.target]
    # move the downstream file so that it lies entirely before its source was created
    span = files[tgt].modified - files[tgt].created
    new_modified = files[src].created - timedelta(hours=data.draw(st.integers(1, 500)))
    files = list(files)
    files[tgt] = files[tgt].model_copy(update={"created": new_modified - span, "modified": new_modified})
    problems = validate_graph(files, edges)
    assert any(f"'{edge.source}' -{edge.type}-> '{edge.target}'" in p for p in problems), problems
