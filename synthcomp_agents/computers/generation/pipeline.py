"""The procedural pipeline: plan (profile, collaborators, projects, policy) into a typed context, then run the
file stages (core artifacts with threads, background, dotfiles, tuning) and assemble.

Example:
    >>> from synthcomp_agents.computers._generator import resolve_persona
    >>> c = generate_computer(resolve_persona("A buyer in Stuttgart"), seed=1)
    >>> len(c.blueprint.core_files()) >= 120
    True
"""

from __future__ import annotations

import hashlib
import random
from datetime import datetime, timezone

from synthcomp_agents.disk import DEFAULT_INSTANT, OSFlavor
from synthcomp_agents.personas import Persona

from .._generator import GeneratedComputer
from .assembly import assemble
from .context import GenerationContext
from .core_project import build_core
from .desktop import build_desktop
from .dotfiles import build_dotfiles
from .downloads import build_downloads
from .env_monitoring import build_monitoring_chain
from .identity import build_identity
from .job_search import time_search_plans
from .layout import Layout
from .ledger import FileLedger, WorkClock
from .life import build_life_documents
from .music import build_music
from .notes import build_notes_vault
from .pension import build_pension_statement, build_service_papers
from .personal import build_old_laptop, build_personal
from .pictures import build_pictures
from .plans import plan_projects
from .team import build_team
from .tuning import tune_tree

__all__ = ["generate_computer", "plan_context"]


def plan_context(
    persona: Persona, *, seed: int, os: OSFlavor | None = None, now: datetime | None = None
) -> GenerationContext:
    """Run the planning stages (profile, collaborators, projects, policy) and return the context (no files yet)."""
    now = (now or DEFAULT_INSTANT).astimezone(timezone.utc)
    digest = hashlib.sha256(f"{persona.persona_id}|{seed}|{os or ''}".encode()).hexdigest()
    rng = random.Random(int(digest[:16], 16))
    ident = build_identity(persona, rng, now, os)
    team = build_team(ident, rng)
    plans = plan_projects(ident, team, rng, now)
    time_search_plans(persona, plans, now, seed)  # a job seeker's search is now: its projects fall in its months
    working = persona.life_stage not in ("retiree", "student", "homemaker", "job_seeker")
    layout = Layout(
        os=ident.os,
        tidiness=ident.tidiness,
        org_short=ident.org_short,
        year=now.year,
        working=working,
        org_name=ident.org,
    )
    ledger = FileLedger(WorkClock(rng, now, ident.tz))
    return GenerationContext(persona, seed, os, rng, now, ident, team, plans, layout, ledger)


def generate_computer(
    persona: Persona,
    *,
    seed: int,
    os: OSFlavor | None = None,
    now: datetime | None = None,
    generator: str = "procedural",
) -> GeneratedComputer:
    """Generate a whole computer for ``persona`` (same seed, same bytes)."""
    ctx = plan_context(persona, seed=seed, os=os, now=now)
    build_core(ctx)
    build_monitoring_chain(ctx)  # an environmental scientist's sampling log, lab certificates and report
    build_downloads(ctx)
    build_pictures(ctx)
    build_music(ctx)
    build_notes_vault(ctx)
    build_life_documents(ctx)
    build_personal(ctx)  # fills only what the life documents left out
    build_pension_statement(ctx)
    build_service_papers(ctx)  # a veteran's discharge papers, reunion letter and memoirs
    build_old_laptop(ctx)
    build_desktop(ctx)
    build_dotfiles(ctx)
    tune_tree(ctx)
    return assemble(ctx, generator)
