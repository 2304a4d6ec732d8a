"""Final stage: the blueprint (profile, collaborators with private facts, projects, policy, file list and graph)
and the virtual disk with every file's bytes, times and author."""

from __future__ import annotations

import posixpath
from datetime import datetime, timedelta

from synthcomp_agents._version import __version__
from synthcomp_agents.disk import VirtualDisk

from .._blueprint import (
    CollaborationContext,
    Collaborator,
    ComputerBlueprint,
    FileGraph,
    PlannedFile,
    PrivateFact,
    Project,
    ProjectIndex,
)
from .._content import Person, ProjectDomain
from .._generator import GeneratedComputer, computer_id_for
from .context import GenerationContext
from .core_band import band_fact, is_band
from .core_private import PRIVATE_STAGES
from .orchestra import is_orchestral, orchestra_fact
from .text import cap

__all__ = ["assemble"]


def assemble(ctx: GenerationContext, generator: str) -> GeneratedComputer:
    """Build the blueprint and the disk from the context."""
    rng, led, ident = ctx.rng, ctx.ledger, ctx.identity
    collaborators = []
    known: dict[str, PrivateFact] = {}  # one truth per project and topic, whoever holds it
    for i, (person, (rel, style)) in enumerate(zip(ctx.team.people, ctx.team.meta, strict=True)):
        drawn = rng.choice(ctx.plans)
        # a person works with the user on a project they have a stake in (the draw stays, so no other file moves)
        works_on = drawn if i in drawn.stake else next((p for p in ctx.plans if i in p.stake), drawn)
        collaborators.append(
            Collaborator(
                name=person.name,
                identifier=person.identifier,
                role=person.role,
                organisation=person.org,
                relationship=rel,
                email=person.email,
                persona=f"{person.role} at {person.org} who works with {ident.user.name} on"
                f" {works_on.name}; {style.split(';')[0]}.",
                communication_style=style,
                responsiveness=float(rng.choice([1, 2, 4, 8, 24, 48])),
                private_knowledge=_private_facts(ctx, person, i, known),
            )
        )
    projects = [
        Project(
            project_id=p.pid,
            name=p.name,
            kind=p.kind,
            description=cap(p.focus) + ".",
            start_date=p.started,
            end_date=p.end,
            status=p.status,
            stakeholders=[ctx.team.people[i].identifier for i in p.stake],
            folder=p.folder,
            documents=list(p.documents),
        )
        for p in ctx.plans
    ]
    policy = ctx.layout.policy(dotfiles=ctx.dotfiles, app_folders=ctx.app_folders)
    now = ctx.now
    disk = VirtualDisk(user=ident.username, os=ident.os, clock=lambda: now)
    folders = sorted(led.folders | led.empty)
    born = ctx.now - timedelta(days=900)
    for path in folders:
        disk.mkdir(path, created=born)
    planned = []
    for f in sorted(led.files.values(), key=lambda x: x.path):
        disk.write_bytes(f.path, f.data, created=f.created, modified=f.modified, author=f.author)
        planned.append(
            PlannedFile(
                path=f.path,
                kind=f.kind,
                purpose=f.purpose,
                project_id=f.project_id,
                author=f.author,
                created=f.created,
                modified=f.modified,
                target_size=len(f.data),
                role=f.role,
                archetype=f.archetype,
            )
        )
    newest: dict[str, datetime] = {}
    for f in led.files.values():
        parent = posixpath.dirname(f.path)
        while True:
            if parent not in newest or newest[parent] < f.modified:
                newest[parent] = f.modified
            if not parent:
                break
            parent = posixpath.dirname(parent)
    for path in folders:
        disk.set_times(path, created=born, modified=newest.get(path, born))
    blueprint = ComputerBlueprint(
        computer_id=computer_id_for(ctx.persona, ctx.seed, generator, ctx.forced_os),
        persona=ctx.persona.text,
        generator=generator,
        generator_version=__version__,
        seed=ctx.seed,
        user_profile=ident.profile,
        collaboration_context=CollaborationContext(
            collaborators=collaborators,
            summary=f"{ident.user.name} works with {len(collaborators)} people across {len(projects)} projects.",
        ),
        project_index=ProjectIndex(projects=projects),
        filesystem_policy=policy,
        file_list=planned,
        file_graph=FileGraph(edges=led.edges),
    )
    return GeneratedComputer(blueprint=blueprint, disk=disk, persona=ctx.persona, facts=led.facts)


def _private_facts(
    ctx: GenerationContext, person: Person, index: int, known: dict[str, PrivateFact]
) -> list[PrivateFact]:
    """What a collaborator knows that no shared file says yet (restatements, moved deadlines, verbal decisions).

    A project has one such truth per topic: a second person who knows about the project's deadline knows the same
    new date as the first (``known`` holds what was drawn first; the draws still happen, so nothing else moves).
    """
    rng = ctx.rng
    mine = [p for p in ctx.plans if index in p.stake and p.domain is not None]
    private = ctx.persona.life_stage in PRIVATE_STAGES
    orchestral = is_orchestral(ctx)
    band = is_band(ctx) and not orchestral
    out: list[PrivateFact] = []
    for p in mine[:2]:
        d = p.domain
        assert d is not None
        entity = rng.choice(d.entities)
        choice = rng.randrange(3)
        if private:  # what a daughter or a club secretary knows: said on the phone, never "restated"
            out.append(_private_life_fact(ctx, p.name, d, entity, choice))
        elif orchestral:  # what the librarian or the orchestra manager knows: said at the break
            out.append(orchestra_fact(rng, ctx.now.date(), p, choice))
        elif band:  # what a bandmate or the promoter knows: said after the show, never "restated" or "next quarter"
            out.append(band_fact(rng, ctx.now.date(), p.name, d, entity, choice))
        elif choice == 0:
            fact = (
                f"The {d.month_label(d.months[-1])} {d.metric} for {entity} will be restated by about"
                f" {rng.randint(3, 12)}% once the late {d.tool} entries are booked; not yet in any shared file."
            )
            out.append(PrivateFact(topic=f"{p.name}: figures", fact=fact))
        elif choice == 1:
            new_date = ctx.now.date() + timedelta(days=rng.randint(10, 40))
            out.append(
                PrivateFact(
                    topic=f"{p.name}: deadline",
                    fact=f"The {d.meeting} moved the next {d.report_type} deadline to {new_date.isoformat()}.",
                )
            )
        else:
            out.append(
                PrivateFact(
                    topic=f"{p.name}: decision",
                    fact=f"{entity} will be dropped from the scope of {p.name} next quarter; agreed verbally,"
                    " not written down.",
                )
            )
    out = [known.setdefault(fact.topic, fact) for fact in out]
    if not out:
        out.append(
            PrivateFact(
                topic="team",
                fact=f"{person.first} will be on leave for two weeks from"
                f" {(ctx.now.date() + timedelta(days=12)).isoformat()}.",
            )
        )
    return out


def _private_life_fact(ctx: GenerationContext, project: str, d: ProjectDomain, entity: str, choice: int) -> PrivateFact:
    """A private-life collaborator's fact: a late receipt, a date moved on the phone, a line dropped from the list."""
    rng = ctx.rng
    if choice == 0:
        what, why = (
            ("cost", "the last receipt has not come yet and is in no file")
            if d.money
            else ("take", "the last sessions are not written in yet, in any file")
        )
        return PrivateFact(
            topic=f"{project}: figures",
            fact=f"{entity} for {project} will {what} about {rng.randint(3, 12)}% more than the sheet says for"
            f" {d.month_label(d.months[-1])}; {why}.",
        )
    if choice == 1:
        new_date = ctx.now.date() + timedelta(days=rng.randint(10, 40))
        return PrivateFact(
            topic=f"{project}: deadline",
            fact=f"We agreed on the phone to move {project} to {new_date.isoformat()}; nothing written down yet.",
        )
    return PrivateFact(
        topic=f"{project}: decision",
        fact=f"{entity} comes off the list for {project} from next month; we agreed it in person, not in writing.",
    )
