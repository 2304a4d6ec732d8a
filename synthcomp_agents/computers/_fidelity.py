"""Persona fidelity of a generated computer: how many kinds of document it holds and which of the persona's own
key words reach its profile and its files.

Example:
    >>> from synthcomp_agents.computers import ProceduralComputerGenerator
    >>> c = ProceduralComputerGenerator().generate("A beekeeper in Vermont who sells honey at markets", seed=2)
    >>> f = persona_fidelity(c.blueprint, c.disk.read_bytes)
    >>> f.document_archetypes >= 25
    True
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from synthcomp_agents.office import extract_text
from synthcomp_agents.personas import Persona, key_nouns_found

from ._blueprint import ComputerBlueprint

__all__ = ["NON_DOCUMENT_ARCHETYPES", "PersonaFidelity", "persona_fidelity"]

NON_DOCUMENT_ARCHETYPES = frozenset(
    {"photo", "screenshot", "music_track", "empty", "installer", "os_shortcut", "web_link", "contact_card", "email"}
)
"""Archetype labels of files that are not documents (media, shortcuts, placeholders, single e-mails)."""

_TEXT_EXTS = (".docx", ".xlsx", ".pptx", ".pdf", ".md", ".txt", ".csv", ".eml", ".ics")
_MAX_READ = 4 * 2**20


@dataclass
class PersonaFidelity:
    """What a computer keeps of its persona.

    Attributes:
        document_archetypes: Number of distinct document kinds (invoice, setlist, meeting notes...) on the computer.
        archetypes: Those kinds, sorted.
        key_words: The persona's key words (its own nouns, role, place and interests).
        in_profile: Key words found in the user profile and project names.
        in_files: Key words found in file names or file texts.
    """

    document_archetypes: int = 0
    archetypes: list[str] = field(default_factory=list)
    key_words: list[str] = field(default_factory=list)
    in_profile: list[str] = field(default_factory=list)
    in_files: list[str] = field(default_factory=list)

    @property
    def profile_share(self) -> float | None:
        """Share of key words in the profile (None without key words)."""
        return len(self.in_profile) / len(self.key_words) if self.key_words else None

    @property
    def files_share(self) -> float | None:
        """Share of key words in the files (None without key words)."""
        return len(self.in_files) / len(self.key_words) if self.key_words else None

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict, shares included."""
        return {**asdict(self), "profile_share": self.profile_share, "files_share": self.files_share}


def persona_key_words(persona: Persona) -> list[str]:
    """The persona's own words a reader expects on its computer: key nouns, then interests (distinct, lower case)."""
    words: list[str] = []
    for word in (*persona.key_nouns, *persona.interests):
        w = word.strip().casefold()
        if w and w not in words:
            words.append(w)
    return words


def persona_fidelity(
    blueprint: ComputerBlueprint, read: Callable[[str], bytes], *, persona: Persona | None = None
) -> PersonaFidelity:
    """Measure a computer's persona fidelity from its blueprint and its files (read with ``read``)."""
    from ._generator import resolve_persona

    p = persona or resolve_persona(blueprint.persona)
    kinds = sorted({f.archetype for f in blueprint.file_list if f.archetype} - NON_DOCUMENT_ARCHETYPES)
    words = persona_key_words(p)
    prof = blueprint.user_profile
    profile_text = " ".join(
        [prof.role, prof.employer, prof.industry, prof.location, prof.working_style, *prof.skills]
        + [f"{proj.name} {proj.description}" for proj in blueprint.project_index.projects]
    )
    names = " ".join(f.path.replace("_", " ").replace("-", " ") for f in blueprint.file_list)
    pending = [w for w, hit in key_nouns_found(words, names).items() if not hit]
    found_in_files = {w for w in words if w not in pending}
    for f in blueprint.file_list:
        if not pending:
            break
        if not f.path.lower().endswith(_TEXT_EXTS) or f.target_size > _MAX_READ:
            continue
        try:
            text = extract_text(f.path, read(f.path))
        except Exception:
            continue
        hits = {w for w, hit in key_nouns_found(pending, text).items() if hit}
        found_in_files |= hits
        pending = [w for w in pending if w not in hits]
    return PersonaFidelity(
        document_archetypes=len(kinds),
        archetypes=kinds,
        key_words=words,
        in_profile=[w for w, hit in key_nouns_found(words, profile_text).items() if hit],
        in_files=[w for w in words if w in found_in_files],
    )
