"""Stage models and checks of the LLM computer generator, plus rendering, grounding digests and background files.

Everything here is deterministic and model-free: the LLM generator (:mod:`._llm`) asks a model for each stage's
object, then calls the checks below; their messages are what the model sees in a repair round, so they say what
is wrong *and* what is expected.
"""

from __future__ import annotations

import hashlib
import heapq
import io
import posixpath
import random
import re
import zipfile
from collections.abc import Iterable, Sequence
from datetime import datetime, time, timedelta

from pydantic import BaseModel, ConfigDict, Field

from synthcomp_agents.disk import describe_bytes, noise_bytes
from synthcomp_agents.office import (
    Attachment,
    CalendarSpec,
    CsvSpec,
    DocProperties,
    DocumentSpec,
    EmailSpec,
    ImageSpec,
    Paragraph,
    PresentationSpec,
    SpreadsheetSpec,
    Table,
    render_artifact,
    write_image,
    write_pdf,
)

from ._blueprint import (
    CollaborationContext,
    FileEdge,
    FilesystemPolicy,
    PlannedFile,
    Project,
    ProjectIndex,
    UserProfile,
    validate_graph,
)

__all__ = [
    "CONTENT_KINDS",
    "SPEC_FOR_KIND",
    "EmailDraft",
    "ProjectFilePlan",
    "check_collaborators",
    "check_file_plan",
    "check_policy",
    "check_profile",
    "check_projects",
    "digest",
    "make_background",
    "pack_zip",
    "placeholder_problems",
    "topological_order",
]


class EmailDraft(BaseModel):
    """What the model writes for an e-mail; the generator adds date, Message-ID, reply headers and attachments.

    Example:
        >>> EmailDraft(sender="Ana Ruiz <ana.ruiz@hartwell.example>", to=["Tom Becker <tom@hartwell.example>"],
        ...            subject="Q3 supplier review", body="Tom, the review is attached.").subject
        'Q3 supplier review'
    """

    model_config = ConfigDict(extra="forbid")

    sender: str = Field(description="'Name <address>' of the sender (the file's author).")
    to: list[str] = Field(min_length=1, description="'Name <address>' of each recipient.")
    cc: list[str] = Field(default_factory=list)
    subject: str = Field(min_length=1)
    body: str = Field(min_length=1, description="Plain-text body; name attached files and quote their figures.")


class ProjectFilePlan(BaseModel):
    """The files of one project and the typed edges into them (stage ``file_plan:<project_id>``).

    Example:
        >>> ProjectFilePlan(files=[], edges=[]).edges
        []
    """

    model_config = ConfigDict(extra="forbid")

    files: list[PlannedFile] = Field(description="Every planned file of the project (role 'core').")
    edges: list[FileEdge] = Field(default_factory=list, description="Edges whose target is one of these files.")


SPEC_FOR_KIND: dict[str, type[BaseModel]] = {
    "docx": DocumentSpec,
    "pdf": DocumentSpec,
    "md": DocumentSpec,
    "txt": DocumentSpec,
    "xlsx": SpreadsheetSpec,
    "pptx": PresentationSpec,
    "csv": CsvSpec,
    "eml": EmailDraft,
    "ics": CalendarSpec,
    "png": ImageSpec,
    "jpg": ImageSpec,
}
"""The spec the model writes for each core file kind (``zip`` files are packed from their attachment sources)."""

CONTENT_KINDS: tuple[str, ...] = (*SPEC_FOR_KIND, "zip")
"""Kinds a planned core file may have."""

_OS_DEFAULTS: dict[str, frozenset[str]] = {
    "macos": frozenset({"Desktop", "Documents", "Downloads", "Pictures", "Movies", "Music", "Public", "Sites"}),
    "windows": frozenset(
        {
            "Desktop",
            "Documents",
            "Downloads",
            "Pictures",
            "Music",
            "Videos",
            "Contacts",
            "Favorites",
            "Links",
            "Saved Games",
            "Searches",
            "3D Objects",
        }
    ),
    "linux": frozenset({"Desktop", "Documents", "Downloads", "Music", "Pictures", "Public", "Templates", "Videos"}),
}
_APP_TOPS: dict[str, frozenset[str]] = {
    "macos": frozenset({"Library", "Applications"}),
    "windows": frozenset({"AppData"}),
    "linux": frozenset(),
}
_FOREIGN: dict[str, dict[str, str]] = {
    "macos": {"AppData": "windows", "My Documents": "windows"},
    "windows": {"Library": "macos", "Applications": "macos", "Movies": "macos"},
    "linux": {"AppData": "windows", "Library": "macos", "Applications": "macos"},
}
_SYNC_PREFIXES = ("OneDrive", "Dropbox", "Google Drive", "iCloud Drive", "Box", "Nextcloud", "Work", "work",
                  "Projects", "projects", "Clients")  # fmt: skip
_REQUIRED_TOPS = ("Desktop", "Documents", "Downloads")


# ---------------------------------------------------------------------------------------------------------------------
# Stage checks (each returns plain-language problems; empty when valid)
# ---------------------------------------------------------------------------------------------------------------------


def check_profile(profile: UserProfile, *, os: str | None) -> list[str]:
    """Stage 1: the forced OS, a current job in the career history."""
    problems: list[str] = []
    if os is not None and profile.os != os:
        problems.append(f"os is {profile.os!r} but this computer must run {os!r}; set os to {os!r}")
    current = [c for c in profile.career_history if c.end_year is None]
    if profile.career_history and not current:
        problems.append("career_history has no current job (end_year null) at the employer")
    return problems


def check_collaborators(context: CollaborationContext, *, profile: UserProfile) -> list[str]:
    """Stage 2: nobody is the user; (4-10 and uniqueness are enforced by the model itself)."""
    problems: list[str] = []
    for c in context.collaborators:
        if c.name.casefold() == profile.name.casefold() or c.email.casefold() == profile.email.casefold():
            problems.append(f"collaborator {c.name!r} is the user; list other people")
    return problems


def _plausible_top(top: str, os: str) -> str | None:
    if top.startswith("."):
        return f"top-level folder {top!r} is hidden (app state); put work files in the user's visible folders"
    if top in _APP_TOPS.get(os, frozenset()):
        return f"top-level folder {top!r} holds application data on {os}; put work files elsewhere"
    foreign = _FOREIGN.get(os, {}).get(top)
    if foreign:
        return f"top-level folder {top!r} belongs to a {foreign} home, not a {os} one"
    if top in _OS_DEFAULTS[os] or top.startswith(_SYNC_PREFIXES):
        return None
    allowed = ", ".join(sorted(_OS_DEFAULTS[os]))
    return (
        f"top-level folder {top!r} is not a usual {os} home folder; use one of {allowed} or a sync folder "
        "such as 'OneDrive - <Company>' or 'Dropbox'"
    )


def check_projects(
    index: ProjectIndex,
    *,
    collaborators: CollaborationContext,
    now: datetime,
    os: str,
    min_projects: int,
) -> list[str]:
    """Stage 3: enough projects, known stakeholders, statuses consistent with now, folders plausible for the OS."""
    problems: list[str] = []
    if len(index.projects) < min_projects:
        problems.append(f"only {len(index.projects)} projects; list at least {min_projects}")
    known = {c.identifier for c in collaborators.collaborators}
    today = now.date()
    folders: dict[str, str] = {}
    for p in index.projects:
        unknown = [s for s in p.stakeholders if s not in known]
        if unknown:
            problems.append(
                f"project {p.project_id!r}: unknown stakeholder(s) {', '.join(unknown)}; use collaborator "
                f"identifiers ({', '.join(sorted(known))})"
            )
        if p.start_date > today:
            problems.append(f"project {p.project_id!r} starts {p.start_date}, after now ({today})")
        if p.status in ("completed", "cancelled") and (p.end_date is None or p.end_date > today):
            problems.append(f"project {p.project_id!r} is {p.status} but its end_date is not before now ({today})")
        problem = _plausible_top(p.folder.split("/")[0], os)
        if problem:
            problems.append(f"project {p.project_id!r} folder {p.folder!r}: {problem}")
        if p.folder in folders:
            problems.append(f"projects {folders[p.folder]!r} and {p.project_id!r} share the folder {p.folder!r}")
        folders[p.folder] = p.project_id
    return problems


def check_policy(policy: FilesystemPolicy, *, profile: UserProfile, projects: ProjectIndex) -> list[str]:
    """Stage 4: same OS, the OS default folders, project folders inside the layout, plausible app folders."""
    problems: list[str] = []
    os = profile.os
    if policy.os != os:
        problems.append(f"os is {policy.os!r} but the user profile says {os!r}")
    missing = [t for t in _REQUIRED_TOPS if t not in policy.home_layout]
    if missing:
        problems.append(f"home_layout lacks the {os} default folder(s) {', '.join(missing)}")
    for top in policy.home_layout:
        foreign = _FOREIGN.get(os, {}).get(top)
        if foreign:
            problems.append(f"home_layout folder {top!r} belongs to a {foreign} home, not a {os} one")
    for p in projects.projects:
        top = p.folder.split("/")[0]
        if top not in policy.home_layout:
            problems.append(f"project {p.project_id!r} lives in {top!r}, which is not in home_layout; add it")
    for path in policy.dotfiles:
        if not path.split("/")[0].startswith("."):
            problems.append(f"dotfile {path!r} must start with '.' (e.g. '.zshrc', '.ssh/config')")
    app_roots = {"macos": ("Library/",), "windows": ("AppData/",), "linux": (".config/", ".local/")}[os]
    for path in policy.app_folders:
        top = path.split("/")[0]
        if not (path.startswith(app_roots) or top.startswith(".") or top in policy.home_layout):
            problems.append(
                f"app folder {path!r} is not where {os} keeps application data (use {' or '.join(app_roots)})"
            )
    return problems


def check_file_plan(
    plan: ProjectFilePlan,
    *,
    project: Project,
    policy: FilesystemPolicy,
    earlier_files: Sequence[PlannedFile],
    earlier_edges: Sequence[FileEdge],
    now: datetime,
    min_files: int,
) -> list[str]:
    """Stage 5: the project's files are placed, typed and timed plausibly, and the graph stays valid."""
    problems: list[str] = []
    if len(plan.files) < min_files:
        problems.append(f"only {len(plan.files)} files planned; plan at least {min_files} for this project")
    earlier = {f.path for f in earlier_files}
    new = {f.path for f in plan.files}
    start = datetime.combine(project.start_date, time(0), tzinfo=now.tzinfo) - timedelta(days=30)
    for f in plan.files:
        if f.project_id != project.project_id:
            problems.append(f"{f.path}: project_id is {f.project_id!r}, expected {project.project_id!r}")
        if f.role != "core":
            problems.append(f"{f.path}: role must be 'core' (background files are added by the generator)")
        if f.kind not in CONTENT_KINDS:
            problems.append(f"{f.path}: kind {f.kind!r} cannot be generated; use one of {', '.join(CONTENT_KINDS)}")
        top = f.path.split("/")[0]
        if top not in policy.home_layout:
            layout = ", ".join(policy.home_layout)
            problems.append(f"{f.path}: top-level folder {top!r} is not in home_layout ({layout})")
        if any(part.startswith(".") for part in f.path.split("/")):
            problems.append(f"{f.path}: work files must not be hidden")
        if f.path in earlier:
            problems.append(f"{f.path}: already planned by another project; choose another name")
        if f.modified > now:
            problems.append(f"{f.path}: modified {f.modified.isoformat()} is after now ({now.isoformat()})")
        if f.created < start:
            problems.append(
                f"{f.path}: created {f.created.date()} long before the project started ({project.start_date})"
            )
    for e in plan.edges:
        if e.target not in new:
            problems.append(f"edge {e.source!r} -{e.type}-> {e.target!r}: the target must be one of this plan's files")
        elif e.source not in new and e.source not in earlier:
            problems.append(f"edge {e.source!r} -{e.type}-> {e.target!r}: source {e.source!r} is not a planned file")
    for f in plan.files:
        if f.kind == "zip" and not any(e.target == f.path and e.type == "attachment_of" for e in plan.edges):
            problems.append(f"{f.path}: a zip file needs attachment_of edges naming the files packed into it")
    graph = validate_graph([*earlier_files, *plan.files], [*earlier_edges, *plan.edges])
    problems.extend(p for p in graph if p not in problems)
    return problems


_PLACEHOLDER = re.compile(
    r"lorem ipsum|\bTBD\b|\[insert|<insert|\bSection \d+\b|\bJohn Doe\b|\bJane Doe\b|\bplaceholder\b|\bXXX+\b|"
    r"example text|\bfoo\b|\bbar baz\b",
    re.IGNORECASE,
)


def placeholder_problems(text: str) -> list[str]:
    """Placeholder or filler text found in ``text`` (e.g. 'lorem ipsum', 'TBD', 'Section 3').

    Example:
        >>> placeholder_problems("Budget: TBD")
        ["contains placeholder text 'TBD'; write the real content"]
    """
    found = list(dict.fromkeys(m.group(0) for m in _PLACEHOLDER.finditer(text)))
    return [f"contains placeholder text {f!r}; write the real content" for f in found[:5]]


# ---------------------------------------------------------------------------------------------------------------------
# Ordering, grounding and rendering
# ---------------------------------------------------------------------------------------------------------------------


def topological_order(files: Sequence[PlannedFile], edges: Iterable[FileEdge]) -> list[str]:
    """Files in dependency order (sources first), ties broken by creation time then path (deterministic).

    Example:
        >>> from datetime import datetime, timezone
        >>> t = datetime(2025, 1, 6, tzinfo=timezone.utc)
        >>> fs = [PlannedFile(path=p, kind=p.rsplit(".", 1)[1], purpose="x", author="A", created=t, modified=t,
        ...                   target_size=1) for p in ("b.docx", "a.xlsx")]
        >>> topological_order(fs, [FileEdge(source="b.docx", target="a.xlsx", type="references")])
        ['b.docx', 'a.xlsx']
    """
    by_path = {f.path: f for f in files}
    indegree = dict.fromkeys(by_path, 0)
    downstream: dict[str, list[str]] = {p: [] for p in by_path}
    for e in edges:
        if e.source in by_path and e.target in by_path:
            indegree[e.target] += 1
            downstream[e.source].append(e.target)
    heap = [(by_path[p].created, p) for p, n in indegree.items() if n == 0]
    heapq.heapify(heap)
    order: list[str] = []
    while heap:
        _, path = heapq.heappop(heap)
        order.append(path)
        for nxt in downstream[path]:
            indegree[nxt] -= 1
            if indegree[nxt] == 0:
                heapq.heappush(heap, (by_path[nxt].created, nxt))
    if len(order) != len(by_path):  # pragma: no cover - the graph was validated acyclic
        raise ValueError("the file graph has a cycle")
    return order


def digest(name: str, data: bytes, budget: int) -> str:
    """Text a model needs from an upstream file, at most ``budget`` characters.

    Workbooks show every sheet row by row with formulas replaced by their computed values (what a report must
    quote); other files show their extracted text.

    Example:
        >>> digest("a.csv", b"item,amount\\nA,1200\\n", 100)
        'item,amount\\nA,1200\\n'
    """
    from synthcomp_agents.office import evaluate_workbook, extract_text

    base = posixpath.basename(name)
    try:
        if base.lower().endswith((".xlsx", ".xlsm")):
            book = evaluate_workbook(data, time_budget_s=5.0)
            lines: list[str] = []
            for sheet, cells in book.items():
                lines.append(f"[sheet {sheet}] (formulas shown as computed values)")
                rows: dict[int, list[tuple[int, object]]] = {}
                for coord, value in cells.items():
                    m = re.match(r"([A-Z]+)(\d+)$", coord)
                    if not m:
                        continue
                    col = 0
                    for ch in m.group(1):
                        col = col * 26 + ord(ch) - 64
                    rows.setdefault(int(m.group(2)), []).append((col, value))
                for r in sorted(rows):
                    lines.append("\t".join(_cell(v) for _, v in sorted(rows[r])))
                    if sum(len(x) + 1 for x in lines) > budget:
                        break
            text = "\n".join(lines)
        elif base.lower().endswith((".png", ".jpg", ".jpeg", ".zip")):
            text = f"({base}: binary file, {len(data):,} bytes)"
        else:
            text = extract_text(base, data, max_chars=budget + 1)
    except Exception as exc:  # an unreadable neighbour is reported, not fatal
        text = f"({base}: could not be read: {exc})"
    return text if len(text) <= budget else text[: max(0, budget - 15)] + "\n[...truncated]"


def _cell(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.2f}" if value != int(value) else f"{int(value)}"
    return "" if value is None else str(value)


def with_properties(spec: BaseModel, planned: PlannedFile, *, title: str, subject: str | None) -> BaseModel:
    """Return ``spec`` with core properties matching the plan (author, times) so metadata agrees with the disk."""
    if not hasattr(spec, "properties"):
        return spec
    props = getattr(spec, "properties", None) or DocProperties()
    props = props.model_copy(
        update={
            "title": props.title or title,
            "author": planned.author,
            "last_modified_by": planned.author,
            "subject": props.subject or subject,
            "created": planned.created,
            "modified": planned.modified,
        }
    )
    return spec.model_copy(update={"properties": props})


def render(spec: BaseModel, planned: PlannedFile) -> bytes:
    """Render a content spec to the planned file's format (raises ``OfficeError`` with a readable message)."""
    ext = posixpath.splitext(planned.path)[1].lstrip(".").lower() or planned.kind
    return render_artifact(spec, ext)


def pack_zip(members: Sequence[tuple[str, bytes]], when: datetime) -> bytes:
    """A deterministic zip of ``(name, bytes)`` members (fixed timestamps and order)."""
    out = io.BytesIO()
    stamp = (max(1980, when.year), when.month, when.day, when.hour, when.minute, when.second // 2 * 2)
    with zipfile.ZipFile(out, "w") as zf:
        seen: set[str] = set()
        for name, data in members:
            base = name
            k = 2
            while base in seen:
                stem, ext = posixpath.splitext(name)
                base = f"{stem} ({k}){ext}"
                k += 1
            seen.add(base)
            info = zipfile.ZipInfo(base, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)
    return out.getvalue()


def email_spec(
    draft: EmailDraft,
    planned: PlannedFile,
    *,
    message_id: str,
    replies_to: Sequence[str],
    attachments: Sequence[tuple[str, bytes]],
) -> EmailSpec:
    """The full e-mail: the model's draft plus date, ids, reply headers and the exact attachment bytes."""
    return EmailSpec(
        sender=draft.sender,
        to=draft.to,
        cc=draft.cc,
        subject=draft.subject,
        body=draft.body,
        date=planned.created,
        message_id=message_id,
        in_reply_to=replies_to[-1] if replies_to else None,
        references=list(replies_to),
        attachments=[Attachment(filename=name, content=data) for name, data in attachments],
    )


# ---------------------------------------------------------------------------------------------------------------------
# Background files (procedural, seeded)
# ---------------------------------------------------------------------------------------------------------------------


def make_background(
    rng: random.Random,
    *,
    profile: UserProfile,
    policy: FilesystemPolicy,
    core: dict[str, tuple[PlannedFile, bytes]],
    now: datetime,
    taken: set[str],
) -> list[tuple[PlannedFile, bytes]]:
    """Files real homes have besides work: downloads, installers, photos, screenshots, copies, dotfiles, app data.

    Args:
        rng: Seeded random generator.
        profile: The user.
        policy: The filesystem policy (dotfiles and app folders come from it).
        core: The core files and their bytes (some are copied, as saved attachments and desktop copies are).
        now: The simulated now; every file is older.
        taken: Paths already used (updated).

    Returns:
        ``(planned file, bytes)`` pairs with role ``background``.
    """
    me = profile.name
    out: list[tuple[PlannedFile, bytes]] = []

    def when(days_back: int) -> datetime:
        return now - timedelta(days=days_back, hours=rng.randint(1, 9), minutes=rng.randint(0, 59))

    def add(path: str, data: bytes, purpose: str, author: str, created: datetime) -> None:
        stem, ext = posixpath.splitext(path)
        k = 2
        while path in taken:
            path = f"{stem} ({k}){ext}"
            k += 1
        taken.add(path)
        from ._blueprint import kind_for_path

        out.append(
            (
                PlannedFile(
                    path=path,
                    kind=kind_for_path(path),
                    purpose=purpose,
                    author=author,
                    created=created,
                    modified=created,
                    target_size=len(data),
                    role="background",
                ),
                data,
            )
        )

    docs = sorted(p for p, (f, _) in core.items() if f.kind in ("docx", "xlsx", "pptx", "pdf"))
    for path in rng.sample(docs, k=min(len(docs), 4)):
        planned, data = core[path]
        add(
            f"Downloads/{posixpath.basename(path)}",
            data,
            "Saved e-mail attachment",
            planned.author,
            min(planned.modified + timedelta(hours=rng.randint(1, 48)), now - timedelta(minutes=5)),
        )
    for path in rng.sample(docs, k=min(len(docs), 2)):
        planned, data = core[path]
        add(
            f"Desktop/Copy of {posixpath.basename(path)}",
            data,
            "Quick copy on the desktop",
            planned.author,
            min(planned.modified + timedelta(days=1), now - timedelta(minutes=5)),
        )
    for app, version in rng.sample(
        [("Zoom", "6.2.5"), ("Slack", "4.41.97"), ("Notion", "3.14.0"), ("VLC", "3.0.21"), ("LibreOffice", "24.8.3")],
        k=2,
    ):
        payload = noise_bytes(rng, rng.randint(150_000, 400_000))
        readme = f"{app} {version}\n\nRun the installer and follow the prompts.\n".encode()
        created = when(rng.randint(20, 400))
        add(
            f"Downloads/{app}-{version}.zip",
            describe_bytes(
                pack_zip([(f"{app}-{version}/README.txt", readme), (f"{app}-{version}/setup.bin", payload)], created),
                payload,
            ),
            f"{app} installer",
            app,
            created,
        )
    for _ in range(2):
        number = rng.randint(10_000, 99_999)
        amount = rng.randint(120, 3_800)
        vendor = rng.choice(["Staples Business", "Lyreco", "Adobe", "Atlassian", "Dell Technologies", "Regus"])
        created = when(rng.randint(10, 300))
        spec = DocumentSpec(
            title=f"Invoice {number}",
            subtitle=f"{vendor} - {created.date().isoformat()}",
            blocks=[
                Paragraph(text=f"Bill to: {me}, {profile.employer}, {profile.location}"),
                Table(
                    header=["Item", "Qty", "Amount"],
                    rows=[
                        [
                            rng.choice(["Annual licence", "Support hours", "Office supplies", "Monitor"]),
                            1,
                            f"{amount:,.2f}",
                        ],
                        ["Total", "", f"{amount:,.2f}"],
                    ],
                ),
                Paragraph(text=f"Payment due within 30 days quoting reference {number}."),
            ],
            properties=DocProperties(title=f"Invoice {number}", author=vendor, created=created, modified=created),
        )
        add(f"Downloads/Invoice_{number}.pdf", write_pdf(spec), "Supplier invoice", vendor, created)
    for k in range(3):
        created = when(rng.randint(2, 200))
        shot = ImageSpec(
            format="png",
            width=640,
            height=400,
            subject="screenshot",
            seed=rng.randint(0, 10**6),
            title=rng.choice(["Dashboard", "Inbox", "Calendar", "Settings"]),
        )
        folder = "Desktop" if profile.os == "macos" else "Pictures/Screenshots"
        add(
            f"{folder}/Screenshot {created.date().isoformat()} {10 + k}.{rng.randint(10, 59)}.png",
            write_image(shot),
            "Screenshot",
            me,
            created,
        )
    year = now.year - 1
    event = rng.choice(["Summer holiday", "Team offsite", "Hiking", "City trip"])
    for _ in range(4):
        created = when(rng.randint(200, 500))
        photo = ImageSpec(format="jpg", width=640, height=480, subject="photo", seed=rng.randint(0, 10**6))
        add(
            f"Pictures/{year} {event}/IMG_{rng.randint(1000, 9999)}.jpg",
            write_image(photo),
            "Personal photo",
            me,
            created,
        )
    todo = "\n".join(f"- [ ] {rng.choice(['call', 'send', 'check', 'book'])} {posixpath.basename(p)}" for p in docs[:4])
    add(
        "Desktop/todo.txt",
        f"TODO {now.date().isoformat()}\n{todo}\n".encode(),
        "To-do list",
        me,
        now - timedelta(hours=20),
    )
    known = {
        ".gitconfig": f"[user]\n\tname = {me}\n\temail = {profile.email}\n",
        ".zshrc": "export EDITOR=nano\nalias ll='ls -la'\n",
        ".bashrc": "export EDITOR=nano\nalias ll='ls -la'\n",
        ".ssh": "Host *\n  ServerAliveInterval 60\n",
    }
    for path in policy.dotfiles:
        name = path.split("/")[-1]
        target = f"{path}/config" if name in (".ssh", ".config", ".local", ".vscode", ".aws") else path
        add(target, known.get(name, f"# {name} settings\n").encode(), "Configuration", me, when(500))
    for folder in policy.app_folders:
        add(
            f"{folder}/settings.json",
            b'{"autoStart": false, "language": "en"}\n',
            "App settings",
            folder.split("/")[-1],
            when(300),
        )
    return out


def content_digest(parts: Iterable[bytes]) -> str:
    """A short stable digest of byte strings (used for deterministic ids)."""
    h = hashlib.sha1()
    for part in parts:
        h.update(part)
        h.update(b"\0")
    return h.hexdigest()[:16]


def spec_text(spec: BaseModel) -> str:
    """All text of a spec (for placeholder checks)."""
    return spec.model_dump_json()
