"""Computers generated once per test session and shared by the generator test modules (generation is the cost).

Generating a computer and reading its documents back as text cost about the same, and many modules generate the same
persona and seed (a police officer in Manchester with seed 7 in three tests of one module; a bass player in a rock
band in Manchester with seed 3 in the band and the solo-act modules). ``generated`` makes each computer once per
session and ``file_text`` reads each of its documents once. Both hand out shared objects: a test only reads them or
``save``s them into its own folder (saving does not change a computer); a test that edits a disk or closes it
generates its own (``ProceduralComputerGenerator().generate``). A test of determinism compares a fresh computer with
the shared one (same seed, same bytes), which is as strict as comparing two fresh ones.
"""

from __future__ import annotations

import collections
import functools
from datetime import datetime

from synthcomp_agents.computers import GeneratedComputer, ProceduralComputerGenerator
from synthcomp_agents.computers._generator import resolve_persona
from synthcomp_agents.disk import OSFlavor
from synthcomp_agents.office import extract_text
from synthcomp_agents.personas import Persona, sample_personas

N_COMPUTERS = 20
SAMPLE_SEED = 2026
# the computers kept alive at once (~30 MB each): a module's own, and those of the modules before it that later ones
# ask for again (the WWII veteran of seed 7: persona fit, personal papers, private papers)
CACHE_SIZE = 96


@functools.lru_cache(maxsize=1)
def twenty_computers() -> tuple[GeneratedComputer, ...]:
    """20 computers for 20 personas of 20 different occupational families (seeded)."""
    personas = sample_personas(N_COMPUTERS, seed=SAMPLE_SEED)
    assert len({p.family for p in personas}) == N_COMPUTERS
    return tuple(generated(p, seed=SAMPLE_SEED + i) for i, p in enumerate(personas))


def generated(
    persona: Persona | str, *, seed: int, os: OSFlavor | None = None, now: datetime | None = None
) -> GeneratedComputer:
    """The procedural computer of ``persona`` and ``seed`` (and ``os``, ``now`` when given), generated once per session
    for every module that asks for it (e.g. the simulation tests' "A procurement manager in Valencia", seed 7).
    Callers only read it or ``save`` it into their own folder; a test that edits or closes a disk generates its own."""
    return _generated(_resolved(persona), seed, os, now)


@functools.lru_cache(maxsize=1024)
def _resolved(persona: Persona | str) -> Persona:
    """The persona a text is classified as (what ``generate`` does with a text), so that a text and its ``Persona``
    share one computer."""
    return resolve_persona(persona)


@functools.lru_cache(maxsize=CACHE_SIZE)
def _generated(persona: Persona, seed: int, os: OSFlavor | None, now: datetime | None) -> GeneratedComputer:
    return ProceduralComputerGenerator(now=now).generate(persona, seed=seed, os=os)


# per shared computer (by identity, the computer kept alive with it): file name and max_chars -> text or the error
_TEXTS: collections.OrderedDict[int, tuple[GeneratedComputer, dict[tuple[str, str, int], str | Exception]]] = (
    collections.OrderedDict()
)


def file_text(computer: GeneratedComputer, path: str, name: str | None = None, *, max_chars: int = 200_000) -> str:
    """``extract_text(name or path, computer.disk.read_bytes(path), max_chars=...)``, read once per session: the same
    text, and the same error raised again when the file does not read. Only for computers nobody edits
    (``generated``)."""
    entry = _TEXTS.get(id(computer))
    if entry is None or entry[0] is not computer:
        entry = (computer, {})
        _TEXTS[id(computer)] = entry
        while len(_TEXTS) > CACHE_SIZE:
            _TEXTS.popitem(last=False)
    else:
        _TEXTS.move_to_end(id(computer))
    texts = entry[1]
    key = (path, name or path, max_chars)
    if key not in texts:
        try:
            texts[key] = extract_text(name or path, computer.disk.read_bytes(path), max_chars=max_chars)
        except Exception as exc:  # replayed to every caller, as extract_text would raise it each time
            texts[key] = exc
    found = texts[key]
    if isinstance(found, Exception):
        raise found
    return found
