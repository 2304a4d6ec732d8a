"""The procedural (offline, seeded) computer generator.

The work happens in stages over a typed context (:mod:`synthcomp_agents.computers.generation`): profile ->
collaborators -> projects -> filesystem policy -> core artifacts per project (rendered in dependency order with a
facts ledger, so quoted numbers agree) -> background of the user's life -> tree tuning -> disk and blueprint.

Example:
    >>> from synthcomp_agents.computers import ProceduralComputerGenerator
    >>> c = ProceduralComputerGenerator().generate("A buyer at a car parts maker in Stuttgart", seed=1)
    >>> len(c.blueprint.project_index.projects) >= 6 and len(c.blueprint.core_files()) >= 120
    True
"""

from __future__ import annotations

from datetime import datetime, timezone

from synthcomp_agents.disk import DEFAULT_INSTANT, OSFlavor
from synthcomp_agents.personas import Persona

from ._generator import GeneratedComputer, resolve_persona
from .generation import generate_computer

__all__ = ["ProceduralComputerGenerator"]


class ProceduralComputerGenerator:
    """Offline, seeded generator of content-rich synthetic computers.

    Args:
        now: The simulated "now" (end of the generated history; the simulation month starts here). Defaults to the
            disk's default instant (2026-01-05 09:00 UTC).

    Example:
        >>> gen = ProceduralComputerGenerator()
        >>> a = gen.generate("Krankenschwester in Köln", seed=5)
        >>> a.blueprint.user_profile.location.endswith("Germany")
        True
    """

    name = "procedural"

    def __init__(self, *, now: datetime | None = None) -> None:
        self.now = (now or DEFAULT_INSTANT).astimezone(timezone.utc)

    def generate(self, persona: Persona | str, *, seed: int, os: OSFlavor | None = None) -> GeneratedComputer:
        """Generate a computer (see :class:`~synthcomp_agents.computers.ComputerGenerator`)."""
        return generate_computer(resolve_persona(persona), seed=seed, os=os, now=self.now, generator=self.name)
