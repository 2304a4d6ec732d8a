"""The generator contract: :class:`ComputerGenerator` (a Protocol) and its result, :class:`GeneratedComputer`.

Every generator (procedural, LLM-driven, replayed) turns a persona into a :class:`GeneratedComputer`: the planned
:class:`~synthcomp_agents.computers.ComputerBlueprint` plus a :class:`~synthcomp_agents.disk.VirtualDisk` holding
the materialized home. ``GeneratedComputer.save(folder)`` writes the on-disk computer format of the design::

    folder/computer.json     the blueprint (the paper's nine fields + generator, version, seed)
    folder/home/             the home tree as real files (mtimes = simulated modification times)
    folder/computer.scdisk   the disk archive (content, metadata, journal), byte-identical for the same seed

Example:
    >>> from synthcomp_agents.computers import ProceduralComputerGenerator
    >>> gen: ComputerGenerator = ProceduralComputerGenerator()
    >>> computer = gen.generate("A procurement manager in Valencia", seed=7)  # doctest: +SKIP
    >>> computer.save("out/c1")  # doctest: +SKIP
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from synthcomp_agents.disk import OSFlavor, VirtualDisk, atomic_write_text
from synthcomp_agents.personas import Persona, classify_persona

from ._blueprint import ComputerBlueprint
from ._folder import COMPUTER_ARCHIVE, COMPUTER_HOME, COMPUTER_JSON, ComputerFolder

if TYPE_CHECKING:
    from ._realism import TreeStats

__all__ = [
    "COMPUTER_ARCHIVE",
    "COMPUTER_HOME",
    "COMPUTER_JSON",
    "ComputerGenerator",
    "GeneratedComputer",
    "computer_id_for",
    "resolve_persona",
]


def resolve_persona(persona: Persona | str) -> Persona:
    """Return ``persona`` as a :class:`~synthcomp_agents.personas.Persona` (classifying plain text).

    Any text works: odd, very short or non-English text is mapped to the nearest sensible working life by
    :func:`~synthcomp_agents.personas.classify_persona` (which raises ``PersonaError`` for unusable text such as
    an empty string).

    Example:
        >>> resolve_persona("Krankenschwester in Köln").family
        'nursing_care'
    """
    if isinstance(persona, Persona):
        return persona
    if not isinstance(persona, str):
        raise TypeError(f"persona must be a Persona or a string, got {type(persona).__name__}")
    return classify_persona(persona)


def computer_id_for(persona: Persona, seed: int, generator: str, os: str | None = None) -> str:
    """Return the stable id of the computer a generator makes from a persona and seed.

    Example:
        >>> p = resolve_persona("A buyer in Lyon")
        >>> computer_id_for(p, 1, "procedural") == computer_id_for(p, 1, "procedural")
        True
    """
    key = f"{generator}|{persona.persona_id}|{seed}|{os or ''}"
    return f"c-{persona.persona_id}-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:8]}"


@dataclass
class GeneratedComputer:
    """A generated computer: its blueprint and the disk holding its home.

    Attributes:
        blueprint: The plan (the paper's nine fields plus provenance); ``blueprint.file_list`` lists every file
            written to ``disk`` (core and background) with its times and author.
        disk: The home, in memory; ``disk.stat(path)`` agrees with the planned times and authors.
        persona: The persona the computer was generated from.
        facts: The facts ledger of the content stage: per core file, the numbers and names it states that
            downstream files quote (JSON-ready). Useful for checks; not part of ``computer.json``.

    Example:
        >>> from synthcomp_agents.computers import ProceduralComputerGenerator
        >>> c = ProceduralComputerGenerator().generate("A payroll specialist in Leeds", seed=3)  # doctest: +SKIP
        >>> folder = c.save("out/payroll")  # doctest: +SKIP
        >>> sorted(p.name for p in folder.iterdir())  # doctest: +SKIP
        ['computer.json', 'computer.scdisk', 'home']
    """

    blueprint: ComputerBlueprint
    disk: VirtualDisk
    persona: Persona
    facts: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def computer_id(self) -> str:
        """The blueprint's computer id."""
        return self.blueprint.computer_id

    def stats(self) -> TreeStats:
        """Return the realism statistics of the home tree (see :func:`~synthcomp_agents.computers.tree_stats`)."""
        from ._realism import tree_stats

        return tree_stats(self.disk)

    def save(self, folder: str | os.PathLike[str], *, materialize: bool = True, archive: bool = True) -> Path:
        """Write the computer folder: ``computer.json``, ``home/`` and ``computer.scdisk``, as one unit.

        When the folder does not exist yet (or is empty) the computer is written to a temporary sibling
        (``.NAME.saving-PID``) and renamed into place, so a process killed while saving leaves no half computer
        (the next save removes the temporary of a dead process). Into a folder that holds other files, the archive
        and the home are written first and ``computer.json`` last, so the blueprint marks a complete computer.

        Args:
            folder: Target folder; created if missing; must not already contain ``home/`` or ``computer.json``.
            materialize: Write the ``home/`` tree of real files.
            archive: Write the ``computer.scdisk`` archive.

        Returns:
            The folder's path.

        Raises:
            FileExistsError: The folder already holds a computer.
        """
        target = ComputerFolder(folder)
        for existing in (target.blueprint_path, target.home_path, target.archive_path):
            if existing.exists():
                raise FileExistsError(f"{existing} exists; save the computer into a new or empty folder")
        if target.path.is_dir() and any(target.path.iterdir()):
            self._write_parts(target, materialize=materialize, archive=archive)
            return target.path
        target.path.parent.mkdir(parents=True, exist_ok=True)
        _remove_dead_saves(target.path)
        tmp = target.path.with_name(f".{target.path.name}.saving-{os.getpid()}")
        shutil.rmtree(tmp, ignore_errors=True)
        try:
            tmp.mkdir()
            self._write_parts(ComputerFolder(tmp), materialize=materialize, archive=archive)
            if target.path.is_dir():
                target.path.rmdir()  # empty (checked above)
            os.rename(tmp, target.path)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        return target.path

    def _write_parts(self, target: ComputerFolder, *, materialize: bool, archive: bool) -> None:
        """Archive, then home, then the blueprint (the blueprint says the computer is complete)."""
        if archive:
            self.disk.to_archive(target.archive_path)  # atomic itself
        if materialize:
            self.disk.materialize(target.home_path)
        atomic_write_text(target.blueprint_path, self.blueprint.to_json(indent=2) + "\n")

    def summary(self) -> dict[str, Any]:
        """Return a short JSON-ready summary: id, persona, user, counts of files, folders, projects and edges."""
        files, folders, size = self.disk.usage()
        bp = self.blueprint
        return {
            "computer_id": bp.computer_id,
            "persona": bp.persona,
            "user": bp.user_profile.name,
            "os": bp.user_profile.os,
            "projects": len(bp.project_index.projects),
            "collaborators": len(bp.collaboration_context.collaborators),
            "files": files,
            "core_files": len(bp.core_files()),
            "folders": folders,
            "bytes": size,
            "edges": len(bp.file_graph.edges),
        }

    def __repr__(self) -> str:
        return f"GeneratedComputer({json.dumps(self.summary(), ensure_ascii=False)})"


@runtime_checkable
class ComputerGenerator(Protocol):
    """Anything that turns a persona into a :class:`GeneratedComputer`.

    Implementations: :class:`~synthcomp_agents.computers.ProceduralComputerGenerator` (offline, seeded) and the
    LLM generator. ``generate`` must be deterministic for offline generators: the same persona, seed and OS give
    a byte-identical ``disk.to_archive`` output.

    Attributes:
        name: Short name recorded in ``blueprint.generator`` (e.g. ``"procedural"``).

    Example:
        >>> from synthcomp_agents.computers import ProceduralComputerGenerator
        >>> isinstance(ProceduralComputerGenerator(), ComputerGenerator)
        True
    """

    name: str

    def generate(self, persona: Persona | str, *, seed: int, os: OSFlavor | None = None) -> GeneratedComputer:
        """Generate a computer for ``persona``.

        Args:
            persona: A persona, or any text (classified with ``classify_persona``).
            seed: Seed; the same inputs give the same computer.
            os: Force the operating system; by default the generator picks one plausible for the persona.

        Returns:
            The generated computer (blueprint + in-memory disk).
        """
        ...


def _remove_dead_saves(target: Path) -> None:
    """Remove ``.NAME.saving-PID`` siblings of ``target`` whose process is gone (a save killed half-way)."""
    prefix = f".{target.name}.saving-"
    with contextlib.suppress(OSError):
        for path in target.parent.iterdir():
            if not path.name.startswith(prefix):
                continue
            pid = path.name[len(prefix) :]
            if pid.isdigit() and int(pid) != os.getpid() and not _pid_alive(int(pid)):
                shutil.rmtree(path, ignore_errors=True)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True
