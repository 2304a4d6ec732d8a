"""The built-in persona pool and deterministic, family-spread sampling."""

from __future__ import annotations

import random
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path

from synthcomp_agents.personas._loaders import load_personas
from synthcomp_agents.personas._models import Persona, PersonaError

POOL_RESOURCE = "pool.jsonl"
"""File name of the built-in pool inside the package's ``data`` folder (and in the top-level ``personas/``)."""


def builtin_pool_path() -> Path:
    """Return the path of the built-in pool file shipped inside the package.

    Returns:
        Path to ``synthcomp_agents/personas/data/pool.jsonl``.

    Example:
        >>> builtin_pool_path().name
        'pool.jsonl'
    """
    return Path(str(resources.files("synthcomp_agents.personas").joinpath("data").joinpath(POOL_RESOURCE)))


@lru_cache(maxsize=1)
def _builtin() -> tuple[Persona, ...]:
    personas = load_personas(builtin_pool_path())
    return tuple(p.model_copy(update={"source": "builtin"}) for p in personas)


def builtin_personas() -> list[Persona]:
    """Return the built-in pool of professional personas (loaded once, then cached).

    Returns:
        A new list of the pool's personas, each with ``source == "builtin"``.

    Example:
        >>> len(builtin_personas()) >= 1000
        True
    """
    return list(_builtin())


def sample_personas(n: int, seed: int = 0, *, pool: Sequence[Persona] | None = None) -> list[Persona]:
    """Pick ``n`` distinct personas deterministically, spread across occupational families.

    Families are shuffled by ``seed`` and visited round-robin, each contributing its personas in a seeded order, so
    the first ``k`` picks cover ``min(k, number of families)`` different families.

    Args:
        n: How many personas to return (0 <= n <= pool size).
        seed: Seed of the shuffle; the same seed and pool give the same list.
        pool: Personas to sample from; the built-in pool when omitted.

    Returns:
        ``n`` distinct personas.

    Raises:
        PersonaError: If ``n`` is negative or larger than the pool.

    Example:
        >>> picks = sample_personas(20, seed=7)
        >>> len({p.family for p in picks})
        20
    """
    personas = list(_builtin() if pool is None else pool)
    if n < 0:
        raise PersonaError(f"cannot sample a negative number of personas ({n})")
    if n > len(personas):
        raise PersonaError(f"cannot sample {n} personas from a pool of {len(personas)}")
    rng = random.Random(seed)
    by_family: dict[str, list[Persona]] = {}
    for persona in personas:
        by_family.setdefault(persona.family, []).append(persona)
    families = sorted(by_family)
    rng.shuffle(families)
    for family in families:
        rng.shuffle(by_family[family])
    picked: list[Persona] = []
    depth = 0
    while len(picked) < n:
        for family in families:
            members = by_family[family]
            if depth < len(members):
                picked.append(members[depth])
                if len(picked) == n:
                    break
        depth += 1
    return picked
