"""The typed generation context every stage after planning reads and writes.

Example:
    >>> from synthcomp_agents.computers.generation import plan_context
    >>> from synthcomp_agents.computers._generator import resolve_persona
    >>> ctx = plan_context(resolve_persona("A teacher in Lyon"), seed=1)
    >>> ctx.identity.country, ctx.layout.os == ctx.identity.os
    ('France', True)
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

from synthcomp_agents.disk import OSFlavor
from synthcomp_agents.office import DocProperties
from synthcomp_agents.personas import Persona

from .._content import Person
from .identity import Identity
from .layout import Layout
from .ledger import FileLedger
from .plans import ProjectPlan
from .team import Team

if TYPE_CHECKING:
    from .job_search import JobSearch

__all__ = ["GenerationContext"]


@dataclass
class GenerationContext:
    """Everything decided so far (identity, team, projects, layout) and the file ledger the stages fill.

    Attributes:
        persona: The resolved persona.
        seed: The generation seed.
        forced_os: The OS the caller asked for, if any.
        rng: The one seeded random source (stages draw from it in a fixed order: same seed, same bytes).
        now: End of the generated history (UTC).
        identity: Stage 1 output.
        team: Stage 2 output.
        plans: Stage 3 output.
        layout: Stage 4 output.
        ledger: Files, edges, folders and facts planned so far.
        project_kinds: Archetypes already used as projects' domain documents (the next project prefers others).
        farm_books: A farm's income and expenses from its projects' papers (day, side, item, amount, path), which
            its yearly accounts repeat.
        farm_accounts: The folder of a farm's accounts responsibility, where the yearly accounts go (empty: none).
        job_search: A job seeker's applications, drawn once when a project of the search first needs them.
    """

    persona: Persona
    seed: int
    forced_os: OSFlavor | None
    rng: random.Random
    now: datetime
    identity: Identity
    team: Team
    plans: list[ProjectPlan]
    layout: Layout
    ledger: FileLedger
    deck_projects: set[str] = field(default_factory=set)
    dotfiles: list[str] = field(default_factory=list)
    app_folders: list[str] = field(default_factory=list)
    project_kinds: set[str] = field(default_factory=set)
    farm_books: list[tuple[date, str, str, float, str]] = field(default_factory=list)
    farm_accounts: str = ""
    job_search: JobSearch | None = None

    @property
    def user(self) -> Person:
        """The user as a person in files."""
        return self.identity.user

    @property
    def me(self) -> str:
        """The user's full name (the author of their own files)."""
        return self.identity.user.name

    def props(self, title: str, author: str, created: datetime, modified: datetime, subject: str) -> DocProperties:
        """Office document properties that agree with the file system times."""
        return DocProperties(
            title=title, author=author, last_modified_by=author, subject=subject, created=created, modified=modified
        )
