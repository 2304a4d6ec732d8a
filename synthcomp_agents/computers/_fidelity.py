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

import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from synthcomp_agents.office import extract_text
from synthcomp_agents.personas import Persona, key_nouns_found

from ._blueprint import ComputerBlueprint

__all__ = [
    "NON_DOCUMENT_ARCHETYPES",
    "NON_OFFICE_FAMILIES",
    "CoreFit",
    "PersonaFidelity",
    "core_fit",
    "persona_fidelity",
]

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


NON_OFFICE_FAMILIES = frozenset(
    {
        "education_teaching",
        "nursing_care",
        "medicine",
        "agriculture_farming",
        "skilled_trades",
        "music_performing_arts",
        "creative_arts_writing",
        "student_life",
        "home_retirement_life",
        "hospitality_events",
    }
)
"""Families whose work is not office work: their computers must not read as an office's variance pack."""

_OFFICE_SLOTS = re.compile(
    r"(?:^|[|\t,;])\s*(Sales|Procurement|Logistics|Marketing|Customer Service|R&D)\s*(?=[|\t,;]|$)"
    r"|\b(?:at|by|for) (Sales|Procurement|Logistics|Marketing|Customer Service|R&D)\b"
    r"|\b(Sales|Procurement|Logistics|Marketing) (?:team|department)\b",
    re.MULTILINE,
)
_CORE_KINDS = frozenset({"project_brief", "tracking_workbook", "variance_report", "update_deck", "meeting_notes",
                         "status_page", "project_register"})  # fmt: skip


@dataclass
class CoreFit:
    """How a computer's project cores fit its persona.

    Attributes:
        non_office: True when the persona's work is not office work (a family of :data:`NON_OFFICE_FAMILIES`, or a
            life without a job: student, retiree, homemaker, job seeker).
        projects: Number of projects (recurring work not counted).
        with_documents: Projects with at least one domain document (``Project.documents``).
        document_kinds: Archetypes of those documents, sorted.
        template_only: Projects whose files are only the generic variance pack (brief, workbook, report, deck).
        misfit_slots: ``(path, words)`` of office departments named where the persona's work has none (a "Sales"
            team in a hospital, a school reporting by Procurement); empty for office personas.
    """

    non_office: bool = False
    projects: int = 0
    with_documents: int = 0
    document_kinds: list[str] = field(default_factory=list)
    template_only: list[str] = field(default_factory=list)
    misfit_slots: list[tuple[str, str]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return asdict(self)


def core_fit(blueprint: ComputerBlueprint, read: Callable[[str], bytes], *, persona: Persona | None = None) -> CoreFit:
    """Measure how the project cores fit the persona: domain documents per project, no office slots where the
    persona's work has no offices.

    Example:
        >>> from synthcomp_agents.computers import ProceduralComputerGenerator
        >>> c = ProceduralComputerGenerator().generate("A Kentucky farmer", seed=2)
        >>> fit = core_fit(c.blueprint, c.disk.read_bytes)
        >>> fit.non_office, fit.with_documents == fit.projects, fit.misfit_slots
        (True, True, [])
    """
    from ._generator import resolve_persona

    p = persona or resolve_persona(blueprint.persona)
    non_office = p.family in NON_OFFICE_FAMILIES or p.life_stage in ("student", "retiree", "homemaker", "job_seeker")
    projects = [x for x in blueprint.project_index.projects if x.kind == "project"]
    files = {f.path: f for f in blueprint.file_list}
    kinds = sorted({files[d].archetype or "" for x in projects for d in x.documents if d in files} - {""})
    template_only = []
    for x in projects:
        own = {f.archetype for f in blueprint.file_list if f.project_id == x.project_id and f.role == "core"}
        if not (own - _CORE_KINDS - NON_DOCUMENT_ARCHETYPES - {"data_extract", "meeting_invitations"}):
            template_only.append(x.name)
    misfits: list[tuple[str, str]] = []
    if non_office:
        for f in blueprint.file_list:
            if f.role != "core" or f.archetype not in _CORE_KINDS or f.target_size > _MAX_READ:
                continue
            try:
                text = extract_text(f.path, read(f.path))
            except Exception:
                continue
            for m in _OFFICE_SLOTS.finditer(text):
                misfits.append((f.path, m.group(0).strip(" |\t,;")))
                break
    return CoreFit(
        non_office=non_office,
        projects=len(projects),
        with_documents=sum(1 for x in projects if x.documents),
        document_kinds=kinds,
        template_only=template_only,
        misfit_slots=misfits,
    )
