"""The computer blueprint: the paper's nine released fields as pydantic models, plus graph validation.

A :class:`ComputerBlueprint` is everything a generator decides before it writes a byte: who the user is
(:class:`UserProfile`), who they work with (:class:`CollaborationContext`), what they work on
(:class:`ProjectIndex`), how they keep files (:class:`FilesystemPolicy`), every planned file
(:class:`PlannedFile`) and how the files depend on each other (:class:`FileGraph`). It exports to the paper's
9-column layout (``computer_id, persona, user_profile, collaboration_context, monthly_objectives, project_index,
filesystem_policy, file_list, file_graph``; every structured column a JSON string) and to ``computer.json``.

File-graph direction convention
-------------------------------
Every edge points **downstream**, in the direction information flows: ``source`` is the upstream file (it existed
first and provides content), ``target`` is the downstream file (made from, built on, or carrying the source).
So a cycle is a time paradox, and every temporal rule compares ``target`` against ``source``:

- ``derived_from``: target's content was computed or extracted from source (a report quoting a workbook's
  totals). Rule: ``target.created >= source.created`` and ``target.modified >= source.modified``.
- ``summarizes``: target is a summary of source (a deck summarizing a report). Rule: as ``derived_from``.
- ``input_to``: source was an input to the work that produced target (a raw CSV export feeding a model
  workbook, meeting notes feeding a plan). Rule: as ``derived_from``.
- ``attachment_of``: source is attached to, or packed into, target (target is an ``eml``, ``ics`` or ``zip``).
  Rule: as ``derived_from``.
- ``version_of``: target is a newer version of source (``plan.docx -> plan_v2.docx``).
  Rule: ``target.created >= source.modified``.
- ``references``: target cites, links or names source. Rule: ``target.modified >= source.created``.

"Derived files are not older than their sources": a downstream file's last save is not before its source's last
save, so the downstream content can reflect the source's final state (which is what the graph checks verify).
A newer version is stricter: it was started from the old version's last state. A reference only needs the
referenced file to exist when the referencing file was last written.

Example:
    >>> from datetime import datetime, timezone
    >>> t0 = datetime(2025, 3, 3, 9, tzinfo=timezone.utc)
    >>> t1 = datetime(2025, 3, 10, 9, tzinfo=timezone.utc)
    >>> files = [
    ...     PlannedFile(path="Documents/budget.xlsx", kind="xlsx", purpose="FY25 budget", author="Ana Ruiz",
    ...                 created=t0, modified=t0, target_size=18_000),
    ...     PlannedFile(path="Documents/report.docx", kind="docx", purpose="Budget memo", author="Ana Ruiz",
    ...                 created=t1, modified=t1, target_size=30_000),
    ... ]
    >>> graph = FileGraph(edges=[FileEdge(source="Documents/budget.xlsx", target="Documents/report.docx",
    ...                                   type="derived_from", note="quotes the totals")])
    >>> validate_graph(files, graph)
    []
"""

from __future__ import annotations

import functools
import json
import keyword
import posixpath
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import Any, Literal, get_args

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, field_validator, model_validator

SCHEMA_VERSION = "1.0"
"""Version of the blueprint schema (``computer.json`` and the 9-column rows)."""

ROW_COLUMNS: tuple[str, ...] = (
    "computer_id",
    "persona",
    "user_profile",
    "collaboration_context",
    "monthly_objectives",
    "project_index",
    "filesystem_policy",
    "file_list",
    "file_graph",
)
"""The paper's nine released columns, in its order."""

OSName = Literal["macos", "windows", "linux"]
Seniority = Literal["intern", "junior", "mid", "senior", "lead", "manager", "director", "executive"]
Tidiness = Literal["tidy", "average", "messy"]
Level = Literal["low", "medium", "high"]
Relationship = Literal[
    "manager",
    "skip_level_manager",
    "direct_report",
    "peer",
    "cross_functional",
    "client",
    "vendor",
    "external_partner",
    "executive_sponsor",
    "mentor",
    "other",
]
ProjectKind = Literal["project", "recurring"]
ProjectStatus = Literal["planned", "active", "on_hold", "completed", "cancelled"]
FileRole = Literal["core", "background"]
FileKind = Literal[
    "docx",
    "xlsx",
    "pptx",
    "pdf",
    "md",
    "txt",
    "csv",
    "json",
    "html",
    "eml",
    "ics",
    "vcf",
    "png",
    "jpg",
    "gif",
    "svg",
    "mp3",
    "mp4",
    "mov",
    "zip",
    "dmg",
    "pkg",
    "exe",
    "msi",
    "deb",
    "other",
]
EdgeType = Literal["derived_from", "summarizes", "references", "version_of", "attachment_of", "input_to"]

FILE_KINDS: tuple[str, ...] = get_args(FileKind)
EDGE_TYPES: tuple[str, ...] = get_args(EdgeType)

KIND_EXTENSIONS: dict[str, tuple[str, ...]] = {
    "docx": (".docx",),
    "xlsx": (".xlsx", ".xlsm"),
    "pptx": (".pptx",),
    "pdf": (".pdf",),
    "md": (".md", ".markdown"),
    "txt": (".txt", ".log", ".text", ""),
    "csv": (".csv", ".tsv"),
    "json": (".json",),
    "html": (".html", ".htm"),
    "eml": (".eml",),
    "ics": (".ics",),
    "vcf": (".vcf",),
    "png": (".png",),
    "jpg": (".jpg", ".jpeg"),
    "gif": (".gif",),
    "svg": (".svg",),
    "mp3": (".mp3",),
    "mp4": (".mp4",),
    "mov": (".mov",),
    "zip": (".zip",),
    "dmg": (".dmg",),
    "pkg": (".pkg",),
    "exe": (".exe",),
    "msi": (".msi",),
    "deb": (".deb",),
}
"""File extensions (lower case) allowed per kind; ``""`` means no extension. Kind ``other`` allows any."""

EDGE_SEMANTICS: dict[str, str] = {
    "derived_from": "target's content was computed or extracted from source; "
    "target.created >= source.created and target.modified >= source.modified",
    "summarizes": "target summarizes source; target.created >= source.created and target.modified >= source.modified",
    "input_to": "source was an input to the work that produced target; "
    "target.created >= source.created and target.modified >= source.modified",
    "attachment_of": "source is attached to or packed into target (an eml, ics or zip); "
    "target.created >= source.created and target.modified >= source.modified",
    "version_of": "target is a newer version of source; target.created >= source.modified",
    "references": "target cites, links or names source; target.modified >= source.created",
}
"""One line per edge type: meaning of ``source -> target`` and its temporal rule (see the module docstring)."""

ATTACHMENT_CONTAINERS: frozenset[str] = frozenset({"eml", "ics", "zip"})
"""Kinds that can be the target of an ``attachment_of`` edge."""

_WINDOWS_RESERVED = re.compile(r"^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?$", re.IGNORECASE)
_BAD_NAME_CHARS = set('<>:"|?*\\')
_GOOD_PATHS: set[str] = set()  # paths check_home_path accepted (the check is a pure function of the string)
_GOOD_PATHS_MAX = 200_000
_EMAIL = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")
_USERNAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$")
_TIME_ZONE = re.compile(r"^(UTC|[A-Z][A-Za-z_+-]*(/[A-Za-z0-9_+-]+){1,2})$")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


# ---------------------------------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------------------------------


def check_home_path(path: str) -> str:
    """Check that ``path`` is a canonical home-relative POSIX path and return it.

    Canonical means: ``/``-separated, relative to the home (no leading ``/``, ``~`` or drive), no empty, ``.`` or
    ``..`` segments, no trailing ``/``, no backslash, no control or format characters, NFC-normalized, no
    Windows-reserved names or characters ``<>:"|?*``, no name ending in a dot or space (the disk's rules).

    Args:
        path: The path to check.

    Returns:
        The path unchanged.

    Raises:
        ValueError: With a message saying what is wrong and what form is expected.

    Example:
        >>> check_home_path("Documents/Projects/Atlas/plan.docx")
        'Documents/Projects/Atlas/plan.docx'
    """
    if path in _GOOD_PATHS:  # a generated computer checks each path 2-4 times (file list, edges, blueprint)
        return path
    hint = "use a home-relative POSIX path like 'Documents/Projects/plan.docx'"
    if not path:
        raise ValueError(f"empty path; {hint}")
    if unicodedata.normalize("NFC", path) != path:
        raise ValueError(f"path {path!r} is not NFC-normalized; {hint}")
    if path.startswith(("/", "~")) or re.match(r"^[A-Za-z]:", path):
        raise ValueError(f"path {path!r} is absolute; {hint}")
    if "\\" in path:
        raise ValueError(f"path {path!r} contains a backslash; {hint}")
    for segment in path.split("/"):
        if segment in ("", ".", ".."):
            raise ValueError(f"path {path!r} has an empty, '.' or '..' segment; {hint}")
        # printable text has no Cc/Cf character; only other text needs the per-character look-up
        if not segment.isprintable() and any(unicodedata.category(ch) in ("Cc", "Cf") for ch in segment):
            raise ValueError(f"path {path!r} contains control or invisible format characters")
        if _BAD_NAME_CHARS.intersection(segment):
            raise ValueError(f'path {path!r} contains one of the characters <>:"|?* (not allowed on Windows)')
        if segment[-1] in ". ":
            raise ValueError(f"path {path!r} has a name ending in a dot or space")
        if _WINDOWS_RESERVED.match(segment):
            raise ValueError(f"path {path!r} uses the Windows-reserved name {segment!r}")
        if segment == ".synthcomp":
            raise ValueError(f"path {path!r} uses the reserved name '.synthcomp'")
    if len(_GOOD_PATHS) >= _GOOD_PATHS_MAX:
        _GOOD_PATHS.clear()
    _GOOD_PATHS.add(path)
    return path


@functools.lru_cache(maxsize=65_536)  # a generated computer asks 3 times per file (file list, kinds, edges)
def extension_of(path: str) -> str:
    """Return the lower-case extension of a path's last name (``""`` if none; dotfiles have none).

    Example:
        >>> extension_of("Documents/Q3 Report.DOCX"), extension_of(".zshrc"), extension_of("a/b.tar.gz")
        ('.docx', '', '.gz')
    """
    name = posixpath.basename(path)
    stem, ext = posixpath.splitext(name)
    return ext.lower() if stem else ""


@functools.lru_cache(maxsize=65_536)
def kind_for_path(path: str) -> str:
    """Return the :data:`FileKind` that a path's extension implies (``"other"`` for unknown extensions).

    Example:
        >>> kind_for_path("Pictures/IMG_0042.JPEG"), kind_for_path("Downloads/setup.tar.gz")
        ('jpg', 'other')
    """
    ext = extension_of(path)
    for kind, exts in KIND_EXTENSIONS.items():
        if ext in exts:
            return kind
    return "other"


def to_identifier(name: str) -> str:
    """Turn a person's name into a lower-case Python identifier usable as an AutoGen agent name.

    Example:
        >>> to_identifier("María-José O'Neil"), to_identifier("3M Contact")
        ('maria_jose_oneil', 'c_3m_contact')
    """
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    ascii_name = ascii_name.replace("'", "")
    ident = re.sub(r"[^a-z0-9]+", "_", ascii_name).strip("_") or "collaborator"
    if ident[0].isdigit() or keyword.iskeyword(ident):
        ident = f"c_{ident}"
    return ident


def _duplicates(values: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    dups: list[str] = []
    for value in values:
        if value in seen and value not in dups:
            dups.append(value)
        seen.add(value)
    return dups


# ---------------------------------------------------------------------------------------------------------------------
# User profile
# ---------------------------------------------------------------------------------------------------------------------


class DocumentHabits(_Model):
    """How the user keeps documents: tidiness, naming, versioning, archiving, desktop clutter.

    Attributes:
        tidiness: Overall filing discipline.
        naming_pattern: The user's usual file-name pattern, e.g. ``"<YYYY-MM-DD> <Topic>"``.
        versioning_style: How versions are marked, e.g. ``"_v2"``, ``"_FINAL"``, ``"dated"``.
        archiving_habit: What happens to finished work, e.g. ``"moves closed projects to Archive/<YYYY>"``.
        desktop_clutter: How many loose files pile up on the desktop and in Downloads.

    Example:
        >>> DocumentHabits(tidiness="messy", naming_pattern="<Topic> <Mon YY>", versioning_style="_FINAL",
        ...                archiving_habit="never archives", desktop_clutter="high").tidiness
        'messy'
    """

    tidiness: Tidiness
    naming_pattern: str = Field(min_length=1)
    versioning_style: str = Field(min_length=1)
    archiving_habit: str = Field(min_length=1)
    desktop_clutter: Level


class CareerEntry(_Model):
    """One past or current job.

    Example:
        >>> CareerEntry(employer="Hartwell Logistics", role="Buyer", start_year=2016, end_year=2020).end_year
        2020
    """

    employer: str = Field(min_length=1)
    role: str = Field(min_length=1)
    start_year: int = Field(ge=1950, le=2100)
    end_year: int | None = Field(default=None, ge=1950, le=2100, description="None while the job is current.")

    @model_validator(mode="after")
    def _ordered(self) -> CareerEntry:
        if self.end_year is not None and self.end_year < self.start_year:
            raise ValueError(
                f"career entry at {self.employer!r} ends ({self.end_year}) before it starts ({self.start_year})"
            )
        return self


class EducationEntry(_Model):
    """A degree, diploma or certificate the user holds, where and when they finished it.

    Example:
        >>> EducationEntry(award="BSc Economics", institution="University of Leeds", end_year=2025).award
        'BSc Economics'
    """

    award: str = Field(min_length=1)
    institution: str = Field(min_length=1)
    end_year: int = Field(ge=1950, le=2100)


class UserProfile(_Model):
    """The computer's user: identity, job, place, machine and habits.

    Attributes:
        name: Full name, e.g. ``"Ana Ruiz"``.
        role: Job title.
        employer: Current organisation.
        industry: Industry label or id.
        seniority: Career level, intern to executive.
        location: City and country, e.g. ``"Valencia, Spain"``.
        time_zone: IANA time zone, e.g. ``"Europe/Madrid"``.
        os: Operating system of the computer.
        username: Account name; the home folder is named after it.
        email: Work e-mail address.
        career_history: Past and current jobs, oldest first.
        education: Degrees and diplomas, oldest first (a CV states them; empty when the generator has none).
        skills: Professional skills.
        tools_used: Software used at work.
        working_style: One or two sentences on how the user works.
        document_habits: How the user keeps files.

    Example:
        >>> habits = DocumentHabits(tidiness="tidy", naming_pattern="<YYYY-MM-DD>_<Topic>", versioning_style="_v2",
        ...                         archiving_habit="Archive/<YYYY> each January", desktop_clutter="low")
        >>> p = UserProfile(name="Ana Ruiz", role="Procurement Manager", employer="Hartwell Logistics",
        ...                 industry="logistics", seniority="manager", location="Valencia, Spain",
        ...                 time_zone="Europe/Madrid", os="windows", username="aruiz",
        ...                 email="ana.ruiz@hartwell.example",
        ...                 working_style="Plans the week on Monday.", document_habits=habits)
        >>> p.username
        'aruiz'
    """

    name: str = Field(min_length=1)
    role: str = Field(min_length=1)
    employer: str = Field(min_length=1)
    industry: str = Field(min_length=1)
    seniority: Seniority
    location: str = Field(min_length=1)
    time_zone: str = Field(description="IANA time zone name, e.g. 'America/Chicago'.")
    os: OSName
    username: str
    email: str
    career_history: list[CareerEntry] = Field(default_factory=list)
    education: list[EducationEntry] = Field(default_factory=list)
    skills: list[str] = Field(default_factory=list)
    tools_used: list[str] = Field(default_factory=list)
    working_style: str = ""
    document_habits: DocumentHabits

    @field_validator("time_zone")
    @classmethod
    def _check_tz(cls, value: str) -> str:
        return check_time_zone(value)

    @field_validator("username")
    @classmethod
    def _check_username(cls, value: str) -> str:
        if not _USERNAME.match(value) or _WINDOWS_RESERVED.match(value):
            raise ValueError(
                f"username {value!r} must be 1-32 letters, digits, '.', '_' or '-', starting with a "
                "letter or digit (it names the home folder)"
            )
        return value

    @field_validator("email")
    @classmethod
    def _check_email(cls, value: str) -> str:
        return check_email(value)


@functools.lru_cache(maxsize=1)
def _time_zones() -> frozenset[str]:
    """The system's IANA zone names, read once (``zoneinfo.available_timezones`` walks the whole database on every
    call); empty when there is no database."""
    try:
        import zoneinfo

        return frozenset(zoneinfo.available_timezones())
    except Exception:  # pragma: no cover - exotic platforms
        return frozenset()


def check_time_zone(value: str) -> str:
    """Check an IANA time-zone name (against the system's zone database when one is installed).

    Example:
        >>> check_time_zone("Europe/Madrid")
        'Europe/Madrid'
    """
    available = _time_zones()
    if available:
        if value not in available:
            raise ValueError(f"time zone {value!r} is not an IANA time zone name (e.g. 'Europe/Berlin')")
    elif not _TIME_ZONE.match(value):  # pragma: no cover - no tz database installed
        raise ValueError(f"time zone {value!r} does not look like an IANA name (e.g. 'Europe/Berlin')")
    return value


def check_email(value: str) -> str:
    """Check that a value looks like a bare e-mail address (``local@domain.tld``).

    Example:
        >>> check_email("ana.ruiz@hartwell.example")
        'ana.ruiz@hartwell.example'
    """
    if not _EMAIL.match(value):
        raise ValueError(f"{value!r} is not an e-mail address like 'name@example.com'")
    return value


# ---------------------------------------------------------------------------------------------------------------------
# Collaborators
# ---------------------------------------------------------------------------------------------------------------------


class PrivateFact(_Model):
    """Something a collaborator knows that is not on the user's disk.

    Example:
        >>> PrivateFact(topic="budget", fact="Finance will cut Q4 travel by 15%.").topic
        'budget'
    """

    topic: str = Field(min_length=1)
    fact: str = Field(min_length=1)


class Collaborator(_Model):
    """A person the user works with, simulated later by its own agent.

    Attributes:
        name: Full name.
        identifier: Python identifier, unique per computer; used as the collaborator agent's AutoGen name.
        role: Job title.
        organisation: Their organisation (the user's employer for colleagues).
        relationship: Relationship to the user (``manager`` means the user's manager).
        email: E-mail address.
        persona: One line describing them.
        communication_style: How they write and respond.
        responsiveness: Typical reply latency in hours.
        private_knowledge: Facts they know that are NOT on the disk.

    Example:
        >>> c = Collaborator(name="Tom Becker", identifier="tom_becker", role="CFO", organisation="Hartwell",
        ...                  relationship="manager", email="tom.becker@hartwell.example",
        ...                  persona="A numbers-first CFO who hates surprises.", communication_style="terse",
        ...                  responsiveness=4.0)
        >>> c.identifier
        'tom_becker'
    """

    name: str = Field(min_length=1)
    identifier: str
    role: str = Field(min_length=1)
    organisation: str = Field(min_length=1)
    relationship: Relationship
    email: str
    persona: str = Field(min_length=1)
    communication_style: str = Field(min_length=1)
    responsiveness: float = Field(ge=0, le=24 * 30, description="Typical reply latency in hours.")
    private_knowledge: list[PrivateFact] = Field(default_factory=list)

    @field_validator("identifier")
    @classmethod
    def _check_identifier(cls, value: str) -> str:
        if not value.isidentifier() or keyword.iskeyword(value) or not value.isascii():
            raise ValueError(
                f"identifier {value!r} must be an ASCII Python identifier (it names an AutoGen agent), "
                f"e.g. {to_identifier(value)!r}"
            )
        return value

    @field_validator("email")
    @classmethod
    def _check_email(cls, value: str) -> str:
        return check_email(value)


class CollaborationContext(_Model):
    """The user's 4-10 collaborators, with unique names, identifiers and e-mails.

    Example:
        >>> people = [Collaborator(name=n, identifier=n.lower(), role="Analyst", organisation="Hartwell",
        ...                        relationship="peer", email=f"{n.lower()}@hartwell.example", persona="A peer.",
        ...                        communication_style="friendly", responsiveness=2)
        ...           for n in ("Ada", "Ben", "Cy", "Dee")]
        >>> len(CollaborationContext(collaborators=people).collaborators)
        4
    """

    collaborators: list[Collaborator] = Field(min_length=4, max_length=10)
    summary: str = Field(default="", description="Optional overview of the team and its dynamics.")

    @model_validator(mode="after")
    def _unique(self) -> CollaborationContext:
        problems = []
        for label, values in (
            ("name", [c.name.casefold() for c in self.collaborators]),
            ("identifier", [c.identifier for c in self.collaborators]),
            ("email", [c.email.casefold() for c in self.collaborators]),
        ):
            dups = _duplicates(values)
            if dups:
                problems.append(f"duplicate collaborator {label}(s): {', '.join(dups)}")
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def by_identifier(self) -> dict[str, Collaborator]:
        """Return the collaborators keyed by identifier."""
        return {c.identifier: c for c in self.collaborators}


# ---------------------------------------------------------------------------------------------------------------------
# Projects
# ---------------------------------------------------------------------------------------------------------------------


class Project(_Model):
    """A project or recurring responsibility, with where its files live.

    Attributes:
        project_id: Short stable id, e.g. ``"p01"`` or ``"supplier-review"``.
        name: Display name (often the folder name).
        kind: ``project`` (has an end) or ``recurring`` (a standing responsibility).
        description: What it is about.
        start_date: First day.
        end_date: Last (planned) day; None for open-ended recurring work.
        status: Current status.
        stakeholders: Identifiers of collaborators involved.
        folder: Home-relative folder holding its files.
        documents: Home-relative paths of the project's domain documents (a setlist, a harvest record, a scheme of
            work: the kinds of document this work produces), linked from its brief and status page.

    Example:
        >>> Project(project_id="p01", name="Supplier Review", kind="project", description="Annual review",
        ...         start_date="2025-01-06", end_date="2025-03-28", status="completed",
        ...         stakeholders=["tom_becker"], folder="Documents/Projects/Supplier Review").status
        'completed'
    """

    project_id: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
    name: str = Field(min_length=1)
    kind: ProjectKind
    description: str = Field(min_length=1)
    start_date: date
    end_date: date | None = None
    status: ProjectStatus
    stakeholders: list[str] = Field(default_factory=list)
    folder: str
    documents: list[str] = Field(default_factory=list)

    @field_validator("folder")
    @classmethod
    def _check_folder(cls, value: str) -> str:
        return check_home_path(value)

    @field_validator("documents")
    @classmethod
    def _check_documents(cls, value: list[str]) -> list[str]:
        return [check_home_path(v) for v in value]

    @model_validator(mode="after")
    def _dates(self) -> Project:
        if self.end_date is not None and self.end_date < self.start_date:
            raise ValueError(f"project {self.project_id!r} ends ({self.end_date}) before it starts ({self.start_date})")
        return self


class ProjectIndex(_Model):
    """The user's 5-15 projects and recurring responsibilities (unique ids and names).

    Example:
        >>> ps = [Project(project_id=f"p{i}", name=f"Project {i}", kind="project", description="Work",
        ...               start_date="2025-01-06", status="active", folder=f"Documents/P{i}") for i in range(5)]
        >>> len(ProjectIndex(projects=ps).projects)
        5
    """

    projects: list[Project] = Field(min_length=5, max_length=15)

    @model_validator(mode="after")
    def _unique(self) -> ProjectIndex:
        problems = []
        dup_ids = _duplicates(p.project_id for p in self.projects)
        if dup_ids:
            problems.append(f"duplicate project id(s): {', '.join(dup_ids)}")
        dup_names = _duplicates(p.name.casefold() for p in self.projects)
        if dup_names:
            problems.append(f"duplicate project name(s): {', '.join(dup_names)}")
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def by_id(self) -> dict[str, Project]:
        """Return the projects keyed by project id."""
        return {p.project_id: p for p in self.projects}


# ---------------------------------------------------------------------------------------------------------------------
# Filesystem policy
# ---------------------------------------------------------------------------------------------------------------------


class FilesystemPolicy(_Model):
    """How the user's home is laid out and how files are named.

    Attributes:
        os: Operating system (must match the user profile's).
        home_layout: Top-level folders of the home, e.g. ``["Desktop", "Documents", "Downloads", "Pictures"]``.
        folder_conventions: Folder patterns, e.g. ``"Documents/Projects/<Project>/<YYYY>"``, ``"Documents/Admin"``.
        naming_patterns: File-name patterns, e.g. ``"<YYYY-MM-DD>_<Topic>_<vN>.<ext>"``.
        version_markers: Markers used for versions and copies, e.g. ``["_v2", "_FINAL", " (1)"]``.
        depth_tendency: Whether the user builds shallow piles or deep trees.
        clutter_tendency: How many loose, duplicate and stale files accumulate.
        dotfiles: Dotfiles and dotfolders present (home-relative), e.g. ``[".zshrc", ".ssh"]``.
        app_folders: Application folders present, e.g. ``["Library/Application Support/Zoom", "Documents/Zoom"]``.

    Example:
        >>> FilesystemPolicy(os="macos", home_layout=["Desktop", "Documents", "Downloads"],
        ...                  folder_conventions=["Documents/Projects/<Project>"], naming_patterns=["<Topic> <YYYY>"],
        ...                  version_markers=["_v2"], depth_tendency="deep", clutter_tendency="low").depth_tendency
        'deep'
    """

    os: OSName
    home_layout: list[str] = Field(min_length=1)
    folder_conventions: list[str] = Field(default_factory=list)
    naming_patterns: list[str] = Field(default_factory=list)
    version_markers: list[str] = Field(default_factory=list)
    depth_tendency: Literal["shallow", "moderate", "deep"]
    clutter_tendency: Level
    dotfiles: list[str] = Field(default_factory=list)
    app_folders: list[str] = Field(default_factory=list)

    @field_validator("home_layout")
    @classmethod
    def _top_folders(cls, value: list[str]) -> list[str]:
        for name in value:
            check_home_path(name)
            if "/" in name:
                raise ValueError(f"home_layout entry {name!r} must be a single top-level folder name")
        dups = _duplicates(value)
        if dups:
            raise ValueError(f"duplicate home_layout folder(s): {', '.join(dups)}")
        return value

    @field_validator("dotfiles", "app_folders")
    @classmethod
    def _paths(cls, value: list[str]) -> list[str]:
        for path in value:
            check_home_path(path)
        return value


# ---------------------------------------------------------------------------------------------------------------------
# Files and the file graph
# ---------------------------------------------------------------------------------------------------------------------


class PlannedFile(_Model):
    """One file the generator will write.

    Attributes:
        path: Home-relative POSIX path (see :func:`check_home_path`).
        kind: File kind; must agree with the extension (see :data:`KIND_EXTENSIONS`) unless ``other``.
        purpose: What the file is for, one sentence.
        project_id: Project it belongs to; None for background files (downloads, pictures, installers...).
        author: Who wrote it (the user's or a collaborator's name, or an outside source).
        created: Creation time, tz-aware.
        modified: Last modification time, tz-aware, not before ``created``.
        target_size: Intended size in bytes.
        role: ``core`` (content-rich, tied to projects and the graph) or ``background``.
        archetype: The kind of document it is (``"invoice"``, ``"meeting_notes"``, ``"photo"``...), when known.

    Example:
        >>> from datetime import datetime, timezone
        >>> t = datetime(2025, 2, 3, 10, tzinfo=timezone.utc)
        >>> PlannedFile(path="Downloads/invoice_8841.pdf", kind="pdf", purpose="Supplier invoice", author="Acme",
        ...             created=t, modified=t, target_size=48_000, role="background").role
        'background'
    """

    path: str
    kind: FileKind
    purpose: str = Field(min_length=1)
    project_id: str | None = None
    author: str = Field(min_length=1)
    created: AwareDatetime
    modified: AwareDatetime
    target_size: int = Field(ge=0)
    role: FileRole = "core"
    archetype: str | None = None

    @field_validator("path")
    @classmethod
    def _check_path(cls, value: str) -> str:
        return check_home_path(value)

    @model_validator(mode="after")
    def _consistent(self) -> PlannedFile:
        if self.modified < self.created:
            raise ValueError(
                f"{self.path}: modified ({self.modified.isoformat()}) is before created ({self.created.isoformat()})"
            )
        if self.kind != "other":
            ext = extension_of(self.path)
            allowed = KIND_EXTENSIONS[self.kind]
            if ext not in allowed:
                shown = ", ".join(e or "(none)" for e in allowed)
                raise ValueError(
                    f"{self.path}: kind {self.kind!r} needs extension {shown} (the path has "
                    f"{ext or 'none'}); use kind {kind_for_path(self.path)!r} or fix the name"
                )
        return self


class FileEdge(_Model):
    """A typed dependency between two planned files, pointing downstream (see the module docstring).

    Attributes:
        source: Upstream file (home-relative path).
        target: Downstream file (home-relative path).
        type: Kind of dependency; see :data:`EDGE_SEMANTICS`.
        note: What exactly flows, e.g. ``"quotes the Q3 totals from sheet Summary"``.

    Example:
        >>> FileEdge(source="Documents/plan.docx", target="Documents/plan_v2.docx", type="version_of").type
        'version_of'
    """

    source: str
    target: str
    type: EdgeType
    note: str = ""

    @field_validator("source", "target")
    @classmethod
    def _check_path(cls, value: str) -> str:
        return check_home_path(value)

    @model_validator(mode="after")
    def _not_self(self) -> FileEdge:
        if self.source == self.target:
            raise ValueError(f"self-edge on {self.source!r}: a file cannot depend on itself")
        return self

    @property
    def key(self) -> tuple[str, str, str]:
        """The identity of the edge: ``(source, target, type)``."""
        return (self.source, self.target, self.type)


class FileGraph(_Model):
    """Typed edges between planned files; structurally valid (no duplicates, acyclic) on construction.

    Checks that need the file list (dangling endpoints, times, attachment containers) are done by
    :func:`validate_graph` and by :class:`ComputerBlueprint`.

    Example:
        >>> g = FileGraph(edges=[FileEdge(source="a.xlsx", target="b.docx", type="derived_from"),
        ...                      FileEdge(source="b.docx", target="c.pptx", type="summarizes")])
        >>> g.downstream("a.xlsx")
        ['b.docx']
    """

    edges: list[FileEdge] = Field(default_factory=list)

    @model_validator(mode="after")
    def _structure(self) -> FileGraph:
        problems = _structural_problems(self.edges)
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def downstream(self, path: str) -> list[str]:
        """Return the targets of edges leaving ``path``, in edge order."""
        return [e.target for e in self.edges if e.source == path]

    def upstream(self, path: str) -> list[str]:
        """Return the sources of edges entering ``path``, in edge order."""
        return [e.source for e in self.edges if e.target == path]


def _find_cycles(edges: Sequence[FileEdge]) -> list[list[str]]:
    """Return one representative cycle (as a closed path) per strongly tangled region found by DFS."""
    adjacency: dict[str, list[str]] = {}
    for edge in edges:
        adjacency.setdefault(edge.source, []).append(edge.target)
        adjacency.setdefault(edge.target, [])
    white, grey, black = 0, 1, 2
    color = dict.fromkeys(adjacency, white)
    cycles: list[list[str]] = []
    for start in adjacency:
        if color[start] != white:
            continue
        stack: list[tuple[str, int]] = [(start, 0)]
        path: list[str] = [start]
        color[start] = grey
        while stack:
            node, index = stack[-1]
            children = adjacency[node]
            if index < len(children):
                stack[-1] = (node, index + 1)
                child = children[index]
                if color[child] == white:
                    color[child] = grey
                    stack.append((child, 0))
                    path.append(child)
                elif color[child] == grey:
                    cycles.append([*path[path.index(child) :], child])
            else:
                color[node] = black
                stack.pop()
                path.pop()
    return cycles


def _structural_problems(edges: Sequence[FileEdge]) -> list[str]:
    problems: list[str] = []
    seen: set[tuple[str, str, str]] = set()
    for edge in edges:
        if edge.source == edge.target:
            problems.append(f"self-edge {edge.type} on {edge.source!r}")
        if edge.key in seen:
            problems.append(f"duplicate edge {edge.source!r} -{edge.type}-> {edge.target!r}")
        seen.add(edge.key)
    for cycle in _find_cycles([e for e in edges if e.source != e.target]):
        problems.append("cycle: " + " -> ".join(repr(p) for p in cycle))
    return problems


def _temporal_problem(edge: FileEdge, source: PlannedFile, target: PlannedFile) -> str | None:
    def fmt(when: datetime) -> str:
        return when.isoformat(timespec="minutes")

    arrow = f"{edge.source!r} -{edge.type}-> {edge.target!r}"
    if edge.type == "references":
        if target.modified < source.created:
            return (
                f"{arrow}: the referencing file was last modified ({fmt(target.modified)}) before the referenced "
                f"file was created ({fmt(source.created)})"
            )
        return None
    if edge.type == "version_of":
        if target.created < source.modified:
            return (
                f"{arrow}: the newer version was created ({fmt(target.created)}) before the older version was "
                f"last modified ({fmt(source.modified)})"
            )
        return None
    if target.created < source.created:
        return (
            f"{arrow}: the downstream file was created ({fmt(target.created)}) before its source "
            f"({fmt(source.created)})"
        )
    if target.modified < source.modified:
        return (
            f"{arrow}: the downstream file is older (modified {fmt(target.modified)}) than its source "
            f"(modified {fmt(source.modified)})"
        )
    return None


def validate_graph(file_list: Sequence[PlannedFile], graph: FileGraph | Sequence[FileEdge]) -> list[str]:
    """Return every problem of a file list and its graph, as human-readable sentences (empty when valid).

    Checks: unique file paths; every edge endpoint is in the file list; no self-edges; no duplicate
    ``(source, target, type)``; no cycles; the temporal rule of each edge type (see :data:`EDGE_SEMANTICS`);
    ``attachment_of`` targets are ``eml``, ``ics`` or ``zip`` files.

    Args:
        file_list: The planned files.
        graph: A :class:`FileGraph` or a plain sequence of edges (not yet validated).

    Returns:
        Problems in a deterministic order: file list, dangling endpoints, structure, types, times.

    Example:
        >>> from datetime import datetime, timezone
        >>> t = datetime(2025, 1, 6, tzinfo=timezone.utc)
        >>> f = PlannedFile(path="a.xlsx", kind="xlsx", purpose="data", author="Ana", created=t, modified=t,
        ...                 target_size=1)
        >>> validate_graph([f], [FileEdge(source="a.xlsx", target="b.docx", type="derived_from")])
        ["edge 'a.xlsx' -derived_from-> 'b.docx': target 'b.docx' is not in the file list"]
    """
    edges = list(graph.edges if isinstance(graph, FileGraph) else graph)
    problems: list[str] = []
    for path in _duplicates(f.path for f in file_list):
        problems.append(f"file {path!r} is listed more than once")
    files: dict[str, PlannedFile] = {f.path: f for f in file_list}
    for edge in edges:
        for end in ("source", "target"):
            path = getattr(edge, end)
            if path not in files:
                problems.append(
                    f"edge {edge.source!r} -{edge.type}-> {edge.target!r}: {end} {path!r} is not in the file list"
                )
    problems.extend(_structural_problems(edges))
    for edge in edges:
        source, target = files.get(edge.source), files.get(edge.target)
        if source is None or target is None or edge.source == edge.target:
            continue
        if edge.type == "attachment_of" and target.kind not in ATTACHMENT_CONTAINERS:
            problems.append(
                f"{edge.source!r} -attachment_of-> {edge.target!r}: the target is a {target.kind} file; "
                "attachments go into eml, ics or zip files"
            )
        problem = _temporal_problem(edge, source, target)
        if problem:
            problems.append(problem)
    return problems


# ---------------------------------------------------------------------------------------------------------------------
# The blueprint
# ---------------------------------------------------------------------------------------------------------------------


class ComputerBlueprint(_Model):
    """A whole synthetic computer as planned: the paper's nine fields plus provenance.

    Construction validates everything across fields and raises one ``ValidationError`` listing all problems:
    the file graph (:func:`validate_graph`), files' ``project_id`` in the project index, project stakeholders
    among the collaborators, and the same OS in the profile and the filesystem policy.

    Attributes:
        schema_version: Version of this schema.
        computer_id: Stable id of the computer.
        persona: The one-line persona it was generated from.
        generator: Name of the generator, e.g. ``"procedural"``.
        generator_version: Version of the generator (usually the package version).
        seed: Seed the generator used (None if not seeded).
        user_profile: The user.
        collaboration_context: The collaborators.
        monthly_objectives: Objectives for the simulated month (filled by the objectives stage; loosely typed).
        project_index: Projects and recurring responsibilities.
        filesystem_policy: Home layout and naming habits.
        file_list: Every planned file.
        file_graph: Dependencies between the files.

    Example:
        >>> bp = ComputerBlueprint.from_json(open("computer.json").read())  # doctest: +SKIP
        >>> row = bp.to_row()  # doctest: +SKIP
        >>> ComputerBlueprint.from_row(row) == bp  # doctest: +SKIP
        True
    """

    schema_version: str = SCHEMA_VERSION
    computer_id: str = Field(min_length=1, max_length=128)
    persona: str = Field(min_length=1)
    generator: str = Field(min_length=1)
    generator_version: str = Field(min_length=1)
    seed: int | None = None
    user_profile: UserProfile
    collaboration_context: CollaborationContext
    monthly_objectives: list[dict[str, Any]] = Field(default_factory=list)
    project_index: ProjectIndex
    filesystem_policy: FilesystemPolicy
    file_list: list[PlannedFile] = Field(default_factory=list)
    file_graph: FileGraph = Field(default_factory=FileGraph)

    @model_validator(mode="after")
    def _cross_check(self) -> ComputerBlueprint:
        problems = self.problems()
        if problems:
            raise ValueError(
                f"{len(problems)} problem(s) in blueprint {self.computer_id!r}:\n- " + "\n- ".join(problems)
            )
        return self

    def problems(self) -> list[str]:
        """Return every cross-field problem (empty for a valid blueprint); used by the validator."""
        problems: list[str] = []
        if self.user_profile.os != self.filesystem_policy.os:
            problems.append(
                f"user_profile.os is {self.user_profile.os!r} but filesystem_policy.os is {self.filesystem_policy.os!r}"
            )
        collaborators = {c.identifier for c in self.collaboration_context.collaborators}
        for project in self.project_index.projects:
            unknown = [s for s in project.stakeholders if s not in collaborators]
            if unknown:
                problems.append(
                    f"project {project.project_id!r} names unknown stakeholder(s) {', '.join(unknown)}; "
                    f"use collaborator identifiers ({', '.join(sorted(collaborators))})"
                )
        projects = {p.project_id for p in self.project_index.projects}
        for f in self.file_list:
            if f.project_id is not None and f.project_id not in projects:
                problems.append(f"file {f.path!r} belongs to unknown project {f.project_id!r}")
        problems.extend(validate_graph(self.file_list, self.file_graph))
        return problems

    # -- views -----------------------------------------------------------------------------------------------------

    def files_by_path(self) -> dict[str, PlannedFile]:
        """Return the planned files keyed by path."""
        return {f.path: f for f in self.file_list}

    def core_files(self) -> list[PlannedFile]:
        """Return the planned files with role ``core``, in list order."""
        return [f for f in self.file_list if f.role == "core"]

    # -- serialization ---------------------------------------------------------------------------------------------

    def to_json(self, *, indent: int | None = 2) -> str:
        """Serialize to ``computer.json`` text (every field, stable key order)."""
        return self.model_dump_json(indent=indent)

    @classmethod
    def from_json(cls, text: str | bytes) -> ComputerBlueprint:
        """Parse ``computer.json`` text (validates everything)."""
        return cls.model_validate_json(text)

    def to_row(self) -> dict[str, str]:
        """Return the paper's 9-column row: ``computer_id`` and ``persona`` plain, the rest JSON strings.

        The JSON of ``user_profile`` carries the provenance (``schema_version``, ``generator``,
        ``generator_version``, ``seed``) under the key ``"_provenance"`` so that a row round-trips exactly;
        ``file_graph`` is ``{"edges": [...]}`` and ``file_list`` a JSON array.
        """
        data = self.model_dump(mode="json")
        profile = dict(data["user_profile"])
        profile["_provenance"] = {
            "schema_version": self.schema_version,
            "generator": self.generator,
            "generator_version": self.generator_version,
            "seed": self.seed,
        }
        data["user_profile"] = profile
        row: dict[str, str] = {}
        for column in ROW_COLUMNS:
            value = data[column]
            row[column] = value if column in ("computer_id", "persona") else json.dumps(value, ensure_ascii=False)
        return row

    @classmethod
    def from_row(
        cls,
        row: Mapping[str, Any],
        *,
        generator: str = "imported",
        generator_version: str = "unknown",
        seed: int | None = None,
    ) -> ComputerBlueprint:
        """Build a blueprint from a 9-column row (ours, or the paper's when its fields fit our schema).

        Columns may be JSON strings or already-parsed values. Provenance comes from ``user_profile._provenance``
        when present, else from the keyword arguments. A ``persona`` that is a JSON-encoded string is decoded.

        Raises:
            ValueError: A column is missing or not valid JSON (pydantic's ``ValidationError`` for content).
        """
        missing = [c for c in ROW_COLUMNS if c not in row]
        if missing:
            raise ValueError(f"row lacks column(s) {', '.join(missing)}; expected {', '.join(ROW_COLUMNS)}")
        data: dict[str, Any] = {}
        for column in ROW_COLUMNS:
            value = row[column]
            if column in ("computer_id", "persona"):
                data[column] = _plain_text(value, column)
            elif isinstance(value, str | bytes):
                try:
                    data[column] = json.loads(value)
                except json.JSONDecodeError as exc:
                    raise ValueError(f"column {column!r} is not valid JSON: {exc}") from None
            else:
                data[column] = value
        if data["monthly_objectives"] is None:
            data["monthly_objectives"] = []
        if isinstance(data["file_graph"], list):
            data["file_graph"] = {"edges": data["file_graph"]}
        provenance: dict[str, Any] = {"generator": generator, "generator_version": generator_version, "seed": seed}
        profile = data["user_profile"]
        if isinstance(profile, dict) and isinstance(profile.get("_provenance"), dict):
            profile = dict(profile)
            provenance.update(profile.pop("_provenance"))
            data["user_profile"] = profile
        data.update(provenance)
        return cls.model_validate(data)


def _plain_text(value: Any, column: str) -> str:
    if isinstance(value, bytes):
        value = value.decode("utf-8")
    if not isinstance(value, str):
        raise ValueError(f"column {column!r} must be a string, got {type(value).__name__}")
    if value.startswith('"') and value.endswith('"') and len(value) >= 2:
        try:
            decoded = json.loads(value)
        except json.JSONDecodeError:
            return value
        if isinstance(decoded, str):
            return decoded
    return value
