"""Computers generated once per test session and shared by the generator test modules (generation is the cost)."""

from __future__ import annotations

import functools

from synthcomp_agents.computers import GeneratedComputer, ProceduralComputerGenerator
from synthcomp_agents.personas import sample_personas

N_COMPUTERS = 20
SAMPLE_SEED = 2026


@functools.lru_cache(maxsize=1)
def twenty_computers() -> tuple[GeneratedComputer, ...]:
    """20 computers for 20 personas of 20 different occupational families (seeded)."""
    gen = ProceduralComputerGenerator()
    personas = sample_personas(N_COMPUTERS, seed=SAMPLE_SEED)
    assert len({p.family for p in personas}) == N_COMPUTERS
    return tuple(gen.generate(p, seed=SAMPLE_SEED + i) for i, p in enumerate(personas))


@functools.lru_cache(maxsize=4)
def generated(persona: str, *, seed: int) -> GeneratedComputer:
    """The procedural computer of ``persona`` and ``seed``, generated once per session for every module that saves it
    (e.g. the simulation tests' "A procurement manager in Valencia", seed 7). Callers only read it or ``save`` it into
    their own folder (saving does not change it); a test that edits a disk edits a copy."""
    return ProceduralComputerGenerator().generate(persona, seed=seed)
