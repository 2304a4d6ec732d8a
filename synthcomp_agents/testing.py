"""Test fixtures: a small, complete world for tests, examples and doctests (the demo procurement disk plus a
hand-written blueprint). Not part of the package's public surface; import from ``synthcomp_agents.testing``.

The blueprint matches ``synthcomp_agents._demo.build_demo_disk()``: Jonas Weber, a procurement manager in
Stuttgart, with four collaborators who each hold a private fact that is on no file of the disk.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from ._demo import DEMO_FACTS
from .computers import (
    CollaborationContext,
    Collaborator,
    ComputerBlueprint,
    DocumentHabits,
    FilesystemPolicy,
    PrivateFact,
    Project,
    ProjectIndex,
    UserProfile,
)

if TYPE_CHECKING:
    from .world import World

__all__ = ["DEMO_FACTS", "demo_blueprint", "demo_world"]

_PEOPLE = [
    ("Petra Lang", "petra_lang", "Procurement analyst", "Hollmann Components", "peer",
     "A meticulous analyst who owns the call-off tracker.", "short, direct e-mails; answers in bullet points", 2.0),
    ("Klaus Richter", "klaus_richter", "Head of procurement", "Hollmann Components", "manager",
     "Jonas's manager; wants decisions on one page.", "formal; expects a clear recommendation", 4.0),
    ("Sabine Koch", "sabine_koch", "Quality engineer", "Hollmann Components", "cross_functional",
     "Runs supplier audits and hates surprises.", "friendly and chatty; often replies with questions", 6.0),
    ("Tobias Wolf", "tobias_wolf", "Key account manager", "Kessler Stahl GmbH", "vendor",
     "Kessler Stahl's account manager for Hollmann.", "replies late in the evening, in long detailed messages", 24.0),
]  # fmt: skip


def _domain(ident: str) -> str:
    return "kessler-stahl.de" if ident == "tobias_wolf" else "hollmann-components.de"


def demo_blueprint() -> ComputerBlueprint:
    """The blueprint of the demo computer (validated; no planned file list).

    Example:
        >>> bp = demo_blueprint()
        >>> bp.user_profile.name, len(bp.collaboration_context.collaborators)
        ('Jonas Weber', 4)
    """
    people = [
        Collaborator(
            name=name,
            identifier=ident,
            role=role,
            organisation=org,
            relationship=rel,
            email=f"{ident.replace('_', '.')}@{_domain(ident)}",
            persona=persona,
            communication_style=style,
            responsiveness=hours,
            private_knowledge=[PrivateFact(topic=DEMO_FACTS[ident][0], fact=DEMO_FACTS[ident][1])],
        )
        for name, ident, role, org, rel, persona, style, hours in _PEOPLE
    ]
    steel = "Documents/Procurement/Steel_Contracts_2026"
    projects = [
        Project(project_id="p01", name="Steel contracts 2026", kind="project", status="active",
                description="Renegotiate the steel contracts and consolidate the supplier base.",
                start_date=date(2026, 1, 5), stakeholders=["petra_lang", "klaus_richter", "tobias_wolf"], folder=steel),
        Project(project_id="p02", name="Supplier audits", kind="recurring", status="active",
                description="Quality audits of strategic suppliers.", start_date=date(2025, 9, 1),
                stakeholders=["sabine_koch"], folder="Documents/Procurement/Supplier_Audits"),
        Project(project_id="p03", name="Steering committee", kind="recurring", status="active",
                description="Monthly steering committee on supplier consolidation.", start_date=date(2025, 11, 1),
                stakeholders=["klaus_richter"], folder=steel),
        Project(project_id="p04", name="Tail spend 2025", kind="project", status="completed",
                description="Move small purchases to catalogues.", start_date=date(2025, 2, 1),
                end_date=date(2025, 9, 30), stakeholders=["petra_lang"], folder="Documents/Procurement"),
        Project(project_id="p05", name="Freight index pricing", kind="project", status="on_hold",
                description="Index-linked freight contracts.", start_date=date(2025, 6, 1),
                stakeholders=["klaus_richter"], folder="Documents/Procurement"),
    ]  # fmt: skip
    return ComputerBlueprint(
        computer_id="c-demo-procurement",
        persona="A senior procurement manager at an automotive parts supplier in Stuttgart.",
        generator="demo",
        generator_version="1",
        seed=0,
        user_profile=UserProfile(
            name="Jonas Weber",
            role="Senior procurement manager",
            employer="Hollmann Components",
            industry="Automotive parts",
            seniority="senior",
            location="Stuttgart, Germany",
            time_zone="Europe/Berlin",
            os="macos",
            username="jonas",
            email="jonas.weber@hollmann-components.de",
            working_style="Plans the week on Monday and keeps a work journal.",
            document_habits=DocumentHabits(
                tidiness="tidy",
                naming_pattern="<Topic>_<Quarter>_<Year>",
                versioning_style="_v2",
                archiving_habit="moves closed work to Archive/",
                desktop_clutter="low",
            ),
        ),
        collaboration_context=CollaborationContext(collaborators=people),
        project_index=ProjectIndex(projects=projects),
        filesystem_policy=FilesystemPolicy(
            os="macos",
            home_layout=["Desktop", "Documents", "Downloads", "Pictures"],
            depth_tendency="moderate",
            clutter_tendency="low",
        ),
    )


def demo_world(*, days: int = 20, world_id: str | None = None, start: date = date(2026, 4, 13)) -> World:
    """A ready :class:`~synthcomp_agents.simulation.World` over a fresh demo disk (no plan yet).

    Example:
        >>> world = demo_world(days=3, world_id="demo-fixture-doc")
        >>> world.clock.days, sorted(world.collaborators)[:2]
        (3, ['klaus_richter', 'petra_lang'])
    """
    from ._demo import build_demo_disk
    from .world import Mailbox, SimClock, World

    disk, _ = build_demo_disk()
    blueprint = demo_blueprint()
    clock = SimClock(start, tz=blueprint.user_profile.time_zone, days=days)
    owner = f"{blueprint.user_profile.name} <{blueprint.user_profile.email}>"
    mailbox = Mailbox(disk, owner, folder="Documents/Mail", clock=clock)
    return World(disk, clock, mailbox, blueprint, None, world_id=world_id)
