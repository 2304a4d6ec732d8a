"""Prompts of the LLM computer generator: one system message, one task per stage, one repair message.

Every prompt starts with a ``STAGE: <name>`` line (and per-file prompts with ``FILE: <path>``) so that logs, caches
and scripted test clients can tell the calls apart.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from pydantic import BaseModel

from ._blueprint import EDGE_SEMANTICS

__all__ = [
    "SYSTEM_MESSAGE",
    "collaborators_prompt",
    "content_prompt",
    "file_plan_prompt",
    "policy_prompt",
    "profile_prompt",
    "projects_prompt",
    "repair_prompt",
    "schema_hint",
]

SYSTEM_MESSAGE = (
    "You design realistic synthetic user computers for training computer-use agents. You answer with ONE JSON "
    "object matching the requested schema, and nothing else: no prose, no Markdown fences. Content must be "
    "specific and professional: real-sounding names, organisations, dates and amounts that fit the persona; never "
    "placeholders (no 'lorem ipsum', 'TBD', 'Section 1', '[insert ...]', 'John Doe'). When upstream files are "
    "given, quote their actual figures and names exactly."
)


def _dump(value: Any) -> str:
    if isinstance(value, BaseModel):
        value = value.model_dump(mode="json", exclude_defaults=False)
    return json.dumps(value, ensure_ascii=False, indent=None, separators=(",", ":"))


def schema_hint(model: type[BaseModel]) -> str:
    """The JSON schema of ``model`` as compact text (for clients without native structured output)."""
    return json.dumps(model.model_json_schema(), separators=(",", ":"))


def _header(stage: str, now: datetime, persona: str) -> str:
    return f"STAGE: {stage}\nNOW: {now.isoformat(timespec='minutes')}\nPERSONA: {persona}\n"


def profile_prompt(persona: str, *, now: datetime, os: str | None, hints: dict[str, Any]) -> str:
    """Stage 1: the user profile."""
    forced = f"The computer's operating system MUST be {os!r}.\n" if os else "Pick the operating system they use.\n"
    return (
        _header("profile", now, persona)
        + f"What the persona text tells us: {_dump(hints)}\n"
        + "Write the user's profile: name, job title, employer (invented, plausible), industry, seniority, location "
        "(city, country), IANA time zone, a username (it names the home folder), work e-mail at the employer's "
        "domain, career history oldest first (the current job last, end_year null), 5-8 skills, 4-6 tools, "
        "working style, and document habits (tidy/average/messy, naming pattern, versioning, archiving, clutter).\n"
        + forced
    )


def collaborators_prompt(persona: str, *, now: datetime, profile: BaseModel) -> str:
    """Stage 2: the collaborators."""
    return (
        _header("collaborators", now, persona)
        + f"USER PROFILE: {_dump(profile)}\n"
        + "List 5-8 people this user works with (4 minimum, 10 maximum): their manager, peers, cross-functional "
        "partners and at least one external contact (client, vendor or partner). For each: full name, identifier "
        "(lower-case Python identifier made from the name, e.g. 'ana_ruiz'), role, organisation, relationship, "
        "e-mail, a one-line persona, how they communicate, typical reply latency in hours, and 1-3 private facts "
        "they know that are NOT in any file on the user's disk. Nobody may be the user themself.\n"
    )


def projects_prompt(
    persona: str, *, now: datetime, profile: BaseModel, collaborators: BaseModel, min_projects: int
) -> str:
    """Stage 3: the project index."""
    return (
        _header("projects", now, persona)
        + f"USER PROFILE: {_dump(profile)}\nCOLLABORATORS: {_dump(collaborators)}\n"
        + f"List {min_projects}-{max(min_projects + 3, 8)} projects and recurring responsibilities (at least "
        f"{min_projects}, at most 15) of the last two years up to NOW: ids like 'p01' or 'r01', names, kind, what "
        "each is about, start and end dates (end null for open-ended recurring work), a status consistent with NOW "
        "(completed or cancelled ones ended before NOW), stakeholders as collaborator identifiers, and the "
        "home-relative folder holding its files (e.g. 'Documents/Projects/2025/Supplier Review'; no leading '/', "
        "'~' or drive letter; folders the OS layout would have).\n"
    )


def policy_prompt(persona: str, *, now: datetime, profile: BaseModel, projects: BaseModel, os: str) -> str:
    """Stage 4: the filesystem policy."""
    return (
        _header("filesystem_policy", now, persona)
        + f"USER PROFILE: {_dump(profile)}\nPROJECTS: {_dump(projects)}\n"
        + f"Describe how this {os} home is laid out and how the user names files: the top-level folders of the home "
        "(the OS defaults such as Desktop, Documents, Downloads, Pictures, plus e.g. a OneDrive or Dropbox folder; "
        "every project folder must start with one of them), folder conventions, naming patterns, version markers, "
        "depth and clutter tendencies, dotfiles, and application folders (macOS under 'Library/', Windows under "
        "'AppData/', Linux under '.config/' or '.local/').\n"
    )


def file_plan_prompt(
    persona: str,
    *,
    now: datetime,
    profile: BaseModel,
    collaborators: Sequence[str],
    project: BaseModel,
    policy: BaseModel,
    earlier: Sequence[str],
    min_files: int,
    kinds: Sequence[str],
) -> str:
    """Stage 5: the files of one project and the edges into them."""
    edge_rules = "\n".join(f"- {name}: {text}" for name, text in EDGE_SEMANTICS.items())
    shown = "\n".join(f"- {p}" for p in earlier[-60:]) or "(none yet)"
    return (
        _header(f"file_plan:{getattr(project, 'project_id', '?')}", now, persona)
        + f"USER: {getattr(profile, 'name', '')} ({getattr(profile, 'role', '')}), OS {getattr(policy, 'os', '')}\n"
        + f"COLLABORATORS (possible authors): {', '.join(collaborators)}\n"
        + f"PROJECT: {_dump(project)}\nFILESYSTEM POLICY: {_dump(policy)}\n"
        + f"FILES PLANNED SO FAR (other projects; edges may start from them):\n{shown}\n"
        + f"Plan at least {min_files} files of this project (kinds: {', '.join(kinds)}), with project_id "
        f"{getattr(project, 'project_id', '?')!r}, role 'core', home-relative paths (mostly under the project "
        "folder, named by the user's naming patterns), purpose, author, created/modified times (ISO 8601 with "
        "offset, not after NOW, within the project's life), target size in bytes; then the typed edges between "
        "files (source = upstream file, target = one of the files you plan now). Edge meanings and time rules:\n"
        + edge_rules
        + "\nMake it a real web of work: raw data (csv) input_to a workbook (xlsx); reports derived_from "
        "workbooks; decks summarizing reports; newer versions (version_of); e-mails (eml) with attachment_of "
        "edges for files they carry and references to the thread they reply to; meeting notes referencing the "
        "calendar (ics) and decks. No cycles.\n"
    )


def content_prompt(
    persona: str,
    *,
    now: datetime,
    user: str,
    planned: BaseModel,
    project: BaseModel | None,
    spec_name: str,
    incoming: Sequence[tuple[str, str, str]],
    neighbours: Sequence[tuple[str, str]],
    siblings: Sequence[str],
    notes: Sequence[str],
) -> str:
    """Stage 6: the content of one file, grounded on its upstream neighbours."""
    path = getattr(planned, "path", "?")
    edges = "\n".join(f"- {etype} from {src}: {note or EDGE_SEMANTICS[etype]}" for src, etype, note in incoming)
    context = "\n\n".join(f"--- {name} ---\n{text}" for name, text in neighbours) or "(no upstream files)"
    return (
        _header("content", now, persona)
        + f"FILE: {path}\n"
        + f"USER: {user}\nPLANNED FILE: {_dump(planned)}\n"
        + (f"PROJECT: {_dump(project)}\n" if project is not None else "")
        + f"OTHER FILES OF THE PROJECT: {', '.join(siblings[:40]) or '(none)'}\n"
        + f"INCOMING EDGES (this file depends on):\n{edges or '(none)'}\n"
        + f"UPSTREAM CONTENT (extracted, truncated):\n{context}\n"
        + f"Write the full content of this file as a {spec_name} object. "
        + " ".join(notes)
        + "\n"
    )


def repair_prompt(stage: str, errors: Sequence[str], attempt: int, max_repairs: int) -> str:
    """The message sent back when a stage's answer is invalid: the errors, and a request for the whole object."""
    shown = "\n".join(f"- {e}" for e in errors[:25])
    more = f"\n(and {len(errors) - 25} more)" if len(errors) > 25 else ""
    return (
        f"STAGE: {stage}\nREPAIR {attempt}/{max_repairs}\n"
        f"Your previous answer for stage {stage!r} is invalid:\n{shown}{more}\n"
        "Return the complete corrected JSON object (the whole object, not a diff), keeping everything that was "
        "already correct. Answer with the JSON object only."
    )
